"""Typing rules for complex numbers (complex128) and the cmath module.

    2j + n         ->  Binary("+", Literal(2j), Convert(Local n: int, complex), complex)
    z == 1         ->  Compare((Local z: complex, Literal 1: int), ("==",))   # exact, as CPython
    abs(z)         ->  Intrinsic("complex.abs", (z,), float)
    cmath.sqrt(x)  ->  Intrinsic("cmath.sqrt", (Convert(x, complex),), complex)

An int, float or bool operand meets a complex one as a complex (its imaginary part 0.0), as
CPython 3.11 converts it before `_Py_c_sum`, `_Py_c_prod`, `_Py_c_quot` and `_Py_c_pow`.
Comparisons other than `==` and `!=` are errors with CPython's TypeError text.
"""

from __future__ import annotations

from jitcell.compiler import syntax as S
from jitcell.compiler import typed as T
from jitcell.compiler.types import BOOL, COMPLEX, ERROR, FLOAT, INT, Array, Tuple, Type, is_numeric
from jitcell.errors import Loc

from .host import CheckerHost

__all__ = ["ComplexChecks", "CMATH_FUNCTIONS", "CMATH_CONSTANTS"]

# name -> (number of arguments, result); the arguments are complex except rect's (two floats)
CMATH_FUNCTIONS: dict[str, tuple[tuple[int, int], Type]] = {
    **{name: ((1, 1), COMPLEX) for name in (
        "sqrt", "exp", "log10", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh",
        "asinh", "acosh", "atanh")},
    "log": ((1, 2), COMPLEX), "phase": ((1, 1), FLOAT), "polar": ((1, 1), Tuple((FLOAT, FLOAT))),
    "rect": ((2, 2), COMPLEX), "isnan": ((1, 1), BOOL), "isinf": ((1, 1), BOOL), "isfinite": ((1, 1), BOOL),
    "isclose": ((2, 2), BOOL),
}
CMATH_CONSTANTS: dict[str, float | complex] = {
    "pi": 3.141592653589793, "e": 2.718281828459045, "tau": 6.283185307179586,
    "inf": float("inf"), "nan": float("nan"), "infj": complex(0.0, float("inf")), "nanj": complex(0.0, float("nan")),
}
_ARITHMETIC = ("+", "-", "*", "/", "**")


def is_number(t: Type) -> bool:
    return is_numeric(t) or t is COMPLEX


