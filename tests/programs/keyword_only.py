# Keyword-only parameters (after `*`), with and without defaults, in compiled calls and from Python.


def scaled(a: int, *, by: float, shift: int = 3) -> float:
    return a * by + shift


def inner() -> float:
    return scaled(2, by=0.5) + scaled(1, shift=0, by=2.0) + scaled(by=1.5, a=4)


def name(first: str, *, upper: bool = False, sep: str = " ") -> str:
    return (first.upper() if upper else first) + sep + "x"


#> scaled(1, by=2.0)
#> scaled(1, by=2.0, shift=-1)
#> scaled(by=0.25, a=8)
#> scaled(1, 2.0)
#> scaled(1)
#> scaled(1, by=1.0, extra=2)
#> inner()
#> name("ab")
#> name("ab", sep="-", upper=True)
#> name("ab", True)
