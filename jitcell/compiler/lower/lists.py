"""Lists in generated code: the runtime library's list object, reached through rt.list_* slots.

    x = xs[i]          n = load xs.length ; j = i < 0 ? i + n : i
                       j unsigned>= n: raise IndexError("list index out of range")
                       x = load (xs.items + size * j) ; retained: now ours
    xs.append(v)       n = xs.length ; n < xs.capacity: at = xs.items + size * n, length n + 1
                       else at = list_push(xs) (grows; null: MemoryError) ; store v at `at` (the list takes v)
    v in xs            list_find(xs, &v, jitcell.list.eq.<T>, 0, max) >= 0

An item is stored as words, a list[bool]'s as a byte (lower/items.py: `size` is item_size).
The list owns the objects among them (its object mask says which words), so storing takes a
value and reading retains it. The
runtime's searches, comparisons and sort call back into the item comparisons of items.py.
Every mutation sets the list's `modified` word, which the boundary reads (runtime/lists.py).
Header words and item words carry different TBAA tags (aliasing.py), so a loop storing items
keeps the length and items address in registers.
"""

from __future__ import annotations

from llvmlite import ir

from jitcell.compiler import typed as T
from jitcell.compiler.types import BOOL, FLOAT, INT, STR, Dict, List, Tuple, Type, VarTuple
from jitcell.runtime.interrupts import CHUNK

from .aliasing import tagged
from .arith import I1, I8, I64, i64, llvm_type
from .fresh import fresh_lists
from .host import LowererHost
from .items import comparison, has_objects, item_size, item_words, load_item, object_mask, store_item

__all__ = ["ListLowering"]

_PTR = ir.PointerType()
_LENGTH, _CAPACITY, _ITEMS, _MODIFIED = 2, 3, 4, 7  # words of the list object
_OPS = {"<": 0, "<=": 1, ">": 2, ">=": 3}
_NO_STOP = 2**63 - 1


def _list_type(t: Type) -> List:
    assert isinstance(t, List), t  # check has typed it
    return t


