"""Typing rules for NumPy arrays: annotations, indexing, slicing, len/shape, np.zeros & co.

    def f(a: float[:, :]) ...     ->  parameter a: Array(float, 2)   (also float64[:, :], np.float64[:, :])
    a[i, j - 1]                   ->  ArrayItem(a, (i, j - 1), float)
    a[i] += 1                     ->  ArrayUpdate(a, (i,), Binary("+", Hole(float), 1.0))
    a[1:-1], a[i] (2-D), a[:, j]  ->  ArrayView(a, (Slice(1, -1, None),), float[:]), ...
    a[:k] = b[::-1]; a[1:] = 0.0  ->  ArrayAssign(ArrayView(a, ...), value)     a.copy() -> ArrayCopy(a)
    len(a), a.shape[1], a.size    ->  ArrayDim(a, 0), ArrayDim(a, 1), ArrayDim(a, None)
    np.zeros((n, m), dtype=int)   ->  ArrayNew(MakeTuple(n, m), "zeros", int[:, :])

Elements are stored as one of jitcell/dtypes.py's dtypes (float64, float32, int8 ... uint64,
bool, complex128) and read as the Python type of its kind; arrays have 1 to MAX_NDIM (32) axes.
Indices are ints, one per axis; a negative index counts from the end, as in NumPy. A
slice, or fewer indices than axes, gives a view sharing the array's memory.
An element read is a Python scalar (int, float, bool) with jitcell's usual semantics.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from jitcell.compiler import syntax as S
from jitcell.compiler import typed as T
from jitcell.compiler.types import BOOL, COMPLEX, ERROR, FLOAT, INT, Array, Instance, Optional, Tuple, Type
from jitcell.dtypes import DEFAULT_DTYPE, DTYPES, MAX_NDIM
from jitcell.errors import Loc

from .array_exprs import UFUNCS, ArrayExprChecks
from .bound_methods import bound_method_message

__all__ = ["ArrayChecks", "array_annotation", "array_writers", "element_name", "NUMPY_CONSTANTS"]

_KINDS = {"int": INT, "float": FLOAT, "bool": BOOL, "complex": COMPLEX}
_FIXED = [d for d in DTYPES if d != "bool"]  # float64, uint8...: a name or np.NAME
_ELEMENT_NAMES = {**{kind: DEFAULT_DTYPE[kind] for kind in _KINDS}, **{d: d for d in _FIXED}}
_NUMPY_ELEMENTS = {**{d: d for d in _FIXED}, "double": "float64", "single": "float32", "bool_": "bool", "bool": "bool",
                   "cdouble": "complex128", "ubyte": "uint8", "byte": "int8"}
NUMPY_CONSTANTS = {"pi": math.pi, "e": math.e, "inf": math.inf, "nan": math.nan}
_STRING_DTYPES = {**{d: d for d in DTYPES}, **DEFAULT_DTYPE, "double": "float64", "single": "float32"}
_CREATORS = ("zeros", "ones", "empty")


def _dtype_name(node: S.Expr, imports: dict[str, str], builtin_names: bool = True) -> str | None:
    """The dtype float, int, bool, float64, uint8... (names) or np.float64, np.uint8, np.bool_
    (attributes) name, or None."""
    if isinstance(node, S.Name) and builtin_names:
        return _ELEMENT_NAMES.get(node.id)
    if isinstance(node, S.Attribute) and isinstance(node.value, S.Name) and imports.get(node.value.id) == "numpy":
        return _NUMPY_ELEMENTS.get(node.attr)
    return None


def element_name(node: S.Expr, imports: dict[str, str], builtin_names: bool = True) -> Type | None:
    """The element type a dtype name stands for when it is its kind's default dtype (float, int,
    np.float64, np.bool_...), else None (uint8 & co. too: NumPy functions take those only)."""
    dtype = _dtype_name(node, imports, builtin_names)
    if dtype is None or DEFAULT_DTYPE[DTYPES[dtype].kind] != dtype:
        return None
    return _KINDS[DTYPES[dtype].kind]


def array_of(dtype: str, ndim: int) -> Array:
    """The array type of `ndim` axes of a dtype of jitcell/dtypes.py."""
    return Array(_KINDS[DTYPES[dtype].kind], ndim, dtype)


def array_annotation(node: S.Expr, imports: dict[str, str]) -> Type | str | None:
    """The array type an annotation names (`float[:]`, `int64[:, :]`), an error message, or
    None when the annotation is not an array's."""
    if not isinstance(node, S.Subscript):
        return None
    dtype = _dtype_name(node.value, imports)
    if dtype is None:
        return None
    if not all(isinstance(i, S.SliceAll) for i in node.indices):
        spelled = _spelled(node.value)
        return f"an array annotation has ':' for each axis, like {spelled}[:] or {spelled}[:, :]"
    if len(node.indices) > MAX_NDIM:
        return f"jitcell's arrays have at most {MAX_NDIM} dimensions"
    return array_of(dtype, len(node.indices))


