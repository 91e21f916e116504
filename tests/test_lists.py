"""List shapes and what is forbidden or directed, beyond the seeds' shapes."""

import pytest

from edaran.extract.lines import split_lines
from edaran.extract.lists import classify, parse_body


def read(text: str, context: str = "neutral"):
    lines = split_lines(text)
    roots = parse_body(text, lines, 0, len(lines))
    result = classify(text, roots, context)

    def tree(t):
        node, children = t
        return (node.label, node.own_text(text), [tree(c) for c in children])

    return [tree(t) for t in result.prohibitions], [tree(t) for t in result.obligations]


def leaves(trees):
    out = []
    for _, text, children in trees:
        out.extend(leaves(children) if children else [text])
    return out


def test_nesting_follows_the_order_styles_appear():
    text = "Setiap ASN dilarang:\n1) satu;\na) satu a;\nb) satu b;\n2) dua;\n- dua strip;\n3) tiga."
    prohibitions, obligations = read(text)
    assert [(p[0], p[1], [c[0] for c in p[2]]) for p in prohibitions] == [
        ("1)", "satu", ["a)", "b)"]),
        ("2)", "dua", ["-"]),
        ("3)", "tiga", []),
    ]
    assert obligations == []


def test_wrapped_items_join_their_lines():
    text = "Pegawai dilarang:\na. memberikan dukungan kepada\ncalon kepala daerah; dan\nb. ikut kampanye."
    prohibitions, _ = read(text)
    assert leaves(prohibitions) == ["memberikan dukungan kepada calon kepala daerah", "ikut kampanye"]


def test_a_paragraph_after_a_blank_line_ends_the_list():
    text = "Diminta kepada Saudara untuk:\n1. melapor;\n2. mengawasi.\n\nHal ini penting karena\nbanyak pelanggaran."
    _, obligations = read(text)
    assert leaves(obligations) == ["melapor", "mengawasi"]


def test_directive_introducing_prohibitions_is_an_obligation_without_children():
    text = (
        "Diminta kepada Saudara untuk:\n1. Menaati aturan.\n"
        "2. Mempedomani PP 94/2021, yaitu PNS dilarang memberikan dukungan dengan cara:\n"
        "a. ikut kampanye;\nb. menggunakan fasilitas negara."
    )
    prohibitions, obligations = read(text)
    assert leaves(prohibitions) == ["ikut kampanye", "menggunakan fasilitas negara"]
    assert [o[1][:12] for o in obligations] == ["Menaati atur", "Mempedomani "]
    assert obligations[1][2] == []


def test_an_item_naming_who_is_forbidden_only_introduces_the_acts():
    text = "Disampaikan hal berikut:\n1. Seluruh ASN dilarang:\na. ikut kampanye;\nb. memasang spanduk.\n2. Kepala PD wajib mengawasi."
    prohibitions, obligations = read(text)
    assert [p[0] for p in prohibitions] == ["a.", "b."]
    assert leaves(obligations) == ["Kepala PD wajib mengawasi"]


def test_violations_listed_as_examples_are_prohibitions():
    text = (
        "Para Camat agar:\na. mencegah pelanggaran netralitas, antara lain:\n1) memasang baliho;\n"
        "2) mengunggah foto bersama calon;\nb. menyebarkan informasi."
    )
    prohibitions, obligations = read(text)
    assert leaves(prohibitions) == ["memasang baliho", "mengunggah foto bersama calon"]
    assert leaves(obligations) == ["mencegah pelanggaran netralitas, antara lain", "menyebarkan informasi"]


@pytest.mark.parametrize(
    "lead_in",
    [
        "diminta kepada Saudara untuk memastikan bahwa pegawai ASN tidak melakukan perbuatan sebagai berikut:",
        "Para Kepala Perangkat Daerah agar menjaga supaya pegawai tidak melakukan hal-hal berikut:",
        "Seluruh pegawai diingatkan untuk jangan melakukan tindakan antara lain:",
        "ASN diharapkan tidak terlibat dalam kegiatan yaitu:",
    ],
)
def test_a_directive_not_to_do_the_acts_below_introduces_prohibitions(lead_in):
    text = f"{lead_in}\n1. ikut kampanye;\n2. memasang baliho calon."
    prohibitions, obligations = read(text)
    assert leaves(prohibitions) == ["ikut kampanye", "memasang baliho calon"]
    assert obligations == []


def test_a_negated_directive_without_a_list_of_acts_still_directs():
    text = "Pegawai agar tidak terpengaruh dan melakukan hal sebagai berikut:\n1. menjaga netralitas;\n2. melapor."
    prohibitions, obligations = read(text)
    assert prohibitions == []
    assert leaves(obligations) == ["menjaga netralitas", "melapor"]


