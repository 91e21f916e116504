"""Which corpus letter a letter follows ("menindaklanjuti", "berdasarkan" a circular or letter), and the trees.

A reference is resolved by (issuer, kind, number, year): the number compared
loosely (case, spaces, "Nomor", and the O/0 and l/1 confusions of scans) and
without the "Tahun 2024" that a national letter prints in its number but a
citation gives as the year; a short number ("9") is shared by many issuers, so
the cited issuer must agree.  Several letters under one number are told apart
by the cited issuer and subject. A reference without a number is resolved by
subject and issuer among the letters of its year. A parent is never dated after
the letter that follows it.  References no corpus letter answers stay in the
trees as open nodes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from functools import cache
from importlib import resources
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz, process

from ..corpus.store import number_key
from ..extract.vocabulary import title_words
from ..schema.letter import Citation, Letter
from .catalog import load_abbreviations
from .matching import words

#: Kinds of citation that can name a letter of the corpus.
LETTER_KINDS = ("se", "surat")
#: The document types a citation of each kind can name ("other": the extractor could not tell).
CITED_KINDS = {"se": ("surat_edaran", "other"), "surat": ("surat", "nota_dinas", "surat_edaran", "other")}
#: Subject and issuer similarity (0-100) a reference without a number needs.
SUBJECT_MATCH = 85
ISSUER_MATCH = 60
#: Relations in the order they make a letter a parent.
RELATION_ORDER = ("menindaklanjuti", "melaksanakan", "mempedomani", "berdasarkan", "merujuk", None, "mencabut")


#: The year a national letter prints inside its number ("NOMOR 9 TAHUN 2024"); citations give it apart.
_YEAR_IN_NUMBER = re.compile(r"\s*tahun\s*(\d{4})\s*$", re.I)


def loose_number(number: str | None) -> str | None:
    """A number as scans and typists vary it: "800/O46/BKD" = "800/046/bkd", "e-0O23" = "e-0023",
    "9 TAHUN 2024" = "9"."""
    key = number_key(_YEAR_IN_NUMBER.sub("", number) if number else number)
    if key is None:
        return None
    key = re.sub(r"(?<=\d)o|o(?=\d)", "0", key)
    return re.sub(r"(?<=\d)[li]|[li](?=\d)", "1", key)


def _short(key: str) -> bool:
    """A bare serial ("9", "12"): it names a letter only together with its issuer."""
    return key.isdigit()


@cache
def _issuers() -> dict:
    return json.loads(resources.files("edaran.data").joinpath("issuers.json").read_text("utf-8"))


@cache
def _generic_words() -> frozenset[str]:
    """The words of offices, acting prefixes and levels (the extractor's vocabulary) and the others issuers share."""
    return title_words() | frozenset(_issuers()["generic"])


@cache
def _aliases() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """Short name -> its words, longest first ("menpan rb" before "rb" could be read alone)."""
    found = {**load_abbreviations(), **_issuers().get("aliases", {})}
    pairs = [(tuple(k.split()), tuple(v.split())) for k, v in found.items()]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def issuer_words(text: str) -> list[str]:
    """An issuer's words with its short names written out ("Menteri PANRB" -> "menteri pendayagunaan
    aparatur negara dan reformasi birokrasi")."""
    ws = words(text)
    out: list[str] = []
    i = 0
    while i < len(ws):
        for short, full in _aliases():
            if tuple(ws[i : i + len(short)]) == short:
                out.extend(full)
                i += len(short)
                break
        else:
            out.append(ws[i])
            i += 1
    return out


def same_issuer(cited: str, issuer: str) -> float:
    """How alike two issuers are (0-100) by the words that tell them apart ("Menteri Agama" and "Menteri Dalam
    Negeri" share only "Menteri"), short names written out; issuers with nothing but generic words are compared
    whole."""
    generic = _generic_words()
    full_a, full_b = issuer_words(cited), issuer_words(issuer)
    a = [w for w in full_a if w not in generic]
    b = [w for w in full_b if w not in generic]
    if not a or not b:
        return fuzz.token_set_ratio(" ".join(full_a), " ".join(full_b))
    return fuzz.token_set_ratio(" ".join(a), " ".join(b))


class Known(NamedTuple):
    """What resolving a reference reads of a corpus letter: a few fields, not the letter."""

    number: str | None
    date: dt.date | None
    doc_type: str
    subject: str | None
    issuer: str  # title, office and region in one string (:func:`same_issuer` compares it)

    @classmethod
    def of(cls, letter: Letter, shared: dict[str, str]) -> Known:
        """``shared`` keeps one copy of words many letters repeat (a subject, an issuer)."""
        i = letter.issuer
        issuer = " ".join(x for x in (i.title, i.office, i.region.name if i.region else None) if x)
        subject = shared.setdefault(letter.subject, letter.subject) if letter.subject else None
        return cls(
            letter.number,
            letter.date,
            shared.setdefault(letter.doc_type, letter.doc_type),
            subject,
            shared.setdefault(issuer, issuer),
        )


class Reference(BaseModel):
    """A letter's reference to another letter, resolved or not."""

    model_config = ConfigDict(frozen=True)

    letter_id: str
    citation: Citation
    parent_id: str | None


class Resolver:
    """Resolve SE/letter citations to letters of the corpus.

    Letters are added one at a time and kept as :class:`Known` rows, so a corpus read in pages is
    resolved without holding its letters."""

    def __init__(self) -> None:
        self.by_id: dict[str, Known] = {}
        self.by_number: dict[str, list[str]] = defaultdict(list)
        self.by_year: dict[int | None, list[str]] = defaultdict(list)
        self._subjects: dict[int | None, tuple[list[str], list[str]]] = {}
        self.pending: list[tuple[str, Citation]] = []  # the citations to resolve once every letter is known
        self._shared: dict[str, str] = {}

    def add(self, lid: str, letter: Letter) -> None:
        """Know ``letter``, and keep its citations that may name another corpus letter."""
        known = self.by_id[lid] = Known.of(letter, self._shared)
        key = loose_number(known.number)
        if key:
            self.by_number[key].append(lid)
        self.by_year[known.date.year if known.date else None].append(lid)
        for c in letter.citations:
            if c.kind in LETTER_KINDS and not (key and loose_number(c.number) == key):
                self.pending.append((lid, c))

    def references(self) -> list[Reference]:
        """Every kept citation, with the corpus letter it names (or None)."""
        return [Reference(letter_id=lid, citation=c, parent_id=self.resolve(lid, c)) for lid, c in self.pending]

    def resolve(self, lid: str, c: Citation) -> str | None:
        letter = self.by_id[lid]
        if c.number:
            key = loose_number(c.number) or ""
            candidates = [p for p in self.by_number.get(key, []) if p != lid]
            if _short(key):
                candidates = [
                    p for p in candidates if c.issuer and same_issuer(c.issuer, self.by_id[p].issuer) >= ISSUER_MATCH
                ]
        else:
            candidates = self._by_subject(lid, c)
        candidates = [p for p in candidates if self._plausible(letter, c, self.by_id[p])]
        if not candidates:
            return None
        return max(candidates, key=lambda p: self._affinity(c, self.by_id[p]))

    @staticmethod
    def _plausible(letter: Known, c: Citation, parent: Known) -> bool:
        if letter.date and parent.date and parent.date > letter.date:
            return False
        if c.kind in CITED_KINDS and parent.doc_type not in CITED_KINDS[c.kind]:
            return False  # a circular is not the instruction or memo that shares its number
        printed = _YEAR_IN_NUMBER.search(parent.number or "")
        year = int(printed.group(1)) if printed else parent.date.year if parent.date else None
        return not (c.year and year and year != c.year)

    @staticmethod
    def _affinity(c: Citation, parent: Known) -> float:
        score = 0.0
        if c.issuer:
            score += same_issuer(c.issuer, parent.issuer)
        if c.title and parent.subject:
            score += fuzz.token_set_ratio(" ".join(words(c.title)), " ".join(words(parent.subject)))
        return score

    def _by_subject(self, lid: str, c: Citation) -> list[str]:
        if not c.title:
            return []
        if c.year not in self._subjects:
            ids = self.by_year.get(c.year, []) if c.year else [i for v in self.by_year.values() for i in v]
            self._subjects[c.year] = (ids, [" ".join(words(self.by_id[i].subject or "")) for i in ids])
        ids, subjects = self._subjects[c.year]
        hits = process.extract(
            " ".join(words(c.title)), subjects, scorer=fuzz.token_set_ratio, score_cutoff=SUBJECT_MATCH, limit=5
        )
        found = [ids[index] for _, _, index in hits if ids[index] != lid]
        if c.issuer:  # a subject is shared by many regions: the issuer must agree too
            found = [p for p in found if same_issuer(c.issuer, self.by_id[p].issuer) >= ISSUER_MATCH]
        return found


def parents(refs: list[Reference]) -> dict[str, str]:
    """The one parent of each letter that follows a corpus letter (the strongest relation first)."""
    best: dict[str, tuple[int, str]] = {}
    for r in refs:
        if r.parent_id is None:
            continue
        rank = RELATION_ORDER.index(r.citation.relation) if r.citation.relation in RELATION_ORDER else 5
        if r.letter_id not in best or rank < best[r.letter_id][0]:
            best[r.letter_id] = (rank, r.parent_id)
    return {child: parent for child, (_, parent) in best.items()}


def forest(parent_of: dict[str, str], order: list[str]) -> list[tuple[str, list]]:
    """Trees (root id, children as the same pairs); a cycle is cut at its earliest letter in ``order``."""
    children: dict[str, list[str]] = defaultdict(list)
    for child, parent in parent_of.items():
        children[parent].append(child)
    position = {lid: i for i, lid in enumerate(order)}
    seen: set[str] = set()

    def build(lid: str) -> tuple[str, list]:
        seen.add(lid)
        kids = sorted((c for c in children[lid] if c not in seen), key=lambda c: position.get(c, 0))
        return lid, [build(c) for c in kids if c not in seen]

    linked = set(children) | set(parent_of)
    roots = [lid for lid in order if lid in children and lid not in parent_of]
    trees = [build(r) for r in roots]
    for lid in order:  # letters in a cycle have no root: start at the earliest one
        if lid in linked and lid not in seen:
            trees.append(build(lid))
    return trees
