"""NumPy's element operations in IR: what one element of `a // b`, `np.sqrt(a)`, `a < b` is.

    ElementOp("//", (x, y), int)     y == 0: 0 (NumPy warns, gives 0); MIN // -1: MIN; else floor
    ElementOp("%", (x, y), float)    NumPy's npy_divmod: fmod, then the sign of the divisor
    ElementOp("maximum", (x, y))     x if x is NaN or x > y, else y (NaN propagates, as NumPy's loop)

Unlike Python's scalars (lower/arith.py), ints wrap, and float division by zero gives inf or
NaN instead of raising: these are NumPy's rules, for array elements and for `np.sqrt(x)` &
co. on scalars alike. Only `int ** negative int` raises (NumPy's ValueError), through the
`fail` the caller passes. NumPy's RuntimeWarnings (divide by zero...) are not issued. An
operation with a complex operand or result is lower/complex_elements.py's; one marked
`dtype="uint64"` is unsigned (udiv, urem, unsigned compare, uitofp).
"""

from __future__ import annotations

from collections.abc import Callable

from llvmlite import ir

from jitcell.compiler.types import BOOL, COMPLEX, FLOAT, INT, Type
from jitcell.dtypes import DTYPES

from .arith import F64, I1, I64, Arith
from .complex_elements import complex_element

__all__ = ["element_operation", "narrowed"]

_INT_MIN = -(2**63)
_F32 = ir.FloatType()
_SIGNED = {"<": "<", "<=": "<=", ">": ">", ">=": ">=", "==": "==", "!=": "!="}


def _f(v: float) -> ir.Constant:
    return ir.Constant(F64, v)


def _i(v: int) -> ir.Constant:
    return ir.Constant(I64, v)


def narrowed(b: ir.IRBuilder, value: ir.Value, dtype: str) -> ir.Value:
    """An int result wrapped to a narrower integer dtype (int8 127 + 1 is -128, uint8 0 - 1 is 255),
    or a float result rounded to float32: each operation of a fused kernel gives what NumPy's loop
    of that dtype stores, so the next one reads the same value NumPy's temporary would hold."""
    d = DTYPES[dtype]
    if d.kind == "float":
        return b.fpext(b.fptrunc(value, ir.FloatType()), F64) if d.itemsize == 4 else value
    if d.kind != "int" or d.itemsize == 8:
        return value
    small = b.trunc(value, ir.IntType(8 * d.itemsize))
    return b.sext(small, I64) if d.signed else b.zext(small, I64)


