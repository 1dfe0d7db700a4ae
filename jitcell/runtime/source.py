"""The runtime library's source, in jitcell's internal dialect (internal.py).

jitcell compiles this file like a cell (internal=True, wraparound=True), caches the
library and loads it once per process (runtime/__init__.py). Cells never link against it:
they reach each function through a slot, `jitcell.slot.rt.<name>`, patched after
every load with the function's address in this process. CPython never runs it.

Objects are reference counted; an object is its address:

    word 0  reference count        (string literals start at 2**62: never freed)
    word 1  kind                   1 str, 2 dict, 3 array, 4 list
    str:    word 2 byte length, word 3 character count, word 4 hash (-1: not yet),
            bytes from offset 40, UTF-8, followed by a NUL
    dict:   word 2 kinds (key kind | value kind << 8; keys 0 int, 1 str; values 0 int,
            1 float, 2 bool, 3 str), word 3 length, word 4 entries used (live or deleted),
            word 5 entry capacity, word 6 entries, word 7 index size (a power of 2),
            word 8 index. An entry is 4 words: hash, key, value, live (1) or deleted (0),
            kept in insertion order; the index maps hash slots to entry numbers
            (-1 empty, -2 deleted), probed linearly. As in CPython's compact dict. Word 9
            modified (set by every change; the boundary writes a dict back only if set).
    array:  word 2 data address, word 3 ndim (1 or 2), word 4 origin (-1: the array owns its
            data, which follows the header at offset 80, C order; k >= 0: a view of memory
            NumPy owns, made on the entry point's stack for parameter k), words 5-6 shape,
            words 7-8 strides in elements (word 6 and 8 unused for 1-D), word 9 item size
    list:   word 2 length, word 3 capacity (items), word 4 items address, word 5 item size in
            words, word 6 object mask (bit k set: word k of each item is an object the list
            owns), word 7 modified (set by every mutation; the boundary writes a list back to
            its Python list only if set). An item is its words: an int, a float's bits, a bool
            0/1, an object's address; a tuple its items' words in order, flattened.

Out of memory: every allocation is checked. A function that allocates returns 0 (or
False) when malloc, calloc or realloc fails, having freed what it allocated and left its
arguments as they were (str_append excepted: it owns its first argument and releases it);
generated code then raises MemoryError (compiler/lower/heap.py, `allocated`), the Python
side too (runtime/__init__.py, convert.py).

State words (`state(i)`): 0 live objects, 1 objects ever allocated; 32 signals received
(the interrupt counter, which compiled loops compare with its value when their function
started); 35 the main thread's id; 36 the pthread key of each thread's stack floor, 37 set
if it exists; 128 + s the handler `on_signal` displaced for signal s and calls next, 256 + s
nonzero while `on_signal` runs for signal s (interrupts.py).
"""

# ---- objects ---------------------------------------------------------------------


def live_objects() -> int:
    return load64(state(0))


def allocated_objects() -> int:
    return load64(state(1))


def obj_alloc(size: int, kind: int) -> int:
    """A new object of `size` bytes with one reference, or 0: no memory."""
    o = malloc(size)
    if o == 0:
        return 0
    store64(o, 1)
    store64(o + 8, kind)
    store64(state(0), load64(state(0)) + 1)
    store64(state(1), load64(state(1)) + 1)
    return o


def obj_destroy(o: int) -> None:
    """Called when a reference count drops to zero: frees what the object owns, then it."""
    kind = load64(o + 8)
    if kind == 2:
        table_clear(o)
    elif kind == 4:
        items_release(load64(o + 32), load64(o + 16), load64(o + 40), load64(o + 48))
        free(load64(o + 32))
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
    """An uninitialized string of nbytes bytes (the caller fills it and counts chars), or 0."""
    if nbytes < 0 or nbytes > 9223372036854775807 - 41:
        return 0  # more than any memory
    s = obj_alloc(41 + nbytes, 1)
    if s == 0:
        return 0
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
    if s == 0:
        return 0
    memcpy(s + 40, p, n)
    store64(s + 24, utf8_chars(p, n))
    return s


def str_concat(a: int, b: int) -> int:
    na = load64(a + 16)
    nb = load64(b + 16)
    s = str_new(na + nb)
    if s == 0:
        return 0
    memcpy(s + 40, a + 40, na)
    memcpy(s + 40 + na, b + 40, nb)
    store64(s + 24, load64(a + 24) + load64(b + 24))
    return s


