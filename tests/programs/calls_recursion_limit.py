# Deep recursion works up to CPython's default limit; endless recursion raises RecursionError.


def depth(n: int) -> int:
    if n == 0:
        return 0
    return depth(n - 1) + 1


def forever(n: int) -> int:
    return forever(n + 1) + 1


def forever_tail(n: int) -> int:
    return forever_tail(n + 1)


def ping(n: int) -> int:
    return pong(n) + 1


def pong(n: int) -> int:
    return ping(n) - 1


def noisy(n: int) -> None:
    if n % 400 == 0:
        print("depth", n)
    noisy(n + 1)


#> depth(800)
#> forever(0)
#> forever_tail(0)
#> ping(0)
#> noisy(1)
