"""Varied synthetic letters for tests and benchmarks: many regions, offices, layouts, list
shapes and wordings, so that large corpora are not copies of five letters.

    .venv/bin/python benchmarks/generate.py OUT_DIR COUNT
"""

from __future__ import annotations

import csv
import random
import sys
from importlib import resources
from pathlib import Path

MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
ACTS = [
    "ikut kampanye",
    "menjadi peserta kampanye dengan menggunakan atribut partai atau atribut PNS",
    "sebagai peserta kampanye dengan mengerahkan PNS lain",
    "sebagai peserta kampanye dengan mengarahkan PNS lain",
    "sebagai peserta kampanye dengan menggunakan fasilitas negara",
    "membuat keputusan dan/atau tindakan yang menguntungkan atau merugikan salah satu pasangan calon sebelum, selama, dan sesudah masa kampanye",
    "membuat keputusan yang menguntungkan salah satu pasangan calon",
    "mengadakan kegiatan yang mengarah kepada keberpihakan terhadap pasangan calon meliputi pertemuan, ajakan, himbauan, seruan, atau pemberian barang",
    "memberikan surat dukungan disertai fotokopi Kartu Tanda Penduduk",
    "memasang spanduk/baliho/alat peraga lainnya terkait calon",
    "mengunggah foto bersama calon di media sosial",
    "melakukan posting, comment, share, like akun pemenangan calon",
    "menghadiri deklarasi pasangan calon",
    "menjadi anggota dan/atau pengurus partai politik",
    "menggunakan mobil dinas untuk mengantar tim sukses",
    "memakai kaos bergambar pasangan calon di kantor",
]
DUTIES = [
    "mensosialisasikan surat edaran ini kepada seluruh pegawai",
    "melakukan pengawasan netralitas secara berjenjang",
    "melaporkan dugaan pelanggaran kepada Badan Kepegawaian Daerah",
    "menjaga netralitas dalam pelayanan publik",
]
NAMES = [
    "Ahmad",
    "Siti",
    "Budi",
    "Rahmat",
    "Dewi",
    "Yusuf",
    "Ratna",
    "Hendra",
    "Wulan",
    "Agus",
    "Nurul",
    "Slamet",
    "Fitri",
    "Joko",
    "Made",
    "Ketut",
    "Andi",
    "Rina",
    "Bambang",
    "Sri",
]
BASES = [
    "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara",
    "Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil",
    "Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara",
    "Undang-Undang Nomor 10 Tahun 2016 tentang Pemilihan Gubernur, Bupati, dan Wali Kota",
]


def regions() -> list[dict]:
    with resources.files("edaran.data").joinpath("wilayah.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def letter(n: int, all_regions: list[dict] | None = None) -> str:
    """The n-th generated letter (deterministic in n)."""
    rnd = random.Random(n)
    region = rnd.choice(all_regions or regions())
    name = region["nama"]
    for prefix in ("Kota Administrasi ", "Kabupaten Administrasi ", "Kabupaten ", "Kota "):
        name = name.removeprefix(prefix)
    head = {"provinsi": "GUBERNUR", "kabupaten": "BUPATI", "kota": rnd.choice(["WALI KOTA", "WALIKOTA"])}[
        region["tingkat"]
    ]
    year = rnd.choice([2023, 2024])
    election = rnd.choice(["PEMILIHAN UMUM", "PEMILIHAN KEPALA DAERAH", "PEMILIHAN UMUM DAN PEMILIHAN"])
    day, month = rnd.randint(1, 28), rnd.randint(1, 12)
    number = f"{rnd.choice([800, 863, 100])}/{rnd.randint(1, 9999)}/{rnd.choice(['BKD', 'BKPSDM', 'SETDA'])}/{year}"
    acts = rnd.sample(ACTS, rnd.randint(3, 9))
    style = rnd.choice(["a.", "1.", "1)", "-"])
    label = {
        "a.": lambda i: f"{'abcdefghij'[i]}.",
        "1.": lambda i: f"{i + 1}.",
        "1)": lambda i: f"{i + 1})",
        "-": lambda i: "-",
    }[style]
    items = "\n".join(f"{label(i)} {act};" for i, act in enumerate(acts))
    duties = "\n".join(f"{i + 1}. {d};" for i, d in enumerate(rnd.sample(DUTIES, rnd.randint(1, 4))))
    basis = rnd.choice(BASES) if rnd.random() < 0.8 else None
    opening = f"Berdasarkan {basis}, d" if basis else "D"
    person = " ".join(rnd.sample(NAMES, rnd.randint(2, 3))).upper()
    nip = (
        f"{rnd.randint(1965, 1990)}{rnd.randint(1, 12):02d}{rnd.randint(1, 28):02d}{rnd.randint(2005, 2020)}"
        f"{rnd.randint(1, 12):02d}{rnd.randint(1, 2)}{rnd.randint(1, 999):03d}"
    )
    acting = rnd.choice(["", "", "", "Pj. ", "Plt. "])
    date = f"{day} {MONTHS[month - 1]} {year}"
    top = rnd.random() < 0.5
    return (
        f"{head} {name.upper()}\n\n"
        + (f"{name}, {date}\n\n" if top else "")
        + f"Yth. Kepala Perangkat Daerah\ndi Lingkungan Pemerintah {region['nama']}\n\n"
        f"SURAT EDARAN\nNOMOR {number}\nTENTANG\nNETRALITAS APARATUR SIPIL NEGARA DALAM {election} TAHUN {year}\n\n"
        f"{opening}alam rangka menjaga netralitas, disampaikan hal-hal sebagai berikut:\n\n"
        f"A. Setiap Pegawai ASN dilarang:\n{items}\nB. Kepala Perangkat Daerah wajib:\n{duties}\n\n"
        "Demikian untuk dilaksanakan.\n\n"
        + ("" if top else f"Ditetapkan di {name}\npada tanggal {date}\n\n")
        + f"{acting}{head} {name.upper()},\n\nttd\n\n{person}\nNIP {nip}\n"
    )


def write(out: Path, count: int, start: int = 0) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    table = regions()
    paths = []
    for n in range(start, start + count):
        path = out / f"letter_{n:06d}.txt"
        path.write_text(letter(n, table), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    if len(sys.argv) != 3 or not sys.argv[2].isdigit():
        sys.exit(__doc__)
    print(f"{len(write(Path(sys.argv[1]), int(sys.argv[2])))} letters written to {sys.argv[1]}")
