"""Typing rules for whole-array expressions: operators, ufuncs, np.where, in-place forms, masks.

    np.sqrt(a * a + b * b)   ->  ArrayMap(inputs=(a, b),
                                   kernel=ElementOp("sqrt", (ElementOp("+", (ElementOp("*", (E0, E0)),
                                                                             ElementOp("*", (E1, E1)))),)),
                                   float[:])            where Ek = ElementOf(k): one fused loop
    a += 1                   ->  ArrayInPlace(a, ArrayMap((a,), ElementOp("+", (E0, Literal 1))))
    a[a > 0]                 ->  ArrayMask(a, ArrayMap((a,), ElementOp(">", (E0, Literal 0))), float[:])
    np.sqrt(2.0)             ->  ElementOp("sqrt", (Literal 2.0,), float)      (no array: a scalar)

An operand that is itself an ArrayMap is inlined into its parent's kernel (its inputs appended),
so a whole expression tree is one node and one loop, with no temporary arrays; unless a later
operand calls a function, which could print or change an array: then the operand is computed
first into an array of its own, as NumPy computes it (`a * 2.0 + f(a)`). Result types
follow NumPy 2 (NEP 50): array elements are strong, Python scalars weak, and with jitcell's
four element kinds (bool < int64 < float64 < complex128) the result is the larger kind; `/` and
the float functions give float64 (complex128 for complex operands, whose np.abs, np.real and
np.imag are float64). Operations NumPy refuses (`-` on bools, `~` on floats) are compile
errors with NumPy's words; those whose NumPy result is a dtype jitcell lacks (bool // bool is
int8, np.sqrt of bools float16) are compile errors saying so.

Arrays of the other dtypes (uint8, int16, float32...) take NumPy's promotion (`promoted`):
uint8 + uint8 is uint8, int8 + uint8 int16, float32 + int32 float64, a Python int takes the
array's dtype (checked against its range: NumPy's OverflowError), a Python float is float64 with
an integer array and float32 with a float32 one. The kernel still computes on the elements as
read (int64, float64), and each operation whose dtype is narrower carries it
(`ElementOp.dtype`): its result wraps or rounds as NumPy's loop of that dtype would store it.
uint64 elements are their 64 bits: `_unsigned` marks what must treat them as unsigned.
"""

from __future__ import annotations

from dataclasses import replace

from jitcell.compiler import syntax as S
from jitcell.compiler import typed as T
from jitcell.compiler.types import BOOL, COMPLEX, ERROR, FLOAT, INT, Array, Type
from jitcell.dtypes import DEFAULT_DTYPE, DTYPES
from jitcell.errors import Loc

from .host import CheckerHost

__all__ = ["ArrayExprChecks", "UFUNCS", "DTYPE_NAMES", "UFUNC_NAMES"]

_RANK = {BOOL: 0, INT: 1, FLOAT: 2, COMPLEX: 3}
DTYPE_NAMES = {BOOL: "bool", INT: "int64", FLOAT: "float64", COMPLEX: "complex128"}
UFUNC_NAMES = {"+": "add", "-": "subtract", "*": "multiply", "/": "divide", "//": "floor_divide",
               "%": "remainder", "**": "power", "&": "bitwise_and", "|": "bitwise_or", "^": "bitwise_xor"}
_FLOAT_FUNCTIONS = frozenset({"sqrt", "exp", "log", "sin", "cos", "tan"})
_KIND_FUNCTIONS = frozenset({"abs", "absolute", "floor", "ceil"})  # the result keeps the element type
_COMPLEX_PARTS = frozenset({"real", "imag", "conj", "conjugate"})
UFUNCS = _FLOAT_FUNCTIONS | _KIND_FUNCTIONS | _COMPLEX_PARTS | {"minimum", "maximum", "where"}
_COMPARISONS = frozenset({"<", "<=", ">", ">=", "==", "!="})


def _larger(*types: Type) -> Type:
    return max(types, key=_RANK.__getitem__)


