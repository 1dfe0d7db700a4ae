"""Typing rules for lists: literals, l[i], methods, operators, len, list(), sorted(), `in`.

    xs = [1, 2.5]               ->  ListNew((Convert(1, float), 2.5), list[float])
    xs.append(x)                ->  ListOp("append", (xs, x), None)
    xs.sort(key=norm)           ->  ListOp("sort", (xs, False), None, key=CallCell("norm", (Hole,)))
    result = []; result.append((i, x))   ->  result: list[tuple[int, float]] (inferred from use)

Elements may be of any type of the language. A float list also takes ints, as a float
variable does. An empty `[]` takes its type from where it goes (an annotated name, a
parameter, a return value, an item of a typed list) or from the first append, insert,
extend or `+=` to the local it was assigned to; where none gives it one, check asks for an
annotation.
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
    NONE,
    RANGE,
    STR,
    Dict,
    Function,
    Generator,
    Instance,
    List,
    Optional,
    Set,
    Tuple,
    Type,
    VarTuple,
    arrays_inside,
)
from jitcell.errors import Loc

from .constants import typed_default
from .host import CheckerHost
from .none_lists import NONE_LIST, none_items

__all__ = ["ListChecks", "EMPTY_LIST", "arrays_inside", "comparable", "orderable", "element_problem"]

EMPTY_LIST = Type("list (empty, type unknown)")
_NO_ARGS = ("clear", "reverse", "copy")


def element_problem(t: Type) -> str | None:
    """Why a list cannot hold items of type t, or None."""
    if isinstance(t, Function):
        return "a list cannot hold functions in jitcell (a function value is a parameter or a local variable)"
    if t is RANGE:
        return "a list cannot hold a range in jitcell; make a list of its items: list(r)"
    if isinstance(t, Optional) and not isinstance(t.inner, Instance):  # list[C | None]: check/none_lists.py
        return f"a list cannot hold values that may be None ({t}) in jitcell"
    if isinstance(t, Tuple):
        return next((p for p in map(element_problem, t.items) if p), None)
    if isinstance(t, List):
        return element_problem(t.element)
    if isinstance(t, Dict):
        return element_problem(t.value)
    return None


def comparable(t: Type) -> bool:
    """Can two values of t be compared with == by the generated item comparison (lower/lists.py)?"""
    if t in (INT, FLOAT, BOOL, STR, COMPLEX):
        return True
    if isinstance(t, Tuple):
        return all(comparable(i) for i in t.items)
    if isinstance(t, Dict):
        return comparable(t.value)
    return isinstance(t, Set) or isinstance(t, List) and comparable(t.element)


def orderable(t: Type) -> bool:
    if t in (INT, FLOAT, BOOL, STR):
        return True
    if isinstance(t, Tuple):
        return all(orderable(i) for i in t.items)
    return isinstance(t, List) and orderable(t.element)


class ListChecks(CheckerHost):
    """Mixed into ExpressionChecker."""

    # ---- values ----------------------------------------------------------------------

    def list_literal(self, node: S.ListLiteral) -> T.Expr:
        expected = self.take_expected_type()  # before the items, which are displays of their own
        items = [self.expr(e) for e in node.elts]
        if not items:
            return T.ListNew((), EMPTY_LIST, node.loc)
        if all(i.type is NONE for i in items):  # [None] * n: a list[C | None] (check/none_lists.py)
            return none_items(expected, len(items), node.loc)
        if any(e.type is ERROR for e in items):
            return T.Literal(0, ERROR, node.loc)
        if isinstance(expected, List) and EMPTY_LIST in {i.type for i in items} and \
                all(i.type is EMPTY_LIST or self.can_coerce(i.type, expected.element) for i in items):
            # `rows: list[list[int]] = [[], [1]]`: the empty lists take the declared item type
            typed = [self.empty_list_as(i, expected.element) or self.coerce(i, expected.element, "a list item")
                     for i in items]
            return T.ListNew(tuple(typed), expected, node.loc)
        if isinstance(expected, List) and isinstance(expected.element, Instance) \
                and all(self.can_coerce(i.type, expected.element) for i in items):  # a base class's instances
            return T.ListNew(tuple(self.coerce(i, expected.element, "a list item") for i in items), expected, node.loc)
        element = self.element_type(items, node.loc)
        if element is ERROR:
            return T.Literal(0, ERROR, node.loc)
        return T.ListNew(tuple(self.coerce(i, element, "a list item") for i in items), List(element), node.loc)

    def element_type(self, items: list[T.Expr], loc: Loc) -> Type:
        types = {i.type for i in items}
        if types == {INT, FLOAT} or types == {BOOL, FLOAT} or types == {INT, BOOL, FLOAT}:
            return FLOAT
        known = types - {EMPTY_LIST}
        if EMPTY_LIST in types and len(known) == 1 and isinstance(next(iter(known)), List):
            return next(iter(known))
        if EMPTY_LIST in types and not known:
            self.error("cannot infer the element type of a list of empty lists; annotate it, "
                       "e.g. 'rows: list[list[int]] = [[], []]'", loc)
            return ERROR
        if types == {NONE}:
            self.error("a list of None is not supported: a jitcell list holds values of one type (int, float, str, "
                       "a tuple, a list...), and None is none of them; build the list from its values, e.g. "
                       "[f(i) for i in range(n)]", loc)
            return ERROR
        t = self.class_join(types) or self.same_type(items, "a list literal", loc)  # check/inheritance.py
        if t is NONE or t is ERROR:
            return ERROR
        if (problem := element_problem(t)) is not None:
            self.error(problem, loc)
            return ERROR
        if t.name.startswith("dict (empty"):
            self.error("the type of an empty dict is not known in a list literal; annotate the list, "
                       "e.g. 'ds: list[dict[str, int]] = [{}]'", loc)
            return ERROR
        return t

    def empty_list_as(self, e: T.Expr, target: Type) -> T.Expr | None:
        """An empty `[]` going where a list type is known."""
        if e.type is EMPTY_LIST and isinstance(target, List):
            return T.ListNew((), target, e.loc)
        return None

    def list_item(self, lst: T.Expr, indices: tuple[S.Expr, ...], loc: Loc) -> T.Expr:
        assert isinstance(lst.type, List)  # here and below: the caller has found that lst is a list
        if len(indices) != 1:
            return self.error("list indices must be integers or slices, not tuple", loc)
        if isinstance(indices[0], (S.Slice, S.SliceAll)):
            bounds = self.slice_bounds(indices[0], loc)
            if bounds is None:
                return T.Literal(0, ERROR, loc)
            return T.ListOp("slice", (lst, *bounds), lst.type, loc)
        index = self.list_index(self.expr(indices[0]))
        return T.ListOp("item", (lst, index), lst.type.element, loc)

    def slice_bounds(self, index: S.Slice | S.SliceAll, loc: Loc) -> tuple[T.Expr, ...] | None:
        """start, stop, step (0 where omitted) and a literal saying which were written (1 start,
        2 stop, 4 step), as str slices take them; None after an error."""
        parts = [None, None, None] if isinstance(index, S.SliceAll) else [index.start, index.stop, index.step]
        given = sum(1 << k for k, part in enumerate(parts) if part is not None)
        values: list[T.Expr] = []
        for part in parts:
            if part is None:
                values.append(T.Literal(0, INT, loc))
                continue
            value = self.expr(part)
            if value.type not in (INT, BOOL, ERROR):
                value = self.error("slice indices must be integers or None or have an __index__ method",
                                   part.loc)
            values.append(self.to_int(value) if value.type is not ERROR else value)
        if any(v.type is ERROR for v in values):
            return None
        return (*values, T.Literal(given, INT, loc))

    def list_index(self, e: T.Expr) -> T.Expr:
        if e.type not in (INT, BOOL, ERROR):
            return self.error(f"list indices must be integers, not {e.type}", e.loc)
        return self.to_int(e)

    def list_binary(self, op: str, left: T.Expr, right: T.Expr, loc: Loc) -> T.Expr:
        if op == "+":
            t = left.type if isinstance(left.type, List) else right.type
            if isinstance(t, List) and self.can_coerce(left.type, t) and self.can_coerce(right.type, t):
                return T.ListOp("concat", (self.coerce(left, t, "a list"), self.coerce(right, t, "a list")), t, loc)
            if left.type is EMPTY_LIST and right.type is EMPTY_LIST:
                return T.ListNew((), EMPTY_LIST, loc)
            return self.error(f'can only concatenate {left.type} (not "{right.type}") to {left.type}', loc)
        if op == "*":
            lst, times = (left, right) if isinstance(left.type, List) or left.type in (EMPTY_LIST, NONE_LIST) \
                else (right, left)
            if times.type not in (INT, BOOL):
                return self.error(f"can't multiply sequence by non-int of type '{times.type}'", loc)
            if lst.type in (EMPTY_LIST, NONE_LIST):
                return T.ListNew((), lst.type, loc)
            return T.ListOp("repeat", (lst, self.to_int(times)) if lst is left else (self.to_int(times), lst),
                            lst.type, loc)
        return self.error(f"unsupported operand type(s) for {op}: '{left.type}' and '{right.type}'", loc)

    def list_compare(self, operands: list[T.Expr], ops: tuple[str, ...], loc: Loc) -> T.Expr:
        if len(ops) == 1 and ops[0] in ("in", "not in"):
            x, lst = operands
            if not isinstance(lst.type, List):
                return self.error(f"'in' with a {x.type} on the left and {lst.type} on the right is not "
                                  "supported", loc)
            if not comparable(lst.type.element):
                return self.error(f"'in' over a {lst.type} is not supported: its items cannot be compared "
                                  "in jitcell", loc)
            item = self.coerce(x, lst.type.element, f"the value looked for in a {lst.type}")
            contains = T.ListOp("contains", (item, lst), BOOL, loc)
            return T.Unary("not", contains, BOOL, loc) if ops[0] == "not in" else contains
        t = next(e.type for e in operands if isinstance(e.type, List))
        typed = []
        for e in operands:
            if not self.can_coerce(e.type, t):
                return self.error(f"comparing {t} with {e.type} is not supported: compare lists of one type", loc)
            typed.append(self.coerce(e, t, "a list"))
        assert isinstance(t, List)
        ordered = any(op not in ("==", "!=") for op in ops)
        if "in" in ops or "not in" in ops:
            return self.error("'in' is not supported in a chain of comparisons of lists", loc)
        if not (orderable(t.element) if ordered else comparable(t.element)):
            return self.error(f"comparing values of type {t} is not supported: its items cannot be "
                              f"{'ordered' if ordered else 'compared'} in jitcell", loc)
        return T.Compare(tuple(typed), ops, BOOL, loc)

    # ---- methods and builtins ------------------------------------------------------------

    def list_method(self, lst: T.Expr, name: str, node: S.Call) -> T.Expr:
        if lst.type is EMPTY_LIST:
            lst = self.infer_from_use(lst, name, node)
            if lst.type is ERROR:
                return lst
        assert isinstance(lst.type, List)
        t, element, loc = lst.type, lst.type.element, node.loc
        if isinstance(t, VarTuple) and (refused := self.tuple_method_error(name, node.func.loc)) is not None:
            return refused
        if name == "sort":
            return self.list_sort("sort", lst, node)
        if node.keywords:
            return self.error(f"list.{name}() takes no keyword arguments", node.keywords[0].loc)
        args = [self.expr(a) for a in node.args]
        if any(a.type is ERROR for a in args):
            return T.Literal(0, ERROR, loc)
        arity = {"append": (1, 1), "extend": (1, 1), "insert": (2, 2), "pop": (0, 1), "remove": (1, 1),
                 "index": (1, 3), "count": (1, 1), "clear": (0, 0), "reverse": (0, 0), "copy": (0, 0)}
        if name not in arity:
            return self.error(f"'list' object has no attribute '{name}' in jitcell", node.func.loc)
        low, high = arity[name]
        if not low <= len(args) <= high:
            expected = str(low) if low == high else f"{low} to {high}"
            return self.error(f"list.{name}() takes {expected} argument{'s' if high != 1 else ''} "
                              f"({len(args)} given)", loc)
        if name in ("append", "remove", "count", "index"):
            if name != "append" and not comparable(element):
                return self.error(f"list.{name}() of a {t} is not supported: its items cannot be compared in "
                                  "jitcell", loc)
            value = self.coerce(args[0], element, f"the argument of list.{name}()")
            if name == "index":
                bounds = [self.list_index(a) for a in args[1:]]
                bounds += [T.Literal(0, INT, loc), T.Literal(2**63 - 1, INT, loc)][len(bounds):]
                return T.ListOp("index", (lst, value, *bounds), INT, loc)
            return T.ListOp(name, (lst, value), INT if name == "count" else NONE, loc)
        if name == "extend":
            if isinstance(args[0].type, VarTuple) and args[0].type.element == element:  # the same items' layout
                return T.ListOp("extend", (lst, args[0]), NONE, loc)
            if not (self.can_coerce(args[0].type, t)):
                return self.error(f"list.extend() of a {t} takes a {t}, not {args[0].type}", args[0].loc)
            return T.ListOp("extend", (lst, self.coerce(args[0], t, "the argument of list.extend()")), NONE, loc)
        if name == "insert":
            return T.ListOp("insert", (lst, self.list_index(args[0]), self.coerce(args[1], element,
                                                                                  "the item of list.insert()")),
                            NONE, loc)
        if name == "pop":
            return T.ListOp("pop", (lst, *(self.list_index(a) for a in args)), element, loc)
        return T.ListOp(name, (lst,), t if name == "copy" else NONE, loc)

    def infer_from_use(self, lst: T.Expr, name: str, node: S.Call) -> T.Expr:
        """`result = []` then `result.append(x)`: the local becomes a list of x's type."""
        local = lst.name if isinstance(lst, T.Local) else None
        value = {"append": 0, "insert": 1, "extend": 0}.get(name)
        if local is None or value is None or len(node.args) <= value:
            where = f"'{local}'" if local else "this list"
            hint = f"annotate it: {local}: list[int] = []" if local else "annotate the list"
            return self.error(f"cannot infer the element type of {where}; {hint}", lst.loc)
        item = self.expr(node.args[value])
        if item.type is ERROR:
            return item
        t = item.type if name == "extend" else List(item.type)
        if not isinstance(t, List) or t.element in (NONE, EMPTY_LIST) or t.element.name.startswith("dict (empty"):
            return self.error(f"cannot infer the element type of '{local}' from this {name}(); annotate it: "
                              f"{local}: list[int] = []", lst.loc)
        if (problem := element_problem(t)) is not None:
            return self.error(problem, node.loc)
        self.locals[local] = t
        return T.Local(local, t, lst.loc)

    def list_sort(self, name: str, lst: T.Expr, node: S.Call) -> T.Expr:
        """`l.sort(key=f, reverse=b)` and `sorted(l, key=f, reverse=b)`: f a function of this cell."""
        assert isinstance(lst.type, List)
        element = lst.type.element
        if len(node.args) != (0 if name == "sort" else 1):
            return self.error(f"{'list.sort' if name == 'sort' else 'sorted'}() takes "
                              f"{'no positional arguments' if name == 'sort' else 'exactly one argument'}",
                              node.loc)
        key: T.Expr | None = None
        reverse: T.Expr = T.Literal(False, BOOL, node.loc)
        for kw in node.keywords:
            if kw.name == "reverse":
                reverse = self.expr(kw.value)
                if reverse.type not in (BOOL, INT, ERROR):
                    return self.error(f"reverse= must be a bool, not {reverse.type}", kw.loc)
                reverse = T.Convert(reverse, BOOL, kw.loc) if reverse.type is INT else reverse
            elif kw.name == "key":
                if isinstance(kw.value, S.Const) and kw.value.value is None:
                    continue
                if not isinstance(kw.value, S.Name) or kw.value.id not in self.module.definitions:
                    return self.error("key= must name a function of this cell (or be None)", kw.value.loc)
                call = S.Call(kw.value, (), (), kw.loc)
                key = self.sort_key_call(kw.value.id, element, call)
                if key.type is ERROR:
                    return key
                if not orderable(key.type):
                    return self.error(f"the keys of a sort must be int, float, bool, str or tuples or lists of them, "
                                      f"not {key.type}", kw.loc)
            else:
                return self.error(f"'{kw.name}' is an invalid keyword argument for "
                                  f"{'sort' if name == 'sort' else 'sorted'}()", kw.loc)
        if key is None and (ordered := self.instance_sort(name, lst, reverse, node.loc)) is not None:
            return ordered  # items ordered by their __lt__ (check/dunders.py)
        if key is None and not orderable(element):
            return self.error(f"sorting a {lst.type} needs key=: its items cannot be ordered in jitcell", node.loc)
        return T.ListOp(name, (lst, reverse), NONE if name == "sort" else List(element), node.loc, key)

    def sort_key_call(self, function: str, element: Type, node: S.Call) -> T.Expr:
        sig = self.module.signatures[function]
        if len(sig.params) - len(sig.defaults) > 1 or not sig.params:
            return self.error(f"key= calls {function}() with one argument; it takes {len(sig.params)}", node.loc)
        (_, param), *_ = sig.params
        if not self.can_coerce(element, param):
            return self.error(f"key= calls {function}() with a {element}, but its parameter is {param}", node.loc)
        returns = sig.returns
        if returns is None:
            return self.error(f"cannot infer the return type of '{function}' here; annotate it: "
                              f"def {function}(...) -> int", node.loc)
        hole = self.coerce(T.Hole(element, node.loc), param, f"the argument of {function}()")
        defaults = tuple(typed_default(v, t, node.loc) for v, (_, t) in
                         zip(sig.defaults[len(sig.defaults) - len(sig.params) + 1:], sig.params[1:], strict=True))
        return T.CallCell(function, (hole, *defaults), tuple(range(1 + len(defaults))), returns, node.loc)

    def list_builtin(self, name: str, node: S.Call) -> T.Expr | None:
        """list(...), sorted(...); None if the call is not one of them."""
        loc = node.loc
        if name == "list":
            if node.keywords or len(node.args) > 1:
                return self.error("list() takes at most one positional argument", loc)
            if not node.args:
                return T.ListNew((), EMPTY_LIST, loc)
            arg = node.args[0]
            if isinstance(arg, S.Call) and isinstance(arg.func, S.Name) and arg.func.id == "range" \
                    and "range" not in self.locals:
                return self.list_range(arg)
            return self.list_of(arg, loc)
        if name == "sorted":
            if not node.args:
                return self.error("sorted expected 1 argument, got 0", loc)
            arg = node.args[0]
            view = isinstance(arg, S.Call) and isinstance(arg.func, S.Attribute) and not arg.args \
                and not arg.keywords and arg.func.attr in ("keys", "values", "items")
            value = self.list_of(arg, loc) if self.walked_only(arg) or view else self.expr(arg)
            if value.type is ERROR or value.type is EMPTY_LIST:
                return value
            if not isinstance(value.type, List):
                value = self.list_from(self.value_iterable(value, arg.loc), loc)
                if value.type is ERROR:
                    return value
            return self.list_sort("sorted", value, node)
        return None

    def walked_only(self, arg: S.Expr) -> bool:
        """Is `arg` an iterable that is no value: enumerate(), zip(), reversed(), a generator's call?"""
        if self.is_iterator_call(arg):
            return True
        if not (isinstance(arg, S.Call) and isinstance(arg.func, S.Name) and arg.func.id in self.module.definitions
                and arg.func.id not in self.locals):
            return False
        returns = self.module.signatures[arg.func.id].returns
        return isinstance(returns, Generator)

    def list_of(self, arg: S.Expr, loc: Loc) -> T.Expr:
        """list(arg): a copy of a list, a dict's keys, values or items, or the items of any iterable."""
        if self.walked_only(arg):
            return self.list_from(self.iterable(arg), loc)
        mode = "keys"
        if isinstance(arg, S.Call) and isinstance(arg.func, S.Attribute) and not arg.args \
                and not arg.keywords and arg.func.attr in ("keys", "values", "items"):
            mode, arg = arg.func.attr, arg.func.value
        value = self.expr(arg)
        if value.type is ERROR or value.type is EMPTY_LIST:
            return value
        if isinstance(value.type, List) and mode == "keys":  # a tuple[T, ...] too
            return T.ListOp("copy", (value,), List(value.type.element), loc)
        if isinstance(value.type, Dict):  # list(d), list(d.keys()), list(d.values()), list(d.items())
            d = value.type
            element = {"keys": d.key, "values": d.value, "items": Tuple((d.key, d.value))}[mode]
            return T.ListOp(f"dict_{mode}", (value,), List(element), loc)
        return self.list_from(self.value_iterable(value, arg.loc), loc)

    def list_from(self, iterable: T.Iterable | None, loc: Loc) -> T.Expr:
        if iterable is None:
            return T.Literal(0, ERROR, loc)
        if (problem := element_problem(iterable.type)) is not None:
            return self.error(problem, loc)
        return T.ListFrom(iterable, List(iterable.type), loc)

    def list_range(self, call: S.Call) -> T.Expr:
        if call.keywords or not 1 <= len(call.args) <= 3:
            return self.error("range() takes 1 to 3 int arguments", call.loc)
        bounds = []
        for a in call.args:
            e = self.expr(a)
            if e.type is FLOAT:
                return self.error("'float' object cannot be interpreted as an integer", e.loc)
            if e.type not in (INT, BOOL, ERROR):
                return self.error(f"range() needs int arguments, not {e.type}", e.loc)
            bounds.append(self.to_int(e))
        if len(bounds) == 1:
            bounds.insert(0, T.Literal(0, INT, call.loc))
        if len(bounds) == 2:
            bounds.append(T.Literal(1, INT, call.loc))
        return T.ListOp("range", tuple(bounds), List(INT), call.loc)

    def list_length(self, lst: T.Expr, loc: Loc) -> T.Expr:
        return T.ListOp("len", (lst,), INT, loc)

