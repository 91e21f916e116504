"""Compare letters across regions: coverage of the catalogue, findings, lineage.

A library over :class:`~edaran.schema.letter.Letter` objects; ``edaran compare``
reads them from the corpus, and the result is stored back (``findings``,
``matches``) and rendered by :mod:`.report`.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Protocol

import sqlite_utils
from pydantic import BaseModel, ConfigDict

from ..corpus.store import ComparisonWriter, letter_ids, number_key, read_letters
from ..extract.patterns import load_patterns
from ..schema.letter import Item, Letter
from ..schema.provenance import Span
from .actors import actors_in
from .catalog import Catalog, Election, Repeal, Severities, load_catalog, load_elections, load_repeals, load_severities
from .instruments import Instrument, Instruments, citation_keys, inconsistencies
from .lineage import Reference, Resolver, forest, parents
from .matching import Match, acts, match_item, words
from .scope import is_heading, lead_ins, out_of_scope
from .uncatalogued import Weights, act_words, group_unmatched

#: Severities from gravest; a changed wording is as grave as its gravest change.
RANKS = ("high", "medium", "low", "info")
#: Words by which a letter orders an instrument applied as a whole ("agar disosialisasikan dan dilaksanakan"):
#: the instrument's acts are then forbidden by reference, even where the letter does not restate them.
ADOPTING = re.compile(
    r"\b(?:dilaksanakan|dipedomani|dipatuhi|ditaati|berpedoman|melaksanakan|mempedomani|"
    r"disosialisasikan)\b",
    re.I,
)
#: Where the sentence of a citation ends: adopting words after it belong to another sentence. It ends at a full
#: stop or semicolon, a blank line, a line opening an item ("2.", "b)", "-") or a heading line ("BAGIAN KEDUA");
#: a line break alone is where a long sentence wraps ("… dan Pemilihan agar" / "dipedomani dan dilaksanakan").
_SENTENCE_END = re.compile(
    r"[.;]\s|\n[ \t]*\n|\n[ \t]*(?:[A-Za-z0-9]{1,3}[.)]|[-\u2022*])[ \t]|\n[ \t]*[A-Z][A-Z ]{2,}[ \t]*(?:\n|$)"
)
#: How far after a citation its adopting words may stand (characters).
ADOPTING_WINDOW = 300
#: Words that point back to an instrument named before ("Keputusan Bersama tersebut", "SKB dimaksud",
#: "Keputusan Bersama sebagaimana tersebut di atas", "yang disebutkan di atas").
_BACK = r"(?:(?:sebagaimana|yang)\s+)?(?:tersebut|dimaksud|disebut(?:kan)?|di\s*atas)"


@cache
def _named_again(kind: str) -> re.Pattern[str]:
    """A sentence that names an instrument of ``kind`` again, points back to it and orders it applied
    ("Keputusan Bersama tersebut agar disosialisasikan dan dilaksanakan"): the names of a kind are the
    extractor's (``citations.json``)."""
    data = load_patterns("citations.json")
    names = [*data["phrases"].get(kind, []), *data["abbreviations"].get(kind, [])]
    name = "|".join(r"\s+".join(map(re.escape, n.split())) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"\b(?:{name})\s+{_BACK}\b[^.;]*?{ADOPTING.pattern}", re.I)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class LetterRef(_Model):
    id: str
    number: str | None
    source: str
    region_code: str | None
    region: str | None = None
    date: dt.date | None = None
    level: str | None = None
    province: str | None = None
    subject: str | None = None
    issuer: str | None = None


class Evidence(_Model):
    """The words a finding rests on, and whose they are: the letter's own, or (``quoted_from``) another letter's,
    such as its parent's item that it left out."""

    text: str
    span: Span | None
    quoted_from: LetterRef | None = None


class Finding(_Model):
    kind: str
    severity: str
    message: str
    letter: LetterRef
    catalog_id: str | None = None
    evidence: Evidence | None = None
    #: The baseline a gap was measured against: "parent", "instrument", "national", or "reference" (a decree the
    #: letter adopts as a whole); null for other findings.
    baseline: str | None = None
    #: Set when the finding rests on a value the extractor says needs review ("date", "number").
    doubtful: str | None = None
    #: The message's parts, for a report to say it in another language (report_labels.json "messages").
    params: dict[str, str | list[list[str]]] = {}


class Cell(_Model):
    """One letter against one catalogue entry: the best item stating it."""

    letter_id: str
    catalog_id: str
    status: str  # present | changed | absent
    item: str | None = None  # the item's path in the letter's tree (1.a); labels repeat, the span does not
    score: float | None = None
    reason: str | None = None
    text: str | None = None
    span: Span | None = None
    required: bool = False  # the letter's baseline requires the act


class ItemMatch(_Model):
    """One prohibition item against one catalogue entry it states (catalog_id null: it states none)."""

    letter_id: str
    item: str
    text: str
    span: Span
    leaf: bool
    catalog_id: str | None
    score: float | None = None
    status: str  # present | changed | unmatched
    reason: str | None = None


