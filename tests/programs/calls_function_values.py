# Functions as values: Callable[[A, B], R] parameters and locals, a cell function's name passed, kept in a
# local and called through; from Python, compiled functions, lambdas and builtins passed to them.
from collections.abc import Callable


def square(x: float) -> float:
    return x * x


def cube(x: float) -> float:
    return x * x * x


def inverse(x: float) -> float:
    return 1.0 / x


def midpoint(f: Callable[[float], float], a: float, b: float, n: int) -> float:
    h = (b - a) / n
    total = 0.0
    for i in range(n):
        total += f(a + (i + 0.5) * h)
    return total * h


def both(n: int) -> float:
    return midpoint(square, 0.0, 1.0, n) + midpoint(cube, 0.0, 1.0, n)


def chosen(which: int, x: float) -> float:
    g = square
    if which == 1:
        g = cube
    elif which == 2:
        g = inverse
    return g(x)


def annotated_local(x: float) -> float:
    h: Callable[[float], float] = cube
    return h(x) + h(h(x))


def apply_twice(f: Callable[[float], float], x: float) -> float:
    return f(f(x))


def passed_on(f: Callable[[float], float], x: float) -> float:
    return apply_twice(f, x) + midpoint(f, 0.0, x, 4)


def combine(op: Callable[[int, int], int], xs: list[int]) -> int:
    acc = xs[0]
    for x in xs[1:]:
        acc = op(acc, x)
    return acc


def add(a: int, b: int) -> int:
    return a + b


def bigger(a: int, b: int) -> int:
    return a if a > b else b


def sums(xs: list[int]) -> tuple[int, int]:
    return combine(add, xs), combine(bigger, xs)


def mapped(f: Callable[[float], float], xs: list[float]) -> list[float]:
    return [f(x) for x in xs]


def is_small(n: int) -> bool:
    return n < 10


def count_if(test: Callable[[int], bool], n: int) -> int:
    return sum(1 for i in range(n) if test(i))


def show(n: int) -> None:
    print("value", n)


def each(action: Callable[[int], None], n: int) -> int:
    for i in range(n):
        action(i)
    return n


def norm(p: tuple[float, float]) -> float:
    return (p[0] * p[0] + p[1] * p[1]) ** 0.5


def longest(measure: Callable[[tuple[float, float]], float], a: float, b: float) -> float:
    return max(measure((a, b)), measure((b, a + b)))


def size(s: str) -> int:
    return len(s) * 2


def total_size(measure: Callable[[str], int], words: list[str]) -> int:
    return sum(measure(w) for w in words)


def through(f: Callable[[int], int], n: int) -> int:
    return f(n)


def depth(n: int) -> int:
    if n == 0:
        return 0
    return through(depth, n - 1) + 1


def callables(f: Callable[[float], float], x: int) -> tuple[bool, bool, bool]:
    g = cube
    return callable(f), callable(g), callable(x)


def checked(f: Callable[[float], float], x: float) -> float:
    assert callable(f), f"not callable: {f}"  # never fails, so its message (a function in an f-string) is not made
    return f(x)


def failing(x: float) -> float:
    return midpoint(inverse, -x, x, 2)


#> both(100)
#> chosen(0, 3.0)
#> chosen(1, 3.0)
#> chosen(2, 4.0)
#> annotated_local(1.5)
#> passed_on(square, 1.5)
#> sums([3, 9, 2, 7])
#> mapped(cube, [1.0, 2.0, 0.5])
#> count_if(is_small, 25)
#> each(show, 3)
#> longest(norm, 3.0, 4.0)
#> total_size(size, ["ab", "", "cde"])
#> depth(50)
#> depth(100000)
#> failing(1.0)
#> callables(square, 3)
#> callables(lambda x: x, 0)
#> checked(square, 3.0)
#> checked(lambda x: -x, 2.0)
#> midpoint(square, 0.0, 2.0, 10)
#> midpoint(lambda x: 3 * x + 1, 0.0, 1.0, 8)
#> midpoint(lambda x: 2, 0.0, 1.0, 8)
#> midpoint(lambda x: 1 / (x - 0.5), 0.0, 1.0, 2)
#> combine(max, [4, 1, 8, 3])
#> combine(lambda a, b: a * 10 + b, [1, 2, 3])
#> count_if(lambda i: i % 3 == 0, 10)
#> apply_twice(cube, 2.0)
#> passed_on(lambda x: x + 1.0, 2.0)
#> each(print, 2)
