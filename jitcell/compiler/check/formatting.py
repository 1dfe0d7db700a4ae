"""`%` formatting and str.format of a constant format string, as the f-strings they stand for.

    "%d items, %.3f s" % (n, t)      ->  FString((FormatField(n, None, "d"), " items, ",
                                                   FormatField(t, None, ".3f"), " s"))
    "%-10s|" % name                  ->  FString((FormatField(name, "s", "<10"), "|"))
    "{} {:.2f} {name}".format(a, b, name=c)
                                     ->  FString((FormatField(a), " ", FormatField(b, None, ".2f"), " ",
                                                  FormatField(c)))

A `%` conversion becomes the format spec that gives the same text (flags `-+ #0`, width,
precision; `d i u` of a float convert it with int() first, as CPython does); `s r a` become
conversions. What CPython would raise for the format string and the arguments' number and types
("not enough arguments for format string", "unsupported format character 'y' (0x79) at index
1", "%x format: an integer is required, not float") is a CompileError with CPython's message,
as for other operations whose failure the types decide. A format string that is not a literal
is a CompileError. str.format arguments are evaluated once, in order: a field that reuses an
argument, takes them out of order or leaves one unused is accepted only when the arguments are
names or constants (their evaluation has no effect to reorder).
"""

from __future__ import annotations

import string

from jitcell.compiler import syntax as S
from jitcell.compiler import typed as T
from jitcell.compiler.types import BOOL, ERROR, FLOAT, INT, STR, Instance, Optional, Tuple
from jitcell.errors import Loc

from .host import CheckerHost
from .optional import may_be_none_instance
from .strings import formattable, instances_inside

__all__ = ["FormatChecks"]

_FLAGS = "-+ #0"
_INTEGER = "xXo"
_REAL = "eEfFgG"
_DECIMAL = "diu"


class _FormatError(Exception):
    """What CPython would raise: the message a CompileError quotes."""


class FormatChecks(CheckerHost):
    """Mixed into ExpressionChecker."""

    container_texts: set[int] = set()  # the ids of format arguments that are a container's text (format_value)

    def percent_format(self, node: S.BinOp) -> T.Expr:
        """`"..." % args` with a literal format string."""
        assert isinstance(node.left, S.Const) and isinstance(node.left.value, str)
        fmt, loc = node.left.value, node.loc
        self.container_texts = set()
        args = self.format_arguments(node.right)
        if args is None:
            return T.Literal(0, ERROR, loc)
        try:
            parts = _percent_parts(fmt, args, loc)
        except _FormatError as error:
            return self.error(str(error), loc)
        return self.format_result(parts, loc)

    def format_arguments(self, right: S.Expr) -> list[T.Expr] | None:
        """The values a `%` formats: a tuple literal's items, a tuple name's items, or one value."""
        if isinstance(right, S.Tuple):
            args = [self.format_value(e) for e in right.elts]
        else:
            value = self.expr(right) if isinstance(self.probed_type(right), Tuple) else self.format_value(right)
            if isinstance(value.type, Tuple):
                if not isinstance(right, S.Name):
                    self.error("the tuple a '%' formats must be a tuple literal or a name in jitcell", right.loc)
                    return None
                args = [T.TupleItem(value, i, t, right.loc) for i, t in enumerate(value.type.items)]
            else:
                args = [value]
        return None if any(a.type is ERROR for a in args) else args

    def str_format(self, node: S.Call) -> T.Expr:
        """`"...".format(...)` with a literal format string."""
        assert isinstance(node.func, S.Attribute)
        receiver = node.func.value
        if not (isinstance(receiver, S.Const) and isinstance(receiver.value, str)):
            return self.error("str.format() needs a literal format string in jitcell (\"{}\".format(x)); "
                              "or write an f-string", node.loc)
        self.container_texts = set()
        positional = [self.format_value(a) for a in node.args]
        named = {k.name: self.format_value(k.value) for k in node.keywords}
        if any(a.type is ERROR for a in [*positional, *named.values()]):
            return T.Literal(0, ERROR, node.loc)
        try:
            parts, used = _format_parts(receiver.value, positional, named, node.loc)
        except _FormatError as error:
            return self.error(str(error), node.loc)
        written = [*range(len(positional)), *named]
        simple = all(isinstance(a, (S.Name, S.Const)) for a in [*node.args, *(k.value for k in node.keywords)])
        if used != written and not simple:
            return self.error("str.format() here would use its arguments out of order, more than once or not "
                              "at all: jitcell needs them to be names or constants then (Python evaluates each "
                              "once, in order)", node.loc)
        return self.format_result(parts, node.loc)

    def format_value(self, node: S.Expr) -> T.Expr:
        """A value `%` or str.format() formats: an instance as it is (its field picks __str__ or
        __repr__), a list, tuple or dict of instances as its text (the same for str and repr)."""
        probed = self.probed_type(node)
        value = self.expr(node) if isinstance(probed, Instance) or isinstance(probed, Optional) and isinstance(
            probed.inner, Instance) else self.text_or_expr(node)
        if value.type is STR and instances_inside(self.probed_type(node)):
            self.container_texts = self.container_texts | {id(value)}
        return value

    def format_result(self, parts: list[str | T.FormatField], loc: Loc) -> T.Expr:
        texts, self.container_texts = self.container_texts, set()
        for i, part in enumerate(parts):
            if isinstance(part, T.FormatField) and (isinstance(part.value.type, Instance)
                                                    or may_be_none_instance(part.value)):
                parts[i] = self.instance_field(part.value, part.conversion, part.spec, part.loc)
            elif isinstance(part, T.FormatField) and id(part.value) in texts:
                if part.conversion is None and part.spec or part.conversion == "a":
                    return self.error("formatting a list, tuple or dict of instances with a format spec or !a is "
                                      "not supported", part.loc)
                parts[i] = T.FormatField(part.value, None, part.spec, part.loc)
        for part in parts:
            if isinstance(part, T.FormatField) and not formattable(part.value.type):
                return self.error(f"formatting a value of type {part.value.type} is not supported", part.loc)
        merged: list[str | T.FormatField] = []
        for part in parts:
            if isinstance(part, str) and merged and isinstance(merged[-1], str):
                merged[-1] += part
            elif part != "":
                merged.append(part)
        if all(isinstance(p, str) for p in merged):
            return T.Literal("".join(p for p in merged if isinstance(p, str)), STR, loc)
        return T.FString(tuple(merged), STR, loc)


