# List and tuple slicing: xs[a:b:c] copies (negative, omitted and out-of-range bounds), slice
# assignment of any length (and CPython's ValueError for an extended slice of another size), del xs[a:b:c].


def cut(xs: list[int], a: int, b: int) -> list[int]:
    return xs[a:b]


def stepped(xs: list[int], a: int, b: int, c: int) -> list[int]:
    return xs[a:b:c]


def omitted(xs: list[float]) -> tuple[list[float], list[float], list[float], list[float], list[float]]:
    return xs[:], xs[2:], xs[:-2], xs[::-1], xs[::2]


def is_copy(xs: list[int]) -> tuple[list[int], list[int]]:
    ys = xs[:]
    ys.append(99)
    return xs, ys


def nested(rows: list[list[str]]) -> list[list[str]]:
    tail = rows[1:]
    tail[0].append("shared")  # the copy is shallow, as in Python
    return rows


def assign(xs: list[int], a: int, b: int, ys: list[int]) -> list[int]:
    xs[a:b] = ys
    return xs


def assign_step(xs: list[int], a: int, b: int, c: int, ys: list[int]) -> list[int]:
    xs[a:b:c] = ys
    return xs


def assign_self(xs: list[str]) -> list[str]:
    xs[1:] = xs
    xs[::-1] = xs
    return xs


def assign_empty(xs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    xs[1:3] = []
    xs[:0] = [(0, "zero")]
    return xs


def delete(xs: list[str], a: int, b: int, c: int) -> list[str]:
    del xs[a:b:c]
    return xs


def delete_all(xs: list[list[int]]) -> int:
    del xs[:]
    return len(xs)


def flip(perm: list[int], k: int) -> list[int]:
    perm[:k + 1] = perm[k::-1]
    return perm


def zero_step(xs: list[int], c: int) -> list[int]:
    return xs[::c]


def tuple_parts(a: int, x: float) -> tuple[tuple[float, str, bool], tuple[int, str], tuple[bool, str, float, int]]:
    t = (a, x, "x", a > 0)
    rest = t[1:]
    return rest, t[:-1:2], t[::-1]


def tuple_all(a: int, s: str) -> tuple[int, str]:
    t = (a, s)
    return t[:]


#> cut([1, 2, 3, 4, 5], 1, 3)
#> cut([1, 2, 3, 4, 5], -3, -1)
#> cut([1, 2, 3, 4, 5], -100, 100)
#> cut([1, 2, 3, 4, 5], 4, 2)
#> cut([], 0, 1)
#> stepped([1, 2, 3, 4, 5, 6, 7], 0, 7, 3)
#> stepped([1, 2, 3, 4, 5, 6, 7], 6, 0, -2)
#> stepped([1, 2, 3, 4, 5, 6, 7], -1, -8, -1)
#> stepped([1, 2, 3, 4, 5, 6, 7], 100, -100, -3)
#> stepped([1, 2, 3], 0, 3, -9223372036854775807)
#> omitted([1.0, 2.5, -0.0, 4.0, 5.5])
#> omitted([])
#> is_copy([1, 2])
#> nested([["a"], ["b"], ["c"]])
#> assign([1, 2, 3, 4, 5], 1, 3, [9, 9, 9, 9])
#> assign([1, 2, 3, 4, 5], 1, 4, [])
#> assign([1, 2, 3, 4, 5], 4, 1, [7])
#> assign([1, 2, 3], -100, 100, [8])
#> assign([1, 2, 3], 10, 20, [4, 5])
#> assign_step([1, 2, 3, 4, 5, 6], 0, 6, 2, [0, 0, 0])
#> assign_step([1, 2, 3, 4, 5, 6], 5, 0, -2, [7, 8, 9])
#> assign_step([1, 2, 3, 4, 5, 6], 0, 6, 2, [0, 0])
#> assign_step([1, 2, 3, 4, 5, 6], 0, 6, 0, [0, 0])
#> assign_step([1, 2, 3], 0, 3, 1, [5])
#> assign_step([1, 2, 3], 5, 6, -1, [])
#> assign_self(["a", "b", "c"])
#> assign_empty([(1, "a"), (2, "b"), (3, "c"), (4, "d")])
#> delete(["a", "b", "c", "d", "e", "f"], 1, 3, 1)
#> delete(["a", "b", "c", "d", "e", "f"], 0, 6, 2)
#> delete(["a", "b", "c", "d", "e", "f"], -1, -7, -2)
#> delete(["a", "b", "c", "d", "e", "f"], 5, 0, -3)
#> delete(["a", "b", "c"], 3, 1, 1)
#> delete(["a", "b", "c"], 0, 3, 0)
#> delete_all([[1], [2, 3]])
#> flip([0, 1, 2, 3, 4, 5], 3)
#> flip([0, 1, 2], 2)
#> zero_step([1, 2], 0)
#> zero_step([1, 2], -1)
#> tuple_parts(1, 2.5)
#> tuple_parts(-1, 0.5)
#> tuple_all(3, "s")
