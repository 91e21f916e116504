"""Compare letters across regions: coverage of the catalogue, findings, lineage.

A library over :class:`~edaran.schema.letter.Letter` objects; ``edaran compare``
reads them from the corpus, and the result is stored back (``findings``,
``matches``) and rendered by :mod:`.report`.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import defaultdict
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz

from ..schema.letter import Item, Letter
from ..schema.provenance import Span
from .catalog import Catalog, Election, Repeal, load_catalog, load_elections, load_repeals
from .instruments import citation_keys, group_instruments, inconsistencies
from .lineage import forest, parents, references
from .matching import Match, match_item, words
from .store import number_key

SEVERITY = {"wording_changed": "medium", "repealed_citation": "high", "inconsistent_citation": "medium",
            "late_letter": "medium", "no_legal_basis": "medium", "signatory_missing": "high", "nip_invalid": "low",
            "number_missing": "high", "unresolved_reference": "low", "unique_item": "info",
            "parent_item_dropped": "high", "missing_item": "high"}
#: Two item wordings this similar (0-100) state the same act (used for acts outside the catalogue).
SAME_ACT = 85


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
    """One letter against one catalogue entry: the best item stating it."""

    letter_id: str
    catalog_id: str
    status: str                 # present | changed | absent
    item: str | None = None     # the item's path in the letter's tree (1.a)
    score: float | None = None
    reason: str | None = None


class ItemMatch(_Model):
    """One prohibition item against one catalogue entry it states (catalog_id null: it states none)."""

    letter_id: str
    item: str
    text: str
    span: Span
    leaf: bool
    catalog_id: str | None
    score: float | None = None
    status: str                 # present | changed | unmatched
    reason: str | None = None


class LineageNode(_Model):
    letter: LetterRef
    children: list[LineageNode] = []


class Comparison(_Model):
    catalog_version: str
    catalog: list[dict]
    letters: list[LetterRef]
    matrix: list[Cell]
    matches: list[ItemMatch]
    findings: list[Finding]
    lineage: list[LineageNode]
    instruments: list[dict]     # each cited instrument once, with the letters citing it
    unmatched: list[dict]       # acts no catalogue entry states, grouped across letters


def _ref(letter_id: str, letter: Letter) -> LetterRef:
    region = letter.issuer.region
    return LetterRef(id=letter_id, number=letter.number, source=letter.source.path,
                     region_code=region.code if region else None, region=region.name if region else None,
                     date=letter.date)


def walk(items: list[Item], parent: str = "") -> Iterable[tuple[str, Item]]:
    """(path like 1.a, item) for every item of a tree, parents before their children."""
    for i, item in enumerate(items, 1):
        label = item.label.strip(".)(: ") or str(i)  # as the corpus's items table writes paths
        path = f"{parent}.{label}" if parent else label
        yield path, item
        yield from walk(item.children, path)


def elections_of(letter: Letter, elections: list[Election]) -> list[Election]:
    """The elections a letter is about: of its kind and year, or without a year the next one after its date."""
    if letter.election is None:
        return []
    kinds = {"pemilu", "pilkada"} if letter.election.kind == "pemilu_pilkada" else {letter.election.kind}
    found = [e for e in elections if e.kind in kinds and letter.election.year in (None, e.year)]
    if letter.election.year is None and letter.date:
        upcoming = sorted((e for e in found if e.vote >= letter.date), key=lambda e: e.vote)
        found = [next(e for e in upcoming if e.kind == k) for k in kinds if any(e.kind == k for e in upcoming)]
    return found


def _election_keys(letter: Letter) -> set[tuple[str | None, int | None]]:
    """The elections a letter is compared within (a joint pemilu and pilkada letter counts for both)."""
    if letter.election is None:
        return {(None, None)}
    kinds = ("pemilu", "pilkada") if letter.election.kind == "pemilu_pilkada" else (letter.election.kind,)
    return {(k, letter.election.year) for k in kinds}


def _doc_key(lid: str, letter: Letter) -> str:
    """Copies of one letter (its text and its PDF) share a key: they are not two regions agreeing."""
    return number_key(letter.number) or lid


class _Run:
    """One comparison: the letters, the reference data, and the findings as they are found."""

    def __init__(self, letters: list[tuple[str, Letter]], catalog: Catalog, elections: list[Election],
                 repeals: list[Repeal]):
        self.letters = letters
        self.by_id = dict(letters)
        self.catalog = catalog
        self.elections = elections
        self.repeals = repeals
        self.refs = {lid: _ref(lid, letter) for lid, letter in letters}
        self.findings: list[Finding] = []
        self.matches: list[ItemMatch] = []
        self.cells: dict[str, dict[str, Cell]] = {}       # letter -> entry -> best cell
        self.unmatched: dict[str, list[tuple[str, Item]]] = {}  # letter -> leaves stating no entry

    def add(self, kind: str, letter_id: str, message: str, *, catalog_id: str | None = None,
            text: str | None = None, span: Span | None = None, severity: str | None = None) -> None:
        evidence = Evidence(text=text, span=span) if text else None
        self.findings.append(Finding(kind=kind, severity=severity or SEVERITY.get(kind, "medium"), message=message,
                                     letter=self.refs[letter_id], catalog_id=catalog_id, evidence=evidence))

    # coverage -------------------------------------------------------------------------------------------------
    def coverage(self) -> list[Cell]:
        memo: dict[str, list[Match]] = {}  # regions copy each other's wording: match each distinct text once
        matrix: list[Cell] = []
        for lid, letter in self.letters:
            if not letter.prohibitions:
                continue
            cells: dict[str, Cell] = {}
            unmatched: list[tuple[str, Item]] = []
            for path, item in walk(letter.prohibitions):
                key = " ".join(words(item.text))
                found = memo.get(key)
                if found is None:
                    found = memo[key] = match_item(item.text, self.catalog)
                leaf = not item.children
                if not found:
                    if leaf:  # a parent that states nothing is the list's lead-in ("dengan cara:")
                        unmatched.append((path, item))
                        self.matches.append(ItemMatch(letter_id=lid, item=path, text=item.text, span=item.span,
                                                      leaf=leaf, catalog_id=None, status="unmatched"))
                    continue
                for m in found:
                    self._record(lid, path, item, leaf, m, cells)
            self.cells[lid] = cells
            self.unmatched[lid] = unmatched
            matrix += [cells.get(e.id) or Cell(letter_id=lid, catalog_id=e.id, status="absent")
                       for e in self.catalog.entries]
        return matrix

    def _record(self, lid: str, path: str, item: Item, leaf: bool, m: Match, cells: dict[str, Cell]) -> None:
        status = "changed" if m.changes else "present"
        reason = m.reason + ("; " + "; ".join(m.changes) if m.changes else "")
        self.matches.append(ItemMatch(letter_id=lid, item=path, text=item.text, span=item.span, leaf=leaf,
                                      catalog_id=m.entry.id, score=m.score, status=status, reason=reason))
        old = cells.get(m.entry.id)
        if old is None or (old.status == "changed" and status == "present") or \
                (old.status == status and (old.score or 0) < m.score):
            cells[m.entry.id] = Cell(letter_id=lid, catalog_id=m.entry.id, status=status, item=path,
                                     score=m.score, reason=reason)
        if m.changes:
            self.add("wording_changed", lid, f"item {path} states {m.entry.id} ({m.entry.pinpoint}: "
                     f"{m.entry.wording[:70]}) but changes it: {'; '.join(m.changes)}",
                     catalog_id=m.entry.id, text=item.text, span=item.span)

    # gaps -----------------------------------------------------------------------------------------------------
    def gaps(self, parent_of: dict[str, str]) -> None:
        """Acts of the letter's baseline it leaves out: its parent letter's, else its instruments', else the
        national baseline for its election."""
        for lid, letter in self.letters:
            if lid not in self.cells:
                continue
            parent = parent_of.get(lid)
            if parent in self.cells:
                self._dropped(lid, parent)
                continue
            baseline, where = self._baseline(letter)
            for entry_id in baseline:
                if entry_id not in self.cells[lid]:
                    entry = self.catalog.entry(entry_id)
                    self.add("missing_item", lid, f"{entry_id} ({entry.pinpoint}: {entry.wording[:90]}) from {where} "
                             "is not in this letter's prohibitions", catalog_id=entry_id, severity=entry.severity)

    def _baseline(self, letter: Letter) -> tuple[list[str], str]:
        if letter.election is None:
            return [], ""  # the catalogue is of election neutrality: a letter about something else has no baseline
        cited = set().union(*(citation_keys(c) for c in letter.citations)) if letter.citations else set()
        baseline: list[str] = []
        names = []
        for key, entries in self.catalog.baselines.items():
            if key in cited:
                names.append(key)
                baseline += [e for e in entries if e not in baseline]
        if baseline:
            return baseline, "the instrument(s) it cites (" + ", ".join(names) + ")"
        kinds = ("pemilu", "pilkada") if letter.election.kind == "pemilu_pilkada" else (letter.election.kind,)
        for kind in kinds:
            for e in self.catalog.baselines.get(f"national:{kind}", self.catalog.baselines.get("national", [])):
                if e not in baseline:
                    baseline.append(e)
        return baseline, "the national baseline"

    def _dropped(self, lid: str, parent: str) -> None:
        mine, theirs = self.cells[lid], self.cells[parent]
        pref = self.refs[parent]
        for entry_id, cell in theirs.items():
            if entry_id not in mine:
                item = _find(self.by_id[parent], cell.item)
                self.add("parent_item_dropped", lid, f"the parent letter {pref.number} ({pref.source}) states "
                         f"{entry_id} in its item {cell.item}; this letter does not", catalog_id=entry_id,
                         text=item.text if item else None)
        own = [" ".join(words(item.text)) for _, item in walk(self.by_id[lid].prohibitions)]
        for path, item in self.unmatched.get(parent, []):
            text = " ".join(words(item.text))
            if not any(fuzz.token_set_ratio(text, o) >= SAME_ACT for o in own):
                self.add("parent_item_dropped", lid, f"the parent letter {pref.number} ({pref.source}) states in "
                         f"its item {path} an act this letter does not", text=item.text)

    # acts only one letter states -------------------------------------------------------------------------------
    def unique(self, groups: list[dict]) -> None:
        """Acts no other letter of the same election states (catalogued acts and grouped unmatched ones)."""
        holders: dict[tuple, set[str]] = defaultdict(set)
        with_lists: dict[tuple, set[str]] = defaultdict(set)
        for lid, cells in self.cells.items():
            letter = self.by_id[lid]
            for election in _election_keys(letter):
                with_lists[election].add(_doc_key(lid, letter))
                for entry_id in cells:
                    holders[(election, entry_id)].add(_doc_key(lid, letter))

        def alone(keys: set[str], mine: set[str]) -> bool:
            return len(keys) <= len(mine) and keys <= mine

        for lid, cells in self.cells.items():
            letter = self.by_id[lid]
            me = {_doc_key(lid, letter)}
            elections = [e for e in _election_keys(letter) if not alone(with_lists[e], me)]
            for entry_id, cell in cells.items():
                if elections and all(alone(holders[(e, entry_id)], me) for e in elections):
                    item = _find(letter, cell.item)
                    self.add("unique_item", lid, f"item {cell.item} ({entry_id}) appears in no other letter of "
                             "this election", catalog_id=entry_id, text=item.text if item else None,
                             span=item.span if item else None)
        for group in groups:
            keys = {_doc_key(x["id"], self.by_id[x["id"]]) for x in group["letters"]}
            if len(keys) > 1:
                continue
            for x in group["letters"]:
                letter = self.by_id[x["id"]]
                if any(not alone(with_lists[e], keys) for e in _election_keys(letter)):
                    item = _find(letter, x["item"])
                    self.add("unique_item", x["id"], f"item {x['item']} matches no catalogue entry and no other "
                             "letter's items", text=item.text if item else group["text"],
                             span=item.span if item else None)

    # one letter at a time ---------------------------------------------------------------------------------------
    def letter_checks(self) -> None:
        repealed = {r.instrument: r for r in self.repeals}
        for lid, letter in self.letters:
            if not (letter.number or "").strip():
                why = next((w for w in letter.warnings if w.code in ("number_missing", "number_blank")), None)
                self.add("number_missing", lid, "the letter has no number (blank or not printed)",
                         text=why.message if why else None, span=why.span if why else None)
            if letter.signatory.name is None:
                title = letter.signatory.title or letter.issuer.title
                self.add("signatory_missing", lid, "the signature block prints no name", text=title,
                         span=letter.spans.get("signatory.title"))
            for warning in letter.warnings:
                if warning.code == "nip_invalid":
                    self.add("nip_invalid", lid, warning.message, text=letter.signatory.nip or warning.message,
                             span=warning.span)
            if not letter.citations:
                self.add("no_legal_basis", lid, "the letter cites no legal instrument", text=letter.subject,
                         span=letter.spans.get("subject"))
            for c in letter.citations:
                for key in sorted(citation_keys(c)):
                    repeal = repealed.get(key)
                    if repeal and letter.date and letter.date >= repeal.effective:
                        self.add("repealed_citation", lid, f"cites {key} ({repeal.title}), repealed by "
                                 f"{repeal.repealed_by} from {repeal.effective.isoformat()}; the letter is dated "
                                 f"{letter.date.isoformat()}", text=c.number or key, span=c.span)
            self._late(lid, letter)

    def _late(self, lid: str, letter: Letter) -> None:
        about_neutrality = letter.prohibitions or "netral" in (letter.subject or "").lower()
        if not (letter.date and about_neutrality):
            return
        for election in elections_of(letter, self.elections):
            if letter.date > election.campaign_start:
                date_span = letter.spans.get("date")
                self.add("late_letter", lid, f"issued {letter.date.isoformat()}, after the {election.id} campaign "
                         f"began ({election.campaign_start.isoformat()})",
                         text=letter.date.isoformat() if date_span else None, span=date_span)
                return


def compare(letters: list[tuple[str, Letter]], *, catalog: Catalog | None = None,
            elections: list[Election] | None = None, repeals: list[Repeal] | None = None) -> Comparison:
    """Match every prohibition to the catalogue and find gaps, changes and inconsistencies.

    Python's cycle collector is paused meanwhile: the run makes hundreds of thousands of
    small records, and each full collection it set off walked every letter held in memory,
    so the time per letter doubled from 1k to 10k letters.  Its records hold no cycles:
    reference counting frees them as before.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _compare(letters, catalog, elections, repeals)
    finally:
        if collecting:
            gc.enable()


