"""NumPy reductions and products in generated code: sum, prod, min, max, mean, argmin, argmax, dot, @.

    np.sum(a)         s = rt.np_sum_float(header of a, kind 1)          (NumPy's pairwise sum)
    m.max(axis=0)     m.shape[0] == 0: raise NumPy's ValueError
                      r = rt.np_reduce_axis(m, 0, 3, kind, out kind)    (a new 1-D array)
    a @ b             rt.np_dot_aligned(a, b) == 0: raise NumPy's ValueError ; rt.np_dot(a, b, 1, ndim)

The runtime walks the elements (runtime/source_numpy.py); a view in registers is passed as a header
on the stack. A float sum adds in NumPy's order (pairwise along the inner loop), so its bits are
NumPy's; int sums and products wrap as NumPy's int64 do. Float dot and @ add the products in
order: NumPy calls BLAS, whose order (and fused multiply-adds) may differ in the last bits.
"""

from __future__ import annotations

from llvmlite import ir

from jitcell.compiler import typed as T
from jitcell.compiler.types import BOOL, COMPLEX, FLOAT, INT, Array

from .arith import F64, I64
from .elementwise import narrowed
from .host import LowererHost
from .numpy_calls import RUNTIME_KIND, const

__all__ = ["ReductionLowering"]

_OPS = {"sum": 0, "prod": 1, "min": 2, "max": 3, "argmin": 4, "argmax": 5, "mean": 6}
_NO_IDENTITY = ("min", "max", "argmin", "argmax")  # of an empty array: NumPy's ValueError


