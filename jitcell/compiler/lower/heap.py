"""Reference-counted values in generated code: ownership, cleanup on every exit, strings.

    s = a + "!"           t1 = str_concat(a', lit)    a' = a retained: every heap value an
                          release(a')                 expression yields is owned (+1)
                          old = s; s = t1; release(old)

The rules, which make a fault or an early return leak nothing:
- an expression's heap value is owned and at once *held*: listed in `live`;
- a consumer either *takes* it (an assignment, a return: ownership moves on) or
  *drops* it (releases it: an operand of +, of ==, an argument after the call);
- every exit (return, or an error with status 1) releases what is still held, then
  every heap local (in the function's one exit block); heap locals start as null, and
  releasing null does nothing;
- a function owns its heap locals, parameters included (retained on entry).
Releasing an object whose count drops to zero calls the runtime's `obj_destroy`.
String literals are objects in the library whose count starts at 2**62.

Every runtime call that allocates is checked: a null object (or a False from table_set)
means no memory, and raises MemoryError like any failing check (`allocated`), so the
values held at that point are released as on any other error exit.
"""

from __future__ import annotations

from llvmlite import ir

from jitcell.compiler import typed as T
from jitcell.compiler.types import BOOL, FLOAT, INT, STR, Generator, Optional, Tuple, Type, has_heap_parts, is_heap

from .arith import I8, I32, I64
from .generators import destroy_generator
from .host import LowererHost

__all__ = ["HeapLowering", "IMMORTAL", "str_literal_global", "runtime_signature"]

IMMORTAL = 2**62
_PTR = ir.PointerType()


