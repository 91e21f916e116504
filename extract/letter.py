"""From a document to its letter record: every field of the contract, each with its span."""

from __future__ import annotations

import datetime as dt
import re
from typing import cast

from rapidfuzz.distance import Levenshtein

from ..data import election_days
from ..ingest.document import Document
from ..ingest.second_reader import unavailable as second_reader_unavailable
from ..schema.letter import (
    Acting,
    Citation,
    CitationKind,
    DocType,
    Election,
    ElectionKind,
    Issuer,
    Item,
    Letter,
    Region,
    Relation,
    Signatory,
    Source,
    Warning,
)
from ..schema.provenance import Span
from . import confidence, header, reread
from .citations import akn_uri, find_citations
from .lines import Line, clean_value, smart_title, split_lines, trimmed
from .lists import classify, parse_body
from .nlp import match
from .people import nip_digits, nip_problems, strip_titles
from .regions import NATIONAL, find_mentions, resolve
from .sections import Parts, segment
from .signature import ACTING, ON_BEHALF, Signature, acting_code, name_problem, read_signature
from .vocabulary import acting_prefix, alternatives, office_levels, offices, words

#: OCR confidence (0-100) under which a value is flagged for review.
LOW_CONFIDENCE = 70.0
#: Under this, an identifying value (number, date, NIP, name) read by OCR is not
#: given at all: a wrong number is worse than none.
UNREADABLE = 45.0
#: Identifying values, not given when unreadable.
_IDENTIFYING = ("number", "date", "signatory.nip", "signatory.name")
#: Values judged by their weakest word (one misread digit makes another number), not the mean.
_BY_WEAKEST = ("number", "date", "signatory.nip")

#: The level of government of an office (a secretary-general, a sekretaris utama of a national agency
#: outside the ministries and an executive head of the OJK are national: no region has one).
_LEVEL_OF_OFFICE = office_levels()
_NATIONAL_BODY = re.compile(
    r"\b(?:KEMENTERIAN|MENTERI|LEMBAGA|BADAN\s+\w+(?:\s+\w+)*\s+(?:NASIONAL|NEGARA)|KOMISI|REPUBLIK\s+INDONESIA|"
    r"SEKRETARIAT\s+(?:JENDERAL|KABINET|NEGARA|UTAMA))\b",
    re.I,
)

# A letterhead that opens with an agency's name and names no region (a region's agencies print
# "PEMERINTAH PROVINSI …" or "… DAERAH" first): "BADAN METEOROLOGI, KLIMATOLOGI, DAN GEOFISIKA".
_AGENCY_HEAD = re.compile(r"^(?:BADAN|LEMBAGA|KOMISI|KEMENTERIAN|ARSIP|PERPUSTAKAAN|OMBUDSMAN)\b(?!.*\bDAERAH\b)")


class _Record:
    """Collects values, their spans, confidences and warnings while a letter is read."""

    def __init__(self, doc: Document, second_reader: bool = True):
        self.doc = doc
        self.second_reader = second_reader
        self.spans: dict[str, Span] = {}
        self.confidence: dict[str, float] = {}
        self.warnings: list[Warning] = []

    def span(self, start: int, end: int) -> Span:
        return self.doc.span(start, end)

    def ocr_confidence(self, path: str, start: int, end: int) -> float | None:
        """The OCR confidence (0-100) a value is judged by: its weakest word for numbers, dates and NIPs."""
        if path in _BY_WEAKEST:
            return self.doc.weakest_confidence(start, end)
        return self.span(start, end).confidence

    def keep(self, path: str, start: int, end: int, rule: str, *, strength: float = confidence.LABELLED) -> bool:
        """Record where ``path`` was read, by which rule and how sure it is; False when OCR could not read it
        well enough to give it."""
        span = self.span(start, end).model_copy(update={"rule": rule})
        self.spans[path] = span
        ocr = self.ocr_confidence(path, start, end)
        self.confidence[path] = confidence.of_value(strength, ocr)
        if ocr is None or ocr >= LOW_CONFIDENCE:
            return True
        if ocr < UNREADABLE and path in _IDENTIFYING:
            self.warn(
                "unreadable",
                f"{path} could not be read with confidence ({ocr:.0f}); OCR read {self.doc.text[start:end]!r}",
                span,
                field=path,
            )
            self.confidence.pop(path)
            return False
        self.warn("low_ocr_confidence", f"{path} was read by OCR with confidence {ocr:.0f}; check it", span, field=path)
        return True

    def decided(self, path: str, decision: reread.Decision, start: int, end: int) -> None:
        """Record a value weighed by :mod:`.reread` (or its absence) with the decision's doubts."""
        span = self.span(start, end).model_copy(update={"rule": decision.rule})
        for code, message in decision.warnings:
            self.warn(code, message, span, field=path)
        if decision.value is None:
            self.spans.pop(path, None)
            self.confidence.pop(path, None)
        else:
            self.spans[path] = span
            self.confidence[path] = decision.confidence

    def read_again(self, region, settled=lambda readings: False) -> list:
        """The second reader's readings of ``region`` of a scan, until ``settled``; none when it is off or
        cannot run here (said once per letter, so a reviewer knows why doubtful values were not checked)."""
        if not self.second_reader or region is None or not self.doc.ocr:
            return []
        why = second_reader_unavailable()
        if why is not None:
            if not any(w.code == "second_reader_unavailable" for w in self.warnings):
                self.warn("second_reader_unavailable", f"doubtful values were not read a second time: {why}")
            return []
        return reread.read_again(self.doc, region, settled)

    def warn(self, code: str, message: str, span: Span | None = None, *, field: str | None = None) -> None:
        self.warnings.append(Warning(code=code, message=message, span=span, field=field))


