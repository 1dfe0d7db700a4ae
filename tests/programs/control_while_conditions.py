# Loop conditions with and/or are re-evaluated, with their effects, every iteration.


def probe(v: int) -> int:
    print("probe", v)
    return v


def loop(n: int) -> int:
    i = 0
    while probe(i) < n and i < 10:
        i += 1
    return i


def loop_or(n: int) -> int:
    i = 0
    while i < n or probe(i) < 2:
        i += 1
    return i


def float_loop(x: float) -> int:
    steps = 0
    while x > 1.0:
        x /= 2.0
        steps += 1
    return steps


def not_loop(n: int) -> int:
    i = 0
    while not i >= n:
        i += 3
    return i


#> loop(3)
#> loop(0)
#> loop_or(2)
#> float_loop(1000.0)
#> float_loop(float('nan'))
#> not_loop(10)
