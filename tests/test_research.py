"""The corpus as researchers use it: formats of search, show, stats and query; errors for values
no letter can have; regions by name; Excel's CSV.  One corpus built from the bundled samples."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
import subprocess
import sys

import pytest

from conftest import ROOT


def edaran(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "edaran", *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("research") / "c.db")
    run = edaran("ingest", "samples", "--db", path)
    assert run.returncode == 0, run.stderr
    return path


def _parse(format: str, text: str) -> list[dict]:
    """The rows a machine-readable output holds, whatever its format."""
    if format == "json":
        return json.loads(text)
    if format == "jsonl":
        return [json.loads(line) for line in text.splitlines()]
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("format", ["json", "jsonl", "csv"])
def test_search_rows_are_the_same_in_every_format(db, format):
    run = edaran("search", "spanduk baliho", "--db", db, "--format", format)
    assert run.returncode == 0, run.stderr
    rows = _parse(format, run.stdout)
    assert rows and all("[spanduk]" in r["snippet"] or "[baliho]" in r["snippet"] for r in rows)
    assert set(rows[0]) == {"letter_id", "number", "date", "region", "path", "where", "snippet", "corrected"}


def test_search_table_is_the_default(db):
    run = edaran("search", "spanduk baliho", "--db", db)
    assert run.returncode == 0 and "[spanduk]" in run.stdout
    with pytest.raises(json.JSONDecodeError):
        json.loads(run.stdout)


@pytest.mark.parametrize("format", ["json", "jsonl", "csv", "table"])
def test_query_formats(db, format):
    run = edaran("query", "SELECT number FROM letters WHERE number = '800/377/IV.1/BKD'", "--db", db, "-f", format)
    assert run.returncode == 0, run.stderr
    if format == "table":
        assert "800/377/IV.1/BKD" in run.stdout
    else:
        assert _parse(format, run.stdout) == [{"number": "800/377/IV.1/BKD"}]


@pytest.mark.parametrize("format", ["json", "jsonl", "csv"])
def test_stats_formats(db, format):
    run = edaran("stats", "--db", db, "--format", format)
    assert run.returncode == 0, run.stderr
    rows = _parse(format, run.stdout)
    by_level = {r["value"]: int(r["count"]) for r in rows if r["statistic"] == "letters by region level"}
    assert sum(by_level.values()) == 5


def test_show_json_is_one_document(db):
    run = edaran("show", "863/2219/BKPSDM/2023", "--db", db, "--format", "json")
    assert run.returncode == 0, run.stderr
    document = json.loads(run.stdout)
    assert document["record"]["number"] == "863/2219/BKPSDM/2023"
    assert {"id", "record", "where_read", "corrected"} == set(document)
    number = next(w for w in document["where_read"] if w["field"] == "number")
    assert number["text"] == "863/2219/BKPSDM/2023"


def test_show_jsonl_and_csv(db):
    run = edaran("show", "863/2219/BKPSDM/2023", "--db", db, "--format", "jsonl")
    (line,) = run.stdout.splitlines()
    letter_id = json.loads(line)["id"]
    run = edaran("show", "863/2219/BKPSDM/2023", "--db", db, "--format", "csv")
    rows = _parse("csv", run.stdout)
    assert {r["letter_id"] for r in rows} == {letter_id} and "number" in {r["field"] for r in rows}


def test_show_finds_a_letter_by_its_file_name(db):
    by_number = json.loads(edaran("show", "800/377/IV.1/BKD", "--db", db, "-f", "json").stdout)
    path = edaran(
        "query", f"SELECT path FROM files WHERE letter_id = '{by_number['id']}' LIMIT 1", "--db", db, "-f", "json"
    )
    name = json.loads(path.stdout)[0]["path"].rsplit("/", 1)[-1]
    by_name = json.loads(edaran("show", name, "--db", db, "-f", "json").stdout)
    assert by_name["id"] == by_number["id"]


def test_show_of_an_unknown_name_is_one_line(db):
    run = edaran("show", "no_such_file.pdf", "--db", db, "-f", "json")
    assert run.returncode == 1 and run.stderr.startswith("error: no letter") and len(run.stderr.splitlines()) == 1


def test_an_unknown_format_lists_the_formats(db):
    run = edaran("stats", "--db", db, "--format", "xml")
    assert run.returncode == 2 and "table" in run.stderr and "jsonl" in run.stderr


@pytest.mark.parametrize(
    ("option", "value", "listed", "guess"),
    [
        ("--level", "kabupatn", "nasional, provinsi, kabupaten, kota", "did you mean kabupaten?"),
        ("--kind", "edaran", "surat_edaran, surat, nota_dinas, instruksi, other", "did you mean surat_edaran?"),
        ("--election", "pilkda-2024", "pemilu, pilkada, pemilu_pilkada", "did you mean pilkada?"),
    ],
)
def test_a_value_no_letter_can_have_is_an_error_listing_the_values(db, option, value, listed, guess):
    run = edaran("search", "netralitas", "--db", db, option, value)
    assert run.returncode == 1 and run.stdout == ""
    (line,) = run.stderr.splitlines()
    assert line.startswith("error: unknown ") and f"{value!r}" in line and listed in line and guess in line


def test_a_known_value_in_capitals_is_accepted(db):
    run = edaran("search", "spanduk", "--db", db, "--level", "Provinsi", "--election", "Pilkada-2024", "-f", "json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)


def test_compare_rejects_an_unknown_election(db):
    run = edaran("compare", "--db", db, "--election", "pilpres")
    assert run.returncode == 1 and "pemilu, pilkada, pemilu_pilkada" in run.stderr


def _letters_found(db: str, *args: str) -> set[str]:
    run = edaran("search", "netralitas", "--db", db, "-f", "json", *args)
    assert run.returncode == 0, run.stderr
    return {hit["number"] for hit in json.loads(run.stdout)}


@pytest.mark.parametrize(
    "region",
    ["Kabupaten Sekadau", "sekadau", "Kab. Sekadau", "61.09", "61", "Kalimantan Barat", "Provinsi Kalimantan Barat"],
)
def test_a_region_by_name_or_code(db, region):
    assert _letters_found(db, "--region", region) == {"863/2219/BKPSDM/2023"}


def test_a_city_by_name_and_its_province_by_code(db):
    assert _letters_found(db, "--region", "Kota Administrasi Jakarta Selatan") == {"e-0008/SE/2024"}
    assert _letters_found(db, "--region", "jakarta selatan") == {"e-0008/SE/2024"}
    assert _letters_found(db, "--region", "31") == {"e-0008/SE/2024", "e-0019/SE/2023"}


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("Bekasi", "region 'Bekasi' is more than one: Kabupaten Bekasi (32.16), Kota Bekasi (32.75)"),
        ("Slemna", "unknown region 'Slemna'; give its name"),
        ("Slemna", "(did you mean Kabupaten Sleman?)"),
        ("kabupaten slemn", "(did you mean Kabupaten Sleman?)"),
        ("99", "no region has the code '99'; give the region's name"),
        ("61.99", "find its code with: edaran query"),
    ],
)
def test_a_region_that_is_not_one_is_an_error(db, region, expected):
    run = edaran("search", "netralitas", "--db", db, "--region", region)
    assert run.returncode == 1 and run.stdout == ""
    (line,) = run.stderr.splitlines()
    assert line.startswith("error: ") and expected in line


def test_a_level_word_settles_a_shared_name(db):
    assert edaran("search", "netralitas", "--db", db, "--region", "Kota Bekasi").returncode == 0


@pytest.fixture
def long_text_db(db, tmp_path) -> tuple[str, str]:
    """A copy of the corpus where one letter's text is longer than an Excel cell holds."""
    path = tmp_path / "long.db"
    shutil.copy(db, path)
    with sqlite3.connect(path) as conn:
        (letter_id,) = conn.execute("SELECT id FROM letters ORDER BY id LIMIT 1").fetchone()
        conn.execute("UPDATE letters SET text = ? WHERE id = ?", ["Menimbang; " + "a" * 40_000, letter_id])
    return str(path), letter_id


