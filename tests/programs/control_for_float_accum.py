# Float accumulation in range loops, with int loop variables mixed in.


def mean(n: int) -> float:
    total = 0.0
    for i in range(n):
        total += i * 0.5
    return total / n


def alternating(n: int) -> float:
    s = 0.0
    for i in range(1, n + 1):
        s += (-1.0) ** i / i
    return s


def geometric(n: int, r: float) -> float:
    s = 0.0
    term = 1.0
    for _ in range(n):
        s += term
        term *= r
    return s


def dot(n: int) -> float:
    s = 0.0
    for i in range(n):
        s += (i / 3) * (i / 7)
    return s


#> mean(10)
#> mean(0)
#> alternating(1000)
#> geometric(50, 0.5)
#> geometric(50, -1.5)
#> geometric(2000, 1.5)
#> dot(500)
