"""Generator functions as LLVM coroutines: the compiler's own state machine.

    def squares(n: int) -> Iterator[int]:     i32 @impl.squares(ptr ret, ..., i64 n)  presplitcoroutine
        for i in range(n):               ->       promise = {i32 state, i64 value}; handle = coro.begin(...)
            yield i * i                            store handle -> ret; suspend (lazy, as Python)
                                                   loop: promise = {0, i*i}; suspend ...
    for s in squares(5): total += s              h = squares(5); loop: coro.resume(h); promise.state?

A generator function's impl is a *switched-resume coroutine*: called, it allocates its frame
(`coro.alloc`/`coro.size`, libc malloc; a null frame is MemoryError), stores the parameters
(retained: the generator owns them), writes the handle through `ret` and suspends before its
first statement. LLVM's CoroSplit pass turns the body into the state machine (a frame holding
whatever lives across a `yield` and a resume index); when the loop that walks the generator is
in the same function after inlining, CoroElide puts the frame on the walker's stack and the
whole generator usually becomes an ordinary loop.

The walker and the generator meet in the *promise*, `{i32 state, T value}`: each resume runs the
body to its next `yield` (state YIELDED, the value owned by the promise), to its end or a bare
`return` (FINISHED), or to a fault (FAILED: the exception is pending). The walker takes the
value (TAKEN). `coro.destroy` (the walker's `finish`, or any exit of the walker that releases its
held values) resumes the generator on the path of its current suspension: at a `yield` it
releases the value if nobody took it, then what the body held there and its heap locals, as any
exit does, and frees the frame.
"""

from __future__ import annotations

from llvmlite import ir

from jitcell.compiler.types import has_heap_parts

from .arith import I1, I8, I32, I64, llvm_type
from .host import LowererHost

__all__ = ["Coroutine", "Promise", "destroy_generator"]

_PTR = ir.PointerType()
YIELDED, FAILED, FINISHED, TAKEN = 0, 1, 2, 3
DESTROYING = 3  # the status an exit passes when the walker destroys the generator (not a result)
_ALIGN = 8


class _TokenType(ir.Type):
    """LLVM's `token` (llvmlite.ir has no such type): what coro.id gives and coro.suspend takes."""

    def _to_string(self) -> str:
        return "token"

    def __eq__(self, other) -> bool:
        return isinstance(other, _TokenType)

    def __hash__(self) -> int:
        return hash("token")


TOKEN = _TokenType()


class _NoToken(ir.Constant):
    """`token none`."""

    def __init__(self) -> None:
        super().__init__(TOKEN, None)

    def _to_string(self) -> str:
        return "none"

    def get_reference(self) -> str:
        return "none"


def _intrinsic(module: ir.Module, name: str, ret: ir.Type, args: list[ir.Type]) -> ir.Function:
    fn = module.globals.get(name)
    if fn is None:
        fn = ir.Function(module, ir.FunctionType(ret, args), name)
    return fn


def _promise_type(item) -> ir.LiteralStructType:
    return ir.LiteralStructType([I32, llvm_type(item)])


def destroy_generator(b: ir.IRBuilder, handle: ir.Value) -> None:
    b.call(_intrinsic(b.module, "llvm.coro.destroy", ir.VoidType(), [_PTR]), [handle])


