"""The extractor's vocabulary as data: one JSON file per kind of word (offices, citations, dates, labels)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def load_patterns(name: str) -> dict[str, Any]:
    """Read a pattern file of this folder (patterns are data, not code)."""
    return json.loads(resources.files(__name__).joinpath(name).read_text("utf-8"))
