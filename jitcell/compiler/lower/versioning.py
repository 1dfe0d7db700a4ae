"""Loop versioning: run a `for` loop without overflow checks when its bounds prove none can fire.

    count = 0                          guard (once, before the loop, from the values at hand):
    for i in range(n):                   i in [0, n-1], j in [0, n-1], n in [n, n]
        for j in range(n):               i*i + j*j in [0, 2(n-1)^2], n*n in [n^2, n^2]
            if i*i + j*j < n*n:          count in [count0, count0 + n*n]   (an accumulator)
                count += 1               every bound computed without overflow?
                                       yes: the loop as --wraparound code (vectorizable)
                                       no:  the loop with every check, as before

Checked int arithmetic keeps LLVM from vectorizing a loop or replacing it by a
closed form. But in most numeric loops the values stay far from 2**63, and that can
be shown before the loop starts, from the loop bounds and the values of the
variables the loop does not change: interval arithmetic over the loop's int
expressions, evaluated at run time with overflow detection. If every interval is
computed without overflow, no checked operation in the loop can overflow, and the
unchecked copy computes exactly what the checked one would.

Each int variable the loop assigns gets an interval that holds at every point of
the loop:
- a `for` variable lies between its range's start and stop (or keeps its old value);
- an accumulator (only ever `x += e` or `x -= e`, e not reading x) stays within
  x0 + [sum of min(0, T*lo(e)), sum of max(0, T*hi(e))], where T bounds how often the
  statement runs (the product of the trip counts of the loops around it);
- any other variable lies in the hull of its value before the loop and of what is
  assigned to it; a variable whose interval depends on itself gets the full range,
  which makes the guard fail at run time: the checked loop runs, never a wrong one.
`x ** k` with a literal 0 <= k <= 8 (`i**2`) is bounded as k interval products of x.
Loops containing any other int `**` or `<<` (whose overflow these bounds do not cover), or a
`while` loop, are not versioned.

Array bounds checks (lower/arrays.py) are proven the same way: for an access `a[e]`
whose array is a local the loop does not assign, the guard checks 0 <= lo(e) and
hi(e) < len(a) for each index. There the interval of a `for` variable read inside
its own loop (one that nothing else in that loop assigns) is that loop's range,
[start, stop - 1] for a literal positive step. An access whose interval rests on an
unbounded value (an element read from an array, a call's result) or with a negative
literal index keeps its check and takes no part in the proof. A loop with both kinds
of check gets three copies: no checks at all, overflow checks only (for an
accumulator the guard cannot bound, as in `s += a[i]`), and every check.
"""

from __future__ import annotations

from collections.abc import Callable

from llvmlite import ir

from jitcell.compiler import typed as T
from jitcell.compiler.types import BOOL, INT, Array, Tuple
from jitcell.dtypes import DTYPES

__all__ = ["worth_versioning", "Guard", "unversioned_reason", "unproven_reasons"]

I1 = ir.IntType(1)
I64 = ir.IntType(64)
INT_MIN, INT_MAX = -(2**63), 2**63 - 1

Interval = tuple[ir.Value, ir.Value]


_MAX_LITERAL_POWER = 8  # `x ** k` for a literal k up to this is bounded as k products of x's interval


def _literal_power(node) -> bool:
    """`x ** k` of ints with a literal exponent 0 <= k <= _MAX_LITERAL_POWER (`i**2`)."""
    match node:
        case T.Binary(op="**", right=T.Literal(value=int() as k), type=t) if t is INT:
            return 0 <= k <= _MAX_LITERAL_POWER
    return False


def _is_checked_op(node) -> bool:
    match node:
        case T.Binary(op="+" | "-" | "*" | "//", type=t) if t is INT:
            return True
        case T.Binary(op="**") if _literal_power(node):
            return True
        case T.Unary(op="-", type=t) if t is INT:
            return True
        case T.Intrinsic(name="abs", type=t) if t is INT:
            return True
    return False


def _is_unguardable(node) -> bool:
    match node:
        case T.Binary(op="**" | "<<", type=t) if t is INT and not _literal_power(node):
            return True
        case T.While() | T.ForDict():
            return True
    return False


def bounds_guardable(loop: T.ForRange) -> bool:
    """Can the guard see every assignment in the loop (no while, dict or array loops inside)?"""
    return not any(isinstance(n, (T.While, T.ForDict, T.ForArray, T.ForStr)) for n in T.walk((loop.body, loop.orelse)))


