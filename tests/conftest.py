"""Shared fixtures: the repository root, the bundled samples and golden-file handling.

Golden files are refreshed only on request (``pytest --update-golden``) and
reviewed in the diff like any other change.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
SHARED = ROOT.parent / "shared"
#: A regency letter's header down to its subject, for tests that write the body below it.
LETTER_HEAD = """BUPATI GIANYAR

Gianyar, 10 Januari 2024

Kepada Yth.
Kepala Perangkat Daerah
di -
Tempat

SURAT EDARAN
NOMOR 800/12/BKPSDM/2024
TENTANG
NETRALITAS APARATUR SIPIL NEGARA"""

#: The seven acts of PP 94/2021 Pasal 5 huruf n, as letters print them: the national baseline.
PP94_ACTS = [
    "ikut kampanye",
    "menjadi peserta kampanye dengan menggunakan atribut partai atau atribut PNS",
    "sebagai peserta kampanye dengan mengerahkan PNS lain",
    "sebagai peserta kampanye dengan menggunakan fasilitas negara",
    "membuat keputusan dan/atau tindakan yang menguntungkan atau merugikan salah satu pasangan calon sebelum, "
    "selama, dan sesudah masa kampanye",
    "mengadakan kegiatan yang mengarah kepada keberpihakan terhadap pasangan calon sebelum, selama, dan sesudah "
    "masa kampanye meliputi pertemuan, ajakan, himbauan, seruan, atau pemberian barang kepada PNS",
    "memberikan surat dukungan disertai fotokopi Kartu Tanda Penduduk",
]


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from current output")


@pytest.fixture
def golden(request):
    """Compare a JSON-able value with ``tests/golden/<name>``; rewrite it with --update-golden."""

    def check(name: str, value) -> None:
        path = GOLDEN / name
        text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        if request.config.getoption("--update-golden") or not path.exists():
            if not request.config.getoption("--update-golden"):
                pytest.fail(f"no golden file {path.name}; run pytest --update-golden and review it")
            path.write_text(text, encoding="utf-8")
            return
        assert json.loads(text) == json.loads(path.read_text(encoding="utf-8")), f"output differs from {path.name}"

    return check


@contextlib.contextmanager
def serving(*args: str) -> Iterator[str]:
    """``edaran ARGS --port P`` (serve or review) on a free port: its base URL once it answers; stopped after.
    A server that never answers fails the test with what it printed."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "edaran", *args, "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(url, timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None:
                    break
                time.sleep(0.2)
        else:
            proc.kill()
        if proc.poll() is not None:
            pytest.fail(proc.stdout.read().decode() if proc.stdout else "the server did not start")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def rendered_dom(html: str, folder: Path) -> str:
    """The DOM headless Chromium builds from ``html`` (scripts run), written to ``folder``; skips the test
    where Chromium is not installed."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed (setup.sh installs it)")
    page = folder / "report.html"
    page.write_text(html, encoding="utf-8")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]
    flags += ["--disable-background-networking", "--disable-component-update", "--disable-sync"]
    run = subprocess.run(
        [chromium, *flags, f"--user-data-dir={folder / 'profile'}", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return run.stdout
