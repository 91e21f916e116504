"""Words that name a letter's region, level, year, document type and election, indexed beside its text.

Search filters on these fields become terms of the full-text query itself
(``kampanye AND facets : (r33 y2023 epemilu2024)``), so SQLite's FTS5 index
intersects them with the query's words.  Filtering rows of ``letters`` instead
reads every letter that holds a common word before it can drop most of them: on
100k letters a region, year and election together took 70 ms at p95, and a year
no letter has up to a second.

Each word is a prefix letter and the value's letters and digits, joined by
``x`` where the value has punctuation, since FTS5's tokenizer splits at it:

====================  ====================================================
region ``33.01``      ``r33 r33x01`` (the code and every code it lies in)
level ``kabupaten``   ``lkabupaten``
year 2024             ``y2024`` (the year of the letter's date)
type ``surat_edaran`` ``tsuratxedaran``
election              ``epilkada epilkada2024``; a letter about both elections
                      (``pemilu_pilkada``) has the words of each
====================  ====================================================
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import get_args

from ..data.regions import codes, named, names
from ..errors import CorpusError
from ..schema.vocabulary import DocType, ElectionKind, Level

LEVELS: tuple[str, ...] = get_args(Level)
DOC_TYPES: tuple[str, ...] = get_args(DocType)
ELECTION_KINDS: tuple[str, ...] = get_args(ElectionKind)

_ELECTION = re.compile(rf"({'|'.join(ELECTION_KINDS)})(?:-(\d{{4}}))?")


def _word(prefix: str, value: object) -> str:
    return prefix + re.sub(r"[^0-9a-z]+", "x", str(value).lower())


def region_words(code: str | None) -> list[str]:
    """``33.01`` -> ``["r33", "r33x01"]``."""
    if not code:
        return []
    parts = code.split(".")
    return [_word("r", ".".join(parts[:n])) for n in range(1, len(parts) + 1)]


def region_facets(code: str | None) -> str | None:
    """The region words of a code, space-separated, as an item carries them (None without a code)."""
    return " ".join(region_words(code)) or None


def did_you_mean(value: str, choices: Sequence[str]) -> str:
    """ " (did you mean X?)" for the choice nearest a mistyped value, or "": a typo should not send
    the reader to the documentation."""
    from rapidfuzz import process, utils

    best = process.extractOne(value, choices, processor=utils.default_process, score_cutoff=70)
    return f" (did you mean {best[0]}?)" if best else ""


def check_choice(option: str, value: str, allowed: Sequence[str]) -> str:
    """``value`` as stored when it is one of ``allowed``; otherwise :class:`CorpusError` listing them,
    since a value no letter can have would find nothing and look like an empty result."""
    found = value.strip().lower()
    if found not in allowed:
        raise CorpusError(f"unknown {option} {value!r}; use one of {', '.join(allowed)}{did_you_mean(found, allowed)}")
    return found


def parse_election(election: str) -> tuple[str, int | None]:
    """``pilkada-2024`` -> ``("pilkada", 2024)``; ``pemilu`` -> ``("pemilu", None)``."""
    m = _ELECTION.fullmatch(election.strip().lower())
    if not m:
        kind = election.strip().lower().split("-")[0]
        raise CorpusError(
            f"unknown election {election!r}; use one of {', '.join(ELECTION_KINDS)}, alone or "
            f"with a year: pilkada-2024, pemilu-2024{did_you_mean(kind, ELECTION_KINDS)}"
        )
    return m.group(1), int(m.group(2)) if m.group(2) else None


def _election_kinds(kind: str) -> list[str]:
    return ["pemilu", "pilkada"] if kind == "pemilu_pilkada" else [kind]


def letter_facets(
    region_code: str | None,
    level: str | None = None,
    year: int | None = None,
    doc_type: str | None = None,
    election_kind: str | None = None,
    election_year: int | None = None,
) -> str | None:
    """The facet words of one letter, space-separated (None when it has none)."""
    words = region_words(region_code)
    if level:
        words.append(_word("l", level))
    if year:
        words.append(_word("y", year))
    if doc_type:
        words.append(_word("t", doc_type))
    for kind in _election_kinds(election_kind) if election_kind else []:
        words.append(_word("e", kind))
        if election_year:
            words.append(_word("e", f"{kind}{election_year}"))
    return " ".join(words) or None


#: The code the corpus gives letters of national bodies, which have no Kemendagri region code.
NATIONAL_CODE = "00"


def region_code(region: str) -> str:
    """The code of a region given by code ("34.04", "34") or by name ("Kabupaten Sleman", "sleman");
    :class:`CorpusError` for a name two regions share (with their codes) or none has (with the
    nearest name), since a filter on a wrong region finds nothing and looks like an answer."""
    code = region.strip().rstrip(".")
    if re.fullmatch(r"\d+(\.\d+)*", code):
        if code not in codes() and code != NATIONAL_CODE:
            raise CorpusError(
                f"no region has the code {code!r}; give the region's name (Kabupaten Sleman, sleman), or find its "
                "code with: edaran query \"SELECT code, name FROM regions WHERE name LIKE '%sleman%'\""
            )
        return code
    found = named(region)
    if len(found) == 1:
        return found[0].code
    if found:
        raise CorpusError(
            f"region {region!r} is more than one: "
            + ", ".join(f"{r.name} ({r.code})" for r in found)
            + "; give its level word or its code"
        )
    raise CorpusError(
        f"unknown region {region!r}; give its name (Kabupaten Sleman, sleman) or its region code "
        f"such as 34 or 34.04{did_you_mean(region, names())}"
    )


def filter_terms(
    *,
    region: str | None = None,
    level: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    election: str | None = None,
) -> list[str]:
    """The FTS5 terms of the facet words that keep the letters passing every filter given, the
    region's first (it is the narrowest: one province holds a few percent of the letters).

    ``region`` is a code or a name (:func:`region_code`) and covers the regions under it (``33`` covers ``33.01``);
    ``election`` is ``pilkada-2024``, ``pemilu`` and the like, where ``pemilu_pilkada``
    letters count for either election.  Raises :class:`CorpusError` on a malformed
    region or election, or a level or document type no letter can have, with what to give instead.
    """
    terms = []
    if region:
        terms.append(region_words(region_code(region))[-1])
    if level:
        terms.append(_word("l", check_choice("level", level, LEVELS)))
    if year is not None:
        terms.append(_word("y", year))
    if kind:
        terms.append(_word("t", check_choice("document type", kind, DOC_TYPES)))
    if election:
        election_kind, election_year = parse_election(election)
        words = [_word("e", f"{k}{election_year or ''}") for k in _election_kinds(election_kind)]
        terms.append(words[0] if len(words) == 1 else f"({' OR '.join(words)})")
    return terms