def array_accesses(loop: T.ForRange, skip) -> list[tuple]:
    """The array accesses in the body of `loop` the guard may prove in range: (node, array
    name, index expressions, enclosing loops whose variable reads give their range)."""
    assigned = _Assignments(loop)
    found: list[tuple] = []

    def pure(inner: T.ForRange) -> bool:
        return inner.var not in _names_assigned(inner.body)

    def expressions(node, context):
        for item in T.walk(node):
            match item:
                case T.ArrayItem(array=T.Local(name=name), indices=indices) | \
                        T.ArraySet(array=T.Local(name=name), indices=indices) | \
                        T.ArrayUpdate(array=T.Local(name=name), indices=indices):
                    if id(item) in skip or assigned.assigned(name):
                        continue
                    if any(isinstance(i, T.Literal) and isinstance(i.value, int) and i.value < 0 for i in indices):
                        continue  # a[-1]: counts from the end, its check stays
                    found.append((item, name, indices, context))

    def statements(stmts, context):
        for stmt in stmts:
            match stmt:
                case T.If(test=test, body=body, orelse=orelse):
                    expressions(test, context)
                    statements(body, context)
                    statements(orelse, context)
                case T.ForRange(start=start, stop=stop, step=step, body=body, orelse=orelse):
                    expressions((start, stop, step), context)
                    statements(body, context + ((stmt,) if pure(stmt) else ()))
                    statements(orelse, context)
                case _:
                    expressions(stmt, context)

    statements(loop.body, (loop,) if pure(loop) else ())
    return found


def _int_literal(node: T.Expr) -> int | None:
    """The value of an int literal (an index, a step), else None."""
    if isinstance(node, T.Literal) and isinstance(node.value, int):
        return node.value
    return None


def _names_assigned(stmts) -> set[str]:
    names: set[str] = set()
    for node in T.walk(stmts):
        match node:
            case T.Assign(names=assigned) | T.Unpack(names=assigned):
                names.update(assigned)
            case T.ForRange(var=var) | T.ForArray(var=var):
                names.add(var)
            case T.ForDict(names=assigned):
                names.update(assigned)
    return names


def worth_versioning(loop: T.ForRange) -> bool:
    """Does the loop have overflow checks to remove, and only ones the guard can cover?"""
    nodes = list(T.walk((loop.body, loop.orelse)))
    return any(_is_checked_op(n) for n in nodes) and not any(_is_unguardable(n) for n in nodes)


def unversioned_reason(loop: T.ForRange) -> str | None:
    """Why `loop` gets no copy without overflow checks (worth_versioning is False), if it has any."""
    nodes = list(T.walk((loop.body, loop.orelse)))
    if not any(_is_checked_op(n) for n in nodes):
        return None
    for n in nodes:
        match n:
            case T.Binary(op="**" | "<<" as op, type=t) if t is INT and not _literal_power(n):
                return (f"the loop uses int {op}" + (f" (other than ** of a literal 0 to {_MAX_LITERAL_POWER})"
                                                      if op == "**" else "")
                        + ", whose overflow the guard before a loop cannot bound")
            case T.While():
                return "the loop holds a while loop, whose trip count the guard before a loop cannot know"
            case T.ForDict():
                return "the loop holds a loop over a dict, which the guard before a loop cannot follow"
    return None


def unproven_reasons(loop: T.ForRange, candidates: list[tuple], proven: set[int]) -> dict[int, str]:
    """id(access) -> why the guard of `loop` leaves the bounds check of that access in its body."""
    reasons: dict[int, str] = {}
    candidate_ids = {id(node) for node, *_ in candidates}
    guardable = bounds_guardable(loop)
    assigned = _Assignments(loop)
    for node in T.walk((loop.body, loop.orelse)):
        if not isinstance(node, (T.ArrayItem, T.ArraySet, T.ArrayUpdate)) or id(node) in proven:
            continue
        if id(node) in candidate_ids:
            reason = ("its index rests on a value the guard before the loop cannot bound: an element, a "
                      "call's result or a variable that depends on itself")
        elif not guardable:
            reason = "the loop holds a while loop or a loop over an array or a dict, which the guard cannot follow"
        elif not isinstance(node.array, T.Local):
            reason = "the array is not a local variable"
        elif assigned.assigned(node.array.name):
            reason = f"the loop assigns {node.array.name}"
        else:
            reason = "a negative index counts from the end"
        reasons[id(node)] = reason
    return reasons


