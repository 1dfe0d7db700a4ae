"""A conditional checked accumulation without a branch on its condition: `if c: x += k`.

    if f:                  ok = f                          (evaluated first, as Python does)
        count += 1         s, overflow = sadd.with.overflow(count, 1)
                           overflow and ok: raise OverflowError   (never taken in practice)
                           count = ok ? s : count

Lowered as written, the add sits behind a branch on `c`, and its overflow check is a second
branch inside it, which keeps LLVM from turning the `if` into a select: a loop counting the
true items of a list of flags (a sieve) then mispredicts the branch on every irregular flag.
Computing `x + k` whatever `c` is cannot fail or change anything (x and k are locals or literals,
read without side effects), and the error is raised only when `c` holds, so the result, the
exception and its message are those of the branchy form. With --wraparound there is no check,
and LLVM already makes the select itself.
"""

from __future__ import annotations

from llvmlite import ir

from jitcell.compiler import typed as T
from jitcell.compiler.types import INT

from .host import LowererHost

__all__ = ["conditional_accumulation", "lower_conditional_accumulation"]


def _plain(node: T.Expr) -> bool:
    """An int operand read without side effects or a possible error (no unbound check)."""
    return node.type is INT and (isinstance(node, T.Literal) or (isinstance(node, T.Local) and not node.may_be_unbound))


def conditional_accumulation(node: T.If) -> tuple[str, T.Binary] | None:
    """(x, x op k) when node is `if c: x = x op k`, op + or -, with x an int local and k a plain operand."""
    if node.orelse or len(node.body) != 1:
        return None
    match node.body[0]:
        case T.Assign(names=(name,), values=(T.Binary(op="+" | "-", left=T.Local(name=left), right=right) as value,)) \
                if left == name and value.type is INT and _plain(value.left) and _plain(right):
            return name, value
    return None


def lower_conditional_accumulation(lowerer: LowererHost, test: T.Expr, name: str, value: T.Binary) -> None:
    """Emit `if test: name = value` (conditional_accumulation's) as a select (the module docstring).
    `lowerer` is the function lowerer (program.py)."""
    b = lowerer.b
    condition = lowerer.expr(test)
    old, step = lowerer.expr(value.left), lowerer.expr(value.right)
    lowerer.loc = value.loc
    intrinsic = {"+": "sadd", "-": "ssub"}[value.op]
    pair = lowerer.arith.call(f"llvm.{intrinsic}.with.overflow.i64", ir.LiteralStructType([old.type, ir.IntType(1)]),
                              old, step)
    lowerer.fail(b.and_(condition, b.extract_value(pair, 1)), {"+": "add", "-": "sub"}[value.op],
                 [(old, INT), (step, INT)])
    b.store(b.select(condition, b.extract_value(pair, 0), old), lowerer.vars[name])
