"""prange loops on the runtime's thread pool (runtime/source_parallel.py, runtime/parallel.py).

    s = 0                              jitcell.prange.f.1(ret, calls_left, floor, lo, hi, step, a):
    for i in prange(n):                    s = 0                   (the identity; min/max: s's value)
        s += a[i]                          for i in range(lo, hi, step): s += a[i]
                                           ret = (s,)
                                       chunk(ctx, c): chunk c's [lo, hi) from ctx, then the above,
                                           its partial into ctx's partials[c]
                                       f: ctx and job on its frame; pool_run(job); pool_wait(job, 100)
                                           until 0 (checking for interrupts between); then the lowest
                                           failing chunk's exception, or s = s + partials[0] + ... in
                                           chunk order

The body is outlined into a function of its own (compiler/parallel.py says what it captures: read
only, arrays borrowed, never retained, since reference counts are not atomic). The iterations are
split into at most 4 chunks per thread (and 256), contiguous and in order; threads claim chunks in
order, so once one failed every lower chunk runs to its end and the exception raised is the one of
the lowest failing iteration, as a serial loop's. A prange inside the body runs serially.
"""

from __future__ import annotations

from llvmlite import ir

from jitcell.compiler import parallel
from jitcell.compiler import typed as T
from jitcell.compiler.types import FLOAT, INT, NONE, Array, Tuple, Type

from .arith import I1, I32, I64, i64, llvm_type
from .host import LowererHost

__all__ = ["ParallelLowering", "CHUNKS_PER_THREAD", "MAX_CHUNKS"]

CHUNKS_PER_THREAD = 4
MAX_CHUNKS = 256
WAIT_MS = 100  # how long the caller waits between two checks for interrupts
_PTR = ir.PointerType()
_IDENTITY = {("+", INT): 0, ("*", INT): 1, ("+", FLOAT): -0.0, ("*", FLOAT): 1.0}


