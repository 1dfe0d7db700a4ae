"""NumPy's complex128 element operations in IR (lower/elementwise.py dispatches here).

    a * b       (fma(ar, br, -(ai*bi)), fma(ar, bi, ai*br))    NumPy's SIMD loop (FMA3, AVX-512, NEON)
    a / b       NumPy's CDOUBLE_divide: Smith's method with a reciprocal scale; 0 / 0 is NaN
    np.abs(a)   NumPy's SIMD simd_cabsolute: max * sqrt(fma(r, r, 1)), r = min / max
    a ** 2      np.square (fast_scalar_power): the multiplication above; a ** c: npy_cpow
    np.sqrt(a)  the C library's csqrt (np.exp, np.log, np.sin, np.cos, np.tan: cexp...), as NumPy calls them
    a < b       NumPy's lexicographic order on (real, imag): a NaN part compares False

A value is `{double, double}`. Unlike Python's complex, nothing raises: division by zero gives
inf or NaN, as NumPy's loops do (whose RuntimeWarnings are not issued).
"""

from __future__ import annotations

from llvmlite import ir

from jitcell.compiler.types import BOOL, COMPLEX, INT, Type

from .arith import F64, I64, Arith

__all__ = ["complex_element", "complex_absolute", "COMPLEX_TYPE"]

COMPLEX_TYPE = ir.LiteralStructType([F64, F64])


def _f(v: float) -> ir.Constant:
    return ir.Constant(F64, v)


def _pack(b: ir.IRBuilder, re: ir.Value, im: ir.Value) -> ir.Value:
    return b.insert_value(b.insert_value(ir.Constant(COMPLEX_TYPE, None), re, 0), im, 1)


def _parts(b: ir.IRBuilder, z: ir.Value) -> tuple[ir.Value, ir.Value]:
    return b.extract_value(z, 0), b.extract_value(z, 1)


def _to_complex(b: ir.IRBuilder, v: ir.Value, source: Type) -> ir.Value:
    if source is COMPLEX:
        return v
    if source is INT:
        v = b.sitofp(v, F64)
    elif source is BOOL:
        v = b.uitofp(v, F64)
    return _pack(b, v, _f(0.0))


def complex_element(arith: Arith, op: str, args: list[ir.Value], types: list[Type], result: Type) -> ir.Value:
    """One element of `op` where an operand or the result is complex."""
    b = arith.b
    match op:
        case "cast":
            if result is BOOL:  # np.where's condition: nonzero (a NaN part is True)
                re, im = _parts(b, args[0])
                return b.or_(b.fcmp_unordered("!=", re, _f(0.0)), b.fcmp_unordered("!=", im, _f(0.0)))
            return _to_complex(b, args[0], types[0])
        case "where":
            return b.select(args[0], args[1], args[2])
        case "real":
            return b.extract_value(args[0], 0)
        case "imag":
            return b.extract_value(args[0], 1)
        case "conj":
            re, im = _parts(b, args[0])
            return _pack(b, re, b.fneg(im))
        case "neg":
            re, im = _parts(b, args[0])
            return _pack(b, b.fneg(re), b.fneg(im))
        case "abs":
            return _absolute(arith, *_parts(b, args[0]))
        case "sqrt" | "exp" | "log" | "sin" | "cos" | "tan":
            re, im = _parts(b, args[0])
            return b.call(_libm(b.module, f"c{op}", 1), [re, im])
        case "**scalar":
            return _scalar_power(arith, args[0], args[1], types[1])
    (ar, ai), (br, bi) = _parts(b, args[0]), _parts(b, args[1])
    match op:
        case "+":
            return _pack(b, b.fadd(ar, br), b.fadd(ai, bi))
        case "-":
            return _pack(b, b.fsub(ar, br), b.fsub(ai, bi))
        case "*":
            return _pack(b, *multiply_fused(arith, ar, ai, br, bi))
        case "/":
            return _pack(b, *_divide(arith, ar, ai, br, bi))
        case "**":
            return b.call(_cpow(arith), [ar, ai, br, bi])
        case "==" | "!=":
            equal = b.and_(b.fcmp_ordered("==", ar, br), b.fcmp_ordered("==", ai, bi))
            return equal if op == "==" else b.not_(equal)
        case "<" | "<=" | ">" | ">=":
            return ordered(arith, op, ar, ai, br, bi)
        case "minimum" | "maximum":  # in1 if it has a NaN or in1 >= in2 (maximum), else in2
            keep = b.or_(b.or_(arith.is_nan(ar), arith.is_nan(ai)),
                         ordered(arith, ">=" if op == "maximum" else "<=", ar, ai, br, bi))
            return b.select(keep, args[0], args[1])
    raise AssertionError(f"no complex element operation {op!r}")


