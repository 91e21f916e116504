"""Reading PDFs: the seed PDFs, and small PDFs written for each layout problem real letters have."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from fpdf import FPDF

from edaran.errors import IngestError, NeedsOCR
from edaran.extract import extract_letter
from edaran.ingest import read_document
from edaran.ingest.limits import DEFAULT
from edaran.ingest.ocr import ocr_unavailable
from edaran.ingest.pdf import _plumber_layer, pages_document, read_pdf, text_layer

from conftest import FIXTURES, SAMPLES, SHARED


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
    assert lines[:4] == [
        "Nomor : 800/1123/BKD/XII/2024",
        "Sifat : Penting",
        "Hal : Netralitas ASN",
        "Manado, 16 Desember 2024",
    ]
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
        text_at(pdf, 280, 40, f"- {page + 1} -")
        text_at(pdf, 250, 800, f"Halaman {page + 1} dari 2")
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
        "ikut kampanye",
        "memasang spanduk calon kepala daerah",
        "menghadiri deklarasi pasangan calon",
    ]
    assert letter.prohibitions[1].span.page == 1


def test_not_a_pdf():
    with pytest.raises(IngestError, match="not a PDF"):
        read_pdf("random.pdf", b"\x00\x01garbage" * 100)


@pytest.mark.parametrize("share", [0.02, 0.3, 0.6, 0.9, 0.99])
def test_truncated_pdf(share):
    data = (SAMPLES / "003_8598e27f954b751e.pdf").read_bytes()
    with pytest.raises(IngestError, match="damaged|truncated|no pages") as caught:
        read_pdf("cut.pdf", data[: int(len(data) * share)], ocr=False)
    assert "\n" not in caught.value.reason and "Traceback" not in caught.value.reason


def encrypted(user_password: str, algorithm: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(SAMPLES / "002_c412d0169f79d04d.pdf").pages:
        writer.add_page(page)
    writer.encrypt(user_password=user_password, owner_password="pemilik", algorithm=algorithm)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-256"])
def test_password_protected_pdf(algorithm):
    with pytest.raises(IngestError, match="password-protected"):
        read_pdf("locked.pdf", encrypted("rahasia", algorithm))


def test_pdf_encrypted_without_a_password_to_open_it_is_read():
    """Only printing or copying is restricted: the letter is readable."""
    doc = read_pdf("restricted.pdf", encrypted("", "AES-128"))
    assert "BUPATI SEKADAU" in doc.text


def test_pdf_without_pages():
    from pypdf import PdfWriter

    buffer = io.BytesIO()
    PdfWriter().write(buffer)
    with pytest.raises(IngestError, match="no pages"):
        read_pdf("empty.pdf", buffer.getvalue())


def test_image_only_pdf_without_ocr_needs_ocr():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (600, 800), 255).save(buffer, "PDF")
    with pytest.raises(NeedsOCR, match="needs OCR: its page has no text layer"):
        read_pdf("scan.pdf", buffer.getvalue(), ocr=False)


@pytest.mark.skipif(not (SHARED / "real").exists(), reason="../shared/real is not beside the checkout")
def test_real_blank_numbered_draft():
    letter = extract_letter(
        read_document(SHARED / "real" / "kabmerangin_2025_800-BKPSDMD-2025-DRAFT_usul-jabatan-fungsional.pdf")
    )
    codes = {w.code for w in letter.warnings}
    assert letter.number is None and "number_blank" in codes
    assert letter.date is None and "date_incomplete" in codes
    assert letter.place == "Bangko"
    assert letter.addressees == ["Kepala OPD", "Para Kabag Setda Merangin", "Para Kabag Setwan Merangin"]
    assert (
        letter.subject
        == "Pedoman Pengusulan dan Syarat Layanan Jabatan Fungsional dilingkup Pemerintah Kabupaten Merangin"
    )
    assert letter.issuer.region is not None and letter.issuer.region.code == "15.02"
    assert (letter.signatory.name, letter.signatory.nip) == ("Ferdi Firdaus", "197106261992011002")


def test_running_header_and_footer_go_but_the_letterhead_stays():
    def draw(pdf, page):
        text_at(pdf, 72, 40, "PEMERINTAH KABUPATEN MERANGIN" if page == 0 else "SURAT EDARAN NOMOR 5 TAHUN 2024")
        text_at(pdf, 72, 810, "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat BSrE")
        body = [
            ["Dengan ini disampaikan:", "1. ASN dilarang ikut kampanye;"],
            ["2. ASN dilarang memasang spanduk;"],
            ["3. ASN dilarang menghadiri deklarasi."],
        ][page]
        for i, line in enumerate(body):
            text_at(pdf, 72, 100 + 14 * i, line)

    doc = read_pdf("running.pdf", make_pdf(draw, pages=3))
    lines = [ln for ln in doc.text.splitlines() if ln]
    assert lines == [
        "PEMERINTAH KABUPATEN MERANGIN",
        "Dengan ini disampaikan:",
        "1. ASN dilarang ikut kampanye;",
        "2. ASN dilarang memasang spanduk;",
        "3. ASN dilarang menghadiri deklarasi.",
        "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat BSrE",
    ]
    assert doc.span(doc.text.index("3. ASN"), doc.text.index("3. ASN") + 5).page == 3


def test_a_blank_in_the_number_stays_on_its_line():
    def draw(pdf, _):
        text_at(pdf, 370, 127, "Bangko,")
        text_at(pdf, 480, 127, "2025")
        for i, (label, value) in enumerate([("Nomor", ": 800/"), ("Lampiran", ": -"), ("Perihal", ": Usul Jabatan")]):
            text_at(pdf, 40, 141 + 14 * i, label)
            text_at(pdf, 110, 141 + 14 * i, value)
        text_at(pdf, 200, 141, "/BKPSDMD/2025")
        text_at(pdf, 370, 141, "Kepada Yth")
        text_at(pdf, 370, 155, "Kepala OPD")

    lines = [ln for ln in read_pdf("blank.pdf", make_pdf(draw)).text.splitlines() if ln]
    assert lines[0] == "Nomor : 800/ /BKPSDMD/2025"
    assert lines.index("Kepada Yth") > lines.index("Perihal : Usul Jabatan")


def test_justified_body_text_is_not_split_into_columns():
    paragraph = (
        "Sehubungan dengan akan diselenggarakannya pemilihan kepala daerah serentak tahun 2024, "
        "dengan ini diminta kepada seluruh pegawai aparatur sipil negara untuk menjaga netralitas, "
        "tidak memihak kepada pasangan calon mana pun, dan menjaga kondusivitas di lingkungan kerja."
    )

    def draw(pdf, _):
        pdf.set_xy(72, 100)
        pdf.multi_cell(300, 14, paragraph, align="J")
        text_at(pdf, 400, 300, "Bupati Merangin,")

    text = read_pdf("justified.pdf", make_pdf(draw)).text
    assert " ".join(text.split()) == paragraph + " Bupati Merangin,"


def white_page_png(width: int = 600, height: int = 848) -> io.BytesIO:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (width, height), 255).save(buffer, "PNG")
    buffer.seek(0)
    return buffer


@pytest.mark.parametrize(
    "image, lines, scanned",
    [
        # a scan with an e-signature footer stamped on: the letter is in the image
        (
            True,
            [(40, 815, "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik")],
            True,
        ),
        # a scan with only a page number on it
        (True, [(290, 820, "- 2 -")], True),
        # a digital letter printed over a full-page letterhead image
        (
            True,
            [(72, 120 + 14 * i, f"{i + 1}. Pegawai dilarang ikut serta dalam kegiatan kampanye.") for i in range(6)],
            False,
        ),
        # a short digital page without images is still text
        (False, [(72, 100, "Tembusan:"), (72, 114, "1. Yth. Menteri Dalam Negeri")], False),
    ],
)
def test_pages_without_a_usable_text_layer_need_ocr(image, lines, scanned):
    def draw(pdf, _):
        if image:
            pdf.image(white_page_png(), x=0, y=0, w=pdf.w, h=pdf.h)
        for x, y, line in lines:
            text_at(pdf, x, y, line)

    data = make_pdf(draw)
    if scanned:
        with pytest.raises(NeedsOCR, match="needs OCR: its page has no text layer"):
            read_pdf("page.pdf", data, ocr=False)
    else:
        assert lines[-1][2] in read_pdf("page.pdf", data, ocr=False).text


def digital_then_scanned() -> bytes:
    from pypdf import PdfReader, PdfWriter

    def draw(pdf, _):
        text_at(pdf, 72, 100, "LAMPIRAN SURAT EDARAN")
        text_at(pdf, 72, 114, "Daftar pegawai yang dipindahkan:")

    writer = PdfWriter()
    writer.add_page(PdfReader(io.BytesIO(make_pdf(draw))).pages[0])
    writer.add_page(PdfReader(FIXTURES / "scans" / "seed-headers.pdf").pages[0])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_scanned_page_among_digital_ones_needs_ocr_when_ocr_is_off():
    with pytest.raises(NeedsOCR, match="1 of 2 pages have no text layer"):
        read_pdf("mixed.pdf", digital_then_scanned(), ocr=False)


@pytest.mark.skipif(ocr_unavailable() is not None, reason=f"no OCR here: {ocr_unavailable()}")
def test_a_scanned_page_among_digital_ones_is_read_by_ocr(tmp_path, monkeypatch):
    monkeypatch.setenv("EDARAN_CACHE_DIR", str(tmp_path))
    doc = read_pdf("mixed.pdf", digital_then_scanned())
    assert doc.ocr and doc.pages == 2 and doc.notes[0].code == "ocr"
    assert doc.text.startswith("LAMPIRAN SURAT EDARAN\nDaftar pegawai yang dipindahkan:\n")
    start = doc.text.index("GUBERNUR KALIMANTAN TENGAH")
    assert doc.page_of(start) == 2 and doc.page_of(0) == 1
    digital, scanned = doc.span(0, 9), doc.span(start, start + 8)
    assert digital.confidence is None and digital.page == 1
    assert scanned.page == 2 and 0 < scanned.confidence <= 100
    x0, top, x1, bottom = scanned.bbox
    assert 0 <= x0 < x1 and 0 <= top < bottom <= 842


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.pdf")))
def test_a_span_is_on_the_page_of_its_first_character(name):
    doc = read_document(SAMPLES / name)
    page = 1
    for i in range(len(doc.text)):
        box = doc.boxes[doc.origin[i]]
        if box is not None:  # inserted spaces and newlines are on the page of what precedes them
            page = box[0]
        for j in (i + 1, i + 30) if i % 50 else (i + 1, len(doc.text)):
            assert doc.span(i, j).page == page, (i, j, doc.text[i:j][:40])


def test_a_page_stored_turned_and_shown_upright_reads_upright():
    """Landscape pages are often stored turned a quarter and shown with /Rotate 90."""
    from pypdf import PdfWriter, Transformation
    from pypdf.generic import RectangleObject

    writer = PdfWriter(clone_from=SAMPLES / "004_d846caf9a4558eab.pdf")
    page = writer.pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    page.add_transformation(Transformation().rotate(90).translate(height, 0))
    page.mediabox = page.cropbox = RectangleObject([0, 0, height, width])
    page.rotate(90)
    buffer = io.BytesIO()
    writer.write(buffer)
    turned = read_pdf("turned.pdf", buffer.getvalue(), ocr=False)
    original = read_pdf("original.pdf", (SAMPLES / "004_d846caf9a4558eab.pdf").read_bytes())
    assert turned.text == original.text  # the first page turned, the second as it was
    assert text_layer("turned.pdf", buffer.getvalue()).reader == "pdfplumber"  # pdfium's boxes are not turned


def test_a_footer_of_four_lines_does_not_interrupt_a_list():
    footer = [
        "Jalan Jenderal Sudirman Nomor 1 Bangko",
        "Telepon (0746) 21001",
        "Pos-el setda@meranginkab.go.id",
        "Laman www.meranginkab.go.id",
    ]

    def draw(pdf, page):
        for i, line in enumerate(footer):
            text_at(pdf, 72, 760 + 12 * i, line)
        body = [["Pegawai dilarang:", "a. ikut kampanye;", "b. memasang spanduk;"], ["c. menghadiri deklarasi."]][page]
        for i, line in enumerate(body):
            text_at(pdf, 72, 100 + 14 * i, line)

    lines = [ln for ln in read_pdf("footer.pdf", make_pdf(draw, pages=2)).text.splitlines() if ln]
    assert lines == [
        "Pegawai dilarang:",
        "a. ikut kampanye;",
        "b. memasang spanduk;",
        "c. menghadiri deklarasi.",
        *footer,
    ]


def test_without_tesseract_a_scan_needs_ocr_and_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract on it
    monkeypatch.setenv("EDARAN_CACHE_DIR", str(tmp_path / "cache"))  # and nothing OCR'd before
    with pytest.raises(NeedsOCR, match=r"needs OCR: 1 of 2 pages have no text layer; .*apt-get install tesseract-ocr"):
        read_pdf("mixed.pdf", digital_then_scanned())


def shifted_mediabox() -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import RectangleObject

    writer = PdfWriter(clone_from=SAMPLES / "002_c412d0169f79d04d.pdf")
    for page in writer.pages:
        x0, y0, x1, y1 = (float(v) for v in page.mediabox)
        page.mediabox = RectangleObject([x0 + 20, y0 + 30, x1 + 20, y1 + 30])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        (SAMPLES / "004_d846caf9a4558eab.pdf").read_bytes(),
        shifted_mediabox(),  # boxes are offset by the MediaBox origin, as pdfplumber offsets them
    ],
    ids=["seed", "shifted-mediabox"],
)
def test_every_box_is_a_box_pdfplumber_gives(data):
    """pdfium reads these pages; every box is one pdfplumber gives the same character, to float32 precision."""
    import pdfplumber

    doc = read_pdf("boxes.pdf", data)
    assert text_layer("boxes.pdf", data).reader == "pdfium"
    theirs: dict[tuple[int, str], list[tuple[float, ...]]] = {}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for c in page.chars:
                if not c["text"].isspace():
                    box = (c["x0"], c["top"], c["x1"], c["bottom"])
                    theirs.setdefault((page.page_number, c["text"]), []).append(box)
    ours = [(box[0], char, box[1]) for char, box in zip(doc.raw, doc.boxes, strict=True) if box]
    assert ours and all(
        any(max(abs(a - b) for a, b in zip(box, other, strict=True)) < 0.05 for other in theirs.get((page, char), []))
        for page, char, box in ours
    )
    # and nearly every character is there (page numbers are not)
    assert len(ours) > 0.97 * sum(len(boxes) for boxes in theirs.values())


def test_each_side_by_side_block_has_its_own_gutter():
    """A pair lower on the page whose right part starts further left does not move the header's gutter."""

    def draw(pdf, _):
        rows = [
            ("Nomor : 800/77/BKD/2024", "Kepada Yth."),
            ("Perihal : Pedoman Pengusulan Jabatan Fungsional", "Bupati Merangin"),
        ]
        for i, (left, right) in enumerate(rows):
            text_at(pdf, 40, 120 + 14 * i, left)
            text_at(pdf, 370, 120 + 14 * i, right)
        text_at(pdf, 40, 200, "Dengan ini disampaikan bahwa pengusulan jabatan fungsional dibuka mulai bulan April.")
        text_at(pdf, 40, 300, "Tembusan:")
        text_at(pdf, 260, 300, "NIP. 197106261992011002")
        text_at(pdf, 40, 314, "1. Gubernur Jambi")

    lines = [ln for ln in read_pdf("gutters.pdf", make_pdf(draw)).text.splitlines() if ln]
    assert lines == [
        "Nomor : 800/77/BKD/2024",
        "Perihal : Pedoman Pengusulan Jabatan Fungsional",
        "Kepada Yth.",
        "Bupati Merangin",
        "Dengan ini disampaikan bahwa pengusulan jabatan fungsional dibuka mulai bulan April.",
        "Tembusan:",
        "1. Gubernur Jambi",
        "NIP. 197106261992011002",
    ]


