"""Ingest on a Dask cluster: the same corpus as on one machine, and nothing lost when a process dies."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import dask
import pytest
from distributed import Client, LocalCluster

from benchmarks.cluster import scanned_letter
from benchmarks.generate import write
from edaran.cluster import CONFIG, run_on_cluster
from edaran.corpus.batch import ingest
from edaran.corpus.store import open_corpus
from edaran.workers import Lost, Resident

ROOT = Path(__file__).resolve().parent.parent
#: Columns that say when or in which run a row was written, not what it holds.
WHEN = {"run_id", "updated", "applied"}

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="the scans need tesseract")


@pytest.fixture(scope="module")
def letters(tmp_path_factory) -> Path:
    """Real sample letters, generated ones, a generated scan, and an empty file."""
    folder = tmp_path_factory.mktemp("letters")
    for name in ("000_edc49453c313701a.txt", "003_8598e27f954b751e.txt", "002_c412d0169f79d04d.pdf"):
        shutil.copy(ROOT / "samples" / name, folder / name)
    write(folder, 3)
    scanned_letter(3, folder / "scan_3.pdf")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def _tables(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without the columns that say when they were written."""
    with sqlite3.connect(db) as conn:
        names = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        ]
        out = {}
        for name in names:
            if name == "runs" or "_fts" in name:  # full-text indexes' own tables hold rowids in write order
                continue
            columns = [
                r[1]
                for r in conn.execute(f"PRAGMA table_info([{name}])")
                if r[1] not in WHEN and not (r[5] and r[2] == "INTEGER")  # a row number given in write order
            ]
            out[name] = sorted(
                map(repr, conn.execute(f"SELECT {', '.join(f'[{c}]' for c in columns)} FROM [{name}]").fetchall())
            )
        return out


def _edaran(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "edaran", *args], capture_output=True, text=True, cwd=ROOT, timeout=600, env=env
    )


def test_cluster_ingest_stopped_and_run_again_gives_the_corpus_of_a_local_ingest(letters, tmp_path):
    env = {**os.environ, "EDARAN_CACHE_DIR": str(tmp_path / "cache"), "EDARAN_OCR_WORKERS": "1"}
    local = _edaran("ingest", str(letters), "--db", str(tmp_path / "local.db"), "--workers", "2", env=env)
    assert local.returncode == 1  # the empty file
    letters_in_it = len(list(letters.iterdir())) - 1
    assert f"{letters_in_it} extracted" in local.stderr and "1 failed" in local.stderr

    # The client and its local cluster killed once its first letter is written.
    db = tmp_path / "cluster.db"
    command = [sys.executable, "-m", "edaran", "ingest", str(letters), "--db", str(db), "--cluster", "local:2"]
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            if "] ok " in line:
                break
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    with sqlite3.connect(db) as conn:
        written = conn.execute("SELECT count(*) FROM files WHERE status = 'ok'").fetchone()[0]
    assert 1 <= written < letters_in_it

    again = _edaran("ingest", str(letters), "--db", str(db), "--cluster", "local:2", env=env)
    assert again.returncode == 1, again.stderr
    assert f"{letters_in_it - written} extracted, {written} already in the corpus, 1 failed" in again.stderr
    assert _tables(db) == _tables(tmp_path / "local.db")


@pytest.fixture
def cluster():
    """Two one-thread Dask workers on this machine, and a client to watch and stop them."""
    with (
        dask.config.set(CONFIG | {"distributed.scheduler.allowed-failures": 1}),
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None, memory_limit=None) as local,
        Client(local) as client,
    ):
        yield local, client


def test_a_worker_killed_while_reading_loses_no_file(cluster, letters, tmp_path, monkeypatch):
    """The files its Dask worker was reading are read again elsewhere; each is written once."""
    monkeypatch.setenv("EDARAN_CACHE_DIR", str(tmp_path / "cache"))
    local, client = cluster
    scans = [scanned_letter(n, tmp_path / f"scan_{n}.pdf") for n in range(5, 9)]
    killed = []

    def kill_a_busy_worker(outcome, done, total):
        if killed:
            return
        pids = client.run(os.getpid)
        busy = [address for address, keys in client.processing().items() if keys]
        os.kill(pids[busy[0]], signal.SIGKILL)
        killed.append(busy[0])

    db = open_corpus(tmp_path / "corpus.db")
    summary = ingest(
        db,
        [str(p) for p in scans],
        cluster=local.scheduler_address,
        ship_files=True,
        retries=1,
        progress=kill_a_busy_worker,
    )
    assert killed
    assert [o.status for o in summary.outcomes] == ["ok"] * len(scans)
    assert db.execute("SELECT count(*), count(DISTINCT path) FROM files").fetchone() == (len(scans), len(scans))
    assert db.execute("SELECT count(*) FROM letters").fetchone()[0] == len(scans)


def test_a_task_that_keeps_killing_its_worker_fails_with_the_reason_and_the_others_go_on():
    def work(task):
        if task == "deadly":  # its process kills the Dask worker that started it
            os.kill(os.getppid(), signal.SIGKILL)
            time.sleep(10)
        return task * 2

    lost = Lost("the cluster lost the worker reading it each time it was tried")
    results = dict(run_on_cluster(work, ["a", "b", "c", "deadly"], address="local:2", retries=1, seconds=60))
    assert sorted(results) == [0, 1, 2, 3] and results[3] == lost
    # A task running, waiting or whose result was held on a worker when it dies is counted against too (the
    # scheduler's rule), so on a loaded machine some of the others may share the deadly one's fate: each
    # still ends, with its result or with the reason it has none, and the run goes on to an end.
    others = [results[i] for i in range(3)]
    assert all(r == task * 2 or (isinstance(r, Lost) and r.reason) for r, task in zip(others, "abc", strict=True)), (
        others
    )


def test_a_resident_worker_reads_file_after_file_and_is_replaced_when_lost():
    """One process serves task after task (what it loaded stays loaded); one over its time is stopped."""
    resident = Resident(lambda pause: time.sleep(pause) or os.getpid())
    try:
        first = resident(0)
        assert resident(0, seconds=30) == first != os.getpid()
        assert resident(30, seconds=0.5) == Lost("timeout: over 0.5 s")
        assert resident(0) not in (first, os.getpid())
    finally:
        resident.close()
