"""Random numbers in generated code: draws from this thread's generators (runtime/source_random.py).

A function that draws asks the runtime for its thread's state once, in its entry block
(`rt.random_state`; a generator function, which may resume on another thread, at each draw).
`random()` (and NumPy's `random_sample`) is inline: two 32-bit words, each one load, the
tempering and an index check whose unlikely branch calls `rt.mt_refill`. The other draws are
runtime functions on the generator's address. A failure on values (an empty range, a negative
scale) raises through a `python_op` site: Python evaluates the same call on a fresh generator,
so the exception is CPython's or NumPy's.

    x = random.random()      ; i = g[2496]; if i >= 624: mt_refill(g); i = 0
                             ; y = g[i] (32 bits); g[2496] = i + 1; y ^= y >> 11 ...
"""

from __future__ import annotations

from llvmlite import ir

from jitcell.compiler import typed as T
from jitcell.compiler.types import FLOAT, INT, NONE, List

from .host import LowererHost
from .items import load_item

__all__ = ["RandomLowering"]

I32, I64, F64 = ir.IntType(32), ir.IntType(64), ir.DoubleType()
_NUMPY_OFFSET = 2528  # the thread state: the random module's generator, then NumPy's
_INDEX = 2496  # a generator: 624 words, then the index of the next one


def _i64(v: int) -> ir.Constant:
    return ir.Constant(I64, v)


