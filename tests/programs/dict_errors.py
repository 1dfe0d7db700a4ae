# Dict errors: KeyError carries the key (repr'd as CPython does: quotes, escapes, non-ASCII),
# `del` of a missing key, adding or deleting keys while iterating raises RuntimeError, and
# nothing leaks when a lookup fails in the middle of a loop or an expression.


def lookup_int(d: dict[int, int], k: int) -> int:
    return d[k]


def lookup_str(d: dict[str, str], k: str) -> str:
    return d[k]


def delete(d: dict[str, int], k: str) -> int:
    del d[k]
    return len(d)


def in_expression(d: dict[str, int], a: str, b: str) -> str:
    return "sum=" + str(d[a] + d[b])


def fail_in_loop(n: int) -> int:
    d: dict[int, int] = {}
    for i in range(n):
        d[i] = i
    total = 0
    for i in range(n + 1):
        total += d[i]
    return total


def fail_after_building(n: int) -> str:
    d: dict[str, str] = {}
    out = ""
    for i in range(n):
        d[str(i)] = "v" + str(i)
        out = out + d[str(i)]
    return out + d["missing"]


def add_while_iterating(n: int) -> int:
    d = {1: 10, 2: 20, 3: 30}
    count = 0
    for k in d:
        count += 1
        if k == n:
            d[100] = 0
    return count


def delete_while_iterating(n: int) -> int:
    d = {1: 10, 2: 20, 3: 30}
    count = 0
    for k, v in d.items():
        count += v
        if k == n:
            del d[k]
    return count


def values_while_adding(n: int) -> int:
    d: dict[str, int] = {"a": 1}
    s = 0
    for v in d.values():
        s += v
        if n > 0:
            d["b" + str(s)] = v
    return s


def update_existing_ok(n: int) -> int:
    d = {1: 10, 2: 20, 3: 30}
    for k in d:
        d[k] = d[k] + n
        d[1] = 0
    return d[1] + d[2] + d[3]


def replace_each(n: int) -> int:
    d: dict[int, int] = {}
    for i in range(n):
        d[i] = i
    count = 0
    for k in d:
        count += 1
        del d[k]
        d[k + 1000] = k
    return count


def replace_other(n: int) -> str:
    d: dict[int, int] = {}
    for i in range(n):
        d[i] = i
    out = ""
    for k in d:
        out = out + str(k) + ","
        if k + 1 in d:
            del d[k + 1]
            d[k + 1000] = k
    return out


def replace_in_items(n: int) -> str:
    d = {"a": 1, "b": 2, "c": 3}
    out = ""
    for k, v in d.items():
        out = out + k
        if v == n:
            del d[k]
            d[k + k] = v
    return out

#> lookup_int({1: 2}, 1)
#> lookup_int({1: 2}, 2)
#> lookup_int({}, -9223372036854775808)
#> lookup_str({"a": "b"}, "a")
#> lookup_str({"a": "b"}, "A")
#> lookup_str({}, "")
#> lookup_str({}, "it's")
#> lookup_str({}, "say \"hi\"")
#> lookup_str({}, "naïve")
#> lookup_str({}, "tab\there\n")
#> lookup_str({}, "😀")
#> lookup_str({}, "\x00")
#> delete({"a": 1, "b": 2}, "a")
#> delete({"a": 1, "b": 2}, "c")
#> delete({}, "é")
#> in_expression({"a": 1, "b": 2}, "a", "b")
#> in_expression({"a": 1, "b": 2}, "a", "x")
#> in_expression({"a": 1, "b": 2}, "y", "x")
#> fail_in_loop(0)
#> fail_in_loop(10)
#> fail_after_building(0)
#> fail_after_building(5)
#> add_while_iterating(0)
#> add_while_iterating(1)
#> add_while_iterating(3)
#> delete_while_iterating(0)
#> delete_while_iterating(2)
#> delete_while_iterating(3)
#> values_while_adding(0)
#> values_while_adding(1)
#> update_existing_ok(5)
#> replace_each(0)
#> replace_each(1)
#> replace_each(3)
#> replace_each(8)
#> replace_each(20)
#> replace_other(3)
#> replace_other(10)
#> replace_other(40)
#> replace_in_items(0)
#> replace_in_items(1)
#> replace_in_items(3)
