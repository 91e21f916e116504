"""A comparison arranged for a reader: letters in the order of government (nasional, then each province
followed by its kabupaten and kota, by date), each letter's findings with its gaps collapsed by baseline,
the counts a summary opens with.  Both the HTML and the Markdown report render this, so they say the same."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from .catalog import Entry
from .comparison import RANKS, Comparison, Finding, LetterRef

#: Findings that are gaps: collapsed into one line per baseline on a letter's card.
GAPS = ("missing_item", "missing_by_reference", "parent_item_dropped")
_LEVELS = ("nasional", "provinsi", "kabupaten", "kota")


@cache
def labels(lang: str) -> dict:
    data = json.loads(resources.files("edaran.compare").joinpath("report_labels.json").read_text("utf-8"))
    return data.get(lang) or data["id"]


@dataclass
class Card:
    letter: LetterRef
    gaps: dict[str, list[Finding]] = field(default_factory=dict)  # baseline -> gap findings
    others: list[Finding] = field(default_factory=list)


def hierarchy_key(ref: LetterRef) -> tuple:
    """nasional first; a province, then its kabupaten and kota; by date within each; unknown level last."""
    level = ref.level or ""
    rank = _LEVELS.index(level) if level in _LEVELS else len(_LEVELS)
    province = ref.region if level == "provinsi" else ref.province
    tier = 0 if level == "nasional" else 1 if level in _LEVELS else 2
    return (tier, province or "", 0 if level == "provinsi" else 1, rank, ref.region or "", ref.date or "", ref.id)


def cards(result: Comparison) -> list[Card]:
    """One card per letter in hierarchy order; findings gravest first."""
    by_letter: dict[str, Card] = {ref.id: Card(ref) for ref in sorted(result.letters, key=hierarchy_key)}
    for f in sorted(result.findings, key=lambda f: RANKS.index(f.severity) if f.severity in RANKS else 9):
        card = by_letter[f.letter.id]
        if f.kind in GAPS:
            card.gaps.setdefault(f.baseline or "instrument", []).append(f)
        else:
            card.others.append(f)
    return list(by_letter.values())


def per_level(result: Comparison) -> list[tuple[str, int, list[tuple[str, int]]]]:
    """(level, letters, [(region, letters)]) in the order of government."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for ref in result.letters:
        counts[ref.level or ""][ref.region or ref.region_code or "?"] += 1
    order = [lv for lv in (*_LEVELS, "") if lv in counts]
    return [(lv, sum(counts[lv].values()), sorted(counts[lv].items())) for lv in order]


def per_severity(result: Comparison) -> list[tuple[str, int]]:
    counts = Counter(f.severity for f in result.findings)
    return [(s, counts[s]) for s in RANKS if counts[s]]


def worst_gaps(result: Comparison, limit: int = 5) -> list[tuple[dict, int]]:
    """The acts most letters leave out although their baseline requires them."""
    counts = Counter(
        f.catalog_id for f in result.findings if f.kind in ("missing_item", "parent_item_dropped") and f.catalog_id
    )
    entries = {e["id"]: e for e in result.catalog}
    return [(entries[i], n) for i, n in counts.most_common(limit) if i in entries]


def entry_name(entry: dict, lang: str) -> str:
    return Entry.model_validate(entry).name(lang)


def pinpoint(entry: dict) -> str:
    return Entry.model_validate(entry).where()


def message(f: Finding, result: Comparison, lang: str) -> str:
    """The finding said in the report's language: from its parts when the language has a template for its kind,
    else the message as the comparison wrote it."""
    t = labels(lang)
    templates = t.get("messages", {})
    p = f.params
    entries = {e["id"]: e for e in result.catalog}
    entry = entries.get(str(p.get("entry", "")))
    key = f.kind if entry or f.kind not in ("parent_item_dropped", "unique_item") else f"{f.kind}_other"
    if key not in templates:
        return f.message
    by = str(p.get("by", ""))
    by_words = (
        t["by"]["national"] if by == "national" else t["by"]["cites"].format(x=by.split(":", 1)[1]) if ":" in by else ""
    )
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
        key=p.get("key", ""),
        title=p.get("title", ""),
        since=p.get("since", ""),
        date=p.get("date", ""),
        election=p.get("election", ""),
        relation=p.get("relation", ""),
        cited=p.get("cited", ""),
    )
