# Bound methods kept in a local and called (`add = xs.append` ... `add(x)`), as speed-minded Python
# writes them (pyperformance's fannkuch): the calls are the method's calls on the object.


def squares(n: int) -> list[int]:
    out: list[int] = []
    add = out.append
    for i in range(n):
        add(i * i)
    return out


def rotate(xs: list[int], times: int) -> list[int]:
    ins = xs.insert
    pop = xs.pop
    for _ in range(times):
        ins(len(xs) - 1, pop(0))
    return xs


def lookups(keys: list[str]) -> int:
    counts = {"a": 1, "b": 2}
    get = counts.get
    total = 0
    for k in keys:
        total += get(k, 10)
    return total


def shout(s: str) -> str:
    up = s.upper
    return up() + "!"


def from_empty(n: int) -> int:
    xs: list[int] = []
    pop = xs.pop
    if n > 0:
        xs.append(n)
    return pop()


#> squares(5)
#> rotate([1, 2, 3, 4], 1)
#> rotate([1, 2, 3, 4], 6)
#> rotate([], 1)
#> lookups(["a", "b", "c", "a"])
#> shout("hey")
#> from_empty(3)
#> from_empty(0)
