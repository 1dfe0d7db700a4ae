# Tuples: returned to Python as tuples, unpacked, held in locals, indexed by literals.


def divmod2(a: int, b: int):
    return a // b, a % b


def stats(n: int) -> tuple[int, float, str]:
    s = 0
    for i in range(n):
        s += i
    return s, s / max(n, 1), f"n={n}"


def use(n: int) -> str:
    q, r = divmod2(n, 7)
    total, mean, label = stats(n)
    t = (label, q, mean > 2.0)
    return t[0] + "/" + str(t[1]) + "/" + str(t[-1]) + f" {total} {r}"


def swap(a: str, b: str) -> tuple[str, str]:
    a, b = b, a
    return a, b


def pairs(n: int) -> int:
    best = (0, 0)
    for i in range(n):
        cand = (i * i % 7, i)
        if cand[0] > best[0]:
            best = cand
    x, y = best
    return x * 100 + y


def nested_calls(n: int) -> tuple[int, int]:
    a, b = divmod2(n, 3)
    c, d = divmod2(a + b, 2)
    return c, d


#> divmod2(17, 5)
#> divmod2(-17, 5)
#> divmod2(1, 0)
#> stats(0)
#> stats(10)
#> use(30)
#> use(0)
#> swap("x", "ÿ")
#> pairs(20)
#> nested_calls(100)
