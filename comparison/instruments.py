"""Cited instruments across letters: which citations name one instrument, and where letters disagree.

A joint decree carries one number per signatory, and letters list them in any
order or only some of them: two such citations are one instrument when they
share a number (compared loosely, so "800- 5474" is "800-5474") and a year.
Other instruments are one when kind, number and year agree.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from rapidfuzz import fuzz

from ..corpus.store import instrument_key, number_key
from ..schema.letter import Citation, Letter
from .catalog import load_abbreviations
from .matching import words

#: Titles this similar (0-100) name the same instrument ("Disiplin PNS" vs "Disiplin Pegawai Negeri Sipil" is not).
SAME_TITLE = 85
#: Issuers this similar (0-100) may have issued one circular.
SAME_ISSUER = 60
#: Titles this dissimilar name different instruments.
OTHER_TITLE = 55


class Cited(NamedTuple):
    """What grouping instruments reads of one citation: the letter's ``position``-th (its span stays in the
    letter), with its words shared among the thousands of letters that cite an instrument alike."""

    kind: str
    number: str | None
    numbers: tuple[str, ...]
    year: int | None
    title: str | None
    issuer: str | None
    position: int


def citation_keys(c: Citation | Cited) -> set[str]:
    """Every instrument key a citation answers to: one per number of a joint decree."""
    numbers = c.numbers or ([c.number] if c.number else [])
    return {instrument_key(c.kind, n, c.year) for n in numbers} or {instrument_key(c.kind, None, c.year)}


def title_key(title: str | None) -> str:
    """A title's words with abbreviations written out ("ASN" = "Aparatur Sipil Negara")."""
    full = load_abbreviations()
    return " ".join(full.get(w, w) for w in words(title or ""))


@dataclass
class Instrument:
    """One cited instrument and the letters citing it (with how each spelled it)."""

    key: str
    kind: str
    year: int | None
    numbers: set[str] = field(default_factory=set)
    titles: Counter = field(default_factory=Counter)
    issuers: Counter = field(default_factory=Counter)
    uses: list[tuple[str, Cited]] = field(default_factory=list)

    def as_dict(self) -> dict:
        spellings = sorted({c.number for _, c in self.uses if c.number} | {n for _, c in self.uses for n in c.numbers})
        return {
            "key": self.key,
            "kind": self.kind,
            "year": self.year,
            "numbers": sorted(self.numbers),
            "spellings": spellings,
            "title": self.titles.most_common(1)[0][0] if self.titles else None,
            "letters": sorted({lid for lid, _ in self.uses}),
        }


class Instruments:
    """The distinct instruments letters cite (letters' own SE/surat references included), gathered one
    letter at a time."""

    def __init__(self) -> None:
        self.by_key: dict[str, Instrument] = {}
        self._shared: dict = {}

    def _share(self, value):
        return self._shared.setdefault(value, value) if value is not None else None

    def add(self, lid: str, letter: Letter) -> None:
        for index, citation in enumerate(letter.citations):
            c = self._share(
                Cited(
                    self._share(citation.kind),
                    self._share(citation.number),
                    self._share(tuple(citation.numbers)),
                    citation.year,
                    self._share(citation.title),
                    self._share(citation.issuer),
                    index,
                )
            )
            keys = citation_keys(c)
            found = next((self.by_key[k] for k in keys if k in self.by_key), None)
            if found is None:
                found = Instrument(key=instrument_key(c.kind, c.number, c.year), kind=c.kind, year=c.year)
            for k in keys:
                self.by_key.setdefault(k, found)
            found.numbers |= {number_key(n) or "" for n in (c.numbers or [c.number or ""])} - {""}
            if c.title:
                found.titles[c.title] += 1
            if c.issuer:
                found.issuers[title_key(c.issuer)] += 1
            found.uses.append((lid, c))

    def groups(self) -> list[Instrument]:
        unique = {id(i): i for i in self.by_key.values()}
        return sorted(unique.values(), key=lambda i: (-len(i.uses), i.key))


