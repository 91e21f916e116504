"""Reading PDFs: the seed PDFs, and small PDFs written for each layout problem real letters have."""

from __future__ import annotations

import io

import pytest
from fpdf import FPDF

from edaran.errors import IngestError, NeedsOCR
from edaran.extract import extract_letter
from edaran.ingest import read_document
from edaran.ingest.pdf import read_pdf

from conftest import SAMPLES, SHARED


def make_pdf(draw, pages: int = 1) -> bytes:
    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=11)
    for page in range(pages):
        pdf.add_page()
        draw(pdf, page)
    return bytes(pdf.output())


def text_at(pdf: FPDF, x: float, y: float, text: str) -> None:
    pdf.text(x, y, text)


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.pdf")))
def test_seed_pdf_reads_like_its_text(name):
    doc = read_document(SAMPLES / name)
    from_text = read_document(SAMPLES / name.replace(".pdf", ".txt"))
    pdf_words = doc.text.split()
    # the same words in the same order as the text version (markdown aside), no page furniture
    assert "- 1 -" not in doc.text and "- 2 -" not in doc.text
    for needle in ("SURAT EDARAN", "Tembusan"):
        assert (needle in from_text.text) == (needle in doc.text)
    assert len(pdf_words) > 0.9 * len(from_text.text.split())
    assert doc.pages and doc.page_starts[0] == 0 and len(doc.page_starts) == doc.pages


def test_every_character_has_its_page_and_box():
    doc = read_document(SAMPLES / "004_d846caf9a4558eab.pdf")
    letter = extract_letter(doc)
    assert letter.spans["number"].page == 1 and letter.spans["number"].bbox is not None
    assert letter.spans["signatory.name"].page == 2
    for start, end in [(0, 10), (len(doc.text) - 20, len(doc.text))]:
        span = doc.span(start, end)
        assert span.page == doc.page_of(start)


def test_fake_bold_doubles_are_dropped():
    def draw(pdf, _):
        for dx in (0, 0.4):  # printed twice, slightly shifted: "fake bold"
            text_at(pdf, 72 + dx, 72, "BADAN KEPEGAWAIAN DAERAH")
        text_at(pdf, 72, 100, "Nomor : 800/12/BKD/2024")

    doc = read_pdf("bold.pdf", make_pdf(draw))
    assert doc.text.splitlines()[0] == "BADAN KEPEGAWAIAN DAERAH"


def test_two_things_on_one_line_are_read_apart():
    def draw(pdf, _):
        text_at(pdf, 72, 100, "Nomor")
        text_at(pdf, 130, 100, ": 800/1123/BKD/XII/2024")
        text_at(pdf, 380, 100, "Manado, 16 Desember 2024")
        text_at(pdf, 72, 114, "Sifat")
        text_at(pdf, 130, 114, ": Penting")
        text_at(pdf, 72, 128, "Hal")
        text_at(pdf, 130, 128, ": Netralitas ASN")
        text_at(pdf, 72, 170, "Dalam rangka menjaga netralitas pegawai aparatur sipil negara pada pemilihan,")

    doc = read_pdf("header.pdf", make_pdf(draw))
    lines = [ln for ln in doc.text.splitlines() if ln]
    assert lines[:4] == ["Nomor : 800/1123/BKD/XII/2024", "Sifat : Penting", "Hal : Netralitas ASN",
                         "Manado, 16 Desember 2024"]
    letter = extract_letter(doc)
    assert (letter.number, str(letter.date), letter.place) == ("800/1123/BKD/XII/2024", "2024-12-16", "Manado")


