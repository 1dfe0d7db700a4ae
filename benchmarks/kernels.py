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

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

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

import math

import numpy as np


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


def word_count(keys: int[:]) -> int:
    counts: dict[int, int] = {}
    for k in keys:
        if k in counts:
            counts[k] += 1
        else:
            counts[k] = 1
    best = 0
    for k in counts:
        if counts[k] > best:
            best = counts[k]
    return len(counts) * 1000000 + best


def build_string(n: int) -> int:
    s = ""
    for i in range(n):
        s = s + str(i % 10)
    return len(s)


def nbody(pos0: float[:, :], vel0: float[:, :], mass: float[:], steps: int) -> float:
    n = len(mass)
    pos = np.zeros((n, 3))
    vel = np.zeros((n, 3))
    for i in range(n):
        for d in range(3):
            pos[i, d] = pos0[i, d]
            vel[i, d] = vel0[i, d]
    dt = 0.001
    for step in range(steps):
        for i in range(n):
            ax = 0.0
            ay = 0.0
            az = 0.0
            for j in range(n):
                if i != j:
                    dx = pos[j, 0] - pos[i, 0]
                    dy = pos[j, 1] - pos[i, 1]
                    dz = pos[j, 2] - pos[i, 2]
                    r2 = dx * dx + dy * dy + dz * dz + 0.01
                    inv = mass[j] / (r2 * math.sqrt(r2))
                    ax += dx * inv
                    ay += dy * inv
                    az += dz * inv
            vel[i, 0] += dt * ax
            vel[i, 1] += dt * ay
            vel[i, 2] += dt * az
        for i in range(n):
            for d in range(3):
                pos[i, d] += dt * vel[i, d]
    energy = 0.0
    for i in range(n):
        energy += 0.5 * mass[i] * (vel[i, 0] * vel[i, 0] + vel[i, 1] * vel[i, 1] + vel[i, 2] * vel[i, 2])
    return energy


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
    inputs: str = "n"  # "n": f(n); "vector": f(a), n floats; "grid": f(a, out), n x n each; "ints": f(keys),
    # n ints below 2**16; "bodies": f(pos, vel, mass, NBODY_STEPS) for n bodies
    goal: str = "numba"  # "numba": within 10% of Numba; "cpython": faster than CPython; "": no goal


NBODY_STEPS = 10

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
    Kernel("nbody", "n-body (float[:, :], sqrt)", "float", 200, 40, lambda n: NBODY_STEPS * n * n, False,
           f"{NBODY_STEPS} steps of the all-pairs gravity update of n bodies (copied into new arrays first, so "
           "the arguments stay as they were), returning the kinetic energy", inputs="bodies"),
    Kernel("word_count", "dict word count over ints", "int", 1_000_000, 200_000, lambda n: n, True,
           "counts n random ints below 2**16 in a dict[int, int] (k in d, d[k] += 1), then finds the largest "
           "count; C uses a linear-probing hash table of its own", inputs="ints", goal="cpython"),
    Kernel("build_string", "string building", "int", 20_000, 20_000, lambda n: n, True,
           "s = s + str(i % 10), n times, returning len(s): jitcell and CPython append in place when nothing "
           "else holds s; Numba copies s each time (quadratic); C appends to a growing buffer", goal=""),
]

CALL_ARG = 41  # add1(41) == 42, for the call overhead benchmark
