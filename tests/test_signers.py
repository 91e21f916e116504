"""Signers' names across the genre's name shapes and signature layouts.

A blind reading of new letters lost names that open with a one-letter or short name element
("I WAYAN SUDARSANA", "NI LUH PUTU …", "A.A. NGURAH …"): the lone "I" was taken for a scrap of
the signature's strokes.  Each name is read in every layout: office with or without an acting
or on-behalf prefix, with or without "ttd", a rank line, an enactment place, an electronic
signature.
"""

from __future__ import annotations

import itertools

import pytest

from edaran.extract import extract_letter
from edaran.extract.lines import smart_title
from edaran.extract.signature import _scrap
from edaran.ingest import read_text

from conftest import LETTER_HEAD

HEAD = (
    LETTER_HEAD
    + """

Sehubungan dengan Pemilihan Umum Tahun 2024, setiap ASN dilarang:
1. ikut kampanye;
2. memasang spanduk calon.

Demikian Surat Edaran ini untuk dilaksanakan.

"""
)
# (as printed, the name without titles) — Balinese and Sasak name elements, hajji and academic titles,
# degrees after a comma, names printed in title case.
NAMES = [
    ("I WAYAN SUDARSANA", "I Wayan Sudarsana"),
    ("NI LUH PUTU ARIASIH", "Ni Luh Putu Ariasih"),
    ("I GUSTI AGUNG NGURAH MAHENDRA", "I Gusti Agung Ngurah Mahendra"),
    ("A.A. NGURAH OKA", "A.A. Ngurah Oka"),
    ("I.B. MANUABA", "I.B. Manuaba"),
    ("I Made Ariawan, S.T., M.T.", "I Made Ariawan"),
    ("Dr. I KETUT SUKARJA, S.H., M.Si.", "I Ketut Sukarja"),
    ("Ir. I Nyoman Suarjana, M.T.", "I Nyoman Suarjana"),
    ("Drs. I GDE PUTRA", "I Gde Putra"),
    ("H. LALU MUHAMAD IQBAL", "Lalu Muhamad Iqbal"),
    ("Hj. BAIQ ROHANI, S.Pd.", "Baiq Rohani"),
    ("IDA BAGUS MADE GEDE", "Ida Bagus Made Gede"),
    ("NI KETUT SRI WAHYUNI, S.E.", "Ni Ketut Sri Wahyuni"),
    ("I KADEK ARI", "I Kadek Ari"),
]
OFFICES = [
    ["BUPATI GIANYAR,"],
    ["Pj. BUPATI GIANYAR,"],
    ["a.n. BUPATI GIANYAR", "SEKRETARIS DAERAH,"],
    ["Plt. KEPALA BADAN KEPEGAWAIAN", "DAN PENGEMBANGAN SUMBER DAYA MANUSIA"],
    ["Ditetapkan di Gianyar", "pada tanggal 10 Januari 2024", "BUPATI GIANYAR,"],
    ["Ditandatangani secara elektronik oleh:", "BUPATI GIANYAR,"],
]
NIP = "NIP. 19730121 199303 1 004"


@pytest.mark.parametrize(("printed", "name"), NAMES)
def test_names_in_every_signature_layout(printed, name):
    for office, signed, rank in itertools.product(OFFICES, [True, False], [True, False]):
        block = office + (["", "ttd"] if signed else []) + ["", "", printed]
        block += (["Pembina Utama Muda"] if rank else []) + [NIP]
        text = HEAD + "\n".join(block) + "\n"
        letter = extract_letter(read_text("letter.txt", text.encode()))
        assert letter.signatory.name == name, (office, signed, rank)
        assert letter.signatory.nip == "197301211993031004"


@pytest.mark.parametrize("scrap", ["YSS Y,", "IL Pa", "I Ab", "Elo", "W KEPALA", "ad I", "I WAYAN", "Budi S Santoso"])
def test_strokes_and_stamps_stay_scraps(scrap):
    """The lone capital is a name element only where it opens two or more longer capitalised words."""
    assert _scrap(scrap)


@pytest.mark.parametrize(
    ("printed", "titled"),
    [
        ("A.A. NGURAH OKA", "A.A. Ngurah Oka"),
        ("I WAYAN SUDARSANA", "I Wayan Sudarsana"),
        ("M. RIDWAN", "M. Ridwan"),
        ("I.G.A. KARTIKA", "I.G.A. Kartika"),
        ("Budi Santoso", "Budi Santoso"),
    ],
)
def test_title_case_keeps_initials(printed, titled):
    assert smart_title(printed) == titled
