"""Variable-length tuples in generated code: `tuple[T, ...]` is a runtime list (lower/lists.py);
what is its own is making one of a fixed tuple (unpacking one is a list's: check/unpacking.py).

    f((1, 2))          t = list_new(2) ; store item 0, item 1 (retained: the list's own)
"""

from __future__ import annotations

from llvmlite import ir

from jitcell.compiler import typed as T
from jitcell.compiler.types import List, Tuple

from .arith import i64
from .items import store_item
from .lists import ListLowering

__all__ = ["VarTupleLowering"]


class VarTupleLowering(ListLowering):
    """Mixed into the function lowerer in place of ListLowering, whose operations it extends."""

    def list_op(self, node: T.ListOp) -> ir.Value | None:
        if node.op == "from_tuple":
            return self.tuple_to_list(node)
        return super().list_op(node)

    def tuple_to_list(self, node: T.ListOp) -> ir.Value:
        """A fixed tuple (a struct) where a tuple[T, ...] goes: a new list of its items, retained."""
        b = self.b
        fixed = node.args[0].type
        list_type = node.type
        assert isinstance(fixed, Tuple) and isinstance(list_type, List)  # check made it so
        whole = self.expr(node.args[0])
        element = list_type.element
        lst = self.new_list(i64(len(fixed.items)), element)
        for i in range(len(fixed.items)):
            item = b.extract_value(whole, i)
            self.retain(item, element)  # the list's own reference
            store_item(b, self.item_at(lst, i64(i), element), item, element)
        self.drop(whole, fixed)
        self.take(lst)
        return lst
