"""Interrupting compiled loops: Kernel → Interrupt (SIGINT) stops them with KeyboardInterrupt.

Compiled code runs with the GIL released, and CPython runs its SIGINT handler only
between bytecodes: without help, an endless compiled loop could never be interrupted.
So compiled code notices interrupts itself:

    SIGINT --> on_sigint (runtime library, C ABI)  counter += 1; then Python's own handler
                                                     (which trips Python's pending signal)
    compiled loop back-edge:  counter != the value it had when the function started?
        --> jitcell.signals(site): under the GIL, PyErr_CheckSignals() runs Python's handler
            now; if it raised (KeyboardInterrupt), the exception is fetched and handed to the
            raise callback with the site, the function unwinds like any fault (status 1),
            and the call raises it with a note naming the cell line.
            If it did not raise (another thread, or a handler that does not raise), the
            loop takes the new count and goes on.

The user sees exactly one KeyboardInterrupt: Python's own, raised by its handler at a
moment jitcell chooses, so no second one is pending afterwards. The counter lives in
the runtime library's static state (word 32, runtime/source.py); cells reach it through the
data slot `jitcell.slot.interrupts`, patched after every load with its address in
this process. Counting instead of a flag means nothing has to be cleared: a call only
reacts to interrupts that arrive while it runs, so a SIGINT that Python already
handled cannot stop the next cell.

Where the checks are (compiler/lower/program.py): on every back-edge of a `while` loop and of a `for`
loop that contains another loop; an innermost `for` loop over a range runs in chunks
of CHUNK iterations with one check between chunks, so its body stays a plain counted
loop that LLVM can vectorize; one whose trip count is a constant of at most CHUNK is
not checked at all (the loop around it is). `interrupt_checks=False` (`%%jit
--no-interrupt`, part of the cache key) compiles none. The callbacks into Python
(print, format, raise) also run pending signal handlers first, so a KeyboardInterrupt
never starts inside a ctypes callback, where it would be lost.

Installation: `install()` puts `on_sigint` in front of the current handler with
sigaction (Linux x86-64 and AArch64 struct layout), reusing the old action's flags
and mask, only in the main thread and only if the current handler is a function
(not SIG_DFL or SIG_IGN: then Python does not handle SIGINT either). It runs when the
runtime library loads and again whenever a library that checks is loaded. Python
replaces the C-level handler whenever anyone calls `signal.signal(SIGINT, ...)`, and
ipykernel does so around every request; so under IPython a `pre_execute` hook calls
`install()` before each cell. Other programs that replace the SIGINT handler after
jitcell loaded should call `jitcell.runtime.interrupts.install()` again.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading

from jitcell import runtime

__all__ = ["CHUNK", "install", "installed", "counter_address", "count", "watch_ipython", "supported"]

CHUNK = 1 << 18  # iterations between two checks of a loop that checks in chunks (compiler/lower/program.py)

_SIG_DFL, _SIG_IGN = 0, 1


class _Sigaction(ctypes.Structure):
    """glibc's and musl's `struct sigaction` on x86-64 and AArch64 (152 bytes)."""

    _fields_ = [("handler", ctypes.c_void_p), ("mask", ctypes.c_uint64 * 16), ("flags", ctypes.c_int),
                ("restorer", ctypes.c_void_p)]


_libc = None
_counter: int | None = None
_watched: set[int] = set()


def supported() -> bool:
    return sys.platform.startswith("linux") and os.uname().machine in ("x86_64", "aarch64")


def _state() -> int:
    global _counter
    if _counter is None:
        _counter = runtime.call("interrupt_state")
        watch_ipython()
    return _counter


def counter_address() -> int:
    """The address of the interrupt counter (what `jitcell.slot.interrupts` holds). It also
    (re)installs the handler, so every load of a library that checks for interrupts arms it."""
    address = _state()
    install()
    return address


def count() -> int:
    """SIGINTs received since the runtime library was loaded."""
    return ctypes.c_int64.from_address(_state()).value


def _sigaction(new, old) -> bool:
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(None, use_errno=True)
        _libc.sigaction.argtypes = [ctypes.c_int, ctypes.POINTER(_Sigaction), ctypes.POINTER(_Sigaction)]
        _libc.sigaction.restype = ctypes.c_int
    return _libc.sigaction(signal.SIGINT, new, old) == 0


def _handler_address() -> int:
    return runtime.address("on_sigint")


def installed() -> bool:
    """Is jitcell's handler the process's SIGINT handler right now?"""
    if not supported():
        return False
    current = _Sigaction()
    return _sigaction(None, ctypes.byref(current)) and current.handler == _handler_address()


def install() -> bool:
    """Put jitcell's SIGINT handler in front of the current one (idempotent, one sigaction call
    when it is already there). Returns whether it is installed: never outside the main thread
    or on other platforms, nor when SIGINT is ignored or has its default action."""
    if not supported() or threading.current_thread() is not threading.main_thread():
        return False
    counter = _state()
    ours = _handler_address()
    current = _Sigaction()
    if not _sigaction(None, ctypes.byref(current)):
        return False
    if current.handler == ours:
        return True
    if current.handler in (None, _SIG_DFL, _SIG_IGN):
        return False
    # the handler to call next, written before ours can run
    ctypes.c_int64.from_address(counter + 8).value = current.handler
    action = _Sigaction(handler=ours, flags=current.flags, restorer=current.restorer)
    action.mask = current.mask
    return _sigaction(ctypes.byref(action), None)


def watch_ipython(shell=None) -> None:
    """Re-install before every cell of this IPython shell (ipykernel replaces the handler around
    each request, and the terminal's prompt around each input)."""
    if shell is None:
        ipython = sys.modules.get("IPython")
        shell = ipython.get_ipython() if ipython is not None else None
    if shell is None or id(shell) in _watched or not supported():
        return
    _watched.add(id(shell))
    shell.events.register("pre_execute", _before_cell)


def _before_cell() -> None:
    install()
