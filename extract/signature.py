"""The signature block: the signer's office (with Pj./Plt./Plh. and a.n./u.b.), name and NIP."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from .dates import is_date_only
from .lines import Line
from .nlp import match
from .people import NIP, strip_titles
from .regions import resolve
from .sections import DATE_LINE, ELECTRONIC, ENACTED, ENACTED_ON, FOOTER
from .vocabulary import acting_codes, acting_prefix, title_words

# Marks of a signed copy or an electronic signature; never a name.
_SIGNED = re.compile(r"^\\?\$?\(?\s*(?:ttd|TTD|Ttd)\.?\s*\)?\.?$|^\(?\s*tanda\s+tangan\s*\)?$", re.I)
# "a.n.", "A.N", "an.", "atas nama"; an initial that opens a name is no prefix ("A. Nasution", "U. Budiman").
ON_BEHALF = re.compile(r"^(?:a\.\s?n(?:\.|(?!\w))|an\.|atas\s+nama\b)\s*(?P<office>.*)$", re.I)
FOR_HIM = re.compile(r"^(?:u\.\s?b(?:\.|(?!\w))|ub\.|untuk\s+beliau\b)\s*(?P<office>.*)$", re.I)
ACTING = re.compile(rf"^(?P<prefix>{acting_prefix()})(?=\s|$)\s*", re.I)
# Civil-service ranks printed under the name ("Pembina Utama Muda", "Pembina Tk. I (IV/b)").
RANK = re.compile(
    r"^(?:Pembina|PEMBINA|Penata|PENATA|Pengatur|PENGATUR|Juru|JURU|Pangkat|Golongan|Gol\.)\b|\((?:I|II|III|IV)/[a-e]\)"
)
# Words that make a line an office or a place, not a person: every word of the offices, acting prefixes and
# levels of the vocabulary, and the other words of an office's name or the page around a signature.
_OFFICE_WORD_LIST = sorted(
    title_words()
    | set(
        "pemerintah republik indonesia lurah negara kepegawaian sumber manusia administrasi jakarta nip lampiran "
        "tembusan".split()
    )
)
# A line that opens with a conjunction continues the office above it ("KEPALA LEMBAGA PENERBANGAN /
# DAN ANTARIKSA NASIONAL"); no name opens with one.
_CONTINUES = re.compile(r"^\W*(?:dan|serta|&)\s", re.I)
#: Office words long enough that one misread letter leaves them recognisable ("SEKRBTARIS").
_LONG_OFFICE_WORDS = tuple(w for w in _OFFICE_WORD_LIST if len(w) >= 7)
_OFFICE_WORDS = re.compile(r"\b(?:wali\s*kota|" + "|".join(_OFFICE_WORD_LIST) + r")\b", re.I)


def name_problem(name: str) -> str | None:
    """Why ``name`` (titles stripped) cannot be a person's name, or None.  OCR of a signature block yields
    scraps of strokes and stamps ("Elo", "ad"), office words with a stroke attached ("Kepalan/") and digits."""
    letters = re.sub(r"[^A-Za-z]", "", name)
    if len(letters) < 4:
        return "is too short for a name"
    if re.search(r"\d", name):
        return "holds digits"
    if re.search(r"[^\w\s.,'`-]", name):
        return "holds marks no name has"
    if _office_word(name):
        return "is an office, not a name"
    return None


@dataclass
class Signature:
    title: tuple[int, int] | None = None  # the signer's own office as printed
    on_behalf_of: tuple[int, int] | None = None
    name: tuple[int, int] | None = None
    nip: tuple[int, int] | None = None
    electronic: tuple[int, int] | None = None
    acting: str | None = None
    office_lines: list[Line] = field(default_factory=list)


def acting_code(prefix: str) -> str:
    return acting_codes()[re.sub(r"[.\s]+", " ", prefix.lower()).strip()]


def _name_like(text: str) -> bool:
    words = text.replace(",", " ").split()
    return (
        0 < len(words) <= 8
        and not re.search(r"\d", text)
        and not _OFFICE_WORDS.search(strip_titles(text))
        and any(c.isalpha() for c in text)
        and not RANK.search(text)
        and not _scrap(text)
        and not _CONTINUES.match(text)
        and not ON_BEHALF.match(text)
        and not FOR_HIM.match(text)
        and resolve(strip_titles(text)) is None
        and not _office_word(text)
    )


def _scrap(text: str) -> bool:
    """OCR's reading of a signature's or stamp's strokes, not a printed name: no word of three letters, or
    a lone letter that is no initial ("YSS Y,", "IL Pa"; an initial keeps its full stop: "M. Ridwan").
    A lone capital that opens a name of longer words is a name of its own: the Balinese "I" of
    "I WAYAN SUDARSANA", "I Gusti Agung …" (titles aside: "Dr. I Ketut Sukarja, S.H.")."""
    words = [w for w in re.findall(r"[A-Za-z]+\.?", text)]
    if not any(len(w.rstrip(".")) >= 3 for w in words) or sum(len(w.rstrip(".")) for w in words) < 4:
        return True
    name = strip_titles(text)
    words = re.findall(r"[A-Za-z]+\.?", name)
    if _LONE_CAPITAL_OPENS.match(name):
        words = words[1:]
    return any(len(w) == 1 for w in words)


# A one-letter name element before at least two capitalised words: "I WAYAN SUDARSANA", "I Made Ariawan".
_LONE_CAPITAL_OPENS = re.compile(r"^[A-Z]\s+(?:[A-Z][A-Za-z'-]{1,}\s+)+[A-Z][A-Za-z'-]{2,}$")


def _office_word(text: str) -> bool:
    """An office word, or one with a stroke of the signature read as a letter after it ("KEPALAN")."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", text)]
    return any(
        w in _OFFICE_WORD_LIST
        or (w[:-1] in _OFFICE_WORD_LIST and len(w) > 5)
        or (len(w) >= 7 and any(Levenshtein.distance(w, o) <= 1 for o in _LONG_OFFICE_WORDS))
        for w in words
    )


