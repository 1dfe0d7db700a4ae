"""Python's numeric semantics in LLVM IR: checked ints, floor division, exact mixed comparison.

    a // b   (int)    ->  if b == 0 or (a == MIN and b == -1): fail("floordiv", a, b)
                          q = sdiv a, b ; r = srem a, b ; q - (r != 0 and (r ^ b) < 0)
    a * b    (int)    ->  {p, overflow} = llvm.smul.with.overflow(a, b) ; overflow: fail("mul", a, b)

Every failing case calls `fail(condition, op, operands)`, which branches to an error
path (unlikely) that reports the operation and its operands to Python; Python then
evaluates the same operation to obtain the exact exception and message (or the true
result, which means the value does not fit in 64 bits). The rules follow CPython's
Objects/longobject.c, Objects/floatobject.c and Modules/mathmodule.c.
"""

from __future__ import annotations

from collections.abc import Callable

from llvmlite import ir

from jitcell.compiler.mathlib import MATH_FUNCTIONS
from jitcell.compiler.types import BOOL, COMPLEX, FLOAT, INT, RANGE, Function, Generator, Optional, Tuple, Type, is_heap

I1 = ir.IntType(1)
I8 = ir.IntType(8)
I32 = ir.IntType(32)
I64 = ir.IntType(64)
F64 = ir.DoubleType()

INT_MIN = -(2**63)
TWO63 = 9223372036854775808.0
TWO53 = 2**53

Fail = Callable[[ir.Value, str, list[tuple[ir.Value, Type]]], None]


def llvm_type(t: Type) -> ir.Type:
    if t is RANGE:
        return ir.LiteralStructType([I64, I64, I64])  # start, stop, step (lower/ranges.py)
    if isinstance(t, Tuple):
        return ir.LiteralStructType([llvm_type(item) for item in t.items])
    if is_heap(t) or isinstance(t, (Generator, Function)):
        return ir.PointerType()  # a reference-counted object, a coroutine's handle, a function's address
    if isinstance(t, Optional):  # null for None, or {present, value} (lower/optional.py)
        return ir.PointerType() if is_heap(t.inner) else ir.LiteralStructType([I1, llvm_type(t.inner)])
    if t is COMPLEX:
        return ir.LiteralStructType([F64, F64])  # (real, imag), as C's double _Complex
    return {INT: I64, FLOAT: F64, BOOL: I1}[t]


def i64(value: int) -> ir.Constant:
    return ir.Constant(I64, value)


def f64(value: float) -> ir.Constant:
    return ir.Constant(F64, value)


def i32(value: int) -> ir.Constant:
    return ir.Constant(I32, value)


