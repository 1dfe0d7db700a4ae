"""What a prange loop shares with its function, and what it may do (check and lower both ask).

    s = 0.0
    for i in prange(n):          captured: a (read only: passed by value, an array borrowed)
        t = a[i] * 2.0           private: t (each thread its own; not used outside the loop)
        s += t                   reduction: s, "+" (each chunk a partial, combined in chunk order)
        out[i] = t               writes to distinct array elements: fine

Under `parallel=True` the body runs on several threads at once (lower/parallel.py), so it may not
touch what threads share without a lock: reference counts (they are not atomic), a captured name
it assigns (other than a reduction), Python objects. `problems` reports each such construct as a
CompileError; what remains is scalar code over captured scalars and array elements, calls of
this cell's functions that are themselves such code, and errors (raised through the callbacks,
which take the GIL).
"""

from __future__ import annotations

from dataclasses import dataclass

from jitcell.errors import Diagnostic, Loc

from . import typed as T
from .types import FLOAT, INT, STR, Array, Generator, Type, has_heap_parts

__all__ = ["Reduction", "Plan", "plan", "problems", "parallel_loops", "REDUCTION_OPS"]

REDUCTION_OPS = ("+", "*", "min", "max")
_WHY = "under parallel=True the iterations run on several threads at once"


@dataclass(frozen=True, slots=True)
class Reduction:
    """`name op= x` (or `name = min(name, x)`) in the body: `op` one of REDUCTION_OPS."""

    name: str
    op: str
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class Plan:
    loop: T.ForRange
    captured: tuple[tuple[str, Type], ...]  # read in the body, bound outside it: passed in, never written
    reductions: tuple[Reduction, ...]
    private: tuple[str, ...]  # assigned in the body (the loop variable too): each thread its own


def parallel_loops(body: tuple[T.Stmt, ...]) -> list[T.ForRange]:
    """The outermost prange loops of a body (a prange inside one runs serially, as in Numba)."""
    found: list[T.ForRange] = []

    def visit(stmts) -> None:
        for node in T.walk(stmts):
            if isinstance(node, T.ForRange) and node.parallel and not any(_inside(node, f) for f in found):
                found.append(node)

    visit(body)
    return found


def _inside(node: T.ForRange, loop: T.ForRange) -> bool:
    return any(n is node for n in T.walk(loop.body))


def _assigned(stmts) -> dict[str, int]:
    """How many statements assign each name (loop variables included)."""
    counts: dict[str, int] = {}
    for n in T.walk(stmts):
        names: tuple[str, ...] = ()
        if isinstance(n, (T.Assign, T.Unpack, T.ForList)):
            names = n.names
        elif isinstance(n, (T.ForRange, T.ForArray, T.ForStr)):
            names = (n.var,)
        elif isinstance(n, T.Handler):
            names = (n.handle,)
        for name in names:
            counts[name] = counts.get(name, 0) + 1
    return counts


def _reads(stmts) -> dict[str, int]:
    counts: dict[str, int] = {}
    for n in T.walk(stmts):
        if isinstance(n, T.Local):
            counts[n.name] = counts.get(n.name, 0) + 1
    return counts


def _update(stmt: object) -> tuple[str, str, T.Expr] | None:
    """(name, op, x) if `stmt` is a reduction's update: s = s + x, s = x * s, s = min(s, x)..."""
    if not isinstance(stmt, T.Assign) or len(stmt.names) != 1:
        return None
    (name,), (value,) = stmt.names, stmt.values
    if isinstance(value, T.Binary) and value.op in ("+", "*"):
        operands = (value.left, value.right)
    elif isinstance(value, T.Intrinsic) and value.name in ("min", "max") and len(value.args) == 2:
        operands = value.args
    else:
        return None
    op = value.op if isinstance(value, T.Binary) else value.name
    for k in (0, 1):
        own, other = operands[k], operands[1 - k]
        if isinstance(own, T.Local) and own.name == name and name not in _reads(other):
            return name, op, other
    return None


def plan(fn: T.Function, loop: T.ForRange) -> Plan:
    body = loop.body
    assigned, reads = _assigned(body), _reads(body)
    updates: dict[str, list[tuple[str, Loc]]] = {}
    for n in T.walk(body):
        found = _update(n)
        if found is not None:
            updates.setdefault(found[0], []).append((found[1], n.loc))
    reductions = []
    for name, ops in updates.items():
        t = fn.locals.get(name)
        if t in (INT, FLOAT) and name != loop.var and len({op for op, _ in ops}) == 1 and \
                assigned.get(name) == len(ops) and reads.get(name) == len(ops):
            reductions.append(Reduction(name, ops[0][0], t, ops[0][1]))
    reduced = {r.name for r in reductions}
    private = tuple(sorted(set(assigned) - reduced | {loop.var}))
    captured = tuple((name, fn.locals[name]) for name in sorted(set(reads) - set(assigned)))
    return Plan(loop, captured, tuple(reductions), private)


