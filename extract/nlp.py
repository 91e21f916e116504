"""The Indonesian tokenizer and the rule matchers, built once per process.

``spacy.blank("id")`` loads about 16,000 tokenizer exceptions and takes seconds,
far more than extracting a letter.  The extractor needs spaCy's Indonesian
punctuation rules and the handful of abbreviations letters use, so the
tokenizer is assembled from those and builds in milliseconds.  Fixed phrases
(instrument kinds, offices, relation verbs) go through a PhraseMatcher, which
looks tokens up by hash; only dates and a few regex forms need the token
Matcher.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from functools import cache
from importlib import resources
from typing import Any


def _import_spacy() -> None:
    """Import spaCy without its command line.

    ``spacy/__init__.py`` imports ``spacy.cli`` (model downloads, project tooling:
    about 0.4 s) only to re-export ``spacy.info``.  A one-line ``edaran extract``
    must start in well under two seconds, so while spaCy's package init runs,
    ``spacy.cli.info`` is a stand-in whose ``info`` loads the real command on
    first call; the stand-ins are removed at once, so ``import spacy.cli`` later
    in the same process gets the real module.
    """
    if "spacy" in sys.modules:
        return
    package = types.ModuleType("spacy.cli")
    package.__path__ = []
    stand_in = types.ModuleType("spacy.cli.info")

    def info(*args: Any, **kwargs: Any) -> Any:
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    stand_in.info = info  # type: ignore[attr-defined]
    sys.modules.setdefault("spacy.cli", package)
    sys.modules.setdefault("spacy.cli.info", stand_in)
    try:
        import spacy
    finally:
        for name, module in (("spacy.cli", package), ("spacy.cli.info", stand_in)):
            if sys.modules.get(name) is module:
                del sys.modules[name]
    if spacy.__dict__.get("cli") is package:
        del spacy.__dict__["cli"]


_import_spacy()

import spacy.lang  # noqa: E402
from spacy.matcher import Matcher, PhraseMatcher  # noqa: E402
from spacy.symbols import ORTH  # noqa: E402
from spacy.tokenizer import Tokenizer  # noqa: E402
from spacy.vocab import Vocab  # noqa: E402

from ..data import months  # noqa: E402
from .patterns import load_patterns  # noqa: E402


def _indonesian_punctuation():
    """spaCy's Indonesian punctuation module, without running ``spacy.lang.id``'s package
    init, which is what builds the large exception table."""
    path = resources.files(spacy.lang).joinpath("id", "punctuation.py")
    spec = importlib.util.spec_from_file_location("spacy.lang.id.punctuation", str(path))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def tokenizer() -> Tokenizer:
    """spaCy's Indonesian prefix/suffix/infix rules with the letters' abbreviations."""
    from spacy.lang.lex_attrs import LEX_ATTRS
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    punct = _indonesian_punctuation()
    rules = {word: [{ORTH: word}] for word in load_patterns("tokens.json")["exceptions"]}
    return Tokenizer(
        Vocab(lex_attr_getters=dict(LEX_ATTRS)),
        rules=rules,
        prefix_search=compile_prefix_regex(punct.TOKENIZER_PREFIXES).search,
        suffix_search=compile_suffix_regex(punct.TOKENIZER_SUFFIXES).search,
        infix_finditer=compile_infix_regex(punct.TOKENIZER_INFIXES).finditer,
    )


def _tokens(text: str):
    return tokenizer()(text.replace("\n", " "))  # a phrase may wrap over lines


@cache
def _matchers(group: str) -> tuple[PhraseMatcher, PhraseMatcher, Matcher]:
    """(lower-case phrases, exact phrases, token patterns) of one pattern group."""
    vocab = tokenizer().vocab
    lower, exact, tokens = PhraseMatcher(vocab, attr="LOWER"), PhraseMatcher(vocab), Matcher(vocab)
    if group == "citations":
        data = load_patterns("citations.json")
        sources = [("KIND", data["phrases"], lower), ("KIND", data["abbreviations"], exact),
                   ("RELATION", data["relations"], lower)]
    elif group == "offices":
        sources = [("OFFICE", load_patterns("offices.json")["phrases"], lower)]
    else:
        data = load_patterns("dates.json")
        sources = []
    for label, table, phrase_matcher in sources:
        for key, phrases in table.items():
            phrase_matcher.add(f"{label}|{key}", [tokenizer()(p) for p in phrases])
    for entry in (data["patterns"] if group != "offices" else []):
        variables = {"months": list(months())}
        tokens.add(f"{entry['label']}|{entry['id'].split('.')[0]}|{entry['id']}", [_expand(entry["pattern"], variables)])
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
