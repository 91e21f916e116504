"""Digital and scanned PDFs: characters with their boxes, in reading order.

Lines are built from pdfplumber's characters rather than its word extraction:
it is cheaper, and every character keeps its page and box for provenance.
Pages without a usable text layer go to OCR (:mod:`.ocr`).
"""

from __future__ import annotations

import hashlib
import io
import re
import statistics
from dataclasses import dataclass, field

from ..errors import IngestError, NeedsOCR
from ..schema.provenance import BBox
from .document import Document, IngestNote

#: A space is inserted between two characters further apart than this share of the font size.
SPACE_GAP = 0.18
#: A gap this wide (points), starting right of COLUMN_AT of the page width, separates two
#: things printed on one line ("Nomor : 800/12/BKD      Manado, 16 Desember 2024") rather
#: than two words.  Label alignment ("Nomor    : ...", ~30 pt) stays left of it; justified
#: body text has gaps of a few points.
COLUMN_GAP = 36.0
COLUMN_AT = 0.40
#: A vertical gap over this many line pitches is a paragraph break: an empty line in the text.
PARAGRAPH_GAP = 1.75
#: A page with fewer printed characters than this, covered by an image, is a scan.
MIN_TEXT_CHARS = 30

# Page furniture: "- 2 -", "Halaman 1 dari 2", "Hal. 2/3", a bare page number.
_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*\d{1,3}\s*[-–—]|(?:Halaman|Hal\.?|Page)\s*\d{1,3}\s*(?:dari|/|of)\s*\d{1,3}|\d{1,3})\s*$", re.I)


@dataclass
class _Segment:
    chars: list[dict]
    x0: float
    x1: float


@dataclass
class _Line:
    top: float
    bottom: float
    segments: list[_Segment] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    def text(self) -> str:
        return " ".join(_segment_text(s)[0] for s in self.segments)


