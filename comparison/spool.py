"""A comparison's parts spooled to disk as they are found, and read back in the orders a report says them.

A report of a corpus-wide comparison says every letter, finding and cell of the matrix: held as models they grow
with the corpus (millions of them at 100k letters).  :class:`Spool` is a sink of
:func:`~.compare.compare_corpus` that writes each part as it is found into a private temporary SQLite database
(SQLite deletes its file when it is closed) and keeps in memory only counts that the regions and the catalogue
bound; a report then reads one letter's parts at a time (:meth:`Spool.cards`, :meth:`Spool.rows`) or every part
of a kind in the order it was found (:meth:`Spool.parts`)."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from .compare import RANKS, Across, Cell, Comparison, Excluded, Finding, ItemMatch, LetterRef
from .view import GAPS, LEVELS, Card, hierarchy_key, section_key

#: The gaps the summary counts per catalogue entry ("the acts most letters leave out").
WORST = ("missing_item", "parent_item_dropped")
#: Parts written per statement.
_BATCH = 1000
#: One table per kind of part, ``seq`` the order found; ``part`` the part as JSON (null for cells and matches
#: when the report does not say them as data).  The letter's place in the order of government is spread over
#: columns (:func:`~.view.hierarchy_key`) so that SQLite sorts the letters, not Python.
_SCHEMA = """
CREATE TABLE letters (seq INTEGER PRIMARY KEY, id TEXT, tier INT, code TEXT, name TEXT, rank INT, region TEXT,
    date TEXT, part TEXT);
CREATE TABLE excluded (seq INTEGER PRIMARY KEY, letter_id TEXT, part TEXT);
CREATE TABLE cells (seq INTEGER PRIMARY KEY, letter_id TEXT, catalog_id TEXT, status TEXT, required INT,
    item TEXT, text TEXT, part TEXT);