class LineageNode(_Model):
    """A letter of the corpus, or (``letter`` null) an open node: a letter cited but not in the corpus."""

    letter: LetterRef | None
    cited: str | None = None
    children: list[LineageNode] = []


class Excluded(_Model):
    """A letter left out of the coverage matrix, and why (other_subject | no_prohibitions)."""

    letter: LetterRef
    reason: str
    subject: str | None = None


class Comparison(_Model):
    catalog_version: str
    catalog: list[dict]
    election: str | None = None
    subject: dict[str, str] = {}  # what the catalogue is about, per language (out-of-scope reasons name it)
    letters: list[LetterRef]
    excluded: list[Excluded] = []
    severities: dict[str, dict] = {}
    matrix: list[Cell]
    matches: list[ItemMatch]
    findings: list[Finding]
    lineage: list[LineageNode]
    instruments: list[dict]  # each cited instrument once, with the letters citing it
    unmatched: list[dict]  # acts no catalogue entry states, grouped across letters


class Across(_Model):
    """The parts of a :class:`Comparison` that are not one letter's: the catalogue, and what is known only once
    every letter is read (lineage, instruments; the unmatched acts come apart, a group at a time).  A sink that
    was handed the letters' parts as they were found needs this to say the whole comparison."""

    catalog_version: str
    catalog: list[dict]
    election: str | None = None
    subject: dict[str, str] = {}
    severities: dict[str, dict] = {}
    lineage: list[LineageNode]
    instruments: list[dict]

    @classmethod
    def of(cls, result: Comparison) -> Across:
        return cls(**{name: getattr(result, name) for name in cls.model_fields})


def _ref(letter_id: str, letter: Letter) -> LetterRef:
    region = letter.issuer.region
    return LetterRef(
        id=letter_id,
        number=letter.number,
        source=letter.source.path,
        region_code=region.code if region else None,
        region=region.name if region else None,
        date=letter.date,
        level=region.level if region else None,
        province=region.province if region else None,
        subject=letter.subject,
        issuer=letter.issuer.title,
    )


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


#: A letter's state in the cross-letter indexes of :meth:`_Run.unique`: no letter yet, one (its key), or several.
_SEVERAL = "\0several"


class Sink(Protocol):
    """Where a comparison's parts go as they are found (a list in memory, or the corpus's rows)."""

    def letter(self, ref: LetterRef) -> None: ...
    def excluded(self, excluded: Excluded) -> None: ...
    def cell(self, cell: Cell) -> None: ...
    def match(self, match: ItemMatch) -> None: ...
    def finding(self, finding: Finding) -> None: ...


#: Letters read by id, in the order asked: (id, letter, its text or None).
Reader = Callable[[list[str]], Iterable[tuple[str, Letter, str | None]]]


def _hold(index: dict, key, doc: str) -> None:
    """Note that ``doc`` holds ``key``: the index keeps one holder, or that there are several."""
    held = index.get(key)
    if held is None:
        index[key] = doc
    elif held != doc:
        index[key] = _SEVERAL


def _alone(held: str | None, doc: str) -> bool:
    """Whether nobody but ``doc`` holds it."""
    return held is None or held == doc


