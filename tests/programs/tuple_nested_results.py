# Tuples inside tuple results: each nested tuple comes back to Python as a tuple, with its strings,
# dicts and numbers, at any depth.


def pairs(a: int) -> tuple[tuple[int, float], tuple[int, float]]:
    return ((a, 1.0), (2, 3.0 * a))


def texts(s: str):
    return ((s + "!", (len(s), s + s)), 7)


def mixed(n: int):
    d: dict[str, int] = {"a": n}
    return (n, (d, (n > 2, 2.5)))


def deep(x: float):
    return (((((x,),),),),)


#> pairs(5)
#> pairs(-1)
#> texts("ab")
#> texts("")
#> mixed(3)
#> mixed(1)
#> deep(0.5)
