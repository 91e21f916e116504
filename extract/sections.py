"""Segment a letter into its parts: letterhead, title block, addressees, body, signature, tembusan.

Works on lines, because every part of a letter starts on a line of its own; the
body's lists are parsed separately (``lists.py``).  PDF text has no blank lines,
so no rule here may depend on them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..data import months
from .lines import Line, is_upper
from .vocabulary import (
    PUNCTUATION,
    acting_prefix,
    alternatives,
    label_line,
    office_words,
    opener,
    opens,
    titles,
    words,
)

# The title of the document type, on a line of its own: "SURAT EDARAN", "Surat Edaran", "NOTA DINAS";
# it may name its issuer on the same line ("SURAT EDARAN BUPATI KUDUS", "INSTRUKSI WALI KOTA …").
_TITLE = re.compile(
    r"^[ \t]*(?:"
    + "|".join(f"(?P<{kind}>{alternatives(names)})" for kind, names in titles().items())
    + r")(?P<rest>.*)$",
    re.I,
)
# What may follow a title on its line: the issuer's name, every word capitalised, no figures
# ("Surat Edaran ini mulai berlaku …" is a sentence, "Surat Edaran Nomor 12 … tentang …" a citation) …
_ISSUER_NAME = re.compile(r"^(?:[ \t]+(?:[A-Z][A-Za-z.'/&-]*|dan))*[ \t]*$")
_ISSUER_WORDS = 12
# … and then the letter's number, alone to the end of the line, after a title printed in capitals:
# "SURAT EDARAN NOMOR 12 TAHUN 2024", "SURAT EDARAN BUPATI KUDUS NOMOR: 800/12/BKD/2024" (not a
# citation that ends a line: "Surat Edaran Menteri Dalam Negeri Nomor 800/4123 Tahun 2023").
_TITLE_NUMBER = re.compile(
    r"(?P<issuer>(?:[ \t]+(?-i:[A-Z][A-Za-z.'/&-]*))*?)[ \t]+"
    + alternatives(words("number"))
    + PUNCTUATION
    + r"(?P<value>\S+(?:[ \t]+TAHUN[ \t]+\d{4})?)[ \t]*$",
    re.I,
)


def title_kind(text: str) -> str | None:
    """The ``doc_type`` a title line says (``"surat_edaran"`` …), or None when ``text`` is no title."""
    m = _TITLE.match(text)
    if m is None:
        return None
    rest = m.group("rest")
    numbered = _TITLE_NUMBER.match(rest)
    if numbered and not is_upper(text[: m.start("rest")] + numbered.group("issuer")):
        numbered = None
    issuer = numbered.group("issuer") if numbered else rest
    if not (numbered or _ISSUER_NAME.match(rest)) or len(issuer.split()) > _ISSUER_WORDS:
        return None
    return next(kind for kind in titles() if m.group(kind))


NUMBER = label_line("number", value=r"(?P<value>\S.*?)")


def number_at(text: str) -> re.Match[str] | None:
    """The number label of a line and its value (group ``value``), also on a title's line."""
    m = NUMBER.match(text)
    title = _TITLE.match(text)
    if m is None and title is not None and title_kind(text):
        m = _TITLE_NUMBER.match(text, title.start("rest"))
    return m


