"""OCR of scanned PDF pages with Tesseract (Indonesian model), with word boxes in PDF points.

The pipeline per page: render at :data:`DPI` with pdfium, greyscale that drops
coloured ink, straighten the page when it is visibly skewed, run the bare
``tesseract`` command on the image (an uncompressed temp file, TSV out), turn
the page upright when it reads badly because it was scanned on its side or
upside down, convert pixel boxes to page points and order the words into visual
lines.  Results are cached on disk by the file's sha256, so a second run over
the same file does not OCR again, and then repaired (:mod:`.ocr_repair`).
Running tesseract and reading its output is :mod:`.tesseract`'s.
"""

from __future__ import annotations

import hashlib
import math
import os
import subprocess
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from . import scratch
from .cache_seal import read_entry, write_entry
from .limits import DEFAULT
from .tesseract import (
    DPI,
    TESSERACT_TIMEOUT,
    OcrError,
    OcrWord,
    Word,
    ocr_unavailable,
    parse_tsv,
    run_tesseract,
    tesseract_env,
)

#: Bump when rendering, preprocessing or parsing changes, so cached pages are OCR'd again.
PIPELINE_VERSION = "5"
#: Tesseract copes with small skew itself and resampling a page blurs it, so only
#: pages skewed at least this much are rotated (measured on the seed scans: a
#: 0.3-0.7 degree rotation made the text slightly worse, 2-4 degrees made it
#: unreadable without it and near-perfect with it).
DESKEW_MIN_DEGREES = 1.0
DESKEW_MAX_DEGREES = 5.0

# pdfium is not thread-safe: one page renders at a time; tesseract runs in parallel.
_PDFIUM_LOCK = threading.Lock()


def ocr_pages(
    data: bytes,
    pages: list[int],
    *,
    workers: int | None = None,
    cache: bool = True,
    repair: bool = True,
    max_pixels: int = DEFAULT.pixels,
    dpi: float = DPI,
) -> dict[int, list[OcrWord]]:
    """OCR the 0-based ``pages`` of the PDF ``data``; words of each page in reading order.

    Pages run in parallel on ``workers`` tesseract processes (default: the
    ``EDARAN_OCR_WORKERS`` environment variable, else every core).  Pages
    found in the cache are not OCR'd again (and need no tesseract).  A page is
    rendered at ``dpi`` with at most ``max_pixels`` pixels (see :func:`render_colour`); lower
    resolutions are for measuring what they cost in accuracy (``benchmarks/ocr.py``).
    Raises :class:`OcrError` when tesseract is needed but missing, or fails.
    """

    def read(todo: list[int]) -> Iterator[tuple[int, list[OcrWord]]]:
        import pypdfium2 as pdfium

        with _PDFIUM_LOCK:
            try:
                pdf = pdfium.PdfDocument(data)
            except pdfium.PdfiumError as err:
                raise OcrError(f"cannot render the PDF for OCR: {err}") from None
        try:
            outside = [p for p in todo if not 0 <= p < len(pdf)]
            if outside:
                raise OcrError(f"the PDF has {len(pdf)} pages; cannot OCR page index {outside[0]}")
            yield from _parallel(lambda p: _ocr_page(pdf, p, max_pixels, dpi), todo, workers)
        finally:
            with _PDFIUM_LOCK:
                pdf.close()

    return _through_cache(hashlib.sha256(data).hexdigest(), pages, read, cache=cache, repair=repair, dpi=dpi)


def ocr_images(
    digest: str,
    images: Sequence[Callable[[], PageImage]],
    *,
    workers: int | None = None,
    cache: bool = True,
    repair: bool = True,
) -> dict[int, list[OcrWord]]:
    """OCR pages given as images (photos, image scans): the same reading, cache and repair as a
    scanned PDF page, keyed by ``digest`` (the sha256 of the image file).

    Each page is a function returning it prepared (:class:`PageImage`), called only when the page is
    not in the cache, so a cached photo is not decoded or straightened again.
    """

    def read(todo: list[int]) -> Iterator[tuple[int, list[OcrWord]]]:
        yield from _parallel(lambda p: ocr_page_image(images[p]()), todo, workers)

    return _through_cache(digest, list(range(len(images))), read, cache=cache, repair=repair)