def inconsistencies(instruments: list[Instrument]) -> list[tuple[str, Cited, str, dict]]:
    """(letter id, citation, message, params) where letters disagree on an instrument; ``params`` are the
    message's parts, for a report in another language (``case``: other_title, other_year, other_number,
    untitled_year).

    The variant most letters use is taken as right and only the others are
    reported, so one odd letter does not flag the thousand that agree.
    """
    out: list[tuple[str, Cited, str, dict]] = []
    # one number (kind, number, year) under clearly different titles: two instruments share a number
    for inst in instruments:
        titles = list(inst.titles)
        if len(titles) < 2:
            continue
        usual_title = inst.titles.most_common(1)[0][0]
        odd = {t for t in titles if fuzz.token_set_ratio(title_key(t), title_key(usual_title)) < OTHER_TITLE}
        for lid, c in inst.uses:
            if c.title and c.title in odd:
                out.append(
                    (
                        lid,
                        c,
                        f"{_name(c)} is cited as '{c.title[:70]}', other letters cite the same number "
                        f"as '{usual_title[:70]}': one number for two instruments",
                        {"case": "other_title", "cited": _short(c), "title": c.title, "usual_title": usual_title},
                    )
                )
    # one instrument (kind and title) under different numbers or years
    by_title: dict[tuple[str, tuple[str, str]], list[Instrument]] = defaultdict(list)
    clusters: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for inst in instruments:
        if not inst.titles:
            continue
        t = title_key(inst.titles.most_common(1)[0][0])
        # circulars of many issuers share a subject ("Netralitas ASN dalam Pilkada"): their issuers must agree
        issuer = inst.issuers.most_common(1)[0][0] if inst.issuers else ""
        head = next(
            (
                h
                for h in clusters[inst.kind]
                if fuzz.token_set_ratio(h[0], t) >= SAME_TITLE
                and abs(len(h[0]) - len(t)) < max(len(h[0]), len(t)) / 2
                and (not h[1] or not issuer or fuzz.token_set_ratio(h[1], issuer) >= SAME_ISSUER)
            ),
            None,
        )
        if head is None:
            head = (t, issuer)
            clusters[inst.kind].append(head)
        by_title[(inst.kind, head)].append(inst)
    for group in by_title.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda i: -len(i.uses))
        main = group[0]
        for other in group[1:]:
            same_number = bool(main.numbers & other.numbers)
            same_year = main.year == other.year
            if same_number == same_year:
                continue  # both differ: another instrument on the same subject (UU 5/2014 and UU 20/2023)
            what = "year" if same_number else "number"
            pairs = [(other, main)] + ([(main, other)] if len(other.uses) == len(main.uses) else [])  # a tie: both
            for stray, usual in pairs:
                for lid, c in stray.uses:
                    out.append(
                        (
                            lid,
                            c,
                            f"{_name(c)} differs in its {what} from {_label(usual)}, which "
                            f"{len({x for x, _ in usual.uses})} other letter(s) cite under the same title",
                            {
                                "case": f"other_{what}",
                                "cited": _short(c),
                                "usual": _short_inst(usual),
                                "n": str(len({x for x, _ in usual.uses})),
                            },
                        )
                    )
    # a number cited without a title under another year than most letters give it
    by_number: dict[tuple[str, str], list[Instrument]] = defaultdict(list)
    for inst in instruments:
        for n in inst.numbers:
            by_number[(inst.kind, n)].append(inst)
    for group in by_number.values():
        if len({i.year for i in group}) < 2:
            continue
        main = max(group, key=lambda i: len(i.uses))
        for other in group:
            if other is main or other.titles or other.year == main.year:
                continue
            for lid, c in other.uses:
                out.append(
                    (
                        lid,
                        c,
                        f"{_name(c)} differs in its year from {_label(main)}, which "
                        f"{len({x for x, _ in main.uses})} other letter(s) cite",
                        {
                            "case": "untitled_year",
                            "cited": _short(c),
                            "usual": _short_inst(main),
                            "n": str(len({x for x, _ in main.uses})),
                        },
                    )
                )
    return out


def _name(c: Cited) -> str:
    return f"{c.kind.upper()} {c.number or '(no number)'}{f' of {c.year}' if c.year else ''}"


def _label(inst: Instrument) -> str:
    number = next(iter(sorted(inst.numbers)), "(no number)")
    return f"{inst.kind.upper()} {number}{f' of {inst.year}' if inst.year else ''}"


def _short(c: Cited) -> str:
    """ "PP 94/2021", "UU 7", "SE 9/2024": the same in every language."""
    return f"{c.kind.upper()} {c.number or '?'}" + (f"/{c.year}" if c.year else "")


def _short_inst(inst: Instrument) -> str:
    number = next(iter(sorted(inst.numbers)), "?")
    return f"{inst.kind.upper()} {number}" + (f"/{inst.year}" if inst.year else "")
