from typing import Callable


# A tuple parameter holding lists, dicts and sets: each is copied in and written back, as a list
# parameter is, so the caller sees what the function changed (the directives' arguments are compared
# after the call too).
def weighted(i_u: tuple[int, list[float]]) -> float:
    i, u = i_u
    total = 0.0
    for j, u_j in enumerate(u):
        total += (i + j) * u_j
    return total


def grow(p: tuple[int, list[float]]) -> int:
    k, xs = p
    xs.append(k * 1.5)
    xs[0] = -xs[0]
    return len(xs)


def shrink(p: tuple[str, list[int]]) -> str:
    name, xs = p
    xs.pop()
    xs.sort()
    return name * len(xs)


def deep(p: tuple[int, tuple[list[list[int]], str]]) -> str:
    k, (rows, s) = p
    rows[0].append(k)
    rows.append([k, k])
    return s + str(len(rows))


def count(p: tuple[str, dict[str, int]]) -> int:
    word, seen = p
    seen[word] = seen.get(word, 0) + 1
    return len(seen)


def mark(p: tuple[int, set[int], list[str]]) -> bool:
    k, done, log = p
    fresh = k not in done
    done.add(k)
    log.append(f"{k}:{fresh}")
    return fresh


def rows_of(p: tuple[int, tuple[list[int], ...]]) -> int:
    k, rows = p
    rows[0].append(k)
    return len(rows)


def pairs_in(p: tuple[int, list[tuple[int, list[int]]]]) -> int:
    k, rows = p
    rows[0][1].append(k)
    rows.append((k, [k]))
    return len(rows)


def groups(p: tuple[int, dict[str, list[int]]]) -> int:
    k, d = p
    d["a"].append(k)
    d["b"] = [k]
    return len(d)


def both(p: tuple[list[int], list[int]]) -> int:
    a, b = p
    a.append(1)
    return len(b)


def item(p: tuple[int, list[int]]) -> int:
    i, xs = p
    return xs[i]


def pair(n: int) -> tuple[int, list[float]]:
    return n, [0.5] * n


def same(p: tuple[int, list[str]]) -> tuple[int, list[str]]:
    return p


# Compiled callers: the tuple is made in compiled code, the list in it is the caller's.
def apply(func: Callable[[tuple[int, list[float]]], float], u: list[float]) -> list[float]:
    return [func((i, u)) for i in range(len(u))]


def through(n: int) -> float:
    xs = [1.0, 2.0]
    t = (n, xs)
    size = grow(t)
    return size + xs[0] + xs[-1] + weighted(t) + sum(apply(weighted, xs))


#> weighted((2, [1.0, 0.5, 0.25]))
#> weighted((0, []))
#> grow((3, [1.0, 2.0]))
#> grow((0, [4.0]))
#> shrink(("ab", [3, 1, 2]))
#> shrink(("x", []))
#> deep((7, ([[1], [2]], "rows")))
#> count(("a", {"a": 1, "b": 2}))
#> count(("c", {}))
#> mark((3, {1, 2}, ["start"]))
#> mark((1, {1, 2}, []))
#> rows_of((5, ([1], [2])))
#> pairs_in((5, [(1, [1])]))
#> groups((5, {"a": [1]}))
#> groups((5, {"b": [1]}))
#> item((1, [10, 20]))
#> item((5, [10, 20]))
#> pair(3)
#> pair(0)
#> same((1, ["a", "b"]))
#> apply(weighted, [1.0, 2.0, 3.0])
#> through(4)
# Deviations: the boundary checks the items of a tuple's list (dict, set), as those of a list parameter,
# and names the path; CPython takes any value and fails later, if at all (tests/test_tuple_parameters.py
# has the other messages).
#> item((0, [1.5, 2])) !TypeError: item() argument 'p[1]' must be list[int], not list containing float at index 0
#> item((0, (1, 2))) !TypeError: item() argument 'p[1]' must be list[int], not tuple
#> deep((7, ([[1], [2, "x"]], "rows"))) !TypeError: deep() argument 'p[1][0]' must be list[list[int]], not list containing str at p[1][0][1][1]
#> count(("a", {"b": "b"})) !TypeError: a value of count() argument 'p[1]' must be int, not str
#> mark((3, {"a"}, [])) !TypeError: an element of mark() argument 'p[1]' must be int, not str
#> both(([0], [0]))
# Deviation: one list passed twice in a call is two copies inside it (as for two list parameters): a
# change made through one is not seen through the other until the call returns, when both are written back.
#> (lambda xs: (both((xs, xs)), xs))([0]) => (1, [0, 1])
# Deviation: a function value must have the Callable's exact type, and a Python function is called back
# only where the Callable takes and returns numbers (CPython calls whatever it is given).
#> apply(grow, [1.0]) !TypeError: apply() argument 'func' must be Callable[[tuple[int, list[float]]], float], not grow(
#> apply(lambda t: 1.0, [1.0]) !TypeError: apply() argument 'func' must be a function compiled by jitcell
