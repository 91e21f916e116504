"""Table-driven tests of the field readers: dates, regions, people, citations."""

import datetime as dt

import pytest

from edaran.extract.citations import akn_uri, find_citations
from edaran.extract.dates import find_dates, parse_date
from edaran.extract.patterns import load_patterns
from edaran.extract.people import NIP, nip_digits, nip_problems, strip_titles
from edaran.extract.regions import find_mentions, resolve


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13 November 2024", dt.date(2024, 11, 13)),
        ("13 Nopember 2024", dt.date(2024, 11, 13)),
        ("3 Pebruari 2024", dt.date(2024, 2, 3)),
        ("1 Agt 2023", dt.date(2023, 8, 1)),
        ("5 Des. 2023", dt.date(2023, 12, 5)),
        ("30 AGUSTUS 2024", dt.date(2024, 8, 30)),
        ("15-07-2024", dt.date(2024, 7, 15)),
        ("15/07/2024", dt.date(2024, 7, 15)),
        ("31 Februari 2024", None),
        ("32 Januari 2024", None),
        ("Nomor 800/46/2024", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_find_dates_gives_offsets_into_the_text():
    text = "Ditetapkan di Sekadau\npada tanggal 24 November 2023 dan 1-2-2024"
    found = find_dates(text)
    assert [(d.value, text[d.start : d.end]) for d in found] == [
        (dt.date(2023, 11, 24), "24 November 2023"),
        (dt.date(2024, 2, 1), "1-2-2024"),
    ]


@pytest.mark.parametrize("text", ["Nomor 800/15.07.2024/BKD", "kode 1.2.2024.5 pada", "Nomor 15-07-2024-01"])
def test_no_date_inside_a_longer_number(text):
    assert find_dates(text) == []


@pytest.mark.parametrize(
    "before",
    [
        "Laporan bulan Oktober 2024 disampaikan paling lambat",  # a month and year, no day
        "Rekapitulasi periode Januari s.d. Maret 2024 dikirim sebelum",
        "Sesuai jadwal (lihat lampiran) untuk Semester II 2024, paling lambat",
    ],
)
@pytest.mark.parametrize(
    ("date", "value", "rule"),
    [
        ("5 November 2024", dt.date(2024, 11, 5), "matcher:date.v2"),
        ("5 Nop. 2024", dt.date(2024, 11, 5), "matcher:date.v2"),
        ("05-11-2024", dt.date(2024, 11, 5), "regex:date.numeric.v1"),
        ("5/11/2024", dt.date(2024, 11, 5), "regex:date.numeric.v1"),
    ],
)
def test_every_date_after_a_month_and_year_says_which_rule_read_it(before, date, value, rule):
    """A month and year without a day is no date, and does not stop the dates after it; a date written in
    words and one in figures are told apart by the rule stored with the value."""
    text = f"{before} tanggal {date}."
    assert [(d.value, text[d.start : d.end], d.rule) for d in find_dates(text)] == [(value, date, rule)]


@pytest.mark.parametrize(
    ("name", "level", "code"),
    [
        ("Sekadau", "kabupaten", "61.09"),
        ("Kota Administrasi Jakarta Selatan Provinsi Daerah Khusus Ibukota Jakarta", "kota", "31.74"),
        ("Kepulauan Bangka Belitung", "provinsi", "19"),
        ("Palangka Raya", "kota", "62.71"),
        ("Palangkaraya", "kota", "62.71"),
        ("Pangkalpinang", "kota", "19.71"),
        ("Pangkal Pinang", "kota", "19.71"),
        ("DKI Jakarta", "provinsi", "31"),
        ("Kalbar", None, "61"),
        ("Bogor", "kota", "32.71"),
        ("Bogor", "kabupaten", "32.01"),
        ("Kabupaten Bogor", "kota", "32.01"),  # the printed level word wins
        ("Gunung Kidul", None, "34.03"),
        ("Kab. Merangin", None, "15.02"),
        ("Atlantis", None, None),
    ],
)
def test_resolve_region(name, level, code):
    region = resolve(name, level)
    assert (region.code if region else None) == code


def test_region_mentions_in_running_text():
    found = find_mentions("di lingkungan Pemerintah Kabupaten Merangin dan Kota Bogor serta Provinsi Jawa Barat")
    assert [r.code for r, _, _ in found] == ["15.02", "32.71", "32"]


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("Dr. H. Budi Santoso, S.H., M.Si.", "Budi Santoso"),
        ("H. FERDI FIRDAUS, S.Sos., ME", "FERDI FIRDAUS"),
        ("SUGIANTO SABRAN", "SUGIANTO SABRAN"),
        ("Drs. Ahmad Yani MM", "Ahmad Yani"),
        ("Hj. Siti Aminah, S.Pd.", "Siti Aminah"),
        ("Prof. Dr. Ir. Bambang Wijaya", "Bambang Wijaya"),
        ("Sugito", "Sugito"),
        # Spacing and a full stop as a justified or scanned line prints them.
        ("Dr.  H.  Budi   Santoso", "Budi Santoso"),
        ("BUDI\tSANTOSO.", "BUDI SANTOSO"),
        ("Sugito .", "Sugito"),
        ("Drs. Xaverius Dendi", "Xaverius Dendi"),
    ],
)
def test_strip_titles(printed, name):
    assert strip_titles(printed) == name


