# Dicts whose values are NumPy arrays, tuples, complex numbers, dicts, sets and instances: literals,
# d[k] = v, d[k], get with a default, setdefault, pop, in, len, del, ==, print, items()/values()
# loops, comprehensions; passed in (the caller's arrays shared, the dict written back) and returned.
import numpy as np


def columns(n: int) -> dict[str, float[:]]:
    d: dict[str, float[:]] = {"zeros": np.zeros(n), "ones": np.ones(n)}
    d["range"] = np.arange(n) * 0.5
    d["zeros"][0] = -1.0
    return d


def grids(n: int) -> dict[int, int[:, :]]:
    d: dict[int, int[:, :]] = {}
    for k in range(3):
        d[k] = np.zeros((n, 2), dtype=np.int64) + k
    del d[1]
    return d


def total(d: dict[str, float[:]]) -> float:
    t = 0.0
    for k, v in d.items():
        t += v.sum() * len(k)
    return t


def scale(d: dict[str, float[:]], f: float) -> int:
    for v in d.values():
        v *= f
    d["new"] = np.full(2, f)
    return len(d)


def lookup(d: dict[str, float[:]], k: str) -> float:
    return d[k][0] + d.get("missing", np.ones(1))[0] + float("x" in d)


def split(a: float[:]) -> dict[str, float[:]]:
    return {"head": a[:2], "tail": a[2:], "all": a, "copy": a.copy()}


def squares(n: int) -> dict[int, float[:]]:
    return {k: np.arange(k) ** 2.0 for k in range(n)}


def pairs(n: int) -> dict[int, tuple[int, float]]:
    d: dict[int, tuple[int, float]] = {}
    for i in range(n):
        d[i % 3] = (i, i / 4)
    return d


def named(d: dict[str, tuple[str, int]]) -> str:
    out = ""
    for k, (name, n) in d.items():
        out += f"{k}:{name}*{n};"
    first, count = d.get("a", ("none", -1))
    return out + first + str(count)


def ranked(words: list[str]) -> dict[str, tuple[int, ...]]:
    d: dict[str, tuple[int, ...]] = {}
    for i, w in enumerate(words):
        d[w] = d.get(w, ()) + (i,)
        d[w] += (-i,)
    return d


def complexes(n: int) -> dict[int, complex]:
    d = {k: complex(k, -k) for k in range(n)}
    d[n] = d.get(0, 1j) * 2
    d[n] += 0.5
    return d


def nested(words: list[str]) -> dict[str, dict[str, int]]:
    d: dict[str, dict[str, int]] = {}
    for w in words:
        first = w[:1]
        if first not in d:
            d[first] = {}
        d[first][w] = d[first].get(w, 0) + 1
    return d


def groups(xs: list[int]) -> dict[int, set[int]]:
    d: dict[int, set[int]] = {}
    for x in xs:
        if x % 3 not in d:
            d[x % 3] = set()
        d[x % 3].add(x)
    return d


def grow_sets(d: dict[int, set[int]], k: int) -> int:
    if k in d:
        d[k].add(-k)
    else:
        d[k] = {k}
    del_key = k + 1
    if del_key in d:
        del d[del_key]
    return sum(len(s) for s in d.values())


def deep(d: dict[str, dict[str, list[int]]]) -> int:
    d["x"]["y"].append(len(d))
    d["z"] = {"w": [1, 2]}
    return len(d["x"]["y"])


def missing(d: dict[str, float[:]], k: str) -> float:
    return d[k][0]


def defaults(words: list[str]) -> dict[str, list[int]]:
    d: dict[str, list[int]] = {}
    for i, w in enumerate(words):
        d.setdefault(w, []).append(i)
    return d


def buckets(n: int) -> dict[int, float[:]]:
    d: dict[int, float[:]] = {}
    for i in range(n):
        a = d.setdefault(i % 2, np.zeros(3))
        a[i % 3] += i
    return d


def popped(d: dict[str, tuple[int, str]], k: str) -> tuple[int, str]:
    first = d.pop(k, (-1, "none"))
    second = d.pop(k, (-2, "gone"))
    return first[0] + second[0], first[1] + second[1]


def pop_all(d: dict[int, float[:]]) -> float:
    t = 0.0
    for k in list(d.keys()):
        t += d.pop(k).sum()
    return t + len(d)


def pop_missing(d: dict[int, set[int]], k: int) -> int:
    return len(d.pop(k))


def scalars(d: dict[str, int], k: str) -> int:
    a = d.setdefault(k, 5)
    b = d.pop("x", 100)
    return a * 1000 + b + len(d)


def shown(n: int) -> str:
    d = {"a": 1, "b": n}
    t: dict[int, tuple[int, str]] = {1: (2, "a"), n: (n, "é")}
    c = {1: 1j, 2: complex(0, -0.0)}
    s: dict[str, dict[str, list[float]]] = {"x": {"y": [1.5, -0.0]}}
    g: dict[int, set[int]] = {0: set(), 1: {3}}
    v: dict[str, tuple[int, ...]] = {"p": (), "q": (1,), "r": (1, 2)}
    print(d, t, c)
    e: dict[int, dict[str, int]] = {n: {}}
    print(s, g, v, e, sep="|")
    return str(t) + repr(c) + f"{s}{g!r:>40}"


