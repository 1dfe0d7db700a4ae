"""The options that change generated code (and so take part in the cache key).

    >>> Options(opt=3, wraparound=True).key_parts()
    {'opt': 3, 'wraparound': True, 'first_line': 1, 'loop_versioning': True, 'interrupt_checks': True,
     'boundscheck': True}
"""

from __future__ import annotations

import os

__all__ = ["Options", "SKIP_PATCHING_ENV", "patching_enabled"]

# Teaching switch: slots keep the addresses they were built with (load.py explains).
SKIP_PATCHING_ENV = "JITCELL_TEACHING_SKIP_PATCHING"


class Options:
    __slots__ = ("opt", "wraparound", "first_line", "loop_versioning", "internal", "interrupt_checks", "boundscheck",
                 "script", "break_linkage", "parallel")

    def __init__(self, opt: int = 2, wraparound: bool = False, first_line: int = 1,
                 loop_versioning: bool = True, internal: bool = False, interrupt_checks: bool = True,
                 boundscheck: bool = True, script: bool = False, break_linkage: str | None = None,
                 parallel: bool = False):
        if opt not in (0, 1, 2, 3):
            raise ValueError(f"opt must be 0, 1, 2 or 3, not {opt!r}")
        if not isinstance(first_line, int) or first_line < 1:
            raise ValueError(f"first_line must be a positive int, not {first_line!r}")
        self.opt = opt  # LLVM optimization level, 0 to 3
        self.wraparound = bool(wraparound)  # int arithmetic wraps modulo 2**64 instead of raising
        self.first_line = first_line  # the cell line number of the source's first line (2 under %%jit)
        # run loops without overflow checks where a guard proves none can fire (versioning.py)
        self.loop_versioning = bool(loop_versioning)
        self.internal = bool(internal)  # the runtime library's dialect (internal.py); never for users
        # loops notice SIGINT (interrupts.py); never in the runtime library, whose SIGINT handler it is
        self.interrupt_checks = bool(interrupt_checks) and not self.internal
        self.boundscheck = bool(boundscheck)  # an array index out of range raises IndexError
        self.script = bool(script)  # a kernel cell: top-level statements and module variables (parse.py)
        if break_linkage not in (None, "no-dllexport", "hidden"):
            raise ValueError(f"break_linkage must be 'no-dllexport' or 'hidden', not {break_linkage!r}")
        self.break_linkage = break_linkage  # teaching mode: one slot left unexported (machine.break_slot)
        # prange loops run on the thread pool (compiler/lower/parallel.py); without it prange is range
        self.parallel = bool(parallel) and not self.internal

    @classmethod
    def from_key_parts(cls, parts: dict) -> Options:
        """The options a manifest recorded (`key_parts()`), e.g. to compile a cell again."""
        return cls(**{name: parts[name] for name in cls.__slots__ if name in parts})

    def key_parts(self) -> dict:
        parts: dict[str, int | bool | str] = {
            "opt": self.opt, "wraparound": self.wraparound, "first_line": self.first_line,
            "loop_versioning": self.loop_versioning, "interrupt_checks": self.interrupt_checks,
            "boundscheck": self.boundscheck}
        if self.internal:
            parts["internal"] = True
        if self.script:
            parts["script"] = True
        if self.break_linkage:
            parts["break_linkage"] = self.break_linkage
        if self.parallel:
            parts["parallel"] = True
        return parts

    def __repr__(self) -> str:
        return "Options(" + ", ".join(f"{k}={v!r}" for k, v in self.key_parts().items()) + ")"


def patching_enabled(target: str = "", value: str | None = None) -> bool:
    """False if the teaching switch says to leave slots with this target as built: any value but
    "" or "0" skips every slot; a value ending in a dot, only the targets starting with it.
    `value`: the switch's value, if the caller has read it (a load asks once for all its slots)."""
    if value is None:
        value = os.environ.get(SKIP_PATCHING_ENV, "")
    if value in ("", "0"):
        return True
    return not target.startswith(value) if value.endswith(".") else False
