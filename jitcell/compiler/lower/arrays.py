"""NumPy arrays in generated code: element access, bounds checks, creation, iteration.

    x = a[i, j]        n0 = a.shape[0] ; i' = i < 0 ? i + n0 : i      (as NumPy, from the end)
                       j' likewise ; i' >=u n0 or j' >=u n1: raise IndexError (Python builds it)
                       x = load double, data + (i' * stride0 + j' * stride1) * 8

An array is a runtime object (runtime/source.py, kind 3): data address, ndim, origin,
item size, base, then each axis's length and stride in elements. How an element is stored
for the array's dtype (uint8, float32...) is elements.py's. Its header never changes after creation, and
element memory never overlaps a header, so header loads and element accesses carry
different TBAA tags: LLVM may then keep a loop's data pointer, shape and strides in
registers across element stores, and vectorize (strides are runtime values; LLVM
versions the loop on a unit stride).

An array local read as the base of an element access, of len() or .shape is borrowed,
not retained: no expression can rebind a local, so the local keeps the array alive,
and a hot loop carries no reference counting. Bounds checks are left out where the
option boundscheck=False says so, and in the fast copy of a loop whose guard proved
the index in range (versioning.py); `self.unchecked` holds those accesses.
"""

from __future__ import annotations

from collections.abc import Callable

from llvmlite import ir

from jitcell.compiler import typed as T
from jitcell.compiler.types import INT, NONE, Array, Tuple, Type

from .aliasing import tbaa
from .arith import I1, I8, I32, I64, llvm_type
from .elements import ElementLowering, itemsize, storage_type
from .host import LowererHost, ModuleHost
from .versioning import Guard, array_accesses, bounds_guardable, unproven_reasons, unversioned_reason, worth_versioning
from .views import ITEMSIZE, VirtualView, header_words

__all__ = ["ArrayLowering", "ITEMSIZE", "export_params", "boundary_arrays", "boundary_result",
           "boundary_tuple_result", "BoundaryArray", "HEADER"]

_PTR = ir.PointerType()
# header words; an axis's "shape" and "strides" are at HEADER[field] + 2 * axis (runtime/source.py)
HEADER = {"data": 2, "ndim": 3, "origin": 4, "itemsize": 5, "base": 6, "shape": 7, "strides": 8}
_ONE_BITS = {"float64": 0x3FF0000000000000, "float32": 0x3F800000}  # what np.ones stores (others: 1)
_FILL = {"empty": 0, "zeros": 1, "ones": 2}
_Access = T.ArrayItem | T.ArraySet | T.ArrayUpdate  # an element access: a[i], a[i] = v, a[i] op= v


def header_word(field: str, axis: int = 0) -> int:
    """The word of an array's header that holds `field` (of `axis`, for shape and strides)."""
    return HEADER[field] + 2 * axis if field in ("shape", "strides") else HEADER[field]


def header_load(b: ir.IRBuilder, a: ir.Value, field: str, axis: int = 0, typ: ir.Type = I64) -> ir.Value:
    address = b.gep(a, [ir.Constant(I64, 8 * header_word(field, axis))], source_etype=I8, inbounds=True)
    value = b.load(address, typ=typ)
    value.set_metadata("tbaa", tbaa(b.module, "array header"))
    return value


