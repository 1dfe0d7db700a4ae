# Augmented assignment with every operator.


def ops(n: int) -> int:
    x = n
    x += 3
    x -= 1
    x *= 5
    x //= 2
    x %= 1000
    x **= 2
    x <<= 3
    x >>= 1
    x &= 0xFFFF
    x |= 0x10000
    x ^= 0x5555
    return x


def fops(v: float) -> float:
    x = v
    x += 1.5
    x -= 0.25
    x *= 3.0
    x /= 7.0
    x //= 0.5
    x %= 2.5
    x **= 1.5
    return x


def widen(n: int) -> float:
    x = 0.5
    x += n
    x *= n
    x /= 2
    return x


def zero(n: int) -> int:
    x = 10
    x //= n
    return x


def fzero(v: float) -> float:
    x = 1.0
    x %= v
    return x


def overflow(n: int) -> int:
    x = n
    x *= n
    return x


#> ops(7)
#> ops(-7)
#> fops(10.0)
#> fops(-3.0)
#> widen(3)
#> zero(0)
#> zero(3)
#> fzero(0.0)
#> fzero(-0.75)
#> overflow(3037000499)
# Deviation: a product beyond 64 bits.
#> overflow(3037000500) !OverflowError
