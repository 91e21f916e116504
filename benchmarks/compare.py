"""Comparison and export at corpus scale: CPU seconds and peak memory, printed as a table (a measurement, not a test).

    .venv/bin/python benchmarks/compare.py [--sizes 10000 100000] [--anchor-up-to 10000]

Each corpus is generated letters (benchmarks/generate.py: varied regions, offices, layouts, list shapes and
wordings) extracted on every core and stored as `edaran ingest` stores them; beyond 10k letters, the 10k are
stored again under other ids and numbers (`DISTINCT`).  A corpus is made once and kept under the temp dir, keyed
by its size (`$TMPDIR/edaran-bench/corpus-N.db`; delete it to make it again).

Every measure runs in a child process of its own, whose CPU seconds (user + system) and peak resident memory
(`ru_maxrss`) the parent reads when it ends (`os.wait4`):

- `start-up`: importing the command line and the comparison, opening the corpus (ms/letter is net of it);
- `compare, streamed`: `compare_corpus` (letters read a page at a time, findings and matches written as found);
- `compare, in memory`: every letter loaded, compared and its rows saved at the end, the way `edaran compare`
  worked before; the anchor, measured only up to `--anchor-up-to` letters (it needs ~1.5 GB at 10k);
- `edaran compare html` / `json`: the command, its report written to a file (its size in MB is the result) from
  the comparison's parts spooled to disk as they are found;
- `export jsonl`: `edaran export --format jsonl` (the stored records as they are read);
- `export, parsed`: every record parsed and written again from one list, the way export worked before; the
  export's anchor, up to `--anchor-up-to` letters.

Targets: compare's peak RSS (the library's and the command's) <= 400 MB at every size (flat) and its ms/letter
flat; export's <= 200 MB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import letter, regions  # noqa: E402

#: Letters extracted per task of the pool (and stored per transaction).
CHUNK = 1000
#: A larger corpus is this many extracted letters stored again under other ids and numbers (extracting 100k
#: letters on a shared 2-core machine takes most of an hour; comparing a copy costs what the letter costs).
DISTINCT = 10000
#: A letter table's own columns a copy changes: its id, number, file and records (the record's number too).
_COPIED = {
    "id": "? || id",
    "path": "? || path",
    "number": "number || ?",
    "number_key": "number_key || ?",
    "record": "json_set(record, '$.number', json_extract(record, '$.number') || ?)",
    "extracted": "json_set(extracted, '$.number', json_extract(extracted, '$.number') || ?)",
}
#: Peak RSS targets (MB).
COMPARE_TARGET = 400
EXPORT_TARGET = 200


def _command(args: str, result: str) -> str:
    """A child's code running the edaran command ``args`` in its process; ``result`` is read from its output."""
    return f"""
import os
from edaran.cli import app
try:
    app([{args}])
except SystemExit as done:
    assert not done.code, done.code
RESULT = {result}
"""


#: What each child runs: Python code with DB and OUT given in its environment.
MEASURES = {
    "start-up": """
from edaran.cli import app
from edaran.comparison.compare import compare_corpus
from edaran.corpus.store import open_corpus
open_corpus(DB)
RESULT = 0
""",
    "compare, streamed": """
from edaran.comparison.compare import compare_corpus
from edaran.corpus.store import open_corpus
stored = compare_corpus(open_corpus(DB))
RESULT = stored.findings
""",
    "compare, in memory": """
from edaran.comparison.compare import compare
from edaran.comparison.report import to_rows
from edaran.corpus.store import iter_letters, open_corpus, read_letters, save_comparison
db = open_corpus(DB)
letters = list(iter_letters(db))
texts = {lid: text for lid, _, text in read_letters(db, [lid for lid, _ in letters])}
result = compare(letters, texts=texts)
save_comparison(db, *to_rows(result))
RESULT = len(result.findings)
""",
    "edaran compare html": _command('"compare", "--db", DB, "--out", OUT', "round(os.path.getsize(OUT) / 1e6)"),
    "edaran compare json": _command(
        '"compare", "--db", DB, "--format", "json", "--out", OUT', "round(os.path.getsize(OUT) / 1e6)"
    ),
    "export jsonl": _command(
        '"export", "--db", DB, "--format", "jsonl", "--out", OUT', 'sum(1 for _ in open(OUT, encoding="utf-8"))'
    ),
    "export, parsed": """
import json
from edaran.corpus.store import open_corpus
db = open_corpus(DB, readonly=True)
records = [json.loads(r[0]) for r in db.execute("SELECT record FROM letters ORDER BY date, id")]
with open(OUT, "w", encoding="utf-8") as out:
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\\n")
RESULT = len(records)
""",
}
ANCHORED = {"compare, in memory", "export, parsed"}


def _rows(chunk: range) -> list[dict]:
    """The corpus rows of generated letters (run in a worker)."""
    from edaran.corpus.store import letter_rows
    from edaran.extract import extract_letter
    from edaran.ingest import read_text

    table = regions()
    out = []
    for n in chunk:
        doc = read_text(f"g{n:06d}.txt", letter(n, table).encode())
        out.append(letter_rows(extract_letter(doc), f"g{n:06d}", doc.text, "benchmark"))
    return out


