"""The native entry point of a function: CPython's vectorcall, with no Python frame in between.

    def add(n: int, x: float) -> float        define ptr @"jitcell.native.add"(ptr %self, ptr %args,
                                                                                 i64 %nargsf, ptr %kwnames)
                                       ->       two positional arguments, no keywords, n an exact int that
                                                fits in 64 bits, x an exact float: else the fallback;
                                                call the impl (a loop in it: the GIL released); box the float

The loader (loader/bind.py) stores its address in the JitFunction, where CPython's vectorcall
finds it. The CPython functions and objects it uses are one table per process (loader/load.py),
which the slot `jitcell.slot.native` points at. Anything it does not take exactly (keywords, a
bool or a NumPy integer for an int, an array of another dtype, a read-only or misaligned
array, an int beyond 64 bits) goes to the fallback, the generated Python wrapper (bind.py), with the
same arguments, so every message is the wrapper's.
"""

from __future__ import annotations

from llvmlite import ir

from jitcell import abi
from jitcell.compiler import typed as T
from jitcell.compiler.types import BOOL, FLOAT, INT, NONE, Array, Type
from jitcell.loader.load import OBJECT_OFFSETS, TABLE

from .arith import F64, I1, I32, I64, i64, llvm_type
from .arrays import boundary_arrays
from .elements import itemsize
from .host import ModuleHost

__all__ = ["covered", "define_native"]

_PTR = ir.PointerType()
_NUMBERS = (INT, FLOAT, BOOL)
_WRITEABLE = 0x400  # NPY_ARRAY_WRITEABLE
_ARGUMENTS_OFFSET = (1 << 63) - 1
_QUICK = ("llvm.", "jitcell.raise", "jitcell.release")
_FEW_BLOCKS = 200  # nargsf without PY_VECTORCALL_ARGUMENTS_OFFSET


def covered(sig: T.Signature) -> bool:
    """Numbers and arrays in, a number or None out: what the native entry converts itself (and no
    keyword-only parameter without a default, which a call without keywords never binds)."""
    return sig.returns in (*_NUMBERS, NONE) and all(t in _NUMBERS or isinstance(t, Array) for _, t in sig.params) \
        and len(sig.defaults) >= sig.keyword_only


class _Table:
    """The table's entries, each loaded where the entry needs it (the slot once, at the start)."""

    def __init__(self, owner: ModuleHost, b: ir.IRBuilder):
        self.b = b
        self.table = b.load(owner.slot("native"), typ=_PTR)

    def obj(self, name: str) -> ir.Value:
        where = self.b.gep(self.table, [i64(TABLE.index(f"obj.{name}"))], source_etype=_PTR)
        return self.b.load(where, typ=_PTR, name=name)

    def capi_call(self, b: ir.IRBuilder, name: str, ret: ir.Type, args: list[ir.Type], values: list) -> ir.Value:
        where = b.gep(self.table, [i64(TABLE.index(f"capi.{name}"))], source_etype=_PTR)
        return b.call(b.load(where, typ=ir.FunctionType(ret, args).as_pointer(), name=name), values)


def _at(b: ir.IRBuilder, obj: ir.Value, offset: str, typ: ir.Type) -> ir.Value:
    return b.load(b.gep(obj, [i64(OBJECT_OFFSETS[offset])], source_etype=ir.IntType(8)), typ=typ)


