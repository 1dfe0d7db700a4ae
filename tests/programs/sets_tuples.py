# Sets of tuples and dicts keyed by tuples: literals, add, in, remove, pop, set operators,
# comprehensions, iteration, d[a, b] as d[(a, b)], KeyError of a tuple key, and the boundary
# (sets and dicts of tuples in, changed, and out). Iteration runs in insertion order (the
# runtime's compact table), where CPython's set order follows the hashes: programs here sum,
# count, or print sets, which print converts to a Python set first.


def grid(n: int) -> int:
    s: set[tuple[int, int]] = set()
    for i in range(n):
        s.add((i % 3, i % 5))
    total = 0
    for a, b in s:
        total += a * 10 + b
    print(s)
    print((1, 2) in s, (7, 7) in s, (1, 2) not in s)
    return total + len(s)


def keyed(n: int) -> float:
    d: dict[tuple[int, str], float] = {}
    d[(1, "a")] = 2.5
    d[2, "b"] = 1.0
    d[(1, "a")] += 1.0
    for i in range(n):
        d[(i, "x" * (i % 3))] = i / 2
    total = 0.0
    for k, v in d.items():
        total += k[0] * v + len(k[1])
    del d[2, "b"]
    return total + len(d) + d.get((1, "a"), -1.0) + d.get((9, "q"), -1.0)


def missing(k: int) -> float:
    d = {(1, 2.5): 1.0, (2, 0.5): 2.0}
    return d[(k, 2.5)]


def remove(k: int) -> int:
    s = {(k, "a"), (2, "b")}
    s.remove((1, "a"))
    return len(s)


def ops(n: int) -> int:
    a = {(i, i * i) for i in range(n)}
    b = {(i, i * i) for i in range(2, n + 2)}
    print(a | b == b | a, a & b, len(a - b), len(a ^ b), a <= (a | b))
    a |= {(100, 0)}
    one = {(7, "seven")}
    x, word = one.pop()
    return len(a) * 100 + x + len(word) + len(one)


def floats(z: float) -> int:
    s = {(0.0, 1), (z, 1), (1.5, 2)}  # -0.0 == 0.0: one element
    s.add((float("nan"), 3))
    s.add((float("nan"), 3))  # NaN equals nothing: a new element each time, as for new float objects in CPython
    return len(s)


def nested(n: int) -> int:
    seen: set[tuple[tuple[int, int], bool, complex]] = set()
    for i in range(n):
        seen.add(((i % 2, i % 3), i % 2 == 0, complex(i % 2, 1)))
    return len(seen)


def by_position(words: list[str]) -> dict[tuple[str, int], int]:
    counts: dict[tuple[str, int], int] = {}
    for i, w in enumerate(words):
        key = (w, i % 2)
        counts[key] = counts.get(key, 0) + 1
    return counts


def grow(s: set[tuple[int, str]], n: int) -> set[tuple[int, str]]:
    for i in range(n):
        s.add((i, str(i)))
    s.discard((0, "zero"))
    return {(k * 2, w) for k, w in s}


def shift(d: dict[tuple[int, int], str], dx: int) -> int:
    d[(dx, dx)] = "new"
    del d[(0, 0)]
    return len(d)


def mixed_key(k: tuple[bool, str, float, complex]) -> int:
    d = {(True, "a", 1.5, 2j): 3}
    return d[k]


def nested_remove(x: int) -> int:
    s = {(x, (x > 0, "p"))}
    s.remove((1, (False, "q")))
    return len(s)


def seeded(s: set[tuple[int, str]]) -> int:
    return len(s)

#> grid(20)
#> grid(0)
#> keyed(6)
#> missing(1)
#> missing(3)
#> remove(1)
#> remove(5)
#> ops(5)
#> floats(-0.0)
#> floats(0.5)
#> nested(12)
#> by_position(["a", "b", "a", "a", "c", "b"])
#> grow({(0, "zero"), (5, "five")}, 3)
#> shift({(0, 0): "o", (1, 2): "p"}, 3)
#> mixed_key((False, "zz", -0.5, 1+1j))
#> mixed_key((True, "a", 1.5, 2j))
#> nested_remove(1)
#> seeded({(1, "a"), (2, "b")})
# Deviation: a set argument's elements are checked against the parameter's type at the call
# (CPython runs the function, which only counts them).
#> seeded({(1, "a"), (2, 3)}) !TypeError: an element of seeded() argument 's' must be tuple[int, str], not a tuple containing int
#> seeded({(1, "a"), (2,)}) !TypeError: an element of seeded() argument 's' must be tuple[int, str], not tuple of length 1
#> seeded([(1, "a")]) !TypeError: seeded() argument 's' must be set[tuple[int, str]], not list
