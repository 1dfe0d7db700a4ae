# Unpacking a set (its iteration order), a dict (its keys) and dict views in assignments, and
# reversed() of a dict and of its views. Sets here have one order in both (one element, or
# elements CPython orders as they were added: small ints added in increasing order).


def of_set(n: int) -> int:
    a, b = {n, n + 1}
    return a * 10 + b


def of_keys(d: dict[str, int]) -> str:
    x, y = d.keys()
    return x + y


def of_items(d: dict[str, int]) -> int:
    (k1, v1), (k2, v2) = d.items()
    return v1 * 10 + v2 + len(k1 + k2)


def of_values(d: dict[str, float]) -> float:
    first, *rest = d.values()
    return first - sum(rest)


def of_dict(d: dict[str, int]) -> str:
    first, *rest = d
    return first + "|" + ",".join(rest)


def wrong_length(s: set[int]) -> int:
    a, b = s
    return a + b


def backwards(d: dict[str, int]) -> list[str]:
    out = [k for k in reversed(d)]
    for k, v in reversed(d.items()):
        out.append(k * v)
    for v in reversed(d.values()):
        out.append(str(v))
    for k in reversed(d.keys()):
        out.append(k.upper())
    return out

#> of_set(3)
#> of_keys({"a": 1, "b": 2})
#> of_keys({"a": 1})
#> of_items({"a": 1, "bb": 2})
#> of_values({"a": 10.0, "b": 2.5, "c": 0.5})
#> of_dict({"x": 1, "y": 2, "z": 3})
#> wrong_length({1, 2, 3})
#> wrong_length({1})
#> backwards({"a": 1, "b": 2, "c": 3})
#> backwards({})
