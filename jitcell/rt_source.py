"""The runtime library's source, in jitcell's internal dialect (internal.py).

jitcell compiles this file like a cell (internal=True, wraparound=True), caches the
library and loads it once per process (runtime.py). Cells never link against it:
they reach each function through a slot, `jitcell.slot.rt.<name>`, patched after
every load with the function's address in this process. CPython never runs it.

Objects are reference counted; an object is its address:

    word 0  reference count        (string literals start at 2**62: never freed)
    word 1  kind                   1 str, 2 dict, 3 array
    str:    word 2 byte length, word 3 character count, word 4 hash (-1: not yet),
            bytes from offset 40, UTF-8, followed by a NUL

State words (`state(i)`): 0 live objects, 1 objects ever allocated.
"""

# ---- objects ---------------------------------------------------------------------


def live_objects() -> int:
    return load64(state(0))


def allocated_objects() -> int:
    return load64(state(1))


def obj_alloc(size: int, kind: int) -> int:
    o = malloc(size)
    store64(o, 1)
    store64(o + 8, kind)
    store64(state(0), load64(state(0)) + 1)
    store64(state(1), load64(state(1)) + 1)
    return o


def obj_destroy(o: int) -> None:
    """Called when a reference count drops to zero."""
    store64(state(0), load64(state(0)) - 1)
    free(o)


def obj_release(o: int) -> None:
    if o != 0:
        count = load64(o) - 1
        store64(o, count)
        if count == 0:
            obj_destroy(o)


def obj_retain(o: int) -> None:
    if o != 0:
        store64(o, load64(o) + 1)


# ---- strings -----------------------------------------------------------------------


def str_new(nbytes: int) -> int:
    """An uninitialized string of nbytes bytes (the caller fills it and counts chars)."""
    s = obj_alloc(41 + nbytes, 1)
    store64(s + 16, nbytes)
    store64(s + 24, nbytes)
    store64(s + 32, -1)
    store8(s + 40 + nbytes, 0)
    return s


def utf8_chars(p: int, n: int) -> int:
    """Code points in n bytes of UTF-8: every byte that does not continue a character."""
    count = 0
    for i in range(n):
        if load8(p + i) & 192 != 128:
            count += 1
    return count


def str_from_utf8(p: int, n: int) -> int:
    s = str_new(n)
    memcpy(s + 40, p, n)
    store64(s + 24, utf8_chars(p, n))
    return s


def str_concat(a: int, b: int) -> int:
    na = load64(a + 16)
    nb = load64(b + 16)
    s = str_new(na + nb)
    memcpy(s + 40, a + 40, na)
    memcpy(s + 40 + na, b + 40, nb)
    store64(s + 24, load64(a + 24) + load64(b + 24))
    return s


def str_join(parts: int, count: int) -> int:
    """One string from `count` strings whose addresses are the words at `parts`."""
    total = 0
    chars = 0
    for i in range(count):
        part = load64(parts + 8 * i)
        total += load64(part + 16)
        chars += load64(part + 24)
    s = str_new(total)
    at = s + 40
    for i in range(count):
        part = load64(parts + 8 * i)
        n = load64(part + 16)
        memcpy(at, part + 40, n)
        at += n
    store64(s + 24, chars)
    return s


def str_compare(a: int, b: int) -> int:
    """-1, 0 or 1: UTF-8 byte order is code point order, as Python compares strings."""
    na = load64(a + 16)
    nb = load64(b + 16)
    common = na if na < nb else nb
    c = memcmp(a + 40, b + 40, common)
    if c != 0:
        return -1 if c < 0 else 1
    if na == nb:
        return 0
    return -1 if na < nb else 1


def str_equal(a: int, b: int) -> bool:
    n = load64(a + 16)
    return a == b or (n == load64(b + 16) and memcmp(a + 40, b + 40, n) == 0)


def str_contains(haystack: int, needle: int) -> bool:
    n = load64(haystack + 16)
    m = load64(needle + 16)
    if m == 0:
        return True
    first = load8(needle + 40)
    for i in range(n - m + 1):
        if load8(haystack + 40 + i) == first and memcmp(haystack + 40 + i, needle + 40, m) == 0:
            return True
    return False


def str_hash(s: int) -> int:
    """FNV-1a over the bytes, cached in the object (never -1)."""
    h = load64(s + 32)
    if h != -1:
        return h
    h = -3750763034362895579
    n = load64(s + 16)
    for i in range(n):
        h = (h ^ load8(s + 40 + i)) * 1099511628211
    if h == -1:
        h = -2
    store64(s + 32, h)
    return h


def str_from_int(value: int) -> int:
    """The decimal text of an int, as str(n) gives it."""
    digits = 1
    rest = value // 10 if value >= 0 else -(value // -10)
    while rest != 0:
        digits += 1
        rest = rest // 10 if rest > 0 else -(rest // -10)
    negative = 1 if value < 0 else 0
    s = str_new(digits + negative)
    if negative == 1:
        store8(s + 40, 45)
    at = s + 40 + negative + digits - 1
    rest = value
    for _ in range(digits):
        digit = rest % 10 if rest >= 0 else -(rest % -10)
        store8(at, 48 + digit)
        at -= 1
        rest = rest // 10 if rest >= 0 else -(rest // -10)
    return s
