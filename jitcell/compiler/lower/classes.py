"""Instances of the classes of a cell in generated code: making one, reading and writing fields.

    p = Point(1.0, 2.0)    the constructor (a function of the cell, check/classes.py) calls
                           rt.inst_new(2, 0b00): header, then the fields, zero; __init__ stores them
    p.x                    load double at p + 32 + 8 * 0       (p borrowed: a local)
    n.name = s             store s's address at n + 32 + 8 * k; the old str released

An instance is a runtime object of kind 16 (runtime/source_instances.py): the reference count,
the kind, an object mask, the field count, then one word per field: an int, a float's bits, a
bool 0/1, an object's address (null: None); a tuple or complex field holds a box, a list of one
item, as a dict value does (lower/dicts.py), and a new box replaces it on assignment. The instance
owns the objects in its fields: a value stored is taken, the old one released; a field read is
retained (the reader owns it).
A field that holds an object and is not `T | None` is null only before `__init__` assigns it:
reading it then raises CPython's AttributeError instead of following a null address.
"""

from __future__ import annotations

from llvmlite import ir

from jitcell.compiler import typed as T
from jitcell.compiler.types import BOOL, STR, Instance, List, Optional, Type, is_heap

from .arith import I1, I8, I64, i64, llvm_type
from .dicts import boxed
from .host import LowererHost

__all__ = ["ClassLowering", "FIELDS_OFFSET", "is_instance"]

_PTR = ir.PointerType()

FIELDS_OFFSET = 32  # bytes of header before the first field


class ClassLowering(LowererHost):
    """Mixed into the function lowerer (program.py)."""

    def new_instance(self, node: T.New) -> ir.Value:
        obj = self.allocated(self.runtime_object("inst_new", i64(node.words), i64(node.mask)))
        if node.tag:  # its class's number in its family (lower/inheritance.py)
            self.store_tag(obj, node.words, node.tag)
        for index, default in node.defaults:
            value = self.expr(default)
            if boxed(default.type):
                self._store_boxed(obj, index, value, default.type)
                self.drop(value, default.type)
                continue
            if _owns(default.type):
                self.take(value)  # the instance owns it
            self._store_field(obj, index, value, default.type)
        return obj

    def get_field(self, node: T.GetField) -> ir.Value:
        obj, owned = self.list_operand(node.obj)  # a local is borrowed
        if boxed(node.type):
            value = self._load_boxed(obj, node)
        else:
            value = self._load_field(obj, node.index, node.type)
            if is_heap(node.type):  # null until __init__ assigns it
                self._unset_field(value, node)
            self.retain(value, node.type)
        if owned:
            self.drop(obj, node.obj.type)
        return value

    def set_field(self, node: T.SetField) -> None:
        t = node.value.type
        if boxed(t):
            self._set_boxed(node)
            return
        if node.update:  # obj, its field, then the value (which reads the field through a Hole)
            obj, owned = self.list_operand(node.obj)
            old = self._load_field(obj, node.index, t)
            if is_heap(t):
                self._unset_field(old, node)
            self.retain(old, t)
            self.hold(old, t)
            self.holes.append((old, t))
            value = self.expr(node.value)
            self.holes.pop()
            if _owns(t):
                self.take(value)
            self._store_field(obj, node.index, value, t)
            self.drop(old, t)  # the hole's reference
            self.release(old, t)  # the field's
        else:  # the value first, then obj, as Python evaluates `obj.x = value`
            value = self.expr(node.value)
            obj, owned = self.list_operand(node.obj)
            old = self._load_field(obj, node.index, t) if _owns(t) else None
            if old is not None:
                self.take(value)
            self._store_field(obj, node.index, value, t)
            if old is not None:
                self.release(old, t)
        if owned:
            self.drop(obj, node.obj.type)

    # ---- tuple and complex fields: a box ------------------------------------------------------

    def _load_boxed(self, obj: ir.Value, node: T.GetField | T.SetField) -> ir.Value:
        """The value in a tuple or complex field's box (owned by the caller)."""
        word = self.b.load(self._field_address(obj, node.index), typ=I64)
        self._unset_field(word, node)
        return self.from_value_word(word, node.type if isinstance(node, T.GetField) else node.value.type)

    def _store_boxed(self, obj: ir.Value, index: int, value: ir.Value, t: Type) -> None:
        """Store a new box holding `value` (which the caller still owns) into field `index`; the
        old box, if any, released."""
        word, box = self.value_word(value, t)
        at = self._field_address(obj, index)
        old = self.b.load(at, typ=I64)
        self.b.store(word, at)
        self.take(box)  # the instance's reference
        with self.b.if_then(self.b.icmp_unsigned("!=", old, i64(0))):
            self.release(self.b.inttoptr(old, _PTR), List(t))

    def _set_boxed(self, node: T.SetField) -> None:
        t = node.value.type
        if node.update:  # obj, its field, then the value (which reads the field through a Hole)
            obj, owned = self.list_operand(node.obj)
            old = self._load_boxed(obj, node)
            self.hold(old, t)
            self.holes.append((old, t))
            value = self.expr(node.value)
            self.holes.pop()
            self._store_boxed(obj, node.index, value, t)
            self.drop(old, t)
        else:  # the value first, then obj, as Python evaluates `obj.x = value`
            value = self.expr(node.value)
            obj, owned = self.list_operand(node.obj)
            self._store_boxed(obj, node.index, value, t)
        self.drop(value, t)
        if owned:
            self.drop(obj, node.obj.type)

    # ---- fields in memory -------------------------------------------------------------------

    def _field_address(self, obj: ir.Value, index: int) -> ir.Value:
        return self.b.gep(obj, [i64(FIELDS_OFFSET + 8 * index)], source_etype=I8)

    def _load_field(self, obj: ir.Value, index: int, t: Type) -> ir.Value:
        at = self._field_address(obj, index)
        if t is BOOL:
            return self.b.trunc(self.b.load(at, typ=I64), I1)
        return self.b.load(at, typ=llvm_type(t))

    def _store_field(self, obj: ir.Value, index: int, value: ir.Value, t: Type) -> None:
        at = self._field_address(obj, index)
        self.b.store(self.b.zext(value, I64) if t is BOOL else value, at)

    def _unset_field(self, value: ir.Value, node: T.GetField | T.SetField) -> None:
        """AttributeError, CPython's message, where an object field is still null."""
        assert isinstance(node.obj.type, Instance)
        message = self.owner.str_literal(f"'{node.obj.type.name}' object has no attribute '{node.name}'")
        site = self.site("raise", node.loc, cls="AttributeError", again=False, cause=None, operands=[STR.name])
        with self.b.if_then(self.b.icmp_unsigned("==", value, ir.Constant(value.type, None)), likely=False):
            self.report(site, [(message, STR)])


def is_instance(t: Type) -> bool:
    """An instance, or an instance that may be None (its null)."""
    return isinstance(t.inner if isinstance(t, Optional) else t, Instance)


def _owns(t: Type) -> bool:
    return is_heap(t) or isinstance(t, Optional) and is_heap(t.inner)
