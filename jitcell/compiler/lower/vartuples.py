"""Variable-length tuples in generated code: `tuple[T, ...]` is a runtime list (lower/lists.py);
what is its own is unpacking one into a fixed number of targets, and making one of a fixed tuple.

    a, b = t           n = load t.length
                       n > 2: raise ValueError("too many values to unpack (expected 2)")
                       n < 2: raise ValueError("not enough values to unpack (expected 2, got {n})")
                       {a, b} = {load item 0, load item 1} ; retained: the fixed tuple's own
"""

from __future__ import annotations

from llvmlite import ir

from jitcell.compiler import typed as T
from jitcell.compiler.types import INT, List, Tuple

from .arith import i64, llvm_type
from .items import has_objects, load_item, store_item
from .lists import ListLowering

__all__ = ["VarTupleLowering"]


class VarTupleLowering(ListLowering):
    """Mixed into the function lowerer in place of ListLowering, whose operations it extends."""

    def list_op(self, node: T.ListOp) -> ir.Value | None:
        if node.op == "unpack":
            return self.list_unpack(node)
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

    def list_unpack(self, node: T.ListOp) -> ir.Value:
        b = self.b
        lst, owned = self.list_operand(node.args[0])
        list_type = node.args[0].type
        count = node.args[1]
        assert isinstance(list_type, List) and isinstance(count, T.Literal) and isinstance(count.value, int)
        n, element = count.value, list_type.element
        self.loc = node.loc
        length = self.list_length(lst)
        self.list_error_if(b.icmp_signed(">", length, i64(n)), "ValueError",
                           f"too many values to unpack (expected {n})", node.loc)
        self.list_error_if(b.icmp_signed("<", length, i64(n)), "ValueError",
                           f"not enough values to unpack (expected {n}, got {{}})", node.loc, [(length, INT)])
        whole = ir.Constant(llvm_type(node.type), None)
        for i in range(n):
            item = load_item(b, self.item_at(lst, i64(i), element), element)
            if has_objects(element):
                self.retain(item, element)  # the tuple's own reference
            whole = b.insert_value(whole, item, i)
        if owned:
            self.drop(lst, list_type)
        return whole
