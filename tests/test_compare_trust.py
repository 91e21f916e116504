"""A comparison an analyst trusts: one letter written for the tests per class of error an analyst found
(generic phrases deciding a match, catalogue gaps, actors in the lead-in, lineage, baselines, evidence,
scope, severity), read with the seeds, plus tables of phrasings of each family."""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest

from edaran.comparison.catalog import load_catalog
from edaran.comparison.compare import compare
from edaran.comparison.matching import match_item
from edaran.comparison.report import to_html, to_markdown, to_rows
from edaran.corpus.store import open_corpus, save_comparison, save_letter
from edaran.extract import extract_letter
from edaran.ingest import read_document, read_text
from edaran.schema.letter import Election, Issuer, Item, Letter, Region, Source
from edaran.schema.provenance import Span

from conftest import FIXTURES, PP94_ACTS, SAMPLES, rendered_dom

CORPUS = FIXTURES / "compare"
#: Findings measured against the catalogue: none may concern a letter outside its subject.
CATALOGUE_KINDS = {
    "missing_item",
    "missing_by_reference",
    "parent_item_dropped",
    "wording_changed",
    "unique_item",
    "actors_widened",
}


@cache
def corpus() -> tuple[tuple[tuple[str, Letter], ...], dict[str, str]]:
    """The test letters and the seeds, with the texts their spans index."""
    letters, texts = [], {}
    for path in [*sorted(CORPUS.glob("*.txt")), *sorted(SAMPLES.glob("*.txt"))]:
        doc = read_text(path.name, path.read_bytes())
        lid = path.stem if path.parent == CORPUS else f"seed-{path.stem[:3]}"
        letters.append((lid, extract_letter(doc)))
        texts[lid] = doc.text
    return tuple(letters), texts


@cache
def result():
    letters, texts = corpus()
    return compare(list(letters), texts=texts)


def findings(lid: str, kind: str | None = None) -> list:
    return [f for f in result().findings if f.letter.id == lid and kind in (None, f.kind)]


def cell(lid: str, entry: str):
    return next(c for c in result().matrix if c.letter_id == lid and c.catalog_id == entry)


CATALOG = load_catalog()


# generic phrases never decide a match ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("menjadi pembicara pada pertemuan partai politik", {"skb-speaker"}),
        ("menjadi narasumber dalam kegiatan kampanye pasangan calon", {"skb-speaker"}),
        ("memakai atribut ASN dalam kegiatan kampanye", {"pp94-n2"}),
        ("menggunakan fasilitas jabatan untuk kegiatan kampanye", {"pp94-n4"}),
        ("menjadi peserta kampanye", {"pp94-n1"}),
        ("ikut dalam kegiatan kampanye calon", {"pp94-n1"}),
        ("menghadiri pertemuan partai politik", set()),
        ("hadir dalam pertemuan warga", set()),
        ("bergabung dengan partai politik", set()),
        ("memberikan dukungan kepada calon", set()),
        ("menyerahkan surat dukungan beserta salinan KTP kepada bakal calon perseorangan", {"pp94-n7"}),
        # "pengenalan" is two letters from "pengerahan" (mobilising): another word, not a changed one
        ("ikut dalam kegiatan kampanye/sosialisasi/pengenalan calon", {"pp94-n1", "skb-introduce"}),
        ("menunjukkan atau memperagakan simbol keberpihakan terhadap calon", {"skb-photo"}),
        # a narrower act replaces the general "ikut kampanye", so it cannot hide that act's omission
        ("mengikuti kampanye bagi suami atau istri calon yang tidak cuti di luar tanggungan negara", {"skb-spouse"}),
        # loan words and other names of the same thing
        ("memobilisasi pegawai lainnya untuk hadir dalam kampanye", {"pp94-n3"}),
        ("melakukan mobilisasi ASN pada kegiatan kampanye calon", {"pp94-n3"}),
        ("memakai barang milik negara untuk kepentingan kampanye", {"pp94-n4"}),
        ("menggunakan kendaraan dinas saat mengikuti kampanye", {"pp94-n4"}),
        ("menggunakan sarana dan prasarana kantor dalam kegiatan kampanye", {"pp94-n4"}),
        # a role in a campaign team is taken; handing something to the team is another act
        ("menjadi anggota tim pemenangan pasangan calon", {"skb-team"}),
        ("bergabung sebagai juru kampanye bakal calon", {"skb-team"}),
        ("menyerahkan data pegawai kepada tim kampanye pasangan calon", set()),
        ("memberikan informasi kepada tim pemenangan calon", set()),
    ],
)
def test_a_match_needs_the_acts_distinguishing_terms(item, expected):
    assert {m.entry.id for m in match_item(item, CATALOG)} == expected


