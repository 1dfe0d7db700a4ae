"""The Python functions compiled code calls through slots: print, raise, format and exception.

Compiled code calls `print(tag, site, values)` and `raise(tag, site, values)`: `tag`
names the library, `site` indexes its site table (from the manifest), `values`
points at a struct of the operands. The slots point at C functions of the runtime library that
call these with the GIL held (`address`; runtime/source.py, "callbacks"). For a failing operation Python re-evaluates it
on the same operands, so the exception is exactly CPython's::

    site {"kind": "python_op", "op": "floordiv", "operands": ["int", "int"]}, values (7, 0)
        -> 7 // 0 raises ZeroDivisionError('integer division or modulo by zero')
    site {"kind": "python_op", "op": "mul", ...}, values (2**62, 4)
        -> 2**62 * 4 is 2**64 in Python: OverflowError, it does not fit in 64 bits

The exception is kept per thread (`PENDING.error`) until the compiled function has
returned; the caller checks it and raises `take_pending()`. What a site does (the exception, the
print, the format) is sites.py's, imported at the first use of a site.

`raise(tag, site | SIGNAL_SITE, values)` hands over the exception a Python signal handler
raised (a KeyboardInterrupt, interrupts.py): compiled code ran the handlers with
PyErr_CheckSignals and fetched the exception with PyErr_Fetch; `values` points at its
three references (type, value, traceback), which `PyErr_Restore` gives back to CPython.
"""

from __future__ import annotations

import ctypes
import sys
import threading
from collections.abc import Callable, Mapping

from jitcell import runtime
from jitcell.abi import CALLBACK_TARGETS
from jitcell.errors import source_lines

__all__ = ["TARGETS", "PENDING", "SIGNAL_SITE", "address", "register_library", "take_pending"]


SIGNAL_SITE = 1 << 30  # added to a site index: the error is a signal handler's (interrupts.py)


def _signal_error(values: int) -> BaseException:
    """The exception a signal handler raised, from the three references compiled code fetched."""
    refs = (ctypes.c_void_p * 3).from_address(values)
    restore = ctypes.pythonapi.PyErr_Restore
    restore.argtypes, restore.restype = [ctypes.c_void_p] * 3, None
    try:
        restore(refs[0], refs[1], refs[2])  # steals them; ctypes raises the exception at once
    except BaseException as error:
        return error
    return SystemError("jitcell: a signal handler's exception went missing")


_libraries: dict[int, tuple] = {}  # tag -> (manifest, filename, indentation)
_lines: dict[int, list[str]] = {}  # tag -> its source's lines, once a site needs them
_sites: dict = {}  # (tag, index) -> its sites.Site


class _Pending(threading.local):
    error: BaseException | None = None  # per thread; None in a thread that never failed

    def __init__(self) -> None:
        self.handled: list[BaseException] = []  # the exceptions the except clauses running handle


PENDING = _Pending()


def _import_sites() -> None:
    """Import sites.py (and the conversions it uses) at the first site a process uses: a cache hit does
    not pay for them. The callback that asks may run right above a thread's stack floor, as a recursion
    the stack guard stopped unwinds (the guard leaves room for a callback, not for running a module's
    code and its imports' on the C stack), so the import runs in a thread of its own, with the
    default stack, which this one waits for."""
    def load() -> None:
        from jitcell.runtime import sites  # noqa: F401 - for sys.modules

    try:
        helper = threading.Thread(target=load, name="jitcell-import-sites", daemon=True)
        helper.start()
    except RuntimeError:  # no new threads (the interpreter is shutting down): here, then
        return
    helper.join()


def take_pending() -> BaseException:
    error = PENDING.error
    PENDING.error = None
    if error is None:
        return SystemError("jitcell: compiled code reported an error but none is pending")
    return error.with_traceback(None)  # where Python re-evaluated the operation is not news


_pending = PENDING


def register_library(tag: int, manifest: Mapping, filename: str | None = None,
                     indentation: tuple[int, ...] = ()) -> None:
    """Make a library's site table known before any of its code runs: its manifest's `sites`, `source`
    and `options.first_line`, read when a site is first used (a cache hit parses none of them: the
    runtime library's take longer to read than the rest of a hit). The notes of its errors name
    `filename` ("cell" if None), with `indentation` (per source line) added to their columns. A
    library loaded again (one entry, two files with the same text) names the last file it was
    loaded for."""
    known = _libraries.get(tag)
    if known is not None and known[1:] != (filename, indentation):
        for site in [s for s in _sites if s[0] == tag]:
            _sites.pop(site, None)
    _libraries[tag] = (manifest, filename, indentation)


def _site(tag: int, index: int):
    """The Site at `index` of the library `tag`, made at its first use (sites.py)."""
    site = _sites.get((tag, index))
    if site is None:
        if "jitcell.runtime.sites" not in sys.modules:
            _import_sites()
        from jitcell.runtime import sites

        manifest, filename, indentation = _libraries[tag]
        lines = _lines.get(tag)
        if lines is None:
            lines = _lines[tag] = source_lines(manifest["source"])  # as the sites count lines
        site = _sites[(tag, index)] = sites.Site(manifest["sites"][index], lines, manifest["options"]["first_line"],
                                            filename, indentation, _pending)
    return site