def str_append(s: int, t: int) -> int:
    """s + t, taking over the caller's reference to s: when that is the only one, s grows in
    place (realloc, as CPython does for `s = s + t`), so a loop building a string is linear.
    0 when out of memory (s is released all the same)."""
    if load64(s) != 1:
        result = str_concat(s, t)
        obj_release(s)
        return result
    ns = load64(s + 16)
    nt = load64(t + 16)
    if ns + nt > 9223372036854775807 - 41:
        obj_release(s)
        return 0
    grown = realloc(s, 41 + ns + nt)
    if grown == 0:  # s is left as it was
        obj_release(s)
        return 0
    s = grown
    memcpy(s + 40 + ns, t + 40, nt)
    store8(s + 40 + ns + nt, 0)
    store64(s + 16, ns + nt)
    store64(s + 24, load64(s + 24) + load64(t + 24))
    store64(s + 32, -1)
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
    if s == 0:
        return 0
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
    if s == 0:
        return 0
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


# ---- dicts (the "table" functions cells reach through rt.table_* slots) -------------------


def table_new(kinds: int) -> int:
    """An empty dict, or 0: no memory."""
    entries = malloc(5 * 32)
    index = malloc(8 * 8)
    t = obj_alloc(80, 2) if entries != 0 and index != 0 else 0
    if t == 0:
        free(entries)
        free(index)
        return 0
    store64(t + 16, kinds)
    store64(t + 24, 0)
    store64(t + 32, 0)
    store64(t + 40, 5)
    store64(t + 48, entries)
    store64(t + 56, 8)
    memset(index, 255, 8 * 8)
    store64(t + 64, index)
    store64(t + 72, 0)
    return t


def table_len(t: int) -> int:
    return load64(t + 24)


def table_hash(t: int, key: int) -> int:
    """splitmix64's finalizer over the int, or over a str's FNV-1a hash."""
    h = str_hash(key) if load64(t + 16) & 255 == 1 else key
    h = (h ^ ((h >> 30) & 17179869183)) * -4658895280553007687
    h = (h ^ ((h >> 27) & 137438953471)) * -7723592293110705685
    return h ^ ((h >> 31) & 8589934591)


def table_keys_equal(t: int, a: int, b: int) -> bool:
    if load64(t + 16) & 255 == 1:
        return str_equal(a, b)
    return a == b


def table_slot(t: int, key: int, h: int) -> int:
    """The index slot that holds key's entry, or -1."""
    mask = load64(t + 56) - 1
    index = load64(t + 64)
    entries = load64(t + 48)
    i = h & mask
    while True:
        e = load64(index + 8 * i)
        if e == -1:
            return -1
        if e >= 0:
            entry = entries + 32 * e
            if load64(entry) == h and table_keys_equal(t, load64(entry + 8), key):
                return i
        i = (i + 1) & mask


def table_find(t: int, key: int) -> int:
    """The entry number holding key, or -1."""
    i = table_slot(t, key, table_hash(t, key))
    if i < 0:
        return -1
    return load64(load64(t + 64) + 8 * i)


def table_key(t: int, e: int) -> int:
    return load64(load64(t + 48) + 32 * e + 8)


def table_value(t: int, e: int) -> int:
    """An entry's value as a word (a float's bits, a str's address: borrowed)."""
    return load64(load64(t + 48) + 32 * e + 16)


def table_get(t: int, key: int, fallback: int) -> int:
    e = table_find(t, key)
    if e < 0:
        return fallback
    return table_value(t, e)


def table_put(t: int, e: int, value: int) -> None:
    """Replace entry e's value; a str value is retained, the old one released."""
    at = load64(t + 48) + 32 * e + 16
    store64(t + 72, 1)
    if (load64(t + 16) >> 8) & 255 == 3:
        obj_retain(value)
        obj_release(load64(at))
    store64(at, value)


def table_rebuild(t: int, size: int) -> bool:
    """Compact the live entries (in order) and index them in a table of `size` slots.
    False, the table unchanged, when out of memory."""
    entries = load64(t + 48)
    used = load64(t + 32)
    capacity = size * 2 // 3
    fresh = malloc(32 * capacity) if size < 144115188075855872 else 0
    index = malloc(8 * size) if fresh != 0 else 0
    if index == 0:
        free(fresh)
        return False
    memset(index, 255, 8 * size)
    mask = size - 1
    n = 0
    for e in range(used):
        entry = entries + 32 * e
        if load64(entry + 24) == 1:
            memcpy(fresh + 32 * n, entry, 32)
            i = load64(entry) & mask
            while load64(index + 8 * i) != -1:
                i = (i + 1) & mask
            store64(index + 8 * i, n)
            n += 1
    free(entries)
    free(load64(t + 64))
    store64(t + 32, n)
    store64(t + 40, capacity)
    store64(t + 48, fresh)
    store64(t + 56, size)
    store64(t + 64, index)
    return True


