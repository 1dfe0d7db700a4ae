"""The typed tree: what `check` produces and `lower` consumes.

Every expression knows its type, every implicit conversion is explicit, every name
is resolved::

    x = n + 0.5       ->   Assign(("x",), (Binary("+", Convert(Local("n", int), float),
                                                  Literal(0.5, float), float),))

Operands of `Binary` already have one common type, except where the operator
itself mixes them (int `/` int gives a float). `Compare` operands may mix int and
float: Python compares those exactly, and `lower` does too.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass

from jitcell.errors import Loc
from jitcell.loader.typenames import default_text

from .types import Type

# ---- expressions -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Literal:
    value: int | float | bool | str | complex
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class Local:
    name: str
    type: Type
    loc: Loc
    may_be_unbound: bool = False  # reading it checks at run time, like Python's UnboundLocalError


@dataclass(frozen=True, slots=True)
class Unary:
    op: str  # "-", "~", "not"
    operand: Expr
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class Binary:
    op: str
    left: Expr
    right: Expr
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class Compare:
    operands: tuple[Expr, ...]
    ops: tuple[str, ...]
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class Logical:
    op: str  # "and", "or": Python's value semantics, operands of one type
    values: tuple[Expr, ...]
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class Conditional:
    test: Expr
    body: Expr
    orelse: Expr
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class Convert:
    """int->float, bool->int, bool->float, float->int (checked), and any->bool (truthiness)."""

    operand: Expr
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class FunctionRef:
    """A cell function's name used as a value (check/callables.py): the address of its impl, or for a
    function of another cell the address its slot holds (lower/callables.py)."""

    function: str
    type: Type  # a types.Function
    loc: Loc
    external: bool = False


@dataclass(frozen=True, slots=True)
class CallValue:
    """A call through a function value (`f(x)`, f a `Callable[[float], float]` parameter or local):
    `args` positional, converted to the Callable's parameter types."""

    callee: Expr
    args: tuple[Expr, ...]
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class CallCell:
    """A call of a cell function: `args` in parameter order, defaults filled in.

    `order` lists the indices of `args` in the order the call wrote them, which is
    the order they are evaluated in: `f(b=g(), a=h())` evaluates g() first.
    `external`: a function of another cell, called through its slot (namespace.py).
    """

    function: str
    args: tuple[Expr, ...]
    order: tuple[int, ...]
    type: Type
    loc: Loc
    external: bool = False
    dispatch: tuple[str, ...] = ()  # a method call decided at run time: the function for each class number
    ext: int = 0  # a family holding classes of another cell: its numbers are the header's extension ones


@dataclass(frozen=True, slots=True)
class Intrinsic:
    """A builtin or math function: "abs", "min", "max", "math.sqrt", "math.floor", ..."""

    name: str
    args: tuple[Expr, ...]
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class FormatField:
    """A field of an f-string (and `str(x)`, which is f"{x}"): format(value, spec)."""

    value: Expr
    conversion: str | None  # "r", "s", "a"
    spec: str
    loc: Loc


@dataclass(frozen=True, slots=True)
class FString:
    parts: tuple[str | FormatField, ...]  # a str is literal text
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class StrOp:
    """An operation on str done by the runtime library or inline (check/str_methods.py,
    lower/strings.py): `s[i]` is StrOp("item", (s, i)), `s.find(sub)` StrOp("find", (s, sub, 0, end))."""

    op: str
    args: tuple[Expr, ...]
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class MakeTuple:
    items: tuple[Expr, ...]
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class TupleItem:
    value: Expr
    index: int
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class TupleIndex:
    """t[i] with i known at run time, for a tuple whose items all have one type (`DAYS[month]`)."""
    value: Expr
    index: Expr
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class TupleSlice:
    """t[a:b:c] with constant bounds: the items of t at `indices`, a new tuple."""
    value: Expr
    indices: tuple[int, ...]
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class Comprehension:
    """A list, set or dict comprehension: `body` makes the hidden local `result` and fills it
    (its loops are ordinary loop statements), then the expression's value is `result`."""

    body: tuple[Stmt, ...]
    result: Local
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class Hole:
    """The current value in `d[k] op= v` (and `a[i] op= v`): filled in by the statement."""

    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class DictNew:
    keys: tuple[Expr, ...]
    values: tuple[Expr, ...]
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class DictGet:
    """`d[key]` (KeyError when missing) or `d.get(key, default)`; mode "setdefault":
    `d.setdefault(key, default)`, "pop": `d.pop(key)`, `d.pop(key, default)`."""

    dict: Expr
    key: Expr
    default: Expr | None
    type: Type
    loc: Loc
    mode: str = "get"


