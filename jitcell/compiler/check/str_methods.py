"""Typing rules for the characters and methods of str, and the builtins that read or make text.

    s[i]                  ->  StrOp("item", (s, i), str)
    ord(s[i])             ->  StrOp("code_at", (s, i), int)          # no one-character string made
    s[i] == "x"           ->  Compare((StrOp("code_at", (s, i)), Literal(120)), ("==",))
    s[a::-1]              ->  StrOp("slice", (s, a, 0, -1, Literal(5)), str)   # 5: start and step written
    s.find(sub, 2)        ->  StrOp("find", (s, sub, 2, Literal(2**63 - 1)), int)
    int(s, 16)            ->  StrOp("int", (s, 16), int)
    ", ".join((a, b))     ->  StrOp("join", (", ", MakeTuple(a, b)), str)

Omitted bounds become the values that mean the same to CPython (start 0, end 2**63 - 1).
What Python would refuse for its types (int(3.5, 16), "ab" - 1) is a compile error with
CPython's wording; what fails on values (an index out of range, a substring not found)
raises at run time, re-evaluated by Python for its exact message (lower/strings.py).
"""

from __future__ import annotations

from jitcell.compiler import syntax as S
from jitcell.compiler import typed as T
from jitcell.compiler.types import BOOL, ERROR, FLOAT, INT, NONE, STR, List, Tuple, Type
from jitcell.errors import Loc

from .host import CheckerHost

__all__ = ["StrMethodChecks", "STR_BUILTINS"]

_END = 2**63 - 1  # an omitted end: CPython clamps any end beyond the string to its length
STR_BUILTINS = frozenset({"ord", "chr", "hex", "oct", "bin"})

# method -> (its parameters: (name, type, default or None if required), result type)
_P = tuple[str, Type, int | str | None]
_METHODS: dict[str, tuple[tuple[_P, ...], Type]] = {
    **{name: ((("sub", STR, None), ("start", INT, 0), ("end", INT, _END)), INT)
       for name in ("find", "rfind", "index", "rindex", "count")},
    **{name: ((("prefix", STR, None), ("start", INT, 0), ("end", INT, _END)), BOOL)
       for name in ("startswith", "endswith")},
    **{name: ((("chars", STR, ""),), STR) for name in ("strip", "lstrip", "rstrip")},
    "replace": ((("old", STR, None), ("new", STR, None), ("count", INT, -1)), STR),
    **{name: ((), STR) for name in ("upper", "lower")},
    **{name: ((), BOOL) for name in ("isdigit", "isalpha", "isspace", "isalnum")},
    "zfill": ((("width", INT, None),), STR),
    **{name: ((("width", INT, None), ("fillchar", STR, " ")), STR) for name in ("ljust", "rjust", "center")},
    "join": ((("iterable", STR, None),), STR),
}
_NOT_YET = ("splitlines", "partition", "rpartition")


