"""edaran: Indonesian circular letters (surat edaran) as structured, comparable data.

The data flows one way: a file becomes a :class:`~edaran.ingest.document.Document`
(text with offsets), the extractor turns it into a :class:`~edaran.schema.letter.Letter`,
the corpus stores letters as rows, and the comparison reads them back.
"""

__version__ = "0.1.0"

#: Stored with every extracted letter; ``edaran ingest --reprocess`` re-extracts
#: letters made by an older extractor.  Bump it whenever extraction output changes.
EXTRACTOR_VERSION = "2026.11.30.3"