class ArrayLowering(ElementLowering, LowererHost):
    """Mixed into the function lowerer (which provides b, expr, hold, drop, site, report, runtime...,
    declared in host.py). `unchecked` holds the ids of accesses whose bounds check this copy of the
    code leaves out."""

    # set together by the first fixed_array(): a fixed parameter's array, its header fields loaded once
    _fixed_arrays: dict[str, ir.Value]
    _header_cache: dict[tuple[ir.Value, str, int], ir.Value]
    # set together by the first fixed_local(): the statements that bind an array local for good, and
    # for each such local bound so far, its object, the function it is in and its header words
    _fixed_locals: set[int]
    _local_headers: dict[str, tuple[ir.Value, ir.Function, dict[tuple[str, int], ir.Value]]]
    unit_stride: set[int]  # accesses whose last axis this copy of a loop knows is contiguous (by_layout)

    # ---- operands ---------------------------------------------------------------------

    def fixed_array(self, name: str) -> ir.Value | None:
        """The argument of an array parameter the function never rebinds: its object, the same
        everywhere in the function, so its header fields are read once, in the entry block."""
        fixed = getattr(self, "_fixed_arrays", None)
        if fixed is None:
            assigned = {n for node in T.walk(self.fn.body) for n in _assigned(node)}
            args = self.ir_fn.args[1 if self.fn.signature.returns is not NONE else 0:]
            fixed = self._fixed_arrays = {  # after calls_left and stack_floor (program.py)
                pname: arg for (pname, t), arg in zip(self.fn.signature.params, args[2:], strict=True)
                if isinstance(t, Array) and pname not in assigned}
            self._header_cache = {}
        return fixed.get(name)

    def fixed_local(self, node) -> bool:
        """Whether `node`, a statement of the function's body itself (not nested in a loop, a branch or
        a try), binds the only value an array local ever has: its one assignment anywhere. Its header
        words can then be read once, there (`remember_local_array`): every later use is dominated by
        it, and an array's header does not change while it lives."""
        fixed = getattr(self, "_fixed_locals", None)
        if fixed is None:
            counts: dict[str, int] = {}
            for item in T.walk(self.fn.body):
                for name in _assigned(item):
                    counts[name] = counts.get(name, 0) + 1
            params = {p for p, _ in self.fn.signature.params}
            fixed = self._fixed_locals = {
                id(s) for s in self.fn.body if isinstance(s, T.Assign) and len(s.names) == 1
                and isinstance(s.values[0].type, Array) and counts.get(s.names[0]) == 1 and s.names[0] not in params}
            self._local_headers = {}
        return id(node) in fixed

    def remember_local_array(self, name: str, a: ir.Value, t: Array) -> None:
        """The header words of the array just bound to `name` for good (fixed_local), read now."""
        words = {("data", 0): header_load(self.b, a, "data", 0, _PTR)}
        for axis in range(t.ndim):
            words[("shape", axis)] = header_load(self.b, a, "shape", axis)
            words[("strides", axis)] = header_load(self.b, a, "strides", axis)
        self._local_headers[name] = (a, self.ir_fn, words)

    def header(self, a: ir.Value | VirtualView, field: str, axis: int = 0, typ: ir.Type = I64) -> ir.Value:
        """A header field of array `a`; of a fixed parameter's array, loaded once in the entry block;
        of a fixed local's, where it was bound; of a view in registers, its value."""
        if isinstance(a, VirtualView):
            return a.fields[(field, axis)]
        for obj, _, words in getattr(self, "_local_headers", {}).values():
            if a is obj and (field, axis) in words and words[(field, axis)].type == typ:
                return words[(field, axis)]
        if any(a is arg for arg in getattr(self, "_fixed_arrays", {}).values()):
            key = (a, field, axis)
            if key not in self._header_cache:
                self._header_cache[key] = header_load(self.entry, a, field, axis, typ)
            return self._header_cache[key]
        return header_load(self.b, a, field, axis, typ)

    def array_operand(self, node: T.Expr) -> tuple[ir.Value | VirtualView, bool]:
        """The array an access works on: a local is borrowed (False), a view is computed in
        registers (views.py; done_with drops what it was computed from), anything else owned (True)."""
        if isinstance(node, T.ArrayView):
            return self.view_parts(node), False
        if isinstance(node, T.Local):
            fixed = self.fixed_array(node.name)
            if fixed is not None:
                return fixed, False
            known = getattr(self, "_local_headers", {}).get(node.name)
            if known is not None and known[1] is self.ir_fn:  # bound for good, in this function
                return known[0], False
            b = self.b
            if node.may_be_unbound:
                site = self.site("unbound", node.loc, name=node.name)
                with b.if_then(b.not_(b.load(self.flags[node.name])), likely=False):
                    self.report(site, [])
            return b.load(self.vars[node.name]), False
        return self.expr(node), True

    def done_with(self, a: ir.Value | VirtualView, owned: bool, t: Type) -> None:
        if isinstance(a, VirtualView):
            self.done_with(a.base, a.owned, a.base_type)  # an object or a view
        elif owned:
            self.drop(a, t)

    def checks_bounds(self, node: _Access) -> bool:
        return self.owner.boundscheck and id(node) not in self.unchecked

    def element_pointer(self, node: _Access, a: ir.Value | VirtualView, t: Array, indices: list[ir.Value]) -> ir.Value:
        """The address of a[indices]: negative indices count from the end; out of range: IndexError."""
        b = self.b
        zero = ir.Constant(I64, 0)
        offset, bad, dims = None, None, []
        proven = id(node) in self.unchecked  # a loop guard proved 0 <= index < length
        for axis, i in enumerate(indices):
            n = self.header(a, "shape", axis)
            dims.append(n)
            j = i if proven else b.select(b.icmp_signed("<", i, zero), b.add(i, n), i)
            if self.checks_bounds(node):
                outside = b.icmp_unsigned(">=", j, n)
                bad = outside if bad is None else b.or_(bad, outside)
            # a loop's copy for contiguous arrays (by_layout) knows the last axis's stride is 1
            term = j if axis == t.ndim - 1 and id(node) in self.unit_stride else \
                b.mul(j, self.header(a, "strides", axis))
            offset = term if offset is None else b.add(offset, term)
        if bad is not None:
            site = self.site("array_index", node.loc, ndim=t.ndim, operands=["int"] * (2 * t.ndim))
            if self.notes is not None and id(node) in self.bounds_reasons:
                self.notes.site_reasons[site] = self.bounds_reasons[id(node)]
            with b.if_then(bad, likely=False):
                self.report(site, [(v, INT) for v in indices + dims])
        data = self.header(a, "data", typ=_PTR)
        return b.gep(data, [offset], source_etype=storage_type(t))

    # ---- expressions ------------------------------------------------------------------

    def array_item(self, node: T.ArrayItem) -> ir.Value:
        t = _array_type(node.array)
        a, owned = self.array_operand(node.array)
        indices = [self.expr(i) for i in node.indices]
        self.loc = node.loc
        value = self.element_load(self.element_pointer(node, a, t, indices), t)
        self.done_with(a, owned, t)
        return value

    def array_dim(self, node: T.ArrayDim) -> ir.Value:
        t = _array_type(node.array)
        a, owned = self.array_operand(node.array)
        if node.axis is None:  # a.size
            value = self.header(a, "shape")
            for axis in range(1, t.ndim):
                value = self.b.mul(value, self.header(a, "shape", axis))
        else:
            value = self.header(a, "shape", node.axis)
        self.done_with(a, owned, t)
        return value

    def array_shape(self, node: T.ArrayShape) -> ir.Value:
        t = _array_type(node.array)
        a, owned = self.array_operand(node.array)
        whole = ir.Constant(ir.LiteralStructType([I64] * t.ndim), None)
        for axis in range(t.ndim):
            whole = self.b.insert_value(whole, self.header(a, "shape", axis), axis)
        self.done_with(a, owned, t)
        return whole

    def array_new(self, node: T.ArrayNew) -> ir.Value:
        b = self.b
        t = node.type
        assert isinstance(t, Array)  # check gives np.zeros & co. an array type
        shape = self.expr(node.shape)
        dims = [shape] if t.ndim == 1 and node.shape.type is INT else \
            [b.extract_value(shape, axis) for axis in range(t.ndim)]
        word = _ONE_BITS.get(t.dtype, 1) if node.fill == "ones" else 0
        obj = self.runtime("array_make", ir.Constant(I64, t.ndim), self.words_on_stack(dims),
                           ir.Constant(I64, itemsize(t)), ir.Constant(I64, _FILL[node.fill]), ir.Constant(I64, word))
        site = self.site("array_new", node.loc, ndim=t.ndim, dtype=t.dtype, operands=["int"] * t.ndim)
        with b.if_then(b.icmp_signed("==", obj, ir.Constant(I64, 0)), likely=False):
            self.report(site, [(d, INT) for d in dims])
        return b.inttoptr(obj, _PTR)

    def words_on_stack(self, values: list[ir.Value]) -> ir.Value:
        """The address (an int) of `values` stored as consecutive words in this function's frame."""
        memory = self.entry.alloca(ir.ArrayType(I64, len(values)), name="words")
        for k, value in enumerate(values):
            self.b.store(value, self.b.gep(memory, [ir.Constant(I32, 0), ir.Constant(I32, k)]))
        return self.b.ptrtoint(memory, I64)

    # ---- statements -------------------------------------------------------------------

    def array_set(self, node: T.ArraySet) -> None:
        t = _array_type(node.array)
        checked = node.value if isinstance(node.value, T.ElementValue) else None
        value = self.expr(checked.operand if checked else node.value)  # first, then a, then the indices
        a, owned = self.array_operand(node.array)
        indices = [self.expr(i) for i in node.indices]
        self.loc = node.loc
        pointer = self.element_pointer(node, a, t, indices)
        if checked:  # NumPy checks the index before the value
            value = self.element_check(value, checked)
        self.element_store(pointer, value, t)
        self.done_with(a, owned, t)

    def array_update(self, node: T.ArrayUpdate) -> None:
        """`a[i] op= v`: a and i are evaluated once; the Hole in node.value is the element."""
        t = _array_type(node.array)
        a, owned = self.array_operand(node.array)
        indices = [self.expr(i) for i in node.indices]
        self.loc = node.loc
        element = t.element
        pointer = self.element_pointer(node, a, t, indices)
        self.holes.append((self.element_load(pointer, t), element))
        new = self.expr(node.value)
        self.holes.pop()
        self.element_store(pointer, new, t)
        self.done_with(a, owned, t)

    def for_array(self, node: T.ForArray) -> None:
        """`for x in a`: x = a[0], a[1], ... (a is held for the whole loop; the body may rebind it;
        a view, `for x in a[1:-1]`, stays in registers, holding the array it views)."""
        b = self.b
        t = _array_type(node.array)
        a: ir.Value | VirtualView = self.view_parts(node.array, borrow=False) if isinstance(node.array, T.ArrayView) \
            else self.expr(node.array)
        n = self.header(a, "shape")
        before = b.block
        head, body, step, other, end = (self.ir_fn.append_basic_block(name) for name in
                                        ("array.for", "array.body", "array.next", "array.else", "array.end"))
        b.branch(head)
        b.position_at_end(head)
        k = b.phi(I64, name="k")
        k.add_incoming(ir.Constant(I64, 0), before)
        b.cbranch(b.icmp_signed("<", k, n), body, other)
        b.position_at_end(body)
        data = self.header(a, "data", typ=_PTR)
        pointer = b.gep(data, [b.mul(k, self.header(a, "strides"))], source_etype=storage_type(t))
        b.store(self.element_load(pointer, t), self.vars[node.var])
        if node.var in self.flags:
            b.store(ir.Constant(I1, 1), self.flags[node.var])
        self.loop_body(b.block, node.body, step, end)  # element_load may have begun a block (uint64 checks)
        b.position_at_end(step)
        k.add_incoming(b.add(k, ir.Constant(I64, 1)), step)
        b.branch(head)
        b.position_at_end(other)
        self.block(node.orelse)
        if not b.block.is_terminated:
            b.branch(end)
        b.position_at_end(end)
        self.done_with(a, True, t)

    # ---- loop versioning (versioning.py proves, this supplies the array facts) -------------

    def loop_versions(self, node: T.ForRange, start, stop, count) -> list[tuple[ir.Value, bool, set]]:
        """The copies of a `for` loop to emit before the fully checked one: (the guard's
        condition, whether int arithmetic wraps in the copy, the accesses it leaves unchecked).
        Overflow and bounds are proven separately, so an accumulator the guard cannot bound
        (`s += a[i]`) still lets the bounds checks go."""
        b = self.b
        overflow = self.owner.loop_versioning and not self.arith.wraparound and worth_versioning(node)
        accesses = array_accesses(node, self.unchecked) if self.owner.bounds_versioning and \
            bounds_guardable(node) else []
        if not overflow and not accesses:
            self.note_versions(node, False, False, [], set())
            return []
        guard = Guard(b, lambda name: b.load(self.vars[name]), self.array_dims_for_guard)
        no_overflow = guard.emit(node, start, stop, count) if overflow else None
        unbounded = guard.saw_full  # the guard rests on a value it cannot bound: it fails at run time
        in_bounds, proven = guard.bounds(node, start, stop, count, accesses) if accesses else (None, set())
        versions = []
        if no_overflow is not None:
            versions.append((no_overflow if not proven else b.and_(no_overflow, in_bounds), True, proven))
        if proven:
            versions.append((in_bounds, self.arith.wraparound, proven))
        self.note_versions(node, overflow, overflow and unbounded, accesses, proven)
        return versions

    def by_layout(self, node: T.ForRange, lower: Callable[[], None], twin: bool = True) -> None:
        """Lower a small innermost loop (`lower()`) twice when it indexes arrays it does not assign:
        once for arrays whose last axis is contiguous (NumPy's usual C order), where the address
        of an element needs no stride, and once for any strides. Strided addresses cost a
        loop whose work is one or two operations an element (`s += a[i] * a[i]`, not
        vectorizable as float addition must keep its order) about 15% of its time; LLVM
        versions vectorizable loops on strides itself. Big or nested loops are lowered once:
        the twin would cost compile time for little gain. `twin` False: lower it once."""
        contiguous = contiguous_accesses(node, self.unit_stride) if twin else {}
        if not contiguous:
            lower()
            return
        b = self.b
        unit = ir.Constant(I1, 1)
        for name in sorted(set(contiguous.values())):
            unit = b.and_(unit, self.unit_stride_for_guard(name))
        packed, strided = self.ir_fn.append_basic_block("for.contiguous"), self.ir_fn.append_basic_block("for.strided")
        b.cbranch(unit, packed, strided)
        b.position_at_end(packed)
        saved = self.unit_stride
        self.unit_stride = saved | set(contiguous)
        try:
            lower()
        finally:
            self.unit_stride = saved
        b.position_at_end(strided)
        lower()

    def unit_stride_for_guard(self, name: str) -> ir.Value:
        """Is the last axis of the array in local `name` contiguous (true if unbound: the loop never
        reads it)?"""
        t = self.fn.locals[name]
        assert isinstance(t, Array), t
        return self._array_fact(name, ir.Constant(I1, 1), lambda a: self.b.icmp_signed(
            "==", self.header(a, "strides", t.ndim - 1), ir.Constant(I64, 1)))

    def note_versions(self, node: T.ForRange, overflow: bool, unbounded: bool, accesses: list, proven: set) -> None:
        """For annotation (lower/locations.py): what versioning did to the loop being lowered, and why."""
        if self.notes is None:
            return
        note = self.notes.loops[self.loop_notes[-1]]
        note.versioned = overflow
        if not overflow and not self.arith.wraparound:
            note.why_not = ("loop versioning is off" if not self.owner.loop_versioning else unversioned_reason(node))
        elif unbounded:
            note.primary = 1  # the copy without overflow checks is there, but its guard fails
            note.why_not = ("the guard before the loop cannot bound every value here: an element, a call's result "
                            "or a variable that depends on itself")
        if self.owner.boundscheck:
            self.bounds_reasons.update(unproven_reasons(node, accesses, proven) if self.owner.bounds_versioning
                                       else {id(n): "loop versioning is off" for n in T.walk(node.body)})

    def array_dims_for_guard(self, name: str, axis: int) -> ir.Value:
        """The length of an axis of the array in local `name` before a loop (0 if unbound)."""
        return self._array_fact(name, ir.Constant(I64, 0), lambda a: self.header(a, "shape", axis))

    def _array_fact(self, name: str, unbound: ir.Constant, fact: Callable[[ir.Value], ir.Value]) -> ir.Value:
        """`fact(array)` of the array in local `name` before a loop, or `unbound` if the local is."""
        b = self.b
        a = b.load(self.vars[name])
        is_null = b.icmp_unsigned("==", a, ir.Constant(_PTR, None))
        with b.if_else(is_null) as (then, otherwise):
            with then:
                null_block = b.block
            with otherwise:
                value = fact(a)
                bound_block = b.block
        phi = b.phi(unbound.type)
        phi.add_incoming(unbound, null_block)
        phi.add_incoming(value, bound_block)
        return phi