class StrMethodChecks(CheckerHost):
    """Mixed into ExpressionChecker."""

    # ---- s[i], s[a:b:c], s * n ------------------------------------------------------

    def str_subscript(self, s: T.Expr, indices: tuple[S.Expr, ...], loc: Loc) -> T.Expr:
        if len(indices) != 1:
            return self.error("string indices must be integers, not 'tuple'", loc)
        (index,) = indices
        if isinstance(index, S.SliceAll):
            index = S.Slice(None, None, None, index.loc)
        if isinstance(index, S.Slice):
            parts = [index.start, index.stop, index.step]
            given = sum(1 << k for k, part in enumerate(parts) if part is not None)
            values = [T.Literal(0, INT, loc) if part is None else self.str_index(self.expr(part), "slice indices")
                      for part in parts]
            if any(v.type is ERROR for v in values):
                return T.Literal(0, ERROR, loc)
            return T.StrOp("slice", (s, *values, T.Literal(given, INT, loc)), STR, loc)
        i = self.str_index(self.expr(index), "string indices")
        if i.type is ERROR:
            return i
        return T.StrOp("item", (s, i), STR, loc)

    def str_index(self, i: T.Expr, what: str) -> T.Expr:
        if i.type in (INT, BOOL):
            return self.to_int(i)
        if i.type is ERROR:
            return i
        return self.error(f"{what} must be integers, not '{i.type}'", i.loc)

    def str_repeat(self, left: T.Expr, right: T.Expr, loc: Loc) -> T.Expr:
        s, n = (left, right) if left.type is STR else (right, left)
        if n.type not in (INT, BOOL):
            return self.error(f"can't multiply sequence by non-int of type '{n.type}'", loc)
        n = self.to_int(n)
        if isinstance(s, T.Literal) and isinstance(n, T.Literal):
            assert isinstance(s.value, str) and isinstance(n.value, int)  # literals of these types
            if len(s.value) * max(n.value, 0) <= 4096:
                return T.Literal(s.value * n.value, STR, loc)
        return T.StrOp("repeat", (s, n), STR, loc)

    def str_code_compare(self, operands: list[T.Expr], ops: tuple[str, ...], loc: Loc) -> T.Expr | None:
        """`s[i] == "x"` compares code points: no one-character string is made."""
        if len(ops) != 1 or ops[0] not in ("==", "!="):
            return None
        left, right = operands
        if isinstance(right, T.StrOp) and right.op == "item":
            left, right = right, left
        if isinstance(left, T.StrOp) and left.op == "item" and isinstance(right, T.Literal) \
                and isinstance(right.value, str) and len(right.value) == 1:
            code = T.StrOp("code_at", left.args, INT, left.loc)
            return T.Compare((code, T.Literal(ord(right.value), INT, right.loc)), ops, BOOL, loc)
        return None

    # ---- builtins: ord chr hex oct bin, int(s), int(s, base), float(s) ----------------

    def str_builtin(self, name: str, args: list[T.Expr], loc: Loc) -> T.Expr:
        if len(args) != 1:
            return self.error(f"{name}() takes exactly one argument ({len(args)} given)", loc)
        (x,) = args
        if name == "ord":
            if x.type is not STR:
                return self.error(f"ord() expected string of length 1, but {x.type} found", loc)
            if isinstance(x, T.StrOp) and x.op == "item":
                return T.StrOp("code_at", x.args, INT, loc)
            return T.StrOp("ord", (x,), INT, loc)
        if x.type not in (INT, BOOL):
            return self.error(f"'{x.type}' object cannot be interpreted as an integer", loc)
        return T.StrOp(name, (self.to_int(x),), STR, loc)

    def str_to_number(self, name: str, args: list[T.Expr], loc: Loc) -> T.Expr | None:
        """int(s), int(s, base), float(s); None if the call converts a number instead."""
        if name == "int" and len(args) == 2:
            text, base = args
            if text.type is not STR:
                return self.error("int() can't convert non-string with explicit base", loc)
            if base.type not in (INT, BOOL):
                return self.error(f"'{base.type}' object cannot be interpreted as an integer", base.loc)
            return T.StrOp("int", (text, self.to_int(base)), INT, loc)
        if len(args) != 1 or args[0].type is not STR:
            return None
        if name == "int":
            return T.StrOp("int", (args[0], T.Literal(10, INT, loc)), INT, loc)
        if name == "float":
            return T.StrOp("float", (args[0],), FLOAT, loc)
        return None

    # ---- methods ----------------------------------------------------------------------

    def str_method(self, s: T.Expr, name: str, node: S.Call) -> T.Expr:
        loc = node.loc
        if name in _NOT_YET:
            return self.error(f"str.{name}() is not supported by jitcell yet", loc)
        if name in ("split", "rsplit"):
            return self.str_split(s, name, node)
        if name == "format":
            return self.str_format(node)  # formatting.py
        if name not in _METHODS:
            return self.error(f"'str' has no method {name!r} in jitcell", node.func.loc)
        params, result = _METHODS[name]
        if node.keywords and not (name == "replace" and [k.name for k in node.keywords] == ["count"]):
            return self.error(f"str.{name}() takes no keyword arguments", node.keywords[0].loc)
        written = [*node.args, *(k.value for k in node.keywords)]
        required = sum(1 for p in params if p[2] is None)
        if not required <= len(written) <= len(params):
            if not params:
                return self.error(f"str.{name}() takes no arguments ({len(written)} given)", loc)
            if len(written) < required:
                return self.error(f"{name}() takes at least {required} argument{'s' if required > 1 else ''} "
                                  f"({len(written)} given)", loc)
            return self.error(f"{name}() takes at most {len(params)} arguments ({len(written)} given)", loc)
        args: list[T.Expr] = [s]
        for k, (pname, ptype, default) in enumerate(params):
            if k >= len(written):
                if pname == "chars":
                    break  # strip() without chars: whitespace
                assert default is not None  # the required ones are written
                args.append(T.Literal(default, ptype, loc))
                continue
            value = self.expr(written[k])
            if value.type is ERROR:
                return value
            if name == "join":
                return self.str_join(s, value, loc)
            if name in ("startswith", "endswith") and k == 0 and isinstance(value.type, Tuple):
                if not all(item is STR for item in value.type.items):
                    return self.error(f"tuple for {name} must only contain str, not {value.type}", value.loc)
                args.append(value)
                continue
            if ptype is INT and value.type is NONE:
                return self.error(f"None as str.{name}()'s {pname} is not supported; leave it out", value.loc)
            if ptype is INT and value.type not in (INT, BOOL):
                return self.error(f"'{value.type}' object cannot be interpreted as an integer", value.loc)
            if ptype is STR and value.type is not STR:
                return self.error(_str_argument_message(name, pname, value.type), value.loc)
            args.append(self.to_int(value) if ptype is INT else value)
        return T.StrOp(name, tuple(args), result, loc)

    def str_split(self, s: T.Expr, name: str, node: S.Call) -> T.Expr:
        """s.split(sep=None, maxsplit=-1), s.rsplit(...): a list[str]; sep None splits at whitespace."""
        if len(node.args) > 2:
            return self.error(f"{name}() takes at most 2 arguments ({len(node.args)} given)", node.loc)
        written: dict[str, S.Expr] = dict(zip(("sep", "maxsplit")[:len(node.args)], node.args, strict=True))
        for kw in node.keywords:
            if kw.name not in ("sep", "maxsplit"):
                return self.error(f"{name}() got an unexpected keyword argument '{kw.name}'", kw.loc)
            if kw.name in written:
                return self.error(f"argument for {name}() given by name ('{kw.name}') and position", kw.loc)
            written[kw.name] = kw.value
        maxsplit: T.Expr = T.Literal(-1, INT, node.loc)
        if "maxsplit" in written:
            maxsplit = self.expr(written["maxsplit"])
            if maxsplit.type not in (INT, BOOL, ERROR):
                return self.error(f"'{maxsplit.type}' object cannot be interpreted as an integer", maxsplit.loc)
            maxsplit = self.to_int(maxsplit) if maxsplit.type is not ERROR else maxsplit
        given = written.get("sep")
        sep = None if given is None or isinstance(given, S.Const) and given.value is None else self.expr(given)
        if sep is not None and sep.type not in (STR, ERROR):
            return self.error(f"must be str or None, not {sep.type}", sep.loc)
        if maxsplit.type is ERROR or (sep is not None and sep.type is ERROR):
            return T.Literal(0, ERROR, node.loc)
        if sep is None:
            return T.StrOp(f"{name}_whitespace", (s, maxsplit), List(STR), node.loc)
        return T.StrOp(name, (s, sep, maxsplit), List(STR), node.loc)

    def str_join(self, sep: T.Expr, items: T.Expr, loc: Loc) -> T.Expr:
        if isinstance(items.type, List) and items.type.element is STR:
            return T.StrOp("join_list", (sep, items), STR, loc)
        if isinstance(items.type, List):
            return self.error(f"sequence item 0: expected str instance, {items.type.element} found", items.loc)
        if items.type.name == "list (empty, type unknown)":
            return T.Literal("", STR, loc) if isinstance(sep, T.Literal) else \
                T.StrOp("join_list", (sep, T.ListNew((), List(STR), items.loc)), STR, loc)
        if not isinstance(items.type, Tuple):
            return self.error(f"str.join() of {items.type} is not supported: jitcell joins a list or a tuple of "
                              "str", items.loc)
        for k, item in enumerate(items.type.items):
            if item is not STR:
                return self.error(f"sequence item {k}: expected str instance, {item} found", items.loc)
        return T.StrOp("join", (sep, items), STR, loc)


def _str_argument_message(method: str, param: str, found: Type) -> str:
    if method in ("startswith", "endswith"):
        return f"{method} first arg must be str or a tuple of str, not {found}"
    if method in ("strip", "lstrip", "rstrip"):
        return f"{method} arg must be None or str"
    if param == "fillchar":
        return f"The fill character must be a unicode character, not {found}"
    return f"must be str, not {found}"
