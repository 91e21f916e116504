"""A comparison as a reader is shown it: letters in the order of government (nasional, then each province
followed by its kabupaten and kota, by date), each letter's card with its gaps collapsed by baseline, and the
words of each finding in the report's language.  Both the HTML and the Markdown report render this, so they say
the same; :mod:`.spool` hands them the cards in this order."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from .catalog import Entry
from .compare import Excluded, Finding, LetterRef

#: Findings that are gaps: collapsed into one line per baseline on a letter's card.
GAPS = ("missing_item", "missing_by_reference", "parent_item_dropped")
LEVELS = ("nasional", "provinsi", "kabupaten", "kota")


@cache
def labels(lang: str) -> dict:
    data = json.loads(resources.files("edaran.comparison").joinpath("report_labels.json").read_text("utf-8"))
    return data.get(lang) or data["id"]


@dataclass
class Card:
    letter: LetterRef
    gaps: dict[str, list[Finding]] = field(default_factory=dict)  # baseline -> gap findings
    others: list[Finding] = field(default_factory=list)
    outside: Excluded | None = None  # why the letter is out of the matrix, when it is


def province_of(ref: LetterRef) -> tuple[str, str]:
    """(code, name) of the province a region's letter belongs to: the first two digits of its Kemendagri code
    ("13.06" Kabupaten Agam is in 13, Sumatera Barat); ("", "") for a national letter or an unknown region."""
    if ref.level not in LEVELS[1:]:
        return "", ""
    code = (ref.region_code or "")[:2]
    name = ref.region if ref.level == "provinsi" else ref.province
    return (code, name or "") if code or name else ("", "")


def hierarchy_key(ref: LetterRef) -> tuple:
    """nasional first; then each province in the order of its code, its own letters before its kabupaten and
    kota; by date within each; letters of no known level or region last."""
    level = ref.level or ""
    rank = LEVELS.index(level) if level in LEVELS else len(LEVELS)
    code, name = province_of(ref)
    tier = 0 if level == "nasional" else 1 if code or name else 2
    return (tier, code or "99", name, rank, ref.region or "", str(ref.date or ""), ref.id)


def section_key(ref: LetterRef) -> str:
    """The heading a letter's card stands under: "nasional", "<province code> <name>", or "" (region unknown)."""
    code, name = province_of(ref)
    return "nasional" if ref.level == "nasional" else f"{code} {name}" if code or name else ""


def section_heading(key: str, lang: str) -> str:
    """ "Nasional", "Provinsi Sumatera Barat (13)", or the words for an unknown region."""
    t = labels(lang)["section"]
    if key == "nasional":
        return t["nasional"]
    if not key:
        return t["unknown"]
    code, _, name = key.partition(" ")
    return t["provinsi"].format(name=name or "?", code=code or "?")


def entry_name(entry: dict, lang: str) -> str:
    return Entry.model_validate(entry).name(lang)


def pinpoint(entry: dict) -> str:
    return Entry.model_validate(entry).where()


def date_words(value: object, lang: str) -> str:
    """A date as the letters write it ("31 Oktober 2023"); anything that is no date as it is."""
    if not value:
        return ""
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return f"{day.day} {labels(lang)['months'][day.month - 1]} {day.year}"


def instrument_name(key: str) -> str:
    """An instrument key as a reader writes it: "pp:53:2010" -> "PP 53/2010"."""
    if key.count(":") != 2:
        return key
    kind, number, year = key.split(":")
    return f"{kind.upper()} {number}" + (f"/{year}" if year else "")


def message(f: Finding, entries: dict[str, dict], lang: str) -> str:
    """The finding said in the report's language: from its parts when the language has a template for its kind,
    else the message as the comparison wrote it.  ``entries`` are the catalogue's entries by id."""
    t = labels(lang)
    templates = t.get("messages", {})
    p = f.params
    entry = entries.get(str(p.get("entry", "")))
    key = f.kind if entry or f.kind != "parent_item_dropped" else f"{f.kind}_other"
    if key not in templates:
        return f.message
    by = str(p.get("by", ""))
    if f.kind == "repealed_citation":  # repealed by an instrument, not measured against a baseline
        by_words = instrument_name(by)
    elif by == "national":
        by_words = t["by"]["national"]
    else:
        by_words = t["by"]["cites"].format(x=by.split(":", 1)[1]) if ":" in by else ""
    case = str(p.get("case", ""))
    detail = t.get("inconsistent", {}).get(case, "").format(**{k: v for k, v in p.items() if k != "case"})
    parent = str(p.get("parent", ""))
    pairs = p.get("changes", [])
    changes = "; ".join(
        f"{t['changes'].get(kind, kind)}: {detail}" for kind, detail in (pairs if isinstance(pairs, list) else [])
    )
    return templates[key].format(
        act=entry_name(entry, lang) if entry else "",
        pinpoint=pinpoint(entry) if entry else "",
        by=by_words,
        instrument=by.split(":", 1)[1] if ":" in by else "",
        item=p.get("item", ""),
        parent=parent,
        also=t["also_parent"].format(parent=parent) if parent and f.kind != "parent_item_dropped" else "",
        required=t["required_too"].format(by=by_words) if by_words and f.kind == "parent_item_dropped" else "",
        changes=changes,
        actors=p.get("actors", ""),
        key=instrument_name(str(p.get("key", ""))),
        title=p.get("title", ""),
        since=date_words(p.get("since"), lang),
        date=date_words(p.get("date"), lang),
        nip=p.get("nip", ""),
        detail=detail,
        election=p.get("election", ""),
        relation=p.get("relation", ""),
        cited=p.get("cited", ""),
    )