class ParallelLowering(LowererHost):
    """Mixed into the function lowerer."""

    parallel_body = False  # lowering an outlined body: a prange in it runs serially
    calls_left: ir.Value  # the calls still allowed (program.py's run), passed on to the chunks

    def run(self) -> None: ...  # program.py: lower the whole function

    def parallel_range(self, node: T.ForRange) -> None:
        b, loc = self.b, node.loc
        p = parallel.plan(self.fn, node)
        start, stop, step = self.expr(node.start), self.expr(node.stop), self.expr(node.step)
        self.fail(b.icmp_signed("==", step, i64(0)), "range", [(start, INT), (stop, INT), (step, INT)], loc)
        up = b.icmp_signed(">", step, i64(0))
        span = b.select(up, b.sub(stop, start), b.sub(start, stop))
        stride = b.select(up, step, b.sub(i64(0), step))
        nonempty = b.select(up, b.icmp_signed("<", start, stop), b.icmp_signed(">", start, stop))
        count = b.select(nonempty, b.add(b.udiv(b.sub(span, i64(1)), stride), i64(1)), i64(0))
        inits = [r for r in p.reductions if r.op in ("min", "max")]
        captured = [(name, t) for name, t in p.captured]
        values = [self.bound_value(name, t, loc) for name, t in captured]
        init_values = [self.bound_value(r.name, r.type, r.loc) for r in inits]
        for r in p.reductions:  # unbound before the loop: UnboundLocalError, as the first `s += x` raises
            if r.op in ("+", "*"):
                self.bound_value(r.name, r.type, r.loc)
        impl, returns = self.outline(p, node, captured, inits)
        ctx_type = ir.LiteralStructType([I64, I64, I64, I64, I32, _PTR] + [llvm_type(t) for _, t in captured]
                                        + [llvm_type(r.type) for r in inits])
        chunk = self.chunk_function(impl, ctx_type, returns, len(captured) + len(inits))
        ctx = self.entry.alloca(ctx_type, name="prange.ctx")
        job = self.entry.alloca(ir.ArrayType(I64, 16), name="prange.job")
        partials = self.entry.alloca(ir.ArrayType(llvm_type(returns), MAX_CHUNKS), name="prange.partials") \
            if returns is not NONE else ir.Constant(_PTR, None)
        interrupted = self.entry.alloca(I1, name="prange.interrupted")
        run, end = self.ir_fn.append_basic_block("prange"), self.ir_fn.append_basic_block("prange.end")
        b.cbranch(b.icmp_unsigned("==", count, i64(0)), end, run)
        b.position_at_end(run)
        threads = b.call(self.owner.runtime_function("pool_threads"), [])
        per_thread = b.select(b.icmp_signed(">", threads, i64(1)), i64(CHUNKS_PER_THREAD), i64(1))  # 1: serial's order
        chunks = _umin(b, _umin(b, count, b.mul(threads, per_thread)), i64(MAX_CHUNKS))
        fields = [start, step, count, chunks, self.calls_left, partials, *values, *init_values]
        for k, value in enumerate(fields):
            b.store(value, b.gep(ctx, [ir.Constant(I32, 0), ir.Constant(I32, k)]))
        word = lambda k: b.gep(job, [ir.Constant(I32, 0), ir.Constant(I32, k)])  # noqa: E731
        b.store(b.ptrtoint(chunk, I64), word(0))
        b.store(b.ptrtoint(ctx, I64), word(1))
        b.store(chunks, word(2))
        b.store(ir.Constant(I1, 0), interrupted)
        address = b.ptrtoint(job, I64)
        pooled = b.call(self.owner.runtime_function("pool_run"), [address])
        wait, waited, done = (self.ir_fn.append_basic_block(n) for n in ("prange.wait", "prange.waited", "prange.done"))
        b.cbranch(b.icmp_signed("!=", pooled, i64(0)), wait, done)
        b.position_at_end(wait)
        late = b.call(self.owner.runtime_function("pool_wait"), [address, i64(WAIT_MS)])
        b.cbranch(b.icmp_signed("==", late, i64(0)), done, waited)
        b.position_at_end(waited)
        if self.owner.interrupt_checks:  # the caller's own check: KeyboardInterrupt stops every thread
            site = self.site("interrupt", loc)
            status = b.call(self.owner.signals_function(), [ir.Constant(I32, site)])
            with b.if_then(b.icmp_signed("!=", status, ir.Constant(I32, 0)), likely=False):
                b.call(self.owner.runtime_function("pool_stop"), [address])
                b.store(ir.Constant(I1, 1), interrupted)
        b.branch(wait)
        b.position_at_end(done)
        failed, mine, stopped, parked = (b.load(word(k)) for k in (5, 6, 7, 9))
        interrupt = b.or_(b.load(interrupted), b.icmp_signed("!=", stopped, i64(0)))
        with b.if_then(b.or_(interrupt, b.icmp_signed(">=", failed, i64(0))), likely=False):
            theirs = b.and_(b.not_(interrupt), b.icmp_signed("!=", failed, mine))
            with b.if_else(theirs) as (adopt, keep):
                with adopt:  # a worker's chunk failed first: its exception becomes this thread's
                    b.call(self.owner.runtime_function("pool_adopt"), [address, failed])
                with keep:  # this thread's own (or the interrupt's) is pending: drop the others
                    with b.if_then(b.icmp_signed("!=", parked, i64(0))):
                        b.call(self.owner.runtime_function("pool_discard"), [address])
            self.leave(1)
        if p.reductions:
            self.combine(p, chunks, partials, returns)
        b.branch(end)
        b.position_at_end(end)

    def bound_value(self, name: str, t: Type, loc) -> ir.Value:
        """A captured local's value (borrowed), after the check that it is bound, if it may not be."""
        b = self.b
        if name in self.flags:
            site = self.site("unbound", loc, name=name)
            with b.if_then(b.not_(b.load(self.flags[name])), likely=False):
                self.report(site, [])
        return b.load(self.vars[name])

    def outline(self, p: parallel.Plan, node: T.ForRange, captured: list[tuple[str, Type]],
                inits: list[parallel.Reduction]) -> tuple[ir.Function, Type]:
        """The body as a function of a chunk's bounds and the captured values; its result the
        chunk's partials (a tuple, or None without reductions)."""
        loc = node.loc
        names = set(p.private) | {name for name, _ in captured} | {r.name for r in p.reductions}
        params = [("prange.lo", INT), ("prange.hi", INT), ("prange.step", INT), *captured,
                  *[(f"prange.init.{r.name}", r.type) for r in inits]]
        local_types = {name: self.fn.locals[name] for name in names} | dict(params)
        constant_step = isinstance(node.step, T.Literal) and node.step.value == 1
        step: T.Expr = node.step if constant_step else T.Local("prange.step", INT, loc)
        loop = T.ForRange(node.var, T.Local("prange.lo", INT, loc), T.Local("prange.hi", INT, loc), step,
                          _bound_reads(node.body, {name for name, _ in captured}), (), loc)
        body: list[T.Stmt] = []
        for r in p.reductions:
            first: T.Expr = T.Local(f"prange.init.{r.name}", r.type, loc) if r.op in ("min", "max") else \
                T.Literal(_IDENTITY[(r.op, r.type)], r.type, loc)
            body.append(T.Assign((r.name,), (first,), loc))
        body.append(loop)
        returns: Type = NONE
        if p.reductions:
            returns = Tuple(tuple(r.type for r in p.reductions))
            items = tuple(T.Local(r.name, r.type, loc) for r in p.reductions)
            body.append(T.Return(T.MakeTuple(items, returns, loc), loc))
        fn = T.Function(self.fn.name, T.Signature(tuple(params), returns), local_types, tuple(body), None, loc)
        module = self.owner.module
        count = sum(1 for g in module.globals if g.startswith(f"jitcell.prange.{self.fn.name}."))
        types = [I32, I64] + [llvm_type(t) for _, t in params]
        if returns is not NONE:
            types.insert(0, _PTR)
        impl = ir.Function(module, ir.FunctionType(I32, types), f"jitcell.prange.{self.fn.name}.{count + 1}")
        impl.linkage = "internal"
        arrays = frozenset(name for name, t in captured if isinstance(t, Array))
        lowerer = type(self)(self.owner, fn, ir_fn=impl, borrowed=arrays)  # type: ignore[call-arg]
        lowerer.parallel_body = True
        lowerer.run()
        return impl, returns

    def chunk_function(self, impl: ir.Function, ctx_type: ir.LiteralStructType, returns: Type,
                       extra: int) -> ir.Function:
        """`i64 chunk(i64 ctx, i64 c, i64 unused)`: chunk c of the loop (its status), as the pool calls it."""
        module = self.owner.module
        fn = ir.Function(module, ir.FunctionType(I64, [I64, I64, I64]), f"{impl.name}.chunk")
        fn.linkage = "internal"
        b = ir.IRBuilder(fn.append_basic_block("entry"))
        ctx = b.inttoptr(fn.args[0], _PTR)
        c = fn.args[1]

        def field(k: int) -> ir.Value:
            at = b.gep(ctx, [ir.Constant(I32, 0), ir.Constant(I32, k)], source_etype=ctx_type)
            return b.load(at, typ=ctx_type.elements[k])

        start, step, count, chunks, calls_left, partials = (field(k) for k in range(6))
        base, extra_items = b.udiv(count, chunks), b.urem(count, chunks)
        k0 = b.add(b.mul(c, base), _umin(b, c, extra_items))
        size = b.add(base, b.zext(b.icmp_unsigned("<", c, extra_items), I64))
        lo = b.add(start, b.mul(k0, step))
        last = b.add(start, b.mul(b.sub(b.add(k0, size), i64(1)), step))
        hi = b.add(last, b.select(b.icmp_signed(">", step, i64(0)), i64(1), i64(-1)))
        floor = b.call(self.owner.runtime_function("stack_floor"), [])
        args = [calls_left, floor, lo, hi, step, *(field(6 + k) for k in range(extra))]
        if returns is not NONE:
            args.insert(0, b.gep(partials, [c], source_etype=llvm_type(returns)))
        status = b.call(impl, args)
        b.ret(b.zext(status, I64))
        return fn

    def combine(self, p: parallel.Plan, chunks: ir.Value, partials: ir.Value, returns: Type) -> None:
        """s = s op partial, for each chunk in order, for each reduction (overflow checked for ints)."""
        b = self.b
        counter = self.entry.alloca(I64, name="prange.chunk")
        b.store(i64(0), counter)
        head, body, end = (self.ir_fn.append_basic_block(n) for n in ("prange.combine", "prange.add", "prange.added"))
        b.branch(head)
        b.position_at_end(head)
        c = b.load(counter)
        b.cbranch(b.icmp_unsigned("<", c, chunks), body, end)
        b.position_at_end(body)
        for k, r in enumerate(p.reductions):
            name = f"prange.partial.{r.name}"
            if name not in self.vars:
                self.vars[name] = self.entry.alloca(llvm_type(r.type), name=name)
            item = b.gep(partials, [c, ir.Constant(I32, k)], source_etype=llvm_type(returns))
            b.store(b.load(item, typ=llvm_type(r.type)), self.vars[name])
            own, partial = T.Local(r.name, r.type, r.loc), T.Local(name, r.type, r.loc)
            value: T.Expr = T.Binary(r.op, own, partial, r.type, r.loc) if r.op in ("+", "*") else \
                T.Intrinsic(r.op, (own, partial), r.type, r.loc)
            b.store(self.expr(value), self.vars[r.name])
        b.store(b.add(b.load(counter), i64(1)), counter)
        b.branch(head)
        b.position_at_end(end)

    def parallel_signals(self) -> ir.Function:
        """`i32 jitcell.signals.parallel(i32 site)`, a chunk's interrupt check: in the main thread
        jitcell.signals, and if a handler raised, the job stops; in a worker, 1 (fail, nothing
        pending) if the job was stopped, else 0."""
        module = self.owner.module
        fn = module.globals.get("jitcell.signals.parallel")
        if isinstance(fn, ir.Function):
            return fn
        fn = ir.Function(module, ir.FunctionType(I32, [I32]), "jitcell.signals.parallel")
        fn.linkage = "internal"
        fn.attributes.add("noinline")
        b = ir.IRBuilder(fn.append_basic_block("entry"))
        main = b.call(self.owner.runtime_function("main_thread"), [])
        with b.if_then(b.icmp_unsigned("==", main, ir.Constant(main.type, 0)), likely=False):
            stopping = b.call(self.owner.runtime_function("pool_stopping"), [])
            b.ret(b.trunc(stopping, I32))
        status = b.call(self.owner.signals_function(), [fn.args[0]])
        with b.if_then(b.icmp_signed("!=", status, ir.Constant(I32, 0)), likely=False):
            b.call(self.owner.runtime_function("pool_stop_mine"), [])
        b.ret(status)
        return fn


def _umin(b: ir.IRBuilder, x: ir.Value, y: ir.Value) -> ir.Value:
    return b.select(b.icmp_unsigned("<", x, y), x, y)


def _bound_reads(node, names: set[str]):
    """`node` with every read of a captured name marked bound (the caller checked it once)."""
    if isinstance(node, tuple):
        return tuple(_bound_reads(n, names) for n in node)
    if isinstance(node, T.Local):
        return T.Local(node.name, node.type, node.loc) if node.may_be_unbound and node.name in names else node
    fields = getattr(type(node), "__dataclass_fields__", None)
    if not fields or isinstance(node, Type):
        return node
    changed = {f: _bound_reads(getattr(node, f), names) for f in fields}
    if all(changed[f] is getattr(node, f) for f in fields):
        return node
    return type(node)(**changed)
