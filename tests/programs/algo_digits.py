# Digits: Luhn checks, Armstrong numbers, digital roots, base conversion printed.


def luhn_ok(n: int) -> bool:
    total = 0
    pos = 0
    while n > 0:
        d = n % 10
        if pos % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
        n //= 10
        pos += 1
    return total % 10 == 0


def armstrong_count(limit: int) -> int:
    count = 0
    for n in range(1, limit):
        digits = 0
        m = n
        while m:
            digits += 1
            m //= 10
        s = 0
        m = n
        while m:
            s += (m % 10) ** digits
            m //= 10
        if s == n:
            count += 1
    return count


def digital_root(n: int) -> int:
    while n >= 10:
        s = 0
        while n:
            s += n % 10
            n //= 10
        n = s
    return n


def print_base(n: int, base: int) -> None:
    if n == 0:
        print(0)
        return
    p = 1
    while p <= n // base:
        p *= base
    while p:
        print(n // p % base, end="")
        p //= base
    print()


#> luhn_ok(79927398713)
#> luhn_ok(79927398710)
#> armstrong_count(10000)
#> digital_root(2**63 - 1)
#> print_base(255, 2)
#> print_base(2**63 - 1, 16)
#> print_base(0, 7)
#> print_base(1000, 7)