def element_operation(arith: Arith, op: str, args: list[ir.Value], types: list[Type], result: Type,
                      negative_power: Callable[[ir.Value], None], dtype: str = "") -> ir.Value:
    """One element of `op` over `args` (of element types `types`), as NumPy computes it.
    `negative_power(condition)` raises NumPy's ValueError where condition holds."""
    b = arith.b
    if op == "cast" and dtype == "uint64" and result is not BOOL:  # a uint64 value: unsigned to float
        real = b.uitofp(args[0], F64)
        return real if result is FLOAT else complex_element(arith, "cast", [real], [FLOAT], result)
    if result is COMPLEX or COMPLEX in types:
        return complex_element(arith, op, args, types, result)
    t = types[0] if types else result
    unsigned = dtype == "uint64"
    match op:
        case "cast":
            return _cast(b, args[0], t, result)
        case "wide":  # a comparison of a uint64 with an int64: both exact in 65 bits
            return (b.zext if unsigned else b.sext)(args[0], ir.IntType(65))
        case "+" | "-" | "*":
            if t is FLOAT:
                return {"+": b.fadd, "-": b.fsub, "*": b.fmul}[op](args[0], args[1])
            return {"+": b.add, "-": b.sub, "*": b.mul}[op](args[0], args[1])
        case "/":
            return b.fdiv(args[0], args[1])
        case "//" | "%":
            if t is FLOAT and dtype == "float32":  # npy_divmodf: every step in float32
                narrow = [b.fptrunc(x, _F32) for x in args]
                quotient, remainder = _float_divmod(arith, narrow[0], narrow[1], _F32)
                return b.fpext(quotient if op == "//" else remainder, F64)
            if t is FLOAT:
                quotient, remainder = _float_divmod(arith, args[0], args[1])
                return quotient if op == "//" else remainder
            if unsigned:  # NumPy's unsigned loops: x // 0 and x % 0 are 0
                by_zero = b.icmp_unsigned("==", args[1], _i(0))
                divisor = b.select(by_zero, _i(1), args[1])
                value = (b.udiv if op == "//" else b.urem)(args[0], divisor)
                return b.select(by_zero, _i(0), value)
            return _int_divmod(b, args[0], args[1], op)
        case "**":
            if t is FLOAT:
                return arith.call("llvm.pow.f64", F64, args[0], args[1])
            if not unsigned:
                negative_power(b.icmp_signed("<", args[1], _i(0)))
            return b.call(_int_power(b.module, unsigned), [args[0], args[1]])
        case "neg":
            return b.fneg(args[0]) if t is FLOAT else b.sub(_i(0), args[0])
        case "~":
            return b.not_(args[0])
        case "abs":
            if t is FLOAT:
                return arith.call("llvm.fabs.f64", F64, args[0])
            if unsigned:
                return args[0]
            return b.select(b.icmp_signed("<", args[0], _i(0)), b.sub(_i(0), args[0]), args[0])  # wraps at MIN
        case "&":
            return b.and_(args[0], args[1])
        case "|":
            return b.or_(args[0], args[1])
        case "^":
            return b.xor(args[0], args[1])
        case "<" | "<=" | ">" | ">=" | "==" | "!=":
            if t is FLOAT:  # NaN: every comparison False, != True
                return b.fcmp_unordered("!=", args[0], args[1]) if op == "!=" else \
                    b.fcmp_ordered(op, args[0], args[1])
            return (b.icmp_unsigned if t is BOOL else b.icmp_signed)(_SIGNED[op], args[0], args[1])
        case "sqrt" | "exp" | "log" | "sin" | "cos" | "floor" | "ceil":
            return arith.call(f"llvm.{op}.f64", F64, args[0])
        case "tan":
            return arith.call("tan", F64, args[0])
        case "minimum" | "maximum":
            x, y = args
            if t is BOOL:
                return b.and_(x, y) if op == "minimum" else b.or_(x, y)
            if t is INT:
                compare = b.icmp_unsigned if unsigned else b.icmp_signed
                return b.select(compare("<" if op == "minimum" else ">", x, y), x, y)
            first = b.or_(b.fcmp_unordered("uno", x, x), b.fcmp_ordered("<" if op == "minimum" else ">", x, y))
            return b.select(first, x, y)
        case "where":
            return b.select(args[0], args[1], args[2])
    raise AssertionError(f"no element operation {op!r}")


def _cast(b: ir.IRBuilder, v: ir.Value, source: Type, target: Type) -> ir.Value:
    if target is BOOL:  # np.where's condition: nonzero (a NaN is True)
        return b.fcmp_unordered("!=", v, _f(0.0)) if source is FLOAT else b.icmp_signed("!=", v, _i(0))
    if target is INT and source is FLOAT:  # astype: toward zero; NaN or beyond int64 as x86 gives it (MIN)
        inside = b.and_(b.fcmp_ordered(">=", v, _f(-(2.0**63))), b.fcmp_ordered("<", v, _f(2.0**63)))
        return b.select(inside, b.fptosi(v, I64), _i(_INT_MIN))
    if target is INT:
        return b.zext(v, I64)
    return b.uitofp(v, F64) if source is BOOL else b.sitofp(v, F64)


