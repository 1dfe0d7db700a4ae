"""Typing rules for the special methods of a class: operators, builtins and protocols become calls of
the methods, chosen from the operands' types as CPython chooses them at run time.

    a + b        A.__add__(a, b) if it takes a B; else B.__radd__(b, a) (a evaluated first) if B is
                 another class whose __radd__ takes an A; else CPython's TypeError, as a CompileError
    2.0 * v      V.__rmul__(v, 2.0)              (float.__mul__ does not take a V)
    a += b       A.__iadd__(a, b), else the binary form
    a < b        A.__lt__(a, b), else B.__gt__(b, a); `==` without __eq__: identity;
    a != b       A.__ne__, else not A.__eq__(a, b), else the reflected ones, else `a is not b`
    len(x) x[i] x[i] = v  v in x  x(...)  abs(x)  -x  bool(x)/if x:  str(x) repr(x) print(x) f"{x}"
                 __len__ __getitem__ __setitem__ __contains__ __call__ __abs__ __neg__
                 __bool__ (else __len__ != 0, else True) __str__ (else __repr__) __repr__
    sorted(xs), xs.sort(), min(xs), max(xs) of instances: the helpers parse_dunders.py writes

A method "applies" to operands when it takes that many arguments and each operand's type converts
to its parameter's, the static counterpart of a method returning NotImplemented. Everything is
decided when compiling, but for a method that returns NotImplemented on some path (check/declines.py
tries the methods at run time); a class's Python methods (loader/classes.py) return NotImplemented for
operands their parameters refuse, so Python finds the same methods.
"""

from __future__ import annotations

from jitcell.compiler import syntax as S
from jitcell.compiler import typed as T
from jitcell.compiler.parse_dunders import BINARY, COMPARISONS, REFLECTED_COMPARISON, UNARY
from jitcell.compiler.types import (
    BOOL,
    ERROR,
    FLOAT,
    INT,
    NONE,
    STR,
    Dict,
    Instance,
    List,
    Optional,
    Set,
    Tuple,
    Type,
    VarTuple,
)
from jitcell.errors import Loc

from .class_info import ClassInfo
from .constants import typed_default
from .host import CheckerHost
from .optional import may_be_none_instance
from .outer_classes import helper_note
from .shown import container_text
from .strings import formattable, instances_inside

__all__ = ["DunderChecks", "python_name"]


def python_name(t: Type) -> str:
    """The name CPython's messages give a value of type t: 'V', 'int', 'list'."""
    if isinstance(t, Instance):
        return t.name
    for kind, name in ((Tuple, "tuple"), (VarTuple, "tuple"), (List, "list"), (Dict, "dict"), (Set, "set")):
        if isinstance(t, kind):
            return name
    return str(t)


