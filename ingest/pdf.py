"""Digital and scanned PDFs: characters with their boxes, in reading order.

Lines are built from pdfplumber's characters rather than its word extraction:
it is cheaper, and every character keeps its page and box for provenance.
Pages without a usable text layer go to OCR (:mod:`.ocr`).
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import statistics
from dataclasses import dataclass, field
from operator import itemgetter

from ..errors import IngestError, NeedsOCR
from ..schema.provenance import BBox
from .document import Document, IngestNote
from .limits import DEFAULT, Limits

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
#: A page covered by an image whose few characters (fewer than this) all lie in the top or
#: bottom EDGE_BAND of the page (where running headers and footers are) is a scan with a stamped-on line (an e-signature footer, a
#: page number): the letter itself is in the image.
STAMPED_TEXT_CHARS = 300
EDGE_BAND = 0.15
#: Running headers and footers are looked for among this many lines at the top and bottom of a page.
EDGE_LINES = 3
#: Lines at the same height on different pages are this close (points).
SAME_HEIGHT = 3.0

# Page furniture: "- 2 -", "Halaman 1 dari 2", "Hal. 2/3", a bare page number.
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*\d{1,3}\s*[-–—]|(?:Halaman|Hal\.?|Hlm\.?|Page)\s*\d{1,3}\s*(?:dari|/|of)\s*\d{1,3}|\d{1,3})\s*$",
    re.I,
)

_TOP_X0 = itemgetter("top", "x0")
_X0 = itemgetter("x0")

# pdfminer logs every oddity of a damaged file as a warning; without a handler of the
# application's own they would be printed to stderr by logging's last resort.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())


@dataclass
class _Segment:
    """Part of a line: its text, a box per character (None for inserted spaces), its extent."""

    text: str
    boxes: list[BBox | None]
    x0: float
    x1: float
    confidences: list[float | None] | None = None  # per character, for words read by OCR


@dataclass
class _Line:
    top: float
    bottom: float
    segments: list[_Segment] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    def text(self) -> str:
        return " ".join(s.text for s in self.segments)


def read_pdf(path: str, data: bytes, *, ocr: bool = True, limits: Limits = DEFAULT) -> Document:
    """Read a PDF letter; scanned pages are OCR'd when ``ocr`` is true and Tesseract is there.

    Raises :class:`IngestError` for files that are not PDFs, damaged, truncated,
    password-protected or longer than ``limits.pages``, and :class:`NeedsOCR` for
    scanned pages that cannot be OCR'd.
    """
    if not data[:1024].lstrip().startswith(b"%PDF"):
        raise IngestError(path, "not a PDF (the file does not start with %PDF); is it named .pdf by mistake?")
    layer = text_layer(path, data, limits)
    words = _ocr(path, data, layer.scanned, len(layer.lines), ocr, limits.pixels)
    return pages_document(path, data, layer.lines, layer.heights, words, layer.widths)


@dataclass
class TextLayer:
    """A PDF's text layer: each page's lines in reading order (None for a page to OCR), its size, and
    which library read it ("pdfium" or "pdfplumber")."""

    reader: str
    lines: list[list[_Line] | None] = field(default_factory=list)
    heights: list[float] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)
    scanned: list[int] = field(default_factory=list)

    def add(self, chars: list[dict], images: list[BBox], width: float, height: float) -> None:
        """Add a page: its characters become lines at once, so a long PDF never holds all its characters."""
        self.heights.append(height)
        self.widths.append(width)
        if _is_scan(chars, images, width, height):
            self.scanned.append(len(self.lines))
            self.lines.append(None)
        else:
            self.lines.append(_reading_order(_lines(chars), width))


def text_layer(path: str, data: bytes, limits: Limits = DEFAULT) -> TextLayer:
    """The text layer, read with pdfium (:mod:`.pdfium`); with pdfplumber when pdfium cannot open the
    file or a page needs what only pdfplumber gives (see :mod:`.pdfium`), and for pdfplumber's messages
    on a damaged file."""
    from . import pdfium

    with pdfium.opened(data) as document:
        if document is not None and len(document) > limits.pages:
            raise IngestError(path, f"too many pages: {len(document)}, the limit is {limits.pages}")
        if document is not None and len(document) > 0:
            layer = TextLayer("pdfium")
            for number in range(len(document)):
                objects = pdfium.page_objects(document, number)
                if objects is None:
                    break
                layer.add(*objects)
            else:
                return layer
    return _plumber_layer(path, data, limits)


def _plumber_layer(path: str, data: bytes, limits: Limits) -> TextLayer:
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    # pdfplumber wraps pdfminer's errors, but builds each page from its raw dictionary
    # (boxes, rotation) without wrapping: a malformed page raises a plain Python error.
    malformed = (PdfminerException, MalformedPDFException, ValueError, TypeError, IndexError, KeyError)
    pdf = _open(path, data)
    # The PDF is read from memory: nothing to close.  (pdfplumber's close() lists the
    # pages again, which raises a second time on a damaged file.)
    try:
        pages = pdf.pages
    except malformed as err:
        _memory_is_not_damage(err)
        raise IngestError(path, f"damaged or truncated PDF: its pages cannot be listed ({_why(err)})") from None
    if not pages:
        raise IngestError(path, "the PDF has no pages (damaged or truncated?)")
    if len(pages) > limits.pages:
        raise IngestError(path, f"too many pages: {len(pages)}, the limit is {limits.pages}")
    layer = TextLayer("pdfplumber")
    for number, page in enumerate(pages):
        try:
            chars, images = _page_objects(page)
            width, height = float(page.width), float(page.height)
        except malformed as err:
            _memory_is_not_damage(err)
            raise IngestError(path, f"damaged PDF: page {number + 1} cannot be read ({_why(err)})") from None
        layer.add(chars, images, width, height)
    return layer


def _page_objects(page) -> tuple[list[dict], list[BBox]]:
    """The page's upright characters and the boxes of its images, in page coordinates.

    Read from pdfminer's layout of the page (which pdfplumber makes) rather than
    from ``page.chars``: pdfplumber turns every object into a dict of some twenty
    resolved attributes, which costs more than interpreting the page; lines need
    six.  Coordinates are computed as pdfplumber computes them (top from the page
    height, MediaBox offsets), so boxes are pdfplumber's.
    """
    from pdfminer.layout import LTChar, LTContainer, LTImage

    height = float(page.height)
    mb_x0, mb_top = (float(v) for v in page.mediabox[:2])
    chars: list[dict] = []
    images: list[BBox] = []
    stack = [iter(page.layout)]
    while stack:
        for obj in stack[-1]:
            if isinstance(obj, LTChar):
                if obj.upright:
                    chars.append(
                        {
                            "text": obj.get_text(),
                            "x0": obj.x0 + mb_x0,
                            "x1": obj.x1 + mb_x0,
                            "top": height - obj.y1 + mb_top,
                            "bottom": height - obj.y0 + mb_top,
                            "size": obj.size,
                        }
                    )
            elif isinstance(obj, LTImage):
                images.append((obj.x0 + mb_x0, height - obj.y1 + mb_top, obj.x1 + mb_x0, height - obj.y0 + mb_top))
            elif isinstance(obj, LTContainer):  # a figure (form XObject): its own characters and images
                stack.append(iter(obj))
                break
        else:
            stack.pop()
    return chars, images


def _open(path: str, data: bytes):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        return pdfplumber.open(io.BytesIO(data))
    except PdfminerException as err:
        _memory_is_not_damage(err)
        cause = err.args[0] if err.args and isinstance(err.args[0], Exception) else err
        if isinstance(cause, PDFPasswordIncorrect):
            raise IngestError(path, "the PDF is password-protected; save an unprotected copy and try again") from None
        if isinstance(cause, PDFEncryptionError):
            raise IngestError(
                path,
                f"the PDF is encrypted in a way that cannot be opened ({cause}); "
                "save an unprotected copy and try again",
            ) from None
        raise IngestError(path, f"damaged or truncated PDF ({_why(cause)})") from None


def _memory_is_not_damage(err: Exception) -> None:
    """Raise MemoryError again when pdfplumber wrapped one: a file that needs more memory than a
    worker may use (see :mod:`.limits`) is too big, not damaged."""
    if isinstance(err, MemoryError) or (err.args and isinstance(err.args[0], MemoryError)):
        raise MemoryError from None


def _why(err: Exception) -> str:
    """One line saying what pdfminer found wrong."""
    from pdfminer.psexceptions import PSEOF

    if err.args and isinstance(err.args[0], Exception):  # pdfplumber wraps pdfminer's error
        err = err.args[0]
    if isinstance(err, PSEOF):
        return "the file ends unexpectedly; it may be truncated"
    message = " ".join(str(err).split())
    if "No /Root object" in message:
        return "its document catalogue is missing; it may be truncated"
    if len(message) > 100:
        message = message[:97] + "..."
    return f"{type(err).__name__}: {message}" if message else type(err).__name__


def _is_scan(chars: list[dict], images: list[BBox], width: float, height: float) -> bool:
    """Whether a page has no usable text layer: no characters, only unmapped glyphs
    ("(cid:12)"), or a few characters over a page-sized image."""
    printed = [c for c in chars if not c["text"].isspace()]
    if not printed:
        return True
    if 2 * sum(1 for c in printed if c["text"].startswith("(cid:")) > len(printed):
        return True
    covered = sum((x1 - x0) * (bottom - top) for x0, top, x1, bottom in images) / (width * height or 1.0)
    if covered <= 0.5:
        return False
    if len(printed) < MIN_TEXT_CHARS:
        return True
    band = EDGE_BAND * height
    return len(printed) < STAMPED_TEXT_CHARS and all(c["bottom"] < band or c["top"] > height - band for c in printed)


def _ocr(path: str, data: bytes, scanned: list[int], total: int, enabled: bool, max_pixels: int) -> dict:
    if not scanned:
        return {}
    which = (
        f"{len(scanned)} of {total} pages have"
        if len(scanned) < total
        else ("its page has" if total == 1 else f"all {total} pages have")
    )
    if not enabled:
        raise NeedsOCR(
            path,
            f"needs OCR: {which} no text layer and OCR was turned off; "
            "read it with OCR on (needs Tesseract with the Indonesian model)",
        )
    try:
        from .ocr import OcrError, ocr_pages, ocr_unavailable
    except ImportError:
        raise NeedsOCR(path, f"needs OCR: {which} no text layer and this installation has no OCR module") from None
    try:
        # Called even when Tesseract is missing: pages OCR'd before come from the cache.
        return ocr_pages(data, scanned, max_pixels=max_pixels)
    except OcrError as err:
        raise NeedsOCR(path, f"needs OCR: {which} no text layer; {ocr_unavailable() or err}") from None


def _lines(chars: list[dict]) -> list[_Line]:
    """Group characters into rows by vertical position; each row becomes a line."""
    rows: list[list[dict]] = []
    row: list[dict] = []
    mid_of_row = -1e9
    for c in sorted(chars, key=_TOP_X0):
        top, bottom = c["top"], c["bottom"]
        mid = (top + bottom) / 2
        if row and abs(mid - mid_of_row) <= max(2.0, (bottom - top) * 0.45):
            row.append(c)
        else:
            row = [c]
            rows.append(row)
            mid_of_row = mid
    lines = []
    for row in rows:
        row.sort(key=_X0)
        line = _line(row)
        if line is not None:
            lines.append(line)
    return lines


def _line(row: list[dict]) -> _Line | None:
    """One row of characters, left to right, as a line of segments.

    Space characters are dropped: the gaps between glyphs say where words end
    (SPACE_GAP), and where a column gap separates two things (COLUMN_GAP).
    "Fake bold" doubles are dropped too: the same glyph printed again at almost the
    same place, which text layers read as "BBAADDAANN".  (pdfplumber's dedupe_chars
    does this but costs about twice the page's parsing.)  One pass builds each
    segment's text and its boxes, since this runs on every character of every page.
    """
    segments: list[_Segment] = []
    parts: list[str] = []
    boxes: list[BBox | None] = []
    last: dict | None = None
    start = 0.0
    top, bottom = float("inf"), float("-inf")
    for c in row:
        text = c["text"]
        if text.isspace():
            continue
        x0 = c["x0"]
        if last is not None:
            if (
                text == last["text"]
                and abs(x0 - last["x0"]) < 0.5 * max(0.5, last["x1"] - last["x0"])
                and abs(c["top"] - last["top"]) < 1.5
            ):
                continue
            gap = x0 - last["x1"]
            if gap > COLUMN_GAP and x0 > 0:
                segments.append(_Segment("".join(parts), boxes, start, last["x1"]))
                parts, boxes, start = [], [], x0
            elif gap > SPACE_GAP * max(1.0, last["size"] or 10.0):
                parts.append(" ")
                boxes.append(None)
        else:
            start = x0
        parts.append(text)
        box = (x0, c["top"], c["x1"], c["bottom"])
        if len(text) == 1:
            boxes.append(box)
        else:  # a ligature: every letter gets the glyph's box
            boxes.extend([box] * len(text))
        top, bottom = min(top, box[1]), max(bottom, box[3])
        last = c
    if last is None:
        return None
    segments.append(_Segment("".join(parts), boxes, start, last["x1"]))
    return _Line(top, bottom, segments)


def _reading_order(lines: list[_Line], width: float) -> list[_Line]:
    """Read two things side by side as a left block, then a right block.

    A line holding two things (a piece starting left of COLUMN_AT of the page width,
    and after a column gap a piece starting right of it) sets a gutter where its
    right piece begins.  The lines around it, up and down while they are a line
    pitch apart, whose pieces each end left of the gutter or start right of
    COLUMN_AT, form a two-column block: a "Nomor/Lampiran/Perihal" block beside
    "Kepada Yth." and its list, or a number beside the place and date.  The block is
    emitted left column first; an empty line separates the columns.  A line that
    crosses the gutter (body text, a centred title) ends the block.  Each block has
    its own gutter, so a table or signature lower on the page does not move it.
    """
    out: list[_Line] = []
    near = _pitch(lines) * 1.3
    done = k = 0
    while k < len(lines):
        gutter = _gutter(lines[k], width)
        if gutter is None:
            k += 1
            continue
        start, end = k, k + 1
        while (
            start > done
            and _columnar(lines[start - 1], gutter, width)
            and lines[start].top - lines[start - 1].top < near
        ):
            start -= 1
        while end < len(lines) and _columnar(lines[end], gutter, width) and lines[end].top - lines[end - 1].top < near:
            end += 1
        out.extend(lines[done:start])
        block = lines[start:end]
        out.extend(
            ln
            for ln in (_Line(ln.top, ln.bottom, [s for s in ln.segments if s.x1 < gutter]) for ln in block)
            if ln.segments
        )
        out.append(_Line(-1, -1))  # column break
        out.extend(
            ln
            for ln in (_Line(ln.top, ln.bottom, [s for s in ln.segments if s.x1 >= gutter]) for ln in block)
            if ln.segments
        )
        out.append(_Line(-1, -1))
        done = k = end
    out.extend(lines[done:])
    return out


def _gutter(line: _Line, width: float) -> float | None:
    """Where the right-hand thing begins on a line that holds two, else None."""
    if line.segments[0].x0 >= width * COLUMN_AT:
        return None
    for segment in line.segments[1:]:
        if segment.x0 >= width * COLUMN_AT:
            return segment.x0 - 2
    return None


def _columnar(line: _Line, gutter: float, width: float) -> bool:
    return all(s.x1 < gutter or s.x0 >= width * COLUMN_AT for s in line.segments)


def _pitch(lines: list[_Line]) -> float:
    gaps = [b.top - a.top for a, b in zip(lines, lines[1:], strict=False) if b.top > a.top]
    return statistics.median(gaps) if gaps else 12.0


def _furniture(pages: list[list[_Line] | None], heights: list[float]) -> set[tuple[int, int]]:
    """(page, line) positions of running headers and footers.

    A page number ("- 2 -", "Halaman 1 dari 2") among the first or last two lines of
    a page is furniture.  So is a line repeated at the same height on at least half
    the pages (two at least), digits aside, when it is among the first or last
    EDGE_LINES lines of its page or in the EDGE_BAND at its top or bottom
    ("Halaman 3 dari 4").  One copy stays: a header on the first page, where a repeated
    line is the letterhead that a lampiran page may print again, and a footer on the
    last page, where it interrupts nothing and still says what it says ("ditandatangani
    secara elektronik").
    """
    drop: set[tuple[int, int]] = set()
    edges: dict[tuple[str, str], list[tuple[int, int, float]]] = {}
    for p, lines in enumerate(pages):
        if not lines:
            continue
        real = [k for k, ln in enumerate(lines) if ln.segments]
        for k in real[:2] + real[-2:]:
            if _PAGE_NUMBER.match(lines[k].text()):
                drop.add((p, k))
        height = heights[p]
        edge = [k for k in real if lines[k].bottom < EDGE_BAND * height or lines[k].top > (1 - EDGE_BAND) * height]
        for k in dict.fromkeys(real[:EDGE_LINES] + real[-EDGE_LINES:] + edge):
            band = "top" if lines[k].top < height / 2 else "bottom"
            edges.setdefault((band, re.sub(r"\d+", "#", lines[k].text())), []).append((p, k, lines[k].top))
    digital = [p for p, lines in enumerate(pages) if lines]
    enough = max(2, (len(digital) + 1) // 2)
    keep = {"top": digital[0] if digital else 0, "bottom": digital[-1] if digital else 0}
    for (band, _), seen in edges.items():
        if len(seen) < 2:
            continue
        usual = statistics.median(top for _, _, top in seen)
        level = [(p, k) for p, k, top in seen if abs(top - usual) <= SAME_HEIGHT]
        if len({p for p, _ in level}) >= enough:
            drop.update((p, k) for p, k in level if p != keep[band])
    return drop


def pages_document(
    path: str,
    data: bytes,
    pages: list[list[_Line] | None],
    heights: list[float],
    words: dict,
    widths: list[float],
    media_type: str = "application/pdf",
) -> Document:
    """The document of a file's pages: each page its lines from a text layer, or (``None``) its OCR ``words``
    (shared with images, whose pages are all OCR'd)."""
    parts: list[str] = []
    boxes: list[tuple[int, BBox] | None] = []
    confidences: list[float | None] = []
    page_starts: list[int] = []
    drop = _furniture(pages, heights)
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
            for line in _reading_order(_ocr_lines(words.get(p, [])), widths[p]):
                for n, segment in enumerate(line.segments):
                    if n:
                        add(" ", [None], p + 1, [None])
                    add(segment.text, segment.boxes, p + 1, segment.confidences)
                add("\n", [None], p + 1, [None])
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
                if n:
                    add(" ", [None], p + 1)
                add(segment.text, segment.boxes, p + 1)
            add("\n", [None], p + 1)
            previous = line
    raw = "".join(parts)
    any_ocr = bool(words)
    notes: tuple[IngestNote, ...] = ()
    if any_ocr:
        read = ", ".join(str(p + 1) for p in sorted(words))
        notes = (IngestNote("ocr", f"page{'s' if len(words) > 1 else ''} {read} read by OCR"),)
    return Document.build(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        media_type=media_type,
        raw=raw,
        raw_page_starts=tuple(page_starts),
        pages=len(pages),
        boxes=boxes,
        confidences=confidences if any_ocr else None,
        ocr=any_ocr,
        notes=notes,
        markdown=False,
    )


def _ocr_lines(words: list) -> list[_Line]:
    """OCR words of one page as lines of segments, like a digital page's: words of a line joined by spaces,
    a column gap (two things side by side, "Nomor : 411/304" beside "Kepada Yth.") starting a new segment,
    each word's box spread over its letters and its confidence on each of them.  The same reading order as
    digital pages then reads the left block before the right one."""
    lines: list[_Line] = []
    current: list = []
    for word in words:
        if current and word.line != current[-1].line:
            lines.append(_ocr_line(current))
            current = []
        current.append(word)
    if current:
        lines.append(_ocr_line(current))
    return lines


def _ocr_line(words: list) -> _Line:
    segments: list[_Segment] = []
    parts: list[str] = []
    boxes: list[BBox | None] = []
    conf: list[float | None] = []
    last = words[0]
    start = words[0].x0
    for n, word in enumerate(words):
        if n:
            if word.x0 - last.x1 > COLUMN_GAP and word.x0 > 0:
                segments.append(_Segment("".join(parts), boxes, start, last.x1, conf))
                parts, boxes, conf = [], [], []
            else:
                parts.append(" ")
                boxes.append(None)
                conf.append(None)
        if not parts:
            start = word.x0
        size = len(word.text)
        step = (word.x1 - word.x0) / max(1, size)
        parts.append(word.text)
        boxes.extend((word.x0 + i * step, word.top, word.x0 + (i + 1) * step, word.bottom) for i in range(size))
        conf.extend([word.conf] * size)
        last = word
    segments.append(_Segment("".join(parts), boxes, start, last.x1, conf))
    return _Line(min(w.top for w in words), max(w.bottom for w in words), segments)
