"""The review queue: letters that need a person first (the record's review flag, then its least sure value),
then the rest; filtered by region, status and warning."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from ..corpus.store import region_filter

#: A letter is reviewed when its last ``reviewed`` correction says so.
REVIEWED = """coalesce((SELECT c.after = 'true' FROM corrections c WHERE c.letter_id = letters.id
                         AND c.field = 'reviewed' ORDER BY c.id DESC LIMIT 1), 0)"""
#: How many letters the queue page lists (the counts cover them all).
SHOWN = 500


@dataclass(frozen=True)
class Entry:
    id: str
    number: str | None
    date: str | None
    subject: str | None
    region: str | None
    path: str
    needs_review: bool
    reasons: str
    least_sure: float | None
    reviewed: bool


def queue(
    db: sqlite_utils.Database,
    *,
    region: str | None = None,
    status: str | None = None,
    warning: str | None = None,
    limit: int | None = None,
) -> list[Entry]:
    """The letters in review order; ``status`` is ``to_review`` or ``reviewed``, ``warning`` a warning code."""
    where, params = ["1 = 1"], []
    if region:
        sql, more = region_filter(region)
        where.append(sql)
        params += more
    if status in ("to_review", "reviewed"):
        where.append(f"{REVIEWED} = {1 if status == 'reviewed' else 0}")
    if warning:
        where.append(
            "EXISTS (SELECT 1 FROM json_each(letters.record, '$.warnings') w WHERE json_extract(w.value, '$.code') = ?)"
        )
        params.append(warning)
    rows = db.execute(
        f"""
        SELECT id, number, date, subject, (SELECT name FROM regions WHERE code = region_code), path,
               coalesce(review_needed, 1), coalesce(review_reasons, '[]'), least_sure, {REVIEWED} AS done
        FROM letters WHERE {" AND ".join(where)}
        ORDER BY done, coalesce(review_needed, 1) DESC, least_sure IS NULL, least_sure, date, id
        {f"LIMIT {int(limit)}" if limit else ""}""",
        params,
    ).fetchall()
    return [
        Entry(i, n, d, s, r, p, bool(need), ", ".join(_reasons(reasons)), sure, bool(done))
        for i, n, d, s, r, p, need, reasons, sure, done in rows
    ]


def _reasons(text: str) -> list[str]:
    import json

    return json.loads(text) if text else []


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    reviewed = db.execute(f"SELECT count(*) FROM letters WHERE {REVIEWED}").fetchone()[0]
    total = db.execute("SELECT count(*) FROM letters").fetchone()[0]
    return {"reviewed": reviewed, "to_review": total - reviewed}


def warning_codes(db: sqlite_utils.Database) -> list[str]:
    return [
        r[0]
        for r in db.execute("""SELECT DISTINCT json_extract(w.value, '$.code') FROM letters,
                                        json_each(letters.record, '$.warnings') w ORDER BY 1""")
    ]
