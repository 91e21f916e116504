"""Corpus speed and memory, printed as a table (a measurement, not a test).

    .venv/bin/python benchmarks/corpus.py [--letters 600] [--rounds 3] [--search-corpus 100000] [--memory 10000]

Rows:
  ingest vs bare extraction   text letters/s through `ingest` (1 worker) over extract_letter alone   >= 80%
                              (best of --rounds turns each; also the CPU both take, workers included)
  one vs two workers          ingest letters/s with 1 and 2 worker processes
  search p50 / p95            `search` on a generated corpus of 100k letters, per kind of filter     p95 <= 50 ms
  peak memory                 RSS of an `edaran ingest` process tree, 2k and 10k letters              <= 400 MB, flat
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import resource
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
from edaran.corpus.facets import letter_facets, region_facets  # noqa: E402
from edaran.corpus.search import search  # noqa: E402
from edaran.corpus.store import letter_rows, open_corpus  # noqa: E402
from edaran.extract import extract_letter  # noqa: E402
from edaran.ingest import read_document, read_text  # noqa: E402


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (a pool's workers, once shut down)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def bare_run(paths: list[Path]) -> tuple[float, float]:
    """(letters/s, CPU seconds per letter) of read_text + extract_letter in this process."""
    t, cpu = time.perf_counter(), _cpu()
    for p in paths:
        extract_letter(read_text(str(p), p.read_bytes()))
    return len(paths) / (time.perf_counter() - t), (_cpu() - cpu) / len(paths)


def ingest_run(paths: list[Path], workers: int, db_path: Path) -> tuple[float, float]:
    """(letters/s, CPU seconds per letter, workers included) of `ingest` into a new corpus."""
    db = open_corpus(db_path)
    t, cpu = time.perf_counter(), _cpu()
    ingest(db, [str(p) for p in paths], workers=workers)
    rate, cpu = len(paths) / (time.perf_counter() - t), (_cpu() - cpu) / len(paths)
    db.conn.close()
    return rate, cpu


def ingest_rates(paths: list[Path], tmp: Path, rounds: int) -> dict[str, tuple[float, float]]:
    """Bare extraction and ingest with 1 and 2 workers, taken in turns ``rounds`` times; each one's
    best round, since other work on the machine only ever slows a round down."""
    extract_letter(read_text(str(paths[0]), paths[0].read_bytes()))  # warm: spaCy and patterns loaded
    runs: dict[str, list[tuple[float, float]]] = {"bare": [], "one": [], "two": []}
    for n in range(rounds):
        runs["bare"].append(bare_run(paths))
        runs["one"].append(ingest_run(paths, 1, tmp / f"ingest-1-{n}.db"))
        runs["two"].append(ingest_run(paths, 2, tmp / f"ingest-2-{n}.db"))
    return {name: max(results) for name, results in runs.items()}


def build_search_corpus(path: Path, size: int, templates: list[Path]) -> None:
    """A large corpus written straight into SQLite: the extracted template letters, each copied with
    another id, number, region and date (the extractor is measured above; this measures search).
    The rows of each template are built once; copies are written with plain executemany."""
    db = open_corpus(path)
    rnd = random.Random(7)
    codes = [r["code"] for r in db["regions"].rows]
    rows = []
    for p in templates:
        doc = read_document(str(p))
        rows.append(letter_rows(extract_letter(doc), "", doc.text, EXTRACTOR_VERSION))
    columns = {table: list(rows[0][table][0]) for table in ("letters", "items")}
    sql = {
        table: f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in cols)}) VALUES ({', '.join('?' * len(cols))})"
        for table, cols in columns.items()
    }
    batch: dict[str, list] = {"letters": [], "items": []}

    def flush() -> None:
        for table in ("letters", "items"):
            db.conn.executemany(sql[table], batch[table])
            batch[table].clear()

    with db.conn:
        for n in range(size):
            template = rows[n % len(rows)]
            letter_id = hashlib.sha256(f"{n}".encode()).hexdigest()
            year, code = rnd.choice([2023, 2024]), rnd.choice(codes)
            row = {
                **template["letters"][0],
                "id": letter_id,
                "number": f"800/{n}/BKD/{year}",
                "number_key": f"800/{n}/bkd",
                "region_code": code,
                "record": "{}",
                "year": year,
            }
            row["facets"] = letter_facets(
                code, row["region_level"], year, row["doc_type"], row["election_kind"], row["election_year"]
            )
            facets = region_facets(code)
            batch["letters"].append([row[c] for c in columns["letters"]])
            for item in template["items"]:
                item = {**item, "letter_id": letter_id, "facets": facets}
                batch["items"].append([item[c] for c in columns["items"]])
            if len(batch["letters"]) >= 2000:
                flush()
        flush()


#: Query types of the search rows: no filter, each filter alone, and several at once.
FILTERS: dict[str, dict] = {
    "no filter": {},
    "--level kabupaten": {"level": "kabupaten"},
    "--election pilkada-2024": {"election": "pilkada-2024"},
    "--year 2024": {"year": 2024},
    "--region 33": {"region": "33"},
    "--region 33.01": {"region": "33.01"},
    "--kind surat_edaran": {"kind": "surat_edaran"},
    "--region 33 --year 2023 --election pemilu-2024": {"region": "33", "year": 2023, "election": "pemilu-2024"},
    "--year 2019 (no letter)": {"year": 2019},
}
WORDS = [
    "kampanye",
    "spanduk",
    "netralitas",
    "fasilitas negara",
    "media sosial",
    "partai politik",
    "keputusan",
    "deklarasi",
    "foto bersama",
    "mengerahkan",
    "atribut",
    "surat dukungan",
    "pengawasan",
]


def _p95(times: list[float]) -> float:
    times = sorted(times)
    return times[max(0, int(len(times) * 0.95) - 1)]


def search_latency(path: Path, rounds: int = 4) -> dict[str, tuple[float, float]]:
    """(p50, p95) in ms per query type, and over all of them ("all"): every word with every filter,
    ``rounds`` times in a shuffled order."""
    db = open_corpus(path, readonly=True)
    queries = [(name, word) for name in FILTERS for word in WORDS] * rounds
    random.Random(3).shuffle(queries)
    search(db, WORDS[0])  # warm: the first query reads the index from disk
    times: dict[str, list[float]] = {name: [] for name in FILTERS}
    for name, word in queries:
        t = time.perf_counter()
        search(db, word, **FILTERS[name])
        times[name].append((time.perf_counter() - t) * 1000)
    times["all"] = [t for name in FILTERS for t in times[name]]
    return {name: (statistics.median(ts), _p95(ts)) for name, ts in times.items()}


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
    proc = subprocess.Popen(
        [sys.executable, "-m", "edaran", "ingest", str(folder), "--db", str(tmp / f"m{count}.db"), "--workers", "2"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss_kb(proc.pid))
        time.sleep(0.25)
    return peak / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--letters", type=int, default=600)
    ap.add_argument("--rounds", type=int, default=3, help="turns of bare extraction and ingest (best one kept)")
    ap.add_argument("--search-corpus", type=int, default=100_000)
    ap.add_argument("--memory", type=int, default=10_000)
    args = ap.parse_args()
    small_count = max(1000, args.memory // 5)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        paths = write(tmp / "letters", args.letters)
        rates = ingest_rates(paths, tmp, args.rounds)
        t = time.perf_counter()
        build_search_corpus(tmp / "search.db", args.search_corpus, paths[:500])
        build = time.perf_counter() - t
        latency = search_latency(tmp / "search.db")
        small = peak_memory(small_count, tmp)
        large = peak_memory(args.memory, tmp) if args.memory != small_count else small
    (bare, bare_cpu), (one, one_cpu), (two, _) = rates["bare"], rates["one"], rates["two"]
    rows = [
        ("bare extraction, letters/s (1 core)", f"{bare:.0f}", "", None),
        ("ingest, 1 worker, letters/s", f"{one:.0f}", "", None),
        ("ingest / bare extraction", f"{one / bare:.0%}", ">= 80%", one / bare >= 0.8),
        ("ingest CPU s per letter / bare's (all processes)", f"{one_cpu / bare_cpu:.2f}x", "", None),
        ("ingest, 2 workers, letters/s", f"{two:.0f}", "", None),
        ("2 workers / 1 worker", f"{two / one:.2f}x", "", None),
        (f"build of the {args.search_corpus}-letter search corpus", f"{build:.0f} s", "", None),
    ]
    for name, (p50, p95) in latency.items():
        label = "all queries" if name == "all" else name
        rows.append((f"search p50 / p95, {label}", f"{p50:.1f} / {p95:.1f} ms", "p95 <= 50 ms", p95 <= 50))
    rows += [
        (f"peak RSS, ingest of {small_count} letters", f"{small:.0f} MB", "<= 400 MB", small <= 400),
        (
            f"peak RSS, ingest of {args.memory} letters",
            f"{large:.0f} MB",
            "<= 400 MB, flat",
            large <= 400 and large <= small * 1.25,
        ),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'value':>20}  {'target':>16}  ok")
    for name, value, target, ok in rows:
        print(f"{name:<{width}}  {value:>20}  {target:>16}  {'' if ok is None else ('yes' if ok else 'NO')}")


if __name__ == "__main__":
    main()
