# Tuple assignment: swaps and rotations evaluate the whole right side first, with ints, floats,
# strs and mixed names; sorting networks, gcd, Fibonacci, reversing digits and Euclid's pairs.


def swap_int(a: int, b: int) -> tuple[int, int]:
    a, b = b, a
    return a, b


def swap_str(a: str, b: str) -> str:
    a, b = b, a
    return a + "|" + b


def swap_float(x: float, y: float) -> tuple[float, float]:
    x, y = y, x
    return x, y


def rotate3(a: str, b: str, c: str, n: int) -> str:
    for i in range(n):
        a, b, c = b, c, a
    return a + b + c


def sort3(a: int, b: int, c: int) -> tuple[int, int, int]:
    if a > b:
        a, b = b, a
    if b > c:
        b, c = c, b
    if a > b:
        a, b = b, a
    return a, b, c


def gcd(a: int, b: int) -> int:
    while b != 0:
        a, b = b, a % b
    return a


def ext_gcd(a: int, b: int) -> tuple[int, int, int]:
    x0, x1, y0, y1 = 1, 0, 0, 1
    while b != 0:
        q = a // b
        a, b = b, a - q * b
        x0, x1 = x1, x0 - q * x1
        y0, y1 = y1, y0 - q * y1
    return a, x0, y0


def fib(n: int) -> int:
    a, b = 0, 1
    for i in range(n):
        a, b = b, a + b
    return a


def uses_old(a: int, b: int) -> tuple[int, int]:
    a, b = a + b, a - b
    return a, b


def str_and_int(s: str, n: int) -> tuple[str, int]:
    s, t = s + str(n), s
    n, m = len(t), n
    return s + t, n * 100 + m


def min_max_loop(n: int) -> tuple[int, int]:
    lo, hi = 0, 0
    for i in range(n):
        v = (i * 7919) % 101 - 50
        lo, hi = min(lo, v), max(hi, v)
    return lo, hi

#> swap_int(1, 2)
#> swap_int(-9223372036854775808, 9223372036854775807)
#> swap_str("left", "right")
#> swap_str("", "é")
#> swap_float(-0.0, 0.0)
#> swap_float(float("nan"), 1.0)
#> rotate3("a", "b", "c", 0)
#> rotate3("a", "b", "c", 1)
#> rotate3("a", "b", "c", 5)
#> rotate3("α", "", "γ", 7)
#> sort3(3, 1, 2)
#> sort3(1, 2, 3)
#> sort3(3, 2, 1)
#> sort3(2, 2, 1)
#> gcd(48, 18)
#> gcd(0, 5)
#> gcd(-48, 18)
#> gcd(17, 0)
#> ext_gcd(240, 46)
#> ext_gcd(17, 5)
#> ext_gcd(0, 0)
#> fib(0)
#> fib(50)
#> uses_old(10, 3)
#> str_and_int("ab", 7)
#> str_and_int("", 0)
#> min_max_loop(0)
#> min_max_loop(200)
# Deviation: the loop computes one Fibonacci number beyond the result, and it leaves 64 bits
# (CPython: a big int, never used).
#> fib(92) !OverflowError: does not fit in a 64-bit int
#> fib(93) !OverflowError
# Deviation: a + b beyond 64 bits raises OverflowError (CPython: a big int).
#> uses_old(9223372036854775807, 1) !OverflowError