_TWIN_NODES = 60  # by_layout's limit on the nodes of a loop's body


def contiguous_accesses(node: T.ForRange, known: set[int]) -> dict[int, str]:
    """id(access) -> array name, for the accesses of a small innermost loop that index every
    axis of a local array the loop does not assign (and not yet known to be contiguous)."""
    nodes = list(T.walk((node.body, node.orelse)))
    if len(nodes) > _TWIN_NODES or any(isinstance(n, (T.ForRange, T.While, T.ForArray, T.ForDict, T.ForStr))
                                       for n in nodes):
        return {}
    assigned = {name for n in nodes for name in _assigned(n)}
    found = {}
    for n in nodes:
        match n:
            case T.ArrayItem(array=T.Local(name=name), indices=indices) | \
                    T.ArraySet(array=T.Local(name=name), indices=indices) | \
                    T.ArrayUpdate(array=T.Local(name=name), indices=indices):
                if name not in assigned and id(n) not in known and len(indices) == _array_type(n.array).ndim:
                    found[id(n)] = name
    return found


def _array_type(e: T.Expr) -> Array:
    """The type of an expression check has found to be an array: the base of an element access, of
    len(), .shape or .size, the iterable of a `for` over an array."""
    t = e.type
    assert isinstance(t, Array), t
    return t