class _Run:
    """One comparison, done in two readings of the letters, one letter in memory at a time.

    The first reading (:meth:`learn`) keeps compact indexes: each letter's reference fields, what resolving
    references needs (:class:`~.lineage.Resolver`), the cited instruments, who holds each catalogued act per
    election, the acts no entry states.  Between the readings (:meth:`settle`) references are resolved, the
    instruments checked and the parents' coverage measured.  The second reading (:meth:`judge`) compares each
    letter and hands its cells, matches and findings to the sink as they are found."""

    def __init__(
        self, catalog: Catalog, elections: list[Election], repeals: list[Repeal], severities: Severities, sink: Sink
    ):
        self.catalog = catalog
        self.acts = Weights(catalog)
        self.elections = elections
        self.repealed = {r.instrument: r for r in repeals}
        self.severities = severities
        self.sink = sink
        self.order: list[str] = []
        self.in_scope: set[str] = set()
        self.resolver = Resolver()
        self.instruments = Instruments()
        self.memo: dict[str, list[Match]] = {}  # regions copy each other's wording: match each distinct text once
        self.with_lists: dict = {}  # election -> the letter (document key) measured, or several
        self.buckets: dict[str, dict] = {}  # an unmatched act's words -> its wording and the letters stating it
        self.shared: dict = {}  # one copy of the paths, region codes, wordings and election keys letters repeat
        self.parent_of: dict[str, str] = {}
        self.references: dict[str, list[Reference]] = defaultdict(list)
        self.parent_cells: dict[str, dict[str, Cell]] = {}
        self.parent_unmatched: dict[str, list[tuple[str, Item]]] = {}
        self.flagged: dict[tuple[str, int], list[tuple[str, dict]]] = defaultdict(
            list
        )  # (letter, citation) -> inconsistencies
        self.groups: list[dict] = []
        self.lineage: list[LineageNode] = []
        self.instrument_groups: list[Instrument] = []
        self.lonely: dict[str, list[tuple[str, str, str]]] = defaultdict(list)  # letter -> acts only it states
        self.kept: dict[str, LetterRef] = {}  # the letters findings quote (parents) or the lineage shows
        self.current: tuple[str, Letter, str] | None = None
        self.current_ref: LetterRef | None = None

    def ref(self, lid: str) -> LetterRef:
        if self.current_ref is not None and self.current_ref.id == lid:
            return self.current_ref
        return self.kept[lid]

    def add(
        self,
        kind: str,
        letter_id: str,
        message: str,
        *,
        catalog_id: str | None = None,
        text: str | None = None,
        span: Span | None = None,
        severity: str | None = None,
        quoted_from: str | None = None,
        baseline: str | None = None,
        about: str | None = None,
        params: dict | None = None,
    ) -> None:
        """Record a finding; ``about`` names the letter's field it rests on, so a doubtful value is said."""
        evidence = (
            Evidence(text=text, span=span, quoted_from=self.ref(quoted_from) if quoted_from else None) if text else None
        )
        doubtful = None
        if about:
            assert self.current is not None and self.current[0] == letter_id
            doubtful = _doubt(self.current[1], about)
        self.sink.finding(
            Finding(
                kind=kind,
                severity=severity or self.severities.of(kind),
                message=message,
                letter=self.ref(letter_id),
                catalog_id=catalog_id,
                evidence=evidence,
                baseline=baseline,
                doubtful=doubtful,
                params=params or {},
            )
        )

    def quote(self, span: Span | None, fallback: str | None) -> str | None:
        """The current letter's words at ``span`` when its text is at hand (a citation's number alone is not
        what the span covers), else ``fallback``."""
        text = self.current[2] if self.current else ""
        if text and span and 0 <= span.start < span.end <= len(text):
            return text[span.start : span.end]
        return fallback

    # the first reading: indexes ------------------------------------------------------------------------------
    def learn(self, letters: Iterable[tuple[str, Letter, str | None]]) -> None:
        for lid, letter, _ in letters:
            self.order.append(lid)
            ref = _ref(lid, letter)
            self.sink.letter(ref)
            self.resolver.add(lid, letter)
            self.instruments.add(lid, letter)
            reason = out_of_scope(letter, self.catalog)
            if reason:
                self.sink.excluded(Excluded(letter=ref, reason=reason, subject=letter.subject))
                continue
            self.in_scope.add(lid)
            cells, unmatched = self.coverage(lid, letter, {}, emit=False)
            me = _doc_key(lid, letter)
            elections = tuple(_election_keys(letter))
            for election in elections:
                _hold(self.with_lists, election, me)
            share = self.shared.setdefault
            for path, item in unmatched:
                key = " ".join(words(item.text))
                bucket = self.buckets.setdefault(key, {"text": item.text, "letters": []})
                # kept for every letter until the second reading: shared words, and the span as its JSON
                # (a string, not a model of several objects)
                bucket["letters"].append(
                    (
                        lid,
                        share(path, path),
                        share(ref.region_code, ref.region_code),
                        share(item.text, item.text),
                        item.span.model_dump_json(exclude_none=True),
                        me,
                        share(elections, elections),
                    )
                )

    # between the readings ------------------------------------------------------------------------------------
    def settle(self, read: Reader, *, lineage: bool) -> None:
        """Resolve references, group what the indexes hold, and read again the few letters other letters are
        measured against (parents); with ``lineage`` also the letters the lineage trees show."""
        refs = self.resolver.references()
        self.resolver = Resolver()
        self.parent_of = parents(refs)
        for r in refs:
            self.references[r.letter_id].append(r)
        wanted = set(self.parent_of.values()) | ({r.letter_id for r in refs} if lineage else set())
        for lid, letter, _ in read(sorted(wanted)):
            self.kept[lid] = _ref(lid, letter)
            if lid in self.in_scope and lid in self.parent_of.values():
                self.parent_cells[lid], self.parent_unmatched[lid] = self.coverage(lid, letter, {}, emit=False)
        if lineage:
            self.lineage = _lineage(self, self.parent_of, refs)
        self.groups = group_unmatched(self.buckets, self.acts)
        self.buckets = {}
        self._lonely()
        self.instrument_groups = self.instruments.groups()
        for lid, c, message, params in inconsistencies(self.instrument_groups):
            self.flagged[(lid, c.position)].append((message, params))

    # the second reading: findings ----------------------------------------------------------------------------
    def judge(self, letters: Iterable[tuple[str, Letter, str | None]]) -> None:
        for lid, letter, text in letters:
            self.current = (lid, letter, text or "")
            self.current_ref = _ref(lid, letter)
            if lid not in self.in_scope:
                continue  # listed among the letters out of scope, with the reason, and not judged
            required = self._baseline(letter)
            cells, _ = self.coverage(lid, letter, required, emit=True)
            self.lead_in_actors(lid, letter)
            self.gaps(lid, letter, required, cells)
            self.letter_checks(lid, letter)
            for index, c in enumerate(letter.citations):
                for message, params in self.flagged.get((lid, index), []):
                    text = self.quote(c.span, c.number or c.title)
                    self.add("inconsistent_citation", lid, message, text=text, span=c.span, params=params)
            for r in self.references.get(lid, []):
                if r.parent_id is None:
                    c = r.citation
                    self.add(
                        "unresolved_reference",
                        lid,
                        f"{c.relation or 'cites'} {_cited(c)}, which is not in the corpus",
                        text=self.quote(c.span, c.number or c.title),
                        span=c.span,
                        params={"relation": c.relation or "mengutip", "cited": _cited(c)},
                    )
            for path, text, span in self.lonely.get(lid, []):
                self.add(
                    "unique_item",
                    lid,
                    f"item {path} matches no catalogue entry and no other letter's items",
                    text=text,
                    span=Span.model_validate_json(span),
                    params={"item": path},
                )
        self.current = self.current_ref = None

    # coverage -------------------------------------------------------------------------------------------------
    def coverage(
        self, lid: str, letter: Letter, required: dict[str, str], *, emit: bool
    ) -> tuple[dict[str, Cell], list[tuple[str, Item]]]:
        """The letter's best cell per catalogue entry, and its leaves stating no entry; with ``emit`` its
        matches, changed wordings and row of the matrix go to the sink."""
        cells: dict[str, Cell] = {}
        unmatched: list[tuple[str, Item]] = []
        for path, item in walk(letter.prohibitions):
            if is_heading(item):
                continue
            key = " ".join(words(item.text))
            found = self.memo.get(key)
            if found is None:
                found = self.memo[key] = match_item(item.text, self.catalog)
            leaf = not item.children
            if not found:
                if leaf:  # a parent that states nothing is the list's lead-in ("dengan cara:")
                    unmatched.append((path, item))
                    if emit:
                        self._match(lid, path, item, leaf, catalog_id=None, status="unmatched")
                continue
            for m in found:
                self._record(lid, path, item, leaf, m, cells, emit)
        if emit:
            # an act a decree brings that the letter adopts by reference is not required to be restated
            needed = {e for e, where in required.items() if not where.startswith("adopted:")}
            for e in self.catalog.entries:
                self.sink.cell(
                    cells[e.id].model_copy(update={"required": e.id in needed})
                    if e.id in cells
                    else Cell(letter_id=lid, catalog_id=e.id, status="absent", required=e.id in needed)
                )
        return cells, unmatched

    def _gravest(self, m: Match) -> str | None:
        ranks = [self.severities.changes[c.kind].severity for c in m.changes if c.kind in self.severities.changes]
        return min(ranks, key=RANKS.index) if ranks else None

    def _record(
        self, lid: str, path: str, item: Item, leaf: bool, m: Match, cells: dict[str, Cell], emit: bool
    ) -> None:
        gravest = self._gravest(m)
        # a lawful update (ASN for PNS) still states the act
        status = "changed" if gravest in ("high", "medium") else "present"
        reason = m.reason + ("; " + "; ".join(c.text for c in m.changes) if m.changes else "")
        if emit:
            self._match(lid, path, item, leaf, catalog_id=m.entry.id, score=m.score, status=status, reason=reason)
        old = cells.get(m.entry.id)
        if (
            old is None
            or (old.status == "changed" and status == "present")
            or (old.status == status and (old.score or 0) < m.score)
        ):
            cells[m.entry.id] = Cell(
                letter_id=lid,
                catalog_id=m.entry.id,
                status=status,
                item=path,
                score=m.score,
                reason=reason,
                text=item.text,
                span=item.span,
            )
        if emit and m.changes:
            self.add(
                "wording_changed",
                lid,
                f"item {path} states “{m.entry.name()}” ({m.entry.where()}) but "
                f"changes it: {'; '.join(c.text for c in m.changes)}",
                catalog_id=m.entry.id,
                text=item.text,
                span=item.span,
                severity=gravest,
                params={"item": path, "entry": m.entry.id, "changes": [[c.kind, c.detail] for c in m.changes]},
            )

    # actors ----------------------------------------------------------------------------------------------------

    def _match(self, lid: str, path: str, item: Item, leaf: bool, **how) -> None:
        """Hand the sink one item's match (or its lack: ``catalog_id`` None, status "unmatched")."""
        self.sink.match(ItemMatch(letter_id=lid, item=path, text=item.text, span=item.span, leaf=leaf, **how))

    def lead_in_actors(self, lid: str, letter: Letter) -> None:
        """People the sentence introducing the list, or a prohibition naming whom it forbids, binds whom the
        rule does not ("ASN dan Pegawai Kontrak … dilarang:"): every act it forbids reaches them too."""
        for quote, start, end in lead_ins(letter, self.current[2] if self.current else None):
            others = sorted({a.name for a in actors_in(words(quote)) if not a.bound})
            if others:
                self.add(
                    "actors_widened",
                    lid,
                    f"the sentence introducing the prohibitions binds "
                    f"{', '.join(others)}, whom the rules it applies (PP 94/2021, UU 20/2023) do not bind",
                    text=quote,
                    span=Span(start=start, end=end),
                    params={"actors": ", ".join(others)},
                )
                return

    # gaps -----------------------------------------------------------------------------------------------------
    def gaps(self, lid: str, letter: Letter, required: dict[str, str], cells: dict[str, Cell]) -> None:
        """Acts of the letter's baseline it leaves out (its instruments', else the national baseline for its
        election), and separately its parent letter's; a gap its parent shares is said to be inherited."""
        parent = self.parent_of.get(lid)
        parent_cells = self.parent_cells.get(parent) if parent else None
        for entry_id, where in required.items():
            if entry_id in cells or (parent_cells is not None and entry_id in parent_cells):
                continue  # present, or dropped from the parent: one finding per item, said by _dropped
            entry = self.catalog.entry(entry_id)
            inherited = parent_cells is not None and entry_id not in parent_cells
            parent_number = (self.ref(parent).number or "") if inherited and parent else ""
            also = f"; also missing in the parent letter {parent_number}" if parent_number else ""
            params = {"entry": entry_id, "by": where, "parent": parent_number}
            if where.startswith("adopted:"):
                self.add(
                    "missing_by_reference",
                    lid,
                    f"“{entry.name()}” ({entry.where()}) is not restated; "
                    f"the letter orders {where[8:]} applied as a whole{also}",
                    catalog_id=entry_id,
                    baseline="reference",
                    params=params,
                )
                continue
            self.add(
                "missing_item",
                lid,
                f"“{entry.name()}” ({entry.where()}), required by "
                f"{_required_by(where)}, is not in this letter's prohibitions{also}",
                catalog_id=entry_id,
                severity=entry.severity,
                baseline="national" if where == "national" else "instrument",
                params=params,
            )
        if parent is not None and parent_cells is not None:
            self._dropped(lid, letter, required, cells, parent)

    def _baseline(self, letter: Letter) -> dict[str, str]:
        """Entry -> where the requirement comes from: "national", "cites:<instrument>", or for entries only an
        adopted instrument brings "adopted:<instrument>" (forbidden by reference)."""
        required: dict[str, str] = {}
        adopted: dict[str, str] = {}
        text = self.current[2] if self.current else ""
        for c in letter.citations:
            keys = [k for k in sorted(citation_keys(c)) if k in self.catalog.baselines]
            if not keys:
                continue
            after = text[c.span.end : c.span.end + ADOPTING_WINDOW] if text else ""
            by_reference = c.kind == "skb" and (
                c.relation in ("melaksanakan", "mempedomani")
                or bool(ADOPTING.search(_SENTENCE_END.split(after, 1)[0]))
                or bool(_named_again(c.kind).search(text[c.span.end :]))
            )
            for key in keys:
                for e in self.catalog.baselines[key]:
                    if by_reference:
                        adopted.setdefault(e, f"adopted:{_instrument_name(c)}")
                    else:
                        required.setdefault(e, f"cites:{_instrument_name(c)}")
        if not required:
            kinds = (
                ("pemilu", "pilkada")
                if letter.election and letter.election.kind == "pemilu_pilkada"
                else (letter.election.kind if letter.election else "",)
            )
            for kind in kinds:
                for e in self.catalog.baselines.get(f"national:{kind}", self.catalog.baselines.get("national", [])):
                    required.setdefault(e, "national")
        return {**{e: w for e, w in adopted.items() if e not in required}, **required}

    def _dropped(self, lid: str, letter: Letter, required: dict[str, str], mine: dict[str, Cell], parent: str) -> None:
        pref = self.ref(parent)
        for entry_id, cell in _dropped_items(self.parent_cells[parent], mine, self.catalog).items():
            entry = self.catalog.entry(entry_id)
            where = required.get(entry_id, "")
            by = where if where and not where.startswith("adopted:") else ""
            also = f"; {_required_by(by)} requires it too" if by else ""
            self.add(
                "parent_item_dropped",
                lid,
                f"the parent letter {pref.number} states “{entry.name()}” "
                f"in its item {cell.item}; this letter does not{also}",
                catalog_id=entry_id,
                text=cell.text,
                span=cell.span,
                quoted_from=parent,
                baseline="parent",
                params={"entry": entry_id, "parent": pref.number or "", "item": cell.item or "", "by": by},
            )
        own = [act_words(item.text) for _, item in walk(letter.prohibitions)]
        for path, item in self.parent_unmatched.get(parent, []):
            stems = act_words(item.text)
            if not any(self.acts.same(stems, o) for o in own):
                self.add(
                    "parent_item_dropped",
                    lid,
                    f"the parent letter {pref.number} states in its item {path} an act this letter does not",
                    text=item.text,
                    span=item.span,
                    quoted_from=parent,
                    params={"parent": pref.number or "", "item": path},
                    baseline="parent",
                )

    # acts only one letter states ---------------------------------------------------------------------------------
    def _lonely(self) -> None:
        """Acts no catalogue entry states that no other letter of the same election states (its copies aside),
        said with the letter when its election has other letters to compare with."""
        for group in self.groups:
            for lid, path, _, text, span, key, elections in group["letters"]:
                compared = {e for e in elections if not _alone(self.with_lists.get(e), key)}
                shared = any(x[5] != key and compared & set(x[6]) for x in group["letters"])
                if compared and not shared:
                    self.lonely[lid].append((path, text, span))

    # one letter at a time ---------------------------------------------------------------------------------------
    def letter_checks(self, lid: str, letter: Letter) -> None:
        if not (letter.number or "").strip():
            why = next((w for w in letter.warnings if w.code in ("number_missing", "number_blank")), None)
            self.add(
                "number_missing",
                lid,
                "the letter has no number (blank or not printed)",
                text=why.message if why else None,
                span=why.span if why else None,
            )
        if letter.signatory.name is None:
            title = letter.signatory.title or letter.issuer.title
            self.add(
                "signatory_missing",
                lid,
                "the signature block prints no name",
                text=title,
                span=letter.spans.get("signatory.title"),
                about="signatory.name",
            )
        for warning in letter.warnings:
            if warning.code == "nip_invalid":
                self.add(
                    "nip_invalid",
                    lid,
                    warning.message,
                    text=letter.signatory.nip or warning.message,
                    span=warning.span,
                    params={"nip": letter.signatory.nip or ""},
                )
        if not letter.citations:
            self.add(
                "no_legal_basis",
                lid,
                "the letter cites no legal instrument",
                text=letter.subject,
                span=letter.spans.get("subject"),
            )
        for c in letter.citations:
            for key in sorted(citation_keys(c)):
                repeal = self.repealed.get(key)
                if repeal and letter.date and letter.date >= repeal.effective:
                    self.add(
                        "repealed_citation",
                        lid,
                        f"cites {key} ({repeal.title}), repealed by "
                        f"{repeal.repealed_by} from {repeal.effective.isoformat()}; the letter is dated "
                        f"{letter.date.isoformat()}",
                        text=self.quote(c.span, c.number or key),
                        span=c.span,
                        about="date",
                        params={
                            "key": key,
                            "title": repeal.title or "",
                            "by": repeal.repealed_by,
                            "since": repeal.effective.isoformat(),
                            "date": letter.date.isoformat(),
                        },
                    )
        if lid in self.in_scope:
            self._late(lid, letter)

    def _late(self, lid: str, letter: Letter) -> None:
        if not letter.date:
            return
        for election in elections_of(letter, self.elections):
            if letter.date > election.campaign_start:
                date_span = letter.spans.get("date")
                self.add(
                    "late_letter",
                    lid,
                    f"issued {letter.date.isoformat()}, after the {election.id} campaign "
                    f"began ({election.campaign_start.isoformat()})",
                    text=self.quote(date_span, letter.date.isoformat()) if date_span else None,
                    span=date_span,
                    about="date",
                    params={
                        "date": letter.date.isoformat(),
                        "election": election.id,
                        "since": election.campaign_start.isoformat(),
                    },
                )
                return


