"""Tesseract itself: running the ``tesseract`` command on page images, reading its TSV, its words and errors.

The primitives every OCR step shares: :mod:`.ocr` (whole pages), :mod:`.ocr_second` (regions read again)
and :mod:`.ocr_repair` (evidence-based repairs) all read words through here, and none of them imports
another's internals, so the three have no import cycle.

Why the bare command and not pytesseract: pytesseract spawns the same process per call and adds a PNG
encode and an output temp file; an uncompressed TIFF keeps the overhead over ``tesseract`` itself small
(``benchmarks/ocr.py``).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
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
    return None


def tesseract_env() -> dict[str, str]:
    """Environment for tesseract: one OpenMP thread, so parallel pages do not fight over cores."""
    env = dict(os.environ)
    env.setdefault("OMP_THREAD_LIMIT", "1")
    return env


def run_tesseract(image, dpi: float = DPI, psm: str = PAGE_SEGMENTATION, lang: str = LANG) -> str:
    """Tesseract's TSV for a greyscale PIL image."""
    return run_tesseract_many([image], dpi, psm, lang)[0]


def run_tesseract_many(images: list, dpi: float = DPI, psm: str = PAGE_SEGMENTATION, lang: str = LANG) -> list[str]:
    """Tesseract's TSV for each of several greyscale PIL images, read by one tesseract process.

    The images go through one uncompressed multi-page TIFF temp file: writing it
    takes ~10 ms a page, while piping the same pixels through stdin made
    tesseract ~0.4 s slower per page and PNG compression costs ~0.2 s.  Small
    images (crops read again by :mod:`.ocr_second`) share one process because
    loading the model is most of the time a small image takes (~0.1 s).
    """
    try:
        with scratch.temp_file("edaran-ocr-", ".tif") as (fd, path):
            with os.fdopen(fd, "w+b") as handle:  # readable too: appending TIFF pages reads back the file
                images[0].save(
                    handle, format="TIFF", dpi=(dpi, dpi), save_all=len(images) > 1, append_images=images[1:]
                )
            run = scratch.run(
                ["tesseract", path, "stdout", "-l", lang, "--dpi", str(round(dpi)), "--psm", psm, "tsv"],
                env=tesseract_env(),
                timeout=TESSERACT_TIMEOUT,
            )
    except (OSError, subprocess.TimeoutExpired) as err:
        raise OcrError(f"tesseract failed: {err}") from None
    if run.returncode != 0:
        message = run.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrError(f"tesseract failed: {message[-1] if message else f'exit code {run.returncode}'}")
    header, *rows = run.stdout.decode("utf-8", "replace").splitlines()
    pages: list[list[str]] = [[header] for _ in images]
    for row in rows:  # the second column is the image's page number, from 1
        number = row.split("\t", 2)[1]
        if number.isdigit() and 1 <= int(number) <= len(images):
            pages[int(number) - 1].append(row)
    return ["\n".join(page) + "\n" for page in pages]


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
