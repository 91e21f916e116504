"""Tesseract itself: reading page images with its library, reading its TSV, its words and errors.

The primitives every OCR step shares: :mod:`.ocr` (whole pages), :mod:`.ocr_second` (regions read again)
and :mod:`.ocr_repair` (evidence-based repairs) all read words through here, and none of them imports
another's internals, so the three have no import cycle.

Why tesseract's own library (``libtesseract``, through its C API and :mod:`ctypes`) and not the
``tesseract`` command: a command loads the model again for every image (~0.065 CPU s, 5% of a page and
most of what a small crop costs) and needs the image written to a temp file; a loaded engine is kept
per thread and reused, and the pixels are handed over in memory.  The words are the same: the engine
is the one the command runs, with the same settings, and gives the same TSV (``benchmarks/ocr.py``).
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import functools
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ..errors import EdaranError
from . import scratch

DPI = 300
LANG = "ind"
INSTALL = "apt-get install tesseract-ocr tesseract-ocr-ind"
TESSERACT_TIMEOUT = 300
#: Tesseract's page segmentation "a single column of text of variable sizes" (4) instead of
#: its automatic layout (3): the automatic layout put list numbers (``1.``, ``2.`` …) in a
#: column block of their own and lost or garbled them on every seed and real scan (seed
#: page text 4.5% -> 2.4% character error rate against the digital letter; the real scans'
#: ``Yth. 1. … 7.`` addressee lists came back whole only with 4).
PAGE_SEGMENTATION = "4"


class OcrError(EdaranError):
    """Tesseract was available but failed on a page."""


@dataclass(frozen=True)
class OcrWord:
    """One word read by OCR, with its box in PDF points (origin top-left, as pdfplumber)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float  # Tesseract word confidence 0-100
    line: int  # reading-order line index on its page; words of one line share it


def ocr_unavailable() -> str | None:
    """None when tesseract and its Indonesian model can be used, else why not (one line)."""
    return _probe(os.environ.get("PATH", ""), os.environ.get("TESSDATA_PREFIX"))


@functools.lru_cache(maxsize=4)
def _probe(path_env: str, tessdata: str | None) -> str | None:
    """Asked once per PATH and model folder (``TESSDATA_PREFIX``) a process uses."""
    exe = shutil.which("tesseract", path=path_env)
    if exe is None:
        return f"tesseract is not installed (install it: {INSTALL})"
    try:
        run = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as err:
        return f"tesseract does not run ({err}); reinstall it: {INSTALL}"
    langs = {line.strip() for line in (run.stdout + run.stderr).splitlines()}
    if LANG not in langs:
        return f"tesseract has no Indonesian model '{LANG}' (install it: {INSTALL})"
    if ctypes.util.find_library("tesseract") is None:
        return f"tesseract's library is not installed (install it: {INSTALL})"
    return None


def tesseract_env() -> dict[str, str]:
    """Environment for the ``tesseract`` command: one OpenMP thread, so parallel pages do not fight over cores."""
    env = dict(os.environ)
    env.setdefault("OMP_THREAD_LIMIT", "1")
    return env


def run_tesseract(image, dpi: float = DPI, psm: str = PAGE_SEGMENTATION, lang: str = LANG) -> str:
    """Tesseract's TSV for a greyscale PIL image."""
    return run_tesseract_many([image], dpi, psm, lang)[0]


def run_tesseract_many(images: list, dpi: float = DPI, psm: str = PAGE_SEGMENTATION, lang: str = LANG) -> list[str]:
    """Tesseract's TSV for each of several greyscale PIL images, read in turn by one loaded engine."""
    with _engine(lang) as api:
        return [_recognise(api, image, dpi, psm) for image in images]


#: The header of tesseract's TSV (the library's TSV is the rows only).
TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"


def _recognise(api, image, dpi: float, psm: str) -> str:
    if image.mode != "L":
        image = image.convert("L")
    lib = _library()
    lib.TessBaseAPISetImage(api, image.tobytes(), image.width, image.height, 1, image.width)
    lib.TessBaseAPISetSourceResolution(api, round(dpi))
    lib.TessBaseAPISetPageSegMode(api, int(psm))
    monitor = lib.TessMonitorCreate()
    lib.TessMonitorSetDeadlineMSecs(monitor, TESSERACT_TIMEOUT * 1000)
    lib.TessMonitorSetCancelFunc(monitor, _CANCEL)
    try:
        if scratch.stopping() or lib.TessBaseAPIRecognize(api, monitor) != 0:
            raise OcrError(
                "tesseract failed: stopped"
                if scratch.stopping()
                else f"tesseract failed: no answer in {TESSERACT_TIMEOUT} s"
            )
        text = lib.TessBaseAPIGetTsvText(api, 0)
        try:
            rows = ctypes.string_at(text).decode("utf-8", "replace") if text else ""
        finally:
            lib.TessDeleteText(text)
    finally:
        lib.TessMonitorDelete(monitor)
        lib.TessBaseAPIClear(api)
    return TSV_HEADER + rows


