"""complex (complex128) in LLVM IR: a `{double, double}` value, CPython 3.11's arithmetic.

    z * w   ->  (a.re*b.re - a.im*b.im, a.re*b.im + a.im*b.re)          # _Py_c_prod
    z / w   ->  w == 0: fail("truediv", z, w)  else Smith's method       # _Py_c_quot
    z ** w  ->  jitcell.complex.pow(z, w): c_powi for small integral w, else _Py_c_pow; an errno
               (EDOM: 0 to a negative or complex power, ERANGE: an infinite result) fails("pow")
    abs(z)  ->  _Py_c_abs: C99's rules for infinities and NaNs, libm's hypot (as CPython calls it)

A failure re-evaluates the operation in Python (callbacks.py), which raises CPython's own
ZeroDivisionError or OverflowError. The cmath functions are computed by CPython's cmath through
a `str_call` site of the format callback (its special-value tables, bit for bit).
"""

from __future__ import annotations

from collections.abc import Callable

from llvmlite import ir

from jitcell.compiler import typed as T
from jitcell.compiler.types import BOOL, COMPLEX, FLOAT, INT, Type

from .arith import F64, I32, I64, f64, i64, llvm_type
from .host import LowererHost

__all__ = ["ComplexLowering", "complex_constant"]

_COMPLEX = ir.LiteralStructType([F64, F64])
_EDOM, _ERANGE = 1, 2
_POW_RESULT = ir.LiteralStructType([F64, F64, I32])  # real, imag, errno


def complex_constant(value: complex) -> ir.Constant:
    return ir.Constant(_COMPLEX, [f64(value.real), f64(value.imag)])


