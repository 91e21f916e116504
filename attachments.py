"""A letter's attachments: the pages after its signature that belong to it ("LAMPIRAN SURAT …").

A circular letter often carries annexes (a form, a banner design, a list of offices) headed
"LAMPIRAN" and restating the letter's number and date.  They are part of the letter, not another
letter, and not the letter's body: each is listed in the record with its heading and its pages.
The heading line is found as the extractor finds it (:func:`edaran.extract.sections.segment`).
"""

from __future__ import annotations

from .extract.lines import split_lines
from .extract.sections import LAMPIRAN_HEADING, segment
from .ingest.document import Document
from .schema.letter import Attachment

#: Lines of an attachment's heading kept as its title (the heading, whose letter, number, date, subject).
TITLE_LINES = 6


def find_attachments(doc: Document) -> list[Attachment]:
    """The attachments after the signature of the letter in ``doc``, in order."""
    lines = split_lines(doc.text)
    first = segment(lines).lampiran
    if first is None:
        return []
    heads = [ln.index for ln in lines[first:] if LAMPIRAN_HEADING.match(ln.text)]
    last_page = doc.page_of(len(doc.text) - 1) if doc.text else None
    out = []
    for k, head in enumerate(heads):
        title_lines: list = []
        for line in lines[head:]:
            if line.blank or len(title_lines) == TITLE_LINES:
                break
            title_lines.append(line)
        start, end = title_lines[0].start, title_lines[-1].end
        pages: list[int] = []
        if doc.pages is not None and last_page is not None:
            until = (doc.page_of(lines[heads[k + 1]].start) or 1) - 1 if k + 1 < len(heads) else last_page
            begin = doc.page_of(start) or 1
            pages = list(range(begin, max(begin, until) + 1))
        title = " ".join(" ".join(line.text.strip(" *#") for line in title_lines).split())
        out.append(Attachment(title=title, pages=pages, span=doc.span(start, end)))
    return out
