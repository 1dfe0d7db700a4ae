# Dicts: every value type, order after del and re-insert, growth, get defaults, KeyError, copies.


def grow(n: int) -> tuple[int, int, int]:
    d: dict[int, int] = {}
    for i in range(n):
        d[i * 7919 % 100003] = i
    total = 0
    for k in d:
        total += d[k]
    return len(d), total, d.get(-1, -99)


def floats(n: int) -> dict[int, float]:
    d: dict[int, float] = {}
    for i in range(n):
        d[i % 4] = d.get(i % 4, 0.5) * 1.5
    return d


def strings(n: int) -> dict[str, str]:
    d: dict[str, str] = {}
    for i in range(n):
        key = f"k{i % 3}"
        d[key] = d.get(key, "") + str(i)
    return d


def flags(words: dict[str, int]) -> dict[str, bool]:
    out: dict[str, bool] = {}
    for w, n in words.items():
        out[w] = n % 2 == 0
    return out


def churn(n: int) -> str:
    d: dict[int, int] = {}
    for i in range(n):
        d[i] = i
    for i in range(0, n, 2):
        del d[i]
    for i in range(0, n, 4):
        d[i] = -i
    text = ""
    for k, v in d.items():
        text = text + f"{k}={v};"
    return text


def missing(d: dict[str, int], key: str) -> int:
    return d[key] + 1


def delete_missing(n: int) -> int:
    d: dict[int, int] = {1: 1}
    del d[n]
    return len(d)


def mutate_copy(d: dict[str, int]) -> int:
    d["new"] = 1
    return len(d)


def changed_while_iterating(n: int) -> int:
    d: dict[int, int] = {0: 0, 1: 1}
    for k in d:
        d[k + n] = k
    return len(d)

#> grow(0)
#> grow(10)
#> grow(5000)
#> floats(10)
#> strings(10)
#> flags({"a": 2, "bb": 3, "": 0})
#> churn(12)
#> churn(1)
#> missing({"a": 1}, "a")
#> missing({"a": 1}, "b")
#> missing({}, "")
#> delete_missing(1)
#> delete_missing(2)
#> mutate_copy({"x": 1})
#> changed_while_iterating(10)
#> changed_while_iterating(0)
