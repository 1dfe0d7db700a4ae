"""Views of NumPy arrays in generated code: slices, rows, columns, slice assignment, copy.

    v = a[1:-1]        n = a.shape[0] ; start, length = slice_bounds(n, 1, -1, step 1)
                       v = array_view(a, data + start * stride0, 1, {length, stride0})
    s += a[i][j]       row = {data + i' * stride0, shape (n1,), strides (stride1,)}  (no object)
    a[:k] = b[::-1]    array_assign(header of a[:k], header of b[::-1])   (stack headers)

A view is first computed as a `VirtualView`: its data address, shape and strides as values
in registers. An element access, len(), .shape, a `for` loop or a slice assignment reads
those directly, so `a[i][j]` or `for x in a[1:-1]` allocates nothing. Only a view that is
kept (assigned, passed, returned) becomes a runtime object (`array_view`, runtime/source.py),
which keeps alive the array that owns the memory. Slices follow Python's slice.indices().
"""

from __future__ import annotations

from dataclasses import dataclass, field

from llvmlite import ir

from jitcell.compiler import typed as T
from jitcell.compiler.types import BOOL, COMPLEX, FLOAT, INT, Array

from .arith import I64
from .elements import itemsize, storage_type
from .host import LowererHost

__all__ = ["ViewLowering", "VirtualView", "ELEMENT", "ITEMSIZE", "header_words", "slice_bounds"]

_PTR = ir.PointerType()
# the default dtypes' storage, by element type (elements.py has every dtype's: storage_type(t))
ELEMENT = {e: storage_type(e) for e in (FLOAT, INT, BOOL, COMPLEX)}
ITEMSIZE = {e: itemsize(e) for e in (FLOAT, INT, BOOL, COMPLEX)}
_INT_MAX = 2**63 - 1


def header_words(ndim: int) -> int:
    """The words of an array object's header (runtime/source.py): 7, then 2 per axis."""
    return 7 + 2 * ndim


@dataclass(eq=False)
class VirtualView:
    """A view held in registers: `fields` maps (field, axis) to its value, as an array object's
    header would hold them ("data" is a pointer). `base` is the operand it was computed from
    (an object or another VirtualView), `owned` whether this code must drop it when done;
    `root` the object whose memory it is."""

    base: object
    owned: bool
    base_type: Array
    root: ir.Value
    fields: dict[tuple[str, int], ir.Value] = field(default_factory=dict)


def _const(v: int) -> ir.Constant:
    return ir.Constant(I64, v)


def _literal(e: T.Expr | None) -> int | None:
    return e.value if isinstance(e, T.Literal) and type(e.value) is int else None


def slice_bounds(b: ir.IRBuilder, n: ir.Value, start: ir.Value | None, stop: ir.Value | None,
                 step: ir.Value | None, sign: int) -> tuple[ir.Value, ir.Value, ir.Value]:
    """(start, length, step) of a slice over n items, as Python's slice.indices(n) and
    NumPy compute them. `sign` is the step's sign when known at compile time (1 or -1), else
    0; a zero step has been refused before."""
    zero, one = _const(0), _const(1)
    step = step or one

    def clamp(v: ir.Value | None, default: ir.Value, low: ir.Value, high: ir.Value) -> ir.Value:
        if v is None:
            return default
        shifted = b.add(v, n)
        below = b.select(b.icmp_signed("<", shifted, low), low, shifted)
        above = b.select(b.icmp_signed(">", v, high), high, v)
        return b.select(b.icmp_signed("<", v, zero), below, above)

    def forward() -> tuple[ir.Value, ir.Value]:
        first, last = clamp(start, zero, zero, n), clamp(stop, n, zero, n)
        count = b.add(b.sdiv(b.sub(b.sub(last, first), one), step), one)
        return first, b.select(b.icmp_signed(">", last, first), count, zero)

    def backward() -> tuple[ir.Value, ir.Value]:
        top, minus_one = b.sub(n, one), _const(-1)
        first, last = clamp(start, top, minus_one, top), clamp(stop, minus_one, minus_one, top)
        magnitude = b.sub(zero, b.select(b.icmp_signed("<", step, _const(-_INT_MAX)), _const(-_INT_MAX), step))
        count = b.add(b.sdiv(b.sub(b.sub(first, last), one), magnitude), one)
        return first, b.select(b.icmp_signed(">", first, last), count, zero)

    if sign > 0:
        first, length = forward()
    elif sign < 0:
        first, length = backward()
    else:
        up, down = forward(), backward()
        negative = b.icmp_signed("<", step, zero)
        first, length = (b.select(negative, d, u) for u, d in zip(up, down, strict=True))
    return first, length, step


