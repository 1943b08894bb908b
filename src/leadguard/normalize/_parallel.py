"""Share the per-value work of a long column with worker processes.

Normalizing a value is pure Python, so threads cannot share it (one interpreter lock); a worker
process can. The column is cut into chunks: this process takes them from the front while a
feeder thread hands chunks from the back to the workers, so whichever side is faster does more,
and a worker that is still starting up costs nothing. Results come back in input order and are
the same as computing every chunk here. A column shorter than ``MIN_ITEMS`` is done here alone:
starting a worker (importing the package) takes most of a second.

Workers are ``python -m leadguard.normalize._worker`` processes reading chunks from a pipe,
started once and reused. Not multiprocessing: its ``spawn`` and ``forkserver`` workers run the
caller's ``__main__`` again (an import script without an ``if __name__`` guard would import its
list twice), and ``fork`` would copy database threads mid-step. ``LEADGUARD_WORKERS`` sets the
number of workers (``0`` turns them off); by default one fewer than the CPUs this process may use.
"""

from __future__ import annotations

import atexit
import logging
import os
import pickle
import struct
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

__all__ = ["ENV_WORKERS", "MIN_ITEMS", "parallel_map", "serve", "warm_up", "worker_count"]

log = logging.getLogger(__name__)

ENV_WORKERS = "LEADGUARD_WORKERS"
MIN_ITEMS = 40_000
CHUNK_ITEMS = 8_000
_HEADER = struct.Struct("<Q")


def _tasks() -> dict[str, Callable[[Sequence[Any]], list[Any]]]:
    """The work a worker may be given, by name (imported in the worker on first use)."""
    from leadguard.normalize.vectorized import _emails_chunk, _phones_chunk

    return {"emails": _emails_chunk, "phones": _phones_chunk}


def worker_count() -> int:
    """Worker processes to use: LEADGUARD_WORKERS, else one fewer than the usable CPUs."""
    configured = os.environ.get(ENV_WORKERS, "").strip()
    if configured:
        try:
            return max(0, int(configured))
        except ValueError:
            log.warning("%s=%r is not a number; worker processes are off", ENV_WORKERS, configured)
            return 0
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(0, cpus - 1)


def _send(stream: IO[bytes], message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)))
    stream.write(data)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError("the other side closed the pipe")
    (size,) = _HEADER.unpack(header)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("the other side closed the pipe")
    return pickle.loads(data)  # noqa: S301 - our own worker process, over its own pipe


class _Worker:
    """One worker process; ``run`` sends a chunk and waits (without the GIL) for the results."""

    def __init__(self) -> None:
        package_root = str(Path(__file__).resolve().parents[2])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (package_root, env.get("PYTHONPATH", "")) if p
        )
        self.process = subprocess.Popen(
            [sys.executable, "-m", "leadguard.normalize._worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )

    def run(self, task: str, chunk: Sequence[Any]) -> list[Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        _send(self.process.stdin, (task, list(chunk)))
        ok, payload = _receive(self.process.stdout)
        if not ok:
            raise RuntimeError(f"the worker failed: {payload}")
        return list(payload)

    def close(self) -> None:
        """End the worker: closing its input ends its loop."""
        try:
            if self.process.stdin is not None:
                self.process.stdin.close()
            self.process.wait(timeout=5)
        except Exception:  # noqa: BLE001 - it is being discarded either way
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


_workers: list[_Worker] = []
_workers_lock = threading.Lock()
# Set when a worker fails: the rest of this process's work is done here, without new workers
# (a worker that cannot start would otherwise cost its start-up time on every column).
_failed = threading.Event()


def _get_workers(count: int) -> list[_Worker]:
    with _workers_lock:
        for worker in [w for w in _workers if w.process.poll() is not None]:
            worker.close()
            _workers.remove(worker)
        while len(_workers) < count:
            _workers.append(_Worker())
        return _workers[:count]


def _ready_workers() -> list[_Worker]:
    """The workers to share with: none when they are off, have failed or cannot start."""
    count = 0 if _failed.is_set() else worker_count()
    if count == 0:
        return []
    try:
        return _get_workers(count)
    except OSError:
        log.warning("worker processes could not be started; the work is done in this process")
        _failed.set()
        return []


def warm_up() -> None:
    """Start the workers now (without waiting for them) when a long column is on its way: they
    import the package while the caller reads its file, instead of during the first column."""
    _ready_workers()


@atexit.register
def _stop_workers() -> None:
    with _workers_lock:
        for worker in _workers:
            worker.close()
        _workers.clear()


def parallel_map(task: str, items: Sequence[Any], *, min_items: int | None = None) -> list[Any]:
    """The ``task`` function (see ``_tasks``) over ``items``, shared with worker processes;
    one result per item, in input order. A failed worker's chunks are computed here."""
    fn = _tasks()[task]
    if len(items) < (MIN_ITEMS if min_items is None else min_items):
        return fn(items)
    workers = _ready_workers()
    if not workers:
        return fn(items)
    chunks = [items[i : i + CHUNK_ITEMS] for i in range(0, len(items), CHUNK_ITEMS)]
    results: list[list[Any] | None] = [None] * len(chunks)
    lock = threading.Lock()
    bounds = [0, len(chunks)]  # next chunk from the front (here), one past the next from the back

    def take(front: bool) -> int | None:
        with lock:
            if bounds[0] >= bounds[1]:
                return None
            if front:
                bounds[0] += 1
                return bounds[0] - 1
            bounds[1] -= 1
            return bounds[1]

    def feed(worker: _Worker) -> None:
        try:
            while (index := take(front=False)) is not None:
                results[index] = worker.run(task, chunks[index])  # stays None if it fails
        except Exception:  # noqa: BLE001 - a broken worker: this process does its chunks
            log.warning("a worker process failed; the work is done in this process from now on")
            _failed.set()
            worker.close()

    feeders = [threading.Thread(target=feed, args=(w,), daemon=True) for w in workers]
    for feeder in feeders:
        feeder.start()
    while (index := take(front=True)) is not None:
        results[index] = fn(chunks[index])
    for feeder in feeders:
        feeder.join()
    out: list[Any] = []
    for index, chunk_result in enumerate(results):
        out.extend(fn(chunks[index]) if chunk_result is None else chunk_result)
    return out


def serve() -> None:
    """The worker's loop: read (task, chunk), answer (True, results) or (False, reason)."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but answers on the pipe
    tasks = _tasks()
    while True:
        try:
            task, chunk = _receive(stdin)
        except EOFError:
            return
        try:
            _send(stdout, (True, tasks[task](chunk)))
        except Exception as error:  # noqa: BLE001 - reported to the caller, which recomputes
            _send(stdout, (False, type(error).__name__))
