# if / elif / else chains.


def classify(n: int) -> int:
    if n < 0:
        return -1
    elif n == 0:
        return 0
    elif n < 10:
        return 1
    elif n < 100:
        return 2
    else:
        return 3


def no_else(n: int) -> int:
    r = 0
    if n > 5:
        r = 1
    if n > 10:
        r = 2
    return r


def nested(a: int, b: int) -> int:
    if a > 0:
        if b > 0:
            return 1
        else:
            return 2
    else:
        if b > 0:
            return 3
    return 4


def fizz(n: int) -> int:
    if n % 15 == 0:
        return 15
    if n % 5 == 0:
        return 5
    if n % 3 == 0:
        return 3
    return n


#> classify(-5)
#> classify(0)
#> classify(7)
#> classify(42)
#> classify(1000)
#> no_else(3)
#> no_else(7)
#> no_else(11)
#> nested(1, 1)
#> nested(1, -1)
#> nested(-1, 1)
#> nested(-1, -1)
#> fizz(30)
#> fizz(10)
#> fizz(9)
#> fizz(7)