class ViewLowering(LowererHost):
    """Mixed into the function lowerer, next to ArrayLowering (whose header(), array_operand()
    and done_with() know VirtualViews)."""

    def view_parts(self, node: T.ArrayView, borrow: bool = True) -> VirtualView:
        """The view `node` in registers. borrow=False: the array viewed is owned (retained)
        even if it is a local, for a loop whose body may rebind that local."""
        b = self.b
        t = node.array.type
        assert isinstance(t, Array)  # check makes views of arrays only
        if isinstance(node.array, T.ArrayView):
            base: object = self.view_parts(node.array, borrow)
            owned = False
        elif borrow:
            base, owned = self.array_operand(node.array)
        else:
            base, owned = self.expr(node.array), True
        root = base.root if isinstance(base, VirtualView) else base
        values: list = []  # every index and slice bound is evaluated before any is checked
        for part in node.parts:
            if isinstance(part, T.Slice):
                values.append([None if q is None else self.expr(q) for q in (part.start, part.stop, part.step)])
            else:
                values.append(self.expr(part))
        self.loc = node.loc
        view = VirtualView(base, owned, t, root)
        offset = _const(0)
        kept = 0
        for axis in range(t.ndim):
            n, stride = self.header(base, "shape", axis), self.header(base, "strides", axis)
            indexed: T.Expr | T.Slice | None = node.parts[axis] if axis < len(node.parts) else None
            value = values[axis] if axis < len(node.parts) else None
            if isinstance(indexed, T.Slice):
                assert isinstance(value, list)
                start, stop, step = value
                sign = _literal(indexed.step) if indexed.step is not None else 1
                if step is not None and (sign is None or sign == 0):
                    self.step_check(step, indexed.loc)
                first, length, step = slice_bounds(b, n, start, stop, step, 0 if sign is None else sign)
                offset = b.add(offset, b.mul(first, stride))
                view.fields[("shape", kept)] = length
                view.fields[("strides", kept)] = b.mul(stride, step)
                kept += 1
            elif indexed is not None:
                assert isinstance(value, ir.Value)
                offset = b.add(offset, b.mul(self.view_index(value, n, axis, indexed), stride))
            else:
                view.fields[("shape", kept)], view.fields[("strides", kept)] = n, stride
                kept += 1
        data = self.header(base, "data", typ=_PTR)
        view.fields[("data", 0)] = b.gep(data, [offset], source_etype=storage_type(t))
        return view

    def step_check(self, step: ir.Value, loc) -> None:
        site = self.site("array_slice_step", loc, operands=[])
        with self.b.if_then(self.b.icmp_signed("==", step, _const(0)), likely=False):
            self.report(site, [])

    def view_index(self, i: ir.Value, n: ir.Value, axis: int, node: T.Expr) -> ir.Value:
        """An int index on one axis of a view: from the end if negative; IndexError if outside."""
        b = self.b
        j = b.select(b.icmp_signed("<", i, _const(0)), b.add(i, n), i)
        if self.owner.boundscheck:
            site = self.site("array_index", node.loc, ndim=axis + 1, operands=["int"] * (2 * axis + 2))
            with b.if_then(b.icmp_unsigned(">=", j, n), likely=False):  # NumPy's message names the axis
                self.report(site, [(_const(0), INT)] * axis + [(i, INT)] + [(_const(1), INT)] * axis + [(n, INT)])
        return j

    def array_view(self, node: T.ArrayView) -> ir.Value:
        """A view kept as a value: a runtime object that keeps the viewed memory's owner alive."""
        t = node.type
        assert isinstance(t, Array)
        view = self.view_parts(node)
        fields = [self.header(view, field, axis) for axis in range(t.ndim) for field in ("shape", "strides")]
        data = self.b.ptrtoint(view.fields[("data", 0)], I64)
        obj = self.allocated(self.runtime_object("array_view", view.root, data, _const(t.ndim),
                                                 self.words_on_stack(fields)))
        self.done_with(view, False, t)
        return obj

    def header_object(self, a: object, t: Array) -> ir.Value:
        """An object the runtime can read for `a`: `a` itself, or for a VirtualView a header on
        the stack (runtime functions that only read it need no reference count)."""
        if not isinstance(a, VirtualView):
            assert isinstance(a, ir.Value)
            return a
        b = self.b
        memory = self.entry.alloca(ir.ArrayType(I64, header_words(t.ndim)), name="header")
        words = {2: b.ptrtoint(a.fields[("data", 0)], I64), 3: _const(t.ndim), 4: _const(-3),
                 5: _const(itemsize(t)), 6: _const(0)}
        for axis in range(t.ndim):
            words[7 + 2 * axis], words[8 + 2 * axis] = a.fields[("shape", axis)], a.fields[("strides", axis)]
        for word, value in words.items():
            b.store(value, b.gep(memory, [ir.Constant(ir.IntType(32), 0), ir.Constant(ir.IntType(32), word)]))
        return memory

    def array_copy(self, node: T.ArrayCopy) -> ir.Value:
        t = node.type
        assert isinstance(t, Array)
        a, owned = self.array_operand(node.array)
        self.loc = node.loc
        copy = self.allocated(self.runtime_object("array_copy", self.header_object(a, t)))
        self.done_with(a, owned, t)
        return copy

    def array_assign(self, node: T.ArrayAssign) -> None:
        """`a[...] = value`: an array (broadcast; overlap copied first) or a scalar, into every element."""
        b = self.b
        t = node.target.type
        assert isinstance(t, Array)
        checked = node.value if isinstance(node.value, T.ElementValue) else None
        if isinstance(node.value.type, Array):
            source, source_owned = self.array_operand(node.value)
        else:
            source, source_owned = self.expr(checked.operand if checked else node.value), False
        target = self.view_parts(node.target)
        self.loc = node.loc
        dst = self.header_object(target, t)
        if not isinstance(node.value.type, Array):
            if checked:  # after the slice's checks, as NumPy
                source = self.element_check(source, checked)
            self.runtime("array_fill", dst, self.element_word(source, t))
        else:
            st = node.value.type
            src = self.header_object(source, st)
            done = self.runtime("array_assign", dst, src)
            self.no_memory_if(b.icmp_signed("<", done, _const(0)))
            site = self.site("array_broadcast", node.loc, operands=["int"] * (2 + t.ndim + st.ndim))
            with b.if_then(b.icmp_signed("==", done, _const(0)), likely=False):
                self.report(site, [(v, INT) for v in self._dims(target, t) + self._dims(source, st)])
            self.done_with(source, source_owned, st)
        self.done_with(target, False, t)

    def _dims(self, a: object, t: Array) -> list[ir.Value]:
        """ndim, then the shape (operands of an array_broadcast site)."""
        return [_const(t.ndim), *[self.header(a, "shape", axis) for axis in range(t.ndim)]]