@pytest.mark.parametrize(
    ("printed", "digits"),
    [
        ("NIP. 19730121 199303 1 004", "197301211993031004"),
        ("NIP : 197108011994031002", "197108011994031002"),
        ("NIP 19680512.199303.1.006", "196805121993031006"),
    ],
)
def test_nip_spacing(printed, digits):
    assert nip_digits(NIP.search(printed).group(1)) == digits


@pytest.mark.parametrize(
    ("nip", "problem"),
    [
        ("197108011994031002", None),
        ("197113011994031002", "birth date"),
        ("197108011994131002", "appointment month"),
        ("197108011994033002", "sex digit"),
        ("197108012060031002", "future"),
        ("20100801199403100", "17 digits"),
        ("199008012000031002", "age"),
    ],
)
def test_nip_problems(nip, problem):
    problems = nip_problems(nip, today=dt.date(2026, 1, 1))
    if problem is None:
        assert problems == []
    else:
        assert any(problem in p for p in problems), problems


@pytest.mark.parametrize(
    ("nip", "problems"),
    [
        # The appointment month at both ends of the year, and in the month of the check itself.
        ("197108011994011002", []),
        ("197108011994121002", []),
        ("197108012026011002", []),
        ("197108012026021002", ["appointment 202602 is in the future"]),
        ("197108011994001002", ["appointment month 00 is not a month"]),
        ("197108011994131002", ["appointment month 13 is not a month"]),
        # A day the month does not have (31 April), a month the year does not have.
        ("197104311994031002", ["birth date 19710431 is not a date"]),
        ("197113011994031002", ["birth date 19711301 is not a date"]),
        ("197108011994033002", ["sex digit 3 is neither 1 nor 2"]),
        ("197108011994032002", []),
        # Born in 1930 at the earliest, appointed between 16 and 60, not born after the check.
        ("193001011950011001", []),
        ("192912311950011001", ["birth year 1929 is implausible"]),
        ("197801011994011001", []),
        ("197901011994011001", ["appointed at age 15"]),
        ("195001012010011001", []),
        ("194901012010011001", ["appointed at age 61"]),
        ("202601152026011001", ["appointed at age 0"]),
        ("202601162026011001", ["birth year 2026 is implausible"]),
    ],
)
def test_nip_problems_say_which_digits(nip, problems):
    """Each problem quotes the digits it is about, so a reviewer finds them in the printed NIP."""
    assert nip_problems(nip, today=dt.date(2026, 1, 15)) == problems


def test_nip_problems_are_judged_against_today_by_default():
    assert nip_problems("197108011994031002") == []


