# Dicts: literals, d[k], d.get, in, del, len, iteration in insertion order, KeyError.


def count_mod(n: int, m: int) -> dict[int, int]:
    counts: dict[int, int] = {}
    for i in range(n):
        k = i * i % m
        counts[k] = counts.get(k, 0) + 1
    return counts


def words(text_a: str, text_b: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    counts[text_a] = counts.get(text_a, 0) + len(text_a)
    counts[text_b] = counts.get(text_b, 0) + len(text_b)
    counts[text_a] = counts.get(text_a, 0) + len(text_a)
    return counts


def augmented(n: int) -> dict[str, float]:
    d = {"a": 1.5, "b": 2.5}
    for i in range(n):
        d["a"] += i
        d["b"] *= 1.5
    return d


def ordered(n: int) -> str:
    d: dict[int, str] = {}
    for i in range(n):
        d[(i * 7) % 5] = str(i)
    del d[2]
    d[2] = "again"
    out = ""
    for k, v in d.items():
        out = out + f"{k}:{v} "
    for k in d.keys():
        out = out + str(k)
    for v in d.values():
        out = out + v
    return out


def lookup(d: dict[str, int], k: str) -> int:
    return d[k]


def remove(d: dict[int, int], k: int) -> int:
    del d[k]
    return len(d)


def member(d: dict[str, bool], k: str) -> tuple[bool, bool, bool]:
    return k in d, k not in d, d.get(k, False)


def mutate_while_iterating(n: int) -> int:
    d = {1: 1, 2: 2}
    for k in d:
        d[k + n] = k
    return len(d)


def truth(d: dict[int, int]) -> str:
    if d:
        return "non-empty"
    return "empty"


def strings(d: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in d.items():
        out[v] = k + k
        out[k] = out.get(k, "") + "!"
    return out


#> count_mod(100, 7)
#> count_mod(0, 3)
#> words("ab", "cde")
#> words("x", "x")
#> augmented(5)
#> ordered(10)
#> lookup({"a": 1, "b": 2}, "b")
#> lookup({"a": 1, "b": 2}, "c")
#> lookup({}, "ü")
#> remove({1: 2, 3: 4}, 3)
#> remove({1: 2, 3: 4}, 5)
#> member({"x": True, "y": False}, "y")
#> member({"x": True, "y": False}, "z")
#> mutate_while_iterating(10)
#> mutate_while_iterating(0)
#> truth({})
#> truth({1: 1})
#> strings({"a": "b", "c": "d"})
