"""Every file a bureau receives: images and photos, Word documents, and files that are no letter.

Made from the real letters in ``samples/`` and the shared seed scans: pages photographed on a desk
(:mod:`benchmarks.photograph`), letters typed into Word with Word's own list numbering, and the
files a mailbox also holds (a spreadsheet, an old .doc, a note saying hello).  Real OCR throughout.
"""

from __future__ import annotations

import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from PIL import Image

from benchmarks.photograph import photograph, photograph_letter, scan_pages, score
from edaran.bundle import letters_in
from edaran.errors import IngestError, NotALetter, Unsupported
from edaran.extract import extract_letter
from edaran.ingest import read_document
from edaran.ingest.ocr import ocr_unavailable
from edaran.verdict import ensure_letter

from conftest import SAMPLES, SHARED

needs_ocr = pytest.mark.skipif(ocr_unavailable() is not None, reason="needs tesseract with the Indonesian model")
needs_scans = pytest.mark.skipif(not (SHARED / "seeds-scan").is_dir(), reason="needs ../shared/seeds-scan")
LETTER = "002_c412d0169f79d04d"  # a seed held both as text and as a scan


def edaran(*args: str, cache: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "edaran", *args],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "EDARAN_CACHE_DIR": str(cache)},
    )


# -- Word ---------------------------------------------------------------------------------------

_LABEL = re.compile(r"^\s*(\d+)\.\s+(.*)$")


def word_letter(text: str) -> bytes:
    """A letter's text typed into Word: each run of "1. …", "2. …" lines a list drawn by Word's numbering
    (the labels are not in the text), every other line a paragraph."""
    document = docx.Document()
    for line in text.splitlines():
        line = line.strip().strip("#*").strip()
        match = _LABEL.match(line)
        if match:
            document.add_paragraph(match.group(2), style="List Number")
        else:
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_word_letter_reads_as_its_text_does_with_words_list_numbers(tmp_path):
    text = (SAMPLES / f"{LETTER}.txt").read_text(encoding="utf-8")
    path = tmp_path / "letter.docx"
    path.write_bytes(word_letter(text))
    doc = read_document(path)
    assert doc.media_type.endswith("wordprocessingml.document")
    labels = [int(m.group(1)) for m in re.finditer(r"(?m)^(\d+)\. ", doc.text)]
    assert labels[:3] == [1, 2, 3]  # drawn by Word's numbering, counted here
    from_word, from_text = extract_letter(doc), extract_letter(read_document(SAMPLES / f"{LETTER}.txt"))
    assert (from_word.number, from_word.date, from_word.issuer.office) == (
        from_text.number,
        from_text.date,
        from_text.issuer.office,
    )
    assert len(from_word.prohibitions) == len(from_text.prohibitions) > 0
    for field, span in from_word.spans.items():  # offsets of its own text
        assert doc.text[span.start : span.end], field


