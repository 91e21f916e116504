"""The reference data the comparison applies: prohibited acts, repeals, election calendars.

All three are versioned data files in ``edaran/data``; a user can pass their own
catalogue (``edaran compare --catalog FILE``) in the same shape.
"""

from __future__ import annotations

import datetime as dt
import json
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
    source: str                   # instrument key, e.g. pp:94:2021
    pinpoint: str | None = None
    terms: list[str]
    qualifier: list[str] = []
    actors: list[str] = []
    severity: str = "medium"


class Catalog(_Model):
    version: str
    entries: list[Entry]
    baselines: dict[str, list[str]] = {}

    def entry(self, entry_id: str) -> Entry:
        return next(e for e in self.entries if e.id == entry_id)


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


def load_elections() -> list[Election]:
    return [Election.model_validate(e) for e in _read("elections.json")["elections"]]