CITATIONS = [
    # (text, [(kind, numbers, year, articles, relation)])
    (
        "Berdasarkan Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara pasal 2 huruf f",
        [("uu", ["20"], 2023, ["pasal 2 huruf f"], "berdasarkan")],
    ),
    ("Mempedomani PP 94/2021 Pasal 5 huruf n", [("pp", ["94"], 2021, ["Pasal 5 huruf n"], "mempedomani")]),
    ("sesuai UU No. 5 Tahun 2014 tentang ASN", [("uu", ["5"], 2014, [], "merujuk")]),
    (
        "Menindaklanjuti Surat Edaran Sekretaris Daerah Provinsi DKI Jakarta Nomor e-0011/SE/2023 tentang Netralitas",
        [("se", ["e-0011/SE/2023"], 2023, [], "menindaklanjuti")],
    ),
    (
        "melaksanakan Keputusan Bersama Menteri PANRB, Mendagri Nomor 2 Tahun 2022, Nomor 800- 5474 Tahun 2022, "
        "Nomor 246 Tahun 2022 tentang Pedoman",
        [("skb", ["2", "800-5474", "246"], 2022, [], "melaksanakan")],
    ),
    (
        "Peraturan Pemerintah Pengganti Undang-Undang Nomor 1 Tahun 2022 tentang Pemilu",
        [("perppu", ["1"], 2022, [], None)],
    ),
    (
        "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 1 Tahun 2023 tentang Jabatan",
        [("permen", ["1"], 2023, [], None)],
    ),
    (
        "Pasal 70 ayat (1) Undang-Undang Nomor 10 Tahun 2016 tentang Pemilihan",
        [("uu", ["10"], 2016, ["Pasal 70 ayat (1)"], None)],
    ),
    ("Peraturan Bupati Sekadau Nomor 12 Tahun 2020", [("perbup", ["12"], 2020, [], None)]),
    # a cited letter's year is its date's when the number has none
    (
        "Surat Menteri Dalam Negeri Nomor 100.2.1.3/1234/SJ tanggal 5 Mei 2024",
        [("surat", ["100.2.1.3/1234/SJ"], 2024, [], None)],
    ),
    (
        "menindaklanjuti Surat Edaran Bupati Ngawi Nomor 800/51/404.105/2023 tgl. 3-11-2024",
        [("se", ["800/51/404.105/2023"], 2023, [], "menindaklanjuti")],
    ),  # the number's own year first
    ("Peraturan Pemerintah Nomor 94 tanggal 31 Agustus 2021", [("pp", ["94"], 2021, [], None)]),
    # Aceh's qanun is its regional regulation
    (
        "Berdasarkan Qanun Kabupaten Aceh Besar Nomor 3 Tahun 2019 tentang Pemilihan Keuchik Pasal 12 ayat (2)",
        [("perda", ["3"], 2019, ["Pasal 12 ayat (2)"], "berdasarkan")],
    ),
    # an instrument named inside another's title is not cited on its own; pinpoints after the title are the outer one's
    (
        "berdasarkan Undang-Undang Nomor 6 Tahun 2020 tentang Penetapan Peraturan Pemerintah Pengganti Undang-Undang "
        "Nomor 2 Tahun 2020 tentang Perubahan Ketiga atas Undang-Undang Nomor 1 Tahun 2015 tentang Pemilihan Gubernur "
        "menjadi Undang-Undang, Pasal 201A",
        [("uu", ["6"], 2020, ["Pasal 201A"], "berdasarkan")],
    ),
    (
        "Peraturan Menteri Dalam Negeri Nomor 80 Tahun 2015 tentang Pelaksanaan Peraturan Pemerintah Nomor 12 Tahun 2014",
        [("permen", ["80"], 2015, [], None)],
    ),
    (
        "mempedomani Undang-Undang Nomor 20 Tahun 2023 tentang ASN dan pelaksanaan Peraturan Pemerintah Nomor 94 Tahun 2021",
        [("uu", ["20"], 2023, [], "mempedomani"), ("pp", ["94"], 2021, [], "melaksanakan")],
    ),
    # a repeal written after the instrument
    (
        "Dengan terbitnya surat ini, Surat Edaran Wali Kota Bima Nomor 450/88/Org tanggal 2 Mei 2019 tentang Netralitas "
        "ASN dicabut dan dinyatakan tidak berlaku.",
        [("se", ["450/88/Org"], 2019, [], "mencabut")],
    ),
    (
        "Instruksi Bupati Nomor 5 Tahun 2018 dinyatakan tidak berlaku sejak tanggal surat ini.",
        [("keputusan", ["5"], 2018, [], "mencabut")],
    ),
    (
        "Peraturan Pemerintah Nomor 53 Tahun 2010 yang telah dicabut dengan Peraturan Pemerintah Nomor 94 Tahun 2021",
        [("pp", ["53"], 2010, [], None), ("pp", ["94"], 2021, [], None)],
    ),  # the letter repeals neither
    # the date may be written in other ways or places: capitalised, "tertanggal", before the number, after the title
    (
        "Menindaklanjuti Surat Edaran Gubernur Bali Nomor 800.1/4471/BKPSDM Tanggal 2 Oktober 2023 perihal Netralitas",
        [("se", ["800.1/4471/BKPSDM"], 2023, [], "menindaklanjuti")],
    ),
    ("Surat Sekretaris Daerah Nomor 005/318/Org tertanggal 17-01-2022", [("surat", ["005/318/Org"], 2022, [], None)]),
    (
        "menindaklanjuti Surat Kepala Badan Kepegawaian Negara tanggal 19 Januari 2024 Nomor 2310/B-KS.04.01/SD/E hal "
        "Pengawasan",
        [("surat", ["2310/B-KS.04.01/SD/E"], 2024, [], "menindaklanjuti")],
    ),
    (
        "Surat Edaran Wali Kota Nomor 800/91/BKPSDM tentang Jam Kerja tanggal 8 Maret 2021",
        [("se", ["800/91/BKPSDM"], 2021, [], None)],
    ),
    # a run of pinpoints goes to the instrument written right after it, not to the one named earlier
    (
        "Berdasarkan Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum, ASN wajib netral sebagaimana dimaksud "
        "dalam Pasal 3 huruf b, Pasal 4 dan Pasal 9 ayat (2) Undang-Undang Nomor 20 Tahun 2023",
        [
            ("uu", ["7"], 2017, [], "berdasarkan"),
            ("uu", ["20"], 2023, ["Pasal 3 huruf b", "Pasal 4", "Pasal 9 ayat (2)"], "merujuk"),
        ],
    ),
    (
        "sesuai Undang-Undang Nomor 10 Tahun 2016 Pasal 71 ayat (1) dan Pasal 4 huruf d Peraturan Pemerintah Nomor 42 "
        "Tahun 2004",
        [("uu", ["10"], 2016, ["Pasal 71 ayat (1)"], "merujuk"), ("pp", ["42"], 2004, ["Pasal 4 huruf d"], "merujuk")],
    ),
    # an amending instrument is cited for the same reason as the one it amends
    (
        "Berdasarkan Peraturan Bupati Sleman Nomor 9 Tahun 2019 tentang Jam Kerja sebagaimana telah diubah terakhir "
        "dengan Peraturan Bupati Sleman Nomor 31 Tahun 2022",
        [("perbup", ["9"], 2019, [], "berdasarkan"), ("perbup", ["31"], 2022, [], "berdasarkan")],
    ),
    (
        "melaksanakan Peraturan Daerah Nomor 4 Tahun 2016 jo. Peraturan Daerah Nomor 2 Tahun 2021 tentang Perangkat Daerah",
        [("perda", ["4"], 2016, [], "melaksanakan"), ("perda", ["2"], 2021, [], "melaksanakan")],
    ),
    (
        "Sehubungan dengan Keputusan Presiden Nomor 12 Tahun 2023 tentang Hari Libur",
        [("keppres", ["12"], 2023, [], "merujuk")],
    ),
    ("sesuai ketentuan peraturan perundang-undangan yang berlaku", []),
    ("Undang-Undang tentang Pemilu mengatur hal ini", []),
    # one citation per instrument even when the letter names it twice
    (
        "berdasarkan PP Nomor 94 Tahun 2021 Pasal 5 dan PP 94/2021 Pasal 7",
        [("pp", ["94"], 2021, ["Pasal 5", "Pasal 7"], "berdasarkan")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CITATIONS)
def test_find_citations(text, expected):
    found = find_citations(text, 0, len(text))
    assert [(c.kind, c.numbers, c.year, c.articles, c.relation) for c in found] == expected


def test_citation_span_quotes_the_instrument():
    text = "Mempedomani Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin PNS, yaitu"
    (cit,) = find_citations(text, 0, len(text))
    assert text[cit.start : cit.end] == "Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin PNS"
    assert cit.title == "Disiplin PNS"


@pytest.mark.parametrize(
    ("text", "title", "issuer"),
    [
        # a title's enumeration of names goes on over its commas; the sentence's next words do not
        (
            "Peraturan Daerah Provinsi Jambi Nomor 3 Tahun 2021 tentang Hak Keuangan Gubernur, Wakil Gubernur, dan Pimpinan "
            "DPRD, Pasal 4",
            "Hak Keuangan Gubernur, Wakil Gubernur, dan Pimpinan DPRD",
            None,
        ),
        (
            "Surat Edaran Bupati Kendal Nomor 800/77/BKD tentang Netralitas ASN, Kepala Perangkat Daerah diminta",
            "Netralitas ASN",
            "Bupati Kendal",
        ),
        (
            "Surat Edaran Bupati Kendal Nomor 800/77/BKD tentang Netralitas ASN, dan mempedomani",
            "Netralitas ASN",
            "Bupati Kendal",
        ),
        (
            "Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin PNS dan Pasal 5 huruf n Peraturan Pemerintah Nomor 42",
            "Disiplin PNS",
            None,
        ),
        # the issuer is the whole office named after the instrument's own words, without the date
        ("Surat Menteri Dalam Negeri tanggal 7 Februari 2024 Nomor 100.2.1/880/SJ", None, "Menteri Dalam Negeri"),
        (
            "Peraturan Badan Pengawas Pemilihan Umum Nomor 6 Tahun 2018 tentang Pengawasan Netralitas",
            "Pengawasan Netralitas",
            "Badan Pengawas Pemilihan Umum",
        ),
        ("Keputusan Gubernur Jawa Tengah Nomor 800/12 Tahun 2020", None, "Gubernur Jawa Tengah"),
        ("Peraturan BKN Nomor 7 Tahun 2021", None, "BKN"),
    ],
)
def test_citation_title_and_issuer(text, title, issuer):
    first = find_citations(text, 0, len(text))[0]
    assert (first.title, first.issuer) == (title, issuer)


@pytest.mark.parametrize(
    ("kind", "number", "year", "uri"),
    [
        ("pp", "94", 2021, "/akn/id/act/pp/2021/94"),
        ("uu", "20", 2023, "/akn/id/act/uu/2023/20"),
        ("se", "e-0011/SE/2023", 2023, None),
        ("pp", "94", None, None),
    ],
)
def test_akn_uri(kind, number, year, uri):
    assert akn_uri(kind, number, year) == uri


# --- Letters read whole: header, signature, election and tembusan rules (letters of our own wording). ---

from edaran.extract import extract_letter  # noqa: E402
from edaran.extract.dates import is_date_only  # noqa: E402
from edaran.extract.header import read_number, read_subject  # noqa: E402
from edaran.extract.lines import split_lines  # noqa: E402
from edaran.extract.sections import segment  # noqa: E402
from edaran.ingest import read_text  # noqa: E402

_TODAY = dt.date(2026, 1, 1)


def _letter(text: str):
    return extract_letter(read_text("surat.txt", text.encode()), today=_TODAY)


def _subject(text: str) -> str | None:
    lines = split_lines(text)
    value = read_subject(text, lines, segment(lines))
    return value.value if value else None


_BODY = "1. menjaga netralitas dalam setiap kegiatan;\n2. melaporkan pelanggaran kepada atasan.\n"


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        # A wrapped Hal whose second line opens with a word that may open a body: the addressees follow.
        (
            "Nomor : 800/77/BKD/2024\nHal : Pengawasan Netralitas Pegawai\nGuna Menghadapi Pemilihan Bupati\n"
            "Sigi Tahun 2024\n\nKepada Yth.\nKepala Perangkat Daerah\ndi -\nTempat\n\nBerdasarkan arahan Bupati, "
            "bersama ini disampaikan:\n" + _BODY,
            "Pengawasan Netralitas Pegawai Guna Menghadapi Pemilihan Bupati Sigi Tahun 2024",
        ),
        # PDF text, no blank lines: "Yth." right under the subject.
        (
            "Nomor : 005/12/Kesbang\nPerihal : Imbauan\nUntuk Menjaga Netralitas ASN\nYth. Camat se-Kabupaten Sumba Barat\n"
            "di Waikabubak\nSehubungan dengan tahapan pemilihan, disampaikan hal sebagai berikut:\n" + _BODY,
            "Imbauan Untuk Menjaga Netralitas ASN",
        ),
        # The place and date come between the subject and the addressees.
        (
            "Nomor : 800/310/BKPSDM\nHal : Netralitas ASN\nDalam rangka Pemilihan Wali Kota\nBitung Tahun 2024\n\n"
            "Bitung, 2 Oktober 2024\n\nYth. Kepala Perangkat Daerah\ndi Bitung\n\nSehubungan dengan tahapan, disampaikan:\n"
            + _BODY,
            "Netralitas ASN Dalam rangka Pemilihan Wali Kota Bitung Tahun 2024",
        ),
        (
            "Nomor : 800/91/BKD\nHal : Netralitas Pegawai\n        Menjelang Pemilihan Gubernur dan Wakil Gubernur\n"
            "        Kalimantan Selatan Tahun 2024\n\nKepada Yth.\nBupati Tabalong\ndi Tanjung\n\nDengan hormat,\n"
            + _BODY,
            "Netralitas Pegawai Menjelang Pemilihan Gubernur dan Wakil Gubernur Kalimantan Selatan Tahun 2024",
        ),
        # The addressees come first: the line after the subject opens the body.
        (
            "Yth. Kepala Perangkat Daerah\ndi Garut\nNomor : 800/5/BKD\nHal : Netralitas ASN\nMenjelang pelaksanaan "
            "Pemilihan Umum Tahun 2024, dengan ini kami sampaikan kepada seluruh pegawai hal-hal sebagai berikut:\n"
            + _BODY,
            "Netralitas ASN",
        ),
        # Short lines, but a sentence that ends with a colon: the body.
        (
            "Nomor : 800/6/BKD\nHal : Netralitas ASN\nDalam rangka menjaga netralitas\npegawai, disampaikan hal berikut:\n"
            + _BODY,
            "Netralitas ASN",
        ),
        (
            "Nomor : 800/7/BKD\nHal : Netralitas ASN\n\nUntuk menjaga netralitas pegawai, disampaikan:\n" + _BODY,
            "Netralitas ASN",
        ),
        # Blank lines inside the subject; a draft's date without its day below it is no part of it.
        (
            "Nomor : 800/8/BKD\nHal : Pedoman Pengusulan\n\nJabatan Fungsional\n\nBangko,      2025\nKepada Yth\n"
            "1. Kepala OPD\n2. Para Kabag Setda\n\n" + _BODY,
            "Pedoman Pengusulan Jabatan Fungsional",
        ),
    ],
)
def test_wrapped_hal_subject(text, subject):
    assert _subject(text) == subject


