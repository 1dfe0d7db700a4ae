# Unpacking the values of range, enumerate, zip and reversed in assignments: each is unpacked as
# the list of its items, with CPython's ValueError texts when the lengths differ.


def of_range(n: int) -> int:
    a, b = range(n, n + 2)
    return a * 10 + b


def of_stepped_range(n: int) -> list[int]:
    first, *rest = range(n, 0, -3)
    rest.append(first)
    return rest


def of_enumerate(xs: list[str]) -> str:
    (i, a), (j, b) = enumerate(xs, 1)
    return f"{i}{a}{j}{b}"


def of_zip(xs: list[int], ys: list[float]) -> float:
    (p, q), *more = zip(xs, ys)
    return p * q + len(more)


def of_reversed(xs: list[int]) -> int:
    *init, last = reversed(xs)
    return last * 100 + len(init)


def wrong_length(n: int) -> int:
    a, b = range(n)
    return a + b

#> of_range(4)
#> of_stepped_range(10)
#> of_stepped_range(1)
#> of_enumerate(["x", "y"])
#> of_enumerate(["x"])
#> of_zip([2, 3, 4], [1.5, 2.0])
#> of_zip([], [1.0])
#> of_reversed([1, 2, 3])
#> wrong_length(2)
#> wrong_length(3)
#> wrong_length(0)