@dataclass(frozen=True, slots=True)
class DictContains:
    key: Expr
    dict: Expr
    negate: bool
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class SetNew:
    """`{a, b}` or `set()`: a new set of these elements."""

    items: tuple[Expr, ...]
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class ListNew:
    """A list literal `[a, b]` (an empty one has no element type until it goes somewhere typed)."""

    items: tuple[Expr, ...]
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class SetOp:
    """An operation on sets (lower/sets.py): `op` is a method's name (`add`, `union`, `issubset`...),
    `contains`, `not_contains`, a comparison (`==` `!=` `<=` `<` `>=` `>`) or an in-place
    operator (`|=` `&=` `-=` `^=`, whose value is the left set itself). args[0] is the set."""

    op: str
    args: tuple[Expr, ...]
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class ListOp:
    """An operation on lists, its operands evaluated in order (check/lists.py lists them):
    item (l, i), len (l), contains (x, l), repeat (l, n), concat (a, b), range (start, stop, step),
    copy (l), dict_keys / dict_values / dict_items (d), append (l, x), extend (l, m),
    insert (l, i, x), pop (l[, i]), remove (l, x), index (l, x, start, stop), count (l, x),
    clear (l), reverse (l), repeat_in_place (l, n), sort (l, reverse), sorted (l, reverse).
    `key`: sort's key function called on a Hole standing for an item."""

    op: str
    args: tuple[Expr, ...]
    type: Type
    loc: Loc
    key: Expr | None = None


@dataclass(frozen=True, slots=True)
class Print:
    items: tuple[Expr | str, ...]  # a str is literal text
    sep: str
    end: str
    flush: bool
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class ArrayItem:
    """`a[i]`, `a[i, j]`: one index per axis (ints; negative ones count from the end)."""

    array: Expr
    indices: tuple[Expr, ...]
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class ElementValue:
    """A Python scalar about to be stored into an array of `dtype` (lower/elements.py), as NumPy
    takes it: an int outside the dtype's range raises OverflowError ("Python integer 300 out of
    bounds for uint8"); a float for float32 is rounded to float32 (the operand of `a[i] += x`)."""

    operand: Expr
    dtype: str
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class ArrayDim:
    """`len(a)` (axis 0), `a.shape[k]` (axis k) or `a.size` (axis None): an int."""

    array: Expr
    axis: int | None
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class ArrayShape:
    """`a.shape`: a tuple of ints."""

    array: Expr
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class ArrayNew:
    """`np.zeros(shape)`, `np.ones(...)`, `np.empty(...)`: `shape` is an int or a tuple of ints."""

    shape: Expr
    fill: str  # "zeros", "ones" or "empty"
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class Slice:
    """`start:stop:step` on one axis of an array view: each part an int, or None when omitted."""

    start: Expr | None
    stop: Expr | None
    step: Expr | None
    loc: Loc


