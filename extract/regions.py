"""Resolve region names as letters print them to Kemendagri codes (``data/wilayah.csv``)."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..schema.letter import Region

NATIONAL = Region(code=None, name="Republik Indonesia", level="nasional", province=None)


@dataclass(frozen=True, slots=True)
class Place:
    region: Region
    key: str


def key(name: str) -> str:
    """Compare names ignoring case, spacing, dots and hyphens ("Pangkal Pinang" = "Pangkalpinang")."""
    return re.sub(r"[^a-z]", "", name.lower())


# Level words in front of a name: "Kota Administrasi Jakarta Selatan", "Kab. Sekadau".
_LEVEL_WORDS = re.compile(
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
def _index() -> dict[str, list[Region]]:
    """Name key -> regions with that name (a kabupaten and a kota may share one)."""
    data = resources.files("edaran.data")
    regions: dict[str, Region] = {}
    index: dict[str, list[Region]] = {}
    with data.joinpath("wilayah.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            region = Region.model_validate(
                {"code": row["kode"], "name": row["nama"], "level": row["tingkat"], "province": row["provinsi"]}
            )
            regions[row["kode"]] = region
            bare = _LEVEL_WORDS.sub("", row["nama"])
            for name in {row["nama"], bare}:
                index.setdefault(key(name), []).append(region)
    aliases = json.loads(data.joinpath("region_aliases.json").read_text("utf-8"))["aliases"]
    for code, names in aliases.items():
        for name in names:
            index.setdefault(key(name), []).append(regions[code])
    for k, found in index.items():  # de-duplicate, keep order
        index[k] = list({r.code: r for r in found}.values())
    return index


def resolve(name: str, level: str | None = None, province: str | None = None) -> Region | None:
    """The region named at the start of ``name`` ("Sekadau", "Kota Administrasi Jakarta Selatan,
    Provinsi DKI Jakarta"), preferring ``level`` and ``province`` when a name is shared.

    The longest run of leading words that names a region wins, so trailing words
    ("Provinsi Daerah Khusus Ibukota Jakarta") do not disturb the match.
    """
    stated, name = _stated_level(name)
    words = re.findall(r"[A-Za-z][A-Za-z.'-]*", name)
    index = _index()
    want = stated or level
    for n in range(min(len(words), 6), 0, -1):
        found = index.get(key(" ".join(words[:n])))
        if not found:
            continue
        return _choose(found, want, province)
    return None


def _stated_level(name: str) -> tuple[str | None, str]:
    """(the level the leading level words state, the name after them): "Kab. Sekadau" -> ("kabupaten", "Sekadau")."""
    name = name.strip(" ,.;:")
    m = _LEVEL_WORDS.match(name)
    if not m:
        return None, name
    return _LEVEL_OF_WORD.get(m.group(0).split()[0].lower().rstrip(".")), name[m.end() :]


def named(name: str) -> list[Region]:
    """Every region ``name`` names as a whole ("sleman", "Kota Yogyakarta"), of the level its level word
    states: a person's filter must not be guessed, so unlike :func:`resolve` a shared name gives all
    the regions sharing it."""
    stated, name = _stated_level(name)
    return [r for r in _index().get(key(name), []) if stated is None or r.level == stated]


def names() -> list[str]:
    """Every region's name, to suggest the nearest for a mistyped one."""
    return sorted({r.name for found in _index().values() for r in found})


def codes() -> frozenset[str]:
    """Every region's Kemendagri code (provinces and their kabupaten and kota)."""
    return frozenset(str(r.code) for found in _index().values() for r in found)


def _choose(found: list[Region], level: str | None, province: str | None) -> Region:
    def rank(r: Region) -> tuple[int, int]:
        return (0 if level and r.level == level else 1, 0 if province and r.province == province else 1)

    return min(found, key=rank)


# "Provinsi Kalimantan Barat", "Kabupaten Sekadau", "Kota Palangka Raya", "Kab. Merangin".
_MENTION = re.compile(
    r"\b(?:Provinsi|PROVINSI|Prov\.|Kabupaten|KABUPATEN|Kab\.|KAB\.|Kota|KOTA)\s+(?:Administrasi\s+|ADMINISTRASI\s+)?[A-Z][\w.'-]*(?:[ \t]+[A-Z][\w'-]*){0,3}"
)


# A province whose government is named without "Provinsi": "PEMERINTAH ACEH" (Aceh's own style).
_GOVERNMENT = re.compile(
    r"\b(?:PEMERINTAH|Pemerintah)[ \t]+(?!(?:PROVINSI|Provinsi|KABUPATEN|Kabupaten|KOTA|Kota|DAERAH|Daerah|PUSAT|Pusat)\b)"
    r"[A-Z][\w'-]*(?:[ \t]+[A-Z][\w'-]*){0,3}"
)


def find_mentions(text: str) -> list[tuple[Region, int, int]]:
    """Regions named with their level word anywhere in ``text``, in order."""
    out = []
    for m in _MENTION.finditer(text):
        region = resolve(m.group(0))
        if region is not None:
            out.append((region, m.start(), m.end()))
    for m in _GOVERNMENT.finditer(text):
        region = resolve(m.group(0))
        if region is not None and region.level == "provinsi" and resolve(m.group(0), "kabupaten") == region:
            out.append((region, m.start(), m.end()))
    return sorted(out, key=lambda found: found[1])