def _cast(k: T.Expr, t: Type) -> T.Expr:
    """Kernel value `k` as element type t (a widening: bool -> int -> float, or to bool for where)."""
    if k.type is t:
        return k
    if isinstance(k, T.Literal) and isinstance(k.value, (bool, int, float)):
        value = k.value
        return T.Literal(bool(value) if t is BOOL else int(value) if t is INT else float(value) if t is FLOAT
                         else complex(value), t, k.loc)
    return T.ElementOp("cast", (k,), t, k.loc)


def _shifted(k: T.Expr, offset: int) -> T.Expr:
    """A kernel whose ElementOf indices move up by `offset` (inlined into a larger kernel)."""
    if isinstance(k, T.ElementOf):
        return replace(k, index=k.index + offset)
    if isinstance(k, T.ElementOp):
        return replace(k, args=tuple(_shifted(a, offset) for a in k.args))
    return k


class ArrayExprChecks(CheckerHost):
    """Mixed into ExpressionChecker: the dispatch for operands that are arrays."""

    # ---- building fused nodes ---------------------------------------------------------------

    def elementwise(self, op: str, parts: list[T.Expr], build, loc: Loc) -> T.Expr:
        """`build(kernels)` over the elements of `parts` (arrays, ArrayMaps, scalars), the operands
        of `op`: an ArrayMap, or the scalar ElementOp itself when no part is an array. `build`
        returns a kernel or an error message."""
        if any(part.type is ERROR for part in parts):
            return next(part for part in parts if part.type is ERROR)
        dtype = None  # the operation's dtype, where an array's is not its kind's default
        if any(isinstance(p.type, Array) and p.type.dtype != DEFAULT_DTYPE.get(p.type.element.name) for p in parts):
            dtype = _operation_dtype(op, parts)
            if dtype.startswith("!"):
                return self.error(dtype[1:], loc)
            parts = [_weak_scalar(op, k, part, dtype) for k, part in enumerate(parts)]
        inputs: list[T.Expr] = []
        kernels: list[T.Expr] = []
        ndim = 0
        calls = [_calls(part) for part in parts]
        for position, part in enumerate(parts):
            if isinstance(part, T.ArrayMap) and not any(calls[position + 1:]):
                kernels.append(_shifted(part.kernel, len(inputs)))
                inputs += part.inputs
            elif isinstance(part.type, Array):
                kernels.append(T.ElementOf(len(inputs), part.type.element, part.loc))
                inputs.append(part)
            elif part.type not in _RANK:
                return self.error(f"array expressions take arrays and scalars of bool, int, float and complex in "
                                  f"jitcell, not {part.type}", part.loc)
            elif isinstance(part, T.Literal):
                kernels.append(part)
                continue
            else:
                kernels.append(T.ElementOf(len(inputs), part.type, part.loc))
                inputs.append(part)
            if isinstance(part.type, Array):
                ndim = max(ndim, part.type.ndim)
        if any(k.type not in _RANK for k in kernels):
            bad = next(k for k in kernels if k.type not in _RANK)
            return self.error(f"array expressions take arrays and scalars of bool, int, float and complex in "
                              f"jitcell, not elements of {bad.type}", loc)
        if dtype is not None and DTYPES[dtype].kind == "float" and op not in _COMPARISONS:
            # uint64 with int64 computes in float64, though both read as int
            kernels = [_cast(k, FLOAT) if k.type is INT and not (op == "where" and n == 0) else k
                       for n, k in enumerate(kernels)]
        kernel = build(kernels)
        if isinstance(kernel, str):
            return self.error(kernel, loc)
        if ndim == 0:  # scalars only: the kernel is the expression, with its parts for ElementOf
            return _scalar(kernel, inputs)
        result = DEFAULT_DTYPE[kernel.type.name]
        if dtype is not None and kernel.type is not BOOL and DTYPES[dtype].kind != "complex":
            result = _result_dtype(op, dtype)
            if result.startswith("!"):
                return self.error(result[1:], loc)
            if result != DEFAULT_DTYPE[kernel.type.name] and isinstance(kernel, T.ElementOp):
                kernel = replace(kernel, dtype=result)
        unsigned = {k for k, part in enumerate(inputs) if isinstance(part.type, Array) and part.type.dtype == "uint64"}
        if unsigned:
            kernel = _unsigned(kernel, unsigned)
        return T.ArrayMap(tuple(inputs), kernel, Array(kernel.type, ndim, result), loc)

    # ---- operators ----------------------------------------------------------------------------

    def array_binary(self, op: str, left: T.Expr, right: T.Expr, loc: Loc) -> T.Expr:
        # NumPy's fast_scalar_power: a float or complex array ** a Python int or float runs
        # np.square (2), np.reciprocal (-1) or np.sqrt (0.5) instead of power, whose values differ
        scalar_power = op == "**" and right.type in (INT, FLOAT) and isinstance(left.type, Array)
        return self.elementwise(op, [left, right], lambda ks: _binary(op, ks[0], ks[1], loc, scalar_power), loc)

    def array_unary(self, op: str, operand: T.Expr, loc: Loc) -> T.Expr:
        return self.elementwise("neg" if op == "-" else op, [operand], lambda ks: _unary(op, ks[0], loc), loc)

    def array_compare(self, operands: list[T.Expr], ops: tuple[str, ...], loc: Loc) -> T.Expr:
        if len(ops) > 1:
            return self.error("a chained comparison of arrays ('a < b < c') asks for the truth value of an array, "
                              "which NumPy refuses; combine two comparisons with '&'", loc)
        if ops[0] not in _COMPARISONS:
            return self.error(f"'{ops[0]}' with an array operand is not supported by jitcell", loc)
        return self.array_binary(ops[0], operands[0], operands[1], loc)

    def ufunc(self, name: str, node: S.Call) -> T.Expr:
        """np.sqrt(x), np.minimum(x, y), np.where(c, x, y): on arrays or scalars."""
        arity = 3 if name == "where" else 2 if name in ("minimum", "maximum") else 1
        if node.keywords or len(node.args) != arity:
            return self.error(f"np.{name}() takes {arity} positional argument{'s' if arity > 1 else ''} in jitcell "
                              "(no out=, where= or dtype=)", node.loc)
        if name == "conjugate":
            name = "conj"
        args = [self.expr(a) for a in node.args]
        if name == "where" and not any(isinstance(a.type, Array) for a in args) and ERROR not in {a.type for a in args}:
            return self.error("np.where() of three scalars gives a 0-d array, which jitcell does not have; "
                              "write a conditional expression (x if c else y)", node.loc)
        return self.elementwise(name, args, lambda ks: _function(name, ks, node.loc), node.loc)

    def array_part(self, attr: str, a: T.Expr, loc: Loc) -> T.Expr:
        """`a.real`, `a.imag`: a new array (NumPy's are views of a's memory; check/arrays.py refuses
        writes through them)."""
        return self.elementwise(attr, [a], lambda ks: _complex_part(attr, ks[0], loc), loc)

    # ---- a op= b, a[mask], a[mask] = v ----------------------------------------------------------

    def array_in_place(self, target: T.Expr, op: str, value: T.Expr, loc: Loc) -> T.Stmt | None:
        """`a op= value` writing into a's memory; the result must cast to a's elements (same_kind)."""
        t = target.type
        assert isinstance(t, Array)  # the callers dispatch here for arrays only
        made = self.array_binary(op, target, value, loc)
        if made.type is ERROR:
            return None
        assert isinstance(made, T.ArrayMap)  # target is an array
        result = made.type
        assert isinstance(result, Array)
        if _KIND_RANK[_kind(result.dtype)] > _KIND_RANK[_kind(t.dtype)]:
            self.error(f"Cannot cast ufunc '{UFUNC_NAMES.get(op, op)}' output from dtype('"
                       f"{result.dtype}') to dtype('{t.dtype}') with casting rule 'same_kind'", loc)
            return None
        if result.ndim > t.ndim:
            self.error(f"'{op}=' on a {t.ndim}-D array with a {result.ndim}-D operand: NumPy's output operand "
                       "cannot take the broadcast shape", loc)
            return None
        update = replace(made, kernel=_cast(made.kernel, t.element), type=t)
        return T.ArrayInPlace(target, update, loc)

    def array_mask(self, a: T.Expr, mask: T.Expr, loc: Loc) -> T.Expr:
        t, m = a.type, mask.type
        assert isinstance(t, Array) and isinstance(m, Array)
        if m.element is not BOOL:
            return self.error("integer array indexing (fancy indexing) is not supported by jitcell; a boolean "
                              "mask of the array's shape is", mask.loc)
        if m.ndim != t.ndim:
            return self.error(f"a boolean mask must have the array's {t.ndim} dimension{'s' if t.ndim > 1 else ''} "
                              f"in jitcell, not {m.ndim}", mask.loc)
        if t.element not in _RANK:
            return self.error(f"boolean indexing of {t} is not supported by jitcell", loc)
        return T.ArrayMask(a, mask, t.with_ndim(1), loc)

    def array_mask_set(self, target: T.ArrayMask, value_node: S.Expr, loc: Loc) -> T.Stmt | None:
        t = target.array.type
        assert isinstance(t, Array)
        value = self.expr(value_node)
        if value.type is ERROR:
            return None
        if isinstance(value.type, Array):
            if value.type.ndim != 1 or value.type.dtype != t.dtype:
                self.error(f"a[mask] = values takes a 1-D array of {t.dtype} in jitcell, not {value.type}",
                           value.loc)
                return None
            return T.ArrayMaskSet(target.array, target.mask, value, loc)
        value = self.coerce(value, t.element, f"an element of {t}")
        d = DTYPES[t.dtype]
        if d.kind == "int" and d.name != "int64" and value.type is INT:  # NumPy's range check
            value = T.ElementValue(value, d.name, INT, value.loc)
        return T.ArrayMaskSet(target.array, target.mask, value, loc)