class ComplexChecks(CheckerHost):
    """Mixed into ExpressionChecker."""

    def to_complex(self, e: T.Expr) -> T.Expr:
        if e.type in (COMPLEX, ERROR):
            return e
        if isinstance(e, T.Literal) and not isinstance(e.value, str):
            return T.Literal(complex(e.value), COMPLEX, e.loc)
        return T.Convert(e, COMPLEX, e.loc)

    def complex_binary(self, op: str, left: T.Expr, right: T.Expr, loc: Loc) -> T.Expr:
        if not (is_number(left.type) and is_number(right.type)) or op not in _ARITHMETIC:
            return self.error(f"unsupported operand type(s) for {op}: '{left.type}' and '{right.type}'", loc)
        return T.Binary(op, self.to_complex(left), self.to_complex(right), COMPLEX, loc)

    def complex_unary(self, op: str, e: T.Expr, loc: Loc) -> T.Expr:
        if op == "~":
            return self.error("bad operand type for unary ~: 'complex'", loc)
        if op == "+":
            return e
        if isinstance(e, T.Literal):
            assert isinstance(e.value, complex)  # a literal of type complex holds a complex
            return T.Literal(-e.value, COMPLEX, loc)
        return T.Unary("-", e, COMPLEX, loc)

    def complex_compare(self, operands: list[T.Expr], ops: tuple[str, ...], loc: Loc) -> T.Expr:
        """`==` and `!=` between numbers, one of them complex: an int is compared exactly (CPython
        compares the real part with the int, and the imaginary part with 0)."""
        for op, left, right in zip(ops, operands, operands[1:], strict=False):
            if COMPLEX not in (left.type, right.type):
                continue
            if op not in ("==", "!="):
                shown = "in" if op == "not in" else op
                return self.error(f"'{shown}' not supported between instances of '{left.type}' and "
                                  f"'{right.type}'", loc)
            for e in (left, right):
                if not is_number(e.type):
                    return self.error(f"a complex and a {e.type} are never equal in jitcell: compare values of "
                                      "one type", loc)
        return T.Compare(tuple(self.to_int(e) for e in operands), tuple(ops), BOOL, loc)

    def call_complex(self, node: S.Call) -> T.Expr:
        """`complex()`, `complex(x)`, `complex(re, im)` (each a number), `complex("1+2j")` of a literal."""
        loc = node.loc
        if node.keywords:
            names = [kw.name for kw in node.keywords]
            if any(n not in ("real", "imag") for n in names) or node.args:
                return self.error("complex() takes its arguments by position, or as real=, imag=", loc)
            given = {kw.name: kw.value for kw in node.keywords}
            args = [given.get("real", S.Const(0.0, loc)), given["imag"]] if "imag" in given else [given["real"]]
        else:
            args = list(node.args)
        if len(args) > 2:
            return self.error(f"complex() takes at most 2 arguments ({len(args)} given)", loc)
        if not args:
            return T.Literal(0j, COMPLEX, loc)
        if len(args) == 1 and isinstance(args[0], S.Const) and isinstance(args[0].value, str):
            try:
                return T.Literal(complex(args[0].value), COMPLEX, loc)
            except ValueError as e:
                return self.error(str(e), loc)  # CPython's message
        values = [self.expr(a) for a in args]
        if any(v.type is ERROR for v in values):
            return T.Literal(0, ERROR, loc)
        for v, what in zip(values, ("first", "second"), strict=False):
            if not is_number(v.type):
                return self.error(f"complex() {what} argument must be a string or a number, not '{v.type}'"
                                  if what == "first" else
                                  f"complex() second argument must be a number, not '{v.type}'", v.loc)
        if len(values) == 1:
            return self.to_complex(values[0])
        re, im = (v if v.type is COMPLEX else self.to_float(self.to_int(v)) for v in values)
        if isinstance(re, T.Literal) and isinstance(im, T.Literal) and FLOAT is re.type is im.type:
            return T.Literal(complex(re.value, im.value), COMPLEX, loc)  # type: ignore[arg-type]  # floats
        return T.Intrinsic("complex.new", (re, im), COMPLEX, loc)

    def complex_part(self, node: S.Attribute) -> T.Expr:
        """`z.real`, `z.imag` (of an int or float too: itself, and 0)."""
        value = self.expr(node.value)
        if value.type is ERROR:
            return value
        if value.type is COMPLEX:
            return T.Intrinsic(f"complex.{node.attr}", (value,), FLOAT, node.loc)
        if is_numeric(value.type):
            if node.attr == "real":
                return self.to_int(value)
            return T.Intrinsic("complex.zero", (self.to_int(value),), value.type if value.type is FLOAT else INT,
                               node.loc)
        if isinstance(value.type, Array):
            return self.array_part(node.attr, value, node.loc)  # array_exprs.py
        return self.error(f"'{value.type}' object has no attribute '{node.attr}' in jitcell", node.loc)

    def complex_method(self, base: T.Expr, attr: str, node: S.Call) -> T.Expr:
        if attr != "conjugate":
            return self.error(f"'{base.type}' has no method {attr!r} in jitcell", node.loc)
        if node.args or node.keywords:
            return self.error(f"{base.type}.conjugate() takes no arguments", node.loc)
        if base.type is COMPLEX:
            return T.Intrinsic("complex.conjugate", (base,), COMPLEX, node.loc)
        return self.to_int(base)

    def complex_abs(self, x: T.Expr, loc: Loc) -> T.Expr:
        return T.Intrinsic("complex.abs", (x,), FLOAT, loc)

    def cmath_constant(self, member: str, loc: Loc) -> T.Expr:
        if member in CMATH_CONSTANTS:
            value = CMATH_CONSTANTS[member]
            return T.Literal(value, COMPLEX if isinstance(value, complex) else FLOAT, loc)
        if member in CMATH_FUNCTIONS:
            return self.error(f"functions are not values in jitcell; call cmath.{member}(...)", loc)
        return self.error(f"cmath.{member} is not supported by jitcell", loc)

    def call_cmath(self, member: str, node: S.Call) -> T.Expr:
        """A cmath function, computed by CPython's cmath (a str_call site, runtime/callbacks.py)."""
        loc = node.loc
        if member not in CMATH_FUNCTIONS:
            what = "a constant" if member in CMATH_CONSTANTS else "not supported by jitcell"
            return self.error(f"cmath.{member} is {what}", loc)
        if node.keywords:
            return self.error(f"cmath.{member}() takes no keyword arguments in jitcell", node.keywords[0].loc)
        (lo, hi), result = CMATH_FUNCTIONS[member]
        if not lo <= len(node.args) <= hi:
            count = str(lo) if lo == hi else f"{lo} or {hi}"
            return self.error(f"cmath.{member}() takes {count} argument{'s' if hi > 1 else ''}, "
                              f"got {len(node.args)}", loc)
        args = [self.expr(a) for a in node.args]
        for a in args:
            if a.type is ERROR:
                return a
            if not is_number(a.type) or (member == "rect" and a.type is COMPLEX):
                wanted = "real number" if member == "rect" else "complex number"
                return self.error(f"must be {wanted}, not {a.type}", a.loc)
        convert = self.to_float if member == "rect" else self.to_complex
        return T.Intrinsic(f"cmath.{member}", tuple(convert(self.to_int(a)) for a in args), result, loc)
