"""The second reader on real crops of scanned letters, and how readings are weighed.

The crops in fixtures/slots are cut at 300 dpi from real LAPAN scans (../shared/real): a serial
written by hand into "NOMOR … TAHUN" (a 3 the page's OCR reads as 5; an 8 it reads as "&"), a date
stamped in violet ink into an empty "Pada tanggal" slot, and a name under a signature and a round
stamp.
"""

from __future__ import annotations

import datetime as dt

import pytest

from edaran.extract import reread
from edaran.extract.reread import Decision, decide_date, decide_name, decide_number, serials_of
from edaran.ingest.second_reader import SIZINGS, Piece, Reading, read_region, unavailable

from conftest import FIXTURES

SLOTS = FIXTURES / "slots"
needs_reader = pytest.mark.skipif(unavailable() is not None, reason=str(unavailable()))


def _whole_page(path) -> tuple[float, float, float, float]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    width, height = pdf[0].get_size()
    pdf.close()
    return (0.0, 0.0, width, height)


def _read(name: str) -> list[Reading]:
    """Both sizings' readings of a crop (the extractor stops after the first when it settles the value)."""
    path = SLOTS / name
    return [read_region(str(path), name, 1, _whole_page(path), sizing, cache=False) for sizing in SIZINGS]


def readings(*texts: str) -> list[Reading]:
    return [Reading(f"r{i}", (Piece(t, 0.97, (0, 0, 10, 10)),)) for i, t in enumerate(texts)]


# -- real crops ---------------------------------------------------------------------------------


@needs_reader
def test_handwritten_serial_the_page_ocr_misreads():
    got = _read("handwritten-serial-3.pdf")
    assert len(got) == 2
    decision = decide_number("5 TAHUN 2018", got)  # what tesseract read on the page
    assert decision.value == "3 TAHUN 2018"
    assert decision.confidence < 0.9 and decision.warnings[0][0] == "readers_disagree"


@needs_reader
def test_handwritten_eight_read_as_ampersand_is_flagged():
    decision = decide_number("& TAHUN 2017", _read("handwritten-serial-8.pdf"))
    assert decision.value in ("8 TAHUN 2017", None)
    assert decision.warnings, "a serial read through a look-alike is never given without a warning"


@needs_reader
def test_stamped_date_in_an_empty_slot():
    decision = decide_date(None, _read("stamped-date-22-jan-2018.pdf"), 2018)
    assert decision.value == dt.date(2018, 1, 22)


@needs_reader
def test_name_under_a_stamp_keeps_the_words_both_readers_saw():
    kept, confidence, doubts = decide_name("NX - THOMAS /DJAMALUDDIN", _read("name-under-stamp.pdf"))
    assert kept == "THOMAS DJAMALUDDIN" and not doubts and confidence >= 0.9


@needs_reader
def test_readings_are_cached_by_content(tmp_path, monkeypatch):
    monkeypatch.setenv("EDARAN_CACHE_DIR", str(tmp_path))
    path = SLOTS / "handwritten-serial-3.pdf"
    first = read_region(str(path), "digest", 1, _whole_page(path))
    assert list((tmp_path / "ocr" / "second").rglob("*.json"))
    assert read_region(str(path), "digest", 1, _whole_page(path)) == first


def test_unreadable_region_gives_no_reading(tmp_path):
    assert read_region(str(tmp_path / "missing.pdf"), "x", 1, (0, 0, 10, 10), cache=False) is None


# -- weighing numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("5", {"5": False}),
        ("03", {"03": False}),
        ("g", {"9": True}),
        ("&", {"8": True}),
        ("B5", {"85": True, "5": False}),
        ("O3", {"03": True, "3": False}),
        ("Y", {}),
        ("", {}),
    ],
)
def test_serial_tokens(token, expected):
    assert serials_of(token) == expected