def _compare(letters: list[tuple[str, Letter]], catalog: Catalog | None, elections: list[Election] | None,
             repeals: list[Repeal] | None) -> Comparison:
    run = _Run(letters, catalog or load_catalog(), load_elections() if elections is None else elections,
               load_repeals() if repeals is None else repeals)
    matrix = run.coverage()
    refs = references(letters)
    parent_of = parents(refs)
    groups = _group_unmatched(run.unmatched, run.refs)
    run.gaps(parent_of)
    run.unique(groups)
    run.letter_checks()
    instruments = group_instruments(letters)
    for lid, c, message in inconsistencies(instruments):
        run.add("inconsistent_citation", lid, message, text=c.number or c.title, span=c.span)
    for r in refs:
        if r.parent_id is None:
            c = r.citation
            run.add("unresolved_reference", r.letter_id, f"{c.relation or 'cites'} {c.kind.upper()} "
                    f"{c.number or repr(c.title)}, which is not in the corpus", text=c.number or c.title, span=c.span)

    def node(tree: tuple[str, list]) -> LineageNode:
        return LineageNode(letter=run.refs[tree[0]], children=[node(t) for t in tree[1]])

    return Comparison(
        catalog_version=run.catalog.version, catalog=[e.model_dump() for e in run.catalog.entries],
        letters=list(run.refs.values()), matrix=matrix, matches=run.matches, findings=run.findings,
        lineage=[node(t) for t in forest(parent_of, [lid for lid, _ in letters])],
        instruments=[i.as_dict() for i in instruments], unmatched=groups,
    )


