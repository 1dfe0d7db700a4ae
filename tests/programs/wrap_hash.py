# FNV-1a and an LCG: wraparound arithmetic is what these algorithms expect.
#! wraparound


def fnv1a(n: int) -> int:
    h = -3750763034362895579
    for i in range(n):
        h = (h ^ (i & 255)) * 1099511628211
    return h


def lcg(seed: int, steps: int) -> int:
    x = seed
    for _ in range(steps):
        x = x * 6364136223846793005 + 1442695040888963407
    return x


def small(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s


#> small(100)
#> fnv1a(0)
#> lcg(0, 1)
# Deviation: with wraparound=True, results wrap modulo 2**64.
#> fnv1a(1) => ((-3750763034362895579 * 1099511628211) + 2**63) % 2**64 - 2**63
#> lcg(1, 2) => ((6364136223846793005 + 1442695040888963407) * 6364136223846793005 + 1442695040888963407 + 2**63) % 2**64 - 2**63
