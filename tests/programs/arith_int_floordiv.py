# Floor division of ints: every sign combination rounds toward negative infinity.


def fdiv(a: int, b: int) -> int:
    return a // b


#> fdiv(7, 2)
#> fdiv(-7, 2)
#> fdiv(7, -2)
#> fdiv(-7, -2)
#> fdiv(6, 3)
#> fdiv(-6, 3)
#> fdiv(6, -3)
#> fdiv(0, -5)
#> fdiv(1, 2)
#> fdiv(-1, 2)
#> fdiv(1, -2)
#> fdiv(2**63 - 1, 2)
#> fdiv(-2**63, 2)
#> fdiv(-2**63, 3)
#> fdiv(-2**63, -3)
#> fdiv(-2**63, 1)
#> fdiv(-2**63, -2**63)
#> fdiv(2**63 - 1, -2**63)
#> fdiv(-2**63, 2**63 - 1)
#> fdiv(5, -1)
#> fdiv(2**63 - 1, -1)
#> fdiv(7, 0)
#> fdiv(0, 0)
#> fdiv(-2**63, 0)
# Deviation: -2**63 // -1 is 2**63, beyond 64 bits.
#> fdiv(-2**63, -1) !OverflowError
