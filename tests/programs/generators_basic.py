from typing import Iterator

import numpy as np


def squares(n: int) -> Iterator[int]:
    for i in range(n):
        yield i * i


def countdown(n: int):
    while n > 0:
        yield n
        n -= 1


def halves(n: int) -> Iterator[float]:
    yield 1.0
    x = 1.0
    for _ in range(n):
        x /= 2
        yield x


def words(n: int) -> Iterator[str]:
    for i in range(n):
        if i == 5:
            return
        yield "w" + str(i)


def sum_squares(n: int) -> int:
    t = 0
    for s in squares(n):
        t += s
    return t


def builtins_over(n: int) -> tuple[int, int, int, bool, bool, float]:
    return (sum(squares(n)), max(squares(n), default=-1), min(countdown(n), default=-1),
            any(squares(n)), all(countdown(n)), sum(halves(n)))


def joined(n: int) -> str:
    out = ""
    for k, w in enumerate(words(n), start=10):
        out += str(k) + w + " "
    return out


def zipped(n: int) -> int:
    t = 0
    for (a, b), c in zip(zip(squares(n), countdown(n)), words(n)):
        t = t * 7 + a - b + len(c)
    return t


def zip_drops_a_yielded_str(n: int) -> int:
    # zip asks words() for an item, then finds range() empty: the str words() yielded is dropped
    k = 0
    for w, i in zip(words(n), range(2)):
        k += len(w) + i
    return k


def first_long(n: int) -> str:
    for w in words(n):
        if len(w) > 1 and w.endswith("3"):
            return w  # leaves the loop: the generator is destroyed while it waits
    return "none"


def breaks(n: int) -> int:
    t = 0
    for s in squares(n):
        if s > 20:
            break
        t += s
    else:
        t = -1
    return t


def nested(n: int) -> int:
    t = 0
    for a in countdown(n):
        for b in squares(a):
            t += a * b
    return t


def inverse(n: int) -> Iterator[float]:
    for i in range(n, -3, -1):
        yield 1 / i  # ZeroDivisionError at i == 0, raised in the walker's loop


def inverses(n: int) -> float:
    t = 0.0
    for x in inverse(n):
        t += x
    return t


def fails_in_loop(n: int) -> int:
    t = 0
    for w in words(n):
        t += 10 // (len(w) - 2)  # the walker fails while the generator holds its state
    return t


def walk(n: int) -> Iterator[int]:
    # recursive: each level is a generator of its own
    if n > 0:
        for x in walk(n - 1):
            yield x
        yield n
        for x in walk(n - 1):
            yield -x


def walked(n: int) -> int:
    t = 0
    for x in walk(n):
        t = t * 3 + x
    return t


def elements(a: float[:], scale: float) -> Iterator[float]:
    for x in a:
        yield x * scale


def scaled_sum(a: float[:]) -> float:
    return sum(elements(a, 2.0)) + max(elements(a[1:], -1.0), default=0.0)


def pairs(d: dict[str, int]) -> Iterator[tuple[str, int]]:
    for k, v in d.items():
        yield k, v * 2
        yield k + k, v


def dict_walk(n: int) -> str:
    d = {"a": 1, "b": n}
    out = ""
    for k, v in pairs(d):
        out += k + str(v)
    return out


def permutations(n: int) -> Iterator[tuple[int, int, int, int]]:
    # the permutations of (0, 1, 2, 3) with n fixed points at most, in lexicographic order
    for a in range(4):
        for b in range(4):
            for c in range(4):
                for d in range(4):
                    if a != b and a != c and a != d and b != c and b != d and c != d:
                        fixed = (a == 0) + (b == 1) + (c == 2) + (d == 3)
                        if fixed <= n:
                            yield a, b, c, d


def permutation_checksum(n: int) -> int:
    t = 0
    count = 0
    for i, (a, b, c, d) in enumerate(permutations(n)):
        t += (i + 1) * (a * 1000 + b * 100 + c * 10 + d)
        count += 1
    return t * 100 + count


#> sum_squares(10)
#> sum_squares(0)
#> builtins_over(6)
#> builtins_over(0)
#> joined(3)
#> joined(9)
#> zipped(4)
#> zipped(8)
#> zip_drops_a_yielded_str(5)
#> zip_drops_a_yielded_str(1)
#> first_long(9)
#> first_long(3)
#> breaks(10)
#> breaks(3)
#> nested(5)
#> inverses(3)
#> inverses(-5)
#> fails_in_loop(5)
#> fails_in_loop(2)
#> walked(3)
#> walked(0)
#> scaled_sum(np.arange(6.0))
#> scaled_sum(np.zeros(0))
#> dict_walk(7)
#> permutation_checksum(4)
#> permutation_checksum(1)
#> permutation_checksum(0)
