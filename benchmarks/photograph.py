"""Scanned pages "photographed" on a desk, and what reading a photo costs against reading the scan.

    .venv/bin/python benchmarks/photograph.py [--shared ../shared] [--out DIR]

A bureau often receives a letter as phone photos: the sheet lies on a table, turned a few degrees,
seen at a slant (the top edge shorter than the bottom), lit from one side.  :func:`photograph` makes
such a photo from a page image (deterministically, from a seed), so tests and this measurement can
use real letters without a camera.  The measurement renders each seed scan's pages, photographs
them into one multi-page TIFF per letter (named like the scan, so gold pairs with it), extracts
both with ``edaran extract`` and scores each set with the reference scorer.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent


def photograph(
    page: Image.Image, seed: int = 0, angle: float = 3.5, slant: float = 0.05, shadow: float = 0.45
) -> Image.Image:
    """``page`` (RGB) as a photo: on a wood-brown desk with grain, turned ``angle`` degrees, its top edge
    ``slant`` of its width shorter than its bottom, darkened by up to ``shadow`` towards one side, a
    little out of focus."""
    rng = random.Random(seed)
    width, height = page.size
    canvas_size = (round(width * 1.3), round(height * 1.22))
    desk = np.empty((canvas_size[1], canvas_size[0], 3), dtype=np.float32)
    desk[:] = (118, 86, 58)
    grain = np.random.default_rng(seed).normal(0, 9, (canvas_size[1], 1)).astype(np.float32)
    desk += grain[:, :, None] + np.random.default_rng(seed + 1).normal(0, 4, desk.shape).astype(np.float32)
    photo = Image.fromarray(np.clip(desk, 0, 255).astype(np.uint8))
    # Where the page's corners land on the desk: centred, slanted, turned.
    cx, cy = canvas_size[0] / 2 + rng.uniform(-0.02, 0.02) * width, canvas_size[1] / 2
    half_w, half_h = width / 2, height / 2
    inset = slant * width / 2
    corners = [(-half_w + inset, -half_h), (half_w - inset, -half_h), (half_w, half_h), (-half_w, half_h)]
    turn = np.radians(angle if rng.random() < 0.5 else -angle)
    cos, sin = np.cos(turn), np.sin(turn)
    placed = [(cx + x * cos - y * sin, cy + x * sin + y * cos) for x, y in corners]
    coefficients = _solve(placed, [(0, 0), (width, 0), (width, height), (0, height)])
    sheet = page.transform(canvas_size, Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BICUBIC)
    mask = Image.new("L", canvas_size, 0)
    ImageDraw.Draw(mask).polygon(placed, fill=255)
    photo.paste(sheet, (0, 0), mask)
    # Light falling off towards one side, as from a window.
    ramp = np.linspace(1.0 - shadow, 1.0, canvas_size[0], dtype=np.float32)
    if rng.random() < 0.5:
        ramp = ramp[::-1]
    lit = np.asarray(photo, dtype=np.float32) * ramp[None, :, None]
    photo = Image.fromarray(np.clip(lit, 0, 255).astype(np.uint8))
    return photo.filter(ImageFilter.GaussianBlur(0.7))


def _solve(source, target) -> tuple[float, ...]:
    """Coefficients of Pillow's PERSPECTIVE transform sending each ``source`` point to its ``target``."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(source, target, strict=True):
        rows += [[x, y, 1, 0, 0, 0, -u * x, -u * y], [0, 0, 0, x, y, 1, -v * x, -v * y]]
        rhs += [u, v]
    return tuple(float(c) for c in np.linalg.solve(np.array(rows), np.array(rhs)))


def scan_pages(pdf_path: Path, dpi: int = 200) -> list[Image.Image]:
    """The pages of a scanned PDF as RGB images at ``dpi``."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return [pdf[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(pdf))]
    finally:
        pdf.close()


def photograph_letter(pdf_path: Path, target: Path, seed: int = 0) -> Path:
    """Each page of the scan ``pdf_path`` photographed, saved as one multi-page TIFF ``target`` (JPEG inside,
    as a phone's pictures are)."""
    photos = [photograph(page, seed + n) for n, page in enumerate(scan_pages(pdf_path))]
    photos[0].save(target, save_all=True, append_images=photos[1:], compression="jpeg", quality=88)
    return target


def score(gold: Path, docs: list[Path]) -> float:
    """The reference scorer's score of ``edaran extract`` on ``docs`` (each paired with its gold by stem)."""
    with tempfile.TemporaryDirectory() as folder:
        pred = Path(folder) / "pred.jsonl"
        run = subprocess.run(
            [sys.executable, "-m", "edaran", "extract", *map(str, docs)], capture_output=True, text=True
        )
        pred.write_text(run.stdout, encoding="utf-8")
        scored = subprocess.run(
            [
                sys.executable,
                str(gold.parent / "tools" / "score.py"),
                "--gold",
                str(gold),
                "--pred",
                str(pred),
                "--subset",
            ],
            capture_output=True,
            text=True,
        )
    return float(scored.stdout.strip().splitlines()[-1].split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, help="keep the photos here")
    args = parser.parse_args()
    scans = sorted((args.shared / "seeds-scan").glob("*.pdf"))
    with tempfile.TemporaryDirectory() as folder:
        out = args.out or Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        photos = [photograph_letter(scan, out / f"{scan.stem}.tif") for scan in scans]
        gold = args.shared / "gold"
        print(f"scans  {score(gold, scans):.3f}")
        print(f"photos {score(gold, photos):.3f}")


if __name__ == "__main__":
    main()