def _spelled(node: S.Expr) -> str:
    if isinstance(node, S.Attribute) and isinstance(node.value, S.Name):
        return f"{node.value.id}.{node.attr}"
    return node.id if isinstance(node, S.Name) else "float"


# the operand types of `a[i] op= x` that NumPy converts to the array's dtype first (NEP 50: a
# Python int or float is "weak"), for the dtypes narrower than jitcell's int and float
_NARROWED = {**{d.name: (INT, BOOL) for d in DTYPES.values() if d.kind == "int" and d.name != "int64"},
             "float32": (INT, BOOL, FLOAT)}


def _stored(value: T.Expr, t: Array, operand: bool) -> T.Expr:
    """`value` (of t's element type) as NumPy takes a Python scalar for an array of t's dtype:
    an int checked against the dtype's range, a float for float32 (an operand only: a store rounds
    anyway) rounded. An element read from another array is a NumPy scalar, which NumPy 2 stores
    into an unsigned dtype wrapping (np.int64(300) -> 44 in uint8) and into a signed one checked
    like a Python int; so it is left alone for an unsigned dtype, and for an operand."""
    d = DTYPES[t.dtype]
    inner = value.operand if isinstance(value, T.Convert) else value
    if isinstance(inner, T.ArrayItem) and (operand or not d.signed) or value.type is ERROR:
        return value
    if d.kind == "int" and d.name != "int64" or d.name == "float32" and operand:
        return T.ElementValue(value, d.name, value.type, value.loc)
    return value


def array_writers(program: T.Program, callees: Mapping[str, bool] | None = None) -> dict[str, frozenset[str]]:
    """For each function, the array parameters whose elements it may assign, itself or through
    the functions it calls; a function with any has "writes_arrays" in its manifest row, and
    its wrapper refuses read-only arrays (writing one is undefined: a read-only memmap's pages
    fault). `callees`: whether each function of another cell may assign to the elements of the
    arrays passed to it (its "writes_arrays", which namespace.signature_of makes part of the
    signature its callers are compiled against: a redefinition that starts writing makes them
    stale, and they are compiled again).

        def fill(a: float[:], v: float) -> None:         fill: {a}
            for i in range(len(a)): a[i] = v
        def scaled(a: float[:]) -> float[:]:              scaled: {}, it writes only its own array
            out = np.empty_like(a); fill(out, 2.0); ...
        def pick(a: float[:], b: float[:]) -> None:       pick: {a, b}, c may be a view of either
            c = a if len(a) > len(b) else b; fill(c, 0.0)

    Views are followed through locals, tuples, conditionals and calls (no global holds an
    array, so a call's result is a new array or one of its arguments), flow-insensitively.
    """
    external = callees or {}
    written: dict[str, frozenset[str]] = {fn.name: frozenset() for fn in program.functions}
    changed = True
    while changed:  # a fixed point over the cell's calls (recursion included); the sets only grow
        changed = False
        for fn in program.functions:
            found = _written(fn, program, written, external)
            if found != written[fn.name]:
                written[fn.name], changed = found, True
    return written