# ---- % ---------------------------------------------------------------------------------------


def _percent_parts(fmt: str, args: list[T.Expr], loc: Loc) -> list[str | T.FormatField]:
    parts: list[str | T.FormatField] = []
    remaining = list(args)
    i, n = 0, len(fmt)
    while i < n:
        at = fmt.find("%", i)
        if at < 0:
            parts.append(fmt[i:])
            break
        parts.append(fmt[i:at])
        i = at + 1
        if i == n:
            raise _FormatError("incomplete format")
        if fmt[i] == "(":
            raise _FormatError("format requires a mapping")
        flags = ""
        while i < n and fmt[i] in _FLAGS:
            flags += fmt[i]
            i += 1
        width = precision = ""
        while i < n and fmt[i].isdigit():
            width += fmt[i]
            i += 1
        if i < n and fmt[i] == ".":
            precision = "."
            i += 1
            while i < n and fmt[i].isdigit():
                precision += fmt[i]
                i += 1
        if i < n and fmt[i] == "*":
            raise _FormatError("a '*' width or precision is not supported by jitcell: write the number")
        while i < n and fmt[i] in "hlL":
            i += 1
        if i == n:
            raise _FormatError("incomplete format")
        code = fmt[i]
        i += 1
        if code == "%":
            parts.append("%")
            continue
        if code not in "sra" + _DECIMAL + _INTEGER + _REAL + "c":
            raise _FormatError(f"unsupported format character '{code}' (0x{ord(code):x}) at index {i - 1}")
        if not remaining:
            raise _FormatError("not enough arguments for format string")
        parts.append(_percent_field(code, flags, width, precision, remaining.pop(0), loc))
    if remaining:
        raise _FormatError("not all arguments converted during string formatting")
    return parts


def _percent_field(code: str, flags: str, width: str, precision: str, value: T.Expr, loc: Loc) -> T.FormatField:
    if code in "sra":
        align = ("<" if "-" in flags else ">") if width else ""
        return T.FormatField(value, code, f"{align}{width}{precision}", loc)
    t = value.type
    if code == "c":
        raise _FormatError("'%c' formatting is not supported by jitcell: use chr()")
    if code in _INTEGER and t not in (INT, BOOL):
        raise _FormatError(f"%{code} format: an integer is required, not {t}")
    if code in _DECIMAL and t not in (INT, BOOL, FLOAT):
        raise _FormatError(f"%{code} format: a real number is required, not {t}")
    if code in _REAL and t not in (INT, BOOL, FLOAT):
        raise _FormatError(f"must be real number, not {t}")
    if code in _DECIMAL + _INTEGER and precision:
        raise _FormatError(f"a precision with %{code} is not supported by jitcell: use zero padding (%0{width}{code})")
    if code in _DECIMAL and t is FLOAT:
        value = T.Convert(value, INT, value.loc)  # CPython formats int(x)
    sign = "+" if "+" in flags else " " if " " in flags else ""
    align = "<" if "-" in flags else ""
    zero = "0" if "0" in flags and not align else ""
    alternate = "#" if "#" in flags else ""
    kind = "d" if code in _DECIMAL else code
    return T.FormatField(value, None, f"{align}{sign}{alternate}{zero}{width}{precision}{kind}", loc)


# ---- str.format --------------------------------------------------------------------------------


def _format_parts(fmt: str, positional: list[T.Expr], named: dict[str, T.Expr],
                  loc: Loc) -> tuple[list[str | T.FormatField], list[int | str]]:
    """The parts of the f-string, and which argument each field takes, in order."""
    parts: list[str | T.FormatField] = []
    used: list[int | str] = []
    automatic: bool | None = None
    next_index = 0
    try:
        parsed = list(string.Formatter().parse(fmt))  # CPython's own parser of str.format
    except ValueError as error:
        raise _FormatError(str(error)) from None
    for text, field, spec, conversion in parsed:
        parts.append(text)
        if field is None:
            continue
        spec = spec or ""
        if "{" in spec:
            raise _FormatError("a format spec with {fields} inside is not supported by jitcell")
        if any(c in field for c in ".["):
            raise _FormatError(f"the field {{{field}}} reads an attribute or an item: not supported by jitcell")
        if conversion not in (None, "s", "r", "a"):
            raise _FormatError(f"Unknown conversion specifier {conversion}")
        key: int | str
        if field == "":
            if automatic is False:
                raise _FormatError("cannot switch from manual field specification to automatic field numbering")
            automatic, key = True, next_index
            next_index += 1
        elif field.isdigit():
            if automatic is True:
                raise _FormatError("cannot switch from automatic field numbering to manual field specification")
            automatic, key = False, int(field)
        else:
            key = field
        if isinstance(key, int):
            if key >= len(positional):
                raise _FormatError(f"Replacement index {key} out of range for positional args tuple")
            value = positional[key]
        elif key not in named:
            raise _FormatError(f"KeyError: {key!r}")
        else:
            value = named[key]
        used.append(key)
        parts.append(T.FormatField(value, conversion, spec, loc))
    return parts, used
