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
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz

from ..corpus.store import number_key
from ..schema.letter import Item, Letter
from ..schema.provenance import Span
from .actors import actors_in
from .catalog import Catalog, Election, Repeal, Severities, load_catalog, load_elections, load_repeals, load_severities
from .instruments import citation_keys, group_instruments, inconsistencies
from .lineage import Reference, forest, parents, references
from .matching import Match, match_item, words
from .scope import is_heading, lead_in, out_of_scope

#: Severities from gravest; a changed wording is as grave as its gravest change.
RANKS = ("high", "medium", "low", "info")
#: Words by which a letter orders an instrument applied as a whole ("agar disosialisasikan dan dilaksanakan"):
#: the instrument's acts are then forbidden by reference, even where the letter does not restate them.
ADOPTING = re.compile(
    r"\b(?:dilaksanakan|dipedomani|dipatuhi|ditaati|berpedoman|melaksanakan|mempedomani|"
    r"disosialisasikan)\b",
    re.I,
)
#: Where the sentence of a citation ends: adopting words after it belong to another sentence.
_SENTENCE_END = re.compile(r"[.;]\s|\n")
#: How far after a citation its adopting words may stand (characters).
ADOPTING_WINDOW = 300
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


class _Run:
    """One comparison: the letters, the reference data, and the findings as they are found."""

    def __init__(
        self,
        letters: list[tuple[str, Letter]],
        catalog: Catalog,
        elections: list[Election],
        repeals: list[Repeal],
        severities: Severities,
        texts: dict[str, str],
    ):
        self.letters = letters
        self.by_id = dict(letters)
        self.catalog = catalog
        self.elections = elections
        self.repeals = repeals
        self.severities = severities
        self.texts = texts
        self.refs = {lid: _ref(lid, letter) for lid, letter in letters}
        self.findings: list[Finding] = []
        self.matches: list[ItemMatch] = []
        self.cells: dict[str, dict[str, Cell]] = {}  # letter -> entry -> best cell
        self.unmatched: dict[str, list[tuple[str, Item]]] = {}  # letter -> leaves stating no entry
        self.excluded: list[Excluded] = []
        self.required: dict[str, dict[str, str]] = {}  # letter -> entry -> baseline requiring it

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
            Evidence(text=text, span=span, quoted_from=self.refs[quoted_from] if quoted_from else None)
            if text
            else None
        )
        self.findings.append(
            Finding(
                kind=kind,
                severity=severity or self.severities.of(kind),
                message=message,
                letter=self.refs[letter_id],
                catalog_id=catalog_id,
                evidence=evidence,
                baseline=baseline,
                doubtful=_doubt(self.by_id[letter_id], about),
                params=params or {},
            )
        )

    def quote(self, lid: str, span: Span | None, fallback: str | None) -> str | None:
        """The letter's words at ``span`` when its text is at hand (a citation's number alone is not what the
        span covers), else ``fallback``."""
        text = self.texts.get(lid)
        if text and span and 0 <= span.start < span.end <= len(text):
            return text[span.start : span.end]
        return fallback

    # scope -----------------------------------------------------------------------------------------------------
    def scope(self) -> list[tuple[str, Letter]]:
        """The letters measured against the catalogue; the others are listed with the reason."""
        kept = []
        for lid, letter in self.letters:
            reason = out_of_scope(letter, self.catalog)
            if reason:
                self.excluded.append(Excluded(letter=self.refs[lid], reason=reason, subject=letter.subject))
            else:
                kept.append((lid, letter))
        return kept

    # coverage -------------------------------------------------------------------------------------------------
    def coverage(self, letters: list[tuple[str, Letter]]) -> list[Cell]:
        memo: dict[str, list[Match]] = {}  # regions copy each other's wording: match each distinct text once
        matrix: list[Cell] = []
        for lid, letter in letters:
            cells: dict[str, Cell] = {}
            unmatched: list[tuple[str, Item]] = []
            for path, item in walk(letter.prohibitions):
                if is_heading(item):
                    continue
                key = " ".join(words(item.text))
                found = memo.get(key)
                if found is None:
                    found = memo[key] = match_item(item.text, self.catalog)
                leaf = not item.children
                if not found:
                    if leaf:  # a parent that states nothing is the list's lead-in ("dengan cara:")
                        unmatched.append((path, item))
                        self.matches.append(
                            ItemMatch(
                                letter_id=lid,
                                item=path,
                                text=item.text,
                                span=item.span,
                                leaf=leaf,
                                catalog_id=None,
                                status="unmatched",
                            )
                        )
                    continue
                for m in found:
                    self._record(lid, path, item, leaf, m, cells)
            self.cells[lid] = cells
            self.unmatched[lid] = unmatched
            # an act a decree brings that the letter adopts by reference is not required to be restated
            required = {e for e, where in self.required.get(lid, {}).items() if not where.startswith("adopted:")}
            matrix += [
                cells[e.id].model_copy(update={"required": e.id in required})
                if e.id in cells
                else Cell(letter_id=lid, catalog_id=e.id, status="absent", required=e.id in required)
                for e in self.catalog.entries
            ]
        return matrix

    def _gravest(self, m: Match) -> str | None:
        ranks = [self.severities.changes[c.kind].severity for c in m.changes if c.kind in self.severities.changes]
        return min(ranks, key=RANKS.index) if ranks else None

    def _record(self, lid: str, path: str, item: Item, leaf: bool, m: Match, cells: dict[str, Cell]) -> None:
        gravest = self._gravest(m)
        # a lawful update (ASN for PNS) still states the act
        status = "changed" if gravest in ("high", "medium") else "present"
        reason = m.reason + ("; " + "; ".join(c.text for c in m.changes) if m.changes else "")
        self.matches.append(
            ItemMatch(
                letter_id=lid,
                item=path,
                text=item.text,
                span=item.span,
                leaf=leaf,
                catalog_id=m.entry.id,
                score=m.score,
                status=status,
                reason=reason,
            )
        )
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
        if m.changes:
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
    def lead_in_actors(self, letters: list[tuple[str, Letter]]) -> None:
        """People the sentence introducing the list binds whom the rule does not ("ASN dan Pegawai Kontrak
        … dilarang:"): every item below reaches them too."""
        for lid, letter in letters:
            found = lead_in(letter, self.texts.get(lid))
            if not found:
                continue
            quote, start, end = found
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

    # gaps -----------------------------------------------------------------------------------------------------
    def baselines(self, letters: list[tuple[str, Letter]]) -> None:
        """What each letter must state, and from which baseline (so the matrix can tell a required absence)."""
        for lid, letter in letters:
            self.required[lid] = self._baseline(lid, letter)

    def gaps(self, parent_of: dict[str, str]) -> None:
        """Acts of the letter's baseline it leaves out (its instruments', else the national baseline for its
        election), and separately its parent letter's; a gap its parent shares is said to be inherited."""
        for lid, required in self.required.items():
            parent = parent_of.get(lid)
            parent_cells = self.cells.get(parent) if parent else None
            for entry_id, where in required.items():
                if entry_id in self.cells[lid] or (parent_cells is not None and entry_id in parent_cells):
                    continue  # present, or dropped from the parent: one finding, said by _dropped
                entry = self.catalog.entry(entry_id)
                inherited = parent_cells is not None and entry_id not in parent_cells
                parent_number = (self.refs[parent].number or "") if inherited and parent else ""
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
            if parent in self.cells:
                self._dropped(lid, parent)

    def _baseline(self, lid: str, letter: Letter) -> dict[str, str]:
        """Entry -> where the requirement comes from: "national", "cites:<instrument>", or for entries only an
        adopted instrument brings "adopted:<instrument>" (forbidden by reference)."""
        required: dict[str, str] = {}
        adopted: dict[str, str] = {}
        text = self.texts.get(lid, "")
        for c in letter.citations:
            keys = [k for k in sorted(citation_keys(c)) if k in self.catalog.baselines]
            if not keys:
                continue
            after = text[c.span.end : c.span.end + ADOPTING_WINDOW] if text else ""
            by_reference = c.kind == "skb" and (
                c.relation in ("melaksanakan", "mempedomani") or bool(ADOPTING.search(_SENTENCE_END.split(after, 1)[0]))
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

    def _dropped(self, lid: str, parent: str) -> None:
        mine, theirs = self.cells[lid], self.cells[parent]
        pref = self.refs[parent]
        for entry_id, cell in theirs.items():
            if entry_id not in mine:
                entry = self.catalog.entry(entry_id)
                where = self.required.get(lid, {}).get(entry_id, "")
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
        own = [" ".join(words(item.text)) for _, item in walk(self.by_id[lid].prohibitions)]
        for path, item in self.unmatched.get(parent, []):
            text = " ".join(words(item.text))
            if not any(fuzz.token_set_ratio(text, o) >= SAME_ACT for o in own):
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
                    entry = self.catalog.entry(entry_id)
                    self.add(
                        "unique_item",
                        lid,
                        f"item {cell.item} (“{entry.name()}”) appears in no other letter of this election",
                        catalog_id=entry_id,
                        text=cell.text,
                        span=cell.span,
                        params={"entry": entry_id, "item": cell.item or ""},
                    )
        for group in groups:
            keys = {_doc_key(x["id"], self.by_id[x["id"]]) for x in group["letters"]}
            if len(keys) > 1:
                continue
            for x in group["letters"]:
                letter = self.by_id[x["id"]]
                if any(not alone(with_lists[e], keys) for e in _election_keys(letter)):
                    self.add(
                        "unique_item",
                        x["id"],
                        f"item {x['item']} matches no catalogue entry and no other letter's items",
                        text=x["text"],
                        span=Span.model_validate(x["span"]),
                        params={"item": x["item"]},
                    )

    # one letter at a time ---------------------------------------------------------------------------------------
    def letter_checks(self, in_scope: set[str]) -> None:
        repealed = {r.instrument: r for r in self.repeals}
        for lid, letter in self.letters:
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
                    repeal = repealed.get(key)
                    if repeal and letter.date and letter.date >= repeal.effective:
                        self.add(
                            "repealed_citation",
                            lid,
                            f"cites {key} ({repeal.title}), repealed by "
                            f"{repeal.repealed_by} from {repeal.effective.isoformat()}; the letter is dated "
                            f"{letter.date.isoformat()}",
                            text=self.quote(lid, c.span, c.number or key),
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
            if lid in in_scope:
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
                    text=self.quote(lid, date_span, letter.date.isoformat()) if date_span else None,
                    span=date_span,
                    about="date",
                    params={
                        "date": letter.date.isoformat(),
                        "election": election.id,
                        "since": election.campaign_start.isoformat(),
                    },
                )
                return


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
    is still the file it came from (:func:`~edaran.compare.scope.source_text`). ``election`` names the election compared, kept with the result.

    Python's cycle collector is paused meanwhile: the run makes hundreds of thousands of
    small records, and each full collection it set off walked every letter held in memory,
    so the time per letter doubled from 1k to 10k letters.  Its records hold no cycles:
    reference counting frees them as before.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        run = _Run(
            letters,
            catalog or load_catalog(),
            load_elections() if elections is None else elections,
            load_repeals() if repeals is None else repeals,
            load_severities(),
            texts or {},
        )
        return _compare(run, election)
    finally:
        if collecting:
            gc.enable()


def _compare(run: _Run, election: str | None) -> Comparison:
    letters = run.letters
    in_scope = run.scope()
    run.baselines(in_scope)
    matrix = run.coverage(in_scope)
    run.lead_in_actors(in_scope)
    refs = references(letters)
    parent_of = parents(refs)
    groups = _group_unmatched(run.unmatched, run.refs)
    run.gaps(parent_of)
    run.unique(groups)
    run.letter_checks({lid for lid, _ in in_scope})
    instruments = group_instruments(letters)
    for lid, c, message, params in inconsistencies(instruments):
        text = run.quote(lid, c.span, c.number or c.title)
        run.add("inconsistent_citation", lid, message, text=text, span=c.span, params=params)
    for r in refs:
        if r.parent_id is None:
            c = r.citation
            run.add(
                "unresolved_reference",
                r.letter_id,
                f"{c.relation or 'cites'} {_cited(c)}, which is not in the corpus",
                text=run.quote(r.letter_id, c.span, c.number or c.title),
                span=c.span,
                params={"relation": c.relation or "mengutip", "cited": _cited(c)},
            )
    return Comparison(
        catalog_version=run.catalog.version,
        catalog=[e.model_dump() for e in run.catalog.entries],
        election=election,
        subject=run.catalog.subject.names if run.catalog.subject else {},
        letters=list(run.refs.values()),
        excluded=run.excluded,
        severities={k: v.model_dump() for k, v in run.severities.findings.items()},
        matrix=matrix,
        matches=run.matches,
        findings=run.findings,
        lineage=_lineage(run, parent_of, refs),
        instruments=[i.as_dict() for i in instruments],
        unmatched=groups,
    )


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
        return LineageNode(letter=run.refs[tree[0]], children=[node(t) for t in tree[1]])

    trees = {t[0]: t for t in forest(parent_of, [lid for lid, _ in run.letters])}
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


def _group_unmatched(unmatched: dict[str, list[tuple[str, Item]]], refs: dict[str, LetterRef]) -> list[dict]:
    """Acts no catalogue entry states, grouped when several letters state the same act:
    a group seen in several regions is a candidate new entry."""
    buckets: dict[str, dict] = {}
    for lid, items in unmatched.items():
        for path, item in items:
            key = " ".join(words(item.text))
            group = buckets.setdefault(key, {"text": item.text, "letters": []})
            group["letters"].append(
                {
                    "id": lid,
                    "item": path,
                    "region_code": refs[lid].region_code,
                    "text": item.text,
                    "span": item.span.model_dump(),
                }
            )
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
