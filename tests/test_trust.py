"""Trust: signature blocks of other agencies, scraps OCR makes of signatures, confidence and the review flag.

Each case is a family of letters, not one letter: an office title over several lines before "ttd",
a bare head title under a body's letterhead, national bodies outside the ministries, OCR's
readings of a signature's strokes.
"""

from __future__ import annotations

import datetime as dt

import pytest

from edaran.extract import extract_letter
from edaran.extract.confidence import LABELLED, of_value, review_of
from edaran.extract.letter import _office_near
from edaran.extract.signature import _name_like, name_problem
from edaran.ingest import read_text

TODAY = dt.date(2026, 1, 1)


def letter_of(
    head: str,
    signature: str,
    body: str = "Dalam rangka menjaga netralitas, pegawai dilarang:\n"
    "a. ikut kampanye;\nb. menggunakan fasilitas negara.\n",
):
    text = (
        f"{head}\n\nSURAT EDARAN\nNOMOR 3 TAHUN 2024\nTENTANG\nNETRALITAS PEGAWAI\n\n{body}\n"
        f"Ditetapkan di Jakarta\npada tanggal 5 Februari 2024\n\n{signature}\n"
    )
    return extract_letter(read_text("surat.txt", text.encode()), today=TODAY)


@pytest.mark.parametrize(
    ("head", "signature", "office", "title", "name"),
    [
        # an office over several lines before "ttd", the continuation naming no office
        (
            "PEMERINTAH KABUPATEN SLEMAN",
            "KEPALA BADAN PENGELOLAAN\nKEUANGAN DAN ASET DAERAH\n\nttd\n\nHARDA KISWAYA",
            "kepala_badan",
            "KEPALA BADAN PENGELOLAAN KEUANGAN DAN ASET DAERAH",
            "Harda Kiswaya",
        ),
        (
            "LEMBAGA KEBIJAKAN PENGADAAN BARANG/JASA PEMERINTAH",
            "KEPALA LEMBAGA KEBIJAKAN PENGADAAN\nBARANG/JASA PEMERINTAH\n\nttd\n\nHENDRAR PRIHADI",
            "kepala_lembaga",
            "KEPALA LEMBAGA KEBIJAKAN PENGADAAN BARANG/JASA PEMERINTAH",
            "Hendrar Prihadi",
        ),
        # the second line opens with "DAN": the office goes on
        (
            "LEMBAGA PENERBANGAN DAN ANTARIKSA NASIONAL",
            "KEPALA LEMBAGA PENERBANGAN\nDAN ANTARIKSA\n\nTHOMAS DJAMALUDDIN",
            "kepala_lembaga",
            "KEPALA LEMBAGA PENERBANGAN DAN ANTARIKSA",
            "Thomas Djamaluddin",
        ),
        (
            "OTORITAS JASA KEUANGAN",
            "KEPALA EKSEKUTIF PENGAWAS\nPERASURANSIAN, PENJAMINAN, DAN\nDANA PENSIUN\n"
            "OTORITAS JASA KEUANGAN,\n\nttd\n\nOGI PRASTOMIYONO",
            "kepala_eksekutif",
            "KEPALA EKSEKUTIF PENGAWAS PERASURANSIAN, PENJAMINAN, DAN DANA PENSIUN OTORITAS JASA KEUANGAN",
            "Ogi Prastomiyono",
        ),
    ],
)
def test_office_titles_over_several_lines(head, signature, office, title, name):
    letter = letter_of(head, signature)
    assert (letter.issuer.office, letter.signatory.title, letter.signatory.name) == (office, title, name)
    assert letter.issuer.region is not None
    if "PEMERINTAH KABUPATEN" not in head:
        assert letter.issuer.region.level == "nasional"


