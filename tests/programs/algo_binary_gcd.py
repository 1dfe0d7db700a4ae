# Stein's binary gcd with shifts, checked against Euclid's.


def binary_gcd(a: int, b: int) -> int:
    if a == 0:
        return b
    if b == 0:
        return a
    shift = 0
    while (a | b) & 1 == 0:
        a >>= 1
        b >>= 1
        shift += 1
    while a & 1 == 0:
        a >>= 1
    while b != 0:
        while b & 1 == 0:
            b >>= 1
        if a > b:
            a, b = b, a
        b -= a
    return a << shift


def euclid(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a


def agree(limit: int) -> int:
    bad = 0
    for a in range(limit):
        for b in range(limit):
            if binary_gcd(a, b) != euclid(a, b):
                bad += 1
    return bad


#> binary_gcd(48, 180)
#> binary_gcd(2**62, 2**40 * 3)
#> binary_gcd(0, 0)
#> agree(60)
