# Tuples of mixed types: int, float, bool and str items, built from expressions, returned,
# unpacked by callers in the cell, held in locals across loops, indexed with literal indices
# (negative ones too), tuples inside tuples used within a function.


def parts(n: int) -> tuple[int, float, bool, str]:
    return n, n / 4, n % 2 == 1, f"#{n}"


def reorder(n: int) -> tuple[str, bool, float, int]:
    a, b, c, d = parts(n)
    return d, c, b, a


def via_index(n: int) -> str:
    t = parts(n)
    return t[3] + " " + str(t[0]) + " " + str(t[-3]) + " " + str(t[-2])


def nested_local(n: int) -> str:
    inner = (n, "in")
    outer = (inner, n * 1.5, "out")
    pair = outer[0]
    return pair[1] + str(pair[0]) + outer[2] + str(outer[1])


def keep_best(n: int) -> tuple[int, str]:
    best = (-1, "")
    for i in range(n):
        cand = (i * 37 % 11, f"i={i}")
        if cand[0] > best[0]:
            best = cand
    return best


def scores(a: float, b: float) -> tuple[float, float, bool]:
    total = a + b
    return total, total / 2, a > b


def report(a: float, b: float) -> str:
    total, mean, first = scores(a, b)
    return f"total={total} mean={mean} first_bigger={first}"


def strings(a: str, b: str) -> tuple[str, str, int, bool]:
    return a + b, b + a, len(a + b), a < b


def flags(n: int) -> tuple[bool, bool, bool]:
    return n > 0, n == 0, not n


def empty_strs(n: int) -> tuple[str, str]:
    if n > 0:
        return "", str(n)
    return str(n), ""


def chained(n: int) -> int:
    q1, r1 = divmod_t(n, 10)
    q2, r2 = divmod_t(q1, 10)
    q3, r3 = divmod_t(q2, 10)
    return r1 + r2 * 10 + r3 * 100 + q3 * 1000


def divmod_t(a: int, b: int) -> tuple[int, int]:
    return a // b, a % b

#> parts(0)
#> parts(7)
#> parts(-9)
#> reorder(5)
#> reorder(-2)
#> via_index(11)
#> via_index(-4)
#> nested_local(3)
#> nested_local(-1)
#> keep_best(0)
#> keep_best(1)
#> keep_best(30)
#> scores(1.5, 2.5)
#> scores(float("inf"), float("-inf"))
#> scores(-0.0, -0.0)
#> report(3.0, 1.0)
#> report(0.1, 0.2)
#> strings("ab", "cd")
#> strings("", "")
#> strings("é", "e")
#> flags(5)
#> flags(0)
#> flags(-5)
#> empty_strs(3)
#> empty_strs(-3)
#> chained(4321)
#> chained(-4321)
#> chained(0)