@dataclass(frozen=True, slots=True)
class ArrayView:
    """`a[1:-1]`, `a[::-1, j]`, `a[i]` of a 2-D array: an array sharing a's memory. One part per
    axis indexed: an int drops its axis, a Slice keeps it; the axes after the parts are whole."""

    array: Expr
    parts: tuple[Expr | Slice, ...]
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class ArrayCopy:
    """`a.copy()`: a new C-order array with a's elements."""

    array: Expr
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class NumpyCall:
    """A NumPy function or array method beyond indexing (check/numpy_functions.py): "arange",
    "linspace", "full", "reshape", "ravel", "flatten", "transpose", "sum", "prod", "min", "max",
    "mean", "argmin", "argmax", "dot", "matmul". `args` start with the array (for array ones);
    `axis` is a reduction's axis (None: the whole array)."""

    function: str
    args: tuple[Expr, ...]
    axis: int | None
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class ElementOf:
    """In an ArrayMap's kernel: input `index`'s current element (a scalar input: its value)."""

    index: int
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class ElementOp:
    """One elementwise operation with NumPy's semantics ("+", "sqrt", "where", "cast"...): in an
    ArrayMap's kernel, or alone on scalars (`np.sqrt(x)`). check/array_exprs.py lists the ops.
    `dtype`: a narrower dtype than the type's own (uint8, float32) that the result wraps or rounds to."""

    op: str
    args: tuple[Expr, ...]
    type: Type
    loc: Loc
    dtype: str = ""


@dataclass(frozen=True, slots=True)
class ArrayMap:
    """An elementwise expression over whole arrays, fused: `inputs` (arrays and scalars) are
    evaluated once, in order, broadcast together, and `kernel` computes each element of a new
    array from ElementOf(k) nodes: `np.sqrt(a * a + b * b)` is one loop."""

    inputs: tuple[Expr, ...]
    kernel: Expr
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class ArrayMask:
    """`a[mask]`: the elements where the bool array `mask` (of a's shape) is True, a new 1-D array."""

    array: Expr
    mask: Expr
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class Global:
    """A module variable of a kernel cell (this one's or an earlier one's), read through its slot."""

    name: str
    type: Type
    loc: Loc


# ---- iterables: what `for` (and sum, min, max, any, all) walk; not values themselves --------------
# lower/iteration.py gives each one a cursor: its length if known, start, has-next, next item.


@dataclass(frozen=True, slots=True)
class RangeIter:
    """`range(start, stop, step)`, or `reversed(range(...))` (the same items, last first)."""

    start: Expr
    stop: Expr
    step: Expr
    reverse: bool
    type: Type  # of an item: int
    loc: Loc


@dataclass(frozen=True, slots=True)
class ArrayIter:
    """The elements of a 1-D array, or `reversed(a)`."""

    array: Expr
    reverse: bool
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class DictIter:
    """A dict, or its keys(), values() or items() (a tuple per item)."""

    dict: Expr
    mode: str  # "keys", "values" or "items"
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class SetIter:
    """The elements of a set, in the order they were added."""

    set: Expr
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class ListIter:
    """The items of a list, by index: its length read at each step, as CPython does (reversed: from
    the last, stopping at an index the list no longer has, as CPython's list_reverseiterator)."""

    list: Expr
    type: Type  # of an item
    loc: Loc
    reverse: bool = False


@dataclass(frozen=True, slots=True)
class StrIter:
    """The characters of a str, each a str of one character."""

    text: Expr
    type: Type  # of an item: str
    loc: Loc
    reverse: bool = False


@dataclass(frozen=True, slots=True)
class TupleIter:
    """The items of a tuple whose items have one type."""

    value: Expr
    type: Type
    loc: Loc
    reverse: bool = False


@dataclass(frozen=True, slots=True)
class EnumerateIter:
    """`enumerate(inner, start)`: (count, item) tuples."""

    inner: Iterable
    start: Expr
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class ZipIter:
    """`zip(a, b, ..., strict=...)`: a tuple of one item of each, until the shortest ends."""

    inners: tuple[Iterable, ...]
    strict: bool
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class GeneratorIter:
    """The values a call of a generator function yields (`call` has type Iterator[item])."""

    call: Expr
    type: Type
    loc: Loc