def _excel_rows(path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_export_for_excel(long_text_db, tmp_path):
    db, letter_id = long_text_db
    out = tmp_path / "letters.csv"
    run = edaran("export", "--db", db, "--table", "letters", "--format", "csv", "--excel", "--out", str(out))
    assert run.returncode == 0, run.stderr
    rows = {r["id"]: r for r in _excel_rows(out)}
    assert len(rows) == 5
    cut = rows[letter_id]["text"]
    assert len(cut) == 32_767 and cut.startswith("Menimbang; aaa") and cut.endswith("a [dipotong]")
    assert all(not r["text"].endswith(" [dipotong]") for i, r in rows.items() if i != letter_id)


def test_export_without_excel_keeps_the_whole_cell(long_text_db):
    db, letter_id = long_text_db
    run = edaran("export", "--db", db, "--table", "letters", "--format", "csv")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(run.stdout))}
    assert len(rows[letter_id]["text"]) == len("Menimbang; ") + 40_000


def test_excel_is_for_csv_only(db):
    run = edaran("export", "--db", db, "--table", "letters", "--format", "jsonl", "--excel")
    assert run.returncode == 1 and run.stderr == "error: --excel shapes CSV: give it with --format csv\n"


def _soffice(source, target_format: str, outdir, *infilter: str) -> None:
    subprocess.run(
        ["soffice", "--headless", *infilter, "--convert-to", target_format, "--outdir", str(outdir), str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )


def _sheet(path) -> list[tuple]:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    return [tuple(row) for row in book.worksheets[0].iter_rows(values_only=True)]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="no office suite to open the file (setup.sh installs it)")
def test_an_office_suite_reads_the_excel_csv_as_columns(long_text_db, tmp_path):
    """LibreOffice with ';' as the separator (as Excel in an Indonesian locale) finds every column, the
    non-ASCII characters intact and the long cell cut to fit."""
    db, letter_id = long_text_db
    out = tmp_path / "letters.csv"
    assert edaran("export", "--db", db, "--table", "letters", "-f", "csv", "--excel", "--out", str(out)).returncode == 0
    _soffice(out, "xlsx", tmp_path / "calc", "--infilter=CSV:59,34,76")
    rows = _sheet(tmp_path / "calc" / "letters.xlsx")
    header = rows[0]
    assert "number" in header and "subject" in header and len(rows) == 6
    assert all(len([v for v in row if v is not None]) > 10 for row in rows[1:])
    by_id = {row[header.index("id")]: row for row in rows[1:]}
    assert str(by_id[letter_id][header.index("text")]).endswith("[dipotong]")


