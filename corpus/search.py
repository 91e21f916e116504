"""Full-text search over letters' subjects, texts and list items (SQLite FTS5), with filters."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .facets import filter_terms
from .stems import query_stems, stem_snippet

if TYPE_CHECKING:
    import sqlite3

    import sqlite_utils

    #: What search reads through: :func:`.readonly.open_readonly`'s connection or :func:`.store.open_corpus`'s database.
    Corpus = sqlite3.Connection | sqlite_utils.Database


@dataclass(frozen=True)
class Hit:
    letter_id: str
    number: str | None
    date: str | None
    region: str | None
    path: str
    where: str  # "subject", "text" or "item 1.a"
    snippet: str  # with the matched words between [ and ]
    rank: float


def _parts(query: str) -> list[str]:
    """The query's phrases (still in double quotes), words and operators, in order."""
    parts = [part for part in re.findall(r'"[^"]+"|\S+', query)]
    return [p for p in parts if p.strip('"').replace('"', " ").strip()]


def _quoted(part: str) -> str:
    words = part.strip('"').replace('"', " ")
    return words.upper() if words.upper() in {"OR", "AND", "NOT"} else f'"{words}"'


def match(query: str, columns: str) -> str:
    """The FTS5 expression of a query over ``columns`` (``{subject text}`` or ``text``): a quoted phrase
    is found as written; a word as written or in any form of its stem (:mod:`.stems`), so ``dikerahkan``
    finds ``mengerahkan``."""
    out: list[str] = []
    for part in _parts(query):
        quoted = _quoted(part)
        if quoted in {"OR", "AND", "NOT"}:
            out.append(quoted)
            continue
        if out and out[-1] not in {"OR", "AND", "NOT"}:
            out.append("AND")  # FTS5 joins bare phrases, not bracketed groups, without an operator
        if part.startswith('"') or not (root := query_stems(part)):
            out.append(f"{columns} : {quoted}")
        else:
            out.append(f'({columns} : {quoted} OR stems : "{root}")')
    return " ".join(out)


def wanted_stems(query: str) -> set[str]:
    """The stems a hit may show for the query's unquoted words (to mark in a snippet)."""
    return {
        s
        for part in _parts(query)
        if not part.startswith('"') and _quoted(part) not in {"OR", "AND", "NOT"}
        for s in query_stems(part).split()
    }


#: A query matching more than this many letters (or items) is ranked among its newest this-many
#: matches: bm25 over every match of a word found in nearly every letter costs time in
#: proportion to the corpus and ranks near-identical letters anyway.  Ranking the items of the
#: letters found costs time in proportion to this too: at 200, searches of a 100k-letter corpus
#: with three filters stay under 50 ms (p95, ``benchmarks/corpus.py``); at 400 they took 75 ms.
CANDIDATES = 200


def _newest(db: Corpus, table: str, match: str) -> list[int]:
    """Rowids of the newest :data:`CANDIDATES` rows of ``table`` that ``match``, newest first."""
    return [
        rowid
        for (rowid,) in db.execute(
            f"""
        SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC LIMIT {CANDIDATES}""",
            [match],
        )
    ]


def _ranked(
    db: Corpus, table: str, weights: str, rank: str, rowids: list[int] | None = None
) -> list[tuple[int, float]]:
    """(rowid, bm25) of the newest :data:`CANDIDATES` rows of ``table`` that match ``rank``,
    among ``rowids`` when given.

    bm25 counts, once per query, the rows holding each term of its query, so a filter word
    found in most rows (``lkabupaten``, ``y2024``) would cost a pass over its whole list:
    filtered candidates are therefore found first and ranked by the text (and the region's
    word, whose list is short), reading only the span of rowids they occupy.
    """
    if rowids is None:
        return db.execute(
            f"""
            SELECT rowid, bm25({table}, {weights}) FROM {table} WHERE {table} MATCH ?
            ORDER BY rowid DESC LIMIT {CANDIDATES}""",
            [rank],
        ).fetchall()
    if not rowids:
        return []
    marks = ", ".join("?" for _ in rowids)
    return db.execute(
        f"""
        SELECT rowid, bm25({table}, {weights}) FROM {table} WHERE {table} MATCH ?
        AND rowid BETWEEN ? AND ? AND +rowid IN ({marks}) ORDER BY rowid DESC LIMIT {CANDIDATES}""",
        [rank, min(rowids), max(rowids), *rowids],
    ).fetchall()


