"""Whole-array expressions over uint64 arrays, against NumPy 2: wrapping arithmetic on all 64
bits (values beyond 2**63 included), `//` and `%` (by zero: 0), a Python int taking the array's
dtype (a negative one: NumPy's OverflowError), uint64 with int64 giving float64, comparisons exact
against negative ints and int64 arrays, in-place forms."""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

import jitcell

CELL = textwrap.dedent("""\
    import numpy as np

    def bench(a: uint64[:], b: uint64[:]) -> uint64[:]:
        return (a * b + 7) // 3

    def add(a: uint64[:], b: uint64[:]) -> uint64[:]:
        return a + b

    def sub(a: uint64[:], b: uint64[:]) -> uint64[:]:
        return a - b

    def mul(a: uint64[:], b: uint64[:]) -> uint64[:]:
        return a * b

    def floordiv(a: uint64[:], b: uint64[:]) -> uint64[:]:
        return a // b

    def mod(a: uint64[:], b: uint64[:]) -> uint64[:]:
        return a % b

    def truediv(a: uint64[:], b: uint64[:]) -> float[:]:
        return a / b

    def power(a: uint64[:], b: uint64[:]) -> uint64[:]:
        return a ** b

    def bits(a: uint64[:], b: uint64[:]) -> uint64[:]:
        return (a & b) | (a ^ ~b)

    def minimum(a: uint64[:], b: uint64[:]) -> uint64[:]:
        return np.minimum(a, b)

    def maximum(a: uint64[:], b: uint64[:]) -> uint64[:]:
        return np.maximum(a, b)

    def lt(a: uint64[:], b: uint64[:]) -> bool[:]:
        return a < b

    def eq(a: uint64[:], b: uint64[:]) -> bool[:]:
        return a == b

    def unary(a: uint64[:]) -> uint64[:]:
        return -a + np.abs(a)

    def functions(a: uint64[:]) -> float[:]:
        return np.sqrt(a) + np.floor(a / 7)

    def with_int(a: uint64[:], n: int) -> uint64[:]:
        return (a + n) * n // (n | 1) % (n + 2)

    def compare_int(a: uint64[:], n: int) -> bool[:]:
        return (a < n) ^ (a >= n + 1) ^ (a == n)

    def with_int64(a: uint64[:], i: int[:]) -> float[:]:
        return a + i - a // i

    def compare_int64(a: uint64[:], i: int[:]) -> bool[:]:
        return (a < i) | (a == i)

    def with_float(a: uint64[:], x: float) -> float[:]:
        return a * x - a

    def with_small(a: uint64[:], u: uint8[:], s: int8[:]) -> float[:]:
        return (a + u) - s

    def where(a: uint64[:], b: uint64[:]) -> uint64[:]:
        return np.where(a > b, a, b - 1)

    def in_place(a: uint64[:], b: uint64[:], u: uint16[:]) -> None:
        a += b
        a *= u
        a //= 3
        a -= 5

    def mask(a: uint64[:]) -> uint64[:]:
        return a[a > 2**62]
    """)


@pytest.fixture(scope="module")
def f():
    return jitcell.compile_cell(CELL).functions


