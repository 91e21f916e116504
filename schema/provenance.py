"""Where a value was read: the span of document text it came from."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

BBox = tuple[float, float, float, float]


class Span(BaseModel):
    """Half-open ``[start, end)`` into ``Document.text`` (what ``edaran text`` prints).

    ``page`` is 1-based and ``bbox`` is in PDF points as pdfplumber gives them
    (``x0, top, x1, bottom``); both are null for plain-text input.  ``confidence``
    is the mean OCR confidence (0-100) of the words under the span, null when the
    text did not come from OCR.  ``boxes`` and ``rule`` are additive to schema version 1.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    page: int | None = Field(default=None, ge=1)
    bbox: BBox | None = None
    confidence: float | None = Field(default=None, ge=0, le=100)
    #: When the span runs over a page break: ``(page, box)`` for every page it covers (``bbox`` is the first's).
    boxes: list[tuple[int, BBox]] | None = None
    #: The id of the rule that read the value here ("regex:number.v1", "vote:second_reader.v1").
    rule: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        return self
