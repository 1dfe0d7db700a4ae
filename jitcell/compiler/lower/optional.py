"""Values that may be None (`T | None`, check/optional.py) in generated code.

    xs: list[int] | None        ptr, null for None (the object's own pointer otherwise)
    n: int | None               { i1 present, i64 value }
    n is None                   %p = extractvalue { i1, i64 } %n, 0 ; %r = xor i1 %p, true

A value proved not None (`Unwrap`) is the pointer itself, or the pair's value. An instance
whose attribute is used unproved (`p.normalize()`, p: Point | None) is tested: null raises
`AttributeError: 'NoneType' object has no attribute 'normalize'`, as CPython does.
"""

from __future__ import annotations

from llvmlite import ir

from jitcell.compiler import typed as T
from jitcell.compiler.types import STR, Optional, Type, is_heap

from .arith import I1, llvm_type
from .host import LowererHost

__all__ = ["OptionalLowering", "none_of"]


def none_of(t: Type) -> ir.Constant:
    """The None of `t | None` (null, or a pair whose flag is 0)."""
    return ir.Constant(llvm_type(t), None)


class OptionalLowering(LowererHost):
    """Mixed into the function lowerer."""

    def optional(self, node: T.NoneValue | T.Wrap | T.Unwrap | T.IsNone) -> ir.Value:
        """The unheld value of one of the Optional nodes (the caller's `expr` holds it)."""
        b = self.b
        match node:
            case T.NoneValue(type=t):
                return none_of(t) if isinstance(t, Optional) else ir.Constant(I1, 0)  # a bare None: no value
            case T.Wrap(value=value, type=t) if is_heap(value.type):
                return self._expr(value)  # the same pointer, held once by the caller
            case T.Wrap(value=value, type=t):
                pair = b.insert_value(none_of(t), ir.Constant(I1, 1), 0)
                return b.insert_value(pair, self.expr(value), 1)
            case T.Unwrap(value=value, type=t, attribute=attribute) if is_heap(t):
                pointer = self._expr(value)
                if attribute:  # an instance's attribute used where nothing proved it is not None
                    self._none_has_no(pointer, attribute, node.loc)
                return pointer
            case T.Unwrap(value=value):
                return b.extract_value(self.expr(value), 1)
            case T.IsNone(value=value, negate=negate):
                v = self.expr(value)
                t = value.type
                if isinstance(t, Optional):
                    present = b.icmp_unsigned("!=", v, ir.Constant(v.type, None)) if is_heap(t.inner) \
                        else b.extract_value(v, 0)
                else:  # a value of a type that is never None
                    present = ir.Constant(I1, 1)
                self.drop(v, t)
                return present if negate else b.not_(present)
        raise AssertionError(f"cannot lower {type(node).__name__}")

    def _none_has_no(self, pointer: ir.Value, attribute: str, loc) -> None:
        """CPython's AttributeError where `pointer` is None (null): a null pointer owns nothing."""
        message = self.owner.str_literal(f"'NoneType' object has no attribute '{attribute}'")
        site = self.site("raise", loc, cls="AttributeError", again=False, cause=None, operands=[STR.name])
        with self.b.if_then(self.b.icmp_unsigned("==", pointer, ir.Constant(pointer.type, None)), likely=False):
            self.report(site, [(message, STR)])