class HeapLowering(LowererHost):
    """Mixed into the function lowerer, which provides b, entry, owner, vars, fn, live, site()...
    (host.py declares them)."""

    exit_status: ir.PhiInstr | None  # set by leave(): the status phi of the exit block, once made

    # ---- reference counts ----------------------------------------------------------

    def retain(self, value: ir.Value, t: Type) -> None:
        if isinstance(t, Optional) and is_heap(t.inner):  # null is None (lower/optional.py)
            with self.b.if_then(self.b.icmp_unsigned("!=", value, ir.Constant(_PTR, None))):
                self.retain(value, t.inner)
            return
        for obj in self._objects(value, t):
            count = self.b.load(obj, typ=I64)
            more = self.b.add(count, ir.Constant(I64, 1))
            store = self.b.store(more, obj)
            if self.debug is not None:
                self.debug.mark_refcount(count, more, store)

    def release(self, value: ir.Value, t: Type) -> None:
        if isinstance(t, Generator):
            destroy_generator(self.b, value)
            return
        for obj in self._objects(value, t):
            call = self.b.call(self.owner.release_function(), [obj])
            if self.debug is not None:
                self.debug.mark_refcount(call)

    def _objects(self, value: ir.Value, t: Type) -> list[ir.Value]:
        if is_heap(t) or isinstance(t, Optional) and is_heap(t.inner):  # release takes null
            return [value]
        if isinstance(t, Tuple):
            return [obj for i, item in enumerate(t.items)
                    for obj in self._objects(self.b.extract_value(value, i), item)]
        return []

    def hold(self, value: ir.Value, t: Type) -> ir.Value:
        if has_heap_parts(t):
            self.live.append((value, t))
        return value

    def take(self, value: ir.Value) -> None:
        for i in range(len(self.live) - 1, -1, -1):
            if self.live[i][0] is value:
                del self.live[i]
                return
        raise AssertionError("taking a value that is not held")

    def drop(self, value: ir.Value, t: Type) -> None:
        if has_heap_parts(t):
            self.take(value)
            self.release(value, t)

    def adjusted_slice(self, length: ir.Value, start: ir.Value, stop: ir.Value, step: ir.Value,
                       written: ir.Value) -> tuple[ir.Value, ir.Value, ir.Value]:
        """The first index, step and count a slice [start:stop:step] selects of `length` items
        (`written`: 1 start, 2 stop, 4 step given), as the runtime's slice_adjust finds them."""
        b = self.b
        out = self.entry.alloca(ir.ArrayType(I64, 3))
        self.runtime("slice_adjust", length, start, stop, step, written, b.ptrtoint(out, I64))
        words = b.bitcast(out, ir.PointerType())
        first, by, count = (b.load(b.gep(words, [ir.Constant(I64, 8 * k)], source_etype=I8), typ=I64)
                            for k in range(3))
        return first, by, count

    def leave(self, status: int) -> None:
        """An exit (status 0: returned, 1: an exception is pending): release what is held and
        return. A function with heap locals returns through its one exit block, which releases
        them: releasing them at every exit would make the code grow as checks times locals.
        A failure inside a try goes to its frame's landing instead (exceptions.py)."""
        if status == 1 and self.frames:  # (a generator being destroyed has run its finally bodies)
            self.unwind_error()
            return
        for value, t in reversed(self.live):
            self.release(value, t)
        if not self.heap_locals and self.coroutine is None:
            self.b.ret(ir.Constant(I32, status))
            return
        status_phi = self.exit_status
        if status_phi is None:  # (its releases are the function's, located at its def)
            with self.b.goto_block(self.ir_fn.append_basic_block("exit")), self.located(self.fn.loc, True):
                status_phi = self.exit_status = self.b.phi(I32, name="status")
                for name, t in self.heap_locals:
                    self.release(self.b.load(self.vars[name]), t)
                if self.coroutine is not None:  # a generator ends by suspending (generators.py)
                    self.coroutine.finish(status_phi)
                else:
                    self.b.ret(status_phi)
        status_phi.add_incoming(ir.Constant(I32, status), self.b.block)
        self.b.branch(status_phi.parent)

    # ---- the runtime library ---------------------------------------------------------

    def runtime(self, name: str, *args: ir.Value) -> ir.Value:
        """Call runtime function `name` through its slot; objects travel as addresses."""
        fn = self.owner.runtime_function(name)
        b = self.b
        converted = [b.ptrtoint(a, I64) if isinstance(a.type, ir.PointerType) else a
                     for a in args]
        return b.call(fn, converted)

    def runtime_object(self, name: str, *args: ir.Value) -> ir.Value:
        return self.b.inttoptr(self.runtime(name, *args), _PTR)

    def allocated(self, obj: ir.Value) -> ir.Value:
        """`obj`, a new object (not yet held) from a runtime function that allocates: if it is null,
        there was no memory, and MemoryError is raised here (runtime/source.py)."""
        self.no_memory_if(self.b.icmp_unsigned("==", obj, ir.Constant(obj.type, None)))
        return obj

    def no_memory_if(self, failed: ir.Value) -> None:
        site = self.site("no_memory", self.loc, operands=[])
        with self.b.if_then(failed, likely=False):
            self.report(site, [])

    # ---- strings ---------------------------------------------------------------------

    def str_literal(self, text: str) -> ir.Value:
        return self.owner.str_literal(text)

    def str_field(self, s: ir.Value, word: int) -> ir.Value:
        address = self.b.gep(s, [ir.Constant(I64, 8 * word)], source_etype=I8)
        return self.b.load(address, typ=I64)

    def str_length(self, s: ir.Value) -> ir.Value:
        return self.str_field(s, 3)  # characters, not bytes

    def str_binary(self, node: T.Binary) -> ir.Value:
        left, right = self.expr(node.left), self.expr(node.right)
        result = self.allocated(self.runtime_object("str_concat", left, right))
        self.drop(right, STR)
        self.drop(left, STR)
        return result

    def str_compare(self, op: str, left: ir.Value, right: ir.Value, char: int | None = None) -> ir.Value:
        """left op right; `char`: right is a literal of this one ASCII character (c == "x", "0" <= c),
        compared inline: no call (byte order is code point order in UTF-8)."""
        b = self.b
        if char is not None and op not in ("in", "not in"):
            size = self.str_field(left, 2)
            first = b.zext(b.load(b.gep(left, [ir.Constant(I64, 40)], source_etype=I8), typ=I8), I64)
            ch = ir.Constant(I64, char)
            order = b.select(b.icmp_signed("==", size, ir.Constant(I64, 0)), ir.Constant(I64, -1),
                             b.select(b.icmp_unsigned("<", first, ch), ir.Constant(I64, -1),
                                      b.select(b.icmp_unsigned(">", first, ch), ir.Constant(I64, 1),
                                               b.zext(b.icmp_signed(">", size, ir.Constant(I64, 1)), I64))))
            return b.icmp_signed(op, order, ir.Constant(I64, 0))
        if op in ("in", "not in"):
            found = b.trunc(self.runtime("str_contains", right, left), ir.IntType(1))
            return found if op == "in" else b.not_(found)
        if op in ("==", "!="):
            equal = b.trunc(self.runtime("str_equal", left, right), ir.IntType(1))
            return equal if op == "==" else b.not_(equal)
        order = self.runtime("str_compare", left, right)
        return b.icmp_signed(op, order, ir.Constant(I64, 0))

    def str_append_assign(self, name: str, pieces: list[T.Expr]) -> None:
        """`s = s + a + b`: append in place when s holds the only reference (rt str_append).
        str_append takes over the variable's reference; the result goes straight back into
        the variable, so it always holds a live object, even if a later piece faults."""
        b = self.b
        for piece in pieces:
            text = self.expr(piece)
            current = b.load(self.vars[name])
            result = self.runtime_object("str_append", current, text)
            b.store(result, self.vars[name])  # null if out of memory: current was released
            self.allocated(result)
            self.drop(text, STR)

    def str_truth(self, s: ir.Value) -> ir.Value:
        truth = self.b.icmp_signed("!=", self.str_length(s), ir.Constant(I64, 0))
        self.drop(s, STR)
        return truth

    def fstring(self, node: T.FString) -> ir.Value:
        """Each part becomes a str object; str_join copies them into one."""
        pieces = []
        for part in node.parts:
            if isinstance(part, str):
                pieces.append((self.str_literal(part), False))
            else:
                pieces.append((self.format_field(part), True))
        if len(pieces) == 1:
            piece, owned = pieces[0]
            if owned:
                self.take(piece)  # the caller holds what this returns
            return piece
        array = ir.ArrayType(I64, len(pieces))
        memory = self.entry.alloca(array)
        b = self.b
        for i, (piece, _) in enumerate(pieces):
            slot = b.gep(memory, [ir.Constant(I32, 0), ir.Constant(I32, i)])
            b.store(b.ptrtoint(piece, I64), slot)
        result = self.allocated(self.runtime_object("str_join", memory, ir.Constant(I64, len(pieces))))
        for piece, owned in reversed(pieces):
            if owned:
                self.drop(piece, STR)
        return result

    def format_field(self, field: T.FormatField) -> ir.Value:
        """One field as an owned, held str object."""
        value = self.expr(field.value)
        t = field.value.type
        b = self.b
        if field.conversion is None and not field.spec:
            if t is STR:
                return value  # already owned and held
            if t is INT:
                return self.hold(self.allocated(self.runtime_object("str_from_int", value)), STR)
            if t is BOOL:
                text = b.select(value, self.str_literal("True"), self.str_literal("False"))
                return self.hold(text, STR)
            if t is FLOAT:
                return self.hold(self.allocated(b.call(self.owner.float_repr_function(), [value])), STR)
        # anything else: Python's format(), through the format callback
        site = self.site("format", field.loc, conversion=field.conversion, spec=field.spec, operands=[t.name])
        out = self.entry.alloca(_PTR)
        b.store(ir.Constant(_PTR, None), out)
        status = b.call(self.owner.format_callback(), [ir.Constant(I32, site), self.pack([(value, t)]), out])
        self.propagate(status)
        self.drop(value, t)
        return self.hold(b.load(out), STR)


def str_literal_global(module: ir.Module, text: str, index: int) -> ir.GlobalVariable:
    """An immortal str object: the runtime's layout, count 2**62, never freed."""
    data = text.encode("utf-8", "surrogatepass") + b"\0"
    struct = ir.LiteralStructType([I64, I64, I64, I64, I64, ir.ArrayType(I8, len(data))])
    g = ir.GlobalVariable(module, struct, f"jitcell.str.{index}")
    g.linkage = "internal"
    g.initializer = ir.Constant(struct, [
        ir.Constant(I64, IMMORTAL), ir.Constant(I64, 1), ir.Constant(I64, len(data) - 1),
        ir.Constant(I64, len(text)), ir.Constant(I64, -1), ir.Constant(ir.ArrayType(I8, len(data)), bytearray(data)),
    ])
    return g


def runtime_signature(info: dict) -> ir.FunctionType:
    kinds = {"int": I64, "float": ir.DoubleType(), "bool": I8, "None": ir.VoidType()}
    return ir.FunctionType(kinds[info["returns"]], [kinds[t] for _, t in info["params"]])

