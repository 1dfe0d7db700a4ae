# Newton's method for square roots and cube roots, compared to math.sqrt.
import math


def newton_sqrt(x: float) -> float:
    if x == 0.0:
        return 0.0
    g = x if x > 1.0 else 1.0
    for _ in range(100):
        nxt = 0.5 * (g + x / g)
        if nxt == g:
            break
        g = nxt
    return g


def cbrt(x: float) -> float:
    g = 1.0
    for _ in range(200):
        g = g - (g * g * g - x) / (3.0 * g * g)
    return g


def error(x: float) -> float:
    return abs(newton_sqrt(x) - math.sqrt(x))


#> newton_sqrt(2.0)
#> newton_sqrt(1e-10)
#> newton_sqrt(1e300)
#> newton_sqrt(0.0)
#> cbrt(27.0)
#> cbrt(-8.0)
#> error(12345.678)