@pytest.mark.parametrize(
    ("item", "kind"),
    [
        ("tidak ikut serta sebagai tim kampanye", "prohibition"),
        ("agar tidak menggunakan fasilitas negara", "prohibition"),
        ("ASN wajib menjaga netralitas agar tidak terpengaruh", "obligation"),
        ("Pegawai harus hadir tepat waktu", "obligation"),
        ("ASN dilarang menjadi pengurus partai politik", "prohibition"),
        ("Formulir dapat diunduh melalui laman resmi", None),
        ("Apabila terdapat dugaan pelanggaran dapat dilaporkan melalui website", None),
    ],
)
def test_single_items_in_a_neutral_list(item, kind):
    prohibitions, obligations = read(f"Disampaikan hal sebagai berikut:\n1. {item}.")
    found = "prohibition" if prohibitions else "obligation" if obligations else None
    assert found == kind


def test_items_under_a_directing_sentence_are_obligations_unless_informative():
    text = "Dengan ini diminta kepada Saudara untuk:\n1. Tetap menaati peraturan.\n2. Selalu menjaga iklim kondusif.\n3. Materi dapat diunduh melalui tautan."
    _, obligations = read(text)
    assert leaves(obligations) == ["Tetap menaati peraturan", "Selalu menjaga iklim kondusif"]


@pytest.mark.parametrize("mark", ["", " :", ":", "  :", "\t:"])
@pytest.mark.parametrize("lead_in", ["Untuk:\n", "MENGINSTRUKSIKAN\nKepada:\n", ""])
def test_an_instruction_directs_by_default(mark, lead_in):
    """With or without a sentence above the dicta (a body may open with them)."""
    text = f"{lead_in}KESATU{mark} melakukan pengawasan;\nKEDUA{mark}  melaporkan hasilnya."
    _, obligations = read(text, context="directive")
    assert [(o[0], o[1]) for o in obligations] == [("KESATU", "melakukan pengawasan"), ("KEDUA", "melaporkan hasilnya")]


def test_roman_and_letter_labels():
    text = "Setiap ASN dilarang:\nA. satu;\nB. dua;\nC. tiga;\nD. empat;\nE. lima;\nF. enam;\nG. tujuh;\nH. delapan;\nI. sembilan."
    prohibitions, _ = read(text)
    assert [p[0] for p in prohibitions] == [f"{c}." for c in "ABCDEFGHI"]


@pytest.mark.parametrize(
    ("text", "forbidden", "directed"),
    [
        # "tidak boleh" introduces acts like "dilarang" does
        (
            "Hal-hal berikut perlu diperhatikan:\n1. Tenaga honorer tidak boleh:\na. memakai seragam partai;\n"
            "b. menyebarkan brosur calon.\n2. Kepala sekolah agar mengawasi guru.",
            ["memakai seragam partai", "menyebarkan brosur calon"],
            ["Kepala sekolah agar mengawasi guru"],
        ),
        # the forbidding word after a long list of who is forbidden, and after a legal basis
        (
            "Disampaikan:\n1. Sesuai Pasal 280 ayat (2) UU 7/2017, kepala desa, perangkat desa, anggota badan "
            "permusyawaratan desa, dan pegawai BUMD dilarang diikutsertakan sebagai pelaksana kampanye.\n"
            "2. Pengaduan dapat disampaikan melalui laman resmi.",
            [
                "Sesuai Pasal 280 ayat (2) UU 7/2017, kepala desa, perangkat desa, anggota badan permusyawaratan desa, "
                "dan pegawai BUMD dilarang diikutsertakan sebagai pelaksana kampanye"
            ],
            [],
        ),
        # "yang dilarang" only names the forbidden things: the item directs
        (
            "Disampaikan:\n1. Pimpinan unit wajib mencegah perbuatan yang dilarang bagi pegawai.",
            [],
            ["Pimpinan unit wajib mencegah perbuatan yang dilarang bagi pegawai"],
        ),
        # a remark between items does not take over the rest of the list
        (
            "Dengan ini disampaikan:\n1. Guru dilarang:\na. berkampanye di sekolah;\nb. membagikan atribut.\n\n"
            "Larangan tersebut juga berlaku bagi tenaga kependidikan.\n\n2. Kepala dinas diminta:\n"
            "a. memantau sekolah;\nb. melapor setiap bulan.\n3. Contoh formulir terlampir.",
            ["berkampanye di sekolah", "membagikan atribut"],
            ["memantau sekolah", "melapor setiap bulan"],
        ),
        # a heading that names duties: its items direct
        (
            "Sebagai berikut:\nA. Larangan\n- ikut rapat umum partai;\n\nB. Kewajiban Camat\n1. mengawasi aparat kecamatan;\n"
            "2. melaporkan pelanggaran kepada Bupati.",
            ["ikut rapat umum partai"],
            ["mengawasi aparat kecamatan", "melaporkan pelanggaran kepada Bupati"],
        ),
        # a purpose clause directs nobody
        (
            "Disampaikan:\n1. Surat ini dimaksudkan sebagai pedoman dengan tujuan agar pelayanan tetap berjalan.\n"
            "2. Para lurah agar hadir tepat waktu.",
            [],
            ["Para lurah agar hadir tepat waktu"],
        ),
    ],
)
def test_what_forbids_and_what_directs(text, forbidden, directed):
    prohibitions, obligations = read(text)
    assert leaves(prohibitions) == forbidden
    assert leaves(obligations) == directed


