"""Typing rules of random numbers: `random.X(...)` (CPython's random module) and
`np.random.X(...)` (NumPy's legacy RandomState), each a `T.Intrinsic` named "random.X" or
"np.random.X" whose arguments are bound and converted here (lower/randoms.py draws them).

    import random                      random.seed(42); random.randint(1, 6)
    from random import gauss, shuffle  gauss(0.0, 2.0); shuffle(xs)
    import numpy as np                 np.random.seed(42); np.random.normal(0.0, 1.0)

A call with an optional argument left out is its own name: `random.randrange1(stop)`,
`random.seed0()` (from the OS's entropy), `np.random.randint1(high)`.

A NumPy draw with a size (an int or a tuple of ints; `rand(d0, d1)`, `randn(d0)` their
dimensions) is the scalar draw's intrinsic with the size as one more argument and a new
array as its type:

    np.random.normal(0.0, 1.0, (n, 3))  ->  Intrinsic("np.random.normal", (0.0, 1.0, (n, 3)), float[:, :])

`randint(..., dtype=D)` of a dtype other than int64 is "np.random.randint:D" (an int, or a bool
for bool), its array of dtype D.
"""

from __future__ import annotations

from jitcell.compiler import syntax as S
from jitcell.compiler import typed as T
from jitcell.compiler.types import BOOL, ERROR, FLOAT, INT, NONE, Array, List, Tuple, Type, VarTuple
from jitcell.dtypes import DTYPES, MAX_NDIM

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
    "standard_normal": ((), FLOAT), "randn": ((), FLOAT),
}
# where a NumPy draw takes its size positionally (rand and randn: their arguments are the size)
_SIZE_AT = {"random": 0, "random_sample": 0, "standard_normal": 0, "randint": 2, "normal": 2, "uniform": 2}


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
        size: S.Expr | None = None
        dtype: str | None = None  # randint's, if given
        if module == "np.random" and member != "seed":
            split = self.numpy_size(member, node)
            if isinstance(split, T.Expr):
                return split
            node, size, dtype = split
        drawn = self.bind_draw(shown, member, table[member], node)
        if drawn.type is ERROR:
            return drawn
        assert isinstance(drawn, T.Intrinsic)
        if dtype not in (None, "int64"):  # randint of another dtype: "np.random.randint:int32", a bool for bool's
            drawn = T.Intrinsic(f"{drawn.name}:{dtype}", drawn.args, BOOL if dtype == "bool" else INT, drawn.loc)
        return drawn if size is None else self.sized_draw(drawn, size, dtype)

    def numpy_size(self, member: str, node: S.Call) -> tuple[S.Call, S.Expr | None, str | None] | T.Expr:
        """The call without its size and randint's dtype; the size (None for a scalar draw: no
        size, or size=None) and randint's dtype (None if not given)."""
        if member in ("rand", "randn"):
            if node.keywords:
                return self.error(f"{member}() got an unexpected keyword argument '{node.keywords[0].name}'",
                                  node.keywords[0].loc)
            if not node.args:
                return node, None, None
            return S.Call(node.func, (), (), node.loc), S.Tuple(node.args, node.args[0].loc), None
        at = _SIZE_AT[member]
        args, keywords = node.args, list(node.keywords)
        taken = {"size": args[at] if len(args) > at else None,
                 "dtype": args[at + 1] if member == "randint" and len(args) > at + 1 else None}
        most = at + 2 if member == "randint" else at + 1
        if len(args) > most:
            return self.error(f"{member}() takes at most {most} arguments ({len(args)} given)", node.loc)
        for kw in list(keywords):
            if kw.name in taken and (kw.name == "size" or member == "randint"):
                if taken[kw.name] is not None:
                    return self.error(f"{member}() got multiple values for argument '{kw.name}'", kw.loc)
                taken[kw.name] = kw.value
                keywords.remove(kw)
        dtype_node, dtype = taken["dtype"], None
        if dtype_node is not None:
            dtype = self.dtype_argument(dtype_node) or "?"
            if dtype not in DTYPES or DTYPES[dtype].kind not in ("int", "bool"):
                return self.error("the dtype of np.random.randint() must be an integer dtype or bool, not "
                                  f"{dtype if dtype != '?' else 'this'}", dtype_node.loc)
        size = taken["size"]
        if isinstance(size, S.Const) and size.value is None:
            size = None
        return S.Call(node.func, args[:at], tuple(keywords), node.loc), size, dtype

    def sized_draw(self, drawn: T.Intrinsic, size_node: S.Expr, dtype: str | None) -> T.Expr:
        """The draw with a size: a new array of that shape."""
        size = self.expr(size_node)
        t = size.type
        if t is ERROR:
            return size
        if isinstance(t, Tuple) and not 1 <= len(t.items) <= MAX_NDIM:
            return self.error(f"jitcell's arrays have 1 to {MAX_NDIM} dimensions", size.loc)
        if t is not INT and not (isinstance(t, Tuple) and all(i is INT for i in t.items)):
            shown = drawn.name.partition(":")[0].rstrip("01")
            return self.error(f"the size of {shown}() must be an int or a tuple of ints, not {t}", size.loc)
        ndim = len(t.items) if isinstance(t, Tuple) else 1
        return T.Intrinsic(drawn.name, (*drawn.args, size), Array(drawn.type, ndim, dtype), drawn.loc)

    def bind_draw(self, shown: str, member: str, signature: tuple[_Params, Type | None], node: S.Call) -> T.Expr:
        """The draw's arguments bound to its parameters and converted: its intrinsic."""
        params, result = signature
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
                if member == "shuffle" and isinstance(arg.type, VarTuple):  # Python's TypeError, found here
                    return self.error("'tuple' object does not support item assignment", arg.loc)
                result = arg.type.element if member == "choice" else result
                args.append(arg)
            else:
                args.append(self.coerce(arg, ptype, f"argument '{pname}' of {shown}()"))
        assert result is not None
        return T.Intrinsic(name, tuple(args), result, node.loc)
