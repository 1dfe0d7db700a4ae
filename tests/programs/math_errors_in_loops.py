# math errors raised in the middle of loops and calls, after some output.
import math


def roots(n: int) -> float:
    s = 0.0
    for i in range(n, -3, -1):
        r = math.sqrt(i)
        print(i, r)
        s += r
    return s


def logs(x: float) -> float:
    while True:
        print(math.log(x))
        x -= 1.0


def grow(x: float) -> float:
    for _ in range(20):
        x = math.exp(x)
        print(x)
    return x


#> roots(2)
#> logs(3.5)
#> grow(1.0)
#> grow(-50.0)
