"""NumPy's creation, shape, reduction and dot functions in compiled code, beyond the differential
programs (tests/programs/numpy_*.py): float dot against NumPy with a tolerance (NumPy calls BLAS,
whose order of additions differs), pairwise sums bit for bit over many lengths, views that share
the argument's memory, and the CompileErrors of what jitcell does not compile."""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

import jitcell
from jitcell import CompileError

SOURCE = """
import numpy as np

def dot(a: float[:, :], b: float[:, :]) -> float[:, :]:
    return a @ b

def vdot(a: float[:], b: float[:]) -> float:
    return np.dot(a, b)

def total(a: float[:]) -> float:
    return a.sum()

def total_2d(m: float[:, :]) -> float:
    return m.sum()

def product_2d(m: float[:, :]) -> float:
    return np.prod(m)

def mean_2d(m: int[:, :]) -> float:
    return m.mean()

def complex_sum(m: complex[:, :]) -> complex:
    return m.sum()

def complex_mean(a: complex[:]) -> complex:
    return np.mean(a)

def complex_axis(m: complex[:, :]) -> tuple[complex[:], complex[:]]:
    return m.sum(axis=0), np.mean(m, axis=1)

def column_sums(m: float[:, :]) -> float[:]:
    return m.sum(axis=0)

def row_sums(m: float[:, :]) -> float[:]:
    return m.sum(axis=1)

def flat(m: float[:, :]) -> float[:]:
    return m.reshape(-1)

def transposed(m: float[:, :]) -> float[:, :]:
    return m.T
"""


@pytest.fixture(scope="module")
def fns():
    return jitcell.compile_cell(SOURCE, opt=2).functions


def test_float_dot_agrees_with_numpy_within_rounding(fns):
    rng = np.random.default_rng(7)
    for n, k, m in [(1, 1, 1), (3, 5, 2), (17, 33, 9), (64, 128, 32)]:
        a, b = rng.standard_normal((n, k)), rng.standard_normal((k, m))
        np.testing.assert_allclose(fns["dot"](a, b), a @ b, rtol=1e-12, atol=1e-12 * k)
        np.testing.assert_allclose(fns["vdot"](a[0], b[:, 0]), np.dot(a[0], b[:, 0]), rtol=1e-12, atol=1e-12 * k)


def test_int_valued_float_dot_is_exact(fns):
    a = np.arange(12.0).reshape(3, 4)
    assert np.array_equal(fns["dot"](a, a.T), a @ a.T)


def test_pairwise_sum_is_numpys_bits_at_every_length(fns):
    """Lengths around NumPy's block of 128 and its unrolling by 8, and far beyond."""
    rng = np.random.default_rng(3)
    for n in [*range(0, 40), *range(120, 140), 255, 256, 257, 1000, 4099, 65537]:
        a = rng.standard_normal(n) * np.exp(rng.standard_normal(n) * 8)
        assert fns["total"](a).hex() == np.sum(a).hex(), n
        assert fns["total"](a[::-2]).hex() == np.sum(a[::-2]).hex(), n


def test_whole_sums_of_strided_views_are_numpys_bits(fns):
    """NumPy's iterator orders the axes by stride, merges evenly spaced ones, and buffers a 2-D walk
    a whole number of rows at a time: each order of additions, for floats and for ints cast."""
    rng = np.random.default_rng(21)
    cases = [((300, 100), np.s_[:, ::2]), ((300, 100), np.s_[::2]), ((40, 1000), np.s_[:, 1:]),
             ((50, 60), np.s_[::-1]), ((50, 60), np.s_[:, ::-1]), ((20, 30), np.s_[::2, ::3]),
             ((500, 300), np.s_[:, ::3]), ((9000, 3), np.s_[:, :2]), ((3, 20000), np.s_[:, 1:])]
    for shape, part in cases:
        m = rng.standard_normal(shape)[part]
        ints = rng.integers(-2**60, 2**60, shape)[part]
        near_one = (1 + rng.standard_normal(shape) * 1e-3)[part]  # a product's roundings depend on the order
        for view, int_view, factors in ((m, ints, near_one), (m.T, ints.T, near_one.T)):
            assert fns["total_2d"](view).hex() == np.sum(view).hex(), (shape, part)
            assert fns["mean_2d"](int_view).hex() == np.mean(int_view).hex(), (shape, part)
            assert fns["product_2d"](factors).hex() == np.prod(factors).hex(), (shape, part)


def test_complex_sums_and_means_are_numpys_bits(fns):
    """NumPy's complex pairwise sum (4 accumulators a part) and its mean's division by (n + 0j)."""
    rng = np.random.default_rng(8)

    def bits(z: complex) -> tuple[str, str]:
        return complex(z).real.hex(), complex(z).imag.hex()

    for n in [1, 3, 4, 5, 63, 64, 65, 129, 1000, 20001]:
        a = (rng.standard_normal(n) + 1j * rng.standard_normal(n)) * np.exp(rng.standard_normal(n) * 3)
        assert bits(fns["complex_mean"](a)) == bits(np.mean(a)), n
        assert bits(fns["complex_mean"](a[::-3])) == bits(np.mean(a[::-3])), n
        if n >= 5:
            m = a[:n - n % 5].reshape(5, -1)
            for view in (m, m.T, m[:, ::2], m[::2, 1:]):
                assert bits(fns["complex_sum"](view)) == bits(np.sum(view)), (n, view.strides)


