# Recursion and mutual recursion between functions of the same cell.


def fib(n: int) -> int:
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def fact(n: int) -> int:
    if n <= 1:
        return 1
    return n * fact(n - 1)


def is_even(n: int) -> bool:
    if n == 0:
        return True
    return is_odd(n - 1)


def is_odd(n: int) -> bool:
    if n == 0:
        return False
    return is_even(n - 1)


def ackermann(m: int, n: int) -> int:
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))


def gcd(a: int, b: int) -> int:
    return a if b == 0 else gcd(b, a % b)


#> fib(0)
#> fib(1)
#> fib(20)
#> fact(0)
#> fact(20)
#> is_even(10)
#> is_odd(7)
#> is_even(7)
#> ackermann(2, 3)
#> ackermann(3, 3)
#> gcd(48, 18)
#> gcd(-48, 18)
#> gcd(17, 0)
# Deviation: 21! does not fit in 64 bits.
#> fact(21) !OverflowError
