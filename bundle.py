"""A file as a bureau received it: one letter or several, disposition slips, annexes.

A scanner's batch or a forwarded PDF often holds several letters one after another, each perhaps
under the slip it was filed with (:mod:`.receipt`).  The file's pages are read in order: a slip
page begins a new group; a page that opens like a letter (a title such as "SURAT EDARAN" or a
"Hal" label, and a "Nomor" line, among its first lines; not a "LAMPIRAN" heading) begins a new
letter unless its group's slip is still waiting for one; any other page continues the letter
before it.  Each letter is extracted from its own pages (the spans keep the file's page
numbers), with its slip as ``receipt`` and its annexes as ``attachments``; a letter cut from a
larger file says which pages in ``source.first_page`` and ``source.last_page``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .attachments import find_attachments
from .extract import extract_letter
from .extract.sections import ABOUT, LAMPIRAN_HEADING, number_at, title_kind
from .ingest.document import Document
from .receipt import page_text, read_receipt, slip_title
from .schema.letter import Letter

#: Lines at the top of a page looked at for a letter's opening (letterhead, title, number block).
OPENING_LINES = 15


@dataclass
class _Group:
    slips: dict[int, str] = field(default_factory=dict)
    pages: list[int] = field(default_factory=list)


def letters_in(doc: Document, **options) -> list[tuple[Letter, Document]]:
    """Every letter in ``doc`` in order (one for most files), each with the document of its own pages,
    which its spans index; ``options`` go to ``extract_letter``."""
    groups = _groups(doc)
    if len(groups) == 1 and not groups[0].slips:
        return [(_letter(doc, options), doc)]
    letters = []
    for group in groups:
        part = doc.page_range(group.pages[0], group.pages[-1])
        letter = _letter(part, options)
        source = letter.source.model_copy(update={"first_page": group.pages[0], "last_page": group.pages[-1]})
        update: dict = {"source": source}
        if group.slips:
            update["receipt"] = read_receipt(doc, group.slips)
        letters.append((letter.model_copy(update=update), part))
    return letters


def opens_a_letter(text: str) -> bool:
    """Whether a page's text opens like a letter: a title or "Hal" label, and a number line, at its top."""
    lines = [ln.strip(" *#") for ln in text.splitlines() if ln.strip(" *#")][:OPENING_LINES]
    if not lines or any(LAMPIRAN_HEADING.match(ln) for ln in lines[:3]):
        return False
    headed = any(title_kind(ln) or ABOUT.match(ln) for ln in lines)
    return headed and any(number_at(ln) for ln in lines)


def _groups(doc: Document) -> list[_Group]:
    """The file's pages as groups of (slip pages, letter pages)."""
    if not doc.pages:
        return [_Group()]
    groups: list[_Group] = []
    for page in range(doc.first_page, doc.first_page + len(doc.page_starts)):
        title = slip_title(doc, page)
        if title is not None:
            if not groups or groups[-1].pages:
                groups.append(_Group())
            groups[-1].slips[page] = title
        elif groups and groups[-1].pages and opens_a_letter(page_text(doc, page)):
            groups.append(_Group(pages=[page]))
        else:
            if not groups:
                groups.append(_Group())
            groups[-1].pages.append(page)
    if len(groups) > 1 and not groups[-1].pages:  # a slip scanned after its letter
        groups[-2].slips.update(groups.pop().slips)
    if not groups[0].pages:  # only slips: read as they are
        return [_Group()]
    return groups


def _letter(doc: Document, options: dict) -> Letter:
    letter = extract_letter(doc, **options)
    attachments = find_attachments(doc)
    return letter.model_copy(update={"attachments": attachments}) if attachments else letter
