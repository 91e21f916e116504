"""The Kemendagri regions (``wilayah.csv``) and the other names letters give them (``region_aliases.json``),
as plain rows found by name.

Rows rather than the record's ``Region`` models: a search filtered by a region finds it without
importing pydantic, and :mod:`edaran.extract.regions` makes its models from these same rows.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources
from typing import NamedTuple

from . import read_json


class RegionRow(NamedTuple):
    code: str
    name: str
    level: str
    province: str


def key(name: str) -> str:
    """Compare names ignoring case, spacing, dots and hyphens ("Pangkal Pinang" = "Pangkalpinang")."""
    return re.sub(r"[^a-z]", "", name.lower())


# Level words in front of a name: "Kota Administrasi Jakarta Selatan", "Kab. Sekadau".
LEVEL_WORDS = re.compile(
    r"^(?:(?:pemerintah(?:an)?|provinsi|prov\.?|kabupaten|kab\.?|kota(?:madya)?|administrasi|adm\.?|daerah\s+tingkat\s+i+|dati\s+i+)\s+)+",
    re.I,
)
_LEVEL_OF_WORD = {
    "provinsi": "provinsi",
    "prov": "provinsi",
    "kabupaten": "kabupaten",
    "kab": "kabupaten",
    "kota": "kota",
    "kotamadya": "kota",
}


@cache
def rows() -> tuple[RegionRow, ...]:
    """Every region of the table, in its order."""
    with resources.files(__package__).joinpath("wilayah.csv").open(encoding="utf-8") as fh:
        return tuple(RegionRow(r["kode"], r["nama"], r["tingkat"], r["provinsi"]) for r in csv.DictReader(fh))


@cache
def name_index() -> dict[str, list[RegionRow]]:
    """Name key -> regions with that name (a kabupaten and a kota may share one), in the table's order."""
    by_code = {row.code: row for row in rows()}
    index: dict[str, list[RegionRow]] = {}
    for row in rows():
        bare = LEVEL_WORDS.sub("", row.name)
        for name in {row.name, bare}:
            index.setdefault(key(name), []).append(row)
    for code, names in read_json("region_aliases.json")["aliases"].items():
        for name in names:
            index.setdefault(key(name), []).append(by_code[code])
    for k, found in index.items():  # de-duplicate, keep order
        index[k] = list({r.code: r for r in found}.values())
    return index


def stated_level(name: str) -> tuple[str | None, str]:
    """(the level the leading level words state, the name after them): "Kab. Sekadau" -> ("kabupaten", "Sekadau")."""
    name = name.strip(" ,.;:")
    m = LEVEL_WORDS.match(name)
    if not m:
        return None, name
    return _LEVEL_OF_WORD.get(m.group(0).split()[0].lower().rstrip(".")), name[m.end() :]


def named(name: str) -> list[RegionRow]:
    """Every region ``name`` names as a whole ("sleman", "Kota Yogyakarta"), of the level its level word
    states: a person's filter must not be guessed, so a shared name gives all the regions sharing it."""
    stated, name = stated_level(name)
    return [r for r in name_index().get(key(name), []) if stated is None or r.level == stated]


def names() -> list[str]:
    """Every region's name, to suggest the nearest for a mistyped one."""
    return sorted({r.name for found in name_index().values() for r in found})


def codes() -> frozenset[str]:
    """Every region's Kemendagri code (provinces and their kabupaten and kota)."""
    return frozenset(r.code for found in name_index().values() for r in found)
