"""A Dask distributed cluster as the workers of a batch: the same contract as :func:`edaran.workers.run`.

On a cluster the files of a national corpus are read by many machines and written by one process.
Each thread of a Dask worker reads its files in a worker process of its own
(:class:`~edaran.workers.Resident`, forked from the Dask worker and kept from file to file), so that a
file keeps its per-file limits there as on one machine: a file over its time or memory, or one that
kills its reader, comes back :class:`~edaran.workers.Lost` and the Dask worker lives on.  What Dask
adds is the loss of a whole Dask worker (a node preempted, a worker killed): the scheduler runs its
tasks again elsewhere, at most ``retries`` more times, and a task that still gives nothing comes
back ``Lost`` with the reason.

Tasks are submitted a window at a time (twice the cluster's threads, and at least :data:`WINDOW`):
every worker always has a next task queued, and the client holds the bytes of a window of files,
not of the whole batch, when it sends them (``--ship-files``).
"""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .errors import EdaranError
from .workers import Lost, Resident

#: Tasks in flight, at the least (the window also grows with the cluster's threads).
WINDOW = 8
#: ``--cluster local:N`` starts N worker processes on this machine.
LOCAL = "local:"
#: Dask settings the workers need: a task forks the process that reads its file, which a daemonic
#: process may not.  (``allowed-failures``, set from ``retries`` for a local cluster, is the
#: scheduler's: how many times a task whose worker died is tried elsewhere before it fails.)
CONFIG = {"distributed.worker.daemon": False}

#: Each thread of a Dask worker process: the run it reads files for, and its reading process.
_residents: dict[int, tuple[str, Resident]] = {}


def _bounded(
    func: Callable[[Any], Any],
    task: Any,
    seconds: float | None,
    memory: int | None,
    initializer: Callable[[], None] | None,
    run_token: str,
) -> Any:
    """Run on a Dask worker: ``func(task)`` in the worker process this thread keeps for the run named
    ``run_token`` (forked on its first task, so a worker of another run is stopped then), within
    ``seconds`` and ``memory``."""
    import multiprocessing

    if multiprocessing.current_process().daemon:
        raise EdaranError(
            "the Dask worker is a daemonic process and cannot start the process that reads a file: "
            "start the workers with DASK_DISTRIBUTED__WORKER__DAEMON=False"
        )
    thread = threading.get_ident()
    token, resident = _residents.get(thread, (None, None))
    if token != run_token or resident is None:
        if resident is not None:
            resident.close()
        resident = Resident(func, memory=memory, initializer=initializer)
        _residents[thread] = (run_token, resident)
    return resident(task, seconds)


def _release(run_token: str) -> int:
    """Run on a Dask worker once a run is over: stop the reading processes kept for it."""
    done = [thread for thread, (token, _) in _residents.items() if token == run_token]
    for thread in done:
        _residents.pop(thread)[1].close()
    return len(done)


@contextlib.contextmanager
def connect(address: str, *, retries: int = 2):
    """A Dask client of the scheduler at ``address`` (``tcp://host:8786``), or of a cluster of N worker
    processes of one thread each started on this machine for ``local:N``; closed on leaving."""
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise EdaranError("--cluster needs Dask: pip install 'edaran[cluster]'") from None
    if address.startswith(LOCAL):
        try:
            count = int(address[len(LOCAL) :])
        except ValueError:
            raise EdaranError(f"--cluster {address}: say how many workers, as in local:4") from None
        with dask.config.set(CONFIG | {"distributed.scheduler.allowed-failures": retries}):
            with (
                LocalCluster(
                    n_workers=count,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    memory_limit=None,  # each file has its own memory limit, in the process that reads it
                ) as cluster,
                Client(cluster) as client,
            ):
                yield client
        return
    try:
        client = Client(address, timeout="30s")
    except OSError as err:
        raise EdaranError(f"cannot reach the Dask scheduler at {address}: {err}") from None
    with client:
        yield client


def _reason(future) -> str:
    """Why a task gave no result: its worker died too often (KilledWorker), or it raised."""
    if future.status == "cancelled":
        return "cancelled on the cluster"
    err = future.exception()
    name = type(err).__name__
    if name == "KilledWorker":
        return "the cluster lost the worker reading it each time it was tried"
    return f"failed on the cluster: {name}: {err}"


def run_on_cluster(
    func: Callable[[Any], Any],
    tasks: Iterable[Any],
    *,
    address: str,
    retries: int = 2,
    seconds: float | None = None,
    memory: int | None = None,
    initializer: Callable[[], None] | None = None,
    prepare: Callable[[Any], Any] | None = None,
) -> Iterator[tuple[int, Any]]:
    """``(index, func(task) or Lost)`` for each task, as each is done, on the Dask cluster at ``address``,
    each within ``seconds`` and ``memory`` as in :func:`edaran.workers.run`.

    ``prepare(task)`` turns a task into what is sent, just before it is sent (the file's bytes, read
    only when its turn comes).  Leaving the iterator early cancels the tasks still in flight."""
    from distributed import as_completed

    with connect(address, retries=retries) as client:
        token = uuid.uuid4().hex
        queue = iter(enumerate(tasks))
        pending: dict[Any, int] = {}
        done = as_completed()

        def refill() -> None:
            want = max(WINDOW, 2 * sum(client.nthreads().values()))
            while len(pending) < want:
                item = next(queue, None)
                if item is None:
                    return
                index, task = item
                future = client.submit(
                    _bounded,
                    func,
                    prepare(task) if prepare else task,
                    seconds,
                    memory,
                    initializer,
                    token,
                    retries=retries,
                    pure=False,
                )
                pending[future] = index
                done.add(future)

        try:
            refill()
            for future in done:
                index = pending.pop(future)
                result = future.result() if future.status == "finished" else Lost(_reason(future))
                future.release()
                refill()
                yield index, result
        finally:
            if pending:
                client.cancel(list(pending))
            with contextlib.suppress(OSError):  # a worker that is gone took its processes with it
                client.run(_release, token)
