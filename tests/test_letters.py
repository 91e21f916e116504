"""Whole letters: the seeds as golden files, letters in other layouts, and span provenance."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys

import pytest

from edaran.extract import extract_letter
from edaran.extract.lines import clean_value
from edaran.ingest import read_document, read_text
from edaran.schema import Item, Letter

from conftest import FIXTURES, LETTER_HEAD, ROOT, SAMPLES, SHARED

TODAY = dt.date(2026, 1, 1)
SEED_TEXTS = sorted(p.name for p in SAMPLES.glob("*.txt"))


def extract(path) -> Letter:
    return extract_letter(read_document(path), today=TODAY)


@pytest.mark.parametrize("name", SEED_TEXTS)
def test_seed_text_golden(name, golden, monkeypatch):
    monkeypatch.chdir(ROOT)
    letter = extract(f"samples/{name}")
    golden(name.replace(".txt", ".txt.json"), letter.model_dump(mode="json"))


# Letters in layouts the seeds do not have: expected values written by hand.
EXPECTED = {
    "jateng_an_sekda.txt": {
        "doc_type": "surat",
        "number": "800.1.4/0912",
        "date": "2024-03-05",
        "place": "Semarang",
        "subject": "Larangan Penggunaan Fasilitas Negara oleh Aparatur Sipil Negara",
        "issuer": ("gubernur", None, "33", "provinsi"),
        "signatory": ("Sumarno Widodo", "196805121993031006", "SEKRETARIS DAERAH", "GUBERNUR JAWA TENGAH", False),
        "addressees": ["Bupati/Wali Kota se-Jawa Tengah", "Kepala Perangkat Daerah Provinsi Jawa Tengah"],
        "tembusan": ["Gubernur Jawa Tengah (sebagai laporan)"],
        "citations": [("uu", "20", 2023, "berdasarkan"), ("pp", "94", 2021, "berdasarkan")],
        "prohibitions": 3,
        "obligations": 2,
        "election": ("pemilu", None),
    },
    "kemendagri_se.txt": {
        "doc_type": "surat_edaran",
        "number": "100.2.1.3/8741/SJ",
        "date": "2023-12-12",
        "place": "Jakarta",
        "subject": "NETRALITAS APARATUR SIPIL NEGARA PADA PEMILIHAN UMUM TAHUN 2024",
        "issuer": ("menteri", None, None, "nasional"),
        "signatory": ("Arif Setiawan Hadi", None, "MENTERI DALAM NEGERI", None, False),
        "addressees": ["Gubernur", "Bupati/Wali Kota"],
        "tembusan": ["Presiden Republik Indonesia", "Wakil Presiden Republik Indonesia"],
        "citations": [("uu", "7", 2017, "merujuk"), ("pp", "94", 2021, "merujuk")],
        "prohibitions": 1,
        "obligations": 1,
        "election": ("pemilu", 2024),
    },
    "palangkaraya_plt.txt": {
        "doc_type": "surat_edaran",
        "number": "100.3.4/215/BKPSDM/II/2024",
        "date": "2024-02-03",
        "place": "Palangka Raya",
        "subject": "PENEGASAN NETRALITAS PEGAWAI DALAM PEMILIHAN UMUM DAN PEMILIHAN SERENTAK TAHUN 2024",
        "issuer": ("walikota", "Plt.", "62.71", "kota"),
        "signatory": ("Ratna Dewi", "197505142000032003", "Plt. WALI KOTA PALANGKA RAYA", None, True),
        "addressees": ["Seluruh Pegawai Aparatur Sipil Negara di Lingkungan Pemerintah Kota Palangka Raya"],
        "tembusan": [],
        "citations": [],
        "prohibitions": 2,
        "obligations": 1,
        "election": ("pemilu_pilkada", 2024),
    },
    "instruksi_bogor.txt": {
        "doc_type": "instruksi",
        "number": "5 TAHUN 2024",
        "date": "2024-10-02",
        "place": "Cibinong",
        "subject": "PENGAWASAN NETRALITAS PEGAWAI DI LINGKUNGAN PEMERINTAH KABUPATEN BOGOR",
        "issuer": ("bupati", None, "32.01", "kabupaten"),
        "signatory": ("Ahmad Suryana", None, "BUPATI BOGOR", None, False),
        "addressees": ["Para Kepala Perangkat Daerah"],
        "tembusan": [],
        "citations": [],
        "prohibitions": 0,
        "obligations": 2,
        "election": ("pilkada", 2024),
    },
    "sulut_two_columns.txt": {
        "doc_type": "surat",
        "number": "800/1123/BKD/XII/2024",
        "date": "2024-12-16",
        "place": "Manado",
        "subject": "Netralitas ASN pada Pemilihan Gubernur dan Wakil Gubernur Tahun 2024",
        "issuer": ("gubernur", None, "71", "provinsi"),
        "signatory": ("Steven Kandouw", "196503121990031011", "SEKRETARIS DAERAH", "GUBERNUR SULAWESI UTARA", False),
        "addressees": ["Kepala Perangkat Daerah di Lingkungan Pemerintah Provinsi Sulawesi Utara"],
        "tembusan": [],
        "citations": [],
        "prohibitions": 2,
        "obligations": 0,
        "election": ("pilkada", 2024),
    },
    "cuti_tanpa_pemilu.txt": {
        "doc_type": "surat",
        "number": "800/1277/BKPSDM",
        "date": "2023-03-14",
        "place": "Sleman",
        "subject": "Pengajuan Cuti Tahunan Tahun 2023",
        "issuer": ("kepala_badan", None, "34.04", "kabupaten"),
        "signatory": (
            "Budi Prasetyo",
            "197001011995031009",
            "KEPALA BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA",
            None,
            False,
        ),
        "addressees": ["Kepala Perangkat Daerah di Lingkungan Pemerintah Kabupaten Sleman"],
        "tembusan": [],
        "citations": [("perban", "7", 2021, "berdasarkan")],
        "prohibitions": 0,
        "obligations": 1,
        "election": None,
    },
}


def _count(items: list[Item]) -> int:
    return sum(_count(i.children) if i.children else 1 for i in items)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_other_layouts(name):
    want = EXPECTED[name]
    letter = extract(FIXTURES / "letters" / name)
    region = letter.issuer.region
    sig = letter.signatory
    got = {
        "doc_type": letter.doc_type,
        "number": letter.number,
        "date": letter.date.isoformat() if letter.date else None,
        "place": letter.place,
        "subject": letter.subject,
        "issuer": (
            letter.issuer.office,
            letter.issuer.acting,
            region.code if region else None,
            region.level if region else None,
        ),
        "signatory": (sig.name, sig.nip, sig.title, sig.on_behalf_of, sig.electronic),
        "addressees": letter.addressees,
        "tembusan": letter.tembusan,
        "citations": [(c.kind, c.number, c.year, c.relation) for c in letter.citations],
        "prohibitions": _count(letter.prohibitions),
        "obligations": _count(letter.obligations),
        "election": (letter.election.kind, letter.election.year) if letter.election else None,
    }
    assert got == want
    assert [w.code for w in letter.warnings] == []


def _all_letters():
    paths = (
        [SAMPLES / n for n in SEED_TEXTS]
        + sorted((FIXTURES / "letters").glob("*.txt"))
        + sorted((FIXTURES / "scored").glob("*.txt"))
    )
    return [pytest.param(p, id=p.name) for p in paths]


@pytest.mark.parametrize("path", _all_letters())
def test_every_span_quotes_its_source(path):
    doc = read_document(path)
    letter = extract_letter(doc, today=TODAY)
    quoted = {name: doc.text[s.start : s.end] for name, s in letter.spans.items()}
    assert all(quoted.values()), "a span is empty"
    if letter.number:
        # a typist's blanks around the slashes are dropped from the value: "100.3.4.2/ 27 /SET"
        assert re.sub(r"\s*/\s*", "/", quoted["number"]) == letter.number
    if letter.subject:
        assert clean_value(quoted["subject"]) == letter.subject
    if letter.signatory.nip:
        assert "".join(c for c in quoted["signatory.nip"] if c.isdigit()) == letter.signatory.nip
    for i, value in enumerate(letter.addressees):
        assert value in clean_value(quoted[f"addressees.{i}"])
    for i, value in enumerate(letter.tembusan):
        assert value in clean_value(quoted[f"tembusan.{i}"])
    for i, value in enumerate(letter.urls):
        assert quoted[f"urls.{i}"] == value
    stack = list(letter.prohibitions) + list(letter.obligations)
    while stack:
        item = stack.pop()
        assert clean_value(doc.text[item.span.start : item.span.end]) == item.text
        stack.extend(item.children)
    for cit in letter.citations:
        assert cit.number is None or cit.number.replace("-", "") in doc.text[cit.span.start : cit.span.end].replace(
            " ", ""
        ).replace("-", "")


def test_record_round_trips_through_json():
    letter = extract(SAMPLES / "002_c412d0169f79d04d.txt")
    again = Letter.model_validate_json(letter.model_dump_json())
    assert again == letter


def test_schema_is_pinned(golden):
    from edaran.schema import letter_json_schema

    golden("letter.schema.json", letter_json_schema())


@pytest.mark.skipif(not (SHARED / "tools" / "score.py").exists(), reason="../shared is not beside the checkout")
@pytest.mark.parametrize(("folder", "minimum"), [("seeds", 0.97), ("seeds-pdf", 0.95)])
def test_seed_score(folder, minimum):
    cmd = f"{sys.executable} -m edaran extract --format jsonl"
    run = subprocess.run(
        [
            sys.executable,
            str(SHARED / "tools" / "score.py"),
            "--gold",
            str(SHARED / "gold"),
            "--docs",
            str(SHARED / folder),
            "--cmd",
            cmd,
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    score = float(run.stdout.strip().splitlines()[-1].split()[-1])
    assert score >= minimum, run.stdout


@pytest.mark.skipif(not (SHARED / "tools" / "score.py").exists(), reason="../shared is not beside the checkout")
def test_score_of_letters_unlike_the_seeds(tmp_path):
    """Letters of other issuers, layouts and topics (a ministry, an agency, a.n. Gubernur, Plt. and Pj.,
    Aceh's qanun, letters with no prohibitions), each with a gold record written by hand."""
    folder = FIXTURES / "scored"
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(extract(p).model_dump_json() + "\n" for p in sorted(folder.glob("*.txt"))))
    run = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "score.py"), "--gold", str(folder), "--pred", str(pred)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    score = float(run.stdout.strip().splitlines()[-1].split()[-1])
    assert score >= 0.98, run.stdout