def extract_letter(doc: Document, *, today: dt.date | None = None, second_reader: bool = True) -> Letter:
    """Read every field of the letter record from ``doc``.

    On a scan, the number, date and signer's name that OCR read with doubt are read again by the second
    reader (:mod:`.reread`) unless ``second_reader`` is False; they are then withheld or flagged instead.

    Never raises for a field it cannot find: the field is null (or empty) and a
    warning says what is missing or doubtful.
    """
    today = today or dt.date.today()
    text = doc.text
    lines = split_lines(text)
    parts = segment(lines)
    rec = _Record(doc, second_reader)
    for note in doc.notes:
        rec.warn(note.code, note.message)

    number, blank_number = header.read_number(lines, parts)
    number_value = _number(doc, lines, parts, number, blank_number, rec)

    doc_type = header.read_doc_type(lines, parts)
    if doc_type.end > doc_type.start:
        rec.keep("doc_type", doc_type.start, doc_type.end, doc_type.rule)
    else:
        rec.warn(
            "doc_type_unknown",
            "neither a title (SURAT EDARAN, NOTA DINAS, INSTRUKSI …) nor a Nomor/Hal block says "
            "what kind of letter this is",
        )

    subject = header.read_subject(text, lines, parts)
    if subject:
        rec.keep("subject", subject.start, subject.end, subject.rule)
    else:
        rec.warn("subject_missing", "no subject (TENTANG / Hal / Perihal) found", field="subject")

    when = header.read_date_place(text, lines, parts)
    date_value = _plausible_date(_date(doc, lines, when, number_value, rec, today), today, rec)
    place = when.place
    if place and re.search(r"\d", str(place.value)):
        # "Jakarta 97": a stamp's residue read into the place line; a place has no digits.
        rec.warn(
            "implausible",
            f"place: {place.value!r} holds digits; read it on the scan",
            rec.span(place.start, place.end),
            field="place",
        )
        place = None
    if place:
        rec.keep("place", place.start, place.end, place.rule)

    addressees = header.read_addressees(text, lines, parts)
    for i, v in enumerate(addressees):
        rec.keep(f"addressees.{i}", v.start, v.end, v.rule)
    tembusan = header.read_tembusan(text, lines, parts)
    for i, v in enumerate(tembusan):
        rec.keep(f"tembusan.{i}", v.start, v.end, v.rule)

    sig = read_signature(text, lines, *parts.signature)
    signatory = _signatory(text, sig, rec, today)
    issuer = _issuer(text, lines, parts, sig, rec)
    citations = _citations(text, lines, parts, rec, number_value)
    prohibitions, obligations = _items(doc, lines, parts, str(doc_type.value))
    urls = _urls(text, rec)
    election = _election(text, lines, parts, subject, rec, date_value)
    _language(text, rec)

    letter = Letter(
        source=Source(path=doc.path, sha256=doc.sha256, media_type=doc.media_type, pages=doc.pages, ocr=doc.ocr),
        doc_type=cast(DocType, doc_type.value),
        number=number_value,
        date=date_value,
        place=str(place.value) if place else None,
        subject=str(subject.value) if subject else None,
        issuer=issuer,
        signatory=signatory,
        addressees=[str(v.value) for v in addressees],
        citations=citations,
        prohibitions=prohibitions,
        obligations=obligations,
        tembusan=[str(v.value) for v in tembusan],
        urls=urls,
        election=election,
        warnings=rec.warnings,
        spans=rec.spans,
        confidence=rec.confidence,
    )
    return letter.model_copy(update={"review": confidence.review_of(letter)})


def _number(
    doc: Document, lines: list[Line], parts: Parts, number: header.Value | None, blank: str | None, rec: _Record
) -> str | None:
    """The letter's number; on a scan, a doubtful or blank serial is read again and the readings weighed."""
    if number is None and blank is None:
        rec.warn("number_missing", "no letter number found", field="number")
        return None
    line = lines[parts.number] if parts.number is not None else None
    read = rec.ocr_confidence("number", number.start, number.end) if number is not None else None
    if number is not None and (not doc.ocr or read is None or read >= LOW_CONFIDENCE):
        rec.keep("number", number.start, number.end, number.rule)
        return str(number.value)
    if doc.ocr and line is not None:
        first = str(number.value) if number else blank
        readings = rec.read_again(
            reread.region_of(doc, line.start, line.end), lambda rs: reread.settled(reread.decide_number(first, rs))
        )
        decision = reread.decide_number(first, readings)
        if decision is not None and readings:
            start, end = (number.start, number.end) if number else (line.start, line.end)
            rec.decided("number", decision, start, end)
            return str(decision.value) if decision.value is not None else None
    if number is None:
        why = (
            "a number written by hand that OCR could not read with confidence; read it on the scan"
            if doc.ocr
            else "a draft or an unnumbered copy"
        )
        rec.warn("number_blank", f"the number is left blank ({blank!r}): {why}", field="number")
        return None
    return str(number.value) if rec.keep("number", number.start, number.end, number.rule) else None


_DATE_LABEL = re.compile(r"\btanggal\b", re.I)


def _date_slot(lines: list[Line], when: header.DatePlace) -> Line | None:
    """The line that holds the date, or its label when the date was stamped there and not read."""
    at = when.date.start if when.date else when.place.start if when.place else None
    if at is None:
        return None
    i = next((ln.index for ln in lines if ln.start <= at <= ln.end), None)
    if i is None:
        return None
    if when.date:
        return lines[i]
    return next((ln for ln in lines[i : i + 3] if _DATE_LABEL.search(ln.text)), None)


def _date(
    doc: Document, lines: list[Line], when: header.DatePlace, number: str | None, rec: _Record, today: dt.date
) -> dt.date | None:
    """The date of signing; on a scan, a doubtful or empty date slot is read again and the readings weighed."""
    date = when.date
    value: dt.date | None = date.value if date else None  # type: ignore[assignment]
    doubtful = (
        date is not None
        and doc.ocr
        and (
            (rec.ocr_confidence("date", date.start, date.end) or 100.0) < LOW_CONFIDENCE
            or bool(header.date_warnings(value, today, number))
        )
    )
    if doc.ocr and (doubtful or (date is None and when.incomplete is not None)):
        slot = _date_slot(lines, when)
        if slot is not None:
            region = reread.region_of(doc, slot.start, slot.end, to_margin=True)
            readings = rec.read_again(
                region, lambda rs: reread.settled(reread.decide_date(value, rs, _number_year(number)))
            )
            decision = reread.decide_date(value, readings, _number_year(number))
            if decision is not None and readings:
                start, end = (date.start, date.end) if date else (slot.start, slot.end)
                rec.decided("date", decision, start, end)
                value = decision.value  # type: ignore[assignment]
                if value is not None:
                    for code, message in header.date_warnings(value, today, number):
                        rec.warn(code, message, rec.spans["date"], field="date")
                return value
    if date is None:
        if when.incomplete is not None:
            why = (
                "a date stamped or written by hand that OCR could not read with confidence; read it on the scan"
                if doc.ocr
                else "a draft or an undated copy"
            )
            rec.warn("date_incomplete", f"the date is left incomplete ({when.incomplete!r}): {why}", field="date")
        else:
            rec.warn("date_missing", "no date of signing found", field="date")
        return None
    if not rec.keep("date", date.start, date.end, date.rule):
        return None
    for code, message in header.date_warnings(value, today, number):
        rec.warn(code, message, rec.spans["date"], field="date")
    return value


#: The earliest year a letter of the Republic can bear; a date before it, or more than a year after
#: today, is a misread (a stamped 2018 read as 2059), not a date to give.
FIRST_YEAR = 1945


def _plausible_date(value: dt.date | None, today: dt.date, rec: _Record) -> dt.date | None:
    if value is None or (value.year >= FIRST_YEAR and value <= today + dt.timedelta(days=366)):
        return value
    rec.warn(
        "implausible",
        f"date: {value.isoformat()} cannot be the date of a letter read today; read it on the scan",
        rec.spans.pop("date", None),
        field="date",
    )
    rec.confidence.pop("date", None)
    return None


_YEAR_OF_NUMBER = re.compile(rf"(?:{alternatives(words('year'))}\.?\s+|/)((?:19|20)\d{{2}})\s*$", re.I)


def _number_year(number: str | None) -> int | None:
    m = _YEAR_OF_NUMBER.search(number or "")
    return int(m.group(1)) if m else None