def _values(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 2**64, n, dtype=np.uint64)
    a[: n // 4] = rng.integers(0, 20, n // 4, dtype=np.uint64)  # small ones: divisors, exponents
    edges = np.array([0, 1, 2, 3, 2**63 - 1, 2**63, 2**63 + 1, 2**64 - 1], dtype=np.uint64)
    return np.concatenate([edges, a])


def _numpy(fn, *args):
    with np.errstate(all="ignore"):
        return fn(*args)


def _same(ours: np.ndarray, numpys: np.ndarray) -> None:
    assert ours.dtype == numpys.dtype and ours.shape == numpys.shape
    assert np.array_equal(ours, numpys, equal_nan=ours.dtype.kind == "f"), \
        (ours[ours != numpys][:5], numpys[ours != numpys][:5])


BINARY = {"bench": lambda a, b: (a * b + 7) // 3, "add": np.add, "sub": np.subtract, "mul": np.multiply,
          "floordiv": np.floor_divide, "mod": np.remainder, "truediv": np.true_divide, "power": np.power,
          "bits": lambda a, b: (a & b) | (a ^ ~b), "minimum": np.minimum, "maximum": np.maximum,
          "lt": np.less, "eq": np.equal, "where": lambda a, b: np.where(a > b, a, b - 1)}


@pytest.mark.parametrize("name", BINARY)
def test_binary_operations_match_numpy(f, name):
    a, b = _values(4000, 1), _values(4000, 2)
    b[::5] = a[::5]  # equal pairs
    b[1::7] = 0  # division by zero: 0, as NumPy (which warns)
    _same(f[name](a, b), _numpy(BINARY[name], a, b))
    _same(f[name](a[::-3], b[::3]), _numpy(BINARY[name], a[::-3], b[::3]))


def test_unary_and_float_functions(f):
    a = _values(3000, 3)
    _same(f["unary"](a), _numpy(lambda x: -x + np.abs(x), a))
    _same(f["functions"](a), np.sqrt(a) + np.floor(a / 7))


@pytest.mark.parametrize("n", [0, 1, 5, 2**40, 2**63 - 3])
def test_a_python_int_takes_the_arrays_dtype(f, n):
    a = _values(2000, 4)
    _same(f["with_int"](a, n), _numpy(lambda x: (x + n) * n // (n | 1) % (n + 2), a))


@pytest.mark.parametrize("n", [-1, -(2**63), 0, 7, 2**63 - 2])
def test_comparisons_with_a_python_int_are_exact(f, n):
    """NumPy 2 compares a uint64 with any Python int exactly: every element is above -1."""
    a = _values(2000, 5)
    a[10:20] = max(n, 0)
    _same(f["compare_int"](a, n), (a < n) ^ (a >= n + 1) ^ (a == n))


def test_a_negative_python_int_is_numpys_overflow_error(f):
    a = _values(10, 6)
    with pytest.raises(OverflowError) as numpys:
        a + (-1)
    with pytest.raises(OverflowError) as ours:
        f["with_int"](a, -1)
    assert str(ours.value) == str(numpys.value) == "Python integer -1 out of bounds for uint64"


def test_uint64_with_int64_is_float64_and_comparisons_are_exact(f):
    a, i = _values(3000, 7), np.random.default_rng(8).integers(-(2**63), 2**63, 3008)
    i[:8] = [2**63 - 1, 2**63 - 2, -1, 0, 1, 2**63 - 1, -(2**63), 5]
    i[100:200] = a[100:200] >> np.uint64(1)  # divisors that are not zero, same magnitudes
    i[200:300] = a[200:300] & np.uint64(2**62)
    _same(f["with_int64"](a, i), _numpy(lambda x, y: x + y - x // y, a, i))
    _same(f["compare_int64"](a, i), (a < i) | (a == i))


def test_floats_smaller_dtypes_in_place_and_masks(f):
    a = _values(2000, 9)
    _same(f["with_float"](a, 0.75), a * 0.75 - a)
    u = (np.arange(a.size) % 256).astype(np.uint8)
    s = (np.arange(a.size) % 256 - 128).astype(np.int8)
    _same(f["with_small"](a, u, s), (a + u) - s)
    b, w = _values(2000, 10), (np.arange(a.size) * 7919 % 65536).astype(np.uint16)
    ours, numpys = a.copy(), a.copy()
    f["in_place"](ours, b, w)
    numpys += b
    numpys *= w
    numpys //= 3
    numpys -= 5
    _same(ours, numpys)
    _same(f["mask"](a), a[a > 2**62])


def test_astype_of_uint64_values_beyond_2_to_the_63():
    g = jitcell.compile_cell("import numpy as np\ndef f(a: uint64[:]) -> float[:]:\n    return a.astype(float)\n"
                             "def g(a: uint64[:]) -> int8[:]:\n    return a.astype(np.int8)\n", cache=False).functions
    a = _values(1000, 11)
    _same(g["f"](a), a.astype(float))
    _same(g["g"](a), a.astype(np.int8))