@pytest.mark.parametrize(
    "item",
    [
        "mengunggah foto kegiatan kampanye calon",
        "memberikan komentar pada unggahan pasangan calon",
        "memberi tanda suka pada akun calon",
        "membagikan konten kampanye pasangan calon",
        "menanggapi atau menyebarluaskan gambar pasangan calon",
        "membuat posting atau share materi kampanye",
    ],
)
def test_social_media_acts_in_indonesian(item):
    assert "skb-posting" in {m.entry.id for m in match_item(item, CATALOG)}


@pytest.mark.parametrize(
    ("item", "entry", "changed"),
    [
        ("menjadi peserta kampanye dengan mengarahkan PNS lain", "pp94-n3", ["different_root"]),
        ("sebagai peserta kampanye dengan pengarahan PNS lain", "pp94-n3", ["different_root"]),
        # "memberikan" is a letter or two from "membagikan", but the item names the act by other alternatives
        ("memberikan komentar atau tanda suka pada unggahan calon", "skb-posting", []),
        ("meng-upload, mengomentari, me-repost, memberikan tanda suka (like) akun calon", "skb-posting", []),
    ],
)
def test_a_near_twin_is_a_change_only_where_it_replaces_the_distinguishing_word(item, entry, changed):
    match = next(m for m in match_item(item, CATALOG) if m.entry.id == entry)
    assert [c.kind for c in match.changes] == changed


def test_the_letter_with_generic_phrases():
    lid = "regency_generic_phrases"
    assert cell(lid, "skb-speaker").status == "present" and "pembicara" in cell(lid, "skb-speaker").text
    assert "pembicara" not in (cell(lid, "pp94-n6").text or "")
    assert "atribut ASN" in cell(lid, "pp94-n2").text
    # the ASN attributes item no longer hides the letter's real omission: state facilities
    assert cell(lid, "pp94-n4").status == "absent" and cell(lid, "pp94-n4").required
    assert "pp94-n4" in {f.catalog_id for f in findings(lid, "missing_item")}


# actors of the lead-in ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lid", "actor"), [("regency_contract_staff", "pegawai kontrak"), ("village_officials", "pamong kalurahan")]
)
def test_actors_the_rule_does_not_bind_in_the_lead_in(lid, actor):
    widened = findings(lid, "actors_widened")
    assert len(widened) == 1 and actor in widened[0].message
    span, text = widened[0].evidence.span, corpus()[1][lid]
    assert text[span.start : span.end] == widened[0].evidence.text and "dilarang" in widened[0].evidence.text


@pytest.mark.parametrize("unit", ["desa", "kampung", "nagari", "gampong", "pekon", "lembang", "kalurahan"])
@pytest.mark.parametrize(("official", "name"), [("Kepala", "kepala desa"), ("Aparat", "perangkat desa")])
def test_village_government_is_not_bound_whatever_a_region_calls_the_village(unit, official, name):
    from edaran.comparison.actors import actors_in
    from edaran.comparison.matching import words

    found = actors_in(words(f"Seluruh ASN, {official} {unit.upper()} dan Tenaga Honor Daerah dilarang:"))
    assert [(a.name, a.bound) for a in found] == [("ASN", True), (name, False), ("pegawai honorer", False)]


def test_lead_ins_of_civil_servants_alone_are_quiet():
    widened = {f.letter.id for f in result().findings if f.kind == "actors_widened"}
    # seed 003 is the family's real member: "1. Seluruh ASN dan Pegawai Kontrak … dilarang … dengan cara;"
    assert widened == {"regency_contract_staff", "village_officials", "seed-003"}


# lineage --------------------------------------------------------------------------------------------------------
def test_a_national_number_with_its_year_is_the_cited_number_and_year():
    roots = {n.letter.id: n for n in result().lineage if n.letter}
    assert [c.letter.id for c in roots["national_se_9_2024"].children] == ["province_follows_national"]
    assert not findings("province_follows_national", "unresolved_reference")


