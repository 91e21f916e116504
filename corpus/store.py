"""The corpus: letters as rows in SQLite (through sqlite-utils), one transaction per letter."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from ..errors import CorpusError
from ..schema.letter import Item, Letter
from .corrections import Conflict, Correction, apply_corrections, corrections
from .facets import letter_facets, parse_election, region_facets
from .migrations import migrate
from .readonly import BUSY_TIMEOUT_MS, open_readonly
from .stems import stems


def open_corpus(path: str | Path, *, readonly: bool = False) -> sqlite_utils.Database:
    """Open (and when writable, create and migrate) the corpus database at ``path``.

    Read-only, it is the connection of :func:`.readonly.open_readonly` (``mode=ro`` and an
    authorizer: SQLite refuses every write), refused when an older edaran made it.
    """
    if readonly:
        return sqlite_utils.Database(open_readonly(path), recursive_triggers=False)  # nothing to trigger here
    path = Path(path)
    if path.is_dir():
        raise CorpusError(f"{path} is a folder; give the corpus database file")
    try:
        return _open_writable(path)
    except sqlite3.Error as err:
        raise CorpusError(f"{path} is not a usable corpus database: {err}") from None


def _open_writable(path: Path) -> sqlite_utils.Database:
    if not path.parent.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise CorpusError(f"cannot make the folder {path.parent}: {err.strerror}") from None
    db = sqlite_utils.Database(sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False))
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA journal_mode = WAL")
    # In WAL mode a commit stays atomic without a sync per transaction; only a power cut
    # (not a killed process) can lose the last letters, which a re-run then extracts again.
    db.execute("PRAGMA synchronous = NORMAL")
    # Freed space (replaced letters, merged full-text segments) need not be zeroed, which some
    # SQLite builds (Debian's) do by default: the corpus holds public letters.
    db.execute("PRAGMA secure_delete = OFF")
    migrate(db)
    return db


def number_key(number: str | None) -> str | None:
    """A letter number compared loosely: case, spaces and "Nomor" ignored ("800- 5474" = "800-5474")."""
    if not number:
        return None
    key = re.sub(r"^(?:nomor|no\.?)\s*:?\s*", "", number.strip().lower())
    return re.sub(r"\s+", "", key) or None


def instrument_key(kind: str, number: str | None, year: int | None) -> str:
    """One key per cited instrument: kind, first number (loosely), year."""
    return f"{kind}:{number_key(number) or '-'}:{year or '-'}"


def _flatten(
    items: list[Item], kind: str, facets: str | None, parent: str | None = None, depth: int = 0
) -> Iterator[dict]:
    for i, item in enumerate(items, 1):
        label = item.label.strip(".)(: ") or str(i)
        path = f"{parent}.{label}" if parent else label
        yield {
            "kind": kind,
            "path": path,
            "parent": parent,
            "depth": depth,
            "label": item.label,
            "text": item.text,
            "start": item.span.start,
            "end": item.span.end,
            "page": item.span.page,
            "facets": facets,
        }
        yield from _flatten(item.children, kind, facets, path, depth + 1)


def letter_rows(letter: Letter, letter_id: str, text: str, extractor_version: str) -> dict[str, list[dict]]:
    """The rows of every table for one letter (the inverse of :func:`load_letter`'s record)."""
    region = letter.issuer.region
    election = letter.election
    region_code = (region.code or "00") if region else None
    facets = letter_facets(
        region_code,
        region.level if region else None,
        letter.date.year if letter.date else None,
        letter.doc_type,
        election.kind if election else None,
        election.year if election else None,
    )
    # Items carry only the region's words: search finds filtered items among the items of the letters
    # found, and uses the region's word to read fewer of them (see corpus/search.py).
    region_only = region_facets(region_code)
    items = list(_flatten(letter.prohibitions, "prohibition", region_only)) + list(
        _flatten(letter.obligations, "obligation", region_only)
    )
    row = {
        "id": letter_id,
        "path": letter.source.path,
        "media_type": letter.source.media_type,
        "pages": letter.source.pages,
        "ocr": int(letter.source.ocr),
        "doc_type": letter.doc_type,
        "number": letter.number,
        "number_key": number_key(letter.number),
        "date": letter.date.isoformat() if letter.date else None,
        "year": letter.date.year if letter.date else None,
        "place": letter.place,
        "subject": letter.subject,
        "office": letter.issuer.office,
        "acting": letter.issuer.acting,
        "issuer_title": letter.issuer.title,
        "region_code": region_code,
        "region_level": region.level if region else None,
        "province": region.province if region else None,
        "signatory_name": letter.signatory.name,
        "signatory_nip": letter.signatory.nip,
        "election_kind": election.kind if election else None,
        "election_year": election.year if election else None,
        "citations": len(letter.citations),
        "prohibitions": sum(1 for i in items if i["kind"] == "prohibition"),
        "obligations": sum(1 for i in items if i["kind"] == "obligation"),
        "warnings": len(letter.warnings),
        "review_needed": int(letter.review.needed),
        "review_reasons": json.dumps(letter.review.reasons, ensure_ascii=False),
        "least_sure": min(letter.confidence.values(), default=None),
        "extractor_version": extractor_version,
        "record": letter.model_dump_json(),
        "text": text,
        "facets": facets,
    }
    citations: list[dict] = []
    instruments: dict[str, dict] = {}
    for c in letter.citations:
        key = instrument_key(c.kind, c.number, c.year)
        instruments.setdefault(
            key,
            {
                "key": key,
                "kind": c.kind,
                "number": c.number,
                "numbers": json.dumps(c.numbers),
                "year": c.year,
                "title": c.title,
                "uri": c.uri,
            },
        )
        citations.append(
            {
                "letter_id": letter_id,
                "instrument_key": key,
                "kind": c.kind,
                "number": c.number,
                "numbers": json.dumps(c.numbers),
                "year": c.year,
                "articles": json.dumps(c.articles),
                "title": c.title,
                "issuer": c.issuer,
                "relation": c.relation,
                "uri": c.uri,
                "start": c.span.start,
                "end": c.span.end,
                "page": c.span.page,
            }
        )
    return {
        "letters": [row],
        "items": [{"letter_id": letter_id, **i} for i in items],
        "citations": citations,
        "instruments": list(instruments.values()),
        "addressees": [{"letter_id": letter_id, "position": i, "text": t} for i, t in enumerate(letter.addressees)],
        "tembusan": [{"letter_id": letter_id, "position": i, "text": t} for i, t in enumerate(letter.tembusan)],
    }


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


_SQL: dict[tuple, str] = {}


def _insert(db: sqlite_utils.Database, table: str, rows: list[dict], verb: str = "INSERT") -> None:
    """Plain executemany: the ingest's hot path, where per-call table introspection would double its time."""
    if not rows:
        return
    columns = tuple(rows[0])
    sql = _SQL.get((verb, table, columns))
    if sql is None:
        sql = _SQL[verb, table, columns] = (
            f"{verb} INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) VALUES ({', '.join('?' for _ in columns)})"
        )
    if len(rows) == 1:
        db.conn.execute(sql, [rows[0].get(c) for c in columns])
    else:
        db.conn.executemany(sql, [[row.get(c) for c in columns] for row in rows])


#: A letter's rows in these tables go before it is written again (re-extracted, or stored meanwhile by another run).
_CHILD_TABLES = ("items", "citations", "addressees", "tembusan", "matches", "findings")


def save_rows(db: sqlite_utils.Database, rows: dict[str, list[dict]], *, file_row: dict) -> None:
    """Write one letter's rows (from :func:`letter_rows`) and its file's row in a single transaction:
    all or nothing.  The write lock is taken at the start (a second writer waits its turn).  A person's
    corrections to the letter are applied again to what was extracted (:func:`.corrections.effective_rows`)."""
    conn = db.conn
    letter_id = rows["letters"][0]["id"]
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN IMMEDIATE")
    try:
        write_letter_rows(db, effective_rows(db, rows))
        _insert(db, "files", [{**file_row, "letter_id": letter_id, "updated": now()}], "INSERT OR REPLACE")
        if own:
            conn.commit()
    except BaseException:
        if own:
            conn.rollback()
        raise


def save_letter(
    db: sqlite_utils.Database, letter: Letter, *, letter_id: str, text: str, extractor_version: str, file_row: dict
) -> None:
    """Write one letter, its rows and its file's row in a single transaction: all or nothing."""
    save_rows(db, letter_rows(letter, letter_id, text, extractor_version), file_row=file_row)


def write_letter_rows(db: sqlite_utils.Database, rows: dict[str, list[dict]]) -> None:
    """Replace one letter's rows, inside the caller's transaction; the stems search reads are made here,
    from the texts as stored (a person's corrections applied)."""
    letter = rows["letters"][0]
    letter_id = letter["id"]
    rows = {
        **rows,
        "letters": [{**letter, "stems": stems(letter["subject"], letter["text"])}],
        "items": [{**item, "stems": stems(item["text"])} for item in rows["items"]],
    }
    if db.conn.execute("SELECT 1 FROM letters WHERE id = ?", [letter_id]).fetchone():
        for table in _CHILD_TABLES:
            db.conn.execute(f"DELETE FROM [{table}] WHERE letter_id = ?", [letter_id])
    _insert(db, "letters", rows["letters"], "INSERT OR REPLACE")
    _insert(db, "instruments", rows["instruments"], "INSERT OR IGNORE")
    for table in ("items", "citations", "addressees", "tembusan"):
        _insert(db, table, rows[table])


def record_file(db: sqlite_utils.Database, file_row: dict) -> None:
    """Record a file that gave no letter (failed, needs OCR), or one whose letter is already stored."""
    with db.conn:
        _insert(db, "files", [{"letter_id": None, **file_row, "updated": now()}], "INSERT OR REPLACE")


def load_letter(db: sqlite_utils.Database, letter_id: str) -> Letter:
    row = db.execute("SELECT record FROM letters WHERE id = ?", [letter_id]).fetchone()
    if row is None:
        raise CorpusError(f"no letter {letter_id} in the corpus")
    return Letter.model_validate_json(row[0])


def election_filter(election: str | None) -> tuple[str, list]:
    """SQL condition for an election id like "pilkada-2024" ("pemilu_pilkada" letters count for both)."""
    if not election:
        return "1 = 1", []
    kind, year = parse_election(election)
    kinds = ["pemilu", "pilkada", "pemilu_pilkada"] if kind == "pemilu_pilkada" else [kind, "pemilu_pilkada"]
    sql = f"election_kind IN ({', '.join('?' for _ in kinds)})"
    params: list = list(kinds)
    if year:
        sql += " AND election_year = ?"
        params.append(year)
    return sql, params


def region_filter(region: str, column: str = "region_code") -> tuple[str, list]:
    """SQL condition for a region code and every code under it ("33" covers "33.01"), as ranges of the
    indexed column ("33." up to "33/", the character after "."), never a LIKE that reads every row."""
    region = region.strip().rstrip(".")
    return f"({column} = ? OR ({column} > ? AND {column} < ?))", [region, f"{region}.", f"{region}/"]


#: Letters read per query when the corpus is read in pages.
PAGE = 500


def letter_ids(db: sqlite_utils.Database, *, election: str | None = None, region: str | None = None) -> list[str]:
    """The ids of every letter (optionally of one election or region code), by date then id."""
    where, params = election_filter(election)
    if region:
        sql, region_params = region_filter(region)
        where += f" AND {sql}"
        params += region_params
    return [row[0] for row in db.execute(f"SELECT id FROM letters WHERE {where} ORDER BY date, id", params)]


def read_letters(
    db: sqlite_utils.Database, ids: list[str], *, texts: bool = True
) -> Iterator[tuple[str, Letter, str | None]]:
    """(letter id, Letter, the text its spans index, or None without ``texts``) for ``ids`` in their order,
    read :data:`PAGE` at a time: only one page of letters is in memory."""
    column = "text" if texts else "NULL"
    for start in range(0, len(ids), PAGE):
        chunk = ids[start : start + PAGE]
        marks = ", ".join("?" * len(chunk))
        found = {
            lid: (record, text)
            for lid, record, text in db.execute(
                f"SELECT id, record, {column} FROM letters WHERE id IN ({marks})", chunk
            )
        }
        for lid in chunk:
            if lid in found:
                record, text = found.pop(lid)
                yield lid, Letter.model_validate_json(record), text


def iter_letters(
    db: sqlite_utils.Database, *, election: str | None = None, region: str | None = None
) -> Iterator[tuple[str, Letter]]:
    """(letter id, Letter) for every letter, optionally of one election or region code, read in pages."""
    for lid, letter, _ in read_letters(db, letter_ids(db, election=election, region=region), texts=False):
        yield lid, letter


# -- corrections: a person's, kept apart and applied over what was extracted (see .corrections) --------------


def add_correction(db: sqlite_utils.Database, letter_id: str, correction: Correction, *, seen: int) -> int:
    """Record ``correction`` and store the letter's new effective record; returns the letter's new version.

    ``seen`` is the version the person's page showed: when others saved since, nothing is written and
    :class:`Conflict` says who (two reviewers of one letter never silently overwrite each other)."""
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        row = conn.execute(
            "SELECT extracted, text, extractor_version, record FROM letters WHERE id = ?", [letter_id]
        ).fetchone()
        if row is None:
            raise CorpusError(f"no letter {letter_id} in the corpus")
        since = [c for c in corrections(db, letter_id) if c.id is not None and c.id > seen]
        if since:
            raise Conflict(since)
        extracted, text, extractor_version, record = row
        apply_corrections(Letter.model_validate_json(record), [correction])  # refuse one that does not fit
        cursor = conn.execute(
            "INSERT INTO corrections (letter_id, field, before, after, who, at, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                letter_id,
                correction.field,
                json.dumps(correction.before, ensure_ascii=False),
                json.dumps(correction.after, ensure_ascii=False),
                correction.who,
                now(),
                correction.note,
            ],
        )
        rows = letter_rows(Letter.model_validate_json(extracted), letter_id, text, extractor_version)
        write_letter_rows(db, effective_rows(db, rows))
        conn.commit()
        return cursor.lastrowid or 0
    except BaseException:
        conn.rollback()
        raise


