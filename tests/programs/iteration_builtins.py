import numpy as np


def enum_zip(x: float[:], y: float[:]) -> float:
    s = 0.0
    for i, (a, b) in enumerate(zip(x, y), start=1):
        s += i * a * b
    return s


def reversed_ranges(n: int, step: int) -> int:
    t = 0
    for j in reversed(range(0, n, step)):
        t = t * 3 + j
    for j in reversed(range(n, -n, -step)):
        t = t * 3 - j
    return t


def enum_tuple() -> int:
    t = 0
    for k, v in enumerate((5, 6, 7)):
        t += k * v
    for v in (1, 2, 3):
        t = t * 10 + v
    return t


def sums(n: int) -> int:
    return sum(range(n)) + max(range(n), default=-1) + min(3, 1, 2)


def reductions(a: float[:]) -> tuple[float, float, float, bool, bool]:
    return sum(a), max(a), min(a), any(a), all(a)


def sum_start(a: int[:], s: float) -> float:
    return sum(a, s) + sum(a, start=1)


def zip_strict(a: int[:], b: int[:]) -> int:
    t = 0
    for p, q in zip(a, b, strict=True):
        t += p * q
    return t


def zip3(a: int[:], b: int[:], c: int[:], strict: bool) -> int:
    t = 0
    if strict:
        for p, q, r in zip(a, b, c, strict=True):
            t += p * q - r
    else:
        for p, q, r in zip(a, b, c):
            t += p * q - r
    return t


def empty_max(n: int) -> int:
    return max(range(n))


def empty_min_array(a: float[:]) -> float:
    return min(a)


def neg(x: int) -> int:
    return -x


def keyed(a: int[:]) -> tuple[int, int, int]:
    return max(a, key=neg), min(a, key=neg, default=99), max(3, -7, 5, key=neg)


def dicts(d: dict[str, int]) -> int:
    t = 0
    for i, k in enumerate(d):
        t += i * len(k)
    for i, (k, v) in enumerate(d.items()):
        t += i * v
    for kv in d.items():
        t += kv[1]
    return t + sum(d.values()) + max(d.values(), default=0) + len(d.keys())


def rev_array(a: float[:]) -> float:
    t = 0.0
    for x in reversed(a):
        t = t * 2.0 + x
    return t


def any_all(n: int) -> tuple[bool, bool, bool, bool]:
    return any(range(n)), all(range(1, n)), any(range(0)), all(range(0))


def lens(n: int, s: int) -> int:
    t = (1, 2, 3)
    return len(range(n)) + len(range(0, n, s)) + len(t)


def divmods(x: int, y: int) -> tuple[int, int]:
    return divmod(x, y)


def fdivmods(x: float, y: float) -> tuple[float, float]:
    return divmod(x, y)


def range_zero_step(n: int, s: int) -> int:
    t = 0
    for i in reversed(range(0, n, s)):
        t += i
    return t


def break_else(a: int[:], b: int[:]) -> int:
    for i, (p, q) in enumerate(zip(a, b)):
        if p == q:
            break
    else:
        return -1
    return i


def enum_overflow(n: int) -> int:
    t = 0
    for i, x in enumerate(range(n), 9223372036854775806):
        t = i
    return t


#> enum_zip(np.arange(5.0), np.arange(1.0, 4.0))
#> enum_zip(np.arange(0.0), np.arange(1.0, 4.0))
#> reversed_ranges(10, 3)
#> reversed_ranges(7, 1)
#> reversed_ranges(0, 2)
#> reversed_ranges(5, 0)
#> enum_tuple()
#> sums(10)
#> sums(0)
#> reductions(np.array([1.5, -2.0, 3.25]))
#> reductions(np.array([0.0, 2.0]))
#> reductions(np.array([np.nan, 1.0, 2.0]))
#> sum_start(np.arange(4), 0.5)
#> zip_strict(np.arange(3), np.arange(3))
#> zip_strict(np.arange(3), np.arange(2))
#> zip_strict(np.arange(2), np.arange(3))
#> zip3(np.arange(3), np.arange(3), np.arange(4), True)
#> zip3(np.arange(3), np.arange(2), np.arange(4), True)
#> zip3(np.arange(3), np.arange(3), np.arange(2), True)
#> zip3(np.arange(3), np.arange(5), np.arange(4), False)
#> zip3(np.arange(3), np.arange(3), np.arange(3), True)
#> empty_max(3)
#> empty_max(0)
#> empty_min_array(np.arange(0.0))
#> keyed(np.array([3, -1, 4, -1, 5]))
#> dicts({"a": 1, "bb": 2, "ccc": 3})
#> dicts({})
#> rev_array(np.arange(4.0))
#> any_all(3)
#> any_all(0)
#> lens(10, 3)
#> lens(10, -3)
#> divmods(7, 2)
#> divmods(-7, 2)
#> divmods(7, 0)
#> fdivmods(7.5, 2.0)
#> fdivmods(-7.5, 2.0)
#> fdivmods(7.5, 0.0)
#> fdivmods(-0.0, 1.0)
#> range_zero_step(5, 0)
#> break_else(np.array([1, 2, 3]), np.array([3, 2, 1]))
#> break_else(np.array([1, 2, 3]), np.array([3, 1, 1]))
#> enum_overflow(1)

# Deviation: ints are 64-bit: divmod(-2**63, -1) and a count of enumerate() past 2**63 - 1 raise
# OverflowError where Python gives a big int.
#> divmods(-9223372036854775808, -1) !OverflowError
#> enum_overflow(3) !OverflowError