def _signatory(text: str, sig: Signature, rec: _Record, today: dt.date) -> Signatory:
    name = printed = nip = None
    if sig.name:
        printed = " ".join(text[sig.name[0] : sig.name[1]].split())
        name = _name(rec, printed, sig.name)
    else:
        rec.warn("signatory_name_missing", "the signature block prints no name", field="signatory.name")
    if sig.nip:
        nip = nip_digits(text[sig.nip[0] : sig.nip[1]])
        problems = nip_problems(nip, today=today)
        if not rec.keep("signatory.nip", *sig.nip, "regex:nip.v1"):
            nip = None
        elif problems:
            rec.warn(
                "nip_invalid", f"NIP {nip}: " + "; ".join(problems), rec.spans["signatory.nip"], field="signatory.nip"
            )
            if len(nip) != 18:
                nip = None
    title = clean_value(text[sig.title[0] : sig.title[1]]) if sig.title else None
    if sig.title:
        rec.keep("signatory.title", *sig.title, "signature:office.v2")
    behalf = clean_value(text[sig.on_behalf_of[0] : sig.on_behalf_of[1]]) if sig.on_behalf_of else None
    if sig.on_behalf_of:
        rec.keep("signatory.on_behalf_of", *sig.on_behalf_of, "signature:on_behalf.v1")
    if sig.electronic:
        rec.keep("signatory.electronic", *sig.electronic, "regex:electronic.v2")
    return Signatory(
        name=name,
        name_printed=printed,
        nip=nip,
        title=title,
        on_behalf_of=behalf,
        electronic=sig.electronic is not None,
    )


def _name(rec: _Record, printed: str, where: tuple[int, int]) -> str | None:
    """The signer's name without titles.  On a scan a name that reads doubtfully or does not look like a name
    (an office word, digits, a two-letter scrap) is read again, and only the words both readers saw are kept."""
    doc = rec.doc
    name = smart_title(strip_titles(printed)) or None
    problem = name_problem(name or "")
    ocr = rec.ocr_confidence("signatory.name", *where)
    if doc.ocr and (problem or (ocr is not None and ocr < LOW_CONFIDENCE)):
        readings = rec.read_again(
            reread.region_of(doc, *where, right=30.0, grow=0.5),
            lambda rs: reread.decide_name(printed, rs)[1] >= reread.AGREED_TWO,
        )
        if readings:
            kept, sure, doubts = reread.decide_name(printed, readings)
            name = smart_title(strip_titles(kept)) if kept else None
            problem = name_problem(name or "") if name else None
            if problem:
                doubts = [("implausible", f"signatory.name: {name!r} {problem}; read it on the scan")]
                name = None
            rec.decided("signatory.name", reread.Decision(name, sure, doubts), *where)
            return name
    if problem:
        rec.spans["signatory.name"] = rec.span(*where).model_copy(update={"rule": "signature:name.v2"})
        rec.warn(
            "implausible",
            f"signatory.name: {printed!r} {problem}; read it on the scan",
            rec.spans["signatory.name"],
            field="signatory.name",
        )
        return None
    return name if rec.keep("signatory.name", *where, "signature:name.v2", strength=confidence.PLACED) else None


def _office_of(text: str) -> str | None:
    """The office code of the first (longest) office named in ``text``."""
    best = None
    for _, office, start, end in match(text, "offices"):
        if best is None or start < best[0] or (start == best[0] and end > best[1]):
            best = (start, end, office)
    return best[2] if best else None


