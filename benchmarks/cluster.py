"""Ingest on a Dask cluster against ingest on this machine, printed as tables (a measurement, not a test).

    .venv/bin/python benchmarks/cluster.py [--letters N] [--rounds R]

With an empty OCR cache each time, on N generated letters printed and scanned (one A4 page each,
made by :func:`scanned_letter`), each way run R times alternately and the best kept:

  local --workers 2      letters/s of `ingest` with its own two worker processes (the anchor)
  --cluster local:2      letters/s of `ingest` on a Dask LocalCluster of two one-thread workers,
                         started and its imports done just before (as this process's are for the
                         local turn; the start-up is printed apart); target: within 15% of the anchor
  CPU s/letter           CPU seconds of each way per scanned page, every process and tesseract
                         included (the cluster's start and stop with nothing to do taken off): the
                         machine's load moves wall times, not these; the local figure is what a
                         worker core spends on a page
  scheduling overhead    seconds per task of an empty task sent through the same path (submit,
                         the worker's kept reading process, result back)
  writer alone           letters/s the single writer sustains: generated letters extracted first,
                         then written into a fresh corpus as ingest writes them (one transaction each)

From these it projects the national corpus of the issue (50,000 letters of 3 pages, 70% of them
scans) on 1, 8 and 64 worker cores, and says at how many cores the writer becomes the bottleneck.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # benchmarks.generate

#: The national corpus of the issue.
NATIONAL_LETTERS = 50_000
PAGES_PER_LETTER = 3
SCANNED_SHARE = 0.7
#: Cores of the projection.
CORES = (1, 8, 64)


def scanned_letter(n: int, path: Path, dpi: int = 200) -> Path:
    """The n-th generated letter printed on an A4 page and scanned: an image-only PDF."""
    from PIL import Image, ImageDraw, ImageFont

    from benchmarks.generate import letter

    width, height = int(8.27 * dpi), int(11.69 * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    size = dpi // 9
    font = ImageFont.load_default(size=size)
    y = dpi
    for line in letter(n).splitlines():
        draw.text((dpi, y), line, fill=0, font=font)
        y += int(size * 1.5)
    image.save(path, "PDF", resolution=dpi)
    return path


def _ingest(folder: Path, db: Path, **options) -> tuple[float, object]:
    """Seconds of one ingest of every file in ``folder`` into a new corpus ``db``, and its summary."""
    from edaran.corpus.batch import ingest
    from edaran.corpus.store import open_corpus

    paths = sorted(str(p) for p in folder.iterdir())
    start = time.perf_counter()
    summary = ingest(open_corpus(db), paths, **options)
    return time.perf_counter() - start, summary


def _cpu() -> float:
    """CPU seconds of this process and of its children that have been waited for."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def _overhead(tasks: int) -> float:
    """Seconds per task of an empty task on a two-worker LocalCluster, start-up and the first tasks excluded."""
    from edaran.cluster import connect

    with connect("local:2") as client:
        from edaran.cluster import _bounded

        token = "overhead"
        client.gather([client.submit(_bounded, abs, -1, None, None, None, token, pure=False) for _ in range(8)])
        start = time.perf_counter()
        futures = [client.submit(_bounded, abs, -i, 60.0, None, None, token, pure=False) for i in range(tasks)]
        client.gather(futures)
        return (time.perf_counter() - start) * 2 / tasks  # two workers ran them side by side


