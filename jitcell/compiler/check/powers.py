"""pow(): the two-argument form is `**`; the three-argument one is modular, of ints only.

    pow(x, 2)        ->  Binary("**", x, Literal(2))        # as x ** 2 (and its rules for int ** int)
    pow(2, -1)       ->  Binary("**", 2.0, -1.0)            # an int to a negative literal power: a float
    pow(16, k, d)    ->  Intrinsic("powmod", (16, k, d), int)   # lower/powers.py

CPython computes `int ** negative int` in floats (long_pow hands both to float_pow), so a negative
int literal exponent makes the operands floats here. A non-literal int exponent keeps `**`'s rule: an
int result, and a negative exponent at run time raises (architecture.md, Deviations).
"""

from __future__ import annotations

from jitcell.compiler import syntax as S
from jitcell.compiler import typed as T
from jitcell.compiler.types import BOOL, COMPLEX, ERROR, FLOAT, INT

from .host import CheckerHost

__all__ = ["PowerChecks"]


def _negative_int_literal(node: S.Expr) -> bool:
    return isinstance(node, S.UnaryOp) and node.op == "-" and isinstance(node.operand, S.Const) \
        and type(node.operand.value) is int and node.operand.value > 0


class PowerChecks(CheckerHost):
    """Mixed into the expression checker."""

    def pow_call(self, node: S.Call) -> T.Expr:
        loc = node.loc
        names = ("base", "exp", "mod")
        bound: dict[str, S.Expr] = dict(zip(names, node.args, strict=False))
        if len(node.args) > 3:
            return self.error(f"pow() takes at most 3 arguments ({len(node.args)} given)", loc)
        for kw in node.keywords:
            if kw.name not in names:
                return self.error(f"pow() got an unexpected keyword argument '{kw.name}'", kw.loc)
            if kw.name in bound:
                return self.error(f"argument for pow() given by name ('{kw.name}') and position "
                                  f"({names.index(kw.name) + 1})", kw.loc)
            bound[kw.name] = kw.value
        for required in ("base", "exp"):
            if required not in bound:
                return self.error(f"pow() missing required argument '{required}' (pos {names.index(required) + 1})",
                                  loc)
        modulus = bound.get("mod")
        if isinstance(modulus, S.Const) and modulus.value is None:
            modulus = None
        base, exponent = self.expr(bound["base"]), self.expr(bound["exp"])
        if modulus is None:
            if base.type in (INT, BOOL) and exponent.type in (INT, BOOL) and _negative_int_literal(bound["exp"]):
                return self.binary("**", self.to_float(base), self.to_float(exponent), loc)
            return self.binary("**", base, exponent, loc)
        m = self.expr(modulus)
        operands = (base, exponent, m)
        if any(e.type is ERROR for e in operands):
            return T.Literal(0, ERROR, loc)
        if any(e.type in (FLOAT, COMPLEX) for e in operands):
            return self.error("pow() 3rd argument not allowed unless all arguments are integers", loc)
        for e in operands:
            if e.type not in (INT, BOOL):
                return self.error(f"unsupported operand type(s) for pow(): '{base.type}', '{exponent.type}', "
                                  f"'{m.type}'", loc)
        return T.Intrinsic("powmod", tuple(self.to_int(e) for e in operands), INT, loc)
