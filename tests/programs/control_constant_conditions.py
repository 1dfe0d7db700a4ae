# Constant conditions: while 1, if True, if 0 behave as in CPython.


def forever(n: int) -> int:
    i = 0
    while 1:
        i += 1
        if i >= n:
            return i


def always(n: int) -> int:
    if True:
        return n + 1


def never(n: int) -> int:
    if 0:
        n = -1
    else:
        n += 1
    return n


def true_loop_break(n: int) -> int:
    i = 0
    while True:
        if i * i > n:
            break
        i += 1
    return i


def bound_by_constant_if(n: int) -> int:
    if 1:
        r = n * 3
    return r


#> forever(5)
#> always(1)
#> never(1)
#> true_loop_break(50)
#> bound_by_constant_if(4)