@pytest.mark.parametrize(
    ("line", "number", "blank"),
    [
        ("Nomor : 100.3.4.2/ 27 /SET", "100.3.4.2/27/SET", None),
        ("Nomor : 421 / 1534 / Disdik / 2024", "421/1534/Disdik/2024", None),
        ("Nomor : 800.1/   318   /BKPSDM", "800.1/318/BKPSDM", None),
        ("Nomor : 800/46/BKPSDMD-II/2024", "800/46/BKPSDMD-II/2024", None),
        ("Nomor : 870/2210/BKD          Sigi, 4 Oktober 2024", "870/2210/BKD", None),
        ("Nomor : 800/ /BKPSDMD/2025", None, "800/ /BKPSDMD/2025"),
        ("Nomor : 800/        /BKD/2024", None, "800/        /BKD/2024"),
        ("Nomor : 800/", None, "800/"),
        ("Nomor : 800/..../Setda", None, "800/..../Setda"),
    ],
)
def test_number_as_printed(line, number, blank):
    lines = split_lines(line + "\nHal : Netralitas\n")
    value, printed = read_number(lines, segment(lines))
    assert (value.value if value else None, printed) == (number, blank)


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("1 Agustus 2024 M", True),
        ("3 Rabiul Awal 1446 H", True),
        ("pada tanggal 17 Jumadil Akhir 1446 H", True),
        ("12 Rabiul Akhir 1446 H / 15 Oktober 2024 M", True),
        ("9 Sya'ban 1445 H", True),
        ("20 Dzulqa'dah 1445 H.", True),
        ("5 Oktober 2024", True),
        ("26 MUHARRAM 1446 H", True),  # the signature block in capitals
        ("3 RABIUL AWAL 1446 H / 6 SEPTEMBER 2024 M", True),
        ("BUPATI ACEH BARAT,", False),
        ("3 Kepala Dinas 2024", False),
    ],
)
def test_date_only_lines(line, date):
    assert is_date_only(line) is date


