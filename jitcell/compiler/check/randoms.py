"""Typing rules of random numbers: `random.X(...)` (CPython's random module) and
`np.random.X(...)` (NumPy's legacy RandomState), each a `T.Intrinsic` named "random.X" or
"np.random.X" whose arguments are bound and converted here (lower/randoms.py draws them).

    import random                      random.seed(42); random.randint(1, 6)
    from random import gauss, shuffle  gauss(0.0, 2.0); shuffle(xs)
    import numpy as np                 np.random.seed(42); np.random.normal(0.0, 1.0)

A call with an optional argument left out is its own name: `random.randrange1(stop)`,
`random.seed0()` (from the OS's entropy), `np.random.randint1(high)`.
"""

from __future__ import annotations

from jitcell.compiler import syntax as S
from jitcell.compiler import typed as T
from jitcell.compiler.types import ERROR, FLOAT, INT, NONE, List, Type

from .host import CheckerHost

__all__ = ["RandomChecks", "RANDOM_FUNCTIONS", "NUMPY_RANDOM_FUNCTIONS"]

_REQUIRED = object()
_LIST = None  # a list of any element type (choice, shuffle)

# name -> (parameters as (name, default or _REQUIRED or None: may be left out), result)
_Params = tuple[tuple[str, object, Type | None], ...]
RANDOM_FUNCTIONS: dict[str, tuple[_Params, Type | None]] = {
    "seed": ((("a", None, INT),), NONE),
    "random": ((), FLOAT),
    "uniform": ((("a", _REQUIRED, FLOAT), ("b", _REQUIRED, FLOAT)), FLOAT),
    "randint": ((("a", _REQUIRED, INT), ("b", _REQUIRED, INT)), INT),
    "randrange": ((("start", _REQUIRED, INT), ("stop", None, INT), ("step", 1, INT)), INT),
    "choice": ((("seq", _REQUIRED, _LIST),), None),
    "shuffle": ((("x", _REQUIRED, _LIST),), NONE),
    "gauss": ((("mu", 0.0, FLOAT), ("sigma", 1.0, FLOAT)), FLOAT),
    "normalvariate": ((("mu", 0.0, FLOAT), ("sigma", 1.0, FLOAT)), FLOAT),
    "expovariate": ((("lambd", _REQUIRED, FLOAT),), FLOAT),
}
NUMPY_RANDOM_FUNCTIONS: dict[str, tuple[_Params, Type | None]] = {
    "seed": ((("seed", _REQUIRED, INT),), NONE),
    "random": ((), FLOAT), "random_sample": ((), FLOAT), "rand": ((), FLOAT),
    "randint": ((("low", _REQUIRED, INT), ("high", None, INT)), INT),
    "normal": ((("loc", 0.0, FLOAT), ("scale", 1.0, FLOAT)), FLOAT),
    "uniform": ((("low", 0.0, FLOAT), ("high", 1.0, FLOAT)), FLOAT),
    "standard_normal": ((), FLOAT),
}


class RandomChecks(CheckerHost):
    """Mixed into the expression checker."""

    def random_call(self, node: S.Call) -> T.Expr | None:
        """The call if it draws from a generator (random.X, a name from random, np.random.X), else None."""
        func = node.func
        imports = self.module.imports
        if isinstance(func, S.Name) and func.id not in self.locals and imports.get(func.id, "").startswith("random."):
            return self.random_function("random", imports[func.id][7:], node)
        if not isinstance(func, S.Attribute):
            return None
        base = func.value
        if isinstance(base, S.Name) and base.id not in self.locals and imports.get(base.id) == "random":
            return self.random_function("random", func.attr, node)
        if isinstance(base, S.Attribute) and base.attr == "random" and isinstance(base.value, S.Name) \
                and base.value.id not in self.locals and imports.get(base.value.id) == "numpy":
            return self.random_function("np.random", func.attr, node)
        return None

    def random_function(self, module: str, member: str, node: S.Call) -> T.Expr:
        table = RANDOM_FUNCTIONS if module == "random" else NUMPY_RANDOM_FUNCTIONS
        shown = f"{module}.{member}"
        if member not in table:
            supported = ", ".join(f"{module}.{name}" for name in table)
            return self.error(f"{shown} is not supported by jitcell (these are: {supported})", node.loc)
        params, result = table[member]
        bound: dict[str, T.Expr] = {}
        if len(node.args) > len(params):
            return self.error(f"{member}() takes at most {len(params)} argument{'s' if len(params) != 1 else ''} "
                              f"({len(node.args)} given)", node.loc)
        for (name, _, _), written in zip(params, node.args, strict=False):
            bound[name] = self.expr(written)
        for kw in node.keywords:
            if kw.name not in [p for p, _, _ in params]:
                return self.error(f"{member}() got an unexpected keyword argument '{kw.name}'", kw.loc)
            if kw.name in bound:
                return self.error(f"{member}() got multiple values for argument '{kw.name}'", kw.loc)
            bound[kw.name] = self.expr(kw.value)
        args: list[T.Expr] = []
        name = shown
        for pname, default, ptype in params:
            if pname not in bound:
                if default is _REQUIRED:
                    return self.error(f"{member}() missing required argument '{pname}'", node.loc)
                if default is None:  # left out: the call is its own intrinsic
                    if pname == "stop" and "step" in bound:
                        return self.error("Missing a non-None stop argument", node.loc)
                    name += "1" if params[0][0] != pname else "0"
                    break
                assert isinstance(default, (int, float))  # the tables' defaults
                args.append(T.Literal(default, ptype or INT, node.loc))
                continue
            arg = bound[pname]
            if arg.type is ERROR:
                return arg
            if ptype is _LIST:
                if not isinstance(arg.type, List):
                    return self.error(f"{shown}() takes a list in jitcell, not {arg.type}", arg.loc)
                result = arg.type.element if member == "choice" else result
                args.append(arg)
            else:
                args.append(self.coerce(arg, ptype, f"argument '{pname}' of {shown}()"))
        assert result is not None
        return T.Intrinsic(name, tuple(args), result, node.loc)
