"""Comparison time at 1k, 5k and 10k generated letters, printed as a table (a measurement, not a test).

    .venv/bin/python benchmarks/compare.py [--sizes 1000 5000 10000]

The letters come from benchmarks/generate.py (varied regions, offices, layouts,
list shapes and wordings) and are extracted once, on every core, before timing.
Target: 10k letters in 30 s or less, growing linearly. CPU seconds are printed beside wall seconds: on a
machine shared with other work they are the steadier figure.
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
    docs = [(f"g{n}", read_text(f"g{n}.txt", letter(n, table).encode())) for n in chunk]
    return [(lid, extract_letter(doc), doc.text) for lid, doc in docs]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    args = ap.parse_args()
    largest = max(args.sizes)
    chunks = [range(i, min(i + 500, largest)) for i in range(0, largest, 500)]
    t = time.perf_counter()
    with ProcessPoolExecutor() as pool:
        extracted = [x for part in pool.map(_extract, chunks) for x in part]
    letters = [(lid, record) for lid, record, _ in extracted]
    texts = {lid: text for lid, _, text in extracted}  # as `edaran compare` passes the corpus's texts
    print(f"extracted {len(letters)} generated letters in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    compare(letters[:50], texts=texts)  # warm-up: stemmer, catalogue
    print(f"{'letters':>8}  {'seconds':>8}  {'CPU s':>8}  {'CPU ms/letter':>13}  {'findings':>8}")
    spent: dict[int, float] = {}
    for size in args.sizes:
        t, cpu = time.perf_counter(), time.process_time()
        result = compare(letters[:size], texts=texts)
        took, used = time.perf_counter() - t, time.process_time() - cpu
        spent[size] = used
        print(f"{size:>8}  {took:>8.1f}  {used:>8.1f}  {used / size * 1000:>13.2f}  {len(result.findings):>8}")
    # anchor, same run: the largest size without the texts (no lead-in sentences read, quotes from the records)
    cpu = time.process_time()
    compare(letters[:largest], texts={lid: "" for lid, _ in letters[:largest]})
    bare = time.process_time() - cpu
    print(f"{largest:>8} letters without their texts: {bare:.1f} CPU s; with them {spent[largest] / bare:.2f}x")
    print("target: 10000 letters <= 30 s, ms/letter flat")


if __name__ == "__main__":
    main()
