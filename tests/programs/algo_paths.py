# Counting lattice paths recursively and iteratively.


def paths(r: int, c: int) -> int:
    if r == 0 or c == 0:
        return 1
    return paths(r - 1, c) + paths(r, c - 1)


def paths_iter(n: int) -> int:
    result = 1
    for i in range(1, n + 1):
        result = result * (n + i) // i
    return result


def staircase(n: int) -> int:
    a, b, c = 1, 1, 2
    if n < 2:
        return 1
    for _ in range(n - 2):
        a, b, c = b, c, a + b + c
    return c


#> paths(5, 5)
#> paths(8, 7)
#> paths_iter(5)
#> paths_iter(30)
#> staircase(0)
#> staircase(10)
#> staircase(70)
