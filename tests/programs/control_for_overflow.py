# Overflow inside range loops is still detected, whatever the loop bounds are.


def sum_squares(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s


def sum_range(a: int, b: int) -> int:
    s = 0
    for i in range(a, b):
        s += i
    return s


def scaled(n: int, k: int) -> int:
    s = 0
    for i in range(n):
        s = s + i * k
    return s


def index_math(n: int, k: int) -> int:
    last = 0
    for i in range(n - 3, n):
        last = i + k
    return last


def down(n: int, k: int) -> int:
    last = 0
    for i in range(n, n - 3, -1):
        last = i - k
    return last


def product(n: int) -> int:
    p = 1
    for i in range(1, n + 1):
        p *= i
    return p


#> sum_squares(1000)
#> sum_squares(3000000)
#> sum_range(2**62, 2**62 + 1)
#> sum_range(-5, 5)
#> scaled(10, 2**56)
#> index_math(2**63 - 1, 0)
#> index_math(10, 2**63 - 10)
#> index_math(2**63 - 1, 1)
#> down(-2**63 + 3, 0)
#> down(-2**63 + 3, -3)
#> product(20)
# Deviation: sums and products beyond 64 bits inside loops raise OverflowError.
#> sum_range(2**62, 2**62 + 2) !OverflowError
#> scaled(10, 2**60) !OverflowError
#> index_math(2**63 - 1, 2) !OverflowError
#> index_math(10, 2**63 - 9) !OverflowError
#> down(-2**63 + 3, 2) !OverflowError
#> product(21) !OverflowError