def _assigned(node) -> tuple[str, ...]:
    match node:
        case T.Assign(names=names) | T.Unpack(names=names) | T.ForDict(names=names):
            return names
        case T.ForRange(var=var) | T.ForArray(var=var):
            return (var,)
    return ()


# ---- the boundary: NumPy arrays in, views for the call --------------------------------


# an array argument of an entry point: (param index, type, incoming values: data address, shape, strides)
BoundaryArray = tuple[int, Array, list[ir.Value]]


def export_params(t: Array) -> list[ir.Type]:
    """An array parameter of an entry point: where its data address is (a pointer to the
    pointer, arrays.py), shape, strides in bytes."""
    return [_PTR] + [I64] * (2 * t.ndim)


def boundary_arrays(owner: ModuleHost, b: ir.IRBuilder, fn: T.Function, names: list[str],
                    arrays: list[BoundaryArray], returns: ir.Type) -> list[ir.Value]:
    """Views for the array arguments of an entry point: `arrays` lists (argument index, type,
    incoming values), `names` the arguments (a tuple parameter's items are arguments, "p[0]").
    A view lives on the entry point's stack for the duration of the call, with
    a reference count of 1 that the entry point holds and never gives up, so nothing frees it.
    An array whose data or strides are not multiples of its item size (a view of packed
    records) raises ValueError before the call."""
    views = [b.alloca(ir.ArrayType(I64, header_words(t.ndim)), name="view") for _, t, _ in arrays]
    bad = ir.Constant(I64, -1)
    arrays = [(index, t, [b.load(values[0], typ=_PTR), *values[1:]]) for index, t, values in arrays]
    for index, t, values in arrays:
        mask = ir.Constant(I64, itemsize(t) - 1)
        bits = b.ptrtoint(values[0], I64)
        for v in values[1 + t.ndim:]:
            bits = b.or_(bits, v)
        misaligned = b.icmp_unsigned("!=", b.and_(bits, mask), ir.Constant(I64, 0))
        bad = b.select(b.and_(misaligned, b.icmp_signed("<", bad, ir.Constant(I64, 0))),
                       ir.Constant(I64, index), bad)
    if arrays:
        site = owner.site("array_unaligned", fn.loc, fn.name, params=names, operands=["int"])
        with b.if_then(b.icmp_signed(">=", bad, ir.Constant(I64, 0)), likely=False):
            memory = b.alloca(I64)
            b.store(bad, memory)
            b.call(owner.callback("raise", ir.VoidType()), [ir.Constant(I32, site), memory])
            b.ret_void() if isinstance(returns, ir.VoidType) else b.ret(ir.Constant(returns, None))
    for view, (index, t, values) in zip(views, arrays, strict=True):
        shift = ir.Constant(I64, itemsize(t).bit_length() - 1)
        dims, strides = values[1:1 + t.ndim], [b.ashr(v, shift) for v in values[1 + t.ndim:]]
        words = [ir.Constant(I64, 1), ir.Constant(I64, 3), b.ptrtoint(values[0], I64), ir.Constant(I64, t.ndim),
                 ir.Constant(I64, index), ir.Constant(I64, itemsize(t)), ir.Constant(I64, 0)]
        for n, stride in zip(dims, strides, strict=True):
            words += [n, stride]
        for word, value in enumerate(words):
            b.store(value, b.gep(view, [ir.Constant(I32, 0), ir.Constant(I32, word)]))
    return [b.bitcast(view, _PTR) for view in views]