def ordered(arith: Arith, op: str, ar: ir.Value, ai: ir.Value, br: ir.Value, bi: ir.Value) -> ir.Value:
    """NumPy's CLT/CLE/CGT/CGE: the real parts decide, when no imaginary part is NaN; equal real
    parts: the imaginary parts."""
    b = arith.b
    no_nan = b.not_(b.or_(arith.is_nan(ai), arith.is_nan(bi)))
    strict = op[0]
    by_real = b.and_(b.fcmp_ordered(strict, ar, br), no_nan)
    return b.or_(by_real, b.and_(b.fcmp_ordered("==", ar, br), b.fcmp_ordered(op, ai, bi)))


def multiply_fused(arith: Arith, ar, ai, br, bi) -> tuple[ir.Value, ir.Value]:
    """NumPy's vectorized CDOUBLE_multiply: a fused multiply-subtract and a fused multiply-add."""
    b = arith.b
    re = arith.call("llvm.fma.f64", F64, ar, br, b.fneg(b.fmul(ai, bi)))
    im = arith.call("llvm.fma.f64", F64, ar, bi, b.fmul(ai, br))
    return re, im


def _multiply(b: ir.IRBuilder, ar, ai, br, bi) -> tuple[ir.Value, ir.Value]:
    """npymath's cmul: no fused operations (npy_cpow's small integer powers)."""
    return b.fsub(b.fmul(ar, br), b.fmul(ai, bi)), b.fadd(b.fmul(ar, bi), b.fmul(ai, br))


def _divide(arith: Arith, ar, ai, br, bi) -> tuple[ir.Value, ir.Value]:
    """NumPy's CDOUBLE_divide (and npymath's cdiv): scale by the larger part of the divisor; a zero
    divisor gives ar / 0, ai / 0."""
    b = arith.b
    abs_br, abs_bi = arith.fabs(br), arith.fabs(bi)
    by_real = b.fcmp_ordered(">=", abs_br, abs_bi)
    both_zero = b.and_(b.fcmp_ordered("==", abs_br, _f(0.0)), b.fcmp_ordered("==", abs_bi, _f(0.0)))
    # both branches are cheap and free of traps: selects let the loop vectorize
    rat_r = b.fdiv(bi, br)
    scl_r = b.fdiv(_f(1.0), b.fadd(br, b.fmul(bi, rat_r)))
    real_side = (b.fmul(b.fadd(ar, b.fmul(ai, rat_r)), scl_r), b.fmul(b.fsub(ai, b.fmul(ar, rat_r)), scl_r))
    rat_i = b.fdiv(br, bi)
    scl_i = b.fdiv(_f(1.0), b.fadd(bi, b.fmul(br, rat_i)))
    imag_side = (b.fmul(b.fadd(b.fmul(ar, rat_i), ai), scl_i), b.fmul(b.fsub(b.fmul(ai, rat_i), ar), scl_i))
    zero_side = (b.fdiv(ar, abs_br), b.fdiv(ai, abs_bi))
    re, im = (b.select(by_real, b.select(both_zero, z, r), i)
              for r, i, z in zip(real_side, imag_side, zero_side, strict=True))
    return re, im


def _absolute(arith: Arith, re: ir.Value, im: ir.Value) -> ir.Value:
    """simd_cabsolute: an infinite part gives inf, else a NaN gives NaN, else the scaled hypot."""
    b = arith.b
    inf, nan = _f(float("inf")), _f(float("nan"))
    re, im = arith.fabs(re), arith.fabs(im)
    re_inf, im_inf = b.fcmp_ordered("==", re, inf), b.fcmp_ordered("==", im, inf)
    im = b.select(re_inf, inf, im)
    re = b.select(im_inf, inf, re)
    re_ok, im_ok = b.fcmp_ordered("==", re, re), b.fcmp_ordered("==", im, im)
    im = b.select(re_ok, im, nan)
    re = b.select(im_ok, re, nan)
    larger = b.select(b.fcmp_unordered(">", re, im), re, im)  # both NaN or neither here
    smaller = b.select(b.fcmp_unordered("<", im, re), im, re)
    divide = b.not_(b.or_(b.fcmp_ordered("==", larger, _f(0.0)), b.fcmp_ordered("==", smaller, inf)))
    ratio = b.select(divide, b.fdiv(smaller, larger), _f(0.0))
    root = arith.call("llvm.sqrt.f64", F64, arith.call("llvm.fma.f64", F64, ratio, ratio, _f(1.0)))
    return b.fmul(root, larger)