class Arith:
    """Emits numeric operations at the builder's position; `fail` emits the error exits."""

    def __init__(self, builder: ir.IRBuilder, fail: Fail, wraparound: bool):
        self.b = builder
        self.fail = fail
        self.wraparound = wraparound

    @property
    def module(self) -> ir.Module:
        return self.b.module

    def intrinsic(self, name: str, ret: ir.Type, args: list[ir.Type]) -> ir.Function:
        fn = self.module.globals.get(name)
        if fn is None:
            fn = ir.Function(self.module, ir.FunctionType(ret, args), name)
        return fn

    def call(self, name: str, ret: ir.Type, *args: ir.Value) -> ir.Value:
        return self.b.call(self.intrinsic(name, ret, [a.type for a in args]), list(args))

    # ---- ints ------------------------------------------------------------------

    def int_binary(self, op: str, a: ir.Value, b: ir.Value) -> ir.Value:
        match op:
            case "+" | "-" | "*":
                return self.int_checked(op, a, b)
            case "//":
                return self.int_floordiv(a, b)
            case "%":
                return self.int_mod(a, b)
            case "/":
                return self.int_truediv(a, b)
            case "**":
                return self.int_pow(a, b)
            case "&":
                return self.b.and_(a, b)
            case "|":
                return self.b.or_(a, b)
            case "^":
                return self.b.xor(a, b)
            case "<<":
                return self.int_lshift(a, b)
            case ">>":
                return self.int_rshift(a, b)
        raise AssertionError(op)

    def int_checked(self, op: str, a: ir.Value, b: ir.Value) -> ir.Value:
        plain = {"+": self.b.add, "-": self.b.sub, "*": self.b.mul}[op]
        if self.wraparound:
            return plain(a, b)
        name = {"+": "sadd", "-": "ssub", "*": "smul"}[op]
        pair = self.call(f"llvm.{name}.with.overflow.i64", ir.LiteralStructType([I64, I1]), a, b)
        self.fail(self.b.extract_value(pair, 1), {"+": "add", "-": "sub", "*": "mul"}[op],
                  [(a, INT), (b, INT)])
        return self.b.extract_value(pair, 0)

    def int_neg(self, a: ir.Value) -> ir.Value:
        if not self.wraparound:
            self.fail(self.b.icmp_signed("==", a, i64(INT_MIN)), "neg", [(a, INT)])
        return self.b.sub(i64(0), a)

    def int_abs(self, a: ir.Value) -> ir.Value:
        if not self.wraparound:
            self.fail(self.b.icmp_signed("==", a, i64(INT_MIN)), "abs", [(a, INT)])
        negative = self.b.icmp_signed("<", a, i64(0))
        return self.b.select(negative, self.b.sub(i64(0), a), a)

    def _division_guard(self, op: str, a: ir.Value, b: ir.Value) -> ir.Value:
        """Fails on b == 0 (and on MIN // -1 when checked); returns whether b == -1."""
        zero = self.b.icmp_signed("==", b, i64(0))
        minus_one = self.b.icmp_signed("==", b, i64(-1))
        failed = zero
        if op == "floordiv" and not self.wraparound:
            failed = self.b.or_(zero, self.b.and_(minus_one, self.b.icmp_signed("==", a, i64(INT_MIN))))
        self.fail(failed, op, [(a, INT), (b, INT)])
        return minus_one

    def int_floordiv(self, a: ir.Value, b: ir.Value) -> ir.Value:
        minus_one = self._division_guard("floordiv", a, b)
        # sdiv traps on MIN / -1, so divide by 1 there and negate (wrapping) instead
        safe_b = self.b.select(minus_one, i64(1), b)
        q = self.b.sdiv(a, safe_b)
        r = self.b.srem(a, safe_b)
        adjust = self.b.and_(self.b.icmp_signed("!=", r, i64(0)),
                             self.b.icmp_signed("<", self.b.xor(r, safe_b), i64(0)))
        q = self.b.sub(q, self.b.zext(adjust, I64))
        return self.b.select(minus_one, self.b.sub(i64(0), a), q)

    def int_mod(self, a: ir.Value, b: ir.Value) -> ir.Value:
        minus_one = self._division_guard("mod", a, b)
        safe_b = self.b.select(minus_one, i64(1), b)
        r = self.b.srem(a, safe_b)
        adjust = self.b.and_(self.b.icmp_signed("!=", r, i64(0)),
                             self.b.icmp_signed("<", self.b.xor(r, safe_b), i64(0)))
        return self.b.add(r, self.b.select(adjust, safe_b, i64(0)))

    def int_truediv(self, a: ir.Value, b: ir.Value) -> ir.Value:
        self.fail(self.b.icmp_signed("==", b, i64(0)), "truediv", [(a, INT), (b, INT)])
        return self.b.call(self._exact_int_division(), [a, b])

    def _exact_int_division(self) -> ir.Function:
        """double jitcell.int_truediv(i64 a, i64 b): a / b correctly rounded, as CPython does.

        Operands up to 2**53 are exact doubles, so one fdiv is correctly rounded.
        Larger ones: long division of |a| by |b| until the quotient has 55 bits, a
        sticky bit for the remainder, one rounding conversion, an exact power-of-two scale.
        """
        name = "jitcell.int_truediv"
        fn = self.module.globals.get(name)
        if fn is not None:
            return fn
        fn = ir.Function(self.module, ir.FunctionType(F64, [I64, I64]), name)
        fn.linkage = "internal"
        a, b = fn.args
        entry, fast, slow, loop, done = (fn.append_basic_block(n) for n in
                                         ("entry", "fast", "slow", "loop", "done"))
        bb = ir.IRBuilder(entry)

        def magnitude(x):
            return bb.select(bb.icmp_signed("<", x, i64(0)), bb.sub(i64(0), x), x)

        ua, ub = magnitude(a), magnitude(b)  # as unsigned: |MIN| wraps to 2**63
        small = bb.and_(bb.icmp_unsigned("<=", ua, i64(TWO53)), bb.icmp_unsigned("<=", ub, i64(TWO53)))
        # a zero quotient would never reach 55 bits in the loop below; 0.0 / b is exact (and signed)
        small = bb.or_(small, bb.icmp_signed("==", a, i64(0)))
        bb.cbranch(small, fast, slow)

        bb.position_at_end(fast)
        bb.ret(bb.fdiv(bb.sitofp(a, F64), bb.sitofp(b, F64)))

        bb.position_at_end(slow)
        q0, r0 = bb.udiv(ua, ub), bb.urem(ua, ub)
        bb.branch(loop)

        bb.position_at_end(loop)
        q = bb.phi(I64)
        r = bb.phi(I64)
        e = bb.phi(I64)
        q.add_incoming(q0, slow)
        r.add_incoming(r0, slow)
        e.add_incoming(i64(0), slow)
        enough = bb.icmp_unsigned(">=", q, i64(2**54))
        body = fn.append_basic_block("step")
        bb.cbranch(enough, done, body)

        bb.position_at_end(body)
        r2 = bb.shl(r, i64(1))
        bit = bb.icmp_unsigned(">=", r2, ub)
        q.add_incoming(bb.or_(bb.shl(q, i64(1)), bb.zext(bit, I64)), body)
        r.add_incoming(bb.select(bit, bb.sub(r2, ub), r2), body)
        e.add_incoming(bb.add(e, i64(1)), body)
        bb.branch(loop)

        bb.position_at_end(done)
        sticky = bb.zext(bb.icmp_unsigned("!=", r, i64(0)), I64)
        value = bb.uitofp(bb.or_(q, sticky), F64)
        scale = bb.bitcast(bb.shl(bb.sub(i64(1023), e), i64(52)), F64)  # 2 ** -e, exact
        value = bb.fmul(value, scale)
        negative = bb.icmp_signed("<", bb.xor(a, b), i64(0))
        bb.ret(bb.select(negative, bb.fneg(value), value))
        return fn

    def int_pow(self, base: ir.Value, exponent: ir.Value) -> ir.Value:
        self.fail(self.b.icmp_signed("<", exponent, i64(0)), "negative_power",
                  [(base, INT), (exponent, INT)])
        # square-and-multiply; every product is checked, and the base is squared only when used
        b = self.b
        start = b.block
        loop = b.append_basic_block("pow.loop")
        body = b.append_basic_block("pow.body")
        done = b.append_basic_block("pow.done")
        b.branch(loop)
        b.position_at_end(loop)
        result = b.phi(I64)
        factor = b.phi(I64)
        e = b.phi(I64)
        result.add_incoming(i64(1), start)
        factor.add_incoming(base, start)
        e.add_incoming(exponent, start)
        b.cbranch(b.icmp_signed("==", e, i64(0)), done, body)
        b.position_at_end(body)
        odd = b.trunc(e, I1)
        multiplied = self._pow_multiply(result, factor, base, exponent)
        new_result = b.select(odd, multiplied, result)
        rest = b.lshr(e, i64(1))
        squared = self._pow_multiply(factor, factor, base, exponent, when=b.icmp_signed("!=", rest, i64(0)))
        result.add_incoming(new_result, b.block)
        factor.add_incoming(squared, b.block)
        e.add_incoming(rest, b.block)
        b.branch(loop)
        b.position_at_end(done)
        return result

    def _pow_multiply(self, x, y, base, exponent, when=None):
        if self.wraparound:
            return self.b.mul(x, y)
        pair = self.call("llvm.smul.with.overflow.i64", ir.LiteralStructType([I64, I1]), x, y)
        overflow = self.b.extract_value(pair, 1)
        if when is not None:
            overflow = self.b.and_(overflow, when)
        self.fail(overflow, "pow", [(base, INT), (exponent, INT)])
        return self.b.extract_value(pair, 0)

    def int_lshift(self, a: ir.Value, n: ir.Value) -> ir.Value:
        b = self.b
        self.fail(b.icmp_signed("<", n, i64(0)), "lshift", [(a, INT), (n, INT)])
        big = b.icmp_signed(">=", n, i64(64))
        safe_n = b.select(big, i64(0), n)
        shifted = b.shl(a, safe_n)
        if not self.wraparound:
            lost = b.icmp_signed("!=", b.ashr(shifted, safe_n), a)
            nonzero = b.icmp_signed("!=", a, i64(0))
            self.fail(b.or_(lost, b.and_(big, nonzero)), "lshift", [(a, INT), (n, INT)])
        return b.select(big, i64(0), shifted)

    def int_rshift(self, a: ir.Value, n: ir.Value) -> ir.Value:
        b = self.b
        self.fail(b.icmp_signed("<", n, i64(0)), "rshift", [(a, INT), (n, INT)])
        clamped = b.select(b.icmp_signed(">", n, i64(63)), i64(63), n)
        return b.ashr(a, clamped)

    # ---- floats ------------------------------------------------------------------

    def float_binary(self, op: str, a: ir.Value, b: ir.Value) -> ir.Value:
        match op:
            case "+":
                return self.b.fadd(a, b)
            case "-":
                return self.b.fsub(a, b)
            case "*":
                return self.b.fmul(a, b)
            case "/":
                self.fail(self.b.fcmp_ordered("==", b, f64(0.0)), "truediv", [(a, FLOAT), (b, FLOAT)])
                return self.b.fdiv(a, b)
            case "//":
                return self.float_divmod(a, b, want="floordiv")
            case "%":
                return self.float_divmod(a, b, want="mod")
            case "**":
                return self.float_pow(a, b)
        raise AssertionError(op)

    def is_nan(self, x: ir.Value) -> ir.Value:
        return self.b.fcmp_unordered("uno", x, x)

    def is_inf(self, x: ir.Value) -> ir.Value:
        return self.b.fcmp_ordered("==", self.fabs(x), f64(float("inf")))

    def is_finite(self, x: ir.Value) -> ir.Value:
        return self.b.fcmp_ordered("<", self.fabs(x), f64(float("inf")))

    def fabs(self, x: ir.Value) -> ir.Value:
        return self.call("llvm.fabs.f64", F64, x)

    def copysign(self, x: ir.Value, sign: ir.Value) -> ir.Value:
        return self.call("llvm.copysign.f64", F64, x, sign)

    def float_divmod(self, vx: ir.Value, wx: ir.Value, want: str) -> ir.Value:
        """CPython's float_divmod / float_rem, step by step."""
        b = self.b
        self.fail(b.fcmp_ordered("==", wx, f64(0.0)), want, [(vx, FLOAT), (wx, FLOAT)])
        mod = b.frem(vx, wx)
        mod_nonzero = b.fcmp_unordered("!=", mod, f64(0.0))
        signs_differ = b.xor(b.fcmp_ordered("<", wx, f64(0.0)), b.fcmp_ordered("<", mod, f64(0.0)))
        adjust = b.and_(mod_nonzero, signs_differ)
        if want == "mod":
            adjusted = b.select(adjust, b.fadd(mod, wx), mod)
            return b.select(mod_nonzero, adjusted, self.copysign(f64(0.0), wx))
        div = b.fdiv(b.fsub(vx, mod), wx)
        div = b.select(adjust, b.fsub(div, f64(1.0)), div)
        floor = self.call("llvm.floor.f64", F64, div)
        floor = b.select(b.fcmp_ordered(">", b.fsub(div, floor), f64(0.5)), b.fadd(floor, f64(1.0)), floor)
        div_nonzero = b.fcmp_unordered("!=", div, f64(0.0))
        return b.select(div_nonzero, floor, self.copysign(f64(0.0), b.fdiv(vx, wx)))

    def float_pow(self, x: ir.Value, y: ir.Value, op: str = "pow") -> ir.Value:
        r = self.call("llvm.pow.f64", F64, x, y)
        self.check_binary_math(r, x, y, op)
        return r

    def check_binary_math(self, r, x, y, op: str) -> None:
        """math_2's rule: NaN from non-NaN inputs, or infinity from finite inputs, fails."""
        b = self.b
        nan_from_numbers = b.and_(self.is_nan(r), b.not_(b.or_(self.is_nan(x), self.is_nan(y))))
        inf_from_finite = b.and_(self.is_inf(r), b.and_(self.is_finite(x), self.is_finite(y)))
        self.fail(b.or_(nan_from_numbers, inf_from_finite), op, [(x, FLOAT), (y, FLOAT)])

    def check_unary_math(self, r, x, op: str) -> None:
        """math_1's rule: NaN from non-NaN input, or infinity from finite input, fails."""
        b = self.b
        nan_from_number = b.and_(self.is_nan(r), b.not_(self.is_nan(x)))
        inf_from_finite = b.and_(self.is_inf(r), self.is_finite(x))
        self.fail(b.or_(nan_from_number, inf_from_finite), op, [(x, FLOAT)])

    def float_to_int(self, x: ir.Value, op: str, operands) -> ir.Value:
        """int(x) for a float; NaN, infinities and values beyond 64 bits fail like Python's int()."""
        b = self.b
        in_range = b.and_(b.fcmp_ordered(">=", x, f64(-TWO63)), b.fcmp_ordered("<", x, f64(TWO63)))
        self.fail(b.not_(in_range), op, operands)
        return b.fptosi(x, I64)

    # ---- comparisons ---------------------------------------------------------------

    def compare(self, op: str, a: ir.Value, ta: Type, c: ir.Value, tc: Type) -> ir.Value:
        b = self.b
        if ta is FLOAT and tc is FLOAT:
            return b.fcmp_unordered("!=", a, c) if op == "!=" else b.fcmp_ordered(op, a, c)
        if ta is INT and tc is INT:
            return b.icmp_signed(op, a, c)
        if ta is BOOL and tc is BOOL:
            return b.icmp_unsigned(op, a, c)
        if ta is INT:  # int vs float, exactly
            return self._order_holds(op, b.call(self._int_float_order(), [a, c]))
        flipped = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}[op]
        return self._order_holds(flipped, b.call(self._int_float_order(), [c, a]))

    def _order_holds(self, op: str, order: ir.Value) -> ir.Value:
        b = self.b
        match op:
            case "<":
                return b.icmp_signed("==", order, i32(-1))
            case "<=":
                return b.or_(b.icmp_signed("==", order, i32(-1)), b.icmp_signed("==", order, i32(0)))
            case ">":
                return b.icmp_signed("==", order, i32(1))
            case ">=":
                return b.or_(b.icmp_signed("==", order, i32(1)), b.icmp_signed("==", order, i32(0)))
            case "==":
                return b.icmp_signed("==", order, i32(0))
            case "!=":
                return b.icmp_signed("!=", order, i32(0))
        raise AssertionError(op)

    def _int_float_order(self) -> ir.Function:
        """i32 jitcell.int_float_order(i64 i, double f): -1, 0, 1 as i <, ==, > f; 2 if f is NaN.

        Python compares an int and a float by their exact values; converting a large
        int to a float first would round it, so big ints are compared as ints.
        """
        name = "jitcell.int_float_order"
        fn = self.module.globals.get(name)
        if fn is not None:
            return fn
        fn = ir.Function(self.module, ir.FunctionType(I32, [I64, F64]), name)
        fn.linkage = "internal"
        i, f = fn.args
        bb = ir.IRBuilder(fn.append_basic_block("entry"))

        def order(lt, gt):
            return bb.select(lt, i32(-1), bb.select(gt, i32(1), i32(0)))

        nan, small, big = (fn.append_basic_block(n) for n in ("nan", "small", "big"))
        bb.cbranch(self._is_nan_in(bb, f), nan, small)
        bb.position_at_end(nan)
        bb.ret(i32(2))
        bb.position_at_end(small)
        magnitude = bb.select(bb.icmp_signed("<", i, i64(0)), bb.sub(i64(0), i), i)
        exact = bb.icmp_unsigned("<=", magnitude, i64(TWO53))
        small_ret = fn.append_basic_block("small.ret")
        bb.cbranch(exact, small_ret, big)
        bb.position_at_end(small_ret)
        fi = bb.sitofp(i, F64)
        bb.ret(order(bb.fcmp_ordered("<", fi, f), bb.fcmp_ordered(">", fi, f)))
        bb.position_at_end(big)
        above = bb.fcmp_ordered(">=", f, f64(TWO63))
        below = bb.fcmp_ordered("<", f, f64(-TWO63))
        outside, inside = fn.append_basic_block("outside"), fn.append_basic_block("inside")
        bb.cbranch(bb.or_(above, below), outside, inside)
        bb.position_at_end(outside)
        bb.ret(bb.select(above, i32(-1), i32(1)))
        bb.position_at_end(inside)
        # |i| > 2**53 here, so an equal f would be an integer: comparing truncations is exact
        t = bb.fptosi(f, I64)
        lt = bb.or_(bb.icmp_signed("<", i, t),
                    bb.and_(bb.icmp_signed("==", i, t), bb.fcmp_ordered(">", f, bb.sitofp(t, F64))))
        gt = bb.or_(bb.icmp_signed(">", i, t),
                    bb.and_(bb.icmp_signed("==", i, t), bb.fcmp_ordered("<", f, bb.sitofp(t, F64))))
        bb.ret(order(lt, gt))
        return fn

    @staticmethod
    def _is_nan_in(bb: ir.IRBuilder, x: ir.Value) -> ir.Value:
        return bb.fcmp_unordered("uno", x, x)

    # ---- math module ---------------------------------------------------------------

    def math_call(self, member: str, args: list[ir.Value]) -> ir.Value:
        fn = MATH_FUNCTIONS[member]
        op = f"math.{member}"
        b = self.b
        match member:
            case "isnan":
                return self.is_nan(args[0])
            case "isinf":
                return self.is_inf(args[0])
            case "isfinite":
                return self.is_finite(args[0])
            case "degrees":
                return b.fmul(args[0], f64(180.0 / 3.141592653589793))
            case "radians":
                return b.fmul(args[0], f64(3.141592653589793 / 180.0))
            case "fmod":
                x, y = args
                r = b.frem(x, y)
                self.check_binary_math(r, x, y, op)
                return r
            case "hypot":
                return self._hypot(args)
            case "sqrt":  # math_1's rule, for sqrt: NaN only from x < 0 (or NaN), infinity only from inf
                r = self.call("llvm.sqrt.f64", F64, args[0])
                self.fail(b.fcmp_ordered("<", args[0], f64(0.0)), op, [(args[0], FLOAT)])  # LLVM may prove it false
                return r
            case "log" if len(args) == 2:
                x, base = args
                num, den = self.call("llvm.log.f64", F64, x), self.call("llvm.log.f64", F64, base)
                failed = b.or_(self._math1_failed(num, x),
                               b.or_(self._math1_failed(den, base), b.fcmp_ordered("==", den, f64(0.0))))
                self.fail(failed, op, [(x, FLOAT), (base, FLOAT)])
                return b.fdiv(num, den)
        assert fn.llvm is not None, member  # the functions without one are lowered above
        r = self.call(fn.llvm, F64, *args)
        if fn.errors == "to_int":
            return self.float_to_int(r, op, [(args[0], FLOAT)])
        if fn.errors in ("domain", "range"):
            self.check_unary_math(r, args[0], op)
        elif fn.errors == "binary":
            x, y = args
            self.check_binary_math(r, x, y, op)
        return r

    def _math1_failed(self, r, x) -> ir.Value:
        b = self.b
        return b.or_(b.and_(self.is_nan(r), b.not_(self.is_nan(x))),
                     b.and_(self.is_inf(r), self.is_finite(x)))

    def _hypot(self, args: list[ir.Value]) -> ir.Value:
        return self.b.call(self._vector_norm_2(), args)

    def _vector_norm_2(self) -> ir.Function:
        """double jitcell.hypot(double x, double y): CPython's vector_norm for two values.

        glibc's hypot differs from Python's in the last bit for about 1 in 1000
        inputs, so Python's algorithm is reproduced: scale by a power of two, square
        and sum losslessly (fma gives each product's rounding error), one Newton step.
        """
        name = "jitcell.hypot"
        fn = self.module.globals.get(name)
        if fn is not None:
            return fn
        fn = ir.Function(self.module, ir.FunctionType(F64, [F64, F64]), name)
        fn.linkage = "internal"
        x, y = fn.args
        bb = ir.IRBuilder(fn.append_basic_block("entry"))
        saved, self.b = self.b, bb
        try:
            ax, ay = self.fabs(x), self.fabs(y)
            found_nan = bb.or_(self.is_nan(x), self.is_nan(y))
            # CPython's `if (x > max) max = x` from 0.0: NaNs never win, so hypot(nan, inf) is inf
            top = bb.select(bb.fcmp_ordered(">", ax, f64(0.0)), ax, f64(0.0))
            top = bb.select(bb.fcmp_ordered(">", ay, top), ay, top)
            special, normal = fn.append_basic_block("special"), fn.append_basic_block("normal")
            early = bb.or_(bb.or_(self.is_inf(top), found_nan), bb.fcmp_ordered("==", top, f64(0.0)))
            bb.cbranch(early, special, normal)
            bb.position_at_end(special)
            bb.ret(bb.select(self.is_inf(top), top, bb.select(found_nan, f64(float("nan")), top)))

            bb.position_at_end(normal)
            # subnormal inputs: work on them times 2**1022 (exact), scale the result back
            tiny = bb.fcmp_ordered("<", top, f64(2.0 ** -1022))
            pre = bb.select(tiny, f64(2.0 ** 1022), f64(1.0))
            ax, ay, top = bb.fmul(ax, pre), bb.fmul(ay, pre), bb.fmul(top, pre)
            frexp = self.call("llvm.frexp.f64.i32", ir.LiteralStructType([F64, I32]), top)
            exponent = bb.extract_value(frexp, 1)
            scale = self.call("llvm.ldexp.f64.i32", F64, f64(1.0), bb.neg(exponent))
            csum, frac1, frac2 = f64(1.0), f64(0.0), f64(0.0)

            def add_square(csum, frac1, frac2, a, b):
                hi = bb.fmul(a, b)
                lo = self.call("llvm.fma.f64", F64, a, b, bb.fneg(hi))
                total = bb.fadd(csum, hi)
                low = bb.fsub(hi, bb.fsub(total, csum))
                return total, bb.fadd(frac1, lo), bb.fadd(frac2, low)

            for v in (ax, ay):
                scaled = bb.fmul(v, scale)
                csum, frac1, frac2 = add_square(csum, frac1, frac2, scaled, scaled)
            h = self.call("llvm.sqrt.f64", F64, bb.fadd(bb.fsub(csum, f64(1.0)), bb.fadd(frac1, frac2)))
            csum, frac1, frac2 = add_square(csum, frac1, frac2, bb.fneg(h), h)
            rest = bb.fadd(bb.fsub(csum, f64(1.0)), bb.fadd(frac1, frac2))
            h = bb.fadd(h, bb.fdiv(rest, bb.fmul(f64(2.0), h)))
            bb.ret(bb.fmul(bb.fdiv(h, scale), bb.select(tiny, f64(2.0 ** -1022), f64(1.0))))
        finally:
            self.b = saved
        return fn

    # ---- builtins ------------------------------------------------------------------

    def truth(self, value: ir.Value, t: Type) -> ir.Value:
        if t is BOOL:
            return value
        if t is INT:
            return self.b.icmp_signed("!=", value, i64(0))
        return self.b.fcmp_unordered("!=", value, f64(0.0))  # NaN is true

    def convert(self, value: ir.Value, source: Type, target: Type, operands=None) -> ir.Value:
        b = self.b
        if target is BOOL:
            return self.truth(value, source)
        if (source, target) == (BOOL, INT):
            return b.zext(value, I64)
        if (source, target) == (BOOL, FLOAT):
            return b.uitofp(value, F64)
        if (source, target) == (INT, FLOAT):
            return b.sitofp(value, F64)
        if (source, target) == (FLOAT, INT):
            return self.float_to_int(value, "int", [(value, FLOAT)])
        raise AssertionError((source, target))

    def minmax(self, name: str, values: list[ir.Value], t: Type) -> ir.Value:
        """Python keeps the first extreme value: max(a, b) is b only if b > a."""
        result = values[0]
        for v in values[1:]:
            better = self.compare(">" if name == "max" else "<", v, t, result, t)
            result = self.b.select(better, v, result)
        return result

    def round_to_int(self, x: ir.Value) -> ir.Value:
        r = self.call("llvm.roundeven.f64", F64, x)
        return self.float_to_int(r, "round", [(x, FLOAT)])
