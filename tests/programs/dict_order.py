# Dict order: insertion order survives updates to existing keys, a deleted key re-inserted goes
# to the end, growth to many entries (with deletions between) keeps order, keys()/values()/items().


def order_after_reinsert(n: int) -> str:
    d: dict[int, int] = {}
    for i in range(n):
        d[i] = i * i
    del d[0]
    d[0] = -1
    d[n // 2] = 99
    out = ""
    for k in d:
        out = out + str(k) + ":" + str(d[k]) + " "
    return out


def update_existing(n: int) -> dict[str, int]:
    d = {"c": 3, "a": 1, "b": 2}
    for i in range(n):
        d["a"] += i
        d["c"] = d["c"] * 2
    return d


def assign_while_iterating(n: int) -> dict[int, int]:
    d: dict[int, int] = {}
    for i in range(n):
        d[i * 3 % n] = i
    for k in d:
        d[k] = d[k] * 10 + k
    return d


def update_values_in_items(d: dict[str, float]) -> dict[str, float]:
    for k, v in d.items():
        d[k] = v * 2.0 + 0.5
    return d


def grow_and_shrink(n: int) -> tuple[int, int, int, int]:
    d: dict[int, int] = {}
    for i in range(n):
        d[i * 7 % 1000003] = i
    for i in range(0, n, 3):
        del d[i * 7 % 1000003]
    first = -1
    last = -1
    total = 0
    for k, v in d.items():
        if first < 0:
            first = v
        last = v
        total += v
    return len(d), first, last, total


def as_returned(n: int) -> dict[int, int]:
    d: dict[int, int] = {}
    for i in range(n):
        d[(i * 5) % 7] = i
        if i % 4 == 3:
            del d[(i * 5) % 7]
    return d


def churn_str(n: int) -> dict[str, int]:
    d: dict[str, int] = {}
    for i in range(n):
        key = "k" + str(i % 5)
        if key in d:
            del d[key]
        else:
            d[key] = i
    return d


def keys_values_items(d: dict[int, str]) -> str:
    ks = ""
    for k in d.keys():
        ks = ks + str(k) + ","
    vs = ""
    for v in d.values():
        vs = vs + v + ","
    its = ""
    for k, v in d.items():
        its = its + f"({k}, {v!r})"
    return ks + " " + vs + " " + its


def many_str_keys(n: int) -> tuple[int, int, str]:
    d: dict[str, int] = {}
    for i in range(n):
        d[f"key-{i % 997}-é"] = i
    last = ""
    for k in d:
        last = k
    return len(d), d.get("key-5-é", -1), last


def empty_again(n: int) -> tuple[int, bool, dict[int, int]]:
    d: dict[int, int] = {}
    for i in range(n):
        d[i] = i
    for i in range(n):
        del d[i]
    d[42] = 1
    return len(d), 0 in d, d

#> order_after_reinsert(1)
#> order_after_reinsert(6)
#> order_after_reinsert(20)
#> update_existing(0)
#> update_existing(5)
#> assign_while_iterating(1)
#> assign_while_iterating(10)
#> update_values_in_items({"x": 1.0, "y": -0.0, "z": 1e308})
#> update_values_in_items({})
#> grow_and_shrink(0)
#> grow_and_shrink(10)
#> grow_and_shrink(20000)
#> as_returned(0)
#> as_returned(5)
#> as_returned(40)
#> churn_str(0)
#> churn_str(7)
#> churn_str(23)
#> keys_values_items({3: "c", 1: "a", 2: "b"})
#> keys_values_items({})
#> keys_values_items({-1: "", 0: "ü"})
#> many_str_keys(0)
#> many_str_keys(5000)
#> empty_again(0)
#> empty_again(100)
