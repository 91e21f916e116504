"""Which files to read: paths and folders given by the user, expanded."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import IngestError


def iter_inputs(paths: Iterable[str | os.PathLike[str]], *, follow_links: bool = False) -> Iterator[str | IngestError]:
    """Yield each file under ``paths`` (folders recursively, sorted, hidden ones left out), as given.

    Every file is yielded, not only those named like letters: a bureau's folder holds whatever it
    was sent, and each file must be accounted for (read, or said to be unsupported) by the reader.

    A path that does not exist, a folder that cannot be read (os.walk would skip it in silence) or
    a folder holding no letters is yielded as an :class:`IngestError` so that the caller can report
    it and go on.  Inside a folder, a link that leads out of it (to a file or folder elsewhere on the
    machine) is yielded as an :class:`IngestError` too, unless ``follow_links``: reading a folder must
    not read what it only points at.  A path named by the user is read wherever it leads.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _folder(str(given), follow_links)
        elif path.is_file():
            yield str(given)
        elif path.exists():
            yield IngestError(str(given), "not a regular file")
        else:
            yield IngestError(str(given), "no such file or folder")


def _folder(given: str, follow_links: bool) -> Iterator[str | IngestError]:
    top = os.path.realpath(given)
    found = False
    unreadable: list[OSError] = []
    seen: set[str] = set()  # folders already walked, by their real path: a link back up is no loop
    for root, dirs, files in os.walk(given, onerror=unreadable.append, followlinks=follow_links):
        for err in unreadable:
            found = True
            yield IngestError(str(err.filename), f"cannot read the folder: {err.strerror}")
        unreadable.clear()
        real = os.path.realpath(root)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        kept = []
        for name in sorted(d for d in dirs if not d.startswith(".")):
            outside = _outside(os.path.join(root, name), top)
            if outside and not follow_links:
                found = True
                yield IngestError(
                    os.path.join(root, name),
                    f"a link to {outside}, outside {given}: not read (give --follow-links to read it)",
                )
            else:
                kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            if name.startswith("."):
                continue
            found = True
            full = os.path.join(root, name)
            outside = _outside(full, top)
            if outside and not follow_links:
                yield IngestError(
                    full, f"a link to {outside}, outside {given}: not read (give --follow-links to read it)"
                )
            else:
                yield full
    for err in unreadable:
        found = True
        yield IngestError(str(err.filename), f"cannot read the folder: {err.strerror}")
    if not found:
        yield IngestError(given, "no files here")


def _outside(path: str, top: str) -> str | None:
    """Where the link ``path`` leads when that is outside the folder ``top``; None for anything else."""
    if not os.path.islink(path):
        return None
    target = os.path.realpath(path)
    return None if target == top or target.startswith(top.rstrip(os.sep) + os.sep) else target
