"""The `math` module as jitcell knows it: each function's arity, result and error rule.

    >>> MATH_FUNCTIONS["sqrt"]
    MathFunction(name='sqrt', arity=(1, 1), result='float', llvm='llvm.sqrt.f64', errors='domain')

`errors` names CPython's own rule (Modules/mathmodule.c), which `lower` reproduces:
- "domain":   a NaN from non-NaN input is ValueError; an infinity from finite input is ValueError
- "range":    as "domain", but an infinity from finite input is OverflowError
- "binary":   math_2: NaN from non-NaN inputs is ValueError, infinity from finite inputs OverflowError
- "to_int":   the result becomes an int (floor, ceil, trunc), as `int(x)` does
- "none":     never fails
When a check fails, Python itself is asked to evaluate the same call, so the
exception and its message are exactly CPython's.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["MathFunction", "MATH_FUNCTIONS", "MATH_CONSTANTS"]


@dataclass(frozen=True, slots=True)
class MathFunction:
    name: str
    arity: tuple[int, int]
    result: str  # "float", "int" or "bool"
    llvm: str | None  # an LLVM intrinsic ("llvm.*") or a libm symbol; None: lowered by hand
    errors: str


def _f(name, llvm, errors="domain", arity=(1, 1), result="float"):
    return name, MathFunction(name, arity, result, llvm, errors)


MATH_FUNCTIONS: dict[str, MathFunction] = dict([
    _f("sqrt", "llvm.sqrt.f64"),
    _f("sin", "llvm.sin.f64"),
    _f("cos", "llvm.cos.f64"),
    _f("tan", "llvm.tan.f64"),
    _f("asin", "llvm.asin.f64"),
    _f("acos", "llvm.acos.f64"),
    _f("atan", "llvm.atan.f64"),
    _f("sinh", "llvm.sinh.f64", "range"),
    _f("cosh", "llvm.cosh.f64", "range"),
    _f("tanh", "llvm.tanh.f64"),
    _f("exp", "llvm.exp.f64", "range"),
    _f("expm1", "expm1", "range"),
    _f("log", "llvm.log.f64", "domain", (1, 2)),
    _f("log2", "llvm.log2.f64"),
    _f("log10", "llvm.log10.f64"),
    _f("log1p", "log1p"),
    _f("erf", "erf", "none"),  # CPython's math.erf and erfc are the C library's
    _f("erfc", "erfc", "none"),
    _f("fabs", "llvm.fabs.f64", "none"),
    _f("atan2", "llvm.atan2.f64", "binary", (2, 2)),
    _f("copysign", "llvm.copysign.f64", "none", (2, 2)),
    _f("fmod", None, "binary", (2, 2)),
    _f("pow", "llvm.pow.f64", "binary", (2, 2)),
    _f("hypot", "hypot", "none", (2, 2)),
    _f("degrees", None, "none"),
    _f("radians", None, "none"),
    _f("floor", "llvm.floor.f64", "to_int", result="int"),
    _f("ceil", "llvm.ceil.f64", "to_int", result="int"),
    _f("trunc", "llvm.trunc.f64", "to_int", result="int"),
    _f("isnan", None, "none", result="bool"),
    _f("isinf", None, "none", result="bool"),
    _f("isfinite", None, "none", result="bool"),
])

MATH_CONSTANTS: dict[str, float] = {
    "pi": math.pi, "e": math.e, "tau": math.tau, "inf": math.inf, "nan": math.nan,
}