def corpus(size: int) -> Path:
    """The corpus of ``size`` generated letters, made once (in a child process, so that this one stays small:
    a child starts with its parent's memory counted in its peak) and kept under the temp dir."""
    path = Path(tempfile.gettempdir()) / "edaran-bench" / f"corpus-{size}.db"
    if not path.exists():
        subprocess.run([sys.executable, __file__, "--make", str(size)], check=True)
    return path


def make(size: int, path: Path) -> None:
    """Extract ``size`` generated letters on every core and store them at ``path`` (written aside, then renamed);
    beyond :data:`DISTINCT` letters, the corpus of that many stored again under other ids and numbers."""
    from edaran.corpus.store import open_corpus, save_rows

    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    for old in part.parent.glob(part.name + "*"):
        old.unlink()
    t = time.perf_counter()
    if size > DISTINCT:
        shutil.copyfile(corpus(DISTINCT), part)
        db = open_corpus(part)
        for copy in range(1, -(-size // DISTINCT)):
            _copy(db, copy, min(DISTINCT, size - copy * DISTINCT))
        _finish(db, part, path, size, t)
        return
    db = open_corpus(part)
    with ProcessPoolExecutor() as pool:
        for rows in pool.map(_rows, [range(i, min(i + CHUNK, size)) for i in range(0, size, CHUNK)]):
            db.conn.execute("BEGIN IMMEDIATE")
            for r in rows:
                lid = r["letters"][0]["id"]
                save_rows(db, r, file_row={"path": f"{lid}.txt", "sha256": lid, "status": "ok"})
            db.conn.commit()
    _finish(db, part, path, size, t)


def _copy(db, copy: int, count: int) -> None:
    """Store the first ``count`` extracted letters again, with their rows, as copy number ``copy``."""
    prefix, suffix = f"c{copy}-", f"-{copy}"
    db.conn.execute("BEGIN IMMEDIATE")
    ids = f"SELECT id FROM letters WHERE id LIKE 'g%' ORDER BY id LIMIT {count}"
    columns = [c.name for c in db.table("letters").columns]
    values = [_COPIED.get(c, f"[{c}]") for c in columns]
    params = [prefix if _COPIED.get(c, "").startswith("?") else suffix for c in columns if c in _COPIED]
    db.conn.execute(
        f"INSERT INTO letters ({', '.join(f'[{c}]' for c in columns)}) SELECT {', '.join(values)} "
        f"FROM letters WHERE id IN ({ids})",
        params,
    )
    for table in ("items", "citations", "addressees", "tembusan"):
        columns = [c.name for c in db.table(table).columns if c.name != "id"]
        values = ["? || letter_id" if c == "letter_id" else f"[{c}]" for c in columns]
        db.conn.execute(
            f"INSERT INTO {table} ({', '.join(f'[{c}]' for c in columns)}) SELECT {', '.join(values)} "
            f"FROM {table} WHERE letter_id IN ({ids})",
            [prefix],
        )
    db.conn.commit()


def _finish(db, part: Path, path: Path, size: int, started: float) -> None:
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    part.rename(path)
    print(f"made a corpus of {size} letters in {time.perf_counter() - started:.0f} s: {path}", file=sys.stderr)


def measure(name: str, db: Path, out: Path) -> tuple[float, float, int]:
    """(CPU seconds, peak RSS in MB, result) of one measure run in a child process."""
    code = f"DB = {str(db)!r}\nOUT = {str(out)!r}\n{MEASURES[name]}\nprint(RESULT)\n"
    child = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    stdout = child.stdout.read() if child.stdout else ""
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{name} failed (exit {child.returncode})")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, int(stdout.split()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    ap.add_argument("--anchor-up-to", type=int, default=10000)
    ap.add_argument("--make", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.make:
        make(args.make, Path(tempfile.gettempdir()) / "edaran-bench" / f"corpus-{args.make}.db")
        return
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "export.jsonl"
        for size in args.sizes:
            db = corpus(size)
            measured = {}
            for name in MEASURES:
                if name in ANCHORED and size > args.anchor_up_to:
                    continue
                measured[name] = measure(name, db, out)
                out.unlink(missing_ok=True)
            start_up = measured["start-up"][0]
            for name, (cpu, rss, result) in measured.items():
                anchor = None
                if name != "start-up":
                    anchor = measured.get("export, parsed" if name.startswith("export") else "compare, in memory")
                rows.append((size, name, cpu, (cpu - start_up) / size * 1000, rss, anchor, result))
    print(
        f"{'letters':>8}  {'measure':<20} {'CPU s':>7} {'ms/letter':>9} {'peak MB':>8} {'CPU x anchor':>12} "
        f"{'MB x anchor':>11} {'result':>8}"
    )
    for size, name, cpu, per, rss, anchor, result in rows:
        ratio = f"{cpu / anchor[0]:.2f}" if anchor else "-"
        mem = f"{rss / anchor[1]:.2f}" if anchor else "-"
        each = f"{per:.2f}" if name != "start-up" else "-"
        print(f"{size:>8}  {name:<20} {cpu:>7.1f} {each:>9} {rss:>8.0f} {ratio:>12} {mem:>11} {result:>8}")
    print(
        "ms/letter: CPU beyond the start-up (imports, opening the corpus); result: findings, lines exported, "
        "or the report's MB\n"
        f"targets: compare peak <= {COMPARE_TARGET} MB at every size, ms/letter flat; "
        f"export jsonl peak <= {EXPORT_TARGET} MB"
    )


if __name__ == "__main__":
    main()
