# More paths along which a local may be unbound.


def while_body(n: int) -> int:
    i = 0
    while i < n:
        last = i
        i += 1
    return last


def branch_in_loop(n: int) -> int:
    for i in range(n):
        if i == 3:
            found = i
    return found


def both_branches(n: int) -> int:
    if n > 0:
        r = 1
    elif n < 0:
        r = -1
    return r


def nested_assign(a: int, b: int) -> int:
    if a:
        if b:
            v = a + b
    return v


def read_before_write(n: int) -> int:
    total = 0
    for i in range(n):
        if i % 2:
            total += carry
        carry = i
    return total


def float_unbound(n: int) -> float:
    if n > 1:
        x = n / 2
    return x


#> while_body(3)
#> while_body(0)
#> branch_in_loop(5)
#> branch_in_loop(3)
#> both_branches(5)
#> both_branches(-5)
#> both_branches(0)
#> nested_assign(1, 1)
#> nested_assign(1, 0)
#> nested_assign(0, 1)
#> read_before_write(6)
#> float_unbound(5)
#> float_unbound(1)
