"""Iteration in generated code: one protocol, a cursor per kind of iterable.

    for i, (a, b) in enumerate(zip(x, y)):     c = Enumerate(Zip(Array x, Array y)); c.start()
        body                           ->      loop: if not c.more(): goto else
                                                     item = c.next()   ; (i, (a, b)), a struct
                                                     i = item.0 ; a = item.1.0 ; b = item.1.1
                                                     body ; goto loop

A cursor gives: `length()` if known, `start()` (evaluates the iterable, before the loop),
`more()` (an i1 at the loop head: is there a next item), `next()` (the item, owned), and
`finish()` (after the loop: releases what start() held). Its state lives in entry-block
allocas, which LLVM promotes to registers. A new kind of iterable (a list) is one more
Cursor class and one line in `_CURSORS`.

The simple loops keep their own lowering: `for i in range(...)` (ForRange, versioned by
versioning.py), `for x in a` (ForArray) and dict loops (ForDict). ForEach, Reduce (sum, min,
max, any, all over an iterable), IterLength and Destructure (targets that are items, tuples of
targets, chains) are lowered here; a target is a Pattern whose leaves are statements storing a
Hole, filled with the value they receive.
"""

from __future__ import annotations

from llvmlite import ir

from jitcell.compiler import typed as T
from jitcell.compiler.types import COMPLEX, FLOAT, INT, STR, Dict, List, Tuple, Type, has_heap_parts
from jitcell.runtime.interrupts import CHUNK

from .arith import I1, I32, i64, llvm_type
from .generators import FAILED, YIELDED, Promise
from .host import LowererHost
from .items import load_item, order_values

__all__ = ["IterationLowering"]

_PTR = ir.PointerType()


class Cursor:
    """Walks one iterable; `host` is the function lowerer (its builder moves as code is emitted)."""

    def __init__(self, host: LowererHost, node: T.Iterable):
        self.host = host
        self.node = node

    def state(self, name: str, initial: ir.Value) -> ir.Value:
        """An entry-block alloca for the cursor's state, set to `initial` here (before the loop)."""
        slot = self.host.entry.alloca(initial.type, name=name)
        self.host.b.store(initial, slot)
        return slot

    def length(self) -> ir.Value | None:
        return None

    def start(self) -> None:
        raise NotImplementedError

    def more(self) -> ir.Value:
        raise NotImplementedError

    def next(self) -> ir.Value:
        raise NotImplementedError

    def finish(self) -> None:
        pass


class _Counted(Cursor):
    """An iterable of known length read by index: k = 0, 1, ... count - 1 (reversed: from the end)."""

    reverse = False
    count: ir.Value

    def length(self) -> ir.Value:
        return self.count

    def more(self) -> ir.Value:
        b = self.host.b
        return b.icmp_unsigned("<", b.load(self.k), self.count)

    def next_index(self) -> ir.Value:
        b = self.host.b
        k = b.load(self.k)
        b.store(b.add(k, i64(1)), self.k)
        return b.sub(b.sub(self.count, i64(1)), k) if self.reverse else k

    def begin(self, count: ir.Value) -> None:
        self.count = count
        self.k = self.state("k", i64(0))


class RangeCursor(_Counted):
    def start(self) -> None:
        node, host = self.node, self.host
        assert isinstance(node, T.RangeIter)
        b = host.b
        self.reverse = node.reverse
        start, stop, step = host.expr(node.start), host.expr(node.stop), host.expr(node.step)
        host.fail(b.icmp_signed("==", step, i64(0)), "range", [(start, INT), (stop, INT), (step, INT)], node.loc)
        up = b.icmp_signed(">", step, i64(0))
        span = b.select(up, b.sub(stop, start), b.sub(start, stop))  # as unsigned
        stride = b.select(up, step, b.sub(i64(0), step))
        nonempty = b.select(up, b.icmp_signed("<", start, stop), b.icmp_signed(">", start, stop))
        self.first, self.step = start, step
        self.begin(b.select(nonempty, b.add(b.udiv(b.sub(span, i64(1)), stride), i64(1)), i64(0)))

    def next(self) -> ir.Value:
        b = self.host.b
        return b.add(self.first, b.mul(self.next_index(), self.step))  # within the range: no overflow


