"""What kind of file a letter arrived as, from its first bytes and then its name.

The bytes decide where they can: a PDF saved as ``.txt`` or a photo without an extension is
still read for what it is, and a Word file named ``.txt`` is not decoded as text (which turned
its ZIP bytes into a "letter" of ``PK\\x03\\x04...``).  Kinds edaran does not read get a reason
that says what the file is and what to send instead.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from .image import IMAGE_SUFFIXES
from .text import TEXT_SUFFIXES

PDF_SUFFIXES = {".pdf"}
WORD_SUFFIXES = {".docx", ".docm", ".dotx", ".odt", ".rtf"}
#: Every suffix looked for in a folder as a letter (other files are still listed, as unsupported).
SUPPORTED = TEXT_SUFFIXES | PDF_SUFFIXES | IMAGE_SUFFIXES | WORD_SUFFIXES
SEND_INSTEAD = "send it as PDF, an image, Word .docx or text"

#: Leading bytes of image formats Pillow reads.
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF87a", b"GIF89a", b"BM")
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1", b"avif")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office (.doc, .xls, .ppt)


def kind_of(name: str, head: bytes, data: bytes | None = None) -> tuple[str, str | None]:
    """(kind, reason) of a file: "pdf", "image", "docx", "odt", "rtf", "text" or "unsupported" (with the reason).

    ``head`` is the first kilobyte; ``data`` the whole file, needed only to look inside a ZIP.
    """
    suffix = Path(name).suffix.lower()
    if head.lstrip().startswith(b"%PDF"):
        return "pdf", None
    if (
        head.startswith(_IMAGE_MAGIC)
        or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
        or (head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS)
    ):
        return "image", None
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data or head)
    if head.startswith(_OLE):
        return "unsupported", f"a legacy Microsoft Office file ({suffix or 'no extension'}): save it as .docx or PDF"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf", None
    if suffix in PDF_SUFFIXES:
        return "pdf", None  # read_pdf says it is not a PDF after all
    if suffix in IMAGE_SUFFIXES:
        return "unsupported", f"named {suffix} but not an image that can be read: {SEND_INSTEAD}"
    if suffix in TEXT_SUFFIXES:
        return "text", None
    what = f"a {suffix} file" if suffix else "a file without an extension"
    return "unsupported", f"{what} is not a kind of letter file edaran reads: {SEND_INSTEAD}"


def _zip_kind(data: bytes) -> tuple[str, str | None]:
    """A ZIP package: Word (.docx), else what it says it is."""
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError):
        return "unsupported", f"a damaged ZIP file: {SEND_INSTEAD}"
    if "word/document.xml" in names:
        return "docx", None
    if "xl/workbook.xml" in names:
        return "unsupported", f"an Excel workbook: {SEND_INSTEAD}"
    if "ppt/presentation.xml" in names:
        return "unsupported", f"a PowerPoint presentation: {SEND_INSTEAD}"
    if "content.xml" in names:
        kind = zipfile.ZipFile(io.BytesIO(data)).read("mimetype")[:100] if "mimetype" in names else b""
        if kind == b"application/vnd.oasis.opendocument.text":
            return "odt", None
        return (
            "unsupported",
            f"an OpenDocument file that is not text ({kind.decode('ascii', 'replace') or 'no type'}): {SEND_INSTEAD}",
        )
    return "unsupported", "a ZIP archive: unpack it and give the folder"