def _labels(trees):
    return [(label, _labels(children)) for label, _, children in trees]


def test_roman_sections_hold_letter_lists():
    """Roman numerals number the sections, capital letters the items under each: "I." after "H." is a
    letter, "V." after "IV." a numeral, and a section's letters start again at "A."."""
    romans = ["I", "II", "III", "IV", "V", "VI"]
    lines = ["Setiap ASN dilarang:"]
    for r in romans:
        lines += [f"{r}. bagian {r.lower()}:", "A. pertama;", "B. kedua;"]
    prohibitions, _ = read("\n".join(lines))
    assert _labels(prohibitions) == [(f"{r}.", [("A.", []), ("B.", [])]) for r in romans]


def test_letters_past_h_under_roman_sections_stay_letters():
    text = (
        "Setiap ASN dilarang:\nI. bagian satu:\n"
        + "\n".join(f"{c}. butir;" for c in "ABCDEFGHIJ")
        + ("\nII. bagian dua:\nA. butir;\nB. butir.")
    )
    prohibitions, _ = read(text)
    assert _labels(prohibitions) == [
        ("I.", [(f"{c}.", []) for c in "ABCDEFGHIJ"]),
        ("II.", [("A.", []), ("B.", [])]),
    ]


def test_a_single_capital_that_could_be_a_numeral_opens_a_letter_list():
    """ "C.", "D.", "L.", "M.", "V.", "X." are letters where no numeral came before them."""
    for first in "CDLMVX":
        text = f"Setiap ASN dilarang:\n{first}. satu;\n{chr(ord(first) + 1)}. dua."
        prohibitions, _ = read(text)
        assert [p[0] for p in prohibitions] == [f"{first}.", f"{chr(ord(first) + 1)}."], first


# Families of a legal basis listed before the letter's own sections (a blind reading of new letters
# lost every item of "A. LARANGAN" behind such a list).  Each part varies the way letters vary it.
BASIS_LEADS = ["Berdasarkan:", "Dasar:", "Memperhatikan:", "Menindaklanjuti:", "DASAR HUKUM :"]
LABELS = {
    "1.": lambda i: f"{i + 1}.",
    "a.": lambda i: f"{'abcdefgh'[i]}.",
    "1)": lambda i: f"{i + 1})",
    "a)": lambda i: f"{'abcdefgh'[i]})",
}
BASIS = [
    "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara",
    "Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil",
    "Keputusan Bersama Menteri PANRB Nomor 2 Tahun 2022 tentang Pedoman Pengawasan Netralitas",
]
ACTS = [
    "ikut kampanye",
    "menjadi peserta kampanye dengan atribut partai",
    "mengerahkan pegawai lain",
    "menggunakan fasilitas negara",
    "membuat keputusan yang menguntungkan pasangan calon",
    "mengadakan kegiatan yang mengarah pada keberpihakan",
    "memberikan surat dukungan disertai fotokopi KTP",
    "mengunggah foto bersama pasangan calon",
]
DUTIES = ["menjaga netralitas", "melaporkan dugaan pelanggaran kepada atasan"]


def _listed(label: str, texts: list[str], closed: bool, wrap: bool = False) -> list[str]:
    """A list: items ending ';' and the last '.', or each its own sentence; ``wrap`` breaks the first."""
    out = []
    for i, t in enumerate(texts):
        end = "." if not closed or i == len(texts) - 1 else ";"
        item = f"{LABELS[label](i)} {t}{end}"
        if wrap and i == 0 and " " in t:
            head, tail = t.rsplit(" ", 1)
            out += [f"{LABELS[label](i)} {head}", f"{tail}{end}"]
        else:
            out.append(item)
    return out


