"""pow(a, b, m) of ints, as CPython's long_pow computes it with a modulus.

    pow(a, b, m)  ->  {r, failed} = jitcell.int_powmod(a, b, m) ; failed: fail("powmod", a, b, m)

The module's function `jitcell.int_powmod` works on magnitudes as unsigned 64-bit words: |m| is at
most 2**63, every residue is below it, so a sum of two fits in a word. A product is reduced by
`jitcell.int_mulmod`: one multiplication when |m| <= 2**32, else doubling and adding (no 128-bit
division, which would need compiler-rt). A negative exponent takes the inverse of the base
(extended Euclid, its coefficient kept modulo 2**64: the last one is within +-|m|/2); a negative
modulus gives a result in (m, 0]; |m| == 1 gives 0 before the inverse is needed, as in CPython.
It fails (m == 0, or a base with no inverse) and Python evaluates the same pow() for CPython's
ValueError and message.
"""

from __future__ import annotations

from llvmlite import ir

from jitcell.compiler.types import INT

from .arith import I1, I64, Arith, i64

__all__ = ["int_powmod"]

_RESULT = ir.LiteralStructType([I64, I1])  # the residue, and whether Python must raise


def int_powmod(arith: Arith, a: ir.Value, b: ir.Value, m: ir.Value) -> ir.Value:
    pair = arith.b.call(_powmod_function(arith.module), [a, b, m])
    arith.fail(arith.b.extract_value(pair, 1), "powmod", [(a, INT), (b, INT), (m, INT)])
    return arith.b.extract_value(pair, 0)


def _magnitude(bb: ir.IRBuilder, x: ir.Value) -> ir.Value:
    return bb.select(bb.icmp_signed("<", x, i64(0)), bb.sub(i64(0), x), x)  # |MIN| wraps to 2**63


def _mulmod_function(module: ir.Module) -> ir.Function:
    """i64 jitcell.int_mulmod(x, y, m): x * y mod m, for unsigned x, y < m <= 2**63."""
    name = "jitcell.int_mulmod"
    if name in module.globals:
        return module.globals[name]
    fn = ir.Function(module, ir.FunctionType(I64, [I64, I64, I64]), name)
    fn.linkage = "internal"
    x, y, m = fn.args
    entry, small, large, loop, body, done = (fn.append_basic_block(n) for n in
                                             ("entry", "small", "large", "loop", "body", "done"))
    bb = ir.IRBuilder(entry)
    bb.cbranch(bb.icmp_unsigned("<=", m, i64(2**32)), small, large)
    bb.position_at_end(small)
    bb.ret(bb.urem(bb.mul(x, y), m))
    bb.position_at_end(large)
    bb.branch(loop)
    bb.position_at_end(loop)  # r = (2r + bit * x) mod m, bit by bit of y from the top
    r = bb.phi(I64)
    bit = bb.phi(I64)
    r.add_incoming(i64(0), large)
    bit.add_incoming(i64(63), large)
    bb.cbranch(bb.icmp_signed("<", bit, i64(0)), done, body)
    bb.position_at_end(body)
    doubled = bb.shl(r, i64(1))
    doubled = bb.select(bb.icmp_unsigned(">=", doubled, m), bb.sub(doubled, m), doubled)
    added = bb.add(doubled, x)
    added = bb.select(bb.icmp_unsigned(">=", added, m), bb.sub(added, m), added)
    set_bit = bb.trunc(bb.lshr(y, bit), I1)
    r.add_incoming(bb.select(set_bit, added, doubled), body)
    bit.add_incoming(bb.sub(bit, i64(1)), body)
    bb.branch(loop)
    bb.position_at_end(done)
    bb.ret(r)
    return fn


