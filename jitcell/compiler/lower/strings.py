"""The characters and methods of str in generated code: StrOp and ForStr (check/str_methods.py).

    c = s[i]      n = len(s); k = i < 0 ? i + n : i; if k >=u n: raise (Python evaluates s[i])
                  ASCII (bytes == characters): c = chars + 48 * s.byte[k]   (the runtime's cached
                  one-character strings: no allocation, no call); else c = rt.str_at(s, k)
    ord(s[i])     the same check, then s.byte[k] (ASCII) or rt.str_code_at(s, k): no string
    s.find(x)     rt.str_find(s, x, 0, 2**63 - 1, false)

Most operations are runtime functions (runtime/source.py). A failure on values raises through a
python_op site: Python evaluates the same operation on the same operands (`s[i]`,
`s.index(sub, start, end)`, `ord(c)`), so the exception and its message are CPython's. What
needs Unicode's tables (upper() of non-ASCII text, isalpha()...) or CPython's number parsing
beyond the runtime's fast paths (int(s) near 64 bits or of non-ASCII digits, float(s) beyond
Clinger's fast path) is computed by Python through a `str_call` site of the format callback.
"""

from __future__ import annotations

from llvmlite import ir

from jitcell.compiler import typed as T
from jitcell.compiler.types import INT, STR, Tuple, Type

from .arith import I8, I32, I64
from .host import LowererHost

__all__ = ["StringOpLowering"]

_PTR = ir.PointerType()
_CHAR_BYTES = 48  # the size of one cached one-character string (runtime str_chars_setup)
_CLASSES = {"isdigit": 0, "isalpha": 1, "isspace": 2, "isalnum": 3}
_JUSTIFY = {"ljust": 0, "rjust": 1, "center": 2, "zfill": 3}
_STRIP = {"lstrip": 1, "rstrip": 2, "strip": 3}


def _i64(value: int) -> ir.Constant:
    return ir.Constant(I64, value)


