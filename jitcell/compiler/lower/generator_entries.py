"""Generator functions Python calls: a start entry, then next and close on the handle it gives.

    def countdown(n: int) -> Iterator[int]     i64  jitcell.def.countdown(i64 n)       the coroutine's handle
                                               i32  jitcell.gen.next.countdown(i64 h, ptr out)
                                               void jitcell.gen.close.countdown(i64 h)

The start entry is the ordinary export of the function (program.py's define_export) as if it
returned an int: it converts the arguments as any entry does, and the impl writes the handle of
the coroutine, suspended before its first statement (generators.py), where a result would go. Next
resumes it to its next yield: YIELDED with the item in *out, FINISHED, or FAILED with the
exception pending; close destroys it, releasing what the body holds (loader/bind.py calls it once
the generator is finished or no longer referenced). Python may resume a generator only while it
is suspended at a yield: bind.py calls next on nothing else.

Only generators whose parameters are numbers, bools or strs and whose items are numbers, bools,
strs, complexes or tuples of them are callable from Python for now: an array argument is a view on
the start entry's stack, which the suspended generator would outlive, and a list argument is
written back when the call returns, before the generator has run. An item is written to *out as a
function's result is written to memory (a str as its object, which Python takes).
"""

from __future__ import annotations

from dataclasses import replace

from llvmlite import ir

from jitcell import abi
from jitcell.compiler import typed as T
from jitcell.compiler.types import BOOL, COMPLEX, FLOAT, INT, STR, Generator, Tuple, Type

from .arith import I8, I32, I64
from .generators import YIELDED, Promise, destroy_generator

__all__ = ["callable_from_python", "starter", "define_generator_entries"]

_PTR = ir.PointerType()
PARAMS = (INT, FLOAT, BOOL, STR)


def _item(t: Type) -> bool:
    """An item Python can take: a number, bool, str, or a tuple of such (not a tuple[T, ...])."""
    return t in (INT, FLOAT, BOOL, STR, COMPLEX) or (isinstance(t, Tuple) and all(map(_item, t.items)))


def callable_from_python(fn: T.Function) -> bool:
    """Can Python call this generator function (its parameters and items, above)?"""
    returns = fn.signature.returns
    return isinstance(returns, Generator) and _item(returns.item) and \
        all(t in PARAMS for _, t in fn.signature.params)


def starter(fn: T.Function) -> T.Function:
    """The function as its start entry sees it: it returns the handle, an int."""
    return replace(fn, signature=replace(fn.signature, returns=INT))


def define_generator_entries(module: ir.Module, fn: T.Function) -> None:
    """`jitcell.gen.next.NAME` and `jitcell.gen.close.NAME`."""
    returns = fn.signature.returns
    assert isinstance(returns, Generator)
    item = returns.item
    resume = ir.Function(module, ir.FunctionType(I32, [I64, _PTR]), abi.generator_next_symbol(fn.name))
    b = ir.IRBuilder(resume.append_basic_block("entry"))
    promise = Promise(b, b.inttoptr(resume.args[0], _PTR), item)
    state = promise.resume(b)
    with b.if_then(b.icmp_signed("==", state, ir.Constant(I32, YIELDED))):
        value = promise.take(b)
        b.store(b.zext(value, I8) if item is BOOL else value, resume.args[1])
    b.ret(state)
    close = ir.Function(module, ir.FunctionType(ir.VoidType(), [I64]), abi.generator_close_symbol(fn.name))
    b = ir.IRBuilder(close.append_basic_block("entry"))
    destroy_generator(b, b.inttoptr(close.args[0], _PTR))
    b.ret_void()
