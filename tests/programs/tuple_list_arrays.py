import numpy as np


# A tuple parameter holding a list (dict) of arrays: the arrays are the caller's own, sharing memory,
# and the list is written back, as for a list parameter of arrays.
def scale_first(p: tuple[float, list[float[:]]]) -> float:
    k, rows = p
    rows[0][0] *= k
    rows.append(rows[0])
    return rows[-1][0] + len(rows)


def columns(p: tuple[int, dict[str, float[:]]]) -> float:
    i, named = p
    total = 0.0
    for key in named:
        total += named[key][i]
    named["sum"] = np.full(2, total)
    return total


def first(p: tuple[int, list[int[:]]]) -> list[int[:]]:
    return p[1][:p[0]]


def made(n: int) -> float:
    rows = [np.ones(n), np.zeros(n)]
    return scale_first((2.0, rows)) + len(rows)


#> scale_first((3.0, [np.arange(3.0), np.ones(2)]))
#> scale_first((0.5, [np.full(1, 4.0)]))
#> columns((1, {"a": np.arange(3.0), "b": np.ones(3)}))
#> columns((0, {}))
#> first((1, [np.arange(2), np.arange(3)]))
#> made(3)
#> scale_first((1.0, []))
# Deviation: an int64 array where float64 arrays are declared is refused at the call (CPython does not
# read annotations).
#> scale_first((1.0, [np.ones(2, dtype=int)])) !TypeError
