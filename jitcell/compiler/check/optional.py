"""Values that may be None: `T | None` (`Optional[T]`), `is None` and narrowing.

    def f(xs: list[int] | None = None) -> int:     xs: list[int] | None
        if xs is None:                             IsNone(Local xs)
            return 0
        return len(xs)                             len(Unwrap(Local xs, list[int]))   # narrowed

A name of type `T | None` reads as T where the checker has proved it is not None: after
`x is not None` is true (or `x is None` false) in an if, a while, a conditional expression,
`and`/`or`, an assert, and after an early exit such as `if x is None: return 0`. Proofs are bits
of the definite-assignment State (program.py), under the name `x is not None`: they meet at joins
as bindings do, and assigning `x` clears its bit (or sets it, for a value that is not None).
Elsewhere a `T | None` must be tested before it is used as a T: a compile error says so, as mypy
would. `is`/`is not` compare with None, and bools (True and False are singletons); other values
have no identity in jitcell. An instance that may be None is the exception: its attribute read,
assigned or called unproved (`p.normalize()`) is tested at run time (`none_checked`), and None
raises CPython's `AttributeError: 'NoneType' object has no attribute 'normalize'`.

Typing's spellings (`List[int]`, `Dict[str, int]`, `Tuple[int, float]`, `Set[int]`) are read as the
builtin ones, and `int | float` as `float`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Protocol

from jitcell.compiler import syntax as S
from jitcell.compiler import typed as T
from jitcell.compiler.types import BOOL, ERROR, FLOAT, INT, NONE, STR, Dict, Instance, List, Optional, Type
from jitcell.errors import Loc

from .host import CheckerHost

__all__ = ["OPTIONAL_INNER", "OptionalChecks", "may_be_none_instance", "optional_inner", "typing_alias", "not_none"]

OPTIONAL_INNER = (INT, FLOAT, BOOL, STR)  # and lists, dicts and sets
_TYPING = {"List": "list", "Dict": "dict", "Tuple": "tuple", "Set": "set"}


def typing_alias(node: S.Expr | None) -> S.Expr | None:
    """`List[int]` as `list[int]` (typing's names for the builtin types); `int | float` as `float`,
    which PEP 484's numeric tower already reads as "an int or a float", and which jitcell's float
    takes (an int argument or result becomes a float)."""
    if isinstance(node, S.Subscript) and isinstance(node.value, S.Name) and node.value.id in _TYPING:
        return S.Subscript(S.Name(_TYPING[node.value.id], node.value.loc), node.indices, node.loc)
    match node:
        case S.BinOp(op="|", left=S.Name(id=a), right=S.Name(id=b)) if {a, b} == {"int", "float"}:
            return S.Name("float", node.loc)
    return node


def optional_inner(node: S.Expr | None) -> S.Expr | None:
    """T of the annotation `T | None`, `None | T` or `Optional[T]`, else None."""
    match node:
        case S.Subscript(value=S.Name(id="Optional"), indices=(inner,)):
            return inner
        case S.BinOp(op="|", left=left, right=S.Const(value=None)):
            return left
        case S.BinOp(op="|", left=S.Const(value=None), right=right):
            return right
    return None


def may_be_none_instance(e: T.Expr) -> bool:
    """A name or field holding an instance or None, which str(), print() and formatting show as
    'None' or the instance's text (reading it twice: check/dunders.py's instance_field)."""
    return isinstance(e.type, Optional) and isinstance(e.type.inner, Instance) and isinstance(e, (T.Local, T.GetField))


def not_none(name: str) -> str:
    """The pseudo-name whose bit in a State says that `name` is not None."""
    return f"{name} is not None"


def _is_none_test(node: S.Expr) -> tuple[str, bool] | None:
    """(name, negated) for `name is None` / `name is not None` (None on either side)."""
    if isinstance(node, S.Compare) and len(node.ops) == 1 and node.ops[0] in ("is", "is not"):
        left, right = node.left, node.comparators[0]
        if isinstance(right, S.Const) and right.value is None and isinstance(left, S.Name):
            return left.id, node.ops[0] == "is not"
        if isinstance(left, S.Const) and left.value is None and isinstance(right, S.Name):
            return right.id, node.ops[0] == "is not"
    return None


class OptionalHost(CheckerHost, Protocol):
    """What narrowing uses of FunctionChecker (program.py): its definite-assignment State."""

    state: int | None

    def bound(self, names) -> int: ...


class OptionalChecks(OptionalHost):
    """Mixed into ExpressionChecker."""

    def is_narrowed(self, name: str) -> bool:
        return self.state is None or bool(self.state & self.bound((not_none(name),)))

    @contextlib.contextmanager
    def narrowed(self, names: set[str]) -> Iterator[None]:
        """Inside: `names` are known not None (an expression's operand; nothing assigns there)."""
        if self.state is None or not names:
            yield
            return
        added = self.bound(not_none(n) for n in names) & ~self.state
        self.state |= added
        try:
            yield
        finally:
            if self.state is not None:
                self.state &= ~added

    def proofs(self, node: S.Expr) -> tuple[set[str], set[str]]:
        """The Optional locals that are not None when `node` is true, and when it is false."""
        test = _is_none_test(node)
        if test is not None:
            name, negated = test
            if not isinstance(self.locals.get(name), Optional):
                return set(), set()
            return ({name}, set()) if negated else (set(), {name})
        match node:
            case S.UnaryOp(op="not", operand=operand):
                when_true, when_false = self.proofs(operand)
                return when_false, when_true
            case S.BoolOp(op="and", values=values):  # true: every operand was true
                return set().union(*(self.proofs(v)[0] for v in values)), set()
            case S.BoolOp(op="or", values=values):  # false: every operand was false
                return set(), set().union(*(self.proofs(v)[1] for v in values))
        return set(), set()

    def operands_narrowed(self, op: str, values: tuple[S.Expr, ...],
                          check: Callable[[S.Expr], T.Expr]) -> list[T.Expr]:
        """The operands of `and`/`or`, each checked knowing what the ones before it proved."""
        out: list[T.Expr] = []
        proved: set[str] = set()
        for k, v in enumerate(values):
            earlier = S.BoolOp("and", values[:k], v.loc) if op == "and" else S.Const(None, v.loc)
            with self.narrowed(proved), self.narrowed_class(earlier, set()):  # isinstance() (inheritance.py)
                out.append(check(v))
            when_true, when_false = self.proofs(v)
            proved |= when_true if op == "and" else when_false
        return out

    @contextlib.contextmanager
    def narrowed_by(self, node: S.Expr, outcome: bool) -> Iterator[None]:
        when_true, when_false = self.proofs(node)
        with self.narrowed(when_true if outcome else when_false):
            yield

    def read_optional(self, local: T.Local) -> T.Expr:
        """A read of a local: a `T | None` proved not None reads as its T."""
        t = local.type
        if isinstance(t, Optional) and self.is_narrowed(local.name):
            return T.Unwrap(local, t.inner, local.loc)
        return local

    def none_checked(self, e: T.Expr, attribute: str) -> T.Expr:
        """An instance that may be None whose attribute is read, assigned or called: CPython's
        AttributeError at run time if it is None (unlike other `T | None`, refused as mypy does)."""
        assert isinstance(e.type, Optional) and isinstance(e.type.inner, Instance)
        return T.Unwrap(e, e.type.inner, e.loc, attribute)

    def identity(self, operands: list[T.Expr], ops: tuple[str, ...], loc: Loc) -> T.Expr:
        """`a is None`, `a is not None` (None on either side); `is` between other values is refused."""
        if len(ops) != 1:
            return self.error("'is' in a chain of comparisons is not supported; compare with None once", loc)
        left, right = operands
        if left.type is BOOL and right.type is BOOL:  # True and False are singletons: identity is equality
            return T.Compare((self.to_int(left), self.to_int(right)), ("==" if ops[0] == "is" else "!=",), BOOL, loc)
        value = left if right.type is NONE else right if left.type is NONE else None
        if value is None:
            return self.error(f"'{ops[0]}' compares identities, which jitcell's values ({left.type} and "
                              f"{right.type}) do not have; 'is' and 'is not' compare with None only (use == "
                              f"for values)", loc)
        if value.type is ERROR:
            return T.Literal(False, ERROR, loc)
        if isinstance(value, T.Unwrap):  # a value proved not None is tested as what it was
            value = value.value
        return T.IsNone(value, ops[0] == "is not", BOOL, loc)

    def coerce_optional(self, e: T.Expr, target: Optional, what: str) -> T.Expr | None:
        """`e` where a `T | None` goes: None, a T (or what converts to one), or None if neither."""
        if e.type is NONE:
            return T.NoneValue(target, e.loc)
        if isinstance(e, T.Unwrap) and e.value.type == target:
            return e.value
        if self.can_coerce(e.type, target.inner):
            return T.Wrap(self.coerce(e, target.inner, what), target, e.loc)
        return None

    def optional_join(self, values: list[T.Expr]) -> Optional | None:
        """The `T | None` that holds both values (None and a T, or a T | None and a T), else None."""
        types = [v.type for v in values]
        if ERROR in types:
            return None
        for t, other in (types, types[::-1]):
            if isinstance(t, Optional) and self.can_coerce(other, t):
                return t
            if t is NONE and other is not NONE and (other in OPTIONAL_INNER
                                                    or isinstance(other, (List, Dict, Instance))):
                return Optional(other)
        return None

    def none_hint(self, e: T.Expr, target: Type) -> str:
        """What to add to a message about a `T | None` used where its T goes."""
        if isinstance(e.type, Optional) and self.can_coerce(e.type.inner, target):
            shown = f"'{e.name} is not None'" if isinstance(e, T.Local) else "that it is not None"
            return f" (it may be None: test {shown} first)"
        return ""

