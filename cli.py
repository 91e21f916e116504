"""The ``edaran`` command: a thin shell over the library.

Each command turns library errors into one-line ``error: ...`` messages and
exits 1 when anything failed; the library itself never prints or exits.
"""

from __future__ import annotations

import contextlib
import enum
import json
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from .errors import EdaranError
from .ingest.limits import DEFAULT as LIMITS
from .ingest.limits import Limits

app = typer.Typer(
    name="edaran",
    help="Turn Indonesian circular letters (surat edaran) into structured, comparable data.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from . import EXTRACTOR_VERSION, __version__

        typer.echo(f"edaran {__version__} (extractor {EXTRACTOR_VERSION})")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Turn Indonesian circular letters (surat edaran) into structured, comparable data."""


class ExtractFormat(enum.StrEnum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


def _error(message: str) -> None:
    from .render import printable

    typer.echo(f"error: {printable(message)}", err=True)


FollowLinksOption = Annotated[
    bool,
    typer.Option(
        "--follow-links",
        help="Read files that links inside a folder point at outside it (by default they are recorded as not read).",
    ),
]

# Per-file limits (see ingest/limits.py), the same on `extract` and `ingest`.
TimeoutOption = Annotated[
    float,
    typer.Option(
        "--timeout",
        help="Seconds one file may take; a file over it fails with 'timeout' and the others go on (0: none).",
    ),
]
MaxPagesOption = Annotated[int, typer.Option("--max-pages", help="A PDF with more pages fails unread.")]
MaxMegapixelsOption = Annotated[
    float,
    typer.Option(
        "--max-megapixels", help="Largest page image rendered for OCR; a bigger page is rendered at a lower resolution."
    ),
]
MaxTextMbOption = Annotated[float, typer.Option("--max-text-mb", help="A larger text file fails unread.")]
MaxMemoryOption = Annotated[
    float,
    typer.Option(
        "--max-memory-mb",
        help="Memory (address space) of the process reading one file; a file needing more fails (0: none).",
    ),
]


def _warm() -> None:
    """Build the tokenizer in the worker before the first file's time starts."""
    from .extract.nlp import tokenizer

    tokenizer()


def _limits(timeout: float, max_pages: int, max_megapixels: float, max_text_mb: float, max_memory_mb: float) -> Limits:
    return Limits(
        seconds=timeout or None,
        pages=max_pages,
        pixels=int(max_megapixels * 1e6),
        text_bytes=int(max_text_mb * 1e6),
        memory=int(max_memory_mb * 1e6) or None,
    )


def _read_letter(task) -> tuple[bool, list[str] | str]:
    """(True, the record of each letter in the file as JSON: most files hold one, a bundle several) or
    (False, why not) for ``(path, ocr, limits, second_reader)``; runs in a worker."""
    from .bundle import letters_in
    from .ingest import read_document
    from .verdict import ensure_letter

    path, ocr, limits, second_reader = task
    try:
        letters = letters_in(read_document(path, ocr=ocr, limits=limits), second_reader=second_reader)
        return True, [ensure_letter(letter).model_dump_json() for letter, _ in letters]
    except EdaranError as err:
        return False, str(err)
    except MemoryError:
        return False, f"{path}: out of memory: over the limit of {limits.memory / 1e6:g} MB"
    except Exception as err:  # a bug must not stop the batch: report it and go on
        return False, f"{path}: unexpected {type(err).__name__}: {err} (please report this file)"


#: Fewer files than this are read without a progress bar: it would flash and vanish.
PROGRESS_FROM = 3


@contextlib.contextmanager
def _extract_progress(files: list[str]):
    """``advance(index)`` after file ``index`` is read: a bar on a terminal naming the file being read now
    (files are read one at a time, in order), nothing otherwise."""
    if len(files) < PROGRESS_FROM or not sys.stderr.isatty():
        yield lambda index: None
        return
    from rich.markup import escape

    from .render import Eta, printable, progress_bar

    with progress_bar("extract") as bar:
        task = bar.add_task(escape(printable(Path(files[0]).name)), total=len(files), eta="-:--:--")
        eta = Eta()

        def advance(index: int) -> None:
            current = files[index + 1] if index + 1 < len(files) else ""
            bar.update(
                task,
                completed=index + 1,
                eta=eta.tick(index + 1, len(files)),
                description=escape(printable(Path(current).name)),
            )
            bar.refresh()  # each file named as it starts, however fast the one before went

        yield advance


@app.command()
def extract(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH",
            help="Letter files (PDF, images, .docx, .odt, .rtf, text) or folders (read recursively).",
            readable=False,
        ),
    ],  # an unreadable file fails alone, not the batch
    format: Annotated[
        ExtractFormat, typer.Option("--format", "-f", help="jsonl: one record a line; json: pretty; table: a summary.")
    ] = ExtractFormat.jsonl,
    ocr: Annotated[bool, typer.Option(help="OCR pages that have no text layer (needs Tesseract).")] = True,
    second_reader: Annotated[
        bool,
        typer.Option(
            help="On scans, read a doubtful number, date or signer's name a second time (PP-OCR) and weigh the "
            "readings; without it such values are withheld or flagged."
        ),
    ] = True,
    timeout: TimeoutOption = LIMITS.seconds or 0,
    max_pages: MaxPagesOption = LIMITS.pages,
    max_megapixels: MaxMegapixelsOption = LIMITS.pixels / 1e6,
    max_text_mb: MaxTextMbOption = LIMITS.text_bytes / 1e6,
    max_memory_mb: MaxMemoryOption = (LIMITS.memory or 0) / 1e6,
    follow_links: FollowLinksOption = False,
) -> None:
    """Extract each letter into its letter record (schema version 1).

    One record per letter (a file holding several letters gives several, each with
    its pages); source.path is the path as given.  A file that cannot be read, of a
    kind not read (unsupported), holding no letter, or over a limit (time, memory,
    pages, text size) prints one line on stderr naming it and the reason, the
    others go on, and the exit code is 1.

    Example:

        edaran extract samples/ --format table

        edaran extract letter.pdf --format json > letter.json
    """
    from .ingest import iter_inputs
    from .schema.letter import Letter
    from .workers import Lost, run

    failed = 0
    records: list[Letter] = []
    limits = _limits(timeout, max_pages, max_megapixels, max_text_mb, max_memory_mb)
    files = []
    for item in iter_inputs((str(p) for p in paths), follow_links=follow_links):
        if isinstance(item, EdaranError):
            failed += 1
            _error(str(item))
        else:
            files.append(item)
    # One worker process, so records come in the order given and a file over its time can be stopped.
    with _extract_progress(files) as advance:
        for index, outcome in run(
            _read_letter,
            [(f, ocr, limits, second_reader) for f in files],
            seconds=limits.seconds,
            memory=limits.memory,
            initializer=_warm,
        ):
            advance(index)
            ok, result = (False, f"{files[index]}: {outcome.reason}") if isinstance(outcome, Lost) else outcome
            if not ok:
                failed += 1
                _error(result)
            elif format is ExtractFormat.jsonl:
                sys.stdout.write("".join(record + "\n" for record in result))
                sys.stdout.flush()
            else:
                records.extend(Letter.model_validate_json(record) for record in result)
    if format is ExtractFormat.json and records:
        data = [r.model_dump(mode="json") for r in records]
        typer.echo(json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2))
    elif format is ExtractFormat.table and records:
        from .render import letters_table

        letters_table(records)
    raise typer.Exit(code=1 if failed else 0)


