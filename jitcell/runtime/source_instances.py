"""The runtime library's instances of classes of cells (compiled after source.py, as one cell).

    instance: word 0 reference count, word 1 kind (16), word 2 object mask (bit k set: field k
              is an object the instance owns), word 3 field count, then the fields from offset
              32, a word each: an int, a float's bits, a bool 0/1, an object's address (0: None).

Generated code reads and writes fields in place (compiler/lower/classes.py); destroying an
instance releases the objects its mask marks, which may destroy instances in turn (a chain of
n nodes nests n calls deep). Cycles between instances are never freed: reference counting
alone, as documented in docs/guide/language.md.
"""


def inst_new(words: int, mask: int) -> int:
    """A new instance of `words` fields, all zero, or 0: no memory."""
    o = obj_alloc(32 + 8 * words, 16)
    if o == 0:
        return 0
    store64(o + 16, mask)
    store64(o + 24, words)
    for k in range(words):
        store64(o + 32 + 8 * k, 0)
    return o


def inst_release_fields(o: int) -> None:
    """What obj_destroy does for an instance: release the objects its fields hold."""
    mask = load64(o + 16)
    if mask != 0:
        for k in range(load64(o + 24)):
            if (mask >> k) & 1 == 1:
                obj_release(load64(o + 32 + 8 * k))
