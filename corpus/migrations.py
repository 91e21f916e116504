"""The corpus schema, built by an ordered list of migrations.

Each migration runs once per database; the ``_migrations`` table records which
have run, so a newer edaran upgrades an older corpus in place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import sqlite_utils

from ..data.regions import rows as region_rows
from .facets import letter_facets, region_facets
from .revisions import REVISIONS
from .revisions import is_current as revisions_applied
from .stems import stems

#: How every full-text index splits words: letters are matched without their accents ("é" as "e").
TOKENIZE = "unicode61 remove_diacritics 2"


def _tables(db: sqlite_utils.Database) -> None:
    db.table("regions").create({"code": str, "name": str, "level": str, "province": str}, pk="code")
    db.table("runs").create(
        {
            "id": int,
            "started": str,
            "finished": str,
            "extractor_version": str,
            "command": str,
            "files": int,
            "ok": int,
            "failed": int,
            "needs_ocr": int,
            "skipped": int,
        },
        pk="id",
    )
    db.table("letters").create(
        {
            "id": str,
            "path": str,
            "media_type": str,
            "pages": int,
            "ocr": int,
            "doc_type": str,
            "number": str,
            "number_key": str,
            "date": str,
            "year": int,
            "place": str,
            "subject": str,
            "office": str,
            "acting": str,
            "issuer_title": str,
            "region_code": str,
            "region_level": str,
            "province": str,
            "signatory_name": str,
            "signatory_nip": str,
            "election_kind": str,
            "election_year": int,
            "citations": int,
            "prohibitions": int,
            "obligations": int,
            "warnings": int,
            "extractor_version": str,
            "record": str,
            "text": str,
        },
        pk="id",
        foreign_keys=[("region_code", "regions", "code")],
    )
    db.table("files").create(
        {
            "path": str,
            "sha256": str,
            "size": int,
            "status": str,
            "reason": str,
            "letter_id": str,
            "run_id": int,
            "updated": str,
        },
        pk="path",
        foreign_keys=[("letter_id", "letters", "id"), ("run_id", "runs", "id")],
    )
    db.table("instruments").create(
        {"key": str, "kind": str, "number": str, "numbers": str, "year": int, "title": str, "uri": str}, pk="key"
    )
    db.table("citations").create(
        {
            "id": int,
            "letter_id": str,
            "instrument_key": str,
            "kind": str,
            "number": str,
            "numbers": str,
            "year": int,
            "articles": str,
            "title": str,
            "issuer": str,
            "relation": str,
            "uri": str,
            "start": int,
            "end": int,
            "page": int,
        },
        pk="id",
        foreign_keys=[("letter_id", "letters", "id"), ("instrument_key", "instruments", "key")],
    )
    db.table("items").create(
        {
            "id": int,
            "letter_id": str,
            "kind": str,
            "path": str,
            "parent": str,
            "depth": int,
            "label": str,
            "text": str,
            "start": int,
            "end": int,
            "page": int,
        },
        pk="id",
        foreign_keys=[("letter_id", "letters", "id")],
    )
    for name in ("addressees", "tembusan"):
        db.table(name).create(
            {"id": int, "letter_id": str, "position": int, "text": str},
            pk="id",
            foreign_keys=[("letter_id", "letters", "id")],
        )


def _indexes(db: sqlite_utils.Database) -> None:
    for table, columns in [
        ("letters", ["region_code"]),
        ("letters", ["date"]),
        ("letters", ["number_key"]),
        ("letters", ["election_kind", "election_year"]),
        ("letters", ["region_level"]),
        ("files", ["sha256"]),
        ("citations", ["letter_id"]),
        ("citations", ["instrument_key"]),
        ("items", ["letter_id"]),
        ("addressees", ["letter_id"]),
        ("tembusan", ["letter_id"]),
    ]:
        db.table(table).create_index(columns, if_not_exists=True)


def _full_text(db: sqlite_utils.Database) -> None:
    db.table("letters").enable_fts(["subject", "text"], create_triggers=True, tokenize=TOKENIZE)
    db.table("items").enable_fts(["text"], create_triggers=True, tokenize=TOKENIZE)


def _region_facets(db: sqlite_utils.Database) -> None:
    db.conn.create_function("region_facets", 1, region_facets, deterministic=True)
    for table in ("letters", "items"):
        db.table(table).add_column("facets", str)
    db.execute("UPDATE letters SET facets = region_facets(region_code)")
    db.execute("UPDATE items SET facets = (SELECT l.facets FROM letters l WHERE l.id = items.letter_id)")
    db.table("letters").enable_fts(["subject", "text", "facets"], create_triggers=True, tokenize=TOKENIZE, replace=True)
    db.table("items").enable_fts(["text", "facets"], create_triggers=True, tokenize=TOKENIZE, replace=True)


def _filter_facets(db: sqlite_utils.Database) -> None:
    """Level, year, document type and election words beside the region's, in letters (see :mod:`.facets`)."""
    db.conn.create_function("letter_facets", 6, letter_facets, deterministic=True)
    db.execute("""UPDATE letters SET facets = letter_facets(region_code, region_level, year, doc_type,
                                                            election_kind, election_year)""")


def _regions(db: sqlite_utils.Database) -> None:
    rows: list[dict] = [row._asdict() for row in region_rows()]
    rows.append({"code": "00", "name": "Republik Indonesia", "level": "nasional", "province": None})
    db.table("regions").insert_all(rows, pk="code", replace=True)


