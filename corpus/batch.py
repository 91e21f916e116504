"""Batch ingest: every file gets a row (ok, failed with a reason, needs OCR), letters are
extracted in worker processes and written by the parent, one transaction per letter.

An interrupted run leaves only whole letters; running again skips the files whose
bytes (sha256) are already stored by the current extractor version.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from .. import EXTRACTOR_VERSION
from ..errors import EdaranError, NeedsOCR
from .store import now, record_file, save_letter


@dataclass
class Outcome:
    """What happened to one file."""

    path: str
    status: str            # ok | failed | needs_ocr | skipped
    reason: str | None = None
    letter_id: str | None = None


@dataclass
class Summary:
    run_id: int
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> bool:
        return any(o.status in ("failed", "needs_ocr") for o in self.outcomes)


def _extract(path: str, as_json: bool = True) -> tuple[str, str | None, object, str | None]:
    """(status, reason, record, document text); the record as JSON when it crosses to another process."""
    from ..extract import extract_letter
    from ..ingest import read_document

    try:
        doc = read_document(path)
        letter = extract_letter(doc)
        return "ok", None, letter.model_dump_json() if as_json else letter, doc.text
    except NeedsOCR as err:
        return "needs_ocr", err.reason, None, None
    except EdaranError as err:
        return "failed", getattr(err, "reason", str(err)), None, None
    except Exception as err:  # a bug on one file must not stop the batch
        return "failed", f"unexpected {type(err).__name__}: {err}", None, None


def _warm() -> None:
    """Load spaCy and the patterns once per worker, before the first letter."""
    from ..extract.nlp import tokenizer

    tokenizer()


def ingest(db: sqlite_utils.Database, paths: Iterable[str | EdaranError], *, workers: int | None = None,
           reprocess: bool = False, command: str = "", progress: Callable[[Outcome, int, int], None] | None = None,
           ) -> Summary:
    """Ingest letter files into the corpus ``db``; ``progress(outcome, done, total)`` after each file."""
    from ..schema.letter import Letter

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
        status, reason, record, text = result
        row = {"path": path, "sha256": digest, "size": size, "status": status, "reason": reason, "run_id": run_id}
        if status == "ok":
            letter = record if isinstance(record, Letter) else Letter.model_validate_json(record)
            save_letter(db, letter, letter_id=digest, text=text or "",
                        extractor_version=EXTRACTOR_VERSION, file_row=row)
        else:
            record_file(db, row)
        done(Outcome(path, status, reason, digest if status == "ok" else None))

    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(todo) <= 1:
        for path, digest, size in todo:
            write(path, digest, size, _extract(path, as_json=False))
    else:
        with ProcessPoolExecutor(max_workers=min(workers, len(todo)), initializer=_warm) as pool:
            results = pool.map(_extract, [t[0] for t in todo], chunksize=1)
            for (path, digest, size), result in zip(todo, results, strict=True):
                write(path, digest, size, result)
    with db.conn:
        db["runs"].update(run_id, {"finished": now(), "files": total, "ok": summary.count("ok"),
                                   "failed": summary.count("failed"), "needs_ocr": summary.count("needs_ocr"),
                                   "skipped": summary.count("skipped")})
    return summary