_HIJRI_SIGNATURE = """PEMERINTAH KABUPATEN ACEH BARAT

SURAT EDARAN
NOMOR 800/212/2024
TENTANG
NETRALITAS PEGAWAI

Yth. Kepala Perangkat Kabupaten Aceh Barat

1. menjaga netralitas dalam setiap kegiatan;
2. melaporkan pelanggaran kepada atasan.

Demikian untuk dilaksanakan.

Ditetapkan di Meulaboh
pada tanggal {hijri}
{gregorian}

Pj. BUPATI ACEH BARAT,

TEUKU RAHMAN
"""


@pytest.mark.parametrize(
    ("hijri", "gregorian", "date"),
    [
        ("3 Rabiul Awal 1446 H", "6 September 2024 M", "2024-09-06"),
        ("6 September 2024", "3 Rabiul Awal 1446 H", "2024-09-06"),
        ("2 Ramadhan 1445 H", "12 Maret 2024", "2024-03-12"),
    ],
)
def test_hijri_and_gregorian_dates_are_not_the_signer(hijri, gregorian, date):
    letter = _letter(_HIJRI_SIGNATURE.format(hijri=hijri, gregorian=gregorian))
    assert letter.date.isoformat() == date
    assert letter.signatory.title == "Pj. BUPATI ACEH BARAT"
    assert letter.signatory.name == "Teuku Rahman"
    assert (letter.issuer.office, letter.issuer.acting, letter.issuer.region.code) == ("bupati", "Pj.", "11.05")


