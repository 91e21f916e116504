"""Cache entries sealed with a key of this user's, so an entry is used only if this user's edaran wrote it.

OCR results are cached on disk (possibly in a folder shared between users or machines, see
``EDARAN_CACHE_DIR``).  An entry that someone else wrote, or that was damaged, must not become a
letter's text: each entry is stored with an HMAC-SHA256 of its content under a key kept in the
user's configuration folder (created once, readable by the user alone).  An entry whose seal does not
match is treated as absent and computed again, never trusted and never fatal.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import os
import secrets
import tempfile
from pathlib import Path
from typing import Any


def key_path() -> Path:
    """``$EDARAN_KEY_FILE``, else ``$XDG_CONFIG_HOME/edaran/cache.key``, else ``~/.config/edaran/cache.key``."""
    override = os.environ.get("EDARAN_KEY_FILE")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "edaran" / "cache.key"


@functools.cache
def _key(path: str) -> bytes:
    target = Path(path)
    try:
        key = target.read_bytes()
        if len(key) >= 32:
            return key
    except OSError:
        pass
    key = secrets.token_bytes(32)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
    except FileExistsError:  # another process made it first: use theirs
        return _key.__wrapped__(path)  # type: ignore[attr-defined]
    except OSError:
        pass  # no writable configuration folder: this process's entries are good for this process only
    return key


def _mac(body: str) -> str:
    return hmac.new(_key(str(key_path())), body.encode("utf-8"), hashlib.sha256).hexdigest()


def seal(value: Any) -> str:
    """The text of a cache entry holding ``value`` (JSON-able) and its seal."""
    body = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return json.dumps({"mac": _mac(body), "body": body}, ensure_ascii=False)


def unseal(text: str) -> Any | None:
    """The value of an entry written by :func:`seal` with this user's key; None for anything else."""
    try:
        entry = json.loads(text)
        body, mac = entry["body"], entry["mac"]
        if not isinstance(body, str) or not isinstance(mac, str) or not hmac.compare_digest(mac, _mac(body)):
            return None
        return json.loads(body)
    except (ValueError, KeyError, TypeError):
        return None


def read_entry(path: Path) -> Any | None:
    """The value of the sealed entry at ``path``; None when it is absent, unreadable, damaged or not ours."""
    try:
        return unseal(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def write_entry(path: Path, value: Any) -> None:
    """Seal ``value`` into ``path``: written to a temporary file beside it and renamed, so a process reading
    the cache never sees half an entry.  A cache that cannot be written costs time, not results: errors pass."""
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(seal(value))
        os.replace(tmp, path)
    except OSError:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