class ListLowering(LowererHost):
    """Mixed into the function lowerer (after HeapLowering); host.py declares what it uses of both."""

    # ---- helpers -----------------------------------------------------------------------

    def list_field(self, lst: ir.Value, word: int) -> ir.Value:
        b = self.b
        return tagged(b, b.load(b.gep(lst, [i64(8 * word)], source_etype=I8), typ=I64), "list header")

    def list_length(self, lst: ir.Value) -> ir.Value:
        return self.list_field(lst, _LENGTH)

    def item_at(self, lst: ir.Value, index: ir.Value, t: Type, items: ir.Value | None = None) -> ir.Value:
        """The address of item `index` of a list of t (`items`: its items address, if loaded)."""
        b = self.b
        items = b.inttoptr(self.list_field(lst, _ITEMS) if items is None else items, _PTR)
        return b.gep(items, [b.mul(index, i64(item_size(t)))], source_etype=I8)

    def indexed(self, lst: ir.Value, index: ir.Value, t: Type, message: str, loc) -> ir.Value:
        """The address of item `index` (checked_index's). The items address is loaded before the
        check, where a loop always runs it, so LLVM can hoist it out of the loop."""
        items = self.list_field(lst, _ITEMS)
        return self.item_at(lst, self.checked_index(lst, index, message, loc), t, items)

    def list_operand(self, node: T.Expr) -> tuple[ir.Value, bool]:
        """The list an operation works on: a local is borrowed (False: no expression can rebind it, so
        it lives while the operation runs, and a loop indexing it does no reference counting),
        anything else owned (True)."""
        if not isinstance(node, T.Local):
            return self.expr(node), True
        b = self.b
        if node.may_be_unbound:
            site = self.site("unbound", node.loc, name=node.name)
            with b.if_then(b.not_(b.load(self.flags[node.name])), likely=False):
                self.report(site, [])
        return b.load(self.vars[node.name]), False

    _fresh: tuple[T.Function, frozenset[str]] | None = None

    def mark_modified(self, lst: ir.Value, node: T.Expr | None = None) -> None:
        """Set lst's `modified` word, unless `node` (the list's expression) is a local that only
        ever holds lists this function made (fresh.py), whose word no one reads."""
        if isinstance(node, T.Local):
            if self._fresh is None or self._fresh[0] is not self.fn:
                self._fresh = (self.fn, fresh_lists(self.fn))
            if node.name in self._fresh[1]:
                return
        b = self.b
        tagged(b, b.store(i64(1), b.gep(lst, [i64(8 * _MODIFIED)], source_etype=I8)), "list header")

    def checked_index(self, lst: ir.Value, index: ir.Value, message: str, loc) -> ir.Value:
        """index, counted from the end if negative; IndexError(message) if out of range."""
        b = self.b
        n = self.list_length(lst)
        j = b.select(b.icmp_signed("<", index, i64(0)), b.add(index, n), index)
        self.list_error_if(b.icmp_unsigned(">=", j, n), "IndexError", message, loc)
        return j

    def list_error_if(self, failed: ir.Value, error: str, message: str, loc,
                      values: list[tuple[ir.Value, Type]] | None = None) -> None:
        values = values or []
        site = self.site("list_error", loc, error=error, message=message, operands=[t.name for _, t in values])
        with self.b.if_then(failed, likely=False):
            self.report(site, values)

    def not_in_list_if(self, failed: ir.Value, value: ir.Value, t: Type, loc) -> None:
        """ValueError("x is not in list") with x's repr: a value of a type callbacks do not read (a tuple)
        travels as the one item of a list made for the message."""
        if t in (INT, FLOAT, BOOL, STR) or isinstance(t, List):
            self.list_error_if(failed, "ValueError", "{!r} is not in list", loc, [(value, t)])
            return
        site = self.site("list_error", loc, error="ValueError", message="{[0]!r} is not in list",
                         operands=[List(t).name])
        b = self.b
        with b.if_then(failed, likely=False):
            carrier = self.new_list(i64(1), t)  # held: the error exit releases it
            self.retain(value, t)  # the carrier's own references
            store_item(b, self.item_at(carrier, i64(0), t), value, t)
            self.report(site, [(carrier, List(t))])
        self.take(carrier)  # made only on the error path, which released it

    def item_memory(self, value: ir.Value, t: Type) -> ir.Value:
        """The address (an int) of a copy of value's words, for the runtime's searches."""
        memory = self.entry.alloca(ir.ArrayType(I64, item_words(t)))
        address = self.b.ptrtoint(memory, I64)
        store_item(self.b, self.b.inttoptr(address, _PTR), value, t)
        return address

    def comparison(self, kind: str, t: Type) -> ir.Value:
        return self.b.ptrtoint(comparison(self.owner, kind, t), I64)

    def new_list(self, n: ir.Value, t: Type) -> ir.Value:
        """A new list of n zeroed items of t, held (MemoryError if there is no memory)."""
        lst = self.allocated(self.runtime_object("list_new", n, i64(item_size(t)), i64(object_mask(t))))
        return self.hold(lst, List(t))

    def counted(self, n: ir.Value, body) -> None:
        """for i in range(n): body(i)."""
        b = self.b
        before = b.block
        head, loop, end = (self.ir_fn.append_basic_block(name) for name in ("list.each", "list.each.body",
                                                                            "list.each.end"))
        b.branch(head)
        b.position_at_end(head)
        i = b.phi(I64, name="i")
        i.add_incoming(i64(0), before)
        b.cbranch(b.icmp_signed("<", i, n), loop, end)
        b.position_at_end(loop)
        body(i)
        i.add_incoming(b.add(i, i64(1)), b.block)
        b.branch(head)
        b.position_at_end(end)

    # ---- expressions ---------------------------------------------------------------------

    def list_new(self, node: T.ListNew) -> ir.Value:
        t = _list_type(node.type).element
        lst = self.new_list(i64(len(node.items)), t)
        for i, item in enumerate(node.items):  # a fault here releases the list and what it holds
            value = self.expr(item)
            if has_objects(item.type):
                self.take(value)  # now the list's
            store_item(self.b, self.item_at(lst, i64(i), t), value, t)
        self.take(lst)
        return lst

    def list_op(self, node: T.ListOp) -> ir.Value | None:
        b = self.b
        op = node.op
        if op == "range":
            start, stop, step = (self.expr(a) for a in node.args)
            self.loc = node.loc
            self.list_error_if(b.icmp_signed("==", step, i64(0)), "ValueError", "range() arg 3 must not be zero",
                               node.loc)
            return self.allocated(self.runtime_object("list_range", start, stop, step))
        if op == "contains":
            value, lst = self.expr(node.args[0]), self.expr(node.args[1])
            element = node.args[0].type
            found = self.runtime("list_find", lst, self.item_memory(value, element), self.comparison("eq", element),
                                 i64(0), i64(_NO_STOP))
            self.drop(lst, node.args[1].type)
            self.drop(value, element)
            return b.icmp_signed(">=", found, i64(0))
        if op.startswith("dict_"):
            return self.list_from_dict(node)
        if op == "repeat":
            first, second = (self.expr(a) for a in node.args)
            lst, times = (first, second) if isinstance(node.args[0].type, List) else (second, first)
            repeated = self.allocated(self.runtime_object("list_repeat", lst, times))
            self.drop(lst, node.type)
            return repeated
        if op == "set_slice":
            self.list_set_slice(node)
            return None
        lst, owned = self.list_operand(node.args[0])
        args = [lst, *(self.expr(a) for a in node.args[1:])]
        self.loc = node.loc
        list_type = _list_type(node.args[0].type)
        t = list_type.element
        result: ir.Value | None = None
        consumed: set[int] = set() if owned else {id(lst)}  # values a list took over, or borrowed
        if op == "len":
            result = self.list_length(lst)
        elif op == "item":
            noun = "tuple" if isinstance(list_type, VarTuple) else "list"
            result = load_item(b, self.indexed(lst, args[1], t, f"{noun} index out of range", node.loc), t)
            self.retain(result, t)
        elif op == "slice":
            start, step, count = self.sliced(lst, args[1:5], node.args[4], node.loc)
            result = self.allocated(self.runtime_object("list_pick", lst, start, step, count))
        elif op == "delete_slice":
            start, step, count = self.sliced(lst, args[1:5], node.args[4], node.loc)
            self.runtime("list_delete_slice", lst, start, step, count)
        elif op == "concat":
            result = self.allocated(self.runtime_object("list_concat", lst, args[1]))
        elif op == "copy":
            result = self.allocated(self.runtime_object("list_slice", lst, i64(0), self.list_length(lst)))
        elif op == "append":
            at = self.pushed(lst, t, node.args[0])
            self.store_taken(at, args[1], t)
            consumed.add(id(args[1]))
        elif op == "insert":
            at = self.runtime("list_open", lst, args[1])
            self.no_memory_if(b.icmp_signed("==", at, i64(0)))
            self.store_taken(at, args[2], t)
            consumed.add(id(args[2]))
        elif op == "extend":
            extended = self.runtime("list_extend", lst, args[1])
            self.no_memory_if(b.icmp_unsigned("==", extended, ir.Constant(I8, 0)))
        elif op == "pop":
            n = self.list_length(lst)
            self.list_error_if(b.icmp_signed("==", n, i64(0)), "IndexError", "pop from empty list", node.loc)
            index = args[1] if len(args) > 1 else b.sub(n, i64(1))
            j = self.checked_index(lst, index, "pop index out of range", node.loc)
            result = load_item(b, self.item_at(lst, j, t), t)  # the list's references become ours
            self.runtime("list_close", lst, j)
        elif op == "remove":
            found = self.runtime("list_find", lst, self.item_memory(args[1], t), self.comparison("eq", t),
                                 i64(0), i64(_NO_STOP))
            self.list_error_if(b.icmp_signed("<", found, i64(0)), "ValueError", "list.remove(x): x not in list",
                               node.loc)
            old = load_item(b, self.item_at(lst, found, t), t)
            self.runtime("list_close", lst, found)
            self.release(old, t)
        elif op == "index":
            n = self.list_length(lst)
            start, stop = (self.slice_bound(v, n) for v in args[2:4])
            found = self.runtime("list_find", lst, self.item_memory(args[1], t), self.comparison("eq", t),
                                 start, stop)
            if isinstance(list_type, VarTuple):
                self.list_error_if(b.icmp_signed("<", found, i64(0)), "ValueError", "tuple.index(x): x not in tuple",
                                   node.loc)
            else:
                self.not_in_list_if(b.icmp_signed("<", found, i64(0)), args[1], t, node.loc)
            result = found
        elif op == "count":
            result = self.runtime("list_count", lst, self.item_memory(args[1], t), self.comparison("eq", t))
        elif op == "repeat_in_place":
            repeated = self.runtime("list_repeat_in_place", lst, args[1])
            self.no_memory_if(b.icmp_unsigned("==", repeated, ir.Constant(I8, 0)))
        elif op in ("clear", "reverse"):
            self.runtime(f"list_{op}", lst)
        elif op in ("sort", "sorted"):
            made = node.args[0]  # a new list (list(it), list(d), xs.copy()...) is sorted in place
            fresh = op == "sorted" and (isinstance(made, T.ListFrom) or isinstance(made, T.ListOp) and (
                made.op.startswith("dict_") or made.op in ("copy", "range")))
            result = self.list_sort(node, lst, args[1], t, fresh)
            if fresh:
                consumed.add(id(lst))
        else:
            raise AssertionError(f"cannot lower list operation {op}")
        for value, arg in reversed(list(zip(args, node.args, strict=True))):
            if id(value) not in consumed:
                self.drop(value, arg.type)
        return result

    def sliced(self, lst: ir.Value, bounds: list[ir.Value], given: T.Expr, loc) -> tuple[ir.Value, ...]:
        """The first index, step and count of lst[start:stop:step] (runtime's slice_adjust); ValueError
        if a written step is zero."""
        b = self.b
        start, stop, step, written = bounds
        assert isinstance(given, T.Literal) and isinstance(given.value, int)  # check makes it a literal
        if given.value & 4:
            self.list_error_if(b.icmp_signed("==", step, i64(0)), "ValueError", "slice step cannot be zero", loc)
        return self.adjusted_slice(self.list_length(lst), start, stop, step, written)

    def list_set_slice(self, node: T.ListOp) -> None:
        """`l[a:b:c] = m`: m first, as Python evaluates it; a slice of step 1 takes any length, an extended
        slice only its own (ValueError with CPython's text)."""
        b = self.b
        value = self.expr(node.args[0])
        lst, owned = self.list_operand(node.args[1])
        bounds = [self.expr(a) for a in node.args[2:]]
        self.loc = node.loc
        start, step, count = self.sliced(lst, bounds, node.args[5], node.loc)
        m = self.list_length(value)
        simple = b.icmp_signed("==", step, i64(1))
        with b.if_else(simple) as (then, otherwise):
            with then:
                spliced = self.runtime("list_splice", lst, start, count, value)
                self.no_memory_if(b.icmp_unsigned("==", spliced, ir.Constant(I8, 0)))
            with otherwise:
                self.list_error_if(b.icmp_signed("!=", m, count), "ValueError",
                                   "attempt to assign sequence of size {} to extended slice of size {}", node.loc,
                                   [(m, INT), (count, INT)])
                assigned = self.runtime("list_assign_extended", lst, start, step, count, value)
                self.no_memory_if(b.icmp_unsigned("==", assigned, ir.Constant(I8, 0)))
        if owned:
            self.drop(lst, node.args[1].type)
        self.drop(value, node.args[0].type)

    def list_from_dict(self, node: T.ListOp) -> ir.Value:
        """list(d), list(d.values()), list(d.items()): the entries in insertion order."""
        b = self.b
        d = self.expr(node.args[0])
        dict_type = node.args[0].type
        assert isinstance(dict_type, Dict)  # check has typed it
        t = _list_type(node.type).element
        n = self.dict_length(d)
        lst = self.new_list(n, t)
        readers = {"dict_keys": [("table_key", dict_type.key)], "dict_values": [("table_value", dict_type.value)],
                   "dict_items": [("table_key", dict_type.key), ("table_value", dict_type.value)]}[node.op]

        def fill(i: ir.Value, entry: ir.Value) -> None:
            parts = [(self.from_value_word if reader == "table_value" else self.from_word)(
                self.runtime(reader, d, entry), pt) for reader, pt in readers]
            value = parts[0] if len(parts) == 1 else b.insert_value(
                b.insert_value(ir.Constant(llvm_type(t), None), parts[0], 0), parts[1], 1)
            store_item(b, self.item_at(lst, i, t), value, t)  # from_word retained the objects: the list's now

        before = b.block
        head, body, end = (self.ir_fn.append_basic_block(name) for name in ("dict.list", "dict.list.item",
                                                                            "dict.list.end"))
        b.branch(head)
        b.position_at_end(head)
        i = b.phi(I64, name="i")
        i.add_incoming(i64(0), before)
        position = b.phi(I64, name="entry")
        position.add_incoming(i64(0), before)
        entry = self.runtime("table_next", d, position)
        b.cbranch(b.icmp_signed("<", entry, i64(0)), end, body)
        b.position_at_end(body)
        fill(i, entry)
        i.add_incoming(b.add(i, i64(1)), b.block)
        position.add_incoming(b.add(entry, i64(1)), b.block)
        b.branch(head)
        b.position_at_end(end)
        self.drop(d, dict_type)
        self.take(lst)
        return lst

    def pushed(self, lst: ir.Value, t: Type, node: T.Expr) -> ir.Value:
        """The address (an int) of a new last item of lst: inline while there is room, as CPython's
        append is; else through list_push, which grows the list (MemoryError if it cannot)."""
        b = self.b
        n = self.list_length(lst)
        room = b.icmp_signed("<", n, self.list_field(lst, _CAPACITY))
        with b.if_else(room, likely=True) as (inline, grow):
            with inline:
                tagged(b, b.store(b.add(n, i64(1)), b.gep(lst, [i64(8 * _LENGTH)], source_etype=I8)), "list header")
                self.mark_modified(lst, node)
                fast = b.ptrtoint(self.item_at(lst, n, t), I64)
                fast_block = b.block
            with grow:
                slow = self.runtime("list_push", lst)
                self.no_memory_if(b.icmp_signed("==", slow, i64(0)))
                slow_block = b.block
        at = b.phi(I64)
        at.add_incoming(fast, fast_block)
        at.add_incoming(slow, slow_block)
        return at

    def store_taken(self, at: ir.Value, value: ir.Value, t: Type) -> None:
        """Store an owned, held value into an item's words: the list takes it."""
        if has_objects(t):
            self.take(value)
        store_item(self.b, self.b.inttoptr(at, _PTR), value, t)

    def slice_bound(self, value: ir.Value, n: ir.Value) -> ir.Value:
        """A start or stop as list.index takes them: negative counts from the end, then at least 0."""
        b = self.b
        shifted = b.select(b.icmp_signed("<", value, i64(0)), b.add(value, n), value)
        return b.select(b.icmp_signed("<", shifted, i64(0)), i64(0), shifted)

    def list_sort(self, node: T.ListOp, lst: ir.Value, reverse: ir.Value, t: Type,
                  fresh: bool = False) -> ir.Value | None:
        """Sort in place (sort) or a sorted copy (sorted; `fresh`: lst is a new list, held, which
        becomes the result). With key=, the keys are computed first (as Python does: a failing key
        leaves the list as it was) into a list of (key, item) pairs, which is sorted by key; the
        items are then put back in that order."""
        b = self.b
        if node.op == "sorted" and not fresh:
            lst = self.allocated(self.runtime_object("list_slice", lst, i64(0), self.list_length(lst)))
            self.hold(lst, node.type)
        if node.key is None:
            sorted_ = self.runtime("list_sort", lst, self.comparison("less", t), b.zext(reverse, I8))
            self.no_memory_if(b.icmp_unsigned("==", sorted_, ir.Constant(I8, 0)))
        else:
            key_call = node.key
            key_type = key_call.type
            key_words = item_words(key_type)
            n = self.list_length(lst)
            pairs = self.allocated(self.runtime_object("list_new", n, i64(8 * (key_words + item_words(t))),
                                                       i64(object_mask(key_type))))
            self.hold(pairs, List(key_type))

            def compute_key(i: ir.Value) -> None:
                item = load_item(b, self.item_at(lst, i, t), t)  # borrowed: the list keeps it
                self.holes.append((item, t))
                key = self.expr(key_call)
                self.holes.pop()
                at = b.gep(b.inttoptr(self.list_field(pairs, _ITEMS), _PTR),
                           [b.mul(i, i64(8 * (key_words + item_words(t))))], source_etype=I8)
                if has_objects(key_type):
                    self.take(key)
                store_item(b, at, key, key_type)
                store_item(b, b.gep(at, [i64(8 * key_words)], source_etype=I8), item, t)

            self.counted(n, compute_key)
            sorted_ = self.runtime("list_sort", pairs, self.comparison("less", key_type), b.zext(reverse, I8))
            self.no_memory_if(b.icmp_unsigned("==", sorted_, ir.Constant(I8, 0)))
            self.runtime("list_unkey", lst, pairs, i64(key_words))
            self.drop(pairs, List(key_type))
        if node.op == "sorted":
            self.take(lst)
            return lst
        return None

    def list_compare(self, op: str, left: ir.Value, right: ir.Value, t: Type) -> ir.Value:
        b = self.b
        element = _list_type(t).element
        if op in ("==", "!="):
            equal = b.trunc(self.runtime("list_equal", left, right, self.comparison("eq", element)), I1)
            return equal if op == "==" else b.not_(equal)
        result = self.runtime("list_order", left, right, self.comparison("eq", element),
                              self.comparison("order", element), i64(_OPS[op]))
        return b.trunc(result, I1)

    def list_truth(self, lst: ir.Value, t: Type) -> ir.Value:
        truth = self.b.icmp_signed("!=", self.list_length(lst), i64(0))
        self.drop(lst, t)
        return truth

    # ---- statements ----------------------------------------------------------------------

    def list_set(self, node: T.ListSet) -> None:
        b = self.b
        value = self.expr(node.value)  # Python evaluates `l[i] = v` as v, then l, then i
        lst, owned = self.list_operand(node.list)
        index = self.expr(node.index)
        t = _list_type(node.list.type).element
        at = self.indexed(lst, index, t, "list assignment index out of range", node.loc)
        old = load_item(b, at, t)
        if has_objects(t):
            self.take(value)
        store_item(b, at, value, t)
        self.release(old, t)
        self.mark_modified(lst, node.list)
        if owned:
            self.drop(lst, node.list.type)

    def list_update(self, node: T.ListUpdate) -> None:
        """`l[i] op= v`: the item is read once; the Hole in node.value is its current value."""
        b = self.b
        lst, owned = self.list_operand(node.list)
        index = self.expr(node.index)
        t = _list_type(node.list.type).element
        old = load_item(b, self.indexed(lst, index, t, "list index out of range", node.loc), t)
        self.retain(old, t)
        self.hold(old, t)
        self.holes.append((old, t))
        new = self.expr(node.value)
        self.holes.pop()
        # the new value may have changed the list's length (`xs[0] += xs.pop()`): index it again
        at = self.indexed(lst, index, t, "list assignment index out of range", node.loc)
        if has_objects(t):
            self.take(new)
        self.release(load_item(b, at, t), t)  # the list's reference to the old item
        store_item(b, at, new, t)
        self.mark_modified(lst, node.list)
        self.drop(old, t)
        if owned:
            self.drop(lst, node.list.type)

    def list_delete(self, node: T.ListDelete) -> None:
        b = self.b
        lst, owned = self.list_operand(node.list)
        index = self.expr(node.index)
        t = _list_type(node.list.type).element
        j = self.checked_index(lst, index, "list assignment index out of range", node.loc)
        old = load_item(b, self.item_at(lst, j, t), t)
        self.runtime("list_close", lst, j)
        self.release(old, t)
        if owned:
            self.drop(lst, node.list.type)

    def for_list(self, node: T.ForList) -> None:
        """By index, reading the length at each step (the body may append or pop), as CPython does.
        Interrupts are checked every CHUNK items, or each one if the body may take long."""
        b = self.b
        lst = self.expr(node.list)  # held for the whole loop: released by any exit inside
        t = _list_type(node.list.type).element
        checks = self.loop_checks(node.body)  # every CHUNK items, or each one if the body may take long
        budget = self.entry.alloca(I64, name="list.budget") if checks == "chunk" else None
        if budget is not None:
            b.store(i64(CHUNK), budget)
        before = b.block
        head, body, step, other, end = (self.ir_fn.append_basic_block(n) for n in
                                        ("list.for", "list.body", "list.next", "list.else", "list.end"))
        b.branch(head)
        b.position_at_end(head)
        position = b.phi(I64, name="index")
        position.add_incoming(i64(0), before)
        b.cbranch(b.icmp_signed("<", position, self.list_length(lst)), body, other)
        b.position_at_end(body)
        item = load_item(b, self.item_at(lst, position, t), t)
        parts = [(item, t)] if len(node.names) == 1 else [
            (b.extract_value(item, i), it) for i, it in enumerate(_tuple_items(t))]
        for name, (value, vt) in zip(node.names, parts, strict=True):
            self.retain(value, vt)
            old = b.load(self.vars[name]) if has_objects(vt) else None
            b.store(value, self.vars[name])
            if old is not None:
                self.release(old, vt)
            if name in self.flags:
                b.store(ir.Constant(I1, 1), self.flags[name])
        self.loop_body(b.block, node.body, step, end)
        b.position_at_end(step)
        if budget is not None:
            left = b.sub(b.load(budget), i64(1))
            b.store(left, budget)
            with b.if_then(b.icmp_signed("==", left, i64(0)), likely=False):
                self.interrupt_check(node.loc)
                b.store(i64(CHUNK), budget)
        elif checks == "each":
            self.interrupt_check(node.loc)
        position.add_incoming(b.add(position, i64(1)), b.block)
        b.branch(head)
        b.position_at_end(other)
        self.block(node.orelse)
        if not b.block.is_terminated:
            b.branch(end)
        b.position_at_end(end)
        self.drop(lst, node.list.type)


def _tuple_items(t: Type) -> tuple[Type, ...]:
    assert isinstance(t, Tuple), t  # check unpacks tuples only
    return t.items