class ComplexLowering(LowererHost):
    """Mixed into the function lowerer."""

    def make_complex(self, re: ir.Value, im: ir.Value) -> ir.Value:
        b = self.b
        return b.insert_value(b.insert_value(ir.Constant(_COMPLEX, None), re, 0), im, 1)

    def parts(self, z: ir.Value) -> tuple[ir.Value, ir.Value]:
        return self.b.extract_value(z, 0), self.b.extract_value(z, 1)

    def complex_convert(self, value: ir.Value, source: Type, target: Type) -> ir.Value:
        """A number to complex (imaginary part +0.0), or a complex to its truth."""
        b = self.b
        if target is BOOL:
            re, im = self.parts(value)
            return b.or_(b.fcmp_unordered("!=", re, f64(0.0)), b.fcmp_unordered("!=", im, f64(0.0)))
        if source is INT:
            value = b.sitofp(value, F64)
        elif source is BOOL:
            value = b.uitofp(value, F64)
        return self.make_complex(value, f64(0.0))

    def complex_binary(self, op: str, lhs: ir.Value, rhs: ir.Value) -> ir.Value:
        b = self.b
        (ar, ai), (br, bi) = self.parts(lhs), self.parts(rhs)
        if op == "+":
            return self.make_complex(b.fadd(ar, br), b.fadd(ai, bi))
        if op == "-":
            return self.make_complex(b.fsub(ar, br), b.fsub(ai, bi))
        if op == "*":
            return self.make_complex(*_product(b, ar, ai, br, bi))
        operands = [(lhs, COMPLEX), (rhs, COMPLEX)]
        if op == "/":
            zero = b.and_(b.fcmp_ordered("==", br, f64(0.0)), b.fcmp_ordered("==", bi, f64(0.0)))
            self.fail(zero, "truediv", operands)  # ZeroDivisionError("complex division by zero")
            return self.make_complex(*_quotient(b, ar, ai, br, bi))
        assert op == "**", op
        result = b.call(self.complex_pow_function(), [ar, ai, br, bi])
        self.fail(b.icmp_signed("!=", b.extract_value(result, 2), ir.Constant(I32, 0)), "pow", operands)
        return self.make_complex(b.extract_value(result, 0), b.extract_value(result, 1))

    def complex_negate(self, z: ir.Value) -> ir.Value:
        re, im = self.parts(z)
        return self.make_complex(self.b.fneg(re), self.b.fneg(im))

    def complex_compare(self, op: str, left: ir.Value, left_type: Type, right: ir.Value, right_type: Type
                        ) -> ir.Value:
        """`==` / `!=`: a complex equals a number if its imaginary part is 0 and its real part equals
        the number exactly (an int is not rounded to a float first, as in CPython's complex_richcompare)."""
        b = self.b
        if left_type is not COMPLEX:
            left, left_type, right, right_type = right, right_type, left, left_type
        re, im = self.parts(left)
        if right_type is COMPLEX:
            right_re, right_im = self.parts(right)
            equal = b.and_(b.fcmp_ordered("==", re, right_re), b.fcmp_ordered("==", im, right_im))
        else:
            real_equal = self.arith.compare("==", re, FLOAT, right, right_type)
            equal = b.and_(b.fcmp_ordered("==", im, f64(0.0)), real_equal)
        return equal if op == "==" else b.not_(equal)

    def complex_intrinsic(self, node: T.Intrinsic, args: list[ir.Value]) -> ir.Value:
        b, name = self.b, node.name
        if name == "complex.real":
            return b.extract_value(args[0], 0)
        if name == "complex.imag":
            return b.extract_value(args[0], 1)
        if name == "complex.zero":  # x.imag of an int or a float
            return ir.Constant(llvm_type(node.type), 0.0 if node.type is FLOAT else 0)
        if name == "complex.conjugate":
            re, im = self.parts(args[0])
            return self.make_complex(re, b.fneg(im))
        if name == "complex.new":  # complex(re, im): CPython's complex_new for numbers
            re, im = args
            real = b.extract_value(re, 0) if node.args[0].type is COMPLEX else re
            imag = b.extract_value(im, 0) if node.args[1].type is COMPLEX else im
            if node.args[1].type is COMPLEX:
                real = b.fsub(real, b.extract_value(im, 1))
            if node.args[0].type is COMPLEX:
                imag = b.fadd(imag, b.extract_value(re, 1))
            return self.make_complex(real, imag)
        if name == "complex.abs":
            return self.complex_abs(node, args[0])
        assert name.startswith("cmath."), name
        return self.cmath_call(node, args)

    def cmath_call(self, node: T.Intrinsic, args: list[ir.Value]) -> ir.Value:
        """Inline where CPython's cmath computes a finite argument with plain libm calls (exp, sqrt,
        phase, polar, rect, the tests); CPython's own cmath for the rest, and for the special values
        and errors of those (an infinite or NaN argument or result, a subnormal sqrt)."""
        b, member = self.b, node.name[6:]
        if member in ("isnan", "isinf", "isfinite"):
            re, im = self.parts(args[0])
            test = {"isnan": self.arith.is_nan, "isinf": self.arith.is_inf, "isfinite": self.arith.is_finite}[member]
            return (b.and_ if member == "isfinite" else b.or_)(test(re), test(im))
        inline = _CMATH_INLINE.get(member)
        out = self.entry.alloca(I64 if node.type is BOOL else llvm_type(node.type), name="cmath")
        operands = [(a, arg.type) for a, arg in zip(args, node.args, strict=True)]
        if inline is None:
            self.python_call(node.name, operands, out)
        else:
            value, unusual = inline(self, *args)
            with b.if_else(unusual, likely=False) as (python, done):
                with python:
                    self.python_call(node.name, operands, out)
                with done:
                    b.store(value, out)
        if node.type is BOOL:
            return b.icmp_signed("!=", b.load(out), i64(0))
        return b.load(out)

    def _finite(self, *values: ir.Value) -> ir.Value:
        result = ir.Constant(ir.IntType(1), 1)
        for v in values:
            result = self.b.and_(result, self.arith.is_finite(v))
        return result

    def _cmath_exp(self, z: ir.Value) -> tuple[ir.Value, ir.Value]:
        """cmath_exp_impl for a finite z with z.real <= CM_LOG_LARGE_DOUBLE (log(DBL_MAX / 4))."""
        b = self.b
        re, im = self.parts(z)
        length = b.call(_libm(b.module, "exp", 1), [re])
        value = self.make_complex(b.fmul(length, b.call(_libm(b.module, "cos", 1), [im])),
                                  b.fmul(length, b.call(_libm(b.module, "sin", 1), [im])))
        vr, vi = self.parts(value)
        usual = b.and_(self._finite(re, im, vr, vi), b.fcmp_ordered("<=", re, f64(_CM_LOG_LARGE_DOUBLE)))
        return value, b.not_(usual)

    def _cmath_sqrt(self, z: ir.Value) -> tuple[ir.Value, ir.Value]:
        """cmath_sqrt_impl for a finite z whose parts are not both below DBL_MIN (0 included)."""
        b = self.b
        re, im = self.parts(z)
        fabs = _declare(b.module, "llvm.fabs.f64", F64, [F64])
        sqrt = _declare(b.module, "llvm.sqrt.f64", F64, [F64])
        copysign = _declare(b.module, "llvm.copysign.f64", F64, [F64, F64])
        ax, ay = b.call(fabs, [re]), b.call(fabs, [im])
        ax8 = b.fdiv(ax, f64(8.0))
        hypot = b.call(_libm(b.module, "hypot", 2), [ax8, b.fdiv(ay, f64(8.0))])
        s = b.fmul(f64(2.0), b.call(sqrt, [b.fadd(ax8, hypot)]))
        d = b.fdiv(ay, b.fmul(f64(2.0), s))
        non_negative = b.fcmp_ordered(">=", re, f64(0.0))
        value = self.make_complex(b.select(non_negative, s, d),
                                  b.call(copysign, [b.select(non_negative, d, s), im]))
        tiny = b.and_(b.fcmp_ordered("<", ax, f64(_DBL_MIN)), b.fcmp_ordered("<", ay, f64(_DBL_MIN)))
        return value, b.or_(b.not_(self._finite(re, im)), tiny)

    def _cmath_phase(self, z: ir.Value) -> tuple[ir.Value, ir.Value]:
        """c_atan2 for a finite z: atan2(imag, real), CPython's own answer for a zero imaginary part.
        An angle that underflows (below DBL_MIN, imag not 0) goes to CPython: glibc's atan2 sets
        ERANGE there, which cmath.phase reports as OverflowError("math range error")."""
        b = self.b
        re, im = self.parts(z)
        angle = self._atan2(re, im)
        fabs = b.call(_declare(b.module, "llvm.fabs.f64", F64, [F64]), [angle])
        underflow = b.and_(b.fcmp_ordered("<", fabs, f64(_DBL_MIN)), b.fcmp_ordered("!=", im, f64(0.0)))
        return angle, b.or_(b.not_(self._finite(re, im)), underflow)

    def _atan2(self, re: ir.Value, im: ir.Value) -> ir.Value:
        b = self.b
        copysign = _declare(b.module, "llvm.copysign.f64", F64, [F64, F64])
        positive = b.fcmp_ordered("==", b.call(copysign, [f64(1.0), re]), f64(1.0))
        on_axis = b.select(positive, b.call(copysign, [f64(0.0), im]), b.call(copysign, [f64(_PI), im]))
        general = b.call(_libm(b.module, "atan2", 2), [im, re])
        return b.select(b.fcmp_ordered("==", im, f64(0.0)), on_axis, general)

    def _cmath_polar(self, z: ir.Value) -> tuple[ir.Value, ir.Value]:
        """(_Py_c_abs, c_atan2) for a finite z whose magnitude is finite."""
        b = self.b
        re, im = self.parts(z)
        r = b.call(_libm(b.module, "hypot", 2), [re, im])
        pair = b.insert_value(b.insert_value(ir.Constant(ir.LiteralStructType([F64, F64]), None), r, 0),
                              self._atan2(re, im), 1)
        return pair, b.not_(self._finite(re, im, r))

    def _cmath_rect(self, r: ir.Value, phi: ir.Value) -> tuple[ir.Value, ir.Value]:
        """cmath_rect_impl for finite r and phi: (r, r * phi) when phi is 0, else r (cos phi, sin phi)."""
        b = self.b
        zero = b.fcmp_ordered("==", phi, f64(0.0))
        re = b.select(zero, r, b.fmul(r, b.call(_libm(b.module, "cos", 1), [phi])))
        im = b.select(zero, b.fmul(r, phi), b.fmul(r, b.call(_libm(b.module, "sin", 1), [phi])))
        return self.make_complex(re, im), b.not_(self._finite(r, phi))

    def complex_abs(self, node: T.Intrinsic, z: ir.Value) -> ir.Value:
        """_Py_c_abs: an infinite part gives inf (even with a NaN), else a NaN gives NaN, else
        hypot; an infinite hypot of finite parts is OverflowError("absolute value too large")."""
        b = self.b
        re, im = self.parts(z)
        arith = self.arith
        hypot = b.call(_libm(b.module, "hypot", 2), [re, im])
        finite = b.and_(arith.is_finite(re), arith.is_finite(im))
        self.fail(b.and_(finite, b.not_(arith.is_finite(hypot))), "abs", [(z, COMPLEX)])
        special = b.select(arith.is_inf(re), arith.fabs(re),
                           b.select(arith.is_inf(im), arith.fabs(im), f64(float("nan"))))
        return b.select(finite, hypot, special)

    def complex_pow_function(self) -> ir.Function:
        """{re, im, errno} jitcell.complex.pow(a.re, a.im, b.re, b.im): CPython 3.11's complex_pow."""
        module = self.b.module
        name = "jitcell.complex.pow"
        existing = module.globals.get(name)
        if isinstance(existing, ir.Function):
            return existing
        fn = ir.Function(module, ir.FunctionType(_POW_RESULT, [F64] * 4), name)
        fn.linkage = "internal"
        ar, ai, br, bi = fn.args
        b = ir.IRBuilder(fn.append_basic_block("entry"))
        small, general = fn.append_basic_block("powi"), fn.append_basic_block("pow")
        floor = b.call(_declare(module, "llvm.floor.f64", F64, [F64]), [br])
        fabs = b.call(_declare(module, "llvm.fabs.f64", F64, [F64]), [br])
        integral = b.and_(b.and_(b.fcmp_ordered("==", bi, f64(0.0)), b.fcmp_ordered("==", br, floor)),
                          b.fcmp_ordered("<=", fabs, f64(100.0)))
        b.cbranch(integral, small, general)

        b.position_at_end(small)  # c_powi(a, (long)b.real)
        n = b.fptosi(br, I64)
        positive = b.icmp_signed(">", n, i64(0))
        ur, ui = _powu(b, fn, ar, ai, b.select(positive, n, b.neg(n)))
        zero = b.and_(b.fcmp_ordered("==", ur, f64(0.0)), b.fcmp_ordered("==", ui, f64(0.0)))
        qr, qi = _quotient(b, f64(1.0), f64(0.0), ur, ui)
        powi_re = b.select(positive, ur, b.select(zero, f64(0.0), qr))
        powi_im = b.select(positive, ui, b.select(zero, f64(0.0), qi))
        powi_errno = b.select(b.and_(b.not_(positive), zero), ir.Constant(I32, _EDOM), ir.Constant(I32, 0))
        powi_end = b.block
        done = fn.append_basic_block("done")
        b.branch(done)

        b.position_at_end(general)  # _Py_c_pow(a, b)
        pow_re, pow_im, pow_errno = _c_pow(b, fn, ar, ai, br, bi)
        general_end = b.block
        b.branch(done)

        b.position_at_end(done)
        values = []
        for ty, (x, y) in ((F64, (powi_re, pow_re)), (F64, (powi_im, pow_im)), (I32, (powi_errno, pow_errno))):
            phi = b.phi(ty)
            phi.add_incoming(x, powi_end)
            phi.add_incoming(y, general_end)
            values.append(phi)
        re, im, errno = values
        infinite = b.or_(_is_inf(b, re), _is_inf(b, im))  # _Py_ADJUST_ERANGE2
        errno = b.select(b.and_(infinite, b.icmp_signed("==", errno, ir.Constant(I32, 0))),
                         ir.Constant(I32, _ERANGE), errno)
        result = ir.Constant(_POW_RESULT, None)
        for i, v in enumerate((re, im, errno)):
            result = b.insert_value(result, v, i)
        b.ret(result)
        return fn


