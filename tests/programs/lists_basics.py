# Lists: literals, indexing (negative too), len, append, pop, insert, iteration, truthiness, +, *, in.


def build(n: int) -> list[int]:
    xs = [1, 2, 3]
    for i in range(n):
        xs.append(i * i)
    return xs


def floats(n: int) -> list[float]:
    xs = [1, 2.5]
    xs.append(n)
    xs.insert(0, -0.0)
    return xs


def total(xs: list[int]) -> int:
    s = 0
    for x in xs:
        s += x
    return s


def item(xs: list[float], i: int) -> float:
    return xs[i]


def set_item(xs: list[int], i: int, v: int) -> list[int]:
    xs[i] = v
    xs[i] += 1
    return xs


def pops(xs: list[int]) -> tuple[int, int, int]:
    a = xs.pop()
    b = xs.pop(0)
    c = xs.pop(-1)
    return a, b, c


def pop_empty() -> int:
    xs: list[int] = []
    return xs.pop()


def pop_at(xs: list[int], i: int) -> int:
    return xs.pop(i)


def delete(xs: list[str], i: int) -> list[str]:
    del xs[i]
    return xs


def truth(xs: list[bool]) -> str:
    if xs:
        return f"{len(xs)} items: {xs}"
    return "empty"


def concat(a: list[int], b: list[int]) -> list[int]:
    c = a + b
    c += [7]
    return c * 2


def repeat(n: int) -> list[float]:
    return [0.5] * n + 2 * [1.0]


def contains(xs: list[str], s: str) -> tuple[bool, bool]:
    return s in xs, s not in xs


def ranged(a: int, b: int, c: int) -> list[int]:
    return list(range(a, b, c))


def grow_while_iterating(n: int) -> list[int]:
    xs = [n]
    for x in xs:
        if x > 0:
            xs.append(x - 1)
    return xs


def shows(x: float) -> str:
    xs = [x, 1.0, 1e100, -0.0]
    names = ["a", "it's", 'q"q']
    flags = [True, False]
    print(xs, names, flags)
    return str(xs) + f"{names}" + str([[1, 2], []])


#> build(0)
#> build(5)
# Deviation: a list[float] holds floats: the ints stored in it become floats, as in a float variable.
#> floats(3) => [-0.0, 1.0, 2.5, 3.0]
#> total([1, 2, 3, 4])
#> total([])
#> item([1.5, 2.5, 3.5], 0)
#> item([1.5, 2.5, 3.5], -1)
#> item([1.5, 2.5, 3.5], -3)
#> item([1.5, 2.5, 3.5], 3)
#> item([1.5, 2.5, 3.5], -4)
#> item([], 0)
#> set_item([1, 2, 3], 1, 10)
#> set_item([1, 2, 3], -1, 10)
#> set_item([1, 2, 3], 3, 10)
#> pops([1, 2, 3, 4, 5])
#> pops([1, 2])
#> pop_empty()
#> pop_at([1, 2, 3], 5)
#> pop_at([1, 2, 3], -4)
#> pop_at([1, 2, 3], -3)
#> delete(["a", "b", "c"], 1)
#> delete(["a", "b", "c"], -1)
#> delete(["a", "b", "c"], 3)
#> truth([])
#> truth([True, False])
#> concat([1], [2, 3])
#> concat([], [])
#> repeat(3)
#> repeat(-1)
#> contains(["a", "b"], "b")
#> contains(["a", "b"], "c")
#> ranged(0, 10, 3)
#> ranged(10, 0, -3)
#> ranged(0, 10, 0)
#> ranged(5, 5, 1)
#> grow_while_iterating(4)
#> shows(0.1)
#> shows(float("nan"))


def update_shrinks(xs: list[int]) -> list[int]:
    xs[0] += xs.pop()
    return xs


#> update_shrinks([5])
#> update_shrinks([5, 6])
#> update_shrinks([])


def in_place(n: int) -> tuple[list[str], list[str]]:
    xs = ["a", "b"]
    ys = xs
    xs *= n
    ys += ["c"]
    return xs, ys


def compared_with_empty(xs: list[int]) -> tuple[bool, bool, bool]:
    return xs == [], [] != xs, xs > []


def results(n: int) -> tuple[list[int], str, list[list[float]]]:
    return list(range(n)), "x", [[n * 0.5]]


#> in_place(3)
#> in_place(0)
#> in_place(-2)
#> compared_with_empty([])
#> compared_with_empty([0])
#> results(3)
