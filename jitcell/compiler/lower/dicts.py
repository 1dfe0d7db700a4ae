"""Dicts in generated code: the runtime library's table, reached through rt.table_* slots.

    n = d[k]          e = table_find(d, k) ; e < 0: raise KeyError(k)
                      n = table_value(d, e)           (a str value is retained: now ours)
    d[k] += 1         the same lookup once, then table_put(d, e, n + 1)
    for k, v in d.items():
                      e = table_next(d, 0), table_next(d, e + 1), ... until -1,
                      RuntimeError if len(d) changed since the loop began, or if
                      it finds more entries than len(d) was (keys changed)

The table stores 8-byte words: an int as is, a float's bits, a bool as 0 or 1, an
object's address (a str, list, dict, set, array, instance); it keeps its own references
to str keys and object values, so values are lent to table_set and an object read out of
it is retained before use. A tuple or complex value is boxed: a list of one item holding
its words (value_word), so that every value is one word and the runtime's table, its
destruction and the boundary's readers stay as they are.
"""

from __future__ import annotations

from llvmlite import ir

from jitcell.compiler import typed as T
from jitcell.compiler.types import BOOL, COMPLEX, FLOAT, INT, STR, Dict, List, Tuple, Type, has_heap_parts, is_heap
from jitcell.errors import Loc

from .arith import F64, I1, I8, I64, i64
from .host import LowererHost
from .items import item_size, load_item, object_mask, store_item
from .keys import key_from_address, key_words_address, tuple_key_kinds

__all__ = ["DictLowering", "table_kinds", "boxed"]

_PTR = ir.PointerType()
_KEY_KINDS = {INT: 0, STR: 1}
_VALUE_KINDS = {INT: 0, FLOAT: 1, BOOL: 2, STR: 3}


def table_kinds(t: Dict) -> int:
    key = tuple_key_kinds(t.key) if isinstance(t.key, Tuple) else _KEY_KINDS[t.key]
    return key | _VALUE_KINDS.get(t.value, 3) << 8  # 3: an object (a str, a list)


def boxed(t: Type) -> bool:
    """A dict value of more than one word, or a tuple: the table holds a box (a list of one item)."""
    return isinstance(t, Tuple) or t is COMPLEX


def _dict_type(t: Type) -> Dict:
    """The type of a dict operation's dict: check has typed it as one (an empty `{}` takes the type of
    where it goes)."""
    assert isinstance(t, Dict), t
    return t