@app.command()
def text(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="One letter file.")],
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


DEFAULT_DB = Path("edaran.db")
DbOption = Annotated[Path, typer.Option("--db", help="The corpus database (SQLite).")]


def _fail(err: EdaranError) -> NoReturn:
    _error(str(err))
    raise typer.Exit(code=1)


@app.command()
def ingest(
    paths: Annotated[
        list[Path], typer.Argument(metavar="PATH", help="Letter files or folders (read recursively).", readable=False)
    ],  # an unreadable file fails alone, not the batch
    db: DbOption = DEFAULT_DB,
    workers: Annotated[int, typer.Option(help="Extraction processes (default: every core).")] = 0,
    reprocess: Annotated[bool, typer.Option(help="Re-extract letters made by an older extractor version.")] = False,
    timeout: TimeoutOption = LIMITS.seconds or 0,
    max_pages: MaxPagesOption = LIMITS.pages,
    max_megapixels: MaxMegapixelsOption = LIMITS.pixels / 1e6,
    max_text_mb: MaxTextMbOption = LIMITS.text_bytes / 1e6,
    max_memory_mb: MaxMemoryOption = (LIMITS.memory or 0) / 1e6,
    follow_links: FollowLinksOption = False,
    cluster: Annotated[
        str | None,
        typer.Option(
            help="Read the files on a Dask cluster: a scheduler's address (tcp://host:8786), "
            "or local:N for N worker processes on this machine. This process writes the corpus.",
        ),
    ] = None,
    ship_files: Annotated[
        bool,
        typer.Option(help="With --cluster: send each file's bytes to the workers (they need not see its path)."),
    ] = False,
    retries: Annotated[
        int, typer.Option(min=0, help="With --cluster: times a file is tried again when its Dask worker is lost.")
    ] = 2,
) -> None:
    """Extract letters into the corpus database, skipping files already stored.

    Each file is identified by the sha256 of its bytes: an unchanged file is not
    extracted again and one letter under two names is one letter.  Every file gets
    a row in the `files` table (ok, failed with the reason, needs_ocr); a file over a
    limit (time, memory, pages, text size) fails alone.  An
    interrupted run can simply be started again.  Exit code 1 if any file failed.

    Example:

        edaran ingest letters/ --db corpus.db

        edaran ingest /shared/letters/ --db corpus.db --cluster tcp://scheduler:8786
    """
    import os as _os

    from .corpus.batch import UNREAD
    from .corpus.batch import ingest as run_ingest
    from .corpus.store import open_corpus
    from .ingest import iter_inputs

    try:
        corpus = open_corpus(db)
    except EdaranError as err:
        _fail(err)
    inputs = list(iter_inputs((str(p) for p in paths), follow_links=follow_links))
    count = len(inputs)
    limits = _limits(timeout, max_pages, max_megapixels, max_text_mb, max_memory_mb)
    command = "edaran ingest " + " ".join(str(p) for p in paths)
    options = dict(
        workers=workers or None,
        reprocess=reprocess,
        command=command,
        limits=limits,
        cluster=cluster,
        ship_files=ship_files,
        retries=retries,
    )
    from .render import printable

    def ingest_all(show, reading=None):
        try:
            return run_ingest(corpus, inputs, progress=show, reading=reading, **options)
        except EdaranError as err:  # the cluster cannot be reached or started
            _fail(err)

    if sys.stderr.isatty():
        from rich.markup import escape
        from rich.text import Text

        from .render import Eta, progress_bar

        with progress_bar("ingest") as bar:
            task = bar.add_task("", total=count, eta="-:--:--")
            eta = Eta()

            being_read: list[str] = []  # files workers are reading, the latest last: the one named

            def named(path: str) -> str:
                return escape(printable(_os.path.basename(path)))

            def reading(path: str) -> None:
                being_read.append(path)
                bar.update(task, description=named(path))

            def show(outcome, done, total):
                if outcome.path in being_read:
                    being_read.remove(outcome.path)
                current = being_read[-1] if being_read else outcome.path
                bar.update(task, completed=done, eta=eta.tick(done, total), description=named(current))
                if outcome.status in UNREAD:
                    bar.console.print(
                        Text(printable(f"{outcome.status}: {outcome.path}: {outcome.reason}"), style="red")
                    )

            summary = ingest_all(show, reading)
    else:

        def show(outcome, done, total):
            reason = f": {outcome.reason}" if outcome.reason else ""
            typer.echo(printable(f"[{done}/{total}] {outcome.status} {outcome.path}{reason}"), err=True)

        summary = ingest_all(show)
    counts = {s: summary.count(s) for s in ("ok", "skipped", "failed", "needs_ocr", "unsupported", "not_a_letter")}
    typer.echo(
        f"{count} files: {counts['ok']} extracted, {counts['skipped']} already in the corpus, "
        f"{counts['failed']} failed, {counts['needs_ocr']} need OCR, {counts['unsupported']} unsupported, "
        f"{counts['not_a_letter']} not a letter -> {db} (run {summary.run_id})",
        err=True,
    )
    _review_summary(summary.outcomes, db)
    _redundant_corrections(corpus, summary.outcomes)
    raise typer.Exit(code=1 if summary.failed else 0)


