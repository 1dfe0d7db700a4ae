"""How a list holds its items, and the item comparisons the runtime calls back (lower/lists.py).

    list[tuple[int, str]]     an item is 2 words: the int, the str's address (object mask 0b10)
    list[complex]             an item is 2 words: the real part's bits, the imaginary part's
    jitcell.list.eq.int       i64 (i64 a, i64 b, i64 0): the ints at addresses a and b are equal
    jitcell.list.order.str    i64 (i64 a, i64 b, i64 op): a <op> b, op 0-3 for <, <=, >, >=
    jitcell.list.less.str     i64 (i64 a, i64 b, i64 0): a < b, the order with op folded (for sorts)

An item is stored as words (runtime/source.py): an int, a float's bits, an object's
address, a tuple's items flattened (a bool among them: a word 0/1). A list[bool]'s item is
one byte 0/1 (item_size 1, the list's word 5): a sieve over a million flags walks 1 MB, not
8 (as Numba's and NumPy's bools). Item words are loaded and stored with the TBAA
tag "list item" (aliasing.py): no store to an item can change a list's length or items
address. Comparisons follow Python: floats compare ordered (NaN is unequal to everything),
tuples and lists item by item, the first items that differ deciding an order. They are
generated once per cell and element type, and reached by the runtime's searches,
comparisons and sort through their addresses.
"""

from __future__ import annotations

from llvmlite import ir

from jitcell.compiler.types import BOOL, COMPLEX, FLOAT, INT, STR, Dict, List, Optional, Set, Tuple, Type, is_heap

from .aliasing import tagged
from .arith import I1, I8, I64, i64, llvm_type
from .host import ModuleHost

__all__ = ["item_words", "item_size", "object_mask", "store_item", "load_item", "comparison", "has_objects",
           "order_values", "equal_values"]

_PTR = ir.PointerType()


def item_words(t: Type) -> int:
    """The words an item of t takes inside a tuple item (and in scratch memory for searches)."""
    return sum(item_words(i) for i in t.items) if isinstance(t, Tuple) else 2 if t is COMPLEX else 1


def item_size(t: Type) -> int:
    """The bytes an item of a list[t] takes (the list's word 5): 1 for a bool, else its words."""
    return 1 if t is BOOL else 8 * item_words(t)


def object_mask(t: Type) -> int:
    """Bit k set: word k of an item is an object the list owns."""
    if not isinstance(t, Tuple):
        return 1 if is_heap(t) or isinstance(t, Optional) and is_heap(t.inner) else 0  # null (None) owns nothing
    mask, at = 0, 0
    for item in t.items:
        mask |= object_mask(item) << at
        at += item_words(item)
    return mask


# ---- items in memory -----------------------------------------------------------------------


def store_item(b: ir.IRBuilder, at: ir.Value, value: ir.Value, t: Type, part: bool = False) -> None:
    """Store an item's value at `at` (a pointer): item_size(t) bytes (`part`: a tuple item's, words)."""
    if isinstance(t, Tuple):
        offset = 0
        for i, item in enumerate(t.items):
            store_item(b, b.gep(at, [i64(8 * offset)], source_etype=I8), b.extract_value(value, i), item, True)
            offset += item_words(item)
        return
    if t is BOOL:
        value = b.zext(value, I64 if part else I8)
    tagged(b, b.store(value, at), "list item")


def load_item(b: ir.IRBuilder, at: ir.Value, t: Type, part: bool = False) -> ir.Value:
    """The item's value at `at` (borrowed: its objects are not retained)."""
    if isinstance(t, Tuple):
        whole = ir.Constant(llvm_type(t), None)
        offset = 0
        for i, item in enumerate(t.items):
            whole = b.insert_value(whole, load_item(b, b.gep(at, [i64(8 * offset)], source_etype=I8), item, True), i)
            offset += item_words(item)
        return whole
    if t is BOOL:
        return b.icmp_signed("!=", tagged(b, b.load(at, typ=I64 if part else I8), "list item"),
                             ir.Constant(I64 if part else I8, 0))
    return tagged(b, b.load(at, typ=llvm_type(t)), "list item")


# ---- the item comparisons the runtime calls back ---------------------------------------------


def comparison(owner: ModuleHost, kind: str, t: Type) -> ir.Function:
    """`i64 jitcell.list.<kind>.<t>(i64 a, i64 b, i64 op)`: a == b (kind "eq"), a <op> b (kind
    "order", op 0-3: <, <=, >, >=), or a < b (kind "less", op ignored: the sort's comparison, with
    no choice among operators left in it) for the items at addresses a and b, as Python compares them."""
    module = owner.module
    symbol = f"jitcell.list.{kind}.{t}"
    fn = module.globals.get(symbol)
    if fn is not None:
        return fn
    fn = ir.Function(module, ir.FunctionType(I64, [I64, I64, I64]), symbol)
    fn.linkage = "internal"
    b = ir.IRBuilder(fn.append_basic_block("entry"))
    a, c, op = fn.args
    x, y = load_item(b, b.inttoptr(a, _PTR), t), load_item(b, b.inttoptr(c, _PTR), t)
    if kind == "eq":
        result = _equal(owner, b, x, y, t)
    else:
        result = _order(owner, b, x, y, t, i64(0) if kind == "less" else op)
    b.ret(b.zext(result, I64))
    return fn


