"""The words that open a letter's parts (``patterns/labels.json``), compiled into patterns of one shape.

A label is found by its shape, not by a list of its spellings: at the start of a line, in any
case, ended by a word boundary (so "NOTA DINAS" is not the label "NO" with the value "TA DINAS",
nor "Nopember" "No" + "pember"), then optional punctuation: "Nomor :", "Nomor:", "Nomor.",
"No.", "NO :", "Hal.", "Perihal".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from .patterns import load_patterns

# Up to two marks after a label, with any blanks around them ("No. :"); a dot followed by another
# dot is not a mark but the blank of a draft ("Nomor : .../BKD/2024").
PUNCTUATION = r"[ \t]*(?:[:.](?!\.)[ \t]*){0,2}"
# The end of a word: not inside a longer word nor a hyphenated one ("Hal-hal" is not "Hal").
_WORD_END = r"(?![\w-])"


@cache
def _data() -> dict:
    return load_patterns("labels.json")


def words(*keys: str) -> list[str]:
    """The labels of ``keys`` (``"number"``, ``"subject"`` …); ``"openings"``, ``"closings"`` and
    ``"furniture"`` name whole lists."""
    data = _data()
    return [
        w for key in keys for w in (data[key] if key in ("openings", "closings", "furniture") else data["labels"][key])
    ]


def titles() -> dict[str, list[str]]:
    """The titles of each document type, by the record's ``doc_type``."""
    return _data()["titles"]


@cache
def _offices() -> dict:
    return load_patterns("offices.json")


def offices() -> dict[str, list[str]]:
    """The spellings of each office, by the record's office code (``patterns/offices.json``)."""
    return _offices()["phrases"]


def office_words() -> list[str]:
    """The first word of every office: "Gubernur", "Wakil", "Sekretaris" …"""
    return sorted({phrase.split()[0] for names in offices().values() for phrase in names})


def title_words() -> frozenset[str]:
    """Every word, in lower case, of the offices, the acting prefixes and the levels of government: the
    words issuers' titles share ("Plt. Kepala Dinas", "Bupati") rather than those that tell them apart."""
    data = _offices()
    phrases = [p for names in data["phrases"].values() for p in names]
    phrases += [p for names in data["acting"].values() for p in names] + list(data["levels"].values())
    return frozenset(word.lower() for phrase in phrases for word in phrase.split())


def office_levels() -> dict[str, str]:
    """The level of government of the offices that name one: "bupati" -> "kabupaten", "menteri" -> "nasional"."""
    return _offices()["levels"]


def acting_codes() -> dict[str, str]:
    """The record's code of each acting prefix, by its spelling in lower case without the dot: "penjabat" -> "Pj."."""
    return {spelling.lower(): code for code, spellings in _offices()["acting"].items() for spelling in spellings}


def acting_prefix() -> str:
    """Regex source (to compile case-insensitively): an acting prefix as printed, its dot optional:
    "Pj.", "PLT", "Pelaksana Harian"."""
    return alternatives(acting_codes()) + r"\.?"


def alternatives(phrases: Iterable[str]) -> str:
    """One regex group matching any of ``phrases``: the longest first, any blanks between the words
    of a phrase, and a word end after a phrase that ends with a letter or digit."""
    out = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        source = r"\s+".join(re.escape(word) for word in phrase.split())
        out.append(source + (_WORD_END if phrase[-1].isalnum() else ""))
    return "(?:" + "|".join(out) + ")"


def opener(phrases: Iterable[str]) -> str:
    """Regex source: one of ``phrases`` at the start of a line (after any indent)."""
    return r"^[ \t]*" + alternatives(phrases)


def label(*keys: str) -> str:
    """Regex source: a label of ``keys`` at the start of a line and its optional punctuation."""
    return opener(words(*keys)) + PUNCTUATION


def label_line(*keys: str, value: str = r"(?P<value>.*?)") -> re.Pattern[str]:
    """A whole line that opens with a label of ``keys``; the rest is the group ``value``."""
    return re.compile(label(*keys) + value + r"\s*$", re.I)


def opens(*keys: str) -> re.Pattern[str]:
    """A line that opens with one of the phrases of ``keys`` (any case)."""
    return re.compile(opener(words(*keys)), re.I)