def _redundant_corrections(corpus, outcomes) -> None:
    """A person's corrections that the letters just extracted no longer need: the extractor now reads the same."""
    from . import EXTRACTOR_VERSION

    ids = [o.letter_id for o in outcomes if o.status == "ok"]
    if not ids:
        return
    rows = corpus.execute(
        f"SELECT letter_id, field, after, who FROM corrections WHERE redundant = ? "
        f"AND letter_id IN ({', '.join('?' for _ in ids)}) ORDER BY id",
        [EXTRACTOR_VERSION, *ids],
    ).fetchall()
    for letter_id, field, after, who in rows:
        typer.echo(
            f"correction no longer needed: letter {letter_id[:12]} {field} = {after} ({who}): "
            "the extractor now reads it so",
            err=True,
        )


def _review_summary(outcomes, db: Path) -> None:
    """How many of the letters just extracted a person should check, and the commonest reasons."""
    from collections import Counter

    flagged = [o for o in outcomes if o.review]
    if not flagged:
        return
    reasons = Counter(r for o in flagged for r in o.review)
    top = ", ".join(f"{reason} x{n}" for reason, n in reasons.most_common(5))
    typer.echo(
        f"{len(flagged)} of {sum(1 for o in outcomes if o.status == 'ok')} extracted letters need review: {top}",
        err=True,
    )
    typer.echo(
        f'  list them: edaran query "SELECT path, review_reasons FROM letters WHERE review_needed" --db {db}', err=True
    )


