"""NumPy draws with a size (`np.random.random(n)`, `normal(0, 1, (n, m))`, `rand(d0, d1)`...):
one source text runs under NumPy and compiled, and each call must give the same arrays (dtype,
shape, every bit) or raise the same exception: NumPy's legacy RandomState stream, the draws
consumed in the same order, the Gaussian cache shared by scalar and array draws.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

import jitcell
from jitcell import CompileError, runtime

SOURCE = '''
import numpy as np


def flat(out: list[float], a: float[:, :]) -> None:
    for x in a.ravel():
        out.append(x)


def uniforms(seed: int, n: int, m: int) -> list[float[:]]:
    np.random.seed(seed)
    return [np.random.random(n), np.random.random_sample(size=m), np.random.random(size=(n,)),
            np.random.rand(m), np.random.uniform(-2.0, 3.0, n), np.random.uniform(size=m),
            np.random.uniform(1.0, 1.0, n)]


def shaped(seed: int, n: int, m: int) -> tuple[float[:, :], float[:, :, :], float[:, :], float[:, :]]:
    np.random.seed(seed)
    a = np.random.random((n, m))
    b = np.random.rand(m, n, 2)
    c = np.random.randn(n, m)
    d = np.random.standard_normal(size=(m, n))
    return a, b, c, d


def normals(seed: int, n: int, loc: float, scale: float) -> list[float]:
    """Scalar and array draws interleaved: the cached normal of one goes to the next."""
    np.random.seed(seed)
    out: list[float] = []
    out.append(np.random.normal(loc, scale))
    flat(out, np.random.normal(loc, scale, (n, 1)))
    out.append(np.random.standard_normal())
    flat(out, np.random.standard_normal((1, n)))
    out.append(np.random.randn())
    for x in np.random.normal(size=n):
        out.append(x)
    for x in np.random.randn(n + 1):
        out.append(x)
    out.append(np.random.normal(scale=scale))
    out.append(np.random.random())
    for x in np.random.normal(loc, scale, size=(n,)):
        out.append(x)
    return out


def ints(seed: int, low: int, high: int, n: int) -> list[int[:]]:
    np.random.seed(seed)
    first = np.random.randint(low, high)
    return [np.random.randint(low, high, n), np.random.randint(max(high, 1), size=n), np.random.randint(low, high, None,
            int) + np.zeros(1, dtype=int), np.random.randint(low, high=high, size=(n,), dtype=np.int64),
            np.random.randint(low, high, n) + first]


def ints2(seed: int, low: int, high: int, n: int, m: int) -> int[:, :]:
    np.random.seed(seed)
    return np.random.randint(low, high, (n, m))


def mixed(seed: int, n: int) -> list[float]:
    np.random.seed(seed)
    out: list[float] = []
    for k in range(n):
        out.append(np.random.random())
        for x in np.random.random(k):
            out.append(x)
        out.append(float(np.random.randint(0, 10 + k)))
        for i in np.random.randint(-k, 7 + k * k, k):
            out.append(float(i))
        out.append(np.random.uniform(-1.0, 1.0))
        for x in np.random.standard_normal(k):
            out.append(x)
        out.append(np.random.standard_normal())
    return out


def many_axes(seed: int, n: int) -> FLOATS_32D:
    np.random.seed(seed)
    return np.random.random((n, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                             1, 1, 2))


def sized(seed: int, shape: tuple[int, int]) -> float[:, :]:
    np.random.seed(seed)
    return np.random.normal(0.0, 1.0, shape)


def shifted(seed: int, xs: float[:]) -> float[:]:
    np.random.seed(seed)
    a = np.random.random(len(xs))
    for i in range(len(a)):
        a[i] += xs[i]
    return a


def seed(s: int) -> None:
    np.random.seed(s)


def random_of(n: int) -> float[:]:
    return np.random.random(n)


def random_of2(n: int, m: int) -> float[:, :]:
    return np.random.rand(n, m)


def randint_of(low: int, high: int, n: int) -> int[:]:
    return np.random.randint(low, high, n)


def randint_below(high: int, n: int, m: int) -> int[:, :]:
    return np.random.randint(high, size=(n, m))


def normal_of(scale: float, n: int) -> float[:]:
    return np.random.normal(0.0, scale, n)


def uniform_of(low: float, high: float, n: int) -> float[:]:
    return np.random.uniform(low, high, n)


def randn_of(n: int, m: int) -> float[:, :]:
    return np.random.randn(n, m)


def narrow(seed: int, low: int, high: int, n: int) -> tuple[int32[:], uint32[:], int16[:, :], uint16[:], int8[:],
                                                            uint8[:], uint64[:], list[int]]:
    """Each dtype's generator: 16 and 8 bits take parts of one word across a fill's elements, and a
    scalar draw takes a word of its own."""
    np.random.seed(seed)
    scalars: list[int] = []
    a = np.random.randint(low, high, n, dtype=np.int32)
    scalars.append(np.random.randint(low, high, dtype=np.int16))
    b = np.random.randint(low, high, size=n, dtype='uint32')
    c = np.random.randint(low, high, (2, n), np.int16)
    scalars.append(np.random.randint(low, high, dtype=np.uint8))
    d = np.random.randint(low, high, n, dtype=np.uint16)
    e = np.random.randint(low, high, n, dtype=np.int8)
    scalars.append(np.random.randint(high, dtype=np.uint16))
    f = np.random.randint(low, high, n, dtype=np.uint8)
    g = np.random.randint(low, high, n, dtype=np.uint64)
    scalars.append(np.random.randint(low, high, dtype=np.uint64))
    scalars.append(np.random.randint(low, high, dtype=np.int32))
    return a, b, c, d, e, f, g, scalars


def of_int32(seed: int, low: int, high: int, n: int) -> list[int]:
    np.random.seed(seed)
    out = [int(np.random.randint(low, high, dtype=np.int32))]
    a = np.random.randint(low, high, n, dtype=np.int32)
    for i in range(len(a)):
        out.append(int(a[i]))
    out.append(int(np.random.randint(low, high, dtype=np.int32)))
    return out


def of_uint32(seed: int, low: int, high: int, n: int) -> list[int]:
    np.random.seed(seed)
    out = [int(np.random.randint(low, high, dtype=np.uint32))]
    a = np.random.randint(low, high, n, dtype=np.uint32)
    for i in range(len(a)):
        out.append(int(a[i]))
    out.append(int(np.random.randint(low, high, dtype=np.uint32)))
    return out


def of_int16(seed: int, low: int, high: int, n: int) -> list[int]:
    np.random.seed(seed)
    out = [int(np.random.randint(low, high, dtype=np.int16))]
    a = np.random.randint(low, high, n, dtype=np.int16)
    for i in range(len(a)):
        out.append(int(a[i]))
    out.append(int(np.random.randint(low, high, dtype=np.int16)))
    return out


def of_uint16(seed: int, low: int, high: int, n: int) -> list[int]:
    np.random.seed(seed)
    out = [int(np.random.randint(low, high, dtype=np.uint16))]
    a = np.random.randint(low, high, n, dtype=np.uint16)
    for i in range(len(a)):
        out.append(int(a[i]))
    out.append(int(np.random.randint(low, high, dtype=np.uint16)))
    return out


def of_uint64(seed: int, low: int, high: int, n: int) -> list[int]:
    np.random.seed(seed)
    out = [int(np.random.randint(low, high, dtype=np.uint64))]
    a = np.random.randint(low, high, n, dtype=np.uint64)
    for i in range(len(a)):
        out.append(int(a[i]))
    out.append(int(np.random.randint(low, high, dtype=np.uint64)))
    return out


def narrow_of(seed: int, low: int, high: int, n: int) -> uint8[:]:
    np.random.seed(seed)
    return np.random.randint(low, high, n, np.uint8)


def bools(seed: int, n: int, low: int, high: int) -> tuple[bool[:], bool, bool[:], bool]:
    np.random.seed(seed)
    return (np.random.randint(0, 2, n, dtype=bool), np.random.randint(2, dtype=np.bool_),
            np.random.randint(low, high, (n,), bool), np.random.randint(low, high, dtype=bool))


def int8_of(low: int, high: int, n: int) -> int8[:]:
    return np.random.randint(low, high, n, dtype=np.int8)


def int32_below(high: int) -> int:
    return np.random.randint(high, dtype=np.int32)


def uint64_of(low: int, high: int, n: int) -> uint64[:]:
    return np.random.randint(low, high, size=n, dtype=np.uint64)


def bool_of(low: int, high: int) -> bool:
    return np.random.randint(low, high, dtype=bool)
'''.replace("FLOATS_32D", f"float[{', '.join([':'] * 32)}]")

SEEDS = [0, 1, 7, 42, 12345, 2**31, 2**32 - 1]


@pytest.fixture(scope="module")
def both():
    namespace: dict = {}
    exec(compile(SOURCE, "<random_arrays>", "exec"), namespace)  # the annotations stay strings
    return namespace, jitcell.compile_cell(SOURCE).functions


def outcome(call):
    try:
        return "value", call()
    except Exception as error:  # the exception NumPy raised, or jitcell
        return "error", (type(error), str(error))


def same(a, b) -> bool:
    """Equal values of the same types; arrays of the same dtype and shape, bit for bit."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.dtype == b.dtype
                and a.shape == b.shape and a.tobytes() == b.tobytes())
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) or isinstance(b, float):
        return np.float64(a).tobytes() == np.float64(b).tobytes()
    return a == b


