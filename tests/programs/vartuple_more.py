# Variable-length tuples with builtins, generators, fixed tuples, lists of them, and strings.
from typing import Iterator


def builtins(t: tuple[int, ...]) -> None:
    print(min(t), max(t), sum(t), sorted(t), any(t), all(t), list(t), t[::-1])
    for i, x in enumerate(t):
        print(i, x)
    for a, b in zip(t, t[1:]):
        print(a - b)
    print(",".join(tuple(str(x) for x in t)))


def fixed(t: tuple[int, ...]) -> tuple[int, ...]:
    u: tuple[int, ...] = (1, 2)
    w = (4, 5)
    print(u + w, u == w, u < w, t == w, w + t)
    return w


def empty() -> tuple[float, ...]:
    return ()


def floats(t: tuple[float, ...]) -> str:
    return f"{t} {t!r} {t + (1.0, 2.5)}"


def prefixes(n: int) -> Iterator[tuple[int, ...]]:
    for i in range(n):
        yield tuple(range(i))


def count_prefixes(n: int) -> int:
    total = 0
    for p in prefixes(n):
        total += len(p) + sum(p)
    return total


def table(rows: list[tuple[int, ...]]) -> list[tuple[int, ...]]:
    out: list[tuple[int, ...]] = []
    for r in rows:
        out.append(r + (len(r),))
    out.sort()
    print(out, (1, 2) in out, out.index(out[-1]))
    return out


def chars(s: str) -> tuple[str, ...]:
    t = tuple(s)
    return t[:1] * 3 + t + tuple(sorted(t)) + (str(len(tuple({c for c in s}))),)


def keys(d: dict[str, int]) -> tuple[str, ...]:
    return tuple(d) + tuple(k for k in d if d[k] > 1)


def repeated(t: tuple[bool, ...], n: int) -> tuple[bool, ...]:
    u = t
    u *= n
    return u + t



def snapshot(xs: list[int]) -> tuple[int, ...]:
    t = tuple(xs)
    xs.append(99)
    xs.extend(t)
    xs += t[:1]
    return t + tuple(xs)


def pick(ts: list[tuple[str, ...]], i: int) -> tuple[str, ...]:
    ts.append(ts[i] + ("new",))
    print(ts[-1], ts)
    return ts[i]



def pairs(ts: list[tuple[int, ...]]) -> int:
    total = 0
    for a, b in ts:
        total += a * b
    else:
        total += 1000
    return total



def either(t: tuple[int, ...], c: bool) -> tuple[int, ...]:
    return t if c else (1, 2)



def doubled(n: int) -> Iterator[int]:
    for i in range(n):
        yield i * 2


def walked(n: int, xs: list[str]) -> None:
    print(tuple(doubled(n)), tuple(enumerate(xs)), tuple(zip(xs, xs[1:])), tuple(reversed(range(n))))


def starred(t: tuple[int, ...]) -> list[int]:
    first, *rest, last = t  # rest is a list, as in Python
    rest.append(first + last)
    print(tuple({5}), tuple("ab"), tuple({3: 1}), list(reversed(t)))
    return rest


#> builtins((3, 1, 2))
#> builtins((7,))
#> builtins(())
#> fixed((4, 5))
#> fixed(())
#> empty()
#> floats((1.5, -0.0, 1e300))
#> floats(())
#> count_prefixes(5)
#> table([(3, 1), (), (1, 2, 3)])
#> table([])
#> chars("hello")
#> chars("")
#> keys({"a": 1, "b": 2})
#> repeated((True, False), 2)
#> repeated((True,), 0)
#> repeated((True,), -1)
#> snapshot([1, 2])
#> snapshot([])
#> pick([("a",), ()], 0)
#> pick([("a",), ()], 5)
#> pairs([(1, 2), (3, 4)])
#> pairs([])
#> pairs([(1, 2), (3,)])
#> pairs([(1, 2, 3)])
#> either((5,), True)
#> either((5,), False)
#> walked(3, ["a", "b", "c"])
#> walked(0, [])
#> starred((1, 2, 3, 4))
#> starred((1, 2))
#> starred((1,))
