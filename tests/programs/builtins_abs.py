# abs keeps ints as ints and clears a float's sign bit.


def iabs(n: int) -> int:
    return abs(n)


def fabs(x: float) -> float:
    return abs(x)


def dist(a: int, b: int) -> int:
    return abs(a - b)


#> iabs(-5)
#> iabs(2**63 - 1)
#> iabs(-2**63 + 1)
#> fabs(-0.0)
#> fabs(float('nan'))
#> fabs(-5e-324)
#> fabs(float('-inf'))
#> dist(3, 10)
#> dist(-2**62, 2**62 - 1)
# Deviation: abs(-2**63) and distances beyond 64 bits.
#> iabs(-2**63) !OverflowError
#> dist(-2**63, 1) !OverflowError
