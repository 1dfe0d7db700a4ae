"""Tracebacks that show the user's cells and lines, not jitcell's insides.

    ZeroDivisionError                         Traceback (most recent call last)
    Cell In[4], line 3
          1 data = load()
    ----> 3 mean(data)
    ZeroDivisionError: float division by zero
      File "cell", line 4, column 12, in mean (compiled by jitcell)
        return total / len(a)

An exception that passes through jitcell would show frames no user wrote: the line IPython
runs for a cell magic (`get_ipython().run_cell_magic('jitcell_cell', ...)`, every cell of
the jitcell kernel), the magic and the compiler in jitcell's own files, and the generated
Python wrapper of a compiled function (`jitcell-wrapper f(...)`). `install(shell)` makes
IPython leave those frames out of every traceback it shows (as it leaves out its own
frames marked `__tracebackhide__`); a traceback without them is the same as before. Where
the failure is inside compiled code, the exception's note (callbacks.py) names the cell,
line, column and function, and shows the line. `JITCELL_FULL_TRACEBACKS=1` keeps every frame,
for reporting a bug in jitcell itself.
"""

from __future__ import annotations

import linecache
import os
import types

__all__ = ["install", "without_jitcell_frames"]

_MAGICS = ("run_cell_magic('jitcell_cell'", "run_cell_magic('jit'")
FULL_ENV = "JITCELL_FULL_TRACEBACKS"  # =1: keep jitcell's frames (for a report of a bug in jitcell)


def _hidden(frame: types.FrameType, lineno: int) -> bool:
    filename = frame.f_code.co_filename
    if filename.startswith("jitcell-wrapper "):  # a compiled function's generated wrapper (bind.py)
        return True
    module = frame.f_globals.get("__name__", "")
    if module == "jitcell" or module.startswith("jitcell."):  # jitcell's own code, kernel and magics too
        return True
    line = linecache.getline(filename, lineno)  # the line IPython runs for a cell magic of ours
    return line.lstrip().startswith("get_ipython().") and any(magic in line for magic in _MAGICS)


def without_jitcell_frames(tb: types.TracebackType | None) -> types.TracebackType | None:
    """The same traceback without jitcell's frames (a new chain; `tb` is left as it is)."""
    kept = []
    while tb is not None:
        if not _hidden(tb.tb_frame, tb.tb_lineno):
            kept.append(tb)
        tb = tb.tb_next
    chain = None
    for entry in reversed(kept):
        chain = types.TracebackType(chain, entry.tb_frame, entry.tb_lasti, entry.tb_lineno)
    return chain


def _show(shell, etype, value, tb, tb_offset=None):
    """IPython's custom exception handler: the usual traceback, without jitcell's frames, for the
    exception and every exception it was raised from or while handling."""
    seen = set()
    error: BaseException | None = value
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if error is not value:
            error.__traceback__ = without_jitcell_frames(error.__traceback__)
        error = error.__cause__ or error.__context__
    shell.showtraceback((etype, value, without_jitcell_frames(tb)), tb_offset=tb_offset)


def install(shell) -> None:
    """Show tracebacks in `shell` without jitcell's frames, unless the shell already has a custom
    exception handler of someone else's (IPython keeps one only), which is left alone, or
    JITCELL_FULL_TRACEBACKS=1 asks for every frame."""
    if os.environ.get(FULL_ENV, "") not in ("", "0"):
        return
    if shell.custom_exceptions and not getattr(shell, "_jitcell_tracebacks", False):
        return
    shell.set_custom_exc((Exception,), _show)
    shell._jitcell_tracebacks = True
