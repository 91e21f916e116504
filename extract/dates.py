"""Dates: Indonesian month names (old and short spellings), numeric forms."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..data import months
from .nlp import match


@dataclass(frozen=True, slots=True)
class FoundDate:
    value: dt.date
    start: int
    end: int
    rule: str


# 15-07-2024, 15/07/2024, 15.07.2024 (day first, as Indonesian letters write them), not inside a longer
# number ("800/15.07.2024/BKD", "1.2.2024.5"); a full stop may end the sentence after it ("… tanggal 5-11-2024.").
_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})[-/.](\d{1,2})[-/.]((?:19|20)\d{2})(?![\d/-]|\.\w)")
_WORDS = re.compile(r"(\d{1,2})\s*([A-Za-z]+)\.?\s*(\d{4})")


def parse_date(text: str) -> dt.date | None:
    """The date written in ``text`` ("13 Nopember 2024", "15-07-2024"), if valid."""
    m = _WORDS.search(text)
    if m and m.group(2).lower() in months():
        return _valid(int(m.group(3)), months()[m.group(2).lower()], int(m.group(1)))
    m = _NUMERIC.search(text)
    if m:
        return _valid(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return None


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str, offset: int = 0) -> list[FoundDate]:
    """Every valid date in ``text`` (token matcher for words, regex for numbers)."""
    found = []
    for label, _, start, end in match(text, "dates"):
        if label != "DATE":
            continue
        value = parse_date(text[start:end])
        if value:
            found.append(FoundDate(value, offset + start, offset + end, "matcher:date.v2"))
    for m in _NUMERIC.finditer(text):
        value = _valid(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if value:
            found.append(FoundDate(value, offset + m.start(), offset + m.end(), "regex:date.numeric.v1"))
    found.sort(key=lambda d: d.start)
    return found


# Hijri months as Indonesian letters spell them ("26 Muharram 1446 H", "1 Rabiul Awal 1446 H").
HIJRI_MONTH = (
    r"(?:Muharr?am|Shafar|Safar|Rabi'?u?l[ -]?(?:Awal|Awwal|Akhir|Tsani|Ats[ -]?Tsani)|"
    r"Juma[dt]i?[ae]?l[ -]?(?:Awal|Awwal|Ula|Akhir|Akhirah|Tsani|Ats[ -]?Tsaniyah)|Rajab|Sya'?b[a']?an|"
    r"Ramadh?an|Syaww?al|Zulkaidah|Zulqa'?i?dah|Dzulqa'?i?dah|Dzulka'?i?dah|Zulhij(?:j)?ah|Dzulhij(?:j)?ah)"
)
# A date alone, Gregorian or Hijri, with the era letter some letters print after it
# ("1 Agustus 2024 M", "26 Muharram 1446 H"); two of them may share the line ("… H / … M").
_ONE_DATE = rf"\d{{1,2}}\s+(?:{HIJRI_MONTH}|[A-Za-z]+\.?)\s+\d{{4}}(?:\s*(?:M|H|SM)\.?)?"
DATE_ONLY = re.compile(
    rf"^\s*(?:pada\s+)?(?:tanggal\s*:?\s*)?{_ONE_DATE}(?:\s*[/,-]?\s*{_ONE_DATE})?\s*[,.]?\s*$", re.I
)


def is_date_only(text: str) -> bool:
    """A line that holds a date and nothing else: no office, no name."""
    m = DATE_ONLY.match(text)
    if not m:
        return False
    months_named = re.findall(rf"\d{{1,2}}\s+({HIJRI_MONTH}|[A-Za-z]+)\.?\s+\d{{4}}", text, re.I)
    hijri = re.compile(HIJRI_MONTH + r"$", re.I)
    return all(w.lower() in months() or hijri.match(w) for w in months_named)
