"""Properties: ordinary variants of a letter are read as the letter itself.

A typist or a converter changes the case of a title or a label, the punctuation after a label,
the line spacing (everywhere or in the header only), prints the title and the issuer's office on
one line, or lays the letter out as a nota dinas.  Each variant of each letter (the seeds, the
letters of other layouts, the scored letters) must give the fields of the unchanged letter.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generate import MONTHS
from benchmarks.perturb import blank_lines, one_line_title, relabel, repunctuate, retitle, title_with_number
from edaran.extract import extract_letter
from edaran.extract.lines import clean_value, split_lines
from edaran.extract.sections import segment
from edaran.ingest import read_text
from edaran.schema import Letter

from conftest import FIXTURES, SAMPLES

TODAY = dt.date(2026, 1, 1)
PATHS = (
    sorted(SAMPLES.glob("*.txt"))
    + sorted((FIXTURES / "letters").glob("*.txt"))
    + sorted((FIXTURES / "scored").glob("*.txt"))
)
NAMES = [p.name for p in PATHS]
TEXTS = {p.name: p.read_text(encoding="utf-8") for p in PATHS}
SETTINGS = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])

UPPER, TITLE, LOWER = str.upper, str.title, str.lower
# The labels a header opens its lines with, and the cases they are printed in.
LABEL_CASES = {
    "Nomor": [UPPER, TITLE, LOWER],
    "Tentang": [UPPER, TITLE, LOWER],
    "Hal": [UPPER, TITLE, LOWER],
    "Perihal": [UPPER, TITLE, LOWER],
    "Sifat": [UPPER, TITLE],
    "Lampiran": [UPPER, TITLE],
    "Kepada": [UPPER, TITLE],
    "Yth": [UPPER, TITLE],
    "Tembusan": [UPPER, TITLE],
}
# Cleaning drops a stray bullet before "Yth" (ingest/normalize.py) but not yet before "YTH".
NO_BULLET = {"Yth"}
# Punctuation after a label, with the blanks around it.
SEPARATORS = [" : ", ": ", ":", "   :  ", " :\t", ". ", " . ", " "]
NUMBER_SPELLINGS = ["Nomor", "NOMOR", "nomor", "No.", "NO", "No", "Nomer"]
SUBJECT_SPELLINGS = ["Hal", "HAL", "hal", "Perihal", "PERIHAL"]
# Issuers printed on the title's line.
OFFICES = [
    "BUPATI KUDUS",
    "GUBERNUR JAWA TENGAH",
    "WALI KOTA MEDAN",
    "MENTERI DALAM NEGERI",
    "OTORITAS JASA KEUANGAN",
    "Bupati Kudus",
    "Kepala Badan Kepegawaian Negara",
    "BERSAMA",
]


def read(text: str) -> Letter:
    return extract_letter(read_text("letter.txt", text.encode()), today=TODAY)


def _leaves(items) -> list[str]:
    out = []
    for item in items:
        out.extend(_leaves(item.children) if item.children else [item.text])
    return out


def fields(letter: Letter) -> dict:
    """What a variant must keep: every field of the record but its provenance and warnings."""
    region = letter.issuer.region
    sig = letter.signatory
    return {
        "doc_type": letter.doc_type,
        "number": letter.number,
        "date": letter.date,
        "place": letter.place,
        "subject": letter.subject,
        "issuer": (letter.issuer.office, letter.issuer.acting, region.code if region else None),
        "signatory": (sig.name, sig.nip, sig.title, sig.on_behalf_of),
        "addressees": letter.addressees,
        "tembusan": letter.tembusan,
        "citations": [(c.kind, c.number, c.year, c.relation) for c in letter.citations],
        "prohibitions": _leaves(letter.prohibitions),
        "obligations": _leaves(letter.obligations),
        "election": letter.election,
        "urls": letter.urls,
    }


@cache
def original(name: str) -> dict:
    return fields(read(TEXTS[name]))


def header_end(text: str) -> int:
    """Where the body of ``text`` starts, as the letter is read unchanged."""
    doc = read_text("letter.txt", text.encode())
    lines = split_lines(doc.text)
    start = segment(lines).body[0]
    return lines[start].start if start < len(lines) else len(doc.text)


@st.composite
def variants(draw, text: str) -> str:
    """``text`` with a random set of the changes of the genre."""
    if draw(st.booleans()):
        text = retitle(text, draw(st.sampled_from([UPPER, TITLE])))
    for label, cases in LABEL_CASES.items():
        if draw(st.booleans()):
            text = relabel(text, label, draw(st.sampled_from(cases)), bullet=label not in NO_BULLET)
    if draw(st.booleans()):
        spelling = draw(st.sampled_from(NUMBER_SPELLINGS))
        separators = [s for s in SEPARATORS if not (spelling.endswith(".") and s.strip() == ".")]  # no "No.."
        text = repunctuate(text, "Nomor|No", spelling, draw(st.sampled_from(separators)))
    if draw(st.booleans()):
        separator = draw(st.sampled_from(SEPARATORS))
        value = re.search(r"(?m)^[ \t]*(?:Hal|Perihal)\b[ \t]*[:.]?[ \t]*(\S)", text, re.I)
        if separator.strip() or (value and value.group(1).isupper()):  # "Hal tersebut …" is no label
            text = repunctuate(text, "Hal|Perihal", draw(st.sampled_from(SUBJECT_SPELLINGS)), separator)
    spacing = draw(st.sampled_from(["single", "double", "triple", "header"]))
    if spacing == "header":
        cut = header_end(text)
        text = blank_lines(text[:cut]) + text[cut:]
    elif spacing != "single":
        text = blank_lines(text, 1 if spacing == "double" else 2)
    return text


@pytest.mark.parametrize("name", NAMES)
@SETTINGS
@given(data=st.data())
def test_a_variant_reads_as_the_letter(name, data):
    changed = data.draw(variants(TEXTS[name]))
    doc = read_text("letter.txt", changed.encode())
    letter = extract_letter(doc, today=TODAY)
    assert fields(letter) == original(name)
    quoted = {path: doc.text[span.start : span.end] for path, span in letter.spans.items()}
    assert clean_value(quoted.get("subject", "")) == (letter.subject or "")
    assert re.sub(r"\s*/\s*", "/", quoted.get("number", "")) == (letter.number or "")
    assert all(value in clean_value(quoted[f"addressees.{i}"]) for i, value in enumerate(letter.addressees))


TITLED = [n for n in NAMES if re.search(r"(?m)^\W*SURAT\s+EDARAN\s*\**\s*$", TEXTS[n])]


@pytest.mark.parametrize("name", TITLED)
@SETTINGS
@given(office=st.sampled_from([*OFFICES, None]), numbered=st.booleans(), case=st.sampled_from([UPPER, TITLE]))
def test_the_title_may_name_its_issuer_and_number_on_its_line(name, office, numbered, case):
    if numbered:  # a title that carries its number is a heading in capitals
        office, case = office and office.upper(), UPPER
    changed = one_line_title(TEXTS[name], office) if office else TEXTS[name]
    changed = retitle(title_with_number(changed) if numbered else changed, case)
    assert fields(read(changed)) == original(name)


@pytest.mark.parametrize("name", TITLED)
def test_a_nota_dinas_title_changes_only_the_document_type(name):
    changed = re.sub(r"(?m)^(\W*)SURAT\s+EDARAN\b", r"\1NOTA DINAS", TEXTS[name], count=1)
    assert fields(read(changed)) == original(name) | {"doc_type": "nota_dinas"}


def _nota_dinas(name: str, labels: dict[str, str], align: bool) -> str:
    """The letter laid out as a nota dinas: its title, number, date, addressees, copies and subject in
    one block of labels ("Kepada Yth. :", "Dari :", "Tembusan :", "Tanggal :", "Nomor :", "Sifat :",
    "Lampiran :", "Hal :"), then its body and signature."""
    letter = read(TEXTS[name])
    doc = read_text("letter.txt", TEXTS[name].encode())
    lines = split_lines(doc.text)
    parts = segment(lines)
    body = doc.text[lines[parts.body[0]].start : lines[parts.tembusan[0]].start if parts.tembusan else None]
    width = max(map(len, labels.values())) + 1 if align else 0

    def field(key: str, values: list[str]) -> list[str]:
        head = labels[key].ljust(width) + ": "
        if len(values) == 1:
            return [head + values[0]]
        return [head + f"1. {values[0]}"] + [" " * len(head) + f"{i}. {v}" for i, v in enumerate(values[1:], 2)]

    header = ["NOTA DINAS"] + field("to", letter.addressees) + field("from", [letter.signatory.title or "Kepala"])
    if letter.tembusan:
        header += field("copies", letter.tembusan)
    if letter.date:
        header += field("date", [f"{letter.date.day} {MONTHS[letter.date.month - 1]} {letter.date.year}"])
    header += field("number", [letter.number]) + field("nature", ["Biasa"]) + field("attachment", ["-"])
    header += field("subject", [letter.subject])
    return "\n".join(header) + "\n\n" + body


# An instruction directs by its title: laid out as a nota dinas, its dicta would only inform.
NOTA_DINAS = [
    n
    for n in NAMES
    if original(n)["number"]
    and original(n)["subject"]
    and original(n)["addressees"]
    and original(n)["doc_type"] != "instruksi"
]


@pytest.mark.parametrize("name", NOTA_DINAS)
@SETTINGS
@given(
    to=st.sampled_from(["Kepada Yth.", "Yth.", "Kepada", "KEPADA YTH."]),
    copies=st.sampled_from(["Tembusan", "TEMBUSAN"]),
    number=st.sampled_from(["Nomor", "NOMOR", "No."]),
    subject=st.sampled_from(["Hal", "Perihal", "HAL"]),
    align=st.booleans(),
)
def test_a_nota_dinas_header_is_read(name, to, copies, number, subject, align):
    labels = {
        "to": to,
        "from": "Dari",
        "copies": copies,
        "date": "Tanggal",
        "number": number,
        "nature": "Sifat",
        "attachment": "Lampiran",
        "subject": subject,
    }
    got = fields(read(_nota_dinas(name, labels, align)))
    want = original(name)
    keys = ["number", "subject", "addressees", "tembusan", "prohibitions", "obligations"] + (
        ["date"] if want["date"] else []
    )
    assert {k: got[k] for k in keys} == {k: want[k] for k in keys}
    assert got["doc_type"] == "nota_dinas"
