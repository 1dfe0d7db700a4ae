"""Functions as values: `Callable[[A, B], R]` parameters and locals, a cell function's name used as a
value, and calls through one.

    def integrate(f: Callable[[float], float], a: float) -> float:    f: Callable[[float], float]
        return f(a)               ->  CallValue(Local("f"), (Local("a"),), float)
    integrate(square, 1.0)        ->  CallCell("integrate", (FunctionRef("square"), Literal(1.0)))

A function value's type is its parameters' types and its result's, exactly (`types.Function`): a
value whose signature differs is a CompileError, as `g = f` then `g = h` of another signature. A
function value lives in parameters and locals only: it is never returned, nor put in a list, dict,
set or tuple parameter, so no value outlives the frame that holds it (a Python callback lent for a
call stays valid during it: loader/callables.py). Closures do not exist: a cell function reads only
its parameters, its locals and the cell's constants.
"""

from __future__ import annotations

from collections.abc import Callable

from jitcell.compiler import syntax as S
from jitcell.compiler import typed as T
from jitcell.compiler.types import ERROR, Dict, Function, Generator, List, Optional, Set, Tuple, Type
from jitcell.errors import Loc

from .host import CheckerHost

__all__ = ["CallableChecks", "is_callable_annotation", "callable_annotation", "function_inside", "RETURNED_FUNCTION"]

FULL_TYPE = "write the types of its parameters and result, e.g. Callable[[float, int], float]"
RETURNED_FUNCTION = ("a function cannot be returned in jitcell (a function value is a parameter or a local "
                     "variable; closures and functions made at run time are not supported)")


def is_callable_annotation(node: S.Expr | None) -> bool:
    """`Callable[...]` or a bare `Callable` (from typing or collections.abc, or unimported under
    `from __future__ import annotations`)."""
    head = node.value if isinstance(node, S.Subscript) else node
    return isinstance(head, S.Name) and head.id == "Callable" or \
        isinstance(head, S.Attribute) and head.attr == "Callable"


def callable_annotation(node: S.Expr, annotate: Callable[[S.Expr, bool], Type]) -> Type | str:
    """The Function type `node` spells, or why it is not one. `annotate(item, allow_none)` reads the
    types inside."""
    if not isinstance(node, S.Subscript):
        return f"Callable needs its full type in jitcell: {FULL_TYPE}"
    if len(node.indices) != 2:
        return f"Callable takes two things, its parameters' types in brackets and its result's type: {FULL_TYPE}"
    params, result = node.indices
    if isinstance(params, S.Const) and params.value is Ellipsis:
        return f"Callable[..., R] leaves the parameters open, and jitcell compiles a call for known types: {FULL_TYPE}"
    if not isinstance(params, S.ListLiteral):
        return f"the parameters of Callable are a list of types: {FULL_TYPE}"
    types = [annotate(p, False) for p in params.elts]
    returns = annotate(result, True)
    if ERROR in types or returns is ERROR:
        return ERROR
    if function_inside(returns):
        return RETURNED_FUNCTION
    if any(function_inside(t) and not isinstance(t, Function) for t in types):
        return "a function value cannot be held by a tuple, list, dict or set in jitcell"
    return Function(types, returns)


def function_inside(t: Type | None) -> bool:
    """Is `t` a function, or does it hold one (a tuple, list, dict, set or optional of one)?"""
    if isinstance(t, Function):
        return True
    if isinstance(t, Tuple):
        return any(map(function_inside, t.items))
    if isinstance(t, (List, Set)):
        return function_inside(t.element)
    if isinstance(t, Dict):
        return function_inside(t.value)
    return isinstance(t, Optional) and function_inside(t.inner)


class CallableChecks(CheckerHost):
    """Function values: mixed into ExpressionChecker."""

    probe: bool  # the first pass over a function, which reports nothing
    used_pending: bool  # a function whose return type is still being inferred was used

    def function_value(self, name: str, loc: Loc) -> T.Expr:
        """`f` (a function of this cell or of another cell) used as a value."""
        external = name not in self.module.definitions
        sig = self.module.callees[name] if external else self.module.signatures[name]
        if isinstance(sig, str):  # a type that cannot cross cells
            return self.error(sig, loc)
        fdef = self.module.definitions.get(name)
        if fdef is not None and fdef.generator or isinstance(sig.returns, Generator):
            return self.error(f"{name}() is a generator function: it cannot be used as a value in jitcell", loc)
        if sig.returns is None:  # being inferred (it calls itself through the value, or is not done yet)
            self.used_pending = True
            if self.probe:
                return T.Literal(0, ERROR, loc)
            return self.error(f"the result type of '{name}' is needed to use it as a value; annotate it: "
                              f"def {name}(...) -> float", loc)
        if any(t is ERROR for _, t in sig.params) or sig.returns is ERROR:
            return T.Literal(0, ERROR, loc)
        return T.FunctionRef(name, Function([t for _, t in sig.params], sig.returns), loc, external)

    def call_local(self, func: S.Name, node: S.Call) -> T.Expr:
        """`f(x)` where f is a local variable or parameter: a call through it if it is a function."""
        callee = self.expr(func)
        t = callee.type
        if t is ERROR:
            return callee
        if not isinstance(t, Function):
            return self.error(f"'{func.id}' is a local variable of type {t}, not a function", func.loc)
        if node.keywords:
            return self.error(f"a call through '{func.id}' ({t}) takes positional arguments only",
                              node.keywords[0].loc)
        if len(node.args) != len(t.params):
            count = len(t.params)
            return self.error(f"{func.id}() takes {count} positional argument{'s' if count != 1 else ''} but "
                              f"{len(node.args)} {'was' if len(node.args) == 1 else 'were'} given ({func.id} is "
                              f"{t})", node.loc)
        args = tuple(self.coerce(self.expr(a), p, f"argument {i + 1} of {func.id}()")
                     for i, (a, p) in enumerate(zip(node.args, t.params, strict=True)))
        return T.CallValue(callee, args, t.result, node.loc)

    def function_mismatch(self, e: T.Expr, target: Type, what: str) -> str | None:
        """The message when a function value goes where another type is expected, or None."""
        if not isinstance(e.type, Function) and not isinstance(target, Function):
            return None
        if isinstance(e, T.FunctionRef) and isinstance(target, Function):
            return (f"{what} must be {target}, not {e.function}() of type {e.type}: a function passed as a value "
                    f"must have exactly the parameter and result types of the Callable")
        return f"{what} must be {target}, not {e.type}"

