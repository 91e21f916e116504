"""A person's corrections to extracted letters, and the effective record they make.

A correction is a row (letter, field path, value before, value after, who, when, note); the extractor's own record
is never edited.  The effective record -- what every reader of the corpus sees in ``letters.record`` -- is the
extracted record with the letter's corrections applied in order, so re-extracting a letter (``ingest
--reprocess``) keeps a person's work: the new extraction is stored and the corrections applied to it again.

Field paths:

- a scalar: ``number``, ``date``, ``signatory.name`` ... (``SCALARS``); after is the new value or null;
- an item: ``prohibitions`` or ``obligations``; before is the item as it was (``{"label", "text"}``, null when
  a person adds one), after is ``{"kind", "label", "text"}`` (kind moves it, ``neither`` drops it from both) or
  null to delete it.  Items are found again by their text, not their place, so a correction survives an
  extractor that now reads one more item above it;
- a citation: ``citations``; before ``{"kind", "number", "year"}`` (null to add), after the citation or null;
- ``reviewed``: after is true when a person has checked the whole letter.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import sqlite_utils
from pydantic import ValidationError

from ..errors import CorpusError
from ..schema.letter import Citation, Item, Letter, Review, Warning
from ..schema.provenance import Span

#: The scalar fields a reviewer may set, as field paths.
SCALARS = (
    "doc_type",
    "number",
    "date",
    "place",
    "subject",
    "issuer.office",
    "issuer.acting",
    "issuer.title",
    "signatory.name",
    "signatory.name_printed",
    "signatory.nip",
    "signatory.title",
    "signatory.on_behalf_of",
)
ITEM_KINDS = ("prohibitions", "obligations")
#: Where a value added by hand points: it was read by a person, not from a place in the text.
NOWHERE = Span(start=0, end=0)


@dataclass(frozen=True)
class Correction:
    field: str
    before: Any  # JSON: a scalar, an item {"label", "text"}, a citation, or null
    after: Any
    who: str
    at: str = ""
    note: str | None = None
    id: int | None = None


class Conflict(CorpusError):
    """Someone saved corrections to the letter after the page asking to save was loaded."""

    def __init__(self, since: list[Correction]):
        self.since = since
        who = ", ".join(sorted({c.who for c in since}))
        super().__init__(f"{who} changed this letter meanwhile ({len(since)} change(s)): reload to see them")


def corrections(db: sqlite_utils.Database, letter_id: str) -> list[Correction]:
    """The letter's corrections, oldest first."""
    rows = db.execute(
        "SELECT id, field, before, after, who, at, note FROM corrections WHERE letter_id = ? ORDER BY id", [letter_id]
    ).fetchall()
    return [
        Correction(field=f, before=json.loads(b), after=json.loads(a), who=w, at=t, note=n, id=i)
        for i, f, b, a, w, t, n in rows
    ]


def version(db: sqlite_utils.Database, letter_id: str) -> int:
    """The letter's correction version: the id of its last correction (0 for none), which a save must quote."""
    return db.execute("SELECT coalesce(max(id), 0) FROM corrections WHERE letter_id = ?", [letter_id]).fetchone()[0]


def apply_corrections(letter: Letter, stored: list[Correction]) -> tuple[Letter, list[Correction]]:
    """(the effective record, the corrections the extracted record already agreed with)."""
    redundant = []
    for correction in stored:
        if correction.field != "reviewed" and _already(letter, correction):
            redundant.append(correction)
        letter = _apply(letter, correction)
    return letter, redundant