class DictLowering(LowererHost):
    """Mixed into the function lowerer (after HeapLowering); host.py declares what it uses of both."""

    def to_word(self, value: ir.Value, t: Type) -> ir.Value:
        b = self.b
        if t is FLOAT:
            return b.bitcast(value, I64)
        if t is BOOL:
            return b.zext(value, I64)
        if is_heap(t):
            return b.ptrtoint(value, I64)
        if isinstance(t, Tuple):  # a tuple key: the address of its words (lower/keys.py)
            return key_words_address(b, self.entry, value, t)
        return value

    def from_word(self, word: ir.Value, t: Type) -> ir.Value:
        """A value read from a table; a str is retained, so the caller owns it."""
        b = self.b
        if t is FLOAT:
            return b.bitcast(word, F64)
        if t is BOOL:
            return b.icmp_signed("!=", word, ir.Constant(I64, 0))
        if is_heap(t):
            obj = b.inttoptr(word, _PTR)
            self.retain(obj, t)
            return obj
        if isinstance(t, Tuple):
            key = key_from_address(b, word, t)
            self.retain(key, t)
            return key
        return word

    def value_word(self, value: ir.Value, t: Type) -> tuple[ir.Value, ir.Value | None]:
        """A dict value as the table's word, and the box holding it (a tuple, a complex), or None.
        A box is new and held: drop_box releases it once the table has taken its own reference."""
        if not boxed(t):
            return self.to_word(value, t), None
        box = self.allocated(self.runtime_object("list_new", i64(1), i64(item_size(t)), i64(object_mask(t))))
        self.hold(box, List(t))
        self.retain(value, t)  # the box's own references
        store_item(self.b, self._box_item(box), value, t)
        return self.b.ptrtoint(box, I64), box

    def _box_item(self, box: ir.Value) -> ir.Value:
        """The address of a box's item (the list's word 4, runtime/source.py)."""
        b = self.b
        return b.inttoptr(b.load(b.gep(box, [i64(32)], source_etype=I8), typ=I64), _PTR)

    def drop_box(self, box: ir.Value | None, t: Type) -> None:
        if box is not None:
            self.drop(box, List(t))

    def from_value_word(self, word: ir.Value, t: Type) -> ir.Value:
        """A value read from a table (owned by the caller): a boxed one is its box's item."""
        if not boxed(t):
            return self.from_word(word, t)
        value = load_item(self.b, self._box_item(self.b.inttoptr(word, _PTR)), t)
        self.retain(value, t)
        return value

    def table_set(self, d: ir.Value, key: ir.Value, value: ir.Value) -> None:
        """d[key] = value: MemoryError if the dict had to grow and there is no memory."""
        stored = self.runtime("table_set", d, key, value)
        self.no_memory_if(self.b.icmp_unsigned("==", stored, ir.Constant(I8, 0)))

    def dict_length(self, d: ir.Value) -> ir.Value:
        return self.str_field(d, 3)

    def key_error(self, missing: ir.Value, key: ir.Value, key_type: Type, loc: Loc) -> None:
        site = self.site("key_error", loc, operands=[key_type.name])
        with self.b.if_then(missing, likely=False):
            self.report(site, [(key, key_type)])

    def dict_new(self, node: T.DictNew) -> ir.Value:
        d = self.allocated(self.runtime_object("table_new", ir.Constant(I64, table_kinds(_dict_type(node.type)))))
        self.hold(d, node.type)  # released if a key or value faults
        for k, v in zip(node.keys, node.values, strict=True):
            key, value = self.expr(k), self.expr(v)
            word, box = self.value_word(value, v.type)
            self.table_set(d, self.to_word(key, k.type), word)
            self.drop_box(box, v.type)
            self.drop(value, v.type)
            self.drop(key, k.type)
        self.take(d)
        return d

    def dict_get(self, node: T.DictGet) -> ir.Value:
        if node.mode != "get":
            return self.dict_setdefault(node) if node.mode == "setdefault" else self.dict_pop(node)
        b = self.b
        d, key = self.expr(node.dict), self.expr(node.key)
        key_word = self.to_word(key, node.key.type)
        if node.default is None:
            e = self.runtime("table_find", d, key_word)
            self.key_error(b.icmp_signed("<", e, ir.Constant(I64, 0)), key, node.key.type, node.loc)
            result = self.from_value_word(self.runtime("table_value", d, e), node.type)
        else:
            default = self.expr(node.default)
            fallback, box = self.value_word(default, node.default.type)
            result = self.from_value_word(self.runtime("table_get", d, key_word, fallback), node.type)
            self.drop_box(box, node.default.type)
            self.drop(default, node.default.type)
        self.drop(key, node.key.type)
        self.drop(d, node.dict.type)
        return result

    def dict_setdefault(self, node: T.DictGet) -> ir.Value:
        """d.setdefault(k, v): d[k], first set to v if k is missing."""
        b = self.b
        assert node.default is not None  # check requires it
        d, key = self.expr(node.dict), self.expr(node.key)
        default = self.expr(node.default)
        key_word = self.to_word(key, node.key.type)
        e = self.runtime("table_find", d, key_word)
        before = b.block
        with b.if_then(b.icmp_signed("<", e, ir.Constant(I64, 0)), likely=False):
            word, box = self.value_word(default, node.default.type)
            self.table_set(d, key_word, word)
            self.drop_box(box, node.default.type)
            added = self.runtime("table_find", d, key_word)
            inside = b.block
        entry = b.phi(I64, name="entry")
        entry.add_incoming(e, before)
        entry.add_incoming(added, inside)
        result = self.from_value_word(self.runtime("table_value", d, entry), node.type)
        self.drop(default, node.default.type)
        self.drop(key, node.key.type)
        self.drop(d, node.dict.type)
        return result

    def dict_pop(self, node: T.DictGet) -> ir.Value:
        """d.pop(k) (KeyError when missing), d.pop(k, default)."""
        b = self.b
        d, key = self.expr(node.dict), self.expr(node.key)
        default = None if node.default is None else self.expr(node.default)
        key_word = self.to_word(key, node.key.type)
        e = self.runtime("table_find", d, key_word)
        found = b.icmp_signed(">=", e, ir.Constant(I64, 0))
        if default is None:
            self.key_error(b.not_(found), key, node.key.type, node.loc)
            result = self.from_value_word(self.runtime("table_value", d, e), node.type)
            self.runtime("table_erase", d, key_word)
        else:
            with b.if_else(found) as (then, otherwise):
                with then:
                    value = self.from_value_word(self.runtime("table_value", d, e), node.type)
                    self.runtime("table_erase", d, key_word)  # the value is ours now (retained above)
                    from_table = b.block
                with otherwise:
                    self.retain(default, node.type)
                    from_default = b.block
            result = b.phi(value.type, name="popped")
            result.add_incoming(value, from_table)
            result.add_incoming(default, from_default)
            self.drop(default, node.type)
        self.drop(key, node.key.type)
        self.drop(d, node.dict.type)
        return result

    def dict_contains(self, node: T.DictContains) -> ir.Value:
        b = self.b
        key, d = self.expr(node.key), self.expr(node.dict)
        e = self.runtime("table_find", d, self.to_word(key, node.key.type))
        found = b.icmp_signed(">=", e, ir.Constant(I64, 0))
        self.drop(d, node.dict.type)
        self.drop(key, node.key.type)
        return b.not_(found) if node.negate else found

    # ---- statements ------------------------------------------------------------------

    def dict_set(self, node: T.DictSet) -> None:
        value = self.expr(node.value)  # Python evaluates `d[k] = v` as v, then d, then k
        d, key = self.expr(node.dict), self.expr(node.key)
        word, box = self.value_word(value, node.value.type)
        self.table_set(d, self.to_word(key, node.key.type), word)
        self.drop_box(box, node.value.type)
        self.drop(value, node.value.type)
        self.drop(key, node.key.type)
        self.drop(d, node.dict.type)

    def dict_update(self, node: T.DictUpdate) -> None:
        """`d[k] op= v`: one lookup; the Hole in node.value is the current value."""
        b = self.b
        d, key = self.expr(node.dict), self.expr(node.key)
        value_type = _dict_type(node.dict.type).value
        e = self.runtime("table_find", d, self.to_word(key, node.key.type))
        self.key_error(b.icmp_signed("<", e, ir.Constant(I64, 0)), key, node.key.type, node.loc)
        old = self.hold(self.from_value_word(self.runtime("table_value", d, e), value_type), value_type)
        self.holes.append((old, value_type))
        new = self.expr(node.value)
        self.holes.pop()
        word, box = self.value_word(new, value_type)
        self.runtime("table_put", d, e, word)
        self.drop_box(box, value_type)
        self.drop(new, value_type)
        self.drop(old, value_type)
        self.drop(key, node.key.type)
        self.drop(d, node.dict.type)

    def hole(self, node: T.Hole) -> ir.Value:
        value, t = self.holes[-1]
        self.retain(value, t)  # an expression's value is owned; the statement keeps its own
        return value

    def dict_delete(self, node: T.DictDelete) -> None:
        b = self.b
        d, key = self.expr(node.dict), self.expr(node.key)
        erased = self.runtime("table_erase", d, self.to_word(key, node.key.type))
        self.key_error(b.icmp_signed("==", erased, ir.Constant(I8, 0)), key, node.key.type, node.loc)
        self.drop(key, node.key.type)
        self.drop(d, node.dict.type)

    def for_dict(self, node: T.ForDict) -> None:
        b = self.b
        d = self.expr(node.dict)  # held for the whole loop: released by any exit inside
        dict_type = _dict_type(node.dict.type)
        length = self.dict_length(d)
        before = b.block
        head, body, step, other, end = (self.ir_fn.append_basic_block(n) for n in
                                        ("dict.for", "dict.body", "dict.next", "dict.else", "dict.end"))
        changed_site = self.site("dict_changed", node.loc, operands=[])
        keys_changed_site = self.site("dict_keys_changed", node.loc, operands=[])
        b.branch(head)
        b.position_at_end(head)
        position = b.phi(I64, name="entry")
        position.add_incoming(ir.Constant(I64, 0), before)
        remaining = b.phi(I64, name="remaining")  # as CPython: more entries than it began with raise
        remaining.add_incoming(length, before)
        with b.if_then(b.icmp_signed("!=", self.dict_length(d), length), likely=False):
            self.report(changed_site, [])
        e = self.runtime("table_next", d, position)
        b.cbranch(b.icmp_signed("<", e, ir.Constant(I64, 0)), other, body)
        b.position_at_end(body)
        with b.if_then(b.icmp_signed("==", remaining, ir.Constant(I64, 0)), likely=False):
            self.report(keys_changed_site, [])
        left = b.sub(remaining, ir.Constant(I64, 1))
        items = {"keys": [("table_key", dict_type.key)], "values": [("table_value", dict_type.value)],
                 "items": [("table_key", dict_type.key), ("table_value", dict_type.value)]}[node.mode]
        for name, (reader, t) in zip(node.names, items, strict=True):
            word = self.runtime(reader, d, e)
            value = self.from_value_word(word, t) if reader == "table_value" else self.from_word(word, t)
            old = b.load(self.vars[name]) if has_heap_parts(t) else None
            b.store(value, self.vars[name])
            if old is not None:
                self.release(old, t)
            if name in self.flags:
                b.store(ir.Constant(I1, 1), self.flags[name])
        self.loop_body(b.block, node.body, step, end)
        b.position_at_end(step)
        position.add_incoming(b.add(e, ir.Constant(I64, 1)), step)
        remaining.add_incoming(left, step)
        b.branch(head)
        b.position_at_end(other)
        self.block(node.orelse)
        if not b.block.is_terminated:
            b.branch(end)
        b.position_at_end(end)
        self.drop(d, dict_type)

