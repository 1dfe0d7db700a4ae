# List methods, sort and sorted (key=, reverse=), comparisons, inference of element types from use.


def methods(xs: list[int]) -> tuple[int, int, int, list[int]]:
    xs.extend([5, 5, 6])
    xs.insert(1, 42)
    xs.insert(-100, -1)
    xs.insert(100, 100)
    xs.remove(5)
    n = xs.count(5)
    i = xs.index(6)
    c = xs.copy()
    c.reverse()
    xs.clear()
    return n, i, len(xs), c


def remove_missing(xs: list[str], s: str) -> list[str]:
    xs.remove(s)
    return xs


def index_of(xs: list[int], x: int, start: int) -> int:
    return xs.index(x, start)


def index_between(xs: list[float], x: float, start: int, stop: int) -> int:
    return xs.index(x, start, stop)


def neg(p: list[int]) -> int:
    return -p[0]


def by_len(s: str) -> int:
    return len(s)


def sorts(xs: list[int]) -> tuple[list[int], list[int], list[int]]:
    a = sorted(xs)
    b = sorted(xs, reverse=True)
    xs.sort()
    return a, b, xs


def sort_pairs(ps: list[list[int]]) -> list[list[int]]:
    ps.sort(key=neg)
    return ps


def sort_words(ws: list[str], rev: bool) -> list[str]:
    return sorted(ws, key=by_len, reverse=rev)


def sort_floats(xs: list[float]) -> list[float]:
    xs.sort(reverse=True)
    return xs


def sort_nested(xs: list[list[int]]) -> list[list[int]]:
    return sorted(xs)


def compare(a: list[int], b: list[int]) -> tuple[bool, bool, bool, bool, bool, bool]:
    return a == b, a != b, a < b, a <= b, a > b, a >= b


def compare_nested(a: list[tuple[int, str]], b: list[tuple[int, str]]) -> tuple[bool, bool, bool]:
    return a == b, a < b, a >= b


def compare_floats(a: list[float], b: list[float]) -> tuple[bool, bool, bool]:
    return a == b, a < b, a <= b


def inferred(n: int) -> list[tuple[int, float]]:
    result = []
    for i in range(n):
        result.append((i, i * 0.5))
    return result


def inferred_nested(n: int) -> list[list[str]]:
    rows = []
    for i in range(n):
        row = []
        for j in range(i):
            row.append(str(j))
        rows.append(row)
    return rows


def extended(n: int) -> list[int]:
    xs = []
    xs += [n, n + 1]
    ys = xs
    ys += [0]
    return xs


def from_list(xs: list[int]) -> list[int]:
    ys = list(xs)
    ys.append(0)
    zs: list[int] = list()
    zs.append(len(ys))
    return ys + zs


#> methods([1, 5, 2, 6])
#> remove_missing(["a", "b"], "b")
#> remove_missing(["a", "b"], "c")
#> index_of([1, 2, 1, 2], 2, 2)
#> index_of([1, 2, 1, 2], 3, 0)
#> index_of([1, 2, 1, 2], 1, -2)
#> index_between([1.0, 2.0, 1.0], 1.0, 1, 2)
#> index_between([1.0, 2.0, 1.0], 2.0, -2, -1)
#> sorts([3, 1, 2, 1])
#> sorts([])
#> sort_pairs([[1, 5], [3, 1], [2, 7], [3, 0]])
#> sort_words(["ccc", "a", "bb", "d", "ee"], False)
#> sort_words(["ccc", "a", "bb", "d", "ee"], True)
#> sort_floats([1.5, -0.0, 0.0, 2.5, -3.0])
#> sort_nested([[1, 2], [1], [0, 5], []])
#> compare([1, 2], [1, 2])
#> compare([1, 2], [1, 3])
#> compare([1, 2], [1])
#> compare([], [0])
#> compare_nested([(1, "a")], [(1, "b")])
#> compare_nested([(1, "a")], [(1, "a"), (0, "")])
#> compare_floats([1.0, float("nan")], [1.0, float("nan")])
#> compare_floats([1.0, 2.0], [1.0, float("nan")])
#> inferred(3)
#> inferred_nested(4)
#> extended(1)
#> from_list([3, 4])
