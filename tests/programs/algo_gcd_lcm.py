# Euclid's algorithm, the extended version and lcm, signs included.


def gcd(a: int, b: int) -> int:
    a, b = abs(a), abs(b)
    while b:
        a, b = b, a % b
    return a


def lcm(a: int, b: int) -> int:
    if a == 0 or b == 0:
        return 0
    return abs(a // gcd(a, b) * b)


def ext_x(a: int, b: int) -> int:
    x0, x1 = 1, 0
    while b:
        q = a // b
        a, b = b, a - q * b
        x0, x1 = x1, x0 - q * x1
    return x0


#> gcd(12, -18)
#> gcd(-2**62, 2**40)
#> gcd(0, 5)
#> lcm(4, 6)
#> lcm(-4, 6)
#> lcm(2**31, 3**19)
#> ext_x(240, 46)
#> ext_x(-240, 46)
