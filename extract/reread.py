"""Doubtful identifying values of a scan read a second time, and the readings weighed.

The number, the date and the signer's name identify a letter; on scans they
are the values most often written by hand, stamped or drawn over.  When the
full-page OCR read such a value with doubt (a weak word, an empty slot, a value
that fails its sanity check), the value's region is read again by the second
reader (:mod:`edaran.ingest.second_reader`, two sizings) and the readings vote:

* readings that agree give the value, with a confidence by how many agree;
* readings that disagree give the value most of them support, flagged, or
  nothing when no value has a majority, and the message lists what each
  reader saw so a reviewer can decide on the page;
* a handwritten digit may be read as its look-alike (``&`` or ``B`` for 8,
  ``g`` for 9, ``O`` for 0): in a slot that holds only digits the look-alike
  counts as the digit, and a value read through a look-alike is flagged.

Nothing here reads pixels itself; this module only decides.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from ..data import months
from ..ingest.document import Document
from ..ingest.second_reader import SIZINGS, Reading, read_region
from ..schema.provenance import BBox

#: Characters a handwritten or stamped digit is read as, in a slot that holds only digits.
LOOK_ALIKES = str.maketrans(
    {
        "O": "0",
        "o": "0",
        "D": "0",
        "I": "1",
        "l": "1",
        "|": "1",
        "i": "1",
        "!": "1",
        "]": "1",
        "Z": "2",
        "z": "2",
        "S": "5",
        "s": "5",
        "G": "6",
        "b": "6",
        "T": "7",
        "g": "9",
        "q": "9",
        "B": "8",
        "&": "8",
        "A": "4",
    }
)
#: Confidence of a value by the readings behind it (see the README's calibration table).
AGREED_ALL = 0.98  # the page's OCR and both sizings of the second reader
AGREED_TWO = 0.93  # two of the three
SECOND_ONLY = 0.85  # both sizings of the second reader; the page's OCR read nothing usable
OVERRULED = 0.7  # the second reader's majority against a different reading of the page's OCR
ONE_READING = 0.6  # a single reading, confident in itself
THROUGH_LOOK_ALIKE = 0.85  # cap when a look-alike had to be taken for a digit
#: A single reading is given only at this confidence of the reader (0-1) or more.
SINGLE_MIN = 0.95


@dataclass(frozen=True)
class Decision:
    """What the readings support: a value (None: give nothing), its confidence and the doubts to report."""

    value: object | None
    confidence: float
    warnings: list[tuple[str, str]] = field(default_factory=list)
    rule: str = "vote:second_reader.v1"


def region_of(
    doc: Document, start: int, end: int, *, right: float = 90.0, grow: float = 0.8, to_margin: bool = False
) -> tuple[int, BBox] | None:
    """The page and box to read again for ``doc.text[start:end]``: the span's box grown by ``grow`` line
    heights up and down and ``right`` points to the right (handwriting runs over the printed line), or to
    the right edge of the page's text when ``to_margin`` (a stamp after an empty label)."""
    span = doc.span(start, end)
    if span.bbox is None or span.page is None:
        return None
    x0, top, x1, bottom = span.bbox
    height = max(bottom - top, 6.0)
    if to_margin:
        x1 = max(x1 + right, _text_right(doc, span.page))
    return span.page, (x0 - 30.0, top - grow * height, x1 + right, bottom + grow * height)


def _text_right(doc: Document, page: int) -> float:
    return max((b[1][2] for b in doc.boxes or () if b is not None and b[0] == page), default=0.0)


def read_again(
    doc: Document, region: tuple[int, BBox] | None, settled: Callable[[list[Reading]], bool] = lambda readings: False
) -> list[Reading]:
    """The second reader's readings of ``region``, one sizing after another until ``settled`` says the
    readings so far decide the value (the page's OCR and one reading agreeing need no third)."""
    if region is None or not doc.ocr or not doc.path.lower().endswith(".pdf"):
        return []
    readings: list[Reading] = []
    for sizing in SIZINGS:
        reading = read_region(doc.path, doc.sha256, region[0], region[1], sizing)
        if reading is None:
            break
        readings.append(reading)
        if settled(readings):
            break
    return readings


# -- numbers ----------------------------------------------------------------------------------

# "NOMOR 3 TAHUN 2018" as the second reader sees it: spaces dropped or doubled, the digit alone, an O for a 0.
_YEAR = r"(?P<year>[12][0-9OoIlSB]{3})"
_REGULATION = re.compile(r"NOMOR\W*(?P<serial>[^\s]{1,4}?)\W*TAHUN\W*" + _YEAR, re.I)
_SERIAL = re.compile(r"^(?P<serial>\S+?)\W*TAHUN\W*" + _YEAR, re.I)