def effective_rows(db: sqlite_utils.Database, rows: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The rows of a freshly extracted letter with its stored corrections applied (:func:`.store.save_rows`'s hook).

    ``letters.extracted`` keeps the extractor's record; a correction the extractor now makes itself is marked
    ``redundant`` with the extractor version that made it so, for ``ingest`` to report."""
    letter_row = rows["letters"][0]
    letter_id, extracted = letter_row["id"], letter_row["record"]
    stored = corrections(db, letter_id)
    if not stored:
        return {**rows, "letters": [{**letter_row, "extracted": extracted, "corrected": None}]}
    letter, redundant = apply_corrections(Letter.model_validate_json(extracted), stored)
    new = letter_rows(letter, letter_id, letter_row["text"], letter_row["extractor_version"])
    fields = sorted({c.field for c in stored if c.field != "reviewed"})
    new["letters"][0].update(extracted=extracted, corrected=json.dumps(fields, ensure_ascii=False))
    db.conn.execute("UPDATE corrections SET redundant = NULL WHERE letter_id = ?", [letter_id])
    for c in redundant:
        db.conn.execute("UPDATE corrections SET redundant = ? WHERE id = ?", [letter_row["extractor_version"], c.id])
    return new


_FINDING_COLUMNS = (
    "letter_id, kind, severity, catalog_id, message, evidence, start, [end], page, election, baseline, quoted_from"
)
_MATCH_COLUMNS = "letter_id, item_path, catalog_id, score, status, reason, election"
#: Rows written to the staging tables per statement.
_BATCH = 1000


class ComparisonWriter:
    """Findings and matches of one comparison, written as they are found into staging tables of this
    connection (SQLite's TEMP schema: gone with the connection), then swapped for the election's stored rows
    in one short transaction (:meth:`swap`).  A compare killed before the swap leaves the old comparison
    whole; the corpus's write lock is held only for the swap, not while letters are compared."""

    def __init__(self, db: sqlite_utils.Database, election: str):
        self.conn = db.conn
        self.election = election
        self._findings: list[tuple] = []
        self._matches: list[tuple] = []
        for table, like in (("staged_findings", "findings"), ("staged_matches", "matches")):
            self.conn.execute(f"DROP TABLE IF EXISTS temp.{table}")
            self.conn.execute(f"CREATE TEMP TABLE {table} AS SELECT * FROM main.{like} WHERE 0")
        self.conn.commit()

    def finding(self, row: tuple) -> None:
        self._findings.append(row)
        if len(self._findings) >= _BATCH:
            self._flush()

    def match(self, row: tuple) -> None:
        self._matches.append(row)
        if len(self._matches) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        marks = ", ".join("?" * 12)
        self.conn.executemany(f"INSERT INTO temp.staged_findings ({_FINDING_COLUMNS}) VALUES ({marks})", self._findings)
        self.conn.executemany(
            f"INSERT INTO temp.staged_matches ({_MATCH_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)", self._matches
        )
        self.conn.commit()
        self._findings, self._matches = [], []

    def swap(self) -> None:
        """Replace the election's stored findings and matches with the staged ones: all or nothing."""
        self._flush()
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("DELETE FROM findings WHERE election = ?", [self.election])
            conn.execute("DELETE FROM matches WHERE election = ?", [self.election])
            conn.execute(
                f"INSERT INTO findings ({_FINDING_COLUMNS}) SELECT {_FINDING_COLUMNS} FROM temp.staged_findings "
                "ORDER BY rowid"
            )
            conn.execute(
                f"INSERT INTO matches ({_MATCH_COLUMNS}) SELECT {_MATCH_COLUMNS} FROM temp.staged_matches ORDER BY rowid"
            )
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
        finally:
            self.close()

    def close(self) -> None:
        """Drop the staging tables (a failed run's rows with them)."""
        if self.conn.in_transaction:
            self.conn.rollback()
        self.conn.execute("DROP TABLE IF EXISTS temp.staged_findings")
        self.conn.execute("DROP TABLE IF EXISTS temp.staged_matches")


def save_comparison(db: sqlite_utils.Database, election: str, findings: list[tuple], matches: list[tuple]) -> None:
    """Replace the corpus's findings and matches of one election (or of the whole corpus, "all") with these;
    other elections' rows stay.  The rows are those of :func:`edaran.comparison.compare.finding_row` and
    :func:`~edaran.comparison.compare.match_row`.

    sqlite-utils' ``insert_all`` commits on its own, so a compare killed mid-write once left the old
    rows deleted and only part of the new ones; the rows are staged, then swapped in one transaction
    (:class:`ComparisonWriter`), which leaves either the old comparison or the new one."""
    writer = ComparisonWriter(db, election)
    try:
        for row in findings:
            writer.finding(row)
        for row in matches:
            writer.match(row)
    except BaseException:
        writer.close()
        raise
    writer.swap()
