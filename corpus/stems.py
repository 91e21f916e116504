"""Indonesian stems for search: ``dikerahkan``, ``pengerahan`` and ``mengerahkan`` are all ``kerah``.

Indonesian builds words by affixes around a root (me-/di-/pe-/ber-/ter-, -kan/-an/-i, confixes such as
pe-…-an), so a search for one form misses letters that write another.  The corpus keeps, beside each text,
its stems (one per word, in order) in a column the full-text index covers; a query's words are stemmed
the same way.  Stems come from Sastrawi (the Nazief-Adriani algorithm with its dictionary of roots, which
tells ``kerah`` in ``mengerahkan`` from ``erah``); it ships its dictionary inside the package, so
stemming works offline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

#: A word as the stems column counts words: letters and digits, as Sastrawi splits a text.
WORD = re.compile(r"[^\W_]+")
#: Words outside this length are kept as they are: shorter ones carry no affix (di, ke, PNS), and longer
#: ones are OCR run-ons (``ASNDALAMPELAKSANAAN``), on which Sastrawi's backtracking takes up to 0.3 s.
STEMMED_LENGTH = range(4, 21)


@cache
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@cache
def stem(word: str) -> str:
    """The root of one word, in lower case; a word that is no Indonesian derivation stays itself."""
    word = word.lower()
    if len(word) not in STEMMED_LENGTH or not word.isascii() or not word.isalpha():
        return word
    return _stemmer().stem(word) or word


def words(text: str) -> Iterator[re.Match[str]]:
    return WORD.finditer(text)


def stems(*texts: str | None) -> str | None:
    """The stems of the texts' words, space-separated, word for word (the i-th stem is the i-th word's)."""
    out = [stem(m.group()) for text in texts if text for m in words(text)]
    return " ".join(out) or None


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
