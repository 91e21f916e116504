"""Full-text search over letters' subjects, texts and list items (SQLite FTS5), with filters."""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlite_utils

from .migrations import region_facets
from .store import election_filter, region_filter


@dataclass(frozen=True)
class Hit:
    letter_id: str
    number: str | None
    date: str | None
    region: str | None
    path: str
    where: str          # "subject", "text" or "item 1.a"
    snippet: str        # with the matched words between [ and ]
    rank: float


def fts_query(query: str) -> str:
    """Quote each word so that letter numbers and punctuation are searched as text, not FTS syntax;
    a quoted phrase stays a phrase."""
    parts = re.findall(r'"[^"]+"|\S+', query)
    out = []
    for part in parts:
        words = part.strip('"').replace('"', " ")
        if words.upper() in {"OR", "AND", "NOT"}:
            out.append(words.upper())
        elif words:
            out.append(f'"{words}"')
    return " ".join(out)


#: A query matching more than this many letters (or items) is ranked among its newest this-many
#: matches: bm25 over every match of a word found in nearly every letter costs time in
#: proportion to the corpus and ranks near-identical letters anyway.
CANDIDATES = 400


def search(db: sqlite_utils.Database, query: str, *, region: str | None = None, level: str | None = None,
           year: int | None = None, election: str | None = None, kind: str | None = None,
           limit: int = 20) -> list[Hit]:
    """Ranked hits (best first) in subjects, letter texts and items, filtered by letter fields."""
    where, params = election_filter(election)
    where = where.replace("election_kind", "l.election_kind").replace("election_year", "l.election_year")
    for column, value in (("l.region_level", level), ("l.year", year), ("l.doc_type", kind)):
        if value is not None:
            where += f" AND {column} = ?"
            params.append(value)
    q = fts_query(query)
    if not q:
        return []
    letters_match, items_match = f"{{subject text}} : ({q})", f"text : ({q})"
    if region and re.fullmatch(r"\d+(\.\d+)*\.?", region.strip()):
        # The region is a word indexed with each letter and item: the full-text index keeps its hits.
        facet = region_facets(region.strip().rstrip(".")).split()[-1]
        letters_match += f" AND facets : {facet}"
        items_match += f" AND facets : {facet}"
    elif region:
        sql, region_params = region_filter(region, "l.region_code")
        where += f" AND {sql}"
        params += region_params
    if where == "1 = 1":  # nothing to read from the letters: the full-text indexes alone answer
        letters = db.execute(f"""
            SELECT rowid, bm25(letters_fts, 5.0, 1.0, 0.0) FROM letters_fts WHERE letters_fts MATCH ?
            ORDER BY rowid DESC LIMIT {CANDIDATES}""", [letters_match]).fetchall()
        items = db.execute(f"""
            SELECT rowid, bm25(items_fts, 1.0, 0.0) * 2 FROM items_fts WHERE items_fts MATCH ?
            ORDER BY rowid DESC LIMIT {CANDIDATES}""", [items_match]).fetchall()
    else:
        letters = db.execute(f"""
            SELECT f.rowid, bm25(letters_fts, 5.0, 1.0, 0.0) FROM letters_fts f JOIN letters l ON l.rowid = f.rowid
            WHERE letters_fts MATCH ? AND {where} ORDER BY f.rowid DESC LIMIT {CANDIDATES}""",
                             [letters_match, *params]).fetchall()
        items = db.execute(f"""
            SELECT f.rowid, bm25(items_fts, 1.0, 0.0) * 2 FROM items_fts f JOIN items i ON i.rowid = f.rowid
            JOIN letters l ON l.id = i.letter_id
            WHERE items_fts MATCH ? AND {where} ORDER BY f.rowid DESC LIMIT {CANDIDATES}""",
                           [items_match, *params]).fetchall()
    best = sorted([("letter", r, s) for r, s in letters] + [("item", r, s) for r, s in items], key=lambda x: x[2])[:limit]
    # The items' snippets in one pass over the matches between the first and last hit (a lookup of one
    # row in the full-text index costs as much as reading hundreds of matches in order).
    item_ids = [rowid for source, rowid, _ in best if source == "item"]
    item_rows = {}
    if item_ids:
        marks = ", ".join("?" for _ in item_ids)
        snippets = dict(db.execute(f"""
            SELECT rowid, snippet(items_fts, 0, '[', ']', '…', 16) FROM items_fts
            WHERE items_fts MATCH ? AND rowid BETWEEN ? AND ? AND +rowid IN ({marks})""",
                                   [items_match, min(item_ids), max(item_ids), *item_ids]).fetchall())
        for rowid, *row in db.execute(f"""
                SELECT i.rowid, l.id, l.number, l.date, l.region_code, l.path, 'item ' || i.path
                FROM items i JOIN letters l ON l.id = i.letter_id WHERE i.rowid IN ({marks})""", item_ids).fetchall():
            item_rows[rowid] = (*row, snippets.get(rowid, ""))
    hits = []
    for source, rowid, rank in best:
        if source == "letter":
            row = db.execute("""
                SELECT l.id, l.number, l.date, l.region_code, l.path,
                       snippet(letters_fts, 0, '[', ']', '…', 16), snippet(letters_fts, 1, '[', ']', '…', 16)
                FROM letters_fts JOIN letters l ON l.rowid = letters_fts.rowid
                WHERE letters_fts MATCH ? AND letters_fts.rowid = ?""", [letters_match, rowid]).fetchone()
            in_subject = "[" in (row[5] or "")
            hits.append(Hit(*row[:5], "subject" if in_subject else "text", row[5] if in_subject else row[6], rank))
        else:
            hits.append(Hit(*item_rows[rowid], rank))
    return hits
