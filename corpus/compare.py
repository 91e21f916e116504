"""Compare letters across regions: coverage of the catalogue, findings, lineage.

A library over :class:`~edaran.schema.letter.Letter` objects; ``edaran compare``
reads them from the corpus, and the result is stored back (``findings``,
``matches``) and rendered by :mod:`.report`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz

from ..schema.letter import Item, Letter
from ..schema.provenance import Span
from .catalog import Catalog, Election, Repeal, load_catalog, load_elections, load_repeals
from .matching import match_item, words
from .store import instrument_key, number_key

SEVERITY = {"wording_changed": "medium", "repealed_citation": "high", "inconsistent_citation": "medium",
            "late_letter": "medium", "no_legal_basis": "medium", "signatory_missing": "high", "nip_invalid": "low",
            "number_missing": "high", "unresolved_reference": "low", "unique_item": "info",
            "parent_item_dropped": "high"}


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class LetterRef(_Model):
    id: str
    number: str | None
    source: str
    region_code: str | None
    region: str | None = None
    date: dt.date | None = None


class Evidence(_Model):
    text: str
    span: Span | None


class Finding(_Model):
    kind: str
    severity: str
    message: str
    letter: LetterRef
    catalog_id: str | None = None
    evidence: Evidence | None = None


class Cell(_Model):
    letter_id: str
    catalog_id: str
    status: str                 # present | changed | absent
    item: str | None = None     # the item's path in the letter's tree (1.a)
    score: float | None = None
    reason: str | None = None


class LineageNode(_Model):
    letter: LetterRef
    children: list[LineageNode] = []


class Comparison(_Model):
    catalog_version: str
    catalog: list[dict]
    letters: list[LetterRef]
    matrix: list[Cell]
    findings: list[Finding]
    lineage: list[LineageNode]
    unmatched: list[dict]       # acts no catalogue entry states, grouped across letters


def _ref(letter_id: str, letter: Letter) -> LetterRef:
    region = letter.issuer.region
    return LetterRef(id=letter_id, number=letter.number, source=letter.source.path,
                     region_code=region.code if region else None, region=region.name if region else None,
                     date=letter.date)


def _leaves(items: list[Item], parent: str = "") -> Iterable[tuple[str, Item]]:
    for i, item in enumerate(items, 1):
        path = f"{parent}.{item.label.strip('.)(: ') or i}" if parent else (item.label.strip(".)(: ") or str(i))
        if item.children:
            yield from _leaves(item.children, path)
        else:
            yield path, item


def _election_of(letter: Letter, elections: list[Election]) -> list[Election]:
    if letter.election is None:
        return []
    kinds = {"pemilu", "pilkada"} if letter.election.kind == "pemilu_pilkada" else {letter.election.kind}
    return [e for e in elections if e.kind in kinds and (letter.election.year in (None, e.year))]


def compare(letters: list[tuple[str, Letter]], *, catalog: Catalog | None = None,
            elections: list[Election] | None = None, repeals: list[Repeal] | None = None) -> Comparison:
    """Match every prohibition to the catalogue and find gaps and inconsistencies."""
    catalog = catalog or load_catalog()
    elections = load_elections() if elections is None else elections
    repeals = load_repeals() if repeals is None else repeals
    refs = {lid: _ref(lid, letter) for lid, letter in letters}
    by_id = dict(letters)
    findings: list[Finding] = []
    matrix: list[Cell] = []
    present: dict[str, dict[str, Cell]] = {}
    unmatched: list[tuple[str, str, Item]] = []
    memo: dict[str, list] = {}  # regions copy each other's wording: match each distinct text once

    def add(kind: str, letter_id: str, message: str, *, catalog_id: str | None = None, text: str | None = None,
            span: Span | None = None, severity: str | None = None) -> None:
        evidence = Evidence(text=text, span=span) if text is not None else None
        findings.append(Finding(kind=kind, severity=severity or SEVERITY.get(kind, "medium"), message=message,
                                letter=refs[letter_id], catalog_id=catalog_id, evidence=evidence))

    # coverage: each letter with a list of prohibitions against every catalogue entry
    for lid, letter in letters:
        if not letter.prohibitions:
            continue
        cells: dict[str, Cell] = {}
        for path, item in _leaves(letter.prohibitions):
            key = " ".join(words(item.text))
            found = memo.get(key)
            if found is None:
                found = memo[key] = match_item(item.text, catalog)
            if not found:
                unmatched.append((lid, path, item))
            for m in found:
                status = "changed" if m.changes else "present"
                old = cells.get(m.entry.id)
                if old is None or (old.status == "changed" and status == "present") or \
                        (old.status == status and (old.score or 0) < m.score):
                    cells[m.entry.id] = Cell(letter_id=lid, catalog_id=m.entry.id, status=status, item=path,
                                             score=m.score, reason=m.reason + ("; " + "; ".join(m.changes)
                                                                              if m.changes else ""))
                if m.changes:
                    add("wording_changed", lid,
                        f"item {path} states {m.entry.id} ({m.entry.pinpoint}) but changes it: {'; '.join(m.changes)}",
                        catalog_id=m.entry.id, text=item.text, span=item.span)
        present[lid] = cells
        for entry in catalog.entries:
            matrix.append(cells.get(entry.id) or Cell(letter_id=lid, catalog_id=entry.id, status="absent"))

    lineage, parent_of = _lineage(letters, refs)
    groups = _group_unmatched(unmatched, refs)
    _gaps(letters, catalog, present, parent_of, add)
    _unique(letters, present, groups, add)
    _letter_checks(letters, elections, repeals, by_id, add)
    _citation_consistency(letters, add)
    known = {number_key(letter.number) for _, letter in letters}
    for lid, letter in letters:
        own = number_key(letter.number)
        for cit in letter.citations:
            if cit.kind in ("se", "surat") and cit.number and number_key(cit.number) not in known | {own}:
                add("unresolved_reference", lid,
                    f"{cit.relation or 'cites'} {cit.kind.upper()} {cit.number}, which is not in the corpus",
                    text=cit.number, span=cit.span)
    return Comparison(
        catalog_version=catalog.version, catalog=[e.model_dump() for e in catalog.entries],
        letters=list(refs.values()), matrix=matrix, findings=findings, lineage=lineage, unmatched=groups,
    )


def _lineage(letters, refs) -> tuple[list[LineageNode], dict[str, str]]:
    """Letters that follow ("menindaklanjuti", "berdasarkan", ...) another letter in the corpus."""
    by_number: dict[str, list[str]] = defaultdict(list)
    for lid, letter in letters:
        key = number_key(letter.number)
        if key:
            by_number[key].append(lid)
    parent_of: dict[str, str] = {}
    by_id = dict(letters)
    for lid, letter in letters:
        for cit in letter.citations:
            if cit.kind not in ("se", "surat", "keputusan") or not cit.number:
                continue
            candidates = [p for p in by_number.get(number_key(cit.number) or "", []) if p != lid]
            dated = [p for p in candidates if not (letter.date and by_id[p].date and by_id[p].date > letter.date)]
            if dated:
                parent_of[lid] = dated[0]
                break
    children: dict[str, list[str]] = defaultdict(list)
    for child, parent in parent_of.items():
        children[parent].append(child)

    def node(lid: str, seen: frozenset[str]) -> LineageNode:
        return LineageNode(letter=refs[lid], children=[node(c, seen | {c}) for c in children[lid] if c not in seen])

    roots = [lid for lid in children if lid not in parent_of]
    return [node(r, frozenset({r})) for r in roots], parent_of


def _gaps(letters, catalog: Catalog, present, parent_of, add) -> None:
    for lid, letter in letters:
        if lid not in present:
            continue
        cells = present[lid]
        parent = parent_of.get(lid)
        if parent in present:
            for entry_id in present[parent]:
                if entry_id not in cells:
                    add("parent_item_dropped", lid,
                        f"the parent letter states {entry_id} ({catalog.entry(entry_id).wording[:80]}); this letter "
                        f"does not", catalog_id=entry_id, severity="high")
            continue
        cited = {instrument_key(c.kind, c.number, c.year) for c in letter.citations}
        baseline_name = next((k for k in catalog.baselines if k in cited), "national")
        for entry_id in catalog.baselines.get(baseline_name, []):
            if entry_id not in cells:
                entry = catalog.entry(entry_id)
                where = "the instrument it cites" if baseline_name != "national" else "the national baseline"
                add("missing_item", lid, f"{entry_id} ({entry.pinpoint}: {entry.wording[:90]}) from {where} "
                    "is not in this letter's prohibitions", catalog_id=entry_id, severity=entry.severity)


def _doc_key(lid: str, letter: Letter) -> str:
    """Copies of one letter (its text and its PDF) share a key: they are not two regions agreeing."""
    return number_key(letter.number) or lid


def _unique(letters, present, groups: list[dict], add) -> None:
    """Acts no other letter of the same election states (catalogued acts and grouped unmatched ones)."""
    by_id = dict(letters)
    holders: dict[tuple[int | None, str], set[str]] = defaultdict(set)
    for lid, cells in present.items():
        year = by_id[lid].election.year if by_id[lid].election else None
        for entry_id in cells:
            holders[(year, entry_id)].add(_doc_key(lid, by_id[lid]))
    letters_with_lists = {_doc_key(lid, by_id[lid]) for lid in present}

    def only(keys: set[str], mine: set[str]) -> bool:
        """True when ``keys`` holds nothing but ``mine`` (without copying large sets)."""
        return len(keys) <= len(mine) and keys <= mine

    if len(letters_with_lists) < 2:
        return  # nothing to compare with
    for lid, cells in present.items():
        me = {_doc_key(lid, by_id[lid])}
        year = by_id[lid].election.year if by_id[lid].election else None
        for entry_id, cell in cells.items():
            if only(holders[(year, entry_id)], me):
                item = _find(by_id[lid], cell.item)
                add("unique_item", lid, f"item {cell.item} ({entry_id}) appears in no other letter of this election",
                    catalog_id=entry_id, text=item.text if item else None, span=item.span if item else None)
    for group in groups:
        keys = {_doc_key(x["id"], by_id[x["id"]]) for x in group["letters"]}
        if len(keys) > 1:
            continue
        for x in group["letters"]:
            if not only(letters_with_lists, keys):
                item = _find(by_id[x["id"]], x["item"])
                add("unique_item", x["id"], f"item {x['item']} matches no catalogue entry and no other letter's items",
                    text=item.text if item else group["text"], span=item.span if item else None)


def _find(letter: Letter, path: str | None) -> Item | None:
    return next((item for p, item in _leaves(letter.prohibitions) if p == path), None)


def _letter_checks(letters, elections: list[Election], repeals: list[Repeal], by_id, add) -> None:
    repealed = {r.instrument: r for r in repeals}
    for lid, letter in letters:
        date_span = letter.spans.get("date")
        if letter.number is None:
            add("number_missing", lid, "the letter has no number (blank or not printed)")
        if letter.signatory.name is None:
            title = letter.signatory.title or letter.issuer.title
            add("signatory_missing", lid, "the signature block prints no name", text=title,
                span=letter.spans.get("signatory.title"))
        for warning in letter.warnings:
            if warning.code == "nip_invalid":
                add("nip_invalid", lid, warning.message, text=letter.signatory.nip or "", span=warning.span)
        if not letter.citations:
            add("no_legal_basis", lid, "the letter cites no legal instrument", text=letter.subject,
                span=letter.spans.get("subject"))
        for cit in letter.citations:
            key = instrument_key(cit.kind, cit.number, cit.year)
            repeal = repealed.get(key)
            if repeal and letter.date and letter.date >= repeal.effective:
                add("repealed_citation", lid, f"cites {key} ({repeal.title}), repealed by {repeal.repealed_by} "
                    f"from {repeal.effective.isoformat()}", text=cit.number or key, span=cit.span)
        if letter.date and letter.prohibitions:
            for election in _election_of(letter, elections):
                if letter.date > election.campaign_start:
                    add("late_letter", lid, f"issued {letter.date.isoformat()}, after the {election.id} campaign "
                        f"began ({election.campaign_start.isoformat()})", text=date_span and
                        letter.date.isoformat(), span=date_span)
                    break


def _citation_consistency(letters, add) -> None:
    """One instrument cited with different numbers or years, or one number for two instruments."""
    by_number: dict[tuple[str, str], set[int]] = defaultdict(set)
    by_title: dict[tuple[str, int, str], set[str]] = defaultdict(set)
    for _, letter in letters:
        for c in letter.citations:
            n = number_key(c.number)
            if n and c.year:
                by_number[(c.kind, n)].add(c.year)
            if c.title and c.year and n:
                by_title[(c.kind, c.year, " ".join(words(c.title))[:60])].add(n)
    for lid, letter in letters:
        for c in letter.citations:
            n = number_key(c.number)
            years = by_number.get((c.kind, n or ""), set())
            if len(years) > 1:
                add("inconsistent_citation", lid, f"{c.kind.upper()} {c.number} is cited with years "
                    f"{', '.join(map(str, sorted(years)))} across letters", text=c.number, span=c.span)
            numbers = by_title.get((c.kind, c.year or 0, " ".join(words(c.title or ""))[:60]), set())
            if c.title and len(numbers) > 1:
                add("inconsistent_citation", lid, f"{c.kind.upper()} of {c.year} on '{c.title[:60]}' is cited "
                    f"with numbers {', '.join(sorted(numbers))} across letters", text=c.number, span=c.span)


def _group_unmatched(unmatched, refs) -> list[dict]:
    """Acts no catalogue entry states, grouped when several letters state the same act:
    a group seen in several regions is a candidate new entry."""
    buckets: dict[str, dict] = {}
    for lid, path, item in unmatched:
        key = " ".join(words(item.text))
        group = buckets.setdefault(key, {"text": item.text, "letters": []})
        group["letters"].append({"id": lid, "item": path, "region_code": refs[lid].region_code})
    groups: list[dict] = []
    for key, bucket in buckets.items():
        for group in groups:
            if fuzz.token_set_ratio(group["key"], key) >= 85:
                group["letters"].extend(bucket["letters"])
                break
        else:
            groups.append({"key": key, **bucket})
    for group in groups:
        del group["key"]
        group["regions"] = len({x["region_code"] for x in group["letters"]})
    return sorted(groups, key=lambda g: -g["regions"])
