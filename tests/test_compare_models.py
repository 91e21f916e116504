"""Comparison rules on letters built directly as records (no extractor in between): lineage, gaps,
wording, citations, calendars, storage."""

from __future__ import annotations

import datetime as dt

import pytest

from edaran.comparison.compare import compare
from edaran.comparison.lineage import loose_number
from edaran.comparison.report import to_html, to_rows
from edaran.corpus.store import open_corpus, save_comparison, save_letter
from edaran.schema.letter import Citation, Election, Issuer, Item, Letter, Region, Signatory, Source
from edaran.schema.provenance import Span

from conftest import PP94_ACTS

SPAN = Span(start=0, end=1)
PP94 = dict(kind="pp", number="94", numbers=["94"], year=2021, title="Disiplin Pegawai Negeri Sipil")


def cite(**kw) -> Citation:
    return Citation(span=SPAN, **kw)


def make(
    lid: str,
    *,
    number: str | None = None,
    date: str = "2024-09-01",
    acts: list[str] | None = None,
    cites: list[Citation] | None = None,
    region: str = "Kabupaten Sekadau",
    code: str = "61.09",
    election: tuple[str, int | None] | None = ("pilkada", 2024),
    subject: str = "Netralitas ASN",
    office: str = "bupati",
    signer: str | None = "Budi",
) -> tuple[str, Letter]:
    acts = PP94_ACTS if acts is None else acts
    items = [Item(label=f"{i + 1}.", text=t, span=Span(start=i * 10, end=i * 10 + 5)) for i, t in enumerate(acts)]
    return lid, Letter(
        source=Source(path=f"{lid}.txt", sha256="0" * 64, media_type="text/plain"),
        doc_type="surat_edaran",
        number=number if number is not None else f"800/{lid}/BKD/2024",
        date=dt.date.fromisoformat(date),
        subject=subject,
        issuer=Issuer(
            office=office, title=f"{office.title()} {region}", region=Region(code=code, name=region, level="kabupaten")
        ),
        signatory=Signatory(name=signer),
        citations=[cite(**PP94)] if cites is None else cites,
        prohibitions=items,
        election=Election(kind=election[0], year=election[1]) if election else None,
    )


def kinds(result, lid: str) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in result.findings:
        if f.letter.id == lid:
            out.setdefault(f.kind, []).append(f)
    return out


def test_loose_numbers_forgive_scan_confusions():
    assert loose_number("800/O46/BKD/2024") == loose_number("800/046/bkd/2024")
    assert loose_number("Nomor: 800- 5474") == loose_number("800-5474")
    assert loose_number("800/l2/BKD") == loose_number("800/12/BKD")
    assert loose_number("800/12/BKD") != loose_number("800/13/BKD")


def test_lineage_by_a_misread_number_and_dropped_uncatalogued_acts():
    extra = "memakai kaos bergambar pasangan calon di kantor"
    parent = make("p", number="800/046/BKD/2024", date="2024-08-01", acts=PP94_ACTS + [extra])
    child = make(
        "c",
        date="2024-08-10",
        acts=PP94_ACTS[:6],
        region="Kecamatan X",
        code="61.09.01",
        cites=[cite(kind="se", number="800/O46/BKD/2024", year=2024, relation="menindaklanjuti")],
    )
    grandchild = make(
        "g",
        date="2024-08-20",
        acts=PP94_ACTS[:6],
        cites=[cite(kind="se", number="800/c/BKD/2024", year=2024, relation="menindaklanjuti")],
    )
    result = compare([parent, child, grandchild])
    dropped = kinds(result, "c")["parent_item_dropped"]
    assert {f.catalog_id for f in dropped} == {"pp94-n7", None}
    assert any(f.evidence and f.evidence.text == extra for f in dropped)
    assert "missing_item" not in kinds(result, "c")  # its baseline is its parent
    assert "parent_item_dropped" not in kinds(result, "g")
    tree = result.lineage
    assert [n.letter.id for n in tree] == ["p"]
    assert [n.letter.id for n in tree[0].children] == ["c"]
    assert [n.letter.id for n in tree[0].children[0].children] == ["g"]
    assert not any(f.kind == "unresolved_reference" for f in result.findings)