ABOUT = label_line("about")
# A label without punctuation is known by its value, printed like a heading ("Hal Penegasan …",
# "Sifat Penting"), not like a sentence ("Hal tersebut …"); a label may also stand alone on its line.
_HEADING_VALUE = r"(?:[ \t]*[:.](?!\.)(?:[ \t]*[:.](?!\.))?[ \t]*|[ \t]+(?=(?-i:[A-Z0-9\"'(\u201c]))|[ \t]*$)"
HAL = re.compile(opener(words("subject")) + _HEADING_VALUE + r"(?P<value>.*?)\s*$", re.I)
# A label of the surat dinas block ("Nomor :", "Sifat :", "Lampiran :", "Hal :") or of a nota dinas
# ("Dari :", "Tanggal :", "Tembusan :").
BLOCK_LABEL = re.compile(
    opener(words("number", "subject", "nature", "attachment", "from", "date", "copies")) + _HEADING_VALUE, re.I
)
_TO = alternatives(words("to"))
_HONORIFIC = alternatives(words("honorific"))
ADDRESS = re.compile(
    rf"^[ \t]*(?:{_TO}{PUNCTUATION})?{_HONORIFIC}{PUNCTUATION}(?P<rest>.*)$"
    rf"|^[ \t]*{_TO}[ \t]*:[ \t]*(?P<rest2>\S.*)$",  # an instruction's "Kepada : Para Kepala Perangkat Daerah"
    re.I,
)
KEPADA = label_line("to", value="")
# "di Jakarta", "Di – TEMPAT.", "di -", "di" — the line that closes the addressee block.
DI = re.compile(r"^[Dd][Ii]\s*[-–—:]?\s*(?:(?:[Tt]empat|TEMPAT)\.?|[A-Z][\w-]*\.?(?:\s+[A-Z][\w-]*\.?)?)?\s*$")
TEMPAT = re.compile(r"^(?:[Tt]empat|TEMPAT)\.?\s*$")
# Body openings (DOMAIN.md, anatomy 5) and the closing sentence.
OPENING = opens("openings")
CLOSING = opens("closings")
ENACTED = label_line("enacted", value=r"(?P<place>.+?)")
# The date may be left blank (a draft, or a date stamped by hand that could not be read).
ENACTED_ON = re.compile(r"^[ \t]*(?:pada\s+)?" + alternatives(words("date")) + PUNCTUATION + r"(?P<date>.*?)\s*$", re.I)
# A line that is only a place and a date, or a date: "Manado, 16 Desember 2024", "15 Juli 2024"; a
# draft's date may lack its day ("Bangko,      2025", "Bangko, Maret 2025").
DATE_LINE = re.compile(
    r"^[A-Z][A-Za-z .'-]{1,40},\s*(?:\d{1,2}\s+[A-Za-z]+\.?\s+|(?i:"
    + alternatives(months())
    + r")\.?\s+)?\d{4}\s*$|^\d{1,2}\s+[A-Za-z]+\.?\s+\d{4}\s*$"
)
# A signature made electronically, and the notice printed under it (BSrE certificates, the UU ITE):
# never a name, an office or a copy.
ELECTRONIC = re.compile(
    r"ditandatangani\s+secara\s+elektronik|tanda\s+tangan\s+elektronik|sertifikat\s+elektronik|\bBSrE\b|"
    r"Balai\s+Sertifikasi\s+Elektronik|Undang-Undang\s+Nomor\s+11\s+Tahun\s+2008|\bUU\s+ITE\b",
    re.I,
)
# "Tembusan :", or the longer form of regulations and agencies' letters: "Salinan disampaikan kepada",
# "Salinan Surat Edaran ini disampaikan kepada Yth." (not "Salinan sesuai dengan aslinya", a certified copy).
TEMBUSAN = re.compile(
    r"^[ \t]*(?:" + alternatives(words("copies")) + r"|Salinan(?:[ \t]+\S+){0,4}?[ \t]+disampaikan"
    r"[ \t]+kepada\b)[ \t]*(?P<rest>.*)$",
    re.I,
)
LAMPIRAN_HEADING = re.compile(opener(words("attachment")) + r"[ \t]*(?:[IVX]+|\d+)?[ \t]*:?[ \t]*(?:SURAT\b|$)", re.I)
# Letterhead and page furniture after the signature: address, phone, e-mail, web.
FOOTER = opens("furniture")


@dataclass(frozen=True)
class Parts:
    """Line indexes of the parts of a letter (``end`` indexes are exclusive)."""

    title: int | None
    number: int | None
    subject: tuple[int, int] | None  # first line, end line
    addressees: tuple[int, int] | None
    body: tuple[int, int]
    closing: int | None
    signature: tuple[int, int]
    tembusan: tuple[int, int] | None
    lampiran: int | None


