# a, b = x, y evaluates the whole right side before binding any name.


def fib(n: int) -> int:
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def swap(a: int, b: int) -> int:
    a, b = b, a
    return a * 10 + b


def rotate(a: int, b: int, c: int) -> int:
    a, b, c = b, c, a
    return a * 100 + b * 10 + c


def mixed_types(n: int) -> float:
    x, m, flag = n / 2, n * 2, n > 0
    return x + m + flag


def same_name(n: int) -> int:
    a, a = n, n + 1
    return a


def noisy(v: int) -> int:
    print("value", v)
    return v


def order(n: int) -> int:
    a, b = noisy(n), noisy(n + 1)
    return a + b


def gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a


#> fib(0)
#> fib(10)
#> fib(90)
#> swap(1, 2)
#> rotate(1, 2, 3)
#> mixed_types(3)
#> mixed_types(-3)
#> same_name(5)
#> order(1)
#> gcd(1071, 462)
#> gcd(0, 0)
# Deviation: fib(93) is beyond 64 bits.
#> fib(93) !OverflowError
