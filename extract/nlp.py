"""The Indonesian tokenizer and the rule matchers, built once per process.

The extractor needs spaCy's rule-based tokenizer and its PhraseMatcher and Matcher,
not its models; importing spaCy costs over a CPU second, twenty times the
extraction of a letter.  So the tokenizer is spaCy's algorithm over spaCy's shared
punctuation rules kept as data (:mod:`.tokenizer`, ``patterns/punctuation.json``),
plus the joins letters write (numbers, compound words: below) and the handful of
abbreviations letters use; the matchers below do what spaCy's do for the patterns
this project writes: fixed phrases (instrument kinds, offices, relation verbs)
looked up token by token, in lower case or as written, and token patterns (dates,
a few abbreviations) of ``LOWER``/``ORTH``/``TEXT`` values, ``IN`` lists,
``REGEX`` and an optional (``"OP": "?"``) token.  ``tests/test_tokenizer.py``
checks that both give spaCy's tokens and matches.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..data import months
from .patterns import load_patterns
from .tokenizer import Token, Tokenizer

# What letters write beyond the rules spaCy shares between languages: a clitic after a hyphen
# ("tugas-nya", "-mu"), and the joins of letter numbers and compound words, split so that phrases
# and numbers match token by token: "94/2021", "Undang-Undang", "se-Kabupaten", "Pasal-2", "2-Juli".
_SUFFIXES = [r"\-[Nn]ya", r"-[KkMm]u", r"[—-]"]
_INFIXES = [
    r"(?<=[0-9])[\\/](?=[0-9%-])",
    r"(?<=[{alpha}])-(?=[0-9])",
    r"(?<=[0-9])-(?=[{alpha}])",
    r"(?<=[{alpha}])[\/-](?=[{alpha}])",
]

#: A token pattern: per token, (attribute, test) pairs and whether the token may be left out.
_TokenPattern = list[tuple[list[tuple[str, Any]], bool]]


class _Phrases:
    """Fixed phrases as their tokens, each with the names of the entries it stands for, and per
    first token the lengths of the phrases starting with it (shortest first)."""

    def __init__(self) -> None:
        self.names: dict[tuple[str, ...], list[str]] = {}
        self.lengths: dict[str, list[int]] = {}

    def add(self, words: tuple[str, ...], name: str) -> None:
        self.names.setdefault(words, []).append(name)
        lengths = self.lengths.setdefault(words[0], [])
        if len(words) not in lengths:
            lengths.append(len(words))
            lengths.sort()


@cache
def tokenizer() -> Tokenizer:
    """spaCy's shared prefix/suffix/infix rules, the joins letters write and their abbreviations."""
    rules = load_patterns("punctuation.json")
    alpha = rules["alpha"]
    prefixes = [p for p in rules["prefixes"] if p != "#"] + ["/", "—"]
    suffixes = rules["suffixes"] + _SUFFIXES
    infixes = rules["infixes"] + [p.format(alpha=alpha) for p in _INFIXES]
    return Tokenizer(
        load_patterns("tokens.json")["exceptions"],
        prefix_search=re.compile("|".join("^" + p for p in prefixes if p.strip())).search,
        suffix_search=re.compile("|".join(p + "$" for p in suffixes if p.strip())).search,
        infix_finditer=re.compile("|".join(p for p in infixes if p.strip())).finditer,
    )


def _tokens(text: str) -> list[Token]:
    return tokenizer()(text.replace("\n", " "))  # a phrase may wrap over lines


@cache
def _matchers(group: str) -> tuple[_Phrases, _Phrases, list[tuple[str, _TokenPattern]]]:
    """(lower-case phrases, exact phrases, token patterns) of one pattern group."""
    lower, exact = _Phrases(), _Phrases()
    tokens: list[tuple[str, _TokenPattern]] = []
    data = load_patterns(f"{group}.json")  # a group is named for its pattern file
    sources = []
    if group == "citations":
        sources = [
            ("KIND", data["phrases"], lower, True),
            ("KIND", data["abbreviations"], exact, False),
            ("RELATION", data["relations"], lower, True),
        ]
    elif group == "offices":
        sources = [("OFFICE", data["phrases"], lower, True)]
    for label, table, phrases, lowered in sources:
        for key, entries in table.items():
            for phrase in entries:
                words = tuple(w.lower() if lowered else w for w, _ in tokenizer()(phrase))
                if words:
                    phrases.add(words, f"{label}|{key}")
    for entry in data.get("patterns", []):
        variables = {"months": list(months())}
        pattern = [_token_test(spec) for spec in _expand(entry["pattern"], variables)]
        tokens.append((f"{entry['label']}|{entry['id'].split('.')[0]}", pattern))
    return lower, exact, tokens


