# if/while conditions use the truth of ints and floats: zero is false, NaN is true.


def truth_int(n: int) -> int:
    if n:
        return 1
    return 0


def truth_float(x: float) -> int:
    if x:
        return 1
    else:
        return 0


def not_int(n: int) -> bool:
    return not n


def not_float(x: float) -> bool:
    return not x


def as_bool(n: int, x: float) -> bool:
    return bool(n) and bool(x)


def double_not(n: int) -> bool:
    return not not n


def countdown(n: int) -> int:
    steps = 0
    while n:
        n -= 1
        steps += 1
    return steps


def ternary_truth(x: float) -> int:
    return 1 if x else 2


#> truth_int(0)
#> truth_int(-1)
#> truth_int(-2**63)
#> truth_float(0.0)
#> truth_float(-0.0)
#> truth_float(5e-324)
#> truth_float(float('nan'))
#> truth_float(float('-inf'))
#> not_int(0)
#> not_int(7)
#> not_float(-0.0)
#> not_float(float('nan'))
#> as_bool(1, 0.0)
#> as_bool(1, 0.1)
#> double_not(0)
#> double_not(-5)
#> countdown(5)
#> countdown(0)
#> ternary_truth(0.0)
#> ternary_truth(float('nan'))
