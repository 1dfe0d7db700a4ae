# Root finding by bisection and by the secant method.
import math


def f(x: float) -> float:
    return x * x * x - 2.0 * x - 5.0


def bisect(lo: float, hi: float, steps: int) -> float:
    for _ in range(steps):
        mid = (lo + hi) / 2
        if f(lo) * f(mid) <= 0:
            hi = mid
        else:
            lo = mid
    return (lo + hi) / 2


def secant(x0: float, x1: float, steps: int) -> float:
    for _ in range(steps):
        f0, f1 = f(x0), f(x1)
        if f1 == f0:
            break
        x0, x1 = x1, x1 - f1 * (x1 - x0) / (f1 - f0)
    return x1


def cos_fixed_point(x: float) -> float:
    for _ in range(200):
        x = math.cos(x)
    return x


#> bisect(2.0, 3.0, 60)
#> bisect(2.0, 3.0, 5)
#> secant(2.0, 3.0, 20)
#> cos_fixed_point(1.0)
