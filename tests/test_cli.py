"""The command line: documented commands, and batches with bad input that never crash."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from typer.testing import CliRunner

from edaran.cli import app

from conftest import ROOT, SAMPLES

runner = CliRunner()
COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def test_every_command_has_help_with_an_example():
    assert {"extract", "text", "schema"} <= set(COMMANDS)
    for name in COMMANDS:
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.output, f"`edaran {name} --help` shows no example"


def edaran(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "edaran", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        env={**os.environ, "EDARAN_CACHE_DIR": str(cwd / ".cache-test")},
    )


def test_extract_prints_one_record_per_document():
    run = edaran("extract", "samples/000_edc49453c313701a.txt", "samples/003_8598e27f954b751e.txt")
    assert run.returncode == 0, run.stderr
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["source"]["path"] for r in records] == [
        "samples/000_edc49453c313701a.txt",
        "samples/003_8598e27f954b751e.txt",
    ]


def test_extract_json_and_table_formats():
    run = edaran("extract", "samples/002_c412d0169f79d04d.txt", "--format", "json")
    assert json.loads(run.stdout)["number"] == "863/2219/BKPSDM/2023"
    run = edaran("extract", "samples/002_c412d0169f79d04d.txt", "--format", "table")
    assert "863/2219" in run.stdout and run.returncode == 0


def test_text_with_spans_names_each_field():
    run = edaran("text", "samples/002_c412d0169f79d04d.txt", "--spans")
    assert run.returncode == 0
    assert "number [" in run.stdout and "863/2219/BKPSDM/2023" in run.stdout


def _image_only_pdf(path):
    image = Image.new("L", (620, 300), 255)
    ImageDraw.Draw(image).text((40, 40), "SURAT EDARAN NOMOR 1/2024", fill=0)
    image.save(path, "PDF", resolution=72)


def test_bad_input_never_crashes_the_batch(tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (tmp_path / "empty_folder").mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "random.pdf").write_bytes(os.urandom(3000))
    pdf = (SAMPLES / "002_c412d0169f79d04d.pdf").read_bytes()
    (bad / "truncated.pdf").write_bytes(pdf[: len(pdf) // 3])
    (bad / "english.txt").write_text("The quick brown fox jumps over the lazy dog. " * 10)
    (bad / "latin1.txt").write_bytes("Surat edaran tentang netralitas pegawai di Sekadau ­ caf\xe9".encode("latin-1"))
    _image_only_pdf(bad / "scan.pdf")
    good = SAMPLES / "002_c412d0169f79d04d.txt"
    run = edaran(
        "extract", "--no-ocr", str(tmp_path / "missing.txt"), str(tmp_path / "empty_folder"), str(bad), str(good)
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    errors = run.stderr.strip().splitlines()
    assert all(line.startswith("error: ") for line in errors), errors
    for name in ("missing.txt", "empty_folder", "empty.txt", "random.pdf", "truncated.pdf", "scan.pdf"):
        assert sum(name in line for line in errors) == 1, (name, errors)
    assert any("needs OCR" in line for line in errors if "scan.pdf" in line)
    records = {json.loads(line)["source"]["path"]: json.loads(line) for line in run.stdout.splitlines()}
    assert set(records) == {str(good)}
    assert records[str(good)]["number"] == "863/2219/BKPSDM/2023"
    # Prose and a lone title read, but are no letter: said so, with no record made of them.
    for name in ("english.txt", "latin1.txt"):
        assert [line for line in errors if name in line and "not a letter" in line], (name, errors)
    from edaran.extract import extract_letter
    from edaran.ingest import read_document

    assert "not_indonesian" in [w.code for w in extract_letter(read_document(bad / "english.txt")).warnings]
    assert "encoding_guessed" in [w.code for w in extract_letter(read_document(bad / "latin1.txt")).warnings]


@pytest.mark.parametrize("args", [["extract"], ["text"]])
def test_missing_arguments_explain_themselves(args):
    run = edaran(*args)
    assert run.returncode == 2
    assert "Missing argument" in run.stderr


def test_version_and_short_help():
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and version.output.startswith("edaran ") and "extractor" in version.output
    assert runner.invoke(app, ["-h"]).exit_code == 0
    assert "Example" in runner.invoke(app, ["extract", "-h"]).output


def test_file_names_and_values_never_drive_the_terminal(tmp_path):
    """A name or value holding an escape sequence or rich markup is printed as written, made harmless."""
    (tmp_path / "surat\x1b[31m[bold]merah\x1b[0m.txt").write_text(
        "SURAT EDARAN\nNOMOR 1 TAHUN 2024\nTENTANG\nX [/bold] [lihat lampiran]\n\nIsi.\n", encoding="utf-8"
    )
    (tmp_path / "rusak\x1b]0;judul\x07.pdf").write_bytes(b"%PDF-1.4 broken")
    run = edaran("extract", str(tmp_path), "--format", "table", cwd=tmp_path)
    assert run.returncode == 1  # the broken PDF
    assert "\x1b" not in run.stdout and "\x1b" not in run.stderr and "\x07" not in run.stderr
    flat = "".join(c for c in run.stdout if c not in " \n│┃")
    assert "[bold]merah" in flat  # markup in a file name is shown, not applied


def test_links_out_of_a_folder_are_recorded_not_read(tmp_path):
    """A folder given to ingest reads what is in it; a link to a file or folder elsewhere is recorded as
    not read (a shared folder must not make edaran read other places), unless --follow-links."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    letter = (ROOT / "samples" / "000_edc49453c313701a.txt").read_text(encoding="utf-8")
    (outside / "secret.txt").write_text(letter, encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "own.txt").write_text(letter.replace("2023", "2024"), encoding="utf-8")
    (folder / "to-file.txt").symlink_to(outside / "secret.txt")
    (folder / "to-folder").symlink_to(outside)
    (folder / "loop").symlink_to(folder)  # a link back into the folder: no loop, nothing read twice
    db = tmp_path / "c.db"
    run = edaran("ingest", str(folder), "--db", str(db), cwd=tmp_path)
    assert run.returncode == 1
    assert run.stderr.count("outside") == 2 and "--follow-links" in run.stderr
    import sqlite3

    rows = dict(sqlite3.connect(db).execute("SELECT path, status FROM files"))
    assert rows[str(folder / "own.txt")] == "ok"
    assert rows[str(folder / "to-file.txt")] == "failed" and rows[str(folder / "to-folder")] == "failed"
    followed = edaran("extract", str(folder), "--follow-links", cwd=tmp_path)
    paths = [json.loads(line)["source"]["path"] for line in followed.stdout.splitlines()]
    assert sorted(Path(p).name for p in paths) == ["own.txt", "secret.txt", "to-file.txt"]
