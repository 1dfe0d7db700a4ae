# list(x) and sorted(x) of every iterable: a str's characters, a tuple's items, a set's, an array's
# elements, enumerate() and zip() tuples, a dict's keys.
import numpy as np


def chars(s: str) -> list[str]:
    return list(s)


def tuple_items(n: int) -> list[int]:
    return list((n, n + 1, n * 2))


def set_items(n: int) -> list[int]:
    return sorted(list({n, 1, n}))


def array_items(a: float[:]) -> float:
    xs = list(a)
    xs.append(0.5)
    return sum(xs)


def pairs(xs: list[str]) -> list[tuple[int, str]]:
    return list(enumerate(xs, start=1))


def zipped(a: list[int], b: list[float]) -> list[tuple[int, float]]:
    return list(zip(a, b))


def sorted_chars(s: str) -> str:
    return "".join(sorted(s, reverse=True))


def sorted_keys(d: dict[str, int]) -> list[str]:
    return sorted(d)


def sorted_set(n: int) -> list[int]:
    return sorted({n % 3, n % 5, n % 7})


def sorted_tuple(n: int) -> list[int]:
    return sorted((n, -n, 0))


#> chars("")
#> chars("héllo")
#> tuple_items(4)
#> set_items(3)
#> array_items(np.array([1.0, 2.5]))
#> pairs(["a", "b"])
#> pairs([])
#> zipped([1, 2, 3], [0.5, 1.5])
#> sorted_chars("banana")
#> sorted_keys({"b": 1, "a": 2, "c": 0})
#> sorted_set(11)
#> sorted_tuple(5)


def declared_empty_rows(n: int) -> list[list[int]]:
    rows: list[list[int]] = [[], [n]]
    rows[0].append(n * 2)
    more: list[list[str]] = [[]]
    return rows + [[len(more[0])]]


#> declared_empty_rows(3)
