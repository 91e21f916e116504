"""A page photographed rather than scanned: find the sheet, flatten its perspective, lift its shadows.

A phone photo of a letter shows the sheet at an angle on a desk, lit unevenly.  Tesseract reads
level, evenly lit text: the sheet is found as the large bright region set off from a darker
surround, its four corners are mapped onto an upright page (a perspective warp, which also takes
out the rotation), and the page is divided by its own blurred background so a shadow across it
turns white again.  An image that is already a page (a scan, a cropped photo) has no surround and
is left as it is, apart from the shadow.

Numpy and Pillow only: the warp is Pillow's perspective transform with coefficients solved here.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageFilter

#: The sheet is looked for on a copy this many pixels on its long side (fast; corners come back scaled).
ANALYSIS_SIZE = 800
#: A sheet covering less than this share of the photo is not trusted to be the page (a bright
#: patch of desk); one covering more is the whole frame (a scan), where nothing is to be warped.
MIN_SHEET, MAX_SHEET = 0.20, 0.93
#: The sheet must be brighter than its surround by this much (0-255) to be told from it.
MIN_CONTRAST = 30
#: The output page: A4's width in points (Indonesian letters are A4 or the slightly taller F4;
#: the height follows the sheet's proportions), at the resolution scanned pages are read at.
PAGE_WIDTH_PT = 595.3
#: Lighting is evened out only when the page's background somewhere falls this far below white.
SHADOW_BELOW = 215


def find_sheet(rgb: np.ndarray) -> np.ndarray | None:
    """The corners (top-left, top-right, bottom-right, bottom-left; x, y pixels) of a sheet of paper
    lying on a darker surface in the photo ``rgb``, or None when there is no such surround."""
    height, width = rgb.shape[:2]
    scale = ANALYSIS_SIZE / max(height, width)
    small = Image.fromarray(rgb).convert("L").resize((max(1, round(width * scale)), max(1, round(height * scale))))
    # Closing (max then min) fills the dark print into the white sheet; opening removes specks.
    grey = np.asarray(small.filter(ImageFilter.MaxFilter(9)).filter(ImageFilter.MinFilter(9)), dtype=np.float64)
    threshold = _otsu(grey)
    sheet = grey > threshold
    if sheet.all() or not sheet.any() or grey[sheet].mean() - grey[~sheet].mean() < MIN_CONTRAST:
        return None
    mask = (
        Image.fromarray((sheet * 255).astype(np.uint8))
        .filter(ImageFilter.MinFilter(7))
        .filter(ImageFilter.MaxFilter(7))
    )
    ys, xs = np.nonzero(np.asarray(mask) > 0)
    if len(xs) == 0:
        return None
    # The corners of a quadrilateral turned less than 45 degrees are its extreme points along the diagonals.
    corners = np.array(
        [(xs[i], ys[i]) for i in (np.argmin(xs + ys), np.argmax(xs - ys), np.argmax(xs + ys), np.argmin(xs - ys))],
        dtype=np.float64,
    )
    share = _area(corners) / (sheet.shape[0] * sheet.shape[1])
    if not MIN_SHEET <= share <= MAX_SHEET:
        return None
    return corners / scale


def flatten_photo(image: Image.Image, dpi: float) -> tuple[Image.Image, tuple[float, float], float]:
    """The page in the photo ``image`` (RGB): cut out and squared when it lies on a surface, evened
    out when shadowed.  Returns the page image, its size in points and its resolution (dpi)."""
    rgb = np.asarray(image)
    corners = find_sheet(rgb)
    if corners is not None:
        image, dpi = _warp(image, corners, dpi)
    return even_lighting(image), (image.width * 72 / dpi, image.height * 72 / dpi), dpi


def _warp(image: Image.Image, corners: np.ndarray, dpi: float) -> tuple[Image.Image, float]:
    """The quadrilateral ``corners`` of ``image`` mapped onto an upright rectangle ``dpi`` wide per inch
    of an A4 width, its height in the sheet's own proportion (the mean of opposite sides)."""
    tl, tr, br, bl = corners
    across = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    down = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    width = round(PAGE_WIDTH_PT / 72 * dpi)
    height = round(width * down / across)
    target = np.array([(0, 0), (width, 0), (width, height), (0, height)], dtype=np.float64)
    coefficients = _perspective(target, corners)
    warped = image.transform(
        (width, height), Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BICUBIC, fillcolor=(255, 255, 255)
    )
    return warped, dpi


def _perspective(source: np.ndarray, target: np.ndarray) -> tuple[float, ...]:
    """The eight coefficients Pillow's PERSPECTIVE transform takes to send each point of ``source``
    (the output image) to the matching point of ``target`` (the input image)."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(source, target, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs.extend([u, v])
    return tuple(float(c) for c in np.linalg.solve(np.array(rows), np.array(rhs)))


def even_lighting(image: Image.Image) -> Image.Image:
    """``image`` divided by its paper's brightness where a shadow or uneven light darkens the paper.

    The paper's brightness is the image with its print removed: the brightest pixel near each point
    (a window wider than a line of text), smoothed.  A page evenly lit is returned unchanged.
    """
    small = image.convert("L").reduce(8)
    paper = small.filter(ImageFilter.MaxFilter(15)).filter(ImageFilter.GaussianBlur(8))
    if np.asarray(paper).min() >= SHADOW_BELOW:
        return image
    background = np.asarray(paper.resize(image.size, Image.Resampling.BILINEAR), dtype=np.float32)
    pixels = np.asarray(image, dtype=np.float32)
    evened = pixels * (255.0 / np.maximum(background, 1.0))[:, :, None]
    return Image.fromarray(np.clip(evened, 0, 255).astype(np.uint8))


def _otsu(grey: np.ndarray) -> float:
    """The threshold that best splits ``grey`` into two classes (Otsu's method)."""
    counts, edges = np.histogram(grey, bins=256, range=(0, 256))
    weights = counts / max(1, counts.sum())
    levels = (edges[:-1] + edges[1:]) / 2
    below = np.cumsum(weights)
    mean_below = np.cumsum(weights * levels)
    total = mean_below[-1]
    between = (total * below - mean_below) ** 2 / np.maximum(below * (1 - below), 1e-12)
    return float(levels[np.argmax(between)])


def _area(corners: np.ndarray) -> float:
    """The area of a quadrilateral (shoelace formula)."""
    x, y = corners[:, 0], corners[:, 1]
    return float(abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2)
