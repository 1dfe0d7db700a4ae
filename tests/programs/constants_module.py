# Module-level constants of a cell: computed when the cell compiles, as CPython computes them,
# and read by every function of the cell.
import math
import math as m
from math import pi, sqrt

PI = 3.141592653589793
SOLAR_MASS = 4 * PI * PI
DAYS_PER_YEAR = 365.24
N: int = 100
LIMIT: float = 2.5
NEGATIVE = -7
BIG = 2**63 - 1
FLAG = True
OFF = not FLAG
NAME = "sun"
GREETING = "hello, " + NAME * 2
DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
PAIR = (1, 2.5)
NESTED = ((1, 2), "x")
ROOT2 = sqrt(2)
TAU = 2 * pi
E = m.e
LOGS = (math.log(10), math.exp(1.5), m.floor(2.7))
MIXED = abs(-3) + max(2, 9) + min(1.5, 2) + round(2.675, 2) + int(7.9) + float(3)
CHOSEN = 10 if N > 50 else 20
LENGTH = len(GREETING)
A, B = 6, 7.5
SECOND = DAYS[1]
LAST = DAYS[-1]
HALF = N // 3 + N % 7 + N / 8
SHIFTED = 1 << 40 | 0xFF
DIVMOD = divmod(17, 5)
LONG = 10**30 // 10**15  # intermediate ints are exact, as CPython's


def energy(v: float) -> float:
    return 0.5 * SOLAR_MASS * v * v / DAYS_PER_YEAR


def total() -> int:
    s = 0
    for d in DAYS:
        s += d
    return s


def scalars() -> tuple[int, float, int, int, bool, bool, int, int, int]:
    return N, LIMIT, NEGATIVE, BIG, FLAG, OFF, SECOND, LAST, LENGTH


def text() -> str:
    return f"{GREETING} {NAME.upper()} {len(NAME)}"


def floats() -> tuple[float, float, float, float, float, float, float]:
    return ROOT2, TAU, E, LOGS[0], LOGS[1], MIXED, HALF


def others() -> tuple[int, int, int, float, int, int, int, int]:
    return LOGS[2], CHOSEN, A, B, SHIFTED, DIVMOD[0], DIVMOD[1], LONG


def tuples() -> tuple[tuple[int, float], tuple[tuple[int, int], str]]:
    return PAIR, NESTED


def shadow(x: int) -> int:
    N = x * 2  # a local, as in Python: the constant is untouched
    return N + 1


def after_shadow() -> int:
    return N


def unbound() -> int:
    y = N  # N is a local of this function (assigned below): read before it is bound
    N = 3
    return y + N


def default_of(x: int = N, y: float = -LIMIT) -> float:
    return x + y


def global_read() -> int:
    global N
    return N + 1


def overflow(k: int) -> int:
    return BIG + k


#> energy(1.5)
#> total()
#> scalars()
#> text()
#> floats()
#> others()
#> tuples()
#> shadow(4)
#> after_shadow()
#> unbound()
#> default_of()
#> default_of(1, 2.0)
#> global_read()
#> overflow(0)
# Deviation: an int result beyond 64 bits raises OverflowError (CPython gives a big int)
#> overflow(1) !OverflowError
