# for loops over range() with one, two or three arguments.


def sum_to(n: int) -> int:
    s = 0
    for i in range(n):
        s += i
    return s


def sum_between(a: int, b: int) -> int:
    s = 0
    for i in range(a, b):
        s += i
    return s


def sum_step(a: int, b: int, step: int) -> int:
    s = 0
    for i in range(a, b, step):
        s = s * 3 + i
    return s


def count(a: int, b: int, step: int) -> int:
    c = 0
    for _ in range(a, b, step):
        c += 1
    return c


def last(a: int, b: int, step: int) -> int:
    x = -1
    for i in range(a, b, step):
        x = i
    return x


def bool_bounds(flag: bool) -> int:
    s = 0
    for i in range(flag, 5, True):
        s += i
    return s


#> sum_to(10)
#> sum_to(0)
#> sum_to(-5)
#> sum_between(3, 7)
#> sum_between(7, 3)
#> sum_between(-3, 3)
#> sum_step(0, 10, 3)
#> sum_step(10, 0, -3)
#> sum_step(10, 0, 3)
#> sum_step(0, 10, -3)
#> sum_step(5, 5, 1)
#> sum_step(-1, -10, -2)
#> count(0, 10, 1)
#> count(0, 10, 10)
#> count(0, 10, 11)
#> count(0, 10, 2**63 - 1)
#> count(10, 0, -2**63)
#> count(-2**63, 2**63 - 1, 2**62)
#> count(2**63 - 1, -2**63, -2**62)
#> count(-2**63, 2**63 - 1, 2**63 - 1)
#> last(2**63 - 5, 2**63 - 1, 1)
#> last(-2**63 + 5, -2**63, -1)
#> last(-2**63, 2**63 - 1, 2**63 - 1)
#> last(2**63 - 1, -2**63, -2**63)
#> last(0, 1, 2**63 - 1)
#> last(0, 10, 3)
#> last(10, 0, -3)
#> last(0, 0, 1)
#> count(0, 10, 0)
#> count(0, 0, 0)
#> bool_bounds(True)
#> bool_bounds(False)