def _dropped_items(theirs: dict[str, Cell], mine: dict[str, Cell], catalog: Catalog) -> dict[str, Cell]:
    """The parent's acts this letter leaves out. An item of the parent left out whole is one finding per act
    it lists (:func:`acts`): an item two entries describe ("mengunggah … unggahan akun pemenangan … di media
    sosial") is one item dropped, said by its best entry; a sentence listing four acts is four. Of an item the
    letter keeps in part, each act it leaves out is said."""
    items: dict[object, list[tuple[str, Cell]]] = defaultdict(list)
    for entry_id, cell in theirs.items():  # an item is known by its span: labels repeat ("•", "a." per section)
        items[(cell.span.start, cell.span.end) if cell.span else (cell.item, entry_id)].append((entry_id, cell))
    out: dict[str, Cell] = {}
    for found in items.values():
        left = [(e, c) for e, c in found if e not in mine]
        if len(left) == len(found) > 1:
            listed = set(acts(found[0][1].text or "", catalog))
            left = [a for a in left if a[0] in listed] or [max(left, key=lambda a: a[1].score or 0)]
        out.update(left)
    return out


def _required_by(where: str) -> str:
    return "the national baseline" if where == "national" else f"the instrument it cites ({where.split(':', 1)[1]})"


def _instrument_name(c) -> str:
    return f"{c.kind.upper()} {c.number or ''}{'/' + str(c.year) if c.year else ''}".strip()


