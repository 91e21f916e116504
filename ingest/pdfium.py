"""A PDF page's characters and image boxes read with pdfium (pypdfium2), as :mod:`.pdf` consumes them.

pdfminer (inside pdfplumber) lays out every page in Python; pdfium interprets it in C
at a small share of the CPU and memory.  This module only turns pdfium's characters
into the dicts pdfplumber's layout gives (``text``, ``x0``, ``x1``, ``top``,
``bottom``, ``size``), with pdfminer's geometry: a character's box runs from its
origin over its advance width, from the font's descent below the baseline up one
font size; ``top`` is measured as pdfplumber measures it (from the MediaBox, with its
offsets).  Lines, reading order, fake bold, scan detection and running headers stay
in :mod:`.pdf`, shared by both readers.

Where pdfium's answer could differ from pdfplumber's, :func:`page_objects` returns
None and the file is read with pdfplumber instead: a rotated page, a page with its
own CropBox but a MediaBox inherited from the page tree (pdfium does not report
it), glyphs without a Unicode mapping (pdfminer prints them as ``(cid:N)``,
which the scan detection counts), and a page of more characters than a letter's
page holds (a hostile file: pdfplumber reads it under the per-file limits).
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..schema.provenance import BBox

#: The characters and image boxes of one page, and its width and height (pdfplumber's: the MediaBox's).
PageObjects = tuple[list[dict], list[BBox], float, float]

#: More characters than any letter's page holds (an A4 page in 6 pt type holds some 15,000): such a
#: page is a hostile or broken file, read by pdfplumber under the per-file limits as before, rather
#: than turned into a Python object per glyph here.
MAX_PAGE_CHARS = 200_000

_LOCK = threading.Lock()

# pdfium's page object types (fpdf_edit.h).
_IMAGE = 3
_FORM = 5


@contextmanager
def opened(data: bytes) -> Iterator[Any | None]:
    """The PDF opened by pdfium, or None when pdfium cannot open it (pdfplumber then says why).

    PDFium is not thread-safe: one document is read at a time in a process, closed on leaving."""
    import pypdfium2 as pdfium

    with _LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            document = None
        try:
            yield document
        finally:
            if document is not None:
                document.close()


def page_objects(document: Any, number: int) -> PageObjects | None:
    """Page ``number``'s characters and image boxes, or None when pdfplumber should read the file."""
    import pypdfium2 as pdfium

    try:
        page = document[number]
    except pdfium.PdfiumError:
        return None
    try:
        mediabox = _mediabox(page)
        if mediabox is None or page.get_rotation():
            return None
        x0, y0, x1, y1 = mediabox
        # pdfplumber's top is (MediaBox height) - (y - MediaBox bottom) - (MediaBox bottom): height - y.
        flip = abs(y1 - y0)
        textpage = page.get_textpage()
        try:
            chars = _chars(textpage, flip)
        finally:
            textpage.close()
        if chars is None:
            return None
        return chars, _images(page, flip), abs(x1 - x0), flip
    finally:
        page.close()


def _mediabox(page: Any) -> tuple[float, float, float, float] | None:
    """The page's MediaBox.  pdfium reports only a page's own; an inherited one (fpdf and others write
    it once, on the page tree) is the page's bounding box when the page has no CropBox of its own
    (the bounding box is the CropBox within the MediaBox).  None when it cannot be known."""
    mediabox = page.get_mediabox(fallback_ok=False)
    if mediabox is None and page.get_cropbox(fallback_ok=False) is None:
        mediabox = tuple(page.get_bbox())
    return mediabox


def _plain(func: Any, restype: Any, *argtypes: Any) -> Any:
    """The same C function, called with plain integers for handles: converting pypdfium2's typed
    pointers costs more than the call, and :func:`_chars` makes a few calls per character."""
    address = ctypes.cast(func, ctypes.c_void_p).value
    if address is None:
        raise ImportError(f"pdfium has no {func.__name__}")
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