def table_set(t: int, key: int, value: int) -> bool:
    """d[key] = value. The table keeps its own references to str keys and values.
    False, the dict unchanged, when it had to grow and there is no memory."""
    h = table_hash(t, key)
    i = table_slot(t, key, h)
    if i >= 0:
        table_put(t, load64(load64(t + 64) + 8 * i), value)
        return True
    if load64(t + 32) == load64(t + 40):
        size = load64(t + 56)
        if load64(t + 24) * 3 >= load64(t + 40) * 2:
            size = size * 2  # mostly live: grow; mostly deleted: compact in place
        if not table_rebuild(t, size):
            return False
    store64(t + 72, 1)
    kinds = load64(t + 16)
    if kinds & 255 == 1:
        obj_retain(key)
    if (kinds >> 8) & 255 == 3:
        obj_retain(value)
    e = load64(t + 32)
    entry = load64(t + 48) + 32 * e
    store64(entry, h)
    store64(entry + 8, key)
    store64(entry + 16, value)
    store64(entry + 24, 1)
    mask = load64(t + 56) - 1
    index = load64(t + 64)
    j = h & mask
    while load64(index + 8 * j) >= 0:
        j = (j + 1) & mask
    store64(index + 8 * j, e)
    store64(t + 32, e + 1)
    store64(t + 24, load64(t + 24) + 1)
    return True


def table_erase(t: int, key: int) -> bool:
    """del d[key]; False if the key is missing."""
    i = table_slot(t, key, table_hash(t, key))
    if i < 0:
        return False
    index = load64(t + 64)
    entry = load64(t + 48) + 32 * load64(index + 8 * i)
    kinds = load64(t + 16)
    if kinds & 255 == 1:
        obj_release(load64(entry + 8))
    if (kinds >> 8) & 255 == 3:
        obj_release(load64(entry + 16))
    store64(entry + 24, 0)
    store64(t + 72, 1)
    store64(index + 8 * i, -2)
    store64(t + 24, load64(t + 24) - 1)
    return True


def table_next(t: int, e: int) -> int:
    """The first live entry numbered e or more, or -1: iteration in insertion order."""
    used = load64(t + 32)
    entries = load64(t + 48)
    while e < used:
        if load64(entries + 32 * e + 24) == 1:
            return e
        e += 1
    return -1


def table_clear(t: int) -> None:
    """Release what a dict owns (called by obj_destroy)."""
    kinds = load64(t + 16)
    entries = load64(t + 48)
    if kinds & 255 == 1 or (kinds >> 8) & 255 == 3:
        for e in range(load64(t + 32)):
            entry = entries + 32 * e
            if load64(entry + 24) == 1:
                if kinds & 255 == 1:
                    obj_release(load64(entry + 8))
                if (kinds >> 8) & 255 == 3:
                    obj_release(load64(entry + 16))
    free(entries)
    free(load64(t + 64))


# ---- lists (compiler/lower/lists.py; the boundary: runtime/lists.py) -----------------------

def list_new(n: int, stride: int, mask: int) -> int:
    """A list of n items of `stride` words, zeroed (the caller fills them), or 0: no memory."""
    if n < 0 or n > 1152921504606846975 // stride:  # 2**60 - 1 words: more than any memory
        return 0
    capacity = n if n > 4 else 4
    items = calloc(capacity, 8 * stride)
    l = obj_alloc(64, 4) if items != 0 else 0
    if l == 0:
        free(items)
        return 0
    store64(l + 16, n)
    store64(l + 24, capacity)
    store64(l + 32, items)
    store64(l + 40, stride)
    store64(l + 48, mask)
    store64(l + 56, 0)
    return l


def items_release(at: int, count: int, stride: int, mask: int) -> None:
    """Release the objects of `count` items at `at` (the words `mask` marks)."""
    if mask != 0:
        for i in range(count):
            for k in range(stride):
                if (mask >> k) & 1 == 1:
                    obj_release(load64(at + 8 * (stride * i + k)))