def _doubt(letter: Letter, field: str | None) -> str | None:
    """The field, when the extractor flagged it for review (a finding resting on it may be wrong)."""
    if field is None or not letter.review.needed:
        return None
    flagged = any(w.field == field for w in letter.warnings) or any(f"({field})" in r for r in letter.review.reasons)
    return field if flagged else None


class Collector:
    """A sink that keeps every part, for a :class:`Comparison` in memory (:meth:`result`)."""

    def __init__(self) -> None:
        self.letters: list[LetterRef] = []
        self.excluded_: list[Excluded] = []
        self.matrix: list[Cell] = []
        self.matches: list[ItemMatch] = []
        self.findings: list[Finding] = []

    def letter(self, ref: LetterRef) -> None:
        self.letters.append(ref)

    def excluded(self, excluded: Excluded) -> None:
        self.excluded_.append(excluded)

    def cell(self, cell: Cell) -> None:
        self.matrix.append(cell)

    def match(self, match: ItemMatch) -> None:
        self.matches.append(match)

    def finding(self, finding: Finding) -> None:
        self.findings.append(finding)

    def result(self, run: _Run, election: str | None) -> Comparison:
        return Comparison(
            letters=self.letters,
            excluded=self.excluded_,
            matrix=self.matrix,
            matches=self.matches,
            findings=self.findings,
            unmatched=list(_unmatched(run)),
            **dict(_across(run, election)),
        )