def _export_file(db: str, table: str, format: str, tmp_path):
    out = tmp_path / f"{table}.{format}"
    run = edaran("export", "--db", db, "--table", table, "--format", format, "--out", str(out))
    assert run.returncode == 0, run.stderr
    return out


def test_xlsx_export_reads_back(long_text_db, tmp_path):
    db, letter_id = long_text_db
    rows = _sheet(_export_file(db, "letters", "xlsx", tmp_path))
    header = rows[0]
    by_id = {row[header.index("id")]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert len(by_id) == 5 and by_id[letter_id]["text"].endswith(" [dipotong]")
    letter = next(r for r in by_id.values() if r["number"] == "863/2219/BKPSDM/2023")
    assert letter["year"] == 2023 and letter["region_code"] == "61.09"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="no office suite to open the file (setup.sh installs it)")
def test_an_office_suite_reads_the_xlsx_as_columns(db, tmp_path):
    source = _export_file(db, "items", "xlsx", tmp_path)
    _soffice(source, "csv", tmp_path / "calc")
    rows = list(csv.reader(io.StringIO((tmp_path / "calc" / "items.csv").read_text(encoding="utf-8"))))
    assert rows[0][:4] == ["id", "letter_id", "kind", "path"] and len(rows) > 20
    assert {len(row) for row in rows} == {len(rows[0])}


def test_parquet_export_reads_back(db, tmp_path):
    import pyarrow.parquet as pq

    table = pq.read_table(_export_file(db, "letters", "parquet", tmp_path))
    assert table.num_rows == 5 and str(table.schema.field("year").type) == "int64"
    rows = {r["number"]: r for r in table.to_pylist()}
    assert rows["863/2219/BKPSDM/2023"]["region_code"] == "61.09" and rows["863/2219/BKPSDM/2023"]["year"] == 2023
    items = pq.read_table(_export_file(db, "items", "parquet", tmp_path))
    assert set(items.column("kind").to_pylist()) == {"prohibition", "obligation"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xlsx"], "error: xlsx is a binary file: give --out FILE.xlsx"),
        (["--format", "parquet", "--table", "records", "--out", "x.parquet"], "error: records are trees"),
    ],
)
def test_binary_exports_need_a_table_and_a_file(db, args, message):
    run = edaran("export", "--db", db, *(["--table", "letters"] if "--table" not in args else []), *args)
    assert run.returncode == 1 and run.stderr.startswith(message)