def test_a_parent_is_never_newer_than_its_child():
    parent = make("p", number="800/1/BKD/2024", date="2024-09-10")
    child = make("c", date="2024-08-10", cites=[cite(kind="se", number="800/1/BKD/2024", year=2024)])
    result = compare([parent, child])
    assert result.lineage == [] and "unresolved_reference" in kinds(result, "c")


def test_lineage_without_a_number_by_subject_and_issuer():
    subject = "Netralitas Aparatur Sipil Negara dalam Pemilihan Kepala Daerah Tahun 2024"
    parent = make(
        "p", date="2024-07-01", subject=subject, region="Provinsi Kalimantan Barat", code="61", office="gubernur"
    )
    other = make("o", date="2024-07-01", subject=subject, region="Provinsi Jawa Tengah", code="33", office="gubernur")
    child = make(
        "c",
        date="2024-08-01",
        cites=[
            cite(kind="se", year=2024, title=subject, issuer="Gubernur Kalimantan Barat", relation="menindaklanjuti")
        ],
    )
    result = compare([parent, other, child])
    assert [n.letter.id for n in result.lineage] == ["p"]
    assert result.lineage[0].children[0].letter.id == "c"


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("sebagai peserta kampanye dengan mengarahkan PNS lain", "different root word"),
        ("sebagai peserta kampanye dengan mengerahkan PPPK lain", "other actors"),
        ("membuat keputusan yang menguntungkan atau merugikan salah satu pasangan calon", "time qualifier dropped"),
        ("ikut kampanye, kecuali di luar jam kerja", "modality changed"),
        ("sebaiknya tidak menggunakan fasilitas negara sebagai peserta kampanye", "modality changed"),
    ],
)
def test_changed_meaning(text, change):
    result = compare([make("a", acts=PP94_ACTS + [text])])
    found = kinds(result, "a").get("wording_changed", [])
    assert any(change in f.message and f.evidence.text == text for f in found), [f.message for f in found]


@pytest.mark.parametrize(
    "text",
    [
        "sebagai peserta kampanye dengan mengerahakn PNS lain",  # a typo, no word of Indonesian: not a new meaning
        "membuat keputusan dan/atau tindakan yang menguntungkan atau merugikan salah satu pasangan calon sebelum, "
        "selama, dan setelah masa kampanye",  # setelah = sesudah
        "memberikan surat dukungan disertai fotocopy KTP dan Kartu Tanda Penduduk",
    ],
)
def test_unchanged_meaning(text):
    result = compare([make("a", acts=[t for t in PP94_ACTS if t[:12] != text[:12]] + [text])])
    assert "wording_changed" not in kinds(result, "a")


def test_baselines():
    skb = cite(kind="skb", number="800-5474", numbers=["800-5474", "2", "246"], year=2022)
    cites_skb = make("s", acts=PP94_ACTS, cites=[skb])
    national = make("n", acts=PP94_ACTS[:5], cites=[cite(kind="uu", number="10", numbers=["10"], year=2016)])
    other_subject = make("x", acts=["merokok di ruang kerja"], election=None, subject="Kawasan tanpa rokok")
    result = compare([cites_skb, national, other_subject])
    missing_s = {f.catalog_id for f in kinds(result, "s")["missing_item"]}
    assert "skb-posting" in missing_s and not any(m.startswith("pp94") for m in missing_s)
    assert {f.catalog_id for f in kinds(result, "n")["missing_item"]} == {"pp94-n6", "pp94-n7"}
    assert "missing_item" not in kinds(result, "x")


def test_unique_within_one_election():
    act = "memakai kaos bergambar pasangan calon di kantor"
    pilkada = make("a", acts=PP94_ACTS + [act])
    pemilu = make("b", acts=PP94_ACTS + [act], election=("pemilu", 2024), date="2023-10-01")
    other = make("c")
    result = compare([pilkada, pemilu, other])
    assert [f.evidence.text for f in kinds(result, "a")["unique_item"]] == [act]
    assert kinds(result, "b").get("unique_item", []) == []  # the only pemilu letter: nothing to compare with


