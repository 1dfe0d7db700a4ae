# Fields as targets of chained and unpacking assignments (pyperformance's bm_float writes
# `self.x = x = sin(i)`): the value is computed once, then each target is assigned left to right.


class P:
    def __init__(self, x: float, n: int):
        self.x = y = x
        self.n = self.m = n
        self.y: float = y * 2

    def swap(self) -> None:
        self.x, self.y = self.y, self.x

    def __repr__(self) -> str:
        return f"P({self.x}, {self.y}, {self.n}, {self.m})"


def build(a: float) -> P:
    p = P(a, 3)
    p.swap()
    return p


def mixed(a: float) -> tuple[float, int, int]:
    q = P(1.0, 1)
    q.n, (q.x, k) = 5, (a, 7)
    return q.x, q.n, k


def order(a: float) -> str:
    q = P(a, 0)
    q.n, q.m = q.m + 1, q.n + 2
    q.x = q.y = q.x + q.y
    return repr(q)


def looped(n: int) -> int:
    q = P(0.0, 0)
    total = 0
    for q.n in range(n):
        total += q.n
    return total * 100 + q.n

#> repr(build(2.0))
#> mixed(2.5)
#> order(1.5)
#> looped(4)