def read_signature(text: str, lines: list[Line], start: int, end: int) -> Signature:
    sig = Signature()
    candidates: list[Line] = []
    signed_at = None  # where "ttd" stood among the candidates: the office is above it, the name below
    for line in lines[start:end]:
        t = line.text.strip()
        if not t:
            continue
        if ELECTRONIC.search(t):
            sig.electronic = sig.electronic or (line.start, line.end)
            continue
        if _SIGNED.match(t) and signed_at is None and candidates:
            signed_at = len(candidates)
            continue
        if (
            ENACTED.match(t)
            or ENACTED_ON.match(t)
            or DATE_LINE.match(t)
            or is_date_only(t)
            or _SIGNED.match(t)
            or FOOTER.match(t)
        ):
            continue
        candidates.append(line)
    nip_at = None
    for i, line in enumerate(candidates):
        m = NIP.search(line.text)
        if m:
            sig.nip = (line.start + m.start(1), line.start + m.end(1))
            nip_at = i
            break
    # The signer's office: the lines up to the one ending with a comma, or up to the name.
    office_end = 0
    for i, line in enumerate(candidates[: nip_at if nip_at is not None else len(candidates)]):
        if line.text.rstrip().endswith(",") and (_names_office(line.text) or not _scrap(line.text)):
            office_end = i + 1
            break
    if office_end == 0 and signed_at is not None and (nip_at is None or signed_at <= nip_at):
        # "KEPALA BADAN PENGELOLAAN / KEUANGAN DAN ASET DAERAH / ttd / NAME": however many lines the
        # office runs over, it ends where the signature stands.
        office_end = signed_at
    name_line = None
    if nip_at is not None:
        for line in reversed(candidates[office_end:nip_at]):
            if _name_like(line.text):
                name_line = line
                break
    else:
        for line in candidates[office_end:]:
            if _name_like(line.text):
                name_line = line
                break
    if office_end == 0:
        office_end = candidates.index(name_line) if name_line is not None else min(len(candidates), 4)
        office_end = _office_span(candidates[:office_end])
    sig.office_lines = candidates[:office_end]
    if name_line is not None:
        lead = len(name_line.text) - len(name_line.text.lstrip())
        sig.name = (name_line.start + lead, name_line.start + len(name_line.text.rstrip().rstrip(",")))
    _read_office(text, sig)
    return sig


def _office_span(lines: list[Line]) -> int:
    """Without a comma to end it, the office runs over the lines that name an office or a region."""
    n = 0
    for line in lines:
        if _names_office(line.text):
            n += 1
        else:
            break
    return n


def _names_office(text: str) -> bool:
    """A line of the signer's office: an office word, an acting or on-behalf prefix, a region, an office
    (a comma after a scrap of a stamp, "YSS Y,", ends no office)."""
    return bool(
        _OFFICE_WORDS.search(text)
        or _CONTINUES.match(text)
        or ACTING.match(text)
        or ON_BEHALF.match(text)
        or FOR_HIM.match(text)
        or resolve(text) is not None
        or match(text, "offices")
        or _office_word(text)
    )


def _read_office(text: str, sig: Signature) -> None:
    """Split the office lines into on-behalf-of, acting prefix and the signer's own office."""
    if not sig.office_lines:
        return
    start, end = sig.office_lines[0].start, sig.office_lines[-1].end
    block = text[start:end]
    first = sig.office_lines[0]
    behalf = ON_BEHALF.match(first.text)
    if behalf:
        # "a.n. GUBERNUR JAWA TENGAH\nSEKRETARIS DAERAH," : the first line is whose name it goes out in; after
        # "a.n." alone on its line, the next line is.
        whose = 1 if not behalf.group("office").strip() and len(sig.office_lines) > 1 else 0
        line = sig.office_lines[whose]
        b_start = (
            first.start + behalf.start("office")
            if whose == 0
            else line.start + len(line.text) - len(line.text.lstrip())
        )
        b_end = line.start + len(line.text.rstrip(" ,"))
        ub = [i for i, ln in enumerate(sig.office_lines) if FOR_HIM.match(ln.text)]
        sig.on_behalf_of = (b_start, b_end)
        own_from = ub[-1] if ub else whose + 1
        if ub:
            m = FOR_HIM.match(sig.office_lines[own_from].text)
            own_start = sig.office_lines[own_from].start + (m.start("office") if m and m.group("office") else 0)
            if m and not m.group("office") and own_from + 1 < len(sig.office_lines):
                own_start = sig.office_lines[own_from + 1].start
        elif len(sig.office_lines) > own_from:
            own_start = sig.office_lines[own_from].start
        else:
            own_start = b_start
        sig.title = (own_start, end) if own_start < end else None
    else:
        sig.title = (start, end)
        acting = ACTING.match(block)
        if acting:
            sig.acting = acting_code(acting.group("prefix"))
    if sig.title:
        s, e = sig.title
        while e > s and text[e - 1] in " ,.\n":
            e -= 1
        sig.title = (s, e)
