# pow(): pow(a, b) is a ** b; pow(a, b, m) modular, CPython's long_pow (lower/powers.py).


def two(a: int, b: int, x: float) -> tuple[int, float, float, float]:
    return pow(a, b), pow(x, b), pow(a, -2), pow(2, -1)


def modular(a: int, b: int, m: int) -> int:
    return pow(a, b, m)


def keywords(a: int, b: int, m: int) -> int:
    return pow(base=a, exp=b, mod=m) + pow(a, b, None)


def table(n: int, m: int) -> int:
    """A checksum over many bases, exponents (negative ones where the base is invertible) and moduli."""
    total = 0
    for a in range(-n, n):
        for b in range(0, n):
            for k in range(1, 4):
                total = (total * 31 + pow(a, b * 7919, m * k - 1)) % 1000000007
                if (a * k) % 2 == 1 and (m * k) % 2 == 0:
                    total = (total * 31 + pow(a, -b, m * k)) % 1000000007
    return total


def huge(a: int, b: int) -> tuple[int, int, int, int]:
    # moduli beyond 2**32: products need more than 64 bits
    return (pow(a, b, 2**63 - 1), pow(a, b, -(2**62 + 1)), pow(a, -b, 2**61 - 1), pow(a, b, -(2**63)))


def digit(d: int) -> float:
    # the Bailey-Borwein-Plouffe loop (tests/realworld/algo_bailey_borwein_plouffe.py)
    total = 0.0
    for k in range(d):
        denominator = 8 * k + 1
        total += pow(16, d - 1 - k, denominator) / denominator
    return total


#> two(3, 5, 1.5)
#> two(-2, 63, 2.0)
# Deviation: pow(int, int) is int ** int: a negative exponent that is not a literal raises (Python: a float).
#> two(2, -1, 2.0) !ValueError: use a float
#> modular(3, -1, 7)
#> modular(2, -1, 4)
#> modular(0, -1, 5)
#> modular(2, 10, -1000)
#> modular(2, 3, 0)
#> modular(3, 0, -5)
#> modular(2, -1, 1)
#> modular(5, 0, 1)
#> modular(-7, -3, 11)
#> modular(7, -9223372036854775808, 13)
#> modular(-9223372036854775808, 3, 1000003)
#> keywords(3, 4, 5)
#> table(12, 97)
#> huge(123456789123, 98765432123)
#> huge(-3, 2**62)
#> digit(1000)
