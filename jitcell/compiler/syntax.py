"""The untyped syntax tree that `parse` produces: Python's syntax, jitcell's subset.

Each node is a small frozen dataclass that carries its cell location::

    def f(n: int):            FunctionDef("f", (Param("n", Name("int")),), None,
        return n + 1     ->        (Return(BinOp("+", Name("n"), Const(1))),), ...)

Only constructs jitcell compiles have a node; everything else is rejected by `parse`.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import EllipsisType

from jitcell.errors import Diagnostic, Loc

from .types import Type

# ---- expressions -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Name:
    id: str
    loc: Loc


@dataclass(frozen=True, slots=True)
class Const:
    value: int | float | bool | str | complex | EllipsisType | None  # `...` only in an annotation (tuple[int, ...])
    loc: Loc


@dataclass(frozen=True, slots=True)
class BinOp:
    op: str  # "+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^"
    left: Expr
    right: Expr
    loc: Loc


@dataclass(frozen=True, slots=True)
class UnaryOp:
    op: str  # "-", "+", "~", "not"
    operand: Expr
    loc: Loc


@dataclass(frozen=True, slots=True)
class BoolOp:
    op: str  # "and", "or"
    values: tuple[Expr, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class Compare:
    left: Expr
    ops: tuple[str, ...]  # "<", "<=", ">", ">=", "==", "!=", "in", "not in"
    comparators: tuple[Expr, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class IfExp:
    test: Expr
    body: Expr
    orelse: Expr
    loc: Loc


@dataclass(frozen=True, slots=True)
class Keyword:
    name: str
    value: Expr
    loc: Loc


@dataclass(frozen=True, slots=True)
class Call:
    func: Expr
    args: tuple[Expr, ...]
    keywords: tuple[Keyword, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class Attribute:
    value: Expr
    attr: str
    loc: Loc


@dataclass(frozen=True, slots=True)
class Tuple:
    elts: tuple[Expr, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class Subscript:
    """`value[index]` or `value[i, j]` (indices holds each)."""

    value: Expr
    indices: tuple[Expr, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class SliceAll:
    """A bare `:`, as in the annotation `float[:, :]`."""

    loc: Loc


@dataclass(frozen=True, slots=True)
class Slice:
    """`start:stop:step` inside brackets, any part omitted (None); a bare `:` is SliceAll."""

    start: Expr | None
    stop: Expr | None
    step: Expr | None
    loc: Loc


@dataclass(frozen=True, slots=True)
class SetLiteral:
    elts: tuple[Expr, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class ListLiteral:
    elts: tuple[Expr, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class DictLiteral:
    keys: tuple[Expr, ...]
    values: tuple[Expr, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class FormattedValue:
    """A `{value!conversion:spec}` field of an f-string."""

    value: Expr
    conversion: str | None  # "s", "r", "a"
    spec: str
    loc: Loc


@dataclass(frozen=True, slots=True)
class FString:
    parts: tuple[str | FormattedValue, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class Received:
    """The value an unpacking target receives (`a[i]` in `a[i], a[j] = ...`): made by check, never parsed."""

    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class Starred:
    """`*rest` among the targets of a tuple target: takes the items the others leave, as a list."""

    target: Target
    loc: Loc


@dataclass(frozen=True, slots=True)
class Generator:
    """One `for target in iter if cond if cond` clause of a comprehension."""

    target: Target
    iter: Expr
    ifs: tuple[Expr, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class Comprehension:
    """`[e for ...]` (kind "list"), `{e for ...}` ("set"), `{k: v for ...}` ("dict", value v),
    `(e for ...)` ("generator")."""

    kind: str
    element: Expr
    value: Expr | None
    generators: tuple[Generator, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class NewInstance:
    """A new instance of class `cls`, its fields at their defaults: the first statement of the
    constructor check/classes.py writes for each class, never parsed."""

    cls: str
    loc: Loc


Expr = (Name | Const | BinOp | UnaryOp | BoolOp | Compare | IfExp | Call | Attribute | Tuple | FString
        | Subscript | SliceAll | Slice | ListLiteral | DictLiteral | SetLiteral | Received | Comprehension | Starred
        | NewInstance)

# An assignment target: a name, an item, or a tuple of targets (`for i, (a, b) in ...`), one of which
# may be starred (`first, *rest = xs`).
Target = Name | Subscript | Tuple | Starred | Attribute

# ---- statements --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Assign:
    targets: tuple[Name, ...]  # several targets: `a, b = x, y` (simultaneous)
    value: Expr
    annotation: Expr | None
    loc: Loc


@dataclass(frozen=True, slots=True)
class AssignTargets:
    """`a = b = v`, `a[i], a[j] = a[j], a[i]`, `(x, y), m = p`: the value is evaluated once, then
    given to each target left to right (a tuple target takes its items left to right)."""

    targets: tuple[Target, ...]
    value: Expr
    loc: Loc


@dataclass(frozen=True, slots=True)
class AssignAttr:
    """`obj.attr = value`, `obj.attr: T = value` (a field's type, in `__init__`), or with `op`,
    `obj.attr op= value` (obj evaluated once): a field of an instance (check/classes.py)."""

    target: Attribute
    value: Expr
    op: str | None
    annotation: Expr | None
    loc: Loc


@dataclass(frozen=True, slots=True)
class AugAssign:
    target: Name
    op: str
    value: Expr
    loc: Loc


@dataclass(frozen=True, slots=True)
class AssignItem:
    """`target[index] = value`: an element of an array or an entry of a dict."""

    target: Subscript
    value: Expr
    loc: Loc


@dataclass(frozen=True, slots=True)
class AugAssignItem:
    """`target[index] op= value`: the container and the index are evaluated once."""

    target: Subscript
    op: str
    value: Expr
    loc: Loc


@dataclass(frozen=True, slots=True)
class DeleteItem:
    """`del d[key]`."""

    target: Subscript
    loc: Loc


@dataclass(frozen=True, slots=True)
class If:
    test: Expr
    body: tuple[Stmt, ...]
    orelse: tuple[Stmt, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class While:
    test: Expr
    body: tuple[Stmt, ...]
    orelse: tuple[Stmt, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class For:
    target: Target  # a name, or a Tuple of targets for `for k, v in d.items()`, `for i, (a, b) in ...`
    iter: Expr
    body: tuple[Stmt, ...]
    orelse: tuple[Stmt, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class Break:
    loc: Loc


@dataclass(frozen=True, slots=True)
class Continue:
    loc: Loc


@dataclass(frozen=True, slots=True)
class Return:
    value: Expr | None
    loc: Loc


@dataclass(frozen=True, slots=True)
class Pass:
    loc: Loc


@dataclass(frozen=True, slots=True)
class Assert:
    test: Expr
    msg: Expr | None
    loc: Loc


@dataclass(frozen=True, slots=True)
class Raise:
    exc: Expr | None  # None: a bare `raise`
    cause: Expr | None  # `from cause`
    loc: Loc


@dataclass(frozen=True, slots=True)
class Handler:
    classes: tuple[Name, ...] | None  # None: a bare `except:`
    name: str | None  # `as name`
    body: tuple[Stmt, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class Try:
    body: tuple[Stmt, ...]
    handlers: tuple[Handler, ...]
    orelse: tuple[Stmt, ...]
    finalbody: tuple[Stmt, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class Yield:
    """`yield value` as a statement (a generator function's body)."""

    value: Expr | None
    loc: Loc


@dataclass(frozen=True, slots=True)
class ExprStmt:
    value: Expr
    loc: Loc


@dataclass(frozen=True, slots=True)
class Emit:
    """The innermost step of a comprehension: add `element` (and `value`, for a dict) to the
    comprehension's result `result`. Made by check (check/comprehensions.py), never parsed."""

    kind: str
    result: str
    element: Expr
    value: Expr | None
    loc: Loc


Stmt = (Assign | AssignTargets | AssignAttr | AugAssign | AssignItem | AugAssignItem | DeleteItem | If | While | For
        | Break
        | Continue | Return | Pass | Assert | Raise | Try | ExprStmt | Yield | Emit)

# ---- top level ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    annotation: Expr | None
    default: Expr | None
    loc: Loc
    keyword_only: bool = False  # after `*`


@dataclass(frozen=True, slots=True)
class FunctionDef:
    name: str
    params: tuple[Param, ...]
    returns: Expr | None
    body: tuple[Stmt, ...]
    docstring: str | None
    loc: Loc
    global_names: frozenset[str] = frozenset()  # `global x` in its body (module variables it assigns)
    script: bool = False  # the top-level statements of a kernel cell (`__cell__`, parse.py)
    generator: bool = False  # its body holds `yield`
    imports: tuple[Import, ...] = ()  # imports in its body: names for this function only (check/program.py)


@dataclass(frozen=True, slots=True)
class Variable:
    """A module variable a kernel cell declares at its top level: `total: int = 0`."""

    name: str
    annotation: Expr
    loc: Loc


@dataclass(frozen=True, slots=True)
class Constant:
    """A constant a %%jit cell defines at its top level: `PI = 3.14159`, `N: int = 100`,
    `A, B = 1, 2` (each name with its item of the value, `index`)."""

    name: str
    value: Expr
    annotation: Expr | None
    loc: Loc
    index: int | None = None  # the item of a tuple value this name takes, in `A, B = 1, 2`


@dataclass(frozen=True, slots=True)
class Import:
    """`import math [as m]` or `from math import sqrt [as root], ...`: local name -> math member."""

    names: tuple[tuple[str, str], ...]  # (local name, "math" or "math.sqrt")
    loc: Loc


@dataclass(frozen=True, slots=True)
class Field:
    """`x: float` (or `x: float = 0.0`) in a class body, or `self.x = ...` in its `__init__`."""

    name: str
    annotation: Expr | None  # None: typed from the value `__init__` assigns (check/classes.py)
    default: Expr | None
    loc: Loc
    value: Expr | None = None  # what `__init__` assigns, for a field its body does not annotate


@dataclass(frozen=True, slots=True)
class ClassDef:
    """A class of a cell. Its methods are among the module's functions, named "Point.norm"
    (a method's `self` annotated as the class); `static` names its @staticmethods."""

    name: str
    fields: tuple[Field, ...]
    methods: tuple[str, ...]  # the functions' names, "Point.__init__" included
    static: frozenset[str]
    docstring: str | None
    loc: Loc
    initialized: frozenset[str] = frozenset()  # the fields __init__ assigns unconditionally (its top level)
    properties: frozenset[str] = frozenset()  # methods that are @property getters
    base: str | None = None  # `class B(A):` A, a class of the cell defined before (check/inheritance.py)
    base_init: str | None = None  # the class whose __init__ this one's calls at its top level (super())
    classmethods: frozenset[str] = frozenset()  # the @classmethods among `static`
    frozen: bool = False  # @dataclass(frozen=True): only its generated __init__ assigns fields
    generated: frozenset[str] = frozenset()  # methods @dataclass or an ordering wrote (parse_dunders.py)
    constants: tuple[Constant, ...] = ()  # `MDIG = 32` in the class body, in order (check/class_constants.py)
    slots: tuple[str, ...] | None = None  # the names of `__slots__ = ("x", "y")`, if the body sets it


@dataclass(frozen=True, slots=True)
class Module:
    functions: tuple[FunctionDef, ...]
    imports: tuple[Import, ...]
    # What `parse` rejected, for `check` to report together with its own findings;
    # the functions in `broken` lost statements to those errors and are not checked.
    errors: tuple[Diagnostic, ...] = ()
    broken: frozenset[str] = frozenset()
    variables: tuple[Variable, ...] = ()  # kernel cells only (script=True)
    constants: tuple[Constant, ...] = ()  # %%jit cells only (script=False), in order
    classes: tuple[ClassDef, ...] = ()
