# Source: https://github.com/python/pyperformance/blob/1d3e21798ebf2420b62c1eded4ce94453ba15151/pyperformance/data-files/benchmarks/bm_nqueens/run_benchmark.py
# Version: commit 1d3e21798ebf2420b62c1eded4ce94453ba15151 (2026-06-01)
# Licence: MIT (pyperformance, COPYING); the licence text is in tests/realworld/LICENSES.md
# Edits (everything else is exactly as published):
#   - type annotations added to every def (`from __future__ import annotations` added first, so that CPython
#     leaves `Iterator[...]` unevaluated)
#   - `import pyperf` and the `if __name__ == "__main__":` block removed (the pyperf driver); the `#>`
#     directives at the end call the functions instead

"""Simple, brute-force N-Queens solver."""

from __future__ import annotations

__author__ = "collinwinter@google.com (Collin Winter)"


# Pure-Python implementation of itertools.permutations().
def permutations(iterable: range, r: int | None = None) -> Iterator[tuple[int, ...]]:
    """permutations(range(3), 2) --> (0,1) (0,2) (1,0) (1,2) (2,0) (2,1)"""
    pool = tuple(iterable)
    n = len(pool)
    if r is None:
        r = n
    indices = list(range(n))
    cycles = list(range(n - r + 1, n + 1))[::-1]
    yield tuple(pool[i] for i in indices[:r])
    while n:
        for i in reversed(range(r)):
            cycles[i] -= 1
            if cycles[i] == 0:
                indices[i:] = indices[i + 1:] + indices[i:i + 1]
                cycles[i] = n - i
            else:
                j = cycles[i]
                indices[i], indices[-j] = indices[-j], indices[i]
                yield tuple(pool[i] for i in indices[:r])
                break
        else:
            return


# From http://code.activestate.com/recipes/576647/
def n_queens(queen_count: int) -> Iterator[tuple[int, ...]]:
    """N-Queens solver.

    Args:
        queen_count: the number of queens to solve for. This is also the
            board size.

    Yields:
        Solutions to the problem. Each yielded value is looks like
        (3, 8, 2, 1, 4, ..., 6) where each number is the column position for the
        queen, and the index into the tuple indicates the row.
    """
    cols = range(queen_count)
    for vec in permutations(cols):
        if (queen_count == len(set(vec[i] + i for i in cols))
                        == len(set(vec[i] - i for i in cols))):
            yield vec


def bench_n_queens(queen_count: int) -> None:
    list(n_queens(queen_count))


# The calls tests/test_realworld.py compares between CPython and jitcell:
#> bench_n_queens(5)
#> bench_n_queens(7)
# Deviation: a generator function is walked in compiled code only; calling one from Python raises CompileError.
#> len(list(n_queens(6))) !CompileError
#> list(n_queens(5))[:3] !CompileError
#> list(permutations(range(3), 2)) !CompileError