def test_a_block_beside_a_block_is_read_left_then_right():
    left = ["Nomor : 800/77/BKD/2024", "Lampiran : -", "Perihal : Pedoman Pengusulan", "Jabatan Fungsional"]
    right = ["Kepada Yth", "1. Kepala OPD", "2. Para Kepala Bagian", ""]

    def draw(pdf, _):
        for i, (a, b) in enumerate(zip(left, right, strict=True)):
            text_at(pdf, 40, 120 + 14 * i, a)
            if b:
                text_at(pdf, 370, 120 + 14 * i, b)
        text_at(pdf, 40, 200, "1. Latar Belakang")
        text_at(pdf, 60, 214, "Dengan ditetapkannya peraturan ini maka perlu disampaikan hal sebagai berikut.")

    doc = read_pdf("columns.pdf", make_pdf(draw))
    lines = [ln for ln in doc.text.splitlines() if ln]
    assert lines[:8] == left + [r for r in right if r] + ["1. Latar Belakang"]
    letter = extract_letter(doc)
    assert letter.subject == "Pedoman Pengusulan Jabatan Fungsional"
    assert letter.addressees == ["Kepala OPD", "Para Kepala Bagian"]


def test_running_footers_go_and_a_list_continues_over_the_page_break():
    def draw(pdf, page):
        text_at(pdf, 280, 40, "- %d -" % (page + 1))
        text_at(pdf, 250, 800, "Halaman %d dari 2" % (page + 1))
        if page == 0:
            text_at(pdf, 72, 100, "Setiap ASN dilarang:")
            text_at(pdf, 72, 114, "a. ikut kampanye;")
            text_at(pdf, 72, 128, "b. memasang spanduk calon kepala")
        else:
            text_at(pdf, 86, 100, "daerah;")
            text_at(pdf, 72, 114, "c. menghadiri deklarasi pasangan calon.")

    doc = read_pdf("pages.pdf", make_pdf(draw, pages=2))
    assert "Halaman" not in doc.text and "- 2 -" not in doc.text
    letter = extract_letter(doc)
    assert [p.text for p in letter.prohibitions] == [
        "ikut kampanye", "memasang spanduk calon kepala daerah", "menghadiri deklarasi pasangan calon"]
    assert letter.prohibitions[1].span.page == 1


def test_not_a_pdf():
    with pytest.raises(IngestError, match="not a PDF"):
        read_pdf("random.pdf", b"\x00\x01garbage" * 100)


def test_truncated_pdf():
    data = (SAMPLES / "003_8598e27f954b751e.pdf").read_bytes()
    with pytest.raises(IngestError, match="damaged or truncated|no pages"):
        read_pdf("cut.pdf", data[:200])


def test_password_protected_pdf():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(SAMPLES / "002_c412d0169f79d04d.pdf").pages:
        writer.add_page(page)
    writer.encrypt(user_password="rahasia", owner_password="rahasia", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(IngestError, match="password-protected"):
        read_pdf("locked.pdf", buffer.getvalue())


def test_image_only_pdf_without_ocr_needs_ocr():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (600, 800), 255).save(buffer, "PDF")
    with pytest.raises(NeedsOCR, match="needs OCR: its page has no text layer"):
        read_pdf("scan.pdf", buffer.getvalue(), ocr=False)


@pytest.mark.skipif(not (SHARED / "real").exists(), reason="../shared/real is not beside the checkout")
def test_real_blank_numbered_draft():
    letter = extract_letter(read_document(
        SHARED / "real" / "kabmerangin_2025_800-BKPSDMD-2025-DRAFT_usul-jabatan-fungsional.pdf"))
    codes = {w.code for w in letter.warnings}
    assert letter.number is None and "number_blank" in codes
    assert letter.date is None and "date_incomplete" in codes
    assert letter.place == "Bangko"
    assert letter.addressees == ["Kepala OPD", "Para Kabag Setda Merangin", "Para Kabag Setwan Merangin"]
    assert letter.subject == "Pedoman Pengusulan dan Syarat Layanan Jabatan Fungsional dilingkup Pemerintah Kabupaten Merangin"
    assert letter.issuer.region is not None and letter.issuer.region.code == "15.02"
    assert (letter.signatory.name, letter.signatory.nip) == ("Ferdi Firdaus", "197106261992011002")
