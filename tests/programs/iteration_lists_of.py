# reversed() of lists, strs and tuples; list() and sorted() of every iterable: sets, strs, tuples,
# arrays, dicts and their views, zip(), enumerate(), reversed(), generators (issue 12).
import numpy as np
from typing import Iterator


def backwards(xs: list[int]) -> list[int]:
    out = []
    for x in reversed(xs):
        out.append(x)
    return out


def backwards_pairs(xs: list[tuple[str, float]]) -> str:
    out = ""
    for name, score in reversed(xs):
        out += f"{name}={score};"
    return out


def shrinking(xs: list[int]) -> int:
    t = 0
    for x in reversed(xs):
        t = t * 10 + x
        if len(xs) > 2:
            xs.pop()
            xs.pop()
    return t


def growing(xs: list[int]) -> int:
    t = 0
    for x in reversed(xs):
        t = t * 10 + x
        if len(xs) < 6:
            xs.append(9)
    return t


def mirror(s: str) -> str:
    out = ""
    for c in reversed(s):
        out += c + "."
    return out


def tuple_back(t: tuple[int, int, int]) -> int:
    k = 0
    for i, x in enumerate(reversed(t)):
        k = k * 10 + x * i
    return k


def reduced(xs: list[int], s: str) -> tuple[int, str, str, bool]:
    return sum(reversed(xs)), max(reversed(s), default="-"), min(reversed(s), default="-"), any(reversed(xs))


def zipped_back(xs: list[str], s: str) -> list[tuple[str, str]]:
    return list(zip(reversed(xs), reversed(s)))


def of_set(xs: set[int]) -> tuple[list[int], list[int], list[int]]:
    return list(xs), sorted(xs), sorted(xs, reverse=True)


def of_str_set(xs: set[str]) -> list[str]:
    return sorted(xs)


def of_str(s: str) -> tuple[list[str], list[str], list[str]]:
    return list(s), sorted(s), list(reversed(s))


def of_tuple(t: tuple[float, float, float]) -> tuple[list[float], list[float], list[float]]:
    return list(t), sorted(t), list(reversed(t))


def of_array(a: float[:]) -> tuple[list[float], list[float], list[float]]:
    return list(a), sorted(a), list(reversed(a))


def of_zip(xs: list[int], ys: list[str]) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    return list(zip(xs, ys)), sorted(zip(xs, ys), reverse=True)


def of_enumerate(ys: list[str]) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    return list(enumerate(ys)), list(enumerate(ys, 10))


def second(p: tuple[int, str]) -> str:
    return p[1]


def enumerate_sorted(ys: list[str]) -> list[tuple[int, str]]:
    return sorted(enumerate(ys), key=second)


def of_reversed(xs: list[str]) -> tuple[list[str], list[str]]:
    return list(reversed(xs)), sorted(reversed(xs))


def of_range(n: int) -> tuple[list[int], list[int]]:
    return list(reversed(range(n))), sorted(range(n), reverse=True)


def of_dict(d: dict[str, int]) -> tuple[list[str], list[str], list[int], list[tuple[str, int]]]:
    return list(d), sorted(d), sorted(d.values()), sorted(d.items())


def value_of(p: tuple[str, int]) -> int:
    return p[1]


def ranked(d: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(d.items(), key=value_of, reverse=True)


def squares(n: int) -> Iterator[int]:
    for i in range(n):
        yield (i * 7) % 5


def of_generator(n: int) -> tuple[list[int], list[int]]:
    return list(squares(n)), sorted(squares(n))


def picky(c: str) -> int:
    if c == "!":
        raise ValueError("no key for !")
    return ord(c)


def failing(s: str) -> list[str]:
    return sorted(reversed(s), key=picky)



#> backwards([1, 2, 3])
#> backwards([])
#> backwards_pairs([("a", 1.0), ("b", 2.5)])
#> shrinking([1, 2, 3, 4, 5])
#> shrinking([1, 2])
#> growing([1, 2, 3])
#> mirror("héllo€😀")
#> mirror("")
#> tuple_back((1, 2, 3))
#> reduced([1, 2, 3], "bca")
#> reduced([], "")
#> zipped_back(["a", "b", "c"], "xyzw")
#> of_set({3, 1, 2})
#> of_set(set())
#> of_str_set({"b", "a", "c"})
#> of_str("banana")
#> of_str("")
#> of_tuple((2.5, -1.0, 0.5))
#> of_array(np.array([2.5, -1.0, 0.5]))
#> of_array(np.zeros(0))
#> of_zip([1, 2, 3], ["a", "b"])
#> of_enumerate(["x", "y"])
#> enumerate_sorted(["c", "a", "b"])
#> of_reversed(["x", "z", "y"])
#> of_range(4)
#> of_dict({"b": 2, "a": 3, "c": 1})
#> of_dict({})
#> ranked({"b": 2, "a": 3, "c": 1})
#> of_generator(6)
#> failing("abc")
#> failing("a!c")
