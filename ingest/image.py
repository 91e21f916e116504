"""Image files (JPEG, PNG, TIFF with its pages, WebP, HEIC): every page read by OCR.

An image is a scan or a photo of a page.  It is turned upright by its EXIF orientation (phones
store the picture as the sensor saw it and say how to turn it), a photo's sheet is cut out and
flattened (:mod:`.photo`), the page is scaled to the resolution scanned PDF pages are read at, and
then it goes through the same OCR as a scanned PDF page (:func:`.ocr.ocr_page_image`): the same
greyscale, deskew, turn, second pass, repair and cache, with boxes in points.
"""

from __future__ import annotations

import functools
import hashlib
import io
import warnings

from ..errors import IngestError, NeedsOCR
from .document import Document
from .limits import DEFAULT, Limits

#: Suffixes read as images; HEIC/HEIF only where the pillow-heif plugin is installed.
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".jpe", ".tif", ".tiff", ".webp", ".bmp", ".gif", ".heic", ".heif"}
#: Resolution assumed for an image that states none, or an implausible one (screenshots say 72 or 96):
#: the page is taken to be as wide as A4 (8.27 inches).
A4_INCHES = 8.27
PLAUSIBLE_DPI = (100, 1200)


@functools.cache
def _open_heif() -> bool:
    """Teach Pillow HEIC (iPhone photos) when pillow-heif is there; whether it is."""
    try:
        from pillow_heif import register_heif_opener
    except ImportError:
        return False
    register_heif_opener()
    return True


def read_image(path: str, data: bytes, *, ocr: bool = True, limits: Limits = DEFAULT) -> Document:
    """Read an image letter; every page (a TIFF may hold several) is OCR'd.

    Raises :class:`IngestError` for files that are not images Pillow can decode, or have more pages or
    pixels than ``limits`` allow, and :class:`NeedsOCR` when OCR is off or unavailable.
    """
    from PIL import Image, UnidentifiedImageError

    _open_heif()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            # A TIFF's frames are pages; a phone JPEG's second frame (MPO) or a HEIC's is a preview or depth map.
            frames = getattr(image, "n_frames", 1) if image.format == "TIFF" else 1
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
    ) as err:
        raise IngestError(path, f"not an image that can be read ({_why(err)})") from None
    if frames > limits.pages:
        raise IngestError(path, f"too many pages: {frames}, the limit is {limits.pages}")
    if image.width * image.height > 4 * limits.pixels:
        raise IngestError(
            path, f"too many pixels: {image.width}x{image.height}, the limit is {4 * limits.pixels / 1e6:g} million"
        )
    which = "its page has" if frames == 1 else f"all {frames} pages have"
    if not ocr:
        raise NeedsOCR(path, f"needs OCR: an image; {which} no text layer and OCR was turned off")
    from .ocr import OcrError, ocr_images, ocr_unavailable

    pages = [_Frame(data, n, limits.pixels) for n in range(frames)]
    try:
        words = ocr_images(hashlib.sha256(data).hexdigest(), pages)
        sizes = [page.size() for page in pages]
    except OcrError as err:
        raise NeedsOCR(path, f"needs OCR: an image; {ocr_unavailable() or err}") from None
    except (OSError, SyntaxError, ValueError) as err:  # decoded only now: a truncated or corrupt picture
        raise IngestError(path, f"damaged image ({_why(err)})") from None
    from .pdf import pages_document

    return pages_document(
        path,
        data,
        [None] * frames,
        [h for _, h in sizes],
        words,
        [w for w, _ in sizes],
        media_type=Image.MIME.get(image.format or "", "image"),
    )


class _Frame:
    """One page of an image file, prepared for OCR when asked (not at all when its words are cached,
    but for its size) and not kept: a multi-page TIFF is held one page at a time."""

    def __init__(self, data: bytes, index: int, max_pixels: int):
        self.data, self.index, self.max_pixels = data, index, max_pixels
        self._size: tuple[float, float] | None = None

    def __call__(self):
        """The page upright, flattened (:mod:`.photo`) and at the resolution scanned pages are read at."""
        import numpy as np
        from PIL import Image, ImageOps

        from .ocr import DPI, PageImage, brightest_channel
        from .photo import flatten_photo

        image = Image.open(io.BytesIO(self.data))
        image.seek(self.index)
        dpi = _dpi(image)
        page, self._size, dpi = flatten_photo(ImageOps.exif_transpose(image).convert("RGB"), dpi)
        target = min(DPI, (self.max_pixels / max(1, page.width * page.height)) ** 0.5 * dpi)
        if abs(target - dpi) > 0.1 * dpi:  # small print grows legible; a huge photo shrinks to its budget
            page = page.resize(
                (round(page.width * target / dpi), round(page.height * target / dpi)), Image.Resampling.LANCZOS
            )
            dpi = target
        pixels = np.asarray(page)
        return PageImage(brightest_channel(pixels), pixels, self._size, dpi)

    def size(self) -> tuple[float, float]:
        """The page's size in points, as its OCR boxes are measured."""
        if self._size is None:
            self()
        assert self._size is not None
        return self._size


def _dpi(image) -> float:
    """The image's stated resolution when plausible, else the one that makes it as wide as A4."""
    stated = image.info.get("dpi")
    try:
        value = float(stated[0]) if stated else 0.0
    except (TypeError, ValueError, IndexError):
        value = 0.0
    if PLAUSIBLE_DPI[0] <= value <= PLAUSIBLE_DPI[1]:
        return value
    return min(image.size) / A4_INCHES


def _why(err: Exception) -> str:
    message = " ".join(str(err).split())[:100]
    return f"{type(err).__name__}: {message}" if message else type(err).__name__