def test_letter_json_has_the_contract_keys():
    data = json.loads(extract(SAMPLES / "000_edc49453c313701a.txt").model_dump_json())
    assert list(data) == [
        "schema_version",
        "source",
        "doc_type",
        "number",
        "date",
        "place",
        "subject",
        "issuer",
        "signatory",
        "addressees",
        "citations",
        "prohibitions",
        "obligations",
        "tembusan",
        "urls",
        "election",
        "warnings",
        "spans",
        "confidence",
        "review",
        "attachments",
        "receipt",
    ]
    # confidence, review, attachments and receipt are additive: a reader of schema version 1 that ignores unknown
    # keys is unaffected.
    assert data["schema_version"] == "1"


def scanned_number(low: slice, confidence: float) -> Letter:
    """The second seed letter as an OCR document numbered 800/12/BKD/2024, the characters ``low`` of the
    number read at ``confidence`` and every other character at 95."""
    from edaran.ingest.document import Document

    raw = (SAMPLES / "002_c412d0169f79d04d.txt").read_text().replace("863/2219/BKPSDM/2023", "800/12/BKD/2024")
    at = raw.index("800/12/BKD/2024")
    confidences = [95.0] * len(raw)
    confidences[at + low.start : at + low.stop] = [confidence] * (low.stop - low.start)
    doc = Document.build(
        path="scan.pdf",
        sha256="0" * 64,
        media_type="application/pdf",
        raw=raw,
        pages=1,
        confidences=confidences,
        ocr=True,
    )
    return extract_letter(doc, today=TODAY)