def _first(lines: list[Line], pattern: re.Pattern[str], start: int = 0, end: int | None = None) -> int | None:
    for line in lines[start:end]:
        if pattern.match(line.text):
            return line.index
    return None


def subject_end(lines: list[Line], first: int, hal_style: bool) -> int:
    """The line after the last line of a subject that starts at ``first``.

    A subject printed in capitals continues while lines stay in capitals; a
    "Hal :" value continues until the next block label, addressee or body line.
    """
    head = lines[first].text
    value = HAL.match(head) or ABOUT.match(head)
    upper = is_upper(value.group("value")) if value and value.group("value") else None
    i = first + 1
    if value and not value.group("value"):  # "TENTANG" alone: the subject starts below
        while i < len(lines) and lines[i].blank:
            i += 1
        if i < len(lines):
            upper = is_upper(lines[i].text)
            i += 1
    previous = lines[i - 1].text

    def stops(i: int) -> bool:
        text = lines[i].text
        if (
            BLOCK_LABEL.match(text)
            or ADDRESS.match(text)
            or KEPADA.match(text)
            or title_kind(text)
            or DI.match(text)
            or LIST_START.match(text)
        ):
            return True
        if OPENING.match(text) and not (hal_style and _hal_continues(lines, i)):
            return True
        if not hal_style and upper is not None and is_upper(text) != upper:
            return True
        # A line that ends with a colon introduces what follows ("… menerangkan bahwa :", "DASAR HUKUM :"
        # under a subject in capitals): a sentence or heading of the body, not a wrapped subject.
        if (i > first + 1 or not hal_style) and text.rstrip().endswith(":"):
            return True
        return hal_style and upper is False and text[:1].isupper() and previous.rstrip().endswith(".")

    while i < len(lines):
        if lines[i].blank:
            # Blank lines inside a subject: it goes on when the line after them does, and is no
            # sentence that introduces the body ("DASAR HUKUM:").
            j = next((k for k in range(i + 1, len(lines)) if not lines[k].blank), len(lines))
            if j == len(lines) or lines[j].text.rstrip().endswith(":") or (hal_style and not _hal_continues(lines, j)):
                break
            i = j
        if stops(i):
            break
        previous = lines[i].text
        i += 1
    return i


# A Hal value wraps over short lines; the body's sentences run the width of the page.
_SHORT_LINE = 75
_GREETING = re.compile(r"^(?:Dengan\s+hormat|Assalamu)", re.I)


def _hal_continues(lines: list[Line], i: int) -> bool:
    """Whether line ``i`` of a "Hal :" value, though it opens with a word that may open the body
    ("Menjelang Pemilihan …", "Dalam rangka …"), still belongs to the subject.

    It does when it and the lines after it are a few short lines with no sentence end, and what
    follows them belongs to the header: the addressees ("Kepada Yth."), a place-and-date line or
    another label.  The body opens after the addressees, so it is never followed by them.
    """
    seen = 0
    for j in range(i, len(lines)):
        text = lines[j].text.strip()
        if lines[j].blank:
            continue
        if _header_line(text):
            return seen > 0
        last = text.endswith(".") and _header_line(next_text(lines, j))  # "… Tahun 2024." closes the subject
        if (
            seen >= 4
            or len(text) > _SHORT_LINE
            or _GREETING.match(text)
            or text.endswith(":")
            or (text.endswith(".") and not last)
        ):
            return False
        seen += 1
    return False


def next_text(lines: list[Line], index: int, end: int | None = None) -> str:
    """The text of the first line of text after line ``index`` (and before ``end``)."""
    return next((ln.text for ln in lines[index + 1 : end] if not ln.blank), "")


def _header_line(text: str) -> bool:
    return bool(
        ADDRESS.match(text)
        or KEPADA.match(text)
        or BLOCK_LABEL.match(text)
        or DATE_LINE.match(text.strip())
        or title_kind(text)
    )


