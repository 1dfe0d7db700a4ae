"""What passing a list to a compiled function costs: copy in, reflection back, a list result.

    python benchmarks/list_boundary.py            # writes results/list_boundary.md

For a list[int] and a list[float] of 10^5 items, a list[list[int]] of 10^3 rows of 100, and a
dict[int, int] and a set[int] of 10^4 (read, and changed):
the call of a function that reads the list (copy in only: the list is not modified, so
nothing is written back), of one that changes an item (copy in, then the whole list written
back into the caller's list), and of one that builds and returns a list of the same size,
each against the same function run by CPython. The minimum of 5 samples, taken in turn with CPython's (side_by_side.py).
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

from side_by_side import interleaved

import jitcell

CELL = """
def total(xs: list[int]) -> int:
    s = 0
    for x in xs:
        s += x
    return s

def bump(xs: list[int]) -> int:
    xs[0] += 1
    return len(xs)

def build(n: int) -> list[int]:
    out = [0] * n
    for i in range(n):
        out[i] = i
    return out

def ftotal(xs: list[float]) -> float:
    s = 0.0
    for x in xs:
        s += x
    return s

def fbump(xs: list[float]) -> int:
    xs[0] += 1.0
    return len(xs)

def rows(a: list[list[int]]) -> int:
    return len(a[0]) + len(a)

def rows_bump(a: list[list[int]]) -> int:
    a[0][0] += 1
    return len(a)

def dsize(d: dict[int, int]) -> int:
    return len(d)

def dbump(d: dict[int, int]) -> int:
    d[0] += 1
    return len(d)

def ssize(s: set[int]) -> int:
    return len(s)

def sflip(s: set[int]) -> int:
    s.add(-1)
    s.discard(-1)
    return len(s)
"""



def main() -> None:
    jit = jitcell.compile_cell(CELL).functions
    python: dict = {}
    exec(CELL, python)
    ints, floats = list(range(100_000)), [i * 0.5 for i in range(100_000)]
    grid = [list(range(100)) for _ in range(1_000)]
    table, elements = dict.fromkeys(range(10_000), 1), set(range(10_000))
    cases = [
        ("list[int], 10^5 items, read (copy in)", "total", (ints,)),
        ("list[int], 10^5 items, one item changed (copy in, write back)", "bump", (ints,)),
        ("list[int], 10^5 items, returned (made in compiled code)", "build", (100_000,)),
        ("list[float], 10^5 items, read", "ftotal", (floats,)),
        ("list[float], 10^5 items, one item changed", "fbump", (floats,)),
        ("list[list[int]], 10^3 x 100, read", "rows", (grid,)),
        ("list[list[int]], 10^3 x 100, one row changed", "rows_bump", (grid,)),
        ("dict[int, int], 10^4 entries, read", "dsize", (table,)),
        ("dict[int, int], 10^4 entries, one value changed", "dbump", (table,)),
        ("set[int], 10^4 elements, read", "ssize", (elements,)),
        ("set[int], 10^4 elements, one added and removed", "sflip", (elements,)),
    ]
    lines = ["# Lists at the boundary", "", f"Python {sys.version.split()[0]}; minimum of 5 interleaved samples.", "",
             "| case | jitcell | CPython |", "| --- | ---: | ---: |"]
    for title, name, args in cases:
        times = interleaved({system: functools.partial(functions[name], *args)
                             for system, functions in (("jitcell", jit), ("CPython", python))})
        j, p = times["jitcell"], times["CPython"]
        lines.append(f"| {title} | {j * 1e6:,.0f} µs | {p * 1e6:,.1f} µs |")
        print(lines[-1])
    out = Path(__file__).parent / "results" / "list_boundary.md"
    out.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
