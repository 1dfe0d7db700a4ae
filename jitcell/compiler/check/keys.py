"""Which types may be set elements and dict keys: int, str, and tuples of hashable scalars.

    set[tuple[int, int]]            a key of kind 2 (runtime/source_keys.py): the tuple's words
    dict[tuple[str, float], int]    the same for a dict's keys

A tuple key holds ints, floats, bools, complex numbers, strs and tuples of them (as CPython
hashes them), flattened into at most 16 words (a complex takes two).
"""

from __future__ import annotations

from jitcell.compiler.types import BOOL, COMPLEX, FLOAT, INT, STR, Tuple, Type

__all__ = ["is_key_type", "KEY_WORDS", "KEY_NAMES"]

KEY_WORDS = 16
KEY_NAMES = "int, str or a tuple of int, float, bool, complex and str"


def _words(t: Type) -> int | None:
    if isinstance(t, Tuple):
        parts = [_words(i) for i in t.items]
        return None if any(p is None for p in parts) else sum(p for p in parts if p is not None)
    if t in (INT, FLOAT, BOOL, STR):
        return 1
    return 2 if t is COMPLEX else None


def is_key_type(t: Type) -> bool:
    """Can a value of t be a set element or a dict key in jitcell?"""
    if t in (INT, STR):
        return True
    words = _words(t) if isinstance(t, Tuple) else None
    return words is not None and words <= KEY_WORDS
