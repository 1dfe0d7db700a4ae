"""Typing rules for NumPy's creation, shape, reduction and dot functions (and the array methods).

    np.arange(n), np.arange(0.0, 1.0, 0.1)  ->  NumpyCall("arange", (start, stop, step), int[:] / float[:])
    np.linspace(0, 1, 5)                    ->  NumpyCall("linspace", (0.0, 1.0, 5, True), float[:])
    np.full((n, m), 7), np.full_like(a, v)  ->  NumpyCall("full", (shape, value), int[:, :])
    a.reshape(2, -1), np.ravel(a), a.T      ->  NumpyCall("reshape" / "ravel" / "transpose", (a, ...))
    np.sum(m, axis=0), a.max(), m.argmin()  ->  NumpyCall("sum", (m,), axis=0, float[:]), ...
    np.dot(a, b), a @ b                     ->  NumpyCall("dot" / "matmul", (a, b), float or an array)

Result types follow NumPy 2's (`reduction_dtype`): sum and prod of bools and signed ints are
int64, of unsigned ints uint64, of floats their dtype; mean is float64 (float32 for float32),
min/max keep the dtype, argmin/argmax int64; a reduction along an axis has one axis fewer. Any
dtype and 1 to 32 axes, but complex reductions, dot and matmul take 1 or 2 axes. `axis=` is an
int literal (negative counts from the end). What NumPy raises at run time (a reshape to another
size, min of an empty array, shapes that do not align) is raised by the lowered code with NumPy's
own message.
"""

from __future__ import annotations

from jitcell.compiler import syntax as S
from jitcell.compiler import typed as T
from jitcell.compiler.types import BOOL, COMPLEX, ERROR, FLOAT, INT, Array, Tuple, Type
from jitcell.dtypes import DEFAULT_DTYPE, DTYPES, MAX_NDIM
from jitcell.errors import Loc

from .arrays import array_of
from .host import CheckerHost
from .numpy_casts import arange_dtype, astype

__all__ = ["NumpyFunctionChecks", "NUMPY_FUNCTIONS", "ARRAY_METHODS", "VIEW_FUNCTIONS"]

TWO_AXES = 2  # dot, matmul and complex reductions take arrays of 1 or 2 dimensions (the runtime walks two axes)
REDUCTIONS = ("sum", "prod", "min", "max", "mean", "argmin", "argmax")
NUMPY_FUNCTIONS = frozenset(("arange", "linspace", "full", "full_like", "copy", "reshape", "ravel", "transpose",
                             "dot", "matmul", *REDUCTIONS))
ARRAY_METHODS = frozenset(("reshape", "ravel", "flatten", "transpose", "dot", "astype", *REDUCTIONS))
VIEW_FUNCTIONS = frozenset(("reshape", "ravel", "transpose"))  # their result may share the array's memory


