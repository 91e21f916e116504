"""Second OCR pass over what tesseract's full-page pass left unread, asked only where the page shows evidence.

Two cases, both in pixels of the image tesseract read, before boxes become page points:

1. Text taken for a picture.  Tesseract's layout analysis turns a block into a
   picture (one TSV word row without text) when a signature or stamp is drawn
   across printed lines: ``pada tanggal`` and ``KEPALA`` under a signature's
   loops were lost this way.  A picture block that continues a column of text
   (a text line just above or below it, overlapping it sideways) is read again
   as one block of text, with coloured ink (signatures, stamps) whitened.  Its
   lines are kept when they hold a word read with confidence; the repair's
   noise rules then judge their pieces like any other.
2. A date stamped into an empty slot.  A ``pada tanggal`` / ``tanggal`` label
   near the start of a line with nothing after it is where a date is stamped
   by hand after printing (letter-spaced stamp font, often blue or purple ink
   that the full-page greyscale fades).  The region right of the label on the
   same line is cut out, its darkest channel taken so coloured ink is dark, and
   read as a single line at a few scales and with the ``ind`` and ``eng``
   models.  A read is accepted only when it parses as a date (day 1-31, a month
   name or its abbreviation, a year 19xx/20xx) and every word of it has
   confidence of at least :data:`DATE_CONF`, and no other read, however
   doubtful, spells another date (reads stop once two agree): a stamped ``8``
   with a faint stroke reads as ``3`` at 80, and once as ``2033`` at 57.  Its words go into the label's line with
   their real boxes and confidences; otherwise the slot stays empty and the
   extractor reports the date as missing.

Pages without a picture block next to text and without an empty date slot cost
nothing here.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator

from ..data import months
from .tesseract import Box, OcrError, Word, parse_tsv, run_tesseract, run_tesseract_many

#: Words read with at least this confidence are evidence that a re-read line is text.
SOLID_CONF = 60.0
#: Pixels whose channels differ by more than this are coloured ink (print is grey: 0-4 on the scans).
COLOUR_SPREAD = 40
#: Every word of an accepted stamped date is read with at least this confidence.
DATE_CONF = 60.0
#: Reads of a date slot, in order: (upscale factor, model).  Stops once two agree on a date.  The
#: reads of one model share one tesseract process (loading the model is most of what a crop costs),
#: so a model's scales come together and the second model is loaded only when the first one's
#: reads did not settle the date.
DATE_READS = ((1, "ind"), (2, "ind"), (3, "ind"), (1, "eng"), (2, "eng"), (3, "eng"))

Lines = dict[tuple[str, ...], list[Word]]
Colour = Callable[[], object] | None  # returns the page's colour pixels (numpy, H x W x 3) in the image's frame

_LABEL = re.compile(r"^tanggal:?$", re.IGNORECASE)


def second_pass(lines: Lines, figures: list[Box], image, colour: Colour) -> Lines:
    """``lines`` with text re-read from picture blocks and stamped dates read into empty slots."""
    if not lines:
        return lines
    height = _line_height(lines)
    lines = dict(lines)
    for n, figure in enumerate(figures):
        if _continues_text(figure, lines, height):
            for k, words in enumerate(_reread_figure(figure, lines, image, colour, height)):
                lines[("figure", str(n), str(k))] = words
    for key, label in _empty_date_slots(lines):
        words = _read_date(key, label, lines, image, colour)
        if words:
            lines[key] = sorted(lines[key] + words, key=lambda w: w[1])
    return lines


def _line_height(lines: Lines) -> float:
    heights = sorted(max(w[4] for w in ws) - min(w[2] for w in ws) for ws in lines.values())
    return max(heights[len(heights) // 2], 10.0)


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


# -- pictures that are text ----------------------------------------------------------------------


def _continues_text(figure: Box, lines: Lines, height: float) -> bool:
    """A picture block tall enough for a line, with a text line just above or below it that overlaps it sideways."""
    x0, top, x1, bottom = figure
    if bottom - top < 1.2 * height or x1 - x0 < 3 * height:
        return False  # rules, speckles
    for words in lines.values():
        l0, l1 = min(w[1] for w in words), max(w[3] for w in words)
        l_top, l_bottom = min(w[2] for w in words), max(w[4] for w in words)
        beside = _overlap(l0, l1, x0, x1) >= 0.5 * min(l1 - l0, x1 - x0)
        above = -height <= top - l_bottom <= 2 * height
        below = -height <= l_top - bottom <= 2 * height
        if beside and (above or below):
            return True
    return False


def _reread_figure(figure: Box, lines: Lines, image, colour: Colour, height: float) -> list[list[Word]]:
    import numpy as np
    from PIL import Image

    x0, top = max(0, int(figure[0])), max(0, int(figure[1]))
    x1, bottom = min(image.width, int(figure[2])), min(image.height, int(figure[3]))
    grey = np.array(image.crop((x0, top, x1, bottom)))
    if colour is not None:
        pixels = np.asarray(colour())[top:bottom, x0:x1].astype(np.int16)
        grey[(pixels.max(axis=2) - pixels.min(axis=2)) > COLOUR_SPREAD] = 255
    # on a white margin, without the edges of the lines above and below the block
    pad = int(0.5 * height)
    framed = np.pad(grey, pad, constant_values=255)
    try:
        found, _ = parse_tsv(run_tesseract(Image.fromarray(framed, mode="L"), psm="6"))
    except OcrError:
        return []
    x0, top = x0 - pad, top - pad
    known = [w for ws in lines.values() for w in ws]
    out = []
    for words in found.values():
        placed = [(t, a + x0, b + top, c + x0, d + top, conf) for t, a, b, c, d, conf in words]
        placed = [w for w in placed if not any(_inside(w, k) for k in known)]
        if any(w[5] >= SOLID_CONF and _alnum(w[0]) >= 2 and _alnum(w[0]) >= len(w[0]) / 2 for w in placed):
            out.append(placed)
    return out


def _inside(word: Word, other: Word) -> bool:
    cx, cy = (word[1] + word[3]) / 2, (word[2] + word[4]) / 2
    return other[1] <= cx <= other[3] and other[2] <= cy <= other[4]


def _alnum(text: str) -> int:
    return sum(c.isalnum() for c in text)


# -- stamped dates -------------------------------------------------------------------------------


def _row(lines: Lines, label: Word) -> list[Word]:
    """Words of every line on the label's row (vertical overlap of half the smaller height), left to right."""
    out = []
    for words in lines.values():
        for w in words:
            if _overlap(w[2], w[4], label[2], label[4]) >= 0.5 * min(w[4] - w[2], label[4] - label[2]):
                out.append(w)
    return sorted(out, key=lambda w: w[1])