def serials_of(token: str) -> dict[str, bool]:
    """What a serial's token may stand for, each with whether a look-alike was taken for a digit.

    "5" is 5; "g" is 9 through a look-alike; "B5" is 85 (B for 8) or 5 (a stray mark beside the
    digit), and "O3" 03 or 3: the other readers' votes decide between them."""
    token = token.strip(" .,:;-_'\"")
    out: dict[str, bool] = {}
    if not token:
        return out
    if token.isdigit():
        return {token: False}
    mapped = token.translate(LOOK_ALIKES)
    if mapped.isdigit():
        out[mapped] = True
    digits = "".join(c for c in token if c.isdigit())
    if digits and len(digits) >= len(token) - 1:
        out.setdefault(digits, False)
    return out


def _year(text: str) -> str | None:
    year = text.translate(LOOK_ALIKES)
    return year if re.fullmatch(r"(?:19|20)\d{2}", year) else None


#: One reader's say on a serial: what its token may stand for (each with whether through a look-alike),
#: the token as read, and who read it.
Ballot = tuple[dict[str, bool], str, str]


def decide_number(first: str | None, readings: list[Reading]) -> Decision | None:
    """Weigh the page's reading of the letter number (``first``, possibly None, blank or garbled) against the
    second reader's.  Two shapes have a serial to vote on: "NOMOR 3 TAHUN 2018" (the serial before TAHUN)
    and "800/123/BKD/2024" (the segment between the slashes that is blank or read apart).  None when the
    readings give nothing to vote on."""
    if (first and _SERIAL.match(first.strip())) or (not first and any(_REGULATION.search(r.text) for r in readings)):
        return _decide_regulation(first, readings)
    if first and "/" in first:
        return _decide_slashed(first, readings)
    return None


def _decide_regulation(first: str | None, readings: list[Reading]) -> Decision | None:
    ballots: list[Ballot] = []
    years: Counter[str] = Counter()
    m = _SERIAL.match(first.strip()) if first else None
    if m:
        ballots.append((serials_of(m.group("serial")), m.group("serial"), "page OCR"))
        years.update([y] if (y := _year(m.group("year"))) else [])
    for reading in readings:
        m = _REGULATION.search(reading.text)
        if m:
            ballots.append((serials_of(m.group("serial")), m.group("serial"), f"second reader ({reading.sizing})"))
            years.update([y] if (y := _year(m.group("year"))) else [])
    if not ballots or not years:
        return None
    year = years.most_common(1)[0][0]
    return _vote(ballots, lambda serial: f"{serial} TAHUN {year}", f"'NOMOR … TAHUN {year}'")


# A number of the slashed kind after its label, as the second reader sees it (blanks around slashes).
_SLASHED = re.compile(r"(?:NOMOR|NO)\b\W*(?P<number>[\w.\-]+(?:/[\w.\-]*)+)", re.I)


def _segments(number: str) -> list[str]:
    return [part.strip() for part in re.sub(r"\s*/\s*", "/", number.strip()).split("/")]


def _decide_slashed(first: str, readings: list[Reading]) -> Decision | None:
    """The serial of "800/123/BKD/2024" is the one segment the page left blank ("800/ /BKD/2024") or the
    second reader reads apart; the other segments must read the same, or the reading is of another line."""
    page = _segments(first)
    read = []
    for reading in readings:
        m = _SLASHED.search(re.sub(r"\s*/\s*", "/", reading.text))
        if m and len(parts := _segments(m.group("number"))) == len(page):
            read.append((parts, f"second reader ({reading.sizing})"))
    blank = [i for i, part in enumerate(page) if not re.search(r"\w", part)]
    if len(blank) > 1 or not read:
        return None
    same = [(parts, who) for parts, who in read]
    if blank:
        slot = blank[0]
    else:
        apart = Counter(i for parts, _ in same for i, part in enumerate(parts) if part.upper() != page[i].upper())
        slot = apart.most_common(1)[0][0] if apart else next((i for i, p in enumerate(page) if re.search(r"\d", p)), 0)
    ballots: list[Ballot] = [] if blank else [(serials_of(page[slot]), page[slot], "page OCR")]
    for parts, who in same:
        if all(part.upper() == page[i].upper() for i, part in enumerate(parts) if i != slot and page[i]):
            ballots.append((serials_of(parts[slot]), parts[slot], who))
    if not ballots:
        return None
    return _vote(
        ballots,
        lambda serial: "/".join(serial if i == slot else part for i, part in enumerate(page)),
        f"'{'/'.join('…' if i == slot else part for i, part in enumerate(page))}'",
    )