def _token_test(spec: dict[str, Any]) -> tuple[list[tuple[str, Any]], bool]:
    """One token of a pattern: what each attribute must be (a value, ``{"IN": [...]}`` or
    ``{"REGEX": ...}``), and whether the token is optional."""
    tests: list[tuple[str, Any]] = []
    for attribute, value in spec.items():
        if attribute == "OP":
            if value != "?":
                raise ValueError(f"operator {value!r} is not supported in token patterns")
            continue
        if attribute not in ("LOWER", "ORTH", "TEXT"):
            raise ValueError(f"attribute {attribute!r} is not supported in token patterns")
        if isinstance(value, dict) and "IN" in value:
            tests.append((attribute, frozenset(value["IN"])))
        elif isinstance(value, dict) and "REGEX" in value:
            tests.append((attribute, re.compile(value["REGEX"])))
        else:
            tests.append((attribute, value))
    return tests, spec.get("OP") == "?"


def _passes(word: str, lower: str, tests: list[tuple[str, Any]]) -> bool:
    for attribute, test in tests:
        value = lower if attribute == "LOWER" else word
        if isinstance(test, frozenset):
            if value not in test:
                return False
        elif isinstance(test, re.Pattern):
            if not test.search(value):
                return False
        elif value != test:
            return False
    return True


def _pattern_ends(words: list[str], lowers: list[str], start: int, pattern: _TokenPattern) -> list[int]:
    """Where matches of ``pattern`` starting at token ``start`` end (an optional token: with and without)."""
    ends = [start]
    for tests, optional in pattern:
        after = [i + 1 for i in ends if i < len(words) and _passes(words[i], lowers[i], tests)]
        ends = sorted(set(after + ends)) if optional else after
        if not ends:
            return []
    return ends


def _expand(node: Any, variables: dict[str, list[str]]) -> Any:
    """Replace ``"$name"`` strings in a pattern by the list ``variables[name]``."""
    if isinstance(node, str) and node.startswith("$"):
        return variables[node[1:]]
    if isinstance(node, list):
        return [_expand(x, variables) for x in node]
    if isinstance(node, dict):
        return {k: _expand(v, variables) for k, v in node.items()}
    return node


def match(text: str, group: str) -> list[tuple[str, str, int, int]]:
    """Matches of one pattern group ("citations", "offices" or "dates") in ``text``,
    as ``(label, key, char start, char end)`` sorted by position."""
    tokens = _tokens(text)
    words = [word for word, _ in tokens]
    lowers = [word.lower() for word in words]
    lower, exact, patterns = _matchers(group)
    out = []

    def add(name: str, start: int, end: int) -> None:
        label, key = name.split("|")[:2]
        out.append((label, key, tokens[start][1], tokens[end - 1][1] + len(tokens[end - 1][0])))

    for phrases, seen in ((lower, lowers), (exact, words)):
        for start, word in enumerate(seen):
            for length in phrases.lengths.get(word, ()):
                if start + length > len(seen):
                    break
                for name in phrases.names.get(tuple(seen[start : start + length]), ()):
                    add(name, start, start + length)
    for name, pattern in patterns:
        first, optional = pattern[0]
        for start in range(len(tokens)):
            if not optional and not _passes(words[start], lowers[start], first):
                continue  # most tokens: no need to walk the pattern
            for end in _pattern_ends(words, lowers, start, pattern):
                if end > start:
                    add(name, start, end)
    out.sort(key=lambda x: (x[2], -(x[3] - x[2])))
    return out