class StringOpLowering(LowererHost):
    """Mixed into the function lowerer."""

    char_table: ir.Value | None  # the runtime's cached characters, read once per function

    def str_op(self, node: T.StrOp) -> ir.Value:
        op = node.op
        if op in ("item", "code_at"):
            return self.str_item(node)
        args = [self.expr(a) for a in node.args]
        self.loc = node.loc
        result = self.str_compute(node, args)
        for value, arg in reversed(list(zip(args, node.args, strict=True))):
            self.drop(value, arg.type)
        return result

    def str_compute(self, node: T.StrOp, args: list[ir.Value]) -> ir.Value:
        """The result of a StrOp from its operands (still held: str_op drops them)."""
        b, op = self.b, node.op
        ops = [(v, a.type) for v, a in zip(args, node.args, strict=True)]
        if op == "slice":
            s, start, stop, step, given = args
            written = node.args[4]
            assert isinstance(written, T.Literal) and isinstance(written.value, int)  # check makes it a literal
            if written.value & 4:  # a step was written
                self.fail(b.icmp_signed("==", step, _i64(0)), "slice_step", [(s, STR), (step, INT)])
            first, by, count = self.adjusted_slice(self.str_field(s, 3), start, stop, step, given)
            return self.allocated(self.runtime_object("str_slice", s, first, by, count))
        if op == "repeat":
            s, n = args
            self.fail(b.trunc(self.runtime("str_repeat_overflows", s, n), ir.IntType(1)), "mul", ops)
            return self.allocated(self.runtime_object("str_repeat", s, n))
        if op == "ord":
            (s,) = args
            one_byte = b.icmp_signed("==", self.str_field(s, 2), _i64(1))
            code = self.select_lazy(one_byte, lambda: self.byte_at(s, _i64(0)),
                                    lambda: self.runtime("str_ord", s))
            self.fail(b.icmp_signed("<", code, _i64(0)), "ord", ops)
            return code
        if op == "chr":
            (code,) = args
            self.fail(b.icmp_unsigned(">=", code, _i64(0x110000)), "chr", ops)
            return self.allocated(self.runtime_object("str_char", code))
        if op in ("hex", "oct", "bin"):
            base = {"hex": 16, "oct": 8, "bin": 2}[op]
            return self.allocated(self.runtime_object("str_from_int_base", args[0], _i64(base)))
        if op == "int":
            out = self.entry.alloca(I64)
            ok = b.trunc(self.runtime("str_to_int", args[0], args[1], b.ptrtoint(out, I64)), ir.IntType(1))
            with b.if_then(b.not_(ok), likely=False):
                self.python_call("int", ops, out)
            return b.load(out)
        if op == "float":
            out = self.entry.alloca(ir.DoubleType())
            ok = b.trunc(self.runtime("str_to_float", args[0], b.ptrtoint(out, I64)), ir.IntType(1))
            with b.if_then(b.not_(ok), likely=False):
                self.python_call("float", ops, out)
            return b.load(out)
        if op in ("find", "rfind", "index", "rindex"):
            s, sub, start, end = args
            backwards = ir.Constant(I8, int(op.startswith("r")))
            at = self.runtime("str_find", s, sub, start, end, backwards)
            if op.endswith("index"):
                self.fail(b.icmp_signed("<", at, _i64(0)), f"str.{op}", ops)
            return at
        if op == "count":
            return self.runtime("str_count", *args)
        if op in ("startswith", "endswith"):
            return self.str_tailmatch(node, args)
        if op in _STRIP:
            chars = args[1] if len(args) > 1 else _i64(0)
            return self.allocated(self.runtime_object("str_strip", args[0], chars, _i64(_STRIP[op])))
        if op == "replace":
            return self.allocated(self.runtime_object("str_replace", *args))
        if op in ("upper", "lower"):
            out = self.entry.alloca(_PTR)
            s = args[0]
            with b.if_else(self.is_ascii(s)) as (ascii_text, other):
                with ascii_text:
                    case = self.allocated(self.runtime_object("str_ascii_case", s, ir.Constant(I8, int(op == "upper"))))
                    b.store(case, out)
                with other:
                    self.python_call(op, ops, out)
            return b.load(out)
        if op in _CLASSES:
            out = self.entry.alloca(I64)
            b.store(self.runtime("str_ascii_class", args[0], _i64(_CLASSES[op])), out)
            with b.if_then(b.icmp_signed("<", b.load(out), _i64(0)), likely=False):
                self.python_call(op, ops, out)
            return b.icmp_signed("!=", b.load(out), _i64(0))
        if op in _JUSTIFY:
            fill = _i64(0)
            if op != "zfill":
                fill = args[2]
                self.fail(b.icmp_signed("!=", self.str_field(fill, 3), _i64(1)), f"str.{op}", ops)
            return self.allocated(self.runtime_object("str_justify", args[0], args[1], fill, _i64(_JUSTIFY[op])))
        if op == "join":
            return self.str_join_tuple(node, args)
        if op == "join_list":
            return self.allocated(self.runtime_object("str_join_list", args[0], args[1]))
        if op in ("split", "rsplit"):
            self.fail(b.icmp_signed("==", self.str_field(args[1], 2), _i64(0)), f"str.{op}", ops)
            return self.allocated(self.runtime_object("str_split", args[0], args[1], args[2],
                                                      ir.Constant(I8, int(op == "rsplit"))))
        if op in ("split_whitespace", "rsplit_whitespace"):
            return self.allocated(self.runtime_object("str_split", args[0], _i64(0), args[1],
                                                      ir.Constant(I8, int(op == "rsplit_whitespace"))))
        raise AssertionError(f"no lowering for str operation {op!r}")

    # ---- characters -----------------------------------------------------------------------

    def str_item(self, node: T.StrOp) -> ir.Value:
        """s[i] (a one-character str) or ord(s[i]) (an int): IndexError if i is out of range."""
        b = self.b
        s, i = (self.expr(a) for a in node.args)
        self.loc = node.loc
        n = self.str_field(s, 3)
        k = b.select(b.icmp_signed("<", i, _i64(0)), b.add(i, n), i)
        self.fail(b.icmp_unsigned(">=", k, n), "getitem", [(s, STR), (i, INT)])
        if node.op == "code_at":
            result = self.select_lazy(self.is_ascii(s), lambda: self.byte_at(s, k),
                                      lambda: self.runtime("str_code_at", s, k))
        else:
            result = self.select_lazy(self.is_ascii(s), lambda: self.cached_char(self.byte_at(s, k)),
                                      lambda: self.allocated(self.runtime_object("str_at", s, k)))
        self.drop(s, STR)
        return result

    def is_ascii(self, s: ir.Value) -> ir.Value:
        return self.b.icmp_signed("==", self.str_field(s, 2), self.str_field(s, 3))

    def byte_at(self, s: ir.Value, k: ir.Value) -> ir.Value:
        b = self.b
        address = b.gep(s, [b.add(k, _i64(40))], source_etype=I8)
        return b.zext(b.load(address, typ=I8), I64)

    def cached_char(self, code: ir.Value) -> ir.Value:
        """The one-character str of a code point below 256, as a new reference: the runtime's
        cached object (its count is retained, never released to zero), or a new one if the
        runtime could not make its cache."""
        b = self.b
        if self.char_table is None:
            self.char_table = self.entry.call(self.owner.runtime_function("str_char_table"), [])
        table = self.char_table
        return self.select_lazy(b.icmp_signed("!=", table, _i64(0)),
                                lambda: self.retained(b.inttoptr(b.add(table, b.mul(code, _i64(_CHAR_BYTES))), _PTR)),
                                lambda: self.allocated(self.runtime_object("str_char", code)))

    def retained(self, obj: ir.Value) -> ir.Value:
        self.retain(obj, STR)
        return obj

    def select_lazy(self, condition: ir.Value, then_value, else_value) -> ir.Value:
        """A value computed in one of two branches (neither held: the caller holds the result)."""
        b = self.b
        then, other, end = (self.ir_fn.append_basic_block(n) for n in ("str.fast", "str.slow", "str.end"))
        b.cbranch(condition, then, other)
        incoming = []
        for block, compute in ((then, then_value), (other, else_value)):
            b.position_at_end(block)
            incoming.append((compute(), b.block))
            b.branch(end)
        b.position_at_end(end)
        phi = b.phi(incoming[0][0].type)
        for value, block in incoming:
            phi.add_incoming(value, block)
        return phi

    def for_str(self, node: T.ForStr) -> None:
        """`for c in s`: walks the bytes of s (held for the whole loop), one character at a time."""
        b = self.b
        s = self.expr(node.text)
        nbytes = self.str_field(s, 2)
        before = b.block
        head, body, step, other, end = (self.ir_fn.append_basic_block(name) for name in
                                        ("str.for", "str.body", "str.next", "str.else", "str.end"))
        b.branch(head)
        b.position_at_end(head)
        at = b.phi(I64, name="at")
        at.add_incoming(_i64(0), before)
        b.cbranch(b.icmp_signed("<", at, nbytes), body, other)
        b.position_at_end(body)
        char, following = self.char_at_byte(s, at)
        old = b.load(self.vars[node.var])
        b.store(char, self.vars[node.var])
        self.release(old, STR)
        if node.var in self.flags:
            b.store(ir.Constant(ir.IntType(1), 1), self.flags[node.var])
        self.loop_body(b.block, node.body, step, end)
        b.position_at_end(step)
        at.add_incoming(following, step)
        b.branch(head)
        b.position_at_end(other)
        self.block(node.orelse)
        if not b.block.is_terminated:
            b.branch(end)
        b.position_at_end(end)
        self.drop(s, STR)

    def char_at_byte(self, s: ir.Value, at: ir.Value) -> tuple[ir.Value, ir.Value]:
        """The character of s whose UTF-8 starts at byte `at` (a new reference) and the byte
        offset of the next one."""
        b = self.b
        lead = self.byte_at(s, at)
        one = b.icmp_unsigned("<", lead, _i64(128))
        width = b.select(one, _i64(1), b.select(b.icmp_unsigned("<", lead, _i64(224)), _i64(2),
                                                b.select(b.icmp_unsigned("<", lead, _i64(240)), _i64(3), _i64(4))))
        char = self.select_lazy(one, lambda: self.cached_char(lead),
                                lambda: self.allocated(self.runtime_object("str_at_byte", s, at)))
        return char, b.add(at, width)

    # ---- methods ---------------------------------------------------------------------------

    def str_tailmatch(self, node: T.StrOp, args: list[ir.Value]) -> ir.Value:
        """startswith/endswith; a tuple of prefixes matches if any of them does."""
        b = self.b
        s, prefix, start, end = args
        prefix_type = node.args[1].type
        prefixes = [b.extract_value(prefix, k) for k in range(len(prefix_type.items))] \
            if isinstance(prefix_type, Tuple) else [prefix]
        at_end = ir.Constant(I8, int(node.op == "endswith"))
        found: ir.Value = ir.Constant(ir.IntType(1), 0)
        for p in prefixes:
            match = b.trunc(self.runtime("str_tailmatch", s, p, start, end, at_end), ir.IntType(1))
            found = b.or_(found, match)
        return found

    def str_join_tuple(self, node: T.StrOp, args: list[ir.Value]) -> ir.Value:
        """sep.join(t) for a tuple of str: the runtime's str_join over items and separators."""
        b = self.b
        sep, whole = args
        items_type = node.args[1].type
        assert isinstance(items_type, Tuple)  # check joins tuples of str only
        pieces = []
        for k in range(len(items_type.items)):
            if k:
                pieces.append(sep)
            pieces.append(b.extract_value(whole, k))
        if not pieces:
            return self.owner.str_literal("")  # immortal: owning it costs nothing
        memory = self.entry.alloca(ir.ArrayType(I64, len(pieces)))
        for k, piece in enumerate(pieces):
            b.store(b.ptrtoint(piece, I64), b.gep(memory, [ir.Constant(I32, 0), ir.Constant(I32, k)]))
        return self.allocated(self.runtime_object("str_join", memory, _i64(len(pieces))))

    def python_call(self, op: str, operands: list[tuple[ir.Value, Type]], out: ir.Value) -> None:
        """Python computes str.<op> (or int, float) of the operands into *out (callbacks.py, str_call):
        a str as a new object, a bool or int as a word, a float as a double; or raises."""
        site = self.site("str_call", self.loc, op=op, operands=[t.name for _, t in operands])
        status = self.b.call(self.owner.format_callback(), [ir.Constant(I32, site), self.pack(operands), out])
        self.propagate(status)

