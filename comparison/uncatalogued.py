"""Acts no catalogue entry states, grouped across letters by what distinguishes them.

Two letters state one such act in different words: "Menjadi saksi pasangan calon … di TPS" and "bertindak
sebagai saksi salah satu paslon di Tempat Pemungutan Suara".  An act's words are compared with abbreviations
written out (``abbreviations.json``), by Indonesian stem, without the words that only say one takes an act on
(``act_words.json``) or when (``qualifiers.json``), and each word weighs by how rarely the catalogue's acts use
it: "saksi" and "pemungutan" tell the act, "pasangan calon" is in nearly every act.  Two acts are one when
the words they share carry most of the weight of the shorter one.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from functools import cache

from ..data import read_json
from .catalog import Catalog, load_qualifiers
from .matching import FUNCTION_WORDS, stem, words, written_out

#: Share (0-1) of the shorter act's weight the words two acts share must carry for them to be one act.
SAME_ACT = 0.8
#: How many of an act's weightiest words find the acts it may be one with (a same act shares its rarest words).
PROBES = 3


@cache
def _generic() -> frozenset[str]:
    """Words that say nothing of which act: taking it on ("menjadi", "bertindak sebagai"), counts, time."""
    said = {w for phrases in load_qualifiers().values() for p in phrases for w in words(p)}
    return frozenset(read_json("act_words.json")["generic"]) | said | set(load_qualifiers()) | FUNCTION_WORDS


def act_words(text: str) -> frozenset[str]:
    """The stems that tell an act: abbreviations written out, generic and function words left out."""
    return frozenset(stem(w) for w in written_out(words(text)) if w not in _generic())


class Weights:
    """How much each stem tells an act: the rarer among the catalogue's acts, the more."""

    def __init__(self, catalog: Catalog) -> None:
        seen: Counter[str] = Counter()
        for entry in catalog.entries:
            seen.update(act_words(" ".join([entry.wording, *entry.terms, entry.names.get("id", "")])))
        self.seen = seen
        self.size = len(catalog.entries)

    def of(self, s: str) -> float:
        return 1 + math.log((self.size + 1) / (self.seen.get(s, 0) + 1))

    def heaviest(self, stems: frozenset[str]) -> set[str]:
        """The act's weightiest stems: as many as PROBES, and every stem as heavy as the last of them."""
        ranked = sorted((self.of(s) for s in stems), reverse=True)
        if not ranked:
            return set()
        least = ranked[min(PROBES, len(ranked)) - 1]
        return {s for s in stems if self.of(s) >= least}

    def same(self, a: frozenset[str], b: frozenset[str]) -> bool:
        """Whether two acts' stems are one act: what they share weighs most of the shorter's weight, and is
        more than one word unless the shorter is one word."""
        if not a or not b:
            return a == b
        shared = a & b
        if len(shared) < min(2, len(a), len(b)):
            return False
        weight = sum(self.of(s) for s in shared)
        return weight >= SAME_ACT * min(sum(self.of(s) for s in a), sum(self.of(s) for s in b))

    def same_act(self, a: str, b: str) -> bool:
        """Whether two wordings state one act, as :func:`group_unmatched` groups them."""
        return self.same(act_words(a), act_words(b))


def group_unmatched(buckets: dict[str, dict], weights: Weights) -> list[dict]:
    """Acts no catalogue entry states, grouped when several letters state the same act:
    a group seen in several regions is a candidate new entry.  A group's letters are
    (id, item path, region code, the item's text, its span as JSON, document key, elections)."""
    # a group is found by any of its words, an act looks only under its weightiest ones
    by_word: dict[str, list[dict]] = defaultdict(list)
    groups: list[dict] = []
    for key, bucket in buckets.items():
        stems = act_words(key)
        candidates = {id(g): g for p in sorted(weights.heaviest(stems)) for g in by_word[p]}
        found = next((g for g in candidates.values() if weights.same(g["stems"], stems)), None)
        if found is not None:
            found["letters"].extend(bucket["letters"])
            continue
        group = {"stems": stems, **bucket}
        for s in stems:
            by_word[s].append(group)
        groups.append(group)
    for group in groups:
        del group["stems"]
        group["regions"] = len({x[2] for x in group["letters"]})
    return sorted(groups, key=lambda g: (-g["regions"], g["text"]))
