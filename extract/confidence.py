"""How sure the extractor is of a value (0-1), and whether a person should check the record.

A value's confidence combines the strength of the rule that found it (a
labelled slot, ``Nomor : 800/…``, is strong; a line taken for a name by its
place in the signature block is weaker) with how well OCR read it (its mean
word confidence, or its weakest word for numbers, dates and NIPs).  Values
weighed by two readers get their confidence from :mod:`.reread`.  The numbers
are calibrated on the real letters (README: "How far to trust a value").
"""

from __future__ import annotations

from ..schema.letter import Letter, Review

#: A value read from a labelled slot or a fixed part of the letter ("Nomor :", "TENTANG", "Yth.").
LABELLED = 0.97
#: A value found by its place in a block (the name line of a signature, a list item).
PLACED = 0.93
#: A value inferred from elsewhere (a region from the text, not the letterhead).
INFERRED = 0.8
#: OCR confidence (0-100) from which OCR costs a value nothing; under it the value's confidence falls.
OCR_SURE = 90.0
#: Values under this are doubtful: a record holding one of its key values under it needs review.
TRUSTED = 0.9
#: The values a record is identified and filed by: a doubt about any of them asks for review.
KEY_FIELDS = (
    "number",
    "date",
    "subject",
    "issuer.office",
    "issuer.region",
    "signatory.name",
    "signatory.nip",
    "doc_type",
    "place",
)
#: Warnings that say something is missing or inconsistent in the letter itself (not a doubt about a reading):
#: a reviewer need not check the extraction for them.
ABOUT_THE_LETTER = frozenset(
    {"number_blank", "date_incomplete", "signatory_name_missing", "ocr", "not_indonesian", "little_text"}
)
#: ... except on a scan, where an empty slot may hold what OCR could not read (handwriting, a stamp).
ON_A_SCAN = frozenset({"number_blank", "date_incomplete", "signatory_name_missing"})


def of_value(strength: float, ocr: float | None) -> float:
    """The confidence of a value found by a rule of ``strength``, read by OCR at ``ocr`` (0-100; None: not OCR)."""
    if ocr is None or ocr >= OCR_SURE:
        return strength
    # Linear from the rule's strength at OCR_SURE down to half of it at 0.
    return round(strength * (0.5 + 0.5 * max(ocr, 0.0) / OCR_SURE), 3)


def review_of(letter: Letter) -> Review:
    """Whether ``letter`` needs a person's check: a warning about a key value, a key value under
    :data:`TRUSTED`, or a key value missing from a letter that should have it."""
    reasons: list[str] = []
    for warning in letter.warnings:
        # On a scan a blank slot may be a handwritten or stamped value OCR could not read: a reading to check.
        if warning.code in ABOUT_THE_LETTER and not (letter.source.ocr and warning.code in ON_A_SCAN):
            continue
        field = warning.field or ""
        if field.startswith(KEY_FIELDS) or not field:
            reasons.append(f"{warning.code}" + (f" ({field})" if field else ""))
    warned = {w.field for w in letter.warnings}
    for path, value in letter.confidence.items():
        if path.startswith(KEY_FIELDS) and value < TRUSTED and path not in warned:
            reasons.append(f"doubtful ({path})")
    return Review(needed=bool(reasons), reasons=list(dict.fromkeys(reasons)))