def test_word_numbering_counts_levels_formats_and_restarts():
    document = docx.Document()
    numbering = document.part.numbering_part.element
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    levels = "".join(
        f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for k, (fmt, text) in enumerate([("upperLetter", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)")])
    )
    from docx.oxml import parse_xml

    numbering.append(parse_xml(f'<w:abstractNum xmlns:w="{ns}" w:abstractNumId="90">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num xmlns:w="{ns}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, text in [
        (0, "Dilarang"),
        (1, "ikut kampanye"),
        (2, "atribut"),
        (2, "fasilitas"),
        (1, "kedua"),
        (2, "lagi"),
        (0, "Wajib"),
    ]:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr xmlns:w="{ns}"><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )
    out = io.BytesIO()
    document.save(out)
    from edaran.ingest.word import read_docx

    assert read_docx("x.docx", out.getvalue()).text.splitlines() == [
        "A. Dilarang",
        "1. ikut kampanye",
        "a) atribut",
        "b) fasilitas",
        "2. kedua",
        "a) lagi",
        "B. Wajib",
    ]


# -- what is not a letter -----------------------------------------------------------------------


def test_files_that_are_no_letter_say_what_they_are(tmp_path):
    (tmp_path / "hello.txt").write_text("hello\n")
    with zipfile.ZipFile(tmp_path / "rekap.xlsx", "w") as book:
        book.writestr("xl/workbook.xml", "<workbook/>")
    (tmp_path / "lama.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000))
    (tmp_path / "data.bin").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "photo.png").write_text("not a picture at all")
    for name in ("rekap.xlsx", "lama.doc", "data.bin", "photo.png"):
        with pytest.raises(Unsupported, match=r"^.*: unsupported: .*(\.docx|PDF)"):
            read_document(tmp_path / name)
    with pytest.raises(NotALetter, match="not a letter"):
        ensure_letter(extract_letter(read_document(tmp_path / "hello.txt")))


@needs_ocr  # without OCR the image is not decoded: it needs OCR, whatever its state
def test_a_truncated_image_is_damaged_not_a_crash(tmp_path):
    picture = io.BytesIO()
    Image.new("RGB", (800, 1100), "white").save(picture, "JPEG")
    (tmp_path / "cut.jpg").write_bytes(picture.getvalue()[:2000])  # the transfer broke off
    with pytest.raises(IngestError, match="damaged image"):
        read_document(tmp_path / "cut.jpg")


def test_word_bytes_under_a_text_name_are_read_as_word_not_as_text(tmp_path):
    text = (SAMPLES / f"{LETTER}.txt").read_text(encoding="utf-8")
    path = tmp_path / "surat.txt"
    path.write_bytes(word_letter(text))
    doc = read_document(path)
    assert "PK" not in doc.text[:10] and extract_letter(doc).number


# -- images and photos --------------------------------------------------------------------------


@needs_ocr
@needs_scans
def test_a_photographed_letter_scores_within_005_of_its_scan(tmp_path):
    scans = sorted((SHARED / "seeds-scan").glob("*.pdf"))
    photos = [photograph_letter(scan, tmp_path / f"{scan.stem}.tif", seed=7) for scan in scans]
    scanned, photographed = score(SHARED / "gold", scans), score(SHARED / "gold", photos)
    assert photographed >= scanned - 0.05, (scanned, photographed)


@needs_ocr
@needs_scans
def test_a_phone_photo_stored_on_its_side_is_read_upright(tmp_path):
    """A phone keeps the picture as the sensor saw it and an EXIF tag saying how to turn it."""
    page = photograph(scan_pages(SHARED / "seeds-scan" / f"{LETTER}.pdf")[0], seed=3)
    sideways = page.transpose(Image.Transpose.ROTATE_90)  # shown upright after a 270-degree turn
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "IMG_0001.jpg"
    sideways.save(path, quality=90, exif=exif)
    doc = read_document(path)
    letter = extract_letter(doc)
    assert doc.media_type == "image/jpeg" and doc.ocr and doc.pages == 1
    assert letter.number and "2219" in letter.number
    span = letter.spans["number"]
    assert span.page == 1 and span.bbox and 0 < span.bbox[0] < span.bbox[2] <= 600  # points on an A4 page


# -- a bureau's folder --------------------------------------------------------------------------


@needs_ocr
@needs_scans
def test_a_folder_of_every_kind_of_file_accounts_for_each(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for stem in ("000_edc49453c313701a", "003_8598e27f954b751e"):
        (inbox / f"{stem}.txt").write_bytes((SAMPLES / f"{stem}.txt").read_bytes())
    (inbox / "dari_word.docx").write_bytes(word_letter((SAMPLES / "001_5ea491974b8290d4.txt").read_text("utf-8")))
    photograph(scan_pages(SHARED / "seeds-scan" / f"{LETTER}.pdf")[0], seed=5).save(inbox / "foto.jpg", quality=88)
    scan = scan_pages(SHARED / "seeds-scan" / "004_d846caf9a4558eab.pdf")
    scan[0].save(inbox / "pindai.tiff", save_all=True, append_images=scan[1:], compression="tiff_lzw")
    # The same letters again, as other files: its PDF, typed into LibreOffice, filed with a disposition slip.
    (inbox / "000_edc49453c313701a.pdf").write_bytes((SAMPLES / "000_edc49453c313701a.pdf").read_bytes())
    (inbox / "ketikan.odt").write_bytes(odt_letter((SAMPLES / "003_8598e27f954b751e.txt").read_text("utf-8")))
    (inbox / "dengan_disposisi.pdf").write_bytes(with_slip(SAMPLES / f"{LETTER}.pdf"))
    (inbox / "bundel.pdf").write_bytes(
        concatenated(
            [(SAMPLES / f"{stem}.pdf").read_bytes() for stem in ("003_8598e27f954b751e", "000_edc49453c313701a")]
        )
    )
    (inbox / "hello.txt").write_text("hello\n")
    with zipfile.ZipFile(inbox / "rekap.xlsx", "w") as book:
        book.writestr("xl/workbook.xml", "<workbook/>")
    (inbox / "lama.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000))
    (inbox / "gambar.png").write_bytes(word_letter("bukan gambar"))  # Word bytes under an image's name

    db = tmp_path / "corpus.db"
    run = edaran("ingest", str(inbox), "--db", str(db), cache=tmp_path / "cache")
    assert run.returncode == 1, run.stderr  # some files could not be read as letters, and it says so
    with sqlite3.connect(db) as conn:
        files = {Path(p).name: (s, r) for p, s, r in conn.execute("SELECT path, status, reason FROM files")}
        records = [json.loads(r) for (r,) in conn.execute("SELECT record FROM letters")]
    assert set(files) == {p.name for p in inbox.iterdir()}, "every file has a row"
    status = {name: s for name, (s, _) in files.items()}
    assert status == {
        "000_edc49453c313701a.txt": "ok",
        "003_8598e27f954b751e.txt": "ok",
        "dari_word.docx": "ok",
        "foto.jpg": "ok",
        "pindai.tiff": "ok",
        "hello.txt": "not_a_letter",
        "rekap.xlsx": "unsupported",
        "lama.doc": "unsupported",
        "gambar.png": "not_a_letter",
        "000_edc49453c313701a.pdf": "ok",
        "ketikan.odt": "ok",
        "dengan_disposisi.pdf": "ok",
        "bundel.pdf": "ok",
    }, files
    assert len(records) == 5  # five letters in thirteen files
    again = [name for name, (_, reason) in files.items() if "the same letter as" in (reason or "")]
    assert len(again) == 4, files
    assert files["bundel.pdf"][1].startswith("2 letters in one file (pages 1-3, 4-5)"), files["bundel.pdf"]
    for record in records:  # no letter made of bytes read as text
        assert not re.search(r"PK\x03\x04|\ufffd|[\x00-\x08]", json.dumps(record, ensure_ascii=False))
    assert "unsupported" in run.stderr and "not a letter" in run.stderr


@needs_ocr
@needs_scans
@pytest.mark.parametrize("suffix", [".heic", ".webp", ".png"])
def test_a_scanned_page_in_each_image_format_is_read(tmp_path, suffix):
    import pillow_heif

    pillow_heif.register_heif_opener()  # to write the HEIC; edaran registers it to read
    path = tmp_path / f"page{suffix}"
    scan_pages(SHARED / "seeds-scan" / f"{LETTER}.pdf", dpi=150)[0].save(path, quality=90)
    letter = extract_letter(read_document(path))
    assert letter.number and "2219" in letter.number and letter.source.pages == 1


# -- a letter filed with its disposition slip ---------------------------------------------------


def disposition_slip() -> bytes:
    """A bureau's disposition slip as one PDF page, labels as agenda clerks' forms print them."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    for line in [
        "PEMERINTAH KABUPATEN CONTOH",
        "LEMBAR DISPOSISI",
        "",
        "Surat dari : Bupati Sekadau",
        "No. Surat : 863/2219/BKPSDM/2023",
        "Tgl. Surat : 24 November 2023",
        "No. Agenda : 0457/SM/2023",
        "Tgl. Diterima : 28 November 2023",
        "Sifat : Segera",
        "Perihal : Netralitas ASN",
        "Diteruskan kepada : Kepala Bagian Hukum untuk ditindaklanjuti",
        "Paraf : ...",
    ]:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def with_slip(letter: Path) -> bytes:
    """The PDF ``letter`` with a disposition slip on top, as a bureau scans what it received."""
    return concatenated([disposition_slip(), letter.read_bytes()])


def concatenated(pdfs: list[bytes]) -> bytes:
    """One PDF of the pages of ``pdfs``, in order: what a scanner's batch or a forwarded bundle holds."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for data in pdfs:
        for page in PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_disposition_slip_is_the_receipt_not_the_letter(tmp_path):
    path = tmp_path / "scan_masuk.pdf"
    path.write_bytes(with_slip(SAMPLES / f"{LETTER}.pdf"))
    [(letter, part)] = letters_in(read_document(path))
    alone = extract_letter(read_document(SAMPLES / f"{LETTER}.pdf"))
    assert (letter.number, letter.date, letter.issuer.office, letter.subject) == (
        alone.number,
        alone.date,
        alone.issuer.office,
        alone.subject,
    )
    assert len(letter.prohibitions) == len(alone.prohibitions)
    receipt = letter.receipt
    assert receipt and receipt.kind == "LEMBAR DISPOSISI" and receipt.pages == [1]
    assert (receipt.agenda_number, str(receipt.received), receipt.sender) == (
        "0457/SM/2023",
        "2023-11-28",
        "Bupati Sekadau",
    )
    assert receipt.disposition == "Kepala Bagian Hukum untuk ditindaklanjuti"
    assert (
        letter.spans["number"].page == 2 and letter.spans["number"].bbox == alone.spans["number"].bbox
    )  # after the slip
    assert alone.receipt is None and (letter.source.first_page, letter.source.last_page) == (2, 3)
    assert part.text[letter.spans["number"].start : letter.spans["number"].end] == letter.number


def odt_letter(text: str) -> bytes:
    """A letter's text typed into LibreOffice: "1. …" runs as lists numbered by their style."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"'
    )
    from xml.sax.saxutils import escape

    body, in_list = [], False
    for line in text.splitlines():
        line = line.strip().strip("#*").strip()
        match = _LABEL.match(line)
        if match and not in_list:  # a list interrupted by sub-items goes on counting, as the typist's did
            body.append(
                '<text:list text:style-name="L1" text:continue-numbering="%s">'
                % ("false" if match.group(1) == "1" else "true")
            )
            in_list = True
        elif not match and in_list and line:
            body.append("</text:list>")
            in_list = False
        item = escape(match.group(2) if match else line)
        body.append(
            f"<text:list-item><text:p>{item}</text:p></text:list-item>" if match else f"<text:p>{item}</text:p>"
        )
    if in_list:
        body.append("</text:list>")
    content = (
        f'<office:document-content {ns}><office:automatic-styles><text:list-style style:name="L1">'
        '<text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/>'
        "</text:list-style></office:automatic-styles><office:body><office:text>"
        + "".join(body)
        + "</office:text></office:body></office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", content)
    return out.getvalue()


def test_an_odt_letter_reads_as_its_text_does(tmp_path):
    path = tmp_path / "surat.odt"
    path.write_bytes(odt_letter((SAMPLES / f"{LETTER}.txt").read_text(encoding="utf-8")))
    doc = read_document(path)
    assert [int(m.group(1)) for m in re.finditer(r"(?m)^(\d+)\. ", doc.text)][:3] == [1, 2, 3]
    from_odt, from_text = extract_letter(doc), extract_letter(read_document(SAMPLES / f"{LETTER}.txt"))
    assert (from_odt.number, from_odt.date, from_odt.issuer.office) == (
        from_text.number,
        from_text.date,
        from_text.issuer.office,
    )
    assert len(from_odt.prohibitions) == len(from_text.prohibitions) > 0


@pytest.mark.parametrize("suffix", [".txt", ".pdf"])
def test_annexes_after_the_signature_are_the_letters_attachments(suffix):
    doc = read_document(SAMPLES / f"003_8598e27f954b751e{suffix}")
    [(letter, _)] = letters_in(doc)
    assert len(letter.attachments) == 1
    annex = letter.attachments[0]
    assert annex.title.startswith("LAMPIRAN SURAT GUBERNUR") and "800/46/BKPSDMD-II" in annex.title
    assert doc.text[annex.span.start : annex.span.end].startswith("LAMPIRAN")
    assert annex.pages == ([] if suffix == ".txt" else [2, 3])
    assert letters_in(read_document(SAMPLES / f"{LETTER}{suffix}"))[0][0].attachments == []


def test_a_bundle_of_letters_is_split_into_its_letters():
    stems = [LETTER, "000_edc49453c313701a", "003_8598e27f954b751e"]  # the last with two pages of annex
    pdfs = [(SAMPLES / f"{stem}.pdf").read_bytes() for stem in stems]
    bundle = concatenated([disposition_slip(), pdfs[0], pdfs[1], disposition_slip(), pdfs[2]])
    from edaran.ingest.pdf import read_pdf

    found = letters_in(read_pdf("bundel.pdf", bundle))
    alone = [extract_letter(read_document(SAMPLES / f"{stem}.pdf")) for stem in stems]
    assert [(letter.number, letter.date) for letter, _ in found] == [(a.number, a.date) for a in alone]
    sizes = [a.source.pages for a in alone]  # 2, 1 and 3 pages, after a slip, alone, after a slip
    ranges = [(letter.source.first_page, letter.source.last_page) for letter, _ in found]
    assert ranges == [
        (2, 1 + sizes[0]),
        (2 + sizes[0], 1 + sizes[0] + sizes[1]),
        (3 + sizes[0] + sizes[1], 2 + sum(sizes)),
    ]
    assert [bool(letter.receipt) for letter, _ in found] == [True, False, True]
    assert len(found[2][0].attachments) == 1 and found[2][0].attachments[0].pages[-1] == 2 + sum(sizes)
    for letter, part in found:
        assert letter.source.path == "bundel.pdf" and letter.spans["number"].page == letter.source.first_page
        assert part.text[letter.spans["number"].start : letter.spans["number"].end] == letter.number


def rtf_letter(text: str) -> bytes:
    """A letter's text saved as Rich Text the way Word writes it: list labels in ``\\listtext`` groups,
    letters outside ASCII as ``\\'xx`` escapes of the declared code page."""
    out = ["{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Arial;}}\n"]
    for line in text.splitlines():
        line = line.strip().strip("#*").strip()
        escaped = "".join(
            ch if ord(ch) < 128 and ch not in "\\{}" else f"\\'{ch.encode('cp1252', 'replace')[0]:02x}" for ch in line
        )
        match = _LABEL.match(escaped)
        if match:
            out.append(f"{{\\listtext\\pard\\plain {match.group(1)}.\\tab}}{match.group(2)}\\par\n")
        else:
            out.append(f"{escaped}\\par\n")
    out.append("}")
    return "".join(out).encode("ascii")


def test_an_rtf_letter_reads_as_its_text_does(tmp_path):
    text = (SAMPLES / f"{LETTER}.txt").read_text(encoding="utf-8")
    path = tmp_path / "surat.rtf"
    path.write_bytes(rtf_letter(text.replace("Sekadau", "Sekadau – Kalbar", 1)))
    doc = read_document(path)
    assert doc.media_type == "application/rtf" and "Sekadau – Kalbar" in doc.text
    from_rtf, from_text = extract_letter(doc), extract_letter(read_document(SAMPLES / f"{LETTER}.txt"))
    assert (from_rtf.number, from_rtf.date, from_rtf.issuer.office) == (
        from_text.number,
        from_text.date,
        from_text.issuer.office,
    )
    assert len(from_rtf.prohibitions) == len(from_text.prohibitions) > 0