def read_pdf(path: str, data: bytes, *, ocr: bool = True) -> Document:
    """Read a PDF letter; scanned pages are OCR'd when ``ocr`` is true and Tesseract is there."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    if not data[:1024].lstrip().startswith(b"%PDF"):
        raise IngestError(path, "not a PDF (the file does not start with %PDF); is it named .pdf by mistake?")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as err:
        cause = err.args[0] if err.args else err
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) or "password" in str(cause).lower():
            raise IngestError(path, "the PDF is password-protected; save an unprotected copy and try again") from None
        raise IngestError(path, f"damaged or truncated PDF ({type(cause).__name__}: {cause})") from None
    except Exception as err:  # pdfminer raises many kinds of errors on broken files
        raise IngestError(path, f"damaged or truncated PDF ({type(err).__name__}: {err})") from None
    with pdf:
        try:
            pages = list(pdf.pages)
        except Exception as err:
            raise IngestError(path, f"damaged or truncated PDF: its pages cannot be listed ({err})") from None
        if not pages:
            raise IngestError(path, "the PDF has no pages (damaged or truncated?)")
        page_lines: list[list[_Line] | None] = []
        scanned: list[int] = []
        for number, page in enumerate(pages):
            try:
                chars = [c for c in page.chars if c.get("upright", True)]
                images = page.images
                area = float(page.width * page.height) or 1.0
            except Exception as err:
                raise IngestError(path, f"damaged PDF: page {number + 1} cannot be read ({type(err).__name__})") from None
            printed = sum(1 for c in chars if not c["text"].isspace())
            covered = sum((i["x1"] - i["x0"]) * (i["bottom"] - i["top"]) for i in images) / area
            if printed == 0 or (printed < MIN_TEXT_CHARS and covered > 0.5):
                scanned.append(number)
                page_lines.append(None)
            else:
                page_lines.append(_reading_order(_lines(chars), float(page.width)))
    words = _ocr(path, data, scanned, len(pages), ocr)
    return _document(path, data, page_lines, words)


def _ocr(path: str, data: bytes, scanned: list[int], total: int, enabled: bool) -> dict:
    if not scanned:
        return {}
    which = f"{len(scanned)} of {total} pages have" if len(scanned) < total else (
        "its page has" if total == 1 else f"all {total} pages have")
    if not enabled:
        raise NeedsOCR(path, f"needs OCR: {which} no text layer (OCR was turned off)")
    try:
        from .ocr import OcrError, ocr_pages, ocr_unavailable
    except ImportError:
        raise NeedsOCR(path, f"needs OCR: {which} no text layer and OCR support is missing") from None
    reason = ocr_unavailable()
    try:
        return ocr_pages(data, scanned)
    except OcrError as err:
        raise NeedsOCR(path, f"needs OCR: {which} no text layer; {reason or err}") from None


def _lines(chars: list[dict]) -> list[_Line]:
    """Group characters into lines by vertical position, each line split where a column gap is."""
    chars = sorted(chars, key=lambda c: (c["top"], c["x0"]))
    rows: list[list[dict]] = []
    mid_of_row = -1e9
    for c in chars:
        mid = (c["top"] + c["bottom"]) / 2
        tolerance = max(2.0, (c["bottom"] - c["top"]) * 0.45)
        if rows and abs(mid - mid_of_row) <= tolerance:
            rows[-1].append(c)
        else:
            rows.append([c])
            mid_of_row = mid
    lines = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        kept = _dedupe(row)
        if not kept:
            continue
        line = _Line(min(c["top"] for c in kept), max(c["bottom"] for c in kept))
        current: list[dict] = []
        for c in kept:
            if current and c["x0"] - current[-1]["x1"] > COLUMN_GAP and c["x0"] > 0:
                line.segments.append(_Segment(current, current[0]["x0"], current[-1]["x1"]))
                current = []
            current.append(c)
        line.segments.append(_Segment(current, current[0]["x0"], current[-1]["x1"]))
        lines.append(line)
    return lines


def _dedupe(row: list[dict]) -> list[dict]:
    """Drop spaces (gaps say where words end) and "fake bold" doubles: the same glyph
    printed twice at almost the same place, which text layers read as "BBAADDAANN"."""
    kept: list[dict] = []
    for c in row:
        if c["text"].isspace():
            continue
        if kept:
            last = kept[-1]
            if c["text"] == last["text"] and abs(c["x0"] - last["x0"]) < 0.5 * max(0.5, last["x1"] - last["x0"]) \
                    and abs(c["top"] - last["top"]) < 1.5:
                continue
        kept.append(c)
    return kept


def _segment_text(segment: _Segment) -> tuple[str, list[BBox | None]]:
    parts: list[str] = []
    boxes: list[BBox | None] = []
    last = None
    for c in segment.chars:
        if last is not None and c["x0"] - last["x1"] > SPACE_GAP * max(1.0, last.get("size") or 10.0):
            parts.append(" ")
            boxes.append(None)
        parts.append(c["text"])
        boxes.extend([(c["x0"], c["top"], c["x1"], c["bottom"])] * len(c["text"]))
        last = c
    return "".join(parts), boxes


def _reading_order(lines: list[_Line], width: float) -> list[_Line]:
    """Read two things side by side as a left block, then a right block.

    A run of lines whose pieces each lie wholly left or wholly right of a column
    boundary, with at least one line holding both, is a two-column block (a
    "Nomor/Lampiran/Perihal" block beside "Kepada Yth." and its list, or a number
    beside the place and date).  Such a run is emitted left column first; an empty
    line separates the columns.  Full-width lines end a run.
    """
    split = None
    rights = [ln.segments[-1].x0 for ln in lines if len(ln.segments) > 1 and ln.segments[-1].x0 > width * COLUMN_AT]
    if not rights:
        return lines
    split = min(rights) - 2
    out: list[_Line] = []
    i = 0
    pitch = _pitch(lines)
    while i < len(lines):
        j = i
        both = False
        while j < len(lines) and _columnar(lines[j], split) and (j == i or lines[j].top - lines[j - 1].top < pitch * 1.3):
            both = both or (lines[j].segments[0].x0 < split <= lines[j].segments[-1].x0)
            j += 1
        if both and j - i > 0:
            left = [_Line(ln.top, ln.bottom, [s for s in ln.segments if s.x0 < split]) for ln in lines[i:j]]
            right = [_Line(ln.top, ln.bottom, [s for s in ln.segments if s.x0 >= split]) for ln in lines[i:j]]
            out.extend(ln for ln in left if ln.segments)
            out.append(_Line(-1, -1))  # column break
            out.extend(ln for ln in right if ln.segments)
            out.append(_Line(-1, -1))
            i = j
        else:
            out.append(lines[i])
            i += 1
    return out


def _columnar(line: _Line, split: float) -> bool:
    return all(s.x1 < split or s.x0 >= split for s in line.segments)


def _pitch(lines: list[_Line]) -> float:
    gaps = [b.top - a.top for a, b in zip(lines, lines[1:], strict=False) if b.top > a.top]
    return statistics.median(gaps) if gaps else 12.0


def _furniture(pages: list[list[_Line] | None]) -> set[tuple[int, int]]:
    """(page, line) positions of running headers and footers: page numbers at the top or
    bottom of a page, and the same line at the same height on several pages."""
    drop: set[tuple[int, int]] = set()
    seen: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for p, lines in enumerate(pages):
        if not lines:
            continue
        real = [k for k, ln in enumerate(lines) if ln.segments]
        for k in real[:2] + real[-2:]:
            if _PAGE_NUMBER.match(lines[k].text()):
                drop.add((p, k))
        for k in real[:3] + real[-3:]:
            key = (re.sub(r"\d+", "#", lines[k].text()), round(lines[k].top / 4))
            seen.setdefault(key, []).append((p, k))
    for positions in seen.values():
        if len({p for p, _ in positions}) >= 2:
            drop.update(positions)
    return drop


def _document(path: str, data: bytes, pages: list[list[_Line] | None], words: dict) -> Document:
    parts: list[str] = []
    boxes: list[tuple[int, BBox] | None] = []
    confidences: list[float | None] = []
    page_starts: list[int] = []
    drop = _furniture(pages)
    offset = 0

    def add(text: str, page_boxes: list[BBox | None], page: int, conf: list[float | None] | None = None) -> None:
        nonlocal offset
        parts.append(text)
        boxes.extend(None if b is None else (page, b) for b in page_boxes)
        confidences.extend(conf if conf is not None else [None] * len(text))
        offset += len(text)

    for p, lines in enumerate(pages):
        page_starts.append(offset)
        if lines is None:
            _add_ocr_page(words.get(p, []), p + 1, add)
            continue
        previous: _Line | None = None
        pitch = _pitch([ln for ln in lines if ln.segments])
        for k, line in enumerate(lines):
            if (p, k) in drop:
                continue
            if not line.segments:
                add("\n", [None], p + 1)
                previous = None
                continue
            if previous is not None and line.top - previous.top > pitch * PARAGRAPH_GAP:
                add("\n", [None], p + 1)
            for n, segment in enumerate(line.segments):
                text, seg_boxes = _segment_text(segment)
                if n:
                    add(" ", [None], p + 1)
                add(text, seg_boxes, p + 1)
            add("\n", [None], p + 1)
            previous = line
    raw = "".join(parts)
    any_ocr = bool(words)
    notes: tuple[IngestNote, ...] = ()
    if any_ocr:
        read = ", ".join(str(p + 1) for p in sorted(words))
        notes = (IngestNote("ocr", f"page{'s' if len(words) > 1 else ''} {read} read by OCR"),)
    return Document.build(
        path=path, sha256=hashlib.sha256(data).hexdigest(), media_type="application/pdf", raw=raw,
        raw_page_starts=tuple(page_starts), pages=len(pages), boxes=boxes,
        confidences=confidences if any_ocr else None, ocr=any_ocr, notes=notes, markdown=False,
    )


def _add_ocr_page(words: list, page: int, add) -> None:
    """OCR words of one page: words of a line joined by spaces, each word's box spread over its letters."""
    line = None
    for word in words:
        if line is not None:
            add("\n" if word.line != line else " ", [None], page, [None])
        line = word.line
        n = max(1, len(word.text))
        step = (word.x1 - word.x0) / n
        word_boxes = [(word.x0 + i * step, word.top, word.x0 + (i + 1) * step, word.bottom) for i in range(n)]
        add(word.text, word_boxes, page, [word.conf] * len(word.text))
    if line is not None:
        add("\n", [None], page, [None])