# -- the library ------------------------------------------------------------------------------

_POOL_LOCK = threading.Lock()
#: Engines not in use, by model: a thread takes one (or loads a new one) and gives it back.
_IDLE: dict[str, list[int]] = {}


@contextmanager
def _engine(lang: str) -> Iterator[int]:
    """An engine with the ``lang`` model loaded, for this thread alone while in use."""
    lib = _library()
    with _POOL_LOCK:
        idle = _IDLE.setdefault(lang, [])
        api = idle.pop() if idle else None
    if api is None:
        api = lib.TessBaseAPICreate()
        if lib.TessBaseAPIInit3(api, None, lang.encode()) != 0:
            lib.TessBaseAPIDelete(api)
            raise OcrError(f"tesseract failed: cannot load the model '{lang}' (install it: {INSTALL})")
        lib.TessBaseAPISetVariable(api, b"debug_file", os.devnull.encode())  # its notes ("Empty page!!")
    try:
        yield api
    finally:
        with _POOL_LOCK:
            _IDLE.setdefault(lang, []).append(api)


@atexit.register
def _close_engines() -> None:
    """Idle engines unloaded at exit (the library warns of leaked models otherwise); one still reading in
    a thread that outlived the program is left alone."""
    with _POOL_LOCK:
        engines = [api for idle in _IDLE.values() for api in idle]
        _IDLE.clear()
    for api in engines:
        _library().TessBaseAPIDelete(api)


@functools.lru_cache(maxsize=1)
def _library() -> ctypes.CDLL:
    """libtesseract with the C API's signatures; one OpenMP thread unless the environment says otherwise
    (read when the library is loaded), so parallel pages do not fight over cores."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    name = ctypes.util.find_library("tesseract")
    if name is None:
        raise OcrError(f"tesseract's library is not installed (install it: {INSTALL})")
    try:
        lib = ctypes.CDLL(name)
    except OSError as err:
        raise OcrError(f"tesseract's library does not load ({err}); reinstall it: {INSTALL}") from None
    handle, text, number = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    signatures = {
        "TessBaseAPICreate": ([], handle),
        "TessBaseAPIInit3": ([handle, text, text], number),
        "TessBaseAPIDelete": ([handle], None),
        "TessBaseAPIClear": ([handle], None),
        "TessBaseAPISetImage": ([handle, text, number, number, number, number], None),
        "TessBaseAPISetSourceResolution": ([handle, number], None),
        "TessBaseAPISetVariable": ([handle, text, text], ctypes.c_bool),
        "TessBaseAPISetPageSegMode": ([handle, number], None),
        "TessBaseAPIRecognize": ([handle, handle], number),
        "TessBaseAPIGetTsvText": ([handle, number], handle),
        "TessDeleteText": ([handle], None),
        "TessMonitorCreate": ([], handle),
        "TessMonitorDelete": ([handle], None),
        "TessMonitorSetDeadlineMSecs": ([handle, number], None),
        "TessMonitorSetCancelFunc": ([handle, _CANCEL_FUNC], None),
        "setMsgSeverity": ([number], number),
    }
    for name, (args, result) in signatures.items():
        function = getattr(lib, name)
        function.argtypes, function.restype = args, result
    lib.setMsgSeverity(LEPTONICA_QUIET)  # the image library's complaints went to the command's stderr
    return lib


#: Leptonica's ``L_SEVERITY_NONE``: none of its messages printed.
LEPTONICA_QUIET = 6


_CANCEL_FUNC = ctypes.CFUNCTYPE(ctypes.c_bool, ctypes.c_void_p, ctypes.c_int)
#: Asked by tesseract as it reads: a stopping process (SIGTERM) ends the read at once.
_CANCEL = _CANCEL_FUNC(lambda _this, _words: scratch.stopping())


Word = tuple[str, float, float, float, float, float]  # text, x0, top, x1, bottom, conf (pixels)
Box = tuple[float, float, float, float]  # x0, top, x1, bottom (pixels)


def parse_tsv(tsv: str) -> tuple[dict[tuple[str, ...], list[Word]], list[Box]]:
    """Tesseract TSV as its lines of words, keyed by (block, paragraph, line), and the boxes of
    the blocks it took for pictures (a single word row with no text: logos, rules, and text
    that a signature or stamp drawn across it made look like a picture)."""
    lines: dict[tuple[str, ...], list[Word]] = {}
    figures: list[Box] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        left, top, width, height = (float(v) for v in cols[6:10])
        if not cols[11].strip():
            figures.append((left, top, left + width, top + height))
            continue
        key = (cols[2], cols[3], cols[4])  # block, paragraph, line
        lines.setdefault(key, []).append((cols[11].strip(), left, top, left + width, top + height, float(cols[10])))
    return lines, figures
