# min and max of tuples and lists, without key: lexicographic, as CPython compares them (the first
# items that differ decide; a shorter list that is a prefix is smaller); ties keep the first.


def best(xs: list[tuple[int, str]]) -> tuple[int, str]:
    return max(xs)


def least(xs: list[tuple[float, int]]) -> tuple[float, int]:
    return min(xs)


def longest(xs: list[list[int]]) -> list[int]:
    return max(xs)


def by_key(words: list[str]) -> str:
    return min(words, key=shortest_first)


def shortest_first(s: str) -> tuple[int, str]:
    return (len(s), s)


def of_two(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
    return min(a, b)


def of_three(a: tuple[int, str], b: tuple[int, str], c: tuple[int, str]) -> tuple[int, str]:
    return max(a, b, c)


def with_default(xs: list[tuple[int, int]]) -> tuple[int, int]:
    return max(xs, default=(-1, -1))

#> best([(1, "b"), (3, "a"), (3, "c"), (2, "z")])
#> best([])
#> least([(1.5, 2), (1.5, 1), (2.0, 0), (float("nan"), 0)])
#> longest([[1, 2], [1, 2, 0], [0, 9]])
#> by_key(["bb", "aa", "c", "zz"])
#> of_two((1, 5), (1, 2))
#> of_three((1, "a"), (2, "b"), (2, "a"))
#> with_default([])
#> with_default([(0, 1), (0, 2)])
