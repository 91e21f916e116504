"""Word documents (.docx): the text of the body, its tables and the letterhead, with Word's list numbers.

A letter typed in Word keeps its numbered lists as numbering definitions, not as text: the "1.",
"a." and "2)" a reader sees are drawn by Word.  Extraction reads list labels from the text, so the
labels are computed here from the document's numbering definitions (format, level text, start,
restarts) the way Word counts them, and written before each item.

python-docx reads the package; the numbering is read from its XML because python-docx exposes no
list numbers.
"""

from __future__ import annotations

import hashlib
import io

from ..errors import IngestError
from .document import Document

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path: str, data: bytes) -> Document:
    """Build a document from the bytes of a .docx: the first section's header (the letterhead), then the
    body's paragraphs and table cells in order, one line each, list items with their labels."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as err:
        raise IngestError(path, f"damaged Word document ({type(err).__name__}: {err})") from None
    numbers = _Numbering(document)
    lines: list[str] = []
    if document.sections:
        header = document.sections[0].header
        if not header.is_linked_to_previous:
            lines.extend(_lines(header._element, numbers))
        lines.append("")
    lines.extend(_lines(document.element.body, numbers))
    raw = "\n".join(lines).strip("\n") + "\n"
    if not raw.strip():
        raise IngestError(path, "the Word document has no text")
    return Document.build(
        path=path, sha256=hashlib.sha256(data).hexdigest(), media_type=DOCX_TYPE, raw=raw, markdown=False
    )


def _lines(container, numbers: _Numbering) -> list[str]:
    """The lines of paragraphs and table cells under ``container`` (an XML element), in document order."""
    out: list[str] = []
    for child in container.iterchildren():
        if child.tag == f"{_W}p":
            out.append(numbers.label(child) + _text(child))
        elif child.tag == f"{_W}tbl":
            for row in child.iterchildren(f"{_W}tr"):
                for cell in row.iterchildren(f"{_W}tc"):
                    out.extend(line for line in _lines(cell, numbers) if line.strip())
            out.append("")
        elif child.tag == f"{_W}sdt":  # a content control wraps paragraphs of its own
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                out.extend(_lines(content, numbers))
    return out


def _text(paragraph) -> str:
    """A paragraph's text: runs, tabs as spaces, line breaks kept."""
    parts: list[str] = []
    for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


class _Numbering:
    """Word's list counters: the label of each numbered paragraph, counted in document order."""

    def __init__(self, document):
        self._levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> level -> (format, text, start)
        self._counters: dict[str, list[int]] = {}
        self._styles: dict[str, tuple[str, int]] = {}  # paragraph style id -> (numId, level)
        part = document.part
        try:
            numbering = part.numbering_part.element
        except (NotImplementedError, KeyError):
            numbering = None
        if numbering is not None:
            self._read(numbering)
        for style in document.styles.element.iterchildren(f"{_W}style"):
            num = style.find(f"{_W}pPr/{_W}numPr")
            if num is not None:
                self._styles[style.get(f"{_W}styleId")] = _num_pr(num)

    def _read(self, numbering) -> None:
        abstract = {}
        for node in numbering.iterchildren(f"{_W}abstractNum"):
            levels = {}
            for lvl in node.iterchildren(f"{_W}lvl"):
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = (
                    _val(lvl.find(f"{_W}numFmt"), "decimal"),
                    _val(lvl.find(f"{_W}lvlText"), ""),
                    int(_val(lvl.find(f"{_W}start"), "1")),
                )
            abstract[_val(node, "", "abstractNumId")] = levels
        for num in numbering.iterchildren(f"{_W}num"):
            levels = dict(abstract.get(_val(num.find(f"{_W}abstractNumId"), ""), {}))
            for override in num.iterchildren(f"{_W}lvlOverride"):
                level = int(override.get(f"{_W}ilvl", "0"))
                start = override.find(f"{_W}startOverride")
                if start is not None and level in levels:
                    fmt, text, _ = levels[level]
                    levels[level] = (fmt, text, int(_val(start, "1")))
            self._levels[_val(num, "", "numId")] = levels

    def label(self, paragraph) -> str:
        """The label Word draws before ``paragraph`` ("1. ", "a. ", "- "), counting it; "" if it has none."""
        num = paragraph.find(f"{_W}pPr/{_W}numPr")
        if num is not None:
            num_id, level = _num_pr(num)
        else:
            style = paragraph.find(f"{_W}pPr/{_W}pStyle")
            num_id, level = self._styles.get(_val(style, ""), ("", 0))
        levels = self._levels.get(num_id)
        if not levels or level not in levels or num_id == "0":
            return ""
        counters = self._counters.setdefault(num_id, [levels[k][2] - 1 if k in levels else 0 for k in range(9)])
        counters[level] += 1
        for deeper in range(level + 1, 9):  # a new item restarts the lists under it
            counters[deeper] = levels[deeper][2] - 1 if deeper in levels else 0
        fmt, text, _ = levels[level]
        if fmt == "bullet":
            return "- "
        if fmt == "none":
            return ""
        for k in range(level, -1, -1):
            kind = levels[k][0] if k in levels else "decimal"
            text = text.replace(f"%{k + 1}", format_counter(counters[k], kind))
        return f"{text} " if text else ""


def _num_pr(num) -> tuple[str, int]:
    return _val(num.find(f"{_W}numId"), "0"), int(_val(num.find(f"{_W}ilvl"), "0"))


def _val(node, default: str, attribute: str = "val") -> str:
    if node is None:
        return default
    value = node.get(f"{_W}{attribute}")
    return default if value is None else value


def format_counter(value: int, kind: str) -> str:
    """A counter as Word writes it in the numbering format ``kind``."""
    if kind in ("lowerLetter", "upperLetter"):
        letters = ""
        n = value
        while n > 0:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if kind == "upperLetter" else letters
    if kind in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.lower() if kind == "lowerRoman" else roman
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for amount, numeral in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while value >= amount:
            out += numeral
            value -= amount
    return out
