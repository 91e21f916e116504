"""Which files to read: paths and folders given by the user, expanded."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import IngestError


def iter_inputs(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str | IngestError]:
    """Yield each file under ``paths`` (folders recursively, sorted, hidden ones left out), as given.

    Every file is yielded, not only those named like letters: a bureau's folder holds whatever it
    was sent, and each file must be accounted for (read, or said to be unsupported) by the reader.

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
                    if name.startswith("."):
                        continue
                    found = True
                    yield os.path.join(root, name)
            for err in unreadable:
                found = True
                yield IngestError(str(err.filename), f"cannot read the folder: {err.strerror}")
            if not found:
                yield IngestError(str(given), "no files here")
        elif path.is_file():
            yield str(given)
        elif path.exists():
            yield IngestError(str(given), "not a regular file")
        else:
            yield IngestError(str(given), "no such file or folder")
