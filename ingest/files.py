"""Which files to read: paths and folders given by the user, expanded."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import IngestError
from .text import TEXT_SUFFIXES

PDF_SUFFIXES = {".pdf"}
SUPPORTED = TEXT_SUFFIXES | PDF_SUFFIXES


def iter_inputs(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str | IngestError]:
    """Yield each letter file under ``paths`` (folders recursively, sorted), as given.

    A path that does not exist, a folder that cannot be read (os.walk would skip it in silence) or
    a folder holding no letters is yielded as an :class:`IngestError` so that the caller can report
    it and go on.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = False
            unreadable: list[OSError] = []
            for root, dirs, files in os.walk(path, onerror=unreadable.append):
                for err in unreadable:
                    found = True
                    yield IngestError(str(err.filename), f"cannot read the folder: {err.strerror}")
                unreadable.clear()
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith(".") or Path(name).suffix.lower() not in SUPPORTED:
                        continue
                    found = True
                    yield os.path.join(root, name)
            for err in unreadable:
                found = True
                yield IngestError(str(err.filename), f"cannot read the folder: {err.strerror}")
            if not found:
                yield IngestError(str(given), "no letters here (looked for .pdf, .txt and .md files)")
        elif path.is_file():
            yield str(given)
        elif path.exists():
            yield IngestError(str(given), "not a regular file")
        else:
            yield IngestError(str(given), "no such file or folder")