UNTUK = re.compile(opener(words("for")) + r"[ \t]*:", re.I)
LIST_START = re.compile(r"^(?:[A-Z]|\d{1,2}|[a-z]|[IVX]{1,4})[.)]\s+\S|^\(\w{1,2}\)\s+\S|^[-•·▪]\s+\S")


# The number of an addressee: "1. Para Camat", "Yth. 2. Para Lurah", "YTH 3. …".
_ENTRY_NUMBER = re.compile(rf"^[ \t]*(?:{_HONORIFIC}{PUNCTUATION})?(?P<n>\d{{1,2}})[.)]\s", re.I)


def addressee_end(lines: list[Line], first: int, limit: int) -> int:
    """The line after the addressee block that starts at ``first`` (the "di ..." line included)."""
    i = first + 1
    first_number = re.search(r"(\d{1,2})[.)]\s", lines[first].text)
    last = int(first_number.group(1)) if first_number else 0
    if KEPADA.match(lines[first].text):  # "Kepada" alone, then "Yth. ..." after blank lines
        while i < limit and lines[i].blank:
            i += 1
    while i < limit:
        text = lines[i].text
        if DI.match(text):
            i += 1
            while i < limit and lines[i].blank:
                i += 1
            if i < limit and (TEMPAT.match(lines[i].text) or _is_place_line(lines[i].text)):
                i += 1
            return i
        if title_kind(text) or BLOCK_LABEL.match(text) or OPENING.match(text) or ABOUT.match(text) or UNTUK.match(text):
            return i
        number = _ENTRY_NUMBER.match(text)
        if number:
            last = int(number.group("n"))
        if not text.strip():
            # a blank line inside the block: go on for the "di ..." line, the next number or a line
            # that carries on an entry
            following = next_text(lines, i, limit)
            again = _ENTRY_NUMBER.match(following)
            if not (
                DI.match(following)
                or TEMPAT.match(following)
                or (again and int(again.group("n")) == last + 1)
                or _carries_on(following)
            ):
                return i
        i += 1
    return i


def _carries_on(text: str) -> bool:
    """Whether a line after a blank line still belongs to the addressee block: another "Yth." entry,
    or a short line that is neither a label, a title, a date, a list nor the body's first words."""
    text = text.strip()
    if ADDRESS.match(text):
        return True
    return (
        0 < len(text) <= _SHORT_LINE
        and not text.endswith((":", ","))
        and not _header_line(text)
        and not (
            OPENING.match(text)
            or CLOSING.match(text)
            or ABOUT.match(text)
            or UNTUK.match(text)
            or LIST_START.match(text)
            or _GREETING.match(text)
        )
    )


def _is_place_line(text: str) -> bool:
    words = text.strip(" .").split()
    return 0 < len(words) <= 3 and all(w[:1].isupper() for w in words)


def _in_label_block(lines: list[Line], index: int) -> bool:
    """Whether line ``index`` follows another label of a header block, over the items of a list
    ("Dari : Kepala Badan" / "Tembusan : Inspektur", "Kepada Yth. : 1. …" / "2. …" / "Tembusan : …"):
    a nota dinas names its copies in its header, other letters after the signature."""
    i = index - 1
    while i >= 0 and (lines[i].blank or LIST_START.match(lines[i].text)):
        i -= 1
    text = lines[i].text if i >= 0 else ""
    return bool(BLOCK_LABEL.match(text) or ADDRESS.match(text) or KEPADA.match(text) or title_kind(text))


def _label_block_end(lines: list[Line], first: int) -> int:
    """The line after a labelled field of a header block that starts at ``first``: the next label."""
    i = first + 1
    while i < len(lines) and not (BLOCK_LABEL.match(lines[i].text) or ADDRESS.match(lines[i].text)):
        i += 1
    return i


