# dict(...) and set(...) of an iterable, as the comprehensions Python defines them by: pairs from
# zip, a list, a generator, a copy of a dict; later pairs replace earlier ones with the same key.


def of_zip(a: list[str], b: list[int]) -> dict[str, int]:
    return dict(zip(a, b))


def of_pairs(p: list[tuple[str, int]]) -> dict[str, int]:
    return dict(p)


def of_generator(n: int) -> dict[int, int]:
    return dict((i % 4, i * i) for i in range(n) if i != 2)


def copied(d: dict[str, int]) -> dict[str, int]:
    e = dict(d)
    e["zz"] = 1
    return e


def empty() -> int:
    d: dict[str, float] = dict()
    d["a"] = 1.5
    return len(d)


def set_of(xs: list[int], s: str) -> int:
    return len(set(xs)) * 100 + len(set(s))


def set_sorted(xs: list[str]) -> list[str]:
    return sorted(set(xs))

#> of_zip(["a", "b", "c"], [1, 2])
#> of_pairs([("x", 1), ("y", 2), ("x", 3)])
#> of_pairs([])
#> of_generator(9)
#> copied({"a": 1, "b": 2})
#> empty()
#> set_of([3, 1, 3, 7], "hello")
#> set_sorted(["b", "a", "b"])