def items_retain(at: int, count: int, stride: int, mask: int) -> None:
    if mask != 0:
        for i in range(count):
            for k in range(stride):
                if (mask >> k) & 1 == 1:
                    obj_retain(load64(at + 8 * (stride * i + k)))


def list_reserve(l: int, needed: int) -> bool:
    """Room for `needed` items (growing as CPython's lists do); False, the list unchanged, when out
    of memory."""
    if needed <= load64(l + 24):
        return True
    stride = load64(l + 40)
    capacity = needed + (needed >> 3) + 6
    if capacity > 1152921504606846975 // stride:
        return False
    items = realloc(load64(l + 32), capacity * 8 * stride)
    if items == 0:
        return False
    store64(l + 32, items)
    store64(l + 24, capacity)
    return True


def list_push(l: int) -> int:
    """The address of a new last item (the caller stores it), or 0: no memory."""
    n = load64(l + 16)
    if not list_reserve(l, n + 1):
        return 0
    store64(l + 16, n + 1)
    store64(l + 56, 1)
    return load64(l + 32) + 8 * load64(l + 40) * n


def list_open(l: int, i: int) -> int:
    """Room for an item at index i, clamped as list.insert clamps it; its address, or 0."""
    n = load64(l + 16)
    if i < 0:
        i += n
        if i < 0:
            i = 0
    if i > n:
        i = n
    if not list_reserve(l, n + 1):
        return 0
    size = 8 * load64(l + 40)
    at = load64(l + 32) + size * i
    memmove(at + size, at, size * (n - i))
    store64(l + 16, n + 1)
    store64(l + 56, 1)
    return at


def list_close(l: int, i: int) -> None:
    """Remove item i (0 <= i < len) whose references the caller has taken over or released."""
    n = load64(l + 16)
    size = 8 * load64(l + 40)
    at = load64(l + 32) + size * i
    memmove(at, at + size, size * (n - i - 1))
    store64(l + 16, n - 1)
    store64(l + 56, 1)


def list_clear(l: int) -> None:
    n = load64(l + 16)
    store64(l + 16, 0)
    store64(l + 56, 1)
    items_release(load64(l + 32), n, load64(l + 40), load64(l + 48))


def list_slice(a: int, start: int, stop: int) -> int:
    """A new list of items start..stop of a (0 <= start <= stop <= len), or 0: no memory."""
    stride = load64(a + 40)
    n = stop - start
    l = list_new(n, stride, load64(a + 48))
    if l == 0:
        return 0
    memcpy(load64(l + 32), load64(a + 32) + 8 * stride * start, 8 * stride * n)
    items_retain(load64(l + 32), n, stride, load64(a + 48))
    return l


def list_extend(l: int, b: int) -> bool:
    """l += b (b may be l); False, l unchanged, when out of memory."""
    n = load64(l + 16)
    nb = load64(b + 16)
    if not list_reserve(l, n + nb):
        return False
    stride = load64(l + 40)
    at = load64(l + 32) + 8 * stride * n
    memcpy(at, load64(b + 32), 8 * stride * nb)
    items_retain(at, nb, stride, load64(l + 48))
    store64(l + 16, n + nb)
    store64(l + 56, 1)
    return True


def list_concat(a: int, b: int) -> int:
    l = list_slice(a, 0, load64(a + 16))
    if l == 0:
        return 0
    if not list_extend(l, b):
        obj_release(l)
        return 0
    return l


def list_repeat(a: int, times: int) -> int:
    """a * times, or 0: no memory (or more items than memory could hold)."""
    l = list_slice(a, 0, load64(a + 16))
    if l == 0:
        return 0
    if not list_repeat_in_place(l, times):
        obj_release(l)
        return 0
    store64(l + 56, 0)
    return l


def list_repeat_in_place(l: int, times: int) -> bool:
    """l *= times, by doubling copies; False, l unchanged, when out of memory."""
    n = load64(l + 16)
    if times <= 0:
        list_clear(l)
        return True
    if n != 0 and times > 1152921504606846975 // n:
        return False
    if not list_reserve(l, n * times):
        return False
    stride = load64(l + 40)
    items = load64(l + 32)
    total = n * times
    filled = n
    while filled < total:
        chunk = min(filled, total - filled)
        memcpy(items + 8 * stride * filled, items, 8 * stride * chunk)
        filled += chunk
    items_retain(items + 8 * stride * n, total - n, stride, load64(l + 48))
    store64(l + 16, total)
    store64(l + 56, 1)
    return True