def _calls(e: T.Expr) -> bool:
    """Whether evaluating e may call a function (which may print, or change an array): an
    operand before it is then computed first, as NumPy would, not fused into one loop with it."""
    return any(isinstance(node, (T.CallCell, T.Print)) for node in T.walk(e))


_KIND_RANK = {"bool": 0, "uint": 1, "int": 2, "float": 3, "complex": 4}


def _kind(dtype: str) -> str:
    d = DTYPES[dtype]
    return "uint" if d.kind == "int" and not d.signed else d.kind


def promoted(x: str, y: str) -> str:
    """NumPy's promotion of two array dtypes (np.promote_types) among jitcell's real ones."""
    if x == y or y == "bool":
        return x
    if x == "bool":
        return y
    if "complex128" in (x, y):
        return "complex128"
    dx, dy = DTYPES[x], DTYPES[y]
    if dx.kind == "float" or dy.kind == "float":
        f, other = (dx, dy) if dx.kind == "float" else (dy, dx)
        if other.kind == "float":
            return "float64" if 8 in (dx.itemsize, dy.itemsize) else "float32"
        return "float32" if f.itemsize == 4 and other.itemsize <= 2 else "float64"
    if dx.signed == dy.signed:
        return x if dx.itemsize >= dy.itemsize else y
    signed, unsigned = (dx, dy) if dx.signed else (dy, dx)
    if signed.itemsize > unsigned.itemsize:
        return signed.name
    return f"int{16 * unsigned.itemsize}" if unsigned.itemsize < 8 else "float64"


