# Defaults bound to the cell's constants, computed once as Python computes them at the def.
from typing import Tuple

SCALE = 2.5
NAME = "abc"
PAIR = (7, 0.5)
HALF = SCALE / 2


def g(a: int, s: str = NAME, t: Tuple[int, float] = (1, 2), k: float = SCALE) -> str:
    return s + str(a) + str(t[0]) + str(t[1] * k)


def h(x: int, p: tuple[int, float] = PAIR, on: bool = not False, label: str = NAME + "!", q: float = HALF) -> float:
    return (x + p[0]) * p[1] + q if on else float(len(label))


#> g(1)
#> g(1, "q", (2, 3.5), 1.0)
#> g(a=4, k=0.5)
#> h(1)
#> h(1, label="zz", on=False)
#> h(1, on=False)
#> h(x=3, q=0.0, p=(1, 2.0))
