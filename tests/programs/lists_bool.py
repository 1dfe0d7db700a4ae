# Lists of bool: one byte an item (runtime/source.py), through every operation that moves items,
# nested in lists and tuples, and across the boundary (in, out, written back).


def sieve(n: int) -> list[int]:
    flags = [True] * (n + 1)
    flags[0] = False
    if n >= 1:
        flags[1] = False
    i = 2
    while i * i <= n:
        if flags[i]:
            for j in range(i * i, n + 1, i):
                flags[j] = False
        i += 1
    return [k for k in range(n + 1) if flags[k]]


def slices(xs: list[bool]) -> list[list[bool]]:
    return [xs[::2], xs[1::3], xs[::-1], xs[-2::-2], xs[1:-1], xs[5:2], xs[:]]


def assign_slices(xs: list[bool]) -> list[bool]:
    xs[1:3] = [True, True, True, False]
    xs[::2] = [not x for x in xs[::2]]
    del xs[::3]
    del xs[-1:]
    return xs


def assign_extended_self(xs: list[bool]) -> list[bool]:
    xs[::2] = xs[1::2] + xs[:1] if len(xs) % 2 == 1 else xs[1::2]
    return xs


def bad_extended(xs: list[bool]) -> None:
    xs[::2] = [True]


def sorting(xs: list[bool]) -> tuple[list[bool], list[bool], list[bool]]:
    a = sorted(xs)
    b = sorted(xs, reverse=True)
    xs.sort(key=negate)
    return a, b, xs


def negate(x: bool) -> bool:
    return not x


def keyed(xs: list[int]) -> list[bool]:
    flags = [x % 3 == 0 for x in xs]
    flags.sort(key=negate, reverse=True)
    return flags


def reversing(xs: list[bool]) -> list[bool]:
    xs.reverse()
    ys = [xs[len(xs) - 1 - i] for i in range(len(xs))]
    return xs + ys


def arithmetic(xs: list[bool], n: int) -> tuple[list[bool], list[bool], list[bool], list[bool]]:
    a = xs + [True] + xs
    b = xs * n
    c = [False, True] * n
    c += xs
    d = list(xs)
    d *= n
    return a, b, c, d


def comparisons(a: list[bool], b: list[bool]) -> list[bool]:
    return [a == b, a != b, a < b, a <= b, a > b, a >= b]


def searches(xs: list[bool], x: bool) -> tuple[bool, int, int, int]:
    return x in xs, xs.count(x), xs.index(x), xs.index(x, 2)


def missing(xs: list[bool]) -> int:
    return xs.index(True)


def methods(xs: list[bool]) -> list[bool]:
    xs.append(True)
    xs.insert(0, False)
    xs.insert(-1, True)
    last = xs.pop()
    first = xs.pop(0)
    xs.remove(True)
    xs.extend([last, first, last])
    return xs


def grow(n: int) -> tuple[int, int, bool, bool]:
    xs: list[bool] = []
    for i in range(n):
        xs.append(i % 7 == 3)
    total = 0
    for x in xs:
        if x:
            total += 1
    return len(xs), total, xs[-1], xs[n // 2]


def nested(n: int) -> list[list[bool]]:
    grid = [[(i + j) % 3 == 0 for j in range(n)] for i in range(n)]
    grid[1][1] = not grid[1][1]
    grid.append(grid[0][::-1])
    grid.sort()
    return grid


def nested_arg(grid: list[list[bool]]) -> int:
    count = 0
    for row in grid:
        row.reverse()
        for x in row:
            if x:
                count += 1
    grid[0].append(True)
    return count


def pairs(xs: list[bool]) -> list[tuple[bool, int]]:
    ps = [(x, i) for i, x in enumerate(xs)]
    ps.sort()
    return ps


def flip(xs: list[bool]) -> None:
    for i in range(len(xs)):
        xs[i] = not xs[i]


def clear_some(xs: list[bool]) -> list[bool]:
    ys = xs
    xs.clear()
    xs.append(False)
    return ys


def index_error(xs: list[bool], i: int) -> bool:
    return xs[i]


def truthy(xs: list[bool]) -> tuple[bool, bool, int]:
    return any(xs), all(xs), len(xs)


def in_dict(d: dict[str, list[bool]]) -> list[bool]:
    d["a"].append(False)
    d["b"] = d["a"][::-1]
    return d["a"] + d["b"]


#> sieve(100)
#> sieve(1)
#> sieve(1000)
#> slices([True, False, False, True, True, False, True, False, True])
#> slices([])
#> assign_slices([True, False, True, False, True, False, True, False])
#> assign_extended_self([True, False, False, True, True])
#> assign_extended_self([True, False, False, True])
#> bad_extended([True, False, True, False, True])
#> sorting([True, False, True, True, False, False, True])
#> sorting([])
#> keyed(list(range(20)))
#> reversing([True, True, False, True, False])
#> arithmetic([True, False, False], 3)
#> arithmetic([True], 0)
#> arithmetic([], 5)
#> comparisons([True, False], [True, False])
#> comparisons([True, False], [True, True])
#> comparisons([True, False, True], [True, False])
#> comparisons([], [False])
#> searches([False, True, False, False, True], False)
#> searches([False, True, False, False, True], True)
#> missing([False, False])
#> searches([True, True], False)
#> methods([True, False, False, True])
#> grow(0)
#> grow(1000)
#> grow(5)
#> nested(5)
#> nested_arg([[True, False, True], [], [False, False, True, True]])
#> pairs([True, False, True, False, False])
#> flip([True, False, True, True, False, False, False, True, True, True])
#> flip([])
#> clear_some([True, True, False])
#> index_error([True, False], -2)
#> index_error([True, False], 2)
#> truthy([True, False])
#> truthy([True, True, True])
#> truthy([])
#> flip([i % 3 == 0 for i in range(300)])
#> reversing([i % 5 == 1 for i in range(301)])
#> in_dict({"a": [True, True, False]})
