# Combinations: dicts of counts built from arrays, strings built from a dict's items, arrays
# filled from dicts, tuples of summaries, f-strings over all of them.
import numpy as np


def counts(a: int[:]) -> dict[int, int]:
    d: dict[int, int] = {}
    for x in a:
        d[x] = d.get(x, 0) + 1
    return d


def mode(a: int[:]) -> tuple[int, int]:
    d = counts(a)
    best = 0
    best_count = 0
    for k, v in d.items():
        if v > best_count:
            best, best_count = k, v
    return best, best_count


def describe(d: dict[str, int]) -> str:
    out = ""
    for k, v in d.items():
        if out != "":
            out = out + ", "
        out = out + f"{k}={v:>3}"
    return "{" + out + "}"


def bucket_names(a: float[:]) -> dict[str, int]:
    d: dict[str, int] = {}
    for x in a:
        if x < 0.0:
            name = "negative"
        elif x < 1.0:
            name = "small"
        elif x == x:
            name = "large"
        else:
            name = "nan"
        d[name] = d.get(name, 0) + 1
    return d


def to_array(d: dict[int, float], n: int) -> float[:]:
    out = np.zeros(n)
    for k, v in d.items():
        out[k % n] += v
    return out


def report(a: int[:]) -> str:
    d = counts(a)
    text = ""
    for k in d:
        text = text + f"{k}:{'#' if d[k] == 1 else '##'}{d[k]} "
    m, c = mode(a)
    return text + f"| mode {m} x{c} | distinct {len(d)}"


def means_by_key(keys: int[:], values: float[:]) -> dict[int, float]:
    sums: dict[int, float] = {}
    ns: dict[int, int] = {}
    for i in range(len(keys)):
        k = keys[i]
        sums[k] = sums.get(k, 0.0) + values[i]
        ns[k] = ns.get(k, 0) + 1
    for k in ns:
        sums[k] = sums[k] / ns[k]
    return sums


def letters(a: int[:]) -> dict[str, bool]:
    names = {0: "zero", 1: "one", 2: "two", 3: "three"}
    out: dict[str, bool] = {}
    for x in a:
        out[names.get(x % 4, "?")] = x % 2 == 0
    return out


def first_repeat(a: int[:]) -> tuple[int, int]:
    seen: dict[int, int] = {}
    for i in range(len(a)):
        if a[i] in seen:
            return seen[a[i]], i
        seen[a[i]] = i
    return -1, -1

#> counts(np.array([3, 1, 3, 2, 3, 1]))
#> counts(np.zeros(0, dtype=int))
#> counts(np.arange(100) % 7)
#> mode(np.array([5, 1, 5, 1, 2]))
#> mode(np.array([-9223372036854775808, 0, -9223372036854775808]))
#> mode(np.zeros(0, dtype=int))
#> describe({"apples": 3, "kiwis": 12, "é": 100})
#> describe({})
#> bucket_names(np.array([-1.0, 0.5, 2.0, float("nan"), 0.0, -0.0, float("inf")]))
#> bucket_names(np.zeros(0))
#> to_array({1: 0.5, 4: 1.5, 7: -2.0}, 3)
#> to_array({}, 2)
#> to_array({-1: 1.0}, 4)
#> report(np.array([4, 4, 2, 9]))
#> report(np.arange(6)[::-1])
#> means_by_key(np.array([1, 2, 1, 3, 2]), np.array([1.0, 2.0, 3.0, 4.0, 5.5]))
#> means_by_key(np.zeros(0, dtype=int), np.zeros(0))
#> means_by_key(np.array([1, 2]), np.array([1.0]))
#> letters(np.array([0, 1, 2, 3, 4, 5, 6]))
#> letters(np.array([-1, -2]))
#> first_repeat(np.array([1, 2, 3, 2, 1]))
#> first_repeat(np.arange(5))
