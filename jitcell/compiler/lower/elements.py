"""How an array's dtype stores its elements: the one place that maps a dtype to its LLVM type,
its load conversion and its store conversion (jitcell/dtypes.py lists the dtypes).

    x = a[i]      uint8: zext(load i8)     int16: sext(load i16)    float32: fpext(load float)
                  uint64: load i64, and OverflowError if its top bit is set (beyond jitcell's int)
    a[i] = v      v checked first (T.ElementValue: "Python integer 300 out of bounds for uint8",
                  as NumPy 2), then trunc to i8; float32: fptrunc (round to nearest)
    a[i] += v     uint8: v checked, zext(a[i]) + v in 64 bits, trunc: wraps as NumPy's uint8 does

Whatever reads or writes elements (element access, iteration, fills, whole-array operations)
goes through `element_load`, `element_store` and `storage_type`, so a new dtype is one row of
jitcell/dtypes.py and, if its storage is new, one branch here.
"""

from __future__ import annotations

from llvmlite import ir

from jitcell.compiler import typed as T
from jitcell.compiler.types import BOOL, INT, Array, Type
from jitcell.dtypes import DEFAULT_DTYPE, DTYPES

from .aliasing import tbaa
from .arith import F64, I8, I64
from .host import LowererHost

__all__ = ["ElementLowering", "storage_type", "itemsize", "dtype_of"]

_F32 = ir.FloatType()
_COMPLEX = ir.LiteralStructType([F64, F64])


def dtype_of(t: Array | Type) -> str:
    """The dtype of an array type, or of a scalar type's default array (float -> float64)."""
    return t.dtype if isinstance(t, Array) else DEFAULT_DTYPE[t.name]


def storage_type(t: Array | Type) -> ir.Type:
    """The LLVM type of one element in memory."""
    d = DTYPES[dtype_of(t)]
    if d.kind == "complex":
        return _COMPLEX
    if d.kind == "float":
        return F64 if d.itemsize == 8 else _F32
    return ir.IntType(8 * d.itemsize)


def itemsize(t: Array | Type) -> int:
    return DTYPES[dtype_of(t)].itemsize


class ElementLowering(LowererHost):
    """Mixed into the function lowerer, beside ArrayLowering."""

    def element_type(self, t: Array | Type) -> ir.Type:
        return storage_type(t)

    def element_load(self, pointer: ir.Value, t: Array | Type) -> ir.Value:
        """The element at `pointer`, as the Python scalar it reads as (`t`: the array's type, or the
        element type of a default-dtype array)."""
        b = self.b
        d = DTYPES[dtype_of(t)]
        value = b.load(pointer, typ=storage_type(t))
        value.set_metadata("tbaa", tbaa(b.module, "array element"))
        if d.kind == "bool":
            return b.icmp_unsigned("!=", value, ir.Constant(I8, 0))
        if d.kind == "float" and d.itemsize == 4:
            return b.fpext(value, F64)
        if d.kind != "int":
            return value
        if d.itemsize < 8:
            return b.sext(value, I64) if d.signed else b.zext(value, I64)
        if not d.signed:  # uint64 beyond 2**63 - 1 is no int of jitcell's
            site = self.site("array_read", self.loc, dtype=d.name, operands=["int"])
            with b.if_then(b.icmp_signed("<", value, ir.Constant(I64, 0)), likely=False):
                self.report(site, [(value, INT)])
        return value

    def element_store(self, pointer: ir.Value, value: ir.Value, t: Array | Type) -> None:
        """Store a Python scalar of the element's kind: an int wraps to the dtype's width (a value
        T.ElementValue has checked, or NumPy's arithmetic of fixed-width ints), a float rounds to
        float32, a bool is a byte."""
        b = self.b
        d = DTYPES[dtype_of(t)]
        if d.kind == "bool":
            value = b.zext(value, I8)
        elif d.kind == "int" and d.itemsize < 8:
            value = b.trunc(value, ir.IntType(8 * d.itemsize))
        elif d.kind == "float" and d.itemsize == 4:
            value = b.fptrunc(value, _F32)
        b.store(value, pointer).set_metadata("tbaa", tbaa(b.module, "array element"))

    def element_word(self, value: ir.Value, t: Type) -> ir.Value:
        """A scalar as the i64 word whose low `itemsize` bytes are its stored form (array_fill)."""
        b = self.b
        d = DTYPES[dtype_of(t)]
        if d.kind == "bool":
            return b.zext(value, I64)
        if d.kind == "float":
            return b.bitcast(value, I64) if d.itemsize == 8 else b.zext(b.bitcast(b.fptrunc(value, _F32),
                                                                                  ir.IntType(32)), I64)
        return value

    def element_value(self, node: T.ElementValue) -> ir.Value:
        return self.element_check(self.expr(node.operand), node)

    def element_check(self, value: ir.Value, node: T.ElementValue) -> ir.Value:
        """The operand's value, checked against the dtype's range or rounded to float32. A store
        evaluates the operand first and checks it after the index, as NumPy does (lower/arrays.py)."""
        b = self.b
        self.loc = node.loc
        d = DTYPES[node.dtype]
        if d.kind == "float":  # float32: rounded once, as NumPy converts a Python float operand
            return b.fpext(b.fptrunc(value, _F32), F64) if d.itemsize == 4 else value
        if node.type is BOOL or d.kind != "int" or d.name == "int64":
            return value
        low, high = d.bounds
        high = min(high, 2**63 - 1)
        outside = b.icmp_unsigned(">", b.sub(value, ir.Constant(I64, low)), ir.Constant(I64, high - low))
        site = self.site("array_store", node.loc, dtype=d.name, operands=["int"])
        with b.if_then(outside, likely=False):
            self.report(site, [(value, INT)])
        return value
