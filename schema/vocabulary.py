"""The record's closed vocabularies (document types, region levels, citation kinds, ...), apart from its models.

:mod:`.letter` types its fields with them; a module that only needs the words (the corpus's search
filters) reads them here without importing pydantic.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["Acting", "CitationKind", "DocType", "ElectionKind", "Level", "Relation"]

DocType = Literal["surat_edaran", "surat", "nota_dinas", "instruksi", "other"]
Level = Literal["nasional", "provinsi", "kabupaten", "kota"]
Acting = Literal["Pj.", "Plt.", "Plh."]
CitationKind = Literal[
    "uud",
    "uu",
    "perppu",
    "pp",
    "perpres",
    "keppres",
    "inpres",
    "permen",
    "kepmen",
    "perban",
    "perda",
    "pergub",
    "perbup",
    "perwal",
    "keputusan",
    "skb",
    "se",
    "surat",
    "putusan",
]
Relation = Literal["menindaklanjuti", "berdasarkan", "mempedomani", "melaksanakan", "mencabut", "merujuk"]
ElectionKind = Literal["pemilu", "pilkada", "pemilu_pilkada"]