def _issuer(text: str, lines: list[Line], parts: Parts, sig: Signature, rec: _Record) -> Issuer:
    """Whose letter it is: the office it goes out in the name of, acting prefix, region."""
    # The letterhead ends where the addressees, the title or the number block begin: "Yth. 2. Para
    # Deputi" names an office, but not the issuer's.
    head_end = min(
        parts.body[0],
        len(lines),
        *(i for i in (parts.title, parts.number) if i is not None),
        *((parts.addressees[0],) if parts.addressees else ()),
    )
    letterhead = [ln for ln in lines[:head_end][:8] if not ln.blank]
    title_span = sig.on_behalf_of or sig.title
    acting = None if sig.on_behalf_of else sig.acting
    title = clean_value(text[title_span[0] : title_span[1]]) if title_span else None
    office = _office_of(title) if title else None
    misread = False
    if office is None and title and rec.doc.ocr:
        office = _office_near(title)  # "SEKRBTARIS UTAMA", "KEPALAN/": one letter misread by OCR
        misread = office is not None
    source = "signature"
    if office is None:
        for line in letterhead:
            office = _office_of(line.text)
            if office:
                title_span = (line.start, line.end)
                title = clean_value(line.text)
                m = ACTING.match(title)
                acting = acting_code(m.group("prefix")) if m else acting
                source = "letterhead"
                break
    if office in _BARE_HEADS:
        office = _head_of_letterhead(office, letterhead) or office
    if title_span:
        rec.keep("issuer.title", *title_span, f"{source}:office.v2")
        if office:
            rec.keep(
                "issuer.office",
                *title_span,
                "fuzzy:office.v1" if misread else f"{source}:office.v2",
                strength=confidence.INFERRED if misread else confidence.LABELLED,
            )
            if misread:
                rec.warn(
                    "office_misread",
                    f"the signer's office {title!r} was read as {office} with one letter "
                    "taken for misread by OCR; check it on the scan",
                    rec.spans["issuer.office"],
                    field="issuer.office",
                )
        else:
            rec.warn(
                "issuer_unknown", f"the signer's office {title!r} is not one the extractor knows", field="issuer.office"
            )
    else:
        rec.warn("issuer_unknown", "neither the signature nor the letterhead names an office", field="issuer.office")
    region = _region(text, title, office, letterhead, parts, lines, rec, title_span, source)
    prefix = ACTING.match(title) if title else None
    if prefix and not acting:
        acting = acting_code(prefix.group("prefix"))
    behalf = ON_BEHALF.match(title) if title else None
    if title and behalf:
        title = behalf.group("office") or title
    return Issuer(office=office, acting=cast(Acting | None, acting), title=title, region=region)


def _office_near(title: str) -> str | None:
    """The office whose words the title's first words spell with at most one letter wrong in each word of
    five letters or more (OCR of a title under a signature: "SEKRBTARIS UTAMA", "KEPALAN/")."""
    words = re.findall(r"[a-z]+", title.lower())
    best = None
    for code, phrases in offices().items():
        for phrase in phrases:
            wanted = phrase.lower().split()
            if len(words) < len(wanted):
                continue
            if all(
                w == o or (len(o) >= 5 and Levenshtein.distance(w, o) <= 1) for w, o in zip(words, wanted, strict=False)
            ):
                if best is None or len(wanted) > best[0]:
                    best = (len(wanted), code)
    return best[1] if best else None


#: Titles printed bare under the letterhead of the body they head ("KEPALA," under "LEMBAGA …").
_BARE_HEADS = ("kepala", "ketua")


def _head_of_letterhead(office: str, letterhead: list[Line]) -> str | None:
    """The office of a bare head ("KEPALA,") from the body the letterhead names: the head of a LEMBAGA is
    kepala_lembaga, of a BADAN kepala_badan (the bodies are those the office vocabulary has a head of);
    None when no letterhead line opens with one."""
    for line in letterhead:
        first = re.match(r"\W*([A-Za-z]+)", line.text)
        code = f"{office}_{first.group(1).lower()}" if first else ""
        if code in offices():
            return code
    return None


def _region(
    text: str,
    title: str | None,
    office: str | None,
    letterhead: list[Line],
    parts: Parts,
    lines: list[Line],
    rec: _Record,
    title_span: tuple[int, int] | None,
    source: str,
) -> Region | None:
    level = _LEVEL_OF_OFFICE.get(office or "")
    # The head of a body the title calls national ("Kepala Lembaga Penerbangan dan Antariksa Nasional",
    # "Kepala Badan Kepegawaian Negara") and names no region is a national issuer.
    if (
        level is None
        and title
        and _NATIONAL_BODY.search(title)
        and resolve(_after_office(title)) is None
        and not find_mentions(title)
    ):
        level = "nasional"
    if level == "nasional":
        if title_span:
            rec.keep("issuer.region", *title_span, "office:region.v1")
        return NATIONAL
    if title and office in _LEVEL_OF_OFFICE:
        rest = _after_office(title)
        region = resolve(rest, level) if rest else None
        if region is None and source == "signature":  # "Bupati Sekadau," is often printed as just "Bupati"
            for line in letterhead:
                if _office_of(line.text) == office:
                    region = resolve(_after_office(clean_value(line.text)), level)
                    if region:
                        title_span = (line.start, line.end)
                        break
        if region is not None and title_span and (level is None or region.level == level):
            rec.keep("issuer.region", *title_span, "office:region.v1")
            return region
    # Letterheads of agencies: "PEMERINTAH KABUPATEN MERANGIN / BADAN KEPEGAWAIAN ..."
    head_text_end = letterhead[-1].end if letterhead else 0
    scope = [(0, head_text_end)]
    if parts.signature[0] < len(lines):
        scope.append((lines[parts.signature[0]].start, lines[min(parts.signature[1], len(lines)) - 1].end))
    for s, e in scope:
        mentions = find_mentions(text[s:e])
        if mentions:
            region, ms, me = mentions[-1] if office in ("sekretaris_daerah",) else mentions[0]
            rec.keep("issuer.region", s + ms, s + me, "mention:region.letterhead.v1")
            return region
    if any(_NATIONAL_BODY.search(ln.text) for ln in letterhead) or (
        letterhead and _AGENCY_HEAD.match(letterhead[0].text)
    ):
        return NATIONAL
    mentions = find_mentions(text[: lines[min(parts.body[1], len(lines)) - 1].end] if lines else "")
    if mentions:
        region, ms, me = mentions[0]
        rec.keep("issuer.region", ms, me, "mention:region.text.v1")
        rec.warn(
            "region_guessed",
            f"the issuer's region was taken from the text ({region.name}), not the letterhead",
            field="issuer.region",
        )
        return region
    rec.warn("region_unknown", "the issuer's region could not be resolved to a Kemendagri code", field="issuer.region")
    return None


