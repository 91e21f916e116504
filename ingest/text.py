"""Plain-text and Markdown letters (``.txt``, ``.md``)."""

from __future__ import annotations

import hashlib

from .document import Document, IngestNote

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}


def decode(data: bytes) -> tuple[str, tuple[IngestNote, ...]]:
    """UTF-8 when it is; otherwise the detected encoding, else cp1252, with a note.

    cp1252 decodes every byte value except five, which are replaced, so this never fails.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding not in {"utf_8", "ascii"}:
        note = IngestNote("encoding_guessed", f"not UTF-8; read as {best.encoding}")
        return str(best), (note,)
    note = IngestNote("encoding_guessed", "not UTF-8; read as cp1252")
    return data.decode("cp1252", errors="replace"), (note,)


def read_text(path: str, data: bytes, media_type: str = "text/plain") -> Document:
    """Build a document from the bytes of a text letter."""
    raw, notes = decode(data)
    if "\x00" in raw:
        raw = raw.replace("\x00", " ")
        notes += (IngestNote("binary_content", "the file holds NUL bytes: it may not be text"),)
    return Document.build(
        path=path, sha256=hashlib.sha256(data).hexdigest(), media_type=media_type, raw=raw, notes=notes,
    )
