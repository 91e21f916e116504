"""Terminal rendering for the CLI: a summary table of letters and the text with spans highlighted."""

from __future__ import annotations

import unicodedata

from .extract.confidence import ABOUT_THE_LETTER, TRUSTED
from .ingest.document import Document
from .schema.letter import Item, Letter


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: control characters (an escape sequence in a file name or a
    letter's text would recolour the terminal or forge a line) shown as U+FFFD."""
    return "".join("\ufffd" if unicodedata.category(c) == "Cc" and c not in "\t" else c for c in text)


def letters_table(letters: list[Letter]) -> None:
    """One row per letter: the fields a reviewer checks first."""
    from pathlib import PurePath

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=False)
    table.add_column("file", overflow="fold", min_width=12)
    table.add_column("number", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("issuer", overflow="fold", min_width=24)
    for column in ("signatory", "items", "review"):
        table.add_column(column, overflow="fold")
    for letter in letters:
        region = letter.issuer.region
        issuer = " ".join(x for x in (letter.issuer.acting, letter.issuer.office) if x) or "-"
        if region:
            issuer += f", {region.name} ({region.code or region.level})"
        table.add_row(
            Text(printable(PurePath(letter.source.path).name)),
            _marked(letter, "number", letter.number),
            _marked(letter, "date", letter.date.isoformat() if letter.date else None),
            _marked(letter, "issuer.office", issuer),
            _marked(letter, "signatory.name", letter.signatory.name),
            f"{_count(letter.prohibitions)} / {_count(letter.obligations)}",
            Text("check: " + "; ".join(letter.review.reasons), style="bold red") if letter.review.needed else "ok",
        )
    console = Console()
    if not console.is_terminal:  # written to a file or a pipe: do not fold to 80 columns
        console = Console(width=160)
    console.print(table)
    console.print(
        "items: prohibitions / obligations (leaves); ? marks a value to check on the page, "
        "?? a value withheld because the readings were doubtful",
        style="dim",
    )


def _marked(letter: Letter, path: str, value: str | None):
    """The value as the table shows it: plain when sure, '?' after it when doubtful, '??' when withheld."""
    from rich.text import Text

    codes = {w.code for w in letter.warnings if w.field == path}
    warned = bool(codes)
    if value is None:
        if codes and codes <= ABOUT_THE_LETTER and not letter.source.ocr:
            return Text("(blank)", style="dim")  # a draft's empty slot: nothing to check
        return Text("??", style="bold red") if warned else "-"
    sure = letter.confidence.get(path)
    if warned or (sure is not None and sure < TRUSTED):
        return Text(f"{printable(value)} ?", style="bold yellow")
    return Text(printable(value))  # a value is never markup: "[lihat lampiran]" prints as written


def _count(items: list[Item]) -> int:
    return sum(_count(i.children) if i.children else 1 for i in items)


def field_spans(letter: Letter) -> list[tuple[str, int, int]]:
    """Every (field, start, end) the record was read from, items and citations included."""
    out = [(name, s.start, s.end) for name, s in letter.spans.items()]
    for kind, items in (("prohibition", letter.prohibitions), ("obligation", letter.obligations)):
        stack = [(i, kind) for i in items]
        while stack:
            item, label = stack.pop()
            out.append((f"{label} {item.label}", item.span.start, item.span.end))
            stack.extend((c, label) for c in item.children)
    for c in letter.citations:
        out.append((f"citation {c.kind} {c.number or ''}".strip(), c.span.start, c.span.end))
    return sorted(out, key=lambda x: (x[1], -x[2]))


def highlight_spans(doc: Document, letter: Letter) -> None:
    """Print the document text with each field's span highlighted and labelled."""
    from rich.console import Console
    from rich.markup import escape
    from rich.text import Text

    styles = ["bold black on yellow", "bold black on cyan", "bold black on green", "bold black on magenta"]
    text = Text(doc.text)
    spans = field_spans(letter)
    for i, (_, start, end) in enumerate(spans):
        if end > start:
            text.stylize(styles[i % len(styles)], start, end)
    console = Console(highlight=False)
    console.print(text)
    console.rule("where each value was read")
    for name, start, end in spans:
        snippet = doc.text[start:end].replace("\n", " ")
        # The letter's own text is never markup: "[lihat lampiran]" prints as written.
        console.print(
            f"[bold]{escape(name)}[/bold] \\[{start}:{end}] {escape(snippet[:100])}", markup=True, highlight=False
        )


class Eta:
    """Time left in a batch: the median of the recent gaps between finished files, times the files left.

    Rich's own estimate divides the time so far by the files done, so it jumps when one slow scan or a
    run of files already in the corpus (done at once) comes through; a median over the last ``window``
    files moves only when the pace does.  With several workers the gap between finishes is the time per
    file the batch achieves, which is what the estimate needs."""

    def __init__(self, window: int = 25, clock=None) -> None:
        import time

        self.window = window
        self.clock = clock or time.monotonic
        self.last = self.clock()
        self.gaps: list[float] = []

    def tick(self, done: int, total: int) -> str:
        """Note one more file finished; the time left as ``h:mm:ss`` (``-:--:--`` until a pace is known)."""
        import statistics

        now = self.clock()
        self.gaps = [*self.gaps, now - self.last][-self.window :]
        self.last = now
        left = total - done
        if left <= 0:
            return "0:00:00"
        if len(self.gaps) < 2:
            return "-:--:--"
        seconds = round(statistics.median(self.gaps) * left)
        return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def progress_bar(label: str):
    """A transient bar on stderr with counts, a steady time left (:class:`Eta`) and a file name, for
    ``bar.update(task, completed=..., eta=..., description=...)``."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[eta]}"),
        TextColumn("{task.description}"),
        console=Console(stderr=True),
        transient=True,
        redirect_stdout=False,  # records go to stdout untouched, whatever the terminal shows
    )
