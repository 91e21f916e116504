"""The package type-checks and lints clean, as configured in pyproject.toml (tests and benchmarks aside)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_mypy_passes():
    run = subprocess.run([sys.executable, "-m", "mypy", ".", "--exclude", r"(\.venv|tests|benchmarks|build)/"],
                         cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-4000:]


def test_ruff_passes():
    run = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=ROOT, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stdout[-4000:]