@pytest.mark.parametrize(
    ("head", "office"),
    [
        ("LEMBAGA PENERBANGAN DAN ANTARIKSA NASIONAL\n(LAPAN)", "kepala_lembaga"),
        ("BADAN METEOROLOGI, KLIMATOLOGI, DAN GEOFISIKA", "kepala_badan"),
        ("badan pusat statistik", "kepala_badan"),
        ("KANTOR REGIONAL II BADAN KEPEGAWAIAN NEGARA", "kepala_kantor"),
    ],
)
def test_a_bare_head_title_heads_the_body_of_the_letterhead(head, office):
    letter = letter_of(head, "KEPALA,\n\nttd\n\nBUDI SANTOSO")
    assert letter.issuer.office == office and letter.signatory.name == "Budi Santoso"


def test_a_bare_head_without_a_body_in_the_letterhead_stays_bare():
    assert letter_of("JALAN PEMUDA NOMOR 1 JAKARTA", "KEPALA,\n\nttd\n\nBUDI SANTOSO").issuer.office == "kepala"


@pytest.mark.parametrize(
    "signature",
    ["SEKRETARIS UTAMA,\n\nttd\n\nIGNATIUS LOYOLA ARISDIYO", "Sekretaris Utama\nttd\nIgnatius Loyola Arisdiyo"],
)
def test_sekretaris_utama_is_a_national_office(signature):
    letter = letter_of("LAPAN", signature)
    assert letter.issuer.office == "sekretaris_utama" and letter.issuer.region.level == "nasional"


# -- what OCR makes of a signature's strokes ---------------------------------------------------


@pytest.mark.parametrize("line", ["KEPALAN/", "YSS Y,", "IL Pa", "Elo", "/ /", "MX 5 5", "N , v", ":", "ad"])
def test_scraps_of_strokes_are_not_names(line):
    assert not _name_like(line)


@pytest.mark.parametrize(
    "line",
    [
        "THOMAS DJAMALUDDIN",
        "M. Ridwan",
        "Drs. H. Agus Santoso, M.Si.",
        "Anie Retnowati",
        "NX - THOMAS /DJAMALUDDIN",
        "Hartopo",
        # short names: a word of three letters is enough
        "Eko Adi",
        "IDA AYU",
        "Ani, S.Pd.",
        "Andi",
        "DEWI",
        # eight words with the degrees
        "Prof. Dr. Ir. H. Muhammad Budi Santoso, M.Si.",
    ],
)
def test_names_are_names(line):
    assert _name_like(line)


SHORT, DIGITS, MARKS, OFFICE = (
    "is too short for a name",
    "holds digits",
    "holds marks no name has",
    "is an office, not a name",
)


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("Kepalan", OFFICE),
        ("Sekrbtaris Utama", OFFICE),
        ("Elo", SHORT),
        ("Budi 2", DIGITS),
        ("Budi / Santoso", MARKS),
        ("Thomas Djamaluddin", None),
        ("Harianto Sumberono", None),
        # letters are counted, not characters; capitals count as letters
        ("A. B.", SHORT),
        ("Y , u", SHORT),
        ("M. A.", SHORT),
        ("BUDI", None),
        ("S U P R I Y A N T O", None),
        # a stroke read as a letter after an office word of five letters or more; one misread letter in one
        # of seven or more ("Walid" is a name, not "Wali" and a stroke)
        ("Camatl", OFFICE),
        ("MENTERl", OFFICE),
        ("Walid Santoso", None),
        # two letters from an office word is a name: "Tambunan" is not "Tembusan", "Laksana" not "Pelaksana"
        ("Ronald Tambunan", None),
        ("BUDI LAKSANA", None),
    ],
)
def test_implausible_names(name, problem):
    """The problem is said in words a doubt quotes after the name: "'Elo' is too short for a name"."""
    assert name_problem(name) == problem