@pytest.mark.parametrize(
    "forms",
    [
        ("mengerahkan", "dikerahkan", "pengerahan", "kerahkan"),
        ("melarang", "dilarang", "larangan"),
        ("menggunakan", "digunakan", "penggunaan", "gunakan"),
        ("memasang", "dipasang", "pemasangan"),
        ("mengirimkan", "dikirim", "pengiriman", "kiriman"),
        ("berikan", "memberikan", "diberikan", "pemberian", "memberikannya"),
        ("menulis", "ditulis", "penulisan", "tulisan"),
        ("menyebarkan", "disebarkan", "penyebaran"),
        ("petugas", "bertugas", "ditugaskan", "tugasnya"),
        ("mengikuti", "diikuti", "ikutilah"),
    ],
)
def test_forms_of_one_word_share_a_stem(forms):
    from edaran.corpus.stems import stem

    assert len({stem(form) for form in forms}) == 1


def test_a_word_of_no_known_root_stays_itself():
    from edaran.corpus.stems import stem

    assert [stem(w) for w in ("kalimantan", "netralitas", "menpan", "Kuswanto")] == [
        "kalimantan",
        "netralitas",
        "menpan",
        "kuswanto",
    ]


def test_stems_keep_numbers_short_words_and_run_ons():
    from edaran.corpus.stems import stem, stems

    assert stems("Nomor 800/377/IV.1/BKD di ASN") == "nomor 800 377 iv 1 bkd di asn"
    assert stem("ASNDALAMPELAKSANAAN" * 2) == ("asndalampelaksanaan" * 2)


@pytest.mark.parametrize("query", ["dikerahkan", "pengerahan", "kerahkan", "DIKERAHKAN"])
def test_a_derived_form_finds_the_letters_of_another(db, query):
    run = edaran("search", query, "--db", db, "-f", "json")
    assert run.returncode == 0, run.stderr
    hits = json.loads(run.stdout)
    assert {h["number"] for h in hits} == {"800/377/IV.1/BKD", "863/2219/BKPSDM/2023"}
    assert all("[mengerahkan]" in h["snippet"] for h in hits)


def test_a_quoted_phrase_is_found_only_as_written(db):
    assert json.loads(edaran("search", '"dikerahkan"', "--db", db, "-f", "json").stdout or "[]") == []
    hits = json.loads(edaran("search", '"dengan mengerahkan"', "--db", db, "-f", "json").stdout)
    assert hits and all("mengerahkan" in h["snippet"] for h in hits)


def test_stems_combine_with_operators_and_filters(db):
    both = _search(db, "dikerahkan OR spanduk")
    assert {"800/377/IV.1/BKD", "e-0008/SE/2024"} <= both
    assert _search(db, "dikerahkan", "--region", "sekadau") == {"863/2219/BKPSDM/2023"}
    assert _search(db, "mengerahkan NOT kerahkan") == set()  # NOT takes out every form of its word too
    assert _search(db, "pengerahan peserta kampanye") == {"800/377/IV.1/BKD", "863/2219/BKPSDM/2023"}
    assert _search(db, '"dengan mengerahkan" kampanye') == {"800/377/IV.1/BKD", "863/2219/BKPSDM/2023"}


def _search(db: str, query: str, *args: str) -> set[str]:
    run = edaran("search", query, "--db", db, "-f", "json", *args)
    assert run.returncode == 0, run.stderr
    return {hit["number"] for hit in json.loads(run.stdout)}


def test_an_older_corpus_gets_its_stems(tmp_path):
    """A corpus made before stems were indexed is filled in when opened: old letters are found by other forms."""
    import sqlite_utils

    from edaran.corpus.migrations import MIGRATIONS
    from edaran.corpus.search import search
    from edaran.corpus.store import open_corpus

    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    old.table("_migrations").create({"name": str, "applied": str}, pk="name")
    for name, step in MIGRATIONS:
        if name == "0011_stems":
            break
        step(old)
        old.table("_migrations").insert({"name": name, "applied": "2026-01-01T00:00:00+00:00"})
    old.table("letters").insert(
        {"id": "a" * 64, "path": "x.txt", "subject": "Netralitas", "text": "dilarang mengerahkan ASN"}
    )
    old.conn.commit()
    old.close()
    assert [h.letter_id for h in search(open_corpus(path), "pengerahan")] == ["a" * 64]