@dataclass(frozen=True)
class PageImage:
    """A page ready for OCR: greyscale (PIL, mode L), its colour pixels (numpy), its size in points,
    and its resolution in dots per inch."""

    grey: Any
    pixels: Any
    size: tuple[float, float]
    dpi: float


def _through_cache(
    digest: str,
    pages: list[int],
    read: Callable[[list[int]], Iterator[tuple[int, list[OcrWord]]]],
    *,
    cache: bool,
    repair: bool,
    dpi: float = DPI,
) -> dict[int, list[OcrWord]]:
    """Words of ``pages``: from the cache where there, else from ``read`` (and then cached), the
    entries keyed by the resolution ``dpi`` the pages are read at."""
    store = _cache_dir() if cache else None
    result: dict[int, list[OcrWord]] = {}
    todo: list[int] = []
    for page in dict.fromkeys(pages):
        cached = _cache_read(store, digest, page, dpi) if store else None
        if cached is None:
            todo.append(page)
        else:
            result[page] = cached
    if todo:
        reason = ocr_unavailable()
        if reason is not None:
            raise OcrError(reason)
        for page, words in read(todo):
            result[page] = words
            if store:
                _cache_write(store, digest, page, words, dpi)
    if repair:
        from .ocr_repair import repair_pages

        result = repair_pages(result)
    return {page: result[page] for page in pages}


def _parallel(ocr_one: Callable[[int], list[OcrWord]], todo: list[int], workers: int | None):
    """(page, words) for each page of ``todo``, read on parallel tesseract processes."""
    with ThreadPoolExecutor(max_workers=_worker_count(workers, len(todo))) as pool:
        yield from zip(todo, pool.map(ocr_one, todo), strict=True)


def _worker_count(workers: int | None, jobs: int) -> int:
    if workers is None:
        env = os.environ.get("EDARAN_OCR_WORKERS", "")
        workers = int(env) if env.isdigit() and int(env) > 0 else (os.cpu_count() or 1)
    return max(1, min(workers, jobs))


# -- one page ---------------------------------------------------------------------------------


def render_page(pdf, page: int, dpi: int = DPI):
    """The page as a greyscale PIL image at ``dpi``, straightened when skewed.

    ``pdf`` is a ``pypdfium2.PdfDocument``.  Returns ``(image, angle, (width_pt, height_pt))``
    where ``angle`` is the deskew rotation applied (0.0 when none).
    """
    image, size = render_grey(pdf, page, dpi)
    straight, angle = straighten(image)
    return straight, angle, size


def render_grey(pdf, page: int, dpi: int = DPI):
    """The page at ``dpi`` in greyscale, and its size in points (see :func:`render_colour`)."""
    image, _, size = render_colour(pdf, page, dpi)
    return image, size


def render_colour(pdf, page: int, dpi: float = DPI, max_pixels: int | None = None):
    """The page at ``dpi`` in greyscale, its pixels in colour (numpy, 3 channels) and its size in points.

    With ``max_pixels``, a page too large for that many pixels at ``dpi`` is rendered at the
    resolution that fits (see :func:`fitting_dpi`): one blank 100-inch page at 300 dpi took 4.5 GB.

    Greyscale is the brightest of the three colour channels, not luminance:
    black print stays black while coloured ink (purple or blue stamps over the
    signer's name, blue signatures) turns pale and stops hiding the text under
    it.  On the real scans this recovered the whole signature block
    (``Ditetapkan di …``, ``KEPALA,``, the name) that luminance lost.
    """

    with _PDFIUM_LOCK:
        pdf_page = pdf[page]
        size = pdf_page.get_size()
        if max_pixels is not None:
            dpi = fitting_dpi(size, dpi, max_pixels)
        bitmap = pdf_page.render(scale=dpi / 72)
        pixels = bitmap.to_numpy()
        pdf_page.close()
    return brightest_channel(pixels), pixels[:, :, :3] if pixels.ndim == 3 else pixels, size


