# Arrays of complex128 (complex[:], np.complex128[:, :]): elements read and written in place,
# views, copies, np.zeros / np.empty with dtype=np.complex128, results to Python.
import numpy as np


def total(a: complex[:]) -> complex:
    s = 0j
    for z in a:
        s += z
    return s


def scale(a: np.complex128[:], k: complex) -> None:
    for i in range(len(a)):
        a[i] *= k


def roots_of_unity(n: int) -> complex[:]:
    out = np.zeros(n, dtype=np.complex128)
    w = complex(0.5, 0.8660254037844386)
    z = 1 + 0j
    for i in range(n):
        out[i] = z
        z = z * w
    return out


def grid(n: int, m: int) -> complex128[:, :]:
    g = np.zeros((n, m), dtype=complex)
    for i in range(n):
        for j in range(m):
            g[i, j] = complex(i, -j)
    return g


def reversed_copy(a: complex[:]) -> complex[:]:
    b = a[::-1].copy()
    b[0] = b[0] * 2
    return b


def shift(a: complex[:]) -> None:
    a[1:] = a[:-1]


def diagonal(g: complex[:, :]) -> complex:
    s = 0j
    for i in range(min(g.shape[0], g.shape[1])):
        s += g[i, i]
    return s


#> total(np.array([1+2j, -3j, complex(-0.0, -0.0)]))
#> total(np.zeros(0, dtype=np.complex128))
#> scale(np.array([1+1j, 2-1j, complex(float('inf'), 0)]), 2j)
#> roots_of_unity(6)
#> grid(2, 3)
#> reversed_copy(np.array([1j, 2j, 3+0j]))
#> shift(np.array([1j, 2j, 3j, 4j]))
#> diagonal(np.array([[1j, 2], [3, 4j]]))
# Deviation: an array parameter takes arrays of its own dtype only (NumPy would convert)
#> total(np.array([1.0, 2.0])) !TypeError: must be a 1-D complex128 array (complex[:]), not a 1-D float64 array