_SCALAR_KIND_RANK = {BOOL: 0, INT: 1, FLOAT: 3, COMPLEX: 4}  # a Python int is weak: any integer dtype takes it


def _operation_dtype(op: str, parts: list[T.Expr]) -> str:
    """The dtype `op` computes in over `parts` (array dtypes promoted, Python scalars weak), or
    "!" and the reason jitcell refuses it."""
    operands = parts[1:] if op == "where" else parts  # where's condition takes no part
    dtype = "bool"
    for part in operands:
        if isinstance(part.type, Array):
            dtype = promoted(dtype, part.type.dtype)
    for part in operands:
        if part.type in _SCALAR_KIND_RANK and _SCALAR_KIND_RANK[part.type] > _KIND_RANK[_kind(dtype)]:
            if part.type is COMPLEX and dtype == "float32":
                return f"!{UFUNC_NAMES.get(op, op)} of float32 and a Python complex gives complex64 in NumPy, " \
                       "a dtype jitcell does not have; convert first"
            dtype = DEFAULT_DTYPE[part.type.name]
    if op in _FLOAT_FUNCTIONS and dtype in ("int8", "uint8"):
        return f"!np.{op}() of {dtype} gives float16 in NumPy, a dtype jitcell does not have; convert first"
    return dtype


