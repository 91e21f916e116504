"""Property: a letter assembled from random parts is read back into those parts."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edaran.extract import extract_letter
from edaran.extract.regions import _index
from edaran.ingest import read_text

MONTHS = [
    ["Januari"],
    ["Februari", "Pebruari"],
    ["Maret"],
    ["April"],
    ["Mei"],
    ["Juni"],
    ["Juli"],
    ["Agustus"],
    ["September"],
    ["Oktober"],
    ["November", "Nopember"],
    ["Desember"],
]
REGIONS = sorted({r.code: r for found in _index().values() for r in found}.values(), key=lambda r: r.code)
OFFICE = {"provinsi": ("GUBERNUR", "gubernur"), "kabupaten": ("BUPATI", "bupati"), "kota": ("WALI KOTA", "walikota")}
ACTS = [
    "ikut kampanye",
    "memasang spanduk calon kepala daerah",
    "menggunakan fasilitas negara untuk kampanye",
    "menghadiri deklarasi pasangan calon",
    "memberikan surat dukungan disertai fotokopi KTP",
    "mengunggah foto bersama calon di media sosial",
    "menjadi anggota partai politik",
    "membuat keputusan yang menguntungkan salah satu pasangan calon",
]
NAMES = ["Ahmad", "Siti", "Budi", "Rahmat", "Dewi", "Yusuf", "Ratna", "Hendra", "Wulan", "Agus", "Nurul", "Slamet"]
LABELS = {
    "a.": lambda i: f"{'abcdefgh'[i]}.",
    "1.": lambda i: f"{i + 1}.",
    "1)": lambda i: f"{i + 1})",
    "a)": lambda i: f"{'abcdefgh'[i]})",
    "-": lambda i: "-",
}


def bare_name(region) -> str:
    for prefix in ("Kota Administrasi ", "Kabupaten Administrasi ", "Kabupaten ", "Kota "):
        if region.name.startswith(prefix):
            return region.name[len(prefix) :]
    return region.name


@st.composite
def letters(draw):
    region = draw(st.sampled_from(REGIONS))
    head, office = OFFICE[region.level]
    name = bare_name(region).upper()
    day = draw(st.dates(dt.date(2015, 1, 1), dt.date(2025, 12, 31)))
    month = draw(st.sampled_from(MONTHS[day.month - 1]))
    number = f"{draw(st.integers(100, 999))}/{draw(st.integers(1, 9999))}/{draw(st.sampled_from(['BKD', 'BKPSDM', 'SETDA']))}/{day.year}"
    acts = draw(st.lists(st.sampled_from(ACTS), min_size=1, max_size=6, unique=True))
    style = draw(st.sampled_from(sorted(LABELS)))
    person = " ".join(draw(st.lists(st.sampled_from(NAMES), min_size=2, max_size=3, unique=True)))
    nip = (
        f"{draw(st.dates(dt.date(1965, 1, 1), dt.date(1990, 12, 31))).strftime('%Y%m%d')}"
        f"{draw(st.integers(2010, 2020))}{draw(st.integers(1, 12)):02d}{draw(st.sampled_from('12'))}"
        f"{draw(st.integers(1, 999)):03d}"
    )
    enacted = draw(st.booleans())
    items = "\n".join(f"{LABELS[style](i)} {act};" for i, act in enumerate(acts))
    date_text = f"{day.day} {month} {day.year}"
    top = "" if enacted else f"Kota Contoh, {date_text}\n\n"
    bottom = f"Ditetapkan di Kota Contoh\npada tanggal {date_text}\n\n" if enacted else ""
    text = (
        f"{head} {name}\n\n{top}Yth. Seluruh Pegawai ASN\ndi Tempat\n\nSURAT EDARAN\nNOMOR {number}\nTENTANG\n"
        f"NETRALITAS PEGAWAI ASN DALAM PEMILIHAN KEPALA DAERAH TAHUN {day.year}\n\n"
        f"Dalam rangka menjaga netralitas, disampaikan bahwa setiap Pegawai ASN dilarang:\n{items}\n\n"
        f"Demikian untuk dilaksanakan.\n\n{bottom}{head} {name},\n\nttd\n\n{person.upper()}\nNIP {nip}\n"
    )
    return text, {
        "region": region.code,
        "office": office,
        "date": day,
        "number": number,
        "acts": acts,
        "name": person,
        "nip": nip,
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(letters())
def test_generated_letter_is_read_back(case):
    text, want = case
    letter = extract_letter(read_text("generated.txt", text.encode()), today=dt.date(2026, 1, 1))
    assert letter.number == want["number"]
    assert letter.date == want["date"]
    assert letter.place == "Kota Contoh"
    assert letter.issuer.office == want["office"]
    assert letter.issuer.region is not None and letter.issuer.region.code == want["region"]
    assert letter.signatory.name == want["name"]
    assert letter.signatory.nip == want["nip"]
    assert [p.text for p in letter.prohibitions] == want["acts"]
    assert letter.election is not None and letter.election.kind == "pilkada"
