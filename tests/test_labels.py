"""Labels and titles by their shape: at the start of a line, any case, a word end, optional punctuation."""

from __future__ import annotations

import datetime as dt

import pytest

from edaran.extract import extract_letter
from edaran.extract.sections import HAL, NUMBER, number_at, title_kind
from edaran.ingest import read_text


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("Nomor : 800/46/BKD/2024", "800/46/BKD/2024"),
        ("Nomor: 800/46/BKD/2024", "800/46/BKD/2024"),
        ("Nomor. 800/46/BKD/2024", "800/46/BKD/2024"),
        ("Nomor       :   800/46/BKD/2024", "800/46/BKD/2024"),
        ("NOMOR e-0008/SE/2024", "e-0008/SE/2024"),
        ("nomor e-0008/SE/2024", "e-0008/SE/2024"),
        ("No. 12/SE/2024", "12/SE/2024"),
        ("NO : 12/SE/2024", "12/SE/2024"),
        ("No.: 12/SE/2024", "12/SE/2024"),
        ("  No 12/SE/2024", "12/SE/2024"),
        ("Nomor : .../BKD/2024", ".../BKD/2024"),  # a draft's blank stays in the value
        # Words that open with the letters of a label are no label.
        ("NOTA DINAS", None),
        ("Nopember 2024", None),
        ("Nomenklatur jabatan", None),
        ("Nomor-nomor surat", None),
    ],
)
def test_number_label(line, value):
    m = NUMBER.match(line)
    assert (m.group("value") if m else None) == value


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("Hal : Netralitas ASN", "Netralitas ASN"),
        ("Hal: Netralitas ASN", "Netralitas ASN"),
        ("Hal. Netralitas ASN", "Netralitas ASN"),
        ("HAL   :  Netralitas ASN", "Netralitas ASN"),
        ("Perihal Netralitas ASN", "Netralitas ASN"),
        ("perihal : undangan rapat", "undangan rapat"),
        ("Hal", ""),  # the value on the lines below
        # A sentence is no label: "Hal tersebut …", "Hal-hal …".
        ("Hal tersebut agar dilaksanakan.", None),
        ("Hal-hal sebagai berikut:", None),
        ("Halaman 2", None),
    ],
)
def test_subject_label(line, value):
    m = HAL.match(line)
    assert (m.group("value") if m else None) == value


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("SURAT EDARAN", "surat_edaran"),
        ("Surat Edaran", "surat_edaran"),
        ("SURAT EDARAN BERSAMA", "surat_edaran"),
        ("SURAT EDARAN BUPATI KUDUS", "surat_edaran"),
        ("Surat Edaran Bupati Kudus", "surat_edaran"),
        ("SURAT EDARAN OTORITAS JASA KEUANGAN", "surat_edaran"),
        ("NOTA DINAS", "nota_dinas"),
        ("Nota Dinas", "nota_dinas"),
        ("INSTRUKSI WALI KOTA SEMARANG", "instruksi"),
        ("SURAT PERINTAH TUGAS", "surat"),
        ("UNDANGAN", "surat"),
        # Sentences and citations that open with a title's words are no title.
        ("Surat Edaran ini mulai berlaku pada tanggal ditetapkan.", None),
        ("Surat Edaran Menteri Dalam Negeri Nomor 800/4123 Tahun 2023", None),
        ("Instruksi ini disampaikan untuk dilaksanakan.", None),
        ("Undangan rapat koordinasi", None),
    ],
)
def test_title(line, kind):
    assert title_kind(line) == kind


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("SURAT EDARAN NOMOR 12 TAHUN 2024", "12 TAHUN 2024"),
        ("SURAT EDARAN BUPATI KUDUS NOMOR 800/12/BKD/2024", "800/12/BKD/2024"),
        ("INSTRUKSI BUPATI BOGOR NOMOR 5 TAHUN 2024", "5 TAHUN 2024"),
        ("NOMOR : 800/46/BKD/2024", "800/46/BKD/2024"),
        # A citation in a sentence names another letter's number.
        ("Surat Edaran Menteri Dalam Negeri Nomor 800/4123 tentang Netralitas", None),
        ("Surat Edaran Menteri Dalam Negeri Nomor 800/4123 Tahun 2023", None),
        ("NOTA DINAS", None),
    ],
)
def test_number_on_a_title_line(line, value):
    m = number_at(line)
    assert (m.group("value") if m else None) == value


@pytest.mark.parametrize(
    "enacted",
    [
        "Ditetapkan di Kudus pada tanggal 3 Maret 2024",
        "DITETAPKAN DI KUDUS PADA TANGGAL 3 MARET 2024",
        "Ditetapkan di Kudus\nPada Tanggal : 3 Maret 2024",
        "DIKELUARKAN DI KUDUS\nPADA TANGGAL 3 MARET 2024",
        "Ditetapkan di: Kudus\nTanggal: 3 Maret 2024",
    ],
)
def test_place_and_date_of_enactment_in_any_case(enacted):
    text = (
        f"BUPATI KUDUS\n\nSURAT EDARAN\nNOMOR 800/1/BKD/2024\nTENTANG\nNETRALITAS ASN\n\n"
        f"Dalam rangka pemilihan, setiap ASN dilarang:\n1. ikut kampanye.\n\nDemikian.\n\n{enacted}\n\n"
        "BUPATI KUDUS,\n\nHARTOPO\n"
    )
    letter = extract_letter(read_text("se.txt", text.encode()), today=dt.date(2026, 1, 1))
    assert (letter.place, letter.date) == ("Kudus", dt.date(2024, 3, 3))


def test_a_nota_dinas_title_is_no_number():
    """ "NOTA DINAS" once read as the label "NO" with the value "TA DINAS": a blank number, wrongly."""
    text = (
        "BADAN KEPEGAWAIAN DAERAH\n\nNOTA DINAS\nKepada Yth. : Sekretaris Daerah\nDari : Kepala Badan\n"
        "Tanggal : 5 Nopember 2024\nHal : Netralitas ASN\n\nDengan hormat, setiap ASN dilarang:\n"
        "1. ikut kampanye.\n\nDemikian.\n\nKEPALA BADAN,\n\nBUDI\n"
    )
    letter = extract_letter(read_text("nd.txt", text.encode()), today=dt.date(2026, 1, 1))
    codes = {w.code for w in letter.warnings}
    assert (letter.doc_type, letter.number, letter.date) == ("nota_dinas", None, dt.date(2024, 11, 5))
    assert "number_missing" in codes and "number_blank" not in codes
    assert (letter.subject, letter.addressees) == ("Netralitas ASN", ["Sekretaris Daerah"])