def test_a_parent_outside_the_corpus_is_an_open_node():
    opened = {n.cited: [c.letter.id for c in n.children] for n in result().lineage if n.letter is None}
    cited = next(k for k, v in opened.items() if "village_officials" in v)
    assert "100.2.1.3/1234/SJ" in cited and "Menteri Dalam Negeri" in cited


# baselines ------------------------------------------------------------------------------------------------------
def test_a_gap_the_parent_shares_is_reported_and_said_to_be_inherited():
    lid = "province_follows_national"
    missing = {f.catalog_id: f for f in findings(lid, "missing_item")}
    assert "pp94-n7" in missing and "also missing in the parent" in missing["pp94-n7"].message
    dropped = findings(lid, "parent_item_dropped")
    assert [f.catalog_id for f in dropped] == ["skb-speaker"]
    # the parent's sentence is quoted as the parent's
    assert dropped[0].evidence.quoted_from.id == "national_se_9_2024"
    span = dropped[0].evidence.span
    assert corpus()[1]["national_se_9_2024"][span.start : span.end] == dropped[0].evidence.text


def test_a_decree_taken_over_by_reference_is_a_lower_case():
    lid = "regency_adopts_skb"
    by_ref = findings(lid, "missing_by_reference")
    assert by_ref and all(f.severity == "low" and f.catalog_id.startswith("skb-") for f in by_ref)
    assert not findings(lid, "missing_item")


@pytest.mark.parametrize(
    "order",
    [
        "Keputusan Bersama tersebut agar disosialisasikan dan dilaksanakan.",
        "SKB dimaksud supaya dipedomani oleh seluruh ASN.",
        "Surat Keputusan Bersama di atas wajib dipatuhi\ndan dilaksanakan.",
        "KEPUTUSAN BERSAMA TERSEBUT AGAR DITAATI.",
        "Keputusan Bersama sebagaimana tersebut di atas agar dipedomani dan dilaksanakan sepenuhnya.",
        "Keputusan Bersama sebagaimana dimaksud di atas agar\ndilaksanakan dengan penuh tanggung jawab.",
        "Surat Keputusan Bersama yang disebutkan di atas agar ditaati.",
    ],
)
def test_a_decree_ordered_applied_in_a_later_sentence_is_taken_over_by_reference(order):
    """The order may stand in a sentence of its own that points back to the decree cited earlier."""
    text = (CORPUS / "regency_adopts_skb.txt").read_text(encoding="utf-8")
    text = text.replace(" agar disosialisasikan dan dilaksanakan.", ". " + order, 1)
    doc = read_text("adopts_later.txt", text.encode())
    letters, texts = corpus()
    got = compare([*letters, ("later", extract_letter(doc))], texts={**texts, "later": doc.text})
    kinds = {f.kind for f in got.findings if f.letter.id == "later"}
    assert "missing_by_reference" in kinds and "missing_item" not in kinds


def test_a_decree_named_again_without_an_order_is_still_required():
    text = (CORPUS / "regency_adopts_skb.txt").read_text(encoding="utf-8")
    text = text.replace(" agar disosialisasikan dan dilaksanakan.", ". Keputusan Bersama tersebut memuat sanksi.", 1)
    doc = read_text("names_again.txt", text.encode())
    letters, texts = corpus()
    got = compare([*letters, ("again", extract_letter(doc))], texts={**texts, "again": doc.text})
    kinds = {f.kind for f in got.findings if f.letter.id == "again"}
    assert "missing_item" in kinds and "missing_by_reference" not in kinds


# evidence -------------------------------------------------------------------------------------------------------
def test_every_quote_is_the_text_at_its_span():
    letters, texts = corpus()
    checked = 0
    for f in result().findings:
        ev = f.evidence
        if ev is None or ev.span is None or f.kind in ("number_missing", "late_letter", "nip_invalid"):
            continue
        owner = ev.quoted_from.id if ev.quoted_from else f.letter.id
        quoted = texts[owner][ev.span.start : ev.span.end]
        assert " ".join(quoted.split()) == " ".join(ev.text.split()), (f.kind, f.letter.id)
        checked += 1
    assert checked > 15
    for c in result().matrix:  # the items the matrix quotes, too
        if c.span is not None:
            assert " ".join(texts[c.letter_id][c.span.start : c.span.end].split()) == " ".join(c.text.split())
            checked += 1
    assert checked > 100


