# min and max keep the first of equal values and never pick a NaN second.


def first_max(x: float, y: float, z: float) -> float:
    return max(x, y, z)


def first_min(x: float, y: float, z: float) -> float:
    return min(x, y, z)


def int_min4(a: int, b: int, c: int, d: int) -> int:
    return min(a, b, c, d)


def clamp(n: int, lo: int, hi: int) -> int:
    return max(lo, min(n, hi))


#> first_max(0.0, -0.0, 0.0)
#> first_max(-0.0, 0.0, -0.0)
#> first_min(0.0, -0.0, -0.0)
#> first_min(-0.0, 0.0, 0.0)
#> first_max(float('nan'), 5.0, 6.0)
#> first_max(5.0, float('nan'), 1.0)
#> first_min(float('inf'), float('-inf'), float('nan'))
#> int_min4(3, -2**63, 2**63 - 1, 0)
#> clamp(15, 0, 10)
#> clamp(-5, 0, 10)
#> clamp(5, 0, 10)