def define_native(owner: ModuleHost, fn: T.Function, impl: ir.Function, guarded: bool) -> None:
    sig = fn.signature
    entry = ir.Function(owner.module, ir.FunctionType(_PTR, [_PTR, _PTR, I64, _PTR]), abi.native_symbol(fn.name))
    self_, args, nargsf, kwnames = entry.args
    b = ir.IRBuilder(entry.append_basic_block("entry"))
    t = _Table(owner, b)
    fallback = entry.append_basic_block("fallback")
    with b.goto_block(fallback):
        target = _at(b, self_, "fallback", _PTR)
        b.ret(t.capi_call(b, "PyObject_Vectorcall", _PTR, [_PTR, _PTR, I64, _PTR], [target, args, nargsf, kwnames]))

    def check(ok: ir.Value) -> None:
        passed = entry.append_basic_block("checked")
        b.cbranch(ok, passed, fallback)
        b.position_at_end(passed)

    # positionally, as Python binds them: those after `*` never; the missing ones from their defaults
    count = len(sig.params)
    first_default = count - len(sig.defaults)
    nargs = b.and_(nargsf, i64(_ARGUMENTS_OFFSET))
    check(b.and_(b.icmp_unsigned("==", kwnames, ir.Constant(_PTR, None)),
                 b.and_(b.icmp_signed(">=", nargs, i64(first_default)),
                        b.icmp_signed("<=", nargs, i64(count - sig.keyword_only)))))
    values: list[ir.Value] = []
    arrays: list = []
    for index, (_, param) in enumerate(sig.params):
        if index >= count - sig.keyword_only:  # keyword-only: its default, since no keyword came
            values.append(_constant(param, sig.defaults[index - first_default]))
            continue
        if index < first_default:
            value = _argument(b, t, args, index, param, check, arrays)
        else:  # given, or its default
            given = b.icmp_signed(">", nargs, i64(index))
            with b.if_else(given) as (then, otherwise):
                with then:
                    taken = _argument(b, t, args, index, param, check, arrays)
                    taken_in = b.block
                with otherwise:
                    default = _constant(param, sig.defaults[index - first_default])
                    default_in = b.block
            value = b.phi(taken.type)
            value.add_incoming(taken, taken_in)
            value.add_incoming(default, default_in)
        values.append(value)
    views = iter(boundary_arrays(owner, b, fn, [n for n, _ in sig.params], arrays, _PTR))
    passed = [next(views) if isinstance(p, Array) else v for v, (_, p) in zip(values, sig.params, strict=True)]
    limits: list[ir.Value] = [ir.Constant(I32, 0), i64(0)]
    if guarded:  # the GIL is held here: read the limit directly
        limits = [t.capi_call(b, "Py_GetRecursionLimit", I32, [], []),
                  b.call(owner.runtime_function("stack_floor"), [])]
    release = not _straight(impl)  # a function that may take long lets other threads run meanwhile
    thread = t.capi_call(b, "PyEval_SaveThread", _PTR, [], []) if release else None
    result = None if sig.returns is NONE else _local(b, llvm_type(sig.returns))
    status = b.call(impl, [*([result] if result is not None else []), *limits, *passed])
    if thread is not None:
        t.capi_call(b, "PyEval_RestoreThread", ir.VoidType(), [_PTR], [thread])
    failed = entry.append_basic_block("failed")
    done = entry.append_basic_block("done")
    b.cbranch(b.icmp_signed("==", status, ir.Constant(I32, 0)), done, failed)
    b.position_at_end(failed)
    error = t.capi_call(b, "PyObject_CallNoArgs", _PTR, [_PTR], [t.obj("take_pending")])
    with b.if_then(b.icmp_unsigned("!=", error, ir.Constant(_PTR, None))):
        t.capi_call(b, "PyErr_SetObject", ir.VoidType(), [_PTR, _PTR], [_at(b, error, "type", _PTR), error])
        t.capi_call(b, "Py_DecRef", ir.VoidType(), [_PTR], [error])
    b.ret(ir.Constant(_PTR, None))
    b.position_at_end(done)
    b.ret(_box(b, t, sig.returns, result))


def _argument(b: ir.IRBuilder, t: _Table, args: ir.Value, index: int, param: Type, check, arrays: list) -> ir.Value:
    """Argument `index` as the impl takes it, if it is exactly of its type (else to the fallback); an
    array's incoming values go to `arrays`, its view is made later (a placeholder stands for it)."""
    a = b.load(b.gep(args, [i64(index)], source_etype=_PTR), typ=_PTR)
    kind = _at(b, a, "type", _PTR)
    if param is BOOL:
        true, false = t.obj("True"), t.obj("False")
        check(b.or_(b.icmp_unsigned("==", a, true), b.icmp_unsigned("==", a, false)))
        return b.icmp_unsigned("==", a, true)
    if param is FLOAT:
        check(b.icmp_unsigned("==", kind, t.obj("float")))
        return _at(b, a, "float_value", F64)
    if param is INT:
        check(b.icmp_unsigned("==", kind, t.obj("int")))
        overflow = _local(b, I32)
        value = t.capi_call(b, "PyLong_AsLongLongAndOverflow", I64, [_PTR, _PTR], [a, overflow])
        check(b.icmp_signed("==", b.load(overflow), ir.Constant(I32, 0)))
        return value
    assert isinstance(param, Array)
    arrays.append((index, param, _array(b, t, a, kind, param, check)))
    return ir.Constant(I1, 0)


