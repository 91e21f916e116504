"""`import edaran` gives a researcher's few functions, loaded on first use."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

PUBLIC = ["read_document", "extract_letter", "open_corpus", "search", "compare"]


def _python(code: str) -> str:
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_import_edaran_loads_no_stage():
    loaded = json.loads(_python("import json, sys, edaran; print(json.dumps(sorted(sys.modules)))"))
    assert [m for m in loaded if m.startswith("edaran.")] == []
    assert not {"spacy", "pdfplumber", "sqlite_utils", "pydantic"} & set(loaded)


def test_the_public_functions_are_there_and_callable():
    out = _python(
        "import edaran; print(all(callable(getattr(edaran, n)) for n in "
        + repr(PUBLIC)
        + "), set("
        + repr(PUBLIC)
        + ") <= set(dir(edaran)))"
    )
    assert out.split() == ["True", "True"]


def test_compare_stays_callable_whichever_is_imported_first():
    out = _python(
        "import edaran.comparison.report, edaran; print(callable(edaran.compare), edaran.compare([]).findings)"
    )
    assert out.split() == ["True", "[]"]


def test_an_unknown_name_is_an_attribute_error():
    out = _python("import edaran\ntry:\n    edaran.nothing\nexcept AttributeError as e:\n    print(e)")
    assert out.strip() == "module 'edaran' has no attribute 'nothing'"
