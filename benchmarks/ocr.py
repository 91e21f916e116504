"""OCR cost per scanned page against bare tesseract, and the scores, printed as tables (a measurement, not a test).

    .venv/bin/python benchmarks/ocr.py [--rounds N] [--no-scores] [SCAN.pdf ...]

Default scans: every image-only PDF of ../shared/real, ../shared/seeds-scan and the test
fixtures' scans.  For each page, in turns (so load on the machine skews every row alike), the
best of N rounds of CPU seconds (this process and its finished children, i.e. tesseract):

  bare anchor     bare ``tesseract page.png - -l ind`` on the page rendered at 300 dpi
                  (greyscale, straightened: the image the pipeline hands tesseract)
  bare 200        the same at 200 dpi
  edaran 300      ``ocr_pages`` on the page, no cache, one worker: rendering, deskew, the page
                  read, the second pass (picture blocks, stamped dates) and the repairs
  edaran 200      the same at 200 dpi

Tesseract runs in this process (its library), so edaran's tesseract CPU is this process's; the
anchor's is its child's.  The second reader of scans (``ingest/second_reader.py``) is not part of
``ocr_pages``: it runs when a letter's values are extracted, so it is in the scores, not the table.

Then, unless ``--no-scores``, ``../shared/tools/score.py`` over the real letters with gold and the
seed scans, each with an empty cache (the scores the OCR must not lower).

Target: edaran 300 / anchor <= 0.85.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT.parent))  # run from a checkout without installing

from edaran.ingest.ocr import ocr_pages, render_page  # noqa: E402
from edaran.ingest.tesseract import LANG, ocr_unavailable, tesseract_env  # noqa: E402

TARGET = 0.85
SCORES = (  # (name, gold, documents) as ../shared/README.md runs them
    ("real letters", SHARED / "real" / "gold", SHARED / "real"),
    ("seed scans", SHARED / "gold", SHARED / "seeds-scan"),
)


def default_scans() -> list[Path]:
    found = [*SHARED.glob("real/*.pdf"), *SHARED.glob("seeds-scan/*.pdf"), *ROOT.glob("tests/fixtures/scans/*.pdf")]
    return sorted(path for path in found if _image_only(path))


def _image_only(path: Path) -> bool:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        return all(not pdf[i].get_textpage().get_text_range().strip() for i in range(len(pdf)))
    finally:
        pdf.close()


def cpu() -> float:
    """CPU seconds of this process and its finished children (tesseract)."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def bare(pdf, page: int, dpi: int, folder: Path) -> float:
    image, _, _ = render_page(pdf, page, dpi)
    path = folder / "page.png"
    image.save(path, dpi=(dpi, dpi))
    start = cpu()
    subprocess.run(["tesseract", str(path), "-", "-l", LANG], capture_output=True, env=tesseract_env(), check=True)
    return cpu() - start


def edaran(data: bytes, page: int, dpi: int) -> float:
    start = cpu()
    ocr_pages(data, [page], workers=1, cache=False, dpi=dpi)
    return cpu() - start


def measure(column: str, pdf, data: bytes, page: int, folder: Path) -> float:
    """CPU seconds of one cell of the table (see the module's docstring)."""
    reader, dpi = column.split()
    if reader == "edaran":
        return edaran(data, page, int(dpi))
    return bare(pdf, page, 300 if dpi == "anchor" else int(dpi), folder)


def score(gold: Path, docs: Path) -> str:
    """score.py's last line for ``docs`` read by this checkout's ``edaran`` with an empty cache."""
    with tempfile.TemporaryDirectory() as cache:
        run = subprocess.run(
            [sys.executable, str(SHARED / "tools" / "score.py"), "--gold", str(gold), "--docs", str(docs), "--subset"],
            capture_output=True,
            text=True,
            env={
                **os.environ,
                "EDARAN_CACHE_DIR": cache,
                "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            },
        )
    found = re.findall(r"^score (\S+)$", run.stdout, re.MULTILINE)
    return found[-1] if found else f"failed: {(run.stderr.strip().splitlines() or ['no output'])[-1]}"


def main() -> None:
    import pypdfium2 as pdfium

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scans", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=1, help="best of N runs of each cell")
    parser.add_argument("--no-scores", action="store_true", help="skip the score.py runs (~4 minutes)")
    args = parser.parse_args()
    reason = ocr_unavailable()
    if reason:
        raise SystemExit(reason)
    scans = args.scans or default_scans()
    columns = ("bare anchor", "bare 200", "edaran 300", "edaran 200")
    rows: list[dict[str, float]] = []
    load = os.getloadavg()
    print(
        f"{len(scans)} files, CPU seconds per page (process + tesseract), best of {args.rounds}, "
        f"one worker, no cache; load average before: {load[0]:.2f}"
    )
    print(f"{'page':<44}" + "".join(f"{c:>12}" for c in columns) + f"{'ratio 300':>11}{'ratio 200':>11}")
    edaran(scans[0].read_bytes(), 0, 300)  # warm-up: imports and the first model load are not timed
    with tempfile.TemporaryDirectory() as tmp:
        for path in scans:
            data = path.read_bytes()
            pdf = pdfium.PdfDocument(data)
            for page in range(len(pdf)):
                best: dict[str, float] = {}
                for _ in range(args.rounds):
                    for name in columns:
                        best[name] = min(best.get(name, float("inf")), measure(name, pdf, data, page, Path(tmp)))
                rows.append(best)
                print(
                    f"{path.stem[:40] + ' p' + str(page + 1):<44}"
                    + "".join(f"{best[c]:>12.2f}" for c in columns)
                    + f"{best['edaran 300'] / best['bare anchor']:>10.2f}x"
                    + f"{best['edaran 200'] / best['bare anchor']:>10.2f}x",
                    flush=True,
                )
            pdf.close()
    totals = {c: sum(best[c] for best in rows) / len(rows) for c in columns}
    ratio = totals["edaran 300"] / totals["bare anchor"]
    print(
        f"{'mean of ' + str(len(rows)) + ' pages':<44}"
        + "".join(f"{totals[c]:>12.2f}" for c in columns)
        + f"{ratio:>10.2f}x{totals['edaran 200'] / totals['bare anchor']:>10.2f}x"
    )
    print(
        f"edaran (300 dpi) / bare tesseract at 300 dpi: {ratio:.2f}x, target <= {TARGET}x: "
        f"{'ok' if ratio <= TARGET else 'MISSED'}; load average after: {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    if not args.no_scores:
        for name, gold, docs in SCORES:
            if gold.is_dir() and docs.is_dir():
                print(f"score.py, {name} ({docs.relative_to(SHARED.parent)}): {score(gold, docs)}")


if __name__ == "__main__":
    main()
