"""Indonesian stems for search: ``dikerahkan``, ``pengerahan`` and ``mengerahkan`` are all ``kerah``.

Indonesian builds words by affixes around a root (me-/di-/pe-/ber-/ter-/ke-/se-, -kan/-an/-i, then
-ku/-mu/-nya and -lah/-kah/-pun), so a search for one form misses letters that write another.  The corpus
keeps, beside each text, its stems (one per word, in order) in a column the full-text index covers; a
query's words are stemmed the same way.

A word's stem is a root in Sastrawi's dictionary of Indonesian roots (shipped inside the package:
offline) left by taking off the longest ending that leaves one (berikan = beri+kan) and the prefixes
the word has, the longest such root; a nasal prefix stands only before certain letters and may have
swallowed the root's first letter (me+kirim = mengirim, pe+sebar = penyebar).  A word no stripping
leaves a root of stays itself.  Sastrawi's own stemmer gives the same roots but took 26 CPU s for the 557 distinct
words of the five sample letters (up to 0.5 s on one word, ``menyalahgunakan``); this takes 5 ms
(``benchmarks/stems.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

#: A word as the stems column counts words: letters and digits, as the full-text index splits a text.
WORD = re.compile(r"[^\W_]+")
#: Words outside this length are kept as they are: shorter ones carry no affix (di, ke, PNS), longer
#: ones are OCR run-ons (``ASNDALAMPELAKSANAAN``).
STEMMED_LENGTH = range(4, 21)
#: Prefixes, outermost first: a word has at most one of the first set, then at most one of the second.
PREFIXES = (
    "di",
    "ke",
    "se",
    "me",
    "mem",
    "men",
    "meng",
    "meny",
    "pe",
    "pem",
    "pen",
    "peng",
    "peny",
    "ber",
    "ter",
    "per",
)
INNER_PREFIXES = ("per", "ber", "ter", "ke", "se")
VOWELS = "aeiou"
#: The letters a nasal prefix stands before (the rest of the word must start with one): meng- before
#: g, h and vowels, mem- before b, f, v, men- before c, d, j, z, me- before l, m, n, r, w, y.
BEFORE = {
    "me": "lmnrwy",
    "mem": "bfv",
    "men": "cdjz",
    "meng": "gh" + VOWELS,
    "meny": "",
    "pem": "bfv",
    "pen": "cdjz",
    "peng": "gh" + VOWELS,
    "peny": "",
}
#: Before a vowel a nasal prefix has swallowed the root's first letter: me+pasang = memasang,
#: me+tulis = menulis, me+kirim = mengirim, me+sebar = menyebar.
NASAL = {"mem": "p", "pem": "p", "men": "t", "pen": "t", "meng": "k", "peng": "k", "meny": "s", "peny": "s"}
#: Suffixes, innermost first: a derivational one, then a possessive, then a particle.
SUFFIXES = (("", "i", "kan", "an"), ("", "ku", "mu", "nya"), ("", "lah", "kah", "tah", "pun"))
#: The shortest root a stripping may leave.
SHORTEST_ROOT = 3


@cache
def _roots() -> frozenset[str]:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return frozenset(StemmerFactory().get_words_from_file())


#: Every ending a word may have, longest first: the longest one that leaves a root is taken
#: (berikan = beri+kan, not berik+an).
ENDINGS = sorted({d + p + q for d in SUFFIXES[0] for p in SUFFIXES[1] for q in SUFFIXES[2]}, key=len, reverse=True)


def _starts(word: str) -> Iterator[tuple[str, str]]:
    """(prefixes taken off, what is left) for each way the word's start may be prefixes, none first."""
    yield "", word
    for first in PREFIXES:
        if not word.startswith(first) or len(word) <= len(first):
            continue
        rest = word[len(first) :]
        if first in NASAL and rest[0] in VOWELS:
            yield first, NASAL[first] + rest
        if first in BEFORE and rest[0] not in BEFORE[first]:
            continue
        yield first, rest
        for second in INNER_PREFIXES:
            if rest.startswith(second):
                yield first + second, rest[len(second) :]


@cache
def stem(word: str) -> str:
    """The root of one word, in lower case; a word that is no Indonesian derivation stays itself."""
    word = word.lower()
    if len(word) not in STEMMED_LENGTH or not word.isascii() or not word.isalpha():
        return word
    roots = _roots()
    if word in roots:
        return word
    for ending in ENDINGS:
        if not word.endswith(ending):
            continue
        body = word[: len(word) - len(ending)] if ending else word
        found = [
            (len(root), -len(taken), root)
            for taken, root in _starts(body)
            if len(root) >= SHORTEST_ROOT and root in roots
        ]
        if found:
            return max(found)[2]  # the longest root, and among equals the one with less taken off the front
    return word


def stems(*texts: str | None) -> str | None:
    """The stems of the texts' words, space-separated, word for word (the i-th stem is the i-th word's)."""
    out = [stem(m.group()) for text in texts if text for m in words(text)]
    return " ".join(out) or None


def words(text: str) -> Iterator[re.Match[str]]:
    return WORD.finditer(text)


def query_stems(phrase: str) -> str:
    """A query word or phrase as stems, to match the stems column."""
    return " ".join(stem(m.group()) for m in words(phrase))


def stem_snippet(text: str, wanted: set[str], *, around: int = 8) -> str:
    """A piece of ``text`` around its first word whose stem is ``wanted``, that word in [brackets]; FTS5's
    own snippet marks only the words the query wrote, not the other forms its stems matched."""
    found = list(words(text))
    for i, m in enumerate(found):
        if stem(m.group()) in wanted:
            first, last = max(0, i - around), min(len(found) - 1, i + around)
            head = "…" if first else ""
            tail = "…" if last < len(found) - 1 else ""
            return (
                head
                + text[found[first].start() : m.start()]
                + "["
                + m.group()
                + "]"
                + text[m.end() : found[last].end()]
                + tail
            )
    return ""
