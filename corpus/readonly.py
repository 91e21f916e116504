"""Opening a corpus to read it only, on plain :mod:`sqlite3`.

A command that only reads (``search``, ``stats``, ``query``) needs no more than a connection: opening
the corpus through sqlite-utils would import it and numpy, several times the cost of the query.
:func:`.store.open_corpus` wraps this same connection for readers that want sqlite-utils.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import CorpusError
from .revisions import is_current

#: How long a connection waits for another process's transaction before giving up (ms).
BUSY_TIMEOUT_MS = 120_000


def open_readonly(path: str | Path) -> sqlite3.Connection:
    """A read-only connection to the corpus at ``path``, refusing a file that is not a current corpus.

    Read-only means SQLite enforces it, not edaran's good manners: the file is opened with
    ``mode=ro`` and an authorizer (:func:`reads_only`) refuses every statement that is not a read,
    so neither ``edaran query`` nor a library user can change, attach or vacuum the corpus.  A corpus
    made by an older edaran is upgraded only by a writing command.
    """
    path = Path(path)
    if path.is_dir():
        raise CorpusError(f"{path} is a folder; give the corpus database file")
    if not path.exists():
        raise CorpusError(f"no corpus at {path}; build one with `edaran ingest LETTERS --db {path}`")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.set_authorizer(reads_only)
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'letters'").fetchone():
            raise CorpusError(f"{path} is not an edaran corpus (no letters table)")
        current = is_current(conn)
    except sqlite3.Error as err:
        raise CorpusError(f"{path} is not a usable corpus database: {err}") from None
    if not current:
        # Searching it as it is would silently miss letters (derived columns an upgrade adds).
        raise CorpusError(
            f"{path} was made by an older edaran; upgrade it once with a command that writes "
            f"to it (`edaran ingest LETTERS --db {path}` or `edaran compare --db {path}`)"
        )
    return conn


#: What a read-only connection may do: read tables and call functions (full-text search's
#: ``snippet``/``bm25`` included), and run transactions, which reads do implicitly.
_READ_ACTIONS = {
    sqlite3.SQLITE_SELECT,
    sqlite3.SQLITE_READ,
    sqlite3.SQLITE_FUNCTION,
    sqlite3.SQLITE_TRANSACTION,
    sqlite3.SQLITE_RECURSIVE,
}
#: Pragmas that only report, whatever their argument (a table's name): sqlite-utils reads table_info and the like.
_INFO_PRAGMAS = {
    "table_info",
    "table_xinfo",
    "index_list",
    "index_info",
    "index_xinfo",
    "foreign_key_list",
    "database_list",
    "compile_options",
    "function_list",
    "pragma_list",
    "table_list",
    "collation_list",
    "module_list",
}
#: Settings that may be read (asked with no value) but not set.
_SETTING_PRAGMAS = {
    "user_version",
    "schema_version",
    "journal_mode",
    "busy_timeout",
    "foreign_keys",
    "page_size",
    "page_count",
    "freelist_count",
    "encoding",
    "data_version",
}


def reads_only(action: int, arg1: str | None, arg2: str | None, database: str | None, trigger: str | None) -> int:
    """SQLite authorizer of read-only connections: reads pass, everything else (writes, schema changes,
    ATTACH, VACUUM, a pragma given a value) is refused before it runs."""
    if action in _READ_ACTIONS:
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_UPDATE and arg1 == "sqlite_master" and database == "main":
        # Asked of every full-text table when it is first used on a connection (SQLite's own bookkeeping
        # for virtual tables); a statement cannot really write the schema without writable_schema, a pragma
        # refused below, and the file is open read-only anyway.
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_PRAGMA:
        name = (arg1 or "").lower()
        if name in _INFO_PRAGMAS or (arg2 is None and name in _SETTING_PRAGMAS):
            return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY
