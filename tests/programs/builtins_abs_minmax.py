# abs, min and max on ints, floats and bools.


def fabs_(x: float) -> float:
    return abs(x)


def min2(a: int, b: int) -> int:
    return min(a, b)


def max3(a: int, b: int, c: int) -> int:
    return max(a, b, c)


def fmin(x: float, y: float) -> float:
    return min(x, y)


def fmax(x: float, y: float) -> float:
    return max(x, y)


def fmax3(x: float, y: float, z: float) -> float:
    return max(x, y, z)


def bmax(p: bool, q: bool) -> bool:
    return max(p, q)


def babs(p: bool) -> int:
    return abs(p)


def noisy(v: int) -> int:
    print("arg", v)
    return v


def min_order() -> int:
    return min(noisy(3), noisy(1), noisy(2))


#> fabs_(-2.5)
#> fabs_(-0.0)
#> fabs_(float('-inf'))
#> fabs_(float('nan'))
#> min2(3, -3)
#> min2(-2**63, 2**63 - 1)
#> max3(1, 3, 2)
#> max3(-1, -1, -1)
#> fmin(1.0, 2.0)
#> fmin(0.0, -0.0)
#> fmin(-0.0, 0.0)
#> fmax(0.0, -0.0)
#> fmax(-0.0, 0.0)
#> fmin(float('nan'), 1.0)
#> fmin(1.0, float('nan'))
#> fmax(float('nan'), 1.0)
#> fmax(1.0, float('nan'))
#> fmax3(1.0, float('nan'), 3.0)
#> fmax3(float('-inf'), float('inf'), 0.0)
#> bmax(False, True)
#> bmax(False, False)
#> babs(True)
#> min_order()
