"""Whole-array expressions in generated code: one fused loop per ArrayMap, in-place forms, masks.

    c = np.sqrt(a * a + b * b)    a, b evaluated (borrowed); shapes checked as NumPy would, one
                                  operation at a time; c = array_new(broadcast shape)
                                  for i: c[i] = sqrt(a[i*sa] * a[i*sa] + b[i*sb] * b[i*sb])
    a[1:] += a[:-1]               the operand overlaps the target (and is not the target itself):
                                  it is copied first, so the result is NumPy's
    a[a > 0]                      mask = the ArrayMap; count its Trues; a new 1-D array; fill

No temporary array is made inside an expression tree (check/array_exprs.py fuses it), and an
operand's stride is 0 along the axes it is broadcast along (lower/broadcast.py). What one
element is comes from lower/elementwise.py (NumPy's rules, not Python's).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from llvmlite import ir

from jitcell.compiler import typed as T
from jitcell.compiler.types import BOOL, COMPLEX, INT, Array, Type

from .aliasing import tbaa
from .arith import I8, I64
from .arrays import header_word
from .broadcast import Operand, Shape, broadcast, effective_strides, loop_nest, shape_operands
from .complex_elements import complex_absolute
from .elements import itemsize, storage_type
from .elementwise import element_operation, narrowed
from .host import LowererHost

__all__ = ["ArrayExprLowering"]

_PTR = ir.PointerType()


def _i(v: int) -> ir.Constant:
    return ir.Constant(I64, v)


@dataclass
class _Input:
    """An evaluated input of a fused loop: an array (its object or view, and where its elements
    are) or a scalar's value."""

    value: object
    owned: bool
    type: Type
    operand: Operand | None  # None for a scalar

    @property
    def array(self) -> Array:
        assert isinstance(self.type, Array)  # asked of array inputs only
        return self.type


