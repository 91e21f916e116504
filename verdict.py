"""Whether a record read from a file is a letter at all, or text that only happened to be readable.

A note saying "hello", a price list or a photo of a landscape gives a record with every field
empty; stored, it would count as a letter in search and stats.  A letter has a number, a date, a
subject, an issuing office, a signer or a letter type, and even a poor scan yields two of them.
"""

from __future__ import annotations

from .errors import NotALetter
from .schema.letter import Letter

#: A record with fewer of a letter's identifying parts than this is not a letter.
MIN_PARTS = 2


def letter_parts(letter: Letter) -> list[str]:
    """The identifying parts the record has."""
    parts = {
        "doc_type": letter.doc_type != "other",
        "number": bool(letter.number),
        "date": letter.date is not None,
        "subject": bool(letter.subject),
        "issuer": bool(letter.issuer.office),
        "signatory": bool(letter.signatory.name),
    }
    return [name for name, found in parts.items() if found]


def ensure_letter(letter: Letter) -> Letter:
    """``letter`` when it is one; raises :class:`NotALetter` when it has too few of a letter's parts."""
    found = letter_parts(letter)
    if len(found) < MIN_PARTS:
        what = f"only a {found[0]} was found" if found else "no number, date, subject, issuer or signer was found"
        raise NotALetter(letter.source.path, f"not a letter: {what}")
    return letter