def _local(b: ir.IRBuilder, typ: ir.Type) -> ir.Value:
    """A local variable, allocated in the entry block: there it is part of the frame (SROA promotes it
    to a register if its address does not escape), where elsewhere it would be a dynamic allocation,
    which LLVM's fast code generator leaves to its slow path (SelectionDAG)."""
    with b.goto_entry_block():
        return b.alloca(typ)


def _constant(param: Type, value: object) -> ir.Value:
    """A parameter's default (a number or a bool: covered() takes no other parameter types)."""
    return ir.Constant(llvm_type(param), value if param is not BOOL else int(bool(value)))


def _straight(impl: ir.Function) -> bool:
    """No loop and no call but to LLVM's intrinsics and the exception path: done in a moment, so
    the entry keeps the GIL (releasing and taking it back costs more than such a call)."""
    if len(impl.blocks) > _FEW_BLOCKS:  # (and the walk below stays shallow)
        return False
    edges = {block.name: [op.name for op in block.terminator.operands if isinstance(op, ir.Block)]
             for block in impl.blocks}
    for block in impl.blocks:
        for instruction in block.instructions:
            if isinstance(instruction, ir.CallInstr) and not (
                    isinstance(instruction.callee, ir.Function) and instruction.callee.name.startswith(_QUICK)):
                return False
    state: dict[str, int] = {}  # 1: on the path being walked, 2: done

    def cycle(name: str) -> bool:
        state[name] = 1
        for target in edges[name]:
            if state.get(target) == 1 or state.get(target) is None and cycle(target):
                return True
        state[name] = 2
        return False

    return not impl.blocks or not cycle(impl.blocks[0].name)


def _array(b: ir.IRBuilder, t: _Table, a: ir.Value, kind: ir.Value, array: Array, check) -> list[ir.Value]:
    """An exact ndarray of the array type's dtype and rank, writeable, its data and strides multiples of its item
    size: where its data address is, its shape and strides (as bind.py passes them)."""
    check(b.icmp_unsigned("==", kind, t.obj("ndarray")))
    check(b.and_(b.icmp_unsigned("==", _at(b, a, "array_descr", _PTR), t.obj(f"dtype.{array.dtype}")),
                 b.icmp_signed("==", _at(b, a, "array_ndim", I32), ir.Constant(I32, array.ndim))))
    check(b.icmp_unsigned("!=", b.and_(_at(b, a, "array_flags", I32), ir.Constant(I32, _WRITEABLE)),
                          ir.Constant(I32, 0)))
    shape, strides = _at(b, a, "array_shape", _PTR), _at(b, a, "array_strides", _PTR)
    dims = [b.load(b.gep(shape, [i64(axis)], source_etype=I64), typ=I64) for axis in range(array.ndim)]
    steps = [b.load(b.gep(strides, [i64(axis)], source_etype=I64), typ=I64) for axis in range(array.ndim)]
    where = b.gep(a, [i64(OBJECT_OFFSETS["array_data"])], source_etype=ir.IntType(8))
    bits = b.ptrtoint(b.load(where, typ=_PTR), I64)
    for step in steps:
        bits = b.or_(bits, step)
    check(b.icmp_unsigned("==", b.and_(bits, i64(itemsize(array) - 1)), i64(0)))
    return [where, *dims, *steps]


def _box(b: ir.IRBuilder, t: _Table, returns: Type, result: ir.Value | None) -> ir.Value:
    """The result as a new reference: int, float, True/False, None."""
    if returns is INT:
        return t.capi_call(b, "PyLong_FromLongLong", _PTR, [I64], [b.load(result, typ=I64)])
    if returns is FLOAT:
        return t.capi_call(b, "PyFloat_FromDouble", _PTR, [F64], [b.load(result, typ=F64)])
    value = t.obj("None") if returns is NONE else b.select(b.load(result, typ=I1), t.obj("True"), t.obj("False"))
    t.capi_call(b, "Py_IncRef", ir.VoidType(), [_PTR], [value])
    return value

