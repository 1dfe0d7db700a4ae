"""Special methods that may return NotImplemented (parse_declines.py: they return `R | None`, None for
NotImplemented): an operator tries the methods in CPython's order at run time, until one does not
decline, and then raises CPython's TypeError (`==` and `!=` compare identities).

    a + b   (A.__add__ may decline,       Chain((a, b), (Chain((Slot0, Slot1, A.__add__(Slot0, Slot1)),
             B.__radd__ never does)  ->         (Conditional(IsNone(Slot2), B.__radd__(Slot1, Slot0),
                                                             Unwrap(Slot2)),)),))
    a < b   (only A.__lt__, declining)      ... Conditional(IsNone(Slot2), A._jc_declined__lt__(
                                                "'<' not supported between instances of 'A' and 'B'"), ...)

Each operand is evaluated once (a Chain's Slots). A method that never declines ends the tries, as it
does in CPython; the name of an instance in the message is its class's at run time.
"""

from __future__ import annotations

from typing import NamedTuple

from jitcell.compiler import typed as T
from jitcell.compiler.parse_declines import DECLINED
from jitcell.compiler.parse_dunders import BINARY, COMPARISONS, REFLECTED_COMPARISON
from jitcell.compiler.types import BOOL, ERROR, STR, Instance, Optional, Type
from jitcell.errors import Loc

from .dunders import python_name
from .host import CheckerHost
from .special_dispatch import pair_test, reflected_names

__all__ = ["Declines"]


class _Try(NamedTuple):
    """One method CPython may call for the operator."""

    function: str
    reflected: bool = False  # the right operand's: called with the operands swapped
    negated: bool = False  # `!=` as `not __eq__`
    receiver: Type | None = None  # the class its receiver is taken as (a subclass's method tried first)
    other_class: bool = False  # tried only where the operands' classes differ at run time