def complex_absolute(arith: Arith, z: ir.Value, by_hypot: ir.Value) -> ir.Value:
    """np.abs as NumPy's loop chooses: its scalar loop (the C library's hypot) where `by_hypot`,
    else its vectorized one."""
    b = arith.b
    re, im = _parts(b, z)
    with b.if_else(by_hypot) as (scalar, vector):
        with scalar:
            first = b.call(_real_libm(b.module, "hypot"), [re, im])
            first_block = b.block
        with vector:
            second = _absolute(arith, re, im)
            second_block = b.block
    phi = b.phi(F64)
    phi.add_incoming(first, first_block)
    phi.add_incoming(second, second_block)
    return phi


def _real_libm(module: ir.Module, name: str) -> ir.Function:
    fn = module.globals.get(name)
    if isinstance(fn, ir.Function):
        return fn
    return ir.Function(module, ir.FunctionType(F64, [F64, F64]), name)


def _scalar_power(arith: Arith, z: ir.Value, exponent: ir.Value, kind: Type) -> ir.Value:
    """`a ** n` for a Python int or float n (NumPy's fast_scalar_power): 2 is np.square, -1
    np.reciprocal, 0.5 np.sqrt; other exponents npy_cpow. Branches, not selects: n is the same
    for every element, and npy_cpow is dear."""
    b = arith.b
    ar, ai = _parts(b, z)

    def power() -> ir.Value:
        real = b.sitofp(exponent, F64) if kind is INT else exponent
        return b.call(_cpow(arith), [ar, ai, real, _f(0.0)])

    if kind is INT:
        def other() -> ir.Value:
            return _choose(b, b.icmp_signed("==", exponent, ir.Constant(I64, -1)),
                           lambda: _reciprocal(arith, ar, ai), power)

        return _choose(b, b.icmp_signed("==", exponent, ir.Constant(I64, 2)),
                       lambda: _pack(b, *multiply_fused(arith, ar, ai, ar, ai)), other)
    return _choose(b, b.fcmp_ordered("==", exponent, _f(0.5)),
                   lambda: b.call(_libm(b.module, "csqrt", 1), [ar, ai]), power)


def _choose(b: ir.IRBuilder, condition: ir.Value, then, otherwise) -> ir.Value:
    """`then()` if condition, else `otherwise()`: each computed only on its branch."""
    with b.if_else(condition) as (yes, no):
        with yes:
            first = then()
            first_block = b.block
        with no:
            second = otherwise()
            second_block = b.block
    phi = b.phi(COMPLEX_TYPE)
    phi.add_incoming(first, first_block)
    phi.add_incoming(second, second_block)
    return phi


def _reciprocal(arith: Arith, re: ir.Value, im: ir.Value) -> ir.Value:
    """NumPy's CDOUBLE_reciprocal: by the larger part, as the division."""
    b = arith.b
    by_real = b.fcmp_ordered("<=", arith.fabs(im), arith.fabs(re))
    r1 = b.fdiv(im, re)
    d1 = b.fadd(re, b.fmul(im, r1))
    r2 = b.fdiv(re, im)
    d2 = b.fadd(b.fmul(re, r2), im)
    return _pack(b, b.select(by_real, b.fdiv(_f(1.0), d1), b.fdiv(r2, d2)),
                 b.select(by_real, b.fneg(b.fdiv(r1, d1)), b.fneg(b.fdiv(_f(1.0), d2))))


