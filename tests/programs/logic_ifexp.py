# Conditional expressions evaluate only the chosen branch.


def pick(c: bool, a: int, b: int) -> int:
    return a if c else b


def noisy(v: int) -> int:
    print("noisy", v)
    return v


def lazy(c: int) -> int:
    return noisy(1) if c > 0 else noisy(2)


def safe_div(a: int, b: int) -> int:
    return a // b if b else 0


def nested(n: int) -> int:
    return -1 if n < 0 else 0 if n == 0 else 1


def sign(x: float) -> float:
    return 1.0 if x > 0 else -1.0 if x < 0 else x


#> pick(True, 1, 2)
#> pick(False, 1, 2)
#> lazy(1)
#> lazy(-1)
#> safe_div(7, 0)
#> safe_div(7, 2)
#> nested(-5)
#> nested(0)
#> nested(5)
#> sign(3.5)
#> sign(-0.0)
#> sign(0.0)
#> sign(float('nan'))
