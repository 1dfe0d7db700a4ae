# Chains that mix ints, floats and bools compare each adjacent pair exactly.


def chain3(a: int, x: float, p: bool) -> bool:
    return a <= x < p


def chain4(x: float, a: int, y: float, b: int) -> bool:
    return x < a <= y != b


def eq_chain(a: int, x: float, b: int) -> bool:
    return a == x == b


#> chain3(0, 0.5, True)
#> chain3(0, 1.0, True)
#> chain3(-1, float('nan'), True)
#> chain4(0.5, 1, 1.0, 2)
#> chain4(0.5, 1, 1.0, 1)
#> chain4(float('-inf'), -2**63, -9.223372036854775e18, 0)
#> eq_chain(2**53, 2.0**53, 2**53)
#> eq_chain(2**53, 2.0**53, 2**53 + 1)
#> eq_chain(0, -0.0, 0)
