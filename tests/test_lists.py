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
def test_under_a_directing_sentence_an_item_introducing_prohibitions_directs_unless_it_opens_with_who(lead, who):
    text = (
        f"Diminta kepada Saudara untuk:\n1. {lead} ASN dilarang:\na. ikut kampanye;\nb. memasang baliho.\n"
        f"2. {who} tidak diperbolehkan:\na. menjadi pengurus partai.\n3. Melaporkan pelanggaran."
    )
    prohibitions, obligations = read(text)
    assert leaves(prohibitions) == ["ikut kampanye", "memasang baliho", "menjadi pengurus partai"]
    assert [(o[0], o[2]) for o in obligations] == [("1.", []), ("3.", [])]


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