_ACTING = sorted(
    (spelling, code) for code, spellings in load_patterns("offices.json")["acting"].items() for spelling in spellings
)


@pytest.mark.parametrize(("spelling", "code"), _ACTING)
@pytest.mark.parametrize("case", [str.upper, str.title, lambda s: s + "."])
@pytest.mark.parametrize(("office", "expected"), [("BUPATI", "bupati"), ("Wakil Bupati", "wakil_bupati")])
def test_every_acting_prefix_in_any_case_before_an_office(spelling, code, case, office, expected):
    """Every acting prefix of the vocabulary, as printed (capitals, title case, with its dot), before a
    regional head's office: the acting code, the office, and the region named after the office."""
    signer = f"{case(spelling)} {office} ACEH BARAT,"
    letter = _letter(
        _HIJRI_SIGNATURE.format(hijri="3 Rabiul Awal 1446 H", gregorian="6 September 2024 M").replace(
            "Pj. BUPATI ACEH BARAT,", signer
        )
    )
    assert (letter.issuer.office, letter.issuer.acting, letter.issuer.region.code) == (expected, code, "11.05")
    assert letter.signatory.name == "Teuku Rahman"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("PEMERINTAH ACEH\nDINAS PENDIDIKAN", "11"),
        ("Pemerintah Aceh", "11"),
        ("PEMERINTAH KABUPATEN NAGAN RAYA", "11.15"),
        ("PEMERINTAH KOTA SABANG", "11.72"),
    ],
)
def test_government_of_a_province_without_provinsi(text, code):
    assert [r.code for r, _, _ in find_mentions(text)] == [code]