class NumpyFunctionChecks(CheckerHost):
    """Mixed into ExpressionChecker, beside ArrayChecks (which hands these calls over)."""

    def numpy_function(self, member: str, node: S.Call) -> T.Expr:
        """`np.NAME(...)` for NAME in NUMPY_FUNCTIONS (ArrayChecks.call_numpy takes np.zeros & co.)."""
        loc = node.loc
        if member not in NUMPY_FUNCTIONS:
            return self.error(f"numpy.{member} is not supported by jitcell (np.zeros, np.ones, np.empty and their "
                              f"*_like forms, {', '.join(sorted(NUMPY_FUNCTIONS))} are)", loc)
        if member == "arange":
            return self.numpy_arange(node)
        if member == "linspace":
            return self.numpy_linspace(node)
        if member in ("full", "full_like"):
            return self.numpy_full(member, node)
        args, keywords = self.numpy_arguments(f"np.{member}", node, {"axis"} if member in REDUCTIONS else set())
        if args is None:
            return T.Literal(0, ERROR, loc)
        if not args:
            return self.error(f"np.{member}() needs an array", loc)
        a = self.expr(args[0])
        if a.type is ERROR:
            return a
        if not isinstance(a.type, Array):
            return self.error(f"np.{member}() needs an array in jitcell, not {a.type}", a.loc)
        if member in ("dot", "matmul") and (refused := _too_many_axes(a.type, f"np.{member}()")):
            return self.error(refused, a.loc)
        rest = args[1:]
        if member in REDUCTIONS:
            if rest:
                keywords.setdefault("axis", rest.pop(0))
            if rest:
                return self.error(f"np.{member}() takes an array and axis= in jitcell", loc)
            return self.reduction(member, a, keywords.get("axis"), loc)
        if member in ("dot", "matmul"):
            if len(rest) != 1:
                return self.error(f"np.{member}() takes two arrays", loc)
            return self.array_product(member, a, self.expr(rest[0]), loc)
        if member == "reshape":
            if len(rest) != 1:
                return self.error("np.reshape() takes an array and a shape in jitcell", loc)
            return self.reshape(a, rest, loc)
        if rest:
            return self.error(f"np.{member}() takes only the array in jitcell", loc)
        if member == "copy":
            return T.ArrayCopy(a, a.type, loc)
        return self.shape_call(member, a, loc)

    def array_method_call(self, a: T.Expr, name: str, node: S.Call) -> T.Expr:
        """`a.reshape(...)`, `a.sum(axis=0)`, `a.dot(b)`...: the functions above as methods."""
        assert isinstance(a.type, Array)
        loc = node.loc
        if name not in ARRAY_METHODS:
            return self.error(f"'{a.type}' has no method {name!r} in jitcell (copy, astype, reshape, ravel, "
                              f"flatten, transpose, dot, {', '.join(REDUCTIONS)} are supported)", node.func.loc)
        if name == "dot" and (refused := _too_many_axes(a.type, f"{name}()")):
            return self.error(refused, loc)
        if name == "astype":
            return astype(self, a, node, self.dtype_argument)
        args, keywords = self.numpy_arguments(name, node, {"axis"} if name in REDUCTIONS else set())
        if args is None:
            return T.Literal(0, ERROR, loc)
        if name in REDUCTIONS:
            if args:
                keywords.setdefault("axis", args.pop(0))
            if args:
                return self.error(f"{name}() takes axis= in jitcell", loc)
            return self.reduction(name, a, keywords.get("axis"), loc)
        if name == "dot":
            if len(args) != 1:
                return self.error("dot() takes one array", loc)
            return self.array_product("dot", a, self.expr(args[0]), loc)
        if name == "reshape":
            if not args:
                return self.error("reshape() needs a shape", loc)
            return self.reshape(a, args, loc)
        if args:
            return self.error(f"{name}() takes no arguments in jitcell", loc)
        return self.shape_call(name, a, loc)

    def numpy_arguments(self, name: str, node: S.Call, allowed: set[str]) -> tuple[list, dict] | tuple[None, dict]:
        keywords: dict[str, S.Expr] = {}
        for kw in node.keywords:
            if kw.name not in allowed or kw.name in keywords:
                self.error(f"{name}() keyword '{kw.name}' is not supported by jitcell", kw.loc)
                return None, keywords
            keywords[kw.name] = kw.value
        return list(node.args), keywords

    # ---- creation ---------------------------------------------------------------------

    def numpy_number(self, node: S.Expr, what: str) -> T.Expr:
        e = self.expr(node)
        if e.type is not ERROR and e.type not in (INT, FLOAT, BOOL):
            return self.error(f"{what} must be an int or a float, not {e.type}", e.loc)
        return e

    def numpy_arange(self, node: S.Call) -> T.Expr:
        args, keywords = self.numpy_arguments("np.arange", node, {"dtype"})
        if args is None:
            return T.Literal(0, ERROR, node.loc)
        if not 1 <= len(args) <= 3:
            return self.error("np.arange() takes stop, or start, stop and an optional step (and dtype=) in "
                              "jitcell", node.loc)
        values = [self.numpy_number(a, "an argument of np.arange()") for a in args]
        if any(v.type is ERROR for v in values):
            return T.Literal(0, ERROR, node.loc)
        element = FLOAT if any(v.type is FLOAT for v in values) else INT
        dtype = DEFAULT_DTYPE[element.name]
        if "dtype" in keywords:
            named = self.dtype_argument(keywords["dtype"])
            if named is None:
                return self.error("dtype must be float, int, bool or complex, np.NAME or 'NAME' of a NumPy dtype "
                                  f"jitcell supports ({', '.join(DTYPES)})", keywords["dtype"].loc)
            chosen = arange_dtype(self, element, named, keywords["dtype"].loc)
            if chosen is None:
                return T.Literal(0, ERROR, node.loc)
            dtype = chosen
            element = array_of(dtype, 1).element
        if len(values) == 1:
            values.insert(0, T.Literal(0, INT, node.loc))
        if len(values) == 2:
            values.append(T.Literal(1, INT, node.loc))
        args_ = tuple(self.coerce(v, element, "an argument of np.arange()") for v in values)
        return T.NumpyCall("arange", args_, None, array_of(dtype, 1), node.loc)

    def numpy_linspace(self, node: S.Call) -> T.Expr:
        names = ("start", "stop", "num", "endpoint")
        given: dict[str, S.Expr] = dict(zip(names, node.args, strict=False))
        if len(node.args) > 4:
            return self.error("np.linspace() takes start, stop, num and endpoint in jitcell", node.loc)
        for kw in node.keywords:
            if kw.name not in names or kw.name in given:
                return self.error(f"np.linspace() keyword '{kw.name}' is not supported by jitcell", kw.loc)
            given[kw.name] = kw.value
        if "start" not in given or "stop" not in given:
            return self.error("np.linspace() needs start and stop", node.loc)
        start, stop = (self.numpy_number(given[n], f"np.linspace()'s {n}") for n in ("start", "stop"))
        num = self.expr(given["num"]) if "num" in given else T.Literal(50, INT, node.loc)
        endpoint = self.expr(given["endpoint"]) if "endpoint" in given else T.Literal(True, BOOL, node.loc)
        if ERROR in (start.type, stop.type, num.type, endpoint.type):
            return T.Literal(0, ERROR, node.loc)
        if num.type is not INT:
            return self.error(f"np.linspace()'s num must be an int, not {num.type}", num.loc)
        if endpoint.type is not BOOL:
            return self.error(f"np.linspace()'s endpoint must be a bool, not {endpoint.type}", endpoint.loc)
        args = (self.coerce(start, FLOAT, "start"), self.coerce(stop, FLOAT, "stop"), num, endpoint)
        return T.NumpyCall("linspace", args, None, Array(FLOAT, 1), node.loc)

    def numpy_full(self, member: str, node: S.Call) -> T.Expr:
        loc = node.loc
        args, keywords = self.numpy_arguments(f"np.{member}", node, {"fill_value", "dtype"})
        if args is None:
            return T.Literal(0, ERROR, loc)
        if len(args) == 1 and "fill_value" in keywords:
            args.append(keywords.pop("fill_value"))
        if len(args) == 3 and "dtype" not in keywords:
            keywords["dtype"] = args.pop()
        if len(args) != 2:
            return self.error(f"np.{member}() takes {'an array' if member == 'full_like' else 'a shape'}, a fill "
                              "value and an optional dtype in jitcell", loc)
        first, value = self.expr(args[0]), self.expr(args[1])
        if ERROR in (first.type, value.type):
            return T.Literal(0, ERROR, loc)
        dtype: str | None = None
        if "dtype" in keywords:
            dtype = self.dtype_argument(keywords["dtype"])
            if dtype is None:
                return self.error("dtype must be float, int, bool or complex, np.NAME or 'NAME' of a NumPy dtype "
                                  f"jitcell supports ({', '.join(DTYPES)})", keywords["dtype"].loc)
        if member == "full_like":
            if not isinstance(first.type, Array):
                return self.error(f"np.full_like() needs an array, not {first.type}", first.loc)
            shape: T.Expr = T.ArrayShape(first, Tuple([INT] * first.type.ndim), first.loc)
            ndim, dtype = first.type.ndim, dtype or first.type.dtype
        else:
            checked = self.numpy_shape(first, f"np.{member}()")
            if checked is None:
                return T.Literal(0, ERROR, loc)
            shape, ndim = first, checked
        if value.type not in (INT, FLOAT, BOOL):
            return self.error(f"np.{member}()'s fill value must be an int, a float or a bool in jitcell, not "
                              f"{value.type}", value.loc)
        result = array_of(dtype or DEFAULT_DTYPE[value.type.name], ndim)
        element = result.element
        if element is COMPLEX:
            return self.error(f"np.{member}() of complex numbers is not supported yet", loc)
        if not self.can_coerce(value.type, element):
            return self.error(f"np.{member}() would cast the fill value ({value.type}) to {element} elements; "
                              "jitcell does not cast it: convert it first", value.loc)
        fill = self.coerce(value, element, "the fill value")
        d = DTYPES[result.dtype]
        if d.kind == "int" and d.name != "int64" and fill.type is INT:  # NumPy 2's range check
            fill = T.ElementValue(fill, d.name, INT, fill.loc)
        return T.NumpyCall("full", (shape, fill), None, result, loc)

    def numpy_shape(self, shape: T.Expr, what: str) -> int | None:
        """The number of axes of a shape (an int or a tuple of ints), or None (an error reported)."""
        if shape.type is INT:
            return 1
        if isinstance(shape.type, Tuple) and all(t is INT for t in shape.type.items):
            if 1 <= len(shape.type.items) <= MAX_NDIM:
                return len(shape.type.items)
            self.error(f"jitcell's arrays have 1 to {MAX_NDIM} dimensions", shape.loc)
            return None
        self.error(f"the shape of {what} must be an int or a tuple of ints, not {shape.type}", shape.loc)
        return None

    # ---- shapes -----------------------------------------------------------------------

    def reshape(self, a: T.Expr, shape_nodes: list[S.Expr], loc: Loc) -> T.Expr:
        assert isinstance(a.type, Array)
        if len(shape_nodes) == 1:
            shape = self.expr(shape_nodes[0])
        else:
            items = tuple(self.expr(n) for n in shape_nodes)
            if any(i.type is ERROR for i in items):
                return T.Literal(0, ERROR, loc)
            shape = T.MakeTuple(items, Tuple([i.type for i in items]), loc)
        if shape.type is ERROR:
            return shape
        ndim = self.numpy_shape(shape, "reshape()")
        if ndim is None:
            return T.Literal(0, ERROR, loc)
        return T.NumpyCall("reshape", (a, shape), None, a.type.with_ndim(ndim), loc)

    def shape_call(self, name: str, a: T.Expr, loc: Loc) -> T.Expr:
        """ravel, flatten (1-D) and transpose (the axes reversed)."""
        assert isinstance(a.type, Array)
        ndim = a.type.ndim if name == "transpose" else 1
        return T.NumpyCall(name, (a,), None, a.type.with_ndim(ndim), loc)

    # ---- reductions -------------------------------------------------------------------

    def reduction(self, name: str, a: T.Expr, axis_node: S.Expr | None, loc: Loc) -> T.Expr:
        t = a.type
        assert isinstance(t, Array)
        if t.element not in (INT, FLOAT, BOOL, COMPLEX):
            return self.error(f"{name}() of {t} is not supported by jitcell yet", loc)
        if t.dtype == "uint64" and name not in ("sum", "prod", "mean"):
            return self.error(f"{name}() of uint64 arrays is not supported by jitcell (sum, prod and mean are)", loc)
        if t.element is COMPLEX and (refused := _too_many_axes(t, f"{name}()")):
            return self.error(refused, loc)
        result = reduction_dtype(name, t.dtype)
        axis = None
        if axis_node is not None and not (isinstance(axis_node, S.Const) and axis_node.value is None):
            axis = _int_literal(axis_node)
            if axis is None:
                return self.error(f"{name}()'s axis must be an int literal (or None) in jitcell", axis_node.loc)
            if not -t.ndim <= axis < t.ndim:
                return self.error(f"axis {axis} is out of bounds for array of dimension {t.ndim}", axis_node.loc)
            axis %= t.ndim
        if axis is None or t.ndim == 1:
            return T.NumpyCall(name, (a,), None, array_of(result, 1).element, loc)
        return T.NumpyCall(name, (a,), axis, array_of(result, t.ndim - 1), loc)

    def array_product(self, name: str, a: T.Expr, b: T.Expr, loc: Loc) -> T.Expr:
        """np.dot(a, b), np.matmul(a, b), a @ b of 1-D and 2-D arrays of the same element type."""
        if ERROR in (a.type, b.type):
            return T.Literal(0, ERROR, loc)
        spelled = "@" if name == "matmul" else f"{name}()"
        if name == "matmul" and not (isinstance(a.type, Array) or isinstance(b.type, Array)):
            return self.error("the '@' operator is not supported", loc)  # it multiplies arrays only
        if not (isinstance(a.type, Array) and isinstance(b.type, Array)):
            return self.error(f"unsupported operand types for {spelled}: '{a.type}' and '{b.type}' (jitcell "
                              "multiplies arrays)", loc)
        if refused := _too_many_axes(a.type, spelled) or _too_many_axes(b.type, spelled):
            return self.error(refused, loc)
        if a.type.dtype != b.type.dtype or a.type.element not in (INT, FLOAT):
            return self.error(f"{spelled} of {a.type} and {b.type} is not supported by jitcell (two float or two "
                              "int arrays of one dtype are)", loc)
        ndim = (a.type.ndim - 1) + (b.type.ndim - 1)
        result: Type = a.type.element if ndim == 0 else a.type.with_ndim(ndim)
        return T.NumpyCall(name, (a, b), None, result, loc)


def reduction_dtype(name: str, dtype: str) -> str:
    """The dtype of NumPy's reduction `name` of an array of `dtype` (NumPy 2 on a 64-bit machine):
    sum and prod of bools and signed ints are int64, of unsigned ints uint64, of floats their own
    dtype; mean is float64 but for float32 (and complex) arrays; argmin/argmax int64."""
    d = DTYPES[dtype]
    if name in ("argmin", "argmax"):
        return "int64"
    if name in ("min", "max") or d.kind in ("float", "complex"):
        return dtype
    if name == "mean":
        return "float64"
    return "uint64" if d.kind == "int" and not d.signed else "int64"


def _too_many_axes(t: Array, what: str) -> str | None:
    if t.ndim > TWO_AXES:
        return f"{what} of {t.ndim}-D arrays is not supported by jitcell yet (1-D and 2-D arrays are)"
    return None


def _int_literal(node: S.Expr) -> int | None:
    if isinstance(node, S.Const) and type(node.value) is int:
        return node.value
    if isinstance(node, S.UnaryOp) and node.op == "-" and isinstance(node.operand, S.Const) \
            and type(node.operand.value) is int:
        return -node.operand.value
    return None
