# Source: https://github.com/python/pyperformance/blob/1d3e21798ebf2420b62c1eded4ce94453ba15151/pyperformance/data-files/benchmarks/bm_spectral_norm/run_benchmark.py
# Version: commit 1d3e21798ebf2420b62c1eded4ce94453ba15151 (2026-06-01)
# Licence: MIT (pyperformance, COPYING); the licence text is in tests/realworld/LICENSES.md
# Edits (everything else is exactly as published):
#   - type annotations added to every def (`from __future__ import annotations` added first, so that CPython
#     leaves `Callable[...]` unevaluated), and to `partial_sum`, which starts as the int 0 and adds floats
#   - the pyperf driver removed (`import pyperf`, bench_spectral_norm() which timed the power iteration with
#     pyperf.perf_counter and the `if __name__ == "__main__":` block); the `#>` directives at the end call the
#     functions instead

"""
MathWorld: "Hundred-Dollar, Hundred-Digit Challenge Problems", Challenge #3.
http://mathworld.wolfram.com/Hundred-DollarHundred-DigitChallengeProblems.html

The Computer Language Benchmarks Game
http://benchmarksgame.alioth.debian.org/u64q/spectralnorm-description.html#spectralnorm

Contributed by Sebastien Loisel
Fixed by Isaac Gouy
Sped up by Josh Goldfoot
Dirtily sped up by Simon Descarpentries
Concurrency by Jason Stitt
"""

from __future__ import annotations


DEFAULT_N = 130


def eval_A(i: int, j: int) -> float:
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def eval_times_u(func: Callable[[tuple[int, list[float]]], float], u: list[float]) -> list[float]:
    return [func((i, u)) for i in range(len(list(u)))]


def eval_AtA_times_u(u: list[float]) -> list[float]:
    return eval_times_u(part_At_times_u, eval_times_u(part_A_times_u, u))


def part_A_times_u(i_u: tuple[int, list[float]]) -> float:
    i, u = i_u
    partial_sum: float = 0
    for j, u_j in enumerate(u):
        partial_sum += eval_A(i, j) * u_j
    return partial_sum


def part_At_times_u(i_u: tuple[int, list[float]]) -> float:
    i, u = i_u
    partial_sum: float = 0
    for j, u_j in enumerate(u):
        partial_sum += eval_A(j, i) * u_j
    return partial_sum


# The calls tests/test_realworld.py compares between CPython and jitcell:
#> eval_A(3, 4)
#> part_A_times_u((2, [1.0, 0.5, 0.25]))
#> eval_AtA_times_u([1.0] * 20)
#> eval_AtA_times_u(eval_AtA_times_u([1.0] * 50))
