"""Plain-text and Markdown letters (``.txt``, ``.md``)."""

from __future__ import annotations

import hashlib

from ..errors import IngestError
from .document import Document, IngestNote

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}

#: Control bytes (other than tab, line breaks, form feed, escape) that text never holds: random or
#: binary data saved as .txt has one byte in nine of them, while a text letter has none.
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\v\f\r\x1b")
#: Share of such bytes (in the first 64 KB) above which a file is not text at all.
BINARY_SHARE = 0.01


def _utf16_without_bom(data: bytes) -> str | None:
    """The text of UTF-16 saved without a byte-order mark, else None.

    Latin-script UTF-16 has a NUL as every other byte; read as UTF-8 it decodes without error into
    letters separated by NULs, so it is recognised before UTF-8 is tried.
    """
    sample = data[:65536]
    half = len(sample) // 2
    if half < 8:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    for encoding, nuls, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if nuls > 0.3 * half and others < 0.05 * half:
            try:
                return data[: len(data) // 2 * 2].decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def decode(path: str, data: bytes) -> tuple[str, tuple[IngestNote, ...]]:
    """UTF-8 when it is; UTF-16 when it has a byte-order mark or the shape of one without; otherwise
    the detected encoding, else cp1252, with a note.  Raises :class:`IngestError` for binary data.

    cp1252 decodes every byte value except five, which are replaced, so text never fails here.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ()
        except UnicodeDecodeError:
            pass
    text = _utf16_without_bom(data)
    if text is not None:
        return text, (IngestNote("encoding_guessed", "UTF-16 without a byte-order mark"),)
    sample = data[:65536]
    control = len(sample) - len(sample.translate(None, _CONTROL))
    if control > BINARY_SHARE * len(sample):
        raise IngestError(
            path,
            f"not a text file ({control} of its first {len(sample)} bytes are control "
            "characters): binary data named as text?",
        )
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
    raw, notes = decode(path, data)
    if "\x00" in raw:
        raw = raw.replace("\x00", " ")
        notes += (IngestNote("binary_content", "the file holds NUL bytes: it may not be text"),)
    return Document.build(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        media_type=media_type,
        raw=raw,
        notes=notes,
    )
