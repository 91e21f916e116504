"""A table of the corpus as a spreadsheet (XLSX) or a columnar file for data analysis (Parquet).

Both are written row by row from a cursor, so a large table is never held whole: openpyxl's write-only
workbook streams its rows to the file, and Parquet is written in row groups of :data:`ROW_GROUP` rows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from itertools import islice
from typing import BinaryIO

#: The most characters Excel holds in one cell; a longer one is cut there, ending in :data:`CUT`
#: (Excel would otherwise refuse the file or spill the rest).
EXCEL_CELL = 32_767
CUT = " [dipotong]"
#: Rows per Parquet row group: large enough for compression, small enough to keep memory flat.
ROW_GROUP = 10_000


def excel_cell(value):
    """``value`` cut to fit one Excel cell, marked so that a reader knows the text goes on."""
    if isinstance(value, str) and len(value) > EXCEL_CELL:
        return value[: EXCEL_CELL - len(CUT)] + CUT
    return value


def write_xlsx(cursor: sqlite3.Cursor, out: BinaryIO, *, sheet: str) -> None:
    """The cursor's rows as one sheet named ``sheet``, its columns as the header row, frozen."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet[:31])  # Excel's limit on a sheet's name
    ws.freeze_panes = "A2"
    ws.append([d[0] for d in cursor.description])
    for row in cursor:
        ws.append([excel_cell(v) for v in row])
    book.save(out)


def _batches(cursor: sqlite3.Cursor) -> Iterator[list[tuple]]:
    while batch := list(islice(cursor, ROW_GROUP)):
        yield batch


def write_parquet(cursor: sqlite3.Cursor, out: BinaryIO, *, types: dict[str, str]) -> None:
    """The cursor's rows as Parquet; ``types`` are the columns' SQLite declared types (INTEGER, FLOAT, TEXT),
    which fix each column's Arrow type (a column's first values alone may all be null)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = [d[0] for d in cursor.description]
    arrow = {"INTEGER": pa.int64(), "FLOAT": pa.float64(), "REAL": pa.float64()}
    schema = pa.schema([(c, arrow.get(types.get(c, "TEXT").upper(), pa.string())) for c in columns])
    with pq.ParquetWriter(out, schema) as writer:
        for batch in _batches(cursor):
            writer.write_table(pa.Table.from_pylist([dict(zip(columns, row, strict=True)) for row in batch], schema))
