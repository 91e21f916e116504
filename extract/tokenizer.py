"""spaCy's tokenizer algorithm in plain Python, over spaCy's shared punctuation rules kept as data.

Importing spaCy costs a cold ``edaran extract`` over a CPU second, twenty times the
extraction of a letter; the extractor uses only its rule-based tokenizer and
matchers.  This module splits text exactly as ``spacy.tokenizer.Tokenizer`` does
with the same rules (``tests/test_tokenizer.py`` compares the two on every letter
the tests have and on variants of them):

- the text is cut at whitespace; a single space after a token belongs to it, other
  whitespace becomes a token of its own;
- from each piece, prefixes and suffixes are split off in turn until none is left
  or what remains is a special case (an abbreviation such as ``Yth.``); the rest
  is split at infixes;
- special cases that the affix rules would cut (``a.n.`` is ``a.n`` and ``.``) are
  joined again where their pieces follow each other with nothing between them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: A token: its text and the offset of its first character.
Token = tuple[str, int]

_SPACE = re.compile(r"\s+")

#: Pieces of text tokenized so far, kept while fewer than this (a corpus repeats most words).
CACHE_SIZE = 200_000


class Tokenizer:
    """Split text into tokens as spaCy's rule-based tokenizer does with the same rules."""

    def __init__(
        self,
        specials: list[str],
        prefix_search: Callable[[str], re.Match[str] | None],
        suffix_search: Callable[[str], re.Match[str] | None],
        infix_finditer: Callable[[str], object],
    ) -> None:
        self.prefix_search = prefix_search
        self.suffix_search = suffix_search
        self.infix_finditer = infix_finditer
        self.specials = frozenset(specials)
        self._cache: dict[str, list[str]] = {}
        # Special cases the affix rules cut: their pieces, to join again (spaCy's special matcher).
        self._joins: dict[tuple[str, ...], str] = {}
        for special in sorted(self.specials):
            pieces = tuple(self._pieces(special, with_specials=False))
            if self._prefix(special) or self._suffix(special) or list(self.infix_finditer(special)):  # type: ignore[call-overload]
                self._joins[pieces] = special
        self._longest_join = max((len(p) for p in self._joins), default=0)

    def __call__(self, text: str) -> list[Token]:
        tokens = self._tokens(text)
        return self._join_specials(text, tokens) if self._joins else tokens

    def _prefix(self, text: str) -> int:
        found = self.prefix_search(text)
        return found.end() - found.start() if found is not None else 0

    def _suffix(self, text: str) -> int:
        found = self.suffix_search(text)
        return found.end() - found.start() if found is not None else 0

    def _tokens(self, text: str) -> list[Token]:
        """Cut at whitespace as spaCy does: a lone space after a token is its trailing space; other
        whitespace (a second space, a tab) is a token.  (``\\s`` is ``str.isspace``, which spaCy uses.)"""
        tokens: list[Token] = []
        start = 0
        for space in _SPACE.finditer(text):
            at, end = space.span()
            if start < at:
                self._add(tokens, text[start:at], start)
            if at and text[at] == " ":  # the space after a token
                at += 1
            if at < end:
                self._add(tokens, text[at:end], at)
            start = end
        if start < len(text):
            self._add(tokens, text[start:], start)
        return tokens

    def _add(self, tokens: list[Token], piece: str, offset: int) -> None:
        pieces = self._cache.get(piece)
        if pieces is None:
            pieces = [piece] if piece in self.specials else self._pieces(piece, with_specials=True)
            if len(self._cache) < CACHE_SIZE:
                self._cache[piece] = pieces
        for text in pieces:
            tokens.append((text, offset))
            offset += len(text)

    def _pieces(self, text: str, *, with_specials: bool) -> list[str]:
        """One whitespace-free piece as tokens: prefixes, the middle split at infixes, suffixes."""
        specials = self.specials if with_specials else frozenset()
        prefixes: list[str] = []
        suffixes: list[str] = []
        last = -1
        while text and len(text) != last:
            if text in specials:
                break
            last = len(text)
            pre = self._prefix(text)
            if pre and text[pre:] and text[pre:] in specials:
                prefixes.append(text[:pre])
                text = text[pre:]
                break
            suf = self._suffix(text[pre:])
            if suf and text[:-suf] and text[:-suf] in specials:
                suffixes.append(text[-suf:])
                text = text[:-suf]
                break
            if pre and suf and pre + suf <= len(text):
                prefixes.append(text[:pre])
                suffixes.append(text[-suf:])
                text = text[pre:-suf]
            elif pre:
                prefixes.append(text[:pre])
                text = text[pre:]
            elif suf:
                suffixes.append(text[-suf:])
                text = text[:-suf]
            if text in specials:
                break
        middle: list[str] = []
        if text:
            if text in specials:
                middle.append(text)
            else:
                start = 0
                for found in self.infix_finditer(text):  # type: ignore[attr-defined]
                    infix_start, infix_end = found.start(), found.end()
                    if infix_start == 0:
                        continue
                    if infix_start != start:
                        middle.append(text[start:infix_start])
                    if infix_start != infix_end:
                        middle.append(text[infix_start:infix_end])
                    start = infix_end
                if text[start:]:
                    middle.append(text[start:])
        return prefixes + middle + suffixes[::-1]

    def _join_specials(self, text: str, tokens: list[Token]) -> list[Token]:
        """Join the pieces of a special case the affix rules cut, where they are the special case's
        text (nothing between them); longer runs first, then earlier ones, none overlapping."""
        found: list[tuple[int, int]] = []
        words = [t for t, _ in tokens]
        for start in range(len(tokens)):
            for length in range(1, min(self._longest_join, len(tokens) - start) + 1):
                if tuple(words[start : start + length]) in self._joins:
                    found.append((start, start + length))
        if not found:
            return tokens
        found.sort(key=lambda span: (span[1] - span[0], -span[0]))
        seen: set[int] = set()
        chosen: list[tuple[int, int]] = []
        for start, end in reversed(found):
            if start not in seen and end - 1 not in seen:
                chosen.append((start, end))
            seen.update(range(start, end))
        out: list[Token] = []
        i = 0
        spans = {start: end for start, end in chosen}
        while i < len(tokens):
            stop = spans.get(i)
            if stop is None:
                out.append(tokens[i])
                i += 1
                continue
            first, last = tokens[i], tokens[stop - 1]
            joined = text[first[1] : last[1] + len(last[0])]
            if joined in self.specials:
                out.append((joined, first[1]))
            else:
                out.extend(tokens[i:stop])
            i = stop
        return out
