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

A NumPy draw with a size checks its values as NumPy does (before the shape), makes the array
(array_make: NumPy's errors for a negative dimension or too much memory) and has the runtime
fill it in C order, each element drawn as the scalar draw draws it:

    a = np.random.random(n)  ; a = array_make(1, [n], 8, empty); np_fill_doubles(g, a.data, n)
"""

from __future__ import annotations

from llvmlite import ir

from jitcell.compiler import typed as T
from jitcell.compiler.types import FLOAT, INT, NONE, Array, List
from jitcell.dtypes import DTYPES

from .host import LowererHost
from .items import load_item

__all__ = ["RandomLowering"]

I32, I64, F64 = ir.IntType(32), ir.IntType(64), ir.DoubleType()
_NUMPY_OFFSET = 2528  # the thread state: the random module's generator, then NumPy's
_INDEX = 2496  # a generator: 624 words, then the index of the next one
_BITS = {"int32": 32, "uint32": 32, "int16": 16, "uint16": 16, "int8": 8, "uint8": 8, "bool": 1}  # randint's narrow


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
        if numpy and isinstance(node.type, Array):
            return self.numpy_fill(node, member, g, args)
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
                low, high = args
                n = b.add(b.sub(high, low), _i64(1))  # wraps to 0 for all 2**64 ints
                empty = b.or_(b.icmp_signed("<", high, low), b.icmp_signed("==", n, _i64(0)))
                self.fail(empty, "random.randint", [(a, INT) for a in args])
                return b.add(low, self.below(g, n))
            case "randrange1":
                self.fail(b.icmp_signed("<=", args[0], _i64(0)), "random.randrange1", [(args[0], INT)])
                return self.below(g, args[0])
            case "randrange":
                start, stop, step = args
                if isinstance(node.args[2], T.Literal) and node.args[2].value == 1:  # count and pick inline
                    self.fail(b.icmp_signed("<=", stop, start), "random.randrange", [(a, INT) for a in args])
                    return b.add(start, self.below(g, b.sub(stop, start)))
                n = self.runtime("py_range_count", start, stop, step)
                self.fail(b.icmp_signed("==", n, _i64(0)), "random.randrange", [(a, INT) for a in args])
                return self.runtime("py_pick", g, start, step, n)
            case "gauss" | "normalvariate":
                mu, sigma = args
                z = self.cached_normal(g, "py_gauss") if member == "gauss" else self.runtime("py_normal", g)
                return b.fadd(mu, b.fmul(z, sigma))
            case "expovariate":
                return self.arith.float_binary("/", self.runtime("py_expo", g), args[0])
            case _:
                raise AssertionError(node.name)
        return None

    def numpy_draw(self, node: T.Intrinsic, member: str, g: ir.Value, args: list[ir.Value]) -> ir.Value | None:
        b = self.b
        member, _, dtype = member.partition(":")
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
                self.randint_check(node.name, low, high, args, None)
                if dtype in ("", "uint64"):
                    return self.numpy_randint(g, low, high)
                drawn = self.runtime("np_fill_randint_narrow", g, _i64(0), _i64(1), low, high, _i64(_BITS[dtype]))
                return b.icmp_signed("!=", drawn, _i64(0)) if dtype == "bool" else drawn
            case "normal":
                loc, scale = args
                self.normal_check(loc, scale)
                return b.fadd(loc, b.fmul(scale, self.cached_normal(g, "np_gauss")))
            case "uniform":
                low, high = args
                span = self.uniform_span(low, high)
                return b.fadd(low, b.fmul(span, self.draw_double(g)))
            case "standard_normal" | "randn":
                return self.cached_normal(g, "np_gauss")
        raise AssertionError(node.name)

    def normal_check(self, loc: ir.Value, scale: ir.Value) -> None:
        b = self.b
        negative = b.and_(b.icmp_signed("<", b.bitcast(scale, I64), _i64(0)),
                          b.fcmp_ordered("==", scale, scale))  # NumPy: signbit and not NaN
        self.fail(negative, "np.random.normal", [(loc, FLOAT), (scale, FLOAT)])

    def uniform_span(self, low: ir.Value, high: ir.Value) -> ir.Value:
        """high - low; NumPy's OverflowError unless finite."""
        b = self.b
        span = b.fsub(high, low)
        finite = b.fcmp_ordered("<", self.arith.fabs(span), ir.Constant(F64, float("inf")))
        self.fail(b.not_(finite), "np.random.uniform", [(low, FLOAT), (high, FLOAT)])
        return span

    def randint_check(self, name: str, low: ir.Value, high: ir.Value, args: list[ir.Value],
                      count: ir.Value | None) -> None:
        """NumPy's ValueError unless low < high and both are in the dtype's bounds (name: the intrinsic's,
        "np.random.randint1:uint8"); with a size, only if it has elements (count != 0), as _rand_int64."""
        b = self.b
        dtype = name.partition(":")[2]
        bad = b.icmp_signed(">=", low, high)
        if dtype:
            least, most = (0, 1) if dtype == "bool" else DTYPES[dtype].bounds
            bad = b.or_(bad, b.icmp_signed("<", low, _i64(least)))
            if most < 2**63 - 1:
                bad = b.or_(bad, b.icmp_signed(">", high, _i64(most + 1)))
        if count is not None:
            bad = b.and_(bad, b.icmp_signed("!=", count, _i64(0)))
        self.fail(bad, name, [(a, INT) for a in args])

    def numpy_fill(self, node: T.Intrinsic, member: str, g: ir.Value, args: list[ir.Value]) -> ir.Value:
        """A draw with a size: the values checked (randint's bounds only if the size has elements,
        as NumPy's _rand_int64), a new array, filled by the runtime."""
        b = self.b
        t = node.type
        assert isinstance(t, Array)
        member = member.partition(":")[0]
        *values, size = args
        dims = [size] if node.args[-1].type is INT else [b.extract_value(size, k) for k in range(t.ndim)]
        count = dims[0]
        for d in dims[1:]:
            count = b.mul(count, d)  # wrapping, as np.prod(size)
        fill, operands = "np_fill_doubles", []
        match member:
            case "randint" | "randint1":
                low, high = (_i64(0), values[0]) if member == "randint1" else values
                self.randint_check(node.name, low, high, values, count)
                fill, operands = "np_fill_randint", [low, high]
                if t.dtype in _BITS:
                    fill, operands = "np_fill_randint_narrow", [low, high, _i64(_BITS[t.dtype])]
            case "normal":
                self.normal_check(*values)
                fill, operands = "np_fill_normal", values
            case "uniform":
                fill, operands = "np_fill_uniform", [values[0], self.uniform_span(*values)]
            case "standard_normal" | "randn":
                fill, operands = "np_fill_normal", [ir.Constant(F64, 0.0), ir.Constant(F64, 1.0)]
        obj = self.runtime("array_make", _i64(t.ndim), self.words_on_stack(dims), _i64(DTYPES[t.dtype].itemsize),
                           _i64(0), _i64(0))
        site = self.site("array_new", node.loc, ndim=t.ndim, dtype=t.dtype, operands=["int"] * t.ndim)
        with b.if_then(b.icmp_signed("==", obj, _i64(0)), likely=False):
            self.report(site, [(d, INT) for d in dims])  # NumPy's error for a negative dimension, or memory
        a = b.inttoptr(obj, ir.PointerType())
        self.runtime(fill, g, self.header(a, "data"), count, *operands)
        return a

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
            at = self.item_at(lst, self.below(g, n), t.element)
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

    def cached_normal(self, g: ir.Value, pair: str) -> ir.Value:
        """The normal a previous draw cached (taken inline: has_gauss cleared, NumPy also zeroes it),
        else the runtime's `pair`, which draws two and caches one."""
        b = self.b
        base = b.inttoptr(g, ir.PointerType())
        has_at = b.gep(base, [_i64(_INDEX + 8)], source_etype=ir.IntType(8))
        value_at = b.gep(base, [_i64(_INDEX + 16)], source_etype=ir.IntType(8))
        with b.if_else(b.icmp_signed("!=", b.load(has_at, typ=I64), _i64(0))) as (then, other):
            with then:
                cached = b.load(value_at, typ=F64)
                b.store(_i64(0), has_at)
                b.store(ir.Constant(F64, 0.0), value_at)
                cached_block = b.block
            with other:
                drawn = self.runtime(pair, g)
                drawn_block = b.block
        value = b.phi(F64)
        value.add_incoming(cached, cached_block)
        value.add_incoming(drawn, drawn_block)
        return value

    def below(self, g: ir.Value, n: ir.Value) -> ir.Value:
        """_randbelow_with_getrandbits(n) for n > 0 (unsigned): below 2**32 inline, getrandbits(k) being
        one word's top k = n.bit_length() bits; above, the runtime's py_below."""
        b = self.b
        small = b.icmp_unsigned("<=", b.sub(n, _i64(1)), _i64(2**32 - 2))  # 1 <= n <= 2**32 - 1
        return self.small_or_runtime(small, lambda: self.rejection(g, n, lambda word: b.lshr(
            word, b.trunc(b.sub(_i64(32), self.bit_length(n)), I32))), lambda: self.runtime("py_below", g, n))

    def numpy_randint(self, g: ir.Value, low: ir.Value, high: ir.Value) -> ir.Value:
        """random_bounded_uint64_fill (use_masked) for one value of [low, high): rng = high - 1 - low;
        0 draws nothing; below 2**32 - 1 one word under the smallest mask over rng, rejected while
        above it (inline); otherwise the runtime's np_randint."""
        b = self.b
        rng = b.sub(b.sub(high, low), _i64(1))
        mask = b.trunc(b.sub(b.shl(_i64(1), self.bit_length(rng)), _i64(1)), I32)
        small = b.icmp_unsigned("<=", b.sub(rng, _i64(1)), _i64(2**32 - 3))  # 1 <= rng <= 2**32 - 2
        return self.small_or_runtime(small, lambda: b.add(low, self.rejection(
            g, b.add(rng, _i64(1)), lambda word: b.and_(word, mask))),
            lambda: self.runtime("np_randint", g, low, high))

    def bit_length(self, n: ir.Value) -> ir.Value:
        b = self.b
        ctlz = b.module.globals.get("llvm.ctlz.i64") or ir.Function(
            b.module, ir.FunctionType(I64, [I64, ir.IntType(1)]), "llvm.ctlz.i64")
        return b.sub(_i64(64), b.call(ctlz, [n, ir.Constant(ir.IntType(1), 0)]))

    def small_or_runtime(self, condition: ir.Value, small, large) -> ir.Value:
        """small() if condition (the likely case), else large(); their value."""
        b = self.b
        with b.if_else(condition, likely=True) as (then, other):
            with then:
                fast = small()
                fast_block = b.block
            with other:
                slow = large()
                slow_block = b.block
        value = b.phi(I64)
        value.add_incoming(fast, fast_block)
        value.add_incoming(slow, slow_block)
        return value

    def rejection(self, g: ir.Value, n: ir.Value, bits) -> ir.Value:
        """bits(word) of drawn words until it is below n (n <= 2**32 - 1): a zero-extended i64."""
        b = self.b
        again = b.append_basic_block("random.again")
        b.branch(again)
        b.position_at_end(again)
        value = b.zext(bits(self.draw_word(g)), I64)
        done = b.append_basic_block("random.below")
        b.cbranch(b.icmp_unsigned("<", value, n), done, again)
        b.position_at_end(done)
        return value

    def draw_double(self, g: ir.Value) -> ir.Value:
        """random(): (a * 2**26 + b) / 2**53 with a, b the top 27 and 26 bits of two words."""
        b = self.b
        a = b.uitofp(b.lshr(self.draw_word(g), ir.Constant(I32, 5)), F64)
        c = b.uitofp(b.lshr(self.draw_word(g), ir.Constant(I32, 6)), F64)
        return b.fmul(b.fadd(b.fmul(a, ir.Constant(F64, 67108864.0)), c), ir.Constant(F64, 1.0 / 9007199254740992.0))
