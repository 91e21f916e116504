"""Full-text search over letters' subjects, texts and list items (SQLite FTS5), with filters."""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlite_utils

from .store import election_filter


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


def search(db: sqlite_utils.Database, query: str, *, region: str | None = None, level: str | None = None,
           year: int | None = None, election: str | None = None, kind: str | None = None,
           limit: int = 20) -> list[Hit]:
    """Ranked hits (best first) in subjects, letter texts and items, filtered by letter fields."""
    where, params = election_filter(election)
    if region:
        where += " AND (l.region_code = ? OR l.region_code LIKE ?)"
        params += [region, f"{region}.%"]
    if level:
        where += " AND l.region_level = ?"
        params.append(level)
    if year:
        where += " AND l.year = ?"
        params.append(year)
    if kind:
        where += " AND l.doc_type = ?"
        params.append(kind)
    where = where.replace("election_kind", "l.election_kind").replace("election_year", "l.election_year")
    q = fts_query(query)
    sql = f"""
    SELECT * FROM (
      SELECT l.id, l.number, l.date, l.region_code, l.path,
             CASE WHEN snippet(letters_fts, 0, '[', ']', '…', 8) LIKE '%[%' THEN 'subject' ELSE 'text' END,
             CASE WHEN snippet(letters_fts, 0, '[', ']', '…', 8) LIKE '%[%'
                  THEN snippet(letters_fts, 0, '[', ']', '…', 16) ELSE snippet(letters_fts, 1, '[', ']', '…', 16) END,
             bm25(letters_fts, 5.0, 1.0) AS rank
      FROM letters_fts JOIN letters l ON l.rowid = letters_fts.rowid
      WHERE letters_fts MATCH ? AND {where}
      UNION ALL
      SELECT l.id, l.number, l.date, l.region_code, l.path, 'item ' || i.path,
             snippet(items_fts, 0, '[', ']', '…', 16), bm25(items_fts) * 2 AS rank
      FROM items_fts JOIN items i ON i.rowid = items_fts.rowid JOIN letters l ON l.id = i.letter_id
      WHERE items_fts MATCH ? AND {where}
    ) ORDER BY rank LIMIT ?"""
    rows = db.execute(sql, [q, *params, q, *params, limit]).fetchall()
    return [Hit(*row) for row in rows]
