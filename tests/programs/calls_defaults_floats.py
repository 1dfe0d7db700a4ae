# Defaults of every kind: negative numbers, floats, bools, math constants.
import math


def shift(x: float, by: float = -0.5) -> float:
    return x + by


def clamp(x: float, lo: float = -math.inf, hi: float = math.inf) -> float:
    return min(max(x, lo), hi)


def cap(x: float, hi: float = math.pi) -> float:
    return x if x < hi else hi


def step(n: int, by: int = -3, twice: bool = True) -> int:
    return n + by * (2 if twice else 1)


def inner_call(x: float) -> float:
    return clamp(x, hi=10.0) + clamp(x, 0.0) + cap(x) + shift(x)


#> shift(1.0)
#> shift(1.0, 2.0)
#> clamp(5.0)
#> clamp(5.0, 6.0)
#> clamp(5.0, hi=1.0)
#> clamp(float('nan'))
#> cap(4.0)
#> cap(3.0)
#> step(10)
#> step(10, twice=False)
#> step(10, 1, False)
#> inner_call(20.0)
#> inner_call(-20.0)