GOLDEN = Path(__file__).resolve().parent / "golden" / "pdf"


def layer_record(name: str, path: Path, layer) -> dict:
    """What a golden file holds: pages, pages to OCR, the text, and each word's offsets, page and box."""
    data = path.read_bytes()
    doc = pages_document(str(path), data, layer.lines, layer.heights, {}, layer.widths)
    words, end = [], 0
    for word in doc.text.split():
        start = doc.text.index(word, end)
        end = start + len(word)
        span = doc.span(start, end)
        words.append([start, end, span.page, None if span.bbox is None else [round(v, 2) for v in span.bbox]])
    return {"file": name, "pages": len(layer.lines), "scanned": layer.scanned, "text": doc.text, "words": words}


@pytest.mark.parametrize("golden", sorted(GOLDEN.glob("*.json")), ids=lambda p: p.stem)
def test_the_text_layer_is_the_golden_one(golden, request):
    """Every PDF the project has reads as it reads with pdfplumber alone: the same text, pages to OCR,
    and page and box (to half a point) of every word.  The golden files are pdfplumber's reading
    (``--update-golden`` writes them again from it)."""
    name = json.loads(golden.read_text(encoding="utf-8"))["file"]
    path = SHARED / name.removeprefix("shared/") if name.startswith("shared/") else SAMPLES.parent / name
    if not path.exists():
        pytest.skip(f"{path} is not here")
    if request.config.getoption("--update-golden"):
        reference = layer_record(name, path, _plumber_layer(str(path), path.read_bytes(), DEFAULT))
        golden.write_text(json.dumps(reference, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    gold = json.loads(golden.read_text(encoding="utf-8"))
    ours = layer_record(name, path, text_layer(str(path), path.read_bytes()))
    assert (ours["pages"], ours["scanned"]) == (gold["pages"], gold["scanned"])
    assert ours["text"] == gold["text"]
    for (start, end, page, box), theirs in zip(ours["words"], gold["words"], strict=True):
        assert [start, end, page] == theirs[:3]
        assert (box is None) == (theirs[3] is None)
        if box is not None:
            assert max(abs(a - b) for a, b in zip(box, theirs[3], strict=True)) <= 0.5, ours["text"][start:end]


def turned_word(pdf, _):
    text_at(pdf, 72, 100, "SURAT EDARAN")
    with pdf.rotation(90, 40, 400):  # a margin note printed sideways: not a line of the letter
        text_at(pdf, 40, 400, "Dokumen ini ditandatangani secara elektronik")
    text_at(pdf, 72, 114, "Nomor : 800/1/2024")


def bold_columns_and_sizes(pdf, _):
    for dx in (0, 0.3):
        text_at(pdf, 72 + dx, 72, "PEMERINTAH KABUPATEN")
    pdf.set_font("Times", size=16)
    text_at(pdf, 150, 100, "SURAT EDARAN")
    pdf.set_font("Courier", size=9)
    text_at(pdf, 72, 130, "Nomor : 800/12/BKD")
    text_at(pdf, 380, 130, "Manado, 16 Desember 2024")
    pdf.set_font("Helvetica", size=11)


def text_over_a_page_image(pdf, _):
    pdf.image(white_page_png(), x=0, y=0, w=pdf.w, h=pdf.h)
    text_at(pdf, 72, 86, "SURAT EDARAN")
    for i in range(6):
        text_at(pdf, 72, 100 + 14 * i, f"{i + 1}. Kepada Yth. Para Kepala Perangkat Daerah")
    text_at(pdf, 72, 820, "Halaman 1 dari 2")


@pytest.mark.parametrize(
    "draw", [turned_word, bold_columns_and_sizes, text_over_a_page_image], ids=lambda d: d.__name__
)
def test_pdfium_and_pdfplumber_read_a_page_alike(draw):
    data = make_pdf(draw, pages=2)
    ours, theirs = text_layer("page.pdf", data), _plumber_layer("page.pdf", data, DEFAULT)
    assert ours.reader == "pdfium"
    assert ours.scanned == theirs.scanned and ours.heights == pytest.approx(theirs.heights)
    text = pages_document("page.pdf", data, ours.lines, ours.heights, {}, ours.widths).text
    assert text == pages_document("page.pdf", data, theirs.lines, theirs.heights, {}, theirs.widths).text
    assert "elektronik" not in text and "EDARAN" in text


def test_an_image_inside_a_form_xobject_has_pdfplumbers_box():
    """A scanned page placed into another page, shrunk and moved: the image's box on the page is the
    one pdfplumber gives, so the scan decision weighs the same area."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    def draw(pdf, _):
        pdf.image(white_page_png(), x=50, y=60, w=400, h=500)
        text_at(pdf, 72, 700, "Kepada Yth. Para Kepala Perangkat Daerah")

    source = pdfium.PdfDocument(make_pdf(draw))
    target = pdfium.PdfDocument.new()
    page = target.new_page(595, 842)
    form = raw.FPDF_NewFormObjectFromXObject(raw.FPDF_NewXObjectFromPage(target, source, 0))
    raw.FPDFPageObj_SetMatrix(form, raw.FS_MATRIX(0.5, 0, 0, 0.5, 100, 200))
    raw.FPDFPage_InsertObject(page, form)
    raw.FPDFPage_GenerateContent(page)
    buffer = io.BytesIO()
    target.save(buffer)
    data = buffer.getvalue()

    from edaran.ingest import pdfium as reader
    from edaran.ingest.pdf import _open, _page_objects

    with reader.opened(data) as document:
        objects = reader.page_objects(document, 0)
    assert objects is not None
    ours = objects[1]
    theirs = _page_objects(_open("form.pdf", data).pages[0])[1]
    assert len(ours) == len(theirs) == 1
    assert ours[0] == pytest.approx(theirs[0], abs=0.05)
    assert ours[0] != pytest.approx((50, 60, 450, 560), abs=1)  # placed by the form's matrix, not as drawn
