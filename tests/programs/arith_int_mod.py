# Modulo of ints: the result takes the sign of the divisor.


def mod(a: int, b: int) -> int:
    return a % b


def divmod_sum(a: int, b: int) -> int:
    return (a // b) * b + a % b


#> mod(7, 3)
#> mod(-7, 3)
#> mod(7, -3)
#> mod(-7, -3)
#> mod(6, 3)
#> mod(-6, 3)
#> mod(6, -3)
#> mod(0, 7)
#> mod(0, -7)
#> mod(1, 2**63 - 1)
#> mod(-1, 2**63 - 1)
#> mod(-2**63, -1)
#> mod(-2**63, 1)
#> mod(-2**63, 3)
#> mod(-2**63, -2**63)
#> mod(2**63 - 1, -2**63)
#> mod(-2**63, 2**63 - 1)
#> mod(5, 0)
#> mod(-5, 0)
#> divmod_sum(-17, 5)
#> divmod_sum(17, -5)
#> divmod_sum(-17, -5)
#> divmod_sum(2**63 - 1, 10)
