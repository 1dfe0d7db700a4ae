import numpy as np


def swap(a: float[:], i: int, j: int) -> float:
    a[i], a[j] = a[j], a[i]
    return a[0]


def swap_dict(d: dict[str, int]) -> int:
    d["a"], d["b"] = d["b"], d["a"]
    return d["a"] * 10 + d["b"]


def chained(x: int) -> float:
    p = q = x + 1
    r = s = 2.5
    return p + q + r + s


def chained_items(a: int[:], i: int, j: int) -> int:
    a[i] = a[j] = 7
    return a[0] + a[1] + a[2]


def nested(t: int) -> float:
    (u, v), w = (t, 2.5), 3
    return u + v + w


def order(a: int[:]) -> int:
    i = 0
    i, a[i] = 1, 5
    return a[0] * 10 + a[1]


def pairs_loop() -> float:
    total = 0.0
    for (x, y), m in (((1.0, 2.0), 3.0), ((4.0, 5.0), 6.0)):
        total += x * y * m
    return total


def into_items(a: int[:]) -> int:
    for i, a[i] in enumerate((10, 20, 30)):
        pass
    return a[0] + a[1] + a[2]


def index_error(a: int[:], i: int) -> int:
    a[0], a[i] = 1, 2
    return a[0]


def key_error(d: dict[str, int]) -> int:
    x, d["z"] = d["a"], d["q"]
    return x


def str_items(d: dict[str, str]) -> str:
    s = ""
    for i, (k, v) in enumerate(d.items()):
        s = s + k + v + str(i)
    t = u = s
    return t + u


def str_minmax(d: dict[str, int]) -> tuple[str, str]:
    return min(d), max(d.keys(), default="none")


#> swap(np.array([1.0, 2.0, 3.0]), 0, 2)
#> swap(np.array([1.0, 2.0, 3.0]), 0, 5)
#> swap(np.array([1.0, 2.0, 3.0]), -1, 1)
#> swap_dict({"a": 1, "b": 2})
#> swap_dict({"a": 1})
#> chained(4)
#> chained_items(np.array([1, 2, 3]), 0, 2)
#> chained_items(np.array([1, 2, 3]), 1, 9)
#> nested(4)
#> order(np.array([0, 0, 0]))
#> pairs_loop()
#> into_items(np.array([0, 0, 0]))
#> index_error(np.array([0, 0, 0]), 3)
#> key_error({"a": 1, "q": 2})
#> key_error({"a": 1})
#> str_items({"x": "1", "y": "22"})
#> str_minmax({"pear": 1, "apple": 2, "zoo": 3})
#> str_minmax({})