# The office an acting holder or a head of a region or ministry is printed with, before the region:
# "Pj. Bupati Kudus", "Wakil Wali Kota Bogor", "Menteri Dalam Negeri".
_OFFICE_PREFIX = re.compile(
    rf"^(?:{acting_prefix()}\s+)?"
    + alternatives(phrase for code in _LEVEL_OF_OFFICE for phrase in offices()[code])
    + r"\s*",
    re.I,
)


def _after_office(title: str) -> str:
    return _OFFICE_PREFIX.sub("", title.strip(), count=1)


def _citations(text: str, lines: list[Line], parts: Parts, rec: _Record, own_number: str | None) -> list[Citation]:
    body_start, body_end = parts.body
    if body_start >= len(lines):
        return []
    start = lines[body_start].start
    end = lines[min(body_end, len(lines)) - 1].end if body_end > body_start else start
    out = []
    for cit in find_citations(text, start, end):
        if own_number and cit.numbers and cit.numbers[0].replace(" ", "") == own_number.replace(" ", ""):
            continue
        relation = cit.relation or _dasar(text, cit.start)
        number = cit.numbers[0] if cit.numbers else None
        out.append(
            Citation(
                kind=cast(CitationKind, cit.kind),
                number=number,
                numbers=cit.numbers,
                year=cit.year,
                articles=cit.articles,
                title=cit.title,
                issuer=cit.issuer,
                relation=cast(Relation | None, relation),
                uri=akn_uri(cit.kind, number, cit.year),
                span=(span := rec.span(*trimmed(text, cit.start, cit.end))),
                confidence=confidence.of_value(confidence.LABELLED, span.confidence),
            )
        )
    return out


_DASAR = re.compile(
    r"(?:^|\n)\s*(?:(?:[A-Z]|\d{1,2}|[IVX]+)\.\s*)?(?:Dasar(?:\s+Hukum)?|Mengingat|Landasan\s+Hukum)\b\s*:?", re.I
)
# A sentence's verb that ends its line before a list: "Berdasarkan:", "Memperhatikan:", "… Tahun 2023,
# dan berdasarkan:", "Berpedoman pada:".
_LIST_VERB = re.compile(
    r"\b(?P<verb>Berdasarkan|Mengingat|Memperhatikan|Menindaklanjuti|Merujuk|Mengacu|Mempedomani|Memedomani"
    r"|Berpedoman|Melaksanakan)(?:[^\S\n]+(?:pada|kepada|dengan|ketentuan))?[^\S\n]*:[^\S\n]*\n",
    re.I,
)
_LIST_VERBS = {
    "berdasarkan": "berdasarkan",
    "mengingat": "berdasarkan",
    "memperhatikan": "merujuk",
    "menindaklanjuti": "menindaklanjuti",
    "merujuk": "merujuk",
    "mengacu": "merujuk",
    "mempedomani": "mempedomani",
    "memedomani": "mempedomani",
    "berpedoman": "mempedomani",
    "melaksanakan": "melaksanakan",
}
_LABELLED = re.compile(r"[^\S\n]*(?:\d{1,2}|[a-zA-Z])[.)]\s")
# A section heading ends the basis: "B. Larangan", "A. LARANGAN", "II. KEWAJIBAN PEGAWAI".
_SECTION_HEADING = re.compile(r"\n\s*(?:[A-Z]|[IVX]{1,4}|\d{1,2})\.\s+[A-Z][A-Za-z]+(?:\s+[A-Za-z]+){0,3}\s*:?\s*\n")
# A sentence's full stop at the end of a line, not an abbreviation's ("PP No." / "53 Tahun 2010").
_FULL_STOP = re.compile(r"(?<![\s.]No)(?<![\s.]Th)(?<!Thn)(?<!Tgl)\.\s*$")
# An item's last line: the next line opens another item or ends the list.
_ITEM_END = re.compile(r"[.;:]\s*$|[;,]\s*(?:dan|atau|serta)\s*$")