def equal(n: int) -> str:
    a: dict[int, tuple[int, str]] = {1: (2, "a")}
    b: dict[int, tuple[int, str]] = {1: (2, "a")}
    c: dict[int, list[int]] = {1: [2]}
    s: dict[str, set[int]] = {"x": {1, 2}}
    f = {"a": 1.5, "b": float("nan")}
    h: dict[str, dict[str, complex]] = {"q": {"r": 1j}}
    out = str(a == b) + str(a != b) + str(c == {1: [2]}) + str(c == {1: [2, n]}) + str(c != {})
    out += str(s == {"x": {2, 1}}) + str(s == {"x": {1}}) + str(f == {"a": 1.5, "b": float("nan")})
    out += str(h == {"q": {"r": 1j}}) + str(h == {"q": {"r": 2j}}) + str(a == b == a) + str({n: 0.0} == {n: -0.0})
    b[2] = (0, "")
    return out + str(a == b) + str({1: 1} == {2: 1})


def shown_arrays(a: float[:], m: int[:, :]) -> str:
    d: dict[str, float[:]] = {"x": np.zeros(2), "p": a, "s": a[1:]}
    e: dict[int, list[int[:, :]]] = {1: [m, m[:1]]}
    t: dict[str, tuple[int, float[:]]] = {"q": (1, a)}
    u: dict[int, np.uint8[:]] = {7: np.zeros(3, dtype=np.uint8)}
    print(d, e)
    print(t, u, sep="\n")
    return str(d) + repr(e) + f"{t}"


class Point:
    def __init__(self, x: int):
        self.x = x


def instances(n: int) -> int:
    d: dict[str, Point] = {}
    for i in range(n):
        d[str(i)] = Point(i)
    t = 0
    for k, p in d.items():
        t += p.x * len(k)
    q = d.pop("0", Point(-1))
    return t + q.x + d.setdefault("z", Point(100)).x + len(d)


def in_place(d: dict[str, set[int]], e: dict[int, list[int]], f: dict[str, int[:]], k: str) -> int:
    s = d[k]
    row = e[0]
    d[k] |= {7}
    d[k] -= {1}
    d[k] ^= {9, 2}
    e[0] += [len(s)]
    e[0] *= 2
    f[k] += np.ones(2, dtype=np.int64)
    f[k] *= 3
    return len(s) + len(row)


def compared_items(n: int) -> str:
    a = [{1: 2}, {3: n}]
    b = [{1: 2}, {3: 4}]
    s = [{1, 2}, {n}]
    return str(a == b) + str({3: 4} in a) + str(s == [{2, 1}, {4}]) + str(s.index({n})) + str(a.count({1: 2}))


#> columns(0)
#> columns(3)
#> grids(2)
#> total({"a": np.arange(3.0), "bb": np.ones(2)})
#> total({})
#> scale({"a": np.arange(3.0), "b": np.ones(2)}, 2.0)
#> lookup({"a": np.array([4.0]), "x": np.zeros(1)}, "a")
#> lookup({"a": np.array([4.0]), "x": np.zeros(1)}, "b")
#> split(np.arange(5.0))
#> squares(4)
#> pairs(0)
#> pairs(7)
#> named({"a": ("ann", 2), "b": ("bob", 3)})
#> named({})
#> ranked(["a", "b", "a", "c", "a"])
#> complexes(3)
#> nested(["apple", "avocado", "apple", "banana"])
#> groups([1, 2, 3, 4, 5, 6, 7])
#> grow_sets({1: {1, 2}, 2: {3}}, 1)
#> grow_sets({1: {1, 2}, 2: {3}}, 5)
#> deep({"x": {"y": [1]}})
#> missing({"a": np.ones(2)}, "b")
#> defaults(["a", "b", "a", "c", "a"])
#> buckets(5)
#> popped({"a": (1, "x"), "b": (2, "y")}, "a")
#> popped({}, "a")
#> pop_all({1: np.ones(2), 2: np.arange(4.0)})
#> pop_missing({1: {1}}, 1)
#> pop_missing({1: {1}}, 2)
#> scalars({"x": 7}, "k")
#> scalars({"k": 1}, "k")
#> shown(2)
#> equal(0)
#> equal(2)
#> shown_arrays(np.arange(3.0), np.arange(4).reshape(2, 2))
#> instances(0)
#> instances(12)
#> in_place({"a": {1, 2}}, {0: [3]}, {"a": np.zeros(2, dtype=np.int64)}, "a")
#> in_place({"a": {1, 2}}, {0: [3]}, {"b": np.zeros(2, dtype=np.int64)}, "a")
#> in_place({"b": {1, 2}}, {0: [3]}, {"a": np.zeros(2, dtype=np.int64)}, "a")
#> compared_items(4)
#> compared_items(5)
