# isinstance(), type(x) is T and callable(), folded from the static types (check/introspection.py).
import numpy as np


def classes(n: int, x: float, s: str, b: bool, z: complex) -> tuple[bool, bool, bool, bool, bool, bool, bool, bool]:
    return (isinstance(n, int), isinstance(n, float), isinstance(x, (int, float)), isinstance(s, str),
            isinstance(b, int), isinstance(b, bool), isinstance(n, bool), isinstance(z, complex))


def containers(l: list[int], t: tuple[int, float], d: dict[str, int], s: set[int], v: tuple[int, ...],
               a: float[:]) -> tuple[bool, bool, bool, bool, bool, bool, bool, bool]:
    return (isinstance(l, list), isinstance(l, tuple), isinstance(t, tuple), isinstance(d, dict),
            isinstance(s, (set, frozenset)), isinstance(v, tuple), isinstance(v, list), isinstance(a, (np.ndarray, str)) and isinstance(a, object))


def unions(n: int, x: float) -> tuple[bool, bool, bool, bool, bool]:
    return (isinstance(n, int | float), isinstance(x, str | None), isinstance(n, (str, (bytes, int))),
            isinstance(x, object), isinstance(n, type(None)))


def maybe(o: int | None) -> tuple[bool, bool, bool, bool]:
    return isinstance(o, int), isinstance(o, type(None)), isinstance(o, (int, type(None))), isinstance(o, float)


def effects(xs: list[int]) -> bool:
    # the operand is still evaluated: an index out of range raises
    return isinstance(xs[3], int)


def noisy(n: int) -> list[int]:
    print("noisy", n)
    return [n]


def evaluated(n: int) -> tuple[bool, bool, bool, bool, bool, bool]:
    # a call is made for its effects; empty displays and None are plain values
    return (isinstance(noisy(n), list), isinstance([], list), isinstance({}, dict), isinstance(set(), set),
            isinstance(None, int), callable(noisy(n + 1)))


def unbound(n: int) -> bool:
    if n > 0:
        xs = [1]
    return isinstance(xs, list)


def integer_square_root(num: int) -> int:
    if not isinstance(num, int) or num < 0:
        raise ValueError("num must be non-negative integer")
    return int(num ** 0.5)


def dead_branch(n: int) -> int:
    if isinstance(n, str):
        return n.upper()  # never runs: n is an int, so this branch is not checked
    elif isinstance(n, bool):
        return "no"
    else:
        total = n * 2
    return total


def exact_types(n: int, b: bool, x: float) -> tuple[bool, bool, bool, bool, bool, bool]:
    return (type(n) is int, type(b) is int, type(b) == bool, type(x) != float, int is type(n),
            type(x) is not int)


def shown(n: int, x: float, s: str, l: list[float]) -> str:
    return f"{type(n)} {type(x)} {str(type(s))} {type(l)} {type(n) is int}"


def callables(n: int, s: str) -> tuple[bool, bool, bool, bool]:
    return callable(n), callable(s), callable(len), callable(integer_square_root)


def checked(a: float, precision: int) -> float:
    assert isinstance(a, (float, int)), f"a should be float or integer your input : {a}"
    assert isinstance(precision, int) and precision > 0, f"precision should be positive integer your input : {precision}"
    return round(a, precision)


#> classes(3, 2.5, "s", True, 1j)
#> containers([1], (1, 2.0), {"a": 1}, {2}, (1, 2, 3), np.zeros(2))
#> unions(1, 2.0)
#> maybe(None)
#> maybe(7)
#> effects([1, 2, 3, 4])
#> effects([1, 2])
#> evaluated(3)
#> unbound(1)
#> unbound(0)
#> integer_square_root(625)
#> integer_square_root(-1)
#> dead_branch(21)
#> exact_types(1, False, 2.0)
#> shown(1, 2.0, "s", [1.0])
#> callables(1, "s")
#> checked(2.345, 2)
#> checked(2.345, 0)
