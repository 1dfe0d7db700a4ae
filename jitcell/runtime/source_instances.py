"""The runtime library's instances of classes of cells (compiled after source.py, as one cell).

    instance: word 0 reference count, word 1 kind (16), word 2 object mask (bit k set: field k
              is an object the instance owns), word 3 field count (and in its high 32 bits the
              class's number in its family: compiler/lower/inheritance.py), then the fields from offset
              32, a word each: an int, a float's bits, a bool 0/1, an object's address (0: None).

Generated code reads and writes fields in place (compiler/lower/classes.py); destroying an
instance releases the objects its mask marks, and the instances that die with it are destroyed
by a loop, not by recursion (inst_destroy), so a chain of a million nodes is freed in constant
stack. Cycles between instances are never freed: reference counting alone, as documented in
docs/guide/language.md.
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


def inst_destroy(o: int) -> None:
    """What obj_destroy does for an instance whose count is zero: release the objects its fields
    hold and free it. Instances that die with it are not destroyed by recursion (a chain of a
    million nodes would overflow the stack): each goes on a list of pending ones, linked through its
    count word (zero, unused now), and this loop frees them in turn. The list is this call's own, so
    threads running compiled code at once never share it."""
    pending = o
    store64(o, 0)
    while pending != 0:
        o = pending
        pending = load64(o)
        mask = load64(o + 16)
        if mask != 0:
            for k in range(load64(o + 24) & 4294967295):  # the high half: the class's number
                if (mask >> k) & 1 == 1:
                    f = load64(o + 32 + 8 * k)
                    if f != 0:
                        count = load64(f) - 1
                        store64(f, count)
                        if count == 0:
                            if load64(f + 8) == 16:
                                store64(f, pending)
                                pending = f
                            else:
                                obj_destroy(f)
        store64(state(0), load64(state(0)) - 1)
        free(o)
