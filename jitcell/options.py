"""The options that change generated code (and so take part in the cache key).

    >>> Options(opt=3, wraparound=True).key_parts()
    {'opt': 3, 'wraparound': True, 'first_line': 1}
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

__all__ = ["Options"]


@dataclass(frozen=True, slots=True)
class Options:
    opt: int = 2  # LLVM optimization level, 0 to 3
    wraparound: bool = False  # int arithmetic wraps modulo 2**64 instead of raising OverflowError
    first_line: int = 1  # the cell line number of the source's first line (2 below a %%jit line)

    def __post_init__(self):
        if self.opt not in (0, 1, 2, 3):
            raise ValueError(f"opt must be 0, 1, 2 or 3, not {self.opt!r}")
        if not isinstance(self.first_line, int) or self.first_line < 1:
            raise ValueError(f"first_line must be a positive int, not {self.first_line!r}")

    def key_parts(self) -> dict:
        return asdict(self)
