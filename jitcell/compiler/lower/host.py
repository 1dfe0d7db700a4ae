"""What the per-type lowerings use of the function lowerer they are mixed into, declared as Protocols.

    class _FunctionLowerer(HeapLowering, DictLowering, ArrayLowering, ViewLowering)   # program.py
    class DictLowering(LowererHost): ... key = self.expr(node.key) ... self.drop(key, node.key.type)

HeapLowering, DictLowering and ArrayLowering are not lowerers on their own: they call back
into their host (`self.b`, `self.expr`, `self.site`, `self.report`, `self.vars`, ...), which
_FunctionLowerer provides, and into each other (DictLowering and ArrayLowering use
HeapLowering's `hold`, `drop`, `runtime`, ...). `LowererHost` lists those names with their
types, so a reader sees each mixin's contract and mypy checks both sides of it. Its method
stubs come last in the MRO, so the real definitions always win; its attributes are
annotations only (no class attributes), set by _FunctionLowerer.__init__.

The host's `owner` is the _ModuleLowerer (program.py), seen through `ModuleHost`: what a
function's lowering asks of its module (runtime functions, callbacks, literals, sites,
options). A Protocol, not the class, because program.py imports the mixins and the mixins
must not import it back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from llvmlite import ir

from jitcell.compiler import typed as T
from jitcell.compiler.types import Array, Type
from jitcell.errors import Loc

from .arith import Arith
from .locations import DebugLocations, LoweringNotes

__all__ = ["LowererHost", "ModuleHost"]


class ModuleHost(Protocol):
    """What the function lowerer's mixins (and the entry points' boundary code) use of _ModuleLowerer."""

    @property
    def boundscheck(self) -> bool: ...  # array indices out of range raise IndexError
    @property
    def loop_versioning(self) -> bool: ...  # loops get an overflow-check-free copy behind a guard
    @property
    def bounds_versioning(self) -> bool: ...  # ... and one without the bounds checks it proves

    @property
    def module(self) -> ir.Module: ...  # the cell's module (lists.py adds its item comparisons)

    def site(self, kind: str, loc: Loc, function: str, **details: object) -> int: ...
    def callback(self, target: str, ret: ir.Type) -> ir.Function: ...  # jitcell.print, jitcell.raise
    def runtime_function(self, name: str) -> ir.Function: ...  # jitcell.rt.NAME
    def release_function(self) -> ir.Function: ...  # jitcell.release
    def str_literal(self, text: str) -> ir.Value: ...  # an immortal str object
    def float_repr_function(self) -> ir.Function: ...  # jitcell.float_repr
    def format_callback(self) -> ir.Function: ...  # jitcell.format
    def exception_callback(self) -> ir.Function: ...  # jitcell.exception
    def signals_function(self) -> ir.Function: ...  # jitcell.signals
    @property
    def interrupt_checks(self) -> bool: ...  # loops check for interrupts
    def slot(self, target: str) -> ir.GlobalVariable: ...  # jitcell.slot.TARGET
    def impl_of(self, name: str) -> ir.Function: ...  # a function of the cell as a value (callables.py)
    @property
    def impls(self) -> dict[str, ir.Function]: ...  # the cell's functions
    def callee(self, node: T.CallCell) -> ir.Function: ...  # what a call calls (another cell's: a thunk)


class LowererHost(Protocol):
    """What HeapLowering, DictLowering and ArrayLowering use of _FunctionLowerer and of each other."""

    owner: ModuleHost
    fn: T.Function  # the function being lowered
    ir_fn: ir.Function  # its impl
    b: ir.IRBuilder  # where the code goes now
    entry: ir.IRBuilder  # the entry block, before its branch: allocas, values read once
    arith: Arith
    vars: dict[str, ir.Value]  # local -> its alloca
    heap_locals: list[tuple[str, Type]]  # the locals every exit releases, in order (heap.py)
    flags: dict[str, ir.Value]  # local read where it may be unbound -> its i1 "bound" alloca
    loc: Loc  # the location a failing check reports
    live: list[tuple[ir.Value, Type]]  # owned heap values not yet taken or dropped (heap.py)
    coroutine: Any  # a generator function's Coroutine (generators.py), else None
    holes: list[tuple[ir.Value, Type]]  # the current value for `d[k] op= v`, `a[i] op= v`
    chains: list[list[tuple[ir.Value, Type]]]  # the operands of the Chains being lowered
    unchecked: set[int]  # ids of array accesses this copy of a loop leaves unchecked (arrays.py)
    debug: DebugLocations | None  # source locations in the code, for annotation only (locations.py)
    notes: LoweringNotes | None  # ... and what the lowering knows of its loops and checks
    loop_notes: list[int]  # the loops around the code being lowered (indices into notes.loops)
    bounds_reasons: dict[int, str]  # id(access) -> why a loop's guard leaves its bounds check
    frames: list  # the try, except and finally frames around the code (exceptions.py)

    # ---- _FunctionLowerer's (program.py) ------------------------------------------------

    def expr(self, node: T.Expr) -> ir.Value: ...  # owned and held, if a heap value
    def _expr(self, node: T.Expr) -> ir.Value: ...  # owned, not yet held
    def block(self, stmts: tuple[T.Stmt, ...]) -> None: ...
    def loop_body(self, block: ir.Block, body: tuple[T.Stmt, ...], continue_to: ir.Block,
                  break_to: ir.Block) -> None: ...
    def site(self, kind: str, loc: Loc, **details: object) -> int: ...
    def report(self, site: int, values: list[tuple[ir.Value, Type]]) -> None: ...  # raise, unwind
    def pack(self, values: list[tuple[ir.Value, Type]]) -> ir.Value: ...
    def propagate(self, status: ir.Value) -> None: ...  # unwind if a callee's status is 1
    def python_call(self, op: str, operands: list[tuple[ir.Value, Type]], out: ir.Value) -> None: ...  # strings.py
    def complex_convert(self, value: ir.Value, source: Type, target: Type) -> ir.Value: ...  # complexes.py
    def complex_binary(self, op: str, lhs: ir.Value, rhs: ir.Value) -> ir.Value: ...  # complexes.py
    def fail(self, condition: ir.Value, op: str, operands: list[tuple[ir.Value, Type]],
             loc: Loc | None = None) -> None: ...  # if condition: Python evaluates op on the operands, raises
    def located(self, loc: Loc, whole_function: bool = False) -> AbstractContextManager[None]: ...  # annotation
    def short_circuit_links(self, first: tuple[ir.Value, Type], operands: Sequence[T.Expr],
                            link: Callable[[int, tuple[ir.Value, Type], tuple[ir.Value, Type]], ir.Value]
                            ) -> ir.Value: ...  # a chained comparison's walk

    # ---- HeapLowering's (heap.py), used by the others ------------------------------------

    def retain(self, value: ir.Value, t: Type) -> None: ...
    def release(self, value: ir.Value, t: Type) -> None: ...
    def hold(self, value: ir.Value, t: Type) -> ir.Value: ...
    def take(self, value: ir.Value) -> None: ...
    def drop(self, value: ir.Value, t: Type) -> None: ...
    def leave(self, status: int) -> None: ...  # release what is held, exit with this status
    def unwind_to(self, depth: int) -> None: ...  # end handlings, run finally bodies (exceptions.py)
    def runtime(self, name: str, *args: ir.Value) -> ir.Value: ...
    def runtime_object(self, name: str, *args: ir.Value) -> ir.Value: ...
    def store_tag(self, obj: ir.Value, words: int, tag: int) -> None: ...  # inheritance.py
    def allocated(self, obj: ir.Value) -> ir.Value: ...  # MemoryError if the runtime returned null
    def no_memory_if(self, failed: ir.Value) -> None: ...
    def str_field(self, s: ir.Value, word: int) -> ir.Value: ...
    def adjusted_slice(self, length: ir.Value, start: ir.Value, stop: ir.Value, step: ir.Value,
                       written: ir.Value) -> tuple[ir.Value, ir.Value, ir.Value]: ...
    def str_compare(self, op: str, left: ir.Value, right: ir.Value) -> ir.Value: ...

    # ---- DictLowering's (dicts.py), used by SetLowering (sets.py) --------------------------

    def to_word(self, value: ir.Value, t: Type) -> ir.Value: ...
    def from_value_word(self, word: ir.Value, t: Type) -> ir.Value: ...  # a dict value (boxed tuples)
    def value_word(self, value: ir.Value, t: Type) -> tuple[ir.Value, ir.Value | None]: ...  # and its box
    def table_set(self, d: ir.Value, key: ir.Value, value: ir.Value) -> None: ...
    def key_error(self, missing: ir.Value, key: ir.Value, key_type: Type, loc: Loc) -> None: ...

    # ---- used by IterationLowering (iteration.py) -----------------------------------------

    def stmt(self, node: T.Stmt) -> None: ...
    def unwind_error(self) -> None: ...  # a failure inside a try frame (exceptions.py)
    def cleanup_frame(self, slots: list[tuple[ir.Value, Type]]) -> AbstractContextManager[None]: ...
    def interrupt_check(self, loc: Loc) -> None: ...
    def loop_checks(self, body) -> str | None: ...
    def element_load(self, pointer: ir.Value, t: Type) -> ir.Value: ...  # t: the array's type (elements.py)
    def element_store(self, pointer: ir.Value, value: ir.Value, t: Type) -> None: ...  # elements.py
    def header_object(self, a: object, t: Any) -> ir.Value: ...  # views.py: a header the runtime can read
    def element_type(self, t: Type) -> ir.Type: ...
    def dict_length(self, d: ir.Value) -> ir.Value: ...
    def from_word(self, word: ir.Value, t: Type) -> ir.Value: ...
    def char_at_byte(self, s: ir.Value, at: ir.Value) -> tuple[ir.Value, ir.Value]: ...
    def list_length(self, lst: ir.Value) -> ir.Value: ...
    def item_at(self, lst: ir.Value, index: ir.Value, t: Type) -> ir.Value: ...
    def new_list(self, n: ir.Value, t: Type) -> ir.Value: ...  # held
    def store_taken(self, at: ir.Value, value: ir.Value, t: Type) -> None: ...
    def list_error_if(self, failed: ir.Value, error: str, message: str, loc,
                      values: list[tuple[ir.Value, Type]] | None = None) -> None: ...  # lists.py
    def list_operand(self, node: T.Expr) -> tuple[ir.Value, bool]: ...  # a local borrowed (False), else owned

    # ---- ArrayLowering's (arrays.py) and ViewLowering's (views.py), used by each other -------
    # An array operand is an object (ir.Value) or a view in registers (views.VirtualView).

    def header(self, a: object, field: str, axis: int = 0, typ: ir.Type = ...) -> ir.Value: ...
    def array_operand(self, node: T.Expr) -> tuple[object, bool]: ...  # (array, owned)
    def done_with(self, a: object, owned: bool, t: Type) -> None: ...
    def view_parts(self, node: T.ArrayView, borrow: bool = True) -> object: ...
    def words_on_stack(self, values: list[ir.Value]) -> ir.Value: ...
    def element_word(self, value: ir.Value, t: Type) -> ir.Value: ...  # elements.py
    def element_check(self, value: ir.Value, node: T.ElementValue) -> ir.Value: ...

    # ---- NumpyCallLowering's (numpy_calls.py), used by ShapeLowering and ReductionLowering -----

    def numpy_error(self, condition: ir.Value, op: str, operands: list[tuple[ir.Value, Type]], loc: Loc) -> None: ...
    def shape_operands(self, a: object, t: Array) -> list[tuple[ir.Value, Type]]: ...
    def numpy_shape(self, node: T.NumpyCall) -> ir.Value: ...  # shapes.py
    def numpy_reduction(self, node: T.NumpyCall) -> ir.Value: ...  # reductions.py
    def numpy_product(self, node: T.NumpyCall) -> ir.Value: ...
    def array_map(self, node: T.ArrayMap) -> ir.Value: ...  # array_exprs.py