def search(
    db: Corpus,
    query: str,
    *,
    region: str | None = None,
    level: str | None = None,
    year: int | None = None,
    election: str | None = None,
    kind: str | None = None,
    limit: int = 20,
) -> list[Hit]:
    """Ranked hits (best first) in subjects, letter texts and items, filtered by letter fields.

    Every filter is a word indexed beside the text (:mod:`.facets`), so the full-text
    indexes alone find the hits; ``region`` is a code and covers the regions under it.
    """
    if not _parts(query):
        return []
    terms = filter_terms(region=region, level=level, year=year, kind=kind, election=election)
    letters_text, items_text = f"({match(query, '{subject text}')})", f"({match(query, 'text')})"
    wanted = wanted_stems(query)
    facets = f" AND facets : ({' '.join(terms)})" if terms else ""
    narrow = f" AND facets : {terms[0]}" if region else ""
    letter_ids: list[int] | None = None
    item_ids: list[int] | None = None
    if terms:
        # An item's text is part of its letter's: the items to rank are those of the letters found.
        letter_ids = _newest(db, "letters_fts", letters_text + facets)
        marks = ", ".join("?" for _ in letter_ids)
        item_ids = [
            rowid
            for (rowid,) in db.execute(
                f"""
            SELECT i.rowid FROM items i JOIN letters l ON l.id = i.letter_id WHERE l.rowid IN ({marks})""",
                letter_ids,
            )
        ]
    letters = _ranked(db, "letters_fts", "5.0, 1.0, 0.0, 0.5", letters_text + narrow, letter_ids)
    items = [
        (rowid, rank * 2) for rowid, rank in _ranked(db, "items_fts", "1.0, 0.0, 0.5", items_text + narrow, item_ids)
    ]
    best = sorted([("letter", r, s) for r, s in letters] + [("item", r, s) for r, s in items], key=lambda x: x[2])[
        :limit
    ]
    # The items' snippets in one pass over the matches between the first and last hit (a lookup of one
    # row in the full-text index costs as much as reading hundreds of matches in order).
    item_ids = [rowid for source, rowid, _ in best if source == "item"]
    item_rows = {}
    if item_ids:
        marks = ", ".join("?" for _ in item_ids)
        snippets = dict(
            db.execute(
                f"""
            SELECT rowid, snippet(items_fts, 0, '[', ']', '…', 16) FROM items_fts
            WHERE items_fts MATCH ? AND rowid BETWEEN ? AND ? AND +rowid IN ({marks})""",
                [items_text + narrow, min(item_ids), max(item_ids), *item_ids],
            ).fetchall()
        )
        for rowid, *row in db.execute(
            f"""
                SELECT i.rowid, l.id, l.number, l.date, l.region_code, l.path, 'item ' || i.path, i.text
                FROM items i JOIN letters l ON l.id = i.letter_id WHERE i.rowid IN ({marks})""",
            item_ids,
        ).fetchall():
            *row, text = row
            marked = snippets.get(rowid, "")
            item_rows[rowid] = (*row, marked if "[" in marked else stem_snippet(text or "", wanted))
    hits = []
    for source, rowid, rank in best:
        if source == "letter":
            row = db.execute(
                """
                SELECT l.id, l.number, l.date, l.region_code, l.path,
                       snippet(letters_fts, 0, '[', ']', '…', 16), snippet(letters_fts, 1, '[', ']', '…', 16),
                       l.subject, l.text
                FROM letters_fts JOIN letters l ON l.rowid = letters_fts.rowid
                WHERE letters_fts MATCH ? AND letters_fts.rowid = ?""",
                [letters_text, rowid],
            ).fetchone()
            in_subject, in_text = "[" in (row[5] or ""), "[" in (row[6] or "")
            if not (in_subject or in_text):  # found by a word's stem only: mark the form the letter wrote
                row = (*row[:5], stem_snippet(row[7] or "", wanted), stem_snippet(row[8] or "", wanted))
                in_subject = bool(row[5])
            hits.append(
                Hit(
                    row[0],
                    row[1],
                    row[2],
                    row[3],
                    row[4],
                    "subject" if in_subject else "text",
                    row[5] if in_subject else row[6],
                    rank,
                )
            )
        else:
            letter_id, number, date, region_code, path, where, snippet = item_rows[rowid]
            hits.append(Hit(letter_id, number, date, region_code, path, where, snippet, rank))
    return hits
