# Subnormals, signed zeros and infinities flow through arithmetic unchanged.


def chain(x: float) -> float:
    return (x * 2.0 - x) / 1.0 + 0.0


def tiny(x: float) -> float:
    return x / 2.0 * 2.0


def signed_zero(x: float) -> float:
    return x * -1.0 * 0.0


def inf_arith(x: float) -> float:
    return (x + 1.0) - x


#> chain(-0.0)
#> chain(5e-324)
#> chain(1.7976931348623157e308)
#> tiny(5e-324)
#> tiny(1.5e-323)
#> signed_zero(3.0)
#> signed_zero(-3.0)
#> signed_zero(float('inf'))
#> inf_arith(float('inf'))
#> inf_arith(1e300)
