# Integer square roots by binary search, right up to 2**63 - 1.


def isqrt(n: int) -> int:
    lo, hi = 0, 3037000499
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if mid * mid <= n:
            lo = mid
        else:
            hi = mid - 1
    return lo


def is_square(n: int) -> bool:
    r = isqrt(n)
    return r * r == n


#> isqrt(0)
#> isqrt(15)
#> isqrt(16)
#> isqrt(2**63 - 1)
#> isqrt(3037000499 * 3037000499)
#> is_square(3037000499 * 3037000499)
#> is_square(2**62 + 1)
