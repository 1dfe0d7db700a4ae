"""The exception compiled code reported, per thread, until the call that ran it raises it.

Compiled code that fails calls the raise callback (callbacks.py), which keeps the exception in
`PENDING.error`; the compiled function returns a status, and its caller (the native entry, the
wrapper, a generator's step) raises `take_pending()`. `PENDING.handled` is the stack of the
exceptions the except clauses that are running handle (lower/exceptions.py).
"""

from __future__ import annotations

import threading

__all__ = ["PENDING", "take_pending"]


class _Pending(threading.local):
    error: BaseException | None = None  # per thread; None in a thread that never failed

    def __init__(self) -> None:
        self.handled: list[BaseException] = []  # the exceptions the except clauses running handle


PENDING = _Pending()


def take_pending() -> BaseException:
    error = PENDING.error
    PENDING.error = None
    if error is None:
        return SystemError("jitcell: compiled code reported an error but none is pending")
    return error.with_traceback(None)  # where Python re-evaluated the operation is not news
