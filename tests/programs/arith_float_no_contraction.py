# a * b + c rounds twice, as in CPython: the compiler must not fuse it into one fma.


def mul_add(x: float, y: float, z: float) -> float:
    return x * y + z


def mul_sub(x: float, y: float, z: float) -> float:
    return z - x * y


def dot2(a: float, b: float, c: float, d: float) -> float:
    return a * b + c * d


def horner(x: float) -> float:
    return ((0.1 * x + 0.2) * x + 0.3) * x + 0.4


#> mul_add(0.1, 10.0, -1.0)
#> mul_add(1.0 / 3.0, 3.0, -1.0)
#> mul_add(1e16 + 1.0, 1e16 - 1.0, -1e32)
#> mul_sub(0.1, 10.0, 1.0)
#> dot2(0.1, 10.0, -1.0, 1.0)
#> dot2(1.0 + 2.0**-52, 1.0 - 2.0**-52, -1.0, 1.0)
#> horner(1.1)
#> horner(-3.7)
