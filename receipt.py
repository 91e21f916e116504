"""The slip a bureau files on top of a letter it received: recognised, read, and kept out of the letter.

An agenda clerk stamps or clips a disposition slip ("Lembar Disposisi") or a control card ("Kartu
Kendali") to each incoming letter and scans the two together.  Read as one document, the slip's
"Surat dari", "Tanggal" and "Nomor" lines would be taken for the letter's own.  A page whose first
lines carry such a title is the slip (:func:`slip_title`); :mod:`.bundle` keeps its pages out of the
letter, and its agenda number, date received, sender and disposition become the record's ``receipt``
(:func:`read_receipt`).
"""

from __future__ import annotations

import re

from .extract.dates import parse_date
from .ingest.document import Document
from .schema.letter import Receipt

#: A slip's title, on one of the first lines of its page.
_TITLE = re.compile(
    r"^\W*(lembar\s+disposisi|kartu\s+kendali|lembar\s+kendali|lembar\s+pengantar\s+disposisi)\b", re.I | re.M
)
TITLE_LINES = 6

# "No. Agenda : 123", "Nomor Agenda: 45/2023", "Agenda No. 7": the slip's own number for the letter.
_AGENDA = re.compile(r"^\W*(?:no(?:mor)?\.?\s*agenda|agenda\s*no\.?|no\.?\s*urut)\s*[:.]?\s*(\S.*)$", re.I | re.M)
# "Tanggal Diterima : …", "Tgl. Terima …", "Diterima Tanggal …"
_RECEIVED = re.compile(
    r"^\W*(?:(?:tanggal|tgl\.?)\s*(?:di)?terima|diterima\s*(?:tanggal|tgl\.?))\s*[:.]?\s*(\S.*)$", re.I | re.M
)
# "Surat dari : …", "Asal Surat : …", "Dari : …"
_SENDER = re.compile(r"^\W*(?:surat\s+dari|asal\s+surat|dari)\s*[:.]?\s*(\S.*)$", re.I | re.M)
# "Isi Disposisi : …", "Disposisi : …", "Diteruskan kepada : …": its text runs to the next label or the end.
_DISPOSITION = re.compile(
    r"^\W*(?:isi\s+disposisi|disposisi|diteruskan\s+kepada)\s*[:.]?\s*(\S[\s\S]*?)\s*"
    r"(?=^\W*(?:paraf|tanggal|tgl|catatan|no\.?|nomor|sifat|perihal|hal)\b|\Z)",
    re.I | re.M,
)


def slip_title(doc: Document, page: int) -> str | None:
    """The slip title opening the file's page ``page`` of ``doc``, else None."""
    lines = [ln for ln in page_text(doc, page).splitlines() if ln.strip()][:TITLE_LINES]
    match = _TITLE.search("\n".join(lines))
    return " ".join(match.group(1).upper().split()) if match else None


def read_receipt(doc: Document, pages: dict[int, str]) -> Receipt:
    """The receipt written on the slip ``pages`` (page number -> slip title) of ``doc``."""
    text = "\n".join(page_text(doc, page) for page in pages)
    received = _value(_RECEIVED, text)
    return Receipt(
        kind=next(iter(pages.values())),
        pages=sorted(pages),
        agenda_number=_value(_AGENDA, text),
        received=parse_date(received) if received else None,
        sender=_value(_SENDER, text),
        disposition=_value(_DISPOSITION, text),
    )


def _value(pattern: re.Pattern, text: str) -> str | None:
    match = pattern.search(text)
    if not match:
        return None
    value = " ".join(match.group(1).split()).strip(" :.-")
    return value or None


def page_text(doc: Document, page: int) -> str:
    """The text of the file's page ``page`` of ``doc``."""
    index = page - doc.first_page
    starts = doc.page_starts + (len(doc.text),)
    return doc.text[starts[index] : starts[index + 1]]
