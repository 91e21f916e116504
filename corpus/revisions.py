"""The corpus schema's revisions, by name and in order, and whether a database has had them all.

Apart from :mod:`.migrations`, which builds each revision with sqlite-utils, so that a command
that only reads the corpus can check it is current on plain :mod:`sqlite3`.
"""

from __future__ import annotations

import sqlite3

#: Every revision of the corpus schema, oldest first; :data:`.migrations.MIGRATIONS` gives each its step.
REVISIONS: tuple[str, ...] = (
    "0001_tables",
    "0002_indexes",
    "0003_full_text",
    "0004_regions",
    "0005_comparison",
    "0006_region_facets",
    "0007_filter_facets",
    "0008_review",
    "0009_corrections",
    "0010_findings_per_election",
    "0011_stems",
)


def is_current(conn: sqlite3.Connection) -> bool:
    """Whether every revision has been applied to the database (recorded in its ``_migrations`` table)."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'").fetchone():
        return False
    marks = ", ".join("?" for _ in REVISIONS)
    (applied,) = conn.execute(
        f"SELECT count(DISTINCT name) FROM _migrations WHERE name IN ({marks})", REVISIONS
    ).fetchone()
    return applied == len(REVISIONS)