@pytest.mark.parametrize(
    ("title", "office"),
    [
        ("SEKRBTARIS UTAMA", "sekretaris_utama"),
        ("KEPALAN/", "kepala"),
        ("KEPALA LEMBAGA PENERBANGAN", "kepala_lembaga"),
        ("BUPATT KUDUS", "bupati"),
        ("PENGAWAS PERIKANAN", None),
        ("KEPALA BADAN", "kepala_badan"),
    ],
)
def test_an_office_misread_by_one_letter(title, office):
    assert _office_near(title) == office


def test_a_misread_office_on_a_scan_is_flagged_not_trusted():
    from edaran.extract.letter import _issuer, _Record
    from edaran.extract.lines import split_lines
    from edaran.extract.sections import segment
    from edaran.extract.signature import read_signature
    from edaran.ingest.document import Document

    text = (
        "LAPAN\n\nSURAT EDARAN\nNOMOR 4 TAHUN 2018\nTENTANG\nRUANG RAPAT\n\nIsi surat.\n\n"
        "Dikeluarkan di Jakarta\npada tanggal 22 Januari 2018\n\nSEKRBTARIS UTAMA,\n\nIGNATIUS LOYOLA ARISDIYO\n"
    )
    doc = Document.build(
        path="x.pdf",
        sha256="0",
        media_type="application/pdf",
        raw=text,
        confidences=[95.0] * len(text),
        ocr=True,
        markdown=False,
    )
    lines = split_lines(doc.text)
    parts = segment(lines)
    rec = _Record(doc, second_reader=False)
    issuer = _issuer(doc.text, lines, parts, read_signature(doc.text, lines, *parts.signature), rec)
    assert issuer.office == "sekretaris_utama" and issuer.region.level == "nasional"
    assert rec.confidence["issuer.office"] < 0.9
    assert [w.code for w in rec.warnings if w.field == "issuer.office"] == ["office_misread"]


# -- confidence and review -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [(None, LABELLED), (95.0, LABELLED), (90.0, LABELLED), (45.0, LABELLED * 0.75), (0.0, LABELLED * 0.5)],
)
def test_confidence_falls_with_ocr(ocr, expected):
    assert of_value(LABELLED, ocr) == pytest.approx(expected, abs=0.001)


def test_a_clean_digital_letter_needs_no_review():
    letter = letter_of("PEMERINTAH KABUPATEN SLEMAN", "BUPATI SLEMAN,\n\nttd\n\nKUSTINI SRI PURNOMO")
    assert letter.review.needed is False and letter.review.reasons == []
    assert all(0.0 < v <= 1.0 for v in letter.confidence.values())
    assert set(letter.confidence) <= set(letter.spans)


def test_a_draft_blank_is_about_the_letter_not_a_doubt():
    text = (
        "PEMERINTAH KABUPATEN SLEMAN\n\nSURAT EDARAN\nNOMOR : 800/      /BKPP/2024\nTENTANG\nCUTI\n\nIsi.\n\n"
        "Ditetapkan di Sleman\npada tanggal :\n\nBUPATI SLEMAN,\n\nttd\n\nKUSTINI SRI PURNOMO\n"
    )
    letter = extract_letter(read_text("draft.txt", text.encode()), today=TODAY)
    assert letter.number is None and {"number_blank"} <= {w.code for w in letter.warnings}
    assert "number_blank (number)" not in letter.review.reasons


def test_a_scan_with_a_withheld_number_needs_review():
    from edaran.schema import Warning

    letter = letter_of("PEMERINTAH KABUPATEN SLEMAN", "BUPATI SLEMAN,\n\nttd\n\nKUSTINI SRI PURNOMO")
    doubtful = letter.model_copy(
        update={
            "number": None,
            "source": letter.source.model_copy(update={"ocr": True}),
            "warnings": [*letter.warnings, Warning(code="readers_disagree", message="…", field="number")],
            "confidence": {**letter.confidence, "date": 0.7},
        }
    )
    review = review_of(doubtful)
    assert review.needed and review.reasons[:1] == ["readers_disagree (number)"]
    assert "doubtful (date)" in review.reasons