class OutputFormat(enum.StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="table (for reading), json (one document), jsonl (one object a line) or csv."),
]


def _print_rows(columns: list[str], rows: list, format: OutputFormat) -> None:
    """Print rows in ``format``: the same rows whatever the format, so a script reads what a person sees."""
    if format is OutputFormat.json:
        typer.echo(json.dumps([dict(zip(columns, r, strict=True)) for r in rows], ensure_ascii=False, indent=2))
    elif format is OutputFormat.jsonl:
        for r in rows:
            typer.echo(json.dumps(dict(zip(columns, r, strict=True)), ensure_ascii=False))
    elif format is OutputFormat.csv:
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*columns)
        for r in rows:
            table.add_row(*["" if v is None else str(v) for v in r])
        console = Console()
        (console if console.is_terminal else Console(width=200)).print(table)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find; put a phrase in double quotes.")],
    db: DbOption = DEFAULT_DB,
    region: Annotated[
        str | None,
        typer.Option(help='Region code or name: 61 (a province and its regions), 61.09, "Kabupaten Sleman", sleman.'),
    ] = None,
    level: Annotated[str | None, typer.Option(help="nasional, provinsi, kabupaten or kota.")] = None,
    year: Annotated[int | None, typer.Option(help="Year of the letter's date.")] = None,
    election: Annotated[str | None, typer.Option(help="e.g. pilkada-2024, pemilu-2024.")] = None,
    kind: Annotated[str | None, typer.Option(help="Document type: surat_edaran, surat, instruksi, ...")] = None,
    limit: Annotated[int, typer.Option(help="How many hits.")] = 20,
    format: FormatOption = OutputFormat.table,
) -> None:
    """Search subjects, letter texts and list items; best hits first, matches in [brackets].

    Letters are found as a person corrected them (see `edaran review`), and say which fields were corrected.

    Example:

        edaran search "mengerahkan PNS" --election pilkada-2024 --level kabupaten

        edaran search netralitas --format csv
    """
    from .corpus.readonly import open_readonly
    from .corpus.search import search as run_search

    try:
        corpus = open_readonly(db)
        hits = run_search(
            corpus, query, region=region, level=level, year=year, election=election, kind=kind, limit=limit
        )
    except EdaranError as err:
        _fail(err)
    if not hits:
        typer.echo("no hits", err=True)
    rows = [
        (
            h.letter_id,
            h.number,
            h.date,
            h.region,
            h.path,
            h.where,
            " ".join(h.snippet.split()),
            _corrected_fields(corpus, h.letter_id),
        )
        for h in hits
    ]
    if format is OutputFormat.table:
        _print_hits(rows)
    else:
        _print_rows(list(HIT_COLUMNS), [(*r[:7], ", ".join(r[7])) for r in rows], format)


HIT_COLUMNS = ("letter_id", "number", "date", "region", "path", "where", "snippet", "corrected")


def _corrected_fields(corpus, letter_id: str) -> list[str]:
    """The fields a person corrected, so a hit says which of its values are not as extracted."""
    (corrected,) = corpus.execute("SELECT corrected FROM letters WHERE id = ?", [letter_id]).fetchone()
    return json.loads(corrected) if corrected else []