def test_joint_decree_numbers_in_any_order_are_one_instrument():
    a = make("a", cites=[cite(kind="skb", number="2", numbers=["2", "800-5474", "246"], year=2022)])
    b = make("b", cites=[cite(kind="skb", number="800- 5474", numbers=["800- 5474", "246"], year=2022)])
    result = compare([a, b])
    skb = [i for i in result.instruments if i["kind"] == "skb"]
    assert len(skb) == 1 and skb[0]["letters"] == ["a", "b"]
    assert "inconsistent_citation" not in kinds(result, "a") | kinds(result, "b")


def test_inconsistent_citations_flag_the_odd_letter():
    same = [make(x) for x in "abc"]
    wrong_year = make("d", cites=[cite(**{**PP94, "year": 2012})])
    wrong_number = make("e", cites=[cite(**{**PP94, "number": "49", "numbers": ["49"]})])
    two_things = make("f", cites=[cite(**{**PP94, "title": "Manajemen Pegawai Pemerintah dengan Perjanjian Kerja"})])
    replaced = make("g", cites=[cite(kind="pp", number="53", numbers=["53"], year=2010, title=PP94["title"])])
    result = compare([*same, wrong_year, wrong_number, two_things, replaced])
    flagged = {f.letter.id for f in result.findings if f.kind == "inconsistent_citation"}
    assert flagged == {"d", "e", "f"}  # PP 53/2010 is another instrument on the same subject, not a misprint
    assert "repealed_citation" in kinds(result, "g")


@pytest.mark.parametrize(
    ("number", "year", "date", "flagged"),
    [
        ("32", 2004, "2015-01-01", True),  # UU 32/2004 on regional government, replaced by UU 23/2014
        ("32", 2004, "2014-01-01", False),
        ("5", 2014, "2023-10-31", True),
        ("20", 2023, "2024-01-01", False),
    ],
)
def test_repealed_citations(number, year, date, flagged):
    result = compare([make("a", date=date, cites=[cite(kind="uu", number=number, numbers=[number], year=year)])])
    assert ("repealed_citation" in kinds(result, "a")) is flagged


@pytest.mark.parametrize(
    ("election", "date", "late"),
    [
        (("pilkada", 2024), "2024-09-25", False),
        (("pilkada", 2024), "2024-09-26", True),
        (("pemilu", 2024), "2023-12-01", True),
        (("pemilu_pilkada", 2024), "2024-01-05", True),  # the pemilu campaign had begun
        (("pemilu_pilkada", 2024), "2023-11-01", False),
        (("pilkada", None), "2024-10-01", True),  # no year: the next pilkada after its date
        (("pilkada", None), "2023-06-01", False),
        (("pemilu", 2019), "2019-01-10", True),
        (("pilkada", 2020), "2020-09-01", False),
    ],
)
def test_late_letters(election, date, late):
    result = compare([make("a", election=election, date=date)])
    assert ("late_letter" in kinds(result, "a")) is late


def test_letter_checks_without_the_extractor():
    result = compare([make("a", number="", signer=None, cites=[])])
    assert {"number_missing", "signatory_missing", "no_legal_basis"} <= set(kinds(result, "a"))


def test_findings_and_matches_are_stored(tmp_path):
    db = open_corpus(tmp_path / "c.db")
    letters = [make("a", acts=PP94_ACTS + ["memakai kaos bergambar calon"]), make("b", acts=PP94_ACTS[:3])]
    for lid, letter in letters:
        save_letter(
            db,
            letter,
            letter_id=lid,
            text="",
            extractor_version="test",
            file_row={"path": letter.source.path, "sha256": lid, "size": 0, "status": "ok"},
        )
    result = compare(letters)
    save_comparison(db, *to_rows(result))
    rows = list(db.query("SELECT letter_id, catalog_id, status FROM matches"))
    assert {"letter_id": "a", "catalog_id": None, "status": "unmatched"} in rows
    assert sum(1 for r in rows if r["letter_id"] == "b") == 3
    kinds_stored = {r["kind"] for r in db.query("SELECT kind FROM findings WHERE letter_id = 'b'")}
    assert "missing_item" in kinds_stored
    save_comparison(db, *to_rows(result))  # a second run replaces, never doubles
    assert db["matches"].count == len(rows)


def test_html_escapes_every_letter_field():
    hostile = "<img src=x onerror=alert(1)>"
    result = compare(
        [make("a", number=hostile, region=hostile, acts=PP94_ACTS + [hostile + " memasang spanduk"]), make("b")]
    )
    html = to_html(result)
    assert hostile not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