def _empty_date_slots(lines: Lines) -> list[tuple[tuple[str, ...], Word]]:
    """(line key, label word) of each ``tanggal`` label at the start of its row with no date after it.

    At the start: at most two words before it (``pada tanggal``, ``Dikeluarkan tanggal``), so a
    table's ``Tanggal`` column head or ``mulai tanggal`` in a sentence is no slot.  Empty: what
    follows on the row neither reads as a date nor holds an Indonesian word read with confidence.
    """
    from .ocr_repair import is_word

    slots = []
    for key, words in lines.items():
        for word in words:
            if not _LABEL.match(word[0]):
                continue
            row = _row(lines, word)
            at = row.index(word)
            after = [w for w in row[at + 1 :] if w[0] != ":"]
            if at > 2 or parse_date(" ".join(w[0] for w in after)) is not None:
                continue
            letters = ["".join(c for c in w[0] if c.isalpha()) for w in after]
            if any(w[5] >= SOLID_CONF and len(t) >= 4 and is_word(t) for w, t in zip(after, letters, strict=True)):
                continue
            slots.append((key, word))
    return slots


def _read_date(key: tuple[str, ...], label: Word, lines: Lines, image, colour: Colour) -> list[Word]:
    """The words of a date stamped right of ``label``, read as evidence allows, else []."""
    import numpy as np
    from PIL import Image, ImageOps

    row = _row(lines, label)
    height = sorted(w[4] - w[2] for w in row)[len(row) // 2]
    colon = next((w for w in row if w[1] >= label[3] and w[0] == ":" and w[1] - label[3] < height), None)
    x0 = int((colon or label)[3] + 0.3 * height)
    x1 = int(min(image.width, x0 + 20 * height))
    top, bottom = min(w[2] for w in row) - 0.75 * height, max(w[4] for w in row) + 0.75 * height
    for words in lines.values():  # not into the lines above and below
        for w in words:
            if _overlap(w[1], w[3], x0, x1) > 0 and w not in row:
                if w[4] <= label[2] + 0.25 * height:
                    top = max(top, w[4] + 1)
                elif w[2] >= label[4] - 0.25 * height:
                    bottom = min(bottom, w[2] - 1)
    top, bottom = int(max(0, top)), int(min(image.height, bottom))
    if x1 - x0 < 3 * height or bottom - top < height:
        return []
    if colour is not None:
        crop = np.asarray(colour())[top:bottom, x0:x1].min(axis=2)
        crop = Image.fromarray(np.ascontiguousarray(crop), mode="L")
    else:
        crop = image.crop((x0, top, x1, bottom))
    crop = ImageOps.autocontrast(crop, cutoff=(1, 0))
    found: dict[dt.date, list[Word]] = {}
    read_as: set[dt.date] = set()
    try:
        for scale, tsv in _read_scales(crop):
            read, _ = parse_tsv(tsv)
            words = [
                (t, a / scale + x0, b / scale + top, c / scale + x0, d / scale + top, conf)
                for ws in read.values()
                for t, a, b, c, d, conf in ws
            ]
            words.sort(key=lambda w: w[1])
            date, used = _date_words(words)
            seen = date or _date_words(words, min_conf=0.0)[0]
            if seen is not None:
                if any(seen != other for other in read_as):
                    return []  # two reads disagree (a doubtful one too): no evidence for either
                read_as.add(seen)
            if date is None:
                continue
            if date in found:
                break  # two reads agree
            found[date] = used
    except OcrError:
        return []
    return next(iter(found.values()), [])


def _read_scales(crop) -> Iterator[tuple[int, str]]:
    """(scale, tesseract's TSV) of ``crop`` for each read of :data:`DATE_READS` whose model is
    installed, in that order; the scales of one model read by one process, started only when the
    reads before it are asked for more."""
    from PIL import Image

    for lang in dict.fromkeys(lang for _, lang in DATE_READS):
        if lang not in _languages():
            continue
        scales = [scale for scale, model in DATE_READS if model == lang]
        images = [
            crop.resize((crop.width * s, crop.height * s), Image.Resampling.LANCZOS) if s > 1 else crop for s in scales
        ]
        yield from zip(scales, run_tesseract_many(images, psm="7", lang=lang), strict=True)


_DAY = re.compile(r"^\d{1,2}$")
_YEAR = re.compile(r"^(?:19|20)\d{2}[.,]?$")


def _date_words(words: list[Word], min_conf: float = DATE_CONF) -> tuple[dt.date | None, list[Word]]:
    """The date the words spell (day, month, year; a letter-spaced day may come as two digits),
    with its words (the day's digits joined), when every one of them is read with confidence."""
    months = _months()
    for i, word in enumerate(words):
        month = months.get(word[0].rstrip(".,").lower())
        if month is None or i == 0 or i + 1 >= len(words):
            continue
        day = [words[i - 1]]
        if i >= 2 and len(words[i - 2][0]) == 1 and len(words[i - 1][0]) == 1 and words[i - 2][0].isdigit():
            day = [words[i - 2], words[i - 1]]
        text = "".join(w[0] for w in day)
        year = words[i + 1]
        if not _DAY.match(text) or not _YEAR.match(year[0]):
            continue
        used = [_join(day), word, year]
        if min(w[5] for w in used) < min_conf:
            continue
        try:
            return dt.date(int(year[0][:4]), month, int(text)), used
        except ValueError:
            continue
    return None, []


def _join(words: list[Word]) -> Word:
    return (
        "".join(w[0] for w in words),
        min(w[1] for w in words),
        min(w[2] for w in words),
        max(w[3] for w in words),
        max(w[4] for w in words),
        min(w[5] for w in words),
    )


def parse_date(text: str) -> dt.date | None:
    """A date written ``day month year`` in ``text`` (words as OCR gives them), if valid."""
    m = re.search(r"(\d{1,2})\s*([A-Za-z]+)\.?\s*((?:19|20)\d{2})", text)
    month = _months().get(m.group(2).lower()) if m else None
    if m is None or month is None:
        return None
    try:
        return dt.date(int(m.group(3)), month, int(m.group(1)))
    except ValueError:
        return None


def _months() -> dict[str, int]:
    """Month names, old spellings and abbreviations (``JUN``, ``AGS``, ``DES``): the reference list."""
    return months()


@functools.lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    import subprocess

    try:
        run = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    return frozenset(line.strip() for line in (run.stdout + run.stderr).splitlines()[1:])