def _print_hits(rows: list[tuple]) -> None:
    """Two lines a hit: a snippet is too long for a table's column."""
    for _, number, date, region, path, where, snippet, corrected in rows:
        by_hand = f"  (corrected by a person: {', '.join(corrected)})" if corrected else ""
        typer.echo(f"{number or '(no number)'}  {date or ''}  {region or ''}  {path}  [{where}]{by_hand}")
        typer.echo("    " + snippet)


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="A SELECT statement.")],
    db: DbOption = DEFAULT_DB,
    format: FormatOption = OutputFormat.table,
) -> None:
    """Run read-only SQL on the corpus (the database is opened read-only).

    Tables: letters, items, citations, instruments, addressees, tembusan, regions,
    files, runs, matches, findings, corrections (see the README).

    Example:

        edaran query "SELECT region_code, count(*) FROM letters GROUP BY 1" --format csv
    """
    import sqlite3

    from .corpus.readonly import open_readonly

    try:
        cursor = open_readonly(db).execute(sql)
    except EdaranError as err:
        _fail(err)
    except sqlite3.Error as err:
        _error(f"{err} (the corpus is opened read-only: only queries run)")
        raise typer.Exit(code=1) from None
    columns = [d[0] for d in cursor.description or []]
    _print_rows(columns, cursor.fetchall(), format)


@app.command()
def show(
    letter: Annotated[
        str, typer.Argument(help="A letter id (or its first characters), number, file path or file name.")
    ],
    db: DbOption = DEFAULT_DB,
    html: Annotated[
        Path | None,
        typer.Option("--html", help="Write the review application's letter page here, as one self-contained file."),
    ] = None,
    format: FormatOption = OutputFormat.table,
) -> None:
    """Show one letter's record (with a person's corrections applied) and, for each value, where it was read.

    With --format json the letter is one JSON document (record, where each value was read, corrections);
    several letters sharing a number are a JSON array of them.  csv lists where each value was read.

    Example:

        edaran show 800/46/BKPSDMD-II/2024

        edaran show 001_5ea491974b8290d4.txt --format json

        edaran show 800/46/BKPSDMD-II/2024 --html letter.html
    """
    from .corpus.store import open_corpus

    try:
        corpus = open_corpus(db, readonly=True)
        ids = _find_letters(corpus, letter)
        if not ids:
            raise EdaranError(f"no letter {letter!r} in {db}")
        if html:
            from .output import atomic_output
            from .review.standalone import letter_html

            with atomic_output(html) as stream:
                stream.write(letter_html(corpus, ids[0]))
            typer.echo(f"letter {ids[0]} -> {html}", err=True)
            return
        documents = [_letter_document(corpus, letter_id) for letter_id in ids]
    except EdaranError as err:
        _fail(err)
    _print_letters(documents, format)


def _find_letters(corpus, letter: str) -> list[str]:
    """Ids of the letters ``letter`` names: an id or its start, a number, or the path or bare name of a file
    read for it (a researcher copies the name from a listing, not the folder it was ingested from)."""
    from .corpus.store import number_key

    return [
        row[0]
        for row in corpus.execute(
            "SELECT id FROM letters WHERE id LIKE ? OR number_key = ? OR path = ? "
            "OR id IN (SELECT letter_id FROM files WHERE path = ? OR path LIKE ? ESCAPE '\\')",
            [f"{letter}%", number_key(letter), letter, letter, "%/" + _like_literal(letter)],
        )
    ]


def _like_literal(text: str) -> str:
    """``text`` matched as itself by LIKE (file names hold ``_``, which LIKE reads as any character)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _letter_document(corpus, letter_id: str) -> dict:
    """One letter as one document: its record, where each value was read, and a person's corrections."""
    from .corpus.store import load_letter
    from .render import field_spans

    record = load_letter(corpus, letter_id)
    text = corpus.execute("SELECT text FROM letters WHERE id = ?", [letter_id]).fetchone()[0] or ""
    return {
        "id": letter_id,
        "record": json.loads(record.model_dump_json(exclude={"spans"})),
        "where_read": [
            {"field": name, "start": start, "end": end, "text": " ".join(text[start:end].split())}
            for name, start, end in field_spans(record)
        ],
        "corrected": [{"field": w.field, "message": w.message} for w in record.warnings if w.code == "corrected"],
    }


def _print_letters(documents: list[dict], format: OutputFormat) -> None:
    """Print the letters ``show`` found in ``format``."""
    if format is OutputFormat.json:
        typer.echo(json.dumps(documents[0] if len(documents) == 1 else documents, ensure_ascii=False, indent=2))
    elif format is OutputFormat.jsonl:
        for document in documents:
            typer.echo(json.dumps(document, ensure_ascii=False))
    elif format is OutputFormat.csv:
        _print_rows(
            ["letter_id", "field", "start", "end", "text"],
            [(d["id"], *w.values()) for d in documents for w in d["where_read"]],
            format,
        )
    else:
        for document in documents:
            _print_letter_text(document)