Iterable = (RangeIter | ArrayIter | StrIter | ListIter | DictIter | SetIter | TupleIter | EnumerateIter | ZipIter
            | GeneratorIter)


@dataclass(frozen=True, slots=True)
class ListFrom:
    """`list(it)` (and `sorted(it)`'s list) of an iterable that is not a list, dict or range: its
    items appended in order to a new list."""

    iterable: Iterable
    type: Type  # list[item]
    loc: Loc


@dataclass(frozen=True, slots=True)
class Reduce:
    """`sum(it, start)`, `min(it, key=f, default=d)`, `max(...)`, `any(it)`, `all(it)`.

    `key` calls a cell function on a Hole standing for the item."""

    op: str  # "sum", "min", "max", "any", "all"
    iterable: Iterable
    start: Expr | None  # sum's start, already of the result type
    key: Expr | None
    default: Expr | None
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class IterLength:
    """`len(range(...))`, `len(d.keys())`: the length of an iterable that knows it."""

    iterable: Iterable
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class ExceptionText:
    """str(e) of the exception an `except ... as e` clause caught: `handle` is the local (an int)
    holding its place on the thread's stack of handled exceptions (runtime/callbacks.py). `part`
    reads its args instead (check/exception_args.py): "args" str(e.args), "len" len(e.args) (an
    int), "item" str(e.args[index]), "item_repr" its repr, "str_item" e.args[index], which must be
    a str."""
    handle: str
    type: Type
    loc: Loc
    part: str = "str"
    index: Expr | None = None


@dataclass(frozen=True, slots=True)
class NoneValue:
    """`None`: of type None, or (where a `T | None` receives it) the None of that type."""

    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class Wrap:
    """A value of T where a `T | None` goes (check/optional.py)."""

    value: Expr
    type: Type  # the Optional
    loc: Loc


@dataclass(frozen=True, slots=True)
class Unwrap:
    """The value of a `T | None` that the checker has proved is not None (narrowing), or, with
    `attribute`, an instance whose attribute is read, assigned or called unproved: None raises
    Python's AttributeError naming the attribute (check/optional.py's `none_checked`)."""

    value: Expr
    type: Type  # the inner T
    loc: Loc
    attribute: str = ""


@dataclass(frozen=True, slots=True)
class IsNone:
    """`value is None` (`is not None` when `negate`), for a value of any type."""

    value: Expr
    negate: bool
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class New:
    """A new instance (check/classes.py): `words` fields, zero but for `defaults` (field index, value);
    bit k of `mask` set: field k is an object the instance owns (lower/classes.py)."""

    type: Type
    words: int
    mask: int
    defaults: tuple[tuple[int, Expr], ...]
    loc: Loc
    tag: int = 0  # its class's number in its family of classes (check/inheritance.py)


@dataclass(frozen=True, slots=True)
class AsClass:
    """The same object seen as another class of its family: its base's (where a base is declared, or
    `| None`), or a subclass's where isinstance() proved it (check/inheritance.py)."""

    value: Expr
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class ClassTest:
    """isinstance(value, C) decided at run time: is the number of value's class in one of `ranges`
    (each class's subclasses follow it, check/inheritance.py)? `none`: the result for None."""

    value: Expr
    ranges: tuple[tuple[int, int], ...]
    none: bool
    type: Type
    loc: Loc
    ext: int = 0  # as CallCell's


@dataclass(frozen=True, slots=True)
class GetField:
    """`obj.name`: field `index` of an instance."""

    obj: Expr
    index: int
    name: str
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class Chain:
    """Operands evaluated once each, in order, and tests between neighbours (check/special_dispatch.py):
    `a < b < c` of instances, `a == b` where b's class may derive from a's. `links[i]` is a bool over
    Slot(i) and Slot(i + 1); the first false link ends the chain (later operands are not evaluated).
    A single link may read every operand and have any type (`bool(s)` by the class of s)."""

    operands: tuple[Expr, ...]
    links: tuple[Expr, ...]
    type: Type
    loc: Loc