def _powmod_function(module: ir.Module) -> ir.Function:
    """{i64, i1} jitcell.int_powmod(a, b, m): pow(a, b, m), or failed = 1 where Python raises."""
    name = "jitcell.int_powmod"
    if name in module.globals:
        return module.globals[name]
    mulmod = _mulmod_function(module)
    fn = ir.Function(module, ir.FunctionType(_RESULT, [I64, I64, I64]), name)
    fn.linkage = "internal"
    a, b, m = fn.args
    blocks = ("entry", "failed", "nonzero", "unit", "reduce", "inverse", "euclid", "step", "inverted",
              "power", "loop", "body", "done")
    entry, failed, nonzero, unit, reduce_, inverse, euclid, step, inverted, power, loop, body, done = (
        fn.append_basic_block(n) for n in blocks)
    bb = ir.IRBuilder(entry)

    def result(value: ir.Value, fails: int) -> None:
        pair = bb.insert_value(ir.Constant(_RESULT, None), value, 0)
        bb.ret(bb.insert_value(pair, ir.Constant(I1, fails), 1))

    bb.cbranch(bb.icmp_signed("==", m, i64(0)), failed, nonzero)
    bb.position_at_end(failed)
    result(i64(0), 1)

    bb.position_at_end(nonzero)
    um = _magnitude(bb, m)
    bb.cbranch(bb.icmp_unsigned("==", um, i64(1)), unit, reduce_)
    bb.position_at_end(unit)
    result(i64(0), 0)

    bb.position_at_end(reduce_)  # the base as a residue in [0, |m|)
    rest = bb.urem(_magnitude(bb, a), um)
    base = bb.select(bb.and_(bb.icmp_signed("<", a, i64(0)), bb.icmp_unsigned("!=", rest, i64(0))),
                     bb.sub(um, rest), rest)
    bb.cbranch(bb.icmp_signed("<", b, i64(0)), inverse, power)

    bb.position_at_end(inverse)
    bb.branch(euclid)
    bb.position_at_end(euclid)  # (old_r, r) = (base, |m|); (old_s, s) = (1, 0), until r == 0
    old_r, r, old_s, s = (bb.phi(I64) for _ in range(4))
    for phi, start in ((old_r, base), (r, um), (old_s, i64(1)), (s, i64(0))):
        phi.add_incoming(start, inverse)
    bb.cbranch(bb.icmp_unsigned("==", r, i64(0)), inverted, step)
    bb.position_at_end(step)
    q = bb.udiv(old_r, r)
    old_r.add_incoming(r, step)
    r.add_incoming(bb.sub(old_r, bb.mul(q, r)), step)
    old_s.add_incoming(s, step)
    s.add_incoming(bb.sub(old_s, bb.mul(q, s)), step)  # modulo 2**64: the last is within +-|m|/2
    bb.branch(euclid)
    bb.position_at_end(inverted)
    invertible = bb.icmp_unsigned("==", old_r, i64(1))
    inverse_value = bb.select(bb.icmp_signed("<", old_s, i64(0)), bb.add(old_s, um), old_s)
    checked = fn.append_basic_block("invertible")
    bb.cbranch(invertible, checked, failed)
    bb.position_at_end(checked)
    bb.branch(power)

    bb.position_at_end(power)
    start_base = bb.phi(I64)
    start_base.add_incoming(base, reduce_)
    start_base.add_incoming(inverse_value, checked)
    exponent = _magnitude(bb, b)  # unsigned: |MIN| is 2**63
    bb.branch(loop)
    bb.position_at_end(loop)  # square and multiply
    acc, factor, e = (bb.phi(I64) for _ in range(3))
    acc.add_incoming(i64(1), power)
    factor.add_incoming(start_base, power)
    e.add_incoming(exponent, power)
    bb.cbranch(bb.icmp_unsigned("==", e, i64(0)), done, body)
    bb.position_at_end(body)
    multiplied = bb.call(mulmod, [acc, factor, um])
    acc.add_incoming(bb.select(bb.trunc(e, I1), multiplied, acc), body)
    factor.add_incoming(bb.call(mulmod, [factor, factor, um]), body)
    e.add_incoming(bb.lshr(e, i64(1)), body)
    bb.branch(loop)

    bb.position_at_end(done)
    negative = bb.and_(bb.icmp_signed("<", m, i64(0)), bb.icmp_unsigned("!=", acc, i64(0)))
    result(bb.select(negative, bb.sub(acc, um), acc), 0)
    return fn
