"""Reshaping NumPy arrays in generated code: reshape, ravel, flatten, transpose (a.T).

    b = a.reshape(2, -1)   fill = rt.np_reshape_fill(a.size, 2, -1, 2) ; fill < 0: raise NumPy's ValueError
                           b = rt.np_reshape(a, 2, 2, fill)   (-1 replaced by fill)

The runtime makes a view (`array_view`: it keeps the memory's owner alive) where NumPy does (a
C-contiguous array, or strides that NumPy's _attempt_nocopy_reshape finds), else a C-order copy;
ravel views a C-contiguous array and copies any other, flatten always copies, transpose is a
view with the axes reversed. A view in registers (`m[1:]`) becomes an object first, which the
result's `base` then keeps alive through its own.
"""

from __future__ import annotations

from llvmlite import ir

from jitcell.compiler import typed as T
from jitcell.compiler.types import INT, Array

from .host import LowererHost
from .numpy_calls import const

__all__ = ["ShapeLowering"]

_RUNTIME = {"ravel": "np_ravel", "flatten": "np_flatten", "transpose": "np_transpose"}


class ShapeLowering(LowererHost):
    """Mixed into the function lowerer (numpy_call in numpy_calls.py dispatches here)."""

    def numpy_shape(self, node: T.NumpyCall) -> ir.Value:
        b = self.b
        source = node.args[0]
        t = source.type
        assert isinstance(t, Array)
        if isinstance(source, T.ArrayView):  # a view that outlives this expression is an object
            a, owned = self.expr(source), True
        else:
            a, owned = self.array_operand(source)
        assert isinstance(a, ir.Value)
        if node.function != "reshape":
            function = _RUNTIME[node.function]
            if node.function == "transpose" and t.ndim > 2:
                function = "np_transpose_nd"
            result = self.allocated(self.runtime_object(function, a))
            self.done_with(a, owned, t)
            return result
        new = node.type
        assert isinstance(new, Array)
        shape_node = node.args[1]
        shape = self.expr(shape_node)
        self.loc = node.loc
        dims = [shape] if shape_node.type is INT else [b.extract_value(shape, axis) for axis in range(new.ndim)]
        size = self.header(a, "shape")
        for axis in range(1, t.ndim):
            size = b.mul(size, self.header(a, "shape", axis))
        operands = self.shape_operands(a, t) + [(v, INT) for v in [const(new.ndim), *dims]]
        if t.ndim > 2 or new.ndim > 2:  # the shape in memory (runtime/source_numpy_axes.py)
            fill = self.runtime("np_reshape_fill_nd", size, self.words_on_stack(dims), const(new.ndim))
            self.numpy_error(b.icmp_signed("<", fill, const(0)), "reshape", operands, node.loc)
            dims = [b.select(b.icmp_signed("==", d, const(-1)), fill, d) for d in dims]
            result = self.allocated(self.runtime_object("np_reshape_nd", a, const(new.ndim),
                                                        self.words_on_stack(dims)))
            self.done_with(a, owned, t)
            return result
        dims += [const(1)] * (2 - new.ndim)
        fill = self.runtime("np_reshape_fill", size, dims[0], dims[1], const(new.ndim))
        self.numpy_error(b.icmp_signed("<", fill, const(0)), "reshape", operands, node.loc)
        dims = [b.select(b.icmp_signed("==", d, const(-1)), fill, d) for d in dims]
        result = self.allocated(self.runtime_object("np_reshape", a, const(new.ndim), dims[0], dims[1]))
        self.done_with(a, owned, t)
        return result
