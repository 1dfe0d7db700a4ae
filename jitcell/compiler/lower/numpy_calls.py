"""NumPy's functions in generated code: dispatch, and creation (arange, linspace, full).

    np.arange(0.0, 1.0, 0.1)   n = rt.np_arange_length(0.0, 1.0, 0.1) ; n < 0: raise (NumPy builds it)
                               a = rt.np_arange_float(0.0, 0.1, n) ; null: MemoryError
    np.full((n, m), 7)         rt.array_make(2, shape on the stack, 8, 2, 7)  (every item set to the word)

The work is done by the runtime (runtime/source_numpy.py). What NumPy raises is checked here
first and raised through an `array_numpy` error site: Python then calls NumPy itself on arrays of
the same shapes (or the same arguments), so the exception and its text are NumPy's
(runtime/numpy_errors.py). Shapes and views are in shapes.py, reductions and dot in reductions.py.
"""

from __future__ import annotations

from llvmlite import ir

from jitcell.compiler import typed as T
from jitcell.compiler.types import INT, Array, Type

from .arith import I8, I64
from .elements import itemsize
from .host import LowererHost
from .views import VirtualView

__all__ = ["NumpyCallLowering", "RUNTIME_KIND"]

_PTR = ir.PointerType()
# the runtime's `kind` of each dtype (runtime/source_numpy.py reads every one)
RUNTIME_KIND = {"int64": 0, "float64": 1, "bool": 2, "complex128": 3, "int8": 4, "int16": 5, "int32": 6,
                "uint8": 7, "uint16": 8, "uint32": 9, "uint64": 10, "float32": 11}


def const(v: int) -> ir.Constant:
    return ir.Constant(I64, v)


class NumpyCallLowering(LowererHost):
    """Mixed into the function lowerer, beside ShapeLowering and ReductionLowering."""

    def numpy_call(self, node: T.NumpyCall) -> ir.Value:
        match node.function:
            case "arange":
                return self.numpy_arange(node)
            case "linspace":
                return self.numpy_linspace(node)
            case "full":
                return self.numpy_full(node)
            case "reshape" | "ravel" | "flatten" | "transpose":
                return self.numpy_shape(node)
            case "dot" | "matmul":
                return self.numpy_product(node)
            case "complex_astype":  # Python warns (runtime/callbacks.py), then the conversion runs
                self.loc = node.loc
                self.python_call("numpy.complex_warning", [], self.entry.alloca(I64, name="warned"))
                converted = node.args[0]
                assert isinstance(converted, T.ArrayMap)  # check/numpy_casts.py
                return self.array_map(converted)  # not held: expr() holds this call's value
        return self.numpy_reduction(node)

    def numpy_error(self, condition: ir.Value, op: str, operands: list[tuple[ir.Value, Type]], loc) -> None:
        """If `condition`: raise what NumPy raises for `op` on these operands (runtime/numpy_errors.py)."""
        site = self.site("array_numpy", loc, op=op, operands=[str(t) for _, t in operands])
        with self.b.if_then(condition, likely=False):
            self.report(site, operands)

    def shape_operands(self, a: ir.Value | VirtualView, t: Array) -> list[tuple[ir.Value, Type]]:
        """ndim, then the shape, of the operand of an array_numpy site (runtime/numpy_errors.py)."""
        dims = [self.header(a, "shape", axis) for axis in range(t.ndim)]
        return [(v, INT) for v in [const(t.ndim), *dims]]

    # ---- creation ---------------------------------------------------------------------

    def numpy_arange(self, node: T.NumpyCall) -> ir.Value:
        b = self.b
        start, stop, step = (self.expr(a) for a in node.args)
        self.loc = node.loc
        t = node.type
        assert isinstance(t, Array)
        operands = [(start, t.element), (stop, t.element), (step, t.element)]
        if t.element is INT:
            self.numpy_error(b.icmp_signed("==", step, const(0)), "arange", operands, node.loc)
            made = self.runtime("np_arange_int", start, stop, step)
            if t.dtype != "int64":  # NumPy's fill in the dtype: the int64 values wrapped
                made = self.runtime("np_items_as", made, const(RUNTIME_KIND[t.dtype]))
            return self.allocated(b.inttoptr(made, _PTR))
        length = self.runtime("np_arange_length", start, stop, step)
        self.numpy_error(b.icmp_signed("<", length, const(0)), "arange", operands, node.loc)
        function = "np_arange_float32" if t.dtype == "float32" else "np_arange_float"
        return self.allocated(self.runtime_object(function, start, step, length))

    def numpy_linspace(self, node: T.NumpyCall) -> ir.Value:
        start, stop, num, endpoint = (self.expr(a) for a in node.args)
        self.loc = node.loc
        self.numpy_error(self.b.icmp_signed("<", num, const(0)), "linspace", [(num, INT)], node.loc)
        return self.allocated(self.runtime_object("np_linspace", start, stop, num,
                                                    self.b.zext(endpoint, I8)))  # a bool argument is a byte

    def numpy_full(self, node: T.NumpyCall) -> ir.Value:
        """np.full(shape, v): the runtime's array_new with every item set to v's word."""
        b = self.b
        t = node.type
        assert isinstance(t, Array)
        shape_node, value_node = node.args
        shape = self.expr(shape_node)
        value = self.expr(value_node)
        self.loc = node.loc
        dims = [shape] if shape_node.type is INT else [b.extract_value(shape, axis) for axis in range(t.ndim)]
        word = self.element_word(value, t)
        obj = self.runtime("array_make", const(t.ndim), self.words_on_stack(dims), const(itemsize(t)), const(2), word)
        site = self.site("array_new", node.loc, ndim=t.ndim, dtype=t.dtype, operands=["int"] * t.ndim)
        with b.if_then(b.icmp_signed("==", obj, const(0)), likely=False):
            self.report(site, [(d, INT) for d in dims])
        return b.inttoptr(obj, _PTR)
