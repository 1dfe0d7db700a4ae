"""Tuple keys of tables in generated code (the runtime's side: runtime/source_keys.py).

    s.add((x, y))       words = alloca [2 x i64] in the entry block ; words[0] = x ; words[1] = y
                        table_set(s, ptrtoint(words), 0)     (the table copies the words it keeps)
    for p in s:         p = the tuple loaded from table_key(s, e), a key word: its strs retained

A tuple key's word is the address of its words, laid out as a list item is (items.py): the
tuple is lent to the table, like a str key, and a key read out of a table is loaded from the
words the table keeps.
"""

from __future__ import annotations

from llvmlite import ir

from jitcell.compiler.types import COMPLEX, FLOAT, Tuple, Type

from .arith import I64
from .items import item_words, load_item, object_mask, store_item

__all__ = ["tuple_key_kinds", "key_words_address", "key_from_address"]

_PTR = ir.PointerType()


def _float_mask(t: Type) -> int:
    if isinstance(t, Tuple):
        mask, at = 0, 0
        for item in t.items:
            mask |= _float_mask(item) << at
            at += item_words(item)
        return mask
    return 0b11 if t is COMPLEX else 1 if t is FLOAT else 0


def tuple_key_kinds(t: Tuple) -> int:
    """The key bits of a table's kinds word for tuple keys of type t: kind 2, the words, the
    object mask and the float mask (runtime/source_keys.py)."""
    return 2 | item_words(t) << 16 | object_mask(t) << 24 | _float_mask(t) << 40


def key_words_address(b: ir.IRBuilder, entry: ir.IRBuilder, value: ir.Value, t: Tuple) -> ir.Value:
    """The key word of a tuple: its words stored in a block of the function's frame (borrowed)."""
    words = entry.alloca(ir.ArrayType(I64, max(item_words(t), 1)))
    address = b.ptrtoint(words, I64)
    store_item(b, b.inttoptr(address, _PTR), value, t)
    return address


def key_from_address(b: ir.IRBuilder, word: ir.Value, t: Tuple) -> ir.Value:
    """The tuple a key word holds (borrowed: the caller retains its objects)."""
    return load_item(b, b.inttoptr(word, _PTR), t)