@pytest.mark.parametrize("lead", BASIS_LEADS)
@pytest.mark.parametrize("basis_label", ["1.", "a.", "1)"])
@pytest.mark.parametrize("closed", [True, False])
@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("A. LARANGAN", "B. KEWAJIBAN"),
        ("I. LARANGAN", "II. KEWAJIBAN"),
        ("A. Larangan bagi ASN", "B. Kewajiban ASN"),
        ("I. Larangan", "II. Kewajiban Pegawai"),
    ],
)
@pytest.mark.parametrize("lead_in", [True, False])
@pytest.mark.parametrize("blank", ["", "\n"])
def test_sections_after_a_legal_basis_hold_their_items(lead, basis_label, closed, first, second, lead_in, blank):
    """The basis list ends where a section heading begins; a heading is no item, its list is."""
    item_label = "1." if basis_label != "1." else "a."
    lines = [lead, *_listed(basis_label, BASIS, closed), blank, first, blank]
    lines += ["Setiap ASN dilarang:"] if lead_in else []
    lines += [*_listed(item_label, ACTS, closed=True, wrap=True), blank, second]
    lines += ["Setiap ASN wajib:"] if lead_in else []
    lines += _listed("1)", DUTIES, closed=True)
    prohibitions, obligations = read("\n".join(line for line in lines if line or blank))
    assert leaves(prohibitions) == ACTS
    assert [p[0] for p in prohibitions] == [LABELS[item_label](i) for i in range(8)]
    assert leaves(obligations) == DUTIES
    assert all(o[0] == "" or o[0][0] in "12" for o in obligations), "a heading is no item"


@pytest.mark.parametrize("lead", BASIS_LEADS)
@pytest.mark.parametrize("basis_label", ["1.", "a.", "1)"])
@pytest.mark.parametrize(
    "after",
    [
        "dengan ini disampaikan hal-hal sebagai berikut:",
        "bersama ini diminta perhatian Saudara terhadap hal-hal sebagai berikut:",
        "maka dengan ini ditegaskan kembali:",
    ],
)
@pytest.mark.parametrize(("first", "second"), [("A. LARANGAN", "B. KEWAJIBAN"), ("I. Larangan", "II. Kewajiban")])
@pytest.mark.parametrize("blank", ["", "\n"])
def test_a_basis_whose_sentence_goes_on_after_its_last_item_ends_at_the_heading(
    lead, basis_label, after, first, second, blank
):
    """ "3. … Disiplin Pegawai Negeri Sipil, / dengan ini disampaikan hal-hal sebagai berikut:": the sentence of the
    legal basis goes on after its last item and introduces what follows; the heading still ends the basis."""
    lines = [lead, *_listed(basis_label, BASIS, closed=True)]
    lines[-1] = lines[-1].rstrip(".") + ","
    lines += [after, blank, first, "Setiap ASN dilarang:", *_listed("1.", ACTS, closed=True), blank, second]
    lines += ["Setiap ASN wajib:", *_listed("1.", DUTIES, closed=True)]
    prohibitions, obligations = read("\n".join(line for line in lines if line or blank))
    assert leaves(prohibitions) == ACTS
    assert leaves(obligations) == DUTIES


@pytest.mark.parametrize("basis_label", ["a.", "1.", "a)"])
@pytest.mark.parametrize("closed", [True, False])
@pytest.mark.parametrize("lead", ["Dilarang:", "Setiap ASN dilarang:", "ASN tidak boleh:"])
@pytest.mark.parametrize("blank", ["", "\n"])
def test_sub_items_that_repeat_the_basis_labels_start_a_list_of_their_own(basis_label, closed, lead, blank):
    """'1. Dilarang:' then 'a.'-'h.' after a basis listed 'a.'-'c.': the second 'a.' starts a list under
    item 1, it does not continue the basis as its 'd.'."""
    sub_label = {"a.": "a.", "1.": "1)", "a)": "a)"}[basis_label]
    top_label = "1." if basis_label != "1." else "A."
    lines = ["Berdasarkan:", *_listed(basis_label, BASIS, closed), blank]
    lines += [f"{top_label} {lead}", *_listed(sub_label, ACTS, closed=True)]
    lines += [f"{'2.' if top_label == '1.' else 'B.'} Setiap Kepala Perangkat Daerah wajib {DUTIES[1]}."]
    prohibitions, obligations = read("\n".join(line for line in lines if line or blank))
    assert leaves(prohibitions) == ACTS
    assert leaves(obligations) == [f"Setiap Kepala Perangkat Daerah wajib {DUTIES[1]}"]


@pytest.mark.parametrize(
    "text",
    [
        # a lead-in under a capital label is a sentence that directs, not a heading
        "A. Setiap Kepala Perangkat Daerah wajib untuk:\n1. mengawasi;\n2. melapor.\nB. Camat agar memantau.",
        # short items under capitals, one after another, are a list, not sections
        "Diminta kepada:\nA. Camat\nB. Lurah\nuntuk mengawasi pegawai.",
    ],
)
def test_sentences_and_lists_under_capitals_are_no_headings(text):
    lines = split_lines(text)
    roots = parse_body(text, lines, 0, len(lines))

    def headings(nodes):
        return [n.label for n in nodes if n.heading] + [h for n in nodes for h in headings(n.children)]

    assert headings(roots) == []