def test_complex_axis_sums_and_means_are_numpys_bits(fns):
    rng = np.random.default_rng(9)
    for shape in [(1, 300), (300, 1), (7, 129), (129, 7), (50, 200)]:
        m = (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)) * np.exp(rng.standard_normal(shape) * 4)
        for view in (m, m.T, m[::-1], m[:, ::2]):
            sums, means = fns["complex_axis"](view)
            assert sums.tobytes() == view.sum(axis=0).tobytes(), (shape, view.strides)
            assert means.tobytes() == view.mean(axis=1).tobytes(), (shape, view.strides)


def test_axis_sums_are_numpys_bits(fns):
    rng = np.random.default_rng(4)
    for shape in [(1, 300), (300, 1), (7, 129), (129, 7), (50, 200)]:
        m = rng.standard_normal(shape) * np.exp(rng.standard_normal(shape) * 8)
        for view in (m, m.T, m[::-1]):
            assert fns["column_sums"](view).tobytes() == view.sum(axis=0).tobytes(), shape
            assert fns["row_sums"](view).tobytes() == view.sum(axis=1).tobytes(), shape


def test_views_share_the_arguments_memory(fns):
    m = np.arange(6.0).reshape(2, 3)
    flat, t = fns["flat"](m), fns["transposed"](m)
    assert np.shares_memory(flat, m) and np.shares_memory(t, m)
    assert t.strides == m.T.strides
    m[1, 2] = -1.0
    assert flat[5] == -1.0 and t[2, 1] == -1.0
    copied = fns["flat"](m[:, ::2])  # not contiguous: a copy, as NumPy's
    assert not np.shares_memory(copied, m) and np.array_equal(copied, m[:, ::2].reshape(-1))


def compile_error(source: str) -> CompileError:
    with pytest.raises(CompileError) as caught:
        jitcell.compile_cell(textwrap.dedent(source).lstrip("\n"), cache=False)
    return caught.value


@pytest.mark.parametrize("body, line, col, message", [
    ("def f(a: float[:], k: int) -> float:\n    return a.sum(axis=k)\n", 2, 23,
     "sum()'s axis must be an int literal (or None) in jitcell"),
    ("def f(a: float[:, :]) -> float[:]:\n    return a.max(axis=2)\n", 2, 23,
     "axis 2 is out of bounds for array of dimension 2"),
    ("def f(a: float[:], b: int[:]) -> float:\n    return np.dot(a, b)\n", 2, 12,
     "dot() of float[:] and int[:] is not supported by jitcell (two float or two int arrays of one dtype are)"),
    ("def f(a: float[:]) -> float[:]:\n    return a @ 2.0\n", 2, 12,
     "unsupported operand types for @: 'float[:]' and 'float' (jitcell multiplies arrays)"),
    ("def f(n: int) -> int:\n    return n @ n\n", 2, 12, "the '@' operator is not supported"),
    ("def f(a: float[:]) -> float[:]:\n    return a.reshape(1.5)\n", 2, 22,
     "the shape of reshape() must be an int or a tuple of ints, not float"),
    ("def f(a: float[:]) -> float[:]:\n    return a.cumsum()\n", 2, 12,
     "'float[:]' has no method 'cumsum' in jitcell"),
    ("def f(n: int) -> int[:]:\n    return np.full(n, 2.5, dtype=int)\n", 2, 23,
     "np.full() would cast the fill value (float) to int elements; jitcell does not cast it: convert it first"),
    ("def f(a: float[:]) -> float:\n    return np.sum(a, keepdims=True)\n", 2, 22,
     "np.sum() keyword 'keepdims' is not supported by jitcell"),
    ("def f(n: int) -> float[:]:\n    return np.cumsum(np.zeros(n))\n", 2, 12,
     "numpy.cumsum is not supported by jitcell"),
    ("def f(a: uint64[:]) -> int:\n    return a.max()\n", 2, 12,
     "max() of uint64 arrays is not supported by jitcell (sum, prod and mean are)"),
    ("def f(a: complex[:, :, :]) -> complex:\n    return a.sum()\n", 2, 12,
     "sum() of 3-D arrays is not supported by jitcell yet (1-D and 2-D arrays are)"),
    ("def f(a: float[:, :, :], b: float[:]) -> float[:, :]:\n    return np.dot(a, b)\n", 2, 19,
     "np.dot() of 3-D arrays is not supported by jitcell yet"),
    ("def f(a: complex[:]) -> float[:]:\n    return a.astype(float, copy=False)\n", 2, 12,
     "astype() takes one dtype (no keywords) in jitcell"),
    ("def f(n: int) -> int16[:]:\n    return np.arange(0.5, n, dtype=np.int16)\n", 2, 36,
     "np.arange() of floats with an integer dtype is not supported by jitcell"),
    ("def f(a: float[:]) -> int[:]:\n    return a.astype(np.float16)\n", 2, 21,
     "dtype must be float, int, bool or complex"),
    ("def f(a: float[:, :], b: int16[:]) -> float:\n    return a @ b\n", 2, 12,
     "@ of float[:, :] and int16[:] is not supported by jitcell (two float or two int arrays of one dtype are)"),
])
def test_what_does_not_compile_names_the_construct(body, line, col, message):
    error = compile_error("import numpy as np\n\n" + body)
    assert (error.line, error.col) == (line + 2, col)
    assert str(error).split("\n")[0].split(": error: ")[1].startswith(message)
