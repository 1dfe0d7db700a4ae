"""range objects as values: the struct {start, stop, step} of three i64 (check/ranges.py).

    range(a, b, c)   ->  step == 0: fail("range") ; {a, b, c}
    r[i]             ->  n = len(r) ; k = i < 0 ? i + n : i ; k outside [0, n): fail("range.item") ; start + k * step
    x in r           ->  step > 0: start <= x < stop and (x - start) % step == 0   (unsigned: exact)

A failure hands Python the same operation on the same range (runtime/callbacks.py), for CPython's
ValueError or IndexError and its message.
"""

from __future__ import annotations

from llvmlite import ir

from jitcell.compiler import typed as T
from jitcell.compiler.types import INT

from .arith import I64, i64
from .host import LowererHost

__all__ = ["RANGE_STRUCT", "lower_range"]

RANGE_STRUCT = ir.LiteralStructType([I64, I64, I64])
_PARTS = {"start": 0, "stop": 1, "step": 2}


def range_length(b: ir.IRBuilder, start: ir.Value, stop: ir.Value, step: ir.Value) -> ir.Value:
    """The number of items, as RangeCursor counts them (lower/iteration.py); step is not 0."""
    up = b.icmp_signed(">", step, i64(0))
    span = b.select(up, b.sub(stop, start), b.sub(start, stop))  # as unsigned
    stride = b.select(up, step, b.sub(i64(0), step))
    nonempty = b.select(up, b.icmp_signed("<", start, stop), b.icmp_signed(">", start, stop))
    return b.select(nonempty, b.add(b.udiv(b.sub(span, i64(1)), stride), i64(1)), i64(0))


def lower_range(host: LowererHost, node: T.Intrinsic, args: list[ir.Value]) -> ir.Value:
    b = host.b
    what = node.name[len("range."):]
    if what == "new":
        start, stop, step = args
        host.fail(b.icmp_signed("==", step, i64(0)), "range", [(start, INT), (stop, INT), (step, INT)], node.loc)
        made: ir.Value = ir.Constant(RANGE_STRUCT, None)
        for k, part in enumerate(args):
            made = b.insert_value(made, part, k)
        return made
    if what in _PARTS:
        return b.extract_value(args[0], _PARTS[what])
    r = args[0] if what == "item" else args[1]
    start, stop, step = (b.extract_value(r, k) for k in range(3))
    if what == "item":
        i = args[1]
        n = range_length(b, start, stop, step)
        k = b.select(b.icmp_signed("<", i, i64(0)), b.add(i, n), i)
        outside = b.or_(b.icmp_signed("<", k, i64(0)), b.icmp_signed(">=", k, n))
        host.fail(outside, "range.item", [(start, INT), (stop, INT), (step, INT), (i, INT)], node.loc)
        return b.add(start, b.mul(k, step))  # within the range: no overflow
    assert what == "contains", node.name
    x = args[0]
    up = b.icmp_signed(">", step, i64(0))
    inside = b.select(up, b.and_(b.icmp_signed("<=", start, x), b.icmp_signed("<", x, stop)),
                      b.and_(b.icmp_signed("<", stop, x), b.icmp_signed("<=", x, start)))
    offset = b.select(up, b.sub(x, start), b.sub(start, x))  # in [0, 2**64) when inside: exact unsigned
    stride = b.select(up, step, b.sub(i64(0), step))
    safe = b.select(inside, stride, i64(1))  # no division by a garbage stride outside
    return b.and_(inside, b.icmp_unsigned("==", b.urem(offset, safe), i64(0)))
