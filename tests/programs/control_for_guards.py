# Range loops whose int operations come close to 64 bits: checked results must not
# change when the compiler proves (or fails to prove) that no overflow can happen.


def accumulate(n: int, start: int, step: int) -> int:
    s = start
    for i in range(n):
        s += step
    return s


def accumulate_down(n: int, start: int, step: int) -> int:
    s = start
    for i in range(n):
        s -= step
    return s


def triangle(n: int, base: int) -> int:
    s = base
    for i in range(n):
        for j in range(i):
            s += j
    return s


def products(n: int, k: int) -> int:
    best = 0
    for i in range(n):
        p = i * k
        if p > best:
            best = p
    return best


def divide_all(n: int, a: int, d: int) -> int:
    q = 0
    for i in range(n):
        q = a // (d + i)
    return q


def negate_all(n: int, a: int) -> int:
    r = 0
    for i in range(n):
        r = -(a - i)
    return r


def abs_all(n: int, a: int) -> int:
    r = 0
    for i in range(n):
        r = abs(a - i)
    return r


def counted(lo: int, hi: int) -> int:
    c = 0
    for i in range(lo, hi):
        c += 1
    return c


def loop_var_products(lo: int, hi: int) -> int:
    last = 0
    for i in range(lo, hi):
        last = i * 2
    return last


def swaps(n: int) -> int:
    a, b = 0, 1
    for i in range(n):
        a, b = b, a + b
    return a


def mixed_update(n: int, k: int) -> int:
    x = 0
    for i in range(n):
        if i % 2:
            x += k
        else:
            x -= k // 2
    return x


#> accumulate(10, 2**63 - 11, 1)
#> accumulate(31, -2**63, 2**59)
#> accumulate_down(10, -2**63 + 10, 1)
#> accumulate(0, 2**63 - 1, 2**63 - 1)
#> accumulate(1000, 0, -2**50)
#> triangle(100, 2**63 - 161701)
#> products(100, 2**56)
#> divide_all(5, -2**63, -6)
#> divide_all(5, -2**63, 1)
#> negate_all(3, -2**63 + 3)
#> negate_all(3, 2**63 - 3)
#> abs_all(3, -2**63 + 3)
#> counted(-2**63, -2**63 + 100)
#> counted(2**63 - 100, 2**63 - 1)
#> loop_var_products(2**62 - 10, 2**62)
#> loop_var_products(-2**62, -2**62 + 10)
#> swaps(91)
#> mixed_update(1000, 2**52)
#> mixed_update(7, 2**62)
# Deviation: each of these overflows 64 bits exactly at its last iteration.
#> accumulate(11, 2**63 - 11, 1) !OverflowError
#> accumulate(32, -2**63, 2**59) !OverflowError
#> accumulate_down(11, -2**63 + 10, 1) !OverflowError
#> triangle(100, 2**63 - 161700) !OverflowError
#> products(129, 2**56) !OverflowError
#> divide_all(5, -2**63, -5) !OverflowError
#> negate_all(3, -2**63 + 2) !OverflowError
#> abs_all(3, -2**63 + 2) !OverflowError
#> loop_var_products(2**62 - 10, 2**62 + 1) !OverflowError
#> loop_var_products(-2**62 - 10, -2**62 - 9) !OverflowError
#> swaps(92) !OverflowError
#> mixed_update(8, 2**62) !OverflowError
