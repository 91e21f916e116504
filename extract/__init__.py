"""Extraction: from a :class:`~edaran.ingest.document.Document` to a :class:`~edaran.schema.letter.Letter`.

``extract_letter`` is imported when first asked for: the corpus reads region names from
:mod:`.regions` without paying for the whole extractor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .letter import extract_letter

__all__ = ["extract_letter"]


def __getattr__(name: str) -> Any:
    if name == "extract_letter":
        from .letter import extract_letter

        return extract_letter
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
