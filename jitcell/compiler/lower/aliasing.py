"""TBAA access tags: memory that generated code reaches through different kinds of words.

    %n = load i64, ptr %len.addr, !tbaa !3      ; !3: "list header"
    store double %v, ptr %item, !tbaa !5        ; !5: "list item": cannot be the length

Each name is a sibling under one root, so LLVM knows an access tagged with one never touches
memory accessed with another, and can keep an array's shape or a list's length and items
address in registers across stores to elements or items (loads hoisted out of loops). An
untagged access may alias anything, so a tag is only put on accesses that are certainly of
its kind: array headers and elements (arrays.py), list headers and items (lists.py, items.py).
"""

from __future__ import annotations

from llvmlite import ir

__all__ = ["tbaa", "tagged"]

_I64 = ir.IntType(64)


def tbaa(module: ir.Module, name: str) -> ir.MDValue:
    """The access tag of `name` ("array header", "array element", "list header", "list item")."""
    cache = module.__dict__.setdefault("_jitcell_tbaa", {})
    if name not in cache:
        if "root" not in cache:
            cache["root"] = module.add_metadata([ir.MetaDataString(module, "jitcell TBAA")])
        node = module.add_metadata([ir.MetaDataString(module, name), cache["root"], ir.Constant(_I64, 0)])
        cache[name] = module.add_metadata([node, node, ir.Constant(_I64, 0)])
    return cache[name]


def tagged(b: ir.IRBuilder, instruction: ir.Instruction, name: str) -> ir.Instruction:
    """`instruction` (a load or store b built) with the access tag `name`."""
    instruction.set_metadata("tbaa", tbaa(b.module, name))
    return instruction