def test_ingest_and_stats_say_which_letters_need_review(tmp_path):
    """The batch ends by saying how many letters need review and why; stats and the corpus show it."""
    import json
    import subprocess
    import sys

    folder = tmp_path / "in"
    folder.mkdir()
    # No letterhead: the region is guessed from the body, which a reviewer should confirm.
    (folder / "guessed.txt").write_text(
        "SURAT EDARAN\nNOMOR 800/12/BKD/2024\nTENTANG\nNETRALITAS ASN\n\nDalam rangka Pemilihan Bupati Sleman, "
        "pegawai di Kabupaten Sleman dilarang:\na. ikut kampanye;\nb. menggunakan fasilitas negara.\n\n"
        "Ditetapkan di Sleman\npada tanggal 5 Februari 2024\n\nttd\n\nKUSTINI SRI PURNOMO\n",
        encoding="utf-8",
    )
    (folder / "clean.txt").write_text(
        "PEMERINTAH KABUPATEN SLEMAN\n\nSURAT EDARAN\nNOMOR 800/13/BKD/2024\nTENTANG\nNETRALITAS ASN\n\n"
        "Pegawai dilarang:\na. ikut kampanye;\nb. menggunakan fasilitas negara.\n\nDitetapkan di Sleman\n"
        "pada tanggal 5 Februari 2024\n\nBUPATI SLEMAN,\n\nttd\n\nKUSTINI SRI PURNOMO\n",
        encoding="utf-8",
    )
    db = tmp_path / "c.db"
    run = subprocess.run(
        [sys.executable, "-m", "edaran", "ingest", str(folder), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert "1 of 2 extracted letters need review: " in run.stderr and "(issuer.region)" in run.stderr
    stats = subprocess.run(
        [sys.executable, "-m", "edaran", "stats", "--db", str(db)], capture_output=True, text=True, timeout=300
    ).stdout
    assert "needs review" in stats and "why letters need review" in stats
    import sqlite3

    rows = dict(sqlite3.connect(db).execute("SELECT path, review_reasons FROM letters WHERE review_needed"))
    assert [p.endswith("guessed.txt") for p in rows] == [True]
    assert any("issuer.region" in r for r in json.loads(next(iter(rows.values()))))


@pytest.mark.parametrize(
    "head",
    [
        "Tembusan:",
        "TEMBUSAN :",
        "Salinan disampaikan kepada Yth.:",
        "Salinan Surat Edaran ini disampaikan kepada:",
        "SALINAN disampaikan kepada",
    ],
)
@pytest.mark.parametrize(
    "notice",
    [
        "",
        "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat "
        "elektronik yang diterbitkan oleh Balai Sertifikasi Elektronik (BSrE), BSSN",
        "Sesuai dengan ketentuan UU ITE, dokumen ini sah tanpa tanda tangan basah",
    ],
)
def test_copies_in_either_form_without_the_e_signature_notice(head, notice):
    letter = letter_of(
        "PEMERINTAH KABUPATEN SLEMAN",
        "BUPATI SLEMAN,\n\nttd\n\nKUSTINI SRI PURNOMO\n\n"
        "Salinan sesuai dengan aslinya\nKEPALA BAGIAN HUKUM\n\n"
        f"{head}\n1. Gubernur Daerah Istimewa Yogyakarta;\n2. Ketua DPRD Kabupaten Sleman.\n{notice}",
    )
    assert letter.tembusan == ["Gubernur Daerah Istimewa Yogyakarta", "Ketua DPRD Kabupaten Sleman"]
    assert letter.signatory.name == "Kustini Sri Purnomo"


def test_items_and_citations_carry_a_confidence():
    letter = letter_of(
        "PEMERINTAH KABUPATEN SLEMAN",
        "BUPATI SLEMAN,\n\nttd\n\nKUSTINI SRI PURNOMO",
        body="Berdasarkan Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin PNS, pegawai "
        "dilarang:\na. ikut kampanye;\nb. menggunakan fasilitas negara.\n",
    )
    assert letter.citations and all(c.confidence == LABELLED for c in letter.citations)
    assert letter.prohibitions and all(0.9 <= i.confidence <= 1.0 for i in letter.prohibitions)


@pytest.mark.parametrize(
    ("dated", "given"),
    [
        ("5 Februari 2024", dt.date(2024, 2, 5)),
        ("17 Januari 2059", None),
        ("17 Januari 1913", None),
        ("5 Februari 2026", dt.date(2026, 2, 5)),
    ],
)
def test_a_date_no_letter_read_today_can_bear_is_withheld(dated, given):
    text = (
        f"PEMERINTAH KABUPATEN SLEMAN\n\nSURAT EDARAN\nNOMOR 3 TAHUN 2024\nTENTANG\nX\n\nIsi.\n\n"
        f"Ditetapkan di Sleman\npada tanggal {dated}\n\nBUPATI SLEMAN,\n\nttd\n\nKUSTINI SRI PURNOMO\n"
    )
    letter = extract_letter(read_text("surat.txt", text.encode()), today=TODAY)
    assert letter.date == given
    if given is None:
        assert "date" not in letter.spans and "implausible (date)" in letter.review.reasons


def test_a_place_with_digits_is_stamp_residue_not_a_place():
    text = (
        "LAPAN\n\nSURAT EDARAN\nNOMOR 3 TAHUN 2018\nTENTANG\nX\n\nIsi.\n\nDikeluarkan di Jakarta 97\n"
        "pada tanggal 16 Januari 2018\n\nKEPALA,\n\nttd\n\nTHOMAS DJAMALUDDIN\n"
    )
    letter = extract_letter(read_text("surat.txt", text.encode()), today=TODAY)
    assert letter.place is None and any(w.code == "implausible" and w.field == "place" for w in letter.warnings)


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("Si Drs. SYAWIR KASIM", "Syawir Kasim"),
        ("Drs. H. AGUS SANTOSO, M.Si.", "Agus Santoso"),
        ("M. RIDWAN", "M. Ridwan"),
    ],
)
def test_the_end_of_the_degree_line_above_is_not_part_of_the_name(printed, name):
    letter = letter_of(
        "PEMERINTAH KABUPATEN SIGI", f"CAMAT SIGI BIROMARU,\n\nttd\n\n{printed}\nNIP. 19700101 199503 1 001"
    )
    assert letter.signatory.name == name


