"""Repairs of OCR words that the page itself gives evidence for; nothing is guessed.

Three kinds, applied in this order by :func:`repair_words`:

1. Noise: pieces of a line read from stamps, emblems and signatures (no word
   read with confidence; mostly symbols, or very low confidence and no
   Indonesian word) are dropped.  A flat dash mark before a line's text is a
   bullet and reads ``-``.
2. Split words: letter-spaced headings come back as ``N O M O R`` or
   ``PERJ ANJ IAN``; fragments on one line, close together, are joined when the
   joined form is an Indonesian word and the fragments are not.  A lone capital
   close before a lower-case rest (``J akarta``) is joined too.
3. Letter/digit confusion (O/0, l/1, I/1, S/5) inside tokens that are mostly
   digits (letter numbers, years), in a day written before a month name, and in
   an 18-digit NIP.  A letter becomes a digit only when its neighbours are digits.

Confidences are kept as tesseract gave them (a joined word keeps its lowest),
so the extractor can still warn about doubtful values; only a glyph written by
hand into a printed line (taller than the print, rising above it) is marked as
doubtful, because tesseract reads those as print with high confidence.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from itertools import groupby

from ..data import months
from .tesseract import OcrWord

#: Words read with at least this confidence are evidence that a line piece is text.
SOLID_CONF = 60.0
#: A line piece without solid words is noise when its mean confidence is below this
#: and no word in it is Indonesian ...
NOISE_MEAN_CONF = 30.0
#: ... or when more than this share of its characters are symbols.
NOISE_SYMBOL_SHARE = 0.5
#: Pieces of one line are separated by gaps wider than this many line heights.
PIECE_GAP = 1.5
#: Fragments of one word are at most this many line heights apart.
FRAGMENT_GAP = 0.8

_PLAIN_PUNCT = set(".,:;/-()'\"%&+")
_DIGIT_FOR = {"O": "0", "o": "0", "l": "1", "I": "1", "S": "5"}


def repair_words(words: list[OcrWord]) -> list[OcrWord]:
    """Noise dropped, split words joined, digits restored; lines renumbered 0, 1, 2, …"""
    lines = [list(group) for _, group in groupby(words, key=lambda w: w.line)]
    out: list[OcrWord] = []
    index = 0
    for line in lines:
        bullet = _bullet(line)
        rest = line[len(bullet) :]
        kept = bullet + [w for piece in _pieces(rest) if not is_noise(piece) for w in piece]
        if not kept:
            continue
        fixed = mark_handwriting(fix_digits(strip_stray_quotes(join_fragments(kept))))
        out.extend(replace(w, line=index) for w in fixed)
        index += 1
    return out


def repair_pages(pages: dict[int, list[OcrWord]]) -> dict[int, list[OcrWord]]:
    """:func:`repair_words` on each page, then list labels checked against their neighbours across pages."""
    order = sorted(pages)
    repaired = fix_list_labels([repair_words(pages[p]) for p in order])
    return dict(zip(order, repaired, strict=True))


# -- list labels ------------------------------------------------------------------------------

_LABEL = re.compile(r"^['`‘’\"]?(?P<body>[A-Za-z]{1,2}|[0-9lIO]{1,2})(?P<punct>[.:;,])$")


def fix_list_labels(pages: list[list[OcrWord]]) -> list[list[OcrWord]]:
    """``C.`` after ``b.`` at the same indentation is ``c.``; ``4:`` after ``3.`` is ``4.``; ``Cc.`` after ``B.`` is ``C.``.

    (Also ``'3.`` after ``2.``: a speck read as a quote mark before the label.)

    A label is the first word of a line, followed by text.  Its siblings are the
    nearest labels before and after it at the same indentation (on any page);
    a label changes only when it is, apart from case, punctuation, a doubled
    letter or a digit read as a letter, the successor of the one before (or the
    predecessor of the one after).
    """
    heads: list[tuple[int, int]] = []
    for p, words in enumerate(pages):
        for i, word in enumerate(words):
            starts_line = i == 0 or words[i - 1].line != word.line
            if starts_line and i + 1 < len(words) and words[i + 1].line == word.line and _LABEL.match(word.text):
                heads.append((p, i))
    out = [list(words) for words in pages]
    for k, (p, i) in enumerate(heads):
        word = pages[p][i]
        before = next((out[q][j] for q, j in reversed(heads[:k]) if _aligned(pages[q][j], word)), None)
        after = next((pages[q][j] for q, j in heads[k + 1 :] if _aligned(pages[q][j], word)), None)
        label = _label_between(word.text, before.text if before else None, after.text if after else None)
        if label != word.text:
            out[p][i] = replace(word, text=label)
    return out


def _aligned(a: OcrWord, b: OcrWord) -> bool:
    return abs(a.x0 - b.x0) <= 6 or abs(a.x1 - b.x1) <= 3  # left- or right-aligned labels


def _label_between(text: str, before: str | None, after: str | None) -> str:
    match = _LABEL.match(text)
    if match is None:
        return text
    body = match["body"]
    for sibling, step in ((before, 1), (after, -1)):
        other = _LABEL.match(sibling) if sibling else None
        if other is None or other["punct"] != ".":
            continue
        expected = _step(other["body"], step)
        if expected is None:
            continue
        if expected.isdigit():
            candidate = _to_digits(body) if all(c.isdigit() or c in _DIGIT_FOR for c in body) else body
            if candidate == expected:
                return expected + "."
        elif body.lower() in {expected.lower(), expected.lower() * 2}:
            return expected + "."
    return text


def _step(body: str, step: int) -> str | None:
    """The label after (step 1) or before (step -1) ``body`` in its sequence, same case."""
    if body.isdigit():
        value = int(body) + step
        return str(value) if value >= 1 else None
    if len(body) != 1 or not ("a" <= body.lower() <= "z"):
        return None
    letter = chr(ord(body) + step)
    return letter if letter.isalpha() else None


# -- handwriting ------------------------------------------------------------------------------

#: Confidence given to a glyph written by hand into a printed line (a number or a day filled in
#: after printing): tesseract reads such glyphs as print with high confidence (a handwritten 9
#: as ``Y`` at 78, an 8 as ``&`` at 90, a 3 as ``5`` at 75 on the real scans), which is no evidence.
HANDWRITTEN_CONF = 20.0


def mark_handwriting(line: list[OcrWord]) -> list[OcrWord]:
    """Lower the confidence of 1-2 character digits or capitals that stick out of their printed line.

    A handwritten glyph is taller than the print around it and rises above
    its cap height; printed descenders and commas only reach lower.
    """
    if len(line) < 3:
        return line
    tops = sorted(w.top for w in line)
    top = tops[len(tops) // 2]
    height = _height(line)
    return [replace(w, conf=min(w.conf, HANDWRITTEN_CONF)) if _sticks_out(w, top, height) else w for w in line]


def _sticks_out(word: OcrWord, top: float, height: float) -> bool:
    text = word.text
    if len(text) > 2 or any(c.islower() for c in text) or not (any(c.isalnum() for c in text) or text == "&"):
        return False  # print: lower-case ascenders (``f``, ``di``) and punctuation boxes vary in height
    return word.bottom - word.top > 1.15 * height and top - word.top > 0.15 * height


# -- noise ------------------------------------------------------------------------------------


def _height(words: list[OcrWord]) -> float:
    heights = sorted(w.bottom - w.top for w in words)
    return max(heights[len(heights) // 2], 1.0)


def _pieces(line: list[OcrWord]) -> list[list[OcrWord]]:
    """A line cut at wide gaps: a stamp beside ``Ditetapkan di …`` is a piece of its own."""
    limit = PIECE_GAP * _height(line)
    pieces = [[line[0]]]
    for prev, word in zip(line, line[1:], strict=False):
        if word.x0 - prev.x1 > limit:
            pieces.append([word])
        else:
            pieces[-1].append(word)
    return pieces


_DASHES = re.compile(r"^[.,]*[-–—~_][-–—~_.,]*$")


def _bullet(line: list[OcrWord]) -> list[OcrWord]:
    """``[-]`` when the line starts with a flat dash mark before its text (``-..`` read at 11), else ``[]``."""
    first = line[0]
    if len(line) < 2 or not _DASHES.match(first.text) or first.bottom - first.top > 0.4 * _height(line):
        return []
    return [replace(first, text="-")]


def is_noise(piece: list[OcrWord]) -> bool:
    """True for a line piece with no word read with confidence that is mostly symbols, or
    very doubtful and without an Indonesian word in it.

    Doubt alone is not enough: ``ASN;`` read at 37 is text, and dropping it
    would lose data the extractor can still warn about.
    """
    if any(w.conf >= SOLID_CONF and _alnum_share(w.text) >= 0.5 for w in piece):
        return False
    chars = "".join(w.text for w in piece)
    symbols = sum(1 for c in chars if not c.isalnum() and c not in _PLAIN_PUNCT)
    if symbols > NOISE_SYMBOL_SHARE * len(chars):
        return True
    mean = sum(w.conf for w in piece) / len(piece)
    return mean < NOISE_MEAN_CONF and not any(is_word(_letters(w.text)) for w in piece if len(_letters(w.text)) >= 4)


def _letters(text: str) -> str:
    return "".join(c for c in text if c.isalpha())


def _alnum_share(text: str) -> float:
    return sum(c.isalnum() for c in text) / len(text) if text else 0.0


# -- split words ------------------------------------------------------------------------------


#: Only fragments this short count as broken pieces: OCR splits words into short pieces.
FRAGMENT_LETTERS = range(3, 6)
#: Affixes for recognising a root word inside a derived word (``perjanjian`` = per-janji-an).
#: A small affix stripper of our own: Sastrawi's stemmer takes up to 0.3 s on one
#: non-word such as ``ASNDALAMPELAKSANAAN``, and candidates are mostly non-words.
_PREFIXES = (
    "",
    "di",
    "ke",
    "se",
    "ber",
    "be",
    "ter",
    "per",
    "pe",
    "me",
    "mem",
    "men",
    "meng",
    "meny",
    "pem",
    "pen",
    "peng",
    "peny",
    "mempe",
    "memper",
    "diper",
    "keber",
    "keter",
    "kese",
    "pember",
    "pener",
)
_SUFFIXES = ("", "an", "kan", "i", "nya", "annya", "kannya")
#: Nasal prefixes replace the root's first letter: pe+tugas -> petugas, me+kirim -> mengirim.
_NASAL = {"mem": "p", "pem": "p", "men": "t", "pen": "t", "meng": "k", "peng": "k", "meny": "s", "peny": "s"}


@functools.lru_cache(maxsize=1)
def _roots() -> frozenset[str]:
    """Indonesian root words (the list Sastrawi ships), loaded on first use."""
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return frozenset(StemmerFactory().get_words_from_file())


@functools.lru_cache(maxsize=4096)
def is_word(text: str) -> bool:
    """An Indonesian word: a root word, or a root word with common affixes."""
    roots = _roots()
    lower = text.lower()
    for suffix in _SUFFIXES:
        if suffix and not lower.endswith(suffix):
            continue
        stem = lower[: len(lower) - len(suffix)] if suffix else lower
        for prefix in _PREFIXES:
            if not stem.startswith(prefix) or len(stem) - len(prefix) < 2:
                continue
            root = stem[len(prefix) :]
            if root in roots or (prefix in _NASAL and _NASAL[prefix] + root in roots):
                return True
    return False


def join_fragments(line: list[OcrWord]) -> list[OcrWord]:
    """Join letter-spaced letters (``N O M O R``) and word fragments (``PERJ ANJ IAN``) of one line."""
    out: list[OcrWord] = []
    i = 0
    while i < len(line):
        taken = _letter_run(line, i) or _capital_run(line, i) or _fragment_run(line, i)
        if taken >= 2:
            out.append(_merge(line[i : i + taken]))
            i += taken
        else:
            out.append(line[i])
            i += 1
    return out


def _close(words: list[OcrWord], factor: float) -> bool:
    limit = factor * _height(words)
    return all(b.x0 - a.x1 <= limit for a, b in zip(words, words[1:], strict=False))


def _letter_run(line: list[OcrWord], start: int) -> int:
    """Length of a run of >= 3 single letters spaced evenly (``J A K A R T A``), else 0."""
    end = start
    while end < len(line) and len(line[end].text) == 1 and line[end].text.isalpha():
        end += 1
    run = line[start:end]
    if len(run) < 3 or not _close(run, FRAGMENT_GAP):
        return 0
    gaps = [b.x0 - a.x1 for a, b in zip(run, run[1:], strict=False)]
    return len(run) if max(gaps) <= 2 * min(gaps) + 0.25 * _height(run) else 0


#: A capital split from the rest of its word sits at most this many line heights before it.
CAPITAL_GAP = 0.5
_SHORT_WORDS = {"di", "ke", "se", "ya", "tu"}


def _capital_run(line: list[OcrWord], start: int) -> int:
    """2 for a lone capital and the lower-case rest of its word (``J akarta``, ``Y th``), else 0.

    Geometry alone cannot tell (the gap a scan leaves after a wide capital is a
    normal space), language can: a lone capital before a lower-case piece that
    is not a word (``akarta``) is one word, ``Golongan A dan B`` stays as it is.
    """
    if start + 1 >= len(line):
        return 0
    capital, rest = line[start], line[start + 1]
    letters = _letters(rest.text)
    if not (len(capital.text) == 1 and capital.text.isupper() and rest.text[:1].islower() and rest.text[:2].isalpha()):
        return 0
    if letters in _SHORT_WORDS or (len(letters) > 2 and is_word(letters)):
        return 0
    return 2 if rest.x0 - capital.x1 <= CAPITAL_GAP * _height(line) else 0


def _fragment_run(line: list[OcrWord], start: int) -> int:
    """Length (2-4) of the longest run of fragments that joins into a word, one of them a short non-word."""
    for size in (4, 3, 2):
        run = line[start : start + size]
        if len(run) < size or not all(w.text.isalpha() for w in run) or not _close(run, FRAGMENT_GAP):
            continue
        joined = "".join(w.text for w in run)
        if not (joined.isupper() or joined[1:].islower()) or len(joined) < 5:
            continue
        broken = [w for w in run if len(w.text) in FRAGMENT_LETTERS and not is_word(w.text)]
        if broken and is_word(joined):
            return size
    return 0


def _merge(words: list[OcrWord]) -> OcrWord:
    return OcrWord(
        text="".join(w.text for w in words),
        x0=min(w.x0 for w in words),
        top=min(w.top for w in words),
        x1=max(w.x1 for w in words),
        bottom=max(w.bottom for w in words),
        conf=min(w.conf for w in words),
        line=words[0].line,
    )


# -- stray quote marks -----------------------------------------------------------------------

_OPENING = "\"“‘'`"
_CLOSING = "\"”’'"


def strip_stray_quotes(line: list[OcrWord]) -> list[OcrWord]:
    """Drop an opening quote mark that nothing closes from a doubtful word (``“THOMAS`` read at 43).

    A signature stroke ending at the signer's name reads as a quote mark; a
    quotation in the letter closes on its line or the word is read with confidence.
    """
    out = list(line)
    for i, word in enumerate(line):
        text = word.text
        if word.conf >= SOLID_CONF or len(text) < 3 or text[0] not in _OPENING or not text[1].isalnum():
            continue
        if any(c in _CLOSING for w in line[i:] for c in w.text[1:]):
            continue
        out[i] = replace(word, text=text[1:])
    return out


# -- digits -----------------------------------------------------------------------------------

_SEPARATORS = re.compile(r"([/.\-:,])")
_NIP_LABEL = re.compile(r"^NIP\.?:?$", re.IGNORECASE)


def fix_digits(line: list[OcrWord]) -> list[OcrWord]:
    """Restore digits read as letters where the neighbouring characters are digits."""
    out = [replace(w, text=fix_number_token(w.text)) for w in line]
    for i, word in enumerate(out[:-1]):
        # a day before a month name: "l7 Agustus", "2I JUL"
        nxt = out[i + 1].text.rstrip(".,").lower()
        if nxt in months() and len(word.text) == 2 and _digits_with_confusables(word.text, structured=True):
            out[i] = replace(word, text=_to_digits(word.text))
    for i, word in enumerate(out):
        if _NIP_LABEL.match(word.text):
            _fix_nip(out, i + 1)
    return out


def fix_number_token(text: str) -> str:
    """``2O24`` -> ``2024``, ``O1/SE/1977`` -> ``01/SE/1977``; words and codes stay as they are.

    A segment between separators is repaired when it holds a digit, every other
    character is a confusable letter, and the letters are fewer than the digits
    (as many as the digits only inside a structured number of three or more
    segments, such as ``O1/SE/1977``).
    """
    if sum(c.isdigit() for c in text) < 2:
        return text
    parts = _SEPARATORS.split(text)
    structured = len(parts) >= 5  # three segments and two separators
    return "".join(_to_digits(p) if _digits_with_confusables(p, structured) else p for p in parts)


def _digits_with_confusables(segment: str, structured: bool = False) -> bool:
    digits = sum(c.isdigit() for c in segment)
    confusable = sum(c in _DIGIT_FOR for c in segment)
    enough = confusable < digits or (structured and confusable == digits)
    return confusable > 0 and enough and digits + confusable == len(segment)


def _to_digits(segment: str) -> str:
    return "".join(_DIGIT_FOR.get(c, c) for c in segment)


def _fix_nip(words: list[OcrWord], start: int) -> None:
    """After a ``NIP`` label: the tokens that make exactly 18 digit-like characters become digits."""
    end, count = start, 0
    while end < len(words) and all(c.isdigit() or c in _DIGIT_FOR for c in words[end].text) and count < 18:
        count += len(words[end].text)
        end += 1
    run = words[start:end]
    digits = sum(c.isdigit() for w in run for c in w.text)
    if count == 18 and digits >= 14:
        for i in range(start, end):
            words[i] = replace(words[i], text=_to_digits(words[i].text))