def _find(letter: Letter, path: str | None) -> Item | None:
    return next((item for p, item in walk(letter.prohibitions) if p == path), None)


def _group_unmatched(unmatched: dict[str, list[tuple[str, Item]]], refs: dict[str, LetterRef]) -> list[dict]:
    """Acts no catalogue entry states, grouped when several letters state the same act:
    a group seen in several regions is a candidate new entry."""
    buckets: dict[str, dict] = {}
    for lid, items in unmatched.items():
        for path, item in items:
            key = " ".join(words(item.text))
            group = buckets.setdefault(key, {"text": item.text, "letters": []})
            group["letters"].append({"id": lid, "item": path, "region_code": refs[lid].region_code})
    # near-identical wordings join one group; compare only wordings that share their first word
    heads: dict[str, list[dict]] = defaultdict(list)
    groups: list[dict] = []
    for key, bucket in buckets.items():
        first = key.split(" ", 1)[0]
        for group in heads[first]:
            if fuzz.token_set_ratio(group["key"], key) >= SAME_ACT:
                group["letters"].extend(bucket["letters"])
                break
        else:
            group = {"key": key, **bucket}
            heads[first].append(group)
            groups.append(group)
    for group in groups:
        del group["key"]
        group["regions"] = len({x["region_code"] for x in group["letters"]})
    return sorted(groups, key=lambda g: (-g["regions"], g["text"]))