def test_repeated_labels_quote_their_own_item():
    # section B numbers its items 1 and 2 again: the quote is the item of section B, not A's "1. ikut kampanye"
    team = cell("city_repeated_labels", "skb-team")
    assert "tim sukses" in team.text
    assert "tim sukses" in corpus()[1]["city_repeated_labels"][team.span.start : team.span.end]


def test_a_section_heading_is_no_item():
    letter = Letter(
        source=Source(path="h.txt", sha256="0" * 64, media_type="text/plain"),
        doc_type="surat_edaran",
        number="800/1/X/2024",
        date=dt.date(2024, 9, 1),
        subject="Netralitas ASN",
        issuer=Issuer(office="bupati", region=Region(code="61.09", name="Kabupaten Sekadau", level="kabupaten")),
        election=Election(kind="pilkada", year=2024),
        prohibitions=[
            Item(label=f"{i}.", text=t, span=Span(start=i, end=i + 1))
            for i, t in enumerate([*PP94_ACTS, "KEWAJIBAN"], 1)
        ],
    )
    out = compare([("h", letter)])
    assert not any(m.text == "KEWAJIBAN" for m in out.matches)
    assert not [f for f in out.findings if f.evidence and f.evidence.text == "KEWAJIBAN"]


def test_messages_are_whole_words():
    for f in result().findings:
        if f.catalog_id:
            entry = CATALOG.entry(f.catalog_id)
            assert entry.name() in f.message or f.kind == "unique_item" and entry.name() in f.message


# scope ----------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lid", ["regulator_fintech", "regency_no_smoking"])
def test_letters_about_something_else_are_listed_not_measured(lid):
    excluded = {x.letter.id: x for x in result().excluded}
    assert excluded[lid].reason == "other_subject"
    assert not {f.kind for f in findings(lid)} & CATALOGUE_KINDS
    assert not [c for c in result().matrix if c.letter_id == lid]


def test_an_abbreviated_title_is_the_same_instrument():
    # "tentang ASN" and "tentang Aparatur Sipil Negara" name UU 20/2023 alike
    assert not [f for f in result().findings if f.kind == "inconsistent_citation" and "20" in (f.evidence.text or "")]


def test_every_letter_is_in_the_matrix_or_listed_out_of_scope():
    out = result()
    shown = {c.letter_id for c in out.matrix} | {x.letter.id for x in out.excluded}
    assert shown == {ref.id for ref in out.letters}


# severity -------------------------------------------------------------------------------------------------------
def test_severity_follows_the_change():
    changed = {f.letter.id: f for f in result().findings if f.kind == "wording_changed" and f.catalog_id == "pp94-n3"}
    assert changed["city_mengarahkan"].severity == "high"
    assert changed["city_repeated_labels"].severity == "low"  # ASN for PNS: a lawful update
    assert cell("city_repeated_labels", "pp94-n3").status == "present"
    dropped = next(f for f in findings("city_repeated_labels", "wording_changed") if f.catalog_id == "pp94-n5")
    assert dropped.severity == "medium" and "time qualifier" in dropped.message


# the seeds still say what they said -----------------------------------------------------------------------------
def test_the_seeds_in_the_larger_corpus():
    assert any("mengarahkan" in f.evidence.text for f in findings("seed-001", "wording_changed"))
    assert findings("seed-003", "late_letter") and findings("seed-002", "signatory_missing")
    assert "Pegawai Kontrak" in findings("seed-003", "actors_widened")[0].evidence.text


# storage per election -------------------------------------------------------------------------------------------
def test_comparing_one_election_keeps_the_others(tmp_path):
    db = open_corpus(tmp_path / "c.db")
    letters, texts = corpus()
    for lid, letter in letters[:3]:
        save_letter(
            db,
            letter,
            letter_id=lid,
            text=texts[lid],
            extractor_version="test",
            file_row={"path": letter.source.path, "sha256": letter.source.sha256, "status": "ok"},
        )
    some = list(letters[:3])
    save_comparison(db, *to_rows(compare(some, texts=texts, election="pemilu-2024")))
    save_comparison(db, *to_rows(compare(some, texts=texts, election="pilkada-2024")))
    count = "SELECT election, count(*) FROM findings GROUP BY election"
    before = dict(db.execute(count).fetchall())
    save_comparison(db, *to_rows(compare(some[:1], texts=texts, election="pilkada-2024")))
    after = dict(db.execute(count).fetchall())
    assert before["pemilu-2024"] == after["pemilu-2024"] > 0 and after["pilkada-2024"] < before["pilkada-2024"]