class ArrayCursor(_Counted):
    def start(self) -> None:
        node, host = self.node, self.host
        assert isinstance(node, T.ArrayIter)
        self.reverse = node.reverse
        self.array = host.expr(node.array)  # held for the loop (the body may rebind its local)
        self.begin(host.header(self.array, "shape"))

    def next(self) -> ir.Value:
        host = self.host
        b = host.b
        assert isinstance(self.node, T.ArrayIter)
        t = self.node.array.type
        data = host.header(self.array, "data", typ=_PTR)
        offset = b.mul(self.next_index(), host.header(self.array, "strides"))
        return host.element_load(b.gep(data, [offset], source_etype=host.element_type(t)), t)

    def finish(self) -> None:
        assert isinstance(self.node, T.ArrayIter)
        self.host.drop(self.array, self.node.array.type)


class ListCursor(Cursor):
    """A list's items by index, its length read at each step (the body may append or pop). Reversed,
    as CPython's list_reverseiterator: from the last item down, ending at an index the list (which
    the body may shorten) no longer has."""

    def start(self) -> None:
        assert isinstance(self.node, T.ListIter)
        self.list = self.host.expr(self.node.list)  # held for the loop
        first = self.host.b.sub(self.host.list_length(self.list), i64(1)) if self.node.reverse else i64(0)
        self.k = self.state("k", first)

    def more(self) -> ir.Value:
        b = self.host.b
        assert isinstance(self.node, T.ListIter)
        # reversed: 0 <= k < length as one unsigned compare
        return b.icmp_unsigned("<", b.load(self.k), self.host.list_length(self.list)) if self.node.reverse else \
            b.icmp_signed("<", b.load(self.k), self.host.list_length(self.list))

    def next(self) -> ir.Value:
        host, t = self.host, self.node.type
        b = host.b
        assert isinstance(self.node, T.ListIter)
        k = b.load(self.k)
        b.store(b.add(k, i64(-1 if self.node.reverse else 1)), self.k)
        item = load_item(b, host.item_at(self.list, k, t), t)
        host.retain(item, t)
        return item

    def finish(self) -> None:
        assert isinstance(self.node, T.ListIter)
        self.host.drop(self.list, self.node.list.type)


class StrCursor(Cursor):
    """The characters of a str (held for the loop), walking its UTF-8 bytes (reversed: from the end,
    each character found by stepping back over continuation bytes, 0b10xxxxxx)."""

    def start(self) -> None:
        assert isinstance(self.node, T.StrIter)
        host = self.host
        self.text = host.expr(self.node.text)
        self.nbytes = host.str_field(self.text, 2)
        self.at = self.state("at", self.nbytes if self.node.reverse else i64(0))

    def more(self) -> ir.Value:
        b = self.host.b
        assert isinstance(self.node, T.StrIter)
        if self.node.reverse:
            return b.icmp_signed(">", b.load(self.at), i64(0))
        return b.icmp_signed("<", b.load(self.at), self.nbytes)

    def next(self) -> ir.Value:
        host = self.host
        b = host.b
        assert isinstance(self.node, T.StrIter)
        if not self.node.reverse:
            char, following = host.char_at_byte(self.text, b.load(self.at))
            b.store(following, self.at)
            return char
        back, check, done = (host.ir_fn.append_basic_block(n) for n in ("str.back", "str.back.check", "str.back.done"))
        b.branch(back)
        b.position_at_end(back)
        at = b.sub(b.load(self.at), i64(1))
        b.store(at, self.at)
        b.branch(check)
        b.position_at_end(check)
        byte = b.load(b.gep(self.text, [b.add(at, i64(40))], source_etype=ir.IntType(8)), typ=ir.IntType(8))
        continuation = b.icmp_unsigned("==", b.and_(byte, ir.Constant(ir.IntType(8), 0xC0)),
                                       ir.Constant(ir.IntType(8), 0x80))
        b.cbranch(continuation, back, done)
        b.position_at_end(done)
        char, _ = host.char_at_byte(self.text, b.load(self.at))
        return char

    def finish(self) -> None:
        self.host.drop(self.text, STR)