def test_a_list_that_ends_without_a_full_stop_goes_on_under_its_item():
    """Without the closing full stop a new style nests: '1. … ;' / 'a) …' is a sub-list of item 1."""
    text = "Setiap ASN dilarang:\n1. ikut kampanye, yaitu:\na) rapat umum;\nb) pawai;\n2. memasang spanduk."
    prohibitions, _ = read(text)
    assert _labels(prohibitions) == [("1.", [("a)", []), ("b)", [])]), ("2.", [])]


# Unlabelled section headings: a division and its ordinal, or a few words in capitals, on a line of their
# own after the last item of the section before ("n. menjadi tim sukses." / "BAGIAN KEDUA" / "1. …").
SECTIONS = [
    ("BAGIAN KESATU", "BAGIAN KEDUA"),
    ("BAGIAN PERTAMA", "BAGIAN KEDUA"),
    ("Bagian Kesatu", "Bagian Kedua"),
    ("BAB I", "BAB II"),
    ("Bab 1", "Bab 2"),
    ("LARANGAN", "KEWAJIBAN"),
    ("LARANGAN BAGI ASN", "KETENTUAN LAIN"),
    ("KESATU", "KEDUA:"),
]


@pytest.mark.parametrize(("first", "second"), SECTIONS)
@pytest.mark.parametrize("blank", ["", "\n"])
@pytest.mark.parametrize("labels", [("1.", "a."), ("a.", "1)"), ("1)", "-")])
@pytest.mark.parametrize("lead", ["dengan ini diminta perhatian Saudara sebagai berikut:", ""])
def test_an_unlabelled_heading_ends_the_list_before_it(first, second, blank, labels, lead):
    """The items after "BAGIAN KEDUA" are the second section's, not sub-items of the last prohibition of
    the first: each section's items start their labels again."""
    top, sub = labels
    lines = [lead, blank, first, f"{LABELS.get(top, lambda i: '-')(0)} Setiap ASN dilarang:"]
    lines += [f"{LABELS[sub](i) if sub in LABELS else '-'} {act};" for i, act in enumerate(ACTS[:3])]
    lines[-1] = lines[-1].rstrip(";") + "."
    lines += [blank, second]
    lines += [
        f"{LABELS[top](i) if top in LABELS else '-'} Kepala Perangkat Daerah wajib {d}." for i, d in enumerate(DUTIES)
    ]
    text = "\n".join(line for line in lines if line or blank)
    prohibitions, obligations = read(text)
    assert leaves(prohibitions) == ACTS[:3]
    assert leaves(obligations) == [f"Kepala Perangkat Daerah wajib {d}" for d in DUTIES]


@pytest.mark.parametrize("second", ["LARANGAN", "BAGIAN KEDUA LARANGAN", "Bagian Kedua"])
@pytest.mark.parametrize("blank", ["", "\n"])
def test_a_forbidding_section_after_a_directing_one(second, blank):
    """The section heading ends the obligations; what its own lead-in or its name forbids is forbidden."""
    lines = ["KEWAJIBAN", *_listed("1.", DUTIES, closed=True), blank, second]
    lines += [] if "LARANGAN" in second else ["Setiap ASN dilarang:"]
    lines += _listed("1.", ACTS[:4], closed=True)
    prohibitions, obligations = read("\n".join(line for line in lines if line or blank))
    assert leaves(prohibitions) == ACTS[:4]
    assert leaves(obligations) == DUTIES


@pytest.mark.parametrize(
    "text",
    [
        # a title wrapped in capitals goes on the line before it
        "Diminta kepada Saudara untuk:\n1. mempedomani Surat Edaran Menteri Dalam Negeri tentang\n"
        "NETRALITAS APARATUR SIPIL NEGARA\npada Pemilihan Kepala Daerah;\n2. melapor kepada Bupati.",
        # a name in capitals inside an item
        "Diminta kepada Saudara untuk:\n1. melaporkan pelanggaran kepada\nKEPALA BKPSDM KABUPATEN\nmelalui surel;\n"
        "2. mengawasi pegawai.",
        # a heading's second line in capitals is part of the heading, not a section of its own
        "Sebagai berikut:\nA. LARANGAN\n\nBAGI ASN\n1. melapor;\n2. mengawasi.",
    ],
)
def test_capitals_that_go_on_a_line_are_no_section(text):
    lines = split_lines(text)
    roots = parse_body(text, lines, 0, len(lines))

    def sections(nodes):
        return [n for n in nodes if n.style == "section"] + [s for n in nodes for s in sections(n.children)]

    assert sections(roots) == []


