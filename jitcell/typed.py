"""The typed tree: what `check` produces and `lower` consumes.

Every expression knows its type, every implicit conversion is explicit, every name
is resolved::

    x = n + 0.5       ->   Assign(("x",), (Binary("+", Convert(Local("n", int), float),
                                                  Literal(0.5, float), float),))

Operands of `Binary` already have one common type, except where the operator
itself mixes them (int `/` int gives a float). `Compare` operands may mix int and
float: Python compares those exactly, and `lower` does too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import Loc
from .types import Type

# ---- expressions -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Literal:
    value: int | float | bool | str
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class Local:
    name: str
    type: Type
    loc: Loc
    may_be_unbound: bool = False  # reading it checks at run time, like Python's UnboundLocalError


@dataclass(frozen=True, slots=True)
class Unary:
    op: str  # "-", "~", "not"
    operand: Expr
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class Binary:
    op: str
    left: Expr
    right: Expr
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class Compare:
    operands: tuple[Expr, ...]
    ops: tuple[str, ...]
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class Logical:
    op: str  # "and", "or": Python's value semantics, operands of one type
    values: tuple[Expr, ...]
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class Conditional:
    test: Expr
    body: Expr
    orelse: Expr
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class Convert:
    """int->float, bool->int, bool->float, float->int (checked), and any->bool (truthiness)."""

    operand: Expr
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class CallCell:
    """A call of a cell function: `args` in parameter order, defaults filled in.

    `order` lists the indices of `args` in the order the call wrote them, which is
    the order they are evaluated in: `f(b=g(), a=h())` evaluates g() first.
    """

    function: str
    args: tuple[Expr, ...]
    order: tuple[int, ...]
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class Intrinsic:
    """A builtin or math function: "abs", "min", "max", "math.sqrt", "math.floor", ..."""

    name: str
    args: tuple[Expr, ...]
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class FormatField:
    """A field of an f-string (and `str(x)`, which is f"{x}"): format(value, spec)."""

    value: Expr
    conversion: str | None  # "r", "s", "a"
    spec: str
    loc: Loc


@dataclass(frozen=True, slots=True)
class FString:
    parts: tuple[str | FormatField, ...]  # a str is literal text
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class MakeTuple:
    items: tuple[Expr, ...]
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class TupleItem:
    value: Expr
    index: int
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class Print:
    items: tuple[Expr | str, ...]  # a str is literal text
    sep: str
    end: str
    flush: bool
    type: Type
    loc: Loc


Expr = (Literal | Local | Unary | Binary | Compare | Logical | Conditional | Convert | CallCell
        | Intrinsic | Print | FString | MakeTuple | TupleItem)

# ---- statements --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Assign:
    names: tuple[str, ...]
    values: tuple[Expr, ...]  # all evaluated before any name is bound
    loc: Loc


@dataclass(frozen=True, slots=True)
class Unpack:
    """`a, b = value` where value is a tuple: evaluated once, its items bound in order."""

    names: tuple[str, ...]
    value: Expr
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
class ForRange:
    var: str
    start: Expr
    stop: Expr
    step: Expr
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
class Assert:
    test: Expr
    msg: Expr | str | None
    loc: Loc


@dataclass(frozen=True, slots=True)
class Eval:
    expr: Expr
    loc: Loc


Stmt = Assign | Unpack | If | While | ForRange | Break | Continue | Return | Assert | Eval

# ---- functions ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Signature:
    params: tuple[tuple[str, Type], ...]
    returns: Type
    defaults: tuple[int | float | bool, ...] = ()  # for the last len(defaults) params

    def __str__(self) -> str:
        parts = []
        first_default = len(self.params) - len(self.defaults)
        for i, (name, t) in enumerate(self.params):
            text = f"{name}: {t}"
            if i >= first_default:
                text += f" = {self.defaults[i - first_default]!r}"
            parts.append(text)
        return f"({', '.join(parts)}) -> {self.returns}"


@dataclass(frozen=True, slots=True)
class Function:
    name: str
    signature: Signature
    locals: dict[str, Type] = field(hash=False)
    body: tuple[Stmt, ...]
    docstring: str | None
    loc: Loc


@dataclass(frozen=True, slots=True)
class Program:
    functions: tuple[Function, ...]
