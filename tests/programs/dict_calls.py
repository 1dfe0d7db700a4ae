# Dicts passed to functions, returned by them, built by one function of the cell and used by
# another; a dict argument given by Python is checked against the parameter's types.


def build(n: int) -> dict[str, int]:
    d: dict[str, int] = {}
    for i in range(n):
        d["w" + str(i % 4)] = d.get("w" + str(i % 4), 0) + i
    return d


def total(d: dict[str, int]) -> int:
    s = 0
    for v in d.values():
        s += v
    return s


def roundtrip(n: int) -> tuple[int, int]:
    d = build(n)
    return total(d), len(d)


def add_key(d: dict[str, int], k: str) -> dict[str, int]:
    d[k] = len(d)
    return d


def chain(n: int) -> dict[str, int]:
    d = build(n)
    d = add_key(d, "extra")
    d = add_key(d, "w0")
    return d


def fill(d: dict[int, int], n: int) -> None:
    for i in range(n):
        d[i] = i * i


def filled(n: int) -> int:
    d: dict[int, int] = {}
    fill(d, n)
    fill(d, n // 2)
    return len(d) * 1000 + d.get(n - 1, -1)


def merge(a: dict[str, float], b: dict[str, float]) -> dict[str, float]:
    out: dict[str, float] = {}
    for k, v in a.items():
        out[k] = v
    for k, v in b.items():
        out[k] = out.get(k, 0.0) + v
    return out


def identity(d: dict[int, str]) -> dict[int, str]:
    return d


def lookup_twice(d: dict[int, int], k: int) -> int:
    return get_or(d, k) + get_or(d, k + 1)


def get_or(d: dict[int, int], k: int) -> int:
    if k in d:
        return d[k]
    return -1


def counts_pair(n: int) -> tuple[dict[int, int], int]:
    d: dict[int, int] = {}
    for i in range(n):
        d[i % 3] = d.get(i % 3, 0) + 1
    return d, len(d)

#> build(0)
#> build(10)
#> total({})
#> total({"a": 1, "b": -5})
#> roundtrip(0)
#> roundtrip(100)
#> add_key({}, "k")
#> add_key({"k": 5}, "k")
#> chain(0)
#> chain(7)
#> filled(1)
#> filled(10)
#> merge({"a": 1.0, "b": 2.0}, {"b": 0.5, "c": -1.0})
#> merge({}, {})
#> identity({3: "c", 1: "a"})
#> identity({})
#> lookup_twice({1: 10, 2: 20}, 1)
#> lookup_twice({1: 10, 2: 20}, 2)
#> lookup_twice({}, 0)
#> counts_pair(0)
#> counts_pair(10)
# Deviation: a dict argument is checked against the parameter's key and value types
# (CPython runs the function with whatever it is given).
#> total({"a": 1.5}) !TypeError: a value of total() argument 'd' must be int, not float
#> total({1: 1}) !TypeError: a key of total() argument 'd' must be str, not int
#> total([("a", 1)]) !TypeError: total() argument 'd' must be dict[str, int], not list
#> identity({1: 2}) !TypeError
# Deviation: an int value passed in a dict[str, float] becomes a float.
#> merge({"a": 1}, {"b": 2.5}) => {"a": 1.0, "b": 2.5}
