"""How much one file may cost: a bound on each way a hostile or broken file can take time or memory.

A batch must go on past any one file, so each file gets a budget: wall time and memory (enforced
by :mod:`edaran.workers` on the worker reading it), pages, pixels of a page rendered for OCR, and
bytes of a text file.  The defaults are far above what a real letter needs (a letter is
a few pages and a few kilobytes of text) and below what makes a machine swap.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Per-file budget; ``None`` for no limit on ``seconds``."""

    #: Wall time to read and extract one file (a ten-page scan OCRs in about a minute on one core).
    seconds: float | None = 300.0
    #: Address space of the worker reading a file, tesseract's included (OCR of a scan peaks near
    #: 0.4 GB; a PDF of two million tiny glyphs grows by 60 MB a second until stopped).
    memory: int | None = 2_000_000_000
    #: Pages of a PDF: a file with more is not read (a letter with its attachments is rarely over 30).
    pages: int = 100
    #: Pixels of one page rendered for OCR: 300 dpi unless the page is so large that this bounds it
    #: (an A4 page at 300 dpi is 8.7 million; A3 17.4 million).  Memory is ~5 bytes a pixel.
    pixels: int = 25_000_000
    #: Bytes of a text letter (a long letter is 50 KB).
    text_bytes: int = 2_000_000


DEFAULT = Limits()