class _Assignments:
    """Who assigns what inside the loop, and under which loops."""

    def __init__(self, loop: T.ForRange):
        self.loop_vars: dict[str, list[T.ForRange]] = {}
        self.values: dict[str, list[tuple[T.Expr, tuple[T.ForRange, ...]]]] = {}
        self.loop_vars[loop.var] = [loop]
        self._visit(loop.body + loop.orelse, (loop,))

    def _visit(self, stmts, loops):
        for stmt in stmts:
            match stmt:
                case T.Assign(names=names, values=values):
                    for name, value in zip(names, values, strict=True):
                        self.values.setdefault(name, []).append((value, loops))
                case T.Unpack(names=names, value=value):
                    tuple_type = value.type
                    assert isinstance(tuple_type, Tuple)  # check unpacks tuples only
                    for i, name in enumerate(names):  # bounds unknown: an item of a tuple
                        item = T.TupleItem(value, i, tuple_type.items[i], value.loc)
                        self.values.setdefault(name, []).append((item, loops))
                case T.If(body=body, orelse=orelse):
                    self._visit(body + orelse, loops)
                case T.ForRange(var=var, body=body, orelse=orelse):
                    self.loop_vars.setdefault(var, []).append(stmt)
                    self._visit(body, loops + (stmt,))
                    self._visit(orelse, loops)
                case _:  # any other loop, an unpacking: whatever it assigns has no known bound
                    for name in sorted(_names_assigned((stmt,))):
                        self.values.setdefault(name, []).append((T.Hole(INT, stmt.loc), loops))

    def assigned(self, name: str) -> bool:
        return name in self.loop_vars or name in self.values


def _accumulated(name: str, value: T.Expr) -> tuple[str, T.Expr] | None:
    """`x + e`, `e + x` or `x - e` for the variable x: ("+" or "-", e); e must not read x."""
    match value:
        case T.Binary(op="+" | "-" as op, left=T.Local(name=left), right=e, type=t) if t is INT and left == name:
            pass
        case T.Binary(op="+" as op, left=e, right=T.Local(name=right), type=t) if t is INT and right == name:
            pass
        case _:
            return None
    if any(isinstance(n, T.Local) and n.name == name for n in T.walk(e)):
        return None
    return op, e


