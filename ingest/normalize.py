"""Clean document text without losing track of where each character came from.

Every step is a pure function ``(text, origin) -> (text, origin)`` where
``origin[i]`` is the offset in the text as read of ``text[i]`` (one extra entry
at the end points past the last character).  Steps only delete characters or
swap one character for another, so a span over the cleaned text always maps
back to the characters it was read from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

Origin = list[int]


def drop(text: str, origin: Origin, ranges: Iterable[tuple[int, int]]) -> tuple[str, Origin]:
    """Delete the given sorted, non-overlapping ``[start, end)`` ranges."""
    parts: list[str] = []
    oparts: list[int] = []
    last = 0
    for start, end in ranges:
        if start < last:  # overlapping match from another alternative: keep the first
            start = last
        if end <= start:
            continue
        parts.append(text[last:start])
        oparts.extend(origin[last:start])
        last = end
    if last == 0:
        return text, origin
    parts.append(text[last:])
    oparts.extend(origin[last:])
    return "".join(parts), oparts


def drop_matches(text: str, origin: Origin, pattern: re.Pattern[str], group: int | str = 0):
    """Delete what ``group`` of every match of ``pattern`` covers."""
    return drop(text, origin, (m.span(group) for m in pattern.finditer(text) if m.start(group) >= 0))


# Markdown left by PDF-to-text converters: "## BUPATI SEKADAU", "**A. Setiap ASN dilarang:**",
# "*posting, comment*", escaped "\$(ttd)", autolinks "<https://bit.ly/x>", hard breaks "Sekadau  ".
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+", re.M)
_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=[^\s*])|(?<=[^\s*])\*(?![\w*])")
_ESCAPE = re.compile(r"\\(?=[$*_#\[\]()<>`-])")
_AUTOLINK_OPEN = re.compile(r"<((?:https?://|www\.)[^\s<>]+)>")
# Anchored at the start of a run of blanks: unanchored, a long run not ending a line was tried
# from each of its blanks in turn (quadratic).
_TRAILING_SPACE = re.compile(r"(?<![ \t])[ \t]+$", re.M)
_LEADING_SPACE = re.compile(r"^[ \t]+", re.M)
# A stray list bullet in front of a real label: "- a. ikut kampanye", " - 1) Memasang", "- (b) …", "- Yth. 1."
_STRAY_BULLET = re.compile(
    r"^[-•*·▪][ \t]+(?=(?:[A-Za-z]|\d{1,2}|[IVX]{1,4})[.)][ \t]|\((?:[A-Za-z]|\d{1,2})\)[ \t]|Yth\b)", re.M
)
# Letter-spaced words in letterheads: "J A K A R T A" (four or more single letters).
_SPACED = re.compile(r"(?<![\w.])[A-Za-z](?: [A-Za-z]){3,}(?![\w.])")
# "Fake bold" printed twice and read back doubled: "BBAADDAANN" -> "BADAN".
_DOUBLED = re.compile(r"\b(?:([A-Z])\1){3,}\b")
# Hyphen at a line end splitting one word: "perun-\ndangan".  Reduplications such as
# "masing-\nmasing" or "perundang-\nundangan" keep their hyphen (see _is_reduplication).
# A match starts only where a word does (\b): tried from every letter of a word, one long word
# (80,000 letters) took a minute.
_LINE_HYPHEN = re.compile(r"\b(\w+)-\n(\w+)")
# Page furniture that text converters keep: "- 2 -", "Halaman 1 dari 2", "Hal. 2 / 3".
_PAGE_MARK = re.compile(
    r"^[ \t]*(?:[-–—][ \t]*\d{1,3}[ \t]*[-–—]|(?:Halaman|Hal\.|Page)[ \t]*\d{1,3}[ \t]*(?:dari|/|of)[ \t]*\d{1,3})[ \t]*\n?",
    re.M | re.I,
)
_CRLF = re.compile(r"\r(?=\n)|\r")
_QUOTES = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u00a0": " ",
        "\t": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",
        "\u200b": " ",
        "\ufeff": " ",
        "\f": "\n",
        "\v": "\n",
    }
)


def _is_reduplication(left: str, right: str) -> bool:
    """True for Indonesian reduplications that keep their hyphen across a line break."""
    lw, rw = left.lower(), right.lower()
    if lw == rw or rw.startswith(lw) or lw.endswith(rw[: max(3, len(rw) // 2)]):
        return True
    return rw[:3] in lw and len(rw) >= 3


def _hyphen_ranges(text: str):
    for m in _LINE_HYPHEN.finditer(text):
        if not _is_reduplication(m.group(1), m.group(2)):
            yield m.end(1), m.start(2)
        else:  # keep the hyphen, drop only the line break
            yield m.end(1) + 1, m.start(2)


def _spaced_ranges(text: str):
    for m in _SPACED.finditer(text):
        for i in range(m.start() + 1, m.end(), 2):
            yield i, i + 1


def _doubled_ranges(text: str):
    for m in _DOUBLED.finditer(text):
        for i in range(m.start() + 1, m.end(), 2):
            yield i, i + 1


def _autolink_ranges(text: str):
    for m in _AUTOLINK_OPEN.finditer(text):
        yield m.start(), m.start() + 1
        yield m.end() - 1, m.end()


def normalize(text: str, origin: Origin | None = None, *, markdown: bool = True) -> tuple[str, Origin]:
    """Run every cleaning step; return the clean text and its origin map."""
    if origin is None:
        origin = list(range(len(text) + 1))
    body_origin, tail = origin[:-1], origin[-1:]
    text = text.translate(_QUOTES)
    text, body_origin = drop_matches(text, body_origin, _CRLF)
    if markdown:
        text, body_origin = drop_matches(text, body_origin, _HEADING)
        text, body_origin = drop(text, body_origin, _autolink_ranges(text))
        text, body_origin = drop_matches(text, body_origin, _ESCAPE)
        text, body_origin = drop_matches(text, body_origin, _EMPHASIS)
    text, body_origin = drop_matches(text, body_origin, _TRAILING_SPACE)
    text, body_origin = drop_matches(text, body_origin, _LEADING_SPACE)
    text, body_origin = drop_matches(text, body_origin, _PAGE_MARK)
    text, body_origin = drop_matches(text, body_origin, _STRAY_BULLET)
    text, body_origin = drop(text, body_origin, _spaced_ranges(text))
    text, body_origin = drop(text, body_origin, _doubled_ranges(text))
    text, body_origin = drop(text, body_origin, _hyphen_ranges(text))
    return text, body_origin + tail