def _writer(folder: Path, db: Path, count: int) -> float:
    """Letters/s of the writer alone: ``count`` generated letters extracted first, then only written, as
    the client writes what workers send (identity check, the letter's rows, its file row)."""
    from benchmarks.generate import write
    from edaran import EXTRACTOR_VERSION
    from edaran.corpus.batch import _extract
    from edaran.corpus.identity import identify
    from edaran.corpus.store import open_corpus, record_file, save_rows

    extracted = []
    for path in write(folder, count):
        status, _, rows = _extract((str(path), f"{EXTRACTOR_VERSION}-{path.stem}", None))
        assert status == "ok" and rows
        extracted.append((str(path), rows[0]))
    corpus = open_corpus(db)
    run_id = corpus.table("runs").insert({"started": "now", "extractor_version": EXTRACTOR_VERSION}).last_pk
    start = time.perf_counter()
    for path, rows in extracted:
        row = {"path": path, "sha256": rows["letters"][0]["id"], "status": "ok", "reason": None, "run_id": run_id}
        identify(corpus, rows["letters"][0])
        save_rows(corpus, rows, file_row=row)
        record_file(corpus, {**row, "letter_id": rows["letters"][0]["id"]})
    return count / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=12, help="scanned letters to ingest (default 12)")
    parser.add_argument("--rounds", type=int, default=2, help="turns of each way, the best kept (default 2)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder = work / "scans"
        folder.mkdir()
        for n in range(args.letters):
            scanned_letter(n, folder / f"scan_{n:04d}.pdf")
        os.environ["EDARAN_OCR_WORKERS"] = "1"
        from edaran.cluster import connect

        best: dict[str, float] = {}
        cpu: dict[str, list[float]] = {"local --workers 2": [], "--cluster local:2": []}
        startups = []

        def start_cluster(stack: contextlib.ExitStack):
            start = time.perf_counter()
            client = stack.enter_context(connect("local:2"))
            startups.append(time.perf_counter() - start)
            # Imported on the workers beforehand, as they are in this process for the local turn.
            client.run(lambda: importlib.import_module("edaran.corpus.batch") and None)
            return client

        for round_ in range(args.rounds):  # alternated, so a busy spell of the machine hits both
            for name in cpu:
                run = f"{round_}-{name[2:7]}"
                # Empty, and set before a cluster starts: its workers take the environment they start with.
                os.environ["EDARAN_CACHE_DIR"] = str(work / f"cache-{run}")
                before = _cpu()
                with contextlib.ExitStack() as stack:
                    options: dict = {"workers": 2}
                    if "cluster" in name:
                        options = {"cluster": start_cluster(stack).scheduler.address}
                    seconds, summary = _ingest(folder, work / f"corpus-{run}.db", **options)
                assert summary.count("ok") == args.letters, [o for o in summary.outcomes if o.status != "ok"]
                cpu[name].append(_cpu() - before)  # every process of the turn has been waited for
                best[name] = min(best.get(name, float("inf")), seconds)
        before = _cpu()
        with contextlib.ExitStack() as stack:  # a cluster started and stopped with nothing to do
            start_cluster(stack)
        idle = _cpu() - before
        cpu["--cluster local:2"] = [c - idle for c in cpu["--cluster local:2"]]
        anchor = args.letters / best["local --workers 2"]
        print(f"{args.letters} scanned letters (1 page each), 2 cores, empty OCR cache, best of {args.rounds}\n")
        print(f"{'':<22}{'seconds':>10}{'letters/s':>12}{'vs local':>10}{'CPU s/letter':>14}{'vs local':>10}")
        for name, seconds in best.items():
            rate = args.letters / seconds
            per_letter = min(cpu[name]) / args.letters
            ratio = per_letter * args.letters / min(cpu["local --workers 2"])
            print(f"{name:<22}{seconds:>10.1f}{rate:>12.3f}{rate / anchor:>10.2f}{per_letter:>14.2f}{ratio:>10.2f}")
        print(
            f"(starting the LocalCluster of 2 workers, in neither row: {min(startups):.1f} s; "
            f"its start and stop with nothing to do, {idle:.1f} CPU s, taken off the cluster's CPU)"
        )
        # CPU seconds, all processes: what a core spends on a page
        per_page = min(cpu["local --workers 2"]) / args.letters
        overhead = _overhead(200)
        writer = _writer(work / "generated", work / "writer.db", 300)
        shutil.rmtree(folder)
        print(f"\nOCR and extraction per scanned page: {per_page:.2f} CPU s (tesseract's included)")
        print(f"scheduling overhead per task (submit, fork, result): {overhead * 1000:.1f} ms")
        print(f"single writer alone: {writer:.0f} letters/s")
        scanned_pages = NATIONAL_LETTERS * PAGES_PER_LETTER * SCANNED_SHARE
        core_seconds = scanned_pages * per_page + NATIONAL_LETTERS * overhead
        print(
            f"\n{NATIONAL_LETTERS:,} letters of {PAGES_PER_LETTER} pages, {SCANNED_SHARE:.0%} scanned "
            f"({scanned_pages:,.0f} scanned pages; digital pages taken as free)"
        )
        print(f"{'worker cores':<14}{'hours':>8}{'letters/s':>12}")
        for cores in CORES:
            rate = min(cores * NATIONAL_LETTERS / core_seconds, writer)
            print(f"{cores:<14}{NATIONAL_LETTERS / rate / 3600:>8.1f}{rate:>12.1f}")
        print(
            f"\nthe writer becomes the bottleneck past {writer * core_seconds / NATIONAL_LETTERS:,.0f} worker cores "
            f"({writer:.0f} letters/s written against {NATIONAL_LETTERS / core_seconds:.3f} letters/s per core)"
        )


if __name__ == "__main__":
    main()
