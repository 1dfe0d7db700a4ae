"""What the per-type rules use of the checker they are mixed into, declared as Protocols.

    class ExpressionChecker(StringChecks, DictChecks, ArrayChecks)   # expressions.py
    class FunctionChecker(ExpressionChecker)                          # program.py
    class StringChecks(CheckerHost): ... self.expr(part.value) ... self.error(message, loc)

StringChecks, DictChecks and ArrayChecks are not checkers on their own: they call back
into their host (`self.expr`, `self.error`, `self.coerce`, `self.locals`, ...), which
ExpressionChecker and FunctionChecker provide. `CheckerHost` lists those names with their
types, so a reader sees each mixin's contract and mypy checks both sides of it: a method
stub the host does not define leaves FunctionChecker abstract, which mypy reports where it
is instantiated. The stubs come last in the MRO, so the host's definitions always win.

The host's `module` is the ModuleChecker (program.py), seen through `ModuleContext`:
what one function's checker reads of its cell. A Protocol, not the class, because
program.py imports the mixins and the mixins must not import it back.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager
from typing import Protocol

from jitcell.compiler import syntax as S
from jitcell.compiler import typed as T
from jitcell.compiler.types import Type
from jitcell.errors import Diagnostic, Loc

from .class_info import ClassInfo

__all__ = ["CheckerHost", "ModuleContext", "SignatureView"]


class SignatureView(Protocol):
    """A callee's signature as a call site reads it: `typed.Signature`, or a signature of
    this cell whose return type is still being inferred (None)."""

    @property
    def params(self) -> tuple[tuple[str, Type], ...]: ...
    @property
    def defaults(self) -> tuple[int | float | bool | str | tuple | None, ...]: ...
    @property
    def returns(self) -> Type | None: ...
    @property
    def keyword_only(self) -> int: ...  # the last ones, after `*`


class ModuleContext(Protocol):
    """What a function's checker reads of its cell's ModuleChecker (program.py)."""

    @property
    def errors(self) -> list[Diagnostic]: ...  # appended to: every diagnostic of the cell
    @property
    def imports(self) -> dict[str, str]: ...  # local name -> "math", "math.sqrt", "numpy"
    @property
    def variables(self) -> Mapping[str, Type]: ...  # module variables, this cell's and earlier cells'
    @property
    def constants(self) -> Mapping[str, int | float | bool | str | tuple]: ...  # compile-time values by name
    @property
    def failed_constants(self) -> set[str]: ...  # constants whose error is reported
    @property
    def definitions(self) -> Mapping[str, S.FunctionDef]: ...  # this cell's functions
    @property
    def signatures(self) -> Mapping[str, SignatureView]: ...  # of this cell's functions
    @property
    def callees(self) -> Mapping[str, T.Signature | str]: ...  # other cells' functions (or why not callable)
    @property
    def internal(self) -> bool: ...  # the runtime library's source: memory intrinsics allowed
    @property
    def classes(self) -> Mapping[str, ClassInfo]: ...  # this cell's classes (check/classes.py)
    @property
    def exact_tested(self) -> set[str]: ...  # the classes `type(x) is C` tests (outer_bases.extension_facts)


class CheckerHost(Protocol):
    """What StringChecks, DictChecks and ArrayChecks use of ExpressionChecker / FunctionChecker."""

    module: ModuleContext
    locals: dict[str, Type]  # the function's locals and their types, as known so far
    assigned_names: set[str]  # the locals the function assigns (not parameters, not globals)
    caught: dict[str, str]  # `except ... as e` names in scope -> their handle locals

    def expr(self, node: S.Expr) -> T.Expr: ...
    def field_read(self, base: T.Expr, attr: str, loc: Loc) -> T.Expr: ...
    def class_attribute(self, cls: str, attr: str, loc: Loc) -> T.Expr: ...
    def text_or_expr(self, node: S.Expr) -> T.Expr: ...
    def exception_args_repr(self, node: S.Expr) -> T.Expr | None: ...  # exception_args.py
    def str_format(self, node: S.Call) -> T.Expr: ...  # formatting.py
    def error(self, message: str, loc: Loc) -> T.Expr: ...
    def coerce(self, e: T.Expr, target: Type, what: str) -> T.Expr: ...
    def dtype_argument(self, node: S.Expr) -> str | None: ...  # arrays.py
    def can_coerce(self, source: Type, target: Type) -> bool: ...
    def to_int(self, e: T.Expr) -> T.Expr: ...
    def binary(self, op: str, left: T.Expr, right: T.Expr, loc: Loc) -> T.Expr: ...
    def same_type(self, values: list[T.Expr], what: str, loc: Loc) -> Type: ...
    def to_float(self, e: T.Expr) -> T.Expr: ...
    def to_complex(self, e: T.Expr) -> T.Expr: ...  # complexes.py
    def truth(self, e: T.Expr) -> T.Expr: ...
    def call_cell(self, name: str, node: S.Call, receiver: T.Expr | None = None) -> T.Expr: ...
    def evaluated(self, e: T.Expr, value: bool, loc: Loc) -> T.Expr: ...  # introspection.py
    # inheritance.py's, used by classes.py, lists.py, introspection.py and expressions.py
    def upcast(self, e: T.Expr, target: Type) -> T.Expr | None: ...
    def is_upcast(self, source: Type, target: Type) -> bool: ...
    def class_join(self, types: set[Type]) -> Type | None: ...
    def dispatched(self, call: T.Expr, static: ClassInfo, attr: str) -> T.Expr: ...
    def static_through_instance(self, info: ClassInfo, attr: str, function: str, loc: Loc,
                                through_class: bool = False) -> T.Expr | None: ...
    def related_operands(self, operands: list[T.Expr], ops: tuple[str, ...], loc: Loc) -> T.Expr | None: ...
    def instance_test(self, e: T.Expr, classes_node: S.Expr, loc: Loc) -> T.Expr | None: ...
    def super_call(self, node: S.Call) -> T.Expr | None: ...
    def super_attribute(self, node: S.Attribute) -> T.Expr | None: ...
    def read_narrowed(self, e: T.Expr) -> T.Expr: ...
    def narrowed_class(self, test: S.Expr, assigned: set[str]) -> AbstractContextManager[None]: ...
    def exact_class_test(self, e: T.Expr, cls: S.Expr, same: bool, loc: Loc) -> T.Expr | None: ...
    def element_type(self, items: list[T.Expr], loc: Loc) -> Type: ...  # lists.py: one type for items
    def iterable(self, node: S.Expr) -> T.Iterable | None: ...  # iteration.py
    def value_iterable(self, value: T.Expr, loc: Loc) -> T.Iterable | None: ...
    def range_value_iter(self, r: T.Expr, loc: Loc) -> T.RangeIter: ...  # ranges.py: a range value's items
    def is_iterator_call(self, node: S.Expr) -> bool: ...
    def take_expected_type(self) -> Type | None: ...  # program.py: where a comprehension or list display goes
    def pattern(self, target: S.Target, t: Type, in_loop: bool = False) -> T.Pattern | None: ...  # program.py
    def tuple_method_error(self, name: str, loc: Loc) -> T.Expr | None: ...  # vartuples.py
    def list_range(self, call: S.Call) -> T.Expr: ...  # lists.py: list(range(...))
    def list_of(self, arg: S.Expr, loc: Loc) -> T.Expr: ...  # lists.py: list(arg)
    def list_from(self, iterable: T.Iterable | None, loc: Loc) -> T.Expr: ...
    def walked_only(self, arg: S.Expr) -> bool: ...
    def numpy_function(self, member: str, node: S.Call) -> T.Expr: ...  # numpy_functions.py
    def array_method_call(self, a: T.Expr, name: str, node: S.Call) -> T.Expr: ...
    def shape_call(self, name: str, a: T.Expr, loc: Loc) -> T.Expr: ...
    def array_product(self, name: str, a: T.Expr, b: T.Expr, loc: Loc) -> T.Expr: ...
    def instance_field(self, value: T.Expr, conversion: str | None, spec: str, loc: Loc) -> T.FormatField: ...
    def instance_sort(self, name: str, lst: T.Expr, reverse: T.Expr, loc: Loc) -> T.Expr | None: ...  # dunders.py
    def augmented(self, op: str, current: T.Expr, value: T.Expr, loc: Loc) -> T.Expr: ...  # dunders.py: __iadd__
    def array_part(self, attr: str, a: T.Expr, loc: Loc) -> T.Expr: ...  # array_exprs.py: a.real, a.imag
