# range objects as values (check/ranges.py, lower/ranges.py): kept in a name, measured, indexed, walked.
from typing import Iterator


def measured(a: int, b: int, c: int) -> tuple[int, int, int, int, int, bool]:
    r = range(a, b, c)
    return len(r), r.start, r.stop, r.step, sum(r), bool(r)


def span(a: int, b: int, c: int) -> tuple[int, int, int]:
    r = range(a, b, c)
    return len(r), r[-1], r[len(r) // 2]


def indexed(a: int, b: int, c: int, i: int) -> int:
    r = range(a, b, c)
    return r[i]


def contains(x: int, a: int, b: int, c: int) -> tuple[bool, bool]:
    r = range(a, b, c)
    return x in r, x not in r


def walked(n: int) -> tuple[list[int], tuple[int, ...], list[int], int, int, list[tuple[int, int]]]:
    r = range(1, n, 2)
    doubled = [2 * x for x in r]
    total = 0
    for x in reversed(r):
        total = total * 3 + x
    return list(r), tuple(reversed(r)), doubled, total, max(r), list(enumerate(r))


def permutations(iterable: range, r: int | None = None) -> Iterator[tuple[int, ...]]:
    # a range parameter: generator functions are called from compiled code only
    pool = tuple(iterable)
    n = len(pool)
    if r is None:
        r = n
    for i in iterable:
        if i < r:
            yield pool[i:] + pool[:i]


def rotations(n: int) -> list[tuple[int, ...]]:
    cols = range(n)
    return [p for p in permutations(cols)]


def classes(n: int) -> tuple[bool, bool, bool, str]:
    r = range(n)
    return isinstance(r, range), isinstance(r, (list, tuple)), type(r) is range, f"{type(r)}"


#> measured(0, 10, 1)
#> measured(10, 0, -3)
#> measured(5, 5, 1)
#> span(-9223372036854775808, 9223372036854775807, 4611686018427387904)
#> span(9223372036854775807, -9223372036854775808, -3)
#> measured(0, 10, 0)
#> indexed(0, 10, 3, 0)
#> indexed(0, 10, 3, -1)
#> indexed(0, 10, 3, 4)
#> indexed(0, 10, 3, -5)
#> indexed(100, -100, -7, 20)
#> contains(9, 0, 10, 3)
#> contains(10, 0, 10, 5)
#> contains(-4, 10, -10, -7)
#> contains(9223372036854775806, -9223372036854775808, 9223372036854775807, 2)
#> contains(-9223372036854775807, 9223372036854775807, -9223372036854775808, -2)
#> walked(12)
#> walked(1)
#> rotations(4)
#> classes(3)
