"""OpenDocument text (.odt, LibreOffice's own format): paragraphs, headings, tables and numbered lists.

An .odt is a ZIP holding XML; the standard library reads it.  As in Word, list labels are not in
the text but drawn from the list's style (number format, prefix, suffix, start value), so they are
counted here and written before each item.
"""

from __future__ import annotations

import hashlib
import io
import xml.etree.ElementTree as ET
import zipfile

from ..errors import IngestError
from .document import Document
from .word import format_counter

ODT_TYPE = "application/vnd.oasis.opendocument.text"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def read_odt(path: str, data: bytes) -> Document:
    """Build a document from the bytes of an .odt: its body's paragraphs, headings, list items with their
    labels, and table cells, one line each, in order."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        content = ET.fromstring(package.read("content.xml"))
        styles = ET.fromstring(package.read("styles.xml")) if "styles.xml" in package.namelist() else None
    except (zipfile.BadZipFile, KeyError, ET.ParseError) as err:
        raise IngestError(path, f"damaged OpenDocument file ({type(err).__name__}: {err})") from None
    lists = _list_styles(content) | (_list_styles(styles) if styles is not None else {})
    body = content.find(f"{_OFFICE}body/{_OFFICE}text")
    lines: list[str] = []
    if body is not None:
        _walk(body, lines, lists, {}, None, 0)
    raw = "\n".join(lines).strip("\n") + "\n"
    if not raw.strip():
        raise IngestError(path, "the OpenDocument file has no text")
    return Document.build(
        path=path, sha256=hashlib.sha256(data).hexdigest(), media_type=ODT_TYPE, raw=raw, markdown=False
    )


def _list_styles(root) -> dict[str, dict[int, tuple[str, str, str, int] | None]]:
    """Each list style's levels (1-based): (format, prefix, suffix, start), or None for a bullet."""
    out: dict[str, dict[int, tuple[str, str, str, int] | None]] = {}
    for style in root.iter(f"{_TEXT}list-style"):
        levels: dict[int, tuple[str, str, str, int] | None] = {}
        for level in style:
            number = int(level.get(f"{_TEXT}level", "1"))
            if level.tag == f"{_TEXT}list-level-style-number":
                levels[number] = (
                    level.get(f"{_STYLE}num-format", "1"),
                    level.get(f"{_STYLE}num-prefix", ""),
                    level.get(f"{_STYLE}num-suffix", "."),
                    int(level.get(f"{_TEXT}start-value", "1")),
                )
            else:
                levels[number] = None
        out[style.get(f"{_STYLE}name", "")] = levels
    return out


def _walk(node, lines: list[str], lists: dict, counters: dict, style: str | None, depth: int) -> None:
    for child in node:
        if child.tag in (f"{_TEXT}p", f"{_TEXT}h"):
            lines.append(_text(child))
        elif child.tag == f"{_TEXT}list":
            name = child.get(f"{_TEXT}style-name") or style
            if (
                depth == 0
                and child.get(f"{_TEXT}continue-numbering") != "true"
                and not child.get(f"{_TEXT}continue-list")
            ):
                counters.pop(name, None)
            for item in child.findall(f"{_TEXT}list-item"):
                label = _label(lists.get(name or "", {}), counters.setdefault(name, {}), depth + 1)
                first = len(lines)
                _walk(item, lines, lists, counters, name, depth + 1)
                if first < len(lines) and label:
                    lines[first] = label + lines[first]
        elif child.tag == f"{_TABLE}table":
            for cell in child.iter(f"{_TABLE}table-cell"):
                _walk(cell, lines, lists, counters, style, depth)
            lines.append("")
        elif child.tag == f"{_TEXT}section":
            _walk(child, lines, lists, counters, style, depth)


def _label(levels: dict, counters: dict[int, int], level: int) -> str:
    """The label of the next item at ``level`` of a list styled ``levels``, counting it."""
    spec = levels.get(level)
    if spec is None:
        return "- " if level in levels else ""
    fmt, prefix, suffix, start = spec
    counters[level] = counters.get(level, start - 1) + 1
    for deeper in [k for k in counters if k > level]:  # a new item restarts the lists under it
        del counters[deeper]
    if not fmt:
        return ""
    return f"{prefix}{_format(counters[level], fmt)}{suffix} "


def _format(value: int, fmt: str) -> str:
    kind = {"a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}.get(fmt, "decimal")
    return format_counter(value, kind)


def _text(paragraph) -> str:
    """A paragraph's text: spans, runs of spaces (``text:s``), tabs and line breaks."""
    parts: list[str] = [paragraph.text or ""]
    for child in paragraph:
        if child.tag == f"{_TEXT}s":
            parts.append(" " * int(child.get(f"{_TEXT}c", "1")))
        elif child.tag == f"{_TEXT}tab":
            parts.append(" ")
        elif child.tag == f"{_TEXT}line-break":
            parts.append("\n")
        else:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
