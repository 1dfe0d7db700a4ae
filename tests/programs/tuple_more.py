# Tuples: mixed types, swaps, returns used by callers, unpacking in loops over dict items.


def divmod_pair(a: int, b: int) -> tuple[int, int]:
    return a // b, a % b


def minmax_mean(a: float, b: float, c: float) -> tuple[float, float, float]:
    lo = min(a, min(b, c))
    hi = max(a, max(b, c))
    return lo, hi, (a + b + c) / 3.0


def fib_pair(n: int) -> tuple[int, int]:
    a, b = 0, 1
    for i in range(n):
        a, b = b, a + b
    return a, b


def labelled(n: int) -> tuple[str, int, bool]:
    q, r = divmod_pair(n, 7)
    return f"{q}r{r}", q * 7 + r, r == 0


def uses_results(n: int) -> float:
    lo, hi, mean = minmax_mean(float(n), 2.5, -1.0)
    q, r = divmod_pair(n, 3)
    return lo + hi + mean + q + r


def best_item(d: dict[str, int]) -> tuple[str, int]:
    best = ""
    score = -1
    for k, v in d.items():
        if v > score:
            best, score = k, v
    return best, score

#> divmod_pair(17, 5)
#> divmod_pair(-17, 5)
#> divmod_pair(17, -5)
#> divmod_pair(1, 0)
#> minmax_mean(3.0, -2.0, 8.5)
#> fib_pair(0)
#> fib_pair(10)
#> fib_pair(90)
#> labelled(50)
#> labelled(49)
#> uses_results(10)
#> best_item({"a": 3, "b": 7, "c": 7})
#> best_item({})