def test_a_capitalised_item_wrapping_in_capitals_stays_one_item():
    text = "Diminta kepada Saudara untuk:\n1. MELAPORKAN PELANGGARAN KEPADA\nKEPALA BKPSDM;\n2. MENGAWASI PEGAWAI."
    _, obligations = read(text)
    assert leaves(obligations) == ["MELAPORKAN PELANGGARAN KEPADA KEPALA BKPSDM", "MENGAWASI PEGAWAI"]


# A lead-in that forbids by a negation, without a forbidding word: its items are what not to do.
NEGATED_LEADS = [
    "maka ASN Pemerintah Kabupaten kembali diingatkan untuk tidak:",
    "Seluruh pegawai diminta agar tidak:",
    "Para ASN agar tidak melakukan hal-hal sebagai berikut:",
    "Setiap pegawai supaya tidak:",
    "Ditegaskan kepada seluruh ASN untuk tidak:",
    "ASN diimbau untuk jangan melakukan:",
    "Pegawai diharapkan untuk tidak melakukan kegiatan berikut:",
]
LIST_STYLES = ["1.", "a.", "1)", "a)", "-", "(1)"]


@pytest.mark.parametrize("lead", NEGATED_LEADS)
@pytest.mark.parametrize("style", LIST_STYLES)
@pytest.mark.parametrize("basis", [True, False])
@pytest.mark.parametrize("blank", ["", "\n"])
def test_a_lead_in_that_forbids_by_negation_introduces_prohibitions(lead, style, basis, blank):
    def label(i):
        return {"-": "-", "(1)": f"({i + 1})"}.get(style) or LABELS[style](i)

    lines = ["Berdasarkan:", *_listed("1)", BASIS, closed=True)] if basis else []
    lines[-1:] = [lines[-1].rstrip(".") + ";"] if basis else []
    lines += [lead, blank]
    lines += [f"{label(i)} {act[0].upper()}{act[1:]};" for i, act in enumerate(ACTS[:4])]
    lines[-1] = lines[-1].rstrip(";") + "."
    prohibitions, obligations = read("\n".join(line for line in lines if line or blank))
    assert leaves(prohibitions) == [f"{a[0].upper()}{a[1:]}" for a in ACTS[:4]]
    assert obligations == []


@pytest.mark.parametrize(
    "lead",
    [
        "Pegawai agar tidak terpengaruh dan melakukan hal sebagai berikut:",
        "Laporkan pegawai yang tidak:",
        "Pastikan setiap kegiatan, baik netral atau tidak:",
    ],
)
def test_a_negation_that_does_not_end_the_lead_in_forbids_nothing(lead):
    prohibitions, _ = read(f"{lead}\n1. menjaga netralitas;\n2. melapor.")
    assert prohibitions == []


@pytest.mark.parametrize(
    "who",
    [
        "Secara khusus, Pegawai ASN dilarang:",
        "Di antara pelanggaran yang paling sering terjadi, ASN dilarang:",
        "Dalam masa kampanye, setiap pegawai dilarang:",
        "Selama tahapan pemilihan, seluruh PPPK tidak boleh:",
    ],
)
def test_whom_an_item_forbids_after_a_clause_only_introduces_the_acts(who):
    """Under a directing lead-in, an item that names whom it forbids after a clause of its own introduces
    the acts; it directs nobody."""
    text = f"Dengan ini diminta kepada Saudara untuk:\n1. Menjaga netralitas.\n2. {who}\na. ikut kampanye;\nb. memasang spanduk."
    prohibitions, obligations = read(text)
    assert leaves(prohibitions) == ["ikut kampanye", "memasang spanduk"]
    assert leaves(obligations) == ["Menjaga netralitas"]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Untuk itu para kepala sekolah diminta melakukan hal sebagai berikut.",
        "UNTUK ITU PARA KEPALA SEKOLAH DIMINTA MELAKUKAN HAL-HAL SEBAGAI BERIKUT",
        "Selanjutnya kepala sekolah diminta melakukan langkah antara lain",
        "Kepala sekolah diminta untuk :",
        "Kepala sekolah agar melaksanakan tugas berikut ini .",
        "Kepala sekolah diharapkan melakukan pengawasan yang meliputi",
        "Kepala sekolah diminta melaksanakan dua hal, yaitu",
    ],
)
def test_a_paragraph_that_introduces_a_list_between_items_opens_a_new_one(paragraph):
    """A paragraph between items that ends as a lead-in does (a colon, "sebagai berikut", "antara lain" …, in
    any case, with or without a full stop) owns the items after it, even in a style the list before used."""
    text = (
        "Disampaikan hal berikut:\n1. Guru dilarang:\na. berkampanye di sekolah;\nb. membagikan atribut.\n\n"
        f"{paragraph}\na. memantau sekolah;\nb. melapor setiap bulan."
    )
    prohibitions, obligations = read(text)
    assert leaves(prohibitions) == ["berkampanye di sekolah", "membagikan atribut"]
    assert leaves(obligations) == ["memantau sekolah", "melapor setiap bulan"]