def brightest_channel(pixels):
    """Greyscale (PIL, mode L) of colour ``pixels`` as the brightest of their three channels (see
    :func:`render_colour`); grey pixels as they are."""
    import numpy as np
    from PIL import Image

    if pixels.ndim == 3:  # channel-wise maximum; np.maximum is ~25x faster than .max(axis=2) here
        grey = np.maximum(np.maximum(pixels[:, :, 0], pixels[:, :, 1]), pixels[:, :, 2])
    else:
        grey = pixels
    return Image.fromarray(np.ascontiguousarray(grey), mode="L")


def fitting_dpi(size: tuple[float, float], dpi: float, max_pixels: int) -> float:
    """``dpi``, or less when a page of ``size`` points would take more than ``max_pixels`` at ``dpi``."""
    area = max(1.0, size[0] * size[1]) / (72 * 72)  # square inches
    return min(dpi, math.sqrt(max_pixels / area))


def straighten(image):
    """``image`` rotated so its lines are level when it is skewed enough to matter; and the angle."""
    from PIL import Image

    angle = skew_angle(image)
    if abs(angle) < DESKEW_MIN_DEGREES:
        return image, 0.0
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255), angle


def skew_angle(image) -> float:
    """The rotation (degrees, counter-clockwise) that makes the text lines of ``image`` horizontal.

    Projection profile on a quarter-size image: the angle at which the dark
    pixels fall into the fewest, fullest rows (largest sum of squared row counts).
    """
    import numpy as np

    small = np.asarray(image.reduce(4)) < 128
    ys, xs = np.nonzero(small)
    if len(ys) < 100:
        return 0.0

    def score(angle: float) -> float:
        rows = np.round(ys - xs * np.tan(np.radians(angle))).astype(np.int64)
        counts = np.bincount(rows - rows.min())
        return float(np.dot(counts, counts))

    coarse = max(np.arange(-DESKEW_MAX_DEGREES, DESKEW_MAX_DEGREES + 0.01, 0.5), key=score)
    fine = max(np.arange(coarse - 0.5, coarse + 0.51, 0.1), key=score)
    return round(float(fine), 1)


def _ocr_page(pdf, page: int, max_pixels: int, dpi: float = DPI) -> list[OcrWord]:
    image, pixels, page_size = render_colour(pdf, page, dpi, max_pixels)
    return ocr_page_image(PageImage(image, pixels, page_size, fitting_dpi(page_size, dpi, max_pixels)))


def ocr_page_image(page: PageImage) -> list[OcrWord]:
    """The words of one page image: straightened, read, turned upright when it reads badly."""
    image, pixels, page_size, dpi = page.grey, page.pixels, page.size, page.dpi
    if _ink(image) < BLANK_INK:
        return []
    straight, angle = straighten(image)
    words = _read(straight, pixels, image.size, page_size, angle, dpi=dpi)
    if _unread(words) and _ink(image) >= TURN_INK:
        turn = page_turn(image, dpi)
        if turn:
            upright, angle = straighten(image.rotate(-turn, expand=True))
            turned = _read(upright, pixels, image.size, page_size, angle, turn, dpi)
            if _solid(turned) > _solid(words):
                words = turned
    return words


def _read(image, pixels, image_size, page_size, angle: float, turn: int = 0, dpi: float = DPI) -> list[OcrWord]:
    """Tesseract on the page ``image`` (the rendered page turned ``turn`` and rotated ``angle``),
    then the second pass (:mod:`.ocr_second`) over what it left unread."""
    from .ocr_second import second_pass

    lines, figures = parse_tsv(run_tesseract(image, dpi))

    def colour():
        """The colour pixels in the frame of ``image`` (only computed when the second pass needs them)."""
        import numpy as np
        from PIL import Image

        if not turn and not angle:
            return pixels
        frame = Image.fromarray(np.ascontiguousarray(pixels))
        if turn:
            frame = frame.rotate(-turn, expand=True)
        if angle:
            frame = frame.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=(255,) * pixels.shape[2])
        return np.asarray(frame)

    lines = second_pass(lines, figures, image, colour if pixels.ndim == 3 else None)
    return words_from_lines(lines, image_size, page_size, angle, turn)


