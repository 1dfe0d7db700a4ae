"""Whole-array expressions over complex128 arrays, against NumPy bit for bit: the operators with
arrays and scalars (broadcast), np.abs, np.conj, np.real, np.imag, np.sqrt, np.exp, np.log,
np.sin, np.cos, np.tan, in-place
forms, comparisons, np.where, np.minimum; over random values and every pair of special values
(zeros of both signs, subnormals, huge values, infinities, NaN). The CompileErrors of what NumPy
refuses name NumPy's words."""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

import jitcell
from jitcell import CompileError

CELL = textwrap.dedent("""\
    import numpy as np

    def fma_expr(a: complex[:], b: complex[:], c: complex[:]) -> complex[:]:
        return a * b + c

    def add(a: complex[:], b: complex[:]) -> complex[:]:
        return a + b

    def sub(a: complex[:], b: complex[:]) -> complex[:]:
        return a - b

    def mul(a: complex[:], b: complex[:]) -> complex[:]:
        return a * b

    def div(a: complex[:], b: complex[:]) -> complex[:]:
        return a / b

    def power(a: complex[:], b: complex[:]) -> complex[:]:
        return a ** b

    def power_int(a: complex[:], n: int) -> complex[:]:
        return a ** n

    def power_float(a: complex[:], x: float) -> complex[:]:
        return a ** x

    def square(a: complex[:]) -> complex[:]:
        return a ** 2

    def neg(a: complex[:]) -> complex[:]:
        return -a

    def absolute(a: complex[:]) -> float[:]:
        return np.abs(a)

    def conj(a: complex[:]) -> complex[:]:
        return np.conj(a) + np.conjugate(a)

    def parts(a: complex[:]) -> float[:]:
        return np.real(a) * 2.0 - np.imag(a)

    def attributes(a: complex[:]) -> float[:]:
        return a.real - a.imag

    def sqrt(a: complex[:]) -> complex[:]:
        return np.sqrt(a)

    def exp(a: complex[:]) -> complex[:]:
        return np.exp(a)

    def log(a: complex[:]) -> complex[:]:
        return np.log(a)

    def sin(a: complex[:]) -> complex[:]:
        return np.sin(a)

    def cos(a: complex[:]) -> complex[:]:
        return np.cos(a)

    def tan(a: complex[:]) -> complex[:]:
        return np.tan(a)

    def eq(a: complex[:], b: complex[:]) -> bool[:]:
        return a == b

    def ne(a: complex[:], b: complex[:]) -> bool[:]:
        return a != b

    def lt(a: complex[:], b: complex[:]) -> bool[:]:
        return a < b

    def ge(a: complex[:], b: complex[:]) -> bool[:]:
        return a >= b

    def minimum(a: complex[:], b: complex[:]) -> complex[:]:
        return np.minimum(a, b)

    def maximum(a: complex[:], b: complex[:]) -> complex[:]:
        return np.maximum(a, b)

    def where(a: complex[:], b: complex[:]) -> complex[:]:
        return np.where(a.real > 0.0, a, b)

    def scalars(a: complex[:], z: complex, x: float, n: int) -> complex[:]:
        return (a * z + x) / n - 1j * a

    def mixed(a: complex[:], f: float[:], i: int[:], u: uint8[:], s: float32[:]) -> complex[:]:
        return a * f + i - u * a + s

    def grid(a: complex[:, :], b: complex[:]) -> complex[:, :]:
        return a * b - b / a

    def in_place(a: complex[:], b: complex[:], f: float[:]) -> None:
        a += b
        a *= f
        a -= 2.5j
        a /= b

    def scalar_abs(z: complex) -> float:
        return np.abs(z)

    def scalar_sqrt(z: complex) -> complex:
        return np.sqrt(z)
    """)

_SPECIAL = [0.0, -0.0, 1.0, -1.0, 2.5, -3.75, 5e-324, 1e-310, 1e-200, 1e200, 1.7e308, float("inf"),
            float("-inf"), float("nan")]


@pytest.fixture(scope="module")
def f():
    return jitcell.compile_cell(CELL).functions


def _special() -> np.ndarray:
    return np.array([complex(x, y) for x in _SPECIAL for y in _SPECIAL])


