"""Digital PDF reading and start-up cost, printed as a table (a measurement, not a test).

    .venv/bin/python benchmarks/pdf.py [--pages N]

CPU seconds (time.process_time in this process, resource.getrusage of children for
the child processes), best of three, each against an anchor measured in the same run:

  PDF pages / CPU s    edaran's read_document against pdfplumber's own extract_words on
                       the same pages (the sample letters)                  target >= 5x
  peak RSS             reading a generated PDF of N pages (the sample pages repeated) in
                       a child process, ru_maxrss; pdfplumber's reader alongside   target <= 150 MB
  cold start           `edaran extract one.txt`, `edaran search` (plain and filtered by a region's
                       name) and `edaran stats` in a new process, against `python -c pass`
                                                     targets <= 0.6 s, <= 0.3 s (search)
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT.parent))  # run from a checkout without installing

ROUNDS = 3

# A child process reads one PDF and prints its peak resident memory in MB.
_RSS_CHILD = """
import resource, sys
from edaran.ingest.pdf import _plumber_layer, read_pdf
from edaran.ingest.limits import Limits
path, reader = sys.argv[1], sys.argv[2]
data = open(path, "rb").read()
limits = Limits(pages=10_000)
if reader == "edaran":
    read_pdf(path, data, ocr=False, limits=limits)
else:
    _plumber_layer(path, data, limits)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def sample_pdfs() -> list[Path]:
    return sorted(ROOT.glob("samples/*.pdf"))


def bench_pages() -> tuple[float, float, int]:
    """CPU seconds per page: edaran's read_document and pdfplumber's extract_words, best of ROUNDS."""
    import pdfplumber

    from edaran.ingest import read_document

    pdfs = sample_pdfs()
    read_document(pdfs[0])  # warm-up: imports
    with pdfplumber.open(pdfs[0]) as pdf:
        pdf.pages[0].extract_words()
    pages = 0
    for p in pdfs:
        with pdfplumber.open(p) as pdf:
            pages += len(pdf.pages)
    ours, theirs = [], []
    for _ in range(ROUNDS):
        t = time.process_time()
        for p in pdfs:
            with pdfplumber.open(p) as pdf:
                for page in pdf.pages:
                    page.extract_words()
        theirs.append(time.process_time() - t)
        t = time.process_time()
        for p in pdfs:
            read_document(p)
        ours.append(time.process_time() - t)
    return min(ours) / pages, min(theirs) / pages, pages


def long_pdf(pages: int, folder: Path) -> Path:
    """A PDF of ``pages`` pages: the sample letters' pages over and over."""
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    sources = [pdfium.PdfDocument(p) for p in sample_pdfs()]
    while len(out) < pages:
        for src in sources:
            take = min(len(src), pages - len(out))
            if take > 0:
                out.import_pages(src, list(range(take)))
    path = folder / f"long-{pages}.pdf"
    out.save(path)
    return path


def peak_rss(path: Path, reader: str) -> float:
    done = subprocess.run(
        [sys.executable, "-c", _RSS_CHILD, str(path), reader], capture_output=True, text=True, check=True
    )
    return float(done.stdout.split()[-1])


def child_cpu(cmd: list[str]) -> float:
    """CPU seconds (user + system) of a new process running ``cmd``, best of ROUNDS."""
    subprocess.run(cmd, capture_output=True)  # compile .pyc, warm the page cache
    best = float("inf")
    for _ in range(ROUNDS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(cmd, capture_output=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        best = min(best, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=200, help="pages of the generated PDF for peak RSS")
    args = ap.parse_args()
    ours, theirs, pages = bench_pages()
    with tempfile.TemporaryDirectory() as tmp:
        long = long_pdf(args.pages, Path(tmp))
        rss_ours, rss_plumber = peak_rss(long, "edaran"), peak_rss(long, "pdfplumber")
        exe = Path(sys.executable).with_name("edaran")
        edaran = [str(exe)] if exe.exists() else [sys.executable, "-m", "edaran"]
        letter = ROOT / "samples" / "002_c412d0169f79d04d.txt"
        db = Path(tmp) / "corpus.db"
        subprocess.run([*edaran, "ingest", str(ROOT / "samples"), "--db", str(db)], capture_output=True)
        anchor = child_cpu([sys.executable, "-c", "pass"])
        extract = child_cpu([*edaran, "extract", str(letter)])
        search = child_cpu([*edaran, "search", "netralitas", "--db", str(db)])
        by_region = child_cpu([*edaran, "search", "netralitas", "--region", "Kabupaten Sekadau", "--db", str(db)])
        stats = child_cpu([*edaran, "stats", "--db", str(db)])
    rows = [
        (f"pdfplumber extract_words, pages / CPU s ({pages} pages)", f"{1 / theirs:.1f}", "anchor", None),
        ("edaran read_document, pages / CPU s", f"{1 / ours:.1f}", "", None),
        ("  ratio", f"{theirs / ours:.2f}x", ">= 5x", theirs / ours >= 5),
        (f"peak RSS, {args.pages}-page PDF, edaran", f"{rss_ours:.0f} MB", "<= 150 MB", rss_ours <= 150),
        (f"peak RSS, {args.pages}-page PDF, pdfplumber's reader", f"{rss_plumber:.0f} MB", "", None),
        ("`python -c pass`, CPU s", f"{anchor:.3f}", "anchor", None),
        ("`edaran extract one.txt`, CPU s", f"{extract:.3f}", "<= 0.6", extract <= 0.6),
        ("  ratio", f"{extract / anchor:.1f}x", "", None),
        ("`edaran search`, CPU s", f"{search:.3f}", "<= 0.3", search <= 0.3),
        ("  ratio", f"{search / anchor:.1f}x", "", None),
        ("`edaran search --region NAME`, CPU s", f"{by_region:.3f}", "<= 0.3", by_region <= 0.3),
        ("  ratio", f"{by_region / anchor:.1f}x", "", None),
        ("`edaran stats`, CPU s", f"{stats:.3f}", "", None),
        ("  ratio", f"{stats / anchor:.1f}x", "", None),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'value':>10}  {'target':>9}  ok")
    for name, value, target, ok in rows:
        mark = "" if ok is None else ("yes" if ok else "NO")
        print(f"{name:<{width}}  {value:>10}  {target:>9}  {mark}")


if __name__ == "__main__":
    main()
