# Reading a local that may be unbound raises UnboundLocalError, as in CPython.


def maybe(n: int) -> int:
    if n > 0:
        x = n
    return x


def loop_var(n: int) -> int:
    for i in range(n):
        pass
    return i


def second_iteration(n: int) -> int:
    total = 0
    for i in range(n):
        if i > 0:
            total += prev
        prev = i
    return total


def in_else(n: int) -> int:
    while n > 0:
        y = n
        n -= 1
    else:
        return y


def augmented(n: int) -> int:
    if n > 5:
        acc = 0
    acc += n
    return acc


def after_break(n: int) -> int:
    for i in range(n):
        if i == 2:
            break
        z = i
    return z


#> maybe(1)
#> maybe(0)
#> loop_var(3)
#> loop_var(0)
#> second_iteration(4)
#> second_iteration(0)
#> in_else(3)
#> in_else(0)
#> augmented(10)
#> augmented(1)
#> after_break(5)
#> after_break(1)
#> after_break(0)