_CM_LOG_LARGE_DOUBLE = 708.3964185322641  # log(DBL_MAX / 4), cmathmodule.c
_DBL_MIN = 2.2250738585072014e-308
_PI = 3.141592653589793
_CMATH_INLINE: dict[str, Callable[..., tuple[ir.Value, ir.Value]]] = {
    "exp": ComplexLowering._cmath_exp, "sqrt": ComplexLowering._cmath_sqrt, "phase": ComplexLowering._cmath_phase,
    "polar": ComplexLowering._cmath_polar, "rect": ComplexLowering._cmath_rect}


def _product(b: ir.IRBuilder, ar, ai, br, bi) -> tuple[ir.Value, ir.Value]:
    """_Py_c_prod (no fused multiply-add: LLVM contracts nothing without fast-math flags)."""
    return b.fsub(b.fmul(ar, br), b.fmul(ai, bi)), b.fadd(b.fmul(ar, bi), b.fmul(ai, br))


def _quotient(b: ir.IRBuilder, ar, ai, br, bi) -> tuple[ir.Value, ir.Value]:
    """_Py_c_quot (Smith's method) for a divisor that is not zero: divide by whichever part of
    the divisor is larger; a NaN in the divisor gives NaN + NaN j."""
    fabs = _declare(b.module, "llvm.fabs.f64", F64, [F64])
    abs_br, abs_bi = b.call(fabs, [br]), b.call(fabs, [bi])
    by_real = b.fcmp_ordered(">=", abs_br, abs_bi)
    by_imag = b.fcmp_ordered(">=", abs_bi, abs_br)
    with b.if_else(by_real) as (real_side, imag_side):  # one division's work, not both
        with real_side:
            ratio = b.fdiv(bi, br)
            denom = b.fadd(br, b.fmul(bi, ratio))
            real = (b.fdiv(b.fadd(ar, b.fmul(ai, ratio)), denom), b.fdiv(b.fsub(ai, b.fmul(ar, ratio)), denom))
            real_end = b.block
        with imag_side:
            ratio = b.fdiv(br, bi)
            denom = b.fadd(b.fmul(br, ratio), bi)
            nan = f64(float("nan"))  # neither is larger: a NaN among them
            imag = (b.select(by_imag, b.fdiv(b.fadd(b.fmul(ar, ratio), ai), denom), nan),
                    b.select(by_imag, b.fdiv(b.fsub(b.fmul(ai, ratio), ar), denom), nan))
            imag_end = b.block
    parts = []
    for first, second in zip(real, imag, strict=True):
        phi = b.phi(F64)
        phi.add_incoming(first, real_end)
        phi.add_incoming(second, imag_end)
        parts.append(phi)
    return parts[0], parts[1]


