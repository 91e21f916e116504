"""Resolve region names as letters print them to Kemendagri codes (``data/wilayah.csv``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..data.regions import RegionRow, key, name_index, stated_level
from ..schema.letter import Region

NATIONAL = Region(code=None, name="Republik Indonesia", level="nasional", province=None)


@dataclass(frozen=True, slots=True)
class Place:
    region: Region
    key: str


@cache
def _index() -> dict[str, list[Region]]:
    """Name key -> regions with that name, as models (:func:`edaran.data.regions.name_index`'s rows)."""
    models: dict[str, Region] = {}

    def model(row: RegionRow) -> Region:
        if row.code not in models:
            models[row.code] = Region.model_validate(row._asdict())
        return models[row.code]

    return {k: [model(r) for r in found] for k, found in name_index().items()}


def resolve(name: str, level: str | None = None, province: str | None = None) -> Region | None:
    """The region named at the start of ``name`` ("Sekadau", "Kota Administrasi Jakarta Selatan,
    Provinsi DKI Jakarta"), preferring ``level`` and ``province`` when a name is shared.

    The longest run of leading words that names a region wins, so trailing words
    ("Provinsi Daerah Khusus Ibukota Jakarta") do not disturb the match.
    """
    stated, name = stated_level(name)
    words = re.findall(r"[A-Za-z][A-Za-z.'-]*", name)
    index = _index()
    want = stated or level
    for n in range(min(len(words), 6), 0, -1):
        found = index.get(key(" ".join(words[:n])))
        if not found:
            continue
        return _choose(found, want, province)
    return None


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
