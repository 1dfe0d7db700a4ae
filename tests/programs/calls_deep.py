# Calls nested in expressions, conditions and loops.


def sq(n: int) -> int:
    return n * n


def add(a: int, b: int) -> int:
    return a + b


def positive(n: int) -> bool:
    return n > 0


def compose(n: int) -> int:
    return add(sq(add(n, 1)), sq(sq(n)))


def in_condition(n: int) -> int:
    c = 0
    for i in range(-n, n + 1):
        if positive(i) and positive(sq(i) - 4):
            c += 1
    return c


def in_loop_bounds(n: int) -> int:
    s = 0
    for i in range(sq(n), add(sq(n), n)):
        s += i
    return s


def while_call(n: int) -> int:
    while positive(n):
        n = add(n, -3)
    return n


#> compose(3)
#> compose(-3)
#> in_condition(5)
#> in_loop_bounds(4)
#> while_call(10)
#> while_call(-1)