def _print_letter_text(document: dict) -> None:
    """The reading view: the record, then each value's place in the text, then the corrections."""
    typer.echo(f"# letter {document['id']}")
    typer.echo(json.dumps(document["record"], ensure_ascii=False, indent=2))
    typer.echo("# where each value was read")
    for w in document["where_read"]:
        typer.echo(f"{w['field']} [{w['start']}:{w['end']}] {w['text'][:100]}")
    if document["corrected"]:
        typer.echo("# corrected by a person")
        for c in document["corrected"]:
            typer.echo(f"{c['field']}: corrected {c['message']}")


class ExportFormat(enum.StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    json = "json"
    xlsx = "xlsx"
    parquet = "parquet"


#: Formats written as bytes to a file: a table of them needs --out.
BINARY_FORMATS = (ExportFormat.xlsx, ExportFormat.parquet)


@app.command()
def export(
    db: DbOption = DEFAULT_DB,
    format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.jsonl,
    table: Annotated[str, typer.Option(help="A table, or `records` for the letter records.")] = "records",
    out: Annotated[Path | None, typer.Option(help="Write here instead of standard output.")] = None,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel",
            help="CSV for Excel: a UTF-8 byte order mark, ';' between cells, cells cut at Excel's "
            "32,767 characters and marked ' [dipotong]'.",
        ),
    ] = False,
) -> None:
    """Export the letter records (the JSON contract) or any table.

    Example:

        edaran export --format jsonl --out letters.jsonl

        edaran export --table items --format csv --out items.csv

        edaran export --table letters --format csv --excel --out letters.csv

        edaran export --table findings --format xlsx --out findings.xlsx

        edaran export --table items --format parquet --out items.parquet
    """

    from .corpus.store import open_corpus
    from .output import atomic_output

    try:
        corpus = open_corpus(db, readonly=True)
        if table != "records" and table not in corpus.table_names():
            raise EdaranError(
                f"no table {table!r}; tables: records, "
                + ", ".join(t for t in corpus.table_names() if "_fts" not in t and not t.startswith("_"))
            )
        if table == "records" and format is ExportFormat.csv:
            raise EdaranError("records are trees: export them as jsonl or json, or export a table as csv")
        if excel and format is not ExportFormat.csv:
            raise EdaranError("--excel shapes CSV: give it with --format csv")
        if format in BINARY_FORMATS:
            if table == "records":
                raise EdaranError(f"records are trees: export a table as {format}, e.g. --table letters")
            if out is None:
                raise EdaranError(f"{format} is a binary file: give --out FILE.{format}")
            with atomic_output(out) as stream:
                _export_binary(corpus, table, format, stream.buffer)
            return
        with atomic_output(out) if out else contextlib.nullcontext(sys.stdout) as stream:
            _export(corpus, table, format, stream, excel=excel)
    except EdaranError as err:
        _fail(err)


def _export_binary(corpus, table: str, format: ExportFormat, stream) -> None:
    """Write one table as XLSX or Parquet to the binary ``stream``."""
    from .corpus.sheets import write_parquet, write_xlsx

    cursor = corpus.execute(f"SELECT * FROM [{table}]")
    if format is ExportFormat.xlsx:
        write_xlsx(cursor, stream, sheet=table)
    else:
        write_parquet(cursor, stream, types={c.name: c.type for c in corpus.table(table).columns})


def _write_csv(cursor, columns: list[str], stream, *, excel: bool) -> None:
    """CSV of the rows; for Excel with a byte order mark (else it reads UTF-8 as the local code page)
    and ';', the separator Excel expects where the decimal mark is a comma, as in Indonesia."""
    import csv

    from .corpus.sheets import excel_cell

    if excel:
        stream.write("\ufeff")
    writer = csv.writer(stream, delimiter=";" if excel else ",")
    writer.writerow(columns)
    writer.writerows(([excel_cell(v) for v in row] for row in cursor) if excel else cursor)


def _export(corpus, table: str, format: ExportFormat, stream, *, excel: bool = False) -> None:
    """Write the letter records or one table to ``stream`` as the rows are read: memory stays flat
    whatever the corpus's size.  Records are the stored ``record`` column as it is (the effective record,
    corrections applied when they were saved), never parsed and written again."""
    if table == "records":
        _write_json((r[0] for r in corpus.execute("SELECT record FROM letters ORDER BY date, id")), stream, format)
        return
    cursor = corpus.execute(f"SELECT * FROM [{table}]")
    columns = [d[0] for d in cursor.description]
    if format is ExportFormat.csv:
        _write_csv(cursor, columns, stream, excel=excel)
    else:
        rows = (json.dumps(dict(zip(columns, r, strict=True)), ensure_ascii=False) for r in cursor)
        _write_json(rows, stream, format)