def problems(functions: tuple[T.Function, ...]) -> list[Diagnostic]:
    """Every construct a prange loop may not run on several threads, with where it is."""
    by_name = {f.name: f for f in functions}
    found: list[Diagnostic] = []
    for fn in functions:
        if isinstance(fn.signature.returns, Generator):
            continue  # its prange loops run serially (lower/parallel.py): it may resume on any thread
        for loop in parallel_loops(fn.body):
            found.extend(_loop_problems(fn, loop, by_name))
    return found


def _loop_problems(fn: T.Function, loop: T.ForRange, functions: dict[str, T.Function]) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    p = plan(fn, loop)
    if loop.orelse:
        found.append(Diagnostic("a prange loop cannot have an else clause", loop.loc))
    outside_reads, outside_assigned = _reads(fn.body), _assigned(fn.body)
    inside_reads, inside_assigned = _reads(loop.body), _assigned(loop.body)
    params = {name for name, _ in fn.signature.params}
    for name in p.private:
        if name == loop.var:
            continue
        # another prange loop that assigns it has its own too: those uses are not this loop's business
        elsewhere = [other.body for other in parallel_loops(fn.body)
                     if other is not loop and name in _assigned(other.body)]
        reads_elsewhere, assigned_elsewhere = _reads(elsewhere), _assigned(elsewhere)
        used_outside = name in params or \
            outside_reads.get(name, 0) > inside_reads.get(name, 0) + reads_elsewhere.get(name, 0) or \
            outside_assigned.get(name, 0) > inside_assigned.get(name, 0) + assigned_elsewhere.get(name, 0)
        if used_outside:
            found.append(Diagnostic(
                f"the prange loop assigns '{name}', which the function also uses outside the loop: {_WHY}, and "
                f"only a reduction (s += x, s *= x, s = min(s, x), s = max(s, x) on an int or float) may "
                f"assign a variable of the function; inside the loop use a name of its own", _first_assign(loop, name)))
    var_reads_outside = _reads_outside_own_loops(fn.body, loop.var, loop)
    if var_reads_outside is not None:
        found.append(Diagnostic(f"'{loop.var}' is read outside the prange loop that assigns it: each thread has "
                                "its own, so after the loop it has no value (name another variable)",
                                var_reads_outside))
    for name, t in p.captured:
        if has_heap_parts(t) and not isinstance(t, Array):
            found.append(Diagnostic(f"a prange loop cannot read '{name}' ({t}): {_WHY}, and such values are "
                                    "reference counted, which is not thread-safe (numbers, tuples of them and "
                                    "NumPy arrays can be read)", loop.loc))
    for r in p.reductions:
        if r.name in params or outside_assigned.get(r.name, 0) > inside_assigned.get(r.name, 0):
            continue
        found.append(Diagnostic(f"the reduction variable '{r.name}' needs a value before the prange loop", r.loc))
    found.extend(_body_problems(loop.body, functions, top=True))
    return found


def _first_assign(loop: T.ForRange, name: str) -> Loc:
    for n in T.walk(loop.body):
        if isinstance(n, (T.Assign, T.Unpack, T.ForList)) and name in n.names or \
                isinstance(n, (T.ForRange, T.ForArray, T.ForStr)) and n.var == name:
            return n.loc
    return loop.loc


def _reads_outside_own_loops(stmts, name: str, skip: T.ForRange) -> Loc | None:
    """Where `name` is read outside `skip` and outside every loop that rebinds it, if anywhere."""
    for n in stmts if isinstance(stmts, tuple) else (stmts,):
        if n is skip or isinstance(n, (T.ForRange, T.ForArray, T.ForStr)) and n.var == name:
            if n is not skip:
                for e in (getattr(n, f) for f in ("start", "stop", "step", "array", "text") if hasattr(n, f)):
                    if name in _reads(e):
                        return n.loc
            continue
        nested = [getattr(n, f) for f in ("body", "orelse", "finalbody") if isinstance(getattr(n, f, None), tuple)]
        nested += [h.body for h in getattr(n, "handlers", ())]
        if nested:
            for field in type(n).__dataclass_fields__:
                value = getattr(n, field)
                if field not in ("body", "orelse", "finalbody", "handlers") and name in _reads(value):
                    return n.loc
            for block in nested:
                where = _reads_outside_own_loops(block, name, skip)
                if where is not None:
                    return where
        elif name in _reads(n):
            return n.loc
    return None


_STATEMENTS = (T.Assign, T.If, T.While, T.ForRange, T.Continue, T.Break, T.Eval, T.ArraySet, T.ArrayUpdate,
               T.Assert, T.Raise)
