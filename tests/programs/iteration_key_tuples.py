# min(), max() and sorted() with key= over lists of tuples of every mix of str, int and float (issue 12):
# min/max own the best item, a tuple that may hold strs, and release it on every exit.

def first_ss(e: tuple[str, str]) -> str:
    return e[0]


def second_ss(e: tuple[str, str]) -> str:
    return e[1]


def extremes_ss(xs: list[tuple[str, str]]) -> tuple[tuple[str, str], tuple[str, str], tuple[str, str], tuple[str, str]]:
    return max(xs, key=first_ss), min(xs, key=first_ss), max(xs, key=second_ss), min(xs, key=second_ss)


def sorts_ss(xs: list[tuple[str, str]], rev: bool) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    return sorted(xs, key=first_ss, reverse=rev), sorted(xs, key=second_ss, reverse=rev)


def parts_ss(xs: list[tuple[str, str]]) -> tuple[str, str]:
    return max(xs, key=second_ss)[0], min(xs, key=first_ss)[1]


def first_si(e: tuple[str, int]) -> str:
    return e[0]


def second_si(e: tuple[str, int]) -> int:
    return e[1]


def extremes_si(xs: list[tuple[str, int]]) -> tuple[tuple[str, int], tuple[str, int], tuple[str, int], tuple[str, int]]:
    return max(xs, key=first_si), min(xs, key=first_si), max(xs, key=second_si), min(xs, key=second_si)


def sorts_si(xs: list[tuple[str, int]], rev: bool) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    return sorted(xs, key=first_si, reverse=rev), sorted(xs, key=second_si, reverse=rev)


def parts_si(xs: list[tuple[str, int]]) -> tuple[str, int]:
    return max(xs, key=second_si)[0], min(xs, key=first_si)[1]


def first_sf(e: tuple[str, float]) -> str:
    return e[0]


def second_sf(e: tuple[str, float]) -> float:
    return e[1]


def extremes_sf(xs: list[tuple[str, float]]) -> tuple[tuple[str, float], tuple[str, float], tuple[str, float], tuple[str, float]]:
    return max(xs, key=first_sf), min(xs, key=first_sf), max(xs, key=second_sf), min(xs, key=second_sf)


def sorts_sf(xs: list[tuple[str, float]], rev: bool) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    return sorted(xs, key=first_sf, reverse=rev), sorted(xs, key=second_sf, reverse=rev)


def parts_sf(xs: list[tuple[str, float]]) -> tuple[str, float]:
    return max(xs, key=second_sf)[0], min(xs, key=first_sf)[1]


def first_is(e: tuple[int, str]) -> int:
    return e[0]


def second_is(e: tuple[int, str]) -> str:
    return e[1]


def extremes_is(xs: list[tuple[int, str]]) -> tuple[tuple[int, str], tuple[int, str], tuple[int, str], tuple[int, str]]:
    return max(xs, key=first_is), min(xs, key=first_is), max(xs, key=second_is), min(xs, key=second_is)


def sorts_is(xs: list[tuple[int, str]], rev: bool) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    return sorted(xs, key=first_is, reverse=rev), sorted(xs, key=second_is, reverse=rev)


def parts_is(xs: list[tuple[int, str]]) -> tuple[int, str]:
    return max(xs, key=second_is)[0], min(xs, key=first_is)[1]


def first_ii(e: tuple[int, int]) -> int:
    return e[0]


def second_ii(e: tuple[int, int]) -> int:
    return e[1]


def extremes_ii(xs: list[tuple[int, int]]) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int], tuple[int, int]]:
    return max(xs, key=first_ii), min(xs, key=first_ii), max(xs, key=second_ii), min(xs, key=second_ii)


def sorts_ii(xs: list[tuple[int, int]], rev: bool) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    return sorted(xs, key=first_ii, reverse=rev), sorted(xs, key=second_ii, reverse=rev)


def parts_ii(xs: list[tuple[int, int]]) -> tuple[int, int]:
    return max(xs, key=second_ii)[0], min(xs, key=first_ii)[1]


def first_if(e: tuple[int, float]) -> int:
    return e[0]


def second_if(e: tuple[int, float]) -> float:
    return e[1]


def extremes_if(xs: list[tuple[int, float]]) -> tuple[tuple[int, float], tuple[int, float], tuple[int, float], tuple[int, float]]:
    return max(xs, key=first_if), min(xs, key=first_if), max(xs, key=second_if), min(xs, key=second_if)


def sorts_if(xs: list[tuple[int, float]], rev: bool) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
    return sorted(xs, key=first_if, reverse=rev), sorted(xs, key=second_if, reverse=rev)


def parts_if(xs: list[tuple[int, float]]) -> tuple[int, float]:
    return max(xs, key=second_if)[0], min(xs, key=first_if)[1]


