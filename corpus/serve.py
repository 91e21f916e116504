"""Datasette over the corpus: read-only, on this machine unless told otherwise.

By default the corpus is served as a live file that Datasette opens read-only (SQLite's ``mode=ro``):
letters an ``ingest`` or ``compare`` writes beside it appear without a restart.  ``immutable`` serves a
published snapshot instead (SQLite's ``immutable=1``: no locking, cached counts), which must then not
change while it is served, or readers see stale or torn pages.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import tempfile
from importlib import resources
from pathlib import Path

from ..errors import CorpusError


def metadata(db: Path) -> dict:
    """Titles, descriptions, column notes, facets and canned queries for the database named like ``db``."""
    data = json.loads(resources.files("edaran.corpus").joinpath("datasette.json").read_text("utf-8"))
    data["databases"] = {db.stem: data.pop("database")}
    return data


def serve_command(db: Path, metadata_path: Path, host: str, port: int, immutable: bool = False) -> list[str]:
    templates = resources.files("edaran.corpus").joinpath("templates")
    return [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        *(["--immutable"] if immutable else []),
        str(db),
        "--metadata",
        str(metadata_path),
        "--host",
        host,
        "--port",
        str(port),
        "--template-dir",
        str(templates),
        "--setting",
        "sql_time_limit_ms",
        "5000",
        # A letter's text and record are tens of thousands of characters: listed, a cell shows its start.
        "--setting",
        "truncate_cells_html",
        "120",
    ]


def serve(db: Path, *, host: str = "127.0.0.1", port: int = 8001, immutable: bool = False) -> int:
    """Run Datasette until it is stopped; returns its exit code."""
    if not Path(db).exists():
        raise CorpusError(f"no corpus at {db}; build one with `edaran ingest LETTERS --db {db}`")
    with tempfile.TemporaryDirectory() as tmp:
        meta = Path(tmp) / "metadata.json"
        meta.write_text(json.dumps(metadata(Path(db))), encoding="utf-8")
        proc = subprocess.Popen(serve_command(Path(db), meta, host, port, immutable))
        # Stopping `edaran serve` (SIGTERM from a service manager or a test) stops Datasette too,
        # instead of leaving it serving without a parent.
        previous = signal.signal(signal.SIGTERM, lambda *_: proc.terminate())
        try:
            return proc.wait()
        except KeyboardInterrupt:  # Ctrl-C reached Datasette too, in the same process group
            proc.wait()
            return 0
        finally:
            signal.signal(signal.SIGTERM, previous)
