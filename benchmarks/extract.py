"""Extraction speed, printed as a table (a measurement, not a test).

    .venv/bin/python benchmarks/extract.py [--rounds N]

Rows:
  text letters / s     extract_letter(read_text(...)) on one core after warm-up   target >= 100
  PDF pipeline / page  read_document + extract_letter per digital PDF page, against
                       pdfplumber's own extract_words on the same pages, same run  target <= 1.15x
  cold process         wall time of `edaran extract letter.txt` in a new process   target < 1.5 s
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT.parent))  # run from a checkout without installing

from edaran.extract import extract_letter  # noqa: E402
from edaran.ingest import read_document, read_text  # noqa: E402


def text_letters() -> list[tuple[str, bytes]]:
    paths = sorted(ROOT.glob("samples/*.txt")) + sorted(ROOT.glob("tests/fixtures/letters/*.txt"))
    return [(str(p), p.read_bytes()) for p in paths]


def bench_text(rounds: int) -> float:
    letters = text_letters()
    for path, data in letters:  # warm-up: tokenizer, matchers, region index
        extract_letter(read_text(path, data))
    start = time.perf_counter()
    n = 0
    for _ in range(rounds):
        for path, data in letters:
            extract_letter(read_text(path, data))
            n += 1
    return n / (time.perf_counter() - start)


def bench_pdf(rounds: int) -> tuple[float, float, int]:
    import pdfplumber

    pdfs = sorted(ROOT.glob("samples/*.pdf"))
    extract_letter(read_document(pdfs[0]))  # warm-up
    pages = 0
    for p in pdfs:
        with pdfplumber.open(p) as pdf:
            pages += len(pdf.pages)
    ours, theirs = [], []
    for _ in range(rounds):
        t = time.perf_counter()
        for p in pdfs:
            with pdfplumber.open(p) as pdf:
                for page in pdf.pages:
                    page.extract_words()
        theirs.append(time.perf_counter() - t)
        t = time.perf_counter()
        for p in pdfs:
            extract_letter(read_document(p))
        ours.append(time.perf_counter() - t)
    return min(ours) / pages, min(theirs) / pages, pages


def bench_cold(runs: int) -> float:
    exe = Path(sys.executable).with_name("edaran")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "edaran"]
    letter = ROOT / "samples" / "002_c412d0169f79d04d.txt"
    times = []
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "0"}
    subprocess.run([*cmd, "extract", str(letter)], capture_output=True, env=env, check=True)  # compile .pyc once
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([*cmd, "extract", str(letter)], capture_output=True, env=env, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    rate = bench_text(args.rounds)
    ours, theirs, pages = bench_pdf(max(3, args.rounds // 4))
    cold = bench_cold(5)
    rows = [
        ("text letters / s (1 core)", f"{rate:.0f}", ">= 100", rate >= 100),
        (f"PDF pipeline s / page ({pages} pages)", f"{ours * 1000:.1f} ms", "", None),
        ("pdfplumber extract_words s / page", f"{theirs * 1000:.1f} ms", "", None),
        ("PDF pipeline / extract_words", f"{ours / theirs:.2f}x", "<= 1.15x", ours / theirs <= 1.15),
        ("cold `edaran extract letter.txt`", f"{cold:.2f} s", "< 1.5 s", cold < 1.5),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'value':>10}  {'target':>9}  ok")
    for name, value, target, ok in rows:
        mark = "" if ok is None else ("yes" if ok else "NO")
        print(f"{name:<{width}}  {value:>10}  {target:>9}  {mark}")


if __name__ == "__main__":
    main()