def _chars(textpage: Any, flip: float) -> list[dict] | None:
    """The page's upright characters, in pdfium's order; None when a glyph has no Unicode mapping
    or there are more than MAX_PAGE_CHARS.

    A glyph that stands for several letters (a ligature) is one character whose text
    is all of them, as pdfminer gives it: pdfium reports each letter at the glyph's
    origin, which would otherwise read as a "fake bold" double.  What is the same for
    every character of a text object (font, size, orientation) is asked once per object.
    """
    import pypdfium2.raw as raw

    vp, i32, f64p = ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_double)
    get_object = _plain(raw.FPDFText_GetTextObject, vp, vp, i32)
    unmapped = _plain(raw.FPDFText_HasUnicodeMapError, i32, vp, i32)
    generated = _plain(raw.FPDFText_IsGenerated, i32, vp, i32)
    get_origin = _plain(raw.FPDFText_GetCharOrigin, i32, vp, i32, f64p, f64p)
    get_font = _plain(raw.FPDFTextObj_GetFont, vp, vp)
    glyph_width = _plain(
        raw.FPDFFont_GetGlyphWidth, i32, vp, ctypes.c_uint32, ctypes.c_float, ctypes.POINTER(ctypes.c_float)
    )
    handle = ctypes.cast(textpage.raw, vp).value
    count = raw.FPDFText_CountChars(textpage)
    if count > MAX_PAGE_CHARS:
        return None
    text = textpage.get_text_range(0, count) if count else ""
    if len(text) != count:  # a character outside the Basic Multilingual Plane: one per index no more
        text = "".join(chr(raw.FPDFText_GetUnicode(textpage, i)) for i in range(count))
    chars: list[dict] = []
    objects: dict[int, tuple[int, float, float, bool]] = {}  # per text object: font, descent, size, upright
    widths: dict[tuple[int, str], float] = {}  # per font and letter: advance per unit of size
    fonts: dict[int, float] = {}  # per font: descent
    x, y = ctypes.c_double(), ctypes.c_double()
    px, py = ctypes.byref(x), ctypes.byref(y)
    matrix = raw.FS_MATRIX()
    width = ctypes.c_float()
    last_origin: tuple[float, float, int] | None = None
    for i, letter in enumerate(text):
        if letter.isspace() and generated(handle, i):  # a space or line break pdfium inferred
            continue
        if unmapped(handle, i):
            return None
        key = get_object(handle, i) or 0
        known = objects.get(key)
        if known is None:
            font_key = get_font(key) or 0
            if font_key not in fonts:
                fonts[font_key] = _descent(ctypes.cast(font_key, raw.FPDF_FONT))
            raw.FPDFText_GetMatrix(textpage, i, ctypes.byref(matrix))
            upright = matrix.a * matrix.d > 0 and matrix.b * matrix.c <= 0
            known = objects[key] = (font_key, fonts[font_key], raw.FPDFText_GetFontSize(textpage, i), upright)
        font_key, descent, size, upright = known
        if not upright:
            continue
        get_origin(handle, i, px, py)
        origin = (x.value, y.value, key)
        if origin == last_origin and letter.isalpha() and chars[-1]["text"].isalpha():  # a ligature's next letter
            chars[-1]["text"] += letter
            continue
        last_origin = origin
        advance = widths.get((font_key, letter))
        if advance is None:
            glyph_width(font_key, ord(letter), 1.0, ctypes.byref(width))
            advance = widths[(font_key, letter)] = width.value
        base = y.value + descent * size
        chars.append(
            {
                "text": letter,
                "x0": x.value,
                "x1": x.value + advance * size,
                "top": flip - base - size,
                "bottom": flip - base,
                "size": size,
            }
        )
    return chars


def _descent(font: Any) -> float:
    """The font's descent per unit of font size, negative, as pdfminer takes it: from the standard
    font metrics when the font is named like one of the standard fonts (pdfminer then ignores the
    font's own descriptor), else from the font descriptor, as pdfium reads it."""
    import pypdfium2.raw as raw
    from pdfminer.fontmetrics import FONT_METRICS

    size = raw.FPDFFont_GetBaseFontName(font, None, 0)
    name = ctypes.create_string_buffer(size)
    raw.FPDFFont_GetBaseFontName(font, name, size)
    metrics = FONT_METRICS.get(name.value.decode("latin-1"))
    if metrics is not None:
        return -abs(float(metrics[0].get("Descent") or 0)) / 1000  # type: ignore[arg-type]
    descent = ctypes.c_float()
    raw.FPDFFont_GetDescent(font, ctypes.c_float(1.0), ctypes.byref(descent))
    return -abs(descent.value)


def _images(page: Any, flip: float) -> list[BBox]:
    """The boxes of the page's images, those inside form XObjects too, in pdfplumber's coordinates."""
    import pypdfium2.raw as raw

    boxes: list[BBox] = []
    stack: list[tuple[Any, tuple[float, ...]]] = [(page, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0))]
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    matrix = raw.FS_MATRIX()
    while stack:
        container, outer = stack.pop()
        if container is page:
            count = raw.FPDFPage_CountObjects(page)
            objects = (raw.FPDFPage_GetObject(page, k) for k in range(count))
        else:
            count = raw.FPDFFormObj_CountObjects(container)
            objects = (raw.FPDFFormObj_GetObject(container, k) for k in range(count))
        for obj in objects:
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == _FORM:
                raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix))
                own = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
                stack.append((obj, _compose(own, outer)))
            elif kind == _IMAGE:
                raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
                corners = [
                    _apply(outer, px, py) for px in (left.value, right.value) for py in (bottom.value, top.value)
                ]
                xs, ys = [c[0] for c in corners], [c[1] for c in corners]
                boxes.append((min(xs), flip - max(ys), max(xs), flip - min(ys)))
    return boxes


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix applying ``inner`` then ``outer`` (PDF order: row vector times inner times outer)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]
