# Modular arithmetic: fast exponentiation, inverses, Fibonacci mod m.


def powmod(b: int, e: int, m: int) -> int:
    r = 1
    b %= m
    while e > 0:
        if e & 1:
            r = r * b % m
        b = b * b % m
        e >>= 1
    return r


def inverse(a: int, m: int) -> int:
    t, nt = 0, 1
    r, nr = m, a % m
    while nr:
        q = r // nr
        t, nt = nt, t - q * nt
        r, nr = nr, r - q * nr
    if r > 1:
        return -1
    return t % m


def fib_mod(n: int, m: int) -> int:
    a, b = 0, 1
    for _ in range(n):
        a, b = b, (a + b) % m
    return a


#> powmod(2, 10, 1000)
#> powmod(3, 2**40, 1000000007)
#> powmod(7, 0, 13)
#> powmod(-3, 5, 7)
#> inverse(3, 11)
#> inverse(6, 9)
#> inverse(-3, 11)
#> fib_mod(1000000, 1000000007)