class TupleCursor(_Counted):
    """A tuple of one item type, spilled to memory so that an item can be read by a variable index."""

    def start(self) -> None:
        node, host = self.node, self.host
        assert isinstance(node, T.TupleIter) and isinstance(node.value.type, Tuple)
        b = host.b
        n = len(node.value.type.items)
        self.value = host.expr(node.value)
        self.items = host.entry.alloca(ir.ArrayType(llvm_type(node.type), n), name="tuple.items")
        for i in range(n):
            b.store(b.extract_value(self.value, i), b.gep(self.items, [i64(0), i64(i)]))
        self.reverse = node.reverse
        self.begin(i64(n))

    def next(self) -> ir.Value:
        b = self.host.b
        item = b.load(b.gep(self.items, [i64(0), self.next_index()]))
        self.host.retain(item, self.node.type)
        return item

    def finish(self) -> None:
        assert isinstance(self.node, T.TupleIter)
        self.host.drop(self.value, self.node.value.type)


class DictCursor(Cursor):
    """Entries in insertion order; CPython's RuntimeErrors when the dict changes size (or keys)."""

    def start(self) -> None:
        node, host = self.node, self.host
        assert isinstance(node, T.DictIter)
        self.dict = host.expr(node.dict)
        self.size = host.dict_length(self.dict)
        self.position = self.state("entry.next", i64(0))
        self.entry = self.state("entry", i64(-1))
        self.remaining = self.state("remaining", self.size)
        self.changed = host.site("dict_changed", node.loc, operands=[])
        self.keys_changed = host.site("dict_keys_changed", node.loc, operands=[])

    def length(self) -> ir.Value:
        return self.size

    def more(self) -> ir.Value:
        host = self.host
        b = host.b
        with b.if_then(b.icmp_signed("!=", host.dict_length(self.dict), self.size), likely=False):
            host.report(self.changed, [])
        e = host.runtime("table_next", self.dict, b.load(self.position))
        b.store(e, self.entry)
        return b.icmp_signed(">=", e, i64(0))

    def next(self) -> ir.Value:
        host, node = self.host, self.node
        assert isinstance(node, T.DictIter) and isinstance(node.dict.type, Dict)
        b = host.b
        remaining = b.load(self.remaining)
        with b.if_then(b.icmp_signed("==", remaining, i64(0)), likely=False):
            host.report(self.keys_changed, [])
        b.store(b.sub(remaining, i64(1)), self.remaining)
        e = b.load(self.entry)
        b.store(b.add(e, i64(1)), self.position)
        key_type, value_type = node.dict.type.key, node.dict.type.value
        if node.mode == "keys":
            return host.from_word(host.runtime("table_key", self.dict, e), key_type)
        if node.mode == "values":
            return host.from_value_word(host.runtime("table_value", self.dict, e), value_type)
        key = host.from_word(host.runtime("table_key", self.dict, e), key_type)
        value = host.from_value_word(host.runtime("table_value", self.dict, e), value_type)
        pair = b.insert_value(ir.Constant(llvm_type(node.type), None), key, 0)
        return b.insert_value(pair, value, 1)

    def finish(self) -> None:
        assert isinstance(self.node, T.DictIter)
        self.host.drop(self.dict, self.node.dict.type)