def check(both, name: str, *args) -> object:
    """The call under NumPy and compiled: the same outcome. Returns NumPy's."""
    python, jit = both
    expected = outcome(lambda: python[name](*args))
    got = outcome(lambda: jit[name](*args))
    assert expected[0] == got[0], (name, args, expected, got)
    if expected[0] == "error":
        assert got[1] == expected[1]
    else:
        assert same(expected[1], got[1]), (name, args)
    return expected


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("n, m", [(0, 0), (1, 3), (5, 2), (311, 1), (313, 627), (1000, 7)])
def test_uniform_draws(both, seed, n, m):
    kind, value = check(both, "uniforms", seed, n, m)
    assert kind == "value" and len(value[0]) == n  # the call drew, and so the comparison saw numbers


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("n, m", [(0, 3), (1, 1), (3, 5), (17, 40)])
def test_shapes(both, seed, n, m):
    kind, value = check(both, "shaped", seed, n, m)
    assert kind == "value" and value[1].shape == (m, n, 2)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("n, loc, scale", [(0, 0.0, 1.0), (1, 5.0, 0.25), (2, -1.0, 3.0), (7, 0.0, 0.0),
                                           (100, 1e300, 1e10), (333, 2.5, float("inf"))])
def test_normals_share_the_cached_gaussian(both, seed, n, loc, scale):
    kind, value = check(both, "normals", seed, n, loc, scale)
    assert kind == "value" and len(value) == 5 * n + 6


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("low, high", [(0, 1), (0, 2), (-5, 5), (3, 17), (0, 2**31), (0, 2**32 - 1), (0, 2**32),
                                       (1, 2**32 + 1), (-2**40, 2**40 + 3), (-2**63, 2**63 - 1),
                                       (2**62, 2**63 - 1), (-2**63, 0)])
