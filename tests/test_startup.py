"""A command pays at start-up only for what it uses: reading the corpus (search, stats, query) imports neither
the record models (pydantic) nor sqlite-utils (and numpy with it) nor the extractor.

Each command runs cold in a new process under ``python -X importtime``, which names every module the
process imported; its CPU cost is measured by ``benchmarks/pdf.py``, not here.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT

#: What a command that only reads the corpus must not import, and why it would.
HEAVY = {
    "pydantic": "the record models (schema/letter.py)",
    "sqlite_utils": "the writable corpus (corpus/store.py)",
    "numpy": "sqlite-utils imports it",
    "spacy": "the extractor",
}


def imported(*args: str) -> tuple[subprocess.CompletedProcess, set[str]]:
    """The run of ``edaran ARGS`` and the top-level packages of every module it imported."""
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "edaran", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    modules = {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in run.stderr.splitlines()
        if line.startswith("import time:") and line.count("|") == 2
    }
    return run, modules


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("startup") / "c.db")
    run = subprocess.run(
        [sys.executable, "-m", "edaran", "ingest", "samples", "--db", path],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["search", "netralitas"],
        ["search", '"tidak netral"', "--format", "json"],
        ["search", "pengerahan", "--format", "csv"],  # found by its stem (the stemmer's roots are loaded)
        ["search", "netralitas", "--region", "61", "--format", "jsonl"],
        ["search", "netralitas", "--region", "Kabupaten Sekadau"],
        ["search", "netralitas", "--level", "kabupaten", "--year", "2023"],
        ["search", "kampanye", "--election", "pilkada-2024", "--kind", "surat_edaran"],
        ["stats"],
        ["stats", "--format", "csv"],
        ["query", "SELECT region_code, count(*) FROM letters GROUP BY 1"],
    ],
    ids=lambda args: " ".join(args),
)
def test_reading_the_corpus_imports_no_model_nor_sqlite_utils(db, args):
    run, modules = imported(*args, "--db", db)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip()  # it read the corpus, not an error
    assert "edaran" in modules  # the importtime report was read
    assert {name: why for name, why in HEAVY.items() if name in modules} == {}


def test_the_check_sees_what_a_command_imports(db):
    """``show`` prints a letter's record, so it loads the models: the report names them."""
    run, modules = imported("show", "002_c412d0169f79d04d.txt", "--db", db)
    assert run.returncode == 0, run.stderr
    assert {"pydantic", "sqlite_utils"} <= modules
