"""Generator kernels: jitcell against Numba and CPython.

    python benchmarks/generators.py         writes results/generators.{json,md}

One source text (`SOURCE`) is a jitcell cell, Numba's functions (njit ignores the annotations)
and plain Python; timing as in slicing.py (minimum over samples of at least 0.2 s); all systems
must return the same value.

- squares_sum: `sum(squares(n))`, a generator of one loop walked by a reduction (jitcell's
  coroutine frame is elided at O2 and the loop becomes a closed form).
- triples: the ordered triples of distinct values below n from a generator of three nested loops,
  walked by `enumerate` into a checksum (the permutations pattern of Python's benchmarks).
- walk: a recursive generator (an in-order walk of a complete binary tree, by value), one heap
  frame per level in jitcell; Numba compiles no recursive generator, so it has no column.
"""

from __future__ import annotations

import json
import platform
import sys
from pathlib import Path

from slicing import _load, timed

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
    rows = []
    for name, (args, small, factor) in cases.items():
        reference = jit[name](*args)
        assert python[name](*small) == jit[name](*small), name
        if name in others:
            assert others[name](*args) == reference, name
        row = {"kernel": name, "jitcell": timed(jit[name], args),
               "Numba": timed(others[name], args) if name in others else None,
               "CPython (scaled)": timed(python[name], small, repeats=2) * factor}
        rows.append(row)
        print(row, flush=True)
    systems = ["jitcell", "Numba", "CPython (scaled)"]
    lines = ["# Generator kernels", "",
             f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, "
             f"Numba {numba.__version__}, load average {_load()}. Times in ms (min of 5 samples); "
             "ratio = Numba / jitcell. Source: benchmarks/generators.py.", "",
             "| kernel | " + " | ".join(systems) + " | Numba / jitcell | CPython / jitcell |",
             "|---|" + "---:|" * (len(systems) + 2)]
    for row in rows:
        cells = [("-" if row[s] is None else f"{row[s] * 1e3:.3g}") for s in systems]
        ratio = "-" if row["Numba"] is None else f"{row['Numba'] / row['jitcell']:.2f}x"
        lines.append(f"| {row['kernel']} | " + " | ".join(cells) +
                     f" | {ratio} | {row['CPython (scaled)'] / row['jitcell']:.0f}x |")
    (HERE / "results" / "generators.md").write_text("\n".join(lines) + "\n")
    (HERE / "results" / "generators.json").write_text(json.dumps(rows, indent=1) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