@dataclass(frozen=True, slots=True)
class Slot:
    """Operand `index` of the innermost Chain, as its link reads it."""

    index: int
    type: Type
    loc: Loc


Expr = (Literal | Local | ExceptionText | Unary | Binary | Compare | Logical | Conditional | Convert | CallCell
        | FunctionRef | CallValue
        | Intrinsic | Print | FString | MakeTuple | TupleItem | TupleIndex | TupleSlice | Comprehension | Hole | DictNew
        | DictGet
        | DictContains | SetNew | SetOp | ArrayItem | ArrayDim | ArrayShape | ArrayNew | ArrayView | ArrayCopy | Global
        | ElementValue | ElementOf | ElementOp | ArrayMap | ArrayMask | NumpyCall
        | StrOp | Reduce | IterLength | ListNew | ListOp | ListFrom | NoneValue | Wrap | Unwrap | IsNone
        | New | GetField | AsClass | ClassTest | Chain | Slot)

# ---- statements --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Assign:
    names: tuple[str, ...]
    values: tuple[Expr, ...]  # all evaluated before any name is bound
    loc: Loc


@dataclass(frozen=True, slots=True)
class Unpack:
    """`a, b = value` where value is a tuple: evaluated once, its items bound in order."""

    names: tuple[str, ...]
    value: Expr
    loc: Loc


@dataclass(frozen=True, slots=True)
class Pattern:
    """Where a value goes: a statement storing a Hole that stands for it (`x = `, `a[i] = `,
    a module variable), or, for a tuple target, one pattern per item, filled left to right."""

    type: Type  # of the value it receives
    store: Stmt | None
    items: tuple[Pattern, ...] = ()
    unpacking: Unpacking | None = None  # how the items come out of a value that is not a plain tuple


@dataclass(frozen=True, slots=True)
class Unpacking:
    """A tuple target over a list, a str, an array, or with a starred target (check/unpacking.py):
    one expression per item reading a Hole that stands for the value (`v[0]`, `v[-1]`, `v[1:-1]`),
    all evaluated before any target is filled, as CPython does; `length` (`len(v)`), when not None,
    is checked first against `expected` (at least that many with a starred target)."""

    parts: tuple[Expr, ...]
    length: Expr | None
    expected: int
    starred: bool


@dataclass(frozen=True, slots=True)
class Destructure:
    """`a = b = v`, `a[i], a[j] = a[j], a[i]`: v evaluated once, then each target filled in order."""

    targets: tuple[Pattern, ...]
    value: Expr
    loc: Loc


