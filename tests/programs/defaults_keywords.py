# Defaults of every constant type (str, tuples, None) and keyword arguments, in compiled calls.
from typing import Optional, Tuple


def g(a: int, s: str = "abc", t: Tuple[int, float] = (1, 2), k: float = 2.5) -> str:
    return s + str(a) + str(t[0]) + str(t[1] * k)


def h(x: int, p: tuple[int, float] = (7, 0.5), on: bool = not False, label: Optional[str] = None) -> float:
    if label is not None:
        return float(len(label))
    return (x + p[0]) * p[1] if on else -1.0


def caller() -> str:
    return g(1) + g(2, t=(3, 4.5)) + g(s="x", a=5) + g(k=1.0, a=0, s="")


def calls_h() -> float:
    return h(1) + h(2, on=False) + h(x=3, p=(1, 2.0)) + h(0, label="four")


#> g(1)
#> g(a=4, k=0.5)
#> g(1, m=3)
#> g(1, a=3)
#> g()
#> h(1)
#> h(1, label="zz", on=False)
#> caller()
#> calls_h()