# the report -----------------------------------------------------------------------------------------------------
def test_the_report_names_acts_in_words_and_opens_with_the_summary():
    html = to_html(result())
    assert html.index("id=summary") < html.index("class=card") < html.index("id=matrix")
    assert "pp94-n" not in html and "skb-" not in html.replace("id='letter-", "")
    assert "Pasal 5 huruf n angka 4" in html and "tidak ada, padahal wajib" in html
    assert "Surat di luar cakupan" in html and "regulator_fintech" in html
    english = to_html(result(), lang="en")
    assert "absent, required by its baseline" in english and "<html lang=en>" in english
    md = to_markdown(result())
    assert md.index("## Ringkasan") < md.index("## Surat per surat")
    assert "kutipan surat 9 TAHUN 2024" in md  # a parent's sentence says it is the parent's


def test_the_report_in_a_browser(tmp_path):
    dom = rendered_dom(to_html(result()), tmp_path)
    assert dom.index('id="summary"') < dom.index('class="card"') < dom.index('id="matrix"')
    assert dom.count('class="absent_required"') >= 3 and dom.count("<details") >= 3
    assert 'id="excluded"' in dom and "KAWASAN TANPA ROKOK" in dom


def test_a_finding_on_a_value_that_needs_review_says_so():
    from edaran.schema.letter import Review, Warning

    letter = Letter(
        source=Source(path="r.txt", sha256="0" * 64, media_type="text/plain"),
        doc_type="surat_edaran",
        number="800/9/X/2024",
        date=dt.date(2024, 10, 1),
        subject="Netralitas ASN",
        issuer=Issuer(office="bupati", region=Region(code="61.09", name="Kabupaten Sekadau", level="kabupaten")),
        election=Election(kind="pilkada", year=2024),
        prohibitions=[Item(label=f"{i}.", text=t, span=Span(start=i, end=i + 1)) for i, t in enumerate(PP94_ACTS, 1)],
        warnings=[Warning(code="date_doubtful", message="stamped date read by OCR", field="date")],
        review=Review(needed=True, reasons=["date_doubtful (date)"]),
    )
    late = [f for f in compare([("r", letter)]).findings if f.kind == "late_letter"]
    assert late and late[0].doubtful == "date"
    assert "perlu diperiksa ulang" in to_html(compare([("r", letter)]))


def test_a_cited_circular_is_resolved_by_issuer_kind_number_and_year():
    def make(
        lid,
        number,
        *,
        doc_type="surat_edaran",
        office="menteri",
        title="Menteri Dalam Negeri",
        level="nasional",
        date=dt.date(2024, 8, 1),
        cites=(),
    ):
        return lid, Letter(
            source=Source(path=f"{lid}.txt", sha256="0" * 64, media_type="text/plain"),
            doc_type=doc_type,
            number=number,
            date=date,
            subject="Netralitas ASN",
            issuer=Issuer(office=office, title=title, region=Region(code="00", name="Republik Indonesia", level=level)),
            citations=list(cites),
            election=Election(kind="pilkada", year=2024),
        )

    def cite(number, issuer):
        from edaran.schema.letter import Citation

        return Citation(
            kind="se",
            number=number,
            numbers=[number],
            year=2024,
            issuer=issuer,
            relation="menindaklanjuti",
            span=Span(start=0, end=1),
        )

    letters = [
        make("se-mendagri", "9 TAHUN 2024"),
        make("se-menpan", "NOMOR 9 TAHUN 2024", title="Menteri Pendayagunaan Aparatur Negara"),
        make("memo", "9 TAHUN 2024", doc_type="nota_dinas", title="Menteri Agama"),
        make(
            "child",
            "800/1/2024",
            date=dt.date(2024, 9, 1),
            cites=[cite("9", "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi")],
        ),
        make("other", "800/2/2024", date=dt.date(2024, 9, 1), cites=[cite("9", "Menteri Agama")]),
    ]
    out = compare(letters)
    parents = {c.letter.id: (n.letter.id if n.letter else None) for n in out.lineage for c in n.children}
    # the same serial and year by another minister, or a memo, is not the cited circular
    assert parents["child"] == "se-menpan" and parents["other"] is None