class RandomLowering(LowererHost):
    """Mixed into the function lowerer."""

    def random_intrinsic(self, node: T.Intrinsic) -> ir.Value | None:
        numpy = node.name.startswith("np.")
        member = node.name.rsplit(".", 1)[1]
        if member in ("choice", "shuffle"):
            return self.random_list(node, member)
        args = [self.expr(a) for a in node.args]
        self.loc = node.loc
        b = self.b
        g = self.generator(numpy)
        if numpy:
            return self.numpy_draw(node, member, g, args)
        match member:
            case "seed":
                self.runtime("py_seed", g, args[0])
            case "seed0":
                self.runtime("py_seed_entropy", g)
            case "random":
                return self.draw_double(g)
            case "uniform":
                a, high = args
                return b.fadd(a, b.fmul(b.fsub(high, a), self.draw_double(g)))
            case "randint":
                n = self.runtime("py_closed_count", *args)
                self.fail(b.icmp_signed("==", n, _i64(0)), "random.randint", [(a, INT) for a in args])
                return self.runtime("py_pick", g, args[0], _i64(1), n)
            case "randrange" | "randrange1":
                start, stop, step = (_i64(0), args[0], _i64(1)) if member == "randrange1" else args
                n = self.runtime("py_range_count", start, stop, step)
                self.fail(b.icmp_signed("==", n, _i64(0)), f"random.{member}", [(a, INT) for a in args])
                return self.runtime("py_pick", g, start, step, n)
            case "gauss" | "normalvariate":
                mu, sigma = args
                z = self.runtime("py_gauss" if member == "gauss" else "py_normal", g)
                return b.fadd(mu, b.fmul(z, sigma))
            case "expovariate":
                return self.arith.float_binary("/", self.runtime("py_expo", g), args[0])
            case _:
                raise AssertionError(node.name)
        return None

    def numpy_draw(self, node: T.Intrinsic, member: str, g: ir.Value, args: list[ir.Value]) -> ir.Value | None:
        b = self.b
        match member:
            case "seed":
                (seed,) = args
                self.fail(b.icmp_unsigned(">", seed, _i64(4294967295)), "np.random.seed", [(seed, INT)])
                self.runtime("mt_init", g, seed)
                return None
            case "random" | "random_sample" | "rand":
                return self.draw_double(g)
            case "randint" | "randint1":
                low, high = (_i64(0), args[0]) if member == "randint1" else args
                self.fail(b.icmp_signed(">=", low, high), f"np.random.{member}", [(a, INT) for a in args])
                return self.runtime("np_randint", g, low, high)
            case "normal":
                loc, scale = args
                negative = b.and_(b.icmp_signed("<", b.bitcast(scale, I64), _i64(0)),
                                  b.fcmp_ordered("==", scale, scale))  # NumPy: signbit and not NaN
                self.fail(negative, "np.random.normal", [(loc, FLOAT), (scale, FLOAT)])
                return b.fadd(loc, b.fmul(scale, self.runtime("np_gauss", g)))
            case "uniform":
                low, high = args
                span = b.fsub(high, low)
                finite = b.fcmp_ordered("<", self.arith.fabs(span), ir.Constant(F64, float("inf")))
                self.fail(b.not_(finite), "np.random.uniform", [(low, FLOAT), (high, FLOAT)])
                return b.fadd(low, b.fmul(span, self.draw_double(g)))
            case "standard_normal":
                return self.runtime("np_gauss", g)
        raise AssertionError(node.name)

    def random_list(self, node: T.Intrinsic, member: str) -> ir.Value | None:
        """choice(xs): an item at _randbelow(len(xs)); shuffle(xs): in place, in the runtime."""
        lst, owned = self.list_operand(node.args[0])
        self.loc = node.loc
        b = self.b
        g = self.generator(node.name.startswith("np."))
        t = node.args[0].type
        assert isinstance(t, List)
        result = None
        if member == "shuffle":
            self.runtime("py_shuffle", g, lst)
        else:
            n = self.list_length(lst)
            self.fail(b.icmp_signed("==", n, _i64(0)), "random.choice", [])
            at = self.item_at(lst, self.runtime("py_below", g, n), t.element)
            result = load_item(b, at, t.element)
            self.retain(result, t.element)
        if owned:
            self.drop(lst, t)
        return result if node.type is not NONE else None

    # ---- the generator and its words ----------------------------------------------------

    def generator(self, numpy: bool) -> ir.Value:
        """The address of this thread's generator (MemoryError if it could not be allocated)."""
        b = self.b
        state = getattr(self, "_random_state", None)
        if state is None:
            call = self.entry if self.coroutine is None else b
            state = call.call(self.owner.runtime_function("random_state"), [])
            if self.coroutine is None:
                self._random_state = state
        self.no_memory_if(b.icmp_signed("==", state, _i64(0)))
        return b.add(state, _i64(_NUMPY_OFFSET)) if numpy else state

    def draw_word(self, g: ir.Value) -> ir.Value:
        """genrand_uint32, inline: the next word (i32), tempered; the 624 refilled when used up."""
        b = self.b
        base = b.inttoptr(g, ir.PointerType())
        index_at = b.gep(base, [_i64(_INDEX)], source_etype=ir.IntType(8))
        index = b.load(index_at, typ=I64)
        before = b.block
        with b.if_then(b.icmp_signed(">=", index, _i64(624)), likely=False):
            self.runtime("mt_refill", g)
            refilled = b.block
        i = b.phi(I64)
        i.add_incoming(index, before)
        i.add_incoming(_i64(0), refilled)
        y = b.load(b.gep(base, [i], source_etype=I32), typ=I32)
        b.store(b.add(i, _i64(1)), index_at)
        y = b.xor(y, b.lshr(y, ir.Constant(I32, 11)))
        y = b.xor(y, b.and_(b.shl(y, ir.Constant(I32, 7)), ir.Constant(I32, 0x9D2C5680 - 2**32)))
        y = b.xor(y, b.and_(b.shl(y, ir.Constant(I32, 15)), ir.Constant(I32, 0xEFC60000 - 2**32)))
        return b.xor(y, b.lshr(y, ir.Constant(I32, 18)))

    def draw_double(self, g: ir.Value) -> ir.Value:
        """random(): (a * 2**26 + b) / 2**53 with a, b the top 27 and 26 bits of two words."""
        b = self.b
        a = b.uitofp(b.lshr(self.draw_word(g), ir.Constant(I32, 5)), F64)
        c = b.uitofp(b.lshr(self.draw_word(g), ir.Constant(I32, 6)), F64)
        return b.fmul(b.fadd(b.fmul(a, ir.Constant(F64, 67108864.0)), c), ir.Constant(F64, 1.0 / 9007199254740992.0))