def _powu(b: ir.IRBuilder, fn: ir.Function, xr, xi, n) -> tuple[ir.Value, ir.Value]:
    """c_powu: binary exponentiation, r = 1; p = x; for each bit of n: r *= p if set; p *= p."""
    start = b.block
    loop, body, end = (fn.append_basic_block(f"powu.{s}") for s in ("loop", "body", "end"))
    b.branch(loop)
    b.position_at_end(loop)
    phis = [b.phi(t) for t in (F64, F64, F64, F64, I64)]
    rr, ri, pr, pi, mask = phis
    for phi, v in zip(phis, (f64(1.0), f64(0.0), xr, xi, i64(1)), strict=True):
        phi.add_incoming(v, start)
    go_on = b.and_(b.icmp_signed(">", mask, i64(0)), b.icmp_signed(">=", n, mask))
    b.cbranch(go_on, body, end)
    b.position_at_end(body)
    use = b.icmp_signed("!=", b.and_(n, mask), i64(0))
    mr, mi = _product(b, rr, ri, pr, pi)
    new_r = (b.select(use, mr, rr), b.select(use, mi, ri))
    square = _product(b, pr, pi, pr, pi)
    for phi, v in zip(phis, (*new_r, *square, b.shl(mask, i64(1))), strict=True):
        phi.add_incoming(v, body)
    b.branch(loop)
    b.position_at_end(end)
    return rr, ri