def _across(run: _Run, election: str | None) -> Across:
    return Across(
        catalog_version=run.catalog.version,
        catalog=[e.model_dump() for e in run.catalog.entries],
        election=election,
        subject=run.catalog.subject.names if run.catalog.subject else {},
        severities={k: v.model_dump() for k, v in run.severities.findings.items()},
        lineage=run.lineage,
        instruments=[i.as_dict() for i in run.instrument_groups],
    )


def _unmatched(run: _Run) -> Iterator[dict]:
    """The acts no catalogue entry states, a group at a time."""
    for g in run.groups:
        yield {
            "text": g["text"],
            "letters": [
                {
                    "id": lid,
                    "item": path,
                    "region_code": code,
                    "text": text,
                    "span": Span.model_validate_json(span).model_dump(),
                }
                for lid, path, code, text, span, _, _ in g["letters"]
            ],
            "regions": g["regions"],
        }


class _Rows:
    """A sink that writes findings and matches as the corpus's rows (:class:`~edaran.corpus.store.ComparisonWriter`),
    passing every part on to other sinks too."""

    def __init__(self, writer: ComparisonWriter, also: list[Sink]):
        self.writer = writer
        self.also = also
        self.count = {"letters": 0, "findings": 0}

    def letter(self, ref: LetterRef) -> None:
        self.count["letters"] += 1
        for sink in self.also:
            sink.letter(ref)

    def excluded(self, excluded: Excluded) -> None:
        for sink in self.also:
            sink.excluded(excluded)

    def cell(self, cell: Cell) -> None:
        for sink in self.also:
            sink.cell(cell)

    def match(self, match: ItemMatch) -> None:
        self.writer.match(match_row(match, self.writer.election))
        for sink in self.also:
            sink.match(match)

    def finding(self, finding: Finding) -> None:
        self.count["findings"] += 1
        self.writer.finding(finding_row(finding, self.writer.election))
        for sink in self.also:
            sink.finding(finding)


