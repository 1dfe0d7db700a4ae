# Values that may be None: T | None / Optional[T] parameters, locals and results, is None narrowing.
from typing import Dict, List, Optional


def first(xs: List[int] | None = None) -> int:
    if xs is None:
        return -1
    return xs[0] + len(xs)


def half(n: Optional[int]) -> float:
    if n is not None and n > 2:
        return n / 2
    return 0.0


def find(xs: list[int], v: int) -> int | None:
    for i in range(len(xs)):
        if xs[i] == v:
            return i
    return None


def found_twice(xs: list[int], v: int) -> int:
    k = find(xs, v)
    total = 0
    if k is None:
        total = 100
    else:
        total = k
    j: int | None = None
    while j is None or j < 5:
        j = 0 if j is None else j + 2
    return total + j


def label(s: str | None) -> str:
    return "none" if s is None else s + "!"


def maybe(n: int) -> int | None:
    if n > 0:
        return n * 2


def checked(n: int) -> int:
    m = maybe(n)
    assert m is not None
    return m + 1


def best_residue(n: int) -> int:
    best: int | None = None
    for i in range(n):
        if best is None or i * i % 7 > best:
            best = i * i % 7
    return -1 if best is None else best


def count(words: list[str], seen: Dict[str, int] | None = None) -> int:
    if seen is None:
        seen = {}
    for w in words:
        seen[w] = seen.get(w, 0) + 1
    return len(seen)


def flag(b: bool | None) -> str:
    if b is None:
        return "unset"
    return "yes" if b else "no"


def ratio(x: float | None, y: float | None) -> float | None:
    if x is None or y is None:
        return None
    return x / y


def chain(n: int) -> int:
    steps = 0
    cur: int | None = n
    while cur is not None:
        steps += 1
        cur = None if cur <= 1 else cur // 2
    return steps


def not_not(x: int | None) -> int:
    if not (x is None):
        return x
    return 0


def pair(n: int) -> list[int] | None:
    if n < 0:
        return None
    return [n, n]


def last_kept(n: int) -> int:
    xs: list[int] | None = None
    for i in range(n):
        xs = pair(i)
        if i % 2 == 0:
            xs = None
    if xs is None:
        return -1
    xs.append(3)
    return len(xs)


def mark(d: dict[str, int] | None) -> dict[str, int] | None:
    if d is not None:
        d["x"] = 1
    return d


def doubled(t: str | None) -> str | None:
    return t if t is None else t + t


def show(x: int | None, y: str | None) -> None:
    if x is not None and y is not None:
        print(x, y)
    else:
        print("missing")


def singletons(a: bool, b: bool) -> int:
    return (a is True) + 2 * (b is not False) + 4 * (a is b)


#> first()
#> first([4, 5])
#> first(None)
#> half(None)
#> half(3)
#> half(1)
#> find([1, 3], 3)
#> find([1], 3)
#> found_twice([1, 2, 3], 3)
#> found_twice([5], 3)
#> label(None)
#> label("a")
#> maybe(3)
#> maybe(0)
#> checked(4)
#> checked(0)
#> best_residue(10)
#> best_residue(0)
#> count(["a", "b", "a"])
#> count(["a"], None)
#> flag(None)
#> flag(True)
#> flag(False)
#> ratio(1.0, 4.0)
#> ratio(None, 2.0)
#> ratio(1.0, 0.0)
#> chain(100)
#> chain(0)
#> not_not(7)
#> not_not(None)
#> pair(-1)
#> pair(2)
#> last_kept(0)
#> last_kept(4)
#> last_kept(5)
#> mark(None)
#> mark({"a": 2})
#> doubled(None)
#> doubled("ab")
#> show(1, "z")
#> show(None, "z")
#> singletons(True, False)
#> singletons(False, True)
#> singletons(True, True)
