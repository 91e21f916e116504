"""The one exception tree of edaran.

A field the extractor cannot find is data (a ``null`` and a warning), never an
exception; exceptions are for files that cannot be read at all.
"""

from __future__ import annotations


class EdaranError(Exception):
    """Root of every error edaran raises on purpose."""


class IngestError(EdaranError):
    """A file could not be turned into a document."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class NeedsOCR(IngestError):
    """The file has pages without a usable text layer and OCR is not available."""


class Unsupported(IngestError):
    """A kind of file edaran does not read (a spreadsheet, an archive, a legacy Word file with no
    converter): the reason says what it is and what to give instead."""


class NotALetter(IngestError):
    """The file was read, but what it holds is not a letter: none of a letter's parts were found in it."""


class CorpusError(EdaranError):
    """The corpus database could not be read or written as asked."""
