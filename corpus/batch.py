"""Batch ingest: every file gets a row (ok, failed with a reason, needs OCR), letters are
extracted in worker processes (on this machine, or on a Dask cluster) and written by the parent,
one transaction per letter, as each comes back.

An interrupted run leaves only whole letters; running again skips the files whose
bytes (sha256) are already stored by the current extractor version.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import sqlite_utils

from .. import EXTRACTOR_VERSION
from ..errors import EdaranError, NeedsOCR, NotALetter, Unsupported
from ..ingest.limits import DEFAULT, Limits
from ..workers import Lost, run
from .identity import identify
from .store import letter_rows, now, record_file, save_rows

#: Statuses of files that gave no letter: the run says so in its exit code.
UNREAD = ("failed", "needs_ocr", "unsupported", "not_a_letter")


@dataclass
class Outcome:
    """What happened to one file."""

    path: str
    status: str  # ok | failed | needs_ocr | unsupported | not_a_letter | skipped
    reason: str | None = None
    letter_id: str | None = None
    review: list[str] | None = None  # why the stored letter needs a person's check; empty when it does not


@dataclass
class Summary:
    run_id: int
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> bool:
        return any(o.status in UNREAD for o in self.outcomes)


def _extract(
    task: tuple[str, str, bytes | None], limits: Limits = DEFAULT
) -> tuple[str, str | None, list[dict[str, list[dict]]] | None]:
    """(status, reason, each letter's table rows) for the file at ``path`` whose bytes hash to ``digest``
    (the bytes are ``data`` when the writer sent them, else read from ``path``).

    The rows are built where the letter was extracted: plain dicts cross from a worker to the
    writer cheaply, and the writer only runs SQL (no record to validate and serialise again)."""
    from ..bundle import letters_in
    from ..ingest import read_document
    from ..verdict import ensure_letter

    path, digest, data = task
    try:
        doc = read_document(path, limits=limits, data=data)
        # The first letter of a file has the file's id; a bundle's others add their first page.
        return (
            "ok",
            None,
            [
                letter_rows(
                    ensure_letter(letter),
                    digest if n == 0 else f"{digest}-p{letter.source.first_page}",
                    part.text,
                    EXTRACTOR_VERSION,
                )
                for n, (letter, part) in enumerate(letters_in(doc))
            ],
        )
    except NeedsOCR as err:
        return "needs_ocr", err.reason, None
    except Unsupported as err:
        return "unsupported", err.reason, None
    except NotALetter as err:
        return "not_a_letter", err.reason, None
    except MemoryError:
        return "failed", f"out of memory: over the limit of {(limits.memory or 0) / 1e6:g} MB", None
    except EdaranError as err:
        return "failed", getattr(err, "reason", str(err)), None
    except Exception as err:  # a bug on one file must not stop the batch
        return "failed", f"unexpected {type(err).__name__}: {err}", None


def _cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def warm(ocr_threads: int | None = None) -> None:
    """Load spaCy and the patterns once per worker, before the first letter; with ``ocr_threads``, let the
    worker's OCR run that many tesseract processes at once (unless the user set EDARAN_OCR_WORKERS), so
    that workers times tesseracts stays within the cores."""
    from ..extract.nlp import tokenizer

    if ocr_threads is not None:
        os.environ.setdefault("EDARAN_OCR_WORKERS", str(ocr_threads))
    tokenizer()


def _with_bytes(task: tuple[str, str, bytes | None]) -> tuple[str, str, bytes | None]:
    """The task with the file's bytes, for workers that cannot open the writer's paths; a file that
    cannot be read any more goes as it is and fails on the worker with the reason."""
    path, digest, _ = task
    try:
        with open(path, "rb") as handle:
            return path, digest, handle.read()
    except OSError:
        return task


def _fingerprint(path: str) -> tuple[str, int]:
    """The sha256 and size of a file, read in blocks (a huge file is not held in memory)."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest(), os.fstat(handle.fileno()).st_size


def ingest(
    db: sqlite_utils.Database,
    paths: Iterable[str | EdaranError],
    *,
    workers: int | None = None,
    reprocess: bool = False,
    command: str = "",
    progress: Callable[[Outcome, int, int], None] | None = None,
    reading: Callable[[str], None] | None = None,
    limits: Limits = DEFAULT,
    cluster: str | None = None,
    ship_files: bool = False,
    retries: int = 2,
) -> Summary:
    """Ingest letter files into the corpus ``db``; ``progress(outcome, done, total)`` after each file, and
    ``reading(path)`` when a worker on this machine starts reading one.

    Files are read in worker processes (:mod:`edaran.workers`), each within ``limits``: a file over
    its time, or whose worker dies, is recorded failed with the reason and the batch goes on.  With
    ``cluster`` (a Dask scheduler's address, or ``local:N``) they are read on a Dask cluster
    (:mod:`edaran.cluster`) from the paths given, or from their bytes sent with them when
    ``ship_files``; a task whose Dask worker is lost is tried again at most ``retries`` times."""
    run_id = int(
        db.table("runs").insert({"started": now(), "extractor_version": EXTRACTOR_VERSION, "command": command}).last_pk
        or 0
    )
    summary = Summary(run_id)
    todo: list[tuple[str, str, int]] = []
    items = list(paths)
    total = len(items)

    def done(outcome: Outcome) -> None:
        summary.outcomes.append(outcome)
        if progress:
            progress(outcome, len(summary.outcomes), total)

    for item in items:
        if isinstance(item, EdaranError):
            path, reason = getattr(item, "path", str(item)), getattr(item, "reason", str(item))
            record_file(db, {"path": path, "status": "failed", "reason": reason, "run_id": run_id})
            done(Outcome(path, "failed", reason))
            continue
        try:
            digest, size = _fingerprint(item)
        except OSError as err:
            record_file(
                db, {"path": item, "status": "failed", "reason": f"cannot read: {err.strerror}", "run_id": run_id}
            )
            done(Outcome(item, "failed", f"cannot read: {err.strerror}"))
            continue
        # Stored as its own letter, or as another file of a letter stored from other bytes.
        stored = db.execute(
            "SELECT extractor_version, id FROM letters WHERE id = ? UNION ALL "
            "SELECT l.extractor_version, l.id FROM files f JOIN letters l ON l.id = f.letter_id "
            "WHERE f.sha256 = ? LIMIT 1",
            [digest, digest],
        ).fetchone()
        if stored and (stored[0] == EXTRACTOR_VERSION or not reprocess):
            record_file(
                db,
                {
                    "path": item,
                    "sha256": digest,
                    "size": size,
                    "status": "ok",
                    "reason": None,
                    "letter_id": stored[1],
                    "run_id": run_id,
                },
            )
            done(Outcome(item, "skipped", None, stored[1]))
            continue
        todo.append((item, digest, size))

    def write(path: str, digest: str, size: int, result) -> None:
        status, reason, rows = result
        row = {"path": path, "sha256": digest, "size": size, "status": status, "reason": reason, "run_id": run_id}
        if status != "ok":
            record_file(db, row)
            done(Outcome(path, status, reason, None, None))
            return
        ids, notes = [], []
        if len(rows) > 1:
            sources = [json.loads(r["letters"][0]["record"])["source"] for r in rows]
            notes.append(
                f"{len(rows)} letters in one file (pages "
                + ", ".join(f"{s['first_page']}-{s['last_page']}" for s in sources)
                + ")"
            )
        for letter in rows:
            known = identify(db, letter["letters"][0])
            if known.same:  # one letter, another file of it: the file row points at the letter stored
                ids.append(known.same)
                notes.append(f"the same letter as {known.same_path}")
                continue
            if known.shares_number_with:
                notes.append(f"warning: its number is also on {known.shares_number_with}, a different letter")
            ids.append(letter["letters"][0]["id"])
            save_rows(db, letter, file_row=row)
        row.update(letter_id=ids[0], reason="; ".join(notes) or None)
        record_file(db, row)
        done(Outcome(path, status, row["reason"], ids[0], json.loads(rows[0]["letters"][0]["review_reasons"])))

    # Written as each comes back, so one slow file holds back no other file's row.
    extract = functools.partial(_extract, limits=limits)
    tasks = [(path, digest, None) for path, digest, _ in todo]
    if cluster:
        from ..cluster import run_on_cluster

        # One tesseract per task: a cluster's cores are its workers' threads.
        results = run_on_cluster(
            extract,
            tasks,
            address=cluster,
            retries=retries,
            seconds=limits.seconds,
            memory=limits.memory,
            initializer=functools.partial(warm, 1),
            prepare=_with_bytes if ship_files else None,
        )
    else:
        workers = workers or _cores()
        results = run(
            extract,
            tasks,
            workers=workers,
            seconds=limits.seconds,
            memory=limits.memory,
            initializer=functools.partial(warm, max(1, _cores() // workers)),
            started=(lambda i: reading(todo[i][0])) if reading else None,
        )
    for index, result in results:
        if isinstance(result, Lost):
            result = ("failed", result.reason, None)
        write(*todo[index], result)
    with db.conn:
        db.table("runs").update(
            run_id,
            {
                "finished": now(),
                "files": total,
                "ok": summary.count("ok"),
                "failed": sum(summary.count(s) for s in UNREAD if s != "needs_ocr"),
                "needs_ocr": summary.count("needs_ocr"),
                "skipped": summary.count("skipped"),
            },
        )
    return summary
