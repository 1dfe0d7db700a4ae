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

from jitcell.compiler import typed as T
from jitcell.compiler.parse_declines import DECLINED
from jitcell.compiler.parse_dunders import BINARY, COMPARISONS, REFLECTED_COMPARISON
from jitcell.compiler.types import BOOL, ERROR, STR, Instance, Optional
from jitcell.errors import Loc

from .dunders import python_name
from .host import CheckerHost
from .special_dispatch import pair_test, reflected_names

__all__ = ["Declines"]

# A try: (function, whether it is the right operand's (called with the operands swapped), negated: `!=` as
# `not __eq__`)
_Try = tuple[str, bool, bool]


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
            tries.append((method or "", False, False))
        if self.applies(method := self.special(left.type, f"__{name}__"), [left, right]):
            tries.append((method or "", False, False))
        if left.type != right.type and self.applies(method := self.special(right.type, f"__r{name}__"),
                                                   [right, left]):
            tries.append((method or "", True, False))
        if not tries or not self.declines(tries[0][0]):
            return None
        if self.reflected_first(name, left.type, right.type):
            return self.error(f"{tries[0][0]} may return NotImplemented, and a subclass of {python_name(left.type)} "
                              f"overrides __r{name}__: not supported yet by jitcell", loc)
        return self._tries(tries, left, right, f"unsupported operand type(s) for {op}{'=' if in_place else ''}: "
                                               "'{}' and '{}'", None, loc)

    def declining_compare(self, op: str, left: T.Expr, right: T.Expr, loc: Loc) -> T.Expr | None:
        """`left op right` (a comparison) where the first method that applies may decline; None otherwise."""
        if op not in COMPARISONS:  # `in`: __contains__
            return None
        tries: list[_Try] = []
        for method, args, reflected in ((COMPARISONS[op], [left, right], False),
                                        (COMPARISONS[REFLECTED_COMPARISON[op]], [right, left], True)):
            if self.applies(function := self.special(args[0].type, method), args):
                tries.append((function or "", reflected, False))
            elif op == "!=" and self.applies(function := self.special(args[0].type, "__eq__"), args):
                tries.append((function or "", reflected, True))  # object.__ne__: not __eq__, or NotImplemented
        if not tries or not any(self.declines(function) for function, _, _ in tries):
            return None
        identity = op in ("==", "!=")
        message = None if identity else f"'{op}' not supported between instances of '{{}}' and '{{}}'"
        pairs = self.subclass_pairs(op, left.type, right.type)
        if not pairs:
            if not self.declines(tries[0][0]):
                return None
            return self._tries(tries, left, right, message, op if identity else None, loc)
        # CPython tries the right operand's reflected method first where its class derives from the left's
        chosen = {self.first_method(rc, reflected_names(op)) for found in pairs.values() for rc in found}
        mirrored = [t for t in tries if t[1]]
        if not mirrored or chosen != {mirrored[0][0]}:
            return self.error(f"{tries[0][0]} may return NotImplemented, and a subclass of {python_name(left.type)} "
                              f"has another reflected method of '{op}': not supported yet by jitcell", loc)
        first = [mirrored[0], *(t for t in tries if not t[1])]
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
             loc: Loc) -> T.Expr:
        """The first try on the operands a and b (Slots of the innermost Chain); if it declines, the
        others, else the end: identity, or the TypeError through the helper of the last declining method."""
        function, reflected, negated = tries[0]
        call = self.special_call(function, [b, a] if reflected else [a, b], loc, order=(1, 0) if reflected else None)
        if call.type is ERROR:
            return call
        if not self.declines(function):
            return T.Unary("not", self.truth(call), BOOL, loc) if negated else call
        assert isinstance(call.type, Optional)
        value: T.Expr = T.Unwrap(T.Slot(2, call.type, loc), call.type.inner, loc)
        if negated:
            value = T.Unary("not", self.truth(value), BOOL, loc)
        inner_a, inner_b = T.Slot(0, a.type, a.loc), T.Slot(1, b.type, b.loc)  # the inner Chain's copies
        if len(tries) > 1:
            rest = self._try(tries[1:], inner_a, inner_b, message, identity, loc)
        elif identity is not None:  # object's == and !=: the same object or not
            same = isinstance(a.type, Instance) and isinstance(b.type, Instance)
            rest = T.Compare((inner_a, inner_b), (identity,), BOOL, loc) if same else \
                T.Literal(identity == "!=", BOOL, loc)
        else:
            assert message is not None
            before, middle, after = message.split("{}")
            text = T.FString((before, T.FormatField(self._name(inner_a), None, "", loc), middle,
                              T.FormatField(self._name(inner_b), None, "", loc), after), STR, loc)
            cls, _, method = function.partition(".")
            rest = self.special_call(f"{cls}.{DECLINED}{method}", [text], loc, virtual=False)
        if rest.type is not ERROR and rest.type != value.type:
            return self.error(f"{function} may return NotImplemented, and then '{_shown(tries[1:])}' gives a "
                              f"{rest.type}, not a {value.type}: not supported yet by jitcell", loc)
        test = T.IsNone(T.Slot(2, call.type, loc), False, BOOL, loc)
        return T.Chain((a, b, call), (T.Conditional(test, rest, value, value.type, loc),), value.type, loc)

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
    return tries[0][0] if tries else "the TypeError"
