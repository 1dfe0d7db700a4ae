# int meets float: the int is converted (correctly rounded) and the result is a float.


def add(a: int, x: float) -> float:
    return a + x


def rsub(x: float, a: int) -> float:
    return x - a


def mul(a: int, x: float) -> float:
    return a * x


def div(x: float, a: int) -> float:
    return x / a


def fdiv(a: int, x: float) -> float:
    return a // x


def mod(x: float, a: int) -> float:
    return x % a


def literal_mix(a: int) -> float:
    return a * 0.5 + 1 - a / 4


def huge(a: int) -> float:
    return a + 0.0


#> add(1, 0.5)
#> add(2**53 + 1, 0.0)
#> add(2**63 - 1, 0.0)
#> add(-2**63, -0.0)
#> add(0, -0.0)
#> rsub(0.5, 1)
#> rsub(-0.0, 0)
#> mul(3, 0.1)
#> mul(-1, 0.0)
#> mul(2**62, 4.0)
#> div(1.0, 3)
#> div(1.0, 0)
#> div(-0.0, 5)
#> fdiv(7, 2.0)
#> fdiv(-7, 2.0)
#> fdiv(7, 0.0)
#> mod(-7.5, 2)
#> mod(7.5, -2)
#> mod(1.0, 0)
#> literal_mix(7)
#> literal_mix(-3)
#> huge(2**53 + 1)
#> huge(2**63 - 1)
#> huge(-(2**62) - 1)