def _int_divmod(b: ir.IRBuilder, x: ir.Value, y: ir.Value, op: str) -> ir.Value:
    """NumPy 2's int floor_divide and remainder: x // 0 and x % 0 are 0, MIN // -1 is MIN."""
    zero = _i(0)
    by_zero = b.icmp_signed("==", y, zero)
    overflow = b.and_(b.icmp_signed("==", x, _i(_INT_MIN)), b.icmp_signed("==", y, _i(-1)))
    divisor = b.select(b.or_(by_zero, overflow), _i(1), y)  # MIN / 1 is MIN, and MIN % 1 is 0
    quotient, remainder = b.sdiv(x, divisor), b.srem(x, divisor)
    adjust = b.and_(b.icmp_signed("!=", remainder, zero), b.icmp_signed("<", b.xor(remainder, y), zero))
    if op == "//":
        floor = b.select(adjust, b.sub(quotient, _i(1)), quotient)
        return b.select(by_zero, zero, floor)
    return b.select(adjust, b.add(remainder, y), remainder)  # y == 0: remainder of x / 1 is 0


def _float_divmod(arith: Arith, a: ir.Value, d: ir.Value, kind: ir.Type = F64) -> tuple[ir.Value, ir.Value]:
    """NumPy's npy_divmod (floor quotient, remainder with the divisor's sign); d == 0: a / d, fmod.
    `kind` float: npy_divmodf, the same steps in float32."""
    b = arith.b
    bits = "f32" if kind == _F32 else "f64"

    def c(v: float) -> ir.Constant:
        return ir.Constant(kind, v)

    mod = b.frem(a, d)
    div = b.fdiv(b.fsub(a, mod), d)
    nonzero_mod = b.fcmp_unordered("!=", mod, c(0.0))
    signs_differ = b.xor(b.fcmp_ordered("<", d, c(0.0)), b.fcmp_ordered("<", mod, c(0.0)))
    fix = b.and_(nonzero_mod, signs_differ)
    adjusted_mod = b.select(fix, b.fadd(mod, d), mod)
    div = b.select(fix, b.fsub(div, c(1.0)), div)
    remainder = b.select(nonzero_mod, adjusted_mod, arith.call(f"llvm.copysign.{bits}", kind, c(0.0), d))
    floor = arith.call(f"llvm.floor.{bits}", kind, div)
    snapped = b.select(b.fcmp_ordered(">", b.fsub(div, floor), c(0.5)), b.fadd(floor, c(1.0)), floor)
    quotient = b.select(b.fcmp_unordered("!=", div, c(0.0)), snapped,
                        arith.call(f"llvm.copysign.{bits}", kind, c(0.0), b.fdiv(a, d)))
    by_zero = b.fcmp_ordered("==", d, c(0.0))
    return b.select(by_zero, b.fdiv(a, d), quotient), b.select(by_zero, mod, remainder)


def _int_power(module: ir.Module, unsigned: bool = False) -> ir.Function:
    """`i64 jitcell.np.ipow(i64 x, i64 n)`, n >= 0: binary powering, wrapping as NumPy's ints do;
    `jitcell.np.upow`: n a uint64."""
    name = "jitcell.np.upow" if unsigned else "jitcell.np.ipow"
    existing = module.globals.get(name)
    if isinstance(existing, ir.Function):
        return existing
    fn = ir.Function(module, ir.FunctionType(I64, [I64, I64]), name)
    fn.linkage = "internal"
    x, n = fn.args
    entry, head, body, end = (fn.append_basic_block(s) for s in ("entry", "head", "body", "end"))
    b = ir.IRBuilder(entry)
    b.branch(head)
    b.position_at_end(head)
    result, base, rest = b.phi(I64), b.phi(I64), b.phi(I64)
    result.add_incoming(_i(1), entry)
    base.add_incoming(x, entry)
    rest.add_incoming(n, entry)
    b.cbranch(b.icmp_unsigned("!=", rest, _i(0)) if unsigned else b.icmp_signed(">", rest, _i(0)), body, end)
    b.position_at_end(body)
    odd = b.trunc(rest, I1)
    result.add_incoming(b.select(odd, b.mul(result, base), result), body)
    base.add_incoming(b.mul(base, base), body)
    rest.add_incoming(b.lshr(rest, _i(1)) if unsigned else b.ashr(rest, _i(1)), body)
    b.branch(head)
    b.position_at_end(end)
    b.ret(result)
    return fn
