# How a compiled function takes its arguments from Python: counts and names as in CPython.


def pair(a: int, b: int) -> int:
    return a * 10 + b


def scaled(x: float, factor: float = 2.0) -> float:
    return x * factor


def flag(on: bool) -> int:
    return 1 if on else 0


#> pair(1, 2)
#> pair(b=1, a=2)
#> pair(1, b=2)
#> pair(1)
#> pair()
#> pair(1, 2, 3)
#> pair(1, a=2)
#> pair(1, c=2)
#> scaled(2.0)
#> scaled(2.0, 3.0)
#> scaled(2.0, factor=0.5)
#> scaled(1.0, 2.0, 3.0)
#> scaled(factor=1.0)
#> flag(True)
#> flag(False)
#> flag(on=True)