def test_randint(both, seed, low, high):
    for n in (0, 1, 10, 700):
        kind, value = check(both, "ints", seed, low, high, n)
        assert kind == "value" and len(value[0]) == n
    check(both, "ints2", seed, low, high, 3, 250)


@pytest.mark.parametrize("seed", SEEDS)
def test_scalar_and_array_draws_interleaved(both, seed):
    kind, value = check(both, "mixed", seed, 30)
    assert kind == "value" and len(value) > 30 * 4


@pytest.mark.parametrize("seed", [0, 99])
def test_32_axes_and_a_shape_tuple(both, seed):
    kind, value = check(both, "many_axes", seed, 3)
    assert kind == "value" and value.ndim == 32
    for shape in [(2, 3), (0, 4), (700, 3)]:
        kind, value = check(both, "sized", seed, shape)
        assert kind == "value" and value.shape == shape


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("low, high", [(0, 1), (0, 2), (0, 3), (5, 6), (1, 100), (0, 127), (0, 128), (-128, 128),
                                       (10, 200), (0, 255), (0, 256)])
def test_randint_of_each_dtype(both, seed, low, high):
    """NumPy's bounded generators per dtype (masked rejection on words or on their parts)."""
    for n in (0, 1, 2, 3, 5, 8, 33, 1000):
        kind, value = check(both, "narrow", seed, low, high, n)
        assert kind == "value" or not (low >= 0 and high <= 128)  # within int8's and the unsigned ones' bounds
        kind, value = check(both, "narrow_of", seed, low, high, n)
        assert kind == ("value" if low >= 0 or n == 0 else "error")  # a size of no element: no check
        assert kind == "error" or len(value) == n


WIDE = {"int32": [(-2**31, 2**31), (0, 2**31 - 1), (-5, 2**20)], "uint32": [(0, 2**32), (0, 2**32 - 1), (7, 2**31 + 9)],
        "int16": [(-32768, 32768), (0, 32767), (-300, 3000)], "uint16": [(0, 65536), (0, 65535), (300, 40000)],
        "uint64": [(0, 2**63 - 1), (2**40, 2**62), (0, 2**32 + 1)]}


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("dtype", WIDE)
def test_randint_of_the_wider_dtypes(both, seed, dtype):
    for low, high in WIDE[dtype]:
        for n in (0, 1, 3, 700):
            kind, value = check(both, f"of_{dtype}", seed, low, high, n)
            assert kind == "value" and len(value) == n + 2


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("n, low, high", [(0, 0, 2), (1, 0, 2), (31, 0, 2), (32, 1, 2), (33, 0, 1), (100, 0, 2)])
def test_randint_of_bools(both, seed, n, low, high):
    kind, value = check(both, "bools", seed, n, low, high)
    assert kind == "value" and value[0].dtype == np.bool_


def test_a_drawn_array_is_new(both):
    """Writing into a drawn array writes no argument: a read-only array may be passed."""
    xs = np.arange(5.0)
    xs.flags.writeable = False
    kind, value = check(both, "shifted", 4, xs)
    assert kind == "value" and (xs == np.arange(5.0)).all()