@dataclass(frozen=True, slots=True)
class ForEach:
    """`for target in iterable`, for every iterable the simple loops (ForRange, ForArray, ForDict)
    do not take: enumerate, zip, reversed, tuples, nested targets."""

    target: Pattern
    iterable: Iterable
    body: tuple[Stmt, ...]
    orelse: tuple[Stmt, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class DictSet:
    """`d[k] = v`: v is evaluated first, then d and k, as in Python."""

    dict: Expr
    key: Expr
    value: Expr
    loc: Loc


@dataclass(frozen=True, slots=True)
class DictUpdate:
    """`d[key] op= value`: `value` is the new value, computed from a Hole standing for the old."""

    dict: Expr
    key: Expr
    value: Expr
    loc: Loc


@dataclass(frozen=True, slots=True)
class DictDelete:
    dict: Expr
    key: Expr
    loc: Loc


@dataclass(frozen=True, slots=True)
class ForDict:
    """`for k in d`, `for v in d.values()`, `for k, v in d.items()`, in insertion order."""

    names: tuple[str, ...]
    dict: Expr
    mode: str  # "keys", "values" or "items"
    body: tuple[Stmt, ...]
    orelse: tuple[Stmt, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class ListSet:
    """`l[i] = v`: v is evaluated first, then l and i, as in Python."""

    list: Expr
    index: Expr
    value: Expr
    loc: Loc


@dataclass(frozen=True, slots=True)
class ListUpdate:
    """`l[i] op= value`: `value` is the new item, computed from a Hole standing for the old."""

    list: Expr
    index: Expr
    value: Expr
    loc: Loc


@dataclass(frozen=True, slots=True)
class ListDelete:
    list: Expr
    index: Expr
    loc: Loc


@dataclass(frozen=True, slots=True)
class ForList:
    """`for x in l` (or `for a, b in l` over tuples): by index, reading the length at each step, so
    items appended in the loop are visited, as in Python. Any iterable lowered to a list can use it."""

    names: tuple[str, ...]
    list: Expr
    body: tuple[Stmt, ...]
    orelse: tuple[Stmt, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class If:
    test: Expr
    body: tuple[Stmt, ...]
    orelse: tuple[Stmt, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class While:
    test: Expr
    body: tuple[Stmt, ...]
    orelse: tuple[Stmt, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class ForRange:
    var: str
    start: Expr
    stop: Expr
    step: Expr
    body: tuple[Stmt, ...]
    orelse: tuple[Stmt, ...]
    loc: Loc
    parallel: bool = False  # `prange` under parallel=True: its iterations run on threads (lower/parallel.py)


@dataclass(frozen=True, slots=True)
class Break:
    loc: Loc


@dataclass(frozen=True, slots=True)
class Continue:
    loc: Loc


@dataclass(frozen=True, slots=True)
class Return:
    value: Expr | None
    loc: Loc


@dataclass(frozen=True, slots=True)
class Yield:
    """`yield value` in a generator function: hands the value to the loop walking it and waits."""

    value: Expr
    loc: Loc


@dataclass(frozen=True, slots=True)
class Assert:
    test: Expr
    msg: Expr | str | None
    loc: Loc


@dataclass(frozen=True, slots=True)
class Raise:
    """`raise E(args)` (cls set; a bare `raise E` has no args), or the re-raise of a handled
    exception (`raise` in a handler, `raise e`): `handle` is the handler's local. `cause`:
    the handle of `from e`, "None" for `from None`, None without `from`."""
    cls: str | None
    args: tuple[Expr, ...]
    handle: str | None
    cause: str | None
    loc: Loc


@dataclass(frozen=True, slots=True)
class Handler:
    """One except clause: the builtin classes it catches (("BaseException",) for a bare `except:`);
    `handle` is the local (int) that the catch stores the exception's place in."""
    classes: tuple[str, ...]
    handle: str
    body: tuple[Stmt, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class Try:
    body: tuple[Stmt, ...]
    handlers: tuple[Handler, ...]
    orelse: tuple[Stmt, ...]
    finalbody: tuple[Stmt, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class Eval:
    expr: Expr
    loc: Loc


@dataclass(frozen=True, slots=True)
class ArraySet:
    """`a[i, j] = value`: value is evaluated first, then the array and the indices."""

    array: Expr
    indices: tuple[Expr, ...]
    value: Expr
    loc: Loc


@dataclass(frozen=True, slots=True)
class ArrayUpdate:
    """`a[i] op= value`: `value` is the new element, computed from a Hole standing for the old."""

    array: Expr
    indices: tuple[Expr, ...]
    value: Expr
    loc: Loc


@dataclass(frozen=True, slots=True)
class ArrayAssign:
    """`a[1:-1] = value`: every element of the view `target` set from an array (broadcast as
    NumPy does, copied first where it overlaps the target) or from a scalar. value is evaluated
    first, then the view."""

    target: ArrayView
    value: Expr
    loc: Loc


@dataclass(frozen=True, slots=True)
class ArrayInPlace:
    """`a op= value` on a whole array or view: `update` is an ArrayMap whose input 0 is the target
    itself, computed into the target's memory (inputs overlapping it are copied first, as NumPy)."""

    target: Expr
    update: ArrayMap
    loc: Loc


@dataclass(frozen=True, slots=True)
class ArrayMaskSet:
    """`a[mask] = value`: a scalar into every selected element, or an array's elements in order."""

    array: Expr
    mask: Expr
    value: Expr
    loc: Loc


@dataclass(frozen=True, slots=True)
class ForArray:
    """`for x in a` over a 1-D array: the elements in order (the array is evaluated once)."""

    var: str
    array: Expr
    body: tuple[Stmt, ...]
    orelse: tuple[Stmt, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class ForStr:
    """`for c in s`: c is each character of s in turn (s is evaluated once)."""

    var: str
    text: Expr
    body: tuple[Stmt, ...]
    orelse: tuple[Stmt, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class SetGlobal:
    """`total = value` where total is a module variable (at a cell's top level, or after `global`)."""

    name: str
    value: Expr  # of the variable's type
    loc: Loc


@dataclass(frozen=True, slots=True)
class SetField:
    """`obj.name = value`; `update`: `obj.name op= value`, where a Hole in value stands for the old value
    (obj evaluated once). value is evaluated after obj, as Python does."""

    obj: Expr
    index: int
    name: str
    value: Expr
    update: bool
    loc: Loc


Stmt = (Assign | Unpack | Destructure | ForEach | If | While | ForRange | Break | Continue | Return | Assert | Eval
        | Raise | Try
        | DictSet | DictUpdate | DictDelete | ForDict | ArraySet | ArrayUpdate | ArrayAssign | ForArray | ForStr
        | ArrayInPlace | ArrayMaskSet
        | SetGlobal | ListSet | ListUpdate | ListDelete | ForList | Yield | SetField)

# ---- functions ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Signature:
    params: tuple[tuple[str, Type], ...]
    returns: Type
    defaults: tuple[int | float | bool | str | tuple | None, ...] = ()  # for the last len(defaults) params
    keyword_only: int = 0  # the last keyword_only params come after `*`

    def __str__(self) -> str:
        parts = []
        first_default = len(self.params) - len(self.defaults)
        for i, (name, t) in enumerate(self.params):
            text = f"{name}: {t}"
            if i >= first_default:
                text += f" = {default_text(self.defaults[i - first_default])}"
            if i == len(self.params) - self.keyword_only:
                parts.append("*")
            parts.append(text)
        return f"({', '.join(parts)}) -> {self.returns}"


@dataclass(frozen=True, slots=True)
class Function:
    name: str
    signature: Signature
    locals: dict[str, Type] = field(hash=False)
    body: tuple[Stmt, ...]
    docstring: str | None
    loc: Loc


@dataclass(frozen=True, slots=True)
class Program:
    functions: tuple[Function, ...]
    variables: dict[str, Type] = field(default_factory=dict, hash=False)  # declared by this cell
    classes: dict[str, dict] = field(default_factory=dict, hash=False)  # name -> {fields: [[f, type]], static}


def walk(node):
    """Every node under `node` (a node, or a tuple or list of them), `node` included, depth first,
    with the values of their fields (names, operators, types: not what is inside a type)."""
    stack = [node]
    children = _CHILDREN
    while stack:
        item = stack.pop()
        yield item
        kind = type(item)
        names = children.get(kind)
        if names is None:
            names = children[kind] = _child_fields(kind)
        if names:
            stack.extend([getattr(item, name) for name in names])
        elif isinstance(item, (tuple, list)):
            stack.extend(item)


def _child_fields(kind: type) -> tuple[str, ...]:
    """The fields walk visits in a node of class `kind`: all of a tree node's, none of a type's or a
    leaf's (tuples and lists are walked by walk itself). Once per class: `fields()` is slow."""
    if not is_dataclass(kind) or issubclass(kind, Type):
        return ()
    return tuple(f.name for f in fields(kind))


_CHILDREN: dict[type, tuple[str, ...]] = {}
