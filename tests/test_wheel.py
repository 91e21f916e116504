"""The pip route: `pip install .` builds a wheel that holds the package's data (patterns, regions, the
catalogue, templates, samples) and runs from where it is installed, not from the source tree."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import zipfile

import pytest

from conftest import ROOT

#: The data files the package reads at run time, by folder: every one must be in the wheel.
DATA = ["data", "extract/patterns", "comparison", "corpus", "review/templates", "review/static", "samples"]


def _run(*args, cwd=None) -> subprocess.CompletedProcess:
    run = subprocess.run(args, capture_output=True, text=True, cwd=cwd, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    return run


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    # Built from a copy: setuptools leaves a build/ folder in the tree it builds.
    source = out / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".*", "build", "dist", "*.egg-info", "__pycache__"))
    _run(sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(out))
    (path,) = out.glob("edaran-*.whl")
    return path


def test_the_wheel_holds_every_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        f"edaran/{p.relative_to(ROOT).as_posix()}"
        for folder in DATA
        for p in (ROOT / folder).rglob("*")
        if p.is_file() and p.suffix != ".py" and "__pycache__" not in p.parts
    }
    assert expected and expected <= names, sorted(expected - names)


def test_the_installed_wheel_runs_outside_the_source_tree(wheel, tmp_path):
    """Installed into a new environment (its dependencies taken from this one's, so that nothing is
    downloaded), `edaran --version` and `edaran extract` work from another folder."""
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", str(venv))
    python = venv / "bin" / "python"
    _run(sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel))
    site = _run(str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip()
    # A path line only: the source tree's editable install (a .pth hook here) is not loaded.
    (venv / site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    edaran = str(venv / "bin" / "edaran")
    assert _run(edaran, "--version", cwd=tmp_path).stdout.startswith("edaran 0.1.0")
    where = _run(str(python), "-c", "import edaran; print(edaran.__file__)", cwd=tmp_path).stdout
    assert where.startswith(str(venv))
    record = json.loads(
        _run(edaran, "extract", str(ROOT / "samples" / "002_c412d0169f79d04d.txt"), cwd=tmp_path).stdout
    )
    assert record["number"] == "863/2219/BKPSDM/2023" and record["issuer"]["region"]["code"] == "61.09"
    assert _run(edaran, "schema", cwd=tmp_path).stdout.startswith("{")
