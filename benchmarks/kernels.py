"""The code every system runs: one source text for jitcell, Numba and CPython, plus C.

`RUNTIME_SOURCE` is a jitcell cell and also plain Python: jitcell compiles it,
`numba.njit` compiles the same functions (it ignores the annotations), and CPython
runs it as is. `kernels.c` holds the same algorithms in C, line for line.

Each `Kernel` says how much work a call does (`work(n)`, in inner-loop iterations),
so CPython can run a smaller n and have its time scaled up to the common n. A kernel
over NumPy arrays says which (`inputs`): the worker makes them (a vector of n floats,
or an n x n grid and an output grid of the same shape) and passes them to every
system; C gets their data pointers and sizes.
Standard library only: the orchestrator (`run.py`) imports this module too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
C_SOURCE = HERE / "kernels.c"

# The cell of the startup and compile benchmarks: a few lines, as in a notebook.
SMALL_CELL = '''\
def total(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s
'''
SMALL_ARG = 1000
SMALL_RESULT = sum(i * i for i in range(SMALL_ARG))  # 332833500

# The same function for Cython's %%cython (typed, so the loop is C).
CYTHON_CELL = '''\
def total(long n):
    cdef long s = 0
    cdef long i
    for i in range(n):
        s += i * i
    return s
'''

RUNTIME_SOURCE = '''\
from __future__ import annotations


def sum_squares(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s


def sum_squares_float(n: int) -> float:
    s = 0.0
    for i in range(n):
        x = float(i)
        s += x * x
    return s


def newton_sqrt(n: int) -> float:
    total = 0.0
    for i in range(1, n + 1):
        x = float(i)
        y = x
        for k in range(20):
            y = 0.5 * (y + x / y)
        total += y
    return total


def quarter_circle(n: int) -> int:
    count = 0
    for i in range(n):
        for j in range(n):
            if i * i + j * j < n * n:
                count += 1
    return count


def array_sum(a: float[:]) -> float:
    s = 0.0
    for i in range(len(a)):
        s += a[i]
    return s


def stencil(a: float[:, :], out: float[:, :]) -> float:
    n, m = a.shape
    for i in range(1, n - 1):
        for j in range(1, m - 1):
            out[i, j] = 0.25 * (a[i - 1, j] + a[i + 1, j] + a[i, j - 1] + a[i, j + 1])
    return out[1, 1] + out[n // 2, m // 2] + out[n - 2, m - 2]


def add1(x: int) -> int:
    return x + 1
'''


@dataclass(frozen=True)
class Kernel:
    name: str
    title: str
    returns: str  # "int" or "float": the ctypes result type of the C version
    n: int  # the size every compiled system runs
    n_python: int  # the smaller size CPython runs; its time is scaled by work(n) / work(n_python)
    work: Callable[[int], int]
    uses_ints: bool  # int arithmetic in the loop: jitcell's overflow checks matter
    note: str
    inputs: str = "n"  # "n": the call is f(n); "vector": f(a), a n floats; "grid": f(a, out), n x n each


KERNELS = [
    Kernel("sum_squares", "sum of squares (int)", "int", 2_000_000, 200_000, lambda n: n, True,
           "s += i * i over range(n); the sum stays below 2**63 (n = 2e6 gives 2.7e18)"),
    Kernel("sum_squares_float", "sum of squares (float)", "float", 10_000_000, 500_000, lambda n: n, False,
           "s += x * x with x = float(i); floats are not reassociated, so no compiler can vectorize "
           "or shortcut it: a plain loop everywhere"),
    Kernel("newton_sqrt", "Newton sqrt (float)", "float", 1_000_000, 20_000, lambda n: 20 * n, False,
           "sqrt(x) for x = 1..n by 20 Newton steps y = (y + x/y) / 2, summed"),
    Kernel("quarter_circle", "nested loops (int)", "int", 3_000, 300, lambda n: n * n, True,
           "counts (i, j) in [0, n)^2 with i*i + j*j < n*n (a double loop with a condition)"),
    Kernel("array_sum", "array reduction (float[:])", "float", 1_000_000, 20_000, lambda n: n, False,
           "s += a[i] over a float64 array of n random numbers: every access bounds-checked in jitcell "
           "unless the loop guard proves it (here it does); floats are not reassociated, so the sum "
           "is a chain of additions everywhere", inputs="vector"),
    Kernel("stencil", "2-D stencil (float[:, :])", "float", 1_000, 60, lambda n: (n - 2) ** 2, False,
           "out[i, j] = 0.25 * (a[i-1, j] + a[i+1, j] + a[i, j-1] + a[i, j+1]) over an n x n grid of random "
           "numbers; the stores vectorize (Numba knows its arrays are C-contiguous, jitcell checks the unit "
           "stride at run time)", inputs="grid"),
]

CALL_ARG = 41  # add1(41) == 42, for the call overhead benchmark
