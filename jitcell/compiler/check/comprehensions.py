"""Typing rules for list, set and dict comprehensions, and generator expressions consumed at once.

    [f(x) for x in xs if x > 0]   ->  Comprehension(body=(Assign(c1 = []),
                                                          ForList(("c1.x",), xs, (If(c1.x > 0,
                                                              (Eval(ListOp("append", (c1, f(c1.x)))),)),))),
                                                    result=Local("c1"), list[int])

A comprehension becomes the loops Python would run: its clauses are rewritten into `for` and
`if` statements around an Emit, and checked as statements, so it iterates over everything a
`for` loop does. Its variables are renamed (`x` -> `c1.x`, a spelling no Python name has): they
live in their own scope, as in Python 3, and an outer `x` may have another type. The first
clause's iterable is evaluated in the enclosing scope, as Python does.

A generator expression is accepted as the argument of `sum min max any all sorted list tuple set` and
`str.join`, where it is consumed at once: it is built as a list (a set for set()) and then
consumed, which gives Python's values and exceptions. `any()` and `all()` of a generator are loops
that stop at the item that decides, as Python's do (kinds "any" and "all").
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import Any, Protocol

from jitcell.compiler import syntax as S
from jitcell.compiler import typed as T
from jitcell.compiler.types import BOOL, ERROR, NONE, Dict, List, Optional, Set, Type, VarTuple

from .host import CheckerHost
from .keys import KEY_NAMES, is_key_type
from .lists import EMPTY_LIST, element_problem
from .none_lists import NONE_LIST

__all__ = ["ComprehensionChecks", "GENERATOR_CONSUMERS"]

GENERATOR_CONSUMERS = frozenset({"sum", "min", "max", "any", "all", "sorted", "list", "set", "tuple"})


class StatementHost(CheckerHost, Protocol):
    """What comprehensions use of FunctionChecker (program.py): its statements and flow state."""

    state: int | None
    comprehensions: int

    def stmt(self, node: S.Stmt) -> T.Stmt | None: ...
    def bound(self, names) -> int: ...
    def condition(self, node: S.Expr) -> T.Expr: ...
    def take_expected_type(self) -> Type | None: ...  # where this comprehension goes, if declared


class ComprehensionChecks(StatementHost):
    """Mixed into FunctionChecker."""

    def comprehension(self, node: S.Comprehension) -> T.Expr:
        expected = self.take_expected_type()
        if node.kind == "generator":
            return self.error("a generator expression is supported only as the argument of sum(), min(), max(), "
                              "any(), all(), sorted(), list(), tuple(), set() or str.join(); use a list comprehension",
                              node.loc)
        self.comprehensions += 1
        result = f"c{self.comprehensions}"
        if any(not _plain_target(g.target) for g in node.generators):
            return self.error("a comprehension's targets must be names or tuples of names", node.loc)
        # each clause's names are new from that clause on (`for x in xs for x in x` binds two x's)
        scopes: list[dict[str, str]] = [{}]
        for k, clause in enumerate(node.generators):
            added = {name: f"{result}.{name}" if k == 0 else f"{result}.{k}.{name}"
                     for name in _target_names(clause.target)}
            scopes.append({**scopes[-1], **added})
        scope = scopes[-1]
        body: S.Stmt = S.Emit(node.kind, result, renamed(node.element, scope),
                              None if node.value is None else renamed(node.value, scope), node.element.loc)
        searching = node.kind in ("any", "all")
        done: S.Expr = S.Name(result, node.loc) if node.kind == "any" else \
            S.UnaryOp("not", S.Name(result, node.loc), node.loc)
        for k, clause in reversed(list(enumerate(node.generators))):
            inner: tuple[S.Stmt, ...] = (body,)
            if searching and k < len(node.generators) - 1:  # the item that decides stops every loop
                inner = (body, S.If(done, (S.Break(node.loc),), (), node.loc))
            for condition in reversed(clause.ifs):
                inner = (S.If(renamed(condition, scopes[k + 1]), inner, (), condition.loc),)
            body = S.For(renamed(clause.target, scopes[k + 1]), renamed(clause.iter, scopes[k]), inner, (),
                         clause.loc)
        if self.locals.get(result) in (ERROR, NONE_LIST):  # the probe pass failed on it, or knew no type
            del self.locals[result]
        if searching:
            self.locals[result] = BOOL
        elif result not in self.locals and expected is not None and _kind_of(expected) == node.kind:
            self.locals[result] = expected  # declared where it goes: its items are converted to it
        if self.state is not None:
            self.state |= self.bound((result,))
        loop = self.stmt(body)
        t = self.locals.get(result)
        if t is NONE_LIST:
            return T.ListNew((), NONE_LIST, node.loc)
        if t is None or t is ERROR or loop is None:
            self.locals[result] = ERROR
            return T.Literal(0, ERROR, node.loc)
        empty: T.Expr = (T.Literal(node.kind == "all", BOOL, node.loc) if searching else
                         T.ListNew((), t, node.loc) if isinstance(t, List) else T.SetNew((), t, node.loc)
                         if isinstance(t, Set) else T.DictNew((), (), t, node.loc))
        init = T.Assign((result,), (empty,), node.loc)
        return T.Comprehension((init, loop), T.Local(result, t, node.loc), t, node.loc)

    def emit(self, node: S.Emit) -> T.Stmt | None:
        """The innermost statement of a comprehension: the result's type comes from its first item.
        For any() and all(), the item that decides sets the result and leaves the loop."""
        if node.kind in ("any", "all"):
            test = self.condition(node.element)
            if test.type is ERROR:
                return None
            if node.kind == "all":
                test = T.Unary("not", test, BOOL, test.loc)
            found = T.Assign((node.result,), (T.Literal(node.kind == "any", BOOL, node.loc),), node.loc)
            return T.If(test, (found, T.Break(node.loc)), (), node.loc)
        element = self.expr(node.element)
        value = None if node.value is None else self.expr(node.value)
        if element.type is ERROR or (value is not None and value.type is ERROR):
            return None
        known = self.locals.get(node.result)
        if node.kind == "list" and element.type is NONE and known in (None, NONE_LIST):
            self.locals[node.result] = NONE_LIST  # [None for ...] (check/none_lists.py)
            return None
        if (element.type is NONE or (value is not None and value.type is NONE)) \
                and not (isinstance(known, List) and isinstance(known.element, Optional)):
            self.error("a comprehension's items cannot be None", node.loc)
            return None
        if known is None:
            made = self.comprehension_type(node.kind, element, value, node.loc)
            if made is ERROR:
                self.locals[node.result] = ERROR
                return None
            self.locals[node.result] = known = made
        if known is ERROR:
            return None
        target = T.Local(node.result, known, node.loc)
        what = f"an item of this {node.kind} comprehension ({known})"
        if isinstance(known, List):
            if not self.can_coerce(element.type, known.element):
                self.error(f"{what} must be {known.element}, not {element.type}", element.loc)
                return None
            item = self.coerce(element, known.element, what)
            return T.Eval(T.ListOp("append", (target, item), NONE, node.loc), node.loc)
        if isinstance(known, Set):
            if not self.can_coerce(element.type, known.element):
                self.error(f"{what} must be {known.element}, not {element.type}", element.loc)
                return None
            return T.Eval(T.SetOp("add", (target, self.coerce(element, known.element, what)), NONE, node.loc),
                          node.loc)
        assert isinstance(known, Dict) and value is not None  # the three kinds
        if not self.can_coerce(element.type, known.key) or not self.can_coerce(value.type, known.value):
            self.error(f"an entry of this dict comprehension ({known}) must be {known.key}: {known.value}, not "
                       f"{element.type}: {value.type}", node.loc)
            return None
        return T.DictSet(target, self.coerce(element, known.key, what), self.coerce(value, known.value, what),
                         node.loc)

    def comprehension_type(self, kind: str, element: T.Expr, value: T.Expr | None, loc) -> Type:
        items = [element] if value is None else [value]
        if any(i.type is EMPTY_LIST or i.type.name.startswith(("dict (empty", "set (empty")) for i in items):
            self.error(f"the type of the items of this {kind} comprehension is not known (an empty list, dict or "
                       "set); annotate where it goes, e.g. 'rows: list[list[int]] = [[] for _ in range(n)]'", loc)
            return ERROR
        if kind == "list":
            if (problem := element_problem(element.type)) is not None:
                self.error(problem, loc)
                return ERROR
            return List(element.type)
        if kind == "set":
            if not is_key_type(element.type):
                self.error(f"set elements must be {KEY_NAMES} in jitcell, not {element.type}", loc)
                return ERROR
            return Set(element.type)
        assert value is not None  # a dict comprehension's
        if not is_key_type(element.type):
            self.error(f"dict keys must be {KEY_NAMES}, not {element.type}", element.loc)
            return ERROR
        if (problem := element_problem(value.type)) is not None:
            self.error(problem, loc)
            return ERROR
        if isinstance(value.type, VarTuple):
            self.error(f"dict values must be int, float, bool, str or a list, not {value.type}", loc)
            return ERROR
        return Dict(element.type, value.type)


def renamed(node: Any, scope: dict[str, str]) -> Any:
    """node with the names of `scope` renamed; a nested comprehension's own variables are left to it."""
    if not scope:
        return node
    if isinstance(node, S.Name):
        return S.Name(scope[node.id], node.loc) if node.id in scope else node
    if isinstance(node, tuple):
        return tuple(renamed(item, scope) for item in node)
    if isinstance(node, S.Comprehension):
        inner = {k: v for k, v in scope.items()
                 if k not in {n for g in node.generators for n in _target_names(g.target)}}
        generators = tuple(replace(g, iter=renamed(g.iter, scope if k == 0 else inner),
                                   ifs=renamed(g.ifs, inner)) for k, g in enumerate(node.generators))
        return replace(node, element=renamed(node.element, inner), value=renamed(node.value, inner),
                       generators=generators)
    if not is_dataclass(node) or isinstance(node, (type, Type)):
        return node
    changes = {f.name: renamed(getattr(node, f.name), scope) for f in fields(node) if f.name != "loc"}
    return replace(node, **changes)


def _kind_of(t: Type) -> str | None:
    return "list" if isinstance(t, List) else "set" if isinstance(t, Set) else "dict" if isinstance(t, Dict) else None


def _target_names(target: S.Expr) -> list[str]:
    if isinstance(target, S.Name):
        return [target.id]
    if isinstance(target, S.Tuple):
        return [n for e in target.elts for n in _target_names(e)]
    if isinstance(target, S.Starred):
        return _target_names(target.target)
    return []


def _plain_target(target: S.Expr) -> bool:
    """A name, a starred name, or a tuple of them (nested)."""
    return isinstance(target, S.Name) or isinstance(target, S.Tuple) and all(map(_plain_target, target.elts)) or \
        isinstance(target, S.Starred) and _plain_target(target.target)
