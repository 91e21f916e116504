"""Pydantic models: the contract between the layers and the public JSON shape.

The names below are loaded on first use, so that importing :mod:`.vocabulary` alone does not import pydantic.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    if name in __all__:
        value = getattr(import_module(".provenance" if name == "Span" else ".letter", __name__), name)
        globals()[name] = value  # the next lookup finds it without coming here
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