class SetCursor(DictCursor):
    """Elements in the order they were added; CPython's RuntimeError when the set changes size. An
    element removed and another added (the size kept) is not an error, as in CPython: the walk stops
    after as many elements as the set had."""

    def start(self) -> None:
        node, host = self.node, self.host
        assert isinstance(node, T.SetIter)
        self.dict = host.expr(node.set)
        self.size = host.dict_length(self.dict)
        self.position = self.state("entry.next", i64(0))
        self.entry = self.state("entry", i64(-1))
        self.remaining = self.state("remaining", self.size)
        self.changed = host.site("set_changed", node.loc, operands=[])

    def more(self) -> ir.Value:
        b = self.host.b
        found = super().more()
        return b.and_(found, b.icmp_signed(">", b.load(self.remaining), i64(0)))

    def next(self) -> ir.Value:
        host = self.host
        b = host.b
        b.store(b.sub(b.load(self.remaining), i64(1)), self.remaining)
        e = b.load(self.entry)
        b.store(b.add(e, i64(1)), self.position)
        return host.from_word(host.runtime("table_key", self.dict, e), self.node.type)

    def finish(self) -> None:
        assert isinstance(self.node, T.SetIter)
        self.host.drop(self.dict, self.node.set.type)


class EnumerateCursor(Cursor):
    def __init__(self, host: LowererHost, node: T.Iterable):
        super().__init__(host, node)
        assert isinstance(node, T.EnumerateIter)
        self.inner = cursor(host, node.inner)

    def start(self) -> None:
        assert isinstance(self.node, T.EnumerateIter)
        self.inner.start()
        self.first = self.host.expr(self.node.start)
        self.k = self.state("count", i64(0))

    def length(self) -> ir.Value | None:
        return self.inner.length()

    def more(self) -> ir.Value:
        return self.inner.more()

    def next(self) -> ir.Value:
        host = self.host
        b = host.b
        item = host.hold(self.inner.next(), self.inner.node.type)
        k = b.load(self.k)
        b.store(b.add(k, i64(1)), self.k)
        host.loc = self.node.loc
        count = host.arith.int_binary("+", self.first, k)  # start + k may overflow 64 bits
        if has_heap_parts(self.inner.node.type):
            host.take(item)  # now the pair's
        pair = b.insert_value(ir.Constant(llvm_type(self.node.type), None), count, 0)
        return b.insert_value(pair, item, 1)

    def finish(self) -> None:
        self.inner.finish()


class ZipCursor(Cursor):
    """One item of each iterable, in order, until one ends; `strict`: all must end together,
    else CPython's ValueError ("zip() argument 2 is shorter than argument 1")."""

    def __init__(self, host: LowererHost, node: T.Iterable):
        super().__init__(host, node)
        assert isinstance(node, T.ZipIter)
        self.inners = [cursor(host, i) for i in node.inners]

    def start(self) -> None:
        for inner in self.inners:
            inner.start()

    def length(self) -> ir.Value | None:
        lengths = [inner.length() for inner in self.inners]
        if any(n is None for n in lengths):
            return None
        b = self.host.b
        shortest = lengths[0]
        for n in lengths[1:]:
            shortest = b.select(b.icmp_unsigned("<", n, shortest), n, shortest)
        return shortest

    def more(self) -> ir.Value:
        host = self.host
        b = host.b
        assert isinstance(self.node, T.ZipIter)
        strict = self.node.strict
        result = host.entry.alloca(I1, name="zip.more")
        done = host.ir_fn.append_basic_block("zip.done")
        for i, inner in enumerate(self.inners):
            has = inner.more()
            ended = host.ir_fn.append_basic_block("zip.ended")
            going = host.ir_fn.append_basic_block("zip.more")
            b.cbranch(has, going, ended)
            b.position_at_end(ended)
            if strict and i > 0:  # the first ones had an item: this one is shorter
                host.report(host.site("zip_strict", self.node.loc, argument=i + 1, longer=False, operands=[]), [])
            else:
                if strict:  # the first one ended: every other one must have ended too
                    for j, other in enumerate(self.inners[1:], start=2):
                        with b.if_then(other.more(), likely=False):
                            host.report(host.site("zip_strict", self.node.loc, argument=j, longer=True,
                                                  operands=[]), [])
                b.store(ir.Constant(I1, 0), result)
                b.branch(done)
            b.position_at_end(going)
        b.store(ir.Constant(I1, 1), result)
        b.branch(done)
        b.position_at_end(done)
        return b.load(result)

    def next(self) -> ir.Value:
        host = self.host
        b = host.b
        items = [host.hold(inner.next(), inner.node.type) for inner in self.inners]
        whole = ir.Constant(llvm_type(self.node.type), None)
        for i, (item, inner) in enumerate(zip(items, self.inners, strict=True)):
            if has_heap_parts(inner.node.type):
                host.take(item)
            whole = b.insert_value(whole, item, i)
        return whole

    def finish(self) -> None:
        for inner in reversed(self.inners):
            inner.finish()