class DunderChecks(CheckerHost):
    """Mixed into ExpressionChecker."""

    probe: bool

    # ---- finding and calling a special method ----------------------------------------------

    def special(self, t: Type, name: str) -> str | None:
        """The function of the special method `name` of t's class ("V.__add__"), or None."""
        info = self.module.classes.get(t.name) if isinstance(t, Instance) else None
        return info.methods.get(name) if info is not None else None

    def applies(self, function: str | None, args: list[T.Expr]) -> bool:
        if function is None:
            return False
        sig = self.module.signatures.get(function) or self.module.callees.get(function)  # of another cell
        if sig is None or isinstance(sig, str):
            return False
        required = len(sig.params) - len(sig.defaults)
        return required <= len(args) <= len(sig.params) - sig.keyword_only and all(
            self.can_coerce(a.type, p) for a, (_, p) in zip(args, sig.params, strict=False))

    def special_call(self, function: str, args: list[T.Expr], loc: Loc, order: tuple[int, ...] | None = None,
                     virtual: bool = True, names: tuple[str, ...] = ()) -> T.Expr:
        """function(*args), its defaults filled in; `order`: the order the args are evaluated in. Where a
        subclass of args[0]'s class has another method (of `names`, else function's), dispatched on the
        object's class (check/special_dispatch.py)."""
        sig = self.module.signatures[function]
        most = len(sig.params) - sig.keyword_only
        if not len(sig.params) - len(sig.defaults) <= len(args) <= most:  # written so, called by an operator
            return self.error(f"{function}() takes {most} positional argument{'s' if most != 1 else ''} but "
                              f"{len(args)} {'was' if len(args) == 1 else 'were'} given", loc)
        typed = [self.coerce(a, p, f"argument '{n}' of {function}()") for a, (n, p) in zip(args, sig.params,
                                                                                         strict=False)]
        first_default = len(sig.params) - len(sig.defaults)
        for i in range(len(args), len(sig.params)):
            typed.append(typed_default(sig.defaults[i - first_default], sig.params[i][1], loc))
        if sig.returns is None:
            if not self.probe:
                self.error(f"cannot infer the return type of '{function}' (it depends on itself); annotate it", loc)
            return T.Literal(0, ERROR, loc)
        written = order if order is not None else tuple(range(len(args)))
        call = T.CallCell(function, tuple(typed), written + tuple(range(len(args), len(typed))), sig.returns, loc,
                          function not in self.module.definitions)  # a method of another cell's class
        if virtual and args and function not in self.module.classes[function.partition(".")[0]].static:
            return self.virtual(call, args[0].type, names or (function.partition(".")[2],), loc)
        return call

    def returning(self, call: T.Expr, t: Type, message: str) -> T.Expr:
        """The call, whose result must be of type t (CPython's TypeError otherwise, as a CompileError)."""
        if call.type not in (t, ERROR):
            return self.error(message.format(python_name(call.type)), call.loc)
        return call

    # ---- operators -------------------------------------------------------------------------

    def instance_binary(self, op: str, left: T.Expr, right: T.Expr, loc: Loc, in_place: bool = False) -> T.Expr | None:
        """`left op right` with an instance among them (None if there is none): the forward method, else
        the reflected one of another class (CPython never reflects between operands of one type)."""
        if not (isinstance(left.type, Instance) or isinstance(right.type, Instance)) or op not in BINARY:
            return None
        if (declined := self.declining_binary(op, left, right, loc, in_place)) is not None:
            return declined  # a method that may return NotImplemented (check/declines.py)
        name = BINARY[op]
        if in_place and self.applies(method := self.special(left.type, f"__i{name}__"), [left, right]):
            assert method is not None
            return self.special_call(method, [left, right], loc)
        if self.applies(forward := self.special(left.type, f"__{name}__"), [left, right]):
            assert forward is not None
            if not isinstance(left, T.Slot) and self.reflected_first(name, left.type, right.type):
                return self.binary_chain(op, left, right, loc)  # check/special_dispatch.py
            return self.special_call(forward, [left, right], loc)
        if left.type != right.type and self.applies(reflected := self.special(right.type, f"__r{name}__"),
                                                   [right, left]):
            assert reflected is not None
            return self.special_call(reflected, [right, left], loc, order=(1, 0))
        hint = ""
        if forward is not None and len(params := self.module.signatures[forward].params) > 1:
            hint = f" ({forward}() takes {params[1][0]}: {params[1][1]})"
        elif subclasses := [c.name for c in self.below(left.type) if f"__{name}__" in c.methods]:
            hint = (f" ({', '.join(subclasses)} define __{name}__, which {python_name(left.type)} does not: "
                    "not supported yet by jitcell)")
        return self.error(f"unsupported operand type(s) for {op}{'=' if in_place else ''}: "
                          f"'{python_name(left.type)}' and '{python_name(right.type)}'{hint}", loc)

    def augmented(self, op: str, current: T.Expr, value: T.Expr, loc: Loc) -> T.Expr:
        """`current op= value`: __iop__ of an instance, else the binary operation."""
        made = self.instance_binary(op, current, value, loc, in_place=True)
        return made if made is not None else self.binary(op, current, value, loc)

    def instance_unary(self, op: str, e: T.Expr, loc: Loc) -> T.Expr | None:
        """-x, +x, ~x, abs(x) of an instance (op "abs"), else None."""
        if not isinstance(e.type, Instance):
            return None
        name = "__abs__" if op == "abs" else UNARY[op]
        if not self.applies(method := self.special(e.type, name), [e]):
            return self.error(f"bad operand type for abs(): '{e.type.name}'" if op == "abs" else
                              f"bad operand type for unary {op}: '{e.type.name}'", loc)
        assert method is not None
        return self.special_call(method, [e], loc)

    def instance_compare(self, operands: list[T.Expr], ops: tuple[str, ...], loc: Loc) -> T.Expr | None:
        """A comparison with an instance among its operands (None if there is none, or if one is None)."""
        if len(ops) == 1 and (listed := self.list_of_instances(ops[0], operands, loc)) is not None:
            return listed
        if not any(isinstance(e.type, Instance) for e in operands) or any(op in ("is", "is not") for op in ops) \
                or any(e.type is NONE or isinstance(e.type, Optional) for e in operands):  # classes.py: identity
            return None
        if any(e.type is ERROR for e in operands):
            return T.Literal(False, ERROR, loc)
        if ops[0] in ("==", "!=") and len(ops) == 1 and not self.dispatched_equality(operands):
            own = {c.methods.get("__eq__") is None for e in operands for c in self.below(e.type)}
            if own == {True, False}:  # identity for some classes, __eq__ for others
                names = " and ".join(sorted({python_name(e.type) for e in operands}))
                return self.error(f"'{ops[0]}' between instances of {names}, some of whose subclasses define "
                                  "__eq__ and others not: not supported yet by jitcell", loc)
            return None  # classes.instance_identity says what is refused
        if len(ops) == 1 and (declined := self.declining_compare(ops[0], operands[0], operands[1], loc)) is not None:
            return declined  # a method that may return NotImplemented (check/declines.py)
        if len(ops) > 1 or self.needs_subclass_first(ops[0], operands[0].type, operands[1].type):
            return self.compare_chain(operands, ops, loc)  # check/special_dispatch.py
        return self.one_compare(ops[0], operands[0], operands[1], loc)

    def dispatched_equality(self, operands: list[T.Expr]) -> bool:
        """Is `==` between these instances a call of __eq__ (else identity, or refused by
        check/classes.py): neither's class has subclasses, or all of theirs share one signature of
        __eq__ (not a @dataclass's, which takes its own class only)."""
        classes = [c for e in operands for c in self.below(e.type)]
        if all(len(self.below(e.type)) < 2 for e in operands):
            return True
        functions = {c.methods.get("__eq__") for c in classes}
        if functions == {None}:
            return False  # identity
        if None in functions or any(f in c.generated for c in classes for f in functions):
            return False
        params = {tuple(self.module.signatures[f].params[1:]) for f in functions if f is not None}
        return len(params) == 1

    def one_compare(self, op: str, left: T.Expr, right: T.Expr, loc: Loc) -> T.Expr:
        """`left op right`, one of them an instance: __contains__, rich comparison, identity."""
        if op in ("in", "not in"):
            contains = self.special(right.type, "__contains__")
            if not self.applies(contains, [right, left]):
                return self.error(f"argument of type '{python_name(right.type)}' is not iterable (jitcell's 'in' "
                                  "calls __contains__)" if contains is None else
                                  f"{contains}() does not take a {left.type}", loc)
            assert contains is not None
            found = self.truth(self.special_call(contains, [right, left], loc, order=(1, 0)))
            return found if op == "in" else T.Unary("not", found, BOOL, loc)
        if (call := self.rich_compare(op, left, right, loc)) is not None:
            return call
        if op in ("==", "!="):
            if isinstance(left.type, Instance) and isinstance(right.type, Instance):
                return T.Compare((left, right), (op,), BOOL, loc)  # identity, as object.__eq__
            return self.error(f"a {python_name(left.type)} and a {python_name(right.type)} are never equal in "
                              "jitcell (neither's __eq__ takes the other): compare values of one type", loc)
        return self.error(f"'{op}' not supported between instances of '{python_name(left.type)}' and "
                          f"'{python_name(right.type)}'", loc)

    def list_of_instances(self, op: str, operands: list[T.Expr], loc: Loc) -> T.Expr | None:
        """`xs == ys` between lists of instances, `v in xs`: the class's helpers (identity, then __eq__),
        None for other operands."""
        left, right = operands
        element = right.type.element if type(right.type) is List else None
        if not isinstance(element, Instance) or op in ("==", "!=") and left.type != right.type \
                or op in ("in", "not in") and left.type != element or op not in ("==", "!=", "in", "not in"):
            return None
        helper = self.special(element, "_jc_list_eq" if op in ("==", "!=") else "_jc_list_has")
        if helper is None:
            return self.error(f"{'==' if op in ('==', '!=') else 'in'} on a {right.type} needs {element.name} to "
                              "define __eq__ in jitcell (without it, items compare by identity: not supported yet)"
                              + helper_note(self.module.classes[element.name]), loc)
        found = self.special_call(helper, [left, right] if op in ("==", "!=") else [right, left], loc,
                                  None if op in ("==", "!=") else (1, 0))
        return found if op in ("==", "in") else T.Unary("not", found, BOOL, loc)

    def rich_compare(self, op: str, left: T.Expr, right: T.Expr, loc: Loc) -> T.Expr | None:
        """left.__op__(right), else right.__reflected__(left); `!=` also as `not __eq__`; None: neither."""
        if (declined := self.declining_compare(op, left, right, loc)) is not None:
            return declined  # a method that may return NotImplemented (check/declines.py)
        reflected = REFLECTED_COMPARISON[op]
        for method, args, order in ((COMPARISONS[op], [left, right], None),
                                    (COMPARISONS[reflected], [right, left], (1, 0))):
            if self.applies(function := self.special(args[0].type, method), args):
                assert function is not None
                return self.special_call(function, args, loc, order)
            if op == "!=" and self.applies(function := self.special(args[0].type, "__eq__"), args):
                assert function is not None  # object.__ne__: the inverse of __eq__
                return T.Unary("not", self.truth(self.special_call(function, args, loc, order)), BOOL, loc)
        return None

    # ---- protocols -------------------------------------------------------------------------

    def instance_truth(self, e: T.Expr) -> T.Expr | None:
        """bool(x), `if x:`: __bool__, else __len__() != 0, else True (x still evaluated)."""
        if not isinstance(e.type, Instance):
            return None
        if not isinstance(e, T.Slot) and (mixed := self.mixed_truth(e)) is not None:
            return mixed  # subclasses deciding it otherwise (check/special_dispatch.py)
        if (method := self.special(e.type, "__bool__")) is not None:
            return self.returning(self.special_call(method, [e], e.loc), BOOL, "__bool__ should return bool, "
                                                                                "returned {}")
        if self.special(e.type, "__len__") is not None:
            length = self.length(e, e.loc)
            return T.Compare((length, T.Literal(0, INT, e.loc)), ("!=",), BOOL, e.loc)
        return T.IsNone(e, True, BOOL, e.loc)

    def instance_text(self, e: T.Expr, conversion: str | None = None) -> T.Expr:
        """str(x) (`conversion` None or "s": __str__, else __repr__) or repr(x) ("r") of an instance."""
        assert isinstance(e.type, Instance)
        names = ("__repr__",) if conversion == "r" else ("__str__", "__repr__")
        method = next((m for n in names if (m := self.special(e.type, n)) is not None), None)
        if method is None:
            return self.error(f"{'repr' if conversion == 'r' else 'str'}() of a {e.type.name} needs its class to "
                              f"define __repr__{'' if conversion == 'r' else ' or __str__'} in jitcell (CPython's "
                              f"default text, '<__main__.{e.type.name} object at 0x...>', is not supported)"
                              + helper_note(self.module.classes[e.type.name]), e.loc)
        return self.returning(self.special_call(method, [e], e.loc, names=names), STR,
                              f"{method.partition('.')[2]} returned non-string (type {{}})")

    def shown(self, node: S.Expr, e: T.Expr, conversion: str | None = None) -> T.Expr:
        """e, or the text str() (`conversion` "r": repr()) gives of it where it is an instance or a list,
        tuple or dict holding instances (print(xs), str(t), f"{d!r}"): each item's repr (check/shown.py)."""
        if isinstance(e.type, Instance):
            return self.instance_text(e, conversion)
        if may_be_none_instance(e):  # 'None' or the instance's text
            return T.FString((self.instance_field(e, conversion, "", e.loc),), STR, e.loc)
        if isinstance(e.type, Optional) and isinstance(e.type.inner, Instance):
            return self.error(f"the text of a {e.type} is supported for a name or a field (it is read twice): "
                              "assign it to a name first", e.loc)
        if e.type is ERROR or isinstance(e.type, Optional) or not instances_inside(e.type):
            return e
        text = container_text(node, e.type)
        if text is None:
            return self.error(f"str() of {e.type} is not supported by jitcell", node.loc)
        return self.expr(text)

    def instance_field(self, value: T.Expr, conversion: str | None, spec: str, loc: Loc) -> T.FormatField:
        """An f-string field `{x}`, `{x!r}`, `{x!s:>10}` of an instance: its text, then the spec; of a
        field or local that may be None (a @dataclass's __repr__), 'None' or the text of its value."""
        if isinstance(value.type, Optional):
            inner = T.Unwrap(value, value.type.inner, loc)
            text = self.instance_field(inner, conversion, "", loc).value if isinstance(inner.type, Instance) \
                else T.FString((T.FormatField(inner, conversion, "", loc),), STR, loc)
            if not isinstance(inner.type, Instance) and not formattable(inner.type):
                text = self.error(f"an f-string field of type {value.type} is not supported", loc)
            none = T.Literal("None", STR, loc)
            return T.FormatField(T.Conditional(T.IsNone(value, False, BOOL, loc), none, text, STR, loc), None, spec,
                                 loc)
        if conversion == "a":
            self.error("ascii() of an instance is not supported yet by jitcell", loc)
        elif conversion is None and spec:
            assert isinstance(value.type, Instance)
            self.error(f"unsupported format string passed to {value.type.name}.__format__", loc)
        return T.FormatField(self.instance_text(value, conversion), None, spec, loc)

    def instance_builtin(self, name: str, node: S.Call) -> T.Expr | None:
        """len(x), abs(x), repr(x) of an instance, min()/max() of instances; None otherwise."""
        if name not in ("len", "abs", "repr", "min", "max") or not node.args:
            return None
        if name in ("min", "max"):
            return self.instance_extreme(name, node)
        if len(node.args) != 1 or node.keywords:
            return None
        t = self.probed_type(node.args[0])
        if not isinstance(t, Instance) or name == "repr":  # repr(): check/strings.py's repr_of
            return None
        x = self.expr(node.args[0])
        assert isinstance(x.type, Instance)
        if name == "abs":
            return self.instance_unary("abs", x, node.loc)
        if self.special(x.type, "__len__") is None:
            return self.error(f"object of type '{x.type.name}' has no len()", node.loc)
        return self.length(x, node.loc)

    def length(self, x: T.Expr, loc: Loc) -> T.Expr:
        """len(x): __len__() through the class's helper, which raises ValueError for a negative length."""
        method, helper = self.special(x.type, "__len__"), self.special(x.type, "_jc_len")
        assert method is not None
        returns = self.module.signatures[method].returns
        if returns not in (INT, None):
            return self.error(f"'{python_name(returns)}' object cannot be interpreted as an integer", loc)
        if not self.applies(method, [x]) or helper is None:  # CPython's TypeError for its arity; a base
            return self.special_call(method, [x], loc)
        return self.special_call(helper, [x], loc)

    def instance_extreme(self, name: str, node: S.Call) -> T.Expr | None:
        """min(xs), max(a, b, c) of instances: the class's helper (parse_dunders.order_helpers)."""
        if any(k.name == "key" for k in node.keywords):
            return None
        args = node.args
        first = self.probed_type(args[0])
        element = first if len(args) > 1 else first.element if isinstance(first, List) else None
        if not isinstance(element, Instance):
            return None
        if node.keywords:
            return self.error(f"{name}() of instances takes no {node.keywords[0].name}= in jitcell yet", node.loc)
        helper = self.special(element, f"_jc_{name}")
        if helper is None:
            return self.error(f"'{'<' if name == 'min' else '>'}' not supported between instances of "
                              f"'{element.name}' and '{element.name}'", node.loc)
        items = self.expr(S.ListLiteral(args, node.loc) if len(args) > 1 else args[0])
        if items.type is not ERROR and items.type != List(element):
            return self.error(f"{name}() compares values of one type in jitcell, not {items.type}", node.loc)
        return self.special_call(helper, [items], node.loc)

    def instance_sort(self, name: str, lst: T.Expr, reverse: T.Expr, loc: Loc) -> T.Expr | None:
        """xs.sort(), sorted(xs) of instances (no key=): the class's helper; None for other items."""
        assert isinstance(lst.type, List)
        element = lst.type.element
        if not isinstance(element, Instance):
            return None
        helper = self.special(element, "_jc_sort" if name == "sort" else "_jc_sorted")
        if helper is None:
            return self.error(f"'<' not supported between instances of '{element.name}' and '{element.name}'"
                              + helper_note(self.module.classes[element.name]), loc)
        return self.special_call(helper, [lst, reverse], loc)

    def instance_subscript(self, value: T.Expr, indices: tuple[S.Expr, ...], loc: Loc) -> T.Expr | None:
        """x[i] (x[i, j]: the tuple (i, j)) of an instance: __getitem__; None for other values."""
        if not isinstance(value.type, Instance):
            return None
        index = self.expr(self.index_syntax(indices, loc))
        if not self.applies(method := self.special(value.type, "__getitem__"), [value, index]):
            return self.error(f"'{value.type.name}' object is not subscriptable" if method is None else
                              f"{method}() does not take an index of type {index.type}", loc)
        assert method is not None
        return self.special_call(method, [value, index], loc)

    def instance_item_statement(self, node: S.AssignItem | S.AugAssignItem | S.DeleteItem,
                                container: T.Expr) -> T.Stmt | None:
        """x[i] = v of an instance: __setitem__(x, i, v), v evaluated first, as Python does. x[i] op= v:
        x[i] = x[i] op v (__iop__ of the item first), where x and i are names and constants, so that
        evaluating them twice is evaluating them once."""
        info = self.class_info_of(container.type)
        assert info is not None
        index_syntax = self.index_syntax(node.target.indices, node.target.loc)
        if isinstance(node, S.DeleteItem) or isinstance(node, S.AugAssignItem) and not (
                isinstance(node.target.value, S.Name) and self.repeatable(index_syntax)):
            what = "del x[i]" if isinstance(node, S.DeleteItem) else f"x[i] {node.op}= v with x or i computed"
            self.error(f"{what} of a {info.name} is not supported yet by jitcell (write x[i] = x[i] ... v)",
                       node.loc)
            return None
        index = self.expr(index_syntax)
        if isinstance(node, S.AugAssignItem):
            current = self.instance_subscript(container, node.target.indices, node.target.loc)
            assert current is not None
            value = self.augmented(node.op, current, self.expr(node.value), node.loc)
        else:
            value = self.expr(node.value)
        method = info.methods.get("__setitem__")
        if not self.applies(method, [container, index, value]):
            self.error(f"'{info.name}' object does not support item assignment" if method is None else
                       f"{method}() does not take an index of type {index.type} and a value of type {value.type}",
                       node.target.loc)
            return None
        assert method is not None
        return T.Eval(self.special_call(method, [container, index, value], node.loc, order=(2, 0, 1)), node.loc)

    def instance_call(self, callee: S.Expr, node: S.Call) -> T.Expr | None:
        """x(...) where x is a local instance: __call__; None otherwise."""
        if not (isinstance(callee, S.Name) and isinstance(self.locals.get(callee.id), Instance)):
            return None
        target = self.expr(callee)
        if self.special(target.type, "__call__") is None:
            return self.error(f"'{python_name(target.type)}' object is not callable", node.loc)
        info = self.class_info_of(target.type)
        assert info is not None
        return self.dispatched(self.call_cell(self.special(target.type, "__call__") or "", node, receiver=target),
                               info, "__call__")

    # ---- helpers -----------------------------------------------------------------------------

    def repeatable(self, node: S.Expr) -> bool:
        """Is evaluating node twice the same as once: names, constants, and arithmetic of numbers?"""
        match node:
            case S.Name() | S.Const():
                return True
            case S.Tuple(elts=elts):
                return all(map(self.repeatable, elts))
            case S.UnaryOp(operand=operand):
                return self.repeatable(operand) and self.probed_type(operand) in (INT, FLOAT, BOOL)
            case S.BinOp(left=left, right=right):
                return all(self.repeatable(p) and self.probed_type(p) in (INT, FLOAT, BOOL) for p in (left, right))
        return False

    def index_syntax(self, indices: tuple[S.Expr, ...], loc: Loc) -> S.Expr:
        if len(indices) == 1:
            return indices[0]
        return S.Tuple(indices, loc)

    def class_info_of(self, t: Type) -> ClassInfo | None:
        return self.module.classes.get(t.name) if isinstance(t, Instance) else None

    def probed_type(self, node: S.Expr) -> Type:
        """The type of node, checked without reporting (it is checked again where it is used)."""
        saved = self.probe
        self.probe = True
        try:
            return self.expr(node).type
        finally:
            self.probe = saved
