"""Generator kernels: jitcell against Numba and CPython.

    python benchmarks/generators.py         writes results/generators.{json,md}

One source text (`SOURCE`) is a jitcell cell, Numba's functions (njit ignores the annotations)
and plain Python; timed in interleaved rounds (side_by_side.py); all systems
must return the same value.

- squares_sum: `sum(squares(n))`, a generator of one loop walked by a reduction (jitcell's
  coroutine frame is elided at O2 and the loop becomes a closed form).
- triples: the ordered triples of distinct values below n from a generator of three nested loops,
  walked by `enumerate` into a checksum (the permutations pattern of Python's benchmarks).
- walk: a recursive generator (an in-order walk of a complete binary tree, by value), one heap
  frame per level in jitcell; Numba compiles no recursive generator, so it has no column.
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

from side_by_side import machine, with_cpython_scaled, write_results

HERE = Path(__file__).resolve().parent
SOURCE = '''\
from typing import Iterator


def squares(n: int) -> Iterator[int]:
    for i in range(n):
        yield i * i


def squares_sum(n: int) -> int:
    return sum(squares(n))


def distinct_triples(n: int) -> Iterator[tuple[int, int, int]]:
    for a in range(n):
        for b in range(n):
            if a != b:
                for c in range(n):
                    if c != a and c != b:
                        yield a, b, c


def triples(n: int) -> int:
    t = 0
    for i, (a, b, c) in enumerate(distinct_triples(n)):
        t += (i & 7) * (a + 2 * b + 3 * c)
    return t


def tree(n: int) -> Iterator[int]:
    if n > 0:
        for x in tree(n - 1):
            yield x
        yield n
        for x in tree(n - 1):
            yield -x


def walk(n: int) -> int:
    t = 0
    for x in tree(n):
        t += x
    return t
'''


def main() -> None:
    sys.path.insert(0, str(HERE.parent))
    import numba

    import jitcell

    jit = jitcell.compile_cell(SOURCE).functions
    python: dict = {}
    exec(compile(SOURCE, "<generators>", "exec"), python)
    numbaed = {}
    for name in ("squares", "distinct_triples"):
        python_generator = python[name]
        numbaed[name] = numba.njit(python_generator)
    numba_squares, numba_triples = numbaed["squares"], numbaed["distinct_triples"]

    def numba_squares_sum(n):
        t = 0
        for x in numba_squares(n):
            t += x
        return t

    def numba_triples_sum(n):
        t = 0
        i = 0
        for a, b, c in numba_triples(n):
            t += (i & 7) * (a + 2 * b + 3 * c)
            i += 1
        return t

    others = {"squares_sum": numba.njit(numba_squares_sum), "triples": numba.njit(numba_triples_sum)}
    cases = {  # name: (args, args for CPython (smaller), how much less work CPython's args are)
        "squares_sum": ((1_000_000,), (100_000,), 10),
        "triples": ((150,), (60,), (150 * 149 * 148) / (60 * 59 * 58)),
        "walk": ((18,), (14,), 2 ** 4),
    }
    info = machine(Numba=numba.__version__)
    rows = []
    for name, (args, small, factor) in cases.items():
        reference = jit[name](*args)
        assert python[name](*small) == jit[name](*small), name
        calls = {"jitcell": partial(jit[name], *args)}
        if name in others:
            assert others[name](*args) == reference, name
            calls["Numba"] = partial(others[name], *args)
        times = with_cpython_scaled(calls, partial(python[name], *small), factor)
        rows.append({"kernel": name, "Numba": None, **times})
        print(rows[-1], flush=True)
    print(write_results("generators", "# Generator kernels", "Source: benchmarks/generators.py.", rows,
                        ["jitcell", "Numba", "CPython (scaled)"], info))


if __name__ == "__main__":
    main()
