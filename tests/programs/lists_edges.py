# Lists: edge cases of Python's semantics (mutation while iterating, failing keys, identity-free
# comparisons, nested item assignment, conditional values, messages of ValueError).


def pop_while_iterating(n: int) -> tuple[list[int], int]:
    xs = list(range(n))
    seen = 0
    for x in xs:
        seen += 1
        if xs:
            xs.pop()
    return xs, seen


def drain(xs: list[str]) -> str:
    out = ""
    while xs:
        out = out + xs.pop(0)
    return out


def inv(x: int) -> float:
    return 1 / x


def key_fails(xs: list[int]) -> list[int]:
    xs.sort(key=inv)
    return xs


def stable(ws: list[str]) -> list[str]:
    return sorted(ws, key=first_len)


def first_len(w: str) -> int:
    return len(w) // 2


def where(xs: list[str], s: str) -> int:
    return xs.index(s)


def where_pair(xs: list[tuple[int, int]], a: int) -> int:
    return xs.index((a, a))


def zeros(a: list[list[float]], b: list[list[float]]) -> tuple[bool, bool]:
    return a == b, a < b


def grid_set(n: int) -> list[list[int]]:
    g = [[0] * n, [0] * n]
    g[1][n - 1] = 5
    g[0][0] += 7
    g[-1][-2] -= 1
    return g


def pick(c: bool, a: list[int], b: list[int]) -> list[int]:
    return a if c else b


def either(a: list[int], b: list[int]) -> list[int]:
    return a or b


def bool_index(xs: list[str], t: bool) -> str:
    return xs[t]


def nan_text(x: float) -> str:
    return f"{[x, -x, x * 0]}"


def contains_pair(xs: list[tuple[int, str]], k: int, v: str) -> bool:
    return (k, v) in xs


def ordered(a: list[str], b: list[str]) -> list[bool]:
    return [a < b, a <= b, a > b, a >= b, a == b, a != b]


#> pop_while_iterating(6)
#> pop_while_iterating(0)
#> drain(["a", "b", "c"])
#> key_fails([3, 1, 2])
#> key_fails([3, 0, 2])
#> stable(["bb", "a", "ccc", "d", "ee", "fff"])
#> where(["a", "b"], "b")
#> where(["a", "b"], "c")
#> where_pair([(1, 1), (2, 2)], 2)
#> where_pair([(1, 1), (2, 2)], 3)
#> zeros([[0.0, -0.0]], [[-0.0, 0.0]])
#> zeros([[1.0]], [[1.0, 0.0]])
#> grid_set(3)
#> pick(True, [1], [2])
#> pick(False, [1], [2])
#> either([], [2])
#> either([1], [2])
#> bool_index(["a", "b"], True)
#> nan_text(float("inf"))
#> nan_text(1.5)
#> contains_pair([(1, "a"), (2, "b")], 2, "b")
#> contains_pair([(1, "a"), (2, "b")], 2, "a")
#> ordered(["a", "b"], ["a", "c"])
#> ordered(["b"], ["a", "c"])
#> ordered([], [])