def test_every_value_says_which_rule_read_it():
    from edaran.ingest import read_document

    from conftest import SAMPLES

    for path in sorted(SAMPLES.glob("*.txt")):
        letter = extract_letter(read_document(path), today=TODAY)
        assert letter.spans and all(span.rule for span in letter.spans.values()), path.name


def test_a_span_over_a_page_break_keeps_its_box_on_each_page():
    from edaran.ingest.document import Document

    raw = "akhir halaman satu\nawal halaman dua\n"
    cut = raw.index("awal")
    boxes = [
        None
        if ch == "\n"
        else ((1, (10.0 + i, 700.0, 11.0 + i, 710.0)) if i < cut else (2, (20.0 + i, 50.0, 21.0 + i, 60.0)))
        for i, ch in enumerate(raw)
    ]
    doc = Document.build(
        path="x.pdf",
        sha256="0",
        media_type="application/pdf",
        raw=raw,
        raw_page_starts=(0, cut),
        pages=2,
        boxes=boxes,
        markdown=False,
    )
    span = doc.span(doc.text.index("satu"), doc.text.index("dua") + 3)
    assert span.page == 1 and span.bbox[1] == 700.0
    assert [page for page, _ in span.boxes] == [1, 2] and span.boxes[1][1][1] == 50.0
    assert doc.span(0, 4).boxes is None  # within one page: bbox alone


