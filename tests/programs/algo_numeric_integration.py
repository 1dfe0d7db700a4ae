# Numerical integration: trapezoid and Simpson rules over math functions.
import math


def trapezoid(a: float, b: float, n: int) -> float:
    h = (b - a) / n
    s = 0.5 * (math.sin(a) + math.sin(b))
    for i in range(1, n):
        s += math.sin(a + i * h)
    return s * h


def simpson(a: float, b: float, n: int) -> float:
    h = (b - a) / n
    s = math.exp(a) + math.exp(b)
    for i in range(1, n):
        w = 4.0 if i % 2 else 2.0
        s += w * math.exp(a + i * h)
    return s * h / 3.0


#> trapezoid(0.0, math.pi, 1000)
#> trapezoid(0.0, 1.0, 7)
#> simpson(0.0, 1.0, 100)
#> simpson(-1.0, 1.0, 10)
#> trapezoid(0.0, 1.0, 0)
