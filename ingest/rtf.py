"""Rich Text (.rtf): the text of the document, list labels included.

Older templates and some office suites still save letters as RTF.  striprtf turns the markup
into text (Word writes each list label as a ``\\listtext`` group, which it keeps); the code
page the file declares (``\\ansicpg1252``) decodes its ``\\'e9`` escapes.
"""

from __future__ import annotations

import hashlib
import re

from ..errors import IngestError
from .document import Document

RTF_TYPE = "application/rtf"
_CODE_PAGE = re.compile(rb"\\ansicpg(\d{3,5})")


def read_rtf(path: str, data: bytes) -> Document:
    """Build a document from the bytes of an .rtf file."""
    from striprtf.striprtf import rtf_to_text

    page = _CODE_PAGE.search(data[:4096])
    encoding = f"cp{page.group(1).decode()}" if page else "cp1252"
    try:
        "".encode(encoding)
    except LookupError:
        encoding = "cp1252"
    try:
        text = rtf_to_text(data.decode("latin-1"), encoding=encoding, errors="replace")
    except (ValueError, IndexError) as err:  # markup striprtf cannot follow
        raise IngestError(path, f"damaged Rich Text file ({type(err).__name__}: {err})") from None
    raw = text.replace("\t", " ")
    if not raw.strip():
        raise IngestError(path, "the Rich Text file has no text")
    return Document.build(
        path=path, sha256=hashlib.sha256(data).hexdigest(), media_type=RTF_TYPE, raw=raw, markdown=False
    )