@pytest.mark.parametrize(
    ("confidence", "number", "code"),
    [(95.0, "800/12/BKD/2024", None), (60.0, "800/12/BKD/2024", "low_ocr_confidence"), (30.0, None, "unreadable")],
)
def test_ocr_confidence_of_the_number(confidence, number, code):
    letter = scanned_number(slice(0, 15), confidence)
    assert letter.number == number
    assert letter.spans["number"].confidence == confidence
    codes = [w.code for w in letter.warnings if w.span == letter.spans["number"]]
    assert codes == ([code] if code else [])


def test_one_doubtful_digit_makes_the_number_unreadable():
    """A digit filled in by hand (read at 20) among well-read print: the mean is high, the number is not given."""
    letter = scanned_number(slice(4, 6), 20.0)  # the "12"
    assert letter.number is None
    assert letter.spans["number"].confidence > 80
    assert any(w.code == "unreadable" and "800/12/BKD/2024" in w.message for w in letter.warnings)


AGENCY_LETTER = """\
BADAN METEOROLOGI, KLIMATOLOGI, DAN GEOFISIKA
Jalan Angkasa I No. 2 Kemayoran, Jakarta 10610

Yth. 1. Sekretaris Utama
2. Para Deputi
3. Para Kepala Balai Besar

SURAT EDARAN
NOMOR 7 TAHUN 2019
TENTANG
JAM KERJA PADA BULAN RAMADHAN

1. Jam kerja pegawai pada bulan Ramadhan adalah pukul 08.00 sampai dengan 15.00.
2. Para pejabat agar mengawasi kehadiran pegawai di unit kerjanya.

Ditetapkan di Jakarta
pada tanggal

KEPALA,

Dwi Rahmawati
"""


