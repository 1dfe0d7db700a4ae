# The text of lists, tuples and dicts holding instances (print, str, repr, f-strings with and without
# !r): each item by its class's __repr__, a subclass's own; an item evaluated once; and "%r", "%s",
# "%8s", "{!r}".format(...) of instances and of lists of them.


class V:
    def __init__(self, x: int):
        self.x = x

    def __repr__(self) -> str:
        return f"V({self.x})"

    def __str__(self) -> str:
        return f"<{self.x}>"


class W(V):
    def __repr__(self) -> str:
        return f"W({self.x})"


def mk(n: int) -> list[V]:
    print("mk", n)
    return [V(i) if i % 2 else W(i) for i in range(n)]


def lists(n: int) -> str:
    xs = mk(n)
    print(xs, [xs, xs], str(mk(1)))
    return f"{xs} {xs!r} {repr(xs)} {xs[0]} {xs[0]!r} {repr(xs[0])}"


def tuples(n: int) -> str:
    t = (V(n), "a", 2.5, W(n + 1))
    one = (V(n),)
    nested = (t, [one])
    print(t, one, nested)
    return f"{t} {one!r} {repr(nested)} " + str(t)


def dicts(n: int) -> str:
    e: dict[int, list[V]] = {1: mk(2)}
    for i in range(n):
        e[i * 10] = mk(i)
    print(e)
    return f"{e!r} {e}" + str(e) + repr({"k": [V(1)]})


def pct(n: int) -> str:
    v = V(n)
    t = (v, 3)
    xs = [v, V(n + 1)]
    return "%r|%s|%8s|%-8r|%d" % (v, v, v, v, n) + " %s %r" % t + " %s/%r" % (xs, xs) + "%r" % v


def fmt(n: int) -> str:
    v = V(n)
    xs = [v]
    return "{!r} {} {!s:>6} {x!r}".format(v, v, v, x=v) + "{0} {0!r}".format(v) + " {} {!r}".format(xs, xs)


#> lists(3)
#> lists(0)
#> tuples(4)
#> dicts(3)
#> dicts(0)
#> pct(1)
#> fmt(2)
