"""The Indonesian tokenizer and the token matcher, built once per process.

``spacy.blank("id")`` loads about 16,000 tokenizer exceptions and takes seconds,
far more than extracting a letter.  The extractor only needs spaCy's Indonesian
punctuation rules and the handful of abbreviations letters use, so the tokenizer
is assembled from those; building it takes milliseconds.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


def load_patterns(name: str) -> dict[str, Any]:
    """Read a pattern file from ``extract/patterns`` (patterns are data, not code)."""
    return json.loads(resources.files("edaran.extract.patterns").joinpath(name).read_text("utf-8"))


@cache
def tokenizer():
    """spaCy's Indonesian prefix/suffix/infix rules with the letters' abbreviations."""
    from spacy.lang.id.punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES
    from spacy.symbols import ORTH
    from spacy.tokenizer import Tokenizer
    from spacy.lang.lex_attrs import LEX_ATTRS
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex
    from spacy.vocab import Vocab

    rules = {word: [{ORTH: word}] for word in load_patterns("tokens.json")["exceptions"]}
    return Tokenizer(
        Vocab(lex_attr_getters=dict(LEX_ATTRS)),
        rules=rules,
        prefix_search=compile_prefix_regex(TOKENIZER_PREFIXES).search,
        suffix_search=compile_suffix_regex(TOKENIZER_SUFFIXES).search,
        infix_finditer=compile_infix_regex(TOKENIZER_INFIXES).finditer,
    )


def _expand(node: Any, variables: dict[str, list[str]]) -> Any:
    """Replace ``"$name"`` strings in a pattern by the list ``variables[name]``."""
    if isinstance(node, str) and node.startswith("$"):
        return variables[node[1:]]
    if isinstance(node, list):
        return [_expand(x, variables) for x in node]
    if isinstance(node, dict):
        return {k: _expand(v, variables) for k, v in node.items()}
    return node


@cache
def matcher():
    """One Matcher over every token pattern file; match ids carry ``label|pattern id``."""
    from spacy.matcher import Matcher

    m = Matcher(tokenizer().vocab, validate=False)
    for name in ("dates.json", "citations.json", "offices.json"):
        data = load_patterns(name)
        variables = {k: list(v) for k, v in data.items() if isinstance(v, (dict, list)) and k != "patterns"}
        for entry in data["patterns"]:
            m.add(f"{entry['label']}|{entry['id']}", [_expand(entry["pattern"], variables)])
    return m


def match(text: str) -> list[tuple[str, str, int, int]]:
    """Every pattern match in ``text`` as ``(label, rule id, char start, char end)``."""
    doc = tokenizer()(text.replace("\n", " "))  # a phrase may wrap over lines
    vocab = doc.vocab
    out = []
    for match_id, start, end in matcher()(doc):
        label, rule = vocab.strings[match_id].split("|", 1)
        span = doc[start:end]
        out.append((label, rule, span.start_char, span.end_char))
    return out