@pytest.mark.parametrize(
    "body",
    [
        "Dengan ini Camat Sigi Biromaru menerangkan bahwa :",
        "Yang bertanda tangan di bawah ini menerangkan bahwa :",
        "Camat Sigi Biromaru menerangkan bahwa :",
    ],
)
def test_a_body_right_after_the_subject_is_not_the_subject(body):
    """An everyday letter without addressees: the body opens under the Perihal line."""
    text = (
        "PEMERINTAH KABUPATEN SIGI\nKECAMATAN SIGI BIROMARU\n\nNomor : 411/304/KEC-SS-PM\nLampiran : -\n"
        f"Perihal : Permohonan Rekomendasi\nA.n. SARJU / MISWATI\n{body}\nNama : SARJU\n"
        "Alamat : Desa Mpanau\nadalah benar warga kami.\n\nSigi, 12 Maret 2024\nCAMAT SIGI BIROMARU,\n\n"
        "Drs. SYAWIR KASIM\nNIP. 19700101 199503 1 001\n"
    )
    letter = extract_letter(read_text("keterangan.txt", text.encode()), today=TODAY)
    assert letter.subject == "Permohonan Rekomendasi A.n. SARJU / MISWATI"
    assert (letter.number, letter.signatory.name) == ("411/304/KEC-SS-PM", "Syawir Kasim")


@pytest.mark.parametrize("office", ["KEPALA DINAS PENDIDIKAN\nKABUPATEN KUDUS", "Bupati Kudus", "WALI KOTA\nSEMARANG"])
@pytest.mark.parametrize("residue", ["SUMARNO 1", "Budi Santoso /2", "H. HARTOPO (4)"])
def test_without_a_comma_or_a_name_the_office_ends_at_the_first_line_naming_no_office(office, residue):
    """A name OCR left digits or marks in is no name, and no part of the office above it either."""
    from edaran.extract.lines import split_lines
    from edaran.extract.signature import read_signature

    text = f"{office}\n\n{residue}\n"
    lines = split_lines(text)
    sig = read_signature(text, lines, 0, len(lines))
    assert sig.title is not None and (text[sig.title[0] : sig.title[1]], sig.name) == (office, None)


@pytest.mark.parametrize(
    "line",
    [
        "Demikian agar dilaksanakan dengan penuh rasa tanggung jawab bersama",
        "Atas perhatian,kerja sama dan dukungannya,diucapkan terima kasih",
        "Budi Santoso 2",
    ],
)
def test_a_sentence_or_a_line_with_digits_is_no_name(line):
    """More than eight words (words joined by a comma without a blank count apart) or a digit: no name."""
    assert not _name_like(line)


@pytest.mark.parametrize(
    "office", ["GUBERNUB\nJAWA TENGAH", "BUPATI\nKUDUS", "Walikota\nSemarang", "SEKRBTARIS\nDAERAH"]
)
@pytest.mark.parametrize("name", ["GANJAR PRANOWO", "Hartopo"])
def test_an_office_over_lines_without_a_comma_takes_misread_office_words_and_regions(office, name):
    """Without a comma, the office runs over the lines that name an office, a misread one ("GUBERNUB"), or a
    region alone ("KUDUS")."""
    from edaran.extract.lines import split_lines
    from edaran.extract.signature import read_signature

    text = f"{office}\n\n{name}\n"
    lines = split_lines(text)
    sig = read_signature(text, lines, 0, len(lines))
    assert sig.title is not None and sig.name is not None
    assert (text[sig.title[0] : sig.title[1]], text[sig.name[0] : sig.name[1]]) == (office, name)


