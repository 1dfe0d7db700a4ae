"""The thread pool of parallel loops in this process: its threads and the exceptions they hand over.

    start()          once, when a library with a prange loop is loaded (loader/load.py, address_of): the
                     runtime's pool (source_parallel.py) and its worker threads
    park(job, c)     a worker's chunk c failed: its pending exception is kept for the job's caller
    adopt(job, c)    the caller raises the one of chunk c, the lowest failing chunk; the rest dropped

The workers are Python threads (daemons) that call the runtime's `pool_worker` through ctypes,
which releases the GIL, and never return: each keeps its own Python thread state, so the
exception a callback made pending in it (callbacks.PENDING, per thread) is still there when
`park` moves it here. The pool has `threads() - 1` workers; the caller of a loop is the last
thread. `JITCELL_NUM_THREADS` sets the number (default `os.cpu_count()`), read when the pool
starts; `set_num_threads(n)` lowers (or raises, up to that) the threads later loops use.
"""

from __future__ import annotations

import ctypes
import os
import threading

from jitcell import runtime
from jitcell.runtime import callbacks

__all__ = ["start", "threads", "size", "set_num_threads", "get_num_threads", "NUM_THREADS_ENV"]

NUM_THREADS_ENV = "JITCELL_NUM_THREADS"
_CALLBACK = ctypes.CFUNCTYPE(None, ctypes.c_int64, ctypes.c_int64, ctypes.c_int64)
_parked: dict[tuple[int, int], BaseException | None] = {}  # (job, chunk) -> its exception (under the GIL)
_lock = threading.Lock()
_workers: list[threading.Thread] = []
_started = False
_size = 1  # the pool's threads, the caller's included


def _park(job: int, chunk: int, _unused: int) -> None:
    _parked[(job, chunk)] = callbacks.PENDING.error
    callbacks.PENDING.error = None


def _adopt(job: int, chunk: int, _unused: int) -> None:
    error = _parked.pop((job, chunk), None)
    _discard(job, 0, 0)
    callbacks.PENDING.error = error if error is not None else SystemError(
        "jitcell: a parallel loop's iteration failed and its exception went missing")


def _discard(job: int, _chunk: int, _unused: int) -> None:
    for key in [key for key in _parked if key[0] == job]:
        del _parked[key]


_CALLBACKS = (_CALLBACK(_park), _CALLBACK(_adopt), _CALLBACK(_discard))  # alive as long as the process


def configured_threads() -> int:
    """The threads of the pool: JITCELL_NUM_THREADS, else os.cpu_count()."""
    text = os.environ.get(NUM_THREADS_ENV, "").strip()
    if text:
        try:
            count = int(text)
        except ValueError:
            raise ValueError(f"{NUM_THREADS_ENV} must be a positive int, not {text!r}") from None
        if count < 1:
            raise ValueError(f"{NUM_THREADS_ENV} must be a positive int, not {text!r}")
        return min(count, 225)
    return max(1, min(os.cpu_count() or 1, 225))


def start() -> None:
    """Make the pool and start its threads, once per process (again in a forked child)."""
    global _started, _size
    if _started:
        return
    with _lock:
        if _started:
            return
        workers = configured_threads() - 1
        if workers > 0:
            addresses = [runtime.pointer_address(c) for c in _CALLBACKS]
            if runtime.call("pool_new", workers, *addresses) == 0:
                raise MemoryError("jitcell: no memory for the thread pool of parallel loops")
            worker = runtime.function("pool_worker")
            for k in range(workers):
                thread = threading.Thread(target=worker, args=(k,), name=f"jitcell-pool-{k}", daemon=True)
                thread.start()
                _workers.append(thread)
        _size = workers + 1
        _started = True
        if not _forking_registered:
            _register_fork()


_forking_registered = False


def _register_fork() -> None:
    global _forking_registered
    _forking_registered = True
    if hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=_after_fork)


def _after_fork() -> None:
    """The parent's workers do not exist in a child: a new pool, with new threads."""
    global _started, _lock
    _lock = threading.Lock()
    _workers.clear()
    _parked.clear()
    runtime.call("pool_forget")
    _started = False
    start()


def threads() -> int:
    """The threads a parallel loop uses now (the workers and the caller)."""
    return int(runtime.call("pool_threads"))


def size() -> int:
    """The pool's threads (the caller's included): the most set_num_threads may ask for."""
    start()
    return _size


def set_num_threads(count: int) -> None:
    """Use `count` threads (1 to the pool's size) in the parallel loops that start from now on."""
    limit = size()
    if not isinstance(count, int) or not 1 <= count <= limit:
        raise ValueError(f"the number of threads must be an int from 1 to {limit}, not {count!r}")
    runtime.call("pool_use", count - 1)


def get_num_threads() -> int:
    start()
    return threads()