def list_reverse(l: int) -> None:
    n = load64(l + 16)
    stride = load64(l + 40)
    items = load64(l + 32)
    for i in range(n // 2):
        x = items + 8 * stride * i
        y = items + 8 * stride * (n - 1 - i)
        for k in range(stride):
            w = load64(x + 8 * k)
            store64(x + 8 * k, load64(y + 8 * k))
            store64(y + 8 * k, w)
    store64(l + 56, 1)


def list_find(l: int, value: int, equal: int, start: int, stop: int) -> int:
    """The first index in start..stop whose item equals the item at `value` (`equal`: the cell's item
    comparison, 1 when equal), or -1."""
    i = start
    while i < load64(l + 16) and i < stop:
        if call_c_int(equal, load64(l + 32) + 8 * load64(l + 40) * i, value, 0) != 0:
            return i
        i += 1
    return -1


def list_count(l: int, value: int, equal: int) -> int:
    count = 0
    for i in range(load64(l + 16)):
        if call_c_int(equal, load64(l + 32) + 8 * load64(l + 40) * i, value, 0) != 0:
            count += 1
    return count


def list_equal(a: int, b: int, equal: int) -> bool:
    n = load64(a + 16)
    if n != load64(b + 16):
        return False
    size = 8 * load64(a + 40)
    for i in range(n):
        if call_c_int(equal, load64(a + 32) + size * i, load64(b + 32) + size * i, 0) == 0:
            return False
    return True


def list_order(a: int, b: int, equal: int, order: int, op: int) -> bool:
    """a < b (op 0), a <= b (1), a > b (2), a >= b (3), as Python compares lists: the first items
    that differ decide (compared by `order`), else the lengths."""
    na = load64(a + 16)
    nb = load64(b + 16)
    size = 8 * load64(a + 40)
    i = 0
    while i < na and i < nb:
        x = load64(a + 32) + size * i
        y = load64(b + 32) + size * i
        if call_c_int(equal, x, y, 0) == 0:
            return call_c_int(order, x, y, op) != 0
        i += 1
    if op == 0:
        return na < nb
    if op == 1:
        return na <= nb
    if op == 2:
        return na > nb
    return na >= nb


def list_sort(l: int, order: int, reverse: bool) -> bool:
    """A stable merge sort of l's items by `order` (item < item); reverse keeps equal items in
    their order, as Python's does. False, l unchanged, when out of memory."""
    n = load64(l + 16)
    if n < 2:
        return True
    size = 8 * load64(l + 40)
    items = load64(l + 32)
    temp = malloc(n * size)
    if temp == 0:
        return False
    source = items
    target = temp
    width = 1
    while width < n:
        i = 0
        while i < n:
            middle = min(i + width, n)
            high = min(i + 2 * width, n)
            a = i
            b = middle
            k = i
            while a < middle and b < high:
                x = source + size * a
                y = source + size * b
                later_first = call_c_int(order, x, y, 0) if reverse else call_c_int(order, y, x, 0)
                if later_first != 0:
                    memcpy(target + size * k, y, size)
                    b += 1
                else:
                    memcpy(target + size * k, x, size)
                    a += 1
                k += 1
            memcpy(target + size * k, source + size * a, size * (middle - a))
            k += middle - a
            memcpy(target + size * k, source + size * b, size * (high - b))
            i += 2 * width
        swap = source
        source = target
        target = swap
        width *= 2
    if source != items:
        memcpy(items, source, n * size)
    free(temp)
    store64(l + 56, 1)
    return True


def list_unkey(l: int, pairs: int, key_words: int) -> None:
    """After sorting `pairs` (each a key then an item of l), put l's items in their order."""
    n = load64(l + 16)
    stride = load64(l + 40)
    pair = 8 * load64(pairs + 40)
    for i in range(n):
        memcpy(load64(l + 32) + 8 * stride * i, load64(pairs + 32) + pair * i + 8 * key_words, 8 * stride)
    store64(l + 56, 1)


def list_range(start: int, stop: int, step: int) -> int:
    """list(range(start, stop, step)) for step != 0, or 0: no memory."""
    n = 0
    if step > 0 and start < stop:
        n = (stop - start - 1) // step + 1
    elif step < 0 and start > stop:
        n = (start - stop - 1) // (-step) + 1
    l = list_new(n, 1, 0)
    if l == 0:
        return 0
    items = load64(l + 32)
    value = start
    for i in range(n):
        store64(items + 8 * i, value)
        value += step
    return l


# ---- arrays (compiler/lower/arrays.py; views and results at the boundary: runtime/arrays.py) ----


def array_new(ndim: int, n0: int, n1: int, itemsize: int, init: int, word: int) -> int:
    """A new C-order array that owns its data, or 0 (a negative dimension, too big, no memory).
    A 1-D array passes n1 = 1. init: 0 uninitialized, 1 zeros, 2 every item set to `word`."""
    if n0 < 0 or n1 < 0:
        return 0
    limit = 9223372036854775807 - 80
    if n1 != 0 and n0 > limit // n1:
        return 0
    size = n0 * n1
    if size > limit // itemsize:
        return 0
    nbytes = 80 + size * itemsize
    a = calloc(1, nbytes) if init == 1 else malloc(nbytes)
    if a == 0:
        return 0
    store64(a, 1)
    store64(a + 8, 3)
    store64(a + 16, a + 80)
    store64(a + 24, ndim)
    store64(a + 32, -1)
    store64(a + 40, n0)
    store64(a + 48, n1)
    store64(a + 56, n1 if ndim == 2 else 1)
    store64(a + 64, 1)
    store64(a + 72, itemsize)
    store64(state(0), load64(state(0)) + 1)
    store64(state(1), load64(state(1)) + 1)
    if init == 2:
        data = a + 80
        if itemsize == 8:
            for i in range(size):
                store64(data + 8 * i, word)
        else:
            memset(data, word, size)
    return a


# ---- signals (interrupts.py) --------------------------------------------------------


def interrupt_state() -> int:
    """The address of state word 32, the interrupt counter; the displaced handler of signal s
    is word 128 + s, each a word further."""
    return state(32)


def on_signal(signum: int, info: int, context: int) -> None:
    """The process's handler of each signal Python handles, in front of Python's: counts the
    signal, then calls the handler it displaced (word 128 + s), so Python sees the signal too.
    Async-signal-safe. Word 256 + s is set while it runs for signal s: a displaced handler that
    chains back to this one ends the chain (another signal arriving meanwhile is counted)."""
    s = signum & 127
    if load64(state(256 + s)) != 0:
        return
    store64(state(256 + s), 1)
    store64(state(32), load64(state(32)) + 1)
    previous = load64(state(128 + s))
    if previous != 0:
        call_c(previous, signum, info, context)
    store64(state(256 + s), 0)


def main_thread() -> bool:
    """Is this the main thread, the only one where Python runs signal handlers?"""
    return pthread_self() == load64(state(35))


# ---- the stack (the guard of recursive compiled functions, compiler/lower/program.py) -----


def runtime_setup(main: int) -> None:
    """Called once, when this library is loaded (runtime/__init__.py): the main thread's id
    (threading.main_thread().ident, its pthread_t) and the key of each thread's stack floor."""
    store64(state(35), main)
    if load64(state(37)) == 0:
        store64(state(36), 0)
        if pthread_key_create(state(36), 0) == 0:
            store64(state(37), 1)


def stack_floor() -> int:
    """The lowest stack address this thread's compiled code may reach: a recursive function
    whose stack pointer is below it raises RecursionError. Computed once per thread (its
    stack's bounds are fixed) and kept under a pthread key; 1 if unknown (no guard)."""
    if load64(state(37)) == 0:
        return thread_stack_floor()
    key = load32(state(36))
    floor = pthread_getspecific(key)
    if floor == 0:
        floor = thread_stack_floor()
        pthread_setspecific(key, floor)
    return floor


def thread_stack_floor() -> int:
    """The lowest address of this thread's stack (pthread_getattr_np: the main thread's grows up
    to its rlimit) plus a margin for what may run below a checked frame: the frames of the
    functions it calls that do not check, the runtime's, and the callbacks into Python that
    raise the error or print. A quarter of the stack, at least 16 KiB and at most 256 KiB."""
    attr = malloc(256)  # a pthread_attr_t (at most 64 bytes on Linux), then the two results
    if attr == 0:
        return 1
    floor = 1
    if pthread_getattr_np(pthread_self(), attr) == 0:
        if pthread_attr_getstack(attr, attr + 192, attr + 200) == 0:
            size = load64(attr + 200)
            margin = min(max(size // 4, 16384), 262144)
            floor = load64(attr + 192) + margin
        pthread_attr_destroy(attr)
    free(attr)
    return floor