class GeneratorCursor(Cursor):
    """A generator (lower/generators.py): each more() resumes it to its next yield or its end."""

    def start(self) -> None:
        assert isinstance(self.node, T.GeneratorIter)
        self.handle = self.host.expr(self.node.call)  # held: any exit of the walker destroys it
        self.promise = Promise(self.host.b, self.handle, self.node.type)

    def more(self) -> ir.Value:
        host = self.host
        b = host.b
        state = self.promise.resume(b)
        with b.if_then(b.icmp_signed("==", state, ir.Constant(I32, FAILED)), likely=False):
            host.leave(1)  # the generator's exception is pending
        return b.icmp_signed("==", state, ir.Constant(I32, YIELDED))

    def next(self) -> ir.Value:
        return self.promise.take(self.host.b)

    def finish(self) -> None:
        assert isinstance(self.node, T.GeneratorIter)
        self.host.drop(self.handle, self.node.call.type)


_CURSORS: dict[type, type[Cursor]] = {
    T.RangeIter: RangeCursor, T.ArrayIter: ArrayCursor, T.StrIter: StrCursor, T.TupleIter: TupleCursor,
    T.ListIter: ListCursor, T.DictIter: DictCursor, T.SetIter: SetCursor,
    T.EnumerateIter: EnumerateCursor, T.ZipIter: ZipCursor, T.GeneratorIter: GeneratorCursor,
}


def cursor(host: LowererHost, node: T.Iterable) -> Cursor:
    return _CURSORS[type(node)](host, node)


