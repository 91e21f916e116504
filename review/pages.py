"""Page images of a letter's PDF, rendered with pypdfium2 on first request and cached as PNG files.

pypdfium2 (PDFium, the renderer of Chromium) draws scans and text pages alike and quickly; the cache makes
every later view of a page a file read.  Sizes are in PDF points, the unit of the record's boxes.
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path

#: Pixels per PDF point: 2 gives 144 dpi, enough to read a stamp's digits beside a box.
SCALE = 2.0
_lock = threading.Lock()  # PDFium is not thread-safe


@functools.lru_cache(maxsize=256)
def page_sizes(pdf: str, sha256: str) -> list[tuple[float, float]]:
    """(width, height) in points of every page; cached per file contents (``sha256``)."""
    import pypdfium2

    with _lock:
        document = pypdfium2.PdfDocument(pdf)
        try:
            return [document[i].get_size() for i in range(len(document))]
        finally:
            document.close()


def page_image(pdf: str, sha256: str, page: int, cache: Path) -> Path:
    """The PNG of ``page`` (1-based) of ``pdf``, rendered once into ``cache``."""
    target = cache / f"{sha256}-{page}-{SCALE:g}.png"
    if target.exists():
        return target
    import pypdfium2

    with _lock:
        document = pypdfium2.PdfDocument(pdf)
        try:
            image = document[page - 1].render(scale=SCALE).to_pil()
        finally:
            document.close()
    cache.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    image.save(partial, format="PNG")
    partial.replace(target)  # a reader never sees half a file
    return target
