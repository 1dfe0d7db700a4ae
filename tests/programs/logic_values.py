# and/or give one of their operands (Python's value semantics), not a bool.


def either(a: int, b: int) -> int:
    return a or b


def both(a: int, b: int) -> int:
    return a and b


def first_truthy(a: int, b: int, c: int) -> int:
    return a or b or c


def float_or(x: float, y: float) -> float:
    return x or y


def float_and(x: float, y: float) -> float:
    return x and y


def mixed(a: int, b: int, c: int) -> int:
    return a and b or c


def bools(p: bool, q: bool) -> bool:
    return p or q and not p


#> either(0, 5)
#> either(3, 5)
#> either(0, 0)
#> either(-1, 0)
#> both(0, 5)
#> both(3, 5)
#> both(3, 0)
#> first_truthy(0, 0, 7)
#> first_truthy(0, 2, 7)
#> first_truthy(0, 0, 0)
#> float_or(0.0, 2.5)
#> float_or(-0.0, 2.5)
#> float_or(float('nan'), 2.5)
#> float_or(0.0, -0.0)
#> float_and(1.5, 2.5)
#> float_and(0.0, 2.5)
#> float_and(-0.0, 2.5)
#> float_and(float('nan'), 2.5)
#> mixed(1, 0, 9)
#> mixed(1, 2, 9)
#> mixed(0, 2, 9)
#> bools(True, False)
#> bools(False, True)
#> bools(False, False)