@pytest.mark.parametrize("lead", ["Selama masa kampanye,", "Dalam pelaksanaan Pilkada", "Sesuai PP 94/2021,"])
@pytest.mark.parametrize("who", ["Seluruh ASN", "para pejabat", "SETIAP PEGAWAI", "Bagi PPPK,"])
def test_under_a_directing_sentence_an_item_introducing_prohibitions_directs_unless_it_names_who(lead, who):
    """Under "Diminta kepada Saudara untuk:" an item introducing prohibitions directs, unless it names whom it
    forbids: first ("Seluruh ASN tidak diperbolehkan:") or after a clause of its own ("Selama masa kampanye,
    ASN dilarang:")."""
    text = (
        f"Diminta kepada Saudara untuk:\n1. {lead} ASN dilarang:\na. ikut kampanye;\nb. memasang baliho.\n"
        f"2. {who} tidak diperbolehkan:\na. menjadi pengurus partai.\n3. Melaporkan pelanggaran."
    )
    prohibitions, obligations = read(text)
    assert leaves(prohibitions) == ["ikut kampanye", "memasang baliho", "menjadi pengurus partai"]
    first = [] if lead.endswith(",") else [("1.", [])]
    assert [(o[0], o[2]) for o in obligations] == [*first, ("3.", [])]


@pytest.mark.parametrize(
    "item",
    [
        "Kepala sekolah wajib mengawasi guru. Guru dilarang berkampanye di sekolah",
        "Pegawai harus hadir tepat waktu;  Pegawai yang terlambat tidak boleh mengisi daftar hadir",
        "Camat agar mengawasi kampanye.\nKepala desa dilarang menjadi tim kampanye",
    ],
)
def test_only_the_first_sentence_of_an_item_forbids(item):
    prohibitions, obligations = read(f"Disampaikan hal sebagai berikut:\n1. {item}.")
    assert (prohibitions, len(obligations)) == ([], 1)


@pytest.mark.parametrize("abbreviation", ["dsb.", "dll.", "tsb.", "s.d."])
def test_an_abbreviation_inside_the_first_sentence_does_not_end_it(abbreviation):
    item = f"Sesuai ketentuan UU Pemilu {abbreviation} kepala desa dilarang menjadi tim kampanye"
    prohibitions, obligations = read(f"Disampaikan hal sebagai berikut:\n1. {item}.")
    assert (leaves(prohibitions), obligations) == ([item], [])


@pytest.mark.parametrize(
    "earlier",
    [
        "Sesuai PP 94/2021, ASN dilarang berpolitik praktis.",
        "ASN tidak boleh menjadi anggota partai politik;",
        "ASN dilarang berpolitik praktis dsb.;",
        'Pasal 280 menyatakan "pelaksana kampanye dilarang melibatkan ASN".',
    ],
)
@pytest.mark.parametrize(
    "last", ["Sehubungan dengan itu, diminta kepada Saudara untuk:", '"Para Camat" diminta untuk:', "Untuk itu agar:"]
)
@pytest.mark.parametrize("between", [" ", "\n", "  "])
def test_the_last_sentence_of_a_lead_in_says_what_its_list_is(earlier, last, between):
    """The last sentence, or the clause after a semicolon in any case, not an abbreviation's tail."""
    if earlier.endswith(";"):
        last = last[0].lower() + last[1:]
    text = f"{earlier}{between}{last}\n1. mengawasi pegawai;\n2. melaporkan pelanggaran."
    prohibitions, obligations = read(text)
    assert (prohibitions, leaves(obligations)) == ([], ["mengawasi pegawai", "melaporkan pelanggaran"])


@pytest.mark.parametrize(("margin", "indent"), [(72.0, 90.0), (56.7, 85.0), (100.0, 105.0)])
@pytest.mark.parametrize("wrap", [12.0, 0.0, -3.5, -4.0])
def test_in_a_laid_out_page_a_line_left_of_the_labels_ends_the_list(margin, indent, wrap):
    """Where the left edge of each line is known, an unlabelled line that starts left of the list's labels
    (by more than a few points) is a paragraph of its own; one under an item's text continues the item."""
    text = (
        "Diminta kepada Saudara untuk:\n1. melapor setiap bulan;\n2. mengawasi pegawai\nyang bertugas.\n"
        "Hal ini penting karena banyak pelanggaran."
    )
    lines = split_lines(text)
    x0 = {0: margin, 1: indent, 2: indent + 2, 3: indent + wrap, 4: margin}
    roots = parse_body(text, lines, 0, len(lines), x0)
    assert [(n.style, [c.own_text(text) for c in n.children]) for n in roots] == [
        ("para", ["melapor setiap bulan", "mengawasi pegawai yang bertugas"]),
        ("para", []),
    ]
    assert roots[1].own_text(text) == "Hal ini penting karena banyak pelanggaran"