def segment(lines: list[Line]) -> Parts:
    n = len(lines)
    copies = [line.index for line in lines if TEMBUSAN.match(line.text)]
    in_header = [i for i in copies if _in_label_block(lines, i)]
    tembusan = next((i for i in copies if i not in in_header), None)
    end_search = tembusan if tembusan is not None else n
    title = None
    for line in lines[: max(1, int(n * 0.6))]:
        if title_kind(line.text):
            title = line.index
            break
    # Number: the first "Nomor" line of the header (title block or Nomor/Hal block).
    number = None
    subject = None
    addressees = None
    header_limit = end_search
    search_from = title if title is not None else 0
    number = next(
        (ln.index for ln in lines[search_from : min(header_limit, search_from + 40)] if number_at(ln.text)), None
    )
    # Without a title, "tentang" opens a subject only above the body ("… tentang Disiplin Pegawai" wraps).
    opening = _first(lines, OPENING, 0, header_limit) if title is None else None
    about = _first(
        lines,
        ABOUT,
        title if title is not None else 0,
        min(header_limit, (title or 0) + 40, n if opening is None else opening),
    )
    hal = _first(lines, HAL, 0, min(header_limit, 60))
    if title is not None and about is not None:
        subject = (about, subject_end(lines, about, hal_style=False))
    elif hal is not None:
        subject = (hal, subject_end(lines, hal, hal_style=True))
    elif about is not None:
        subject = (about, subject_end(lines, about, hal_style=False))
    addr = None
    for line in lines[: min(header_limit, 80)]:
        if ADDRESS.match(line.text) or KEPADA.match(line.text):
            addr = line.index
            break
    if addr is not None:
        addressees = (addr, addressee_end(lines, addr, header_limit))
    header_copies = (in_header[0], _label_block_end(lines, in_header[0])) if in_header and tembusan is None else None
    header_end = max(
        [p[1] for p in (subject, addressees, header_copies) if p]
        + [x + 1 for x in (title, number) if x is not None]
        + [0]
    )
    body_start = header_end
    while body_start < n and (lines[body_start].blank or DATE_LINE.match(lines[body_start].text)):
        body_start += 1
    closing = _first(lines, CLOSING, body_start, end_search)
    if closing is None:
        closing_or_sig = _signature_start(lines, body_start, end_search)
        body = (body_start, closing_or_sig)
        sig_start = closing_or_sig
    else:
        body = (body_start, closing)
        sig_start = closing + 1
        while (
            sig_start < end_search
            and not lines[sig_start - 1].text.rstrip().endswith((".", ":"))
            and not lines[sig_start].blank
            and not _signature_line(lines[sig_start].text)
        ):
            sig_start += 1  # the closing sentence wraps over lines
    lampiran = _first(lines, LAMPIRAN_HEADING, sig_start)
    tembusan_part = header_copies
    sig_end = tembusan if tembusan is not None else (lampiran if lampiran is not None else n)
    if tembusan is not None:
        tembusan_part = (tembusan, lampiran if lampiran is not None and lampiran > tembusan else n)
    return Parts(title, number, subject, addressees, body, closing, (sig_start, sig_end), tembusan_part, lampiran)


# The signature opens with the place of enactment, an acting or on-behalf prefix, or an office
# (any office word, in any case) on a line that ends with a comma: "GUBERNUR KALIMANTAN TENGAH,".
_SIGNATURE_START = re.compile(
    r"^(?:Ditetapkan|Dikeluarkan|a\.\s?n\.|an\.|u\.\s?b\.|"
    rf"(?i:{acting_prefix()})|(?i:{alternatives(office_words())}).*,\s*$)"
)


def _signature_line(text: str) -> bool:
    return bool(_SIGNATURE_START.match(text) or ENACTED.match(text))


def _signature_start(lines: list[Line], start: int, end: int) -> int:
    """Without a closing phrase: the first line from the end that starts the signature block."""
    found = end
    for line in reversed(lines[start:end]):
        if _signature_line(line.text):
            found = line.index
        elif found != end and LIST_START.match(line.text):
            break
    return found