def _written(fn: T.Function, program: T.Program, written: dict[str, frozenset[str]],
             external: Mapping[str, bool]) -> frozenset[str]:
    """The array parameters of `fn` whose elements it may assign, given what its callees may."""
    params = [name for name, t in fn.signature.params if _holds_array(t)]  # a tuple's arrays count as it
    if not params:
        return frozenset()
    nodes = list(T.walk(fn.body))
    views = _views(params, nodes)
    signatures = {f.name: f.signature for f in program.functions}
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, (T.ArraySet, T.ArrayUpdate)):
            found |= _origins(node.array, views, params)
        elif isinstance(node, T.ArrayAssign):
            found |= _origins(node.target, views, params)
        elif isinstance(node, T.ArrayInPlace):
            found |= _origins(node.target, views, params)
        elif isinstance(node, T.ArrayMaskSet):
            found |= _origins(node.array, views, params)
        elif isinstance(node, T.CallCell):
            if node.external:  # another cell's function: all the arrays passed, if it writes any
                targets = list(node.args) if external.get(node.function, True) else []
            else:
                names = [n for n, _ in signatures[node.function].params]
                writes = written[node.function].union(*(written[f] for f in node.dispatch if f))  # overrides too
                targets = [a for a, n in zip(node.args, names, strict=True) if n in writes]
            for arg in targets:
                found |= _origins(arg, views, params)
        elif isinstance(node, T.CallValue):  # through a function value (check/callables.py): it may write any
            for arg in node.args:
                found |= _origins(arg, views, params)
    return frozenset(found)


def _holds_array(t) -> bool:
    return isinstance(t, Array) or isinstance(t, Tuple) and any(_holds_array(i) for i in t.items)


def _views(params: list[str], nodes: list) -> dict[str, set[str]]:
    """local -> the array parameters it may be a view of (at any point: flow-insensitive)."""
    bindings: list[tuple[str, T.Expr]] = []
    for node in nodes:
        if isinstance(node, T.Assign):
            bindings += zip(node.names, node.values, strict=True)
        elif isinstance(node, T.Unpack):  # each name may hold any array of the tuple
            bindings += [(name, node.value) for name in node.names]
    views: dict[str, set[str]] = {name: set() for name, _ in bindings}
    views.update((p, {p}) for p in params)
    changed = True
    while changed:
        changed = False
        for name, value in bindings:
            more = _origins(value, views, params) - views[name]
            if more:
                views[name] |= more
                changed = True
    return views


def _origins(e: T.Expr, views: dict[str, set[str]], params: list[str]) -> set[str]:
    """The array parameters that the arrays in the value of `e` may be views of."""
    if not _holds_arrays(e.type):
        return set()
    match e:
        case T.Local(name=name) if name in views:
            return set(views[name])
        case T.ArrayNew() | T.ArrayCopy() | T.ArrayMap() | T.ArrayMask():
            return set()
        case T.Intrinsic(name=name) if name.startswith("np.random."):  # a draw with a size: a new array
            return set()
        case T.NumpyCall(function=function, args=args):  # reshape, ravel, transpose may be views
            return _origins(args[0], views, params) if function in ("reshape", "ravel", "transpose") else set()
        case T.ArrayView(array=array):
            return _origins(array, views, params)
        case T.Conditional(body=body, orelse=orelse):
            return _origins(body, views, params) | _origins(orelse, views, params)
        case T.Logical(values=values) | T.MakeTuple(items=values):
            return set().union(*(_origins(v, views, params) for v in values))
        case T.TupleItem(value=value):
            return _origins(value, views, params)
        case T.CallCell(args=args):  # no global holds an array: a result is new, or one passed in
            return set().union(*(_origins(a, views, params) for a in args))
    return set(params)  # anything else that holds an array may be a view of any parameter


def _holds_arrays(t: Type) -> bool:
    return isinstance(t, Array) or isinstance(t, Tuple) and any(_holds_arrays(i) for i in t.items)


