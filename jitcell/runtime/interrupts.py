"""Signals in compiled loops: Kernel → Interrupt (SIGINT) stops them with KeyboardInterrupt,
and every other Python signal handler (signal.alarm's, say) runs during them too.

Compiled code runs with the GIL released, and CPython runs its signal handlers only
between bytecodes: without help, an endless compiled loop could never be interrupted.
So compiled code notices signals itself:

    a signal --> on_signal (runtime library, C ABI)   counter += 1; then Python's own C handler
                                                      (which trips Python's pending signal)
    compiled loop back-edge:  counter != the value it had when the function started?
        --> jitcell.signals(site): in the main thread only, under the GIL,
            PyErr_CheckSignals() runs Python's handlers now; if one raised (KeyboardInterrupt,
            TimeoutError from an alarm handler), the exception is fetched and handed to the
            raise callback with the site, the function unwinds like any fault (status 1),
            and the call raises it with a note naming the cell line.
            If none raised (a handler that returns), the loop takes the new count and goes on.

The user sees exactly one exception: the one Python's own handler raised, at a moment
jitcell chooses, so no second one is pending afterwards. The counter lives in the
runtime library's static state (word 32, runtime/source.py); cells reach it through the
data slot `jitcell.slot.interrupts`, patched after every load with its address in
this process. Counting instead of a flag means nothing has to be cleared: a call only
reacts to signals that arrive while it runs, so one that Python already handled cannot
stop the next cell. One counter serves every signal: PyErr_CheckSignals runs whichever
handlers are pending.

Threads: CPython runs signal handlers in the main thread only. A compiled loop in another
thread that sees the counter move does not take the GIL to try (jitcell.signals asks the
runtime's main_thread() first): it takes the new count and goes on, and the main thread
runs the handler, at its next bytecode, in its own compiled loop's check, or when a wait
such as Thread.join() is interrupted. As in CPython, an exception a handler raises is
raised in the main thread, and a loop in a worker thread runs on.

Where the checks are (compiler/lower/program.py): on every back-edge of a `while` loop and of a `for`
loop that contains another loop; an innermost `for` loop over a range runs in chunks
of CHUNK iterations with one check between chunks, so its body stays a plain counted
loop that LLVM can vectorize; one whose trip count is a constant of at most CHUNK is
not checked at all (the loop around it is). `interrupt_checks=False` (`%%jit
--no-interrupt`, part of the cache key) compiles none. The callbacks into Python
(print, format, raise) also run pending signal handlers first, so a KeyboardInterrupt
rarely starts inside one (the runtime's callback hands one that does over as the pending error).

Installation: `install()` puts `on_signal` in front of the current C-level handler of
every signal for which Python has a handler (`signal.getsignal(s)` is callable), with
sigaction (Linux x86-64 and AArch64 struct layout), reusing the old action's flags and
mask; not where the handler is SIG_DFL or SIG_IGN (then Python does not handle the signal
either). sigaction is process-wide, so any thread may install it: it runs when the first
library that checks is loaded, in whatever thread, and again at every such load. Python
replaces the C-level handler whenever anyone calls `signal.signal(s, ...)` (ipykernel does
so for SIGINT around every request); so the first install also wraps `_signal.signal`, which
`signal.signal` calls, and which then re-installs jitcell's handler in front of the one Python
just set (`follows_signal`); and under IPython a `pre_execute` hook calls `install()` before
each cell. (The `signal` module itself is not imported: its enums cost a cache hit ~1 ms.)
Code that sets handlers another way (C extensions) should call `install()` again.
"""

from __future__ import annotations

import _signal
import ctypes
import functools
import os
import struct
import sys

from jitcell import runtime

__all__ = ["CHUNK", "install", "installed", "handled_signals", "counter_address", "count", "watch_ipython",
           "supported", "follows_signal"]

CHUNK = 1 << 18  # iterations between two checks of a loop that checks in chunks (compiler/lower/program.py)

_SIG_DFL, _SIG_IGN = 0, 1
_PREVIOUS = 96  # the displaced handler of signal s is state word 128 + s: 96 + s words after the counter (32)
_SIGNAL_MASK = 127  # on_signal indexes its words by signum & 127 (runtime/source.py)


# glibc's and musl's `struct sigaction` on x86-64 and AArch64 (152 bytes): handler, mask (16 words), flags,
# restorer. Packed with struct rather than declared as a ctypes Structure, whose classes (the structure,
# its pointer, its array) a fresh process's first cache hit would pay to make.
_ACTION = struct.Struct("@P16QiP")
_libc_sigaction = None
_counter: int | None = None
_watched: set[int] = set()


