"""Instances of classes with a base in generated code: their class's number, dispatched method calls,
isinstance() tests.

    Circle(1.0)             inst_new(2, mask), then word 3 = fields | 1 << 32     (Circle's tag: 1)
    s.area()   (s: Shape)   tag = word 3 >> 32
                            call (load @"jitcell.dispatch.Shape.area"[tag])(s)   the family's table:
                                  [ptr @Shape.area, ptr @Circle.area, ...], one entry per class
    isinstance(s, Circle)   1 <= tag <= 1        (a class's subclasses follow its number)

The header's word 3 (runtime/source_instances.py) holds the field count in its low 32 bits and
the class's number in its family in the high ones; a class without a base or subclasses is
number 0, so its instances are as they were. A table lives in the cell's library, a constant of
function addresses that the dynamic linker relocates; an instance from Python is checked to be of
this cell's family before it reaches the table (loader/classes.py), so its number is in range.
"""

from __future__ import annotations

from dataclasses import replace

from llvmlite import ir

from jitcell.compiler import typed as T
from jitcell.compiler.check.outer_bases import EXT_SHIFT
from jitcell.compiler.types import Optional

from .arith import I8, I64, i64
from .host import LowererHost

__all__ = ["InheritanceLowering", "TAG_SHIFT"]

TAG_SHIFT = 32  # the class's number: the high half of the header's field-count word
_COUNT_WORD = 24


class InheritanceLowering(LowererHost):
    """Mixed into the function lowerer (program.py)."""

    def store_tag(self, obj: ir.Value, words: int, tag: int) -> None:
        at = self.b.gep(obj, [i64(_COUNT_WORD)], source_etype=I8)
        self.b.store(i64(words | tag << TAG_SHIFT), at)

    def class_tag(self, obj: ir.Value, ext: int = 0) -> ir.Value:
        """The class's number in its family; `ext`: a family holding classes of another cell, whose
        numbers here are the header's extension ones, less `ext` (check/outer_bases.py)."""
        word = self.b.load(self.b.gep(obj, [i64(_COUNT_WORD)], source_etype=I8), typ=I64)
        if ext:
            return self.b.sub(self.b.lshr(word, i64(TAG_SHIFT + EXT_SHIFT)), i64(ext))
        return self.b.and_(self.b.lshr(word, i64(TAG_SHIFT)), i64((1 << EXT_SHIFT) - 1))

    def virtual_callee(self, node: T.CallCell, receiver: ir.Value) -> ir.Value:
        """The function the class of `receiver` has for the method `node` calls, from the table."""
        impl = self.owner.impls.get(node.function) or self.owner.callee(replace(node, dispatch=(), ext=0))
        pointer_type = impl.type
        entries = [ir.Constant(pointer_type, None) if not f else self.entry_of(node, f, pointer_type)
                   for f in node.dispatch]
        symbol, n = f"jitcell.dispatch.{node.function}", 1
        table = self.owner.module.globals.get(symbol)
        while table is not None and str(table.initializer) != str(ir.Constant(table.value_type, entries)):
            n += 1  # another table of this method: str() of an instance (__str__ else __repr__) beside repr()
            symbol = f"jitcell.dispatch.{node.function}.{n}"
            table = self.owner.module.globals.get(symbol)
        if table is None:
            table = ir.GlobalVariable(self.owner.module, ir.ArrayType(pointer_type, len(entries)), symbol)
            table.initializer = ir.Constant(table.value_type, entries)
            table.global_constant = True
            table.linkage = "internal"
        slot = self.b.gep(table, [ir.Constant(ir.IntType(32), 0), self.class_tag(receiver, node.ext)], inbounds=True,
                          source_etype=table.value_type)
        return self.b.load(slot, typ=impl.function_type.as_pointer())

    def chain(self, node: T.Chain) -> ir.Value:
        """Each operand once, in order; link i reads operands i and i + 1 (T.Slot); a false link ends it.
        A single link reads any operand and gives its value, of any type."""
        if len(node.links) == 1:  # a value of any type, from operands read as often as it needs
            values = [(self.expr(operand), operand.type) for operand in node.operands]
            self.chains.append(values)
            result = self._expr(node.links[0])  # the caller holds it
            self.chains.pop()
            for value in values:
                self.drop(*value)
            return result
        values = [(self.expr(node.operands[0]), node.operands[0].type)]

        def link(i: int, left: tuple, right: tuple) -> ir.Value:
            values.append(right)
            self.chains.append(values)
            result = self.expr(node.links[i])
            self.chains.pop()
            return result

        return self.short_circuit_links(values[0], node.operands[1:], link)

    def entry_of(self, node: T.CallCell, function: str, pointer_type: ir.Type) -> ir.Constant:
        """A table's entry: a function of the cell, or the thunk calling one of another cell."""
        made = self.owner.impls.get(function)
        if made is None:  # a method a class inherits from a class of another cell (check/outer_bases.py)
            made = self.owner.callee(replace(node, function=function, external=True, dispatch=(), ext=0))
        return made if made.type == pointer_type else made.bitcast(pointer_type)

    def class_test(self, node: T.ClassTest) -> ir.Value:
        """isinstance(): the value's tag in one of the ranges; None gives `node.none`."""
        b = self.b
        value = self.expr(node.value)
        start = b.block
        present = b.icmp_unsigned("!=", value, ir.Constant(value.type, None)) \
            if isinstance(node.value.type, Optional) else None
        if present is not None:
            test_block = b.append_basic_block("class.test")
            done = b.append_basic_block("class.done")
            b.cbranch(present, test_block, done)
            b.position_at_end(test_block)
        tag = self.class_tag(value, node.ext)
        found = ir.Constant(ir.IntType(1), 0)
        for first, last in node.ranges:
            inside = b.and_(b.icmp_unsigned(">=", tag, i64(first)), b.icmp_unsigned("<=", tag, i64(last)))
            found = b.or_(found, inside)
        if present is not None:
            tested = b.block
            b.branch(done)
            b.position_at_end(done)
            phi = b.phi(ir.IntType(1))
            phi.add_incoming(ir.Constant(ir.IntType(1), int(node.none)), start)
            phi.add_incoming(found, tested)
            found = phi
        self.drop(value, node.value.type)
        return found
