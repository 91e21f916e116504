"""One letter, many files: whether a letter just extracted is one the corpus already holds.

A bureau gets the same letter as a PDF and as text, rescanned, or sent again; each file has its
own bytes, so its own sha256, but it is one letter and must be counted once by search, stats and
comparison.  A letter is identified by what identifies it on paper: its number, its date and its
issuer.  A letter without a number (a draft, an unread scan) is the same as one of the same date
and issuer whose text is nearly the same.  Two letters that share a number but differ in date or
issuer stay two (numbering mistakes happen), and the file says so.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

#: Texts of two files this similar (rapidfuzz ratio, 0-100) are one letter when neither has a number:
#: OCR of a rescan differs from the digital text by a few percent of its characters.
SAME_TEXT = 90
#: Characters of each text compared (a letter's first pages; enough to tell two letters apart).
TEXT_PREFIX = 6000


@dataclass(frozen=True)
class Identity:
    """The stored letter a new one is (``same``), or a different stored letter it shares a number with."""

    same: str | None = None
    same_path: str | None = None
    shares_number_with: str | None = None


def identify(db: sqlite_utils.Database, row: dict) -> Identity:
    """Look the letter row ``row`` (from ``letter_rows``) up among the stored letters other than itself."""
    if row.get("number_key"):
        others = db.execute(
            "SELECT id, path, date, region_code, office FROM letters WHERE number_key = ? AND id != ?",
            [row["number_key"], row["id"]],
        ).fetchall()
        for letter_id, path, date, region_code, office in others:
            if _agrees(row["date"], date) and _same_issuer(row, region_code, office):
                return Identity(same=letter_id, same_path=path)
        if others:
            return Identity(shares_number_with=others[0][1])
        return Identity()
    if row.get("date") and row.get("text"):
        from rapidfuzz import fuzz

        text = row["text"][:TEXT_PREFIX]
        for letter_id, path, region_code, office, other in db.execute(
            "SELECT id, path, region_code, office, substr(text, 1, ?) FROM letters "
            "WHERE date = ? AND number_key IS NULL AND id != ?",
            [TEXT_PREFIX, row["date"], row["id"]],
        ):
            if _same_issuer(row, region_code, office) and fuzz.ratio(text, other or "") >= SAME_TEXT:
                return Identity(same=letter_id, same_path=path)
    return Identity()


def _agrees(a: str | None, b: str | None) -> bool:
    """Two values agree unless both are known and differ (an unread date does not make two letters)."""
    return a is None or b is None or a == b


def _same_issuer(row: dict, region_code: str | None, office: str | None) -> bool:
    if row.get("region_code") and region_code:
        return row["region_code"] == region_code
    return _agrees((row.get("office") or "").casefold() or None, (office or "").casefold() or None)
