# complex values: abs, .real .imag .conjugate(), == and != (ints compared exactly), truth, printing
# (str, repr, f-strings with format specs), complex in tuples, int and float arguments.


def magnitude(z: complex) -> float:
    return abs(z)


def parts(z: complex) -> tuple[float, float, complex]:
    return z.real, z.imag, z.conjugate()


def real_parts(x: float, n: int) -> tuple[float, float, int, int, float]:
    return x.real, x.imag, n.real, n.imag, x.conjugate()


def equal(z: complex, w: complex) -> tuple[bool, bool]:
    return z == w, z != w


def equal_int(z: complex, n: int) -> tuple[bool, bool, bool]:
    return z == n, n != z, z == float(n)


def equal_chain(z: complex, x: float) -> bool:
    return z == x == z


def truth(z: complex) -> int:
    if z:
        return 1
    return 0


def choose(z: complex, w: complex) -> complex:
    return z or w


def not_z(z: complex) -> bool:
    return not z


def show(z: complex) -> str:
    print(z, -z, z.conjugate())
    print(f"{z}|{z!r}|{z:.3f}|{z:>30}|{z:g}|{z:e}|{z.real:.2f}")
    return str(z) + " " + f"{2 * z}"


def as_complex(z: complex) -> complex:
    return z


def pair(z: complex, n: int) -> tuple[complex, int]:
    return z * n, n


def unpack(p: tuple[complex, float]) -> complex:
    z, x = p
    return z * x


def where(z: complex, flag: bool) -> complex:
    return z if flag else complex(1.0)


#> magnitude(3+4j)
#> magnitude(complex(float('inf'), float('nan')))
#> magnitude(complex(float('nan'), float('-inf')))
#> magnitude(complex(float('nan'), 1.0))
#> magnitude(1e308+1e308j)
#> magnitude(complex(-0.0, -0.0))
#> magnitude(5e-324+5e-324j)
#> magnitude(1.1+2.3j)
#> parts(1.5-2.5j)
#> parts(complex(-0.0, -0.0))
#> real_parts(-0.0, -3)
#> equal(1+2j, 1+2j)
#> equal(complex(0.0, -0.0), 0j)
#> equal(complex(float('nan'), 0), complex(float('nan'), 0))
#> equal_int(2**53 + 0j, 2**53 + 1)
#> equal_int(complex(2**53, 0), 2**53)
#> equal_int(3+1j, 3)
#> equal_int(complex(-0.0, -0.0), 0)
#> equal_chain(2+0j, 2.0)
#> equal_chain(2+1j, 2.0)
#> truth(0j)
#> truth(complex(-0.0, -0.0))
#> truth(complex(0.0, 1e-320))
#> truth(complex(float('nan'), 0))
#> choose(0j, 3j)
#> choose(1j, 3j)
#> not_z(0j)
#> show(1+2j)
#> show(complex(-0.0, -1.0))
#> show(complex(float('nan'), float('inf')))
#> show(2j)
#> show(complex(1e300, -1e-300))
#> show(complex(-0.0, 0.0))
# Deviation: an annotation converts a value (an int, float or bool passed as complex becomes one)
#> as_complex(3) => 3+0j
#> as_complex(2.5) => 2.5+0j
#> as_complex(True) => 1+0j
#> as_complex("1j") !TypeError: argument 'z' must be complex, not str
#> pair(1+1j, 3)
#> unpack((1j, 2.0))
#> where(1j, True)
#> where(1j, False)


def guarded(z: complex) -> complex:
    assert z, z
    if abs(z) > 10:
        raise ValueError(z)
    try:
        return 1 / z
    except ZeroDivisionError as e:
        print("caught:", e)
        return z


def loops(z: complex, n: int) -> complex:
    s = 0j
    for w in (z, 2 * z, z.conjugate()):
        s += w
    while s and n > 0:
        s = s / 2 if abs(s) > 1 else 0j
        n -= 1
    return s


def helper(z: complex) -> complex:
    return z * 2


def calls(z: complex) -> complex:
    return helper(z) + helper(1) + helper(2.5)


#> guarded(0j)
#> guarded(100j)
#> guarded(2 - 2j)
#> guarded(complex(-0.0, 0.0))
#> loops(3 + 4j, 100)
#> loops(1j, 2)
#> calls(1 - 1j)
