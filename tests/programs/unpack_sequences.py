# Unpacking lists, str, arrays and tuples into targets, starred targets (always a list), nested
# targets, in assignments and for loops; CPython's ValueError texts when the counts do not match.
import numpy as np


def three(xs: list[float]) -> float:
    x, y, z = xs
    return x * 100.0 + y * 10.0 + z


def first_rest(xs: list[int]) -> int:
    first, *rest = xs
    return first * 1000 + len(rest) * 100 + sum(rest)


def init_last(xs: list[int]) -> list[int]:
    *init, last = xs
    init.append(last * 10)
    return init


def middle(xs: list[int]) -> str:
    a, *mid, b = xs
    return f"{a} {mid} {b}"


def words(s: str) -> str:
    a, b, c = s
    head, *tail = s
    return c + b + a + "|" + head + "".join(tail) + str(len(tail))


def chars_middle(s: str) -> list[str]:
    first, *mid, last = s
    mid.append(first + last)
    return mid


def tuple_star(n: int) -> str:
    a, *b, c = (n, n + 1, n + 2, n + 3)
    return f"{a} {b} {c}"


def tuple_star_all(n: int) -> list[int]:
    *everything, = (n, n * 2)
    return everything


def nested(rows: list[list[int]]) -> int:
    (a, b), [c, *d] = rows
    return a + b * 10 + c * 100 + len(d) * 1000


def mixed(pairs: list[tuple[int, list[float]]]) -> float:
    total = 0.0
    for i, (x, *more) in pairs:
        total += i * x + len(more)
    return total


def loop_lists(rows: list[list[int]]) -> int:
    total = 0
    for a, b in rows:
        total += a * b
    return total


def loop_star(rows: list[list[int]]) -> str:
    out = ""
    for first, *rest in rows:
        out += f"{first}:{rest};"
    return out


def into_items(xs: list[int]) -> list[int]:
    out = [0, 0, 0]
    out[2], out[0], out[1] = xs
    return out


def star_item(xs: list[int]) -> list[list[int]]:
    holder: list[list[int]] = [[]]
    first, *holder[0] = xs
    holder.append([first])
    return holder


def array_items(a: float[:]) -> float:
    x, y = a
    head, *tail = a
    return x - y + head + len(tail)


def names_kept(xs: list[int]) -> int:
    a = 7
    try:
        a, b = xs
    except ValueError:
        return a
    return a + b


def strs(xs: list[str]) -> str:
    a, *b = xs
    return a + "/" + ",".join(b)


def swap_with_list(n: int) -> list[int]:
    a, b = [n, n + 1]
    a, b = b, a
    return [a, b]


#> three([1.0, 2.0, 3.0])
#> three([1.0, 2.0])
#> three([1.0, 2.0, 3.0, 4.0])
#> three([])
#> first_rest([5])
#> first_rest([5, 1, 2, 3])
#> first_rest([])
#> init_last([1, 2, 3])
#> init_last([9])
#> init_last([])
#> middle([1, 2])
#> middle([1, 2, 3, 4, 5])
#> middle([1])
#> words("abc")
#> words("ab")
#> words("abcd")
#> words("héé")
#> chars_middle("xy")
#> chars_middle("hello")
#> chars_middle("x")
#> tuple_star(4)
#> tuple_star_all(3)
#> nested([[1, 2], [3, 4, 5]])
#> nested([[1, 2], [3]])
#> nested([[1, 2], []])
#> nested([[1, 2, 3], [3]])
#> nested([[1, 2]])
#> mixed([(1, [2.0, 3.0]), (2, [4.0])])
#> mixed([(1, [2.0, 3.0]), (2, [])])
#> loop_lists([[1, 2], [3, 4]])
#> loop_lists([[1, 2], [3]])
#> loop_lists([[1, 2], [3, 4, 5]])
#> loop_star([[1], [2, 3, 4]])
#> loop_star([[1], []])
#> into_items([7, 8, 9])
#> into_items([7, 8])
#> star_item([1, 2, 3])
#> star_item([1])
#> array_items(np.array([1.5, 2.5]))
#> array_items(np.array([1.5, 2.5, 3.0]))
#> array_items(np.array([1.5]))
#> names_kept([1, 2, 3])
#> names_kept([1, 2])
#> strs(["a", "b", "c"])
#> strs(["a"])
#> strs([])
#> swap_with_list(3)


def comprehension_star(rows: list[list[int]]) -> list[int]:
    return [a * 10 + len(rest) for a, *rest in rows]


def comprehension_lists(rows: list[list[float]]) -> list[float]:
    return [x * y for x, y in rows]


#> comprehension_star([[1, 2, 3], [4]])
#> comprehension_star([[1, 2, 3], []])
#> comprehension_lists([[1.0, 2.0], [3.0, 4.0]])
#> comprehension_lists([[1.0, 2.0], [3.0]])


def single(xs: list[int], t: int) -> int:
    a, = xs
    (b,) = (t,)
    [c] = "x"
    return a * 100 + b * 10 + len(c)


#> single([4], 5)
#> single([], 5)
#> single([4, 5], 5)


def single_loops(xs: list[list[int]], ts: list[tuple[int]]) -> int:
    t = 0
    for a, in xs:
        t += a
    for b, in ts:
        t += 10 * b
    c = [d for d, in xs]
    return t + sum(c)


#> single_loops([[1], [2]], [(3,), (4,)])
#> single_loops([[1, 2]], [])
#> single_loops([[]], [])
