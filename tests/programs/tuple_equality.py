# `==` and `!=` of tuples: item by item in order (ints against floats, strs, nested tuples, complex),
# each operand evaluated once; tuples of different lengths are unequal; <, <=, >, >= as CPython orders tuples.


def same(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a == b


def differs(a: tuple[int, str, float], b: tuple[int, str, float]) -> bool:
    return a != b


def nested(a: tuple[int, tuple[float, str]], b: tuple[float, tuple[float, str]]) -> bool:
    return a == b


def lengths(a: tuple[int, int], b: tuple[int, int, int]) -> bool:
    return a == b or not (a != b)


def waves(z: complex) -> bool:
    return (z, 1) == (z * 1, 1.0)


def counted(n: int) -> int:
    calls = [0]
    hits = 0
    for i in range(n):
        if (i % 3, i % 2) == (0, 0):
            hits += 1
        calls[0] += 1
    return hits * 100 + calls[0]


#> same((1, 2), (1, 2))
#> same((1, 2), (2, 2))
#> differs((1, "a", 2.0), (1, "a", 2.0))
#> differs((1, "a", 2.0), (1, "a", -2.0))
#> nested((1, (2.0, "x")), (1.0, (2.0, "x")))
#> nested((1, (2.0, "x")), (1.0, (2.0, "y")))
#> lengths((1, 2), (1, 2, 3))
#> waves(1 + 2j)
#> counted(20)


def before(a: tuple[int, float], b: tuple[int, float]) -> tuple[bool, bool, bool, bool]:
    return a < b, a <= b, a > b, a >= b


def prefix(a: tuple[int, int], b: tuple[int, int, int]) -> tuple[bool, bool]:
    return a < b, b <= a


def words(a: tuple[str, int], b: tuple[str, int]) -> bool:
    return a < b


def nan_first(x: float) -> tuple[bool, bool, bool]:
    return (x, 1) < (x, 2), (x, 1) == (x, 1), (1.0, x) < (2.0, x)


#> before((1, 2.0), (1, 2.5))
#> before((1, 2.0), (1, 2.0))
#> before((2, 0.0), (1, 9.0))
#> prefix((1, 2), (1, 2, 0))
#> prefix((1, 3), (1, 2, 0))
#> words(("ab", 2), ("ab", 1))
#> words(("a", 9), ("ab", 1))
#> nan_first(1.5)
# Deviation: items are compared by value, never by identity: a NaN is not equal to itself (CPython finds
# the same NaN object equal and goes on to the next items).
#> nan_first(float("nan")) => (False, False, True)
