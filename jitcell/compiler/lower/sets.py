"""Sets in generated code: the runtime library's dict table with every value 0 (runtime/source.py).

    s = {a, b}        t = table_new(kinds) ; table_set(t, a, 0) ; table_set(t, b, 0)
    x in s            table_find(s, x) >= 0
    s.remove(x)       table_erase(s, x) ; false: raise KeyError(x)
    s.pop()           len(s) == 0: raise KeyError('pop from an empty set') ; x = set_pop(s)
    a | b, a & b ...  set_made(a, a, b, mode)             (a new set; 0: MemoryError)
    a |= b ...        set_update(a, b, mode), then a is rebound to itself
    a <= b            set_within(a, b)  (a < b also compares the lengths)

Elements are table words (an int as is, a str's address); the table keeps its own
references to str elements, so they are lent to table_set, and a str read out of it
(pop, iteration) is the caller's.
"""

from __future__ import annotations

from llvmlite import ir

from jitcell.compiler import typed as T
from jitcell.compiler.types import STR, Set, Tuple, Type

from .arith import I8, i64
from .host import LowererHost
from .keys import key_from_address, tuple_key_kinds

__all__ = ["SetLowering", "set_kinds"]

_MODES = {"union": 0, "intersection": 1, "difference": 2, "symmetric_difference": 3,
          "|=": 0, "&=": 1, "-=": 2, "^=": 3,
          "update": 0, "intersection_update": 1, "difference_update": 2, "symmetric_difference_update": 3}


def set_kinds(t: Type) -> int:
    """The table's kinds word (runtime/source.py): the element's key kind, values int (all 0)."""
    assert isinstance(t, Set), t
    if isinstance(t.element, Tuple):
        return tuple_key_kinds(t.element)
    return 1 if t.element is STR else 0


class SetLowering(LowererHost):
    """Mixed into the function lowerer (after DictLowering, whose to_word and from_word it uses)."""

    def set_new(self, node: T.SetNew) -> ir.Value:
        s = self.allocated(self.runtime_object("table_new", i64(set_kinds(node.type))))
        self.hold(s, node.type)  # released if an element faults
        for item in node.items:
            value = self.expr(item)
            self.table_set(s, self.to_word(value, item.type), i64(0))
            self.drop(value, item.type)
        self.take(s)
        return s

    def set_op(self, node: T.SetOp) -> ir.Value | None:
        b = self.b
        op, args = node.op, node.args
        values = [self.expr(a) for a in args]
        s, set_type = values[0], args[0].type
        assert isinstance(set_type, Set)
        result: ir.Value | None = None
        if op in ("contains", "not_contains"):
            found = b.icmp_signed(">=", self.runtime("table_find", s, self.to_word(values[1], args[1].type)), i64(0))
            result = found if op == "contains" else b.not_(found)
        elif op == "add":
            self.table_set(s, self.to_word(values[1], args[1].type), i64(0))
        elif op in ("discard", "remove"):
            erased = self.runtime("table_erase", s, self.to_word(values[1], args[1].type))
            if op == "remove":
                self.key_error(b.icmp_unsigned("==", erased, ir.Constant(I8, 0)), values[1], args[1].type, node.loc)
        elif op == "pop":
            self.fail(b.icmp_signed("==", self.dict_length(s), i64(0)), "set.pop", [], node.loc)
            word = self.runtime("set_pop", s)
            if isinstance(set_type.element, Tuple):  # the key's strs retained, then its key object released
                result = key_from_address(b, word, set_type.element)
                self.retain(result, set_type.element)
                self.runtime("key_release", word)
            else:
                result = b.inttoptr(word, ir.PointerType()) if set_type.element is STR else word  # the set's reference
        elif op == "clear":
            self.runtime("set_clear", s)
        elif op == "copy":
            result = self.allocated(self.runtime_object("set_copy", s))
        elif op in ("union", "intersection", "difference", "symmetric_difference"):
            result = self.allocated(self.runtime_object("set_made", s, s, values[1], i64(_MODES[op])))
        elif op in _MODES:  # in place: `a |= b` gives a (one more reference), `a.update(b)` None
            updated = self.runtime("set_update", s, values[1], i64(_MODES[op]))
            self.no_memory_if(b.icmp_unsigned("==", updated, ir.Constant(I8, 0)))
            if op.endswith("="):
                self.retain(s, set_type)
                result = s
        elif op == "isdisjoint":
            result = b.icmp_unsigned("!=", self.runtime("set_disjoint", s, values[1]), ir.Constant(I8, 0))
        else:
            result = self.set_compare(op, s, values[1])
        for value, arg in reversed(list(zip(values, args, strict=True))):
            self.drop(value, arg.type)
        return result

    def set_compare(self, op: str, a: ir.Value, b_set: ir.Value) -> ir.Value:
        """== != <= < >= >: subsets by set_within, and the lengths for equality and proper subsets."""
        b = self.b
        if op in (">=", ">"):
            a, b_set, op = b_set, a, {">=": "<=", ">": "<"}[op]
        within = b.icmp_unsigned("!=", self.runtime("set_within", a, b_set), ir.Constant(I8, 0))
        la, lb = self.dict_length(a), self.dict_length(b_set)
        if op == "<=":
            return within
        if op == "<":
            return b.and_(within, b.icmp_signed("<", la, lb))
        equal = b.and_(within, b.icmp_signed("==", la, lb))
        return equal if op == "==" else b.not_(equal)

