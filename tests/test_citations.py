"""Citations written inside a sentence of prose: the title stops where the sentence goes on."""

import pytest

from edaran.extract.citations import find_citations

INSTRUMENTS = [
    ("Undang-Undang Nomor 20 Tahun 2023", "Aparatur Sipil Negara", ("uu", "20", 2023)),
    ("UU Nomor 7 Tahun 2017", "Pemilihan Umum", ("uu", "7", 2017)),
    ("Peraturan Pemerintah Nomor 94 Tahun 2021", "Disiplin Pegawai Negeri Sipil", ("pp", "94", 2021)),
    ("PP No. 42 Tahun 2004", "Pembinaan Jiwa Korps dan Kode Etik Pegawai Negeri Sipil", ("pp", "42", 2004)),
    (
        "Undang-Undang Nomor 10 Tahun 2016",
        "Perubahan Kedua atas Undang-Undang Nomor 1 Tahun 2015 tentang Penetapan Peraturan Pemerintah Pengganti "
        "Undang-Undang Nomor 1 Tahun 2014 tentang Pemilihan Gubernur, Bupati, dan Walikota Menjadi Undang-Undang",
        ("uu", "10", 2016),
    ),
]
# What a sentence goes on with after the instrument it names: a verb of what the instrument rules, maybe
# after an adverb, or a clause.
GOES_ON = [
    "menegaskan bahwa Pegawai ASN harus bebas dari pengaruh semua golongan",
    "mengatur larangan bagi pegawai dalam tahapan pemilu",
    "menyatakan bahwa PNS dilarang memberikan dukungan",
    "menyebutkan bahwa setiap pegawai wajib netral",
    "mengamanatkan agar ASN menjaga netralitas",
    "telah mengatur kewajiban pegawai",
    "juga menegaskan larangan tersebut",
    "secara tegas melarang pegawai menjadi anggota partai politik",
    "diatur bahwa PNS wajib netral",
    "bahwa pegawai harus netral",
    "yang berlaku sejak diundangkan",
    "sebagaimana telah diubah",
    "agar dipedomani oleh setiap ASN",
    "dan untuk menjaga netralitas ASN dalam Pemilu",
]


@pytest.mark.parametrize(("cited", "title", "key"), INSTRUMENTS)
@pytest.mark.parametrize("rest", GOES_ON)
@pytest.mark.parametrize("before", ["", "Dalam hal ini, ", "Sesuai ketentuan, "])
@pytest.mark.parametrize("wrap", [" ", "\n   "])
def test_a_title_inside_a_sentence_stops_where_the_sentence_goes_on(cited, title, key, rest, before, wrap):
    words = rest.split(" ", 1)
    text = f"{before}{cited} tentang {title} {words[0]}{wrap}{words[1]}."
    first = find_citations(text, 0, len(text))[0]
    assert (first.kind, first.numbers[0], first.year) == key
    assert first.title == title
    assert text[first.start : first.end] == f"{cited} tentang {title}"


def test_two_instruments_in_one_sentence_each_keep_their_own_title():
    text = (
        "Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil dan Undang-Undang Nomor 7 "
        "Tahun 2017 tentang Pemilihan Umum mengatur larangan bagi pegawai dalam tahapan pemilu."
    )
    found = find_citations(text, 0, len(text))
    assert [(c.kind, c.title) for c in found] == [("pp", "Disiplin Pegawai Negeri Sipil"), ("uu", "Pemilihan Umum")]


@pytest.mark.parametrize(
    "title",
    [
        # a title's own words are capitalised, verbs and clause words included
        "Penetapan Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2014 Menjadi Undang-Undang",
        "Pedoman Pembinaan dan Pengawasan Netralitas Pegawai Aparatur Sipil Negara dalam Penyelenggaraan Pemilihan",
        "Tata Cara Mengatur Jam Kerja Yang Fleksibel",
        "PEMILIHAN UMUM YANG JUJUR DAN ADIL",
    ],
)
def test_a_capitalised_title_is_read_whole(title):
    text = f"Berdasarkan Undang-Undang Nomor 2 Tahun 2015 tentang {title}, ASN wajib netral."
    assert find_citations(text, 0, len(text))[0].title == title


@pytest.mark.parametrize("numbers", [1, 3, 5])
@pytest.mark.parametrize("rest", ["", " agar dipedomani dan dilaksanakan secara utuh"])
def test_a_joint_decree_s_title_is_read_whole_after_a_long_run_of_numbers(numbers, rest):
    """The title is read from its own "tentang": a run of numbers before it does not cut it inside a word."""
    runs = ["Nomor 2 Tahun 2022", "Nomor 800-5474 Tahun 2022", "Nomor 246 Tahun 2022", "Nomor 30 Tahun 2022"]
    runs += ["Nomor 1447.1/PM.01/K.1/09/2022"]
    title = (
        "Pedoman Pembinaan dan Pengawasan Netralitas Pegawai Aparatur Sipil Negara dalam Penyelenggaraan Pemilihan "
        "Umum dan Pemilihan"
    )
    text = (
        "Keputusan Bersama Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi, Menteri Dalam Negeri, "
        "Kepala Badan Kepegawaian Negara, Ketua Komisi Aparatur Sipil Negara, dan Ketua Badan Pengawas Pemilihan "
        f"Umum {', '.join(runs[:numbers])} tentang {title}{rest}."
    )
    (cit,) = find_citations(text, 0, len(text))
    assert (cit.kind, len(cit.numbers), cit.title) == ("skb", numbers, title)


@pytest.mark.parametrize(("cited", "title", "key"), INSTRUMENTS[:3])
@pytest.mark.parametrize(
    ("ordered", "relation"),
    [
        ("agar dipedomani dan dilaksanakan secara utuh oleh setiap ASN", "mempedomani"),
        ("agar\n   dipedomani oleh seluruh pegawai", "mempedomani"),
        ("supaya dijadikan pedoman", "mempedomani"),
        ("agar disosialisasikan dan dilaksanakan", "melaksanakan"),
        (", untuk ditaati", "melaksanakan"),
        ("harus benar-benar dipatuhi", "melaksanakan"),
        ("agar segera diterapkan di unit kerja", "melaksanakan"),
    ],
)
def test_an_order_after_the_instrument_says_how_the_letter_relates_to_it(cited, title, key, ordered, relation):
    """No verb before the instrument in its sentence: the passive order right after it says the relation."""
    text = f"1. {cited} tentang {title} {ordered}.".replace(" ,", ",")
    (cit,) = find_citations(text, 0, len(text))
    assert (cit.title, cit.relation) == (title, relation)


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        # the verb before the instrument says it first
        (
            "Menindaklanjuti Surat Edaran Menteri Nomor 100/2 Tahun 2024 tentang Netralitas agar dilaksanakan.",
            "menindaklanjuti",
        ),
        # an order that does not follow the instrument at once is the sentence's, not the instrument's
        ("Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin PNS mengatur larangan yang agar dipatuhi.", None),
        ("Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin PNS. Hal ini agar dilaksanakan.", None),
    ],
)
def test_an_order_elsewhere_in_the_sentence_does_not_relate(text, relation):
    assert find_citations(text, 0, len(text))[0].relation == relation
