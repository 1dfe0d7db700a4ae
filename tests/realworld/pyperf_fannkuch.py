# Source: https://github.com/python/pyperformance/blob/1d3e21798ebf2420b62c1eded4ce94453ba15151/pyperformance/data-files/benchmarks/bm_fannkuch/run_benchmark.py
# Version: commit 1d3e21798ebf2420b62c1eded4ce94453ba15151 (2026-06-01)
# Licence: MIT (pyperformance, COPYING); the licence text is in tests/realworld/LICENSES.md
# Edits (everything else is exactly as published):
#   - type annotations added to the def
#   - `import pyperf` and the `if __name__ == "__main__":` block removed (the pyperf driver); the `#>`
#     directives at the end call the function instead

"""
The Computer Language Benchmarks Game
http://benchmarksgame.alioth.debian.org/

Contributed by Sokolov Yura, modified by Tupteq.
"""


DEFAULT_ARG = 9


def fannkuch(n: int) -> int:
    count = list(range(1, n + 1))
    max_flips = 0
    m = n - 1
    r = n
    perm1 = list(range(n))
    perm = list(range(n))
    perm1_ins = perm1.insert
    perm1_pop = perm1.pop

    while 1:
        while r != 1:
            count[r - 1] = r
            r -= 1

        if perm1[0] != 0 and perm1[m] != m:
            perm = perm1[:]
            flips_count = 0
            k = perm[0]
            while k:
                perm[:k + 1] = perm[k::-1]
                flips_count += 1
                k = perm[0]

            if flips_count > max_flips:
                max_flips = flips_count

        while r != n:
            perm1_ins(r, perm1_pop(0))
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1
        else:
            return max_flips


# The calls tests/test_realworld.py compares between CPython and jitcell:
#> fannkuch(1)
#> fannkuch(5)
#> fannkuch(7)
