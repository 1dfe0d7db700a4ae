# Bit manipulation on 64-bit values: reversal, Gray codes, parity, lowest set bit.


def reverse_bits(n: int) -> int:
    r = 0
    for _ in range(62):
        r = (r << 1) | (n & 1)
        n >>= 1
    return r


def gray(n: int) -> int:
    return n ^ (n >> 1)


def from_gray(g: int) -> int:
    n = g
    shift = 1
    while shift < 64:
        n ^= n >> shift
        shift *= 2
    return n


def parity(n: int) -> int:
    p = 0
    while n > 0:
        p ^= n & 1
        n >>= 1
    return p


def lowest_bit(n: int) -> int:
    return n & -n


def bit_length(n: int) -> int:
    c = 0
    while n > 0:
        n >>= 1
        c += 1
    return c


#> reverse_bits(1)
#> reverse_bits(0x123456789)
#> gray(1000)
#> from_gray(gray(123456789))
#> from_gray(-1)
#> parity(2**62 + 7)
#> lowest_bit(96)
#> lowest_bit(-2**62)
#> lowest_bit(-2**63 + 2**40)
#> lowest_bit(0)
#> bit_length(2**63 - 1)
#> bit_length(0)
