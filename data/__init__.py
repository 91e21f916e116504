"""Reference data every stage reads: regions, month names, election calendars, repeals, the catalogue.

The files here are facts, versioned, not code; this module only opens them, and imports no stage,
so OCR, extraction and comparison can all read the same list without depending on each other.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from importlib import resources


def read_json(name: str) -> dict:
    """One reference file of this folder, parsed."""
    return json.loads(resources.files(__name__).joinpath(name).read_text("utf-8"))


@functools.cache
def months() -> dict[str, int]:
    """Month names, lower case, to their number: "januari", "jan", "pebruari", "nopember", "may" (stamps)."""
    return read_json("months.json")["months"]


@functools.cache
def election_days() -> tuple[tuple[str, int, dt.date], ...]:
    """(kind, year, polling day) of every election in the calendar (``elections.json``)."""
    return tuple(
        (e["kind"], int(e["year"]), dt.date.fromisoformat(e["vote"])) for e in read_json("elections.json")["elections"]
    )