def first_fs(e: tuple[float, str]) -> float:
    return e[0]


def second_fs(e: tuple[float, str]) -> str:
    return e[1]


def extremes_fs(xs: list[tuple[float, str]]) -> tuple[tuple[float, str], tuple[float, str], tuple[float, str], tuple[float, str]]:
    return max(xs, key=first_fs), min(xs, key=first_fs), max(xs, key=second_fs), min(xs, key=second_fs)


def sorts_fs(xs: list[tuple[float, str]], rev: bool) -> tuple[list[tuple[float, str]], list[tuple[float, str]]]:
    return sorted(xs, key=first_fs, reverse=rev), sorted(xs, key=second_fs, reverse=rev)


def parts_fs(xs: list[tuple[float, str]]) -> tuple[float, str]:
    return max(xs, key=second_fs)[0], min(xs, key=first_fs)[1]


def first_fi(e: tuple[float, int]) -> float:
    return e[0]


def second_fi(e: tuple[float, int]) -> int:
    return e[1]


def extremes_fi(xs: list[tuple[float, int]]) -> tuple[tuple[float, int], tuple[float, int], tuple[float, int], tuple[float, int]]:
    return max(xs, key=first_fi), min(xs, key=first_fi), max(xs, key=second_fi), min(xs, key=second_fi)


def sorts_fi(xs: list[tuple[float, int]], rev: bool) -> tuple[list[tuple[float, int]], list[tuple[float, int]]]:
    return sorted(xs, key=first_fi, reverse=rev), sorted(xs, key=second_fi, reverse=rev)


def parts_fi(xs: list[tuple[float, int]]) -> tuple[float, int]:
    return max(xs, key=second_fi)[0], min(xs, key=first_fi)[1]


def first_ff(e: tuple[float, float]) -> float:
    return e[0]


def second_ff(e: tuple[float, float]) -> float:
    return e[1]


def extremes_ff(xs: list[tuple[float, float]]) -> tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]:
    return max(xs, key=first_ff), min(xs, key=first_ff), max(xs, key=second_ff), min(xs, key=second_ff)


def sorts_ff(xs: list[tuple[float, float]], rev: bool) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    return sorted(xs, key=first_ff, reverse=rev), sorted(xs, key=second_ff, reverse=rev)


def parts_ff(xs: list[tuple[float, float]]) -> tuple[float, float]:
    return max(xs, key=second_ff)[0], min(xs, key=first_ff)[1]


def score_of(e: tuple[str, float]) -> float:
    return e[1]


def report(entries: list[tuple[str, float]]) -> str:
    lines = []
    for name, score in entries:
        lines.append(name)
    best = max(entries, key=score_of)
    worst = min(entries, key=score_of)
    return "/".join(lines) + best[0] + worst[0]


def name_of(e: tuple[str, int, float]) -> str:
    return e[0] + "!"


def weight(e: tuple[str, int, float]) -> float:
    return e[1] * e[2]


def triples(xs: list[tuple[str, int, float]]) -> tuple[tuple[str, int, float], tuple[str, int, float], str]:
    return max(xs, key=name_of), min(xs, key=weight), sorted(xs, key=weight)[-1][0]


def defaulted(xs: list[tuple[str, float]]) -> tuple[str, float]:
    return max(xs, key=score_of, default=("none", -1.0))


def picky(e: tuple[str, float]) -> str:
    if e[1] < 0.0:
        raise ValueError("negative score for " + e[0])
    return e[0] * 2


def failing(xs: list[tuple[str, float]]) -> tuple[str, float]:
    return min(xs, key=picky)


def failing_sort(xs: list[tuple[str, float]]) -> list[tuple[str, float]]:
    return sorted(xs, key=picky)


def caught(xs: list[tuple[str, float]]) -> str:
    try:
        return max(xs, key=picky)[0]
    except ValueError as e:
        return "caught " + str(e)


def nested(e: tuple[str, tuple[int, str]]) -> str:
    return e[1][1]


def deep(xs: list[tuple[str, tuple[int, str]]]) -> tuple[tuple[str, tuple[int, str]], tuple[str, tuple[int, str]]]:
    return max(xs, key=nested), min(xs, key=nested)


def by_length(s: str) -> int:
    return len(s)


def strs(xs: list[str]) -> tuple[str, str, list[str]]:
    return max(xs, key=by_length), min(xs, key=by_length), sorted(xs, key=by_length)