class Declines(CheckerHost):
    """Mixed into the expression checker (check/dunders.py asks it first)."""

    def declines(self, function: str | None) -> bool:
        """Does this method return NotImplemented on some path?"""
        cls, _, method = (function or "").partition(".")
        info = self.module.classes.get(cls)
        return info is not None and f"{DECLINED}{method}" in info.methods

    def declining_binary(self, op: str, left: T.Expr, right: T.Expr, loc: Loc, in_place: bool) -> T.Expr | None:
        """`left op right` (`op=` with `in_place`) where the first method that applies may decline; None
        otherwise (check/dunders.py decides statically)."""
        name = BINARY[op]
        tries: list[_Try] = []
        if in_place and self.applies(method := self.special(left.type, f"__i{name}__"), [left, right]):
            tries.append(_Try(method or ""))
        if self.applies(method := self.special(left.type, f"__{name}__"), [left, right]):
            tries.append(_Try(method or ""))
        if self.applies(method := self.special(right.type, f"__r{name}__"), [right, left]) and (
                left.type != right.type or len(self.below(left.type)) > 1):
            tries.append(_Try(method or "", reflected=True, other_class=left.type == right.type))
        pairs = self.reflected_first(name, left.type, right.type) if tries and not in_place else {}
        first: list[_Try] = []
        if pairs:  # CPython calls the right operand's __rNAME__ first where its class derives from the left's
            rights = {rc.tag: rc for found in pairs.values() for rc in found}
            chosen = {rc.methods.get(f"__r{name}__") for rc in rights.values()}
            receiver = min(rights.values(), key=lambda c: c.tag).type
            function = next(iter(chosen))
            if len(chosen) == 1 and function is not None and self.applies(function, [T.AsClass(right, receiver, loc),
                                                                                     left]):
                first = [_Try(function, reflected=True, receiver=receiver), *(t for t in tries if not t.reflected)]
        if not any(self.declines(t.function) for t in tries + first) or not first and not self.declines(
                tries[0].function):
            return None
        if pairs and not first:
            return self.error(f"{tries[0].function} may return NotImplemented, and subclasses of "
                              f"{python_name(left.type)} override __r{name}__ in other ways: not supported yet by "
                              "jitcell", loc)
        message = f"unsupported operand type(s) for {op}{'=' if in_place else ''}: '{{}}' and '{{}}'"
        return self._tries(tries, left, right, message, None, loc, (pairs, first) if first else None)

    def declining_compare(self, op: str, left: T.Expr, right: T.Expr, loc: Loc) -> T.Expr | None:
        """`left op right` (a comparison) where the first method that applies may decline; None otherwise."""
        if op not in COMPARISONS:  # `in`: __contains__
            return None
        tries: list[_Try] = []
        for method, args, reflected in ((COMPARISONS[op], [left, right], False),
                                        (COMPARISONS[REFLECTED_COMPARISON[op]], [right, left], True)):
            if self.applies(function := self.special(args[0].type, method), args):
                tries.append(_Try(function or "", reflected))
            elif op == "!=" and self.applies(function := self.special(args[0].type, "__eq__"), args):
                tries.append(_Try(function or "", reflected, negated=True))  # object.__ne__: not __eq__
        if not tries or not any(self.declines(t.function) for t in tries):
            return None
        identity = op in ("==", "!=")
        message = None if identity else f"'{op}' not supported between instances of '{{}}' and '{{}}'"
        pairs = self.subclass_pairs(op, left.type, right.type)
        if not pairs:
            if not self.declines(tries[0].function):
                return None
            return self._tries(tries, left, right, message, op if identity else None, loc)
        # CPython tries the right operand's reflected method first where its class derives from the left's
        chosen = {self.first_method(rc, reflected_names(op)) for found in pairs.values() for rc in found}
        mirrored = [t for t in tries if t.reflected]
        if not mirrored or chosen != {mirrored[0].function}:
            return self.error(f"{tries[0].function} may return NotImplemented, and a subclass of "
                              f"{python_name(left.type)} has another reflected method of '{op}': not supported yet by "
                              "jitcell", loc)
        first = [mirrored[0], *(t for t in tries if not t.reflected)]
        return self._tries(tries, left, right, message, op if identity else None, loc, (pairs, first))

    def _tries(self, tries: list[_Try], left: T.Expr, right: T.Expr, message: str | None, identity: str | None,
               loc: Loc, subclass_first: tuple[dict, list[_Try]] | None = None) -> T.Expr:
        """left and right once each (a Chain), then the tries in order (`subclass_first`: where the
        pairs of classes say so, those tries)."""
        a, b = T.Slot(0, left.type, left.loc), T.Slot(1, right.type, right.loc)
        made = self._try(tries, a, b, message, identity, loc)
        if subclass_first is not None and made.type is not ERROR:
            pairs, first = subclass_first
            other = self._try(first, a, b, message, identity, loc)
            made = T.Conditional(pair_test(a, b, pairs, loc), other, made, made.type, loc) \
                if other.type == made.type else other
        return T.Chain((left, right), (made,), made.type, loc)

    def _try(self, tries: list[_Try], a: T.Slot, b: T.Slot, message: str | None, identity: str | None,
             loc: Loc, helper: str | None = None) -> T.Expr:
        """The first try on the operands a and b (Slots of the innermost Chain); if it declines, the
        others, else the end: identity, or the TypeError through the helper of the last declining method
        (`helper`: of those tried before)."""
        function, reflected, negated, receiver, other_class = tries[0]
        first: T.Expr = b if reflected else a
        if receiver is not None:
            first = T.AsClass(first, receiver, loc)
        call = self.special_call(function, [first, a] if reflected else [first, b], loc,
                                 order=(1, 0) if reflected else None, virtual=receiver is None)
        if call.type is ERROR:
            return call
        if other_class:  # the operands of one class at run time: CPython does not reflect, as if declined
            maybe = call.type if isinstance(call.type, Optional) else Optional(call.type)
            call = T.Conditional(self._same_class(a, b), T.NoneValue(maybe, loc),
                                 call if call.type == maybe else T.Wrap(call, maybe, loc), maybe, loc)
        elif not self.declines(function):
            return T.Unary("not", self.truth(call), BOOL, loc) if negated else call
        if self.declines(function):
            helper = function
        assert isinstance(call.type, Optional)
        value: T.Expr = T.Unwrap(T.Slot(2, call.type, loc), call.type.inner, loc)
        if negated:
            value = T.Unary("not", self.truth(value), BOOL, loc)
        inner_a, inner_b = T.Slot(0, a.type, a.loc), T.Slot(1, b.type, b.loc)  # the inner Chain's copies
        if len(tries) > 1:
            rest = self._try(tries[1:], inner_a, inner_b, message, identity, loc, helper)
        elif identity is not None:  # object's == and !=: the same object or not
            same = isinstance(a.type, Instance) and isinstance(b.type, Instance)
            rest = T.Compare((inner_a, inner_b), (identity,), BOOL, loc) if same else \
                T.Literal(identity == "!=", BOOL, loc)
        else:
            assert message is not None
            before, middle, after = message.split("{}")
            text = T.FString((before, T.FormatField(self._name(inner_a), None, "", loc), middle,
                              T.FormatField(self._name(inner_b), None, "", loc), after), STR, loc)
            assert helper is not None
            cls, _, method = helper.partition(".")
            rest = self.special_call(f"{cls}.{DECLINED}{method}", [text], loc, virtual=False)
        if rest.type is not ERROR and rest.type != value.type:
            return self.error(f"{function} may return NotImplemented, and then '{_shown(tries[1:])}' gives a "
                              f"{rest.type}, not a {value.type}: not supported yet by jitcell", loc)
        test = T.IsNone(T.Slot(2, call.type, loc), False, BOOL, loc)
        return T.Chain((a, b, call), (T.Conditional(test, rest, value, value.type, loc),), value.type, loc)

    def _same_class(self, a: T.Expr, b: T.Expr) -> T.Expr:
        """Whether the objects a and b (of one static class) are of one class at run time."""
        test: T.Expr | None = None
        for c in self.below(a.type):
            here = T.Logical("and", (T.ClassTest(a, ((c.tag, c.tag),), False, BOOL, a.loc),
                                     T.ClassTest(b, ((c.tag, c.tag),), False, BOOL, b.loc)), BOOL, a.loc)
            test = here if test is None else T.Logical("or", (test, here), BOOL, a.loc)
        assert test is not None
        return test

    def _name(self, e: T.Expr) -> T.Expr:
        """The name CPython's message gives e's type: its object's class, for an instance with subclasses."""
        classes = self.below(e.type)
        if len(classes) < 2:
            return T.Literal(python_name(e.type), STR, e.loc)
        named: T.Expr = T.Literal(classes[0].name, STR, e.loc)
        for c in classes[1:]:
            named = T.Conditional(T.ClassTest(e, ((c.tag, c.tag),), False, BOOL, e.loc), T.Literal(c.name, STR, e.loc),
                                  named, STR, e.loc)
        return named


def _shown(tries: list[_Try]) -> str:
    return tries[0].function if tries else "the TypeError"
