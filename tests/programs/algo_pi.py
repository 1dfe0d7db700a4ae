# Approximations of pi: a series, a product and Monte Carlo with an integer LCG.
import math


def nilakantha(n: int) -> float:
    s = 3.0
    sign = 1.0
    for k in range(1, n + 1):
        a = 2.0 * k
        s += sign * 4.0 / (a * (a + 1.0) * (a + 2.0))
        sign = -sign
    return s


def wallis(n: int) -> float:
    p = 1.0
    for k in range(1, n + 1):
        f = 4.0 * k * k
        p *= f / (f - 1.0)
    return 2.0 * p


def monte_carlo(n: int, seed: int) -> float:
    x = seed
    inside = 0
    for _ in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        u = x / 2147483648
        x = (x * 1103515245 + 12345) % 2147483648
        v = x / 2147483648
        if u * u + v * v <= 1.0:
            inside += 1
    return 4.0 * inside / n


def error(n: int) -> float:
    return abs(nilakantha(n) - math.pi)


#> nilakantha(1000)
#> wallis(10000)
#> monte_carlo(10000, 42)
#> error(100)