@pytest.mark.parametrize("behalf", ["a.n.", "an.", "A.N", "atas nama", "a.n.BUPATI"])
@pytest.mark.parametrize("mark", ["u.b.", "ub.", "U.B", "untuk beliau", "UNTUK BELIAU"])
def test_on_behalf_and_for_him_lines_are_the_office_never_the_name(behalf, mark):
    """ "a.n." / "u.b." in every spelling, "u.b." alone on its line: the signer's own office is the one after it,
    and the name is the name, not "untuk beliau"."""
    from edaran.extract.lines import split_lines
    from edaran.extract.signature import read_signature

    on = f"{behalf} KUDUS" if behalf.endswith("BUPATI") else f"{behalf} BUPATI KUDUS"
    text = f"{on}\nSEKRETARIS DAERAH\n{mark}\nKEPALA BAGIAN UMUM\n\nHartopo\n"
    lines = split_lines(text)
    sig = read_signature(text, lines, 0, len(lines))
    spans = (sig.on_behalf_of, sig.title, sig.name)
    assert all(spans)
    assert [text[s[0] : s[1]] for s in spans if s] == ["BUPATI KUDUS", "KEPALA BAGIAN UMUM", "Hartopo"]


@pytest.mark.parametrize("name", ["A. Nasution", "U. Budiman", "Ubaidillah", "Anton"])
def test_a_name_opening_with_an_initial_is_no_on_behalf_prefix(name):
    assert _name_like(name)


@pytest.mark.parametrize("behalf", ["a.n.", "an.", "A.N", "atas nama", "Atas Nama"])
@pytest.mark.parametrize("comma", ["", ","])
def test_on_behalf_alone_on_its_line_names_the_office_on_the_next(behalf, comma):
    from edaran.extract.lines import split_lines
    from edaran.extract.signature import read_signature

    text = f"{behalf}\n  BUPATI KUDUS\nSEKRETARIS DAERAH{comma}\n\nHartopo\n"
    lines = split_lines(text)
    sig = read_signature(text, lines, 0, len(lines))
    spans = (sig.on_behalf_of, sig.title, sig.name)
    assert all(spans)
    assert [text[s[0] : s[1]] for s in spans if s] == ["BUPATI KUDUS", "SEKRETARIS DAERAH", "Hartopo"]


@pytest.mark.parametrize(
    "office",
    [
        "KEPALA BADAN PENANGGULANGAN\nBENCANA",
        "Kepala Dinas\nPerhubungan",
        "KEPALA DINAS PEMBERDAYAAN\nMASYARAKAT DESA",
    ],
)
@pytest.mark.parametrize("signed", ["ttd", "TTD.", "(ttd)", "Tanda Tangan"])
def test_the_office_runs_to_the_signature_mark_over_lines_without_office_words(office, signed):
    from edaran.extract.lines import split_lines
    from edaran.extract.signature import read_signature

    text = f"{office}\n\n{signed}\n\nBUDI SANTOSO\n"
    lines = split_lines(text)
    sig = read_signature(text, lines, 0, len(lines))
    assert sig.title is not None and sig.name is not None
    assert (text[sig.title[0] : sig.title[1]], text[sig.name[0] : sig.name[1]]) == (office, "BUDI SANTOSO")


@pytest.mark.parametrize(
    "office",
    [
        "KEPALA BADAN PENANGGULANGAN\nBENCANA,",
        "Kepala Dinas\nPerhubungan,   ",
        "KEPALA DINAS PEMBERDAYAAN\nMASYARAKAT DESA, ",
    ],
)
def test_a_comma_ends_the_office_whatever_its_last_line_holds(office):
    """The line that ends with a comma (blanks after it or not) ends the office, even without an office word."""
    from edaran.extract.lines import split_lines
    from edaran.extract.signature import read_signature

    text = f"{office}\n\nBUDI SANTOSO\n"
    lines = split_lines(text)
    sig = read_signature(text, lines, 0, len(lines))
    assert sig.title is not None and sig.name is not None
    expected = office.rstrip(" ,")
    assert (text[sig.title[0] : sig.title[1]], text[sig.name[0] : sig.name[1]]) == (expected, "BUDI SANTOSO")


