# Nested lists, lists of tuples, of dicts and of strs; a dict of lists; reflection into nested lists.


def grid(n: int, m: int) -> list[list[float]]:
    rows: list[list[float]] = []
    for i in range(n):
        row = [0.0] * m
        for j in range(m):
            row[j] = i + j / 10
        rows.append(row)
    return rows


def transpose(a: list[list[int]]) -> list[list[int]]:
    out: list[list[int]] = []
    for j in range(len(a[0])):
        col: list[int] = []
        for i in range(len(a)):
            col.append(a[i][j])
        out.append(col)
    return out


def bump(a: list[list[int]]) -> None:
    for row in a:
        row.append(len(row))
    a[0][0] += 100


def aliases(n: int) -> list[list[int]]:
    row = [1, 2]
    rows = [row, row]
    rows[0].append(n)
    return rows


def pairs(n: int) -> list[tuple[int, float]]:
    out: list[tuple[int, float]] = []
    for i in range(n):
        out.append((i, i / 2))
    return out


def sum_pairs(ps: list[tuple[int, float]]) -> float:
    s = 0.0
    for i, x in ps:
        s += i * x
    return s


def named(ps: list[tuple[str, int]]) -> str:
    out = ""
    for p in ps:
        out = out + p[0] + "=" + str(p[1]) + ";"
    return out


def index_of(groups: dict[str, list[int]], key: str) -> list[int]:
    found: list[int] = []
    for k, v in groups.items():
        if k == key:
            for x in v:
                found.append(x)
    return found


def records(n: int) -> list[dict[str, int]]:
    out: list[dict[str, int]] = []
    for i in range(n):
        d = {"i": i, "sq": i * i}
        out.append(d)
    out[0]["i"] = -1
    return out


def deep(n: int) -> list[list[list[str]]]:
    x = [[["a"] * n]]
    x[0].append(["b", "c"])
    x.append([])
    return x


def fault_midway(n: int) -> list[list[int]]:
    out: list[list[int]] = []
    for i in range(n):
        out.append([i, 10 // (3 - i)])
    return out


def strs(words: list[str]) -> list[str]:
    out = words + ["!"]
    words.append("?")
    return out


def copy_in_out(a: list[tuple[str, list[int]]]) -> list[tuple[str, list[int]]]:
    a[0][1].append(9)
    return a


#> grid(0, 3)
#> grid(2, 3)
#> transpose([[1, 2, 3], [4, 5, 6]])
#> transpose([[1], [2]])
#> bump([[1], [2, 3], []])
#> aliases(7)
#> pairs(4)
#> sum_pairs([(1, 0.5), (2, 1.5)])
# Deviation: a list argument is checked item by item at the call, against the parameter's type
# (tests/test_lists.py checks the messages of the TypeErrors that CPython raises later).
#> sum_pairs([(1, 0.5), (2,)]) !TypeError: not list containing tuple of length 1 at index 1
#> named([("a", 1), ("bc", 22)])
#> index_of({"a": [1, 2], "b": [3]}, "a")
#> records(3)
#> deep(2)
#> fault_midway(2)
#> fault_midway(5)
#> strs(["x", "y"])
#> copy_in_out([("a", [1]), ("b", [])])


def from_dicts(d: dict[str, float]) -> tuple[list[str], list[float], list[tuple[str, float]]]:
    d["z"] = 0.5
    del d["a"]
    return list(d), list(d.values()), list(d.items())


def dict_of_lists(words: list[str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for w in words:
        k = str(len(w))
        if k not in groups:
            groups[k] = []
        groups[k].append(w)
    return groups


#> from_dicts({"a": 1.0, "b": 2.5})
#> from_dicts({"a": 1.0})
#> dict_of_lists(["ab", "c", "de", "fgh"])
