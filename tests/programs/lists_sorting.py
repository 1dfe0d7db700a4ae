# Sorting lists long enough for many merge passes: ties kept in order (stable, reverse too), tuples
# of two words, keys, strs and nested lists; append growing a list past its capacity many times.


def pseudo_random(n: int, seed: int, modulus: int) -> list[int]:
    xs = []
    x = seed
    for i in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        xs.append(x % modulus)
    return xs


def sort_ints(n: int, modulus: int) -> tuple[list[int], list[int], bool]:
    xs = pseudo_random(n, 7, modulus)
    up = sorted(xs)
    down = sorted(xs, reverse=True)
    xs.sort()
    return up[:20] + up[-5:], down[:20], xs == up


def sort_pairs(n: int) -> tuple[list[tuple[int, float]], int]:
    keys = pseudo_random(n, 3, 10)
    pairs = []
    for i in range(n):
        pairs.append((keys[i], (n - i) / 7.0))
    pairs.sort()
    check = 0
    for i in range(n):
        check += pairs[i][0] * (i % 13)
    return pairs[:12], check


def first(p: tuple[int, int]) -> int:
    return p[0]


def stable_by_key(n: int, rev: bool) -> list[tuple[int, int]]:
    keys = pseudo_random(n, 11, 4)
    pairs = [(keys[i], i) for i in range(n)]
    pairs.sort(key=first, reverse=rev)
    return pairs[:15] + pairs[-15:]


def stable_reverse(n: int) -> list[tuple[int, int]]:
    keys = pseudo_random(n, 5, 3)
    # equal keys: reverse=True keeps their order, which a sort then reversal would not
    return sorted([(keys[i], 0) for i in range(n)], reverse=True)[:10]


def sort_words(n: int) -> list[str]:
    keys = pseudo_random(n, 13, 50)
    words = [str(k) + "w" for k in keys]
    words.sort(reverse=True)
    return words[:12]


def sort_nested(n: int) -> list[list[int]]:
    keys = pseudo_random(n, 17, 5)
    rows = [[keys[i], keys[(i * 7) % n]] for i in range(n)]
    rows.sort()
    return rows[:10] + rows[-3:]


def sort_floats(n: int) -> list[float]:
    keys = pseudo_random(n, 19, 1000)
    xs = [k / 8.0 - 60.0 for k in keys]
    xs.append(-0.0)
    xs.append(0.0)
    xs.sort()
    return xs[:8] + xs[-8:]


def appended(n: int) -> tuple[int, int, int, list[str]]:
    xs: list[int] = []
    ws: list[str] = []
    for i in range(n):
        xs.append(i * i)
        ws.append(str(i))
    total = 0
    for x in xs:
        total += x
    return len(xs), total, xs[n - 1], ws[-3:]


#> sort_ints(1000, 100)
#> sort_ints(1000, 1000000)
#> sort_ints(1, 10)
#> sort_ints(0, 10)
#> sort_ints(33, 2)
#> sort_pairs(777)
#> stable_by_key(500, False)
#> stable_by_key(500, True)
#> stable_reverse(300)
#> sort_words(400)
#> sort_nested(257)
#> sort_floats(300)
#> appended(10000)
#> appended(0)
