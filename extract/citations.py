"""Citations of legal instruments: kind, numbers, year, pinpoints, title, issuer, relation.

Kinds and relation verbs are token patterns (``patterns/citations.json``);
numbers, years and pinpoints are regexes read from the text after the kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .nlp import match
from .patterns import load_patterns
from .vocabulary import alternatives, words

# "Nomor 800- 5474", "nomor : 246", "No. 1447.1/PM.01/K.1/09/2022" (spaces around - and / are noise).
_NUMBER = re.compile(
    rf"\b(?i:{alternatives(words('number'))})\.?\s*:?\s*(?P<num>[A-Za-z0-9][\w.]*(?:[ \t]*[-/][ \t]*[\w.]+)*)"
)
# Short forms: "PP 94/2021", "UU 20/2023".
_SHORT = re.compile(r"\s*(?P<num>\d{1,4}[A-Z]?)\s*/\s*(?P<year>(?:19|20)\d{2})\b")
_YEAR = re.compile(rf"\b(?i:{alternatives(words('year'))})\.?\s*(?P<year>(?:19|20)\d{{2}})\b")
_TRAILING_YEAR = re.compile(r"/((?:19|20)\d{2})$")
# A cited instrument's number is often followed by its date, whose year is the instrument's:
# "Surat Edaran Nomor 800/4123 tanggal 12 Juni 2018", "Nomor B-71/2/2024 tgl. 3-5-2024".
# The date may also come before the number ("Surat Menteri Dalam Negeri tanggal 7 Februari 2024
# Nomor 100.2.1/880/SJ") or after the title ("… Nomor 800/55/BKD tentang Cuti Tanggal 4 April 2023").
_DATE_WORD = r"(?:tanggal|tertanggal|tgl\.?)"
_DATED = re.compile(
    r"\s*,?\s*"
    + _DATE_WORD
    + r"\s*:?\s*(?:\d{1,2}\s+[A-Za-z]+\.?\s+|\d{1,2}[-/.]\d{1,2}[-/.])(?P<year>(?:19|20)\d{2})\b",
    re.I,
)
# The words that name the instrument itself, before the name of whoever issued it: "Surat Edaran | Bupati
# Sleman", "Keputusan | Gubernur Jawa Tengah", "Peraturan | Komisi Pemilihan Umum".
_INSTRUMENT_HEAD = re.compile(
    r"^(?:Surat\s+Edaran(?:\s+Bersama)?|(?:Surat\s+)?Keputusan\s+Bersama|Peraturan\s+Bersama|SE|SKB|Surat|Keputusan"
    r"|Peraturan|Instruksi)\b\.?\s*",
    re.I,
)
# A repeal said after the instrument: "… Nomor 800/4123 … dicabut dan dinyatakan tidak berlaku".
# Not "… yang telah dicabut dengan PP …": that one was repealed by another instrument, not by the letter.
_REPEALED = re.compile(
    r"(?<!yang )(?<!telah )(?<!sudah )\b(?:dicabut|dinyatakan\s+tidak\s+berlaku)\b"
    r"(?!\s+(?:dengan|oleh|berdasarkan|melalui)\b)",
    re.I,
)
# "… yang telah dicabut dengan …": describes an instrument another one repealed; no relation of the letter.
_REPEALED_BY_ANOTHER = re.compile(r"\byang\s+(?:telah\s+|sudah\s+)?dicabut\b|\bdicabut\s+(?:dengan|oleh)\b", re.I)
# An instrument named inside another's title is part of that title, not a citation of its own:
# "UU Nomor 10 Tahun 2016 tentang Perubahan Kedua atas Undang-Undang Nomor 1 Tahun 2015 tentang
# Penetapan Peraturan Pemerintah Pengganti Undang-Undang …".  The title's first few words end
# with the word that makes another instrument its object.
_TITLE_NAMES_ANOTHER = re.compile(
    r"\btentang\s+(?:(?!(?:dan|serta|dalam|dengan)\b)\w+\s+){0,3}?(?:atas|penetapan|pelaksanaan|pencabutan)\s+$", re.I
)
# A comma inside a title's enumeration of names does not end it: "tentang Pemilihan Gubernur, Bupati,
# dan Walikota Menjadi Undang-Undang"; one before a sentence's next words ("…, dan mempedomani",
# "…, Pasal 88", "…, Kepala Perangkat Daerah diminta") does.
_NAME = r"(?!(?:Pasal|Saudara|Bapak|Ibu|Kami|Kita)\b)[A-Z][\w-]*"
_ENUMERATED = rf"(?:(?:{_NAME}(?:\s+{_NAME}){{0,2}},\s+)+|(?=(?:dan|serta|atau)\s))(?:dan|serta|atau)\s+{_NAME}"
_DATA = load_patterns("citations.json")
_ENDS = _DATA["title_ends"]


def _ordering(verbs: list[str]) -> str:
    """Regex source: an order and the passive verb it puts on what was just named ("agar dipedomani", "harus
    benar-benar dipatuhi")."""
    orders, intensifiers = alternatives(_DATA["orders"]), alternatives(_DATA["intensifiers"])
    return rf"{orders}\s+(?:{intensifiers}\s+)?{alternatives(verbs)}"


# A title cited inside a sentence stops where the sentence goes on: at a clause ("… tentang ASN yang …",
# "… sebagaimana …", "… bahwa …") or at the verb by which the sentence says what the instrument rules
# ("Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara menegaskan bahwa …", "… tentang
# Pemilihan Umum telah mengatur …"), or at an order to apply it ("… tentang Pedoman … untuk ditaati").  Lower
# case only, as printed: a title's own words are capitalised.
_CLAUSE = (
    rf"\s+(?:{alternatives(_ENDS['clauses'])}|(?:{alternatives(_ENDS['adverbs'])}\s+)?{alternatives(_ENDS['verbs'])}"
    rf"|{_ordering([verb for verbs in _DATA['relations_after'].values() for verb in verbs])})"
)
_TITLE = re.compile(
    r"\b(?:tentang|TENTANG|Tentang)\s+(?P<title>[^;:]+?)(?=\s*(?:[;:]|,\s(?!"
    + _ENUMERATED
    + r")|\.\s|\.$|\s+[Pp]asal\b|"
    + _CLAUSE
    + r"|\s+(?:[Tt]anggal|[Tt]ertanggal|[Tt]gl)\b|\s+(?:dicabut|dinyatakan)\b|$))"
)
_ABOUT = re.compile(r"\b(?:tentang|TENTANG|Tentang)\s+")
# "… tentang Disiplin PNS dan Pasal 5 huruf n …": the joint is not the title's.
_TITLE_TAIL = re.compile(r"(?:\s*[,;]?\s+(?:dan|serta|atau)|\s*[,;])+$")
# Pinpoints: "Pasal 5 huruf n", "pasal 9 ayat (2)", "Pasal 70 ayat (1) huruf a angka 2".
ARTICLE = re.compile(r"\b[Pp]asal\s+\d+[A-Z]?(?:\s+ayat\s*\(?\d+\)?)?(?:\s+huruf\s+[a-z]\b)?(?:\s+angka\s+\d+)?")
# Where a sentence ends; not the dot of a number word ("No.", "Nomor."), the colon of "Nomor :" or
# "No. :", nor a mark a year follows on its line (the dot of an abbreviated year word: "Th. 2021").
_SENTENCE_END = re.compile(
    "".join(rf"(?<!\b(?i:{re.escape(word)}))" for word in words("number"))
    + r"(?<!\bNo\. )(?<!omor )(?<!OMOR )[.;:](?=\s)(?![ \t]*(?:19|20)\d{2}\b)"
    r"|\n(?=(?:[A-Za-z]|\d{1,2})[.)]\s)"
)

# An instrument that amends the one just named is cited for the same reason: "Permendagri Nomor 1
# Tahun 2014 … sebagaimana telah diubah terakhir dengan Permendagri Nomor 120 Tahun 2018", "… jo. …".
_AMENDED_BY = re.compile(
    r"\s*,?\s*(?:(?:sebagaimana\s+)?(?:telah\s+)?(?:beberapa\s+kali\s+)?(?:diubah|dirubah|diganti)"
    r"(?:\s+beberapa\s+kali)?\s*,?\s*(?:(?:yang\s+)?terakhir\s+)?(?:dengan|oleh)|juncto|jo\.?)\s*",
    re.I,
)

# A relation said after the instrument, by a passive verb that orders it applied: "Keputusan Bersama … tentang
# Pedoman … agar dipedomani dan dilaksanakan secara utuh", "PP Nomor 94 Tahun 2021 untuk ditaati".
_ORDERED = {
    relation: re.compile(rf"\s*,?\s*(?i:{_ordering(verbs)})") for relation, verbs in _DATA["relations_after"].items()
}

# The joint before another instrument in a list: "tentang Pemilihan Umum dan Peraturan Pemerintah ...".
_LISTED = re.compile(r"(?:\s*[,;]\s*(?:dan|serta)?|\s+(?:dan|serta|juncto|jo\.))\s*$")

STATUTES = {"uu", "perppu", "pp", "perpres", "keppres", "inpres"}
ISSUED = {"se", "surat", "keputusan", "kepmen", "permen", "perban", "skb"}


@dataclass
class FoundCitation:
    kind: str
    start: int
    end: int
    numbers: list[str] = field(default_factory=list)
    year: int | None = None
    articles: list[str] = field(default_factory=list)
    title: str | None = None
    issuer: str | None = None
    relation: str | None = None
    rule: str = ""

    @property
    def key(self) -> tuple[str, str, int | None]:
        return (self.kind, self.numbers[0] if self.numbers else "", self.year)


def normalize_number(num: str) -> str:
    return re.sub(r"\s+", "", num).rstrip(".,")


def _longest(spans: list[tuple[str, str, int, int]]) -> list[tuple[str, str, int, int]]:
    """Keep the longest of overlapping matches ("Peraturan Pemerintah Pengganti Undang-Undang")."""
    out: list[tuple[str, str, int, int]] = []
    for m in sorted(spans, key=lambda s: (s[2], -(s[3] - s[2]))):
        if out and m[2] < out[-1][3]:
            continue
        out.append(m)
    return out


def find_citations(text: str, start: int, end: int, default_relation: str | None = None) -> list[FoundCitation]:
    """Citations in ``text[start:end]``, one per instrument, in order of first mention."""
    region = text[start:end]
    matches = match(region, "citations")
    named = _longest([m for m in matches if m[0] == "KIND"])
    kinds = [k for i, k in enumerate(named) if i == 0 or not _TITLE_NAMES_ANOTHER.search(region, named[i - 1][3], k[2])]
    relations = [
        (m[1], m[2])
        for m in matches
        if m[0] == "RELATION"
        and not _REPEALED_BY_ANOTHER.search(region, max(0, m[2] - 12), min(len(region), m[3] + 12))
    ]
    found: list[FoundCitation] = []
    for i, (_, rule, ks, ke) in enumerate(kinds):
        limit = kinds[i + 1][2] if i + 1 < len(kinds) else len(region)
        cit = _read(region, rule, ks, ke, limit)
        if cit is None:
            continue
        cit.relation = (
            _relation(region, ks, relations)
            or next((rel for rel, ordered in _ORDERED.items() if ordered.match(region, cit.end, limit)), None)
            or default_relation
        )
        if found and _AMENDED_BY.fullmatch(region, found[-1].end, ks):
            cit.relation = found[-1].relation
        sentence = _SENTENCE_END.search(region, cit.end)
        if _REPEALED.search(region, cit.end, min(limit, sentence.start() if sentence else len(region))):
            cit.relation = "mencabut"
        found.append(cit)
    _attach_articles(region, found)
    merged: dict[tuple, FoundCitation] = {}
    for cit in found:
        cit.start += start
        cit.end += start
        first = merged.setdefault(cit.key, cit)
        if first is not cit:
            first.articles.extend(a for a in cit.articles if a not in first.articles)
            first.numbers.extend(n for n in cit.numbers if n not in first.numbers)
            first.title = first.title or cit.title
    return list(merged.values())


def _read(region: str, rule: str, ks: int, ke: int, limit: int) -> FoundCitation | None:
    kind = rule
    cit = FoundCitation(kind=kind, start=ks, end=ke, rule=f"matcher:citation.{kind}.v2")
    # The title is read from its own "tentang" on, not to the end of a window that starts at the kind: a
    # joint decree's run of numbers would cut it inside a word ("… Aparatur Sipil Negara aga").
    about = _ABOUT.search(region, ke, min(len(region), ke + 400))
    title_at = _TITLE.match(region, about.start(), min(len(region), about.start() + 400)) if about else None
    if title_at and title_at.start() >= limit:  # "tentang" of the next instrument
        title_at = None
    short = _SHORT.match(region, ke)
    if short:
        cit.numbers = [short.group("num")]
        cit.year = int(short.group("year"))
        cit.end = short.end()
    elif not _read_numbers(region, cit, ke, title_at.start() if title_at else min(limit, ke + 400)):
        return None
    if title_at and title_at.start() - cit.end < 60:
        title_start, title_end = title_at.start("title"), title_at.end()
        if limit < title_end:  # the next instrument starts inside: a list ends the title there
            listed = _LISTED.search(region[title_start:limit])
            if listed:
                title_end = title_start + listed.start()
        tail = _TITLE_TAIL.search(region, title_start, title_end)
        if tail:
            title_end = tail.start()
        cit.title = re.sub(r"\s+", " ", region[title_start:title_end]).strip(" ,;") or None
        cit.end = max(cit.end, title_end)
        dated = _DATED.match(region, cit.end) if cit.year is None else None
        if dated:  # "… Nomor 800/55/BKD tentang Cuti tanggal 4 April 2023"
            cit.year = int(dated.group("year"))
    return cit


def _read_numbers(region: str, cit: FoundCitation, ke: int, stop: int) -> bool:
    """Numbers (all of a joint decree's), year and issuer after the kind; False when there is no number."""
    sentence = _SENTENCE_END.search(region, ke, stop)
    if sentence:
        stop = sentence.start()
    numbers = list(_NUMBER.finditer(region, ke, stop))
    if not numbers:
        return False
    if cit.kind != "skb":
        numbers = numbers[:1]
    else:  # a joint decree's numbers follow each other closely
        kept = [numbers[0]]
        for m in numbers[1:]:
            if m.start() - kept[-1].end() > 160:
                break
            kept.append(m)
        numbers = kept
    cit.numbers = [normalize_number(m.group("num")) for m in numbers]
    between = region[ke : numbers[0].start()]
    dated_before = _DATED.search(between)
    if cit.kind in ISSUED:
        named = region[cit.start : ke]
        head = _INSTRUMENT_HEAD.match(named)
        issuer = (named[head.end() :] if head else "") + between
        if dated_before:  # "Surat Menteri Dalam Negeri tanggal 7 Februari 2024 Nomor …"
            issuer = issuer.replace(dated_before.group(0), " ")
        cit.issuer = re.sub(r"\s+", " ", issuer).strip(" ,") or None
    year = _YEAR.search(region, numbers[0].end(), min(stop, numbers[0].end() + 40))
    trailing = _TRAILING_YEAR.search(cit.numbers[0])
    dated = _DATED.match(region, numbers[-1].end())
    if year:
        cit.year = int(year.group("year"))
    elif trailing:
        cit.year = int(trailing.group(1))
    elif dated:
        cit.year = int(dated.group("year"))
    elif dated_before:
        cit.year = int(dated_before.group("year"))
    cit.end = year.end() if year and year.end() > numbers[-1].end() else numbers[-1].end()
    return True


def _relation(region: str, ks: int, relations: list[tuple[str, int]]) -> str | None:
    """The relation verb nearest before the citation, within its sentence."""
    floor = 0
    for m in _SENTENCE_END.finditer(region, max(0, ks - 300), ks):
        floor = m.end()
    best = None
    for rel, at in relations:
        if floor <= at < ks:
            best = rel
    return best


# Between two pinpoints of one instrument: "Pasal 2 huruf f dan Pasal 9 ayat (2) Undang-Undang …".
_ARTICLE_JOINT = re.compile(r"\s*,?\s*(?:(?:dan|serta|atau|juncto|jo\.)\s*)?")
# Between an instrument and a pinpoint written with it: "… Nomor 10 Tahun 2016, Pasal 70 …".
_ARTICLE_AFTER = re.compile(r"[\s,]*")


def _attach_articles(region: str, found: list[FoundCitation]) -> None:
    """Pinpoints belong to the instrument they are written with: the one that follows at once
    ("Pasal 5 huruf n Peraturan Pemerintah …", also through a run of pinpoints: "Pasal 2 huruf f
    dan Pasal 9 ayat (2) Undang-Undang …"), else the one they follow at once ("PP 94/2021 Pasal 5",
    "… tentang Pemilihan, Pasal 88"), else the one named before them in the same paragraph."""
    if not found:
        return
    articles = list(ARTICLE.finditer(region))
    targets: list[FoundCitation | None] = [None] * len(articles)
    for i in range(len(articles) - 1, -1, -1):  # from the last, so a run takes its last pinpoint's instrument
        m = articles[i]
        target = next((c for c in found if 0 <= c.start - m.end() <= 3), None)
        if target is None:
            target = next(
                (c for c in found if c.end <= m.start() and _ARTICLE_AFTER.fullmatch(region, c.end, m.start())), None
            )
        following = targets[i + 1] if i + 1 < len(articles) else None
        if (
            target is None
            and following is not None
            and following.start > articles[i + 1].start()
            and _ARTICLE_JOINT.fullmatch(region, m.end(), articles[i + 1].start())
        ):
            target = following
        targets[i] = target
    for m, target in zip(articles, targets, strict=True):
        if target is None:
            before = [c for c in found if c.start < m.start()]
            if before and "\n\n" not in region[before[-1].start : m.start()]:
                target = before[-1]
        article = re.sub(r"\s+", " ", m.group(0))
        if target is not None and article not in target.articles:
            target.articles.append(article)


def akn_uri(kind: str, number: str | None, year: int | None) -> str | None:
    """The Akoma Ntoso style identifier of a statute (``/akn/id/act/pp/2021/94``)."""
    if kind in STATUTES and number and year and re.fullmatch(r"\d+[A-Z]?", number):
        return f"/akn/id/act/{kind}/{year}/{number.lower()}"
    return None