class Coroutine:
    """The coroutine parts of a generator function's impl; `host` is its function lowerer."""

    def __init__(self, host: LowererHost, item):
        self.host = host
        self.item = item
        module = host.ir_fn.module
        self.module = module
        attributes = host.ir_fn.attributes  # llvmlite's list of attributes predates coroutines
        attributes._known = attributes._known | {"presplitcoroutine"}
        attributes.add("presplitcoroutine")
        self.promise = host.entry.alloca(_promise_type(item), name="promise")
        self.suspend_fn = _intrinsic(module, "llvm.coro.suspend", I8, [TOKEN, I1])

    def begin(self, ret_ptr: ir.Value, no_memory_site: int) -> None:
        """Allocate the frame (unless LLVM elides it) and write the handle through `ret_ptr`."""
        host, m = self.host, self.module
        b = host.b
        token = TOKEN
        self.id = b.call(_intrinsic(m, "llvm.coro.id", token, [I32, _PTR, _PTR, _PTR]),
                         [ir.Constant(I32, _ALIGN), self.promise, ir.Constant(_PTR, None), ir.Constant(_PTR, None)])
        need = b.call(_intrinsic(m, "llvm.coro.alloc", I1, [token]), [self.id])
        before = b.block
        allocate, failed, begin = (host.ir_fn.append_basic_block(n) for n in
                                   ("frame.alloc", "frame.no_memory", "frame.begin"))
        b.cbranch(need, allocate, begin)
        b.position_at_end(allocate)
        size = b.call(_intrinsic(m, "llvm.coro.size.i64", I64, []), [])
        memory = b.inttoptr(b.call(host.owner.runtime_function("frame_alloc"), [size]), _PTR)
        b.cbranch(b.icmp_unsigned("==", memory, ir.Constant(_PTR, None)), failed, begin)
        b.position_at_end(failed)  # before coro.begin: an ordinary return (nothing is owned yet)
        b.call(host.owner.callback("raise", ir.VoidType()), [ir.Constant(I32, no_memory_site),
                                                            ir.Constant(_PTR, None)])
        b.ret(ir.Constant(I32, 1))
        b.position_at_end(begin)
        frame = b.phi(_PTR, name="frame")
        frame.add_incoming(ir.Constant(_PTR, None), before)
        frame.add_incoming(memory, allocate)
        self.handle = b.call(_intrinsic(m, "llvm.coro.begin", _PTR, [token, _PTR]), [self.id, frame])
        b.store(self.handle, ret_ptr)
        self.suspended = host.ir_fn.append_basic_block("suspended")  # back to the caller or resumer
        with b.goto_block(self.suspended):
            b.call(_intrinsic(m, "llvm.coro.end", ir.VoidType(), [_PTR, I1, token]),
                   [self.handle, ir.Constant(I1, 0), _NoToken()])
            b.ret(ir.Constant(I32, 0))
        self.cleanup = host.ir_fn.append_basic_block("frame.free")
        with b.goto_block(self.cleanup):
            memory = b.call(_intrinsic(m, "llvm.coro.free", _PTR, [token, _PTR]), [self.id, self.handle])
            with b.if_then(b.icmp_unsigned("!=", memory, ir.Constant(_PTR, None))):
                b.call(host.owner.runtime_function("frame_free"), [b.ptrtoint(memory, I64)])
            b.branch(self.suspended)

    def field(self, index: int) -> ir.Value:
        return self.host.b.gep(self.promise, [ir.Constant(I32, 0), ir.Constant(I32, index)])

    def suspend(self, on_destroy) -> None:
        """Suspend; when resumed go on here, when destroyed run `on_destroy()` (which leaves)."""
        host = self.host
        b = host.b
        choice = b.call(self.suspend_fn, [_NoToken(), ir.Constant(I1, 0)])
        resumed, destroyed = host.ir_fn.append_basic_block("resumed"), host.ir_fn.append_basic_block("destroyed")
        switch = b.switch(choice, self.suspended)
        switch.add_case(ir.Constant(I8, 0), resumed)
        switch.add_case(ir.Constant(I8, 1), destroyed)
        b.position_at_end(destroyed)
        on_destroy()
        b.position_at_end(resumed)

    def start(self) -> None:
        """Python runs nothing of the body before the first next(): suspend at once. Destroyed
        here, it releases its parameters (heap locals) through the exit block."""
        self.suspend(self.destroyed_exit)

    def destroyed_exit(self) -> None:
        """Leave on the destroy path: the finally bodies around the suspension run and the
        handlings end, as when the body returns there (CPython's close() raises GeneratorExit
        there, which only `finally` and `except BaseException` see; an except clause does not
        run here); then what is held is released and the frame freed."""
        host = self.host
        host.unwind_to(0)
        if not host.b.block.is_terminated:  # (a finally body that always raises ends it)
            host.leave(DESTROYING)

    def yield_(self, value: ir.Value, t) -> None:
        host = self.host
        b = host.b
        if has_heap_parts(t):
            host.take(value)  # the promise owns it until the walker takes it
        b.store(value, self.field(1))
        b.store(ir.Constant(I32, YIELDED), self.field(0))

        def destroyed() -> None:
            if has_heap_parts(t):  # the walker stopped (zip) before taking the value
                with b.if_then(b.icmp_signed("==", b.load(self.field(0), typ=I32), ir.Constant(I32, YIELDED))):
                    host.release(b.load(self.field(1), typ=llvm_type(t)), t)
            self.destroyed_exit()
        self.suspend(destroyed)

    def finish(self, status: ir.Value) -> None:
        """The end of the exit block (heap locals released): free the frame if destroying, else
        publish FINISHED or FAILED and suspend for good."""
        b = self.host.b
        final = self.host.ir_fn.append_basic_block("final")
        b.cbranch(b.icmp_signed("==", status, ir.Constant(I32, DESTROYING)), self.cleanup, final)
        b.position_at_end(final)
        failed = b.icmp_signed("==", status, ir.Constant(I32, 1))
        b.store(b.select(failed, ir.Constant(I32, FAILED), ir.Constant(I32, FINISHED)), self.field(0))
        choice = b.call(self.suspend_fn, [_NoToken(), ir.Constant(I1, 1)])
        switch = b.switch(choice, self.suspended)
        never = self.host.ir_fn.append_basic_block("final.resumed")
        switch.add_case(ir.Constant(I8, 0), never)
        switch.add_case(ir.Constant(I8, 1), self.cleanup)
        b.position_at_end(never)
        b.unreachable()


class Promise:
    """The walker's side: resume the generator, read what it published."""

    def __init__(self, b: ir.IRBuilder, handle: ir.Value, item):
        self.handle = handle
        self.type = _promise_type(item)
        self.item = item
        self.address = b.call(_intrinsic(b.module, "llvm.coro.promise", _PTR, [_PTR, I32, I1]),
                              [handle, ir.Constant(I32, _ALIGN), ir.Constant(I1, 0)])

    def field(self, b: ir.IRBuilder, index: int) -> ir.Value:
        return b.gep(self.address, [ir.Constant(I32, 0), ir.Constant(I32, index)], source_etype=self.type)

    def resume(self, b: ir.IRBuilder) -> ir.Value:
        """Run the generator to its next yield or its end: the state it published (i32)."""
        b.call(_intrinsic(b.module, "llvm.coro.resume", ir.VoidType(), [_PTR]), [self.handle])
        return b.load(self.field(b, 0), typ=I32)

    def take(self, b: ir.IRBuilder) -> ir.Value:
        value = b.load(self.field(b, 1), typ=llvm_type(self.item))
        b.store(ir.Constant(I32, TAKEN), self.field(b, 0))
        return value
