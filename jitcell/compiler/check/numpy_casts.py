"""Typing rules for NumPy's dtype conversions: `a.astype(dtype)` and `np.arange(..., dtype=)`.

    a.astype(np.uint8)          ->  ArrayMap((a,), ElementOf(0), uint8[:])   (the store wraps)
    a.astype(float)             ->  ArrayMap((a,), ElementOp("cast", (ElementOf(0),), float), float[:])
    z.astype(float)             ->  NumpyCall("complex_astype", (ArrayMap((z,), ElementOp("real", ...)),))
                                    (NumPy's ComplexWarning through Python, then the real parts)
    np.arange(n, dtype=np.int16) ->  NumpyCall("arange", (0, n, 1), int16[:])

astype is a whole-array expression (one loop, check/array_exprs.py's ArrayMap): each element is
read as its kind (int64, float64, bool), cast to the target's kind and stored as the target's dtype,
which is NumPy's `unsafe` casting: ints wrap (300 -> 44 in uint8), floats round to float32, floats
to ints truncate toward zero (a float outside the target's range, or a NaN, is undefined in NumPy:
a RuntimeWarning and a value of the C compiler's choosing), nonzero to True. `copy=False` and
the other keywords are not taken.
"""

from __future__ import annotations

from jitcell.compiler import syntax as S
from jitcell.compiler import typed as T
from jitcell.compiler.types import BOOL, COMPLEX, FLOAT, INT, Array
from jitcell.dtypes import DTYPES

from .arrays import array_of
from .host import CheckerHost

__all__ = ["astype", "arange_dtype"]


def astype(host: CheckerHost, a: T.Expr, node: S.Call, dtype_argument) -> T.Expr:
    """`a.astype(dtype)`: a new C-order array of that dtype."""
    t = a.type
    assert isinstance(t, Array)
    if node.keywords or len(node.args) != 1:
        return host.error("astype() takes one dtype (no keywords) in jitcell", node.loc)
    dtype = dtype_argument(node.args[0])
    if dtype is None:
        return host.error("dtype must be float, int, bool or complex, np.NAME or 'NAME' of a NumPy dtype "
                          f"jitcell supports ({', '.join(DTYPES)})", node.args[0].loc)
    result = array_of(dtype, t.ndim)
    kernel: T.Expr = T.ElementOf(0, t.element, a.loc)
    discards = t.element is COMPLEX and result.element not in (COMPLEX, BOOL)
    if discards:  # the real part, converted as a float is
        kernel = T.ElementOp("real", (kernel,), FLOAT, node.loc)
    if result.element is not kernel.type:
        kernel = T.ElementOp("cast", (kernel,), result.element, node.loc, "uint64" if t.dtype == "uint64" else "")
    converted = T.ArrayMap((a,), kernel, result, node.loc)
    if discards:  # NumPy warns (ComplexWarning) before it converts, even an empty array
        return T.NumpyCall("complex_astype", (converted,), None, result, node.loc)
    return converted


def arange_dtype(host: CheckerHost, element, dtype: str, loc) -> str | None:
    """The dtype of `np.arange(..., dtype=dtype)` whose arguments are of element type `element`
    (INT or FLOAT), or None (an error reported)."""
    d = DTYPES[dtype]
    if d.kind == "float":
        return dtype
    if d.kind == "int" and element is INT:
        return dtype
    if element is FLOAT and d.kind == "int":
        host.error("np.arange() of floats with an integer dtype is not supported by jitcell", loc)
    else:
        host.error(f"np.arange() with dtype {dtype} is not supported by jitcell", loc)
    return None

