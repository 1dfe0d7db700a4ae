"""Numba's side of benchmarks/scale_out.py: a module Dask workers import, with an on-disk cache."""

from numba import njit


@njit(cache=True)
def collatz_total(n):
    total = 0
    for start in range(1, n):
        k = start
        while k != 1:
            k = k // 2 if k % 2 == 0 else 3 * k + 1
            total += 1
    return total