def _write_json(documents, stream, format: ExportFormat) -> None:
    """JSON documents (already serialised) one a line, or as one JSON array with one element a line."""
    if format is ExportFormat.jsonl:
        for document in documents:
            stream.write(document + "\n")
        return
    stream.write("[")
    for n, document in enumerate(documents):
        stream.write(("\n" if n == 0 else ",\n") + document)
    stream.write("\n]\n")


@app.command()
def stats(db: DbOption = DEFAULT_DB, format: FormatOption = OutputFormat.table) -> None:
    """Counts of letters by region level, year, election, document type and review status, and of files by status.

    Example:

        edaran stats --db corpus.db

        edaran stats --format csv
    """
    from .corpus.readonly import open_readonly

    try:
        corpus = open_readonly(db)
    except EdaranError as err:
        _fail(err)
    rows = [(title, key, n) for title, sql in STATS for key, n in corpus.execute(sql)]
    if format is not OutputFormat.table:
        _print_rows(["statistic", "value", "count"], rows, format)
        return
    for title, _ in STATS:
        typer.echo(title)
        for _, key, n in (r for r in rows if r[0] == title):
            typer.echo(f"  {key!s:<30} {n:>7}")


#: What ``stats`` counts: a title and the query giving (value, count) rows.
STATS = [
    ("letters by region level", "SELECT coalesce(region_level, '?'), count(*) FROM letters GROUP BY 1 ORDER BY 2 DESC"),
    ("letters by year", "SELECT coalesce(year, '?'), count(*) FROM letters GROUP BY 1 ORDER BY 1"),
    (
        "letters by election",
        "SELECT coalesce(election_kind || ' ' || coalesce(election_year, ''), 'none'), "
        "count(*) FROM letters GROUP BY 1 ORDER BY 2 DESC",
    ),
    ("letters by document type", "SELECT doc_type, count(*) FROM letters GROUP BY 1 ORDER BY 2 DESC"),
    ("files by status", "SELECT status, count(*) FROM files GROUP BY 1 ORDER BY 2 DESC"),
    (
        "letters by review",
        "SELECT CASE review_needed WHEN 1 THEN 'needs review' WHEN 0 THEN 'ok' "
        "ELSE 'not judged (older extractor)' END, count(*) FROM letters GROUP BY 1 ORDER BY 2 DESC",
    ),
    (
        "why letters need review",
        "SELECT j.value, count(*) FROM letters, json_each(letters.review_reasons) j "
        "WHERE review_needed GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10",
    ),
]


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8001,
    host: Annotated[str, typer.Option(help="Address to bind; 127.0.0.1 keeps it on this machine.")] = "127.0.0.1",
    immutable: Annotated[
        bool,
        typer.Option(
            help="Serve a published snapshot that will not change (faster); by default the corpus is served live, "
            "read-only, and letters ingested meanwhile appear."
        ),
    ] = False,
) -> None:
    """Browse the corpus in Datasette (read-only), with facets and ready-made queries.

    Example:

        edaran serve --db corpus.db --port 8001
    """
    from .corpus.serve import serve as run_serve

    try:
        raise typer.Exit(code=run_serve(db, host=host, port=port, immutable=immutable))
    except EdaranError as err:
        _fail(err)


@app.command()
def review(
    db: DbOption = DEFAULT_DB,
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8002,
    host: Annotated[str, typer.Option(help="Address to bind; 127.0.0.1 keeps it on this machine.")] = "127.0.0.1",
    reviewer: Annotated[
        str | None, typer.Option(help="Name corrections are signed with (default: your login).")
    ] = None,
) -> None:
    """Review and correct letters in the browser: a queue (letters that need review first), each letter's
    page images with a box around every value, and corrections stored beside what was extracted.

    Corrections survive `ingest --reprocess`; `show`, `search`, `export`, `compare` and `serve` use them.

    Example:

        edaran review --db corpus.db --port 8002
    """
    import getpass

    import uvicorn

    from .review.app import create_app

    try:
        application = create_app(
            db, reviewer=reviewer or getpass.getuser(), cache=db.with_name(db.name + ".pages"), host=host
        )
    except EdaranError as err:
        _fail(err)
    typer.echo(f"review: http://{host}:{port}/ (Ctrl-C stops it)", err=True)
    uvicorn.run(application, host=host, port=port, log_level="warning")


class CompareFormat(enum.StrEnum):
    html = "html"
    json = "json"
    csv = "csv"
    md = "md"