def test_addressees_and_a_blank_date_are_not_the_issuer():
    """The agency's letterhead names no office and the signer's title is "KEPALA": the issuer is not
    "Para Deputi" from the addressees, and a blank "pada tanggal" is not part of the title.  A bare
    "KEPALA" heads the body the letterhead names, a BADAN: kepala_badan."""
    letter = extract_letter(read_text("bmkg.txt", AGENCY_LETTER.encode()), today=TODAY)
    assert letter.signatory.title == "KEPALA"
    assert letter.issuer.office == "kepala_badan" and letter.issuer.title == "KEPALA"
    assert letter.issuer.region is not None and letter.issuer.region.level == "nasional"
    assert letter.date is None and letter.place == "Jakarta"
    assert letter.addressees[:2] == ["Sekretaris Utama", "Para Deputi"]
    assert letter.signatory.name == "Dwi Rahmawati"


BLANK_SLOTS = """PEMERINTAH KABUPATEN SLEMAN
SEKRETARIAT DAERAH

SURAT EDARAN
NOMOR : 800/      /BKPP/2024
TENTANG
CUTI BERSAMA PEGAWAI

Dalam rangka libur nasional, pegawai diminta mematuhi jadwal cuti bersama.

Ditetapkan di Sleman
pada tanggal :

SEKRETARIS DAERAH,

HARDA KISWAYA
"""


@pytest.mark.parametrize(("ocr", "why"), [(False, "a draft"), (True, "OCR could not read")])
def test_a_blank_number_and_date_say_why_by_the_kind_of_source(ocr, why):
    """On a scan an empty slot is most often a handwritten number or a stamped date OCR missed, not a draft."""
    from edaran.ingest.document import Document

    doc = Document.build(path="se.txt", sha256="0" * 64, media_type="text/plain", raw=BLANK_SLOTS, ocr=ocr)
    letter = extract_letter(doc)
    messages = {w.code: w.message for w in letter.warnings}
    assert letter.number is None and letter.date is None
    assert why in messages["number_blank"] and why in messages["date_incomplete"]


@pytest.mark.parametrize(
    ("number", "dated", "warned"),
    [
        ("800/112/BKPP/2024", "12 Maret 2024", False),
        ("800/112/BKPP/2024", "12 Maret 2023", True),  # mistyped, or a 3 read for an 8 on a scan
        ("SE-14/2018", "3 Januari 2019", True),
        ("B-207/KEP/XII/2017", "29 Desember 2017", False),
        ("800.1.2/5501/Set", "12 Maret 2023", False),  # no year in the number
        ("045.2/2024", "5 Juni 2024", False),
    ],
)
def test_a_date_in_another_year_than_the_number_is_doubted(number, dated, warned):
    from edaran.ingest.document import Document

    raw = BLANK_SLOTS.replace("800/      /BKPP/2024", number).replace("pada tanggal :", f"pada tanggal {dated}")
    letter = extract_letter(
        Document.build(path="se.txt", sha256="0" * 64, media_type="text/plain", raw=raw), today=dt.date(2026, 1, 1)
    )
    assert letter.number == number and letter.date is not None
    assert ("date_number_mismatch" in {w.code for w in letter.warnings}) is warned


