"""Lines of the document text with their offsets, and the text cleaning rules for values."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Line:
    """One line of ``Document.text``: ``text == doc.text[start:end]``."""

    index: int
    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def split_lines(text: str) -> list[Line]:
    """The lines of ``text`` without the blank lines that are only line spacing.

    Some converters print a blank line after every line (double spacing): there one blank line
    separates nothing, and a paragraph break is a longer run.  Each run of blank lines is shortened
    to what it is single-spaced, so that no rule reads spacing as a break.  ``Line.index`` is the
    position in the returned list; offsets stay those of ``text``.
    """
    lines: list[Line] = []
    start = 0
    for chunk in text.split("\n"):
        lines.append(Line(len(lines), start, start + len(chunk), chunk))
        start += len(chunk) + 1
    spacing = _spacing(lines)
    if not spacing:
        return lines
    kept: list[Line] = []
    run: list[Line] = []
    for line in lines:
        if line.blank:
            run.append(line)
            continue
        kept.extend(run[: (len(run) + 1) // (spacing + 1) - 1])
        run = []
        kept.append(line)
    kept.extend(run)
    return [Line(i, line.start, line.end, line.text) for i, line in enumerate(kept)]


#: Share of the gaps between lines that may be narrower than the line spacing (a heading and its
#: line printed close, a stray single-spaced pair).
_NARROWER = 0.1


def _spacing(lines: list[Line]) -> int:
    """How many blank lines separate nearly all consecutive lines of text: 0 when single-spaced."""
    gaps = []
    run = None
    for line in lines:
        if not line.blank:
            if run is not None:
                gaps.append(run)
            run = 0
        elif run is not None:
            run += 1
    return sorted(gaps)[int(len(gaps) * _NARROWER)] if gaps else 0


# Value cleaning per the contract: whitespace collapsed, trailing ";", ".", ",", ":" and
# a dangling conjunction ("; dan", ", dan/atau", "; atau") dropped.
_TRAILER = re.compile(r"(?:\s*[;,.:]\s*|\s+(?:dan\s*/\s*atau|dan|atau|serta))+$", re.I)
_SPACES = re.compile(r"\s+")


def clean_value(text: str) -> str:
    text = _SPACES.sub(" ", text).strip()
    for _ in range(3):
        stripped = _TRAILER.sub("", text).strip()
        if stripped == text:
            break
        text = stripped
    return text


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past surrounding whitespace and trailing list punctuation."""
    piece = text[start:end]
    cleaned_end = len(piece)
    m = _TRAILER.search(piece)
    if m:
        cleaned_end = m.start()
    lead = len(piece) - len(piece.lstrip())
    return start + lead, start + max(lead, len(piece[:cleaned_end].rstrip()))


def is_upper(text: str) -> bool:
    """Mostly upper-case letters (titles and letterheads are printed in capitals)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def smart_title(text: str) -> str:
    """Title-case a name printed in capitals; leave mixed-case text as printed.  Initials stay capitals
    ("A.A. NGURAH OKA" -> "A.A. Ngurah Oka", "I.B." is no "I.b.")."""
    if not is_upper(text):
        return text
    return re.sub(r"[A-Za-z]{2,}", lambda m: m.group(0).capitalize(), text)