def _pairs() -> tuple[np.ndarray, np.ndarray]:
    s = _special()
    return np.repeat(s, len(s)), np.tile(s, len(s))


def _random(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    scale = 10.0 ** rng.integers(-8, 8, (2, n))
    return rng.standard_normal(n) * scale[0] + 1j * rng.standard_normal(n) * scale[1]


def _wide(n: int, seed: int) -> np.ndarray:
    """Parts with any exponent, subnormal to huge."""
    rng = np.random.default_rng(seed)
    with np.errstate(all="ignore"):
        parts = [np.ldexp(rng.uniform(-1.0, 1.0, n), rng.integers(-1074, 1024, n)) for _ in range(2)]
    return parts[0] + 1j * parts[1]


def _same(ours: np.ndarray, numpys: np.ndarray) -> None:
    """The same dtype, shape and bits; a NaN equals a NaN whatever its sign bit and payload, which
    follow the order the compiler gives a commutative operation's operands (x86 returns the first
    operand's NaN), not the language."""
    assert ours.dtype == numpys.dtype and ours.shape == numpys.shape
    if ours.dtype.kind == "c":
        ours, numpys = ours.view(np.float64), numpys.view(np.float64)
    if ours.dtype.kind == "f":
        both = np.isnan(ours) & np.isnan(numpys)
        ours, numpys = np.where(both, 0.0, ours), np.where(both, 0.0, numpys)
        ours, numpys = ours.view(np.uint64), numpys.view(np.uint64)
    differ = np.flatnonzero(ours.reshape(-1) != numpys.reshape(-1))
    assert differ.size == 0, (differ[:5], ours.reshape(-1)[differ[:5]], numpys.reshape(-1)[differ[:5]])


def _numpy(fn, *args):
    with np.errstate(all="ignore"):
        return fn(*args)


BINARY = {"add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.divide, "power": np.power,
          "eq": np.equal, "ne": np.not_equal, "lt": np.less, "ge": np.greater_equal,
          "minimum": np.minimum, "maximum": np.maximum}


@pytest.mark.parametrize("name", BINARY)
def test_binary_operations_match_numpy_bit_for_bit(f, name):
    for a, b in (_pairs(), (_random(5003, 1), _random(5003, 2)), (_wide(5003, 19), _wide(5003, 20))):
        _same(f[name](a, b), _numpy(BINARY[name], a, b))


UNARY = {"neg": np.negative, "absolute": np.abs, "sqrt": np.sqrt, "exp": np.exp, "log": np.log, "sin": np.sin,
         "cos": np.cos, "tan": np.tan, "square": lambda a: a ** 2,
         "conj": lambda a: np.conj(a) + np.conjugate(a), "parts": lambda a: np.real(a) * 2.0 - np.imag(a),
         "attributes": lambda a: a.real - a.imag}


@pytest.mark.parametrize("name", UNARY)
def test_unary_functions_match_numpy_bit_for_bit(f, name):
    """np.abs is NumPy's vectorized scaled hypot (not the C library's hypot, which differs in the
    last bit for a third of the values); np.sqrt, np.exp, np.log, np.sin, np.cos, np.tan the C
    library's csqrt, cexp, clog, csin, ccos, ctan, as NumPy's npy_c* call them."""
    for a in (_special(), _random(20011, 3), _random(7, 4), _wide(20011, 21)):
        _same(f[name](a), _numpy(UNARY[name], a))


def test_abs_of_a_reversed_1d_array_is_numpys_scalar_loop(f):
    """NumPy's vectorized absolute takes positive strides only: a 1-D array walked backwards goes
    to its scalar loop, the C library's hypot, which differs in the last bit in some values."""
    a = _random(5001, 22)
    for x in (a[::-1], a[::-3], a[:1][::-1]):
        _same(f["absolute"](x), np.abs(x))
    assert not np.array_equal(np.abs(a[::-1]), np.abs(a[::-1].copy()))  # the two loops differ here


def test_a_strided_operand_and_broadcasting(f):
    a, b = _random(600, 5).reshape(20, 30), _random(30, 6)
    _same(f["grid"](a, b), a * b - b / a)
    _same(f["grid"](a[::2, ::3], b[::3]), a[::2, ::3] * b[::3] - b[::3] / a[::2, ::3])
    _same(f["fma_expr"](a[0], b, b[::-1]), a[0] * b + b[::-1])
    with pytest.raises(ValueError, match=r"operands could not be broadcast together with shapes \(20,30\) \(7,\)"):
        f["grid"](a, b[:7])


@pytest.mark.parametrize("n", [2, -1, 0, 1, 3, 5, -4, 99, 100, -250])
def test_power_by_a_python_int_is_numpys_fast_path(f, n):
    """a ** 2 is np.square and a ** -1 np.reciprocal (NumPy's fast_scalar_power), which differ in
    the last bit from npy_cpow's (a ** 2.0, a ** b with b an array of 2)."""
    for a in (_special(), _random(3001, 7)):
        _same(f["power_int"](a, n), _numpy(lambda x: x ** n, a))


@pytest.mark.parametrize("x", [2.0, 0.5, -1.0, 1.5, -0.25, 0.0])
def test_power_by_a_python_float(f, x):
    for a in (_special(), _random(3001, 8)):
        _same(f["power_float"](a, x), _numpy(lambda v: v ** x, a))


def test_scalars_mixed_dtypes_and_where(f):
    a = _random(1001, 9)
    _same(f["scalars"](a, 1.5 - 2j, 0.25, 3), (a * (1.5 - 2j) + 0.25) / 3 - 1j * a)
    fl, i = np.linspace(-3.0, 3.0, 1001), np.arange(1001) - 500
    u, s = (np.arange(1001) % 256).astype(np.uint8), np.linspace(0.0, 1.0, 1001, dtype=np.float32)
    _same(f["mixed"](a, fl, i, u, s), a * fl + i - u * a + s)
    b = _random(1001, 10)
    _same(f["where"](a, b), np.where(a.real > 0.0, a, b))


def test_in_place_forms(f):
    a, b, fl = _random(999, 11), _random(999, 12), np.linspace(-2.0, 2.0, 999)
    ours, numpys = a.copy(), a.copy()
    f["in_place"](ours, b, fl)
    numpys += b
    numpys *= fl
    numpys -= 2.5j
    numpys /= b
    _same(ours, numpys)


def test_scalar_functions(f):
    for z in _special()[::7]:
        _same(np.array([f["scalar_abs"](complex(z))]), np.array([_numpy(np.abs, np.complex128(z))]))
        _same(np.array([f["scalar_sqrt"](complex(z))]), np.array([_numpy(np.sqrt, np.complex128(z))]))


def compile_error(source: str) -> CompileError:
    with pytest.raises(CompileError) as caught:
        jitcell.compile_cell(source, cache=False)
    return caught.value


@pytest.mark.parametrize("body, col, numpy_call", [
    ("return a // a", 12, lambda a, s: a // a),
    ("return a % 2", 12, lambda a, s: a % 2),
    ("return a & a", 12, lambda a, s: a & a),
    ("return ~a", 12, lambda a, s: ~a),
    ("return np.floor(a)", 12, lambda a, s: np.floor(a)),
    ("return s * 1j", 12, None),
    ("s += a\n    return a", 5, lambda a, s: np.add(s, a, out=s)),
])
def test_what_numpy_refuses_or_jitcell_lacks(body, col, numpy_call):
    source = f"import numpy as np\ndef f(a: complex[:], s: float32[:]) -> complex[:]:\n    {body}\n"
    error = compile_error(source)
    found = [(d.loc.line, d.loc.col, d.message) for d in error.diagnostics]
    assert len(found) == 1 and found[0][:2] == (3, col), found
    if numpy_call is None:
        assert "jitcell" in found[0][2]
        return
    with pytest.raises(TypeError) as numpys:  # NumPy's own words
        numpy_call(np.ones(2, complex), np.ones(2, np.float32))
    assert str(numpys.value).split(" (")[0] in found[0][2].replace("'add' output", "'add' output")


def test_dtypes_follow_numpys_promotion(f):
    a = _random(5, 13)
    assert f["absolute"](a).dtype == np.abs(a).dtype == np.float64
    assert f["parts"](a).dtype == np.float64
    assert f["mixed"](a, a.real, a.real.astype(int), a.real.astype(np.uint8),
                      a.real.astype(np.float32)).dtype == np.complex128


def test_writing_through_real_or_imag_is_refused():
    """jitcell's a.real is a copy; NumPy's a view: a write through it would be lost, so it does not compile."""
    for body in ("a.real[0] = 1.0", "a.imag[:] += 1.0"):
        error = compile_error(f"def f(a: complex[:]) -> None:\n    {body}\n")
        assert [(d.loc.line, d.loc.col) for d in error.diagnostics] == [(2, 5)]
        assert "is a copy there, not NumPy's view" in error.diagnostics[0].message


def test_masks_of_complex_arrays():
    g = jitcell.compile_cell("def f(a: complex[:]) -> complex[:]:\n    a[a.real < 0.0] = 2j\n"
                             "    return a[a != 2j] * 1j\n", cache=False).functions["f"]
    a, expected = _random(101, 14), _random(101, 14)
    expected[expected.real < 0.0] = 2j
    _same(g(a), expected[expected != 2j] * 1j)
    _same(a, expected)


REDUCTIONS = textwrap.dedent("""\
    import numpy as np

    def prod(a: complex[:]) -> complex:
        return np.prod(a)

    def least(a: complex[:]) -> complex:
        return np.min(a)

    def greatest(a: complex[:]) -> complex:
        return a.max()

    def argmin(a: complex[:]) -> int:
        return np.argmin(a)

    def argmax(a: complex[:]) -> int:
        return a.argmax()

    def prod2(m: complex[:, :]) -> complex:
        return m.prod()

    def max2(m: complex[:, :]) -> complex:
        return np.max(m)

    def argmin2(m: complex[:, :]) -> int:
        return np.argmin(m)

    def prod_axis(m: complex[:, :], axis: int) -> complex[:]:
        return np.prod(m, axis=0) if axis == 0 else np.prod(m, axis=1)

    def min_axis(m: complex[:, :], axis: int) -> complex[:]:
        return np.min(m, axis=0) if axis == 0 else m.min(axis=-1)

    def max_axis(m: complex[:, :], axis: int) -> complex[:]:
        return np.max(m, axis=0) if axis == 0 else np.max(m, axis=1)

    def argmax_axis(m: complex[:, :], axis: int) -> int[:]:
        return np.argmax(m, axis=0) if axis == 0 else np.argmax(m, axis=1)

    def argmin_axis(m: complex[:, :], axis: int) -> int[:]:
        return np.argmin(m, axis=0) if axis == 0 else np.argmin(m, axis=1)
    """)


@pytest.fixture(scope="module")
def r():
    return jitcell.compile_cell(REDUCTIONS).functions


def _reduction_inputs() -> list[np.ndarray]:
    """Random values; ties (equal real parts, zeros of both signs); NaNs in either part."""
    rng = np.random.default_rng(15)
    plain = rng.uniform(0.5, 1.5, 2000) * np.exp(1j * rng.uniform(-3.0, 3.0, 2000))
    ties = np.array([complex(x, y) for x in (0.0, -0.0, 1.0) for y in (0.0, -0.0, 2.0, -2.0)] * 3)
    rng.shuffle(ties)
    nan_real, nan_imag = plain[:50].copy(), plain[:50].copy()
    nan_real[[7, 30]] = [complex(np.nan, 1.0), complex(np.nan, -1.0)]
    nan_imag[[5, 20]] = [complex(1.0, np.nan), complex(-1.0, np.nan)]
    special = _special()
    return [plain, ties, nan_real, nan_imag, special, plain[:1], plain[::-7]]


@pytest.mark.parametrize("name, numpy_call", [
    ("prod", np.prod), ("least", np.min), ("greatest", np.max), ("argmin", np.argmin), ("argmax", np.argmax)])
def test_whole_reductions_match_numpy(r, name, numpy_call):
    for a in _reduction_inputs():
        ours, numpys = r[name](a), _numpy(numpy_call, a)
        if name.startswith("arg"):
            assert ours == numpys
        else:
            _same(np.array([ours]), np.array([numpys]))


@pytest.mark.parametrize("name, numpy_call", [("prod2", np.prod), ("max2", np.max), ("argmin2", np.argmin)])
def test_whole_reductions_of_2d_arrays_walk_as_numpy(r, name, numpy_call):
    """A product's roundings follow NumPy's iterator: memory order, so a transposed array differs."""
    m = _reduction_inputs()[0][:1800].reshape(36, 50)
    for a in (m, m.T, m[::2, ::-3], np.asfortranarray(m), _special().reshape(14, 14)):
        ours, numpys = r[name](a), _numpy(numpy_call, a)
        _same(np.array([ours]), np.array([numpys]))


@pytest.mark.parametrize("name, numpy_call", [
    ("prod_axis", np.prod), ("min_axis", np.min), ("max_axis", np.max), ("argmax_axis", np.argmax),
    ("argmin_axis", np.argmin)])
def test_reductions_along_an_axis(r, name, numpy_call):
    """Along the inner axis a product multiplies as NumPy's reduce loop does, along the outer one as
    its vectorized loop does (fused multiply-adds): both NumPy's bits."""
    m = _reduction_inputs()[0][:1800].reshape(36, 50)
    for a in (m, m.T, m[::2, ::-3], _special().reshape(14, 14), _reduction_inputs()[2].reshape(5, 10)):
        for axis in (0, 1):
            with np.errstate(all="ignore"):
                numpys = numpy_call(a, axis=axis)
            _same(r[name](a, axis), numpys)


def test_empty_reductions(r):
    assert r["prod"](np.zeros(0, complex)) == np.prod(np.zeros(0, complex)) == 1
    for name, numpy_call in (("least", np.min), ("argmax", np.argmax)):
        with pytest.raises(ValueError) as numpys:
            numpy_call(np.zeros(0, complex))
        with pytest.raises(ValueError) as ours:
            r[name](np.zeros(0, complex))
        assert str(ours.value) == str(numpys.value)


ASTYPE = textwrap.dedent("""\
    import numpy as np

    def to_float(a: complex[:]) -> float[:]:
        return a.astype(np.float64)

    def to_float32(a: complex[:, :]) -> float32[:, :]:
        return a.astype(np.float32)

    def to_int(a: complex[:]) -> int[:]:
        return a.astype(int)

    def to_int16(a: complex[:]) -> int16[:]:
        return a.astype("int16")

    def to_bool(a: complex[:]) -> bool[:]:
        return a.astype(bool)

    def from_float(a: float[:]) -> complex[:]:
        return a.astype(complex)
    """)


@pytest.fixture(scope="module")
def casts():
    return jitcell.compile_cell(ASTYPE).functions


def _warned(call) -> tuple[object, list[tuple]]:
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = call()
    return result, [(w.category, str(w.message), w.filename, w.lineno) for w in caught]


@pytest.mark.parametrize("name, dtype", [("to_float", np.float64), ("to_int", np.int64), ("to_int16", np.int16)])
def test_astype_to_a_real_dtype_keeps_the_real_part_and_warns_as_numpy(casts, name, dtype):
    """NumPy's ComplexWarning, through Python, attributed to the line that called the function."""
    a = np.concatenate([_random(500, 16) * 1e-4, np.array([0j, -0.0 + 1j, 2.5 - 3j, -7.75 + 0j])])
    (ours, ours_warnings), (numpys, numpys_warnings) = _warned(lambda: casts[name](a)), _warned(lambda: a.astype(dtype))
    _same(ours, numpys)
    assert [w[:2] for w in ours_warnings] == [w[:2] for w in numpys_warnings] and len(ours_warnings) == 1
    assert ours_warnings[0][2] == __file__ == numpys_warnings[0][2]
    (_, empty_warnings), _ = _warned(lambda: casts[name](a[:0])), None
    assert len(empty_warnings) == 1  # as NumPy: it warns before it converts


def test_astype_other_casts(casts):
    a = _random(600, 17)
    ours, warned = _warned(lambda: casts["to_float32"](a.reshape(20, 30)))
    numpys, _ = _warned(lambda: a.reshape(20, 30).astype(np.float32))
    _same(ours, numpys)
    assert len(warned) == 1
    ours, warned = _warned(lambda: casts["to_bool"](np.concatenate([a, _special()])))
    _same(ours, np.concatenate([a, _special()]).astype(bool))
    assert warned == []  # NumPy does not warn for bool
    _same(casts["from_float"](a.real), a.real.astype(complex))


def test_a_complex_warning_as_an_error_raises_it(casts):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(np.exceptions.ComplexWarning, match="Casting complex values to real discards"):
            casts["to_int"](_random(5, 18))
