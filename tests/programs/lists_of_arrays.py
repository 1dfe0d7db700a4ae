# Lists of NumPy arrays built and used inside compiled code: rows of a 2-D array (views that share
# its memory), arrays made by np.zeros, parameters, slices; indexed, iterated, unpacked, mutated.
import numpy as np


def row_sums(m: float[:, :]) -> float[:]:
    rows: list[float[:]] = []
    for i in range(m.shape[0]):
        rows.append(m[i])
    out = np.zeros(len(rows))
    for k, r in enumerate(rows):
        for x in r:
            out[k] += x
    return out


def through_rows(m: float[:, :]) -> float:
    rows = [m[i] for i in range(m.shape[0])]
    rows[0][0] = -1.0  # a view: writes reach m
    first, *rest = rows
    return first[0] + len(rest) + rows[-1][1]


def made(n: int, k: int) -> float[:, :]:
    rows = [np.zeros(n) for _ in range(k)]
    for i in range(k):
        for j in range(n):
            rows[i][j] = i * 10.0 + j
    out = np.zeros((k, n))
    for i, r in enumerate(rows):
        out[i, :] = r
    return out


def params(a: float[:], b: float[:]) -> float:
    both = [a, b, a[1:]]
    both.append(b[::-1])
    total = 0.0
    for v in both:
        total = total * 10.0 + v[0]
    both[2][0] = 9.0  # a view of a
    return total + len(both)


def index_error(a: float[:], i: int) -> float:
    rows = [a, a]
    return rows[i][0]


def dropped(n: int) -> int:
    count = 0
    for i in range(100):
        rows = [np.ones(n), np.zeros(n)]
        rows.pop()
        rows.insert(0, np.ones(i % 3 + 1))
        count += len(rows) + len(rows[0])
    return count


def two_d(n: int) -> float:
    grids: list[float[:, :]] = [np.ones((n, 2)), np.zeros((2, n))]
    grids[1][1, 0] = 5.0
    g0, g1 = grids
    return g0[0, 1] + g1[1, 0] + len(grids[0])


def nested(n: int) -> float:
    table: list[list[float[:]]] = [[np.ones(n)], [np.zeros(n), np.ones(n)]]
    table[1].append(np.ones(n))
    return table[1][2][0] + len(table[1]) + table[0][0][n - 1]


def tuples(a: int[:]) -> int:
    pairs = [(a, 1), (a[1:], 2)]
    total = 0
    for v, w in pairs:
        total += v[0] * w
    return total


def in_dict(a: float[:]) -> float:
    d: dict[str, list[float[:]]] = {"x": [a]}
    d["x"].append(a[1:])
    return d["x"][1][0] + len(d["x"])


def fault_midway(n: int) -> float:
    rows = [np.zeros(n) for _ in range(3)]
    rows.append(np.zeros(n)[1:])
    return rows[4][0]


def rows_out(m: float[:, :], a: float[:]) -> list[float[:]]:
    out: list[float[:]] = []
    for i in range(m.shape[0]):
        out.append(m[i])
    out.append(a)
    out.append(a[::2])
    out.append(np.zeros(2))
    out.append(np.ones(3)[1:])
    out[0][1] = 7.0  # the caller's m sees it
    return out


def made_out(n: int) -> list[list[int[:]]]:
    return [[np.zeros(n, dtype=np.int64)], [], [np.ones(i + 1, dtype=np.int64) for i in range(n)]]


def pairs_out(a: float[:]) -> list[tuple[int, float[:]]]:
    return [(0, a), (1, a[1:]), (2, np.ones(1))]


def empty_out(a: float[:]) -> list[float[:]]:
    out = [a]
    out.pop()
    return out


#> rows_out(np.arange(6.0).reshape(3, 2), np.array([1.0, 2.0, 3.0]))
#> made_out(3)
#> made_out(0)
#> pairs_out(np.array([1.5, 2.5]))
#> empty_out(np.zeros(1))
#> row_sums(np.arange(6.0).reshape(2, 3))
#> row_sums(np.zeros((0, 3)))
#> through_rows(np.arange(6.0).reshape(3, 2))
#> made(3, 2)
#> made(0, 2)
#> params(np.array([1.0, 2.0, 3.0]), np.array([4.0, 5.0]))
#> index_error(np.array([1.0]), 1)
#> index_error(np.array([1.0]), -2)
#> index_error(np.array([1.0]), -1)
#> dropped(2)
#> two_d(3)
#> nested(2)
#> tuples(np.array([3, 4, 5]))
#> in_dict(np.array([1.5, 2.5]))
#> fault_midway(2)


def over_rows(m: float[:, :]) -> float:
    total = 0.0
    for row in m:
        for x in row:
            total = total * 2.0 + x
        row[0] = -1.0  # a view: m sees it
    for a, b in m:
        total += a * b
    for r in m:
        for r2 in m:
            total += r[1] * r2[1]
    else:
        total += 0.5
    return total


#> over_rows(np.arange(6.0).reshape(3, 2))
#> over_rows(np.zeros((0, 2)))
