"""OCR speed, printed as a table (a measurement, not a test).

    .venv/bin/python benchmarks/ocr.py [--rounds N] [SCAN.pdf ...]

The scanned pages (default: ../shared/seeds-scan and ../shared/real/lapan_*
when present, else the test fixture) are put into one image-only PDF, so that
both workers always have a page to read.  With an empty cache each run:

  bare tesseract    `tesseract IMG - -l ind` on the page images our pipeline
                    feeds tesseract, one page after another (OMP_THREAD_LIMIT=1);
                    again with `--psm 4`, the page segmentation the pipeline uses
                    (the overhead is measured against this one)
  pipeline, 1 worker  read_document(scan) -> Document, pages one after another
  pipeline, 2 workers the same with two tesseract processes at a time

Targets: pipeline (1 worker) within 15% of bare tesseract; 2 workers >= 1.7x one.
A warm-up run on the test fixture comes first, so imports are not timed.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT.parent))  # run from a checkout without installing

from edaran.ingest import read_document  # noqa: E402
from edaran.ingest.ocr import render_page  # noqa: E402
from edaran.ingest.tesseract import LANG, PAGE_SEGMENTATION, ocr_unavailable, tesseract_env  # noqa: E402


def default_scans() -> list[Path]:
    shared = ROOT.parent / "shared"
    scans = sorted(shared.glob("seeds-scan/*.pdf")) + sorted(shared.glob("real/lapan_*.pdf"))
    return scans or [ROOT / "tests" / "fixtures" / "scans" / "seed-headers.pdf"]


def merge(scans: list[Path], target: Path) -> int:
    import pypdfium2 as pdfium

    merged = pdfium.PdfDocument.new()
    for scan in scans:
        source = pdfium.PdfDocument(scan)
        merged.import_pages(source)
        source.close()
    count = len(merged)
    merged.save(target)
    merged.close()
    return count


def page_images(pdf_path: Path, folder: Path) -> list[Path]:
    """The greyscale, straightened page images the pipeline hands to tesseract."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(pdf_path)
    paths = []
    for index in range(len(pdf)):
        image, _, _ = render_page(pdf, index)
        path = folder / f"page-{index:03}.png"
        image.save(path, dpi=(300, 300))
        paths.append(path)
    pdf.close()
    return paths


def clocks() -> tuple[float, float]:
    """Wall time, and CPU time of this process and its finished children (tesseract)."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter(), me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def since(start: tuple[float, float]) -> tuple[float, float]:
    now = clocks()
    return now[0] - start[0], now[1] - start[1]


def bare_tesseract(images: list[Path], *options: str) -> tuple[float, float]:
    env = tesseract_env()
    start = clocks()
    for image in images:
        subprocess.run(["tesseract", str(image), "-", "-l", LANG, *options], capture_output=True, env=env, check=True)
    return since(start)


def pipeline(pdf_path: Path, workers: int, folder: Path) -> tuple[float, float]:
    """read_document on the scan with an empty cache, so every page is OCR'd."""
    cache = Path(tempfile.mkdtemp(dir=folder, prefix="cache-"))
    saved = {key: os.environ.get(key) for key in ("EDARAN_CACHE_DIR", "EDARAN_OCR_WORKERS")}
    os.environ.update(EDARAN_CACHE_DIR=str(cache), EDARAN_OCR_WORKERS=str(workers))
    try:
        start = clocks()
        doc = read_document(pdf_path)
        elapsed = since(start)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    if not doc.ocr or not doc.text.strip():
        raise SystemExit(f"{pdf_path} was not read by OCR")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scans", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=1, help="best of N runs of each row")
    args = parser.parse_args()
    reason = ocr_unavailable()
    if reason:
        raise SystemExit(reason)
    scans = args.scans or default_scans()
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        merged = folder / "scans.pdf"
        pages = merge(scans, merged)
        images = page_images(merged, folder)
        pipeline(ROOT / "tests" / "fixtures" / "scans" / "seed-headers.pdf", 1, folder)  # warm-up: imports
        plain, bare, one, two = [], [], [], []
        for _ in range(args.rounds):
            plain.append(bare_tesseract(images))
            bare.append(bare_tesseract(images, "--psm", PAGE_SEGMENTATION))
            one.append(pipeline(merged, 1, folder))
            two.append(pipeline(merged, 2, folder))

    def best(runs: list[tuple[float, float]]) -> tuple[float, float]:
        return min(r[0] for r in runs) / pages, min(r[1] for r in runs) / pages

    (plain_s, plain_c), (bare_s, bare_c), (one_s, one_c), (two_s, _) = best(plain), best(bare), best(one), best(two)
    overhead, cpu_overhead = (one_s / bare_s - 1) * 100, (one_c / bare_c - 1) * 100
    speedup = one_s / two_s
    print(
        f"{pages} scanned pages from {len(scans)} files, {os.cpu_count()} cores, best of {args.rounds}; "
        f"load average before/after: {load[0]:.2f}/{os.getloadavg()[0]:.2f} (other work on the machine skews wall times)"
    )
    print(f"{'row':<38}{'wall s/page':>12}{'CPU s/page':>12}  {'result':>10}  target")
    print(f"{'bare `tesseract IMG - -l ind`':<38}{plain_s:>12.2f}{plain_c:>12.2f}")
    print(f"{'bare `tesseract IMG - -l ind --psm 4`':<38}{bare_s:>12.2f}{bare_c:>12.2f}")
    print(
        f"{'pipeline read_document, 1 worker':<38}{one_s:>12.2f}{one_c:>12.2f}  {overhead:>+9.1f}%  <= +15%  "
        f"{'ok' if overhead <= 15 else 'MISSED'} (CPU {cpu_overhead:+.1f}%)"
    )
    print(
        f"{'pipeline read_document, 2 workers':<38}{two_s:>12.2f}{'':>12}  {speedup:>9.2f}x  >= 1.7x  "
        f"{'ok' if speedup >= 1.7 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
