# int -> float conversion rounds to nearest even, as CPython's int.__float__.


def to_f(n: int) -> float:
    return n * 1.0


def plus_half(n: int) -> float:
    return n + 0.5


#> to_f(2**53)
#> to_f(2**53 + 1)
#> to_f(2**53 + 3)
#> to_f(2**54 + 2)
#> to_f(2**54 + 6)
#> to_f(-(2**53) - 1)
#> to_f(2**63 - 1)
#> to_f(2**63 - 512)
#> to_f(2**63 - 513)
#> to_f(2**62 + 2**9)
#> to_f(2**62 + 2**9 + 1)
#> to_f(-2**63)
#> plus_half(2**52)
#> plus_half(-(2**52) - 1)
