"""Tuple keys of the runtime's tables, in jitcell's internal dialect (compiled with source.py).

A set of tuples or a dict keyed by tuples is a table (source.py, "dicts") of key kind 2. Its
key word is the address of the tuple's words, laid out as a list item is (a tuple flattened:
an int, a float's bits, a bool 0/1, a str's address). Generated code passes the address of
words on its own stack to look a key up; a key the table keeps is copied into a key object,
kind 5, whose words follow its header:

    key object:  word 0 reference count, word 1 kind (5), word 2 object mask, words from 24
    key word:    the key object's address + 24 (so a kept key and a probed one read alike)

The table's kinds word describes the tuple: bits 0-7 the key kind (2), 8-15 the value kind,
16-23 the words of a key (at most 16), 24-39 the object mask (bit k: word k is a str, which
the key object owns), 40-55 the float mask (bit k: word k is a float's bits, compared as a
float: 0.0 == -0.0, NaN equal to nothing).

The hash is CPython's tuple hash (Objects/tupleobject.c `tuplehash`, xxHash's round over the
items' hashes, since 3.8) with CPython's hash of each int and bool; a str's hash is the
runtime's own (CPython's is randomized per process) and a float's is its bits (-0.0 as 0.0).
The hash decides no order: tables keep insertion order.
"""


def key_words(kinds: int) -> int:
    return (kinds >> 16) & 255


def int_hash(x: int) -> int:
    """CPython's hash of an int of 64 bits: x modulo 2**61 - 1, with x's sign, -1 becoming -2."""
    m = 2305843009213693951
    h = 0
    if x == -9223372036854775807 - 1:
        h = -4  # -(2**63 mod m)
    elif x < 0:
        h = -((-x) % m)
    else:
        h = x % m
    if h == -1:
        h = -2
    return h


def key_hash(kinds: int, p: int) -> int:
    """CPython's tuplehash over the words at p (XXPRIME_5, XXPRIME_2, XXPRIME_1; rotate by 31)."""
    n = key_words(kinds)
    objects = (kinds >> 24) & 65535
    floats = (kinds >> 40) & 65535
    acc = 2870177450012600261
    for i in range(n):
        word = load64(p + 8 * i)
        lane = 0
        if (objects >> i) & 1 == 1:
            lane = str_hash(word)
        elif (floats >> i) & 1 == 1:
            lane = 0 if word == -9223372036854775807 - 1 else word  # -0.0 == 0.0: one hash
        else:
            lane = int_hash(word)
        acc = acc + lane * -4417276706812531889
        acc = (acc << 31) | ((acc >> 33) & 2147483647)
        acc = acc * -7046029288634856825
    acc = acc + (n ^ (2870177450012600261 ^ 3527539))
    if acc == -1:
        return 1546275796
    return acc


def key_equal(kinds: int, a: int, b: int) -> bool:
    """The tuples at a and b are equal, as Python compares them item by item."""
    objects = (kinds >> 24) & 65535
    floats = (kinds >> 40) & 65535
    for i in range(key_words(kinds)):
        if (objects >> i) & 1 == 1:
            if not str_equal(load64(a + 8 * i), load64(b + 8 * i)):
                return False
        elif (floats >> i) & 1 == 1:
            if loadf(a + 8 * i) != loadf(b + 8 * i):
                return False
        elif load64(a + 8 * i) != load64(b + 8 * i):
            return False
    return True


def key_keep(kinds: int, p: int) -> int:
    """A key object holding a copy of the words at p (its strs retained): its key word, or 0."""
    n = key_words(kinds)
    objects = (kinds >> 24) & 65535
    k = obj_alloc(24 + 8 * n, 5)
    if k == 0:
        return 0
    store64(k + 16, objects)
    memcpy(k + 24, p, 8 * n)
    for i in range(n):
        if (objects >> i) & 1 == 1:
            obj_retain(load64(p + 8 * i))
    return k + 24


def key_release(word: int) -> None:
    """Release the key object of a key word that a table kept."""
    obj_release(word - 24)


def key_clear(k: int) -> None:
    """Release what a key object owns (called by obj_destroy)."""
    objects = load64(k + 16)
    i = 0
    while objects != 0:
        if objects & 1 == 1:
            obj_release(load64(k + 24 + 8 * i))
        objects = objects >> 1
        i += 1
