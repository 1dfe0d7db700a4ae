# List, set and dict comprehensions (several for and if clauses, over every iterable a for loop
# takes), their own scope, and generator expressions consumed by sum min max any all sorted list set.


def squares(n: int) -> list[int]:
    return [i * i for i in range(n) if i % 2 == 0]


def pairs(n: int, xs: list[float]) -> list[tuple[int, float]]:
    return [(i, x) for i in range(n) if i != 1 for x in xs if x > i]


def scope(xs: list[float]) -> tuple[str, list[float], int]:
    x = "outer"
    i = 7
    ys = [x * 2 for x in xs for i in range(1)]
    return x, ys, i


def letters(s: str) -> list[str]:
    return [c.upper() for c in s if c != " "]


def table(n: int) -> list[list[int]]:
    return [[i * j for j in range(1, n + 1)] for i in range(1, n + 1)]


def flatten(rows: list[list[int]]) -> list[int]:
    return [x for row in rows for x in row]


def transpose(rows: list[list[int]]) -> list[list[int]]:
    return [[row[i] for row in rows] for i in range(len(rows[0]))]


def shadowed(rows: list[list[int]]) -> list[list[int]]:
    return [[x + 1 for x in x] for x in rows]


def iterables(d: dict[str, int], s: set[int], xs: list[int]) -> tuple[list[str], list[int], list[tuple[int, int]], list[int], list[int]]:
    keys = [k for k, v in d.items() if v > 1]
    members = sorted([e * 10 for e in s])
    numbered = [(i, x) for i, x in enumerate(xs, 1)]
    zipped = [a * b for a, b in zip(xs, xs[::-1])]
    stepped = [i for i in range(10, 0, -3)]
    return keys, members, numbered, zipped, stepped


def over_tuple(a: int, b: int) -> list[int]:
    return [x * 2 for x in (a, b, a + b)]


def dict_comp(words: list[str]) -> dict[str, int]:
    return {w: len(w) for w in words if w}


def invert(d: dict[str, int]) -> dict[int, str]:
    return {v: k for k, v in d.items()}


def set_comp(xs: list[int]) -> set[int]:
    return {x % 4 for x in xs}


def reductions(xs: list[int]) -> tuple[int, int, int, bool, bool, list[int], list[int], int]:
    total = sum(x * x for x in xs)
    low = min(x - 3 for x in xs)
    high = max(abs(x - 3) for x in xs)
    some = any(x > 3 for x in xs)
    every = all(x > 0 for x in xs)
    ordered = sorted((-x for x in xs), reverse=True)
    copied = list(x for x in xs if x % 2)
    distinct = len(set(x % 3 for x in xs))
    return total, low, high, some, every, ordered, copied, distinct


def floats(n: int) -> float:
    return sum(1 / (k * k) for k in range(1, n + 1))


def failing(xs: list[int], i: int) -> list[int]:
    return [xs[i + k] for k in range(3)]


def strings_fail(words: list[str]) -> list[str]:
    return [w + "!" for w in words if int(w) > 0]


def empty_max(xs: list[int]) -> int:
    return max(x for x in xs if x > 100)


def in_loop(n: int) -> int:
    total = 0
    for k in range(n):
        row = [str(j) for j in range(k)]
        total += len(row)
    return total


def mixed(xs: list[int]) -> list[float]:
    return [x / 2 if x % 2 else float(x) for x in xs]


#> squares(0)
#> squares(9)
#> pairs(3, [0.5, 1.5, 2.5])
#> scope([1.5, -2.0])
#> letters("a b c")
#> table(3)
#> flatten([[1, 2], [], [3]])
#> transpose([[1, 2, 3], [4, 5, 6]])
#> shadowed([[1, 2], [3]])
#> iterables({"a": 1, "b": 2, "c": 3}, {3, 1, 2}, [4, 5, 6])
#> over_tuple(2, 5)
#> dict_comp(["ab", "", "cde", "ab"])
#> invert({"a": 1, "b": 2, "c": 1})
#> set_comp([1, 5, 9, 2, 6])
#> reductions([1, 2, 3, 4, 5])
#> reductions([7])
#> floats(10)
#> failing([1, 2, 3, 4], 0)
#> failing([1, 2, 3, 4], 2)
#> strings_fail(["1", "2", "x"])
#> strings_fail(["1", "-2"])
#> empty_max([1, 2])
#> empty_max([1, 200, 300])
#> in_loop(20)
#> mixed([1, 2, 3])


def branch(c: bool, ys: list[int]) -> list[int]:
    return ys if c else [y * 3 for y in ys]


def short_circuit(c: bool, ys: list[int]) -> bool:
    return c and any(y > 2 for y in ys)


def loop_over(ys: list[int]) -> int:
    total = 0
    for x in [y + 1 for y in ys]:
        total += x
    return total


def in_range_loop(n: int, xs: list[float]) -> float:
    total = 0.0
    for i in range(n):
        total += sum([x * i for x in xs])
    return total


def while_test(xs: list[int]) -> int:
    k = 0
    while len([x for x in xs if x > k]) > 1:
        k += 1
    return k


def guarded(words: list[str]) -> list[int]:
    try:
        return [int(w) for w in words]
    except ValueError as e:
        print("bad:", str(e))
        return []


def chars(words: list[str]) -> list[list[str]]:
    return [[c for c in w] for w in words]


def outer_after(xs: list[int]) -> int:
    x = 10
    ys = [x for x in xs]
    return x + len(ys)


#> branch(True, [1, 2])
#> branch(False, [1, 2])
#> short_circuit(False, [5])
#> short_circuit(True, [1, 5])
#> loop_over([1, 2, 3])
#> in_range_loop(4, [0.5, 1.5])
#> while_test([1, 5, 3, 8])
#> guarded(["1", "22"])
#> guarded(["1", "x2"])
#> chars(["ab", "", "c"])
#> outer_after([4, 5])


def rebound(words: list[str]) -> list[str]:
    return [x for x in words for x in x]


def lengths_then(words: list[str]) -> list[int]:
    return [w for w in words if w for w in range(len(w))]


#> rebound(["ab", "c"])
#> lengths_then(["ab", "", "xyz"])


def noisy(x: int) -> bool:
    print("test", x)
    return x > 1


def stops(xs: list[int]) -> tuple[bool, bool]:
    return any(noisy(x) for x in xs), all(not noisy(x) for x in xs)


def stops_nested(rows: list[list[int]]) -> bool:
    return any(noisy(x) for row in rows if row for x in row)


def stops_before_error(xs: list[int]) -> bool:
    return any(10 // x > 3 for x in xs)


#> stops([0, 1, 2, 3, 4])
#> stops([])
#> stops_nested([[0], [], [1, 5, 7], [9]])
#> stops_nested([[0], [1]])
#> stops_before_error([1, 0])
#> stops_before_error([5, 0])


def empty_rows(n: int) -> list[list[int]]:
    rows: list[list[int]] = [[] for _ in range(n)]
    rows[0].append(n)
    return rows


def empty_sets(n: int) -> int:
    groups: list[set[str]] = [set() for _ in range(n)]
    groups[0].add("a")
    groups[0].add("a")
    return sum(len(g) for g in groups)


#> empty_rows(3)
#> empty_sets(2)
