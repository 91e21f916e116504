"""The one document model every input becomes: text plus where each character came from."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ..schema.provenance import BBox, Span
from .normalize import normalize


@dataclass(frozen=True)
class IngestNote:
    """Something the reader noticed while reading the file (not fatal)."""

    code: str
    message: str


@dataclass(frozen=True, eq=False)
class Document:
    """A letter's text as the extractor sees it, with provenance for every character.

    ``text`` is the cleaned text that spans index into.  ``raw`` is the text as
    read (for PDFs: the page lines in reading order), and ``origin[i]`` is the
    offset in ``raw`` of ``text[i]``.  ``boxes`` and ``confidences`` are indexed
    like ``raw``: the page box of each character read from a PDF, and the OCR
    confidence (0-100) of the word it belongs to.
    """

    path: str
    sha256: str
    media_type: str
    text: str
    raw: str
    origin: list[int]
    page_starts: tuple[int, ...] = (0,)
    pages: int | None = None
    boxes: list[tuple[int, BBox] | None] | None = None
    confidences: list[float | None] | None = None
    ocr: bool = False
    notes: tuple[IngestNote, ...] = field(default_factory=tuple)
    raw_page_starts: tuple[int, ...] = (0,)
    #: The file's page number of the document's first page (a letter cut from a bundle starts later).
    first_page: int = 1

    @classmethod
    def build(
        cls,
        *,
        path: str,
        sha256: str,
        media_type: str,
        raw: str,
        raw_page_starts: tuple[int, ...] = (0,),
        pages: int | None = None,
        boxes: list[tuple[int, BBox] | None] | None = None,
        confidences: list[float | None] | None = None,
        ocr: bool = False,
        notes: tuple[IngestNote, ...] = (),
        markdown: bool = True,
        first_page: int = 1,
    ) -> Document:
        """Normalise ``raw`` and keep the map back to it."""
        text, origin = normalize(raw, markdown=markdown)
        page_starts = tuple(bisect.bisect_left(origin, start) for start in raw_page_starts)
        return cls(
            path=path,
            sha256=sha256,
            media_type=media_type,
            text=text,
            raw=raw,
            origin=origin,
            page_starts=page_starts,
            pages=pages,
            boxes=boxes,
            confidences=confidences,
            ocr=ocr,
            notes=tuple(notes),
            raw_page_starts=raw_page_starts,
            first_page=first_page,
        )

    def page_of(self, offset: int) -> int | None:
        """1-based page of a text offset; None for documents without pages."""
        if self.pages is None:
            return None
        return self.first_page - 1 + max(1, bisect.bisect_right(self.page_starts, offset))

    def page_range(self, first: int, last: int) -> Document:
        """Pages ``first`` to ``last`` (the file's 1-based numbers, inclusive) as a document of their own,
        every character keeping its page, box and confidence: a letter in a bundle, a slip on its cover."""
        begin = self.first_page
        starts = self.raw_page_starts + (len(self.raw),)
        lo, hi = starts[first - begin], starts[last - begin + 1]
        return Document.build(
            path=self.path,
            sha256=self.sha256,
            media_type=self.media_type,
            raw=self.raw[lo:hi],
            raw_page_starts=tuple(s - lo for s in starts[first - begin : last - begin + 1]),
            pages=self.pages,
            boxes=self.boxes[lo:hi] if self.boxes is not None else None,
            confidences=self.confidences[lo:hi] if self.confidences is not None else None,
            ocr=self.ocr,
            notes=self.notes,
            markdown=False,
            first_page=first,
        )

    def span(self, start: int, end: int) -> Span:
        """The provenance of ``text[start:end]``: page, box and OCR confidence."""
        start = max(0, min(start, len(self.text)))
        end = max(start, min(end, len(self.text)))
        page = self.page_of(start)
        bbox = None
        boxes = None
        confidence = None
        raw_idx = self.origin[start:end]
        if self.boxes is not None and raw_idx:
            by_page: dict[int, list[float]] = {}
            for i in raw_idx:
                box = self.boxes[i]
                if box is None:
                    continue
                b, u = box[1], by_page.get(box[0])
                by_page[box[0]] = (
                    [b[0], b[1], b[2], b[3]]
                    if u is None
                    else [min(u[0], b[0]), min(u[1], b[1]), max(u[2], b[2]), max(u[3], b[3])]
                )
            rounded = {p: (round(u[0], 2), round(u[1], 2), round(u[2], 2), round(u[3], 2)) for p, u in by_page.items()}
            bbox = rounded.get(page) if page is not None else None
            if len(rounded) > 1:  # a value over a page break: its box on every page
                boxes = sorted(rounded.items())
        if self.confidences is not None and raw_idx:
            values = [c for c in (self.confidences[i] for i in raw_idx) if c is not None]
            if values:
                confidence = round(sum(values) / len(values), 1)
        return Span(start=start, end=end, page=page, bbox=bbox, confidence=confidence, boxes=boxes)

    def weakest_confidence(self, start: int, end: int) -> float | None:
        """The lowest OCR confidence of a word in ``text[start:end]``: an identifying value (a number,
        a date) is only as readable as its weakest word, however well the rest was read."""
        if self.confidences is None:
            return None
        values = [c for c in (self.confidences[i] for i in self.origin[start:end]) if c is not None]
        return min(values) if values else None

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The ``[start, end)`` in ``raw`` that ``text[start:end]`` was read from."""
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1