class IterationLowering(LowererHost):
    """Mixed into the function lowerer; host.py declares what it uses."""

    def walk(self, c: Cursor, loc, on_item, orelse: tuple[T.Stmt, ...] = (), body: tuple[T.Stmt, ...] = ()) -> None:
        """The loop: `on_item(item, next_block, end_block)` emits the work for one item (owned, held)
        and leaves the builder where the next item starts or ends the block itself; `orelse` runs
        when the items run out. Interrupts are checked every CHUNK items, or each one if the body
        may take long (loop_checks)."""
        b = self.b
        c.start()
        checks = self.loop_checks(body)
        head, work, step, other, end = (self.ir_fn.append_basic_block(n) for n in
                                        ("each", "each.body", "each.next", "each.else", "each.end"))
        budget = c.state("budget", i64(CHUNK)) if checks == "chunk" else None
        b.branch(head)
        b.position_at_end(head)
        b.cbranch(c.more(), work, other)
        b.position_at_end(work)
        item = self.hold(c.next(), c.node.type)
        on_item(item, step, end)
        if not b.block.is_terminated:
            b.branch(step)
        b.position_at_end(step)
        if budget is not None:
            left = b.sub(b.load(budget), i64(1))
            b.store(left, budget)
            with b.if_then(b.icmp_signed("==", left, i64(0)), likely=False):
                self.interrupt_check(loc)
                b.store(i64(CHUNK), budget)
        elif checks == "each":
            self.interrupt_check(loc)
        b.branch(head)
        b.position_at_end(other)
        self.block(orelse)
        if not b.block.is_terminated:
            b.branch(end)
        b.position_at_end(end)
        c.finish()

    def for_each(self, node: T.ForEach) -> None:
        c = cursor(self, node.iterable)

        def on_item(item, step, end):
            self.fill(node.target, item)
            self.drop(item, node.target.type)
            self.loop_body(self.b.block, node.body, step, end)

        self.walk(c, node.loc, on_item, node.orelse, node.body)

    def fill(self, pattern: T.Pattern, value: ir.Value) -> None:
        """Give `value` (held by the caller) to a pattern: its statement stores a Hole standing for it."""
        if pattern.store is not None:
            self.holes.append((value, pattern.type))
            self.stmt(pattern.store)
            self.holes.pop()
            return
        if pattern.unpacking is not None:
            self.unpack_items(pattern, pattern.unpacking, value)
            return
        for i, item in enumerate(pattern.items):
            self.fill(item, self.b.extract_value(value, i))

    def unpack_items(self, pattern: T.Pattern, u: T.Unpacking, value: ir.Value) -> None:
        """A tuple target over a list, str or array, or with a starred target (check/unpacking.py):
        the length checked with CPython's texts, every item taken out, then the targets filled."""
        b = self.b
        self.holes.append((value, pattern.type))
        if u.length is not None:
            n, expected, loc = self.expr(u.length), i64(u.expected), u.length.loc
            if u.starred:
                self.list_error_if(b.icmp_signed("<", n, expected), "ValueError",
                                   f"not enough values to unpack (expected at least {u.expected}, got {{}})",
                                   loc, [(n, INT)])
            else:
                self.list_error_if(b.icmp_signed(">", n, expected), "ValueError",
                                   f"too many values to unpack (expected {u.expected})", loc)
                self.list_error_if(b.icmp_signed("<", n, expected), "ValueError",
                                   f"not enough values to unpack (expected {u.expected}, got {{}})", loc, [(n, INT)])
        parts = [self.expr(part) for part in u.parts]
        self.holes.pop()
        for item, part in zip(pattern.items, parts, strict=True):
            self.fill(item, part)
        for part, node in reversed(list(zip(parts, u.parts, strict=True))):
            self.drop(part, node.type)

    def destructure(self, node: T.Destructure) -> None:
        value = self.expr(node.value)  # the whole right side first, then the targets in order
        for target in node.targets:
            self.fill(target, value)
        self.drop(value, node.value.type)

    def iter_length(self, node: T.IterLength) -> ir.Value:
        c = cursor(self, node.iterable)
        c.start()
        n = c.length()
        assert n is not None  # check takes len() of ranges and dict views only
        c.finish()
        return n

    def list_from(self, node: T.ListFrom) -> ir.Value:
        """list(it): a new list (held while it fills, so a failing walk releases it), each item
        appended (the list takes it)."""
        assert isinstance(node.type, List)
        t = node.type.element
        c = cursor(self, node.iterable)
        lst = self.new_list(i64(0), t)

        def on_item(item, step, end):
            at = self.runtime("list_push", lst)
            self.no_memory_if(self.b.icmp_signed("==", at, i64(0)))
            self.store_taken(at, item, t)

        self.walk(c, node.loc, on_item)
        self.take(lst)
        return lst

    def reduce(self, node: T.Reduce) -> ir.Value:
        """sum: start + each item, in order; min/max: the first extreme item (by key); any/all: stop
        at the first item whose truth decides."""
        b = self.b
        t = node.type
        result = self.entry.alloca(llvm_type(t), name=node.op)
        if node.op in ("any", "all"):
            b.store(ir.Constant(I1, node.op == "all"), result)
        elif node.op == "sum":
            assert node.start is not None
            b.store(self.expr(node.start), result)
        found = self.entry.alloca(I1, name="found") if node.op in ("min", "max") else None
        key_type = node.key.type if node.key is not None else node.iterable.type
        best_key = self.entry.alloca(llvm_type(key_type), name="best.key") \
            if node.op in ("min", "max") and node.key is not None else None
        # min/max own the best item (and key) in allocas, which no exit releases: they start null
        # (replace_best releases the old value), and a failure inside the loop (a key that raises,
        # an interrupt) goes through a cleanup frame that releases them before unwinding on
        kept = [(slot, held) for slot, held in ((result, t), (best_key, key_type))
                if found is not None and slot is not None and has_heap_parts(held)]
        if found is not None:
            b.store(ir.Constant(I1, 0), found)
        for slot, held in kept:
            b.store(ir.Constant(llvm_type(held), None), slot)
        c = cursor(self, node.iterable)

        def on_item(item, step, end):
            item_type = node.iterable.type
            if node.op in ("any", "all"):
                assert node.key is not None
                self.holes.append((item, item_type))
                truth = self.expr(node.key)
                self.holes.pop()
                self.drop(item, item_type)
                decided = truth if node.op == "any" else b.not_(truth)
                with b.if_then(decided):
                    b.store(ir.Constant(I1, node.op == "any"), result)
                    b.branch(end)
                return
            if node.op == "sum":
                self.loc = node.loc
                if t is COMPLEX:  # lower/complexes.py
                    value = self.complex_convert(item, item_type, t) if item_type != t else item
                    b.store(self.complex_binary("+", b.load(result), value), result)
                    return
                value = self.arith.convert(item, item_type, t) if item_type != t else item
                total = self.arith.float_binary("+", b.load(result), value) if t is FLOAT else \
                    self.arith.int_binary("+", b.load(result), value)
                b.store(total, result)
                return
            assert found is not None
            key = item
            if node.key is not None:
                assert best_key is not None
                self.holes.append((item, item_type))
                key = self.expr(node.key)
                self.holes.pop()
            first = b.not_(b.load(found))
            previous = b.load(best_key) if best_key is not None else b.load(result)
            with b.if_else(first) as (then, otherwise):
                with then:
                    then_block = b.block
                with otherwise:
                    op = ">" if node.op == "max" else "<"
                    if isinstance(key_type, (Tuple, List)):  # lexicographic, as Python (items.py)
                        better = order_values(self.owner, b, self.entry, op, key, previous, key_type)
                    else:
                        better = self.str_compare(op, key, previous) if key_type is STR else \
                            self.arith.compare(op, key, key_type, previous, key_type)
                    other_block = b.block
            take = b.phi(I1)
            take.add_incoming(ir.Constant(I1, 1), then_block)
            take.add_incoming(better, other_block)
            self.replace_best(take, result, item, item_type, found)
            if best_key is not None:
                self.replace_best(take, best_key, key, key_type, None)

        if kept:
            with self.cleanup_frame(kept):
                self.walk(c, node.loc, on_item)
        else:
            self.walk(c, node.loc, on_item)
        if found is not None:
            self.no_item(node, result, found)
            if best_key is not None and has_heap_parts(key_type):
                self.release(b.load(best_key), key_type)
        return b.load(result)

    def replace_best(self, take: ir.Value, slot: ir.Value, value: ir.Value, t: Type, found) -> None:
        """min/max: keep `value` (owned, held) in `slot` if `take`, else let it go."""
        b = self.b
        heap = has_heap_parts(t)
        with b.if_else(take) as (then, otherwise):
            with then:
                old = b.load(slot)
                if heap:
                    self.retain(value, t)
                    self.release(old, t)  # null the first time: nothing
                b.store(value, slot)
                if found is not None:
                    b.store(ir.Constant(I1, 1), found)
            with otherwise:
                pass
        self.drop(value, t)

    def no_item(self, node: T.Reduce, result: ir.Value, found: ir.Value) -> None:
        """min/max of no item: the default, else CPython's ValueError."""
        b = self.b
        with b.if_then(b.not_(b.load(found)), likely=False):
            if node.default is None:
                self.report(self.site("empty_sequence", node.loc, op=node.op, operands=[]), [])
            else:
                default = self.expr(node.default)
                if has_heap_parts(node.type):
                    self.take(default)
                b.store(default, result)

