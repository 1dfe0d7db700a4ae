# An exception raised in a callee stops the caller; output before it is kept.


def inner(n: int) -> int:
    print("inner", n)
    return 100 // n


def middle(n: int) -> int:
    print("middle before")
    r = inner(n) + 1
    print("middle after")
    return r


def outer(n: int) -> int:
    total = 0
    for i in range(n, -1, -1):
        total += middle(i)
    return total


def checked(n: int) -> int:
    assert n >= 0, "negative input"
    return n


def uses_checked(n: int) -> int:
    return checked(n) + checked(n - 5)


def maybe_unbound(n: int) -> int:
    if n:
        v = n
    return v


def calls_unbound(n: int) -> int:
    return maybe_unbound(n) * 2


#> middle(5)
#> middle(0)
#> outer(2)
#> uses_checked(10)
#> uses_checked(3)
#> calls_unbound(4)
#> calls_unbound(0)
