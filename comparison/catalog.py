"""The reference data the comparison applies: prohibited acts, repeals, election calendars, severities, the
words letters write for abbreviations and time qualifiers.

All are versioned data files in ``edaran/data``; a user can pass their own
catalogue (``edaran compare --catalog FILE``) in the same shape.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..data import read_json
from ..errors import EdaranError


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class Entry(_Model):
    id: str
    group: str
    wording: str
    source: str  # instrument key, e.g. pp:94:2021
    pinpoint: str | None = None
    #: The act in a few words per language ("id", "en"): reports name acts by these, never by id.
    names: dict[str, str] = {}
    terms: list[str]
    #: Groups of distinguishing terms: a match needs a term of every group ("mengerahkan"; "fasilitas negara").
    requires: list[list[str]] = []
    #: Entries stating this act more narrowly: when one of them matches an item, this one does not.
    specialised_by: list[str] = []
    #: The act's frame without its verb, as groups of alternatives, the last one its object ("peserta
    #: kampanye" … "PNS lain"): an item with all of them and another active verb before the object states this
    #: act with a different root word ("mengajak PNS lain" for "mengerahkan PNS lain"); the act's verb is its first
    #: ``requires`` group.
    frame: list[list[str]] = []
    qualifier: list[str] = []
    actors: list[str] = []
    severity: str = "medium"

    def name(self, lang: str = "id") -> str:
        return self.names.get(lang) or self.names.get("id") or self.wording

    def where(self) -> str:
        """Where the act is written: "PP 94/2021 Pasal 5 huruf n angka 3", "SKB 2/2022 lampiran"."""
        kind, number, year = (self.source.split(":") + ["", "", ""])[:3]
        return f"{kind.upper()} {number}/{year}" + (f" {self.pinpoint}" if self.pinpoint else "")


class Ambiguous(_Model):
    """Subject words with another sense too ("kampanye pemasaran", "kampanye hidup sehat"): they say the
    catalogue's subject standing bare or followed by one of the ``context`` words ("kampanye pasangan calon"),
    or in a letter that names an election."""

    terms: list[str] = []
    context: list[str] = []


class Subject(_Model):
    """What a letter must be about to be measured against the catalogue (its perihal names one of the terms)."""

    names: dict[str, str] = {}
    terms: list[str] = []
    ambiguous: Ambiguous = Ambiguous()


class Catalog(_Model):
    version: str
    entries: list[Entry]
    baselines: dict[str, list[str]] = {}
    subject: Subject | None = None

    def entry(self, entry_id: str) -> Entry:
        return next(e for e in self.entries if e.id == entry_id)


class Severity(_Model):
    severity: str
    rationale: str


class Severities(_Model):
    """The severity of each finding kind and each kind of wording change, with the reason for it."""

    findings: dict[str, Severity]
    changes: dict[str, Severity]

    def of(self, kind: str) -> str:
        found = self.findings.get(kind)
        return found.severity if found else "medium"


class Repeal(_Model):
    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True)

    instrument: str
    title: str | None = None
    repealed_by: str
    effective: dt.date = Field(alias="from")


class Election(_Model):
    id: str
    kind: str
    year: int
    campaign_start: dt.date
    campaign_end: dt.date
    vote: dt.date


def _read(name: str) -> dict:
    return read_json(name)


def load_catalog(path: str | Path | None = None) -> Catalog:
    """The bundled catalogue, or the one in ``path``."""
    try:
        data = json.loads(Path(path).read_text("utf-8")) if path else _read("catalog.json")
        return Catalog.model_validate(data)
    except (OSError, json.JSONDecodeError, ValidationError) as err:
        raise EdaranError(f"cannot use catalogue {path}: {err}") from None


def load_repeals() -> list[Repeal]:
    return [Repeal.model_validate(r) for r in _read("repeals.json")["repeals"]]


def load_severities() -> Severities:
    return Severities.model_validate(_read("severity.json"))


@cache
def load_abbreviations() -> dict[str, str]:
    """Abbreviation -> its words ("asn" -> "aparatur sipil negara")."""
    return _read("abbreviations.json")["abbreviations"]


@cache
def load_qualifiers() -> dict[str, tuple[str, ...]]:
    """A time qualifier's word -> the words and phrases that say it ("selama" -> "pada saat", "dalam masa" …)."""
    return {word: tuple(said) for word, said in _read("qualifiers.json")["qualifiers"].items()}


def load_elections() -> list[Election]:
    return [Election.model_validate(e) for e in _read("elections.json")["elections"]]