@pytest.mark.parametrize("after", ["Pembina Tk. I,", "Pembina Utama Muda,", "Penata,"])
@pytest.mark.parametrize("nip", ["NIP. 19680101 199003 1 002", "NIP 196801011990031002"])
def test_a_comma_below_the_nip_ends_no_office(after, nip):
    """Only the lines above the NIP can end the office: a rank with a comma below it is not the office's end."""
    from edaran.extract.lines import split_lines
    from edaran.extract.signature import read_signature

    text = f"KEPALA DINAS PENDIDIKAN\n\nBUDI SANTOSO\n{nip}\n{after}\n"
    lines = split_lines(text)
    sig = read_signature(text, lines, 0, len(lines))
    assert sig.title is not None and sig.name is not None
    found = (text[sig.title[0] : sig.title[1]], text[sig.name[0] : sig.name[1]])
    assert found == ("KEPALA DINAS PENDIDIKAN", "BUDI SANTOSO")


@pytest.mark.parametrize("residue", ["CAP", "IL Pa", "/ /"])
def test_a_comma_ends_the_office_before_stamp_residue_above_the_signature_mark(residue):
    from edaran.extract.lines import split_lines
    from edaran.extract.signature import read_signature

    text = f"BUPATI KUDUS,\n{residue}\nttd\nHARTOPO\n"
    lines = split_lines(text)
    sig = read_signature(text, lines, 0, len(lines))
    assert sig.title is not None and sig.name is not None
    assert (text[sig.title[0] : sig.title[1]], text[sig.name[0] : sig.name[1]]) == ("BUPATI KUDUS", "HARTOPO")


@pytest.mark.parametrize("office", ["KEPALA BADAN PENANGGULANGAN\nBENCANA", "Kepala Dinas\nPerhubungan"])
def test_a_signature_mark_right_above_the_nip_ends_the_office_and_leaves_no_name(office):
    """ "ttd" then the NIP, the name left out: the office runs to the mark, and its last line is no name."""
    from edaran.extract.lines import split_lines
    from edaran.extract.signature import read_signature

    text = f"{office}\nttd\nNIP. 19680101 199003 1 002\n"
    lines = split_lines(text)
    sig = read_signature(text, lines, 0, len(lines))
    assert sig.title is not None and (text[sig.title[0] : sig.title[1]], sig.name) == (office, None)


@pytest.mark.parametrize(
    ("block", "behalf", "title"),
    [
        ("a.n. BUPATI KUDUS\nSEKRETARIS DAERAH\nu.b. KEPALA BAGIAN UMUM,", "BUPATI KUDUS", "KEPALA BAGIAN UMUM"),
        ("a.n. BUPATI KUDUS\nSEKRETARIS DAERAH\nUB. Kepala Bagian Umum", "BUPATI KUDUS", "Kepala Bagian Umum"),
        ("a.n.\nBUPATI KUDUS,", "BUPATI KUDUS", "BUPATI KUDUS"),
        ("a.n. BUPATI KUDUS,", "BUPATI KUDUS", "BUPATI KUDUS"),
    ],
)
@pytest.mark.parametrize("indent", ["", "   "])
def test_on_behalf_and_for_him_on_the_offices_own_line(block, behalf, title, indent):
    """ "u.b. KEPALA …" on one line: the own office starts after the mark; a block of one office only goes out in
    its own name; an indented name is read from its first letter."""
    from edaran.extract.lines import split_lines
    from edaran.extract.signature import read_signature

    text = f"{block}\n\n{indent}Hartopo\n"
    lines = split_lines(text)
    sig = read_signature(text, lines, 0, len(lines))
    spans = (sig.on_behalf_of, sig.title, sig.name)
    assert all(spans)
    assert [text[s[0] : s[1]] for s in spans if s] == [behalf, title, "Hartopo"]
