"""The vocabulary (extract/patterns/*.json) and the record agree: every kind, relation, title, acting
prefix and level the data can produce is a value the schema allows, and every value the schema allows
for them is produced by some entry of the data."""

from __future__ import annotations

import json
from importlib import resources
from typing import get_args

import pytest

from edaran.comparison.lineage import ISSUER_MATCH, same_issuer
from edaran.extract.patterns import load_patterns
from edaran.extract.vocabulary import acting_codes, office_levels, offices, title_words, titles
from edaran.schema.letter import Acting, CitationKind, DocType, Level, Relation


def test_citation_kinds_are_the_schemas():
    data = load_patterns("citations.json")
    assert set(data["phrases"]) | set(data["abbreviations"]) == set(get_args(CitationKind))


def test_relations_are_the_schemas():
    assert set(load_patterns("citations.json")["relations"]) == set(get_args(Relation))


def test_titles_are_the_document_types():
    # "other" is what a letter without a title or a Nomor/Hal block is: no title says it.
    assert set(titles()) | {"other"} == set(get_args(DocType))


def test_acting_prefixes_are_the_schemas():
    assert set(acting_codes().values()) == set(get_args(Acting))


def test_office_levels_are_offices_and_the_schemas_levels():
    assert set(office_levels()) <= set(offices())
    assert set(office_levels().values()) == set(get_args(Level))


def test_office_codes_are_one_spelling_each():
    """An office code is the record's value: lower case words joined by '_', each spelled once."""
    spellings = [phrase.lower() for phrases in offices().values() for phrase in phrases]
    assert len(spellings) == len(set(spellings))
    assert all(code.replace("_", "").isalpha() and code == code.lower() for code in offices())


def test_the_words_issuers_share_are_not_a_second_list_of_offices():
    """data/issuers.json holds only the shared words the offices vocabulary lacks; comparison reads both."""
    generic = json.loads(resources.files("edaran.data").joinpath("issuers.json").read_text("utf-8"))["generic"]
    assert generic and not set(generic) & title_words()


@pytest.mark.parametrize(
    "cited, issuer, alike",
    [
        ("PLT. KEPALA DINAS PENDIDIKAN", "Kepala Dinas Kesehatan", False),
        ("Penjabat Bupati Kudus", "Bupati  kudus", True),
        ("Wakil Wali Kota Bandung", "Walikota Bandung", True),
        ("Sekretaris Daerah Provinsi Jawa Tengah", "Sekda Provinsi Jawa Timur", False),
        ("Menteri Agama", "Menteri Dalam Negeri", False),
    ],
)
def test_issuers_are_compared_by_the_words_that_are_not_office_words(cited, issuer, alike):
    assert (same_issuer(cited, issuer) >= ISSUER_MATCH) is alike