def _cpow(arith: Arith) -> ir.Function:
    """`{double, double} jitcell.np.cpow(ar, ai, br, bi)`: npy_cpow. An exponent of 0 gives 1, a zero
    base 0 (real exponent > 0) or NaN; an integral real exponent below 100 in magnitude repeated
    multiplication (and a division for a negative one); the rest the C library's cpow."""
    module = arith.module
    name = "jitcell.np.cpow"
    existing = module.globals.get(name)
    if isinstance(existing, ir.Function):
        return existing
    fn = ir.Function(module, ir.FunctionType(COMPLEX_TYPE, [F64] * 4), name)
    fn.linkage = "internal"
    ar, ai, br, bi = fn.args
    b = ir.IRBuilder(fn.append_basic_block("entry"))
    own = Arith(b, arith.fail, arith.wraparound)
    zero_b = b.and_(b.fcmp_ordered("==", br, _f(0.0)), b.fcmp_ordered("==", bi, _f(0.0)))
    zero_a = b.and_(b.fcmp_ordered("==", ar, _f(0.0)), b.fcmp_ordered("==", ai, _f(0.0)))
    early, rest = fn.append_basic_block("early"), fn.append_basic_block("rest")
    b.cbranch(b.or_(zero_b, zero_a), early, rest)
    b.position_at_end(early)
    nan = _f(float("nan"))
    b.ret(b.select(zero_b, _pack(b, _f(1.0), _f(0.0)),
                   b.select(b.fcmp_ordered(">", br, _f(0.0)), _pack(b, _f(0.0), _f(0.0)), _pack(b, nan, nan))))
    b.position_at_end(rest)
    n = b.fptosi(br, I64)
    small = b.and_(b.and_(b.fcmp_ordered("==", bi, _f(0.0)), b.fcmp_ordered(">", br, _f(-100.0))),
                   b.fcmp_ordered("<", br, _f(100.0)))
    powers, general = fn.append_basic_block("powers"), fn.append_basic_block("general")
    b.cbranch(small, fn.append_basic_block("integral"), general)
    integral_block = fn.blocks[-1]
    b.position_at_end(integral_block)
    b.cbranch(b.fcmp_ordered("==", b.sitofp(n, F64), br), powers, general)

    b.position_at_end(general)
    b.ret(b.call(_libm(module, "cpow", 2), [ar, ai, br, bi]))

    b.position_at_end(powers)
    one, two, three = (b.icmp_signed("==", n, ir.Constant(I64, k)) for k in (1, 2, 3))
    square = _multiply(b, ar, ai, ar, ai)
    cube = _multiply(b, ar, ai, *square)
    unrolled, loop_entry = fn.append_basic_block("unrolled"), fn.append_basic_block("loop.entry")
    b.cbranch(b.or_(one, b.or_(two, three)), unrolled, loop_entry)
    b.position_at_end(unrolled)
    b.ret(b.select(one, _pack(b, ar, ai), b.select(two, _pack(b, *square), _pack(b, *cube))))

    b.position_at_end(loop_entry)  # aa = 1; p = a; for each bit of |n|: aa *= p if set; p *= p
    magnitude = b.select(b.icmp_signed("<", n, ir.Constant(I64, 0)), b.neg(n), n)
    head, body, done = (fn.append_basic_block(s) for s in ("loop", "loop.body", "loop.end"))
    b.branch(head)
    b.position_at_end(head)
    phis = [b.phi(t) for t in (F64, F64, F64, F64, I64)]
    rr, ri, pr, pi, mask = phis
    for phi, v in zip(phis, (_f(1.0), _f(0.0), ar, ai, ir.Constant(I64, 1)), strict=True):
        phi.add_incoming(v, loop_entry)
    use = b.icmp_signed("!=", b.and_(magnitude, mask), ir.Constant(I64, 0))
    mr, mi = _multiply(b, rr, ri, pr, pi)
    nr, ni = b.select(use, mr, rr), b.select(use, mi, ri)
    next_mask = b.shl(mask, ir.Constant(I64, 1))
    b.cbranch(b.icmp_signed("<", magnitude, next_mask), done, body)
    b.position_at_end(body)
    sr, si = _multiply(b, pr, pi, pr, pi)
    for phi, v in zip(phis, (nr, ni, sr, si, next_mask), strict=True):
        phi.add_incoming(v, body)
    b.branch(head)
    b.position_at_end(done)
    negative = b.fcmp_ordered("<", br, _f(0.0))
    qr, qi = _divide(own, _f(1.0), _f(0.0), nr, ni)  # npymath's cdiv: the same steps
    b.ret(b.select(negative, _pack(b, qr, qi), _pack(b, nr, ni)))
    return fn


def _libm(module: ir.Module, name: str, arity: int) -> ir.Function:
    """A C99 complex function of the C library; `double complex` travels as two doubles."""
    fn = module.globals.get(name)
    if isinstance(fn, ir.Function):
        return fn
    return ir.Function(module, ir.FunctionType(COMPLEX_TYPE, [F64] * (2 * arity)), name)