class ArrayChecks(ArrayExprChecks):
    """Mixed into ExpressionChecker."""

    def numpy_alias(self, name: str) -> bool:
        return name not in self.locals and self.module.imports.get(name) == "numpy"

    # ---- a[i, j], a[1:-1], a[i], a[:, j] -------------------------------------------------

    def array_parts(self, t: Array, indices: tuple[S.Expr, ...], loc: Loc) -> tuple[T.Expr | T.Slice, ...] | None:
        """The checked indices of a subscript: an int, or a Slice, per axis indexed."""
        if len(indices) > t.ndim:
            self.error(f"too many indices for array: a {t.ndim}-D array ({t}) takes at most {t.ndim}, "
                       f"not {len(indices)}", loc)
            return None
        parts: list[T.Expr | T.Slice] = []
        for node in indices:
            if isinstance(node, S.SliceAll):
                parts.append(T.Slice(None, None, None, node.loc))
            elif isinstance(node, S.Slice):
                start, stop, step = (None if p is None else self.array_index(p, "slice bounds") for p in
                                     (node.start, node.stop, node.step))
                if any(b is not None and b.type is ERROR for b in (start, stop, step)):
                    return None
                parts.append(T.Slice(start, stop, step, node.loc))
            else:
                index = self.array_index(node, "array indices")
                if index.type is ERROR:
                    return None
                parts.append(index)
        return tuple(parts)

    def array_index(self, node: S.Expr, what: str) -> T.Expr:
        e = self.expr(node)
        if e.type is ERROR or isinstance(e.type, Array):  # an array: a mask (array_subscript)
            return e
        if e.type is BOOL:
            return self.error("a bool scalar index adds an axis in NumPy (a[True] is a 2-D array), which jitcell "
                              "does not support; write int(...) for 0 or 1", e.loc)
        if e.type is not INT:
            return self.error(f"{what} must be int, not {e.type}", e.loc)
        return e

    def array_subscript(self, a: T.Expr, indices: tuple[S.Expr, ...], loc: Loc) -> T.Expr:
        """An element (an int per axis) or a view (a slice, or fewer indices than axes)."""
        t = a.type
        assert isinstance(t, Array)  # here and below: the caller has found that a is an array
        parts = self.array_parts(t, indices, loc)
        if parts is None:
            return T.Literal(0, ERROR, loc)
        if any(not isinstance(p, T.Slice) and isinstance(p.type, Array) for p in parts):
            if len(parts) != 1:
                return self.error("an array index among several indices (fancy indexing) is not supported by "
                                  "jitcell; a boolean mask alone is (a[mask])", loc)
            assert not isinstance(parts[0], T.Slice)
            return self.array_mask(a, parts[0], loc)
        if len(parts) == t.ndim and not any(isinstance(p, T.Slice) for p in parts):
            return T.ArrayItem(a, parts, t.element, loc)  # type: ignore[arg-type]  # no Slice among them
        kept = sum(isinstance(p, T.Slice) for p in parts) + t.ndim - len(parts)
        return T.ArrayView(a, parts, t.with_ndim(kept), loc)

    def array_item_statement(self, node: S.AssignItem | S.AugAssignItem | S.DeleteItem, a: T.Expr) -> T.Stmt | None:
        """`a[i] = v`, `a[i] op= v`, `a[1:-1] = v` (`del a[i]` is an error, as in NumPy)."""
        t = a.type
        assert isinstance(t, Array)
        if isinstance(node, S.DeleteItem):
            self.error("cannot delete array elements", node.loc)
            return None
        target = self.array_subscript(a, node.target.indices, node.target.loc)
        if target.type is ERROR:
            return None
        if isinstance(target, T.ArrayMask):
            if isinstance(node, S.AugAssignItem):
                self.error(f"'{node.op}=' on a masked selection (a[mask] {node.op}= v) is not supported by jitcell; "
                           f"write a[mask] = a[mask] {node.op} v", node.loc)
                return None
            return self.array_mask_set(target, node.value, node.loc)
        if isinstance(target, T.ArrayView):
            if isinstance(node, S.AugAssignItem):  # a whole view updated in place (check/array_exprs.py)
                return self.array_in_place(target, node.op, self.expr(node.value), node.loc)
            return self.slice_assignment(target, node.value, node.loc)
        assert isinstance(target, T.ArrayItem)
        indices = target.indices
        what = f"an element of {t}"
        if isinstance(node, S.AssignItem):
            value = self.coerce(self.expr(node.value), t.element, what)
            return T.ArraySet(a, indices, _stored(value, t, False), node.loc)
        operand = self.expr(node.value)
        if t.dtype in _NARROWED and operand.type in _NARROWED[t.dtype]:  # NumPy's fixed-width arithmetic
            operand = _stored(self.coerce(operand, t.element, what), t, True)
        result = self.binary(node.op, T.Hole(t.element, node.loc), operand, node.loc)
        if result.type is ERROR:
            return None
        if not self.can_coerce(result.type, t.element):
            self.error(f"'{node.op}=' on {what} gives {result.type}, which the array cannot hold", node.loc)
            return None
        return T.ArrayUpdate(a, indices, self.coerce(result, t.element, what), node.loc)

    def slice_assignment(self, target: T.ArrayView, value_node: S.Expr, loc: Loc) -> T.Stmt | None:
        """`a[1:-1] = 0.0` (every element) or `a[:k] = b[k-1::-1]` (an array of the same element type)."""
        t = target.type
        assert isinstance(t, Array)
        value = self.expr(value_node)
        if value.type is ERROR:
            return None
        if isinstance(value.type, Array):
            if value.type.dtype != t.dtype:
                shown = t.element if t.dtype == DEFAULT_DTYPE[str(t.element)] else t.dtype
                self.error(f"cannot assign {value.type} to a view of {shown} elements in jitcell; the element "
                           "types must be the same", value.loc)
                return None
            return T.ArrayAssign(target, value, loc)
        if t.element is COMPLEX:
            self.error("assigning one complex number to every element of a view is not supported yet; write a loop",
                       loc)
            return None
        return T.ArrayAssign(target, _stored(self.coerce(value, t.element, f"an element of {t}"), t, False), loc)

    def array_method(self, a: T.Expr, name: str, node: S.Call) -> T.Expr:
        """`a.copy()`."""
        assert isinstance(a.type, Array)
        if name != "copy":
            return self.array_method_call(a, name, node)  # numpy_functions.py
        if node.args or node.keywords:
            return self.error("copy() takes no arguments in jitcell", node.loc)
        return T.ArrayCopy(a, a.type, node.loc)

    # ---- len(a), a.shape, a.size, a.ndim ---------------------------------------------------

    def array_len(self, a: T.Expr, loc: Loc) -> T.Expr:
        return T.ArrayDim(a, 0, INT, loc)

    def attribute(self, node: S.Attribute) -> T.Expr:
        """`np.pi` and the like, or an array's shape, size or ndim."""
        base, attr, loc = node.value, node.attr, node.loc
        if isinstance(base, S.Name) and self.numpy_alias(base.id):
            if attr in NUMPY_CONSTANTS:
                return T.Literal(NUMPY_CONSTANTS[attr], FLOAT, loc)
            return self.error(f"numpy.{attr} is not supported here by jitcell (np.zeros, np.ones, np.empty "
                              "and their *_like forms, and np.pi, np.e, np.inf, np.nan are)", loc)
        unsupported = "attribute access is not supported (only math.NAME, np.NAME and an array's shape, size and ndim)"
        if isinstance(base, S.Name) and base.id in self.module.classes and base.id not in self.locals:
            return self.class_attribute(base.id, attr, loc)  # check/classes.py
        if isinstance(base, S.Name) and base.id not in self.locals and base.id not in self.assigned_names:
            return self.error(unsupported, loc)
        a = self.expr(base)
        if a.type is ERROR:
            return a
        if isinstance(a.type, Instance):
            return self.field_read(a, attr, loc)  # check/classes.py
        if isinstance(a.type, Optional) and isinstance(a.type.inner, Instance):
            return self.field_read(self.none_checked(a, attr), attr, loc)  # check/optional.py
        if not isinstance(a.type, Array):
            return self.error(bound_method_message(node, a.type) or unsupported, loc)
        if attr == "shape":
            return T.ArrayShape(a, Tuple([INT] * a.type.ndim), loc)
        if attr == "size":
            return T.ArrayDim(a, None, INT, loc)
        if attr == "ndim":
            return T.Literal(a.type.ndim, INT, loc)
        if attr == "T":
            return self.shape_call("transpose", a, loc)  # numpy_functions.py
        if attr in ("real", "imag"):
            return self.array_part(attr, a, loc)  # array_exprs.py
        return self.error(f"'{a.type}' has no attribute '{attr}' in jitcell (shape, size, ndim and T are supported)",
                          loc)

    # ---- np.zeros(shape, dtype=...) ---------------------------------------------------------

    def call_numpy(self, member: str, node: S.Call) -> T.Expr:
        loc = node.loc
        like = member.endswith("_like")
        fill = member[:-5] if like else member
        if member in UFUNCS:
            return self.ufunc(member, node)
        if fill not in _CREATORS:
            return self.numpy_function(member, node)  # numpy_functions.py
        args = list(node.args)
        dtype_node = None
        for kw in node.keywords:
            if kw.name == "dtype" and dtype_node is None:
                dtype_node = kw.value
            else:
                return self.error(f"np.{member}() keyword '{kw.name}' is not supported by jitcell", kw.loc)
        if len(args) == 2 and dtype_node is None:
            dtype_node = args.pop()
        if len(args) != 1:
            return self.error(f"np.{member}() takes {'an array' if like else 'a shape'} and an optional dtype "
                              f"in jitcell", loc)
        dtype = None
        if dtype_node is not None:
            dtype = self.dtype_argument(dtype_node)
            if dtype is None:
                return self.error("dtype must be float, int, bool or complex, np.NAME or 'NAME' of a NumPy dtype "
                                  f"jitcell supports ({', '.join(DTYPES)})", dtype_node.loc)
            if dtype == "complex128" and fill == "ones":
                return self.error(f"np.{member}() of complex numbers is not supported yet; use np.zeros and "
                                  "assign the elements", loc)
        if like:
            a = self.expr(args[0])
            if a.type is ERROR:
                return a
            if not isinstance(a.type, Array):
                return self.error(f"np.{member}() needs an array, not {a.type}", a.loc)
            dims = T.ArrayShape(a, Tuple([INT] * a.type.ndim), a.loc)
            return T.ArrayNew(dims, fill, array_of(dtype, a.type.ndim) if dtype else a.type, loc)
        shape = self.expr(args[0])
        if shape.type is ERROR:
            return shape
        if shape.type is INT:
            return T.ArrayNew(shape, fill, array_of(dtype or "float64", 1), loc)
        if isinstance(shape.type, Tuple) and 1 <= len(shape.type.items) <= MAX_NDIM:
            if all(t is INT for t in shape.type.items):
                return T.ArrayNew(shape, fill, array_of(dtype or "float64", len(shape.type.items)), loc)
        if isinstance(shape.type, Tuple) and not 1 <= len(shape.type.items) <= MAX_NDIM:
            return self.error(f"jitcell's arrays have 1 to {MAX_NDIM} dimensions", shape.loc)
        return self.error(f"the shape of np.{member}() must be an int or a tuple of ints, not {shape.type}",
                          shape.loc)

    def dtype_argument(self, node: S.Expr) -> str | None:
        """The dtype a `dtype=` argument names (jitcell/dtypes.py): int, float, bool, complex
        (Python's types, unless a local hides them), np.uint8 & co., or a string 'uint8'."""
        if isinstance(node, S.Const) and isinstance(node.value, str):
            return _STRING_DTYPES.get(node.value)
        if isinstance(node, S.Name):
            return DEFAULT_DTYPE.get(node.id) if node.id not in self.locals else None
        return _dtype_name(node, self.module.imports, builtin_names=False)