def finding_row(f: Finding, election: str) -> tuple:
    """A finding as the row the corpus stores (table ``findings``)."""
    span = f.evidence.span if f.evidence else None
    return (
        f.letter.id,
        f.kind,
        f.severity,
        f.catalog_id,
        f.message,
        f.evidence.text if f.evidence else None,
        span.start if span else None,
        span.end if span else None,
        span.page if span else None,
        election,
        f.baseline,
        f.evidence.quoted_from.id if f.evidence and f.evidence.quoted_from else None,
    )


def match_row(m: ItemMatch, election: str) -> tuple:
    """An item's match as the row the corpus stores (table ``matches``)."""
    return (m.letter_id, m.item, m.catalog_id, m.score, m.status, m.reason, election)


def _paused_collector(work: Callable[[], None]) -> None:
    """Run ``work`` with Python's cycle collector paused.

    A comparison makes hundreds of thousands of small records, and each full collection they set off walked
    every object held, so the time per letter grew with the corpus.  Its records hold no cycles: reference
    counting frees them as before."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        work()
    finally:
        if collecting:
            gc.enable()


def _run(sink: Sink, catalog: Catalog | None, elections: list[Election] | None, repeals: list[Repeal] | None) -> _Run:
    return _Run(
        catalog or load_catalog(),
        load_elections() if elections is None else elections,
        load_repeals() if repeals is None else repeals,
        load_severities(),
        sink,
    )


def compare(
    letters: list[tuple[str, Letter]],
    *,
    catalog: Catalog | None = None,
    elections: list[Election] | None = None,
    repeals: list[Repeal] | None = None,
    texts: dict[str, str] | None = None,
    election: str | None = None,
) -> Comparison:
    """Match every prohibition to the catalogue and find gaps, changes and inconsistencies.

    ``texts`` are the letters' texts (the corpus keeps them): the sentence introducing a list and the words
    after a citation are read there; for a letter without one, its lead-in is read from its file when that
    is still the file it came from (:func:`~edaran.comparison.scope.source_text`). ``election`` names the election
    compared, kept with the result.
    A corpus too large to hold is compared by :func:`compare_corpus`, which finds the same.
    """
    texts = texts or {}
    by_id = dict(letters)

    def read(ids: list[str]) -> Iterator[tuple[str, Letter, str | None]]:
        return ((lid, by_id[lid], texts.get(lid)) for lid in ids)

    sink = Collector()
    run = _run(sink, catalog, elections, repeals)

    def work() -> None:
        run.learn((lid, letter, texts.get(lid)) for lid, letter in letters)
        run.settle(read, lineage=True)
        run.judge((lid, letter, texts.get(lid)) for lid, letter in letters)

    _paused_collector(work)
    return sink.result(run, election)


@dataclass
class Stored:
    """What :func:`compare_corpus` did: letters compared, findings stored, what is known across the letters
    (None when there were none) with the unmatched acts a group at a time, and the comparison when asked to
    keep it."""

    letters: int
    findings: int
    across: Across | None = None
    unmatched: Iterable[dict] = ()
    result: Comparison | None = None


def compare_corpus(
    db: sqlite_utils.Database,
    *,
    election: str | None = None,
    catalog: Catalog | None = None,
    keep: bool = False,
    also: Sink | None = None,
) -> Stored:
    """Compare the corpus's letters (of one election, or all) and store the findings and matches, replacing the
    election's earlier ones; the letters are read a page at a time, twice, and the rows written as they are
    found (:class:`_Run`), so memory does not grow with every letter held.  ``also`` is handed every part as
    it is found too (a report's :class:`~.spool.Spool`), and the lineage is then traced.  ``keep`` also returns
    the whole :class:`Comparison`, which does grow with the corpus."""
    ids = letter_ids(db, election=election)
    if not ids:
        return Stored(0, 0)  # nothing compared: the stored comparison stays as it was
    collector = Collector() if keep else None
    writer = ComparisonWriter(db, election or "all")
    sink = _Rows(writer, [s for s in (collector, also) if s is not None])
    run = _run(sink, catalog, None, None)

    def read(wanted: list[str]) -> Iterator[tuple[str, Letter, str | None]]:
        return read_letters(db, wanted)

    def work() -> None:
        run.learn(read_letters(db, ids, texts=False))
        run.settle(read, lineage=keep or also is not None)
        run.judge(read(ids))

    try:
        _paused_collector(work)
    except BaseException:
        writer.close()
        raise
    writer.swap()
    result = collector.result(run, election) if collector else None
    return Stored(sink.count["letters"], sink.count["findings"], _across(run, election), _unmatched(run), result)


def _cited(c) -> str:
    """A cited letter in words: "SE Menteri … Nomor 9 Tahun 2024"."""
    return " ".join(
        x
        for x in (
            c.kind.upper(),
            c.issuer,
            f"Nomor {c.number}" if c.number else repr(c.title),
            f"Tahun {c.year}" if c.year and c.number and str(c.year) not in c.number else None,
        )
        if x
    )


def _lineage(run: _Run, parent_of: dict[str, str], refs: list[Reference]) -> list[LineageNode]:
    """The trees of letters following letters; a letter whose parent is not in the corpus hangs under an open
    node naming the cited letter (one per cited letter, shared by every letter citing it)."""

    def node(tree: tuple[str, list]) -> LineageNode:
        return LineageNode(letter=run.ref(tree[0]), children=[node(t) for t in tree[1]])

    trees = {t[0]: t for t in forest(parent_of, run.order)}
    opened: dict[str, list[str]] = {}
    for r in refs:
        if (
            r.parent_id is None
            and r.letter_id not in parent_of
            and r.citation.relation in ("menindaklanjuti", "melaksanakan")
        ):
            label = _cited(r.citation)
            if r.letter_id not in {x for ids in opened.values() for x in ids}:
                opened.setdefault(label, []).append(r.letter_id)
    placed = {x for ids in opened.values() for x in ids}
    out = [
        LineageNode(letter=None, cited=label, children=[node(trees.get(lid, (lid, []))) for lid in ids])
        for label, ids in opened.items()
    ]
    return [node(t) for lid, t in trees.items() if lid not in placed] + out
