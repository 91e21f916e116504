"""The letter's own identity: number, document type, subject, date and place, addressees, tembusan."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .dates import find_dates
from .lines import Line, clean_value, is_upper, smart_title, trimmed
from .nlp import match
from .regions import resolve
from .sections import (
    ABOUT,
    ADDRESS,
    BLOCK_LABEL,
    DI,
    ELECTRONIC,
    ENACTED,
    ENACTED_ON,
    FOOTER,
    HAL,
    KEPADA,
    LAMPIRAN_HEADING,
    TEMBUSAN,
    TEMPAT,
    Parts,
    next_text,
    number_at,
    title_kind,
)
from .vocabulary import alternatives, label, opens, words


@dataclass(frozen=True)
class Value:
    """A value read from the document, the span it was read from and the rule that read it."""

    value: object
    start: int
    end: int
    rule: str


# A number left blank in a draft: "800/ /BKPSDMD/2025", "800/…/BKD/2024", "800/____/X", "800/".
# A serial typed into the gap later ("100.3.4.2/   27   /SET") is not a blank.
_BLANK_NUMBER = re.compile(r"/\s*/|/\s*$|/\s{2,}(?=\S)(?!\d+\s*/)|\.{3}|…|_{2,}|^\W*$")
# Wide gaps end the number ("Nomor : 800/1123/BKD          Manado, …") unless a "/" is beside them.
_NUMBER_END = re.compile(r"(?<![/\s])\s{3,}(?![/\s])")


def read_number(lines: list[Line], parts: Parts) -> tuple[Value | None, str | None]:
    """The letter number as printed; ``(None, printed)`` when it was left blank."""
    if parts.number is None:
        return None, None
    line = lines[parts.number]
    m = number_at(line.text)
    assert m is not None
    value = m.group("value")
    value = _NUMBER_END.split(value)[0].rstrip(" .,;")
    if _BLANK_NUMBER.search(value) or not re.search(r"\d", value):
        return None, value
    start = line.start + m.start("value")
    # As printed, without the blanks a typist left around the slashes: "100.3.4.2/ 27 /SET".
    return Value(re.sub(r"\s*/\s*", "/", value), start, start + len(value), "regex:number.v1"), None


def read_doc_type(lines: list[Line], parts: Parts) -> Value:
    if parts.title is not None:
        line = lines[parts.title]
        kind = title_kind(line.text) or "surat"
        return Value(kind, line.start, line.end, "regex:doctype.title.v2")
    if parts.number is not None and (parts.subject is not None and HAL.match(lines[parts.subject[0]].text)):
        line = lines[parts.number]
        return Value("surat", line.start, line.end, "regex:doctype.block.v1")
    return Value("other", 0, 0, "default:doctype.v1")


def read_subject(text: str, lines: list[Line], parts: Parts) -> Value | None:
    if parts.subject is None:
        return None
    first, end = parts.subject
    head = lines[first]
    m = HAL.match(head.text) or ABOUT.match(head.text)
    assert m is not None
    start = head.start + m.start("value") if m.group("value") else None
    if start is None:
        following = [ln for ln in lines[first + 1 : end] if not ln.blank]
        if not following:
            return None
        start = following[0].start
    stop = lines[end - 1].end
    if stop <= start:
        return None
    s, e = trimmed(text, start, stop)
    value = clean_value(text[s:e])
    return Value(value, s, e, "regex:subject.v1") if value else None


# "Jakarta, 1 Agustus 2023" / "Palangka Raya, 30 Agustus 2024" / "Bangko,      2025" (a draft).
_PLACE_DATE = re.compile(r"^(?P<place>[A-Z][A-Za-z.'-]*(?:[ ][A-Z][A-Za-z.'-]*){0,3})\s*,\s*(?P<rest>.*)$")
_BARE_DATE = re.compile(
    r"^(?:" + label("date") + r")?\s*\d{1,2}[ \t]+[A-Za-z]+\.?[ \t]+\d{4}\s*$|^\s*\d{1,2}[-/.]\d{1,2}[-/.]\d{4}\s*$",
    re.I,
)
_PARTIAL_DATE = re.compile(r"^\s*(?:[A-Za-z]+\s+)?(?:19|20)\d{2}\s*$")
# Two things on one line, far apart: "Nomor : 800/1123/BKD          Manado, 16 Desember 2024".
# A wide gap before a colon only aligns a label with the others ("Tanggal      : 5 Maret 2024").
_SEGMENT = re.compile(r"\S(?:.*?\S)?(?=\s{3,}(?![\s:])|$)")


def _segments(line: Line) -> list[Line]:
    return [
        Line(line.index, line.start + m.start(), line.start + m.end(), m.group(0)) for m in _SEGMENT.finditer(line.text)
    ]


@dataclass(frozen=True)
class DatePlace:
    date: Value | None
    place: Value | None
    incomplete: str | None = None  # what was printed where a date should be


# The date of enactment on the place's line: "Ditetapkan di Sekadau pada tanggal 24 November 2023".
_ON_DATE = re.compile(r"\s+(?:pada\s+)?" + alternatives(words("date")), re.I)


def read_date_place(text: str, lines: list[Line], parts: Parts) -> DatePlace:
    sig_lines = lines[parts.signature[0] : parts.signature[1]]
    body_start = parts.body[0]
    # "Ditetapkan di X / pada tanggal D" closes the letter: the surest source.
    for line in lines[parts.body[1] :] if parts.body[1] < len(lines) else []:
        if parts.lampiran is not None and line.index >= parts.lampiran:
            break
        m = ENACTED.match(line.text)
        if not m:
            continue
        place_text = _ON_DATE.split(m.group("place"))[0].strip(" ,:")
        ps = line.start + m.start("place")
        place = Value(smart_title(place_text), ps, ps + len(place_text), "regex:place.enacted.v1")
        window = text[line.start : lines[min(line.index + 3, len(lines) - 1)].end]
        found = [d for d in find_dates(window, line.start)]
        on = any(ENACTED_ON.match(ln.text) for ln in lines[line.index + 1 : line.index + 3]) or _ON_DATE.search(
            line.text
        )
        if found and on:
            d = found[0]
            return DatePlace(Value(d.value, d.start, d.end, d.rule), place)
        return DatePlace(None, place, incomplete="")
    header = [seg for ln in lines[:body_start] if not _in(ln, parts.subject) for seg in _segments(ln)]
    for group in (header, sig_lines):
        for line in group:
            m = _PLACE_DATE.match(line.text)
            if m and not BLOCK_LABEL.match(line.text) and resolve_place(m.group("place")):
                dates = find_dates(line.text, line.start)
                ps = line.start + m.start("place")
                place = Value(smart_title(m.group("place")), ps, ps + len(m.group("place")), "regex:place.dateline.v1")
                if dates:
                    d = dates[0]
                    return DatePlace(Value(d.value, d.start, d.end, d.rule), place)
                if _PARTIAL_DATE.match(m.group("rest")):
                    return DatePlace(None, place, incomplete=m.group("rest").strip())
            if _BARE_DATE.match(line.text):
                dates = find_dates(line.text, line.start)
                if dates:
                    d = dates[0]
                    return DatePlace(Value(d.value, d.start, d.end, d.rule), _letterhead_place(lines, line.index))
    return DatePlace(None, _letterhead_place(lines, body_start))


def _in(line: Line, part: tuple[int, int] | None) -> bool:
    return part is not None and part[0] <= line.index < part[1]


# A line that opens with a label, the body's first or last words or the letterhead's address is no place.
_NOT_PLACE = opens(
    "number",
    "about",
    "subject",
    "nature",
    "attachment",
    "to",
    "honorific",
    "from",
    "date",
    "copies",
    "openings",
    "closings",
    "furniture",
)


def resolve_place(name: str) -> bool:
    """A place name: short, capitalised, not a header label and not an office."""
    return not _NOT_PLACE.match(name) and len(name.split()) <= 4 and not match(name, "offices")


# A word of a letterhead's address line anywhere in it: "Jalan Prapanca Raya Nomor 9, Telepon 72789159".
_ADDRESS_WORD = re.compile(r"\b" + alternatives(words("furniture", "number")), re.I)


#: The letterhead's lines of text, at most.
_LETTERHEAD_LINES = 12


def _letterhead_place(lines: list[Line], limit: int) -> Value | None:
    """The city line of the letterhead ("J A K A R T A" under the address), if any."""
    head = [ln for ln in lines[:limit] if not ln.blank][:_LETTERHEAD_LINES]
    for previous, line in zip([None, *head], head, strict=False):
        words = line.text.split()
        if (
            previous is None
            or not 1 <= len(words) <= 3
            or not is_upper(line.text)
            or not all(w.isalpha() for w in words)
        ):
            continue
        if FOOTER.match(previous.text) or _ADDRESS_WORD.search(previous.text):
            if resolve(line.text) is not None or resolve("Kota " + line.text) is not None:
                return Value(smart_title(line.text.strip()), line.start, line.end, "regex:place.letterhead.v1")
    return None


_ITEM = re.compile(r"^\s*(?:(?:\d{1,2}|[a-z])[.)]|[-•·▪])\s+")
# "Yth." in front of an entry: each line that opens with it is an entry of its own ("Yth. 1. Menteri …" too).
_YTH = re.compile(rf"^\s*(?:{alternatives(words('to'))}\s+)?{alternatives(words('honorific'))}\.?\s*", re.I)


def _after_yth(text: str, start: int, end: int) -> int:
    m = _YTH.match(text[start:end])
    return start + m.end() if m else start


def _list_values(
    text: str, chunks: list[tuple[int, int]], rule: str, opens: frozenset[int] = frozenset()
) -> list[Value]:
    """Split ``(start, end)`` line chunks into list items (numbered, bulleted, each "Yth." line, or one per
    chunk); the chunks whose index is in ``opens`` followed a "Yth." the caller took off, and start an item."""
    items: list[list[int]] = []
    numbered = any(_ITEM.match(text[_after_yth(text, s, e) : e]) for s, e in chunks)
    for i, (s, e) in enumerate(chunks):
        after = _after_yth(text, s, e)
        m = _ITEM.match(text[after:e])
        if m:
            items.append([after + m.end(), e])
        elif after > s or i in opens:
            items.append([after, e])
        elif numbered and items:
            items[-1][1] = e
        elif numbered:
            items.append([s, e])
        elif items:
            items[-1][1] = e
        else:
            items.append([s, e])
    out = []
    for s, e in items:
        s, e = trimmed(text, s, e)
        value = clean_value(_YTH.sub("", text[s:e], count=1))
        if value:
            out.append(Value(value, s, e, rule))
    return out


def read_addressees(text: str, lines: list[Line], parts: Parts) -> list[Value]:
    if parts.addressees is None:
        return []
    first, end = parts.addressees
    chunks: list[tuple[int, int]] = []
    opens: set[int] = set()
    for line in lines[first:end]:
        if line.blank or KEPADA.match(line.text):
            continue
        if DI.match(line.text) or TEMPAT.match(line.text):
            break
        m = ADDRESS.match(line.text)
        if m:
            group = "rest" if m.group("rest") is not None else "rest2"
            if m.group(group):
                opens.add(len(chunks))
                chunks.append((line.start + m.start(group), line.end))
            continue
        chunks.append((line.start, line.end))
    return _list_values(text, chunks, "regex:addressees.v1", frozenset(opens))


# What follows "Tembusan" on its line before the first copy ("Tembusan, disampaikan kepada Yth.:",
# "Tembusan : 1. …"); matched from the end of the label, so it has no "^" (which would not match there).
_TEMBUSAN_HEAD = re.compile(
    rf"[\s,]*(?:disampaikan\s+)?(?:{alternatives(words('to'))}\s*)?(?:{alternatives(words('honorific'))}\.?)?\s*[:.]?\s*",
    re.I,
)


def read_tembusan(text: str, lines: list[Line], parts: Parts) -> list[Value]:
    if parts.tembusan is None:
        return []
    first, end = parts.tembusan
    head = lines[first]
    m = TEMBUSAN.match(head.text)
    assert m is not None
    chunks: list[tuple[int, int]] = []
    rest_start = head.start + m.start("rest")
    rest = _TEMBUSAN_HEAD.match(text, rest_start, head.end)
    if rest and rest.end() < head.end:
        chunks.append((rest.end(), head.end))
    for line in lines[first + 1 : end]:
        if line.blank:
            if chunks and not _ITEM.match(next_text(lines, line.index, end)):
                break
            continue
        # An e-signature notice printed under the copies (BSrE, UU ITE) is the page's, not a copy's.
        if (
            FOOTER.match(line.text)
            or LAMPIRAN_HEADING.match(line.text)
            or "@" in line.text
            or ELECTRONIC.search(line.text)
        ):
            break
        first_item = text[_after_yth(text, *chunks[0]) : chunks[0][1]] if chunks else ""
        if (
            chunks
            and not _ITEM.match(text[_after_yth(text, line.start, line.end) : line.end])
            and text[chunks[-1][1] - 1] in ".;"
            and _ITEM.match(first_item)
        ):
            break
        chunks.append((line.start, line.end))
    return _list_values(text, chunks, "regex:tembusan.v1")


_NUMBER_YEAR = re.compile(r"(?:^|[/.\-\s])((?:19|20)\d{2})$")


def date_warnings(date: dt.date | None, today: dt.date, number: str | None = None) -> list[tuple[str, str]]:
    """Doubts about the letter's date: after today, or in another year than its number ends with
    (``800/46/BKD/2024`` dated 2023: one of them is mistyped or, on a scan, misread)."""
    out = []
    if date is not None and date > today:
        out.append(("date_in_future", f"the letter is dated {date.isoformat()}, after today ({today.isoformat()})"))
    year = _NUMBER_YEAR.search(number or "")
    if date is not None and year and int(year.group(1)) != date.year:
        out.append(
            (
                "date_number_mismatch",
                f"the letter is dated {date.isoformat()} but its number {number!r} "
                f"ends with the year {year.group(1)}; one of them is mistyped or misread",
            )
        )
    return out
