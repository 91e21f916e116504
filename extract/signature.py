"""The signature block: the signer's office (with Pj./Plt./Plh. and a.n./u.b.), name and NIP."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import is_date_only
from .lines import Line, clean_value
from .nlp import match
from .people import NIP, nip_digits, strip_titles
from .regions import resolve
from .sections import DATE_LINE, ENACTED, ENACTED_ON, FOOTER

# Marks of a signed copy or an electronic signature; never a name.
_SIGNED = re.compile(r"^\\?\$?\(?\s*(?:ttd|TTD|Ttd)\.?\s*\)?\.?$|^\(?\s*tanda\s+tangan\s*\)?$", re.I)
ELECTRONIC = re.compile(r"ditandatangani\s+secara\s+elektronik|tanda\s+tangan\s+elektronik|\bBSrE\b|sertifikat\s+elektronik", re.I)
ON_BEHALF = re.compile(r"^(?:a\.\s?n\.?|an\.|atas\s+nama)\s*(?P<office>.*)$", re.I)
FOR_HIM = re.compile(r"^(?:u\.\s?b\.?|ub\.|untuk\s+beliau)\s*(?P<office>.*)$", re.I)
ACTING = re.compile(r"^(?P<prefix>Pj\.?|PJ\.?|Plt\.?|PLT\.?|Plh\.?|PLH\.?|Penjabat|PENJABAT|Pelaksana\s+Tugas|PELAKSANA\s+TUGAS|Pelaksana\s+Harian|PELAKSANA\s+HARIAN)(?=\s|$)\s*")
_ACTING_CODE = {"pj": "Pj.", "penjabat": "Pj.", "plt": "Plt.", "pelaksana tugas": "Plt.", "plh": "Plh.", "pelaksana harian": "Plh."}
# Civil-service ranks printed under the name ("Pembina Utama Muda", "Pembina Tk. I (IV/b)").
RANK = re.compile(r"^(?:Pembina|PEMBINA|Penata|PENATA|Pengatur|PENGATUR|Juru|JURU|Pangkat|Golongan|Gol\.)\b|\((?:I|II|III|IV)/[a-e]\)")
# Words that make a line an office or a place, not a person.
_OFFICE_WORDS = re.compile(
    r"\b(?:gubernur|bupati|wali\s*kota|walikota|kepala|sekretaris|menteri|provinsi|kabupaten|kota|daerah|pemerintah|"
    r"badan|dinas|republik|indonesia|wakil|ketua|direktur|deputi|camat|lurah|kantor|biro|bagian|negara|nasional|"
    r"kepegawaian|sumber|manusia|administrasi|jakarta|pelaksana|penjabat|harian|tugas|nip|lampiran|tembusan)\b",
    re.I,
)


@dataclass
class Signature:
    title: tuple[int, int] | None = None          # the signer's own office as printed
    on_behalf_of: tuple[int, int] | None = None
    name: tuple[int, int] | None = None
    nip: tuple[int, int] | None = None
    electronic: tuple[int, int] | None = None
    acting: str | None = None
    office_lines: list[Line] = field(default_factory=list)


def acting_code(prefix: str) -> str:
    return _ACTING_CODE[re.sub(r"[.\s]+", " ", prefix.lower()).strip()]


def _name_like(text: str) -> bool:
    words = text.replace(",", " ").split()
    return (0 < len(words) <= 8 and not re.search(r"\d", text) and not _OFFICE_WORDS.search(strip_titles(text))
            and any(c.isalpha() for c in text) and not RANK.search(text) and text[:1].isalpha()
            and resolve(strip_titles(text)) is None)


def read_signature(text: str, lines: list[Line], start: int, end: int) -> Signature:
    sig = Signature()
    candidates: list[Line] = []
    for line in lines[start:end]:
        t = line.text.strip()
        if not t:
            continue
        if ELECTRONIC.search(t):
            sig.electronic = sig.electronic or (line.start, line.end)
            continue
        if (ENACTED.match(t) or ENACTED_ON.match(t) or DATE_LINE.match(t) or is_date_only(t) or _SIGNED.match(t)
                or FOOTER.match(t)):
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
        if line.text.rstrip().endswith(","):
            office_end = i + 1
            break
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
        if _OFFICE_WORDS.search(line.text) or ACTING.match(line.text) or ON_BEHALF.match(line.text) or \
                resolve(line.text) is not None or bool(match(line.text, "offices")):
            n += 1
        else:
            break
    return n


def _read_office(text: str, sig: Signature) -> None:
    """Split the office lines into on-behalf-of, acting prefix and the signer's own office."""
    if not sig.office_lines:
        return
    start, end = sig.office_lines[0].start, sig.office_lines[-1].end
    block = text[start:end]
    first = sig.office_lines[0]
    behalf = ON_BEHALF.match(first.text)
    if behalf:
        # "a.n. GUBERNUR JAWA TENGAH\nSEKRETARIS DAERAH," : the first line is whose name it goes out in.
        b_start = first.start + behalf.start("office")
        b_end = first.start + len(first.text.rstrip(" ,"))
        ub = [i for i, ln in enumerate(sig.office_lines) if FOR_HIM.match(ln.text)]
        sig.on_behalf_of = (b_start, b_end)
        own_from = ub[-1] if ub else 1
        if ub:
            m = FOR_HIM.match(sig.office_lines[own_from].text)
            own_start = sig.office_lines[own_from].start + (m.start("office") if m and m.group("office") else 0)
            if m and not m.group("office") and own_from + 1 < len(sig.office_lines):
                own_start = sig.office_lines[own_from + 1].start
        elif len(sig.office_lines) > 1:
            own_start = sig.office_lines[1].start
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


def title_value(text: str, span: tuple[int, int] | None) -> str | None:
    return clean_value(text[span[0]:span[1]]) if span else None


def nip_value(text: str, span: tuple[int, int] | None) -> str | None:
    return nip_digits(text[span[0]:span[1]]) if span else None