@pytest.mark.parametrize("text", ["Pemerintah Aceh Jaya", "PEMERINTAH DAERAH", "Pemerintah Pusat"])
def test_government_words_that_name_no_province(text):
    assert find_mentions(text) == []


def test_aceh_agency_letterhead_is_the_province():
    letter = _letter(
        _HIJRI_SIGNATURE.format(hijri="3 Rabiul Awal 1446 H", gregorian="6 September 2024 M")
        .replace("PEMERINTAH KABUPATEN ACEH BARAT", "PEMERINTAH ACEH\nBADAN KEPEGAWAIAN ACEH")
        .replace("Pj. BUPATI ACEH BARAT,", "KEPALA BADAN KEPEGAWAIAN ACEH,")
    )
    assert letter.issuer.region.code == "11"


_ELECTION_LETTER = """Nomor : 800/415/BKD/2024
Hal : {subject}

Kepada Yth.
Kepala Perangkat Daerah
di Tempat

{body}
1. menjaga netralitas dalam setiap kegiatan;
2. melaporkan pelanggaran kepada atasan.

Demikian untuk dilaksanakan.

{date}
BUPATI GARUT,

RUDI HARTONO
"""


@pytest.mark.parametrize(
    ("subject", "body", "date", "election"),
    [
        # The year at the end of a long subject.
        (
            "Netralitas ASN pada Pemilihan Gubernur dan Wakil Gubernur Jawa Barat, Bupati dan Wakil Bupati,\n"
            "serta Wali Kota dan Wakil Wali Kota Tahun 2024",
            "Dalam rangka menjaga netralitas, disampaikan:",
            "Garut, 2 Oktober 2024",
            ("pilkada", 2024),
        ),
        # No year in the subject: the body's election mention gives it.
        (
            "Netralitas ASN pada Pemilihan Bupati",
            "Sehubungan dengan tahapan Pemilihan Serentak Tahun 2024, disampaikan:",
            "Garut, 2 Oktober 2024",
            ("pilkada", 2024),
        ),
        # Neither: the next election of that kind after the letter's date.
        (
            "Netralitas ASN pada Pemilihan Umum",
            "Dalam rangka menjaga netralitas pegawai, disampaikan:",
            "Garut, 4 Desember 2023",
            ("pemilu", 2024),
        ),
        (
            "Netralitas ASN pada Pemilihan Kepala Daerah",
            "Dalam rangka menjaga netralitas pegawai, disampaikan:",
            "Garut, 10 Juli 2024",
            ("pilkada", 2024),
        ),
        # The year of a cited law is not the election's; no election of that kind ahead in the calendar.
        (
            "Netralitas ASN pada Pemilihan Umum",
            "Berdasarkan Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum, disampaikan:",
            "Garut, 1 Maret 2024",
            ("pemilu", None),
        ),
    ],
)
def test_election_year(subject, body, date, election):
    letter = _letter(_ELECTION_LETTER.format(subject=subject, body=body, date=date))
    assert (letter.election.kind, letter.election.year) == election


@pytest.mark.parametrize(
    "law",
    [
        "Undang-Undang NOMOR 7 TAHUN 2017",
        "UU No. 7 Th. 2017",
        "UU Nomer 7 Thn 2017",
        "Undang-Undang No 7 tahun 2017",
        "UU 7/2017",
    ],
)
def test_the_year_of_a_cited_law_is_not_the_elections(law):
    """However the number and year of a law are written, they are not the year of the election it governs."""
    body = f"Berdasarkan {law} tentang Pemilihan Umum, disampaikan:"
    letter = _letter(
        _ELECTION_LETTER.format(subject="Netralitas ASN pada Pemilihan Umum", body=body, date="Garut, 1 Maret 2024")
    )
    assert (letter.election.kind, letter.election.year) == ("pemilu", None)
    assert [(c.kind, c.year) for c in letter.citations] == [("uu", 2017)]


