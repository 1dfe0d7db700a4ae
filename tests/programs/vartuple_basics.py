# Variable-length tuples, tuple[T, ...]: tuple() of iterables, indexing, slicing, len, iteration, +, *, in,
# count, index, comparison, printing, and the boundary (a Python tuple in, a Python tuple out).


def squares(n: int) -> tuple[int, ...]:
    return tuple(i * i for i in range(n))


def total(t: tuple[int, ...]) -> int:
    s = 0
    for x in t:
        s += x
    return s + len(t)


def item(t: tuple[float, ...], i: int) -> float:
    return t[i]


def grow(t: tuple[int, ...]) -> tuple[int, ...]:
    u = t + (7, 8)
    u += (1,)
    u *= 2
    return u[::-1]


def show(t: tuple[int, ...]) -> None:
    print(t, t[1:], t[:1], t * 2, 3 in t, 4 not in t, t.count(1), len(t), t == (0, 1, 4), t < (0, 2), bool(t))
    print(f"{t}", str(t), f"{t[:0]!r}")


def conversions() -> None:
    print(tuple([5]), tuple("ab"), tuple(range(3)), tuple({1: 2, 3: 4}), len(tuple()), tuple({7}))
    print(tuple(tuple([1, 2])), list(tuple([1, 2])), sorted(tuple([3, 1, 2])), tuple(x for x in "xyz" if x != "y"))


def where(t: tuple[str, ...], s: str) -> int:
    return t.index(s)


def compare(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[bool, bool, bool, bool]:
    return a == b, a != b, a < b, a >= b


def strings(words: list[str]) -> tuple[str, ...]:
    kept = tuple(w.upper() for w in words if w)
    return kept[1:] + kept[:1]


def nested(n: int) -> tuple[tuple[int, int], ...]:
    return tuple((i, i * i) for i in range(n))


def of_lists(t: tuple[list[int], ...]) -> int:
    t[0].append(len(t))  # the list inside a tuple is the caller's, and changes
    return sum(len(x) for x in t)


def keep(t: tuple[int, ...]) -> tuple[int, ...]:
    return t



def unpack(t: tuple[str, ...]) -> str:
    a, b = t
    return b + a


def unpack_pairs(n: int) -> int:
    total = 0
    for i in range(n):
        x, y, z = tuple(range(i, i + 3))
        total += x * y - z
    return total


#> squares(5)
#> squares(0)
#> total((1, 2, 3))
#> total(())
#> total(squares(4))
#> item((1.5, 2.5), -1)
#> item((1.5, 2.5), 2)
#> item((), 0)
#> grow((1, 2))
#> show((0, 1, 4))
#> show((1,))
#> show(())
#> conversions()
#> where(("a", "b"), "b")
#> where(("a", "b"), "c")
#> compare((1, 2), (1, 2))
#> compare((1, 2), (1, 2, 0))
#> compare((), (0,))
#> strings(["ab", "", "cd", "e"])
#> nested(3)
#> of_lists(([1], [2, 3]))
# Deviation: a tuple[T, ...] parameter takes a tuple whose items are all T (a TypeError names the first that is not)
#> total([1, 2]) !TypeError: total() argument 't' must be tuple[int, ...], not list
#> item((1.5, "x"), 0) !TypeError: item() argument 't' must be tuple[float, ...], not tuple containing str at index 1
#> total((1, 2.5)) !TypeError: total() argument 't' must be tuple[int, ...], not tuple containing float at index 1
#> keep((4, 5))
#> unpack(("x", "yz"))
#> unpack(("x",))
#> unpack(("x", "y", "z"))
#> unpack(())
#> unpack_pairs(4)
