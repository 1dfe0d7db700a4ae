# range() loops: the bounds are evaluated once, the loop variable can be reassigned.


def noisy(v: int) -> int:
    print("bound", v)
    return v


def evaluated_once(n: int) -> int:
    s = 0
    for i in range(noisy(0), noisy(n), noisy(1)):
        s += i
    return s


def reassign_var(n: int) -> int:
    s = 0
    for i in range(n):
        s += i
        i = 100
        s += i
    return s


def shrink_bound(n: int) -> int:
    c = 0
    for i in range(n):
        n = 0
        c += 1
    return c + n


def var_after(n: int) -> int:
    i = -7
    for i in range(n):
        pass
    return i


def nested(n: int) -> int:
    s = 0
    for i in range(n):
        for j in range(i):
            s += i * j
    return s


def huge_empty() -> int:
    c = 0
    for i in range(2**63 - 1, -2**63, 1):
        c += 1
    return c


#> evaluated_once(3)
#> evaluated_once(0)
#> reassign_var(3)
#> shrink_bound(4)
#> var_after(0)
#> var_after(5)
#> nested(6)
#> huge_empty()