_TEMBUSAN_LETTER = """SURAT EDARAN
NOMOR 3 TAHUN 2024
TENTANG
HARI KERJA

Yth. Kepala Perangkat Daerah

1. masuk kerja pukul 07.30;
2. pulang kerja pukul 16.00.

Demikian untuk dilaksanakan.

Sigi, 4 Oktober 2024
BUPATI SIGI,

MOHAMAD IRWAN

Tembusan:
{tembusan}
"""


@pytest.mark.parametrize(
    ("tembusan", "entries"),
    [
        (
            "Yth. Gubernur Sulawesi Tengah di Palu;\nYth. Ketua DPRD Kabupaten Sigi di Sigi Biromaru;\n"
            "Yth. Inspektur Kabupaten Sigi.",
            [
                "Gubernur Sulawesi Tengah di Palu",
                "Ketua DPRD Kabupaten Sigi di Sigi Biromaru",
                "Inspektur Kabupaten Sigi",
            ],
        ),
        (
            "Yth. 1. Gubernur Sulawesi Tengah di Palu;\nYth. 2. Inspektur Kabupaten Sigi.",
            ["Gubernur Sulawesi Tengah di Palu", "Inspektur Kabupaten Sigi"],
        ),
        (
            "1. Gubernur Sulawesi Tengah di Palu;\n2. Inspektur Kabupaten\nSigi.",
            ["Gubernur Sulawesi Tengah di Palu", "Inspektur Kabupaten Sigi"],
        ),
        ("Yth. Gubernur Sulawesi Tengah\ndi Palu.", ["Gubernur Sulawesi Tengah di Palu"]),
    ],
)
def test_tembusan_entries(tembusan, entries):
    assert _letter(_TEMBUSAN_LETTER.format(tembusan=tembusan)).tembusan == entries


_LISTED_LETTER = """PEMERINTAH KABUPATEN KLATEN
BADAN KEPEGAWAIAN DAERAH

Klaten, 4 Maret 2024

Nomor : 800/411/BKD/2024
Hal : Netralitas ASN

Yth. Kepala Perangkat Daerah
di Klaten

{body}

Demikian untuk dilaksanakan.

KEPALA BADAN KEPEGAWAIAN DAERAH,

BAMBANG SUTRISNO
"""


@pytest.mark.parametrize(
    ("body", "relations"),
    [
        # items wrapped over lines are still items of the list under the verb; the sentence after the list is not
        (
            "Berdasarkan :\n1. Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur\n   Sipil Negara;\n"
            "2. Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin\nPegawai Negeri Sipil;\n"
            "3. Peraturan Bupati Klaten Nomor 12 Tahun 2022 tentang Kode Etik.\n"
            "bersama ini diminta menjaga netralitas, dengan Peraturan Daerah Nomor 3 Tahun 2020 tetap berlaku.",
            [
                ("uu", "20", "berdasarkan"),
                ("pp", "94", "berdasarkan"),
                ("perbup", "12", "berdasarkan"),
                ("perda", "3", None),
            ],
        ),
        # the verb closes a longer sentence's line
        (
            "Dalam rangka Pemilihan Kepala Desa Tahun 2024, dan berdasarkan:\n"
            "a. Peraturan Menteri Dalam Negeri Nomor 65 Tahun 2017 sebagaimana telah diubah dengan Peraturan Menteri "
            "Dalam Negeri Nomor 72 Tahun 2020;\nb. Peraturan Daerah Kabupaten Klaten Nomor 7 Tahun 2018;\n"
            "dengan ini disampaikan agar Saudara netral.",
            [("permen", "65", "berdasarkan"), ("permen", "72", "berdasarkan"), ("perda", "7", "berdasarkan")],
        ),
        (
            "Berpedoman pada:\n1) Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara; dan\n"
            "2) Surat Edaran Bupati Klaten Nomor 800/9/BKD tanggal 3 Januari 2024,\n"
            "disampaikan hal-hal sebagai berikut:\n1. ASN menjaga netralitas.",
            [("uu", "20", "mempedomani"), ("se", "800/9/BKD", "mempedomani")],
        ),
    ],
)
def test_citations_listed_under_a_verb_take_it(body, relations):
    letter = _letter(_LISTED_LETTER.format(body=body))
    assert [(c.kind, c.number, c.relation) for c in letter.citations] == relations