_EXPRESSIONS = (T.Literal, T.Local, T.Unary, T.Binary, T.Compare, T.Logical, T.Conditional, T.Convert, T.Intrinsic,
                T.ArrayItem, T.ArrayDim, T.ArrayShape, T.Hole, T.CallCell, T.ElementValue, T.MakeTuple, T.TupleItem,
                T.TupleIndex, T.Reduce, T.IterLength, T.RangeIter, T.NoneValue, T.Wrap, T.Unwrap, T.IsNone)


def _body_problems(body, functions: dict[str, T.Function], top: bool, in_function: bool = False,
                   seen: set[str] | None = None) -> list[Diagnostic]:
    """The constructs of a prange body (or of a function it calls) that threads cannot share."""
    seen = set() if seen is None else seen
    found: list[Diagnostic] = []
    borrowed = {id(n.array) for n in T.walk(body)
                if isinstance(n, (T.ArrayItem, T.ArrayDim, T.ArrayShape, T.ArraySet, T.ArrayUpdate))
                and isinstance(n.array, T.Local)}
    raise_args = {id(a) for n in T.walk(body) if isinstance(n, T.Raise) for a in n.args}
    where = "a function a prange loop calls" if in_function else "a prange loop"
    for n in T.walk(body):
        if isinstance(n, (tuple, list)) or not hasattr(n, "loc"):
            continue
        loc = n.loc
        if isinstance(n, T.Print):
            found.append(Diagnostic(f"print() in {where} is not supported: {_WHY}; print after the loop", loc))
        elif isinstance(n, T.Return) and not in_function:
            found.append(Diagnostic(f"return in a prange loop is not supported: {_WHY}", loc))
        elif isinstance(n, T.Return) and (n.value is None or not has_heap_parts(n.value.type)):
            continue
        elif isinstance(n, T.Break) and top and _breaks_prange(body, n):
            found.append(Diagnostic(f"break out of a prange loop is not supported: {_WHY}", loc))
        elif isinstance(n, T.CallCell):
            problem = _callee_problem(n, functions, seen)
            if problem is not None:
                found.append(Diagnostic(problem, loc))
        elif isinstance(n, T.Local) and isinstance(n.type, Array):
            if id(n) not in borrowed:
                found.append(Diagnostic(f"the array '{n.name}' can be used in {where} only as a[i], a[i] = x, "
                                        f"a[i] += x, len(a) or a.shape[k]: {_WHY}, and other uses count "
                                        "references, which is not thread-safe", loc))
        elif isinstance(n, T.Literal) and n.type is STR and id(n) in raise_args:
            continue
        elif isinstance(getattr(n, "type", None), Type) and has_heap_parts(n.type):
            found.append(Diagnostic(f"a value of type {n.type} in {where} is not supported: {_WHY}, and such "
                                    "values are reference counted, which is not thread-safe", loc))
        elif isinstance(n, _EXPRESSIONS):
            continue
        elif not isinstance(n, _STATEMENTS) and not (in_function and isinstance(n, T.Return)):
            found.append(Diagnostic(f"{_describe(n)} in {where} is not supported: {_WHY}, and only scalar code, "
                                    "array elements and calls of such functions of the cell are thread-safe", loc))
    return found


def _describe(node: object) -> str:
    names = {"Try": "a try statement", "ForEach": "this for loop (prange bodies loop over range() only)",
             "ForArray": "a for loop over an array", "ForList": "a for loop over a list",
             "ForStr": "a for loop over a str",
             "ForDict": "a for loop over a dict", "Yield": "yield", "FString": "an f-string",
             "ArrayAssign": "assigning a slice", "ArrayInPlace": "an array operation in place",
             "SetGlobal": "assigning a module variable", "Unpack": "unpacking a tuple"}
    kind = type(node).__name__
    return names.get(kind, f"this construct ({kind})")


def _breaks_prange(body, brk: T.Break) -> bool:
    """Is `brk` a break of the prange loop itself (not of a loop inside it)?"""
    for n in T.walk(body):
        if isinstance(n, (T.ForRange, T.While)) and any(m is brk for m in T.walk(n.body)):
            return False
    return True


def _callee_problem(call: T.CallCell, functions: dict[str, T.Function], seen: set[str]) -> str | None:
    name = call.function
    if call.external or name not in functions:
        return f"{name}() is a function of another cell: a prange loop calls only functions of its own cell"
    if name in seen:
        return None
    seen.add(name)
    fn = functions[name]
    for pname, t in fn.signature.params:
        if has_heap_parts(t):
            return (f"{name}() takes '{pname}' of type {t}: a prange loop calls only functions of numbers "
                    f"and tuples of them ({_WHY}, and {t} is reference counted)")
    if has_heap_parts(fn.signature.returns) or isinstance(fn.signature.returns, Generator):
        return f"{name}() returns {fn.signature.returns}: a prange loop calls only functions that return a number"
    inner = _body_problems(fn.body, functions, top=False, in_function=True, seen=seen)
    if inner:
        return f"{name}() cannot run in a prange loop: {inner[0].message} (line {inner[0].loc.line})"
    return None
