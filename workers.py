"""Worker processes whose every task is bounded in time and whose death costs only that task.

``concurrent.futures.ProcessPoolExecutor`` fits neither a batch of untrusted files nor a
machine shared with others: a task that runs for ever cannot be stopped, one worker killed (by
the out-of-memory killer, say) breaks the whole pool, and workers outlive a parent killed with
SIGKILL.  Here each worker is a forked process with its own pipe and process group:

- a task over its time is stopped by killing the worker's process group (the worker and any
  tesseract it started), reported as :class:`Lost`, and a fresh worker takes the next task;
- a worker that dies reports its task :class:`Lost` with the signal that killed it;
- a worker receives SIGTERM when its parent dies (Linux), cleans up its temporary files and
  helpers (:mod:`edaran.ingest.scratch`) and exits;
- results come back as they are ready, not in the order given.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from .errors import EdaranError
from .ingest import scratch

#: Seconds a stopped worker has to clean up after SIGTERM before it is killed.
GRACE = 2.0
#: Seconds to wait for a dying worker to be gone: its pipes close before the kernel lets it be
#: waited for, and freeing gigabytes takes a while.
DYING = 30.0


@dataclass(frozen=True)
class Lost:
    """A task that gave no result: it ran over its time, or its worker died."""

    reason: str


def _die_with_parent() -> None:
    """Ask Linux to send SIGTERM to this process when its parent dies (prctl PR_SET_PDEATHSIG)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def _serve(
    conn: Connection,
    func: Callable[[Any], Any],
    initializer: Callable[[], None] | None,
    parent: int,
    memory: int | None,
) -> None:
    """A worker's life: get ready, then answer tasks until the parent closes the pipe."""
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before the request above took effect
        return
    os.setpgrp()  # its own group, so stopping it stops the helpers it started
    if memory:  # past it an allocation fails (MemoryError) instead of the machine swapping
        import resource

        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        resource.setrlimit(resource.RLIMIT_AS, (memory if hard == resource.RLIM_INFINITY else min(memory, hard), hard))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    scratch.clean_up_on_sigterm()
    if initializer is not None:
        initializer()
    conn.send(None)  # ready: a task's time starts once the worker can work on it
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        conn.send(func(task))


class _Worker:
    def __init__(self, context, func, initializer, memory: int | None) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, func, initializer, os.getpid(), memory), daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.index: int | None = None
        self.deadline = float("inf")

    def give(self, index: int, task: Any, seconds: float | None) -> None:
        self.index = index
        self.deadline = time.monotonic() + seconds if seconds else float("inf")
        self.conn.send(task)

    def stop(self) -> None:
        """SIGTERM the worker's group, then SIGKILL what is left after GRACE seconds."""
        if self.process.exitcode is None:
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.killpg(self.process.pid, sig)
                except (ProcessLookupError, PermissionError):  # not yet its own group
                    try:
                        os.kill(self.process.pid, sig)
                    except ProcessLookupError:
                        pass
                self.process.join(GRACE if sig == signal.SIGTERM else None)
                if self.process.exitcode is not None:
                    break
        self.conn.close()


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name
        hint = " (out of memory?)" if exitcode == -signal.SIGKILL else ""
        return f"the worker reading it was killed by {name}{hint}"
    return f"the worker reading it exited with code {exitcode}"