def _in_list(lines: list[str]) -> bool:
    """Every line is an item of one list: it opens with a label, or it carries on the item
    above it when a line wrapped ("1. Undang-Undang … tentang Aparatur" / "Sipil Negara;").  A section
    heading ("A. LARANGAN") and a full stop after items that ended ";" close the list."""
    previous = None
    open_items = False  # an item ended with ";": a full stop after it closes the list
    for line in lines:
        if not line.strip():
            continue
        if _SECTION_HEADING.match("\n" + line + "\n") or (open_items and previous and _FULL_STOP.search(previous)):
            return False
        if not _LABELLED.match(line) and (previous is None or _ITEM_END.search(previous)):
            return False
        open_items = open_items or bool(previous and re.search(r"[;,]\s*(?:dan|atau|serta)?\s*$", previous))
        previous = line
    return True


def _dasar(text: str, at: int) -> str | None:
    """Citations listed under a "Dasar Hukum" / "Mengingat" heading are the letter's basis; those
    listed under a verb of their own ("Berdasarkan:" then "1. …", "2. …") take that verb, as long
    as every line from the verb down to the citation's is an item of the list."""
    heads = [m for m in _DASAR.finditer(text, max(0, at - 1500), at)]
    if heads and not _SECTION_HEADING.search(text[heads[-1].end() : at]):
        return "berdasarkan"
    verbs = list(_LIST_VERB.finditer(text, max(0, at - 1500), at))
    if verbs:
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        lines = text[verbs[-1].end() : line_start].splitlines() + [
            text[line_start : line_end if line_end >= 0 else None]
        ]
        if _in_list(lines):
            return _LIST_VERBS[verbs[-1].group("verb").lower()]
    return None


def _items(doc: Document, lines: list[Line], parts: Parts, doc_type: str) -> tuple[list[Item], list[Item]]:
    text = doc.text
    start, end = parts.body
    x0 = _line_x0(doc, lines) if doc.boxes is not None else None
    roots = parse_body(text, lines, start, end, x0)
    classified = classify(text, roots, "directive" if doc_type == "instruksi" else "neutral")

    def item(tree) -> Item:
        node, children = tree
        s, e = trimmed(text, node.text_start, node.end)
        span = doc.span(s, e)
        return Item(
            label=node.label,
            text=node.own_text(text),
            children=[item(c) for c in children],
            span=span,
            confidence=confidence.of_value(confidence.PLACED, span.confidence),
        )

    return [item(t) for t in classified.prohibitions], [item(t) for t in classified.obligations]


def _line_x0(doc: Document, lines: list[Line]) -> dict[int, float]:
    out = {}
    assert doc.boxes is not None
    for line in lines:
        if line.blank:
            continue
        box = doc.boxes[doc.origin[line.start]] if doc.origin[line.start] < len(doc.boxes) else None
        if box is not None:
            out[line.index] = box[1][0]
    return out


_URL = re.compile(
    r"(?<![@\w.])(?:https?://|www\.)[^\s<>\"']+"
    r"|(?<![@\w.])(?:bit\.ly|s\.id|linktr\.ee|tinyurl\.com|ow\.ly|t\.co|forms\.gle)/[^\s<>\"']+"
    r"|(?<![@\w.])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:go\.id|ac\.id|or\.id|co\.id|com|org|net)/[^\s<>\"']*"
)


def _urls(text: str, rec: _Record) -> list[str]:
    out: list[str] = []
    for m in _URL.finditer(text):
        value = m.group(0).rstrip(".,;:)]>")
        if value not in out:
            rec.keep(f"urls.{len(out)}", m.start(), m.start() + len(value), "regex:url.v1")
            out.append(value)
    return out


_BOTH = re.compile(
    r"\bpemilihan\s+umum\s+dan\s+pemilihan\b|\bpemilu\s+dan\s+pemilihan\b|\bpemilu\s+dan\s+pilkada\b", re.I
)
_PILKADA = re.compile(
    r"\bpilkada\b|\bpemilihan\s+(?:kepala\s+daerah|gubernur|bupati|wali\s*kota|serentak)\b|\bpemilihan\s+(?:tahun\s+)?20\d\d\b",
    re.I,
)
_PEMILU = re.compile(r"\bpemilihan\s+umum\b|\bpemilu\b|\bpileg\b|\bpilpres\b|\bpemilihan\s+presiden\b", re.I)
# The year of an election is read in the sentence that names it (up to a full stop, semicolon,
# colon or paragraph break): "Pemilihan Gubernur …, Bupati …, serta Wali Kota … Tahun 2024".
_SENTENCE_END = re.compile(r"[.;:](?=\s|$)|\n\s*\n")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
# Not the year of a cited law: "Undang-Undang Nomor 10 Tahun 2016", "PP 94/2021".
_CITED_YEAR = re.compile(
    rf"{alternatives(words('number'))}\.?\s*[\w./-]+\s+{alternatives(words('year'))}\.?\s*$|\d\s*/\s*$", re.I
)
#: A letter that names an election without its year is about the next vote of that kind, when it
#: comes within this many days of the letter's date (a letter written after a vote speaks of
#: elections in general or of one to come that the calendar may not hold yet).
_ELECTION_AHEAD = 2 * 365


