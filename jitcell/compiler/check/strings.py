"""Typing rules for str: literals, +, comparisons, `in`, len(), str() and f-strings
(characters, methods and conversions: str_methods.py).

    "n = " + str(n)        ->  Binary("+", Literal("n = "), FString((FormatField(n),)), str)
    f"{x:.2f} ms"          ->  FString((FormatField(x, None, ".2f"), " ms"), str)
    "ab" in s              ->  Compare((Literal("ab"), s), ("in",), bool)

`str(x)` is the f-string f"{x}", which CPython defines the same way for int, float,
bool and str. Mixed comparisons and concatenations are compile errors with CPython's
wording for the TypeError it would raise.
"""

from __future__ import annotations

from jitcell.compiler import syntax as S
from jitcell.compiler import typed as T
from jitcell.compiler.types import (
    BOOL,
    COMPLEX,
    ERROR,
    FLOAT,
    INT,
    STR,
    Dict,
    Instance,
    List,
    Optional,
    Set,
    Tuple,
    Type,
    is_numeric,
)
from jitcell.errors import Loc

from .host import CheckerHost
from .lists import arrays_inside
from .optional import may_be_none_instance

__all__ = ["StringChecks", "formattable", "instances_inside", "shown_tuple", "empty_tuple"]

_FORMATTABLE = (INT, FLOAT, BOOL, STR, COMPLEX)


def formattable(t: Type) -> bool:
    """Values an f-string field shows: scalars and str in compiled code, lists, sets, dicts (arrays
    in them too: copies) and tuples of scalars through Python's format()."""
    container = isinstance(t, Dict) or isinstance(t, (List, Set)) and not arrays_inside(t)
    return t in _FORMATTABLE or container and not instances_inside(t) or shown_tuple(t)


def instances_inside(t: Type) -> bool:
    """A list, set, dict or tuple holding instances (print() and f-strings show them through Python's
    reprs, which compiled instances do not reach yet)."""
    if isinstance(t, Instance):
        return True
    if isinstance(t, (List, Set)):
        return instances_inside(t.element)
    if isinstance(t, Dict):
        return instances_inside(t.key) or instances_inside(t.value)
    if isinstance(t, Optional):
        return instances_inside(t.inner)
    return isinstance(t, Tuple) and any(map(instances_inside, t.items))


def empty_tuple(e: T.Expr) -> bool:
    """`()` (or a local holding it): its text is "()" in every conversion, and reading it does nothing."""
    return isinstance(e.type, Tuple) and not e.type.items and isinstance(e, (T.MakeTuple, T.Local))


def shown_tuple(t: Type) -> bool:
    """A tuple that print(), str() and f-strings show through Python (CPython's text: items by
    repr): one of ints, floats, bools, strs, complexes and such tuples, passed as its struct."""
    return isinstance(t, Tuple) and bool(t.items) and all(item in _FORMATTABLE or shown_tuple(item) for item in t.items)


class StringChecks(CheckerHost):
    """Mixed into ExpressionChecker."""

    def fstring(self, node: S.FString) -> T.Expr:
        parts: list[str | T.FormatField] = []
        for part in node.parts:
            if isinstance(part, str):
                parts.append(part)
                continue
            if part.conversion == "r" and (shown := self.exception_args_repr(part.value)) is not None:
                parts.append(T.FormatField(shown, None, part.spec, part.loc))  # {e.args!r}: its repr, made
                continue
            value = self.text_or_expr(part.value) if part.conversion == "s" or (
                part.conversion is None and not part.spec) else self.expr(part.value)
            if empty_tuple(value) and not part.spec:
                parts.append("()")
                continue
            if isinstance(value.type, Instance) or isinstance(value.type, Optional) and isinstance(
                    value, (T.Local, T.GetField)):  # {x!r}, {x:spec}, {self.next!r} (check/dunders.py)
                parts.append(self.instance_field(value, part.conversion, part.spec, part.loc))
                continue
            if instances_inside(value.type) and not isinstance(value.type, Optional) and part.conversion != "a":
                if part.spec:  # {xs!r}: the items' reprs (check/shown.py)
                    self.error(f"unsupported format string passed to {type(value.type).__name__.lower()}.__format__",
                               part.loc)
                parts.append(T.FormatField(self.shown(part.value, value, part.conversion), None, "", part.loc))
                continue
            if value.type is not ERROR and not formattable(value.type):
                self.error(f"an f-string field of type {value.type} is not supported", part.loc)
            parts.append(T.FormatField(value, part.conversion, part.spec, part.loc))
        texts = [p for p in parts if isinstance(p, str)]
        if len(texts) == len(parts):
            return T.Literal("".join(texts), STR, node.loc)
        return T.FString(tuple(parts), STR, node.loc)

    def str_of(self, value: T.Expr, loc: Loc) -> T.Expr:
        if value.type is STR:
            return value
        if empty_tuple(value):
            return T.Literal("()", STR, loc)
        if may_be_none_instance(value):  # 'None' or its text (check/dunders.py)
            return T.FString((self.instance_field(value, None, "", loc),), STR, loc)
        if not formattable(value.type):
            return self.error(f"str() of {value.type} is not supported", loc)
        return T.FString((T.FormatField(value, None, "", loc),), STR, loc)

    def repr_of(self, arg: S.Expr, loc: Loc) -> T.Expr:
        """`repr(x)`: the text of f"{x!r}"."""
        value = self.fstring(S.FString((S.FormattedValue(arg, "r", "", loc),), loc))
        field = value.parts[0] if isinstance(value, T.FString) and len(value.parts) == 1 else None
        if isinstance(field, T.FormatField) and field.value.type is STR and field.conversion is None \
                and not field.spec:
            return field.value  # an instance's __repr__, a container's text: already the repr
        return value

    def str_binary(self, op: str, left: T.Expr, right: T.Expr, loc: Loc) -> T.Expr:
        if op == "+" and left.type is STR and right.type is STR:
            if isinstance(left, T.Literal) and isinstance(right, T.Literal):
                assert isinstance(left.value, str) and isinstance(right.value, str)  # literals of type str
                return T.Literal(left.value + right.value, STR, loc)
            return T.Binary("+", left, right, STR, loc)
        if op == "+" and left.type is STR:
            return self.error(f'can only concatenate str (not "{right.type}") to str', loc)
        if op == "%" and left.type is STR:
            return self.error("'%' formatting needs a literal format string in jitcell (\"%d items\" % n); "
                              "or write an f-string", loc)
        return self.error(f"unsupported operand type(s) for {op}: '{left.type}' and '{right.type}'", loc)

    def str_compare(self, operands: list[T.Expr], ops: tuple[str, ...], loc: Loc) -> T.Expr:
        for (op, left, right) in zip(ops, operands, operands[1:], strict=False):
            if op in ("in", "not in"):
                if right.type is not STR:
                    return self.error(f"argument of type '{right.type}' is not iterable here", right.loc)
                if left.type is not STR:
                    return self.error(f"'in <string>' requires string as left operand, not {left.type}", left.loc)
            elif (left.type is STR) != (right.type is STR):
                word = "equal" if op in ("==", "!=") else "ordered"
                return self.error(f"a str and a {right.type if left.type is STR else left.type} are never "
                                  f"{word} in jitcell: compare values of one type", loc)
            elif not (left.type is STR or is_numeric(left.type)):
                return self.error(f"comparison of {left.type} is not supported", left.loc)
        return T.Compare(tuple(self.to_int(e) if e.type is BOOL else e for e in operands), tuple(ops), BOOL, loc)