def boundary_result(b: ir.IRBuilder, value: ir.Value, t: Type, views: list[ir.Value],
                    arrays: list[BoundaryArray]) -> ir.Value:
    """A result that is one of the call's views (which die with the entry point's frame) goes
    back as 2k + 1 for parameter k: the wrapper returns that argument itself (arrays.py). A
    slice of one (origin -2, base that view) is detached from the frame: origin k, base 0, and
    the wrapper makes it a NumPy view of argument k. The result is null or an array."""
    if not isinstance(t, Array) or not views:
        return value
    with b.if_then(b.icmp_unsigned("!=", value, ir.Constant(_PTR, None))):
        origin = b.gep(value, [ir.Constant(I64, 8 * HEADER["origin"])], source_etype=I8)
        with b.if_then(b.icmp_signed("==", b.load(origin, typ=I64), ir.Constant(I64, -2))):
            base = b.gep(value, [ir.Constant(I64, 8 * HEADER["base"])], source_etype=I8)
            viewed = b.load(base, typ=_PTR)
            for view, (index, _, _) in zip(views, arrays, strict=True):
                with b.if_then(b.icmp_unsigned("==", viewed, view)):
                    b.store(ir.Constant(I64, index), origin)
                    b.store(ir.Constant(_PTR, None), base)
    for view, (index, _, _) in zip(views, arrays, strict=True):
        code = ir.Constant(I64, 2 * index + 1).inttoptr(_PTR)
        value = b.select(b.icmp_unsigned("==", value, view), code, value)
    return value


def boundary_tuple_result(b: ir.IRBuilder, memory: ir.Value, t: Tuple, views: list[ir.Value],
                          arrays: list[BoundaryArray]) -> None:
    """The same for the array items of a tuple result, in the memory the wrapper provided."""
    for position, item in enumerate(t.items):
        if isinstance(item, Array) and views:
            field = b.gep(memory, [ir.Constant(I32, 0), ir.Constant(I32, position)], source_etype=llvm_type(t))
            b.store(boundary_result(b, b.load(field, typ=_PTR), item, views, arrays), field)