def _comparison(db: sqlite_utils.Database) -> None:
    db.table("matches").create(
        {
            "id": int,
            "letter_id": str,
            "item_path": str,
            "catalog_id": str,
            "score": float,
            "status": str,
            "reason": str,
        },
        pk="id",
        foreign_keys=[("letter_id", "letters", "id")],
    )
    db.table("findings").create(
        {
            "id": int,
            "letter_id": str,
            "kind": str,
            "severity": str,
            "catalog_id": str,
            "message": str,
            "evidence": str,
            "start": int,
            "end": int,
            "page": int,
        },
        pk="id",
        foreign_keys=[("letter_id", "letters", "id")],
    )
    db.table("findings").create_index(["letter_id"], if_not_exists=True)
    db.table("matches").create_index(["letter_id"], if_not_exists=True)


def _review(db: sqlite_utils.Database) -> None:
    """Whether a person should check each letter, and why (the record's ``review``); a letter stored by an
    older extractor has none: null, until ``ingest --reprocess`` reads it again."""
    db.table("letters").add_column("review_needed", int)
    db.table("letters").add_column("review_reasons", str)
    db.execute("""UPDATE letters SET review_needed = json_extract(record, '$.review.needed'),
                                     review_reasons = json_extract(record, '$.review.reasons')""")
    db.table("letters").create_index(["review_needed"], if_not_exists=True)


def _corrections(db: sqlite_utils.Database) -> None:
    """A person's corrections, one row each, kept apart from what the extractor read: ``letters.record`` becomes the
    effective record (the extracted one with its corrections applied), ``letters.extracted`` the extractor's own, so
    re-extracting a letter replaces the latter and re-applies the corrections (see :mod:`.corrections`)."""
    db.table("corrections").create(
        {
            "id": int,
            "letter_id": str,
            "field": str,
            "before": str,
            "after": str,
            "who": str,
            "at": str,
            "note": str,
            "redundant": str,
        },
        pk="id",
        foreign_keys=[("letter_id", "letters", "id")],
    )
    db.table("corrections").create_index(["letter_id"], if_not_exists=True)
    db.table("letters").add_column("extracted", str)
    db.table("letters").add_column("corrected", str)
    db.table("letters").add_column("least_sure", float)  # the record's lowest confidence: the review queue's order
    db.execute("""UPDATE letters SET extracted = record,
                  least_sure = (SELECT min(j.value) FROM json_each(record, '$.confidence') j)""")
    db.table("letters").create_index(["review_needed", "least_sure"], if_not_exists=True)


def _findings_per_election(db: sqlite_utils.Database) -> None:
    """Findings and matches kept per election compared, so comparing one election leaves the others' rows;
    rows of earlier comparisons were of the whole corpus ("all"). A finding also says its baseline and, when it
    quotes another letter (its parent), which."""
    for table in ("findings", "matches"):
        db.table(table).add_column("election", str)
        db.execute(f"UPDATE {table} SET election = 'all'")
        db.table(table).create_index(["election"], if_not_exists=True)
    db.table("findings").add_column("baseline", str)
    db.table("findings").add_column("quoted_from", str)


def _stems(db: sqlite_utils.Database) -> None:
    """Each letter's and item's words as stems, in a column the full-text indexes cover, so a search for
    one form of a word finds the others (see :mod:`.stems`)."""
    db.conn.create_function("stems", 2, stems, deterministic=True)
    for table in ("letters", "items"):
        db.table(table).add_column("stems", str)
    db.execute("UPDATE letters SET stems = stems(subject, text)")
    db.execute("UPDATE items SET stems = stems(text, NULL)")
    db.table("letters").enable_fts(
        ["subject", "text", "facets", "stems"],
        create_triggers=True,
        tokenize=TOKENIZE,
        replace=True,
    )
    db.table("items").enable_fts(["text", "facets", "stems"], create_triggers=True, tokenize=TOKENIZE, replace=True)


#: Each revision's step, in the order of :data:`.revisions.REVISIONS` (the names are there, apart, so
#: a reader can check a corpus is current without sqlite-utils).
MIGRATIONS: list[tuple[str, Callable[[sqlite_utils.Database], None]]] = list(
    zip(
        REVISIONS,
        [
            _tables,
            _indexes,
            _full_text,
            _regions,
            _comparison,
            _region_facets,
            _filter_facets,
            _review,
            _corrections,
            _findings_per_election,
            _stems,
        ],
        strict=True,
    )
)


def is_current(db: sqlite_utils.Database) -> bool:
    """Whether every migration has run on this database."""
    return revisions_applied(db.conn)


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Run the migrations this database has not had yet, each in its own transaction."""
    applied: list[str] = []
    if is_current(db):
        return applied
    # Two processes may open a new corpus at once: the write lock makes the second wait, then see it done.
    db.execute("BEGIN IMMEDIATE")
    try:
        db.table("_migrations").create({"name": str, "applied": str}, pk="name", if_not_exists=True)
        done = {row["name"] for row in db.table("_migrations").rows}
        for name, step in MIGRATIONS:
            if name in done:
                continue
            step(db)
            db.table("_migrations").insert(
                {"name": name, "applied": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
            )
            applied.append(name)
        db.conn.commit()
    except BaseException:
        db.conn.rollback()
        raise
    return applied
