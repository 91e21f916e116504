"""The ``edaran`` command: a thin shell over the library.

Each command turns library errors into one-line ``error: ...`` messages and
exits 1 when anything failed; the library itself never prints or exits.
"""

from __future__ import annotations

import enum
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from .errors import EdaranError

app = typer.Typer(
    name="edaran",
    help="Turn Indonesian circular letters (surat edaran) into structured, comparable data.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class ExtractFormat(str, enum.Enum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


def _error(message: str) -> None:
    typer.echo(f"error: {message}", err=True)


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Letter files (.pdf, .txt, .md) or folders (read recursively).")],
    format: Annotated[ExtractFormat, typer.Option("--format", "-f", help="jsonl: one record a line; json: pretty; table: a summary.")] = ExtractFormat.jsonl,
    ocr: Annotated[bool, typer.Option(help="OCR pages that have no text layer (needs Tesseract).")] = True,
) -> None:
    """Extract each letter into its letter record (schema version 1).

    One record per document; source.path is the path as given.  A file that cannot
    be read prints one line on stderr naming it and the reason, the others go on,
    and the exit code is 1.

    Example:

        edaran extract samples/ --format table

        edaran extract letter.pdf --format json > letter.json
    """
    from .extract import extract_letter
    from .ingest import iter_inputs, read_document

    failed = 0
    records = []
    for item in iter_inputs(str(p) for p in paths):
        if isinstance(item, EdaranError):
            failed += 1
            _error(str(item))
            continue
        try:
            letter = extract_letter(read_document(item, ocr=ocr))
        except EdaranError as err:
            failed += 1
            _error(str(err))
            continue
        except Exception as err:  # a bug must not stop the batch: report it and go on
            failed += 1
            _error(f"{item}: unexpected {type(err).__name__}: {err} (please report this file)")
            continue
        if format is ExtractFormat.jsonl:
            sys.stdout.write(letter.model_dump_json() + "\n")
            sys.stdout.flush()
        else:
            records.append(letter)
    if format is ExtractFormat.json and records:
        data = [r.model_dump(mode="json") for r in records]
        typer.echo(json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2))
    elif format is ExtractFormat.table and records:
        from .render import letters_table

        letters_table(records)
    raise typer.Exit(code=1 if failed else 0)


@app.command()
def text(
    path: Annotated[Path, typer.Argument(help="One letter file.")],
    spans: Annotated[bool, typer.Option("--spans", help="Highlight where each field was read.")] = False,
    ocr: Annotated[bool, typer.Option(help="OCR pages that have no text layer (needs Tesseract).")] = True,
) -> None:
    """Print the text that spans index into (the cleaned document text).

    With --spans, every extracted value is highlighted in place and labelled with
    its field, so a reviewer can see where each value was read.

    Example:

        edaran text samples/002_c412d0169f79d04d.pdf --spans
    """
    from .ingest import read_document

    try:
        doc = read_document(path, ocr=ocr)
    except EdaranError as err:
        _error(str(err))
        raise typer.Exit(code=1) from None
    if not spans:
        sys.stdout.write(doc.text if doc.text.endswith("\n") else doc.text + "\n")
        return
    from .extract import extract_letter
    from .render import highlight_spans

    highlight_spans(doc, extract_letter(doc))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the letter record that `edaran extract` prints.

    Example:

        edaran schema > letter.schema.json
    """
    from .schema import letter_json_schema

    typer.echo(json.dumps(letter_json_schema(), ensure_ascii=False, indent=2))


def main() -> None:
    """Console entry point."""
    app()
