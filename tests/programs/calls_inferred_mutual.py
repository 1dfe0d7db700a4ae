# Mutual recursion where the return types are inferred.


def ping(n: int):
    if n <= 0:
        return 0
    return pong(n - 1) + 1


def pong(n: int):
    if n <= 0:
        return 0
    return ping(n - 2) + 10


def even(n: int):
    if n == 0:
        return True
    return odd(n - 1)


def odd(n: int):
    if n == 0:
        return False
    return even(n - 1)


#> ping(10)
#> pong(7)
#> even(10)
#> odd(10)