@pytest.mark.parametrize(
    ("first", "texts", "value", "sure"),
    [
        ("1 TAHUN 2018", ("NOMOR1 TAHUN2018", "NOMOR 1 TAHUN 2018"), "1 TAHUN 2018", reread.AGREED_ALL),
        ("1 TAHUN 2018", ("NOMOR 1 TAHUN 2018", "NOMOR TAHUN 2018"), "1 TAHUN 2018", reread.AGREED_TWO),
        ("B5 TAHUN 2017", ("NOMOR 5 TAHUN 2O17", "nomor5tahun2017"), "5 TAHUN 2017", reread.AGREED_ALL),
        ("03 TAHUN 2016", ("NOMORO3 TAHUN 2016", "NOMORO3 TAHUN 2016"), "03 TAHUN 2016", reread.AGREED_ALL),
        ("& TAHUN 2017", ("NOMOR & TAHUN 2017", "NOMORQ TAHUN2017"), "8 TAHUN 2017", reread.THROUGH_LOOK_ALIKE),
        ("Y TAHUN 2015", ("NOMORg TAHUN2015", "NOMOR 9 TAHUN 2015"), "9 TAHUN 2015", reread.THROUGH_LOOK_ALIKE),
        ("5 TAHUN 2018", ("NOMOR 3 TAHUN 2018", "NOMOR 3 TAHUN 2018"), "3 TAHUN 2018", reread.OVERRULED),
        ("5 TAHUN 2018", ("NOMOR 3 TAHUN 2018", "NOMOR TAHUN 2018"), None, 0.0),  # one against one: nothing
        ("5 TAHUN 2018", ("NOMOR 6 TAHUN 2018", "NOMOR 3 TAHUN 2018"), None, 0.0),  # three readings, three serials
    ],
)
def test_number_votes(first, texts, value, sure):
    decision = decide_number(first, readings(*texts))
    assert decision.value == value
    assert decision.confidence == pytest.approx(sure)
    if value is None or sure < reread.AGREED_TWO:
        assert decision.warnings, "a doubtful or withheld number always says why"


@pytest.mark.parametrize(
    ("first", "texts", "value", "sure"),
    [
        # a serial written by hand into a typed "800/      /BKD/2024": the page's OCR read the blank
        (
            "800/ /BKD/2024",
            ("Nomor : 800/123/BKD/2024", "Nomor:800/ 123 /BKD/2024"),
            "800/123/BKD/2024",
            reread.SECOND_ONLY,
        ),
        (
            "800/l23/BKD/2024",
            ("Nomor : 800/123/BKD/2024", "Nomor : 800/123/BKD/2024"),
            "800/123/BKD/2024",
            reread.AGREED_ALL,
        ),
        ("800/ /BKD/2024", ("Nomor : 800/123/BKD/2024", "Nomor : 800/128/BKD/2024"), None, 0.0),
        # a reading of another line (another unit, another year) has no say
        ("800/ /BKD/2024", ("Nomor : 800/123/DISDIK/2023", "Lampiran : -"), None, None),
    ],
)
def test_slashed_number_votes(first, texts, value, sure):
    decision = decide_number(first, readings(*texts))
    if sure is None:
        assert decision is None
        return
    assert decision.value == value and decision.confidence == pytest.approx(sure)
    if value is None or sure < reread.AGREED_TWO:
        assert decision.warnings


# -- weighing dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pada tanggal 16JAN2018", (2018, 1, 16)),
        ("1 7JAN 2013", (2013, 1, 17)),
        ("2 1 JUL 2017", (2017, 7, 21)),
        ("pada Tanggal 18APR2017", (2017, 4, 18)),
        ("31 Mei 2016", (2016, 5, 31)),
        ("JUN2015", None),
        ("184 APR 2017", None),
        ("45 JAN 2018", None),
    ],
)
def test_dates_as_the_second_reader_sees_them(text, expected):
    assert reread.date_in(text) == expected


def test_date_year_disagreeing_with_the_number_takes_the_number_year_flagged():
    decision = decide_date(dt.date(2059, 1, 17), readings("1 7 JAN 2013", "17 JAN 2013"), 2018)
    assert decision.value == dt.date(2018, 1, 17)
    assert decision.warnings[0][0] == "date_year_from_number" and decision.confidence < 0.9


def test_date_readers_agreeing_with_the_page():
    decision = decide_date(dt.date(2018, 1, 16), readings("16 JAN 2018", "16JAN2018"), 2018)
    assert decision == Decision(dt.date(2018, 1, 16), reread.AGREED_ALL, [])


def test_date_two_readers_two_dates_gives_nothing():
    decision = decide_date(None, readings("16 JAN 2018", "18 JAN 2018"), None)
    assert decision.value is None and decision.warnings[0][0] == "readers_disagree"


# -- weighing names -----------------------------------------------------------------------------


def test_name_word_the_second_reader_does_not_confirm_withholds_the_name():
    kept, _, doubts = decide_name("Drs Ignatfus Loyola Arisdiyo", readings(" Loyola Arisdiyo,", "M.Si."))
    assert kept is None and doubts[0][0] == "readers_disagree" and "Ignatfus" in doubts[0][1]


def test_name_confirmed_without_spaces():
    kept, _, doubts = decide_name("THOMAS DJAMALUDDIN", readings("THOMASDJAMALUDDIN"))
    assert kept == "THOMAS DJAMALUDDIN" and not doubts


def test_date_a_reading_against_the_page_and_another_is_flagged():
    """As for numbers: two readings agreeing while a third saw another date give the value, flagged."""
    decision = decide_date(dt.date(2018, 1, 16), readings("16 JAN 2018", "18 JAN 2018"), 2018)
    assert decision.value == dt.date(2018, 1, 16) and decision.confidence == reread.OVERRULED
    assert decision.warnings[0][0] == "readers_disagree"
