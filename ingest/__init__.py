"""Reading files into :class:`Document`: text, digital PDFs and scans."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import IngestError
from .document import Document, IngestNote
from .files import SUPPORTED, iter_inputs
from .limits import DEFAULT, Limits
from .text import TEXT_SUFFIXES, read_text


def read_document(path: str | os.PathLike[str], *, ocr: bool = True, limits: Limits = DEFAULT) -> Document:
    """Read one letter file.  ``path`` is kept as given in ``Document.path``.

    Raises :class:`IngestError` (or its subclass ``NeedsOCR``) with the reason
    when the file cannot be read as a letter, or would cost more than ``limits``
    allow (pages, rendered pixels, text bytes; wall time is the caller's to bound).
    """
    name = str(path)
    suffix = Path(name).suffix.lower()
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            head = handle.read(1024)
            is_pdf = head.lstrip().startswith(b"%PDF") or suffix == ".pdf"
            if not is_pdf and size > limits.text_bytes:
                raise IngestError(name, f"too large for a text letter: {size / 1e6:.1f} MB, the limit is "
                                        f"{limits.text_bytes / 1e6:g} MB")
            data = head + handle.read()
    except FileNotFoundError:
        raise IngestError(name, "no such file") from None
    except IsADirectoryError:
        raise IngestError(name, "is a folder; give the folder to read every letter in it") from None
    except OSError as err:
        raise IngestError(name, f"cannot read: {err.strerror or err}") from None
    if not data.strip():
        raise IngestError(name, "the file is empty")
    if is_pdf:
        from .pdf import read_pdf

        return read_pdf(name, data, ocr=ocr, limits=limits)
    media_type = "text/markdown" if suffix in {".md", ".markdown"} else "text/plain"
    return read_text(name, data, media_type)


__all__ = ["Document", "IngestNote", "Limits", "SUPPORTED", "TEXT_SUFFIXES", "iter_inputs", "read_document", "read_text"]
