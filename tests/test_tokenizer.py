"""The tokenizer and matchers give spaCy's tokens and matches: spaCy, built with the same rules, is the reference.

The extractor does not import spaCy (it costs a cold start over a CPU second); these tests do,
and compare on every letter text the project has, on the text read from its PDFs, on generated
letters and on variants of them (spacing, case, punctuation, abbreviations run into words).
"""

from __future__ import annotations

import random
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.generate import letter as generated_letter
from edaran.data import months
from edaran.extract import nlp
from edaran.extract.patterns import load_patterns
from edaran.ingest import read_document

from conftest import FIXTURES, SAMPLES

spacy = pytest.importorskip("spacy")


@cache
def spacy_tokenizer():
    """The tokenizer as spaCy builds it from the same rules."""
    from spacy.lang.char_classes import ALPHA
    from spacy.lang.lex_attrs import LEX_ATTRS
    from spacy.lang.punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES
    from spacy.symbols import ORTH
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex
    from spacy.vocab import Vocab

    rules = {word: [{ORTH: word}] for word in load_patterns("tokens.json")["exceptions"]}
    infixes = [p.format(alpha=ALPHA) for p in nlp._INFIXES]
    return Tokenizer(
        Vocab(lex_attr_getters=dict(LEX_ATTRS)),
        rules=rules,
        prefix_search=compile_prefix_regex([p for p in TOKENIZER_PREFIXES if p != "#"] + ["/", "—"]).search,
        suffix_search=compile_suffix_regex(TOKENIZER_SUFFIXES + nlp._SUFFIXES).search,
        infix_finditer=compile_infix_regex(TOKENIZER_INFIXES + infixes).finditer,
    )


@cache
def spacy_matchers(group: str):
    from spacy.matcher import Matcher, PhraseMatcher

    vocab = spacy_tokenizer().vocab
    lower, exact, tokens = PhraseMatcher(vocab, attr="LOWER"), PhraseMatcher(vocab), Matcher(vocab)
    if group == "citations":
        data = load_patterns("citations.json")
        sources = [
            ("KIND", data["phrases"], lower),
            ("KIND", data["abbreviations"], exact),
            ("RELATION", data["relations"], lower),
        ]
    elif group == "offices":
        sources = [("OFFICE", load_patterns("offices.json")["phrases"], lower)]
    else:
        data = load_patterns("dates.json")
        sources = []
    for label, table, matcher in sources:
        for key, phrases in table.items():
            matcher.add(f"{label}|{key}", [spacy_tokenizer()(p) for p in phrases])
    for entry in data["patterns"] if group != "offices" else []:
        pattern = nlp._expand(entry["pattern"], {"months": list(months())})
        tokens.add(f"{entry['label']}|{entry['id'].split('.')[0]}|{entry['id']}", [pattern])
    return lower, exact, tokens


def spacy_match(text: str, group: str) -> list[tuple[str, str, int, int]]:
    doc = spacy_tokenizer()(text.replace("\n", " "))
    out = []
    for m in spacy_matchers(group):
        if not len(m):
            continue
        for match_id, start, end in m(doc):
            label, key = doc.vocab.strings[match_id].split("|")[:2]
            span = doc[start:end]
            out.append((label, key, span.start_char, span.end_char))
    out.sort(key=lambda x: (x[2], -(x[3] - x[2])))
    return out


def assert_like_spacy(text: str) -> None:
    ours = nlp.tokenizer()(text)
    theirs = [(t.text, t.idx) for t in spacy_tokenizer()(text)]
    assert ours == theirs
    for group in ("citations", "offices", "dates"):
        assert nlp.match(text, group) == spacy_match(text, group), group


def test_the_punctuation_rules_are_spacys():
    """If this fails after upgrading spaCy, write extract/patterns/punctuation.json again from
    spacy.lang.punctuation (TOKENIZER_PREFIXES, _SUFFIXES, _INFIXES) and spacy.lang.char_classes.ALPHA."""
    from spacy.lang.char_classes import ALPHA
    from spacy.lang.punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES

    rules = load_patterns("punctuation.json")
    assert rules["prefixes"] == list(TOKENIZER_PREFIXES)
    assert rules["suffixes"] == list(TOKENIZER_SUFFIXES)
    assert rules["infixes"] == list(TOKENIZER_INFIXES)
    assert rules["alpha"] == ALPHA


def letter_texts() -> list[tuple[str, str]]:
    paths = sorted(SAMPLES.glob("*.txt")) + sorted((FIXTURES / "letters").glob("*.txt"))
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in paths]
    texts += [(p.name, read_document(p).text) for p in sorted(SAMPLES.glob("*.pdf"))]
    texts += [(f"generated-{n}", generated_letter(n)) for n in range(0, 400, 37)]
    return texts


@pytest.mark.parametrize(("name", "text"), letter_texts(), ids=[n for n, _ in letter_texts()])
def test_letters_tokenize_and_match_as_with_spacy(name, text):
    assert_like_spacy(text)


@pytest.mark.parametrize(
    "text",
    [
        "a.n. Gubernur, a.n.Gubernur a.n .Gubernur (a.n.) Yth.Bapak yth.,Ibu Kab.Bogor S.H.,M.Si.",
        "UU No.7/2017 Pasal-2 ayat(1) huruf a.; PP 94/2021,Permendagri 1/2024 se-Kabupaten tugas-nya",
        "16 Desember 2024, 1 Januari. 2025 (Juli 2024) 31-Desember-2023 02/01/2024  \t 17 Agustus 1945.",
        "  Undang-Undang  Nomor\u00a010 Tahun 2016 \u2014 Keputusan Menteri — “Peraturan Daerah” ‘Perbup’…",
        "Kepmen. Permen. PermenPAN-RB KEPMENDAGRI Drs.H.Ahmad, M.M. dll.dst. dsb.) Rp.1.000,- 10% +62",
        "",
        " ",
        "\n\nHal.\n",
    ],
)
def test_hard_cases_tokenize_and_match_as_with_spacy(text):
    assert_like_spacy(text)


_PIECES = (
    load_patterns("tokens.json")["exceptions"]
    + [w for ws in load_patterns("citations.json")["phrases"].values() for w in ws][:40]
    + [w for ws in load_patterns("offices.json")["phrases"].values() for w in ws][:20]
    + list(months())[:24]
    + ["1", "16", "2024", "94/2021", "(", ")", ".", ",", ";", ":", "-", "/", "'", '"', "—", "nya", "Pasal"]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_PIECES), st.sampled_from(["", " ", "  ", "\n", "\t", ".", ",", "-", "/", "("])),
        max_size=25,
    ),
    st.sampled_from([str, str.upper, str.lower, str.title]),
)
def test_variants_tokenize_and_match_as_with_spacy(pieces, case):
    assert_like_spacy(case("".join(word + gap for word, gap in pieces)))


def test_a_shuffled_letter_tokenizes_as_with_spacy():
    rng = random.Random(16)
    words = (SAMPLES / "002_c412d0169f79d04d.txt").read_text(encoding="utf-8").split(" ")
    for _ in range(20):
        rng.shuffle(words)
        assert_like_spacy(" ".join(words))
