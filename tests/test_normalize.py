"""Cleaning keeps a map back to the text as read."""

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from edaran.ingest.normalize import normalize

CASES = [
    ("## BUPATI SEKADAU\n", "BUPATI SEKADAU\n"),
    ("**A. Setiap ASN dilarang:**", "A. Setiap ASN dilarang:"),
    ("Melakukan *posting, comment*, dan *like*", "Melakukan posting, comment, dan like"),
    (" - a. ikut kampanye;", "a. ikut kampanye;"),
    (" - (b) bahan pokok;", "(b) bahan pokok;"),
    ("- 1) Memasang spanduk", "1) Memasang spanduk"),
    ("- Ikut kampanye;", "- Ikut kampanye;"),  # a real dash bullet stays
    ("J A K A R T A\n", "JAKARTA\n"),
    ("BBAADDAANN KKEEPPEEGGAAWWAAIIAANN", "BADAN KEPEGAWAIAN"),
    ("peraturan perun-\ndangan", "peraturan perundangan"),
    ("masing-\nmasing", "masing-masing"),
    ("perundang-\nundangan", "perundang-undangan"),
    ("logo \u201cASN Netral\u201d", 'logo "ASN Netral"'),
    ("\\$(ttd)", "$(ttd)"),
    ("tautan <https://bit.ly/x>.", "tautan https://bit.ly/x."),
    ("Ditetapkan di Sekadau  \npada", "Ditetapkan di Sekadau\npada"),
    ("isi\n- 2 -\nlanjutan", "isi\nlanjutan"),
    ("isi\nHalaman 1 dari 2\nlanjutan", "isi\nlanjutan"),
    ("baris\r\nkedua", "baris\nkedua"),
    ("3 x 4 = 12", "3 x 4 = 12"),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_normalize(raw, expected):
    text, origin = normalize(raw)
    assert text == expected
    assert len(origin) == len(text) + 1


_TRANSLATED = {
    '"': '\u201c\u201d"',
    "'": "\u2018\u2019'",
    " ": " \u00a0\t\u2002\u2003\u2009\u200b\ufeff",
    "\n": "\n\f\v",
}

alphabet = st.sampled_from(list("abcdeJAKRTN -*#_\\<>:.;\n\t\u201c\u201d12()/") + ["**", "## ", "- a. ", "J A K A"])


@given(st.lists(alphabet, max_size=60).map("".join))
def test_every_character_maps_back_to_what_was_read(raw):
    text, origin = normalize(raw)
    assert len(origin) == len(text) + 1
    assert origin[-1] == len(raw)
    assert all(a < b for a, b in zip(origin, origin[1:], strict=False))
    for i, ch in enumerate(text):
        source = raw[origin[i]]
        assert source == ch or source in _TRANSLATED.get(ch, "")


@pytest.mark.parametrize(
    "text",
    [
        "a" * 80_000,  # one long word: the line-end hyphen pattern was tried from each letter
        "a" * 80_000 + "-",
        " " * 80_000 + "x",  # blanks that do not end a line: the trailing-blank pattern likewise
        "a " * 40_000 + "x",  # letter-spaced text
        "AA" * 40_000 + "x",  # fake bold
        "kata-\n" * 20_000,
        "<http://" + "a" * 80_000,
    ],
)
def test_cleaning_takes_linear_time_on_hostile_text(text):
    start = time.perf_counter()
    normalize(text)
    assert time.perf_counter() - start < 1.0  # quadratic patterns took a minute on these
