"""Signatories: names without titles, NIP checks."""

from __future__ import annotations

import datetime as dt
import re

# NIP printed with or without spaces: "NIP. 19730121 199303 1 004", "NIP : 197108011994031002".
NIP = re.compile(r"\bNIP\b\.?\s*:?\s*((?:\d[\s.]*){15,21}\d)")

# Academic and religious titles in front of a name ("Dr. H.", "Drs.", "Ir. Hj.", "K.H.").
_TITLES = r"(?:Prof|Dr|dr|Drs|Dra|Ir|H|Hj|K\.?\s?H|Ust|Ustadz|Ny|Tn|Sdr|Sdri|Bpk|Ibu|drg|Hajjah|Haji)"
_PREFIX = re.compile(rf"^(?:{_TITLES}\.?\s+)+")
# The end of the line above read into the name's line by OCR ("Si Drs. Syawir Kasim": the "M.Si" of a
# degree line): a short scrap before a title, with its full stop, that opens a name.
_RESIDUE = re.compile(rf"^(?:[A-Za-z]{{1,3}}[.,]?\s+){{1,2}}(?={_TITLES}\.\s*[A-Z])")
# Titles after a comma ("Budi Santoso, S.H., M.Si.", "FERDI FIRDAUS, S.Sos., ME").
_SUFFIX = re.compile(r",.*$")
# Degree abbreviations printed without the comma ("Budi Santoso SH MM").
_DEGREES = (
    "SH MH MM MSi MAP ME MT MPd SE ST SKM SSos SIP SIKom SPd MKes PhD Lc MA SKom MKom SSTP MSc BSc SAg MAg "
    "SHut SP MP SPsi SFarm Apt SKed SIP MIP MPA MPP SStP MStat SAP MAk SAk"
).split()
_BARE_DEGREE = re.compile(
    r"(?:\s+(?:" + "|".join(r"\.?".join(re.findall(r"[A-Z][a-z]*", d)) + r"\.?" for d in _DEGREES) + r"))+$"
)


def strip_titles(printed: str) -> str:
    """The person's name without academic or religious titles."""
    name = _RESIDUE.sub("", printed.strip())
    name = _SUFFIX.sub("", name)
    name = _PREFIX.sub("", name)
    bare = _BARE_DEGREE.sub("", name)
    if len(bare.split()) >= 2:  # never strip a one-word name down to nothing
        name = bare
    return re.sub(r"\s+", " ", name).strip(" ,.")


def nip_digits(printed: str) -> str:
    return re.sub(r"\D", "", printed)


def nip_problems(nip: str, *, today: dt.date | None = None) -> list[str]:
    """What is wrong with an 18-digit NIP: birth date, appointment date, sex digit."""
    if not re.fullmatch(r"\d{18}", nip):
        return [f"NIP has {len(nip)} digits, not 18"]
    today = today or dt.date.today()
    problems = []
    try:
        birth = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        birth = None
        problems.append(f"birth date {nip[0:8]} is not a date")
    year, month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= month <= 12:
        problems.append(f"appointment month {nip[12:14]} is not a month")
    elif (year, month) > (today.year, today.month):
        problems.append(f"appointment {nip[8:14]} is in the future")
    if birth is not None:
        age = year - birth.year
        if birth.year < 1930 or birth > today:
            problems.append(f"birth year {birth.year} is implausible")
        elif not 16 <= age <= 60:
            problems.append(f"appointed at age {age}")
    if nip[14] not in "12":
        problems.append(f"sex digit {nip[14]} is neither 1 nor 2")
    return problems
