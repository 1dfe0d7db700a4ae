# Sets of int and str: literals, set(), add discard remove pop clear copy, in, len, truth,
# iteration, operators and their in-place forms, comparisons, the methods, printing.
# Iteration runs in the order elements were added (the runtime's compact table), where
# CPython's order follows the hashes: programs here sum or count, or print sets that
# CPython prints in the same order; `walk_order` shows the one difference.


def build(n: int) -> set[int]:
    s: set[int] = set()
    for i in range(n):
        s.add(i * i % 7)
    return s


def literal_and_len(x: int) -> int:
    s = {1, 2, 3, x}
    return len(s) * 100 + len({x, 1, x})


def methods(n: int) -> int:
    s = {1, 2, 3, 4}
    s.add(n)
    s.discard(2)
    s.discard(100)
    s.remove(3)
    c = s.copy()
    c.add(50)
    s.clear()
    return len(s) * 1000 + len(c) * 10 + (1 if 50 in c and 50 not in s else 0)


def membership(a: str, b: str) -> str:
    words = {"apple", "pear", a}
    out = ""
    if a in words:
        out += "a"
    if b in words:
        out += "b"
    if b not in words:
        out += "!b"
    return out


def truth(n: int) -> str:
    s: set[int] = set()
    out = "empty " if not s else "full "
    for i in range(n):
        s.add(i)
    return out + ("full" if s else "empty")


def total(n: int) -> int:
    s: set[int] = set()
    for i in range(n):
        s.add(i % 10)
        s.add(-i)
    t = 0
    for x in s:
        t += x * x
    return t


def operators(n: int) -> tuple[int, int, int, int]:
    a = {1, 2, 3, n}
    b = {3, 4, 5}
    return len(a | b), len(a & b), len(a - b), len(a ^ b)


def operators_printed(n: int) -> None:
    a = {1, 2, 3, n}
    b = {3, 4, 5}
    print(a | b, a & b, a - b, b - a, a ^ b)
    print(a.union(b), a.intersection(b), a.difference(b), a.symmetric_difference(b))
    print(a.union(b, {7}), a.intersection(b, {3}), set(a), a.union())


def in_place(n: int) -> None:
    a = {1, 2, 3, n}
    alias = a
    a |= {6, 7}
    print(a, alias)
    a &= {1, 2, 6, 7, 5}
    print(a, alias)
    a -= {1}
    print(a, alias)
    a ^= {2, 5}
    print(a, alias)
    a.update({4})
    a.difference_update({7})
    a.intersection_update({5, 4, 6})
    a.symmetric_difference_update({6, 0})
    print(alias)


def self_operations(n: int) -> None:
    a = {1, 2, n}
    a |= a
    print(a)
    a &= a
    print(a)
    b = a.copy()
    b ^= b
    a -= a
    print(a, b, len(a))


def comparisons(n: int) -> str:
    a = {1, 2}
    b = {1, 2, n}
    out = ""
    for r in (a == b, a != b, a <= b, a < b, a >= b, a > b, b > a, a == {2, 1}, a < a, a <= a):
        out += "1" if r else "0"
    return out


def subset_methods(n: int) -> str:
    a = {1, 2}
    b = {1, 2, n}
    c = {10, 11}
    out = ""
    for r in (a.issubset(b), b.issubset(a), b.issuperset(a), a.isdisjoint(c), a.isdisjoint(b)):
        out += "1" if r else "0"
    return out


def strings(word: str) -> str:
    s = {word, word + "!", "x"}
    s.discard("x")
    out = 0
    for w in s:
        out += len(w) * len(w)
    return f"{len(s)} {out} {s == {word + '!', word}} {'x' in s}"


def printed(x: str) -> str:
    s = {x}
    e: set[str] = set()
    print(s, e, {1}, str({2}), f"{ {x} } {e}")
    return str(s) + f"{e!r}"


def pop_all(n: int) -> int:
    s: set[int] = set()
    for i in range(n):
        s.add(i * 3)
    t = 0
    while s:
        t += s.pop()
    return t * 10 + len(s)


def pop_one(x: str) -> str:
    s = {x}
    return s.pop() + str(len(s))


def walk_order() -> str:
    out = ""
    for x in {3, 1, 2}:
        out += str(x)
    return out


def same_size_changes(n: int) -> int:
    s = {1, 2, 3}
    count = 0
    for x in s:
        count += 1
        if count > n:
            break
    return count


#> build(10)
#> build(0)
#> literal_and_len(9)
#> literal_and_len(2)
#> methods(10)
#> methods(1)
#> membership("fig", "pear")
#> membership("fig", "kiwi")
#> truth(0)
#> truth(3)
#> total(100)
#> operators(9)
#> operators(3)
#> operators_printed(6)
#> operators_printed(4)
#> in_place(4)
#> self_operations(5)
#> comparisons(3)
#> comparisons(2)
#> subset_methods(3)
#> subset_methods(2)
#> strings("héllo")
#> printed("it's")
#> printed('a"b')
#> pop_all(50)
#> pop_all(0)
#> pop_one("z")
# Deviation: compiled code walks a set in the order its elements were added; CPython's
# order follows the hashes (1, 2, 3 here).
#> walk_order() => "312"
#> same_size_changes(2)