ERRORS = [
    ("random_of", -1), ("random_of2", 2, -1), ("random_of2", -3, 0), ("random_of", 2**62),
    ("random_of2", 2**40, 2**40),
    ("randint_of", 5, 3, 4), ("randint_of", 5, 3, 0), ("randint_of", 5, 3, -1), ("randint_of", 5, 5, 1),
    ("randint_of", 0, 5, -2), ("randint_below", 0, 2, 2), ("randint_below", 0, 0, 2), ("randint_below", 0, -1, 0),
    ("randint_below", -4, 2, 2), ("randint_below", 3, -1, 2),
    ("normal_of", -1.0, 3), ("normal_of", -0.0, 3), ("normal_of", -1.0, -3), ("normal_of", float("nan"), 3),
    ("normal_of", 1.0, -3),
    ("uniform_of", 0.0, float("inf"), 2), ("uniform_of", -1e308, 1e308, -1), ("uniform_of", 2.0, 1.0, 3),
    ("uniform_of", 0.0, 1.0, -5), ("randn_of", 2, -2),
    ("int8_of", -129, 0, 2), ("int8_of", 0, 129, 2), ("int8_of", 0, 128, 2), ("int8_of", -128, 0, 2),
    ("int8_of", 5, 3, 2), ("int8_of", 5, 300, 0), ("int8_of", 5, 300, -1), ("int8_of", 0, 5, -1),
    ("int32_below", 0), ("int32_below", 2**31), ("int32_below", 2**31 + 1), ("int32_below", -3),
    ("uint64_of", -1, 5, 2), ("uint64_of", 0, 0, 2), ("uint64_of", 0, 2**63 - 1, 2), ("uint64_of", 3, 1, 0),
    ("bool_of", 0, 3), ("bool_of", -1, 1), ("bool_of", 1, 1), ("bool_of", 1, 2), ("bool_of", 0, 2),
]


@pytest.mark.parametrize("call", ERRORS, ids=[f"{c[0]}{c[1:]}" for c in ERRORS])
def test_numpys_errors(both, call):
    """The same exception (type and text) or the same array: sizes with a negative dimension or
    too many elements, empty ranges (none checked when the size has no element), bad scales."""
    name, *args = call
    for side in both:
        side["seed"](3)
    before = runtime.call("live_objects")
    check(both, name, *args)
    assert runtime.call("live_objects") <= before + 1  # at most the array returned, alive until NumPy frees it


COMPILE_ERRORS = {
    "float size": ("np.random.random(2.0)", "the size of np.random.random() must be an int or a tuple of ints, "
                   "not float"),
    "tuple of floats": ("np.random.normal(0.0, 1.0, (2, 1.5))", "the size of np.random.normal() must be an int or "
                        "a tuple of ints, not tuple[int, float]"),
    "empty tuple": ("np.random.random(())", "jitcell's arrays have 1 to 32 dimensions"),
    "33 axes": (f"np.random.random(({'1, ' * 33}))", "jitcell's arrays have 1 to 32 dimensions"),
    "33 dimensions": (f"np.random.rand({'1, ' * 33})", "jitcell's arrays have 1 to 32 dimensions"),
    "bool size": ("np.random.random(True)", "the size of np.random.random() must be an int or a tuple of ints, "
                  "not bool"),
    "rand with size=": ("np.random.rand(size=3)", "rand() got an unexpected keyword argument 'size'"),
    "float dimension": ("np.random.rand(3, 2.0)", "the size of np.random.rand() must be an int or a tuple of ints, "
                        "not tuple[int, float]"),
    "size twice": ("np.random.random(3, size=3)", "random() got multiple values for argument 'size'"),
    "too many": ("np.random.normal(0.0, 1.0, 3, 4)", "normal() takes at most 3 arguments (4 given)"),
    "float dtype": ("np.random.randint(0, 5, 3, np.float32)", "the dtype of np.random.randint() must be an integer "
                    "dtype or bool, not float32"),
    "complex dtype": ("np.random.randint(0, 5, dtype=complex)", "the dtype of np.random.randint() must be an "
                      "integer dtype or bool, not complex128"),
    "unknown dtype": ("np.random.randint(0, 5, dtype='f2')", "the dtype of np.random.randint() must be an integer "
                      "dtype or bool, not this"),
}


@pytest.mark.parametrize("expression, message", COMPILE_ERRORS.values(), ids=COMPILE_ERRORS.keys())
def test_what_is_not_drawn_is_a_compile_error(expression, message):
    source = f"import numpy as np\ndef f() -> None:\n    x = {expression}\n"
    with pytest.raises(CompileError) as caught:
        jitcell.compile_cell(textwrap.dedent(source), cache=False)
    assert message in [d.message for d in caught.value.diagnostics]
