"""Batch ingest: every file gets a row (ok, failed with a reason, needs OCR), letters are
extracted in worker processes and written by the parent, one transaction per letter.

An interrupted run leaves only whole letters; running again skips the files whose
bytes (sha256) are already stored by the current extractor version.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from .. import EXTRACTOR_VERSION
from ..errors import EdaranError, NeedsOCR
from .store import letter_rows, now, record_file, save_rows


@dataclass
class Outcome:
    """What happened to one file."""

    path: str
    status: str            # ok | failed | needs_ocr | skipped
    reason: str | None = None
    letter_id: str | None = None
    review: list[str] | None = None   # why the stored letter needs a person's check; empty when it does not


@dataclass
class Summary:
    run_id: int
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> bool:
        return any(o.status in ("failed", "needs_ocr") for o in self.outcomes)


def _extract(task: tuple[str, str]) -> tuple[str, str | None, dict[str, list[dict]] | None]:
    """(status, reason, the letter's table rows) for the file at ``path`` whose bytes hash to ``digest``.

    The rows are built where the letter was extracted: plain dicts cross from a worker to the
    writer cheaply, and the writer only runs SQL (no record to validate and serialise again)."""
    from ..extract import extract_letter
    from ..ingest import read_document

    path, digest = task
    try:
        doc = read_document(path)
        letter = extract_letter(doc)
        return "ok", None, letter_rows(letter, digest, doc.text, EXTRACTOR_VERSION)
    except NeedsOCR as err:
        return "needs_ocr", err.reason, None
    except EdaranError as err:
        return "failed", getattr(err, "reason", str(err)), None
    except Exception as err:  # a bug on one file must not stop the batch
        return "failed", f"unexpected {type(err).__name__}: {err}", None


def _extract_chunk(tasks: list[tuple[str, str]]) -> list[tuple[str, str | None, dict[str, list[dict]] | None]]:
    return [_extract(task) for task in tasks]


#: A worker task holds up to this many files or bytes: several short text letters per round trip,
#: a PDF (or a large file) alone, so that a slow OCR does not hold back letters queued behind it.
CHUNK_FILES = 8
CHUNK_BYTES = 64_000


def _chunks(todo: list[tuple[str, str, int]]) -> Iterator[list[tuple[str, str, int]]]:
    chunk: list[tuple[str, str, int]] = []
    size = 0
    for task in todo:
        if chunk and (len(chunk) >= CHUNK_FILES or size + task[2] > CHUNK_BYTES):
            yield chunk
            chunk, size = [], 0
        chunk.append(task)
        size += task[2]
    if chunk:
        yield chunk


def _cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _warm() -> None:
    """Load spaCy and the patterns once per worker, before the first letter."""
    from ..extract.nlp import tokenizer

    tokenizer()


def ingest(db: sqlite_utils.Database, paths: Iterable[str | EdaranError], *, workers: int | None = None,
           reprocess: bool = False, command: str = "", progress: Callable[[Outcome, int, int], None] | None = None,
           ) -> Summary:
    """Ingest letter files into the corpus ``db``; ``progress(outcome, done, total)`` after each file."""
    run_id = db["runs"].insert({"started": now(), "extractor_version": EXTRACTOR_VERSION, "command": command}).last_pk
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
            done(Outcome(getattr(item, "path", str(item)), "failed", getattr(item, "reason", str(item))))
            continue
        try:
            data = Path(item).read_bytes()
        except OSError as err:
            record_file(db, {"path": item, "status": "failed", "reason": f"cannot read: {err.strerror}",
                             "run_id": run_id})
            done(Outcome(item, "failed", f"cannot read: {err.strerror}"))
            continue
        digest = hashlib.sha256(data).hexdigest()
        stored = db.execute("SELECT extractor_version FROM letters WHERE id = ?", [digest]).fetchone()
        if stored and (stored[0] == EXTRACTOR_VERSION or not reprocess):
            record_file(db, {"path": item, "sha256": digest, "size": len(data), "status": "ok", "reason": None,
                             "letter_id": digest, "run_id": run_id})
            done(Outcome(item, "skipped", None, digest))
            continue
        todo.append((item, digest, len(data)))

    def write(path: str, digest: str, size: int, result) -> None:
        status, reason, rows = result
        row = {"path": path, "sha256": digest, "size": size, "status": status, "reason": reason, "run_id": run_id}
        if status == "ok":
            save_rows(db, rows, file_row=row)
        else:
            record_file(db, row)
        review = json.loads(rows["letters"][0]["review_reasons"]) if status == "ok" else None
        done(Outcome(path, status, reason, digest if status == "ok" else None, review))

    workers = workers or _cores()
    if len(todo) <= 1 or (workers == 1 and _cores() == 1):
        # One process does both: no pool to start, nothing to send between processes.
        for path, digest, size in todo:
            write(path, digest, size, _extract((path, digest)))
    else:
        with ProcessPoolExecutor(max_workers=min(workers, len(todo)), initializer=_warm) as pool:
            # Chunks are written in order as they come back; a few per worker are in flight, so the
            # workers never wait for the writer and finished rows never pile up in memory.
            chunks = _chunks(todo)
            pending: deque = deque()

            def submit() -> None:
                chunk = next(chunks, None)
                if chunk is not None:
                    pending.append((chunk, pool.submit(_extract_chunk, [(p, d) for p, d, _ in chunk])))

            for _ in range(workers * 3):
                submit()
            while pending:
                chunk, future = pending.popleft()
                results = future.result()
                submit()
                for (path, digest, size), result in zip(chunk, results, strict=True):
                    write(path, digest, size, result)
    with db.conn:
        db["runs"].update(run_id, {"finished": now(), "files": total, "ok": summary.count("ok"),
                                   "failed": summary.count("failed"), "needs_ocr": summary.count("needs_ocr"),
                                   "skipped": summary.count("skipped")})
    return summary