CREATE TABLE matches (seq INTEGER PRIMARY KEY, part TEXT);
CREATE TABLE findings (seq INTEGER PRIMARY KEY, letter_id TEXT, rank INT, part TEXT);
CREATE TABLE unmatched (seq INTEGER PRIMARY KEY, text TEXT, regions INT, letters INT, part TEXT);
"""
#: Built once every part is written: cheaper than keeping them up row by row.
_INDEXES = """
CREATE INDEX letters_order ON letters (tier, code, name, rank, region, date, id);
CREATE UNIQUE INDEX excluded_letter ON excluded (letter_id);
CREATE INDEX cells_letter ON cells (letter_id, seq);
CREATE INDEX findings_letter ON findings (letter_id, rank, seq);
"""
_COLUMNS = {
    "letters": "id, tier, code, name, rank, region, date, part",
    "excluded": "letter_id, part",
    "cells": "letter_id, catalog_id, status, required, item, text, part",
    "matches": "part",
    "findings": "letter_id, rank, part",
    "unmatched": "text, regions, letters, part",
}
#: The letters in the order of government, with why each is out of the matrix (null when it is in it).
_ORDERED = (
    "SELECT l.part, x.part FROM letters l LEFT JOIN excluded x ON x.letter_id = l.id "
    "ORDER BY l.tier, l.code, l.name, l.rank, l.region, l.date, l.id"
)
_IN_MATRIX = "EXISTS (SELECT 1 FROM cells c WHERE c.letter_id = l.id)"


class Mark(NamedTuple):
    """What the matrix shows of a cell."""

    status: str
    required: bool
    item: str | None
    text: str | None


class Spool:
    """A sink (:class:`~.compare.Sink`) writing a comparison's parts to a temporary database, then (after
    :meth:`finish`) the source a report reads them from.  ``data`` keeps the matches and the cells as data too
    (only the JSON report says them)."""

    def __init__(self, *, data: bool = True):
        self.conn = sqlite3.connect("")  # "": a private database in a temporary file
        self.conn.executescript(_SCHEMA)
        self.data = data
        self._pending: dict[str, list[tuple]] = {table: [] for table in _COLUMNS}
        self._across: Across | None = None
        self.letter_count = 0
        self.matrix_count = 0
        self._levels: dict[str, Counter] = defaultdict(Counter)
        self._severities: Counter = Counter()
        self._gaps: Counter = Counter()

    @classmethod
    def of(cls, result: Comparison) -> Spool:
        """A comparison held in memory, spooled (so one renderer serves both)."""
        spool = cls()
        for ref in result.letters:
            spool.letter(ref)
        for x in result.excluded:
            spool.excluded(x)
        for cell in result.matrix:
            spool.cell(cell)
        for m in result.matches:
            spool.match(m)
        for f in result.findings:
            spool.finding(f)
        spool.finish(Across.of(result), result.unmatched)
        return spool

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    # the sink ----------------------------------------------------------------------------------------------------
    def letter(self, ref: LetterRef) -> None:
        self.letter_count += 1
        self._levels[ref.level or ""][ref.region or ref.region_code or "?"] += 1
        self._add("letters", (ref.id, *hierarchy_key(ref)[:-1], ref.model_dump_json()))

    def excluded(self, excluded: Excluded) -> None:
        self._add("excluded", (excluded.letter.id, excluded.model_dump_json()))

    def cell(self, cell: Cell) -> None:
        part = cell.model_dump_json() if self.data else None
        self._add("cells", (cell.letter_id, cell.catalog_id, cell.status, cell.required, cell.item, cell.text, part))

    def match(self, match: ItemMatch) -> None:
        if self.data:
            self._add("matches", (match.model_dump_json(),))

    def finding(self, finding: Finding) -> None:
        self._severities[finding.severity] += 1
        if finding.kind in WORST and finding.catalog_id:
            self._gaps[finding.catalog_id] += 1
        rank = RANKS.index(finding.severity) if finding.severity in RANKS else len(RANKS)
        self._add("findings", (finding.letter.id, rank, finding.model_dump_json()))

    def _add(self, table: str, row: tuple) -> None:
        pending = self._pending[table]
        pending.append(row)
        if len(pending) >= _BATCH:
            self._flush(table)

    def _flush(self, table: str) -> None:
        rows = self._pending[table]
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            self.conn.executemany(f"INSERT INTO {table} ({_COLUMNS[table]}) VALUES ({marks})", rows)
            self._pending[table] = []

    def finish(self, across: Across, unmatched: Iterable[dict]) -> None:
        """Every letter's parts are written: index them, and take what is known across the letters (the groups
        of unmatched acts, which list their letters, are written too)."""
        for group in unmatched:
            part = json.dumps(group, ensure_ascii=False) if self.data else None
            self._add("unmatched", (group["text"], group["regions"], len(group["letters"]), part))
        for table in _COLUMNS:
            self._flush(table)
        self.conn.executescript(_INDEXES)
        self.conn.commit()
        self.matrix_count = self.conn.execute("SELECT count(DISTINCT letter_id) FROM cells").fetchone()[0]
        self._across = across

    # the source --------------------------------------------------------------------------------------------------
    @property
    def across(self) -> Across:
        if self._across is None:
            raise RuntimeError("the spool is read before its comparison has finished")
        return self._across

    @property
    def entries(self) -> dict[str, dict]:
        return {e["id"]: e for e in self.across.catalog}

    def excluded_letters(self) -> Iterator[Excluded]:
        for (part,) in self.conn.execute("SELECT part FROM excluded ORDER BY seq"):
            yield Excluded.model_validate_json(part)

    def parts(self, table: str) -> Iterator[dict]:
        """Every part of one kind (letters, excluded, cells, matches, findings, unmatched) as data, in the order
        found."""
        for (part,) in self.conn.execute(f"SELECT part FROM {_table(table)} ORDER BY seq"):
            yield json.loads(part)

    def cards(self) -> Iterator[tuple[Card, str | None]]:
        """One card per letter in the order of government, findings gravest first, each with the heading that
        opens before it (None when it continues the heading above)."""
        heading: str | None = None
        for part, outside in self.conn.execute(_ORDERED):
            ref = LetterRef.model_validate_json(part)
            card = Card(ref, outside=Excluded.model_validate_json(outside) if outside else None)
            for (finding,) in self.conn.execute(
                "SELECT part FROM findings WHERE letter_id = ? ORDER BY rank, seq", [ref.id]
            ):
                f = Finding.model_validate_json(finding)
                if f.kind in GAPS:
                    card.gaps.setdefault(f.baseline or "instrument", []).append(f)
                else:
                    card.others.append(f)
            key = section_key(ref)
            yield card, (key if key != heading else None)
            heading = key

    def rows(self, *, by_government: bool) -> Iterator[tuple[LetterRef, dict[str, Mark]]]:
        """The matrix: each letter in it (in the order of government, or as compared) with its cell per entry."""
        order = "l.tier, l.code, l.name, l.rank, l.region, l.date, l.id" if by_government else "l.seq"
        for (part,) in self.conn.execute(f"SELECT l.part FROM letters l WHERE {_IN_MATRIX} ORDER BY {order}"):
            ref = LetterRef.model_validate_json(part)
            cells = self.conn.execute(
                "SELECT catalog_id, status, required, item, text FROM cells WHERE letter_id = ? ORDER BY seq", [ref.id]
            )
            yield (
                ref,
                {entry: Mark(status, bool(required), item, text) for entry, status, required, item, text in cells},
            )

    def unmatched(self) -> Iterator[tuple[str, int, int]]:
        """(wording, regions, letters) of each group of acts no catalogue entry states, most regions first."""
        yield from self.conn.execute("SELECT text, regions, letters FROM unmatched ORDER BY seq")

    def per_level(self) -> list[tuple[str, int, list[tuple[str, int]]]]:
        """(level, letters, [(region, letters)]) in the order of government."""
        order = [lv for lv in (*LEVELS, "") if lv in self._levels]
        return [(lv, sum(self._levels[lv].values()), sorted(self._levels[lv].items())) for lv in order]

    def per_severity(self) -> list[tuple[str, int]]:
        return [(s, self._severities[s]) for s in RANKS if self._severities[s]]

    def worst_gaps(self, limit: int = 5) -> list[tuple[dict, int]]:
        """The acts most letters leave out although their baseline requires them."""
        entries = self.entries
        return [(entries[i], n) for i, n in self._gaps.most_common(limit) if i in entries]


def _table(name: str) -> str:
    if name not in _COLUMNS:
        raise ValueError(f"no part {name!r} in a spool")
    return name