class Guard:
    """Emits, before a loop, the run-time proof that its overflow checks cannot fire.

    `load(name)` gives a local's current value; `bounds` are the loop's evaluated
    start, stop and step, `count` its trip count.
    """

    def __init__(self, builder: ir.IRBuilder, load: Callable[[str], ir.Value],
                 dim: Callable[[str, int], ir.Value] | None = None):
        self.b = builder
        self.load = load
        self.dim = dim  # the length of an axis of the array in a local (for bounds proofs)
        self.ok: ir.Value = ir.Constant(I1, 1)
        self.saw_full = False  # set by every full() interval: a bound resting on an unknown value
        self.context: dict[str, T.ForRange] = {}  # for variables read inside their own loop
        self.chain: tuple[T.ForRange, ...] = ()  # those loops, outermost first
        self.assignments: _Assignments | None = None  # set up by the first emit() or bounds()

    # ---- checked interval arithmetic -------------------------------------------------

    def _overflowing(self, name: str, a: ir.Value, c: ir.Value) -> ir.Value:
        module = self.b.module
        fn_name = f"llvm.{name}.with.overflow.i64"
        fn = module.globals.get(fn_name) or ir.Function(
            module, ir.FunctionType(ir.LiteralStructType([I64, I1]), [I64, I64]), fn_name)
        pair = self.b.call(fn, [a, c])
        self.ok = self.b.and_(self.ok, self.b.not_(self.b.extract_value(pair, 1)))
        return self.b.extract_value(pair, 0)

    def _min(self, *values):
        result = values[0]
        for v in values[1:]:
            result = self.b.select(self.b.icmp_signed("<", v, result), v, result)
        return result

    def _max(self, *values):
        result = values[0]
        for v in values[1:]:
            result = self.b.select(self.b.icmp_signed(">", v, result), v, result)
        return result

    def full(self) -> Interval:
        self.saw_full = True
        return ir.Constant(I64, INT_MIN), ir.Constant(I64, INT_MAX)

    def point(self, v: ir.Value) -> Interval:
        return v, v

    def hull(self, *intervals: Interval) -> Interval:
        return self._min(*(i[0] for i in intervals)), self._max(*(i[1] for i in intervals))

    def add(self, x: Interval, y: Interval) -> Interval:
        return self._overflowing("sadd", x[0], y[0]), self._overflowing("sadd", x[1], y[1])

    def sub(self, x: Interval, y: Interval) -> Interval:
        return self._overflowing("ssub", x[0], y[1]), self._overflowing("ssub", x[1], y[0])

    def mul(self, x: Interval, y: Interval) -> Interval:
        products = [self._overflowing("smul", a, c) for a in x for c in y]
        return self._min(*products), self._max(*products)

    def neg(self, x: Interval) -> Interval:
        zero = ir.Constant(I64, 0)
        return self._overflowing("ssub", zero, x[1]), self._overflowing("ssub", zero, x[0])

    # ---- the loop ---------------------------------------------------------------------

    def _setup(self, loop: T.ForRange, start: ir.Value, stop: ir.Value, count: ir.Value) -> None:
        if self.assignments is not None:
            return
        self.assignments = _Assignments(loop)
        self.memo: dict[str, tuple[Interval, ir.Value, bool]] = {}  # interval, its ok, rests on full()
        self.busy: set[str] = set()
        self.outer = loop
        self.outer_bounds = (start, stop)
        # the trip count is unsigned; beyond INT_MAX no bound below would hold
        self.count_ok = self.b.icmp_unsigned("<=", count, ir.Constant(I64, INT_MAX))
        self.trips: dict[int, tuple[Interval, ir.Value, bool]] = {id(loop): (self.point(count), self.count_ok, False)}
        self.ranges: dict[int, tuple[Interval, ir.Value, bool]] = {}
        self.dims: dict[tuple[str, int], ir.Value] = {}

    @property
    def _assignments(self) -> _Assignments:
        """Who assigns what in the loop being guarded."""
        assert self.assignments is not None, "emit() or bounds() sets it up first"
        return self.assignments

    def emit(self, loop: T.ForRange, start: ir.Value, stop: ir.Value, count: ir.Value) -> ir.Value:
        """Returns an i1: true when no overflow check in `loop` can fire."""
        self._setup(loop, start, stop, count)
        self.ok = self.b.and_(self.ok, self.count_ok)
        for node in T.walk((loop.body, loop.orelse)):
            if isinstance(node, T.ForRange):
                self.interval(node.start)
                self.interval(node.stop)
            elif _is_checked_op(node) or (isinstance(node, T.Binary) and node.op == "//"):
                self.interval(node)
        return self.ok

    def bounds(self, loop: T.ForRange, start: ir.Value, stop: ir.Value, count: ir.Value,
               accesses: list[tuple]) -> tuple[ir.Value, set[int]]:
        """An i1, true when every index of the proven accesses lies in [0, len) (so neither the
        check nor the wrap of a negative index is needed), and the ids of those accesses."""
        self._setup(loop, start, stop, count)
        b = self.b
        ok_all, proven = self.count_ok, set()
        zero = ir.Constant(I64, 0)
        for node, name, indices, context in accesses:
            saved_ok = self.ok
            self.ok, self.saw_full = ir.Constant(I1, 1), False
            self.context, self.chain = {loop.var: loop for loop in context}, context
            try:
                intervals = [self.interval(index) for index in indices]
            finally:
                access_ok, self.ok, self.context, self.chain = self.ok, saved_ok, {}, ()
            if self.saw_full:
                continue  # rests on an unbounded value: this access keeps its check
            for axis, (lo, hi) in enumerate(intervals):
                n = self.array_dim(name, axis)
                access_ok = b.and_(access_ok, b.and_(b.icmp_signed(">=", lo, zero), b.icmp_signed("<", hi, n)))
            ok_all = b.and_(ok_all, access_ok)
            proven.add(id(node))
        return ok_all, proven

    def array_dim(self, name: str, axis: int) -> ir.Value:
        """The length of an axis of the array in a local the loop does not assign (read once)."""
        if (name, axis) not in self.dims:
            assert self.dim is not None  # a guard that proves bounds is given `dim` (lower/arrays.py)
            self.dims[(name, axis)] = self.dim(name, axis)
        return self.dims[(name, axis)]

    def _memoized(self, table: dict, key, compute, chain: tuple = ()) -> Interval:
        """An interval computed once, with its own overflow condition and full() mark, which
        every later use takes on, in the context of the loops `chain` (not of the read that
        happened to ask first)."""
        known = table.get(key)
        if known is None:
            saved = self.ok, self.saw_full, self.context, self.chain
            self.ok, self.saw_full = ir.Constant(I1, 1), False
            self.context, self.chain = {loop.var: loop for loop in chain}, chain
            try:
                result = compute()
                known = table[key] = (result, self.ok, self.saw_full)
            finally:
                self.ok, self.saw_full, self.context, self.chain = saved
        interval, ok, full = known
        self.ok = self.b.and_(self.ok, ok)
        self.saw_full = self.saw_full or full
        return interval

    def trip_count(self, loop: T.ForRange) -> Interval:
        def compute():
            a, c = self.interval(loop.start), self.interval(loop.stop)
            zero = ir.Constant(I64, 0)
            span = self._max(zero, self._overflowing("ssub", c[1], a[0]), self._overflowing("ssub", a[1], c[0]))
            return zero, span

        return self._memoized(self.trips, id(loop), compute)

    def loop_range(self, loop: T.ForRange) -> Interval:
        """The values the variable of `loop` takes in its body: [start, stop - 1] for a positive
        literal step, [stop + 1, start] for a negative one, else between start and stop."""
        def compute():
            if loop is self.outer:
                a, c = self.point(self.outer_bounds[0]), self.point(self.outer_bounds[1])
            else:
                a, c = self.interval(loop.start), self.interval(loop.stop)
            one = ir.Constant(I64, 1)
            step = _int_literal(loop.step)
            if step is not None and step > 0:
                return a[0], self._overflowing("ssub", c[1], one)
            if step is not None and step < 0:
                return self._overflowing("sadd", c[0], one), a[1]
            return self.hull(a, c)

        # the bounds of an inner loop are read in the context of the loops around it
        return self._memoized(self.ranges, id(loop), compute, self.chain[:self.chain.index(loop)])

    def variable(self, name: str) -> Interval:
        if name in self.context:
            return self.loop_range(self.context[name])
        if not self._assignments.assigned(name):
            return self.point(self.load(name))  # the loop does not change it
        if name in self.busy:
            return self.full()  # depends on itself: no useful bound

        def compute():
            self.busy.add(name)
            try:
                return self._assigned_variable(name)
            finally:
                self.busy.discard(name)

        return self._memoized(self.memo, name, compute)

    def _assigned_variable(self, name: str) -> Interval:
        before = self.point(self.load(name))
        parts = [before]
        for loop in self._assignments.loop_vars.get(name, []):
            if loop is self.outer:
                parts.append(self.hull(self.point(self.outer_bounds[0]), self.point(self.outer_bounds[1])))
            else:
                parts.append(self.hull(self.interval(loop.start), self.interval(loop.stop)))
        values = self._assignments.values.get(name, [])
        accumulations = [(acc, loops) for v, loops in values if (acc := _accumulated(name, v)) is not None]
        # an accumulator: every assignment is one (and it is no loop's variable)
        if values and len(accumulations) == len(values) and name not in self._assignments.loop_vars:
            lo, hi = before
            zero = ir.Constant(I64, 0)
            for (op, e), loops in accumulations:
                step = self.interval(e)
                if op == "-":
                    step = self.neg(step)
                times = self.point(ir.Constant(I64, 1))
                for loop in loops:
                    times = self.mul(times, self.trip_count(loop))
                total = self.mul(times, step)
                lo = self._overflowing("sadd", lo, self._min(zero, total[0]))
                hi = self._overflowing("sadd", hi, self._max(zero, total[1]))
            return lo, hi
        for value, _ in values:
            parts.append(self.interval(value))
        return self.hull(*parts)

    def interval(self, node: T.Expr) -> Interval:
        """The interval of an int expression; other expressions are walked for their int parts."""
        b = self.b
        match node:
            case T.Literal(value=int() as value, type=t) if t in (INT, BOOL):
                return self.point(ir.Constant(I64, int(value)))
            case T.Local(name=name, type=t) if t is INT:
                return self.variable(name)
            case T.Convert(operand=operand, type=t) if t is INT and operand.type is BOOL:
                return ir.Constant(I64, 0), ir.Constant(I64, 1)
            case T.Unary(op="-", operand=operand, type=t) if t is INT:
                return self.neg(self.interval(operand))
            case T.Binary(op="+", left=left, right=right, type=t) if t is INT:
                return self.add(self.interval(left), self.interval(right))
            case T.Binary(op="-", left=left, right=right, type=t) if t is INT:
                return self.sub(self.interval(left), self.interval(right))
            case T.Binary(op="*", left=left, right=right, type=t) if t is INT:
                return self.mul(self.interval(left), self.interval(right))
            case T.Binary(op="**", left=left, right=T.Literal(value=int() as k)) if _literal_power(node):
                x, power = self.interval(left), self.point(ir.Constant(I64, 1))
                for _ in range(k):  # interval products: wider than x ** k's, never narrower
                    power = self.mul(power, x)
                return power
            case T.Binary(op="//", left=left, right=T.Literal(value=int() as d), type=t) if t is INT and d > 0:
                x = self.interval(left)
                # floor division by a positive constant is monotone
                return tuple(self._floordiv_positive(v, d) for v in x)
            case T.Binary(op="//", left=left, right=right, type=t) if t is INT:
                x, y = self.interval(left), self.interval(right)
                # the only overflow: MIN // -1
                minus_one = ir.Constant(I64, -1)
                divisor_may_be_minus_one = b.and_(b.icmp_signed("<=", y[0], minus_one),
                                                  b.icmp_signed(">=", y[1], minus_one))
                dividend_may_be_min = b.icmp_signed("==", x[0], ir.Constant(I64, INT_MIN))
                self.ok = b.and_(self.ok, b.not_(b.and_(divisor_may_be_minus_one, dividend_may_be_min)))
                return self.full()
            case T.Binary(op="%", left=left, right=T.Literal(value=int() as d), type=t) if t is INT and d > 0:
                self.interval(left)
                return ir.Constant(I64, 0), ir.Constant(I64, d - 1)
            case T.Intrinsic(name="abs", args=(arg,), type=t) if t is INT:
                x = self.interval(arg)
                negated = self.neg(x)
                return ir.Constant(I64, 0), self._max(x[1], negated[1])
            case T.Intrinsic(name="min" | "max" as name, args=args, type=t) if t is INT:
                xs = [self.interval(a) for a in args]
                pick = self._min if name == "min" else self._max
                return pick(*(x[0] for x in xs)), pick(*(x[1] for x in xs))
            case T.Conditional(test=test, body=body, orelse=orelse, type=t) if t is INT:
                self.interval(test)
                return self.hull(self.interval(body), self.interval(orelse))
            case T.Logical(values=values, type=t) if t is INT:
                return self.hull(*(self.interval(v) for v in values))
            case T.ArrayDim(array=T.Local(name=name), axis=axis) | \
                    T.TupleItem(value=T.ArrayShape(array=T.Local(name=name)), index=axis) \
                    if self.dim is not None and not self._assignments.assigned(name):
                if axis is not None:
                    return self.point(self.array_dim(name, axis))
                size = self.point(self.array_dim(name, 0))
                # a.size: only an ArrayDim has no axis
                assert isinstance(node, T.ArrayDim) and isinstance(node.array.type, Array)
                for axis in range(1, node.array.type.ndim):
                    size = self.mul(size, self.point(self.array_dim(name, axis)))
                return size
            case T.ArrayItem(array=array, type=t) if t is INT and _narrow_int(array.type):
                assert isinstance(array.type, Array)
                low, high = DTYPES[array.type.dtype].bounds  # an element of uint8 & co. (lower/elements.py)
                return ir.Constant(I64, low), ir.Constant(I64, high)
        # anything else (a call's result, a float converted to int, bitwise operations):
        # no bound is known. Its checked parts are proven separately by `emit`'s walk.
        return self.full()

    def _floordiv_positive(self, v: ir.Value, d: int) -> ir.Value:
        b = self.b
        divisor = ir.Constant(I64, d)
        q = b.sdiv(v, divisor)
        r = b.srem(v, divisor)
        return b.sub(q, b.zext(b.icmp_signed("<", r, ir.Constant(I64, 0)), I64))


def _narrow_int(t) -> bool:
    """An array of an integer dtype narrower than 64 bits, whose elements have known bounds."""
    return isinstance(t, Array) and DTYPES[t.dtype].kind == "int" and DTYPES[t.dtype].itemsize < 8