@pytest.mark.parametrize(("first", "second"), [(60.0, 100.0), (72.0, 90.0)])
def test_each_list_of_a_laid_out_page_is_measured_on_its_own_labels(first, second):
    """A body may open with a list; a later list indented further ends where a line starts left of its own
    labels, even if the first list's labels stood further left still."""
    text = "1. melapor;\n2. mengawasi.\n\nSelanjutnya diminta:\na. hadir;\nb. mencatat\nDemikian agar dilaksanakan."
    lines = split_lines(text)
    x0 = {0: first, 1: first, 3: first + 5, 4: second, 5: second, 6: first + 5}
    roots = parse_body(text, lines, 0, len(lines), x0)
    assert [(n.label, [c.own_text(text) for c in n.children]) for n in roots] == [
        ("1.", []),
        ("2.", []),
        ("", ["hadir", "mencatat"]),
        ("", []),
    ]


@pytest.mark.parametrize(("first", "second"), [("1.", "a."), ("a.", "-"), ("-", "1)"), ("A.", "1.")])
def test_a_list_after_a_remark_in_another_style_is_the_remarks_own(first, second):
    """After a paragraph set apart between items, a label of a style the open items use goes on with them; a
    label of another style opens a list under the paragraph, not under the item before it."""
    one, two = (first, first) if first == "-" else (first, chr(ord(first[0]) + 1) + first[1:])
    text = f"{one} melapor;\n{two} mengawasi.\n\nHal tersebut penting bagi pelayanan.\n\n{second} hadir tepat waktu."
    lines = split_lines(text)
    roots = parse_body(text, lines, 0, len(lines))
    assert [(n.label, [c.label for c in n.children]) for n in roots] == [
        (one.rstrip("."), []) if False else (one, []),
        (two, []),
        ("", [second]),
    ]


@pytest.mark.parametrize("label", ["1.", "a.", "-", "1)"])
def test_a_body_that_opens_with_its_list_is_classified_item_by_item(label):
    text = f"{label} Pegawai dilarang menjadi pengurus partai politik.\n{label} Kepala dinas wajib mengawasi pegawai."
    prohibitions, obligations = read(text)
    assert (leaves(prohibitions), leaves(obligations)) == (
        ["Pegawai dilarang menjadi pengurus partai politik"],
        ["Kepala dinas wajib mengawasi pegawai"],
    )


@pytest.mark.parametrize("remark", ["Laporan tersebut penting bagi pimpinan.", "Format laporan terlampir."])
@pytest.mark.parametrize("labels", [("1.", "2."), ("a.", "b."), ("-", "-")])
def test_a_list_resumed_after_a_remark_keeps_its_lead_in(remark, labels):
    """The items after a remark set apart between them belong, as those before it, to the sentence that
    introduced the list: under "diminta … untuk:" they direct."""
    one, two = labels
    text = f"Diminta kepada Saudara untuk:\n{one} melapor setiap bulan;\n\n{remark}\n\n{two} mengawasi pegawai."
    prohibitions, obligations = read(text)
    assert (prohibitions, leaves(obligations)) == ([], ["melapor setiap bulan", "mengawasi pegawai"])


@pytest.mark.parametrize("label", ["a.", "1.", "A.", "-"])
@pytest.mark.parametrize(
    ("head", "tail"),
    [
        (
            "Pegawai ASN dilarang memberikan dukungan kepada calon Presiden, calon anggota DPR,",
            "DPD, dan DPRD dengan cara:",
        ),
        ("Setiap ASN, baik PNS maupun PPPK,", "dilarang melakukan hal-hal sebagai berikut:"),
        ("Pegawai ASN dilarang mendukung pasangan calon Gubernur dan Wakil Gubernur;", "Bupati dan Wakil Bupati:"),
    ],
)
def test_a_lead_in_item_wrapped_after_a_comma_keeps_its_list(label, head, tail):
    """An item ended by a comma whose next line ends as a lead-in is the item's own wrapped lead-in when it is
    the list's first item or its next line opens in capitals: its list stays under it."""
    text = f"Isi edaran:\n{label} {head}\n{tail}\n1) ikut kampanye;\n2) memasang spanduk calon."
    prohibitions, _ = read(text)
    assert leaves(prohibitions) == ["ikut kampanye", "memasang spanduk calon"]