class ArrayExprLowering(LowererHost):
    """Mixed into the function lowerer, next to ArrayLowering and ViewLowering."""

    # ---- inputs and shapes --------------------------------------------------------------

    def operand_of(self, a: object, t: Array) -> Operand:
        return Operand(self.header(a, "data", typ=_PTR), [self.header(a, "shape", k) for k in range(t.ndim)],
                       [self.header(a, "strides", k) for k in range(t.ndim)])

    def map_inputs(self, inputs: tuple[T.Expr, ...], first: _Input | None = None) -> list[_Input]:
        """Every input evaluated once, in order (input 0 is `first` when given: an in-place target)."""
        evaluated = []
        for k, node in enumerate(inputs):
            if k == 0 and first is not None:
                evaluated.append(first)
            elif isinstance(node.type, Array):
                a, owned = self.array_operand(node)
                evaluated.append(_Input(a, owned, node.type, self.operand_of(a, node.type)))
            else:
                evaluated.append(_Input(self.expr(node), False, node.type, None))
        return evaluated

    def kernel_shape(self, k: T.Expr, inputs: list[_Input], output: Shape | None = None) -> Shape:
        """The shape of kernel node k's values, each operation checked as NumPy checks it; the root
        of an in-place update is checked with the output's shape too."""
        if isinstance(k, T.ElementOf):
            operand = inputs[k.index].operand
            return operand.shape() if operand is not None else Shape(())
        if not isinstance(k, T.ElementOp):
            return Shape(())
        if k.op == "cast":
            return self.kernel_shape(k.args[0], inputs, output)
        shapes = [self.kernel_shape(a, inputs) for a in k.args]
        listed = shapes + ([output] if output is not None else [])
        arrays = [s for s in listed if s.dims]
        if len(arrays) < 2 or all(_same_dims(s, arrays[0]) for s in arrays):  # `a * a`: nothing to check
            return next((s for s in shapes if s.dims), Shape(()))
        result, bad = broadcast(self.b, listed)
        site = self.site("array_operands", k.loc, operands=["int"] * len(shape_operands(listed)))
        with self.b.if_then(bad, likely=False):
            self.report(site, [(v, INT) for v in shape_operands(listed)])
        return result

    def kernel_value(self, k: T.Expr, values: list[ir.Value], reversed_inputs: dict[int, ir.Value] | None = None
                     ) -> ir.Value:
        """`reversed_inputs`: for each 1-D array input, whether its stride is negative."""
        if isinstance(k, T.ElementOf):
            return values[k.index]
        if isinstance(k, T.ElementOp):
            args = [self.kernel_value(a, values, reversed_inputs) for a in k.args]
            operand = k.args[0] if k.args else None
            if k.op == "abs" and isinstance(operand, T.ElementOf) and operand.type is COMPLEX and reversed_inputs \
                    and operand.index in reversed_inputs:
                # NumPy's vectorized absolute takes positive strides: a 1-D array walked backwards
                # goes to its scalar loop, the C library's hypot
                return complex_absolute(self.arith, args[0], reversed_inputs[operand.index])
            return self.element_apply(k, args)
        return self.expr(k)  # a literal

    def element_apply(self, k: T.ElementOp, args: list[ir.Value]) -> ir.Value:
        site = None

        def negative_power(condition: ir.Value) -> None:
            nonlocal site
            site = self.site("array_power", k.loc, operands=[]) if site is None else site
            with self.b.if_then(condition, likely=False):
                self.report(site, [])

        if k.op == "**" and isinstance(k.args[1], T.Literal) and k.args[1].value == 2:
            return self.b.fmul(args[0], args[0]) if k.type is not INT else self.b.mul(args[0], args[0])
        value = element_operation(self.arith, k.op, args, [a.type for a in k.args], k.type, negative_power, k.dtype)
        return narrowed(self.b, value, k.dtype) if k.dtype else value

    def element_op(self, node: T.ElementOp) -> ir.Value:
        """`np.sqrt(x)` and the like on scalars."""
        args = [self.expr(a) for a in node.args]
        self.loc = node.loc
        return self.element_apply(node, args)

    # ---- the loop -----------------------------------------------------------------------

    def run_kernel(self, kernel: T.Expr, inputs: list[_Input], dims: list[ir.Value],
                   store: tuple[Operand, list[ir.Value]] | None, result: Array, descending: bool = False) -> None:
        """For every index of `dims`: the kernel's value, stored where `store` (an operand and its
        strides along dims) says; store=None: only its checks."""
        b = self.b
        ndim = len(dims)
        strides = [effective_strides(b, i.operand, ndim) if i.operand is not None else [] for i in inputs]
        reversed_inputs = {k: b.icmp_signed("<", operand.strides[0], _i(0))
                           for k in sorted(_complex_abs_operands(kernel))
                           if (operand := inputs[k].operand) is not None and len(operand.strides) == 1}
        chosen: dict[int, ir.Value] | None = None

        def body(indices: list[ir.Value]) -> None:
            values = []
            for i, s in zip(inputs, strides, strict=True):
                if i.operand is None:
                    values.append(i.value)
                    continue
                pointer = b.gep(i.operand.data, [_offset(b, indices, s)], source_etype=storage_type(i.array))
                if i.array.dtype == "uint64":  # its 64 bits, unsigned: the kernel's operations know
                    raw = b.load(pointer, typ=I64)
                    raw.set_metadata("tbaa", tbaa(b.module, "array element"))
                    values.append(raw)
                    continue
                values.append(self.element_load(pointer, i.array))
            value = self.kernel_value(kernel, values, chosen)
            if store is not None:
                out, out_strides = store
                pointer = b.gep(out.data, [_offset(b, indices, out_strides)], source_etype=storage_type(result))
                self.element_store(pointer, value, result)

        if not reversed_inputs:
            loop_nest(b, self.ir_fn, dims, body, descending)
            return
        # np.abs of a 1-D complex array walked backwards: a loop choosing per operand, apart from
        # the usual loop, which stays vectorized
        with b.if_else(functools.reduce(b.or_, reversed_inputs.values()), likely=False) as (backwards, usual):
            with backwards:
                chosen = reversed_inputs
                loop_nest(b, self.ir_fn, dims, body, descending)
            with usual:
                chosen = None
                loop_nest(b, self.ir_fn, dims, body, descending)

    def new_array(self, dims: list[ir.Value], t: Array, loc) -> ir.Value:
        """A new uninitialized C-order array of t's dtype and len(dims) axes (held); NumPy's
        MemoryError if too big. Its data starts on a 64-byte boundary: a vector store of 64 bytes
        then never spans two cache lines, which costs AVX-512 loops about a third of their speed.
        It is made as a 1-D array with room for the longer header and the alignment, whose header
        is then rewritten (array_make's follows the 56 + 16 * ndim bytes of the header)."""
        b = self.b
        size, ndim = itemsize(t), len(dims)
        overflow = ir.IntType(1)
        multiply = self.arith.intrinsic("llvm.smul.with.overflow.i64", ir.LiteralStructType([I64, overflow]),
                                        [I64, I64])
        count: ir.Value = _i(1)
        too_many: ir.Value = ir.Constant(overflow, 0)
        for n in dims:
            product = b.call(multiply, [count, n])
            count, too_many = b.extract_value(product, 0), b.or_(too_many, b.extract_value(product, 1))
        extra = -(-(16 * (ndim - 1) + 63) // size)  # room for the other axes' words and the alignment
        count = b.select(too_many, _i(-1), b.add(count, _i(extra)))  # too many: array_make refuses
        obj = self.runtime("array_make", _i(1), self.words_on_stack([count]), _i(size), _i(0), _i(0))
        site = self.site("array_new", loc, ndim=ndim, dtype=t.dtype, operands=["int"] * ndim)
        with b.if_then(b.icmp_signed("==", obj, _i(0)), likely=False):
            self.report(site, [(d, INT) for d in dims])
        data = b.and_(b.add(obj, _i(8 * (7 + 2 * ndim) + 63)), _i(-64))
        words = {header_word("data"): data, header_word("ndim"): _i(ndim)}
        stride: ir.Value = _i(1)
        for axis in reversed(range(ndim)):
            words[header_word("shape", axis)], words[header_word("strides", axis)] = dims[axis], stride
            stride = b.mul(stride, dims[axis])
        for word, value in words.items():
            b.store(value, b.inttoptr(b.add(obj, _i(8 * word)), _PTR))
        return self.hold(b.inttoptr(obj, _PTR), t.with_ndim(ndim))

    def array_map(self, node: T.ArrayMap) -> ir.Value:
        t = node.type
        assert isinstance(t, Array)
        inputs = self.map_inputs(node.inputs)
        self.loc = node.loc
        shape = self.kernel_shape(node.kernel, inputs)
        dims = list(shape.dims)
        result = self.new_array(dims, t, node.loc)
        out = self.operand_of(result, t)
        self.run_kernel(node.kernel, inputs, dims, (out, out.strides), t)
        self._done(inputs)
        self.take(result)
        return result

    def _done(self, inputs: list[_Input]) -> None:
        for i in reversed(inputs):
            if i.operand is not None:
                self.done_with(i.value, i.owned, i.type)

    # ---- a op= b -------------------------------------------------------------------------

    def array_in_place(self, node: T.ArrayInPlace) -> None:
        b = self.b
        t = node.target.type
        assert isinstance(t, Array)
        a, owned = self.array_operand(node.target)
        target = _Input(a, owned, t, self.operand_of(a, t))
        inputs = self.map_inputs(node.update.inputs, first=target)
        self.loc = node.loc
        out = target.operand
        assert out is not None
        result = self.kernel_shape(node.update.kernel, inputs, output=out.shape())
        padded = [_i(1)] * (t.ndim - len(result.dims)) + list(result.dims)
        mismatch = ir.Constant(ir.IntType(1), 0)
        for n, m in zip(out.dims, padded, strict=True):
            mismatch = b.or_(mismatch, b.icmp_signed("!=", n, m))
        shapes = shape_operands([out.shape(), result])[1:]
        site = self.site("array_output", node.loc, operands=["int"] * len(shapes))
        with b.if_then(mismatch, likely=False):
            self.report(site, [(v, INT) for v in shapes])
        conflicts = [self.conflict(i, out, t) for i in inputs[1:]]
        conflicting = [c for c in conflicts if c is not None]
        kernel = node.update.kernel
        if not conflicting:
            self.run_kernel(kernel, inputs, out.dims, (out, out.strides), t)
        else:  # the loop twice: the usual case, with plain operands (vectorized), and the protected one
            saved = [i.operand for i in inputs]
            with b.if_else(functools.reduce(b.or_, conflicting), likely=False) as (overlapping, apart):
                with overlapping:
                    self.protected_update(kernel, inputs, conflicts, target, t)
                for i, operand in zip(inputs, saved, strict=True):
                    i.operand = operand
                with apart:
                    self.run_kernel(kernel, inputs, out.dims, (out, out.strides), t)
        self._done(inputs)

    def protected_update(self, kernel: T.Expr, inputs: list[_Input], conflicts: list[ir.Value | None],
                         target: _Input, t: Array) -> None:
        """The update where an operand overlaps the target: each operand read as it was before."""
        b = self.b
        out = target.operand
        assert out is not None
        if _may_fail(kernel):
            # NumPy computes an overlapping update into a copy of the target: an element that raises
            # leaves the target as it was. A first pass that only evaluates raises before any store.
            self.run_kernel(kernel, inputs, out.dims, None, t)
        reverse, ordered = self.direction(kernel, inputs[1:], conflicts, out, t)
        if reverse is None:
            self.copied_update(kernel, inputs, conflicts, None, out, t)
            return
        with b.if_else(reverse) as (backwards, forwards):
            with backwards:  # from the last element down: each operand's element read before it is overwritten
                self.run_kernel(kernel, inputs, out.dims, (out, out.strides), t, descending=True)
            with forwards:
                self.copied_update(kernel, inputs, conflicts, ordered, out, t)

    def copied_update(self, kernel: T.Expr, inputs: list[_Input], conflicts: list[ir.Value | None],
                      ordered: ir.Value | None, out: Operand, t: Array) -> None:
        """The update walking forwards, conflicting operands read from copies (unless `ordered`)."""
        b = self.b
        copies = [self.unshared(i, c if ordered is None else b.and_(c, b.not_(ordered)))
                  if c is not None else None for i, c in zip(inputs[1:], conflicts, strict=True)]
        self.run_kernel(kernel, inputs, out.dims, (out, out.strides), t)
        for copy, i in zip(copies, inputs[1:], strict=True):
            if copy is not None:
                self.drop(copy, i.type)

    def conflict(self, i: _Input, out: Operand, t: Array) -> ir.Value | None:
        """Whether array input i's memory overlaps the target's other than as the same elements in
        the same places (None for a scalar): reading it while the loop writes would see new values."""
        if i.operand is None:
            return None
        b = self.b
        op = i.operand
        same = b.icmp_unsigned("==", op.data, out.data)
        for mine, theirs in zip(effective_strides(b, op, len(out.dims)), out.strides, strict=True):
            same = b.and_(same, b.icmp_signed("==", mine, theirs))
        (lo1, hi1, empty1), (lo2, hi2, empty2) = _extent(b, op, i.array), _extent(b, out, t)
        overlap = b.and_(b.icmp_signed("<=", lo1, hi2), b.icmp_signed("<=", lo2, hi1))
        overlap = b.and_(overlap, b.not_(b.or_(empty1, empty2)))
        return b.and_(overlap, b.not_(same))

    def direction(self, kernel: T.Expr, inputs: list[_Input], conflicts: list[ir.Value | None], out: Operand,
                  t: Array) -> tuple[ir.Value | None, ir.Value | None]:
        """For a 1-D target whose conflicting inputs step through memory as it does (`a[1:] += a[:-1]`):
        (walk backwards, one direction reads every element before the loop overwrites it), as
        memmove chooses, so that no copy is needed. (None, None) where this does not apply: 2-D,
        or a kernel that may raise midway (its partial writes must be NumPy's, made forwards)."""
        if t.ndim != 1 or _may_fail(kernel) or all(c is None for c in conflicts):
            return None, None
        b = self.b
        forward = backward = ir.Constant(ir.IntType(1), 1)
        step = out.strides[0]
        rising = b.icmp_signed(">", step, _i(0))
        for i, c in zip(inputs, conflicts, strict=True):
            if c is None or i.operand is None:
                continue
            aligned = b.icmp_signed("==", effective_strides(b, i.operand, 1)[0], step)
            ahead = b.sub(b.ptrtoint(i.operand.data, I64), b.ptrtoint(out.data, I64))  # bytes past the target
            later = b.icmp_unsigned("==", b.icmp_signed(">", ahead, _i(0)), rising)  # read before overwritten
            earlier = b.icmp_unsigned("==", b.icmp_signed("<", ahead, _i(0)), rising)
            forward = b.and_(forward, b.or_(b.not_(c), b.and_(aligned, later)))
            backward = b.and_(backward, b.or_(b.not_(c), b.and_(aligned, earlier)))
        return b.and_(b.not_(forward), backward), b.or_(forward, backward)

    def unshared(self, i: _Input, need: ir.Value) -> ir.Value:
        """Where `need` holds, input i is read from a C-order copy made first, as NumPy does:
        returns the copy (null if none was made; held), after pointing the input's operand at it."""
        b = self.b
        it = i.type
        assert isinstance(it, Array) and i.operand is not None
        op = i.operand
        before = b.block
        with b.if_then(need, likely=False):  # a C-order copy made by a loop like the others (vectorized)
            copy = self.new_array(op.dims, it, self.loc)
            fields = [self.header(copy, "data", typ=_PTR), *[self.header(copy, "strides", k) for k in range(it.ndim)]]
            whole = Operand(fields[0], op.dims, fields[1:])
            self.run_kernel(T.ElementOf(0, it.element, self.loc), [i], op.dims, (whole, whole.strides), it)
            self.take(copy)
            copied_in = b.block
        merged = []
        for original, copied in zip([op.data, *op.strides], [*fields], strict=True):
            phi = b.phi(original.type)
            phi.add_incoming(original, before)
            phi.add_incoming(copied, copied_in)
            merged.append(phi)
        obj = b.phi(_PTR)
        obj.add_incoming(ir.Constant(_PTR, None), before)
        obj.add_incoming(copy, copied_in)
        i.operand = Operand(merged[0], op.dims, merged[1:])
        return self.hold(obj, it)

    # ---- a[mask], a[mask] = v ----------------------------------------------------------------

    def mask_operands(self, array: T.Expr, mask: T.Expr, loc) -> tuple[_Input, _Input]:
        """The array and its mask, evaluated in that order; their shapes must be equal (NumPy's IndexError)."""
        b = self.b
        t, m = array.type, mask.type
        assert isinstance(t, Array) and isinstance(m, Array)
        a, a_owned = self.array_operand(array)
        first = _Input(a, a_owned, t, self.operand_of(a, t))
        k, k_owned = self.array_operand(mask)
        second = _Input(k, k_owned, m, self.operand_of(k, m))
        self.loc = loc
        assert first.operand is not None and second.operand is not None
        for axis, (n, c) in enumerate(zip(first.operand.dims, second.operand.dims, strict=True)):
            site = self.site("array_mask", loc, operands=["int"] * 3)
            with b.if_then(b.icmp_signed("!=", n, c), likely=False):
                self.report(site, [(_i(axis), INT), (n, INT), (c, INT)])
        return first, second

    def each_selected(self, a: _Input, mask: _Input, body) -> None:
        """`body(pointer to the element of a, its rank among the selected)` where the mask is True."""
        b = self.b
        assert a.operand is not None and mask.operand is not None
        rank = self.entry.alloca(I64, name="selected")
        b.store(_i(0), rank)

        def visit(indices: list[ir.Value]) -> None:
            assert a.operand is not None and mask.operand is not None
            flag = b.gep(mask.operand.data, [_offset(b, indices, mask.operand.strides)], source_etype=I8)
            with b.if_then(self.element_load(flag, BOOL)):
                k = b.load(rank)
                element = storage_type(a.array)
                body(b.gep(a.operand.data, [_offset(b, indices, a.operand.strides)], source_etype=element), k)
                b.store(b.add(k, _i(1)), rank)

        loop_nest(b, self.ir_fn, a.operand.dims, visit)

    def count_selected(self, mask: _Input) -> ir.Value:
        b = self.b
        assert mask.operand is not None
        count = self.entry.alloca(I64, name="count")
        b.store(_i(0), count)

        def visit(indices: list[ir.Value]) -> None:
            assert mask.operand is not None
            flag = b.gep(mask.operand.data, [_offset(b, indices, mask.operand.strides)], source_etype=I8)
            value = b.load(flag, typ=I8)
            value.set_metadata("tbaa", tbaa(b.module, "array element"))
            b.store(b.add(b.load(count), b.zext(b.icmp_unsigned("!=", value, ir.Constant(I8, 0)), I64)), count)

        loop_nest(b, self.ir_fn, mask.operand.dims, visit)
        return b.load(count)

    def array_mask(self, node: T.ArrayMask) -> ir.Value:
        t = node.type
        assert isinstance(t, Array)
        a, mask = self.mask_operands(node.array, node.mask, node.loc)
        result = self.new_array([self.count_selected(mask)], t, node.loc)
        data = self.header(result, "data", typ=_PTR)

        def copy(pointer: ir.Value, k: ir.Value) -> None:  # the stored bits as they are (no read check)
            _move(self.b, pointer, self.b.gep(data, [k], source_etype=storage_type(t)), t)

        self.each_selected(a, mask, copy)
        self._done([a, mask])
        self.take(result)
        return result

    def array_mask_set(self, node: T.ArrayMaskSet) -> None:
        """`a[mask] = values`: the values (copied unless new: they may be a view of a), then the
        array and the mask; NumPy's ValueError unless there are as many values as Trues (or one)."""
        if not isinstance(node.value.type, Array):
            self.array_mask_fill(node)
            return
        b = self.b
        t, vt = node.array.type, node.value.type
        assert isinstance(t, Array)
        if isinstance(node.value, (T.ArrayMap, T.ArrayMask, T.ArrayNew, T.ArrayCopy)):
            source = self.expr(node.value)
        else:
            v, v_owned = self.array_operand(node.value)
            source = self.hold(self.allocated(self.runtime_object("array_copy", self.header_object(v, vt))), vt)
            self.done_with(v, v_owned, vt)
        a, mask = self.mask_operands(node.array, node.mask, node.loc)
        n = self.header(source, "shape")
        count = self.count_selected(mask)
        site = self.site("array_mask_count", node.loc, operands=["int"] * 2)
        with b.if_then(b.and_(b.icmp_signed("!=", n, count), b.icmp_signed("!=", n, _i(1))), likely=False):
            self.report(site, [(n, INT), (count, INT)])
        step = b.select(b.icmp_signed("==", n, _i(1)), _i(0), self.header(source, "strides"))
        data = self.header(source, "data", typ=_PTR)

        def put(pointer: ir.Value, k: ir.Value) -> None:
            _move(b, b.gep(data, [b.mul(k, step)], source_etype=storage_type(t)), pointer, t)

        self.each_selected(a, mask, put)
        self._done([a, mask])
        self.drop(source, vt)

    def array_mask_fill(self, node: T.ArrayMaskSet) -> None:
        """`a[mask] = scalar`: the value first (Python's order), then the array and the mask."""
        t = node.array.type
        assert isinstance(t, Array)
        value = self.expr(node.value)
        a, mask = self.mask_operands(node.array, node.mask, node.loc)
        self.each_selected(a, mask, lambda pointer, k: self.element_store(pointer, value, t))
        self._done([a, mask])


def _move(b: ir.IRBuilder, source: ir.Value, target: ir.Value, t: Array) -> None:
    """An element copied between two arrays of t's dtype: its stored bits, unconverted."""
    value = b.load(source, typ=storage_type(t))
    value.set_metadata("tbaa", tbaa(b.module, "array element"))
    b.store(value, target).set_metadata("tbaa", tbaa(b.module, "array element"))


def _complex_abs_operands(kernel: T.Expr) -> set[int]:
    """The inputs whose elements np.abs of complex takes directly."""
    return {k.args[0].index for k in T.walk(kernel) if isinstance(k, T.ElementOp) and k.op == "abs"
            and isinstance(k.args[0], T.ElementOf) and k.args[0].type is COMPLEX}


def _may_fail(kernel: T.Expr) -> bool:
    return any(isinstance(k, T.ElementOp) and k.op == "**" and k.type is INT for k in T.walk(kernel))


def _same_dims(s: Shape, other: Shape) -> bool:
    return len(s.dims) == len(other.dims) and all(x is y for x, y in zip(s.dims, other.dims, strict=True))


def _offset(b: ir.IRBuilder, indices: list[ir.Value], strides: list[ir.Value]) -> ir.Value:
    offset: ir.Value = _i(0)
    for i, s in zip(indices, strides, strict=True):
        offset = b.add(offset, b.mul(i, s))
    return offset


def _extent(b: ir.IRBuilder, op: Operand, t: Array) -> tuple[ir.Value, ir.Value, ir.Value]:
    """The first and last byte an operand's elements occupy, and whether it has none."""
    size = itemsize(t)
    lo = hi = b.ptrtoint(op.data, I64)
    empty = ir.Constant(ir.IntType(1), 0)
    for n, s in zip(op.dims, op.strides, strict=True):
        span = b.mul(b.mul(b.sub(n, _i(1)), s), _i(size))
        negative = b.icmp_signed("<", span, _i(0))
        lo = b.add(lo, b.select(negative, span, _i(0)))
        hi = b.add(hi, b.select(negative, _i(0), span))
        empty = b.or_(empty, b.icmp_signed("<=", n, _i(0)))
    return lo, b.add(hi, _i(size - 1)), empty

