"""Extraction: from a :class:`~edaran.ingest.document.Document` to a :class:`~edaran.schema.letter.Letter`."""

from .letter import extract_letter

__all__ = ["extract_letter"]