LISTED_BASIS = """PEMERINTAH KABUPATEN BANYUMAS
BADAN KEPEGAWAIAN DAERAH

Purwokerto, 4 Maret 2024

Nomor : 800/311/BKD/2024
Hal : Netralitas ASN

Yth. Kepala Perangkat Daerah
di Purwokerto

Berdasarkan:
1. Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara;
2. Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil;
3. Surat Edaran Bupati Banyumas Nomor 800/77/BKD tanggal 9 Januari 2024 tentang Pengawasan Netralitas;
bersama ini disampaikan bahwa Surat Edaran Bupati Banyumas Nomor 800/12/BKD/2019 tentang Netralitas ASN pada Pemilu 2019 dinyatakan tidak berlaku, dan Peraturan Pemerintah Nomor 53 Tahun 2010 yang telah dicabut dengan Peraturan Pemerintah Nomor 94 Tahun 2021 tidak lagi menjadi rujukan.

Demikian untuk dilaksanakan.

KEPALA BADAN KEPEGAWAIAN DAERAH,

SUGENG RIYADI
"""


def test_citations_listed_under_their_verb_take_it():
    """ "Berdasarkan:" then numbered instruments: each is a basis; a sentence after the list is not part of it."""
    from edaran.ingest.document import Document

    letter = extract_letter(Document.build(path="se.txt", sha256="0" * 64, media_type="text/plain", raw=LISTED_BASIS))
    relations = [(c.kind, c.number, c.year, c.relation) for c in letter.citations]
    assert relations == [
        ("uu", "20", 2023, "berdasarkan"),
        ("pp", "94", 2021, "berdasarkan"),
        ("se", "800/77/BKD", 2024, "berdasarkan"),
        ("se", "800/12/BKD/2019", 2019, "mencabut"),
        ("pp", "53", 2010, None),
    ]


SECTIONED_BASIS = """BUPATI BANYUMAS

Purwokerto, 4 Maret 2024

Nomor : 800/311/BKD/2024
Hal : Netralitas ASN

Yth. Kepala Perangkat Daerah
di Purwokerto

{lead}
1. Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara;
2. Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil.
{blank}
{heading}
Setiap ASN yang melanggar Undang-Undang Nomor 10 Tahun 2016 dikenai sanksi. Setiap ASN dilarang:
1. ikut kampanye;
2. memasang spanduk calon.

Demikian untuk dilaksanakan.

BUPATI BANYUMAS,

ACHMAD HUSEIN
"""


@pytest.mark.parametrize("lead", ["Dasar:", "DASAR HUKUM", "Berdasarkan:"])
@pytest.mark.parametrize("heading", ["A. LARANGAN", "A. Larangan", "I. LARANGAN BAGI ASN", "II. Larangan Pegawai"])
@pytest.mark.parametrize("blank", ["", "\n"])
def test_a_section_heading_ends_the_legal_basis(lead, heading, blank):
    """Instruments cited in a section after the basis are not the letter's basis, and the section's items
    are read in full."""
    from edaran.ingest.document import Document

    raw = SECTIONED_BASIS.format(lead=lead, heading=heading, blank=blank)
    letter = extract_letter(Document.build(path="se.txt", sha256="0" * 64, media_type="text/plain", raw=raw))
    assert [(c.kind, c.number, c.relation) for c in letter.citations] == [
        ("uu", "20", "berdasarkan"),
        ("pp", "94", "berdasarkan"),
        ("uu", "10", None),
    ]
    assert [p.text for p in letter.prohibitions] == ["ikut kampanye", "memasang spanduk calon"]


BASIS_THEN_SECTIONS = (
    LETTER_HEAD
    + """{sep}{body}

Demikian Surat Edaran ini untuk dilaksanakan.

BUPATI GIANYAR,

I WAYAN SUDARSANA
NIP. 19730121 199303 1 004
"""
)
_BASIS = [
    "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara",
    "Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil",
    "Keputusan Bersama Menteri PANRB Nomor 2 Tahun 2022 tentang Pedoman Netralitas",
]
_ACTS = ["ikut kampanye", "memasang spanduk calon", "menggunakan fasilitas negara", "mengunggah foto bersama calon"]


