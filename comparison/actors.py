"""Whom a prohibition names: the civil servants a neutrality rule binds, and the people it does not.

The phrases are data (``edaran/data/actors.json``); a phrase is found as consecutive
words, so "pegawai kontrak" is one actor and "ASN" another in "ASN dan Pegawai Kontrak".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Actor:
    name: str
    bound: bool
    start: int  # word positions in the text, for the longest-phrase rule
    end: int


@cache
def _data() -> dict:
    return json.loads(resources.files("edaran.data").joinpath("actors.json").read_text("utf-8"))


@cache
def _phrases() -> tuple[tuple[tuple[str, ...], str, bool], ...]:
    d = _data()
    out = [(tuple(p.split()), n, True) for p, n in d["bound"].items()]
    out += [(tuple(p.split()), n, False) for p, n in d["not_bound"].items()]
    village = d["village"]
    out += [((*o.split(), u), n, False) for o, n in village["officials"].items() for u in village["units"]]
    return tuple(sorted(out, key=lambda x: -len(x[0])))  # longest first: "non asn" before "asn"


def actors_in(ws: list[str]) -> list[Actor]:
    """The actors a text (as lower-case words) names, each phrase once where it stands (a longer phrase wins
    over its parts)."""
    taken = [False] * len(ws)
    found: list[Actor] = []
    starts: dict[str, list[int]] = {}  # where each word stands: a phrase is tried only where its first word is
    for i, w in enumerate(ws):
        starts.setdefault(w, []).append(i)
    for phrase, name, bound in _phrases():
        n = len(phrase)
        for i in starts.get(phrase[0], ()):
            if tuple(ws[i : i + n]) == phrase and not any(taken[i : i + n]):
                taken[i : i + n] = [True] * n
                found.append(Actor(name, bound, i, i + n))
    return sorted(found, key=lambda a: a.start)


def updates(said: str, named: str) -> bool:
    """Whether ``said`` lawfully replaces ``named`` (ASN for PNS since UU 20/2023)."""
    return named in _data()["updates"].get(said, [])
