"""Special methods of a class with subclasses, chosen by the object's class at run time, and comparisons
between instances as CPython orders its tries (check/dunders.py decides which method applies).

    s + t       (s: Shape, Circle overrides __add__)    CallCell("Shape.__add__", (s, t),
                                                                 dispatch=("Shape.__add__", "Circle.__add__"))
    str(s)      (Shape has __repr__, Circle __str__)   a table mixing them: ("Shape.__repr__", "Circle.__str__")
    a < b < c   (instances)                        Chain((a, b, c), (Slot0 < Slot1, Slot1 < Slot2)): b once
    a == b      (a, b: Shape; Circle overrides __eq__)  Chain((a, b), (Conditional(b's class derives from
                                                         a's, b.__eq__(a), a.__eq__(b)),))

CPython tries the reflected method of the right operand first when its class is a proper subclass of the
left's (for a comparison, whenever the subclass has the method; for a binary operator, when it overrides
it); where the static types allow that, a test of the two objects' classes decides at run time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from jitcell.compiler import typed as T
from jitcell.compiler.parse_dunders import BINARY, COMPARISONS, REFLECTED_COMPARISON
from jitcell.compiler.types import BOOL, ERROR, FLOAT, INT, Instance, Type
from jitcell.errors import Loc

from .class_info import ClassInfo
from .dunders import python_name
from .host import CheckerHost
from .inheritance import family_of, is_subclass

__all__ = ["SpecialDispatch", "pair_test", "reflected_names"]


class SpecialDispatch(CheckerHost):
    """Mixed into the expression checker."""

    def below(self, t: Type) -> list[ClassInfo]:
        """t's class and its subclasses (empty for a value that is not an instance)."""
        info = self.module.classes.get(t.name) if isinstance(t, Instance) else None
        if info is None:
            return []
        return [c for c in family_of(self.module.classes, info) if info.tag <= c.tag <= info.last]

    def first_method(self, info: ClassInfo, names: tuple[str, ...]) -> str | None:
        return next((info.methods[n] for n in names if n in info.methods), None)

    def virtual(self, call: T.Expr, t: Type, names: tuple[str, ...], loc: Loc) -> T.Expr:
        """A call of the special method `names[0]` (else names[1]...) of t's class, dispatched on the
        object's class where a subclass of t's has another one."""
        if not isinstance(call, T.CallCell):
            return call
        classes = self.below(t)
        chosen = {c.tag: self.first_method(c, names) for c in classes}
        if len(classes) < 2 or set(chosen.values()) == {call.function}:
            return call
        missing = [c.name for c in classes if chosen[c.tag] is None]
        if missing:
            return self.error(f"{names[0]} of {', '.join(missing)}, which {classes[0].name}'s other subclasses "
                              "define: not supported yet by jitcell", loc)
        return self.table_call(call, chosen, classes[0], loc)

    def table_call(self, call: T.CallCell, chosen: Mapping[int, str | None], info: ClassInfo, loc: Loc) -> T.Expr:
        """The call dispatched through a table of the functions `chosen` gives each class (by tag)."""
        static = self.module.signatures[call.function]
        for function in set(chosen.values()) - {call.function, None}:
            assert function is not None
            sig = self.module.signatures[function]
            returns_ok = sig.returns == static.returns or ERROR in (sig.returns, static.returns) or (
                isinstance(sig.returns, Instance) and isinstance(static.returns, Instance)
                and is_subclass(self.module.classes, sig.returns.name, static.returns.name))
            if sig.params[1:] != static.params[1:] or tuple(sig.defaults) != tuple(static.defaults) \
                    or sig.keyword_only != static.keyword_only or not returns_ok:
                return self.error(f"{function} and {call.function} take other parameters or return another type: "
                                  "a special method that subclasses override keeps its signature in jitcell, as "
                                  "it is chosen by the object's class at run time", loc)
        family = family_of(self.module.classes, info)
        return replace(call, dispatch=tuple(chosen.get(c.tag) or "" for c in family))

    # ---- comparisons ---------------------------------------------------------------------

    def compare_chain(self, operands: list[T.Expr], ops: tuple[str, ...], loc: Loc) -> T.Expr:
        """`a < b < c`, and one comparison that reads its operands twice: each operand evaluated once,
        the links in order until one is false."""
        slots = [T.Slot(i, e.type, e.loc) for i, e in enumerate(operands)]
        links: list[T.Expr] = []
        for i, op in enumerate(ops):
            left, right = slots[i], slots[i + 1]
            if left.type in (INT, FLOAT) and right.type in (INT, FLOAT) and op not in ("in", "not in"):
                links.append(T.Compare((left, right), (op,), BOOL, loc))
                continue
            if not (isinstance(left.type, Instance) or isinstance(right.type, Instance)):
                return self.error(f"'{op}' between a {left.type} and a {right.type} in a chained comparison of "
                                  "instances is not supported yet by jitcell (write 'a < b and b < c')", loc)
            links.append(self.compare_pair(op, left, right, loc))
        if any(link.type is ERROR for link in links):
            return T.Literal(False, ERROR, loc)
        return T.Chain(tuple(operands), tuple(self.truth(link) for link in links), BOOL, loc)

    def compare_pair(self, op: str, left: T.Expr, right: T.Expr, loc: Loc) -> T.Expr:
        """One comparison between operands read twice at no cost (Slots): the subclass's reflected
        method first where CPython would try it, else the forward one (check/dunders.py)."""
        single = self.one_compare(op, left, right, loc)
        first = self.subclass_first(op, left, right, loc)
        if first is None or single.type is ERROR:
            return single
        test, call = first
        return T.Conditional(test, call, self.truth(single), BOOL, loc)

    def needs_subclass_first(self, op: str, left: Type, right: Type) -> bool:
        return op in COMPARISONS and bool(self.subclass_pairs(op, left, right))

    def subclass_pairs(self, op: str, left: Type, right: Type) -> dict[int, list[ClassInfo]]:
        """For each class of left (by tag), the classes of right that are proper subclasses of it and
        have the reflected method of `op` (CPython tries it first)."""
        names = reflected_names(op)
        pairs = {}
        rights = self.below(right)
        for lc in self.below(left):
            found = [rc for rc in rights if lc.family == rc.family and lc.tag < rc.tag <= lc.last
                     and self.first_method(rc, names) is not None]
            if found:
                pairs[lc.tag] = found
        return pairs

    def subclass_first(self, op: str, left: T.Expr, right: T.Expr, loc: Loc) -> tuple[T.Expr, T.Expr] | None:
        """(test, call): where right's class derives from left's and has the reflected method,
        right.__reflected__(left), as CPython calls it first; None where the types rule it out."""
        if op not in COMPARISONS:
            return None
        pairs = self.subclass_pairs(op, left.type, right.type)
        if not pairs:
            return None
        names = reflected_names(op)
        rights = {rc.tag: rc for found in pairs.values() for rc in found}
        chosen = {tag: self.first_method(rc, names) for tag, rc in rights.items()}
        negated = {self.first_method(rc, names[:1]) is None for rc in rights.values()}  # `!=`: not __eq__
        if len(negated) > 1:
            return None if self.probe else (self.error(
                f"'!=' between a {left.type} and a {right.type}: some of their subclasses define __ne__ and others "
                "not; not supported yet by jitcell", loc), T.Literal(False, ERROR, loc))
        if any(map(self.declines, (*chosen.values(), self.special(left.type, COMPARISONS[op])))):
            return None  # check/declines.py tries them in this order
        first = min(rights.values(), key=lambda c: c.tag)
        function = chosen[first.tag]
        assert function is not None
        receiver = T.AsClass(right, first.type, loc) if right.type != first.type else right
        if not self.applies(function, [receiver, left]):
            return None  # the static form of NotImplemented: CPython goes on to the forward method
        call = self.special_call(function, [receiver, left], loc, order=(1, 0), virtual=False)
        if isinstance(call, T.CallCell) and len(set(chosen.values())) > 1:
            call = self.table_call(call, chosen, first, loc)
        if negated == {True}:
            call = T.Unary("not", self.truth(call), BOOL, loc)
        return pair_test(left, right, pairs, loc), call


    # ---- truth -----------------------------------------------------------------------------

    def mixed_truth(self, e: T.Expr) -> T.Expr | None:
        """bool(x) where x's classes decide it in different ways (__bool__, else __len__() != 0, else
        true): x once, each way for the classes that take it; None where they all take one way."""
        kinds: dict[str, list[ClassInfo]] = {}
        for c in self.below(e.type):
            kind = "__bool__" if "__bool__" in c.methods else "__len__" if "__len__" in c.methods else ""
            kinds.setdefault(kind, []).append(c)
        if len(kinds) < 2:
            return None
        held = T.Slot(0, e.type, e.loc)
        test: T.Expr = T.Literal(True, BOOL, e.loc)
        for kind, classes in kinds.items():
            if not kind:
                continue
            first = classes[0]
            seen = T.AsClass(held, first.type, e.loc) if first.type != e.type else held
            way = self.instance_truth(seen)
            assert way is not None
            if isinstance(way, T.CallCell) or isinstance(way, T.Compare) and isinstance(way.operands[0], T.CallCell):
                call = way if isinstance(way, T.CallCell) else way.operands[0]
                assert isinstance(call, T.CallCell)
                chosen = {c.tag: c.methods[kind] for c in classes}
                dispatched = self.table_call(replace(call, dispatch=()), chosen, first, e.loc)
                way = dispatched if isinstance(way, T.CallCell) else replace(way, operands=(dispatched,
                                                                                           *way.operands[1:]))
            ranges = tuple((c.tag, c.tag) for c in classes)
            test = T.Conditional(T.ClassTest(held, ranges, False, BOOL, e.loc), way, test, BOOL, e.loc)
        return T.Chain((e,), (test,), BOOL, e.loc)

    # ---- binary operators ------------------------------------------------------------------

    def reflected_first(self, name: str, left: Type, right: Type) -> dict[int, list[ClassInfo]]:
        """For each class of left (by tag), the classes of right that are proper subclasses of it and
        override its reflected method `__rNAME__` (CPython calls theirs first)."""
        reflected = f"__r{name}__"
        pairs = {}
        rights = self.below(right)
        for lc in self.below(left):
            found = [rc for rc in rights if lc.family == rc.family and lc.tag < rc.tag <= lc.last
                     and rc.methods.get(reflected) not in (None, lc.methods.get(reflected))]
            if found:
                pairs[lc.tag] = found
        return pairs

    def binary_chain(self, op: str, left: T.Expr, right: T.Expr, loc: Loc) -> T.Expr:
        """`left op right` where right's class may derive from left's and override the reflected method:
        each operand once; right.__rop__(left) where it does, else the forward method."""
        name = BINARY[op]
        a, b = T.Slot(0, left.type, left.loc), T.Slot(1, right.type, right.loc)
        static = self.instance_binary(op, a, b, loc)
        pairs = self.reflected_first(name, left.type, right.type)
        rights = {rc.tag: rc for found in pairs.values() for rc in found}
        chosen = {tag: rc.methods.get(f"__r{name}__") for tag, rc in rights.items()}
        first = min(rights.values(), key=lambda c: c.tag)
        function = chosen[first.tag]
        assert static is not None and function is not None
        receiver = T.AsClass(b, first.type, loc) if b.type != first.type else b
        if not self.applies(function, [receiver, a]):
            return T.Chain((left, right), (static,), static.type, loc)  # the static NotImplemented
        call = self.special_call(function, [receiver, a], loc, order=(1, 0), virtual=False)
        if isinstance(call, T.CallCell) and len(set(chosen.values())) > 1:
            call = self.table_call(call, chosen, first, loc)
        if call.type != static.type and ERROR not in (call.type, static.type):
            return self.error(f"{function} returns a {call.type} where {python_name(left.type)}'s {op} gives a "
                              f"{static.type}: not supported yet by jitcell (CPython calls it first for a subclass's "
                              "instance on the right)", loc)
        test = pair_test(a, b, pairs, loc)
        return T.Chain((left, right), (T.Conditional(test, call, static, static.type, loc),), static.type, loc)


def pair_test(left: T.Expr, right: T.Expr, pairs: dict, loc: Loc) -> T.Expr:
    """Whether (left's class, right's class) is one of `pairs` (left's number -> right's classes):
    where CPython would call the right operand's reflected method first."""
    test: T.Expr | None = None
    for tag, found in pairs.items():
        here = T.Logical("and", (T.ClassTest(left, ((tag, tag),), False, BOOL, loc),
                                 T.ClassTest(right, tuple((rc.tag, rc.tag) for rc in found), False, BOOL, loc)),
                         BOOL, loc)
        test = here if test is None else T.Logical("or", (test, here), BOOL, loc)
    assert test is not None  # pairs is never empty here
    return test


def reflected_names(op: str) -> tuple[str, ...]:
    """The methods CPython's reflected try of `op` finds: `a != b` tries b.__ne__, whose default is
    `not b.__eq__(a)`."""
    reflected = COMPARISONS[REFLECTED_COMPARISON[op]]
    return (reflected, "__eq__") if op == "!=" else (reflected,)
