# Functions with many parameters of mixed types, called from Python and from each other.


def eight(a: int, x: float, p: bool, b: int, y: float, q: bool, c: int, z: float) -> float:
    r = a * 1.0 + x
    if p:
        r += b
    if not q:
        r -= y
    return r * c + z


def ten_ints(a: int, b: int, c: int, d: int, e: int, f: int, g: int, h: int, i: int, j: int) -> int:
    return a - b + c - d + e - f + g - h + i - j


def caller(n: int) -> float:
    return eight(n, 0.5, True, n * 2, 1.5, False, 3, -0.25) + ten_ints(1, 2, 3, 4, 5, 6, 7, 8, 9, n)


def floats6(a: float, b: float, c: float, d: float, e: float, f: float) -> float:
    return ((a * b - c) / d + e) % f


#> eight(1, 2.0, True, 3, 4.0, False, 5, 6.0)
#> eight(-1, -0.0, False, 0, float('nan'), True, 2, float('inf'))
#> ten_ints(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
#> ten_ints(2**63 - 1, 1, 0, 0, 0, 0, 0, 0, -2**63, -2**63 + 1)
#> caller(4)
#> floats6(1.5, 2.5, 0.25, 0.5, -7.0, 3.0)
#> floats6(1.0, 1.0, 1.0, 0.0, 1.0, 1.0)
#> floats6(1.0, 2.0, 3.0, 4.0, 5.0, 0.0)
