"""Writing a command's output file whole or not at all.

``--out`` used to be opened in place: a failed or killed export left half a file under the final
name, and a folder or a missing folder as ``--out`` ended in a traceback.  Here the text goes to a
temporary file beside the target and is renamed over it once complete; every failure is an
:class:`~edaran.errors.EdaranError` naming the path.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from .errors import EdaranError


def check_output(path: Path) -> None:
    """Raise :class:`EdaranError` when ``path`` cannot be an output file, before any work is done for it."""
    if path.is_dir():
        raise EdaranError(f"{path} is a folder; give a file name to write")
    if not path.parent.is_dir():
        raise EdaranError(f"cannot write {path}: no folder {path.parent}")


@contextmanager
def atomic_output(path: Path) -> Iterator[TextIO]:
    """A text stream that becomes ``path`` when the block ends without an exception."""
    check_output(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        raise EdaranError(f"cannot write {path}: {err.strerror}") from None
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)  # the permissions a plain open() would give, not mkstemp's 0600
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
        os.replace(tmp, path)
    except OSError as err:
        os.unlink(tmp)
        raise EdaranError(f"cannot write {path}: {err.strerror or err}") from None
    except BaseException:
        os.unlink(tmp)
        raise