@pytest.mark.parametrize(
    ("subject", "reason"),
    [
        ("NETRALITAS ASN DALAM PEMILIHAN KEPALA DAERAH TAHUN 2024", None),
        ("Pencegahan Pelanggaran Netralitas Pegawai ASN", None),
        ("Larangan Kampanye di Lingkungan Kantor", None),
        ("Menjaga Kebersamaan Korps ASN dalam Tahapan Pemilu Tahun 2024", None),
        ("Netralitas ASN pada Pemilihan Wali Kota dan Wakil Wali Kota", None),
        # subjects of real letters by others (../shared/real) and of other regulators
        ("Pengaturan Jam Kerja Khusus dalam Bulan Ramadhan 1437 H/2016 M", "other_subject"),
        ("Prosedur Peminjaman Ruang Pertemuan/Rapat Gedung Kantor di Lingkungan Kantor Pusat LAPAN", "other_subject"),
        ("Penyelenggaraan Layanan Pendanaan Bersama Berbasis Teknologi Informasi", "other_subject"),
        ("Pemilihan Duta Wisata Kabupaten Tahun 2024", "other_subject"),
        ("Kawasan Tanpa Rokok", "other_subject"),
    ],
)
def test_scope_by_the_letters_subject(subject, reason):
    from edaran.comparison.scope import out_of_scope

    letter = Letter(
        source=Source(path="s.txt", sha256="0" * 64, media_type="text/plain"),
        subject=subject,
        prohibitions=[Item(label="1.", text="ikut kampanye", span=Span(start=0, end=1))],
    )
    assert out_of_scope(letter, CATALOG) == reason


def test_lead_in_actors_without_the_texts_read_the_letters_file(tmp_path):
    letters = []
    for name in ("regency_contract_staff", "village_officials"):
        path = tmp_path / f"{name}.txt"
        path.write_bytes((CORPUS / f"{name}.txt").read_bytes())
        letters.append((name, extract_letter(read_document(path))))
    widened = {f.letter.id: f for f in compare(letters).findings if f.kind == "actors_widened"}
    assert set(widened) == {"regency_contract_staff", "village_officials"}
    assert "dilarang" in widened["village_officials"].evidence.text
    # a file changed since it was read is not the letter's text: no lead-in is guessed from it
    (tmp_path / "village_officials.txt").write_text("Seluruh ASN dan Perangkat Desa dilarang:\n1. ikut kampanye.")
    widened = {f.letter.id for f in compare(letters).findings if f.kind == "actors_widened"}
    assert widened == {"regency_contract_staff"}


def test_the_report_groups_kabupaten_and_kota_under_their_province():
    from edaran.comparison.spool import Spool

    groups: list[tuple[str, list]] = []
    with Spool.of(result()) as spool:
        for card, heading in spool.cards():
            if heading is not None:
                groups.append((heading, []))
            groups[-1][1].append(card)
    assert groups[0][0] == "nasional" and all(c.letter.level == "nasional" for c in groups[0][1])
    codes = [key.split(" ", 1)[0] for key, _ in groups[1:] if key]
    assert codes == sorted(codes) and len(codes) == len(set(codes))  # each province once, in code order
    for key, group in groups[1:]:
        code = key.split(" ", 1)[0]
        assert all((c.letter.region_code or "")[:2] == code for c in group)
        levels = [c.letter.level for c in group]
        assert levels == sorted(levels, key=lambda lv: lv != "provinsi")  # the province's own letters first
    md = to_markdown(result())
    jateng = md.index("### Provinsi Jawa Tengah (33)")
    assert (
        jateng
        < md.index("#### Jawa Tengah —")
        < md.index("#### Kota Salatiga —")
        < md.index("### Provinsi", jateng + 1)
    )
    assert "Province of Jawa Tengah (33)" in to_html(result(), lang="en")