def _apply(letter: Letter, c: Correction) -> Letter:
    """One correction applied to ``letter``, marked as a person's (a ``corrected`` warning on its field, confidence 1)."""
    data = letter.model_dump(mode="json")
    if c.field == "reviewed":
        reasons = [f"reviewed by {c.who} {c.at}".strip()] if c.after else data["review"]["reasons"]
        data["review"] = Review(needed=not c.after and data["review"]["needed"], reasons=reasons).model_dump()
        return _validated(data)
    if c.field in SCALARS:
        section, _, name = c.field.rpartition(".")
        (data[section] if section else data)[name] = c.after
        data["confidence"][c.field] = 1.0
        data["review"]["reasons"] = [r for r in data["review"]["reasons"] if not r.endswith(f"({c.field})")]
        data["review"]["needed"] = data["review"]["needed"] and bool(data["review"]["reasons"])
    elif c.field in ITEM_KINDS:
        _apply_item(data, c)
    elif c.field == "citations":
        _apply_citation(data, c)
    else:
        raise CorpusError(
            f"cannot correct {c.field!r}: fields are {', '.join(SCALARS)}, prohibitions, obligations, "
            "citations and reviewed"
        )
    data["warnings"] = [w for w in data["warnings"] if not (c.field in SCALARS and w["field"] == c.field)]
    data["warnings"].append(Warning(code="corrected", field=c.field, message=_describe(c)).model_dump(mode="json"))
    return _validated(data)


def _validated(data: dict) -> Letter:
    try:
        return Letter.model_validate(data)
    except ValidationError as err:
        problem = err.errors()[0]
        where = ".".join(str(p) for p in problem["loc"])
        raise CorpusError(f"not a valid value for {where}: {problem['msg']}") from None


def _describe(c: Correction) -> str:
    def short(value: object) -> str:
        if isinstance(value, dict):
            value = value.get("text") or value.get("number") or json.dumps(value, ensure_ascii=False)
        return "nothing" if value is None else repr(value)[:80]

    note = f" ({c.note})" if c.note else ""
    return f"by {c.who} {c.at}: {short(c.before)} -> {short(c.after)}{note}".replace("  ", " ")


def _same(a: str | None, b: str | None) -> bool:
    return " ".join((a or "").split()).casefold() == " ".join((b or "").split()).casefold()


def _find(items: list[dict], text: str) -> tuple[list[dict], int] | None:
    """(the list holding the item whose text is ``text``, its index), searching the tree depth first."""
    for i, item in enumerate(items):
        if _same(item["text"], text):
            return items, i
        found = _find(item["children"], text)
        if found:
            return found
    return None


def _apply_item(data: dict, c: Correction) -> None:
    before, after = c.before, c.after
    taken = None
    if before:
        found = _find(data[c.field], before["text"])
        if found:
            siblings, index = found
            taken = siblings.pop(index)
    if not after or after["kind"] == "neither":
        return
    if after["kind"] not in ITEM_KINDS:
        raise CorpusError(f"an item goes to prohibitions, obligations or neither, not {after['kind']!r}")
    item = {
        "label": after.get("label") or "",
        "text": after["text"],
        "children": taken["children"] if taken else [],
        "span": taken["span"] if taken else NOWHERE.model_dump(mode="json"),
    }
    Item.model_validate(item)
    if taken and after["kind"] == c.field:
        siblings.insert(index, item)  # a text fixed in place keeps its place
    else:
        data[after["kind"]].append(item)


def _citation_key(c: dict) -> tuple:
    return c["kind"], (c.get("number") or "").strip().casefold(), c.get("year")


def _apply_citation(data: dict, c: Correction) -> None:
    if c.before:
        data["citations"] = [x for x in data["citations"] if _citation_key(x) != _citation_key(c.before)]
    if c.after:
        citation = {"span": NOWHERE.model_dump(mode="json"), **c.after}
        data["citations"].append(Citation.model_validate(citation).model_dump(mode="json"))


def _already(letter: Letter, c: Correction) -> bool:
    """Whether the extracted record already reads what the correction makes it read."""
    data = letter.model_dump(mode="json")
    if c.field in SCALARS:
        section, _, name = c.field.rpartition(".")
        return (data[section] if section else data).get(name) == c.after
    if c.field in ITEM_KINDS:
        gone = not c.before or not _find(data[c.field], c.before["text"])
        if not c.after or c.after["kind"] == "neither":
            return gone
        return gone and bool(_find(data[c.after["kind"]], c.after["text"]))
    if c.field == "citations":
        keys = {_citation_key(x) for x in data["citations"]}
        return (not c.before or _citation_key(c.before) not in keys) and (not c.after or _citation_key(c.after) in keys)
    return False