@functools.cache
def supported() -> bool:
    return sys.platform.startswith("linux") and os.uname().machine in ("x86_64", "aarch64")


def _state() -> int:
    global _counter
    if _counter is None:
        # `interrupt_state() -> int` (runtime/source.py), called by address: a hit reads no function rows
        _counter = ctypes.CFUNCTYPE(ctypes.c_int64)(runtime.address("interrupt_state"))()
        watch_ipython()
        _follow_signal_module()
    return _counter


def counter_address() -> int:
    """The address of the interrupt counter (what `jitcell.slot.interrupts` holds). It also
    (re)installs the handler, so every load of a library that checks for signals arms it."""
    address = _state()
    install()
    return address


def count() -> int:
    """Signals received (of those jitcell's handler is in front of) since the runtime library was loaded."""
    return ctypes.c_int64.from_address(_state()).value


def _sigaction(signum: int, new: bytes | None = None) -> tuple | None:
    """sigaction(2): install `new` (an _ACTION) if given; the action it replaces (or the current one), as
    _ACTION's fields, None if the call failed."""
    global _libc_sigaction
    if _libc_sigaction is None:
        # found through ctypes.pythonapi, the process's own symbols (the C library's among them): a CDLL of its
        # own would be a class to make; sigaction never blocks, so it may hold the GIL, as pythonapi's calls do
        _libc_sigaction = ctypes.pythonapi._FuncPtr(("sigaction", ctypes.pythonapi))
        _libc_sigaction.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p]
        _libc_sigaction.restype = ctypes.c_int
    old = bytearray(_ACTION.size)
    if _libc_sigaction(signum, new, runtime.buffer_address(old)) != 0:
        return None
    return _ACTION.unpack(old)


def _handler_address() -> int:
    return runtime.address("on_signal")


def handled_signals() -> list[int]:
    """The signals for which Python has a handler of its own (a callable): those jitcell counts."""
    found = []
    for signum in _signal.valid_signals():  # as ints: signal's own make an enum of each (~0.1 ms a call)
        try:
            handler = _signal.getsignal(signum)
        except (OSError, ValueError):
            continue
        if callable(handler) and 0 < signum <= _SIGNAL_MASK:
            found.append(int(signum))
    return found


def installed(signum: int = _signal.SIGINT) -> bool:
    """Is jitcell's handler the process's handler of this signal right now?"""
    if not supported():
        return False
    current = _sigaction(signum)
    return current is not None and current[0] == _handler_address()


def install() -> set[int]:
    """Put jitcell's handler in front of the current one of every signal Python handles
    (idempotent: one sigaction call for each where it is already there), from any thread.
    Returns the signals it is in front of: none on other platforms, nor those ignored or
    left to their default action."""
    if not supported():
        return set()
    return {signum for signum in handled_signals() if _install(signum)}


def _install(signum: int) -> bool:
    counter = _state()
    ours = _handler_address()
    current = _sigaction(signum)
    if current is None:
        return False
    handler, *mask, flags, restorer = current
    if handler == ours:
        return True
    if handler in (_SIG_DFL, _SIG_IGN):
        return False
    # the handler to call next, written before ours can run
    ctypes.c_int64.from_address(counter + 8 * (_PREVIOUS + signum)).value = handler
    return _sigaction(signum, _ACTION.pack(ours, *mask, flags, restorer)) is not None


def follows_signal() -> bool:
    """Does `signal.signal` (through `_signal.signal`) re-install jitcell's handler after Python sets its own?"""
    return getattr(_signal.signal, "_jitcell_follows", False)


def _follow_signal_module() -> None:
    """Wrap `_signal.signal`, which `signal.signal` calls (once): after Python installs a handler, put
    jitcell's in front of it, so that a handler set after a library was loaded (signal.alarm's,
    ipykernel's SIGINT) also runs during compiled loops. (`signal.signal.__wrapped__` stays Python's own.)"""
    if not supported() or follows_signal():
        return
    original = _signal.signal

    @functools.wraps(original)
    def signal_(signalnum, handler):
        previous = original(signalnum, handler)
        if callable(handler) and 0 < int(signalnum) <= _SIGNAL_MASK:
            _install(int(signalnum))
        return previous

    signal_._jitcell_follows = True  # type: ignore[attr-defined]
    _signal.signal = signal_


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