def _numbered(label: str, texts: list[str], closed: bool) -> list[str]:
    marks = "abcdefgh" if label == "a." else [str(i) for i in range(1, 9)]
    return [f"{marks[i]}. {t}{';' if closed and i < len(texts) - 1 else '.'}" for i, t in enumerate(texts)]


@pytest.mark.parametrize("lead", ["Dasar:", "DASAR HUKUM :", "DASAR HUKUM", "Berdasarkan:", "Memperhatikan:"])
@pytest.mark.parametrize("sep", ["\n\n", "\n"])
@pytest.mark.parametrize("closed", [True, False])
@pytest.mark.parametrize(
    ("first", "second"),
    [("A. LARANGAN", "B. KEWAJIBAN"), ("I. LARANGAN", "II. KEWAJIBAN"), ("A. Larangan bagi ASN", "B. Kewajiban ASN")],
)
def test_a_letter_with_a_legal_basis_then_sections(lead, sep, closed, first, second):
    """The whole letter: the subject ends where the basis begins, the basis where the first section
    begins, each section's items are read, and the signer's one-letter name element is kept."""
    from edaran.ingest.document import Document

    for basis_label, blank in [("1.", "\n"), ("a.", ""), ("1.", ""), ("a.", "\n")]:
        lines = [lead, *_numbered(basis_label, _BASIS, closed), blank, first, "Setiap ASN dilarang:"]
        lines += [*_numbered("a." if basis_label == "1." else "1.", _ACTS, True), blank, second, "Setiap ASN wajib:"]
        lines += ["1) menjaga netralitas;", "2) melaporkan pelanggaran."]
        raw = BASIS_THEN_SECTIONS.format(sep=sep, body="\n".join(line for line in lines if line or blank))
        letter = extract_letter(Document.build(path="se.txt", sha256="0" * 64, media_type="text/plain", raw=raw))
        assert letter.subject == "NETRALITAS APARATUR SIPIL NEGARA"
        assert [p.text for p in letter.prohibitions] == _ACTS
        assert [(o.label, o.text) for o in letter.obligations] == [
            ("1)", "menjaga netralitas"),
            ("2)", "melaporkan pelanggaran"),
        ]
        assert [c.relation for c in letter.citations] == ["merujuk" if lead == "Memperhatikan:" else "berdasarkan"] * 3
        assert letter.signatory.name == "I Wayan Sudarsana"


ADDRESSED = """PEMERINTAH KABUPATEN KULON PROGO
BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA

Wates, 4 Maret 2024

Nomor : 800/311/BKPSDM
Sifat : Biasa
Hal : Netralitas ASN

{addressees}

Dalam rangka Pemilihan Umum Tahun 2024, diminta Saudara memastikan netralitas ASN.

KEPALA BADAN,

TRI PUJI WIDODO
"""


@pytest.mark.parametrize(
    ("block", "addressees"),
    [
        (
            "Kepada\nYth. 1. Para Kepala Perangkat Daerah;\n     2. Para Camat;\n     3. Direktur RSUD Wates\ndi -\n  Tempat",
            ["Para Kepala Perangkat Daerah", "Para Camat", "Direktur RSUD Wates"],
        ),
        (
            "Yth.\n1. Sekretaris Daerah;\n2. Para Asisten Sekretaris Daerah;\ndi Wates",
            ["Sekretaris Daerah", "Para Asisten Sekretaris Daerah"],
        ),
        (
            "Yth. Kepala Dinas Pendidikan\nYth. Kepala Dinas Kesehatan\nYth. Para Camat\ndi tempat",
            ["Kepala Dinas Pendidikan", "Kepala Dinas Kesehatan", "Para Camat"],
        ),
        (
            "Yth. Para Kepala Perangkat Daerah di Lingkungan Pemerintah\nKabupaten Kulon Progo\ndi Wates",
            ["Para Kepala Perangkat Daerah di Lingkungan Pemerintah Kabupaten Kulon Progo"],
        ),
    ],
)
def test_addressees_one_per_entry(block, addressees):
    from edaran.ingest.document import Document

    raw = ADDRESSED.format(addressees=block)
    letter = extract_letter(Document.build(path="se.txt", sha256="0" * 64, media_type="text/plain", raw=raw))
    assert letter.addressees == addressees
