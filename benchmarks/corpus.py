"""Corpus speed and memory, printed as a table (a measurement, not a test).

    .venv/bin/python benchmarks/corpus.py [--letters 600] [--search-corpus 100000] [--memory 10000]

Rows:
  ingest vs bare extraction   text letters/s through `ingest` (1 worker) over extract_letter alone   >= 80%
  one vs two workers          ingest letters/s with 1 and 2 worker processes
  search p50 / p95            `search` on a generated corpus of 100k letters                           p95 <= 50 ms
  peak memory                 RSS of an `edaran ingest` process tree, 2k and 10k letters              <= 400 MB, flat
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import write  # noqa: E402
from edaran import EXTRACTOR_VERSION  # noqa: E402
from edaran.corpus.batch import ingest  # noqa: E402
from edaran.corpus.search import search  # noqa: E402
from edaran.corpus.store import letter_rows, open_corpus  # noqa: E402
from edaran.extract import extract_letter  # noqa: E402
from edaran.ingest import read_document, read_text  # noqa: E402


def bare_rate(paths: list[Path]) -> float:
    extract_letter(read_text(str(paths[0]), paths[0].read_bytes()))  # warm-up
    t = time.perf_counter()
    for p in paths:
        extract_letter(read_text(str(p), p.read_bytes()))
    return len(paths) / (time.perf_counter() - t)


def ingest_rate(paths: list[Path], workers: int, tmp: Path) -> float:
    db = open_corpus(tmp / f"ingest-{workers}.db")
    extract_letter(read_text(str(paths[0]), paths[0].read_bytes()))  # the same warm process as the bare run
    t = time.perf_counter()
    ingest(db, [str(p) for p in paths], workers=workers)
    return len(paths) / (time.perf_counter() - t)


def build_search_corpus(path: Path, size: int, templates: list[Path]) -> None:
    """A large corpus written straight into SQLite: the extracted template letters, each copied with
    another id, number, region and date (the extractor is measured above; this measures search)."""
    db = open_corpus(path)
    rnd = random.Random(7)
    codes = [r["code"] for r in db["regions"].rows]
    extracted = []
    for p in templates:
        doc = read_document(str(p))
        extracted.append((extract_letter(doc), doc.text))
    batch: dict[str, list] = {"letters": [], "items": []}
    with db.conn:
        for n in range(size):
            letter, text = extracted[n % len(extracted)]
            letter_id = hashlib.sha256(f"{n}".encode()).hexdigest()
            rows = letter_rows(letter, letter_id, text, EXTRACTOR_VERSION)
            row = rows["letters"][0]
            row.update(number=f"800/{n}/BKD/{rnd.choice([2023, 2024])}", number_key=f"800/{n}/bkd",
                       region_code=rnd.choice(codes), record="{}", year=rnd.choice([2023, 2024]))
            batch["letters"].append(row)
            batch["items"].extend(rows["items"])
            if len(batch["letters"]) >= 2000:
                db["letters"].insert_all(batch["letters"], pk="id")
                db["items"].insert_all(batch["items"], pk="id")
                batch = {"letters": [], "items": []}
        if batch["letters"]:
            db["letters"].insert_all(batch["letters"], pk="id")
            db["items"].insert_all(batch["items"], pk="id")


def search_latency(path: Path, queries: int = 200) -> tuple[float, float]:
    db = open_corpus(path, readonly=True)
    rnd = random.Random(3)
    words = ["kampanye", "spanduk", "netralitas", "fasilitas negara", "media sosial", "partai politik",
             "keputusan", "deklarasi", "foto bersama", "mengerahkan", "atribut", "surat dukungan", "pengawasan"]
    filters = [{}, {"level": "kabupaten"}, {"election": "pilkada-2024"}, {"region": "33"}, {"year": 2024}]
    times = []
    for _ in range(queries):
        query, where = rnd.choice(words), rnd.choice(filters)
        t = time.perf_counter()
        search(db, query, **where)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def peak_memory(count: int, tmp: Path) -> float:
    folder = tmp / f"mem-{count}"
    write(folder, count)
    proc = subprocess.Popen([sys.executable, "-m", "edaran", "ingest", str(folder), "--db", str(tmp / f"m{count}.db"),
                             "--workers", "2"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss_kb(proc.pid))
        time.sleep(0.25)
    return peak / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--letters", type=int, default=600)
    ap.add_argument("--search-corpus", type=int, default=100_000)
    ap.add_argument("--memory", type=int, default=10_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        paths = write(tmp / "letters", args.letters)
        bare = bare_rate(paths)
        one = ingest_rate(paths, 1, tmp)
        two = ingest_rate(paths, 2, tmp)
        build_search_corpus(tmp / "search.db", args.search_corpus, paths[:500])
        p50, p95 = search_latency(tmp / "search.db")
        small = peak_memory(max(1000, args.memory // 5), tmp)
        large = peak_memory(args.memory, tmp)
    rows = [
        ("bare extraction, letters/s (1 core)", f"{bare:.0f}", "", None),
        ("ingest, 1 worker, letters/s", f"{one:.0f}", "", None),
        ("ingest / bare extraction", f"{one / bare:.0%}", ">= 80%", one / bare >= 0.8),
        ("ingest, 2 workers, letters/s", f"{two:.0f}", "", None),
        ("2 workers / 1 worker", f"{two / one:.2f}x", "", None),
        (f"search p50 ({args.search_corpus} letters)", f"{p50:.1f} ms", "", None),
        (f"search p95 ({args.search_corpus} letters)", f"{p95:.1f} ms", "<= 50 ms", p95 <= 50),
        (f"peak RSS, ingest of {max(1000, args.memory // 5)} letters", f"{small:.0f} MB", "<= 400 MB", small <= 400),
        (f"peak RSS, ingest of {args.memory} letters", f"{large:.0f} MB", "<= 400 MB, flat",
         large <= 400 and large <= small * 1.25),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'value':>10}  {'target':>16}  ok")
    for name, value, target, ok in rows:
        print(f"{name:<{width}}  {value:>10}  {target:>16}  {'' if ok is None else ('yes' if ok else 'NO')}")


if __name__ == "__main__":
    main()