def _kind_of(value: str):
    """The kind of election ``value`` speaks of and the first mention, or ``None``."""
    both, pilkada, pemilu = _BOTH.search(value), _PILKADA.search(value), _PEMILU.search(value)
    if both or (pilkada and pemilu):
        kind = "pemilu_pilkada"
    elif pilkada:
        kind = "pilkada"
    elif pemilu:
        kind = "pemilu"
    else:
        return None
    return kind, min((m for m in (both, pilkada, pemilu) if m), key=lambda m: m.start())


def _year_after(value: str, at: int) -> tuple[int, int] | None:
    """The election year printed in the sentence of ``value`` from ``at`` on, and where it ends."""
    stop = _SENTENCE_END.search(value, at)
    for m in _YEAR.finditer(value, at, stop.start() if stop else len(value)):
        if not _CITED_YEAR.search(value[max(0, m.start() - 40) : m.start()]):
            return int(m.group(1)), m.end(1)
    return None


def _body_year(body: str, kind: str) -> tuple[int, int] | None:
    """The year printed with an election the body names: an election of ``kind`` first, else the first."""
    mentions = sorted(
        [(m.start(), "pemilu_pilkada") for m in _BOTH.finditer(body)]
        + [(m.start(), "pilkada") for m in _PILKADA.finditer(body)]
        + [(m.start(), "pemilu") for m in _PEMILU.finditer(body)]
    )
    found = [
        (mention not in kind, start, year)
        for start, mention in mentions
        if (year := _year_after(body, start)) is not None
    ]
    return min(found)[2] if found else None


def _election_near(kind: str, date: dt.date | None) -> int | None:
    """The year of the next election of ``kind`` after the letter's date (data/elections.json), if near."""
    if date is None:
        return None
    kinds = ("pemilu", "pilkada") if kind == "pemilu_pilkada" else (kind,)
    ahead = {year for k, year, vote in election_days() if k in kinds and 0 <= (vote - date).days <= _ELECTION_AHEAD}
    return min(ahead) if ahead else None


def _election(
    text: str, lines: list[Line], parts: Parts, subject, rec: _Record, date: dt.date | None = None
) -> Election | None:
    """The election a letter is about: from its subject, else from a body that speaks of neutrality.

    Its year is the one printed with the election (the same subject or sentence), else the year
    of an election the body names, else the year of the election of that kind near the letter's date.
    """
    candidates = []
    if subject:
        candidates.append((subject.value, subject.start))
    first = parts.subject[1] if parts.subject else parts.body[0]  # an instruction's preamble precedes "Kepada :"
    body_start = lines[first].start if first < len(lines) else len(text)
    body_end = lines[min(parts.body[1], len(lines)) - 1].end if parts.body[1] > parts.body[0] else body_start
    body = text[body_start:body_end]
    if re.search(r"\bnetralitas\b|\bkampanye\b", body + " " + (subject.value if subject else ""), re.I):
        candidates.append((body, body_start))
    for value, offset in candidates:
        found = _kind_of(value)
        if found is None:
            continue
        kind, hit = found
        year = _year_after(value, hit.start())
        start, end = offset + hit.start(), offset + (year[1] if year else hit.end())
        if value is not body:  # the subject's value is one cleaned line: stay within the printed subject
            start, end = min(start, subject.end), min(end, subject.end)
        year = year or _body_year(body, kind)
        rec.keep("election", start, end, "election:mention.v2")
        return Election(kind=cast(ElectionKind, kind), year=year[0] if year else _election_near(kind, date))
    return None


_INDONESIAN = re.compile(
    r"\b(?:dan|yang|di|dengan|untuk|dalam|ini|kepada|pada|dari|atau|tersebut|sebagai|agar|tahun)\b", re.I
)


def _language(text: str, rec: _Record) -> None:
    words = re.findall(r"[A-Za-z]+", text)
    if len(words) >= 20 and len(_INDONESIAN.findall(text)) < 0.04 * len(words):
        rec.warn("not_indonesian", "the text does not read as Indonesian: is this a circular letter?")
    elif len(words) < 20:
        rec.warn("little_text", f"the document holds only {len(words)} words of text")