def _c_pow(b: ir.IRBuilder, fn: ir.Function, ar, ai, br, bi) -> tuple[ir.Value, ir.Value, ir.Value]:
    """_Py_c_pow: 1 for a zero exponent; 0 for a zero base (EDOM if the exponent is complex or
    negative); else polar form with libm's hypot, pow, atan2, exp, log, cos, sin."""
    module = b.module
    start = b.block
    polar, end = fn.append_basic_block("pow.polar"), fn.append_basic_block("pow.end")
    b_zero = b.and_(b.fcmp_ordered("==", br, f64(0.0)), b.fcmp_ordered("==", bi, f64(0.0)))
    a_zero = b.and_(b.fcmp_ordered("==", ar, f64(0.0)), b.fcmp_ordered("==", ai, f64(0.0)))
    edom = b.and_(b.not_(b_zero), b.or_(b.fcmp_unordered("!=", bi, f64(0.0)), b.fcmp_ordered("<", br, f64(0.0))))
    early = (b.select(b_zero, f64(1.0), f64(0.0)), f64(0.0),
             b.select(edom, ir.Constant(I32, _EDOM), ir.Constant(I32, 0)))
    b.cbranch(b.or_(b_zero, a_zero), end, polar)

    b.position_at_end(polar)
    vabs = b.call(_libm(module, "hypot", 2), [ar, ai])
    length = b.call(_libm(module, "pow", 2), [vabs, br])
    at = b.call(_libm(module, "atan2", 2), [ai, ar])
    phase = b.fmul(at, br)
    complex_exponent = b.fcmp_unordered("!=", bi, f64(0.0))
    length = b.select(complex_exponent, b.fdiv(length, b.call(_libm(module, "exp", 1), [b.fmul(at, bi)])), length)
    phase = b.select(complex_exponent, b.fadd(phase, b.fmul(bi, b.call(_libm(module, "log", 1), [vabs]))), phase)
    # libm's cos and sin of an infinite phase set errno to EDOM, which CPython reports as for 0 ** -1
    edom_polar = b.select(_is_inf(b, phase), ir.Constant(I32, _EDOM), ir.Constant(I32, 0))
    values = (b.fmul(length, b.call(_libm(module, "cos", 1), [phase])),
              b.fmul(length, b.call(_libm(module, "sin", 1), [phase])), edom_polar)
    b.branch(end)

    b.position_at_end(end)
    out = []
    for first, second, ty in zip(early, values, (F64, F64, I32), strict=True):
        phi = b.phi(ty)
        phi.add_incoming(first, start)
        phi.add_incoming(second, polar)
        out.append(phi)
    return out[0], out[1], out[2]


def _is_inf(b: ir.IRBuilder, x: ir.Value) -> ir.Value:
    fabs = b.call(_declare(b.module, "llvm.fabs.f64", F64, [F64]), [x])
    return b.fcmp_ordered("==", fabs, f64(float("inf")))


def _libm(module: ir.Module, name: str, arity: int) -> ir.Function:
    return _declare(module, name, F64, [F64] * arity)


def _declare(module: ir.Module, name: str, ret: ir.Type, args: list[ir.Type]) -> ir.Function:
    fn = module.globals.get(name)
    if isinstance(fn, ir.Function):
        return fn
    return ir.Function(module, ir.FunctionType(ret, args), name)