def _sureness(count: int, page_agrees: bool, disagreed: bool, *, alone: bool) -> float | None:
    """How sure a value is by the readings behind it (the constants above); None when they do not support it.

    ``count`` readings saw the value, ``page_agrees`` when the page's OCR is one of them, ``disagreed`` when
    some reading saw another value, ``alone`` when a single reading may stand (nothing contradicts it)."""
    if count >= 3:
        return AGREED_ALL
    if count == 2:
        if disagreed:
            return OVERRULED
        return AGREED_TWO if page_agrees else SECOND_ONLY
    return ONE_READING if alone else None


def _vote(ballots: list[Ballot], value_of: Callable[[str], str], slot: str) -> Decision:
    """The serial most readers saw, and how sure that makes it (see the constants above)."""
    seen = "; ".join(f"{who} read {raw!r}" for _, raw, who in ballots)
    tally: Counter[str] = Counter(s for serials, _, _ in ballots for s in serials)
    if not tally:
        return Decision(
            None,
            0.0,
            [("unreadable", f"number: the serial written into {slot} could not be read ({seen}); read it on the scan")],
        )
    ranked = tally.most_common()
    serial, count = ranked[0]
    if len(ranked) > 1 and ranked[1][1] == count:
        return Decision(
            None, 0.0, [("readers_disagree", f"number: the readers disagree ({seen}); read it on the scan")]
        )
    voters = [(serials, who) for serials, _, who in ballots if serial in serials]
    against = [who for serials, _, who in ballots if serials and serial not in serials]
    page_agrees = any(who == "page OCR" for _, who in voters)
    alike = all(serials[serial] for serials, _ in voters)  # no reader saw the digit itself
    confidence = _sureness(count, page_agrees, bool(against), alone=len(ballots) == 1 or not against)
    if confidence is None:
        return Decision(
            None, 0.0, [("readers_disagree", f"number: the readers disagree ({seen}); read it on the scan")]
        )
    value = value_of(serial)
    warnings = []
    if confidence < AGREED_TWO:
        code = "readers_disagree" if against else "second_reader_only"
        warnings.append((code, f"number: {value!r} given on {count} reading(s) ({seen}); check it on the scan"))
    if alike:
        confidence = min(confidence, THROUGH_LOOK_ALIKE)
        warnings.append(
            ("look_alike", f"number: a mark was taken for the digit it resembles ({seen}); check it on the scan")
        )
    return Decision(value, confidence, warnings)


# -- dates ------------------------------------------------------------------------------------

_DAY_MONTH_YEAR = re.compile(r"(?<!\d)(?P<day>\d{1,2})\s*(?P<month>[A-Za-z]{3,10})\.?\s*(?P<year>(?:19|20)\d{2})(?!\d)")


