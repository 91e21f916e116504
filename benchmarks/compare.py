"""Comparison time at 1k, 5k and 10k generated letters, printed as a table (a measurement, not a test).

    .venv/bin/python benchmarks/compare.py [--sizes 1000 5000 10000]

The letters come from benchmarks/generate.py (varied regions, offices, layouts,
list shapes and wordings) and are extracted once, on every core, before timing.
Target: 10k letters in 30 s or less, growing linearly.
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import letter, regions  # noqa: E402
from edaran.compare.comparison import compare  # noqa: E402
from edaran.extract import extract_letter  # noqa: E402
from edaran.ingest import read_text  # noqa: E402


def _extract(chunk: range) -> list:
    table = regions()
    return [(f"g{n}", extract_letter(read_text(f"g{n}.txt", letter(n, table).encode()))) for n in chunk]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    args = ap.parse_args()
    largest = max(args.sizes)
    chunks = [range(i, min(i + 500, largest)) for i in range(0, largest, 500)]
    t = time.perf_counter()
    with ProcessPoolExecutor() as pool:
        letters = [x for part in pool.map(_extract, chunks) for x in part]
    print(f"extracted {len(letters)} generated letters in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    compare(letters[:50])  # warm-up: stemmer, catalogue
    print(f"{'letters':>8}  {'seconds':>8}  {'ms/letter':>9}  {'findings':>8}")
    for size in args.sizes:
        t = time.perf_counter()
        result = compare(letters[:size])
        took = time.perf_counter() - t
        print(f"{size:>8}  {took:>8.1f}  {took / size * 1000:>9.2f}  {len(result.findings):>8}")
    print("target: 10000 letters <= 30 s, ms/letter flat")


if __name__ == "__main__":
    main()
