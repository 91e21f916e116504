"""Reading files into :class:`Document`: text, digital PDFs, scans, images and Word documents.

The names exported here are loaded on first use (as in :mod:`edaran`), so that importing one light
module of the package (``edaran.ingest.limits``, ``edaran.ingest.scratch``) does not import the
record models through :mod:`.document`: the command line imports those for every command.
"""

from __future__ import annotations

import os
from importlib import import_module
from typing import TYPE_CHECKING, Any

from ..errors import IngestError, Unsupported
from .limits import DEFAULT, Limits

if TYPE_CHECKING:
    from .document import Document, IngestNote
    from .files import iter_inputs
    from .kinds import SUPPORTED
    from .text import TEXT_SUFFIXES, read_text

#: The names exported from submodules and the module each lives in, imported by :func:`__getattr__`.
EXPORTS = {
    "Document": ".document",
    "IngestNote": ".document",
    "iter_inputs": ".files",
    "SUPPORTED": ".kinds",
    "TEXT_SUFFIXES": ".text",
    "read_text": ".text",
}


def __getattr__(name: str) -> Any:
    if name in EXPORTS:
        value = getattr(import_module(EXPORTS[name], __name__), name)
        globals()[name] = value  # the next lookup finds it without coming here
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Kinds whose files may be large: their size is bounded by pages and pixels, not text bytes.
_PAGED = {"pdf", "image", "docx", "odt"}


def _kind_within_limits(name: str, head: bytes, size: int, limits: Limits) -> tuple[str, str | None]:
    """The kind of file its first bytes say, raising when that kind is not read or a text is over its limit."""
    from .kinds import kind_of

    kind, reason = kind_of(name, head)
    if kind == "unsupported" and not head.startswith(b"PK\x03\x04"):  # known from its first bytes:
        raise Unsupported(name, f"unsupported: {reason}")  # the rest is not read
    if kind not in _PAGED and kind != "unsupported" and size > limits.text_bytes:
        raise IngestError(
            name,
            f"too large for a text letter: {size / 1e6:.1f} MB, the limit is {limits.text_bytes / 1e6:g} MB",
        )
    return kind, reason


def read_document(
    path: str | os.PathLike[str], *, ocr: bool = True, limits: Limits = DEFAULT, data: bytes | None = None
) -> Document:
    """Read one letter file.  ``path`` is kept as given in ``Document.path``; with ``data``, those are
    the file's bytes (sent by a process that could open it) and ``path`` is only its name.

    Raises :class:`IngestError` (or its subclass ``NeedsOCR``) with the reason
    when the file cannot be read as a letter, or would cost more than ``limits``
    allow (pages, rendered pixels, text bytes; wall time is the caller's to bound),
    and :class:`Unsupported` for kinds of file that are not read (a spreadsheet, a .doc).
    """
    from .kinds import kind_of
    from .text import read_text

    name = str(path)
    if data is not None:
        kind, reason = _kind_within_limits(name, data[:1024], len(data), limits)
    else:
        try:
            with open(path, "rb") as handle:
                head = handle.read(1024)
                kind, reason = _kind_within_limits(name, head, os.fstat(handle.fileno()).st_size, limits)
                data = head + handle.read()  # the rest is read only once the kind and size allow it
        except FileNotFoundError:
            raise IngestError(name, "no such file") from None
        except IsADirectoryError:
            raise IngestError(name, "is a folder; give the folder to read every letter in it") from None
        except OSError as err:
            raise IngestError(name, f"cannot read: {err.strerror or err}") from None
    head = data[:1024]
    if not data.strip():
        raise IngestError(name, "the file is empty")
    if head.startswith(b"PK\x03\x04"):  # what a ZIP package is, is inside it
        kind, reason = kind_of(name, head, data)
    if kind == "unsupported":
        raise Unsupported(name, f"unsupported: {reason}")
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(name, data, ocr=ocr, limits=limits)
    if kind == "image":
        from .image import read_image

        return read_image(name, data, ocr=ocr, limits=limits)
    if kind == "docx":
        from .word import read_docx

        return read_docx(name, data)
    if kind == "rtf":
        from .rtf import read_rtf

        return read_rtf(name, data)
    if kind == "odt":
        from .odt import read_odt

        return read_odt(name, data)
    media_type = "text/markdown" if name.lower().endswith((".md", ".markdown")) else "text/plain"
    return read_text(name, data, media_type)


__all__ = [
    "Document",
    "IngestNote",
    "Limits",
    "SUPPORTED",
    "TEXT_SUFFIXES",
    "iter_inputs",
    "read_document",
    "read_text",
]
