# Locals: parameters can be reassigned; names are typed by their first assignment.


def reassign_param(n: int) -> int:
    n = n * 2
    n += 1
    return n


def many_locals(a: int, b: int) -> int:
    c = a + b
    d = c * c
    e = d - a
    f = e // (b if b else 1)
    g = f % 7
    return g


def bool_local(n: int) -> int:
    found = False
    for i in range(n):
        if i == 3:
            found = True
    return 1 if found else 0


def float_param_reassigned(x: float) -> float:
    x = x * x
    x = x + 1
    return x


def shadows_builtin_names(n: int) -> int:
    min_ = n
    max_ = n * 2
    sum_ = min_ + max_
    return sum_


#> reassign_param(5)
#> many_locals(3, 4)
#> many_locals(3, 0)
#> bool_local(5)
#> bool_local(2)
#> float_param_reassigned(1.5)
#> shadows_builtin_names(4)
