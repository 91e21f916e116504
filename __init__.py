"""edaran: Indonesian circular letters (surat edaran) as structured, comparable data.

The data flows one way: a file becomes a :class:`~edaran.ingest.document.Document`
(text with offsets), the extractor turns it into a :class:`~edaran.schema.letter.Letter`,
the corpus stores letters as rows, and the comparison reads them back.

The few functions a researcher uses are here (``edaran.read_document``, ``edaran.extract_letter``,
``edaran.open_corpus``, ``edaran.search``, ``edaran.compare``), imported on first use: ``import edaran``
alone loads none of the stages (spaCy, pdfplumber, SQLite), so a command or script pays only for what it uses.
"""

from importlib import import_module

__version__ = "0.1.0"

#: Stored with every extracted letter; ``edaran ingest --reprocess`` re-extracts
#: letters made by an older extractor.  Bump it whenever extraction output changes.
EXTRACTOR_VERSION = "2026.11.30.7"

#: The public names and the modules they live in, loaded by :func:`__getattr__` when first asked for.
EXPORTS = {
    "read_document": "edaran.ingest",
    "extract_letter": "edaran.extract",
    "open_corpus": "edaran.corpus.store",
    "search": "edaran.corpus.search",
    "compare": "edaran.comparison.compare",
}

__all__ = ["EXTRACTOR_VERSION", "__version__", *EXPORTS]


def __getattr__(name: str):
    if name in EXPORTS:
        module = import_module(EXPORTS[name])
        value = getattr(module, name)
        globals()[name] = value  # the next lookup finds it without coming here
        return value
    raise AttributeError(f"module 'edaran' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *EXPORTS])
