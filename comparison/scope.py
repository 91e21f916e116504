"""What part of a letter the comparison reads: whether the letter is about the catalogue's subject at all,
the sentence that introduces its list of prohibitions, and which "items" are only section headings.

A catalogue of election-neutrality acts measured against a financial regulator's
circular finds nothing but noise; a lead-in ("Seluruh ASN dan Pegawai Kontrak …
dilarang:") decides whom every item under it binds.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..errors import EdaranError
from ..ingest import read_document
from ..schema.letter import Item, Letter
from .catalog import Catalog, Subject
from .matching import FUNCTION_WORDS, words

#: Where the lead-in sentence starts: after a sentence's end, a blank line, or an item's label opening a line
#: ("1. Seluruh ASN dan Pegawai Kontrak dilarang:" is an item whose own text introduces the acts).
_SENTENCE_START = re.compile(r"[.;]\s+(?=[A-Z])|\n[ \t]*\n|\n[ \t]*(?:[A-Za-z0-9]{1,3}[.)]|[-•*])[ \t]+")
#: An item that is a heading, not an act: one to three words in capitals without a sentence's punctuation
#: ("KEWAJIBAN", "LARANGAN BAGI ASN").
_HEADING = re.compile(r"^[A-Z][A-Z /&-]{2,40}:?$")


def out_of_scope(letter: Letter, catalog: Catalog) -> str | None:
    """Why the letter is not measured against the catalogue, or None when it is.

    Its subject (perihal) decides: it must name one of the catalogue's subject terms, or one of its ambiguous
    words in the political sense (:func:`_political`). A letter without a subject is measured when the
    extractor found the election it is about."""
    subject = catalog.subject
    if subject is None or not subject.terms:
        return None if letter.prohibitions else "no_prohibitions"
    if letter.subject:
        said = " " + " ".join(words(letter.subject)) + " "
        if not any(f" {' '.join(words(t))}" in said for t in subject.terms) and not _political(letter, subject):
            return "other_subject"
    elif letter.election is None:
        return "other_subject"
    return None if letter.prohibitions else "no_prohibitions"


def _political(letter: Letter, subject: Subject) -> bool:
    """Whether the subject names one of the ambiguous words in its political sense: in a letter that names an
    election, standing bare ("Larangan Kampanye di Lingkungan Kantor"), or followed by a political word
    ("kampanye pasangan calon"). Followed by another noun it names another kind of campaign ("kampanye
    pemasaran", "kampanye hidup sehat")."""
    said = words(letter.subject or "")
    context = {w for t in subject.ambiguous.context for w in words(t)}
    for term in subject.ambiguous.terms:
        for i, w in enumerate(said):
            if w != term:
                continue
            after = said[i + 1] if i + 1 < len(said) else None
            if letter.election is not None or after is None or after in FUNCTION_WORDS or after in context:
                return True
    return False


def is_heading(item: Item) -> bool:
    """A section heading read as an item: it states no act, so it is neither matched nor quoted."""
    return not item.children and bool(_HEADING.match(item.text.strip())) and len(item.text.split()) <= 3


def source_text(letter: Letter) -> str | None:
    """The letter's text read again from its file, when the caller has not passed the texts the corpus keeps:
    only while the file is still the one the letter was extracted from (same sha256) and is that letter alone
    (a file of several letters is read as one text, which the letter's spans do not index)."""
    if letter.source.first_page is not None:
        return None
    path = Path(letter.source.path)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != letter.source.sha256:
        return None
    try:
        return read_document(path).text
    except EdaranError:
        return None


def lead_in(letter: Letter, text: str | None) -> tuple[str, int, int] | None:
    """The sentence that introduces the letter's first prohibition (text, start, end in the letter's text);
    without ``text`` the letter's file is read again (:func:`source_text`)."""
    if not letter.prohibitions:
        return None
    text = text or source_text(letter)
    if not text:
        return None
    first = letter.prohibitions[0].span.start
    if not 0 < first <= len(text):
        return None
    before = text[:first]
    line = before.rfind("\n")  # the first item's label stands on its own line
    before = before[:line] if line >= 0 else before
    breaks = list(_SENTENCE_START.finditer(before, max(0, len(before) - 600)))
    start = breaks[-1].end() if breaks else max(0, len(before) - 600)
    quote = before[start:].strip()
    if not quote:
        return None
    start = text.index(quote, start)
    return quote, start, start + len(quote)
