# Integer algorithms: digit sums, reversal, popcount, isqrt, binomials.


def digit_sum(n: int) -> int:
    n = abs(n)
    s = 0
    while n:
        s += n % 10
        n //= 10
    return s


def reverse(n: int) -> int:
    r = 0
    neg = n < 0
    n = -n if neg else n
    while n > 0:
        r = r * 10 + n % 10
        n //= 10
    return -r if neg else r


def popcount(n: int) -> int:
    c = 0
    while n:
        n &= n - 1
        c += 1
    return c


def isqrt(n: int) -> int:
    if n < 2:
        return n
    x = n
    y = (x + 1) // 2
    while y < x:
        x = y
        y = (x + n // x) // 2
    return x


def binomial(n: int, k: int) -> int:
    if k < 0 or k > n:
        return 0
    k = min(k, n - k)
    r = 1
    for i in range(k):
        r = r * (n - i) // (i + 1)
    return r


#> digit_sum(2**63 - 1)
#> digit_sum(-2**63 + 1)
#> reverse(12345)
#> reverse(-1200)
#> popcount(255)
#> isqrt(2**62)
#> isqrt(2**62 + 12345)
#> isqrt(99)
#> binomial(60, 30)
#> binomial(10, 11)
#> binomial(50, 25)
