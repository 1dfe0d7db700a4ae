# Float comparisons: NaN compares unequal to everything, -0.0 equals 0.0.


def cmp(x: float, y: float) -> int:
    r = 0
    if x < y:
        r += 1
    if x <= y:
        r += 2
    if x > y:
        r += 4
    if x >= y:
        r += 8
    if x == y:
        r += 16
    if x != y:
        r += 32
    return r


def is_nan(x: float) -> bool:
    return x != x


#> cmp(1.0, 2.0)
#> cmp(2.0, 2.0)
#> cmp(-0.0, 0.0)
#> cmp(float('nan'), 1.0)
#> cmp(float('nan'), float('nan'))
#> cmp(float('inf'), float('inf'))
#> cmp(float('-inf'), float('inf'))
#> cmp(5e-324, 0.0)
#> is_nan(float('nan'))
#> is_nan(float('inf'))
#> is_nan(0.0)
