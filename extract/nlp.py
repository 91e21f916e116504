"""The Indonesian tokenizer and the rule matchers, built once per process.

``spacy.blank("id")`` loads about 16,000 tokenizer exceptions and takes seconds,
far more than extracting a letter.  The extractor needs the punctuation rules
spaCy shares between languages (``spacy.lang.punctuation``, public), the joins
letters write (numbers, compound words: below) and the handful of abbreviations
letters use, so the tokenizer is assembled from those and builds in milliseconds.  Fixed phrases
(instrument kinds, offices, relation verbs) go through a PhraseMatcher, which
looks tokens up by hash; only dates and a few regex forms need the token
Matcher.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from spacy.lang.char_classes import ALPHA
from spacy.lang.punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES
from spacy.matcher import Matcher, PhraseMatcher
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.vocab import Vocab

from ..data import months
from .patterns import load_patterns

# What letters write beyond the rules spaCy shares between languages: a clitic after a hyphen
# ("tugas-nya", "-mu"), and the joins of letter numbers and compound words, split so that phrases
# and numbers match token by token: "94/2021", "Undang-Undang", "se-Kabupaten", "Pasal-2", "2-Juli".
_SUFFIXES = [r"\-[Nn]ya", r"-[KkMm]u", r"[—-]"]
_INFIXES = [
    r"(?<=[0-9])[\\/](?=[0-9%-])",
    rf"(?<=[{ALPHA}])-(?=[0-9])",
    rf"(?<=[0-9])-(?=[{ALPHA}])",
    rf"(?<=[{ALPHA}])[\/-](?=[{ALPHA}])",
]


@cache
def tokenizer() -> Tokenizer:
    """spaCy's shared prefix/suffix/infix rules, the joins letters write and their abbreviations."""
    from spacy.lang.lex_attrs import LEX_ATTRS
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    rules = {word: [{ORTH: word}] for word in load_patterns("tokens.json")["exceptions"]}
    return Tokenizer(
        Vocab(lex_attr_getters=dict(LEX_ATTRS)),
        rules=rules,
        prefix_search=compile_prefix_regex([p for p in TOKENIZER_PREFIXES if p != "#"] + ["/", "—"]).search,
        suffix_search=compile_suffix_regex(TOKENIZER_SUFFIXES + _SUFFIXES).search,
        infix_finditer=compile_infix_regex(TOKENIZER_INFIXES + _INFIXES).finditer,
    )


def _tokens(text: str):
    return tokenizer()(text.replace("\n", " "))  # a phrase may wrap over lines


@cache
def _matchers(group: str) -> tuple[PhraseMatcher, PhraseMatcher, Matcher]:
    """(lower-case phrases, exact phrases, token patterns) of one pattern group."""
    vocab = tokenizer().vocab
    lower, exact, tokens = PhraseMatcher(vocab, attr="LOWER"), PhraseMatcher(vocab), Matcher(vocab)
    data = load_patterns(f"{group}.json")  # a group is named for its pattern file
    sources = []
    if group == "citations":
        sources = [
            ("KIND", data["phrases"], lower),
            ("KIND", data["abbreviations"], exact),
            ("RELATION", data["relations"], lower),
        ]
    elif group == "offices":
        sources = [("OFFICE", data["phrases"], lower)]
    for label, table, phrase_matcher in sources:
        for key, phrases in table.items():
            phrase_matcher.add(f"{label}|{key}", [tokenizer()(p) for p in phrases])
    for entry in data.get("patterns", []):
        variables = {"months": list(months())}
        tokens.add(
            f"{entry['label']}|{entry['id'].split('.')[0]}|{entry['id']}", [_expand(entry["pattern"], variables)]
        )
    return lower, exact, tokens


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
    doc = _tokens(text)
    strings = doc.vocab.strings
    out = []
    for m in _matchers(group):
        if not len(m):
            continue
        for match_id, start, end in m(doc):
            label, key = strings[match_id].split("|")[:2]
            span = doc[start:end]
            out.append((label, key, span.start_char, span.end_char))
    out.sort(key=lambda x: (x[2], -(x[3] - x[2])))
    return out