def _on_print(tag: int, index: int, values: int) -> int:
    try:
        site = _site(tag, index)
        site.print(site.values(values))
        return 0
    except BaseException as error:  # a broken stdout, a KeyboardInterrupt: raised by the caller
        _pending.error = error
        return 1


def _on_raise(tag: int, index: int, values: int) -> None:
    if index & SIGNAL_SITE:  # first, so the references are taken whatever happens next
        error = _signal_error(values)
        try:
            error.add_note(_site(tag, index & ~SIGNAL_SITE).note())
        finally:
            _pending.error = error
        return
    try:
        site = _site(tag, index)
        _pend(site.exception(site.values(values)))
    except BaseException as error:
        _pending.error = error


def _pend(error: BaseException) -> None:
    """`error` is the pending error; raised while handling another, it has that one as its context,
    as Python records it."""
    handled = _pending.handled
    if handled and error is not handled[-1] and error.__context__ is None:
        error.__context__ = handled[-1]
    _pending.error = error


def _on_format(tag: int, index: int, values: int, out: int) -> int:
    try:
        site = _site(tag, index)
        site.compute(site.values(values), out)
        return 0
    except BaseException as error:  # a bad format spec: ValueError, as in CPython
        _pending.error = error
        return 1


def _on_exception(tag: int, index: int, values: int, out: int) -> int:
    """The sites of try statements (lower/exceptions.py): "except" returns the clause that catches
    the pending exception (or -1); "handled_end" ends the handlings from a clause's place on (0, or
    1 with an exception pending); "exception_text" makes str(e) (0, or 1 with str(e)'s own exception
    pending). A signal handler that runs in here raises here, where ctypes would drop its
    KeyboardInterrupt: it becomes the pending exception instead, which the caller unwinds with."""
    kind, handle = "", None
    try:
        site = _site(tag, index)
        kind = site.site["kind"]
        if kind == "except":
            return site.caught(out)
        handle, *item = site.values(values)
        if kind == "handled_end":
            del _pending.handled[handle:]
            return 0
        if kind == "exception_args":
            return _exception_args(site.site["part"], _pending.handled[handle].args, item, out)
        ctypes.c_void_p.from_address(out).value = runtime.new_str(str(_pending.handled[handle]))
        return 0
    except BaseException as error:
        if kind == "handled_end" and handle is not None:
            del _pending.handled[handle:]
        if error.__context__ is None and _pending.error is not None and _pending.error is not error:
            error.__context__ = _pending.error
        _pending.error = error
        return -1 if kind == "except" else 1


def _exception_args(part: str, args: tuple, index: list[int], out: int) -> int:
    """len(e.args), or a new str: str(e.args), str(e.args[i]) or its repr, or e.args[i] when it is a str."""
    if part == "len":
        ctypes.c_int64.from_address(out).value = len(args)
        return 0
    if part == "args":
        text = str(args)
    else:
        item = args[index[0]]  # IndexError: tuple index out of range, as in Python
        if part == "str_item" and type(item) is not str:
            raise TypeError(f"e.args[{index[0]}] is {type(item).__name__} {item!r}, not a str: jitcell reads an "
                            f"item of e.args as a str; write str(e.args[{index[0]}]) for its text")
        text = repr(item) if part == "item_repr" else str(item)
    ctypes.c_void_p.from_address(out).value = runtime.new_str(text)
    return 0


def _on_failed_call(callback: int, tag: int, index: int, refs: int) -> int:
    """The call of a callback (CALLBACK_TARGETS[callback]) raised before the function ran: a signal
    handler ran as it started, and its KeyboardInterrupt came before the function's `try`. That
    exception, fetched into the three words at `refs` (runtime/source.py, hand_over), becomes the
    pending error, as the callback's own would; the status the callback returns with an error."""
    try:
        error = _signal_error(refs)  # PyErr_Restore steals the references: the words are zeroed
        ctypes.memset(refs, 0, 24)
        _pend(error)
        if CALLBACK_TARGETS[callback] == "exception" and _site(tag, index).site["kind"] == "except":
            return -1
    except BaseException as error:  # whatever it is, it is the pending error
        _pending.error = error
    return 1


# The slots `print`, `raise`, `format` and `exception` point at C functions of the runtime library
# (`callback_print`...: runtime/source.py), which call these with the GIL held. They find them in state
# words of the library (43, then 44 + the place in CALLBACK_TARGETS), stored there, by address, when the
# library is loaded, before any of its code runs. They live as long as the process.
_FUNCTIONS: dict = {"print": _on_print, "raise": _on_raise, "format": _on_format, "exception": _on_exception}
TARGETS = frozenset(CALLBACK_TARGETS)


def _store_functions(exported: Callable[[str], int]) -> None:
    """Where the runtime library's callbacks read them (`exported(name)`: the address of its function)."""
    # `callback_functions() -> int`: the address of state word 43
    words = ctypes.CFUNCTYPE(ctypes.c_int64)(exported("callback_functions"))()
    for k, function in enumerate([_on_failed_call, *(_FUNCTIONS[target] for target in CALLBACK_TARGETS)]):
        ctypes.c_void_p.from_address(words + 8 * k).value = id(function)


runtime.when_loaded(_store_functions)


def address(target: str) -> int:
    """What slot `target` holds in this process: the runtime library's C function that calls this
    module's function for it."""
    return runtime.address(f"callback_{target}")
