"""A compiled generator as Python walks it: `next()` resumes the coroutine through its entries.

    gen = countdown(3)        # the start entry: arguments converted and checked, nothing of the body runs
    next(gen)                 # jitcell.gen.next.countdown(handle, &item): the body runs to its next yield
    list(gen)                 # ... until it finishes (StopIteration) or raises (its exception)

The handle is the coroutine's frame (lower/generator_entries.py). It is destroyed (close) once the
generator has finished or failed, by `close()`, or when the object is collected, which releases
what the body holds at its suspension, as a Python generator's close() runs its cleanups.
Resuming a generator that is running (from inside itself, or another thread) raises
ValueError("generator already executing"), as CPython does.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable

from jitcell import abi
from jitcell.runtime import callbacks

__all__ = ["CompiledGenerator", "Entries", "generator_entries"]

YIELDED, FAILED, FINISHED = 0, 1, 2  # as lower/generators.py publishes them


class Entries:
    """How Python drives one generator function: its next and close entries, the memory its items
    are written to (a ctype) and how an item is read from it (owned values are taken). (A plain
    class: a cache hit imports neither typing nor dataclasses.)"""

    __slots__ = ("resume", "close", "item", "read")

    def __init__(self, resume: Callable[[int, int], int], close: Callable[[int], None], item: type,
                 read: Callable[..., object]):
        self.resume, self.close, self.item, self.read = resume, close, item, read


def generator_entries(handle: ctypes.CDLL, name: str, item: type, read: Callable[..., object]) -> Entries:
    """The entries of generator function `name` in a loaded library (bind.py gives the item's
    ctype and reader, those of a function's result of that type)."""
    resume = handle[abi.generator_next_symbol(name)]
    resume.argtypes, resume.restype = [ctypes.c_int64, ctypes.c_void_p], ctypes.c_int32
    close = handle[abi.generator_close_symbol(name)]
    close.argtypes, close.restype = [ctypes.c_int64], None
    return Entries(resume, close, item, read)


class CompiledGenerator:
    """What calling a compiled generator function from Python gives: an iterator."""

    __slots__ = ("__name__", "_handle", "_resume", "_close", "_item", "_read", "_lock", "__weakref__")

    def __init__(self, name: str, handle: int, entries: Entries):
        self.__name__ = name
        self._handle = handle  # 0 once destroyed
        self._resume, self._close, self._read = entries.resume, entries.close, entries.read
        self._item = entries.item()
        self._lock = threading.Lock()

    def __iter__(self) -> CompiledGenerator:
        return self

    def __next__(self):
        if not self._lock.acquire(blocking=False):
            raise ValueError("generator already executing")
        try:
            if not self._handle:
                raise StopIteration
            state = self._resume(self._handle, ctypes.addressof(self._item))
            if state == YIELDED:
                return self._read(self._item)
            self._destroy()
            if state == FAILED:
                raise callbacks.take_pending()
            raise StopIteration
        finally:
            self._lock.release()

    def close(self) -> None:
        """Destroy the suspended body (what it holds is released); later next() raises StopIteration."""
        if not self._lock.acquire(blocking=False):
            raise ValueError("generator already executing")
        try:
            self._destroy()
        finally:
            self._lock.release()

    def _destroy(self) -> None:
        if self._handle:
            handle, self._handle = self._handle, 0
            self._close(handle)

    def __del__(self) -> None:
        self._destroy()

    def __repr__(self) -> str:
        return f"<jitcell generator object {self.__name__} at {id(self):#x}>"
