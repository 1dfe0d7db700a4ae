# `==` and `!=` of tuples: item by item in order (ints against floats, strs, nested tuples, complex),
# each operand evaluated once; tuples of different lengths are unequal.


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