def _context():
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def run(
    func: Callable[[Any], Any],
    tasks: Iterable[Any],
    *,
    workers: int = 1,
    seconds: float | None = None,
    memory: int | None = None,
    initializer: Callable[[], None] | None = None,
    started: Callable[[int], None] | None = None,
) -> Iterator[tuple[int, Any]]:
    """``(index, func(task) or Lost)`` for each task, as each is done, on up to ``workers`` processes,
    each task within ``seconds`` and each worker within ``memory`` bytes of address space;
    ``started(index)`` when a task is handed to a worker (what a progress display names as being read).

    ``func`` should catch its own errors: an exception it lets out ends the worker, and its task
    comes back :class:`Lost`.  Leaving the iterator early stops every worker.
    """
    context = _context()
    queue = deque(enumerate(tasks))
    pool: list[_Worker] = []
    try:
        while queue or any(w.index is not None for w in pool):
            while len(pool) < min(workers, len(queue) + sum(w.index is not None for w in pool)):
                pool.append(_Worker(context, func, initializer, memory))
            for w in pool:
                if w.ready and w.index is None and queue:
                    given, task = queue.popleft()
                    w.give(given, task, seconds)
                    if started:
                        started(given)
            soonest = min((w.deadline for w in pool), default=float("inf"))
            ready = wait(
                [w.conn for w in pool] + [w.process.sentinel for w in pool],
                timeout=None if soonest == float("inf") else max(0.0, soonest - time.monotonic()),
            )
            for w in list(pool):
                outcome = None
                if w.conn in ready:
                    try:
                        result = w.conn.recv()
                    except (EOFError, OSError):
                        w.process.join(DYING)
                        outcome = Lost(_death(w.process.exitcode))
                        if not w.ready:
                            raise EdaranError(f"a worker process could not start: {outcome.reason}") from None
                    else:
                        if not w.ready:
                            w.ready = True
                            continue
                        outcome = result
                elif w.process.sentinel in ready:
                    w.process.join(DYING)  # its pipes close before it can be waited for
                    outcome = Lost(_death(w.process.exitcode))
                    if not w.ready:
                        raise EdaranError(f"a worker process could not start: {outcome.reason}")
                elif time.monotonic() >= w.deadline:
                    outcome = Lost(f"timeout: over {seconds:g} s")
                else:
                    continue
                index = w.index
                if isinstance(outcome, Lost):
                    w.stop()
                    pool.remove(w)
                else:
                    w.index, w.deadline = None, float("inf")
                if index is not None:
                    yield index, outcome
    finally:
        for w in pool:
            w.conn.close()  # an idle worker reads EOF and leaves
        for w in pool:
            w.stop()


class Resident:
    """One worker process kept from task to task, for a caller given its tasks one at a time (a thread of
    a Dask worker): what reading one file loaded (readers, models, patterns) stays loaded for the
    next, each task keeps its time bound and the worker its memory bound, and a lost worker is
    replaced by a fresh one at the next task."""

    def __init__(
        self, func: Callable[[Any], Any], *, memory: int | None = None, initializer: Callable[[], None] | None = None
    ) -> None:
        self._start = lambda: _Worker(_context(), func, initializer, memory)
        self._worker: _Worker | None = None

    def __call__(self, task: Any, seconds: float | None = None) -> Any:
        """``func(task)``, or :class:`Lost` when it ran over ``seconds`` or its worker died."""
        w = self._worker
        if w is None or not w.process.is_alive():
            if w is not None:
                self.close()
            w = self._worker = self._start()
            ready = self._answer(w, seconds)
            if isinstance(ready, Lost):
                self.close()
                raise EdaranError(f"a worker process could not start: {ready.reason}")
            w.ready = True
        w.give(0, task, seconds)
        outcome = self._answer(w, seconds)
        if isinstance(outcome, Lost):
            self.close()
        else:
            w.index, w.deadline = None, float("inf")
        return outcome

    @staticmethod
    def _answer(w: _Worker, seconds: float | None) -> Any:
        """The worker's next message, or Lost when it dies or its task's deadline passes first."""
        while True:
            left = None if w.deadline == float("inf") else max(0.0, w.deadline - time.monotonic())
            ready = wait([w.conn, w.process.sentinel], timeout=left)
            if w.conn in ready:
                try:
                    return w.conn.recv()
                except (EOFError, OSError):
                    pass
            if w.conn in ready or w.process.sentinel in ready:
                w.process.join(DYING)
                return Lost(_death(w.process.exitcode))
            if time.monotonic() >= w.deadline:
                return Lost(f"timeout: over {seconds:g} s")

    def close(self) -> None:
        """Stop the worker (an idle one reads the end of its pipe and leaves)."""
        w, self._worker = self._worker, None
        if w is not None:
            w.conn.close()
            w.stop()
