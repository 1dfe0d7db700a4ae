# int / int is a float, correctly rounded even when the operands exceed 2**53.


def div(a: int, b: int) -> float:
    return a / b


#> div(1, 2)
#> div(7, 2)
#> div(-7, 2)
#> div(1, 3)
#> div(-1, 3)
#> div(2, -3)
#> div(0, 5)
#> div(0, -5)
#> div(10, 5)
#> div(2**53, 3)
#> div(2**53 + 1, 1)
#> div(2**53 + 1, 2)
#> div(2**63 - 1, 1)
#> div(2**63 - 1, 3)
#> div(-2**63, 1)
#> div(-2**63, -1)
#> div(-2**63, 3)
#> div(1, 2**63 - 1)
#> div(2**63 - 1, 2**63 - 2)
#> div(9007199254740993, 9007199254740992)
#> div(12345678901234567, 3)
#> div(-9223372036854775807, 7)
#> div(0, 2**62)
#> div(0, -2**62)
#> div(0, -2**63)
#> div(0, 2**63 - 1)
#> div(0, -5)
#> div(1, 0)
#> div(0, 0)
