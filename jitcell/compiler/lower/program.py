"""lower: `typed.Program` -> `llvmlite.ir.Module`, plus the slots and error sites it uses.

    def half(n: int) -> int:         define internal i32 @"jitcell.impl.half"(ptr %ret, i32 %calls_left,
        return n // 2          ->                                   i64 %stack_floor, i64 %n) {
                                       ... sdiv/srem with Python's floor rounding ...
                                       store i64 %q, ptr %ret ; ret i32 0 }
                                     define i64 @"jitcell.def.half"(i64 %n)   ; exported

Every compiled function returns a status (0: done, 1: a Python exception is pending)
and writes its value through `ret`; the exported entry point returns the value itself.
Runaway recursion raises RecursionError instead of overflowing the native stack: each
call passes on how many more nested calls are allowed (`calls_left`, from
sys.getrecursionlimit() at the entry point) and the lowest stack address the thread may
use (`stack_floor`, from the runtime's stack_floor(): the thread's stack bounds less a
margin); a recursive function checks both on entry.
Addresses from the running process are reached
only through slots: `@"jitcell.slot.print"` and `@"jitcell.slot.raise"` are globals
initialized with this session's callback addresses; `load` patches them after every
`dlopen`. A site (print call, failing check) is a small integer: its details (line,
operation, operand types) go into the manifest, and Python reads them from there.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from llvmlite import ir

from jitcell import abi
from jitcell.compiler import typed as T
from jitcell.compiler.internal import lower_intrinsic
from jitcell.compiler.types import (
    BOOL,
    COMPLEX,
    FLOAT,
    INT,
    NONE,
    STR,
    Array,
    Dict,
    Generator,
    List,
    Optional,
    Set,
    Tuple,
    Type,
    arrays_inside,
    has_heap_parts,
)
from jitcell.errors import Loc
from jitcell.loader import load
from jitcell.runtime.callbacks import SIGNAL_SITE
from jitcell.runtime.interrupts import CHUNK

from . import native
from .arith import F64, I1, I8, I32, I64, Arith, i64, llvm_type
from .array_exprs import ArrayExprLowering
from .arrays import ArrayLowering, BoundaryArray, boundary_arrays, boundary_result, boundary_tuple_result, export_params
from .callables import CallableLowering
from .classes import ClassLowering, is_instance
from .complexes import ComplexLowering, complex_constant
from .dicts import DictLowering
from .exceptions import ExceptionLowering, Frame
from .generator_entries import callable_from_python, define_generator_entries, starter
from .generators import Coroutine
from .heap import HeapLowering, runtime_signature, str_literal_global
from .ifconvert import conditional_accumulation, lower_conditional_accumulation
from .inheritance import InheritanceLowering
from .items import equal_values
from .iteration import IterationLowering
from .locations import DebugLocations, LoopNote, LoweringNotes
from .numpy_calls import NumpyCallLowering
from .optional import OptionalLowering, none_of
from .parallel import ParallelLowering
from .powers import int_powmod
from .randoms import RandomLowering
from .ranges import lower_range
from .reductions import ReductionLowering
from .sets import SetLowering
from .shapes import ShapeLowering
from .strings import StringOpLowering
from .vartuples import VarTupleLowering
from .views import ViewLowering

_PTR = ir.PointerType()

__all__ = ["lower", "Lowered", "SlotUse"]

_SPECIAL_FAILURES = frozenset({"negative_power", "recursion"})


@dataclass(frozen=True, slots=True)
class SlotUse:
    symbol: str
    target: str
    baked: int


@dataclass
class Lowered:
    module: ir.Module
    sites: list[dict]
    slots: list[SlotUse]
    notes: LoweringNotes | None = None  # with locations=True: what annotation needs (locations.py)


class _SlotGlobal(ir.GlobalVariable):
    """A slot: `externally_initialized`, so the optimizer never folds its initial value
    into the code, while unused slots (internal until optimized) can still be deleted."""

    def descr(self, buf):
        text: list[str] = []
        super().descr(text)
        buf.append("".join(text).replace(" global ", " externally_initialized global ", 1))


def lower(program: T.Program, *, tag: int, wraparound: bool, loop_versioning: bool = True,
          address_of: Callable[[str], int] = load.address_of, cell_entries: bool = True,
          interrupt_checks: bool = True, boundscheck: bool = True, internal: bool = False,
          locations: bool = False) -> Lowered:
    """`cell_entries`: export each function's internal-ABI entry for other cells (`jitcell.call.NAME`).
    `internal`: the runtime library, whose recursion (releasing a dict releases its strs) is bounded by
    how objects nest: no recursion checks, and the runtime functions compiled code calls are its own.
    `locations`: source locations and notes for annotation (locations.py); never in a build."""
    lowerer = _ModuleLowerer(program, tag, wraparound, loop_versioning, address_of)
    if locations:
        lowerer.debug, lowerer.notes = DebugLocations(lowerer.module), LoweringNotes()
    lowerer.internal = internal
    lowerer.interrupt_checks = interrupt_checks  # loops notice SIGINT (interrupts.py)
    lowerer.cell_entries = cell_entries
    lowerer.boundscheck = boundscheck  # array indices are checked (lower/arrays.py)
    # a loop's guard proves indices in range: the fast copy needs neither checks nor negative-index wraps
    lowerer.bounds_versioning = loop_versioning
    return lowerer.run()


class _ModuleLowerer:
    interrupt_checks = True  # loops check for SIGINT (interrupts.py)
    cell_entries = True  # export jitcell.call.NAME entries (not for the runtime library)
    internal = False  # the runtime library itself (no recursion checks)
    boundscheck = True  # array indices out of range raise IndexError
    bounds_versioning = True
    debug: DebugLocations | None = None  # source locations in the code (annotation only)
    notes: LoweringNotes | None = None

    def __init__(self, program: T.Program, tag: int, wraparound: bool, loop_versioning: bool,
                 address_of: Callable[[str], int]):
        self.program = program
        self.tag = tag
        self.wraparound = wraparound
        self.loop_versioning = loop_versioning and not wraparound  # wraparound has no checks to remove
        self.address_of = address_of
        self.module = ir.Module(name="cell")
        self.sites: list[dict] = []
        self.slot_uses: dict[str, SlotUse] = {}
        self.slot_globals: dict[str, ir.GlobalVariable] = {}
        self.impls: dict[str, ir.Function] = {}
        self.strings: dict[str, ir.GlobalVariable] = {}

    def run(self) -> Lowered:
        for name, t in self.program.variables.items():  # storage, found by the loader (load.py)
            storage = ir.GlobalVariable(self.module, llvm_type(t), abi.var_symbol(name))
            storage.initializer = ir.Constant(llvm_type(t), None)
        calls = _calls(self.program)
        self.recursive = _recursive_functions(calls) if not self.internal else set()
        self.guarded = _reaching(calls, self.recursive)  # their entry points read the limits
        self.unbounded = _unbounded_functions(calls, self.recursive)
        for fn in self.program.functions:
            self.impls[fn.name] = self.declare_impl(fn)
        for fn in self.program.functions:
            _FunctionLowerer(self, fn).run()
            if isinstance(fn.signature.returns, Generator):  # no entry for other cells
                if self.cell_entries and callable_from_python(fn):  # Python walks it (generator_entries.py)
                    self.define_export(starter(fn))
                    define_generator_entries(self.module, fn)
                continue
            self.define_export(fn)
            if self.cell_entries and fn.name != abi.SCRIPT_FUNCTION:  # no other cell calls a kernel cell's top level
                self.define_cell_entry(fn)  # nor does CPython: it runs once a run (through its export)
                if native.covered(fn.signature):  # CPython calls it directly (loader/bind.py)
                    native.define_native(self, fn, self.impls[fn.name], fn.name in self.guarded)
        return Lowered(self.module, self.sites, list(self.slot_uses.values()), self.notes)

    # ---- functions -----------------------------------------------------------------

    def declare_impl(self, fn: T.Function) -> ir.Function:
        """`i32 impl([ptr ret,] i32 calls_left, i64 stack_floor, params...)`: how many more nested
        calls are allowed, and the lowest stack address this thread may use (recursive functions
        check both)."""
        params = [I32, I64] + [llvm_type(t) for _, t in fn.signature.params]
        if fn.signature.returns is not NONE:
            params.insert(0, ir.PointerType())
        impl = ir.Function(self.module, ir.FunctionType(I32, params), f"jitcell.impl.{fn.name}")
        impl.linkage = "internal"
        return impl

    def define_export(self, fn: T.Function) -> None:
        """The C-ABI entry point: returns the value itself (bools as a byte, a str as its
        object, owned by the caller). On an error it returns zero; the caller learns of the
        error from the pending Python exception. A str argument arrives as UTF-8 bytes and
        their length, and lives as an object for the duration of the call."""
        sig = fn.signature
        leaves = [(f"{name}{''.join(f'[{i}]' for i in path)}", t) for name, whole in sig.params
                  for path, t in _leaves(whole)]  # a tuple parameter arrives as its items (bind.py)
        params: list[ir.Type] = []
        for _, t in leaves:
            if t is STR or t == Optional(STR):
                params += [ir.PointerType(), I64]
            elif isinstance(t, Array):
                params += export_params(t)
            elif t is COMPLEX:
                params += [F64, F64]
            elif isinstance(t, Optional) and not has_heap_parts(t):  # present (a byte), value
                params += [I8, I8 if t.inner is BOOL else llvm_type(t.inner)]
            else:
                params.append(I8 if t is BOOL else llvm_type(t))
        # written where the wrapper says: C returns larger structs in memory, and `n: int | None` goes back
        # as {i8 present, value} there too
        through_memory = isinstance(sig.returns, Tuple) or sig.returns is COMPLEX or (
            isinstance(sig.returns, Optional) and not has_heap_parts(sig.returns))
        if through_memory:
            params.append(ir.PointerType())
        returns = (ir.VoidType() if sig.returns is NONE or through_memory
                   else I8 if sig.returns is BOOL else llvm_type(sig.returns))
        export = ir.Function(self.module, ir.FunctionType(returns, params), abi.function_symbol(fn.name))
        b = ir.IRBuilder(export.append_basic_block("entry"))
        self.locate(b, export, fn)
        incoming = iter(export.args)
        args: list[ir.Value | None] = []  # None: an array's view, filled in below
        objects: list[ir.Value] = []
        containers: list[ir.Value] = []  # list and dict arguments holding arrays, reflected after the call
        arrays: list[BoundaryArray] = []
        no_memory = None
        for index, (_, t) in enumerate(leaves):
            a = next(incoming)
            if isinstance(t, Array):  # data, shape, strides: a view for the call (lower/arrays.py)
                arrays.append((index, t, [a] + [next(incoming) for _ in range(2 * t.ndim)]))
                args.append(None)
            elif t is STR or t == Optional(STR):  # `s: str | None`: a null address is None
                length = next(incoming)
                slot = None if t is STR else b.alloca(_PTR)
                if slot is not None:
                    b.store(ir.Constant(_PTR, None), slot)
                with b.if_then(b.icmp_unsigned("!=", a, ir.Constant(_PTR, None))) if slot is not None \
                        else contextlib.nullcontext():
                    text = b.call(self.runtime_function("str_from_utf8"), [b.ptrtoint(a, I64), length])
                    if no_memory is None:
                        no_memory = self.site("no_memory", fn.loc, fn.name, operands=[])
                    with b.if_then(b.icmp_signed("==", text, i64(0)), likely=False):  # MemoryError
                        b.call(self.callback("raise", ir.VoidType()), [ir.Constant(I32, no_memory),
                                                                      ir.Constant(ir.PointerType(), None)])
                        for obj in objects:
                            b.call(self.release_function(), [obj])
                        b.ret_void() if isinstance(returns, ir.VoidType) else b.ret(ir.Constant(returns, None))
                    obj = b.inttoptr(text, ir.PointerType())
                    if slot is not None:
                        b.store(obj, slot)
                objects.append(obj if slot is None else b.load(slot))
                args.append(objects[-1])
            elif isinstance(t, Optional) and not has_heap_parts(t):  # present (a byte), value
                value = next(incoming)
                if t.inner is BOOL:
                    value = b.icmp_unsigned("!=", value, ir.Constant(I8, 0))
                pair = b.insert_value(none_of(t), b.icmp_unsigned("!=", a, ir.Constant(I8, 0)), 0)
                args.append(b.insert_value(pair, value, 1))
            elif t is COMPLEX:  # its real and imaginary parts
                pair = b.insert_value(ir.Constant(llvm_type(t), None), a, 0)
                args.append(b.insert_value(pair, next(incoming), 1))
            else:
                args.append(b.icmp_unsigned("!=", a, ir.Constant(I8, 0)) if t is BOOL else a)
                if isinstance(t, (List, Dict)) and arrays_inside(t):
                    containers.append(a)
        views = boundary_arrays(self, b, fn, [name for name, _ in leaves], arrays, returns)  # never released
        remaining = iter(views)
        flat = iter([next(remaining) if a is None else a for a in args])
        args = [_assemble(b, t, flat) for _, t in sig.params]
        limits = self.call_limits(b) if fn.name in self.guarded else [ir.Constant(I32, 0), i64(0)]
        if sig.returns is NONE:
            b.call(self.impls[fn.name], [*limits, *args])
        elif through_memory:  # the impl writes the result there
            if arrays and isinstance(sig.returns, Tuple) and any(isinstance(item, Array) for item in sig.returns.items):
                b.store(ir.Constant(llvm_type(sig.returns), None), export.args[-1])  # read below even on an error
            status = b.call(self.impls[fn.name], [export.args[-1], *limits, *args])
            if isinstance(sig.returns, Tuple):
                boundary_tuple_result(b, export.args[-1], sig.returns, views, arrays)
        else:
            result = b.alloca(llvm_type(sig.returns))
            if arrays and isinstance(sig.returns, Array):
                b.store(ir.Constant(llvm_type(sig.returns), None), result)  # read below even on an error
            status = b.call(self.impls[fn.name], [result, *limits, *args])
            value = boundary_result(b, b.load(result), sig.returns, views, arrays)
            if views and isinstance(sig.returns, (List, Dict)) and arrays_inside(sig.returns):
                self.detach_views(b, fn, value, status, views, objects, returns)
            if sig.returns is BOOL:
                value = b.zext(value, I8)
            value = b.select(b.icmp_signed("==", status, ir.Constant(I32, 0)), value, ir.Constant(returns, None))
        if views and containers:
            self.detach_arguments(b, fn, views, containers)
        for obj in objects:
            b.call(self.release_function(), [obj])
        b.ret_void() if isinstance(returns, ir.VoidType) else b.ret(value)

    def detach_arguments(self, b: ir.IRBuilder, fn: T.Function, views: list[ir.Value],
                         containers: list[ir.Value]) -> None:
        """List and dict arguments holding arrays, which the wrapper writes back after the call (or its
        error): the arrays that live on this frame move off it, as for a list result (detach_views);
        out of memory, MemoryError."""
        table = b.alloca(ir.ArrayType(ir.PointerType(), len(views)))
        for k, view in enumerate(views):
            b.store(view, b.gep(table, [ir.Constant(I32, 0), ir.Constant(I32, k)]))
        site = None
        for obj in containers:
            moved = b.call(self.runtime_function("obj_detach_views"),
                           [b.ptrtoint(obj, I64), b.ptrtoint(table, I64), i64(len(views))])
            with b.if_then(b.icmp_unsigned("==", moved, ir.Constant(moved.type, 0)), likely=False):
                site = site if site is not None else self.site("no_memory", fn.loc, fn.name, operands=[])
                b.call(self.callback("raise", ir.VoidType()),
                       [ir.Constant(I32, site), ir.Constant(ir.PointerType(), None)])

    def detach_views(self, b: ir.IRBuilder, fn: T.Function, value: ir.Value, status: ir.Value,
                     views: list[ir.Value], objects: list[ir.Value], returns: ir.Type) -> None:
        """A list or dict result holding arrays: the arrays that live on this frame move off it (the
        runtime's obj_detach_views); out of memory, MemoryError and the result released."""
        table = b.alloca(ir.ArrayType(ir.PointerType(), len(views)))
        for k, view in enumerate(views):
            b.store(view, b.gep(table, [ir.Constant(I32, 0), ir.Constant(I32, k)]))
        done = b.icmp_signed("==", status, ir.Constant(I32, 0))
        with b.if_then(done):
            moved = b.call(self.runtime_function("obj_detach_views"),
                           [b.ptrtoint(value, I64), b.ptrtoint(table, I64), i64(len(views))])
            with b.if_then(b.icmp_unsigned("==", moved, ir.Constant(moved.type, 0)), likely=False):
                site = self.site("no_memory", fn.loc, fn.name, operands=[])
                b.call(self.callback("raise", ir.VoidType()),
                       [ir.Constant(I32, site), ir.Constant(ir.PointerType(), None)])
                for obj in [value, *objects]:
                    b.call(self.release_function(), [obj])
                b.ret(ir.Constant(returns, None))

    def call_limits(self, b: ir.IRBuilder) -> list[ir.Value]:
        """At an entry point: the calls allowed, sys.getrecursionlimit() (read under the GIL, which
        ctypes released), and this thread's stack floor (the runtime caches it per thread)."""
        gil = self.capi_call(b, "PyGILState_Ensure", I32, [], [])
        limit = self.capi_call(b, "Py_GetRecursionLimit", I32, [], [])
        self.capi_call(b, "PyGILState_Release", ir.VoidType(), [I32], [gil])
        return [limit, b.call(self.runtime_function("stack_floor"), [])]

    def define_cell_entry(self, fn: T.Function) -> None:
        """`jitcell.call.NAME` (exported): the impl's own ABI, for other cells' "cell.NAME" slots.
        A thunk, so that the impl stays internal and keeps the optimizer's freedom inside the cell."""
        impl = self.impls[fn.name]
        entry = ir.Function(self.module, impl.function_type, abi.call_symbol(fn.name))
        b = ir.IRBuilder(entry.append_basic_block("entry"))
        self.locate(b, entry, fn)
        b.ret(b.call(impl, list(entry.args)))

    def locate(self, b: ir.IRBuilder, function: ir.Function, fn: T.Function) -> ir.DIValue | None:
        """With locations: `function` gets a subprogram at fn's def, and `b` puts that line on its code."""
        if self.debug is None:
            return None
        scope = self.debug.subprogram(function, fn.name, fn.loc)
        b.debug_metadata = self.debug.at(fn.loc, scope)
        return scope

    def impl_of(self, name: str) -> ir.Function:
        return self.impls[name]

    def callee(self, node: T.CallCell) -> ir.Function:
        """What a call calls: the impl of a function of this cell, or for a function of another
        cell `jitcell.callee.NAME`, which calls through the slot `jitcell.slot.cell.NAME`."""
        if not node.external:
            return self.impls[node.function]
        symbol = f"jitcell.callee.{node.function}"
        fn = self.module.globals.get(symbol)
        if fn is not None:
            return fn
        params = [I32, I64] + [llvm_type(a.type) for a in node.args]
        if node.type is not NONE:
            params.insert(0, ir.PointerType())
        fn = ir.Function(self.module, ir.FunctionType(I32, params), symbol)
        fn.linkage = "internal"
        b = ir.IRBuilder(fn.append_basic_block("entry"))
        pointer = b.load(self.slot(f"cell.{node.function}"), typ=fn.function_type.as_pointer())
        b.ret(b.call(pointer, list(fn.args)))
        return fn

    # ---- the runtime library, strings ---------------------------------------------------

    def runtime_function(self, name: str) -> ir.Function:
        """`jitcell.rt.NAME`: calls the runtime library's NAME through its slot."""
        symbol = f"jitcell.rt.{name}"
        fn = self.module.globals.get(symbol)
        if fn is not None:
            return fn
        from jitcell import runtime

        info = next(f for f in runtime.library().manifest["functions"] if f["name"] == name)
        fn = ir.Function(self.module, runtime_signature(info), symbol)
        fn.linkage = "internal"
        b = ir.IRBuilder(fn.append_basic_block("entry"))
        pointer = b.load(self.slot(f"rt.{name}"), typ=fn.function_type.as_pointer())
        result = b.call(pointer, list(fn.args))
        b.ret_void() if isinstance(fn.function_type.return_type, ir.VoidType) else b.ret(result)
        return fn

    def release_function(self) -> ir.Function:
        """`void jitcell.release(ptr object)`: one reference less; destroyed at zero; null: nothing."""
        fn = self.module.globals.get("jitcell.release")
        if fn is not None:
            return fn
        fn = ir.Function(self.module, ir.FunctionType(ir.VoidType(), [ir.PointerType()]), "jitcell.release")
        fn.linkage = "internal"
        b = ir.IRBuilder(fn.append_basic_block("entry"))
        (obj,) = fn.args
        with b.if_then(b.icmp_unsigned("!=", obj, ir.Constant(ir.PointerType(), None))):
            old = b.load(obj, typ=I64)
            count = b.sub(old, i64(1))
            store = b.store(count, obj)
            with b.if_then(b.icmp_signed("==", count, i64(0)), likely=False):
                destroy = b.call(self.runtime_function("obj_destroy"), [b.ptrtoint(obj, I64)])
        if self.debug is not None:  # inlined, these take the location of the call (annotation)
            self.debug.mark_refcount(old, count, store, destroy)
        b.ret_void()
        return fn

    def str_literal(self, text: str) -> ir.Value:
        g = self.strings.get(text)
        if g is None:
            g = self.strings[text] = str_literal_global(self.module, text, len(self.strings))
        return g.ptrtoint(I64).inttoptr(ir.PointerType())  # an object like any other: an opaque pointer

    def float_repr_function(self) -> ir.Function:
        """`ptr jitcell.float_repr(double)`: repr(x) as a new str object, by CPython's own
        PyOS_double_to_string(x, 'r', 0, Py_DTSF_ADD_DOT_0) under the GIL; null if out of memory."""
        fn = self.module.globals.get("jitcell.float_repr")
        if fn is not None:
            return fn
        ptr, i32 = ir.PointerType(), ir.IntType(32)
        fn = ir.Function(self.module, ir.FunctionType(ptr, [ir.DoubleType()]), "jitcell.float_repr")
        fn.linkage = "internal"
        b = ir.IRBuilder(fn.append_basic_block("entry"))

        def capi(name, ret, args, values):
            pointer = b.load(self.slot(f"capi.{name}"), typ=ir.FunctionType(ret, args).as_pointer())
            return b.call(pointer, values)

        gil = capi("PyGILState_Ensure", i32, [], [])
        text = capi("PyOS_double_to_string", ptr, [ir.DoubleType(), ir.IntType(8), i32, i32, ptr],
                    [fn.args[0], ir.Constant(ir.IntType(8), ord("r")), ir.Constant(i32, 0), ir.Constant(i32, 2),
                     ir.Constant(ptr, None)])
        with b.if_then(b.icmp_unsigned("==", text, ir.Constant(ptr, None)), likely=False):
            capi("PyErr_Clear", ir.VoidType(), [], [])  # its MemoryError: the caller raises one
            capi("PyGILState_Release", ir.VoidType(), [i32], [gil])
            b.ret(ir.Constant(ptr, None))
        obj = b.call(self.runtime_function("str_from_c_string"), [b.ptrtoint(text, I64)])
        capi("PyMem_Free", ir.VoidType(), [ptr], [text])
        capi("PyGILState_Release", ir.VoidType(), [i32], [gil])
        b.ret(b.inttoptr(obj, ptr))
        return fn

    def format_callback(self, target: str = "format") -> ir.Function:
        """`i32 jitcell.format(i32 site, ptr values, ptr out)`: Python's format() through a slot.
        `jitcell.exception` (target "exception"), the same shape, catches and ends the handling of
        exceptions (lower/exceptions.py): it runs no signal handlers first, its result is no status."""
        fn = self.module.globals.get(f"jitcell.{target}")
        if fn is not None:
            return fn
        ptr = ir.PointerType()
        fn = ir.Function(self.module, ir.FunctionType(I32, [I32, ptr, ptr]), f"jitcell.{target}")
        fn.linkage = "internal"
        b = ir.IRBuilder(fn.append_basic_block("entry"))
        if target == "format":
            self.signals_first(b, fn.args[0])
        callee = ir.FunctionType(I32, [I64, I32, ptr, ptr])
        pointer = b.load(self.slot(target), typ=callee.as_pointer())
        b.ret(b.call(pointer, [i64(self.tag), *fn.args]))
        return fn

    def exception_callback(self) -> ir.Function:
        return self.format_callback("exception")

    # ---- signals (interrupts.py) ---------------------------------------------------------

    def capi_call(self, b: ir.IRBuilder, name: str, ret: ir.Type, args: list[ir.Type], values: list) -> ir.Value:
        pointer = b.load(self.slot(f"capi.{name}"), typ=ir.FunctionType(ret, args).as_pointer())
        return b.call(pointer, values)

    def signals_function(self) -> ir.Function:
        """`i32 jitcell.signals(i32 site)`: the runtime's check_signals(tag, site) (runtime/source.py):
        runs Python's pending signal handlers now, in the main thread, and if one raised
        (KeyboardInterrupt), hands the exception to the raise callback with the site marked as a
        signal's (`site | SIGNAL_SITE`, marked here) and returns 1; else 0. One slot and a call: the
        code is the runtime library's, not each cell's (the runtime library itself calls its own)."""
        fn = self.module.globals.get("jitcell.signals")
        if fn is not None:
            return fn
        fn = ir.Function(self.module, ir.FunctionType(I32, [I32]), "jitcell.signals")
        fn.linkage = "internal"
        fn.attributes.add("noinline")
        b = ir.IRBuilder(fn.append_basic_block("entry"))
        args = [i64(self.tag), b.zext(b.or_(fn.args[0], ir.Constant(I32, SIGNAL_SITE)), I64)]
        if self.internal:
            result = b.alloca(I64)
            b.call(self.impls["check_signals"], [result, ir.Constant(I32, 0), i64(0), *args])
            raised = b.load(result)
        else:
            raised = b.call(self.runtime_function("check_signals"), args)
        b.ret(b.trunc(raised, I32))
        return fn

    def signals_first(self, b: ir.IRBuilder, site: ir.Value) -> None:
        """In a callback into Python: Python's pending signal handlers run before it, in
        jitcell.signals, so a KeyboardInterrupt rarely starts inside the callback (one that does, as
        its function starts, is handed over as the pending error: runtime/source.py, hand_over); if
        one raised, the callback is skipped: that is the error."""
        status = b.call(self.signals_function(), [site])
        with b.if_then(b.icmp_signed("!=", status, ir.Constant(I32, 0)), likely=False):
            returns = b.function.function_type.return_type
            b.ret_void() if isinstance(returns, ir.VoidType) else b.ret(status)

    # ---- slots and sites -------------------------------------------------------------

    def slot(self, target: str) -> ir.GlobalVariable:
        g = self.slot_globals.get(target)
        if g is None:
            symbol = abi.slot_symbol(target)
            # a variable of this cell, or (in the runtime library) a callback into Python, whose C function is
            # the runtime's own: its address is known only once the library is loaded
            own = (target.startswith("var.") and target[4:] in self.program.variables) or \
                (self.internal and target in abi.CALLBACK_TARGETS)
            baked = 0 if own else self.address_of(target)
            g = _SlotGlobal(self.module, ir.PointerType(), symbol)
            g.linkage = "internal"
            g.initializer = ir.Constant(I64, baked).inttoptr(ir.PointerType())
            self.slot_globals[target] = g
            self.slot_uses[target] = SlotUse(symbol, target, baked)
        return g

    def site(self, kind: str, loc: Loc, function: str, **details: object) -> int:
        self.sites.append({"kind": kind, "line": loc.line, "col": loc.col, "function": function, **details})
        return len(self.sites) - 1

    def callback(self, target: str, ret: ir.Type) -> ir.Function:
        """`i32 jitcell.print(i32 site, ptr values)` or `void jitcell.raise(...)`: calls through the slot."""
        name = f"jitcell.{target}"
        fn = self.module.globals.get(name)
        if fn is not None:
            return fn
        fn = ir.Function(self.module, ir.FunctionType(ret, [I32, ir.PointerType()]), name)
        fn.linkage = "internal"
        if target == "raise":
            fn.attributes.add("cold")
            fn.attributes.add("noinline")
        b = ir.IRBuilder(fn.append_basic_block("entry"))
        self.signals_first(b, fn.args[0])
        callee_type = ir.FunctionType(ret, [I64, I32, ir.PointerType()])
        pointer = b.load(self.slot(target), typ=callee_type.as_pointer())
        result = b.call(pointer, [i64(self.tag), *fn.args])
        b.ret_void() if ret == ir.VoidType() else b.ret(result)
        return fn


class _FunctionLowerer(HeapLowering, StringOpLowering, DictLowering, SetLowering, VarTupleLowering, ArrayLowering,
                      ViewLowering, ArrayExprLowering, IterationLowering, ExceptionLowering, ComplexLowering,
                      RandomLowering, OptionalLowering, ClassLowering, InheritanceLowering, NumpyCallLowering,
                      ShapeLowering, ReductionLowering, CallableLowering, ParallelLowering):
    def __init__(self, owner: _ModuleLowerer, fn: T.Function, ir_fn: ir.Function | None = None,
                 borrowed: frozenset[str] = frozenset()):
        """`ir_fn`: the impl to fill (a prange body's, lower/parallel.py); `borrowed`: parameters it
        neither retains nor releases (arrays the threads of a parallel loop share)."""
        self.owner = owner
        self.fn = fn
        self.ir_fn = ir_fn or owner.impls[fn.name]
        self.borrowed = borrowed
        entry = self.ir_fn.append_basic_block("entry")
        start = self.ir_fn.append_basic_block("start")
        self.entry = ir.IRBuilder(entry)
        self.b = ir.IRBuilder(start)
        self.debug, self.notes = owner.debug, owner.notes  # annotation only (locations.py)
        self.scope = owner.locate(self.entry, self.ir_fn, fn)  # the def's line, then each node's
        self.function_scope = self.scope  # (self.scope is a loop copy's inside one)
        self.bounds_reasons: dict[int, str] = {}  # id(access) -> why a loop's guard leaves its check
        self.loop_notes: list[int] = []  # the loops around the code being lowered (notes.loops indices)
        self.copy_path: tuple[tuple[int, int], ...] = ()  # the copies of versioned loops around it
        self.entry.position_before(self.entry.branch(start))
        self.arith = Arith(self.b, self.fail, owner.wraparound)
        self.loops: list[tuple[ir.Block, ir.Block]] = []  # (continue target, break target)
        self.loop_frames: list[int] = []  # per loop: how many try frames were around it (exceptions.py)
        self.frames: list[Frame] = []  # the try, except and finally frames around the code (exceptions.py)
        self.vars: dict[str, ir.Value] = {}
        # listed once: every exit releases them (a scan of all locals per exit is quadratic)
        self.heap_locals = [(name, t) for name, t in fn.locals.items() if has_heap_parts(t) and name not in borrowed]
        self.exit_status = None  # the status phi of the exit block releasing them, once made (heap.py leave)
        self.flags: dict[str, ir.Value] = {}
        self.loc = fn.loc  # the location a failing check reports
        self.live: list[tuple[ir.Value, Type]] = []  # owned heap values not yet taken or dropped (lower/heap.py)
        self.interrupts: tuple[ir.Value, ir.Value] | None = None  # (counter address, count seen) once a loop checks
        self.holes: list[tuple[ir.Value, Type]] = []  # the current value for `d[k] op= v` (lower/dicts.py)
        self.chains: list[list[tuple[ir.Value, Type]]] = []  # the operands a Chain's links read (inheritance.py)
        self.unchecked: set[int] = set()  # array accesses this copy of a loop leaves unchecked (lower/arrays.py)
        self.unit_stride: set[int] = set()  # ... and those whose last axis it knows is contiguous
        self.slow_copy = False  # lowering the fully checked copy of a versioned loop (for_range)
        self.char_table = None  # the runtime's cached characters, once read (lower/strings.py)
        self.coroutine: Coroutine | None = None  # a generator function's (lower/generators.py)

    @property
    def loc(self) -> Loc:
        """The location a failing check reports; with locations, also the one the code gets."""
        return self._loc

    @loc.setter
    def loc(self, loc: Loc) -> None:
        self._loc = loc
        if self.debug is not None and self.scope is not None:
            self.b.debug_metadata = self.debug.at(loc, self.scope)

    @contextlib.contextmanager
    def located(self, loc: Loc, whole_function: bool = False):
        """With locations (annotation): the code lowered inside is located at `loc` until a node
        sets its own (in the function's own scope if `whole_function`, not a loop copy's); self.loc,
        which error sites report, is left alone."""
        saved = self.b.debug_metadata
        scope = self.function_scope if whole_function else self.scope
        if self.debug is not None and scope is not None:
            self.b.debug_metadata = self.debug.at(loc, scope)
        try:
            yield
        finally:
            self.b.debug_metadata = saved

    @contextlib.contextmanager
    def in_copy(self, loc: Loc, loop: int, copy: int):
        """With locations: the code lowered inside is copy `copy` of the versioned loop `loop` at
        `loc`, in a scope of its own (locations.py)."""
        if self.debug is None or self.scope is None or self.notes is None:
            yield
            return
        saved = self.scope
        self.scope = self.debug.copy_scope(saved, loc, self.notes, loop, copy)
        try:
            with self.located(loc):
                yield
        finally:
            self.scope = saved

    def run(self) -> None:
        sig = self.fn.signature
        args = list(self.ir_fn.args)
        self.ret_ptr = args.pop(0) if sig.returns is not NONE else None
        self.calls_left, self.stack_floor = args.pop(0), args.pop(0)
        unbound_reads = _names_read_unbound(self.fn.body)
        zeroed = _zeroed_locals(self.fn, unbound_reads)
        if isinstance(sig.returns, Generator):  # a coroutine (generators.py): its frame exists from here on
            self.coroutine = Coroutine(self, sig.returns.item)
            self.coroutine.begin(self.ret_ptr, self.site("no_memory", self.fn.loc, operands=[]))
        first = self.b if self.coroutine is not None else self.entry  # a coroutine's stores go into its frame
        for name, t in self.fn.locals.items():
            self.vars[name] = self.entry.alloca(llvm_type(t), name=name)
            if name in zeroed:  # may be read (or released) before it is bound
                first.store(ir.Constant(llvm_type(t), None), self.vars[name])
        for name in unbound_reads:
            self.flags[name] = self.entry.alloca(I1, name=f"{name}.bound")
            first.store(ir.Constant(I1, 0), self.flags[name])
        if self.fn.name in self.owner.recursive and self.coroutine is None:  # after the locals exist (null)
            self.fail(self.too_deep(), "recursion", [], self.fn.loc)
        for (name, t), value in zip(sig.params, args, strict=True):
            self.b.store(value, self.vars[name])
            if name not in self.borrowed:
                self.retain(value, t)  # the function owns its locals, parameters too
        if self.coroutine is not None:
            self.coroutine.start()
            if self.fn.name in self.owner.recursive:  # checked when it runs, at the first resume
                self.fail(self.too_deep(), "recursion", [], self.fn.loc)
        self.block(self.fn.body)
        if not self.b.block.is_terminated:
            if sig.returns is NONE or self.coroutine is not None:
                self.leave(0)
            elif isinstance(sig.returns, Optional):  # falling off the end returns None
                self.b.store(none_of(sig.returns), self.ret_ptr)
                self.leave(0)
            else:
                self.b.unreachable()  # check proved the end unreachable

    # ---- failures ----------------------------------------------------------------

    def site(self, kind: str, loc: Loc, **details: object) -> int:
        site = self.owner.site(kind, loc, self.fn.name, **details)
        if self.notes is not None:  # where it lies: which loop, which copies of versioned loops
            self.notes.site_copies[site] = self.copy_path
            if self.loop_notes:
                self.notes.site_loops[site] = self.loop_notes[-1]
        return site

    def pack(self, values: list[tuple[ir.Value, Type]]) -> ir.Value:
        """A struct of values in the entry block (its address goes to Python); a str is its object."""
        if not values:
            return ir.Constant(ir.PointerType(), None)
        struct = ir.LiteralStructType([I8 if t is BOOL else llvm_type(t) for _, t in values])
        memory = self.entry.alloca(struct)
        for i, (v, t) in enumerate(values):
            field = self.b.gep(memory, [ir.Constant(I32, 0), ir.Constant(I32, i)])
            self.b.store(self.b.zext(v, I8) if t is BOOL else v, field)
        return memory

    def report(self, site: int, values: list[tuple[ir.Value, Type]]) -> None:
        self.b.call(self.owner.callback("raise", ir.VoidType()), [ir.Constant(I32, site), self.pack(values)])
        self.leave(1)

    def fail(self, condition: ir.Value, op: str, operands: list[tuple[ir.Value, Type]],
             loc: Loc | None = None) -> None:
        loc = loc or self.loc
        kind = op if op in _SPECIAL_FAILURES else "python_op"
        site = self.site(kind, loc, op=op, operands=[t.name for _, t in operands])
        with self.b.if_then(condition, likely=False):
            self.report(site, operands)

    def too_deep(self) -> ir.Value:
        """No call left (sys.getrecursionlimit() calls are in progress), or the stack pointer is
        below this thread's stack floor: RecursionError, before the stack overflows."""
        b = self.b
        stacksave = b.module.globals.get("llvm.stacksave.p0") or \
            ir.Function(b.module, ir.FunctionType(_PTR, []), "llvm.stacksave.p0")
        below = b.icmp_unsigned("<", b.ptrtoint(b.call(stacksave, []), I64), self.stack_floor)
        return b.or_(b.icmp_signed("<=", self.calls_left, ir.Constant(I32, 0)), below)

    def propagate(self, status: ir.Value) -> None:
        with self.b.if_then(self.b.icmp_signed("!=", status, ir.Constant(I32, 0)), likely=False):
            self.leave(1)

    def interrupt_check(self, loc: Loc) -> None:
        """A loop back-edge: if the interrupt counter moved since the function started (or since the
        last check), run Python's signal handlers; if one raised, unwind like a fault."""
        b = self.b
        if self.interrupts is None:
            e = self.entry
            counter = e.load(self.owner.slot("interrupts"), typ=ir.PointerType())
            seen = e.alloca(I64, name="interrupts.seen")
            e.store(e.load_atomic(counter, "monotonic", 8, typ=I64), seen)
            self.interrupts = (counter, seen)
        counter, seen = self.interrupts
        now = b.load_atomic(counter, "monotonic", 8, typ=I64)
        with b.if_then(b.icmp_unsigned("!=", now, b.load(seen)), likely=False):
            site = self.site("interrupt", loc)
            signals = self.parallel_signals() if self.parallel_body else self.owner.signals_function()
            status = b.call(signals, [ir.Constant(I32, site)])
            with b.if_then(b.icmp_signed("!=", status, ir.Constant(I32, 0)), likely=False):
                self.leave(1)
            b.store(now, seen)  # another thread's signal, or a handler that did not raise

    def loop_checks(self, body) -> str | None:
        """How often a loop checks for interrupts: on "each" back-edge if an iteration may take long
        (it runs another loop, calls a function that loops, recurses or is another cell's, makes a
        heap value or compares strings), else once per "chunk" of CHUNK iterations, so that the
        loop stays a plain loop LLVM can unroll and vectorize; None with checks off."""
        if not self.owner.interrupt_checks:
            return None
        for n in T.walk(body):
            if isinstance(n, (T.While, T.ForRange)) or type(n).__name__.startswith("For"):
                return "each"
            if isinstance(n, T.CallCell) and (getattr(n, "external", False) or n.function in self.owner.unbounded
                                              or any(f in self.owner.unbounded for f in n.dispatch)) \
                    or isinstance(n, T.CallValue):
                return "each"
            if not isinstance(n, T.Local) and has_heap_parts(getattr(n, "type", NONE)):
                return "each"
            if isinstance(n, T.Compare) and any(o.type is STR for o in n.operands):
                return "each"
        return "chunk"

    def range_checks(self, node: T.ForRange, start, stop, step) -> str | None:
        """loop_checks, and none at all in an innermost range loop with a constant trip count of at
        most CHUNK: the loop around it checks."""
        checks = self.loop_checks(node.body)
        if checks == "chunk" and all(isinstance(v, ir.Constant) for v in (start, stop, step)) and step.constant:
            if len(range(start.constant, stop.constant, step.constant)) <= CHUNK:
                return None
        return checks

    def dead_end(self) -> None:
        """After break/continue/return: later statements go to a block nothing reaches."""
        self.b.position_at_end(self.ir_fn.append_basic_block("dead"))

    # ---- statements ----------------------------------------------------------------

    def block(self, stmts: tuple[T.Stmt, ...]) -> None:
        for stmt in stmts:
            self.loc = stmt.loc
            notes = self.notes
            if notes is None or type(stmt) not in _UNVERSIONED:
                self.stmt(stmt)
                continue
            # annotation: the loop around what is lowered now (for_range adds what versioning did)
            notes.loops.append(LoopNote(stmt.loc.line, stmt.loc.col, _UNVERSIONED[type(stmt)]))
            self.loop_notes.append(len(notes.loops) - 1)
            try:
                self.stmt(stmt)
            finally:
                self.loop_notes.pop()

    def stmt(self, node: T.Stmt) -> None:
        b = self.b
        match node:
            case T.SetField():
                self.set_field(node)  # lower/classes.py
            case T.Assign(names=(name,), values=(value,)) if (pieces := _appended(name, value)) is not None:
                self.str_append_assign(name, pieces)
            case T.Assign(names=names, values=values):
                computed = [self.expr(v) for v in values]
                for name, value, node_value in zip(names, computed, values, strict=True):
                    t = node_value.type
                    old = b.load(self.vars[name]) if has_heap_parts(t) else None
                    if old is not None:
                        self.take(value)
                    b.store(value, self.vars[name])
                    if old is not None:
                        self.release(old, t)
                    if name in self.flags:
                        b.store(ir.Constant(I1, 1), self.flags[name])
                    if isinstance(t, Array) and self.fixed_local(node):
                        self.remember_local_array(name, value, t)
            case T.SetGlobal(name=name, value=value):
                t = value.type
                new = self.expr(value)
                address = b.load(self.owner.slot(f"var.{name}"), typ=_PTR)
                old = b.load(address, typ=llvm_type(t)) if has_heap_parts(t) else None
                if old is not None:
                    self.take(new)
                b.store(new, address)
                if old is not None:
                    self.release(old, t)
            case T.DictSet():
                self.dict_set(node)
            case T.DictUpdate():
                self.dict_update(node)
            case T.DictDelete():
                self.dict_delete(node)
            case T.ForDict():
                self.for_dict(node)
            case T.ArraySet():
                self.array_set(node)
            case T.ArrayUpdate():
                self.array_update(node)
            case T.ArrayAssign():
                self.array_assign(node)
            case T.ArrayInPlace():
                self.array_in_place(node)  # lower/array_exprs.py
            case T.ArrayMaskSet():
                self.array_mask_set(node)
            case T.ForArray():
                self.for_array(node)
            case T.ForStr():
                self.for_str(node)
            case T.ForEach():
                self.for_each(node)
            case T.Destructure():
                self.destructure(node)
            case T.ListSet():
                self.list_set(node)
            case T.ListUpdate():
                self.list_update(node)
            case T.ListDelete():
                self.list_delete(node)
            case T.ForList():
                self.for_list(node)
            case T.Unpack(names=names, value=value):
                tuple_type = value.type
                assert isinstance(tuple_type, Tuple)  # check unpacks tuples only
                whole = self.expr(value)
                if has_heap_parts(tuple_type):
                    self.take(whole)  # its items move into the names
                for i, (name, t) in enumerate(zip(names, tuple_type.items, strict=True)):
                    old = b.load(self.vars[name]) if has_heap_parts(t) else None
                    b.store(b.extract_value(whole, i), self.vars[name])
                    if old is not None:
                        self.release(old, t)
                    if name in self.flags:
                        b.store(ir.Constant(I1, 1), self.flags[name])
            case T.If() if not self.arith.wraparound and (step := conditional_accumulation(node)) is not None:
                lower_conditional_accumulation(self, node.test, *step)  # ifconvert.py: no branch on the test
            case T.If(test=test, body=body, orelse=orelse):
                cond = self.expr(test)
                then, other, end = (self.ir_fn.append_basic_block(n) for n in ("then", "else", "endif"))
                b.cbranch(cond, then, other)
                for block, stmts in ((then, body), (other, orelse)):
                    b.position_at_end(block)
                    self.block(stmts)
                    if not b.block.is_terminated:
                        b.branch(end)
                b.position_at_end(end)
            case T.While(test=test, body=body, orelse=orelse):
                head, loop, other, end = (self.ir_fn.append_basic_block(n)
                                          for n in ("while", "body", "while.else", "endwhile"))
                before = b.block
                b.branch(head)
                b.position_at_end(head)
                checks = self.loop_checks(body)  # None, "each" or "chunk" iterations
                if checks == "chunk":  # a countdown of CHUNK iterations: cheaper than reading the counter
                    budget = b.phi(I64, name="budget")
                    budget.add_incoming(i64(CHUNK), before)
                self.loc = node.loc
                b.cbranch(self.expr(test), loop, other)
                back = head if checks is None else self.ir_fn.append_basic_block("while.next")
                self.loop_body(loop, body, back, end)
                if checks == "chunk":
                    b.position_at_end(back)
                    left = b.sub(budget, i64(1))
                    budget.add_incoming(left, back)
                    check = self.ir_fn.append_basic_block("while.check")
                    b.cbranch(b.icmp_signed("==", left, i64(0)), check, head).set_weights([1, CHUNK])
                    b.position_at_end(check)
                    self.interrupt_check(node.loc)
                    budget.add_incoming(i64(CHUNK), b.block)
                    b.branch(head)
                elif checks == "each":
                    b.position_at_end(back)
                    self.interrupt_check(node.loc)
                    b.branch(head)
                b.position_at_end(other)
                self.block(orelse)
                if not b.block.is_terminated:
                    b.branch(end)
                b.position_at_end(end)
            case T.ForRange():
                self.for_range(node)
            case T.Break() | T.Continue():
                self.unwind_to(self.loop_frames[-1])
                if not b.block.is_terminated:
                    b.branch(self.loops[-1][1 if isinstance(node, T.Break) else 0])
                self.dead_end()
            case T.Raise():
                self.lower_raise(node)
            case T.Try():
                self.lower_try(node)
            case T.Return(value=value):
                if value is not None:
                    result = self.expr(value)
                    if value.type is not NONE:  # `return g()` where g returns None: only evaluated
                        if has_heap_parts(value.type):
                            self.take(result)  # the caller owns it now
                        b.store(result, self.ret_ptr)
                self.unwind_to(0)
                if not b.block.is_terminated:
                    self.leave(0)
                self.dead_end()
            case T.Assert(test=test, msg=msg):
                cond = self.expr(test)
                text, computed_msg = (msg, None) if isinstance(msg, str) else (None, msg)
                site = self.site("assert", node.loc, message=text,
                                 operands=[computed_msg.type.name] if computed_msg is not None else [])
                with b.if_then(b.not_(cond), likely=False):
                    # Python evaluates the message only when the assertion fails
                    mark = len(self.live)
                    self.report(site, [(self.expr(computed_msg), computed_msg.type)] if computed_msg is not None
                                else [])
                    del self.live[mark:]  # a str message: released by the report
            case T.Yield(value=value):
                assert self.coroutine is not None
                self.coroutine.yield_(self.expr(value), value.type)
            case T.Eval(expr=expr):
                value = self.expr(expr)
                self.drop(value, expr.type)
            case _:
                raise AssertionError(f"cannot lower {type(node).__name__}")

    def loop_body(self, block: ir.Block, body: tuple[T.Stmt, ...], continue_to: ir.Block,
                  break_to: ir.Block) -> None:
        header = self.b.debug_metadata  # the loop statement's location (annotation only)
        self.b.position_at_end(block)
        self.loops.append((continue_to, break_to))
        self.loop_frames.append(len(self.frames))
        self.block(body)
        self.loop_frames.pop()
        self.loops.pop()
        self.b.debug_metadata = header  # the step and the back edge are the loop's
        if not self.b.block.is_terminated:
            self.b.branch(continue_to)

    def for_range(self, node: T.ForRange) -> None:
        """`for v in range(a, b, s)` counts iterations, so no bound can overflow."""
        if node.parallel and not self.parallel_body and self.coroutine is None:  # (a generator's: serial)
            self.parallel_range(node)  # lower/parallel.py
            return
        b = self.b
        start, stop, step = self.expr(node.start), self.expr(node.stop), self.expr(node.step)
        self.fail(b.icmp_signed("==", step, i64(0)), "range", [(start, INT), (stop, INT), (step, INT)],
                  node.loc)
        up = b.icmp_signed(">", step, i64(0))
        span = b.select(up, b.sub(stop, start), b.sub(start, stop))  # as unsigned
        stride = b.select(up, step, b.sub(i64(0), step))
        nonempty = b.select(up, b.icmp_signed("<", start, stop), b.icmp_signed(">", start, stop))
        count = b.select(nonempty, b.add(b.udiv(b.sub(span, i64(1)), stride), i64(1)), i64(0))
        end = self.ir_fn.append_basic_block("endfor")
        # Inside the fully checked copy of a versioned loop (taken only when its guard fails), nested
        # loops are not versioned again: versions of versions grow exponentially with the depth.
        versions = [] if self.slow_copy else self.loop_versions(node, start, stop, count)
        note = self.loop_notes[-1] if self.notes is not None else -1
        outer_path = self.copy_path
        lower = partial(self.range_loop, node, start, stop, step, count, end)
        for copy, (safe, wraparound, unchecked) in enumerate(versions):
            fast, checked = self.ir_fn.append_basic_block("for.fast"), self.ir_fn.append_basic_block("for.checked")
            b.cbranch(safe, fast, checked).set_weights([99, 1])
            b.position_at_end(fast)
            # the guard proved that no overflow check (wraparound) and no bounds check of these
            # accesses (unchecked) can fire here
            saved = self.arith.wraparound, self.unchecked
            self.arith.wraparound, self.unchecked = wraparound, self.unchecked | unchecked
            self.copy_path = outer_path + ((note, copy),)
            try:
                with self.in_copy(node.loc, note, copy):
                    # the first copy is the one that runs: it gets a twin for contiguous arrays
                    self.by_layout(node, lower, copy == 0)
            finally:
                self.arith.wraparound, self.unchecked = saved
            b.position_at_end(checked)
        saved_slow, self.slow_copy = self.slow_copy, self.slow_copy or bool(versions)
        if versions:
            self.copy_path = outer_path + ((note, len(versions)),)
        try:
            with self.in_copy(node.loc, note, len(versions)) if versions else self.located(node.loc):
                # a checked copy runs only when a guard fails: no twin there
                self.by_layout(node, lower, not self.slow_copy)
        finally:
            self.slow_copy, self.copy_path = saved_slow, outer_path
        b.position_at_end(end)

    def range_loop(self, node: T.ForRange, start, stop, step, count, end: ir.Block) -> None:
        """Iterations k = 0 .. count-1. Chunked (range_checks): an outer loop over chunks of at most
        CHUNK iterations, checking for interrupts between them, around the plain counted loop."""
        b = self.b
        checks = self.range_checks(node, start, stop, step)
        head, body, step_block, other = (self.ir_fn.append_basic_block(n) for n in
                                         ("for", "for.body", "for.next", "for.else"))
        first, limit = i64(0), count
        if checks == "chunk":
            before = b.block
            chunk, chunk_end = self.ir_fn.append_basic_block("for.chunk"), self.ir_fn.append_basic_block("for.chunked")
            b.branch(chunk)
            b.position_at_end(chunk)
            first = b.phi(I64, name="k.chunk")
            first.add_incoming(i64(0), before)
            left = b.sub(count, first)
            limit = b.select(b.icmp_unsigned(">", left, i64(CHUNK)), b.add(first, i64(CHUNK)), count)
        before = b.block
        b.branch(head)
        b.position_at_end(head)
        k = b.phi(I64, name="k")
        k.add_incoming(first, before)
        b.cbranch(b.icmp_unsigned("<", k, limit), body, chunk_end if checks == "chunk" else other)
        b.position_at_end(body)
        b.store(b.add(start, b.mul(k, step)), self.vars[node.var])
        if node.var in self.flags:
            b.store(ir.Constant(I1, 1), self.flags[node.var])
        self.loop_body(body, node.body, step_block, end)
        b.position_at_end(step_block)
        if checks == "each":
            self.interrupt_check(node.loc)
        k.add_incoming(b.add(k, i64(1)), b.block)
        b.branch(head)
        if checks == "chunk":
            b.position_at_end(chunk_end)
            more = self.ir_fn.append_basic_block("for.chunk.next")
            b.cbranch(b.icmp_unsigned("<", limit, count), more, other)
            b.position_at_end(more)
            self.interrupt_check(node.loc)
            first.add_incoming(limit, b.block)
            b.branch(chunk)
        b.position_at_end(other)
        self.block(node.orelse)
        if not b.block.is_terminated:
            b.branch(end)

    # ---- expressions ----------------------------------------------------------------

    def expr(self, node: T.Expr) -> ir.Value:
        """The value of an expression; a heap value is owned and held (lower/heap.py)."""
        return self.hold(self._expr(node), node.type)

    def _expr(self, node: T.Expr) -> ir.Value:
        b, arith = self.b, self.arith
        match node:
            case T.Literal(value=str() as text, type=t) if t is STR:
                return self.str_literal(text)
            case T.ExceptionText():
                return self.exception_text(node)
            case T.NoneValue() | T.Wrap() | T.Unwrap() | T.IsNone():
                return self.optional(node)  # lower/optional.py
            case T.Literal(value=complex() as value, type=t) if t is COMPLEX:
                return complex_constant(value)
            case T.Literal(value=int() | float() as value, type=t):
                return ir.Constant(llvm_type(t), float(value) if t is FLOAT else int(value))
            case T.Local(name=name, may_be_unbound=check, type=t):
                if check:
                    site = self.site("unbound", node.loc, name=name)
                    with b.if_then(b.not_(b.load(self.flags[name])), likely=False):
                        self.report(site, [])
                value = b.load(self.vars[name])
                self.retain(value, t)
                return value
            case T.Global(name=name, type=t):
                value = b.load(b.load(self.owner.slot(f"var.{name}"), typ=_PTR), typ=llvm_type(t))
                self.retain(value, t)
                return value
            case T.Unary(op=op, operand=operand, type=t):
                value = self.expr(operand)
                if op == "not":
                    return b.not_(value)
                if op == "~":
                    return b.xor(value, i64(-1))
                self.loc = node.loc
                if t is COMPLEX:
                    return self.complex_negate(value)
                return b.fneg(value) if t is FLOAT else arith.int_neg(value)
            case T.Binary(type=t) if t is STR:
                return self.str_binary(node)
            case T.Binary(op=op, left=left, right=right, type=t):
                lhs, rhs = self.expr(left), self.expr(right)
                self.loc = node.loc
                if t is COMPLEX:
                    return self.complex_binary(op, lhs, rhs)
                if left.type is FLOAT:
                    return arith.float_binary(op, lhs, rhs)
                if t is BOOL:
                    return {"&": b.and_, "|": b.or_, "^": b.xor}[op](lhs, rhs)
                return arith.int_binary(op, lhs, rhs)
            case T.Compare():
                return self.compare(node)
            case T.Logical():
                return self.logical(node)
            case T.Conditional(test=test, body=body, orelse=orelse):
                return self.branches(self.expr(test), lambda: self.expr(body), lambda: self.expr(orelse),
                                     node.type)
            case T.Convert(operand=operand, type=t):
                value = self.expr(operand)
                self.loc = node.loc
                if operand.type is STR:
                    return self.str_truth(value)
                if isinstance(operand.type, List):
                    return self.list_truth(value, operand.type)
                if isinstance(operand.type, (Dict, Set)):
                    truth = b.icmp_signed("!=", self.dict_length(value), i64(0))
                    self.drop(value, operand.type)
                    return truth
                if COMPLEX in (operand.type, t):
                    return self.complex_convert(value, operand.type, t)
                return arith.convert(value, operand.type, t)
            case T.CallCell(function=name, args=args, order=order, type=t):
                values: list = [None] * len(args)
                for i in order:  # the order the call wrote them in
                    values[i] = self.expr(args[i])
                limits = [b.sub(self.calls_left, ir.Constant(I32, 1)), self.stack_floor]
                callee = self.owner.callee(node) if not node.dispatch else \
                    self.virtual_callee(node, values[0])  # lower/inheritance.py
                if t is NONE:
                    self.propagate(b.call(callee, [*limits, *values]))
                    result = None
                else:
                    memory = self.entry.alloca(llvm_type(t))
                    self.propagate(b.call(callee, [memory, *limits, *values]))
                    result = b.load(memory)
                for value, arg in reversed(list(zip(values, args, strict=True))):
                    self.drop(value, arg.type)  # arguments are lent to the callee
                return result
            case T.FunctionRef():
                return self.function_ref(node)
            case T.CallValue():
                return self.call_value(node)
            case T.Intrinsic():
                return self.intrinsic(node)
            case T.StrOp():
                return self.str_op(node)
            case T.Print():
                return self.print_(node)
            case T.FString():
                return self.fstring(node)
            case T.DictNew():
                return self.dict_new(node)
            case T.DictGet():
                return self.dict_get(node)
            case T.DictContains():
                return self.dict_contains(node)
            case T.SetNew():
                return self.set_new(node)
            case T.SetOp():
                return self.set_op(node)
            case T.Hole():
                return self.hole(node)
            case T.New():
                return self.new_instance(node)  # lower/classes.py
            case T.AsClass(value=value):
                return self._expr(value)  # the same object, held once by the caller
            case T.ClassTest():
                return self.class_test(node)  # lower/inheritance.py
            case T.Chain():
                return self.chain(node)  # lower/inheritance.py
            case T.Slot(index=index):
                value, t = self.chains[-1][index]
                self.retain(value, t)  # as a Hole: the chain keeps its own
                return value
            case T.GetField():
                return self.get_field(node)
            case T.ArrayItem():
                return self.array_item(node)
            case T.ElementValue():
                return self.element_value(node)
            case T.ArrayDim():
                return self.array_dim(node)
            case T.ArrayShape():
                return self.array_shape(node)
            case T.ArrayNew():
                return self.array_new(node)
            case T.Reduce():
                return self.reduce(node)
            case T.IterLength():
                return self.iter_length(node)
            case T.ListFrom():
                return self.list_from(node)
            case T.ArrayView():
                return self.array_view(node)
            case T.ArrayCopy():
                return self.array_copy(node)
            case T.NumpyCall():
                return self.numpy_call(node)
            case T.ArrayMap():
                return self.array_map(node)  # lower/array_exprs.py
            case T.ArrayMask():
                return self.array_mask(node)
            case T.ElementOp():
                return self.element_op(node)
            case T.ListNew():
                return self.list_new(node)
            case T.ListOp():
                return self.list_op(node)
            case T.MakeTuple(items=items, type=t):
                values = [self.expr(item) for item in items]
                whole = ir.Constant(llvm_type(t), None)
                for i, (value, item) in enumerate(zip(values, items, strict=True)):
                    if has_heap_parts(item.type):
                        self.take(value)  # now owned by the tuple
                    whole = b.insert_value(whole, value, i)
                return whole
            case T.TupleItem(value=value, index=index, type=t):
                whole = self.expr(value)
                item = b.extract_value(whole, index)
                self.retain(item, t)
                self.drop(whole, value.type)
                return item
            case T.Comprehension(body=body, result=result):
                self.block(body)  # its loops: a fault inside releases what the expression holds so far
                return self._expr(result)
            case T.TupleIndex(value=value, index=index, type=t, loc=loc):
                assert isinstance(value.type, Tuple)  # check has typed it
                whole = self.expr(value)
                position = self.expr(index)
                n = len(value.type.items)
                j = b.select(b.icmp_signed("<", position, i64(0)), b.add(position, i64(n)), position)
                self.list_error_if(b.icmp_unsigned(">=", j, i64(n)), "IndexError", "tuple index out of range", loc)
                row = ir.ArrayType(llvm_type(t), n)
                items = self.entry.alloca(row)
                for k in range(n):
                    b.store(b.extract_value(whole, k), b.gep(items, [i64(0), i64(k)]))
                item = b.load(b.gep(items, [i64(0), j]), typ=llvm_type(t))
                self.retain(item, t)
                self.drop(whole, value.type)
                return item
            case T.TupleSlice(value=value, indices=indices, type=t):
                assert isinstance(t, Tuple)  # check has typed it
                whole = self.expr(value)
                result = ir.Constant(llvm_type(t), None)
                for k, index in enumerate(indices):
                    item = b.extract_value(whole, index)
                    self.retain(item, t.items[k])
                    result = b.insert_value(result, item, k)
                self.drop(whole, value.type)
                return result
        raise AssertionError(f"cannot lower {type(node).__name__}")

    def branches(self, cond, then_value, else_value, t: Type) -> ir.Value:
        """A value from one of two branches; a heap value is taken into the phi (the caller holds it)."""
        b = self.b
        then, other, end = (self.ir_fn.append_basic_block(n) for n in ("sel.then", "sel.else", "sel.end"))
        b.cbranch(cond, then, other)
        incoming = []
        for block, compute in ((then, then_value), (other, else_value)):
            b.position_at_end(block)
            value = compute()
            if has_heap_parts(t):
                self.take(value)
            incoming.append((value, b.block))
            b.branch(end)
        b.position_at_end(end)
        phi = b.phi(llvm_type(t))
        for value, block in incoming:
            phi.add_incoming(value, block)
        return phi

    def logical(self, node: T.Logical) -> ir.Value:
        """`a or b` is a if a is true, else b; each operand is evaluated only if needed."""
        b = self.b
        heap = has_heap_parts(node.type)
        end = self.ir_fn.append_basic_block("logic.end")
        incoming = []
        for i, operand in enumerate(node.values):
            value = self.expr(operand)
            if heap:
                self.take(value)  # into the phi, or released on the way to the next operand
            if i == len(node.values) - 1:
                incoming.append((value, b.block))
                b.branch(end)
                break
            if node.type is STR:
                truth = b.icmp_signed("!=", self.str_length(value), i64(0))
            elif isinstance(node.type, List):
                truth = b.icmp_signed("!=", self.list_length(value), i64(0))
            elif isinstance(node.type, Dict):
                truth = b.icmp_signed("!=", self.dict_length(value), i64(0))
            elif node.type is COMPLEX:
                truth = self.complex_convert(value, COMPLEX, BOOL)
            else:
                truth = self.arith.truth(value, node.type)
            nxt = self.ir_fn.append_basic_block("logic.next")
            incoming.append((value, b.block))
            if node.op == "or":
                b.cbranch(truth, end, nxt)
            else:
                b.cbranch(truth, nxt, end)
            b.position_at_end(nxt)
            if heap:
                self.release(value, node.type)
        b.position_at_end(end)
        phi = b.phi(llvm_type(node.type))
        for value, block in incoming:
            phi.add_incoming(value, block)
        return phi

    def compare(self, node: T.Compare) -> ir.Value:
        """`a < b < c`: b is evaluated once, c only if a < b; str operands are released on every path."""
        first = (self.expr(node.operands[0]), node.operands[0].type)

        def link(i: int, left: tuple[ir.Value, Type], right: tuple[ir.Value, Type]) -> ir.Value:
            return self.compare_link(node.ops[i], node.operands[i], left, node.operands[i + 1], right[0])

        return self.short_circuit_links(first, node.operands[1:], link)

    def short_circuit_links(self, first: tuple[ir.Value, Type], operands: Sequence[T.Expr],
                            link: Callable[[int, tuple[ir.Value, Type], tuple[ir.Value, Type]], ir.Value]) -> ir.Value:
        """The walk of a chained comparison (`compare`, and `T.Chain` in inheritance.py): operand i + 1
        is evaluated only if link i - 1 held, each once, in order; `link(i, left, right)` gives link
        i's i1; a false link ends the chain; every operand is dropped on every path."""
        b = self.b
        end = self.ir_fn.append_basic_block("cmp.end")
        incoming = []
        left = first
        for i, operand in enumerate(operands):
            right = (self.expr(operand), operand.type)
            result = link(i, left, right)
            self.drop(*left)
            if i == len(operands) - 1:
                self.drop(*right)
                incoming.append((result, b.block))
                b.branch(end)
            else:
                nxt = self.ir_fn.append_basic_block("cmp.next")
                stop = self.ir_fn.append_basic_block("cmp.false")
                b.cbranch(result, nxt, stop)
                b.position_at_end(stop)
                self.release(*right)  # still held on the other path
                incoming.append((result, b.block))
                b.branch(end)
                b.position_at_end(nxt)
            left = right
        b.position_at_end(end)
        phi = b.phi(I1)
        for value, block in incoming:
            phi.add_incoming(value, block)
        return phi

    def compare_link(self, op: str, previous: T.Expr, left: tuple[ir.Value, Type], operand: T.Expr,
                     right: ir.Value) -> ir.Value:
        """One link `left op right` of a comparison (operand and previous: its typed operands)."""
        b = self.b
        left, left_type = left
        if isinstance(left_type, List):
            return self.list_compare(op, left, right, left_type)
        if isinstance(left_type, Dict):  # == and != (check/dicts.py)
            equal = equal_values(self.owner, b, left, right, left_type)
            return equal if op == "==" else b.not_(equal)
        if is_instance(left_type):  # identity (check/classes.py)
            return b.icmp_unsigned(op, left, right)
        if STR in (left_type, operand.type) or op in ("in", "not in"):
            char_right, char_left = _ascii_char(operand), _ascii_char(previous)
            if op in _MIRRORED and char_right is None and char_left is not None:  # "0" <= c is c >= "0"
                return self.str_compare(_MIRRORED[op], right, left, char_left)
            return self.str_compare(op, left, right, char_right)
        if COMPLEX in (left_type, operand.type):
            return self.complex_compare(op, left, left_type, right, operand.type)
        return self.arith.compare(op, left, left_type, right, operand.type)

    def intrinsic(self, node: T.Intrinsic) -> ir.Value:
        if node.name.startswith(("random.", "np.random.")):  # lower/randoms.py
            return self.random_intrinsic(node)  # None for seed, shuffle
        args = [self.expr(a) for a in node.args]
        self.loc = node.loc
        name = node.name
        if name == "len":
            t = node.args[0].type
            if isinstance(t, Tuple):
                self.drop(args[0], t)
                return i64(len(t.items))
            length = self.str_length(args[0]) if t is STR else self.dict_length(args[0])
            self.drop(args[0], t)
            return length
        if name == "abs":
            return self.arith.fabs(args[0]) if node.type is FLOAT else self.arith.int_abs(args[0])
        if name in ("min", "max"):
            return self.arith.minmax(name, args, node.type)
        if name == "input":  # Python's input(), looked up when called (a kernel replaces it)
            out = self.entry.alloca(llvm_type(STR), name="line")
            self.python_call("input", [(a, STR) for a in args], out)
            for a in args:
                self.drop(a, STR)
            return self.b.load(out)
        if name == "round" and len(args) == 2:
            return self.round_digits(node, *args)
        if name == "round":
            return self.arith.round_to_int(args[0])
        if name == "divmod":
            x, y = args
            if node.args[0].type is FLOAT:
                pair = [self.arith.float_divmod(x, y, "divmod"), self.arith.float_divmod(x, y, "mod")]
            else:
                pair = [self.arith.int_binary("//", x, y), self.arith.int_binary("%", x, y)]
            whole = ir.Constant(llvm_type(node.type), None)
            return self.b.insert_value(self.b.insert_value(whole, pair[0], 0), pair[1], 1)
        if name.startswith(("complex.", "cmath.")):
            return self.complex_intrinsic(node, args)
        if name.startswith("mem."):
            return lower_intrinsic(self.b, name[4:], args, self.owner.slot)
        if name.startswith("evaluated."):  # isinstance() of an expression: evaluated, then a constant
            self.drop(args[0], node.args[0].type)
            return ir.Constant(I1, int(name == "evaluated.True"))
        if name.startswith("range."):
            return lower_range(self, node, args)  # lower/ranges.py
        if name == "powmod":
            return int_powmod(self.arith, *args)  # lower/powers.py
        assert name.startswith("math.")
        return self.arith.math_call(name[5:], args)

    def round_digits(self, node: T.Intrinsic, x: ir.Value, digits: ir.Value) -> ir.Value:
        """round(x, n) is computed by CPython's round (callbacks.py, a str_call site), so that a
        float is rounded as its exact decimal value is, with CPython's errors; an int with n >= 0
        is itself, without the call."""
        b = self.b
        t = node.type
        out = self.entry.alloca(llvm_type(t), name="rounded")
        operands = [(x, t), (digits, INT)]
        if t is INT:
            b.store(x, out)
            with b.if_then(b.icmp_signed("<", digits, i64(0))):
                self.python_call("round", operands, out)
        else:
            self.python_call("round", operands, out)
        return b.load(out)

    def print_(self, node: T.Print) -> None:
        values = [(self.expr(item), item.type) for item in node.items if not isinstance(item, str)]
        items = [{"text": item} if isinstance(item, str) else {"type": item.type.name} for item in node.items]
        site = self.site("print", node.loc, items=items, sep=node.sep, end=node.end, flush=node.flush)
        printer = self.owner.callback("print", I32)
        self.propagate(self.b.call(printer, [ir.Constant(I32, site), self.pack(values)]))
        for value, t in reversed(values):
            self.drop(value, t)
        return None


# Loops, and why those that are not `for ... in range()` never get a copy without overflow checks
# (annotation's notes; for_range says what versioning did to the others)
_UNVERSIONED: dict[type, str | None] = {
    T.ForRange: None,
    T.While: "while loops are not versioned: their trip count is not known before they start",
    T.ForArray: "only loops over range() are versioned", T.ForDict: "only loops over range() are versioned",
    T.ForEach: "only loops over range() are versioned", T.ForStr: "only loops over range() are versioned"}


_MIRRORED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


def _leaves(t: Type, path: tuple[int, ...] = ()) -> list[tuple[tuple[int, ...], Type]]:
    """A parameter's parts as they cross the boundary: a tuple's items, depth first (bind.py)."""
    if isinstance(t, Tuple):
        return [leaf for i, item in enumerate(t.items) for leaf in _leaves(item, (*path, i))]
    return [(path, t)]


def _assemble(b: ir.IRBuilder, t: Type, flat) -> ir.Value:
    """A parameter's value from its leaves (`flat`, consumed in order)."""
    if not isinstance(t, Tuple):
        return next(flat)
    value = ir.Constant(llvm_type(t), None)
    for i, item in enumerate(t.items):
        value = b.insert_value(value, _assemble(b, item, flat), i)
    return value


def _ascii_char(node: T.Expr) -> int | None:
    """The code of a str literal of one ASCII character, else None."""
    if isinstance(node, T.Literal) and isinstance(node.value, str) and len(node.value) == 1 and node.value < "\x80":
        return ord(node.value)
    return None


@dataclass(frozen=True, slots=True)
class _Calls:
    """What one function's body calls, and whether it loops: read in one walk of the body."""

    internal: frozenset[str]  # functions of this cell
    external: bool  # calls a function of another cell
    loops: bool


def _calls(program: T.Program) -> dict[str, _Calls]:
    found = {}
    for fn in program.functions:
        internal, external, loops = set(), False, False
        for n in T.walk(fn.body):
            if isinstance(n, T.CallCell):
                if n.external:
                    external = True
                else:
                    internal.add(n.function)
                    internal.update(f for f in n.dispatch if f)  # any of them (lower/inheritance.py)
            elif isinstance(n, T.CallValue):  # through a function value: may come back, as another cell's
                external = True
            elif isinstance(n, (T.While, T.ForRange)) or type(n).__name__.startswith("For"):
                loops = True
        found[fn.name] = _Calls(frozenset(internal), external, loops)
    return found


def _recursive_functions(calls: dict[str, _Calls]) -> set[str]:
    """The functions that can call themselves, directly or through others: only they check the depth.
    A call to another cell may come back (cells can be redefined to call each other): it counts."""
    recursive = {name for name, c in calls.items() if c.external}
    for name in calls:
        seen, stack = set(), list(calls[name].internal)
        while stack:
            callee = stack.pop()
            if callee == name:
                recursive.add(name)
                break
            if callee not in seen:
                seen.add(callee)
                stack.extend(calls[callee].internal if callee in calls else ())
    return recursive


def _reaching(calls: dict[str, _Calls], targets: set[str]) -> set[str]:
    """The functions that are in `targets` or call, directly or not, one that is."""
    found = set(targets)
    changed = True
    while changed:
        changed = False
        for name, c in calls.items():
            if name not in found and c.internal & found:
                found.add(name)
                changed = True
    return found


def _unbounded_functions(calls: dict[str, _Calls], recursive: set[str]) -> set[str]:
    """Functions whose calls may take long: those that loop or recurse, call other cells' functions
    (whose code is not known here), or call such functions."""
    return _reaching(calls, set(recursive) | {name for name, c in calls.items() if c.loops or c.external})


def _appended(name: str, value: T.Expr) -> list[T.Expr] | None:
    """For `s = s + a + b` (s a str): [a, b], the pieces appended to s; else None."""
    pieces = []
    while isinstance(value, T.Binary) and value.op == "+" and value.type is STR:
        pieces.append(value.right)
        value = value.left
    if pieces and isinstance(value, T.Local) and value.name == name and not value.may_be_unbound:
        return pieces[::-1]
    return None


def _zeroed_locals(fn: T.Function, unbound_reads: list[str]) -> set[str]:
    """The locals that start as zero (null): heap ones (every exit releases them), those read where
    Python could find them unbound, and those a `for` loop mentions where they may not be bound
    yet, since the loop's guard (versioning.py) reads their values before the loop. The others are
    stored before any read: LLVM promotes such a local, stored once, in constant time, where a
    second store in the entry block makes mem2reg walk the whole function for each local."""
    zeroed = {name for name, t in fn.locals.items() if has_heap_parts(t)} | set(unbound_reads)
    bound = {name for name, _ in fn.signature.params}  # surely bound here: params, and names
    # assigned by an earlier statement of this block or of a block around it

    def visit(stmts: tuple[T.Stmt, ...], names: tuple[str, ...] = ()) -> None:
        added = [name for name in names if name not in bound]  # `names`: bound for the whole block
        bound.update(added)
        for stmt in stmts:
            if isinstance(stmt, T.ForRange):
                zeroed.update(name for name in _names_mentioned(stmt) if name not in bound)
            loop_names = ((stmt.var,) if isinstance(stmt, (T.ForRange, T.ForArray, T.ForStr)) else
                          stmt.names if isinstance(stmt, T.ForDict) else
                          _pattern_names(stmt.target) if isinstance(stmt, T.ForEach) else ())
            visit(getattr(stmt, "body", ()), loop_names)  # a loop's variables are bound in its body
            visit(getattr(stmt, "orelse", ()))
            if isinstance(stmt, T.Try):
                for handler in stmt.handlers:
                    visit(handler.body)
                visit(stmt.finalbody)
            if isinstance(stmt, (T.Assign, T.Unpack)):
                added += [name for name in stmt.names if name not in bound]
                bound.update(stmt.names)
        bound.difference_update(added)

    visit(fn.body)
    return zeroed & set(fn.locals)


def _names_mentioned(node) -> set[str]:
    """The names of the locals a statement reads or assigns."""
    names: set[str] = set()
    for item in T.walk(node):
        match item:
            case T.Local(name=name) | T.ForRange(var=name) | T.ForArray(var=name) | T.ForStr(var=name):
                names.add(name)
            case T.Assign(names=assigned) | T.Unpack(names=assigned) | T.ForDict(names=assigned):
                names.update(assigned)
    return names


def _pattern_names(pattern: T.Pattern) -> tuple[str, ...]:
    """The locals a loop's target binds."""
    return tuple(name for item in T.walk(pattern) if isinstance(item, T.Assign) for name in item.names)


def _names_read_unbound(node) -> list[str]:
    """Names with at least one read that Python could find unbound, in a fixed order (a set's
    order changes with the process's hash seed, and the IR with it)."""
    return list(dict.fromkeys(item.name for item in T.walk(node) if isinstance(item, T.Local) and item.may_be_unbound))