def _solid(words: list[OcrWord]) -> int:
    return sum(w.conf >= 60 for w in words)


def _unread(words: list[OcrWord]) -> bool:
    """Fewer than half the words read with confidence: a page upside down or on its side reads so."""
    return _solid(words) < max(5, len(words) / 2)


#: A page with a smaller share of dark pixels than this is blank (the scanned back of a page, an
#: empty page): not worth a tesseract run (a 2,000-page PDF of blank pages OCR'd every one).
BLANK_INK = 0.0002
#: A page that reads badly is turned upright only when it has this much ink (about a few lines).
TURN_INK = 0.002


def _ink(image) -> float:
    """The share of dark pixels of a page (at quarter size)."""
    import numpy as np

    return float(np.mean(np.asarray(image.reduce(4)) < 128))


def page_turn(image, dpi: float = DPI) -> int:
    """Degrees (0, 90, 180, 270) to turn ``image`` clockwise so its text stands upright.

    Tesseract's orientation detection; asked only for pages that read badly,
    since it costs about as much as reading half a page.
    """
    try:
        with scratch.temp_file("edaran-osd-", ".tif") as (fd, path):
            with os.fdopen(fd, "wb") as handle:
                image.save(handle, format="TIFF", dpi=(dpi, dpi))
            run = scratch.run(
                ["tesseract", path, "stdout", "--psm", "0", "-l", "osd"], env=tesseract_env(), timeout=TESSERACT_TIMEOUT
            )
    except (OSError, subprocess.TimeoutExpired):
        return 0  # no orientation model or no answer: keep the page as it is
    for line in run.stdout.decode("utf-8", "replace").splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "Rotate" and value.strip() in {"90", "180", "270"}:
            return int(value)
    return 0


def words_from_tsv(
    tsv: str, image_size: tuple[int, int], page_size: tuple[float, float], angle: float = 0.0, turn: int = 0
) -> list[OcrWord]:
    """Word boxes of tesseract TSV grouped into visual lines and converted to page points.

    ``image_size`` is the rendered page in pixels.  The image tesseract read
    was that page turned ``turn`` degrees clockwise (see :func:`page_turn`),
    then rotated ``angle`` degrees to level its lines; boxes are rotated and
    turned back so they point at the original page, while lines are read in
    the order of the upright text.
    """
    return words_from_lines(parse_tsv(tsv)[0], image_size, page_size, angle, turn)


def words_from_lines(
    lines: dict[tuple[str, ...], list[Word]],
    image_size: tuple[int, int],
    page_size: tuple[float, float],
    angle: float = 0.0,
    turn: int = 0,
) -> list[OcrWord]:
    """Tesseract's lines (pixel boxes) as words in page points, grouped into visual lines (see :func:`words_from_tsv`)."""
    import math

    width_px, height_px = image_size
    sx, sy = page_size[0] / width_px, page_size[1] / height_px
    turned = (height_px, width_px) if turn in (90, 270) else (width_px, height_px)
    cx, cy = turned[0] / 2, turned[1] / 2
    cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))

    def to_page(x0: float, top: float, x1: float, bottom: float) -> tuple[float, float, float, float]:
        # level -> turned: the centre moves with the rotation, the box keeps its size (a few degrees)
        mx, my = (x0 + x1) / 2 - cx, (top + bottom) / 2 - cy
        ox, oy = cx + mx * cos - my * sin, cy + mx * sin + my * cos
        half_w, half_h = (x1 - x0) / 2, (bottom - top) / 2
        (ax, ay), (bx, by) = (
            _unturn(ox - half_w, oy - half_h, turn, image_size),
            _unturn(ox + half_w, oy + half_h, turn, image_size),
        )
        return min(ax, bx) * sx, min(ay, by) * sy, max(ax, bx) * sx, max(ay, by) * sy

    out: list[OcrWord] = []
    for index, row in enumerate(_visual_lines(lines.values())):
        for text, x0, top, x1, bottom, conf in row:
            box = to_page(x0, top, x1, bottom)
            x0, top, x1, bottom = (round(v, 2) for v in box)
            out.append(OcrWord(text, x0, top, x1, bottom, round(max(0.0, conf), 2), index))
    return out


def _unturn(x: float, y: float, turn: int, size: tuple[int, int]) -> tuple[float, float]:
    """A point of the page image turned ``turn`` degrees clockwise, back on the page image of ``size``."""
    width, height = size
    if turn == 90:
        return y, height - x
    if turn == 180:
        return width - x, height - y
    if turn == 270:
        return width - y, x
    return x, y


def _visual_lines(tess_lines: Iterable[list[Word]]) -> list[list[Word]]:
    """Merge tesseract lines that sit side by side on one row (``Nomor : …      Jakarta, …``).

    Tesseract reads blocks one after another; a letter is read row by row, as
    the text layer of a digital PDF is.  Lines join a row when they overlap
    vertically by at least half the smaller height and not horizontally.
    Returns the rows top to bottom, each row's words left to right.
    """
    pieces = sorted(
        (
            (
                min(w[2] for w in words),
                max(w[4] for w in words),
                min(w[1] for w in words),
                max(w[3] for w in words),
                words,
            )
            for words in tess_lines
        ),
        key=lambda p: (p[0] + p[1]) / 2,
    )
    rows: list[list[tuple[float, float, float, float, list[Word]]]] = []
    for piece in pieces:
        top, bottom, left, right, _ = piece
        for row in reversed(rows[-3:]):
            r_top = min(p[0] for p in row)
            r_bottom = max(p[1] for p in row)
            overlap = min(bottom, r_bottom) - max(top, r_top)
            if overlap >= 0.5 * min(bottom - top, r_bottom - r_top) and all(right <= p[2] or left >= p[3] for p in row):
                row.append(piece)
                break
        else:
            rows.append([piece])
    rows.sort(key=lambda row: min(p[0] for p in row))
    return [sorted((w for piece in row for w in piece[4]), key=lambda w: w[1]) for row in rows]


# -- cache ------------------------------------------------------------------------------------


def cache_dir() -> Path:
    """Where OCR results are kept: ``$EDARAN_CACHE_DIR``, else ``$XDG_CACHE_HOME/edaran``, else ``~/.cache/edaran``."""
    override = os.environ.get("EDARAN_CACHE_DIR")
    if override:
        return Path(override) / "ocr"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "edaran" / "ocr"


def _cache_dir() -> Path | None:
    path = cache_dir()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # an unwritable cache only costs speed
    return path


def _cache_file(store: Path, digest: str, page: int, dpi: float) -> Path:
    return store / f"{digest}-p{page}-{dpi:g}dpi-v{PIPELINE_VERSION}.json"


def _cache_read(store: Path, digest: str, page: int, dpi: float) -> list[OcrWord] | None:
    """The cached words of a page, when the entry is this user's (sealed) and well-formed; else None: OCR again."""
    rows = read_entry(_cache_file(store, digest, page, dpi))
    try:
        if not isinstance(rows, list):
            return None
        return [
            OcrWord(
                str(r["text"]),
                float(r["x0"]),
                float(r["top"]),
                float(r["x1"]),
                float(r["bottom"]),
                float(r["conf"]),
                int(r["line"]),
            )
            for r in rows
        ]
    except (ValueError, TypeError, KeyError):
        return None  # not the shape of an entry: OCR again


def _cache_write(store: Path, digest: str, page: int, words: list[OcrWord], dpi: float) -> None:
    write_entry(_cache_file(store, digest, page, dpi), [asdict(w) for w in words])
