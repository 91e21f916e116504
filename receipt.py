"""The slip a bureau files on top of a letter it received: recognised, read, and kept out of the letter.

An agenda clerk stamps or clips a disposition slip ("Lembar Disposisi") or a control card ("Kartu
Kendali") to each incoming letter and scans the two together.  Read as one document, the slip's
"Surat dari", "Tanggal" and "Nomor" lines would be taken for the letter's own.  A page whose first
lines carry such a title is the slip: the letter is extracted from the other pages, and the slip's
agenda number, date received, sender and disposition become the record's ``receipt``.
"""

from __future__ import annotations

import re

from .attachments import find_attachments
from .extract import extract_letter
from .extract.dates import parse_date
from .ingest.document import Document
from .schema.letter import Letter, Receipt

#: A slip's title, on one of the first lines of its page.
_TITLE = re.compile(r"^\W*(lembar\s+disposisi|kartu\s+kendali|lembar\s+kendali|lembar\s+pengantar\s+disposisi)\b",
                    re.I | re.M)
TITLE_LINES = 6

# "No. Agenda : 123", "Nomor Agenda: 45/2023", "Agenda No. 7": the slip's own number for the letter.
_AGENDA = re.compile(r"^\W*(?:no(?:mor)?\.?\s*agenda|agenda\s*no\.?|no\.?\s*urut)\s*[:.]?\s*(\S.*)$", re.I | re.M)
# "Tanggal Diterima : …", "Tgl. Terima …", "Diterima Tanggal …"
_RECEIVED = re.compile(r"^\W*(?:(?:tanggal|tgl\.?)\s*(?:di)?terima|diterima\s*(?:tanggal|tgl\.?))\s*[:.]?\s*(\S.*)$",
                       re.I | re.M)
# "Surat dari : …", "Asal Surat : …", "Dari : …"
_SENDER = re.compile(r"^\W*(?:surat\s+dari|asal\s+surat|dari)\s*[:.]?\s*(\S.*)$", re.I | re.M)
# "Isi Disposisi : …", "Disposisi : …", "Diteruskan kepada : …": its text runs to the next label or the end.
_DISPOSITION = re.compile(r"^\W*(?:isi\s+disposisi|disposisi|diteruskan\s+kepada)\s*[:.]?\s*(\S[\s\S]*?)\s*"
                          r"(?=^\W*(?:paraf|tanggal|tgl|catatan|no\.?|nomor|sifat|perihal|hal)\b|\Z)", re.I | re.M)


def slip_title(doc: Document, page: int) -> str | None:
    """The slip title opening the file's page ``page`` of ``doc``, else None."""
    lines = [ln for ln in _page_text(doc, page).splitlines() if ln.strip()][:TITLE_LINES]
    match = _TITLE.search("\n".join(lines))
    return " ".join(match.group(1).upper().split()) if match else None


def extract_received(doc: Document, **options) -> Letter:
    """The letter in ``doc`` as a bureau received it (see :func:`edaran.extract.extract_letter`): its
    disposition slip read as its ``receipt`` and its pages left out of the letter, its annexes listed as
    ``attachments``."""
    pages = range(doc.first_page, doc.first_page + len(doc.page_starts)) if doc.pages else range(0)
    slips = {page: title for page in pages if (title := slip_title(doc, page))}
    letter_pages = [page for page in pages if page not in slips]
    if not slips or not letter_pages:
        return _with_attachments(doc, options)
    letter = _with_attachments(doc.page_range(letter_pages[0], letter_pages[-1]), options)
    text = "\n".join(_page_text(doc, page) for page in slips)
    received = _value(_RECEIVED, text)
    receipt = Receipt(kind=next(iter(slips.values())), pages=sorted(slips), agenda_number=_value(_AGENDA, text),
                      received=parse_date(received) if received else None, sender=_value(_SENDER, text),
                      disposition=_value(_DISPOSITION, text))
    return letter.model_copy(update={"receipt": receipt})


def _with_attachments(doc: Document, options: dict) -> Letter:
    letter = extract_letter(doc, **options)
    attachments = find_attachments(doc)
    return letter.model_copy(update={"attachments": attachments}) if attachments else letter


def _value(pattern: re.Pattern, text: str) -> str | None:
    match = pattern.search(text)
    if not match:
        return None
    value = " ".join(match.group(1).split()).strip(" :.-")
    return value or None


def _page_text(doc: Document, page: int) -> str:
    index = page - doc.first_page
    starts = doc.page_starts + (len(doc.text),)
    return doc.text[starts[index]:starts[index + 1]]
