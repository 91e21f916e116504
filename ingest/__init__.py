"""Reading files into :class:`Document`: text, digital PDFs and scans."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import IngestError
from .document import Document, IngestNote
from .files import SUPPORTED, iter_inputs
from .text import TEXT_SUFFIXES, read_text


def read_document(path: str | os.PathLike[str], *, ocr: bool = True) -> Document:
    """Read one letter file.  ``path`` is kept as given in ``Document.path``.

    Raises :class:`IngestError` (or its subclass ``NeedsOCR``) with the reason
    when the file cannot be read as a letter.
    """
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise IngestError(name, "no such file") from None
    except IsADirectoryError:
        raise IngestError(name, "is a folder; give the folder to read every letter in it") from None
    except OSError as err:
        raise IngestError(name, f"cannot read: {err.strerror or err}") from None
    if not data.strip():
        raise IngestError(name, "the file is empty")
    suffix = Path(name).suffix.lower()
    if data[:1024].lstrip().startswith(b"%PDF") or suffix == ".pdf":
        from .pdf import read_pdf

        return read_pdf(name, data, ocr=ocr)
    media_type = "text/markdown" if suffix in {".md", ".markdown"} else "text/plain"
    return read_text(name, data, media_type)


__all__ = ["Document", "IngestNote", "SUPPORTED", "TEXT_SUFFIXES", "iter_inputs", "read_document", "read_text"]
