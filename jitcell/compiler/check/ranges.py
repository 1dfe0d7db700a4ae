"""range objects as values: `r = range(1, n)`, then len(r), r[i], x in r, r.start, walking it.

    r = range(1, n, 2)     ->  Intrinsic("range.new", (1, n, 2), range)     # ValueError for a zero step
    for x in reversed(r)   ->  RangeIter(r.start, r.stop, r.step, reverse)   # as for range(...) itself
    len(r), r[i], x in r   ->  IterLength(RangeIter(...)), Intrinsic("range.item"), Intrinsic("range.contains")

A range is a value struct of three ints (lower/ranges.py); it is made by range() outside the places
that walk one, and read by a name (a local, or a parameter of a generator function, which only
compiled code calls). It does not cross into Python: a range result, a range in a tuple, list or
dict and printing one are compile errors; list(r) or tuple(r) make what can.
"""

from __future__ import annotations

from jitcell.compiler import syntax as S
from jitcell.compiler import typed as T
from jitcell.compiler.types import BOOL, ERROR, INT, RANGE
from jitcell.errors import Loc

from .host import CheckerHost

__all__ = ["RangeChecks", "RANGE_PARTS"]

RANGE_PARTS = ("start", "stop", "step")


class RangeChecks(CheckerHost):
    """Mixed into the expression checker."""

    def range_value(self, node: S.Call) -> T.Expr:
        """`range(...)` where it is kept as a value, not walked at once."""
        if node.keywords:
            return self.error("range() takes no keyword arguments", node.keywords[0].loc)
        if not 1 <= len(node.args) <= 3:
            return self.error("range expected at least 1 argument, got 0" if not node.args else
                              f"range expected at most 3 arguments, got {len(node.args)}", node.loc)
        bounds = []
        for arg in node.args:
            e = self.expr(arg)
            if e.type is ERROR:
                return e
            if e.type not in (INT, BOOL):
                return self.error(f"'{e.type}' object cannot be interpreted as an integer", e.loc)
            bounds.append(self.to_int(e))
        if len(bounds) == 1:
            bounds.insert(0, T.Literal(0, INT, node.loc))
        if len(bounds) == 2:
            bounds.append(T.Literal(1, INT, node.loc))
        return T.Intrinsic("range.new", tuple(bounds), RANGE, node.loc)

    def range_part(self, r: T.Expr, part: str, loc: Loc) -> T.Expr:
        """r.start, r.stop or r.step (of range(...) itself: the bound as written)."""
        if isinstance(r, T.Intrinsic) and r.name == "range.new":
            return r.args[RANGE_PARTS.index(part)]
        return T.Intrinsic(f"range.{part}", (r,), INT, loc)

    def range_value_iter(self, r: T.Expr, loc: Loc) -> T.RangeIter:
        start, stop, step = (self.range_part(r, p, loc) for p in RANGE_PARTS)
        return T.RangeIter(start, stop, step, False, INT, loc)

    def range_length(self, r: T.Expr, loc: Loc) -> T.Expr:
        return T.IterLength(self.range_value_iter(r, loc), INT, loc)

    def range_attribute(self, node: S.Attribute) -> T.Expr:
        r = self.expr(node.value)
        if r.type is ERROR:
            return r
        if node.attr not in RANGE_PARTS:
            return self.error(f"'range' object has no attribute '{node.attr}' in jitcell", node.loc)
        return self.range_part(r, node.attr, node.loc)

    def range_item(self, r: T.Expr, indices: tuple[S.Expr, ...], loc: Loc) -> T.Expr:
        if len(indices) != 1 or isinstance(indices[0], (S.Slice, S.SliceAll)):
            return self.error("a range is indexed by one int in jitcell (slices of a range are not supported)",
                              loc)
        i = self.expr(indices[0])
        if i.type is ERROR:
            return i
        if i.type not in (INT, BOOL):
            return self.error(f"range indices must be integers or slices, not {i.type}", i.loc)
        return T.Intrinsic("range.item", (r, self.to_int(i)), INT, loc)

    def range_contains(self, x: T.Expr, r: T.Expr, negate: bool, loc: Loc) -> T.Expr:
        if ERROR in (x.type, r.type):
            return T.Literal(False, ERROR, loc)
        if x.type not in (INT, BOOL):
            return self.error(f"'in' of a range takes an int in jitcell, not {x.type}", x.loc)
        found = T.Intrinsic("range.contains", (self.to_int(x), r), BOOL, loc)
        return T.Unary("not", found, BOOL, loc) if negate else found

    def range_truth(self, r: T.Expr) -> T.Expr:
        return T.Compare((self.range_length(r, r.loc), T.Literal(0, INT, r.loc)), ("!=",), BOOL, r.loc)
