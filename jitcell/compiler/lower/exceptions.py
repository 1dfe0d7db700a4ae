"""lower: `raise`, `try` / `except` / `else` / `finally`, and str(e) of a caught exception.

An exception is pending in Python (callbacks.PENDING) while code unwinds with status 1; `try`
costs nothing on the path where nothing is raised. Every failure inside a `try` branches (after
releasing what it held) to the innermost *frame*'s landing block instead of the function's exit:

    try frame      landing: the dispatch: the `exception` callback's "except" site tests the pending
                   exception against each clause's classes (isinstance, so `except LookupError`
                   catches IndexError), moves it onto the thread's stack of handled exceptions and
                   returns the clause, or -1: no clause matches, and it unwinds on outwards
    handler frame  around an except clause's body: landing ends the handling ("handled_end" pops the
                   stack down to the clause's handle), then unwinds outwards
    finally frame  around the try, its clauses and its else: landing catches everything, runs the
                   finally body and raises the exception again
    cleanup frame  around code that owns values in allocas (min/max's best item): landing releases
                   them and unwinds on outwards

`return`, `break` and `continue` leaving frames end the handlings and run the finally bodies they
cross, inline, innermost first.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from llvmlite import ir

from jitcell.compiler import typed as T
from jitcell.compiler.types import INT, Type
from jitcell.errors import Loc

from .arith import I32, I64
from .host import LowererHost

_PTR = ir.PointerType()


@dataclass
class Frame:
    kind: str  # "try", "handler", "finally" or "cleanup"
    landing: ir.Block  # where a failure inside goes, with the exception pending
    mark: int  # len(live) when the frame began: a failure releases what was held after it
    handle: ir.Value | None = None  # handler: the alloca holding its place on the handled stack
    body: tuple[T.Stmt, ...] = ()  # finally: the statements it runs


class ExceptionLowering(LowererHost):
    """Mixed into _FunctionLowerer; `frames` is set by its __init__."""

    frames: list[Frame]
    live: list[tuple[ir.Value, Type]]
    loop_frames: list[int]  # per enclosing loop: len(frames) at its start

    def unwind_error(self) -> None:
        """A failure inside a frame: release what it held since the frame began, go to its landing."""
        frame = self.frames[-1]
        for value, t in reversed(self.live[frame.mark:]):
            self.release(value, t)
        self.b.branch(frame.landing)

    def unwind_to(self, depth: int) -> None:
        """`return`, `break` or `continue` leaving frames[depth:]: end their handlings and run their
        finally bodies, innermost first, each with the frames around it only."""
        frames = self.frames
        for index in range(len(frames) - 1, depth - 1, -1):
            frame = frames[index]
            if frame.kind == "handler":
                assert frame.handle is not None
                self.end_handling(self.b.load(frame.handle))
            elif frame.kind == "finally":
                self.frames = frames[:index]
                self.block(frame.body)
                self.frames = frames
                if self.b.block.is_terminated:  # the finally body always raises
                    return

    @contextmanager
    def cleanup_frame(self, slots: list[tuple[ir.Value, Type]]) -> Iterator[None]:
        """Code inside owns the values in `slots` (allocas, null or holding an owned value): a
        failure inside releases them, then unwinds outwards. Nothing inside may return or break."""
        live_before = list(self.live)
        frame = Frame("cleanup", self.ir_fn.append_basic_block("cleanup"), len(live_before))
        self.frames.append(frame)
        yield
        self.frames.pop()
        b = self.b
        end = b.block
        b.position_at_end(frame.landing)
        live_inside, self.live = self.live, list(live_before)
        for slot, t in slots:
            self.release(b.load(slot), t)
        self.leave(1)
        self.live = live_inside
        b.position_at_end(end)

    def exception_call(self, kind: str, loc: Loc, values: list[tuple[ir.Value, Type]], out: ir.Value,
                       **details: object) -> ir.Value:
        """The `exception` callback. Python's signal handlers run first (except to end a handling,
        which reports nothing), so that none runs inside the callback, where ctypes would drop its
        KeyboardInterrupt: one raised is then the pending exception the clauses are matched against."""
        site = self.site(kind, loc, operands=[t.name for _, t in values], **details)
        if kind != "handled_end" and self.owner.interrupt_checks:
            signaled = self.b.call(self.owner.signals_function(), [ir.Constant(I32, site)])
            if kind in ("exception_text", "exception_args"):
                self.propagate(signaled)
        return self.b.call(self.owner.exception_callback(), [ir.Constant(I32, site), self.pack(values), out])

    def end_handling(self, handle: ir.Value) -> None:
        # 1 if a signal handler raised during the callback (its KeyboardInterrupt is pending): unwind
        self.propagate(self.exception_call("handled_end", self.loc, [(handle, INT)], ir.Constant(_PTR, None)))

    def lower_raise(self, node: T.Raise) -> None:
        mark = len(self.live)
        values = [(self.expr(a), a.type) for a in node.args]
        if node.handle is not None:
            values.insert(0, (self.b.load(self.vars[node.handle]), INT))
        cause = node.cause
        if cause is not None and cause != "None":
            values.append((self.b.load(self.vars[cause]), INT))
        site = self.site("raise", node.loc, cls=node.cls, again=node.handle is not None,
                         cause=None if cause is None else "None" if cause == "None" else "handled",
                         operands=[t.name for _, t in values])
        self.report(site, values)  # releases the arguments
        del self.live[mark:]
        self.b.position_at_end(self.ir_fn.append_basic_block("dead"))

    def exception_text(self, node: T.ExceptionText) -> ir.Value:
        """str(e), or a part of e.args (check/exception_args.py): a new str, or len(e.args)."""
        b = self.b
        values = [(b.load(self.vars[node.handle]), INT)]
        if node.index is not None:
            values.append((self.expr(node.index), INT))
        empty = ir.Constant(I64, 0) if node.part == "len" else ir.Constant(_PTR, None)
        out = self.entry.alloca(empty.type)
        b.store(empty, out)
        if node.part == "str":
            status = self.exception_call("exception_text", node.loc, values, out)
        else:
            status = self.exception_call("exception_args", node.loc, values, out, part=node.part)
        self.propagate(status)
        return b.load(out)  # a str is owned: expr() holds it

    def lower_try(self, node: T.Try) -> None:
        b = self.b
        live_before: list[tuple[ir.Value, Type]] = list(self.live)
        mark = len(live_before)
        done = self.ir_fn.append_basic_block("try.done")
        final = None
        if node.finalbody:
            final = Frame("finally", self.ir_fn.append_basic_block("finally.error"), mark, body=node.finalbody)
            self.frames.append(final)
        dispatch = None
        if node.handlers:
            dispatch = self.ir_fn.append_basic_block("except")
            self.frames.append(Frame("try", dispatch, mark))
        self.block(node.body)
        if dispatch is not None:
            self.frames.pop()
        if not b.block.is_terminated:
            self.block(node.orelse)  # outside the clauses' reach, inside the finally's
        if not b.block.is_terminated:
            b.branch(done)
        if dispatch is not None:
            b.position_at_end(dispatch)
            self.live = list(live_before)
            handle = self.entry.alloca(I64, name="except.handle")
            which = self.exception_call("except", node.loc, [], handle,
                                        classes=[list(h.classes) for h in node.handlers])
            no_match = self.ir_fn.append_basic_block("except.none")
            blocks = [self.ir_fn.append_basic_block(f"except.{i}") for i in range(len(node.handlers))]
            switch = b.switch(which, no_match)
            for i, block in enumerate(blocks):
                switch.add_case(ir.Constant(I32, i), block)
            b.position_at_end(no_match)
            self.leave(1)  # to the finally frame's landing, or outwards
            for h, block in zip(node.handlers, blocks, strict=True):
                b.position_at_end(block)
                b.store(b.load(handle), self.vars[h.handle])
                self.handled(self.vars[h.handle], h.body, live_before)
                if not b.block.is_terminated:
                    b.branch(done)
        if final is not None:
            self.frames.pop()
            b.position_at_end(final.landing)
            self.live = list(live_before)
            handle = self.entry.alloca(I64, name="finally.handle")
            self.exception_call("except", node.loc, [], handle, classes=[["BaseException"]])
            # the exception waits on the handled stack while the finally body runs, then is raised again
            self.handled(handle, node.finalbody, live_before, raise_again=node.loc)
        b.position_at_end(done)
        self.live = live_before
        self.block(node.finalbody)

    def handled(self, handle: ir.Value, body: tuple[T.Stmt, ...], live_before: list,
                raise_again: Loc | None = None) -> None:
        """An except clause's body (or a finally body on the error path, which then raises the
        exception again), in a handler frame; the handling ends where it falls through, and on the
        way out of a failure."""
        b = self.b
        frame = Frame("handler", self.ir_fn.append_basic_block("except.error"), len(live_before), handle=handle)
        self.frames.append(frame)
        self.block(body)
        if raise_again is not None and not b.block.is_terminated:
            site = self.site("raise", raise_again, cls=None, again=True, cause=None, operands=["int"])
            self.report(site, [(b.load(handle), INT)])
        self.frames.pop()
        if not b.block.is_terminated:
            self.end_handling(b.load(handle))
        end = b.block
        b.position_at_end(frame.landing)
        self.live = list(live_before)
        self.end_handling(b.load(handle))
        self.leave(1)
        b.position_at_end(end)