def _result_dtype(op: str, dtype: str) -> str:
    """The dtype of `op`'s non-bool result, computed in `dtype` (_operation_dtype)."""
    d = DTYPES[dtype]
    if op in _FLOAT_FUNCTIONS:
        return "float32" if d.kind != "float" and d.itemsize == 2 or dtype == "float32" else "float64"
    if op == "/":
        return "float32" if dtype == "float32" else "float64"
    return dtype


def _weak_scalar(op: str, position: int, part: T.Expr, dtype: str) -> T.Expr:
    """A Python scalar operand as NumPy 2 takes it for an array of `dtype`: an int checked against
    an integer dtype's range (not for a comparison, which NumPy 2 makes exact, nor for np.where,
    which casts it: 300 is 44 in uint8), a float rounded to float32; a literal int within the range
    needs no check."""
    d = DTYPES[dtype]
    if isinstance(part.type, Array) or op == "where" and position == 0:
        return part
    if part.type is INT and d.kind == "int" and dtype != "int64" and op not in _COMPARISONS | {"where"}:
        low, high = d.bounds
        if isinstance(part, T.Literal) and isinstance(part.value, int) and low <= part.value <= high:
            return part
        return T.ElementValue(part, dtype, INT, part.loc)
    if part.type is FLOAT and dtype == "float32":
        return T.ElementValue(part, dtype, FLOAT, part.loc)
    return part


def _is_unsigned(k: T.Expr, unsigned: set[int]) -> bool:
    """Whether kernel value k is a uint64 (its 64 bits unsigned): an element of a uint64 array
    or an operation computed in uint64."""
    if isinstance(k, T.ElementOf):
        return k.index in unsigned
    return isinstance(k, T.ElementOp) and k.dtype == "uint64" and k.type is INT


def _unsigned(k: T.Expr, unsigned: set[int]) -> T.Expr:
    """The kernel with its conversions of uint64 values marked (dtype "uint64": an unsigned
    source), and its comparisons of them made on 65-bit values ("wide"), exact for a uint64
    against a negative Python int as NumPy 2's comparisons are."""
    if not isinstance(k, T.ElementOp):
        return k
    args = tuple(_unsigned(a, unsigned) for a in k.args)
    if k.op == "cast" and _is_unsigned(args[0], unsigned):
        return replace(k, args=args, dtype="uint64")
    if k.op in _COMPARISONS and any(_is_unsigned(a, unsigned) for a in args) and k.args[0].type is INT:
        wide = tuple(T.ElementOp("wide", (a,), INT, a.loc, "uint64" if _is_unsigned(a, unsigned) else "int64")
                     for a in args)
        return replace(k, args=wide)
    return replace(k, args=args)


def _scalar(kernel: T.Expr, inputs: list[T.Expr]) -> T.Expr:
    """A kernel over scalar inputs only: ElementOf(k) replaced by the input itself."""
    if isinstance(kernel, T.ElementOf):
        return inputs[kernel.index]
    if isinstance(kernel, T.ElementOp):
        return replace(kernel, args=tuple(_scalar(a, inputs) for a in kernel.args))
    return kernel


_NOT_FOR_COMPLEX = ("ufunc '{name}' not supported for the input types, and the inputs could not be safely coerced "
                     "to any supported types according to the casting rule ''safe''")


