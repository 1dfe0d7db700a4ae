"""Function values at run time: the address of a function with the impl's ABI.

    integrate(sq, 0.0, 1.0)   ->  call @"jitcell.impl.integrate"(ptr %ret, ..., ptr @"jitcell.impl.sq", ...)
    f(x)  (f a Callable)      ->  %s = call i32 %f(ptr %ret, i32 %calls_left, i64 %stack_floor, double %x)

A function value is a pointer to `i32 (ptr ret, i32 calls_left, i64 stack_floor, params...)` (no
`ret` for a None result): a function of this cell is its impl, one of another cell the address its
slot `jitcell.slot.cell.NAME` holds (its `jitcell.call.NAME` thunk), one from Python what
loader/callables.py made (another library's thunk, or a ctypes callback into Python). A call through
one is an indirect call that checks the status like any call, and counts as a call that may recur
(program.py's `_calls`: the caller checks the depth). Where the value is known at compile time
(`integrate(sq, ...)` in the cell), LLVM's inliner, which favours a call site whose argument is a
constant function that the callee calls, inlines `integrate` and then `sq`, so the calls are
direct: measured for a callee of 300 calls through `f` at O2, and of 40 at O1 to O3
(tests/test_function_values.py checks a small one).
"""

from __future__ import annotations

from llvmlite import ir

from jitcell.compiler import typed as T
from jitcell.compiler.types import NONE, Function

from .arith import I32, I64, llvm_type
from .host import LowererHost

__all__ = ["CallableLowering", "function_type"]


def function_type(t: Function) -> ir.FunctionType:
    """The impl ABI a value of type `t` points at."""
    params = [I32, I64] + [llvm_type(p) for p in t.params]
    if t.result is not NONE:
        params.insert(0, ir.PointerType())
    return ir.FunctionType(I32, params)


class CallableLowering(LowererHost):
    """FunctionRef and CallValue: mixed into the function lowerer (program.py)."""

    calls_left: ir.Value  # the impl's own limits, passed on less one call (program.py)
    stack_floor: ir.Value

    def function_ref(self, node: T.FunctionRef) -> ir.Value:
        if not node.external:
            return self.owner.impl_of(node.function)
        return self.b.load(self.owner.slot(f"cell.{node.function}"), typ=ir.PointerType())

    def call_value(self, node: T.CallValue) -> ir.Value | None:
        assert isinstance(node.callee.type, Function)
        callee = self.expr(node.callee)
        values = [self.expr(a) for a in node.args]
        held = self.entry.alloca(ir.PointerType())  # read back typed, so llvmlite knows what it calls
        self.b.store(callee, held)
        pointer = self.b.load(held, typ=function_type(node.callee.type).as_pointer())
        limits = [self.b.sub(self.calls_left, ir.Constant(I32, 1)), self.stack_floor]
        self.loc = node.loc
        if node.type is NONE:
            self.propagate(self.b.call(pointer, [*limits, *values]))
            result = None
        else:
            memory = self.entry.alloca(llvm_type(node.type))
            self.propagate(self.b.call(pointer, [memory, *limits, *values]))
            result = self.b.load(memory)
        for value, arg in reversed(list(zip(values, node.args, strict=True))):
            self.drop(value, arg.type)  # arguments are lent to the callee
        return result