def _address(b: ir.IRBuilder, fn: ir.Function) -> ir.Value:
    return b.ptrtoint(fn, I64)


def equal_values(owner: ModuleHost, b: ir.IRBuilder, x: ir.Value, y: ir.Value, t: Type) -> ir.Value:
    """x == y (an i1) for values of a comparable type (check/lists.py's comparable)."""
    return _equal(owner, b, x, y, t)


def _equal(owner: ModuleHost, b: ir.IRBuilder, x: ir.Value, y: ir.Value, t: Type) -> ir.Value:
    if t is FLOAT:
        return b.fcmp_ordered("==", x, y)
    if t is COMPLEX:
        return b.and_(b.fcmp_ordered("==", b.extract_value(x, 0), b.extract_value(y, 0)),
                      b.fcmp_ordered("==", b.extract_value(x, 1), b.extract_value(y, 1)))
    if t in (INT, BOOL):
        return b.icmp_unsigned("==", x, y)
    if t is STR:
        return b.trunc(b.call(owner.runtime_function("str_equal"), [b.ptrtoint(x, I64), b.ptrtoint(y, I64)]), I1)
    if isinstance(t, Tuple):
        result = ir.Constant(I1, 1)
        for i, item in enumerate(t.items):
            result = b.and_(result, _equal(owner, b, b.extract_value(x, i), b.extract_value(y, i), item))
        return result
    if isinstance(t, Dict):
        boxed = isinstance(t.value, Tuple) or t.value is COMPLEX  # lower/dicts.py's boxes
        return b.trunc(b.call(owner.runtime_function("table_equal"), [
            b.ptrtoint(x, I64), b.ptrtoint(y, I64), _address(b, comparison(owner, "eq", t.value)), i64(int(boxed))]),
            I1)
    if isinstance(t, Set):  # as long, and every element of x in y
        within = b.call(owner.runtime_function("set_within"), [b.ptrtoint(x, I64), b.ptrtoint(y, I64)])
        lengths = [b.load(b.gep(v, [i64(24)], source_etype=I8), typ=I64) for v in (x, y)]
        return b.and_(b.trunc(within, I1), b.icmp_signed("==", *lengths))
    assert isinstance(t, List), t  # comparable types: scalars, str, tuples, lists, dicts and sets of them
    element = t.element
    equal = owner.runtime_function("list_equal")
    return b.trunc(b.call(equal, [b.ptrtoint(x, I64), b.ptrtoint(y, I64),
                                  _address(b, comparison(owner, "eq", element))]), I1)


def _order(owner: ModuleHost, b: ir.IRBuilder, x: ir.Value, y: ir.Value, t: Type, op: ir.Value) -> ir.Value:
    """x <op> y, op an i64 0-3: the first items that differ decide, as Python orders tuples and lists."""
    if t in (INT, BOOL, FLOAT, STR):
        if t is STR:
            order = b.call(owner.runtime_function("str_compare"), [b.ptrtoint(x, I64), b.ptrtoint(y, I64)])
            x, y = order, i64(0)
        results = []
        for name in ("<", "<=", ">"):
            if t is FLOAT:
                results.append(b.fcmp_ordered(name, x, y))
            elif t is BOOL:
                results.append(b.icmp_unsigned(name, x, y))
            else:
                results.append(b.icmp_signed(name, x, y))
        at_least = b.fcmp_ordered(">=", x, y) if t is FLOAT else (
            b.icmp_unsigned(">=", x, y) if t is BOOL else b.icmp_signed(">=", x, y))
        result = at_least
        for code in (2, 1, 0):
            result = b.select(b.icmp_signed("==", op, i64(code)), results[code], result)
        return result
    if isinstance(t, Tuple):
        # all equal: the lengths (equal) decide: true for <= and >=
        result = b.or_(b.icmp_signed("==", op, i64(1)), b.icmp_signed("==", op, i64(3)))
        for i in reversed(range(len(t.items))):
            xi, yi = b.extract_value(x, i), b.extract_value(y, i)
            same = _equal(owner, b, xi, yi, t.items[i])
            result = b.select(same, result, _order(owner, b, xi, yi, t.items[i], op))
        return result
    assert isinstance(t, List), t
    element = t.element
    fn = owner.runtime_function("list_order")
    return b.trunc(b.call(fn, [b.ptrtoint(x, I64), b.ptrtoint(y, I64), _address(b, comparison(owner, "eq", element)),
                               _address(b, comparison(owner, "order", element)), op]), I1)



def has_objects(t: Type) -> bool:
    """Does a value of t hold objects (which a list takes over when it stores the value)?"""
    return object_mask(t) != 0


def order_values(owner: ModuleHost, b: ir.IRBuilder, entry: ir.IRBuilder, op: str, x: ir.Value, y: ir.Value,
                 t: Type) -> ir.Value:
    """x <op> y for two tuples or lists (min and max of them): the item order function over the
    two values stored as items in the frame, as Python orders them."""
    addresses = []
    for value in (x, y):
        memory = entry.alloca(ir.ArrayType(I64, item_words(t)))
        address = b.ptrtoint(memory, I64)
        store_item(b, b.inttoptr(address, _PTR), value, t)
        addresses.append(address)
    code = {"<": 0, "<=": 1, ">": 2, ">=": 3}[op]
    return b.trunc(b.call(comparison(owner, "order", t), [*addresses, i64(code)]), I1)