#> extremes_ss([("b", "a"), ("a", "c"), ("c", "a"), ("a", "b")])
#> extremes_ss([])
#> sorts_ss([("b", "a"), ("a", "c"), ("c", "a"), ("a", "b")], False)
#> sorts_ss([("b", "a"), ("a", "c"), ("c", "a"), ("a", "b")], True)
#> parts_ss([("b", "a"), ("a", "c"), ("c", "a"), ("a", "b")])
#> extremes_si([("b", -1), ("a", 2), ("c", 7), ("a", 2)])
#> extremes_si([])
#> sorts_si([("b", -1), ("a", 2), ("c", 7), ("a", 2)], False)
#> sorts_si([("b", -1), ("a", 2), ("c", 7), ("a", 2)], True)
#> parts_si([("b", -1), ("a", 2), ("c", 7), ("a", 2)])
#> extremes_sf([("b", 2.5), ("a", -1.0), ("c", 0.5), ("a", 0.5)])
#> extremes_sf([])
#> sorts_sf([("b", 2.5), ("a", -1.0), ("c", 0.5), ("a", 0.5)], False)
#> sorts_sf([("b", 2.5), ("a", -1.0), ("c", 0.5), ("a", 0.5)], True)
#> parts_sf([("b", 2.5), ("a", -1.0), ("c", 0.5), ("a", 0.5)])
#> extremes_is([(2, "a"), (-1, "c"), (2, "a"), (7, "b")])
#> extremes_is([])
#> sorts_is([(2, "a"), (-1, "c"), (2, "a"), (7, "b")], False)
#> sorts_is([(2, "a"), (-1, "c"), (2, "a"), (7, "b")], True)
#> parts_is([(2, "a"), (-1, "c"), (2, "a"), (7, "b")])
#> extremes_ii([(2, -1), (-1, 2), (2, 7), (7, 2)])
#> extremes_ii([])
#> sorts_ii([(2, -1), (-1, 2), (2, 7), (7, 2)], False)
#> sorts_ii([(2, -1), (-1, 2), (2, 7), (7, 2)], True)
#> parts_ii([(2, -1), (-1, 2), (2, 7), (7, 2)])
#> extremes_if([(2, 2.5), (-1, -1.0), (2, 0.5), (7, 0.5)])
#> extremes_if([])
#> sorts_if([(2, 2.5), (-1, -1.0), (2, 0.5), (7, 0.5)], False)
#> sorts_if([(2, 2.5), (-1, -1.0), (2, 0.5), (7, 0.5)], True)
#> parts_if([(2, 2.5), (-1, -1.0), (2, 0.5), (7, 0.5)])
#> extremes_fs([(0.5, "a"), (2.5, "c"), (-1.0, "a"), (0.5, "b")])
#> extremes_fs([])
#> sorts_fs([(0.5, "a"), (2.5, "c"), (-1.0, "a"), (0.5, "b")], False)
#> sorts_fs([(0.5, "a"), (2.5, "c"), (-1.0, "a"), (0.5, "b")], True)
#> parts_fs([(0.5, "a"), (2.5, "c"), (-1.0, "a"), (0.5, "b")])
#> extremes_fi([(0.5, -1), (2.5, 2), (-1.0, 7), (0.5, 2)])
#> extremes_fi([])
#> sorts_fi([(0.5, -1), (2.5, 2), (-1.0, 7), (0.5, 2)], False)
#> sorts_fi([(0.5, -1), (2.5, 2), (-1.0, 7), (0.5, 2)], True)
#> parts_fi([(0.5, -1), (2.5, 2), (-1.0, 7), (0.5, 2)])
#> extremes_ff([(0.5, 2.5), (2.5, -1.0), (-1.0, 0.5), (0.5, 0.5)])
#> extremes_ff([])
#> sorts_ff([(0.5, 2.5), (2.5, -1.0), (-1.0, 0.5), (0.5, 0.5)], False)
#> sorts_ff([(0.5, 2.5), (2.5, -1.0), (-1.0, 0.5), (0.5, 0.5)], True)
#> parts_ff([(0.5, 2.5), (2.5, -1.0), (-1.0, 0.5), (0.5, 0.5)])
#> report([("a", 1.0), ("b", 2.0)])
#> report([("x", 3.0), ("y", -2.0), ("z", 3.0)])
#> report([])
#> triples([("b", 2, 0.5), ("c", -1, 4.0), ("a", 3, 1.0)])
#> triples([])
#> defaulted([("a", 1.0), ("b", 2.0)])
#> defaulted([])
#> failing([("a", 1.0), ("b", 2.0), ("c", -1.0), ("d", 0.0)])
#> failing([("a", 1.0), ("b", 2.0)])
#> failing([("a", -1.0)])
#> failing_sort([("a", 1.0), ("b", -2.0)])
#> caught([("a", 1.0), ("b", -2.0)])
#> caught([("b", 1.0), ("a", 2.0)])
#> deep([("p", (1, "z")), ("q", (2, "a")), ("r", (3, "m"))])
#> strs(["ccc", "a", "bb", "dd", "e"])
#> strs([])