class ReductionLowering(LowererHost):
    """Mixed into the function lowerer (numpy_call in numpy_calls.py dispatches here)."""

    def numpy_reduction(self, node: T.NumpyCall) -> ir.Value:
        b = self.b
        source = node.args[0]
        t = source.type
        assert isinstance(t, Array)
        a, owned = self.array_operand(source)
        self.loc = node.loc
        obj = self.header_object(a, t)
        kind = const(RUNTIME_KIND[t.dtype])
        name = node.function
        dims = [self.header(a, "shape", axis) for axis in range(t.ndim)]
        operands = self.shape_operands(a, t) + [(const(-1 if node.axis is None else node.axis), INT)]
        if node.axis is not None:
            if name in _NO_IDENTITY:  # the reduced axis is empty (even if the result would be too)
                self.numpy_error(b.icmp_signed("==", dims[node.axis], const(0)), name, operands, node.loc)
            out = node.type
            assert isinstance(out, Array)
            if t.element is COMPLEX and name in ("sum", "mean"):
                mean = ir.Constant(ir.IntType(8), int(name == "mean"))
                result = self.allocated(self.runtime_object("np_csum_axis", obj, const(node.axis), mean))
            elif t.element is COMPLEX:  # runtime/source_numpy_complex.py
                result = self.allocated(self.runtime_object("np_creduce_axis", obj, const(node.axis),
                                                            const(_OPS[name])))
            else:
                function = "np_reduce_axis" if t.ndim == 2 else "np_reduce_axis_nd"
                result = self.allocated(self.runtime_object(function, obj, const(node.axis),
                                                            const(_OPS[name]), kind, const(RUNTIME_KIND[out.dtype])))
            self.done_with(a, owned, t)
            return result
        if name in _NO_IDENTITY:
            size = dims[0]
            for d in dims[1:]:
                size = b.mul(size, d)
            self.numpy_error(b.icmp_signed("==", size, const(0)), name, operands, node.loc)
        value = self.whole_reduction(name, obj, t, kind, dims)
        if t.dtype.startswith("uint") and name in ("sum", "prod"):  # a uint64 beyond jitcell's int
            site = self.site("array_read", node.loc, dtype="uint64", operands=["int"])
            with b.if_then(b.icmp_signed("<", value, ir.Constant(I64, 0)), likely=False):
                self.report(site, [(value, INT)])
        self.done_with(a, owned, t)
        return value

    def whole_reduction(self, name: str, obj: ir.Value, t: Array, kind: ir.Value, dims: list[ir.Value]) -> ir.Value:
        b = self.b
        if t.element is COMPLEX and name in ("argmin", "argmax"):
            return self.runtime("np_carg", obj, const(_OPS[name]))
        if t.element is COMPLEX and name not in ("sum", "mean"):  # prod, min, max: written in two doubles
            out = self.entry.alloca(ir.LiteralStructType([F64, F64]), name="reduced")
            self.runtime("np_creduce", obj, const(_OPS[name]), b.ptrtoint(out, I64))
            return b.load(out)
        if t.element is COMPLEX:  # sum or mean: each part summed as NumPy sums it
            re, im = (self.runtime("np_csum", obj, const(part)) for part in (0, 8))
            if name == "mean":  # NumPy divides by the count as a complex: Smith's division by (n + 0j)
                zero = ir.Constant(F64, 0.0)
                size = dims[0]
                for d in dims[1:]:
                    size = b.mul(size, d)
                scale = b.fdiv(ir.Constant(F64, 1.0), b.sitofp(size, F64))
                re, im = (b.fmul(b.fadd(re, b.fmul(im, zero)), scale), b.fmul(b.fsub(im, b.fmul(re, zero)), scale))
            whole = ir.Constant(ir.LiteralStructType([F64, F64]), None)
            return b.insert_value(b.insert_value(whole, re, 0), im, 1)
        nd = t.ndim > 2  # runtime/source_numpy_axes.py walks more axes than rows x columns
        if name in ("argmin", "argmax"):
            return self.runtime("np_arg_nd" if nd else "np_arg", obj, kind, const(_OPS[name]))
        if name == "mean":
            size = dims[0]
            for d in dims[1:]:
                size = b.mul(size, d)
            total = self.runtime("np_sum_nd" if nd else "np_sum_float", obj, kind)
            if t.dtype == "float32":  # NumPy divides the float32 sum by the count as a float32
                return _round32(b, b.fdiv(total, _round32(b, b.sitofp(size, F64))))
            return b.fdiv(total, b.sitofp(size, F64))
        if t.element is FLOAT:
            if name == "sum":
                return self.runtime("np_sum_nd" if nd else "np_sum_float", obj, kind)
            return self.runtime("np_reduce_float_nd" if nd else "np_reduce_float", obj, const(_OPS[name]), kind)
        value = self.runtime("np_reduce_int_nd" if nd else "np_reduce_int", obj, kind, const(_OPS[name]))
        if t.element is BOOL and name in ("min", "max"):
            return b.icmp_signed("!=", value, const(0))
        return value

    # ---- dot, matmul, @ ----------------------------------------------------------------

    def numpy_product(self, node: T.NumpyCall) -> ir.Value:
        b = self.b
        left, right = node.args
        lt, rt = left.type, right.type
        assert isinstance(lt, Array) and isinstance(rt, Array)
        a, a_owned = self.array_operand(left)
        c, c_owned = self.array_operand(right)
        self.loc = node.loc
        x, y = self.header_object(a, lt), self.header_object(c, rt)
        aligned = self.runtime("np_dot_aligned", x, y)
        operands = self.shape_operands(a, lt) + self.shape_operands(c, rt)
        self.numpy_error(b.icmp_signed("==", b.zext(aligned, ir.IntType(64)), const(0)), node.function, operands,
                         node.loc)
        kind = const(RUNTIME_KIND[lt.dtype])
        if isinstance(node.type, Array):
            result = self.allocated(self.runtime_object("np_dot", x, y, kind, const(node.type.ndim)))
        elif lt.element is FLOAT:
            result = self.runtime("np_vdot_float", x, y, kind)
        else:  # NumPy's dot adds in 64 bits and stores the sum as the dtype: wrapped
            result = narrowed(b, self.runtime("np_vdot_int", x, y, kind), lt.dtype)
            if lt.dtype == "uint64":
                site = self.site("array_read", node.loc, dtype="uint64", operands=["int"])
                with b.if_then(b.icmp_signed("<", result, ir.Constant(I64, 0)), likely=False):
                    self.report(site, [(result, INT)])
        self.done_with(c, c_owned, rt)
        self.done_with(a, a_owned, lt)
        return result


def _round32(b: ir.IRBuilder, x: ir.Value) -> ir.Value:
    return b.fpext(b.fptrunc(x, ir.FloatType()), F64)
