# Defaults of every constant type (str, tuples, None, module constants) and keyword arguments.
from typing import Tuple

SCALE = 2.5
NAME = "abc"
PAIR = (7, 0.5)


def g(a: int, s: str = NAME, t: Tuple[int, float] = (1, 2), k: float = SCALE) -> str:
    return s + str(a) + str(t[0]) + str(t[1] * k)


def h(x: int, p: tuple[int, float] = PAIR, on: bool = not False, label: str = "n=" + "1") -> float:
    return (x + p[0]) * p[1] if on else float(len(label))


def caller() -> str:
    return g(1) + g(2, t=(3, 4.5)) + g(s="x", a=5) + g(k=1.0, a=0, s="")


def calls_h() -> float:
    return h(1) + h(2, on=False) + h(x=3, p=(1, 2.0))


#> g(1)
#> g(1, "q", (2, 3.5), 1)
#> g(a=4, k=0.5)
#> g(1, m=3)
#> g(1, a=3)
#> g()
#> h(1)
#> h(1, label="zz", on=False)
#> caller()
#> calls_h()