def date_in(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a stamped or written date as a reader saw it: "1 7JAN 2013", "16JAN2018"."""
    text = re.sub(r"(?<=\d)[.,](?=\s*[A-Za-z])", "", text)  # a stamp's dot after the day: "22. JAN"
    text = re.sub(r"(?<=\d)(?=[A-Za-z])|(?<=[A-Za-z])(?=\d)", " ", text)
    text = re.sub(r"(?<!\d)(\d) (\d)(?= [A-Za-z])", r"\1\2", text)  # a stamp's letter-spaced day: "1 7 JAN"
    for m in _DAY_MONTH_YEAR.finditer(text):
        month = months().get(m.group("month").lower())
        if month and 1 <= int(m.group("day")) <= 31:
            return int(m.group("year")), month, int(m.group("day"))
    return None


def decide_date(first: dt.date | None, readings: list[Reading], number_year: int | None) -> Decision | None:
    """Weigh the page's date (``first``) against the second reader's.  The letter's number names the year of
    its series: a date whose day and month the readers agree on but whose year they read apart from the
    number's year (a stamped 8 read as 3 or 9) takes the number's year, flagged."""
    votes: list[tuple[tuple[int, int, int], str]] = []
    if first:
        votes.append(((first.year, first.month, first.day), "page OCR"))
    for reading in readings:
        found = date_in(reading.text)
        if found:
            votes.append((found, f"second reader ({reading.sizing})"))
    if not votes:
        return None
    seen = "; ".join(f"{who} read {_iso(v)}" for v, who in votes)
    tally = Counter(v for v, _ in votes)
    best, count = tally.most_common(1)[0]
    tied = len(tally) > 1 and list(tally.values()).count(count) > 1
    day_month = Counter((m, d) for (_, m, d), _ in votes).most_common(1)[0]
    if (
        number_year
        and (tied or best[0] != number_year)
        and day_month[1] >= 2
        and not any(v[0] == number_year for v, _ in votes)
    ):
        month, day = day_month[0]
        value = _date(number_year, month, day)
        if value is None:
            return Decision(None, 0.0, [("readers_disagree", f"date: {seen}; read it on the scan")])
        return Decision(
            value,
            OVERRULED,
            [
                (
                    "date_year_from_number",
                    f"date: the readers agree on the day and month "
                    f"but not on the year ({seen}); the year {number_year} is the number's: check it on the scan",
                )
            ],
        )
    if number_year and any(v[0] == number_year for v, _ in votes) and best[0] != number_year:
        # A reading in the number's year outweighs a majority in another: the number's year is evidence too.
        best = next(v for v, _ in votes if v[0] == number_year)
        count, tied = tally[best], False
    if tied:
        return Decision(None, 0.0, [("readers_disagree", f"date: the readers disagree ({seen}); read it on the scan")])
    page_agrees = any(who == "page OCR" and v == best for v, who in votes)
    alone = len(votes) == 1 or bool(number_year and best[0] == number_year)
    confidence = _sureness(count, page_agrees, len(tally) > 1, alone=alone)
    if confidence is None:
        return Decision(None, 0.0, [("readers_disagree", f"date: the readers disagree ({seen}); read it on the scan")])
    value = _date(*best)
    if value is None:
        return Decision(None, 0.0, [("unreadable", f"date: {seen} is not a date; read it on the scan")])
    warnings: list[tuple[str, str]] = []
    if confidence < AGREED_TWO:
        code = "readers_disagree" if len(tally) > 1 else "second_reader_only"
        warnings.append((code, f"date: {value.isoformat()} given on {count} reading(s) ({seen}); check it on the scan"))
    return Decision(value, confidence, warnings)


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _iso(v: tuple[int, int, int]) -> str:
    return f"{v[0]:04d}-{v[1]:02d}-{v[2]:02d}"


# -- names ------------------------------------------------------------------------------------

#: Pieces of the second reader at least this confident confirm a word of a name.
NAME_PIECE_MIN = 0.85


def decide_name(printed: str, readings: list[Reading]) -> tuple[str | None, float, list[tuple[str, str]]]:
    """The words of the page's reading of a name that the second reader confirms.

    The second reader drops spaces ("THOMASDJAMALUDDIN") but spells well; the
    page's OCR keeps the spaces but adds the strokes of a signature or stamp
    ("NX - THOMAS /DJAMALUDDIN").  A word of the page's reading is confirmed when
    the second reader's confident text holds it; marks of two letters or less
    that it does not hold are strokes and go.  A longer word it does not hold
    (a misread letter, "Ignatfus") makes the name doubtful: nothing is given.
    Returns (the printed name kept, confidence, warnings).
    """
    seen = " | ".join(r.text for r in readings)
    confirmed_text = "".join(
        re.sub(r"[^A-Z]", "", p.text.upper()) for r in readings for p in r.pieces if p.confidence >= NAME_PIECE_MIN
    )
    if not confirmed_text:
        return (
            None,
            0.0,
            [
                (
                    "unreadable",
                    f"signatory.name: the page's OCR read {printed!r} and the second reader "
                    f"nothing it is sure of; read it on the scan",
                )
            ],
        )
    kept, doubtful = [], []
    for word in printed.split():
        letters = re.sub(r"[^A-Za-z]", "", word)
        if not letters:
            continue
        if letters.upper() in confirmed_text:
            kept.append(word.strip("/\\|_-—'\"`"))
        elif len(letters) > 2 and not _is_title(word):
            doubtful.append(word)
    if doubtful or not kept:
        return (
            None,
            0.0,
            [
                (
                    "readers_disagree",
                    f"signatory.name: the page's OCR read {printed!r}, the second reader "
                    f"{seen!r}; {', '.join(doubtful) or 'no word'} not confirmed: "
                    "read it on the scan",
                )
            ],
        )
    return " ".join(kept), AGREED_TWO, []


def _is_title(word: str) -> bool:
    from .people import strip_titles

    return not strip_titles(word).strip(" ,.")


def settled(decision: Decision | None) -> bool:
    """Whether a decision needs no further reading: the page's OCR and a second reading agree, unflagged."""
    return (
        decision is not None
        and decision.value is not None
        and decision.confidence >= AGREED_TWO
        and not decision.warnings
    )
