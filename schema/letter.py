"""The letter record: the public JSON contract of ``edaran extract`` (schema version 1).

Field names and vocabularies follow ``spec/letter-json.md``.  The models are
frozen and forbid extra keys so that a record read back from the corpus is
exactly the record that was written.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .provenance import Span
from .vocabulary import Acting, CitationKind, DocType, ElectionKind, Level, Relation

SCHEMA_VERSION: Literal["1"] = "1"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Source(_Model):
    path: str
    sha256: str
    media_type: str
    pages: int | None = None
    ocr: bool = False
    #: The file's pages this letter is on, when the file holds more than the letter (several letters,
    #: a disposition slip); null otherwise (additive to schema version 1).
    first_page: int | None = None
    last_page: int | None = None


class Region(_Model):
    code: str | None  # Kemendagri code; null for the national level, which has none
    name: str
    level: Level
    province: str | None = None


class Issuer(_Model):
    office: str | None = None
    acting: Acting | None = None
    title: str | None = None
    region: Region | None = None


class Signatory(_Model):
    name: str | None = None
    name_printed: str | None = None
    nip: str | None = Field(default=None, pattern=r"^\d{18}$")
    title: str | None = None
    on_behalf_of: str | None = None
    electronic: bool = False


class Citation(_Model):
    kind: CitationKind
    number: str | None = None
    numbers: list[str] = []
    year: int | None = None
    articles: list[str] = []
    title: str | None = None
    issuer: str | None = None
    relation: Relation | None = None
    uri: str | None = None
    span: Span
    #: How sure the extractor is of this citation, 0-1 (additive to schema version 1).
    confidence: float | None = None


class Item(_Model):
    label: str
    text: str
    children: list[Item] = []
    span: Span
    #: How sure the extractor is of this item's text, 0-1 (additive to schema version 1).
    confidence: float | None = None


class Election(_Model):
    kind: ElectionKind
    year: int | None = None


class Warning(_Model):
    code: str
    message: str
    span: Span | None = None
    #: The field path the warning is about ("number", "signatory.name", "addressees.2"); null for the whole letter.
    field: str | None = None


class Review(_Model):
    """Whether a person should check the record before relying on it, and why (additive to schema version 1)."""

    needed: bool = False
    reasons: list[str] = []


class Attachment(_Model):
    """An annex of the letter after its signature ("LAMPIRAN SURAT EDARAN … NOMOR …"): part of the
    letter, not its body (additive to schema version 1)."""

    title: str  # its heading as printed, lines joined
    pages: list[int] = []  # the file's pages it is on; empty for text
    span: Span  # the heading


class Receipt(_Model):
    """The slip a bureau files on top of a letter it received (Lembar Disposisi, Kartu Kendali): how the
    letter came in and where it was sent on, which is not part of the letter (additive to schema version 1)."""

    kind: str  # the slip's title as printed: "LEMBAR DISPOSISI"
    pages: list[int]  # the file's pages the slip is on
    agenda_number: str | None = None
    received: dt.date | None = None
    sender: str | None = None  # "Surat dari" / "Asal surat"
    disposition: str | None = None  # "Isi disposisi" / "Diteruskan kepada"


class Letter(_Model):
    schema_version: Literal["1"] = SCHEMA_VERSION
    source: Source
    doc_type: DocType = "other"
    number: str | None = None
    date: dt.date | None = None
    place: str | None = None
    subject: str | None = None
    issuer: Issuer = Issuer()
    signatory: Signatory = Signatory()
    addressees: list[str] = []
    citations: list[Citation] = []
    prohibitions: list[Item] = []
    obligations: list[Item] = []
    tembusan: list[str] = []
    urls: list[str] = []
    election: Election | None = None
    warnings: list[Warning] = []
    spans: dict[str, Span] = {}
    #: How sure the extractor is of each value it gave, 0-1, keyed like ``spans`` (additive to schema version 1).
    confidence: dict[str, float] = {}
    review: Review = Review()
    #: The letter's annexes after its signature, in order (additive to schema version 1).
    attachments: list[Attachment] = []
    #: The disposition slip the letter was filed with, when its file holds one (additive to schema version 1).
    receipt: Receipt | None = None


def letter_json_schema() -> dict:
    """The JSON Schema of the letter record, as ``edaran schema`` prints it."""
    return Letter.model_json_schema()
