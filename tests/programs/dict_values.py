# Dicts of every key and value type: dict[int, int], dict[int, float], dict[str, str],
# dict[str, bool], dict[int, str], dict[str, float]; get() with defaults of each type, `in`,
# truthiness and len, float values from ints, signed zeros and NaN values kept bit for bit.


def squares(n: int) -> dict[int, int]:
    d: dict[int, int] = {}
    for i in range(-n, n + 1):
        d[i] = i * i
    return d


def halves(n: int) -> dict[int, float]:
    d: dict[int, float] = {}
    for i in range(n):
        d[i] = i / 2
    d[-1] = 3
    return d


def float_values(x: float) -> dict[int, float]:
    d = {0: x, 1: -x, 2: x * 0.0, 3: x - x}
    return d


def float_get(d: dict[int, float], k: int) -> float:
    return d.get(k, -0.0) + d.get(k + 1, 0.5)


def renames(d: dict[str, str], k: str) -> str:
    return d.get(k, "<" + k + ">") + "|" + d.get(d.get(k, ""), "none")


def invert(d: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in d.items():
        out[v] = k
    return out


def seen(words: dict[str, int], probe: str) -> dict[str, bool]:
    out: dict[str, bool] = {}
    for w in words:
        out[w] = w < probe
    out[probe] = probe in words
    return out


def bool_get(d: dict[str, bool], k: str) -> tuple[bool, bool, int]:
    return d.get(k, False), d.get(k, True), len(d)


def int_names(n: int) -> dict[int, str]:
    names = {0: "zero", 1: "one", 2: "two"}
    out: dict[int, str] = {}
    for i in range(n):
        out[i * 10] = names.get(i % 4, "many") + "!"
    return out


def sums(d: dict[str, float]) -> tuple[float, int, bool]:
    s = 0.0
    for v in d.values():
        s += v
    return s, len(d), bool(len(d))


def truthy(d: dict[int, str]) -> str:
    if d:
        return "yes " + str(len(d))
    return "no"


def literal_types(n: int) -> float:
    d = {"a": 1, "b": 2.5, "c": n}
    return d["a"] + d["b"] + d["c"]


def augmented(n: int) -> dict[str, str]:
    d = {"x": "", "y": "é"}
    for i in range(n):
        d["x"] += str(i)
        d["y"] = d["y"] + "-"
    return d

#> squares(0)
#> squares(3)
#> float_values(1.5)
#> float_values(-0.0)
#> float_values(float("inf"))
#> float_values(float("nan"))
#> float_get({1: 2.0, 2: 4.0}, 1)
#> float_get({1: 2.0, 2: 4.0}, 5)
#> float_get({}, 0)
#> renames({"a": "b", "b": "c"}, "a")
#> renames({"a": "b", "b": "c"}, "b")
#> renames({"a": "b", "b": "c"}, "z")
#> renames({}, "")
#> invert({"a": "1", "b": "2", "c": "1"})
#> invert({})
#> invert({"日本": "nihon", "é": "e"})
#> seen({"pear": 1, "apple": 2, "fig": 3}, "grape")
#> seen({"pear": 1}, "pear")
#> seen({}, "")
#> bool_get({"a": True, "b": False}, "a")
#> bool_get({"a": True, "b": False}, "b")
#> bool_get({"a": True, "b": False}, "c")
#> int_names(0)
#> int_names(6)
#> sums({"a": 0.1, "b": 0.2, "c": 0.3})
#> sums({})
#> sums({"x": float("inf"), "y": float("-inf")})
#> truthy({})
#> truthy({1: "a", 2: "b"})
#> literal_types(4)
#> augmented(0)
#> augmented(4)
# Deviation: an int stored into a dict[int, float] becomes a float (CPython keeps the int).
#> halves(0) => {-1: 3.0}
#> halves(5) => {0: 0.0, 1: 0.5, 2: 1.0, 3: 1.5, 4: 2.0, -1: 3.0}
