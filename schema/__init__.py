"""Pydantic models: the contract between the layers and the public JSON shape."""

from .letter import (
    SCHEMA_VERSION,
    Attachment,
    Citation,
    Election,
    Issuer,
    Item,
    Letter,
    Receipt,
    Region,
    Review,
    Signatory,
    Source,
    Warning,
    letter_json_schema,
)
from .provenance import Span

__all__ = [
    "SCHEMA_VERSION",
    "Attachment",
    "Citation",
    "Election",
    "Issuer",
    "Item",
    "Letter",
    "Receipt",
    "Region",
    "Review",
    "Signatory",
    "Source",
    "Span",
    "Warning",
    "letter_json_schema",
]