class ReportLang(enum.StrEnum):
    id = "id"
    en = "en"


@app.command()
def compare(
    db: DbOption = DEFAULT_DB,
    election: Annotated[str | None, typer.Option(help="Only letters about one election, e.g. pilkada-2024.")] = None,
    catalog: Annotated[
        Path | None, typer.Option(help="A catalogue of prohibited acts to use instead of the bundled one.")
    ] = None,
    format: Annotated[CompareFormat, typer.Option("--format", "-f")] = CompareFormat.html,
    out: Annotated[Path | None, typer.Option(help="Write the report here (default: standard output).")] = None,
    lang: Annotated[ReportLang, typer.Option(help="Language of the HTML and Markdown report.")] = ReportLang.id,
) -> None:
    """Compare the corpus's letters: coverage of the prohibited acts, gaps, changed wording,
    repealed or inconsistent citations, late letters, missing signatories, lineage.

    The findings and matches are also stored in the corpus (tables `findings`, `matches`), per election:
    comparing one election replaces only that election's rows.

    Example:

        edaran compare --db corpus.db --election pilkada-2024 --out report.html
    """
    from .comparison.catalog import load_catalog
    from .comparison.compare import compare_corpus
    from .comparison.report import write_csv, write_html, write_json, write_markdown
    from .comparison.spool import Spool
    from .corpus.store import open_corpus
    from .output import atomic_output, check_output

    writers = {
        CompareFormat.html: lambda spool, stream: write_html(spool, stream, lang.value),
        CompareFormat.md: lambda spool, stream: write_markdown(spool, stream, lang.value),
        CompareFormat.json: write_json,
        CompareFormat.csv: write_csv,
    }
    # the report is written from the spool, one letter at a time: memory does not grow with the corpus
    with Spool(data=format == CompareFormat.json) as spool:
        try:
            if out:
                check_output(out)
            corpus = open_corpus(db)
            stored = compare_corpus(
                corpus, election=election, catalog=load_catalog(catalog) if catalog else None, also=spool
            )
            if not stored.letters or stored.across is None:
                raise EdaranError(
                    f"no letters{' about ' + election if election else ''} in {db}; add some with `edaran ingest`"
                )
            spool.finish(stored.across, stored.unmatched)
            if out:
                with atomic_output(out) as stream:
                    writers[format](spool, stream)
        except EdaranError as err:
            _fail(err)
        if out:
            typer.echo(f"{stored.letters} letters, {stored.findings} findings -> {out}", err=True)
        else:
            writers[format](spool, sys.stdout)


@app.command()
def demo(
    out: Annotated[Path, typer.Option(help="Folder for the corpus and the report.")] = Path("out"),
) -> None:
    """Run the whole job on the bundled sample letters: ingest (extract) them into a corpus,
    compare them, and write a report to open in a browser.

    Example:

        edaran demo --out out
    """
    import os as _os

    from .comparison.compare import compare_corpus
    from .comparison.report import to_html, to_json
    from .corpus.batch import ingest as run_ingest
    from .corpus.store import open_corpus
    from .ingest import iter_inputs

    samples = Path(__file__).resolve().parent / "samples"
    if samples.is_relative_to(Path.cwd()):  # shorter source paths in the report
        samples = Path(_os.path.relpath(samples))
    out.mkdir(parents=True, exist_ok=True)
    db_path = out / "edaran.db"
    try:
        corpus = open_corpus(db_path)
        summary = run_ingest(corpus, list(iter_inputs([str(samples)])), command="edaran demo")
        stored = compare_corpus(corpus, keep=True)
        assert stored.result is not None
        result = stored.result
    except EdaranError as err:
        _fail(err)
    (out / "report.html").write_text(to_html(result), encoding="utf-8")
    (out / "comparison.json").write_text(to_json(result), encoding="utf-8")
    kinds: dict[str, int] = {}
    for f in result.findings:
        kinds[f.kind] = kinds.get(f.kind, 0) + 1
    typer.echo(f"{len(summary.outcomes)} sample files -> {stored.letters} letters in {db_path}")
    typer.echo("findings: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    typer.echo(f"report: {out / 'report.html'}   data: {out / 'comparison.json'}")
    typer.echo(f"browse: edaran serve --db {db_path}")


def main() -> None:
    """Console entry point; SIGTERM ends it as Ctrl-C would, its temporary files and helpers cleaned up."""
    from .ingest.scratch import clean_up_on_sigterm

    clean_up_on_sigterm()
    app()
