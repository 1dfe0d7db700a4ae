# int compared with float is exact, as in CPython: no rounding of the int.


def lt(a: int, x: float) -> bool:
    return a < x


def le(a: int, x: float) -> bool:
    return a <= x


def eq(a: int, x: float) -> bool:
    return a == x


def ne(x: float, a: int) -> bool:
    return x != a


def gt(x: float, a: int) -> bool:
    return x > a


def chain(a: int, x: float, b: int) -> bool:
    return a < x <= b


#> lt(1, 1.5)
#> lt(2, 1.5)
#> eq(2**53 + 1, 2.0**53)
#> lt(2**53 + 1, 2.0**53)
#> gt(2.0**53, 2**53 + 1)
#> eq(2**53, 2.0**53)
#> le(2**53 + 1, 9007199254740994.0)
#> eq(2**63 - 1, 2.0**63)
#> lt(2**63 - 1, 2.0**63)
#> le(2**63 - 1, 9223372036854774784.0)
#> gt(9223372036854774784.0, 2**63 - 1)
#> eq(-2**63, -2.0**63)
#> lt(-2**63, -2.0**63)
#> gt(-9223372036854777856.0, -2**63)
#> lt(-2**63 + 1, -2.0**63)
#> eq(0, -0.0)
#> lt(-1, -0.0)
#> lt(5, float('inf'))
#> lt(-2**63, float('-inf'))
#> gt(float('inf'), 2**63 - 1)
#> eq(0, float('nan'))
#> ne(float('nan'), 0)
#> lt(0, float('nan'))
#> gt(float('nan'), 0)
#> le(3, 3.0)
#> eq(3, 3.0000000000000004)
#> lt(-3, -2.9999999999999996)
#> lt(2**60 + 1, 1152921504606846976.5)
#> eq(2**60, 1152921504606846976.0)
#> gt(1.0e30, 2**63 - 1)
#> lt(-(2**62), -4.611686018427388e18)
#> chain(1, 1.5, 2)
#> chain(2, 1.5, 2)
#> chain(1, float('nan'), 2)
