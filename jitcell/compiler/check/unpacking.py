"""check: tuple targets over lists, strs, arrays, and starred targets, as CPython unpacks them.

    x, y, z = lst        ->  Pattern(items x y z, Unpacking(parts v[0] v[1] v[2], length len(v), expected 3))
    first, *rest = xs    ->  Unpacking(parts v[0] v[1:], length len(v), expected 2, starred)
    a, *mid, b = t       ->  a tuple: Unpacking(parts t[0] [t[1], t[2]] t[3], length None: known here)

`v` is a Hole standing for the value: each part is an ordinary typed expression (an item, a
slice, a list display) checked by the checker's own rules, so an item of a list of str is owned
like any other. A set or a dict (its keys) is unpacked as list(v), in iteration order, and a dict
view `d.keys()` (or `range`, `enumerate`, `zip`, `reversed`) as list(d.keys()) (`unpacked_value`).
The length is checked at run time with CPython's ValueError texts; a tuple's is known here. The
starred target always gets a list, as in Python.
"""

from __future__ import annotations

from jitcell.compiler import syntax as S
from jitcell.compiler import typed as T
from jitcell.compiler.types import ERROR, STR, Array, Dict, List, Set, Tuple, Type, VarTuple

from .host import CheckerHost
from .lists import EMPTY_LIST

__all__ = ["UnpackingChecks", "unpacked_value"]

_ITEM = "jitcell.item"  # the variable of the comprehension that lists a str's (or an array's) starred items


_ITERATORS = ("range", "enumerate", "zip", "reversed")  # builtins whose values are only iterated


def unpacked_value(value: S.Expr) -> S.Expr:
    """The value a tuple target unpacks: `x, y = d.keys()` unpacks list(d.keys()), and
    `i, j = range(2)` list(range(2)) (likewise enumerate, zip and reversed)."""
    if not isinstance(value, S.Call):
        return value
    view = isinstance(value.func, S.Attribute) and not value.args and not value.keywords and \
        value.func.attr in ("keys", "values", "items")
    if view or (isinstance(value.func, S.Name) and value.func.id in _ITERATORS):
        return S.Call(S.Name("list", value.loc), (value,), (), value.loc)
    return value


class UnpackingChecks(CheckerHost):
    """Mixed into FunctionChecker (program.py), whose `pattern` fills each target."""

    def unpacking_pattern(self, target: S.Tuple, t: Type, in_loop: bool) -> T.Pattern | None:
        """A tuple target with a starred item, or over a value that is not a tuple."""
        elts: tuple[S.Target, ...] = target.elts  # type: ignore[assignment]  # parse made targets of them
        loc = target.loc
        star = next((i for i, e in enumerate(elts) if isinstance(e, S.Starred)), None)
        after = 0 if star is None else len(elts) - star - 1
        need = len(elts) - (star is not None)
        received: S.Expr = S.Received(t, loc)
        length: T.Expr | None = None
        if isinstance(t, (Set, Dict)):  # a set's elements (a dict's keys) in iteration order, as a list
            length = self.expr(S.Call(S.Name("len", loc), (received,), (), loc))
            received = S.Call(S.Name("list", loc), (received,), (), loc)
            t = List(t.element if isinstance(t, Set) else t.key)
        if isinstance(t, Tuple):
            n = len(t.items)
            if star is None or n < need:
                more = "at least " if star is not None else ""
                self.error(f"too many values to unpack (expected {len(elts)})" if n > need else
                           f"not enough values to unpack (expected {more}{need}, got {n})", loc)
                return None
            indices = [S.Const(i, loc) for i in range(n)]
        elif t is ERROR:  # reported where it was made; reads of the names report nothing more
            for name in _names(target):
                self.locals.setdefault(name, ERROR)
            return None
        elif isinstance(t, List) or t is STR or isinstance(t, Array):
            if length is None:
                length = self.expr(S.Call(S.Name("len", loc), (received,), (), loc))
            indices = [S.Const(i, loc) for i in range(len(elts) if star is None else star)]
            indices += [S.Const(i - after, loc) for i in range(after)]
        else:
            self.error(f"cannot unpack non-iterable {t} object" if t.name in ("int", "float", "bool") else
                       f"cannot unpack {t} into {len(elts)} targets: jitcell unpacks tuples, lists, str, "
                       "arrays, sets, dicts and dict views", loc)
            return None
        syntax: list[S.Expr] = [S.Subscript(received, (i,), loc) for i in indices]
        if star is not None:
            if isinstance(t, Tuple):  # a list display of the items the others leave
                left = tuple(syntax[star:len(syntax) - after])
                syntax[star:len(syntax) - after] = [S.ListLiteral(left, elts[star].loc)]
            else:
                stop = S.Const(-after, loc) if after else None
                part: S.Expr = S.Subscript(received, (S.Slice(S.Const(star, loc), stop, None, loc),), loc)
                if not isinstance(t, List) or isinstance(t, VarTuple):  # a str's characters (an array's or a
                    # tuple[T, ...]'s items) in a new list
                    item = S.Name(_ITEM, loc)
                    part = S.Comprehension("list", item, None, (S.Generator(item, part, (), loc),), loc)
                syntax.insert(star, part)
        parts = [self.expr(p) for p in syntax]
        if any(p.type is ERROR for p in parts) or (length is not None and length.type is ERROR):
            return None
        if star is not None and parts[star].type is EMPTY_LIST:
            starred = elts[star]
            assert isinstance(starred, S.Starred)  # found above
            declared = self.locals.get(starred.target.id) if isinstance(starred.target, S.Name) else None
            if not isinstance(declared, List) or isinstance(declared, VarTuple):
                self.error("the starred target gets no items here, so the type of its list is not known; "
                           "annotate the name first, e.g. 'rest: list[int] = []'", starred.loc)
                return None
            parts[star] = self.coerce(parts[star], declared, "the starred target's list")
        items = [self.pattern(e.target if isinstance(e, S.Starred) else e, p.type, in_loop)
                 for e, p in zip(elts, parts, strict=True)]
        if any(i is None for i in items):
            return None
        unpacking = T.Unpacking(tuple(parts), length, need, star is not None)
        return T.Pattern(t, None, tuple(i for i in items if i is not None), unpacking)


def _names(target: S.Expr) -> list[str]:
    """The names a target binds."""
    if isinstance(target, S.Name):
        return [target.id]
    if isinstance(target, S.Starred):
        return _names(target.target)
    return [n for e in target.elts for n in _names(e)] if isinstance(target, S.Tuple) else []
