# Wraparound inside loops: sums and products wrap silently, bit operations are unchanged.
#! wraparound


def factorial(n: int) -> int:
    p = 1
    for i in range(2, n + 1):
        p *= i
    return p


def sum_squares(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s


def xorshift(x: int, steps: int) -> int:
    for _ in range(steps):
        x ^= (x << 13)
        x ^= (x >> 7)
        x ^= (x << 17)
    return x


#> factorial(20)
#> sum_squares(1000)
# Deviation: with wraparound=True, results wrap modulo 2**64.
#> factorial(25) => 7034535277573963776
#> factorial(30) => -8764578968847253504
#> xorshift(88172645463325252, 1) => 8748534153485358512
