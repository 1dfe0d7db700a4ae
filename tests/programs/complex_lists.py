# Lists of complex numbers: an item is two words (real, imaginary); in, index, count and == compare
# as Python does; lists cross the boundary both ways and print with CPython's text.


def squares(n: int) -> list[complex]:
    out: list[complex] = []
    for k in range(n):
        out.append(complex(k, -k) ** 2)
    return out


def total(xs: list[complex]) -> complex:
    s = 0j
    for z in xs:
        s += z
    return s


def grow(xs: list[complex], z: complex) -> int:
    xs.append(z)
    xs.insert(0, -z)
    xs[1] = xs[1] * 2
    return len(xs)


def search(xs: list[complex], z: complex) -> tuple[bool, int, int]:
    return z in xs, xs.count(z), xs.index(z) if z in xs else -1


def same(xs: list[complex], ys: list[complex]) -> bool:
    return xs == ys


def show(xs: list[complex]) -> str:
    print(xs)
    return f"{xs}"


def pairs(xs: list[tuple[complex, int]]) -> complex:
    s = 0j
    for z, n in xs:
        s += z * n
    return s


def comprehension(n: int) -> list[complex]:
    return [complex(i, 1) * 1j for i in range(n)]


def by_name(d: dict[str, list[complex]], key: str) -> complex:
    d[key].append(1j)
    return d[key][0] + d[key][-1]


def magnitude(z: complex) -> float:
    return abs(z)


def by_magnitude(xs: list[complex]) -> list[complex]:
    return sorted(xs, key=magnitude)


#> by_name({"a": [2+0j]}, "a")
#> by_magnitude([3+4j, 1j, -2+0j, complex(0.5, 0.5)])
#> squares(4)
#> total([1j, 2+0j, complex(-0.0, -0.0)])
#> total([])
#> total([1, 2.5, True])
#> grow([1j, 2j], 3+0j)
#> search([1j, complex(float('nan'), 0), 1j], 1j)
#> search([1j], 2j)
#> same([1j, 2j], [1j, 2j])
#> same([complex(0.0, -0.0)], [0j])
#> same([1j], [1j, 1j])
#> show([1j, complex(float('nan'), float('-inf')), -0j])
#> pairs([(1j, 2), (1+0j, -1)])
#> comprehension(3)


def sums(xs: list[complex], n: int) -> tuple[complex, complex, complex]:
    return sum(xs), sum(xs, 1j), sum(complex(i, -i) for i in range(n))


def array_sum(n: int) -> complex:
    return sum([0.5 * k for k in range(n)], 2j)


#> sums([1j, 2+0j, complex(-0.0, -0.0)], 4)
# Deviation: the sum of no complex numbers is 0j (of a static type), not the int 0
#> sums([], 0) => (0j, 1j, 0j)
#> sums([complex(float('inf'), 0), complex(float('-inf'), 1)], 1)
#> array_sum(5)