def _binary(op: str, left: T.Expr, right: T.Expr, loc: Loc, scalar_power: bool = False) -> T.Expr | str:
    """The kernel of `left op right` on elements, with NumPy's result type, or NumPy's refusal."""
    t = _larger(left.type, right.type)
    if op in _COMPARISONS:
        return T.ElementOp(op, (_cast(left, t), _cast(right, t)), BOOL, loc)
    name = UFUNC_NAMES.get(op)
    if name is None:
        return f"'{op}' on arrays is not supported by jitcell"
    if t is COMPLEX:
        if op in ("//", "%", "&", "|", "^"):
            return _NOT_FOR_COMPLEX.format(name=name)
        if op == "**" and scalar_power and left.type is COMPLEX:  # the exponent stays the Python scalar
            return T.ElementOp("**scalar", (left, right), COMPLEX, loc)
        return T.ElementOp(op, (_cast(left, t), _cast(right, t)), COMPLEX, loc)
    if op == "/":
        return T.ElementOp("/", (_cast(left, FLOAT), _cast(right, FLOAT)), FLOAT, loc)
    if op in ("&", "|", "^"):
        if t is FLOAT:
            return _NOT_FOR_COMPLEX.format(name=name)
    elif t is BOOL:
        if op == "-":
            return ("numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` "
                    "operator, or the logical_xor function instead.")
        if op in ("//", "%", "**"):
            return f"'{op}' of two bool operands gives int8 in NumPy, a dtype jitcell's arrays do not have"
        return T.ElementOp("|" if op == "+" else "&", (left, right), BOOL, loc)
    return T.ElementOp(op, (_cast(left, t), _cast(right, t)), t, loc)


def _unary(op: str, k: T.Expr, loc: Loc) -> T.Expr | str:
    if op == "-":
        if k.type is BOOL:
            return ("The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the "
                    "logical_not function instead.")
        return T.ElementOp("neg", (k,), k.type, loc)
    if op == "~":
        if k.type in (FLOAT, COMPLEX):
            return ("ufunc 'invert' not supported for the input types, and the inputs could not be safely coerced to "
                    "any supported types according to the casting rule ''safe''")
        return T.ElementOp("~", (k,), k.type, loc)
    if op == "+":
        if k.type is BOOL:
            return "ufunc 'positive' did not contain a loop with signature matching types <class " \
                   "'numpy.dtypes.BoolDType'> -> None"
        return k
    if op == "abs":
        if k.type is COMPLEX:  # NumPy's absolute of complex128 is float64
            return T.ElementOp("abs", (k,), FLOAT, loc)
        return k if k.type is BOOL else T.ElementOp("abs", (k,), k.type, loc)
    return f"unary '{op}' on arrays is not supported by jitcell"


def _complex_part(name: str, k: T.Expr, loc: Loc) -> T.Expr:
    """np.real, np.imag, np.conj: of a complex, its parts; of a real number, itself or 0 of its type."""
    if k.type is COMPLEX:
        if name in ("real", "imag"):
            return T.ElementOp(name, (k,), FLOAT, loc)
        return T.ElementOp("conj", (k,), COMPLEX, loc)
    if name == "imag":
        return T.Literal(False if k.type is BOOL else 0 if k.type is INT else 0.0, k.type, loc)
    return k


def _function(name: str, ks: list[T.Expr], loc: Loc) -> T.Expr | str:
    if name in _COMPLEX_PARTS:
        return _complex_part(name, ks[0], loc)
    if name in _FLOAT_FUNCTIONS:
        (k,) = ks
        if k.type is BOOL:
            return f"np.{name}() of bools gives float16 in NumPy, a dtype jitcell does not have; convert first"
        if k.type is COMPLEX:
            return T.ElementOp(name, (k,), COMPLEX, loc)
        return T.ElementOp(name, (_cast(k, FLOAT),), FLOAT, loc)
    if name in _KIND_FUNCTIONS:
        (k,) = ks
        if name in ("abs", "absolute"):
            return _unary("abs", k, loc)
        if k.type is COMPLEX:
            return _NOT_FOR_COMPLEX.format(name=name)
        return k if k.type is not FLOAT else T.ElementOp(name, (k,), FLOAT, loc)
    if name == "where":
        c, x, y = ks
        t = _larger(x.type, y.type)
        return T.ElementOp("where", (_cast(c, BOOL), _cast(x, t), _cast(y, t)), t, loc)
    left, right = ks
    t = _larger(left.type, right.type)
    return T.ElementOp(name, (_cast(left, t), _cast(right, t)), t, loc)
