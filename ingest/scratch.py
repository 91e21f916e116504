"""Temporary files and helper processes (tesseract) that must not outlive a stopped edaran.

A SIGTERM (a service manager, a batch's timeout, the parent of a worker dying) used to leave an
``edaran-ocr-*.tif`` in the temp folder and a tesseract reading it with no one to read its
answer.  Everything made here is registered until it is done with, so :func:`clean_up` can kill
and delete what is left, and :func:`clean_up_on_sigterm` does it before the process exits.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_LOCK = threading.Lock()
_CHILDREN: set[subprocess.Popen] = set()
_FILES: set[str] = set()
#: Set once the process is stopping: OCR threads still running start no new tesseract.
_STOPPING = threading.Event()


def stopping() -> bool:
    """True once the process is stopping (see :func:`clean_up`): work in progress ends early."""
    return _STOPPING.is_set()


class Stopping(OSError):
    """The process is stopping; no new helper is started (OSError, so callers treat it as a failed run)."""


@contextmanager
def temp_file(prefix: str, suffix: str) -> Iterator[tuple[int, str]]:
    """``(fd, path)`` of a new temporary file, deleted on leaving (or by :func:`clean_up`)."""
    if _STOPPING.is_set():
        raise Stopping("stopping")
    fd, path = tempfile.mkstemp(prefix=prefix, suffix=suffix)
    with _LOCK:
        _FILES.add(path)
    try:
        yield fd, path
    finally:
        with _LOCK:
            _FILES.discard(path)
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass


def run(args: list[str], *, timeout: float, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Like ``subprocess.run(args, capture_output=True)``, with the child registered while it runs."""
    if _STOPPING.is_set():
        raise Stopping("stopping")
    with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) as proc:
        with _LOCK:
            _CHILDREN.add(proc)
        try:
            out, err = proc.communicate(timeout=timeout)
        except BaseException:
            proc.kill()
            raise
        finally:
            with _LOCK:
                _CHILDREN.discard(proc)
    return subprocess.CompletedProcess(args, proc.returncode, out, err)


def clean_up() -> None:
    """Kill every registered helper and delete every registered file; start no new ones."""
    _STOPPING.set()
    with _LOCK:
        children, files = list(_CHILDREN), list(_FILES)
    for proc in children:
        try:
            proc.kill()
        except OSError:
            pass
    for path in files:
        try:
            os.unlink(path)
        except OSError:
            pass


def clean_up_on_sigterm() -> None:
    """On SIGTERM, clean up and leave by ``SystemExit`` (so ``finally`` blocks and rollbacks run).

    Only the main thread may set a handler; elsewhere this does nothing."""
    if threading.current_thread() is not threading.main_thread():
        return

    def stop(signum, frame):
        clean_up()
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
