"""A second reader for the few regions of a scanned page whose values identify a letter.

Tesseract reads print.  It does not read the digit written by hand into a
printed ``NOMOR … TAHUN 2018`` line, nor the date stamped in violet ink after
``pada tanggal``, nor a name under a signature and a round stamp: on the real
scans it gave ``&`` for a handwritten 8, ``2059`` for a stamped 2018, or
nothing.  PP-OCR (detection and recognition networks, run with onnxruntime
through ``rapidocr-onnxruntime``, whose wheel ships the ONNX weights: nothing
is downloaded at run time) reads handwriting and stamp fonts far better, but
is slow on a whole page and drops spaces.  So it reads *regions*: the
extractor asks for the box of a doubtful value, and compares what both
readers saw (:mod:`edaran.extract.reread`).

Each region is read twice, by the same networks with the detector sized two
ways (the page region scaled so its longer side is at most 960 px, and so its
shorter side is at least 320 px).  The two sizes fail differently (one misses
a faint stamped day the other reads), so agreement between them is evidence
and disagreement is a reason to doubt.  A region costs about 0.2-0.4 CPU
seconds a size; the models load once per process (about 0.5 s).

Readings are cached beside the OCR cache, keyed by the file's sha256, the
page, the box and :data:`READER_VERSION`.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

from ..schema.provenance import BBox
from .cache_seal import read_entry, write_entry

#: Bump when the crop, the sizes or the model change, so cached readings are read again.
READER_VERSION = "2"
#: Rendering resolution of a region (the full-page OCR reads at the same).
DPI = 300
#: The detector's two sizings: (how the limit applies, side length in pixels).
SIZINGS = (("max", 960), ("min", 320))
INSTALL = "pip install rapidocr-onnxruntime"

_LOCK = threading.Lock()  # pdfium and one onnxruntime session per process: one region at a time


@dataclass(frozen=True)
class Piece:
    """One run of text the second reader found: its text, confidence (0-1) and box in page points."""

    text: str
    confidence: float
    bbox: BBox


@dataclass(frozen=True)
class Reading:
    """What one sizing of the reader saw in a region, pieces in reading order."""

    sizing: str
    pieces: tuple[Piece, ...]

    @property
    def text(self) -> str:
        return " ".join(p.text.strip() for p in self.pieces if p.text.strip())


@functools.cache
def unavailable() -> str | None:
    """Why the second reader cannot run here, or None when it can."""
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError as err:  # not installed, or OpenCV without its system libraries (libGL)
        return f"the second reader cannot load ({err}); install it with: {INSTALL}"
    return None


def read_region(
    path: str, sha256: str, page: int, bbox: BBox, sizing: tuple[str, int] = SIZINGS[0], *, cache: bool = True
) -> Reading | None:
    """Read the region ``bbox`` (PDF points, ``x0, top, x1, bottom``) of the 1-based ``page`` of the PDF at
    ``path`` with the detector sized by ``sizing`` (one of :data:`SIZINGS`).

    None when the reader is not installed or the page cannot be rendered (the caller keeps the first
    reader's value and says it was not checked).
    """
    if unavailable() is not None:
        return None
    limit_type, side = sizing
    key = _cache_key(sha256, page, bbox, f"{limit_type}{side}")
    store = _store() if cache else None
    if store is not None:
        hit = _cache_read(store, key)
        if hit is not None:
            return hit
    try:
        image, origin, scale = _render(path, page, bbox)
    except Exception:  # noqa: BLE001 - pdfium raises several kinds; any of them means "not read"
        return None
    with _LOCK:
        result, _ = _engine(limit_type, side)(image)
    pieces = [_piece(box, text, conf, origin, scale) for box, text, conf in result or []]
    reading = Reading(f"{limit_type}{side}", tuple(_in_reading_order(pieces)))
    if store is not None:
        _cache_write(store, key, reading)
    return reading


@functools.cache
def _engine(limit_type: str, side: int):
    from rapidocr_onnxruntime import RapidOCR

    # One thread: ingest already runs one process per core; the angle classifier is for rotated
    # crops, and a region of an upright page is upright.
    return RapidOCR(
        det_limit_type=limit_type,
        det_limit_side_len=side,
        intra_op_num_threads=1,
        inter_op_num_threads=1,
        use_cls=False,
    )


def _render(path: str, page: int, bbox: BBox):
    """The region as RGB pixels, its top-left corner in points and the pixels per point."""
    import numpy as np
    import pypdfium2 as pdfium

    scale = DPI / 72
    with _LOCK:
        pdf = pdfium.PdfDocument(path)
        try:
            pdf_page = pdf[page - 1]
            width, height = pdf_page.get_size()
            x0, top, x1, bottom = max(0.0, bbox[0]), max(0.0, bbox[1]), min(width, bbox[2]), min(height, bbox[3])
            if x1 - x0 < 2 or bottom - top < 2:
                raise ValueError("empty region")
            # pdfium crops by the margins to cut off each side, measured from the page's own edges.
            bitmap = pdf_page.render(scale=scale, crop=(x0, height - bottom, width - x1, top))
            pixels = bitmap.to_numpy()
            pdf_page.close()
        finally:
            pdf.close()
    rgb = pixels[:, :, :3] if pixels.ndim == 3 else np.stack([pixels] * 3, axis=2)
    return np.ascontiguousarray(rgb), (x0, top), scale


def _piece(box, text: str, conf, origin: tuple[float, float], scale: float) -> Piece:
    xs = [float(p[0]) for p in box]
    ys = [float(p[1]) for p in box]
    x0, top = origin
    bbox = (
        round(x0 + min(xs) / scale, 2),
        round(top + min(ys) / scale, 2),
        round(x0 + max(xs) / scale, 2),
        round(top + max(ys) / scale, 2),
    )
    return Piece(str(text), round(float(conf), 3), bbox)


def _in_reading_order(pieces: list[Piece]) -> list[Piece]:
    """Top to bottom by line (pieces whose vertical middles fall within each other's height), then left to right."""
    lines: list[list[Piece]] = []
    for piece in sorted(pieces, key=lambda p: (p.bbox[1] + p.bbox[3]) / 2):
        middle = (piece.bbox[1] + piece.bbox[3]) / 2
        if lines and lines[-1][0].bbox[1] <= middle <= lines[-1][0].bbox[3]:
            lines[-1].append(piece)
        else:
            lines.append([piece])
    return [p for line in lines for p in sorted(line, key=lambda p: p.bbox[0])]


# -- cache ------------------------------------------------------------------------------------


def _cache_key(sha256: str, page: int, bbox: BBox, sizing: str) -> str:
    box = ",".join(f"{v:.0f}" for v in bbox)
    return hashlib.sha256(f"{READER_VERSION}|{sha256}|{page}|{box}|{sizing}".encode()).hexdigest()


def _store() -> Path:
    from .ocr import cache_dir

    return cache_dir() / "second"


def _entry(store: Path, key: str) -> Path:
    return store / key[:2] / f"{key}.json"


def _cache_read(store: Path, key: str) -> Reading | None:
    raw = read_entry(_entry(store, key))
    if not isinstance(raw, dict):
        return None  # absent, damaged or not ours: read again
    try:
        pieces = []
        for p in raw["pieces"]:
            x0, top, x1, bottom = (float(v) for v in p["bbox"])
            pieces.append(Piece(str(p["text"]), float(p["confidence"]), (x0, top, x1, bottom)))
        return Reading(str(raw["sizing"]), tuple(pieces))
    except (ValueError, KeyError, TypeError):
        return None  # not the shape of an entry: read again


def _cache_write(store: Path, key: str, reading: Reading) -> None:
    write_entry(_entry(store, key), asdict(reading))
