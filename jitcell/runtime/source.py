"""The runtime library's source, in jitcell's internal dialect (internal.py).

jitcell compiles this file like a cell (internal=True, wraparound=True), caches the
library and loads it once per process (runtime/__init__.py). Cells never link against it:
they reach each function through a slot, `jitcell.slot.rt.<name>`, patched after
every load with the function's address in this process. CPython never runs it.

Objects are reference counted; an object is its address:

    word 0  reference count        (string literals start at 2**62: never freed)
    word 1  kind                   1 str, 2 dict, 3 array, 4 list, 5 a table's tuple key (source_keys.py),
                                   16 instance (source_instances.py)
    str:    word 2 byte length, word 3 character count, word 4 hash (-1: not yet),
            bytes from offset 40, UTF-8, followed by a NUL
    dict:   word 2 kinds (key kind | value kind << 8; keys 0 int, 1 str, 2 tuple; values 0 int,
            1 float, 2 bool, 3 an object: a str, list, dict, set, array, instance, or a box, a list
            of one item holding a tuple's or complex's words), word 3 length, word 4 entries used (live or deleted),
            word 5 entry capacity, word 6 entries, word 7 index size (a power of 2),
            word 8 index. An entry is 4 words: hash, key, value, live (1) or deleted (0),
            kept in insertion order; the index maps hash slots to entry numbers
            (-1 empty, -2 deleted), probed linearly. As in CPython's compact dict. Word 9
            modified (set by every change; the boundary writes a dict back only if set).
            A set is a dict table whose values are all 0 (value kind int): its own kind would
            duplicate hashing, probing, growth and destruction for one word per element
            saved. The set_* functions below build on the table_* ones.
    array:  word 2 data address, word 3 ndim (1 to 32), word 4 origin (-1: the array owns its
            data, which follows the header, C order; -2: a view made by slicing, whose memory
            word 6 keeps alive; k >= 0: a view of memory NumPy owns, made on the entry point's
            stack for parameter k, or a slice of one returned from that call), word 5 item size
            in bytes, word 6 base (0, or the array that owns the memory of a -2 view: always an
            owner (-1), a borrowed array (-3) or an entry point's view (k), never another -2 view;
            of a -3 array, a view of an ndarray in a list argument, the ndarray: a reference,
            runtime/lists.py, array_borrow), then per axis k
            word 7 + 2k its length and word 8 + 2k its stride in elements: 56 + 16 * ndim bytes
    list:   word 2 length, word 3 capacity (items), word 4 items address (the object's own
            address + 64 when the items follow the header: a small list made in one allocation,
            whose items list_reserve moves to memory of their own to grow), word 5 item size in
            bytes, word 6 object mask (bit k set: word k of each item is an object the list
            owns), word 7 modified (set by every mutation; the boundary writes a list back to
            its Python list only if set). An item is its words: an int, a float's bits, an
            object's address; a tuple its items' words in order, flattened (a bool in a tuple:
            a word 0/1); a complex two words. Except a list[bool]'s: one byte 0/1 per item, so
            word 5, the item size, is in bytes (1, or 8 per word; compiler/lower/items.py's
            item_size).

Out of memory: every allocation is checked. A function that allocates returns 0 (or
False) when malloc, calloc or realloc fails, having freed what it allocated and left its
arguments as they were (str_append excepted: it owns its first argument and releases it);
generated code then raises MemoryError (compiler/lower/heap.py, `allocated`), the Python
side too (runtime/__init__.py, convert.py).

State words (`state(i)`): 0 live objects, 1 objects ever allocated; 32 signals received
(the interrupt counter, which compiled loops compare with its value when their function
started); 35 the main thread's id; 36 the pthread key of each thread's stack floor, 37 set
if it exists; 38 the table of the 256 cached one-character strings (str_chars_setup); 39 the scratch word of
the list conversions at the boundary (under the GIL); 40, 41 the
pthread key of each thread's random state and whether it exists (source_random.py); 43 the Python
function that takes the exception a callback's call raised, 44 to 47 the Python functions of the
callbacks print, raise, format and exception (callbacks.py); 48 the thread
pool (source_parallel.py); 128 + s the handler `on_signal` displaced for signal s and calls next, 256 + s
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


def frame_alloc(size: int) -> int:
    """A generator's frame (compiler/lower/generators.py): `size` bytes, or 0: no memory. Through the
    runtime, a cell with a generator imports nothing from libc (linking libc costs ld ~4 ms)."""
    return malloc(size)


def frame_free(frame: int) -> None:
    free(frame)


def obj_destroy(o: int) -> None:
    """Called when a reference count drops to zero: frees what the object owns, then it."""
    kind = load64(o + 8)
    if kind == 16:  # an instance of a class: without recursion (source_instances.py)
        inst_destroy(o)
        return
    if kind == 2:
        table_clear(o)
    if kind == 5:
        key_clear(o)
    if kind == 3 and load64(o + 32) == -3:
        python_release(load64(o + 48))  # the ndarray a borrowed array keeps alive (array_borrow)
    elif kind == 3:
        obj_release(load64(o + 48))
    elif kind == 4:
        items_release(load64(o + 32), load64(o + 16), load64(o + 40), load64(o + 48))
        if load64(o + 32) != o + 64:  # else the items are inside the object
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


def str_from_c_string(p: int) -> int:
    """str_from_utf8 of the NUL-terminated bytes at `p` (a float's repr from CPython): the byte loop
    keeps a cell that makes one from importing libc's strlen (linking libc costs ld ~4 ms)."""
    n = 0
    while load8(p + n) != 0:
        n += 1
    return str_from_utf8(p, n)


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


def str_join_list(sep: int, l: int) -> int:
    """sep.join(l) for a list of str: one new string, or 0: no memory."""
    count = load64(l + 16)
    items = load64(l + 32)
    total = 0
    chars = 0
    for i in range(count):
        part = load64(items + 8 * i)
        total += load64(part + 16)
        chars += load64(part + 24)
    if count > 1:
        total += load64(sep + 16) * (count - 1)
        chars += load64(sep + 24) * (count - 1)
    s = str_new(total)
    if s == 0:
        return 0
    at = s + 40
    for i in range(count):
        if i > 0:
            memcpy(at, sep + 40, load64(sep + 16))
            at += load64(sep + 16)
        part = load64(items + 8 * i)
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


# ---- characters: code points of a str (UTF-8 in memory) -------------------------------
# A str is ASCII when its byte length equals its character count: then character k is byte k.
# Other text is scanned (indexing by character is O(n) there, O(1) for ASCII).


def utf8_width(lead: int) -> int:
    """The bytes of the character whose first byte is `lead`."""
    if lead < 128:
        return 1
    if lead < 224:
        return 2
    if lead < 240:
        return 3
    return 4


def utf8_size(code: int) -> int:
    if code < 128:
        return 1
    if code < 2048:
        return 2
    if code < 65536:
        return 3
    return 4


def utf8_decode(p: int) -> int:
    """The code point whose UTF-8 starts at p."""
    c = load8(p)
    if c < 128:
        return c
    if c < 224:
        return ((c & 31) << 6) | (load8(p + 1) & 63)
    if c < 240:
        return ((c & 15) << 12) | ((load8(p + 1) & 63) << 6) | (load8(p + 2) & 63)
    return ((c & 7) << 18) | ((load8(p + 1) & 63) << 12) | ((load8(p + 2) & 63) << 6) | (load8(p + 3) & 63)


def utf8_encode(p: int, code: int) -> int:
    """Writes code point `code` at p; its width in bytes."""
    if code < 128:
        store8(p, code)
        return 1
    if code < 2048:
        store8(p, 192 | (code >> 6))
        store8(p + 1, 128 | (code & 63))
        return 2
    if code < 65536:
        store8(p, 224 | (code >> 12))
        store8(p + 1, 128 | ((code >> 6) & 63))
        store8(p + 2, 128 | (code & 63))
        return 3
    store8(p, 240 | (code >> 18))
    store8(p + 1, 128 | ((code >> 12) & 63))
    store8(p + 2, 128 | ((code >> 6) & 63))
    store8(p + 3, 128 | (code & 63))
    return 4


def str_offset(s: int, k: int) -> int:
    """The byte offset of character k (0 <= k <= its character count)."""
    if load64(s + 16) == load64(s + 24):
        return k
    p = s + 40
    at = 0
    for _ in range(k):
        at += utf8_width(load8(p + at))
    return at


def str_sub(s: int, lo: int, hi: int, chars: int) -> int:
    """A new str of bytes lo..hi of s, which hold `chars` characters (0: no memory)."""
    r = str_new(hi - lo)
    if r == 0:
        return 0
    memcpy(r + 40, s + 40 + lo, hi - lo)
    store64(r + 24, chars)
    return r


def str_chars_setup() -> None:
    """The 256 one-character strings of code points 0-255, immortal, made once (state word 38),
    as CPython caches its latin-1 characters: s[i] and `for c in s` need not allocate."""
    if load64(state(38)) != 0:
        return
    table = malloc(48 * 256)
    if table == 0:
        return  # str_char allocates instead
    for code in range(256):
        o = table + 48 * code
        store64(o, 4611686018427387904)
        store64(o + 8, 1)
        width = utf8_encode(o + 40, code)
        store8(o + 40 + width, 0)
        store64(o + 16, width)
        store64(o + 24, 1)
        store64(o + 32, -1)
    store64(state(38), table)


def str_char_table() -> int:
    """The address of the cached one-character strings (character c at + 48 * c), or 0."""
    return load64(state(38))


def str_char(code: int) -> int:
    """The one-character str of a code point: cached below 256, else new (0: no memory)."""
    table = load64(state(38))
    if code < 256 and table != 0:
        obj_retain(table + 48 * code)
        return table + 48 * code
    s = str_new(utf8_size(code))
    if s == 0:
        return 0
    utf8_encode(s + 40, code)
    store64(s + 24, 1)
    return s


def str_at(s: int, k: int) -> int:
    """s[k], 0 <= k < len(s), as a new reference (0: no memory)."""
    if load64(s + 16) == load64(s + 24):
        return str_char(load8(s + 40 + k))
    return str_char(utf8_decode(s + 40 + str_offset(s, k)))


def str_at_byte(s: int, at: int) -> int:
    """The character starting at byte `at`, as a new reference (for c in s)."""
    return str_char(utf8_decode(s + 40 + at))


def str_code_at(s: int, k: int) -> int:
    """ord(s[k]), 0 <= k < len(s)."""
    if load64(s + 16) == load64(s + 24):
        return load8(s + 40 + k)
    return utf8_decode(s + 40 + str_offset(s, k))


def str_ord(s: int) -> int:
    """ord(s), or -1 if s is not one character."""
    if load64(s + 24) != 1:
        return -1
    return utf8_decode(s + 40)


def str_slice(s: int, start: int, step: int, count: int) -> int:
    """The `count` characters of s from `start` by `step`, as slice_adjust found them."""
    n = load64(s + 24)
    if step == 1 or count <= 1:
        if count == 0:
            return str_new(0)
        return str_sub(s, str_offset(s, start), str_offset(s, start + count), count)
    if load64(s + 16) == n:
        r = str_new(count)
        if r == 0:
            return 0
        for k in range(count):
            store8(r + 40 + k, load8(s + 40 + start + k * step))
        return r
    offsets = malloc(8 * (n + 1))  # the byte offset of every character
    if offsets == 0:
        return 0
    at = 0
    for k in range(n + 1):
        store64(offsets + 8 * k, at)
        if k < n:
            at += utf8_width(load8(s + 40 + at))
    nbytes = 0
    for k in range(count):
        c = start + k * step
        nbytes += load64(offsets + 8 * c + 8) - load64(offsets + 8 * c)
    r = str_new(nbytes)
    if r != 0:
        at = r + 40
        for k in range(count):
            c = start + k * step
            width = load64(offsets + 8 * c + 8) - load64(offsets + 8 * c)
            memcpy(at, s + 40 + load64(offsets + 8 * c), width)
            at += width
        store64(r + 24, count)
    free(offsets)
    return r


def str_repeat(s: int, n: int) -> int:
    """s * n (the caller has checked that len(s) * n fits, as CPython does); 0: no memory."""
    nb = load64(s + 16)
    if n <= 0 or nb == 0:
        return str_new(0)
    if n > (9223372036854775807 - 41) // nb:
        return 0
    r = str_new(nb * n)
    if r == 0:
        return 0
    memcpy(r + 40, s + 40, nb)
    done = nb
    total = nb * n
    while done < total:  # doubling, as CPython does
        chunk = done if done <= total - done else total - done
        memcpy(r + 40 + done, r + 40, chunk)
        done += chunk
    store64(r + 24, load64(s + 24) * n)
    return r


def str_repeat_overflows(s: int, n: int) -> bool:
    """len(s) * n is more than a str can hold: CPython's OverflowError."""
    chars = load64(s + 24)
    return n > 0 and chars > 0 and chars > 9223372036854775807 // n


# ---- searching -------------------------------------------------------------------------


def str_end(n: int, end: int) -> int:
    """An end index adjusted as CPython's ADJUST_INDICES does (start: str_start)."""
    if end > n:
        return n
    if end < 0:
        end += n
        if end < 0:
            return 0
    return end


def str_start(n: int, start: int) -> int:
    if start < 0:
        start += n
        if start < 0:
            return 0
    return start


def str_search(s: int, sub: int, lo: int, hi: int, backwards: bool) -> int:
    """The byte offset of the first (last) occurrence of sub within bytes lo..hi, or -1."""
    m = load64(sub + 16)
    if m == 0:
        return hi if backwards else lo
    first = load8(sub + 40)
    p = s + 40
    if backwards:
        i = hi - m
        while i >= lo:
            if load8(p + i) == first and memcmp(p + i, sub + 40, m) == 0:
                return i
            i -= 1
        return -1
    for i in range(lo, hi - m + 1):
        if load8(p + i) == first and memcmp(p + i, sub + 40, m) == 0:
            return i
    return -1


def str_find(s: int, sub: int, start: int, end: int, backwards: bool) -> int:
    """s.find(sub, start, end) or s.rfind(...): a character index, or -1."""
    n = load64(s + 24)
    end = str_end(n, end)
    start = str_start(n, start)
    if end - start < load64(sub + 24):
        return -1
    lo = str_offset(s, start)
    hi = str_offset(s, end) if load64(s + 16) != n else end
    at = str_search(s, sub, lo, hi, backwards)
    if at < 0 or load64(s + 16) == n:
        return at
    return start + utf8_chars(s + 40 + lo, at - lo)


def str_count(s: int, sub: int, start: int, end: int) -> int:
    """s.count(sub, start, end): occurrences that do not overlap."""
    n = load64(s + 24)
    end = str_end(n, end)
    start = str_start(n, start)
    if end - start < load64(sub + 24):
        return 0
    m = load64(sub + 16)
    if m == 0:
        return end - start + 1
    lo = str_offset(s, start)
    hi = str_offset(s, end) if load64(s + 16) != n else end
    count = 0
    at = str_search(s, sub, lo, hi, False)
    while at >= 0:
        count += 1
        at = str_search(s, sub, at + m, hi, False)
    return count


def str_tailmatch(s: int, sub: int, start: int, end: int, at_end: bool) -> bool:
    """s.startswith(sub, start, end), or s.endswith(...) when at_end."""
    n = load64(s + 24)
    end = str_end(n, end)
    start = str_start(n, start)
    m = load64(sub + 24)
    if end - start < m:
        return False
    k = end - m if at_end else start
    lo = str_offset(s, k)
    mb = load64(sub + 16)
    if lo + mb > load64(s + 16):
        return False
    return memcmp(s + 40 + lo, sub + 40, mb) == 0


def str_replace(s: int, old: int, new: int, count: int) -> int:
    """s.replace(old, new, count) (count < 0: all); 0: no memory."""
    ns = load64(s + 16)
    no = load64(old + 16)
    nn = load64(new + 16)
    n = load64(s + 24)
    if count < 0:
        count = 9223372036854775807
    k = 0
    if no == 0:
        k = n + 1 if count > n else count
    else:
        at = str_search(s, old, 0, ns, False)
        while at >= 0 and k < count:
            k += 1
            at = str_search(s, old, at + no, ns, False)
    if k == 0:
        obj_retain(s)
        return s
    r = str_new(ns + k * (nn - no))
    if r == 0:
        return 0
    out = r + 40
    src = 0
    for _ in range(k):
        at = src if no == 0 else str_search(s, old, src, ns, False)
        memcpy(out, s + 40 + src, at - src)
        out += at - src
        memcpy(out, new + 40, nn)
        out += nn
        src = at + no
        if no == 0 and src < ns:  # the character after the insertion
            width = utf8_width(load8(s + 40 + src))
            memcpy(out, s + 40 + src, width)
            out += width
            src += width
    memcpy(out, s + 40 + src, ns - src)
    store64(r + 24, n + k * (load64(new + 24) - load64(old + 24)))
    return r


# ---- splitting ----------------------------------------------------------------------------

def str_piece(l: int, s: int, lo: int, hi: int) -> bool:
    """Append bytes lo..hi of s, as a new str, to the list of str l; False: no memory."""
    piece = str_sub(s, lo, hi, utf8_chars(s + 40 + lo, hi - lo))
    if piece == 0:
        return False
    at = list_push(l)
    if at == 0:
        obj_release(piece)
        return False
    store64(at, piece)
    return True


def space_at(p: int, i: int) -> bool:
    return code_is_space(utf8_decode(p + i))


def char_before(p: int, i: int) -> int:
    """The byte offset of the character that ends at byte i (i > 0)."""
    j = i - 1
    while load8(p + j) & 192 == 128:
        j -= 1
    return j


def str_split(s: int, sep: int, maxsplit: int, backwards: bool) -> int:
    """s.split(sep, maxsplit), or s.rsplit if backwards: a new list of str, or 0: no memory. sep 0
    splits at runs of whitespace (CPython's split_whitespace); any other sep is not empty."""
    l = list_new(0, 8, 1)
    if l == 0:
        return 0
    n = load64(s + 16)
    p = s + 40
    ok = True
    count = 0
    if sep != 0:
        m = load64(sep + 16)
        if backwards:
            end = n
            while ok and (maxsplit < 0 or count < maxsplit):
                i = str_search(s, sep, 0, end, True)
                if i < 0:
                    break
                ok = str_piece(l, s, i + m, end)
                end = i
                count += 1
            if ok:
                ok = str_piece(l, s, 0, end)
        else:
            start = 0
            while ok and (maxsplit < 0 or count < maxsplit):
                i = str_search(s, sep, start, n, False)
                if i < 0:
                    break
                ok = str_piece(l, s, start, i)
                start = i + m
                count += 1
            if ok:
                ok = str_piece(l, s, start, n)
    elif backwards:
        end = n
        while ok:
            while end > 0 and space_at(p, char_before(p, end)):
                end = char_before(p, end)
            if end <= 0:
                break
            if maxsplit >= 0 and count == maxsplit:
                ok = str_piece(l, s, 0, end)
                break
            j = end
            while j > 0 and not space_at(p, char_before(p, j)):
                j = char_before(p, j)
            ok = str_piece(l, s, j, end)
            end = j
            count += 1
    else:
        i = 0
        while ok:
            while i < n and space_at(p, i):
                i += utf8_width(load8(p + i))
            if i >= n:
                break
            if maxsplit >= 0 and count == maxsplit:
                ok = str_piece(l, s, i, n)
                break
            j = i
            while j < n and not space_at(p, j):
                j += utf8_width(load8(p + j))
            ok = str_piece(l, s, i, j)
            i = j
            count += 1
    if not ok:
        obj_release(l)
        return 0
    if backwards:
        list_reverse(l)
    store64(l + 56, 0)
    return l


# ---- classes of characters, case, padding --------------------------------------------------


def code_is_space(c: int) -> bool:
    """Python's str.isspace() of one code point (Unicode White_Space and bidi classes B, S, WS)."""
    if c < 128:
        return (9 <= c <= 13) or (28 <= c <= 32)
    return c == 133 or c == 160 or c == 5760 or (8192 <= c <= 8202) or c == 8232 or c == 8233 \
        or c == 8239 or c == 8287 or c == 12288


def str_has_code(chars: int, c: int) -> bool:
    """Is code point c one of the characters of str `chars`?"""
    n = load64(chars + 16)
    at = 0
    while at < n:
        if utf8_decode(chars + 40 + at) == c:
            return True
        at += utf8_width(load8(chars + 40 + at))
    return False


def str_strip(s: int, chars: int, mode: int) -> int:
    """s.strip(chars) (mode 3), lstrip (1), rstrip (2); chars 0: whitespace. 0: no memory."""
    n = load64(s + 16)
    lo = 0
    hi = n
    if mode & 1 != 0:
        while lo < hi:
            c = utf8_decode(s + 40 + lo)
            if not (code_is_space(c) if chars == 0 else str_has_code(chars, c)):
                break
            lo += utf8_width(load8(s + 40 + lo))
    if mode & 2 != 0:
        while hi > lo:
            at = hi - 1
            while load8(s + 40 + at) & 192 == 128:
                at -= 1
            c = utf8_decode(s + 40 + at)
            if not (code_is_space(c) if chars == 0 else str_has_code(chars, c)):
                break
            hi = at
    if lo == 0 and hi == n:
        obj_retain(s)
        return s
    return str_sub(s, lo, hi, utf8_chars(s + 40 + lo, hi - lo))


def str_ascii_case(s: int, upper: bool) -> int:
    """s.upper() or s.lower() of an ASCII str; 0: no memory."""
    n = load64(s + 16)
    r = str_new(n)
    if r == 0:
        return 0
    for i in range(n):
        c = load8(s + 40 + i)
        if upper and 97 <= c <= 122:
            c -= 32
        elif not upper and 65 <= c <= 90:
            c += 32
        store8(r + 40 + i, c)
    return r


def str_ascii_class(s: int, kind: int) -> int:
    """For an ASCII str: 1 if it is not empty and every character is a digit (kind 0), a letter (1),
    a space (2), a letter or digit (3), else 0. -1 for other text (Python answers: Unicode's tables)."""
    n = load64(s + 16)
    if n != load64(s + 24):
        return -1
    if n == 0:
        return 0
    for i in range(n):
        c = load8(s + 40 + i)
        digit = 48 <= c <= 57
        letter = (65 <= c <= 90) or (97 <= c <= 122)
        ok = digit if kind == 0 else letter if kind == 1 else code_is_space(c) if kind == 2 else digit or letter
        if not ok:
            return 0
    return 1


def str_justify(s: int, width: int, fill: int, mode: int) -> int:
    """s.ljust(width, fill) (mode 0), rjust (1), center (2), zfill (3; fill ignored); fill is a
    one-character str. 0: no memory."""
    n = load64(s + 24)
    if n >= width:
        obj_retain(s)
        return s
    margin = width - n
    left = 0
    if mode == 1 or mode == 3:
        left = margin
    elif mode == 2:
        left = margin // 2 + (margin & width & 1)
    code = 48 if mode == 3 else utf8_decode(fill + 40)
    fw = utf8_size(code)
    nb = load64(s + 16)
    r = str_new(nb + margin * fw)
    if r == 0:
        return 0
    out = r + 40
    for _ in range(left):
        out += utf8_encode(out, code)
    memcpy(out, s + 40, nb)
    out += nb
    for _ in range(margin - left):
        out += utf8_encode(out, code)
    store64(r + 24, width)
    if mode == 3 and nb > 0:
        sign = load8(r + 40 + left)
        if sign == 43 or sign == 45:
            store8(r + 40, sign)
            store8(r + 40 + left, 48)
    return r


# ---- numbers from text, text from numbers ---------------------------------------------------


def str_from_int_base(value: int, base: int) -> int:
    """hex(), oct(), bin(): "-0x1f" and the like (base 16, 8, 2)."""
    digits = 1
    rest = value // base if value >= 0 else -(value // -base)
    while rest != 0:
        digits += 1
        rest = rest // base if rest > 0 else -(rest // -base)
    negative = 1 if value < 0 else 0
    s = str_new(negative + 2 + digits)
    if s == 0:
        return 0
    if negative == 1:
        store8(s + 40, 45)
    store8(s + 40 + negative, 48)
    store8(s + 41 + negative, 120 if base == 16 else 111 if base == 8 else 98)
    at = s + 40 + negative + 2 + digits - 1
    rest = value
    for _ in range(digits):
        digit = rest % base if rest >= 0 else -(rest % -base)
        store8(at, digit + 48 if digit < 10 else digit + 87)
        at -= 1
        rest = rest // base if rest >= 0 else -(rest // -base)
    return s


def digit_value(c: int) -> int:
    """The value of an ASCII digit or letter (a-z, A-Z: 10-35), else 99."""
    if 48 <= c <= 57:
        return c - 48
    if 97 <= c <= 122:
        return c - 87
    if 65 <= c <= 90:
        return c - 55
    return 99


def str_to_int(s: int, base: int, out: int) -> bool:
    """int(s, base) of ASCII text into the word at `out`. False whenever CPython's answer is not
    surely this one (a bad literal, a value near or beyond 64 bits, non-ASCII text, a bad base):
    the caller then asks Python, which gives the value or CPython's exact error."""
    n = load64(s + 16)
    if n != load64(s + 24) or base == 1 or base < 0 or base > 36:
        return False
    p = s + 40
    lo = 0
    hi = n
    while lo < hi and code_is_space(load8(p + lo)):
        lo += 1
    while hi > lo and code_is_space(load8(p + hi - 1)):
        hi -= 1
    negative = False
    if lo < hi and (load8(p + lo) == 43 or load8(p + lo) == 45):
        negative = load8(p + lo) == 45
        lo += 1
    prefixed = False
    if hi - lo >= 2 and load8(p + lo) == 48:
        letter = load8(p + lo + 1) | 32
        if (letter == 120 and (base == 16 or base == 0)) or (letter == 111 and (base == 8 or base == 0)) \
                or (letter == 98 and (base == 2 or base == 0)):
            base = 16 if letter == 120 else 8 if letter == 111 else 2
            lo += 2
            prefixed = True
    if base == 0:
        if hi - lo >= 2 and load8(p + lo) == 48:
            return False  # "010": only zero may be written so (Python decides)
        base = 10
    if lo < hi and load8(p + lo) == 95 and prefixed:
        lo += 1  # 0x_1f
    if lo == hi:
        return False
    limit = -(9223372036854775807 // base)
    acc = 0  # negative: -2**63 fits
    previous_underscore = True
    for i in range(lo, hi):
        c = load8(p + i)
        if c == 95:
            if previous_underscore:
                return False
            previous_underscore = True
            continue
        d = digit_value(c)
        if d >= base or acc < limit:
            return False
        acc = acc * base
        if acc < -9223372036854775807 - 1 + d:
            return False
        acc -= d
        previous_underscore = False
    if previous_underscore:
        return False
    if not negative:
        if acc == -9223372036854775807 - 1:
            return False
        acc = -acc
    store64(out, acc)
    return True


def str_to_float(s: int, out: int) -> bool:
    """float(s) of plain ASCII decimal text whose value needs no rounding beyond one correctly
    rounded operation (at most 15 significant digits, a power of ten up to 22: Clinger's fast
    path) into the double at `out`. False otherwise: the caller asks Python."""
    n = load64(s + 16)
    if n != load64(s + 24):
        return False
    p = s + 40
    lo = 0
    hi = n
    while lo < hi and code_is_space(load8(p + lo)):
        lo += 1
    while hi > lo and code_is_space(load8(p + hi - 1)):
        hi -= 1
    negative = False
    if lo < hi and (load8(p + lo) == 43 or load8(p + lo) == 45):
        negative = load8(p + lo) == 45
        lo += 1
    mantissa = 0
    digits = 0
    scale = 0
    seen_point = False
    seen_digit = False
    exponent = 0
    i = lo
    while i < hi:
        c = load8(p + i)
        if 48 <= c <= 57:
            seen_digit = True
            if mantissa != 0 or c != 48:
                digits += 1
            if digits > 15:
                return False
            mantissa = mantissa * 10 + (c - 48)
            if seen_point:
                scale -= 1
        elif c == 46 and not seen_point:
            seen_point = True
        else:
            break
        i += 1
    if not seen_digit:
        return False
    if i < hi:
        if load8(p + i) | 32 != 101:
            return False
        i += 1
        sign = 1
        if i < hi and (load8(p + i) == 43 or load8(p + i) == 45):
            sign = -1 if load8(p + i) == 45 else 1
            i += 1
        if i == hi:
            return False
        while i < hi:
            c = load8(p + i)
            if c < 48 or c > 57 or exponent > 1000:
                return False
            exponent = exponent * 10 + (c - 48)
            i += 1
        scale += sign * exponent
    if scale < -22 or scale > 22:
        return False
    value = float(mantissa)
    power = 1.0
    for _ in range(scale if scale > 0 else -scale):
        power = power * 10.0
    value = value * power if scale >= 0 else value / power
    storef(out, -value if negative else value)
    return True


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
    kinds = load64(t + 16)
    h = key
    if kinds & 255 == 1:
        h = str_hash(key)
    elif kinds & 255 == 2:
        h = key_hash(kinds, key)  # source_keys.py
    h = (h ^ ((h >> 30) & 17179869183)) * -4658895280553007687
    h = (h ^ ((h >> 27) & 137438953471)) * -7723592293110705685
    return h ^ ((h >> 31) & 8589934591)


def table_keys_equal(t: int, a: int, b: int) -> bool:
    kinds = load64(t + 16)
    if kinds & 255 == 1:
        return str_equal(a, b)
    if kinds & 255 == 2:
        return key_equal(kinds, a, b)
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
    kinds = load64(t + 16)
    if kinds & 255 == 2:
        key = key_keep(kinds, key)  # a tuple: the table keeps a copy of its words
        if key == 0:
            return False
    store64(t + 72, 1)
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
    if kinds & 255 == 2:
        key_release(load64(entry + 8))
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
    if kinds & 255 != 0 or (kinds >> 8) & 255 == 3:
        for e in range(load64(t + 32)):
            entry = entries + 32 * e
            if load64(entry + 24) == 1:
                if kinds & 255 == 1:
                    obj_release(load64(entry + 8))
                if kinds & 255 == 2:
                    key_release(load64(entry + 8))
                if (kinds >> 8) & 255 == 3:
                    obj_release(load64(entry + 16))
    free(entries)
    free(load64(t + 64))


# ---- sets: dict tables whose values are all 0 (compiler/lower/sets.py) ----------------------------
# A set is a table (kind 2, value kind int) used for its keys alone: add is table_set(t, x, 0).
# Functions that make a set return it owned, or 0 when out of memory (what they made freed).


def set_add_from(t: int, source: int, against: int, keep: bool) -> bool:
    """Add to t each element of source that is in `against` (keep) or not in it (not keep); all of
    them when against is 0. False when out of memory, t holding what was added before."""
    used = load64(source + 32)
    for e in range(used):
        entry = load64(source + 48) + 32 * e  # re-read: t may be source, whose entries move when it grows
        if load64(entry + 24) == 1:
            key = load64(entry + 8)
            if against == 0 or (table_find(against, key) >= 0) == keep:
                if not table_set(t, key, 0):
                    return False
    return True


def set_retain(t: int, other: int, keep: bool) -> None:
    """Remove from t each element that is not in other (keep), or that is in it (not keep).
    other may be t itself: an element still being looked at has not been removed yet."""
    entries = load64(t + 48)
    for e in range(load64(t + 32)):
        entry = entries + 32 * e
        if load64(entry + 24) == 1:
            key = load64(entry + 8)
            if (table_find(other, key) >= 0) != keep:
                table_erase(t, key)


def set_made(t: int, a: int, b: int, mode: int) -> int:
    """A new set of t's kinds: a | b (mode 0), a & b (1), a - b (2), a ^ b (3); or 0."""
    c = table_new(load64(t + 16))
    if c == 0:
        return 0
    done = False
    if mode == 0:
        done = set_add_from(c, a, 0, True) and set_add_from(c, b, 0, True)
    elif mode == 1:
        done = set_add_from(c, a, b, True)
    elif mode == 2:
        done = set_add_from(c, a, b, False)
    else:
        done = set_add_from(c, a, b, False) and set_add_from(c, b, a, False)
    if not done:
        obj_release(c)
        return 0
    return c


def set_copy(t: int) -> int:
    return set_made(t, t, t, 0)


def set_update(a: int, b: int, mode: int) -> bool:
    """a |= b (mode 0), a &= b (1), a -= b (2), a ^= b (3), in place. False when out of memory
    (|= and ^= add elements; a holds what was added before)."""
    if mode == 0:
        return set_add_from(a, b, 0, True)
    if mode == 1:
        set_retain(a, b, True)
        return True
    if mode == 2 or a == b:
        set_retain(a, b, False)  # a ^= a empties a, as a -= a does
        return True
    entries = load64(b + 48)
    for e in range(load64(b + 32)):
        entry = entries + 32 * e
        if load64(entry + 24) == 1:
            key = load64(entry + 8)
            if not table_erase(a, key):
                if not table_set(a, key, 0):
                    return False
    return True


def set_within(a: int, b: int) -> bool:
    """a <= b: every element of a is in b."""
    if load64(a + 24) > load64(b + 24):
        return False
    entries = load64(a + 48)
    for e in range(load64(a + 32)):
        entry = entries + 32 * e
        if load64(entry + 24) == 1 and table_find(b, load64(entry + 8)) < 0:
            return False
    return True


def table_equal(a: int, b: int, equal: int, boxed: int) -> bool:
    """a == b for dicts: the same keys, each with equal values. `equal` compares the values at two
    addresses (list_equal's item comparisons); `boxed`: 1 if each value is a box, whose item it
    compares (compiler/lower/dicts.py)."""
    if load64(a + 24) != load64(b + 24):
        return False
    entries = load64(a + 48)
    for e in range(load64(a + 32)):
        entry = entries + 32 * e
        if load64(entry + 24) == 1:
            f = table_find(b, load64(entry + 8))
            if f < 0:
                return False
            x = entry + 16
            y = load64(b + 48) + 32 * f + 16
            if boxed == 1:
                x = load64(load64(x) + 32)
                y = load64(load64(y) + 32)
            if call_c_int(equal, x, y, 0) == 0:
                return False
    return True


# ---- lists (compiler/lower/lists.py; the boundary: runtime/lists.py) -----------------------

def list_new(n: int, size: int, mask: int) -> int:
    """A list of n items of `size` bytes, zeroed (the caller fills them), or 0: no memory."""
    return list_made(n, size, mask, True)


def list_made(n: int, size: int, mask: int, zeroed: bool) -> int:
    """list_new, with items zeroed or not (the caller then writes every one: a copy)."""
    if n < 0 or n > 1152921504606846975 // size:  # 2**60 - 1 bytes: more than any memory
        return 0
    capacity = n if n > 4 else 4
    nbytes = capacity * size
    if nbytes <= 256:  # small: the items follow the header, one allocation (list_reserve moves them out)
        l = obj_alloc(64 + nbytes, 4)
        if l == 0:
            return 0
        items = l + 64
        if zeroed:
            memset(items, 0, nbytes)
    else:
        items = calloc(capacity, size) if zeroed else malloc(nbytes)
        l = obj_alloc(64, 4) if items != 0 else 0
        if l == 0:
            free(items)
            return 0
    store64(l + 16, n)
    store64(l + 24, capacity)
    store64(l + 32, items)
    store64(l + 40, size)
    store64(l + 48, mask)
    store64(l + 56, 0)
    return l


def items_release(at: int, count: int, size: int, mask: int) -> None:
    """Release the objects of `count` items of `size` bytes at `at` (the words `mask` marks: an
    item with objects is whole words)."""
    if mask != 0:
        for i in range(count):
            for k in range(size // 8):
                if (mask >> k) & 1 == 1:
                    obj_release(load64(at + size * i + 8 * k))


def items_retain(at: int, count: int, size: int, mask: int) -> None:
    if mask != 0:
        for i in range(count):
            for k in range(size // 8):
                if (mask >> k) & 1 == 1:
                    obj_retain(load64(at + size * i + 8 * k))


def list_reserve(l: int, needed: int) -> bool:
    """Room for `needed` items (growing as CPython's lists do); False, the list unchanged, when out
    of memory."""
    if needed <= load64(l + 24):
        return True
    size = load64(l + 40)
    capacity = needed + (needed >> 3) + 6
    if capacity > 1152921504606846975 // size:
        return False
    old = load64(l + 32)
    if old == l + 64:  # items inside the object (list_made): moved to memory of their own
        items = malloc(capacity * size)
        if items == 0:
            return False
        memcpy(items, old, load64(l + 16) * size)
    else:
        items = realloc(old, capacity * size)
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
    return load64(l + 32) + load64(l + 40) * n


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
    size = load64(l + 40)
    at = load64(l + 32) + size * i
    memmove(at + size, at, size * (n - i))
    store64(l + 16, n + 1)
    store64(l + 56, 1)
    return at


def list_close(l: int, i: int) -> None:
    """Remove item i (0 <= i < len) whose references the caller has taken over or released."""
    n = load64(l + 16)
    size = load64(l + 40)
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
    size = load64(a + 40)
    n = stop - start
    l = list_made(n, size, load64(a + 48), False)
    if l == 0:
        return 0
    memcpy(load64(l + 32), load64(a + 32) + size * start, size * n)
    items_retain(load64(l + 32), n, size, load64(a + 48))
    return l


def slice_adjust(n: int, start: int, stop: int, step: int, given: int, out: int) -> None:
    """The items a slice [start:stop:step] of a sequence of n items selects (step != 0; `given`: 1
    start, 2 stop, 4 step written), as CPython's PySlice_Unpack and PySlice_AdjustIndices find them:
    the first index, the step and the count, written to the 3 words at `out`."""
    if given & 4 == 0:
        step = 1
    if step < -9223372036854775807:
        step = -9223372036854775807
    if given & 1 == 0:
        start = 9223372036854775807 if step < 0 else 0
    if given & 2 == 0:
        stop = -9223372036854775807 - 1 if step < 0 else 9223372036854775807
    if start < 0:
        start += n
        if start < 0:
            start = -1 if step < 0 else 0
    elif start >= n:
        start = n - 1 if step < 0 else n
    if stop < 0:
        stop += n
        if stop < 0:
            stop = -1 if step < 0 else 0
    elif stop >= n:
        stop = n - 1 if step < 0 else n
    count = 0
    if step < 0:
        if stop < start:
            count = start - stop if step == -1 else (start - stop - 1) // -step + 1
    elif start < stop:
        count = stop - start if step == 1 else (stop - start - 1) // step + 1
    store64(out, start)
    store64(out + 8, step)
    store64(out + 16, count)


def item_copy(to: int, at: int, size: int) -> None:
    """Copy one item of `size` bytes (a bool's byte, or a few words): cheaper than calling memcpy."""
    if size == 1:
        store8(to, load8(at))
        return
    j = 0
    while j < size:
        store64(to + j, load64(at + j))
        j += 8


def list_pick(a: int, start: int, step: int, count: int) -> int:
    """A new list of the `count` items of a from `start` by `step` (slice_adjust's), or 0: no memory."""
    size = load64(a + 40)
    l = list_made(count, size, load64(a + 48), False)
    if l == 0:
        return 0
    source = load64(a + 32)
    items = load64(l + 32)
    if step == 1:
        memcpy(items, source + size * start, size * count)
    else:
        for k in range(count):
            item_copy(items + size * k, source + size * (start + k * step), size)
    items_retain(items, count, size, load64(a + 48))
    return l


def list_splice(l: int, start: int, count: int, b: int) -> bool:
    """l[start:start + count] = b (b may be l); False, l unchanged, when out of memory."""
    copy = 0
    if b == l:
        copy = list_slice(l, 0, load64(l + 16))
        if copy == 0:
            return False
        b = copy
    n = load64(l + 16)
    m = load64(b + 16)
    if not list_reserve(l, n - count + m):
        if copy != 0:
            obj_release(copy)
        return False
    size = load64(l + 40)
    mask = load64(l + 48)
    at = load64(l + 32) + size * start
    items_release(at, count, size, mask)
    memmove(at + size * m, at + size * count, size * (n - start - count))
    memcpy(at, load64(b + 32), size * m)
    items_retain(at, m, size, mask)
    store64(l + 16, n - count + m)
    store64(l + 56, 1)
    if copy != 0:
        obj_release(copy)
    return True


def list_assign_extended(l: int, start: int, step: int, count: int, b: int) -> bool:
    """l[start::step] = b for the `count` items slice_adjust found, b of that length (b may be l);
    False, l unchanged, when out of memory."""
    copy = 0
    if b == l:
        copy = list_slice(l, 0, load64(l + 16))
        if copy == 0:
            return False
        b = copy
    size = load64(l + 40)
    mask = load64(l + 48)
    items = load64(l + 32)
    source = load64(b + 32)
    for k in range(count):
        at = items + size * (start + k * step)
        items_release(at, 1, size, mask)
        memcpy(at, source + size * k, size)
        items_retain(at, 1, size, mask)
    store64(l + 56, 1)
    if copy != 0:
        obj_release(copy)
    return True


def list_delete_slice(l: int, start: int, step: int, count: int) -> None:
    """del l[start::step] for the `count` items slice_adjust found."""
    if count == 0:
        return
    if step < 0:
        start = start + step * (count - 1)
        step = -step
    n = load64(l + 16)
    size = load64(l + 40)
    mask = load64(l + 48)
    items = load64(l + 32)
    last = start + step * (count - 1)
    write = start
    for read in range(start, n):
        at = items + size * read
        if read <= last and (read - start) % step == 0:
            items_release(at, 1, size, mask)
        else:
            memmove(items + size * write, at, size)
            write += 1
    store64(l + 16, n - count)
    store64(l + 56, 1)


def list_extend(l: int, b: int) -> bool:
    """l += b (b may be l); False, l unchanged, when out of memory."""
    n = load64(l + 16)
    nb = load64(b + 16)
    if not list_reserve(l, n + nb):
        return False
    size = load64(l + 40)
    at = load64(l + 32) + size * n
    memcpy(at, load64(b + 32), size * nb)
    items_retain(at, nb, size, load64(l + 48))
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
    size = load64(l + 40)
    items = load64(l + 32)
    total = n * times
    filled = n
    while filled < total:
        chunk = min(filled, total - filled)
        memcpy(items + size * filled, items, size * chunk)
        filled += chunk
    items_retain(items + size * n, total - n, size, load64(l + 48))
    store64(l + 16, total)
    store64(l + 56, 1)
    return True


def list_reverse(l: int) -> None:
    n = load64(l + 16)
    size = load64(l + 40)
    items = load64(l + 32)
    for i in range(n // 2):
        x = items + size * i
        y = items + size * (n - 1 - i)
        if size == 1:
            c = load8(x)
            store8(x, load8(y))
            store8(y, c)
        else:
            for k in range(size // 8):
                w = load64(x + 8 * k)
                store64(x + 8 * k, load64(y + 8 * k))
                store64(y + 8 * k, w)
    store64(l + 56, 1)


def list_find(l: int, value: int, equal: int, start: int, stop: int) -> int:
    """The first index in start..stop whose item equals the item at `value` (`equal`: the cell's item
    comparison, 1 when equal), or -1."""
    i = start
    while i < load64(l + 16) and i < stop:
        if call_c_int(equal, load64(l + 32) + load64(l + 40) * i, value, 0) != 0:
            return i
        i += 1
    return -1


def list_count(l: int, value: int, equal: int) -> int:
    count = 0
    for i in range(load64(l + 16)):
        if call_c_int(equal, load64(l + 32) + load64(l + 40) * i, value, 0) != 0:
            count += 1
    return count


def list_equal(a: int, b: int, equal: int) -> bool:
    n = load64(a + 16)
    if n != load64(b + 16):
        return False
    size = load64(a + 40)
    for i in range(n):
        if call_c_int(equal, load64(a + 32) + size * i, load64(b + 32) + size * i, 0) == 0:
            return False
    return True


def set_disjoint(a: int, b: int) -> bool:
    entries = load64(a + 48)
    for e in range(load64(a + 32)):
        entry = entries + 32 * e
        if load64(entry + 24) == 1 and table_find(b, load64(entry + 8)) >= 0:
            return False
    return True


def set_pop(t: int) -> int:
    """Remove the newest element of a set that is not empty and return it (a str: the reference
    the set held, now the caller's; a tuple: its key word, whose key object is now the caller's). Trailing deleted entries are dropped, so popping until empty
    is linear."""
    entries = load64(t + 48)
    e = load64(t + 32) - 1
    while load64(entries + 32 * e + 24) != 1:
        e -= 1
    entry = entries + 32 * e
    key = load64(entry + 8)
    i = table_slot(t, key, load64(entry))
    store64(entry + 24, 0)
    store64(load64(t + 64) + 8 * i, -2)
    store64(t + 24, load64(t + 24) - 1)
    store64(t + 32, e)  # no index slot names an entry past e: they are all deleted
    store64(t + 72, 1)
    return key


def set_clear(t: int) -> None:
    """Remove every element, keeping the table's memory."""
    entries = load64(t + 48)
    key_kind = load64(t + 16) & 255
    for e in range(load64(t + 32)):
        entry = entries + 32 * e
        if load64(entry + 24) == 1 and key_kind == 1:
            obj_release(load64(entry + 8))
        if load64(entry + 24) == 1 and key_kind == 2:
            key_release(load64(entry + 8))
    memset(load64(t + 64), 255, 8 * load64(t + 56))
    store64(t + 24, 0)
    store64(t + 32, 0)
    store64(t + 72, 1)


def list_order(a: int, b: int, equal: int, order: int, op: int) -> bool:
    """a < b (op 0), a <= b (1), a > b (2), a >= b (3), as Python compares lists: the first items
    that differ decide (compared by `order`), else the lengths."""
    na = load64(a + 16)
    nb = load64(b + 16)
    size = load64(a + 40)
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


def list_sort(l: int, less: int, reverse: bool) -> bool:
    """A stable merge sort of l's items by `less` (item < item, called as less(a, b, 0)); reverse
    keeps equal items in their order, as Python's does. False, l unchanged, when out of memory."""
    n = load64(l + 16)
    if n < 2:
        return True
    size = load64(l + 40)
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
            x = source + size * i
            x_end = source + size * middle
            y = x_end
            y_end = source + size * high
            to = target + size * i
            while x < x_end and y < y_end:
                # y first (1) or x (0), without a branch: which one wins is unpredictable
                later = call_c_int(less, x, y, 0) if reverse else call_c_int(less, y, x, 0)
                item_copy(to, x + (y - x) * later, size)
                y += size * later
                x += size - size * later
                to += size
            memcpy(to, x, x_end - x)
            memcpy(to + (x_end - x), y, y_end - y)
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
    """After sorting `pairs` (each a key's words then an item of l, in words of its own), put l's
    items in their order."""
    n = load64(l + 16)
    size = load64(l + 40)
    pair = load64(pairs + 40)
    for i in range(n):
        memcpy(load64(l + 32) + size * i, load64(pairs + 32) + pair * i + 8 * key_words, size)
    store64(l + 56, 1)


def list_range(start: int, stop: int, step: int) -> int:
    """list(range(start, stop, step)) for step != 0, or 0: no memory."""
    n = 0
    if step > 0 and start < stop:
        n = (stop - start - 1) // step + 1
    elif step < 0 and start > stop:
        n = (start - stop - 1) // (-step) + 1
    l = list_new(n, 8, 0)
    if l == 0:
        return 0
    items = load64(l + 32)
    value = start
    for i in range(n):
        store64(items + 8 * i, value)
        value += step
    return l


# ---- lists at the boundary: Python lists of int, float or bool <-> runtime lists (runtime/lists.py) ----
# These call CPython's C API through capi slots (internal.py), holding the GIL (the boundary
# calls them with it held; PyGILState_Ensure is then cheap). `kind`: 0 int, 1 float, 2 bool;
# `true`, `false`: the addresses of Python's True and False. State word 39 is their scratch
# word (a float's bits), used only under the GIL.


def list_from_python(py: int, kind: int, true: int, false: int) -> int:
    """A new list with the items of the Python list `py` (one word each, a bool one byte), or -1 - i when item i is
    not plainly of the kind (the Python side then converts the list itself, or names the bad
    item), or 0: no memory. An int is what PyLong_AsLongLongAndOverflow takes (an __index__), a
    float what PyFloat_AsDouble takes (a __float__ or an int), a bool only True or False."""
    gil = PyGILState_Ensure()
    n = PyList_Size(py)
    size = 1 if kind == 2 else 8
    l = list_new(n, size, 0)
    if l == 0:
        PyGILState_Release(gil)
        return 0
    items = load64(l + 32)
    bad = -1
    for i in range(n):
        item = PyList_GetItem(py, i)
        at = items + size * i
        if item == 0:  # the list shrank (an item's __index__ or __float__ changed it)
            bad = i
        elif kind == 1:
            x = PyFloat_AsDouble(item)
            if x == -1.0 and PyErr_Occurred() != 0:
                bad = i
            storef(at, x)
        elif kind == 0:
            store64(at, 0)  # PyLong_AsLongLongAndOverflow's C int flag goes into the item's word first
            value = PyLong_AsLongLongAndOverflow(item, at)
            if load32(at) != 0 or (value == -1 and PyErr_Occurred() != 0):
                bad = i
            store64(at, value)
        elif item == true:
            store8(at, 1)
        elif item != false:
            bad = i
        if bad >= 0:
            PyErr_Clear()
            obj_release(l)
            PyGILState_Release(gil)
            return -1 - bad
    PyGILState_Release(gil)
    return l


def python_item(at: int, kind: int, true: int, false: int) -> int:
    """A new reference to the Python value of the item at `at` (a word; a bool's byte), or 0
    (MemoryError set)."""
    if kind == 1:
        return PyFloat_FromDouble(loadf(at))
    if kind == 0:
        return PyLong_FromLongLong(load64(at))
    b = true if load8(at) != 0 else false
    Py_IncRef(b)
    return b


def python_item_same(old: int, at: int, kind: int, true: int, false: int) -> bool:
    """Does the Python object `old` already hold the value of the item at `at` (the same bits)?"""
    if kind == 2:
        return old == (true if load8(at) != 0 else false)
    scratch = state(39)
    if kind == 1:
        storef(scratch, PyFloat_AsDouble(old))
        value = load64(scratch)
    else:
        store64(scratch, 0)
        value = PyLong_AsLongLongAndOverflow(old, scratch)
        if load32(scratch) != 0:
            return False
    if PyErr_Occurred() != 0:
        PyErr_Clear()
        return False
    return value == load64(at)


def list_to_python(l: int, kind: int, true: int, false: int) -> int:
    """A new Python list with the items of `l`, or 0 with MemoryError set."""
    gil = PyGILState_Ensure()
    n = load64(l + 16)
    items = load64(l + 32)
    size = load64(l + 40)
    py = PyList_New(n)
    if py != 0:
        for i in range(n):
            item = python_item(items + size * i, kind, true, false)
            if item == 0:
                Py_DecRef(py)
                py = 0
                break
            PyList_SetItem(py, i, item)
    PyGILState_Release(gil)
    return py


def list_into_python(l: int, py: int, kind: int, true: int, false: int) -> int:
    """Write the items of `l` into the Python list `py` of the same length, replacing only the
    items whose value changed (an unchanged one keeps its object): 1 done; 0 when the lengths
    differ (the caller replaces the whole list); -1 with MemoryError set."""
    gil = PyGILState_Ensure()
    n = load64(l + 16)
    items = load64(l + 32)
    size = load64(l + 40)
    done = 1 if PyList_Size(py) == n else 0
    for i in range(n if done == 1 else 0):
        at = items + size * i
        old = PyList_GetItem(py, i)
        if old == 0:  # the list shrank (an old item's __del__ changed it): the caller starts again
            PyErr_Clear()
            done = 0
            break
        if not python_item_same(old, at, kind, true, false):
            item = python_item(at, kind, true, false)
            if item == 0:
                done = -1
                break
            PyList_SetItem(py, i, item)
    PyGILState_Release(gil)
    return done


# Dicts and sets the same way: `kinds` as table_new's; a key or value of kind 0 int, 1 float,
# 2 bool, 3 str (a dict's str keys: key kind 1). `sc` is a scratch block of 5 words: PyDict_Next's
# position, key and value, a C result, and the flag word_from_python sets (1 not plainly of the
# kind, 2 no memory).


def word_from_python(obj: int, kind: int, true: int, false: int, sc: int) -> int:
    """The table word of the Python object `obj` (a str: a new runtime str, the caller's)."""
    if kind == 0:
        store64(sc + 24, 0)
        value = PyLong_AsLongLongAndOverflow(obj, sc + 24)
        if load32(sc + 24) != 0 or (value == -1 and PyErr_Occurred() != 0):
            store64(sc + 32, 1)
        return value
    if kind == 1:
        x = PyFloat_AsDouble(obj)
        if x == -1.0 and PyErr_Occurred() != 0:
            store64(sc + 32, 1)
        storef(sc + 24, x)
        return load64(sc + 24)
    if kind == 2:
        if obj != true and obj != false:
            store64(sc + 32, 1)
        return 1 if obj == true else 0
    p = PyUnicode_AsUTF8AndSize(obj, sc + 24)  # not a str, or one with surrogates: the Python side
    if p == 0:
        store64(sc + 32, 1)
        return 0
    s = str_from_utf8(p, load64(sc + 24))
    if s == 0:
        store64(sc + 32, 2)
    return s


def table_from_python(py: int, kinds: int, is_set: bool, true: int, false: int) -> int:
    """A new table with the items of the Python dict `py` (or the elements of the Python set `py`,
    is_set), its `modified` word clear; -1 when an item is not plainly of the kinds (the Python
    side then converts it or names it), 0: no memory."""
    gil = PyGILState_Ensure()
    t = table_new(kinds)
    sc = calloc(5, 8)
    it = PyObject_GetIter(py) if is_set and t != 0 and sc != 0 else 0
    result = 0 if t == 0 or sc == 0 or (is_set and it == 0) else t
    key_kind = 3 if kinds & 255 == 1 else 0
    value_kind = (kinds >> 8) & 255
    while result > 0:
        key = 0
        value = 0
        if is_set:
            item = PyIter_Next(it)
            if item == 0:
                if PyErr_Occurred() != 0:
                    result = -1
                break
            key = word_from_python(item, key_kind, true, false, sc)
            Py_DecRef(item)
        else:
            if PyDict_Next(py, sc, sc + 8, sc + 16) == 0:
                break
            key = word_from_python(load64(sc + 8), key_kind, true, false, sc)
            if load64(sc + 32) == 0:
                value = word_from_python(load64(sc + 16), value_kind, true, false, sc)
        failed = load64(sc + 32)
        if failed == 0 and not table_set(t, key, value):
            failed = 2
        if key_kind == 3:
            obj_release(key)  # the table keeps its own references
        if value_kind == 3 and not is_set:
            obj_release(value)
        if failed != 0:
            result = -1 if failed == 1 else 0
    if it != 0:
        Py_DecRef(it)
    free(sc)
    if result <= 0:
        PyErr_Clear()
        obj_release(t)
    else:
        store64(t + 72, 0)
    PyGILState_Release(gil)
    return result


def python_object(word: int, kind: int, true: int, false: int, errors: int) -> int:
    """A new reference to the Python value of a table word, or 0 (MemoryError set). `errors`: the
    C string "surrogatepass", as runtime.read_str decodes."""
    if kind == 0:
        return PyLong_FromLongLong(word)
    if kind == 1:
        store64(state(39), word)
        return PyFloat_FromDouble(loadf(state(39)))
    if kind == 2:
        b = true if word != 0 else false
        Py_IncRef(b)
        return b
    return PyUnicode_DecodeUTF8(word + 40, load64(word + 16), errors)


def table_to_python(t: int, is_set: bool, true: int, false: int, errors: int) -> int:
    """A new Python dict with the entries of `t` (a set with its elements: is_set), in order; or 0
    with the exception set."""
    gil = PyGILState_Ensure()
    kinds = load64(t + 16)
    key_kind = 3 if kinds & 255 == 1 else 0
    value_kind = (kinds >> 8) & 255
    py = PySet_New(0) if is_set else PyDict_New()
    entries = load64(t + 48)
    for e in range(load64(t + 32)):
        entry = entries + 32 * e
        if py != 0 and load64(entry + 24) == 1:
            key = python_object(load64(entry + 8), key_kind, true, false, errors)
            value = 0
            if key != 0 and not is_set:
                value = python_object(load64(entry + 16), value_kind, true, false, errors)
            added = False
            if key != 0 and is_set:
                added = PySet_Add(py, key) == 0
            elif key != 0 and value != 0:
                added = PyDict_SetItem(py, key, value) == 0
            Py_DecRef(key)
            Py_DecRef(value)
            if not added:
                Py_DecRef(py)
                py = 0
    PyGILState_Release(gil)
    return py


# ---- arrays (compiler/lower/arrays.py; views and results at the boundary: runtime/arrays.py) ----


def array_make(ndim: int, dims: int, itemsize: int, init: int, word: int) -> int:
    """A new C-order array that owns its data, or 0 (a negative dimension, too big, no memory).
    dims: the address of ndim words, the shape. init: 0 uninitialized, 1 zeros, 2 every item
    set to `word` (its low itemsize bytes)."""
    limit = 9223372036854775807 - 56 - 16 * ndim
    size = 1
    too_big = False
    for axis in range(ndim):
        n = load64(dims + 8 * axis)
        if n < 0:
            return 0
        if n != 0 and size > limit // n:
            too_big = True
        size *= n
    if size != 0 and (too_big or size > limit // itemsize):
        return 0
    at = 56 + 16 * ndim
    nbytes = at + size * itemsize
    a = calloc(1, nbytes) if init == 1 else malloc(nbytes)
    if a == 0:
        return 0
    store64(a, 1)
    store64(a + 8, 3)
    store64(a + 16, a + at)
    store64(a + 24, ndim)
    store64(a + 32, -1)
    store64(a + 40, itemsize)
    store64(a + 48, 0)
    stride = 1
    for k in range(ndim):
        axis = ndim - 1 - k
        n = load64(dims + 8 * axis)
        store64(a + 56 + 16 * axis, n)
        store64(a + 64 + 16 * axis, stride)
        stride *= n
    store64(state(0), load64(state(0)) + 1)
    store64(state(1), load64(state(1)) + 1)
    if init == 2:
        data = a + at
        if itemsize == 1:
            memset(data, word, size)
        else:
            for i in range(size):
                item_set(data + itemsize * i, itemsize, word)
    return a


def array_new(ndim: int, n0: int, n1: int, itemsize: int, init: int, word: int) -> int:
    """array_make of a 1-D (n1 unused) or 2-D shape given as two words."""
    dims = malloc(16)
    if dims == 0:
        return 0
    store64(dims, n0)
    store64(dims + 8, n1)
    a = array_make(ndim, dims, itemsize, init, word)
    free(dims)
    return a


def item_set(p: int, size: int, word: int) -> None:
    """An element of `size` bytes (1, 2, 4 or 8) at p set to the low bytes of word."""
    if size == 8:
        store64(p, word)
    elif size == 4:
        store32(p, word)
    elif size == 2:
        store16(p, word)
    else:
        store8(p, word)


def item_move(dst: int, src: int, size: int) -> None:
    """An element of `size` bytes (1, 2, 4, 8 or 16: a complex) copied from src to dst."""
    if size == 8:
        store64(dst, load64(src))
    elif size == 16:
        store64(dst, load64(src))
        store64(dst + 8, load64(src + 8))
    elif size == 4:
        store32(dst, load32(src))
    elif size == 2:
        store16(dst, load16(src))
    else:
        store8(dst, load8(src))


def array_borrow(py: int, data: int, ndim: int, fields: int, itemsize: int) -> int:
    """An array over the memory of the ndarray `py` (an item of a list argument: runtime/lists.py),
    origin -3, holding a reference to the ndarray (its base word) until it is destroyed, so that
    compiled code may keep it, or a slice of it, past the call. `fields`: the address of 2 * ndim
    words, each axis's length and stride in elements. Called with the GIL. 0: no memory."""
    a = obj_alloc(56 + 16 * ndim, 3)
    if a == 0:
        return 0
    Py_IncRef(py)
    store64(a + 16, data)
    store64(a + 24, ndim)
    store64(a + 32, -3)
    store64(a + 40, itemsize)
    store64(a + 48, py)
    for k in range(2 * ndim):
        store64(a + 56 + 8 * k, load64(fields + 8 * k))
    return a


def python_release(py: int) -> None:
    """Py_DecRef under the GIL (an object may be destroyed by compiled code, which runs without it)."""
    gil = PyGILState_Ensure()
    Py_DecRef(py)
    PyGILState_Release(gil)


def array_view(a: int, data: int, ndim: int, fields: int) -> int:
    """A view of array a's memory (a slice, a row, a column): its own data address, and shape and
    strides in elements (`fields`: the address of 2 * ndim words, shape and stride of each axis in
    turn); it keeps alive the array that owns the memory (a's base if a is itself a view made
    here). 0: no memory."""
    v = obj_alloc(56 + 16 * ndim, 3)
    if v == 0:
        return 0
    base = load64(a + 48) if load64(a + 32) == -2 else a
    obj_retain(base)
    store64(v + 16, data)
    store64(v + 24, ndim)
    store64(v + 32, -2)
    store64(v + 40, load64(a + 40))
    store64(v + 48, base)
    memcpy(v + 56, fields, 16 * ndim)
    return v


def list_detach_views(l: int, views: int, count: int) -> bool:
    """Before an entry point returns list l holding arrays: each array item that lives on the call's
    frame (one of the `count` stack views at `views`) or is a slice of one is moved off it
    (array_detach), in the lists among the items too. False when out of memory."""
    n = load64(l + 16)
    at = load64(l + 32)
    stride = load64(l + 40) // 8  # words per item (a list of bools, one byte each, holds no object)
    mask = load64(l + 48)
    for i in range(n):
        for k in range(stride):
            if (mask >> k) & 1 == 1 and not slot_detach_views(at + 8 * (stride * i + k), views, count):
                return False
    return True


def table_detach_views(t: int, views: int, count: int) -> bool:
    """list_detach_views for a dict's values (a dict of arrays, of lists of them, ...)."""
    if (load64(t + 16) >> 8) & 255 != 3:
        return True
    entries = load64(t + 48)
    for e in range(load64(t + 32)):
        where = entries + 32 * e + 16
        if load64(where + 8) == 1 and not slot_detach_views(where, views, count):
            return False
    return True


def slot_detach_views(where: int, views: int, count: int) -> bool:
    """The object a list's item or a dict's value holds at `where`: an array on the frame is moved
    off it (`where` then holds the moved one), a list or dict is walked in turn."""
    o = load64(where)
    if load64(o + 8) == 4 or load64(o + 8) == 2:
        return obj_detach_views(o, views, count)
    if load64(o + 8) == 3:
        moved = array_detach(o, views, count)
        if moved == 0:
            return False
        store64(where, moved)
    return True


def obj_detach_views(o: int, views: int, count: int) -> bool:
    """list_detach_views for a list or a dict result (lower/program.py)."""
    if load64(o + 8) == 2:
        return table_detach_views(o, views, count)
    return list_detach_views(o, views, count)


def array_detach(a: int, views: int, count: int) -> int:
    """a, off the frame of the call whose stack views are at `views`: a slice of view k is detached in
    place (origin k, base 0: the wrapper makes it a NumPy view of argument k); view k itself becomes
    a copy of its header on the heap with origin -16 - k (the wrapper gives back argument k itself),
    taking over the reference a held. 0: no memory (a unchanged)."""
    for j in range(count):
        view = load64(views + 8 * j)
        if a == view:
            ndim = load64(a + 24)
            v = obj_alloc(56 + 16 * ndim, 3)
            if v == 0:
                return 0
            memcpy(v + 16, a + 16, 40 + 16 * ndim)
            store64(v + 32, -16 - load64(a + 32))
            store64(v + 48, 0)
            obj_release(a)
            return v
        if load64(a + 32) == -2 and load64(a + 48) == view:
            store64(a + 32, load64(view + 32))
            store64(a + 48, 0)
            obj_release(view)
            return a
    return a


def array_extent(a: int, end: int) -> int:
    """The lowest (end 0) or one past the highest (end 1) byte address a's elements occupy."""
    ndim = load64(a + 24)
    size = load64(a + 40)
    low = load64(a + 16)
    high = low
    for axis in range(ndim):
        n = load64(a + 56 + 16 * axis)
        if n == 0:
            return low
        reach = (n - 1) * load64(a + 64 + 16 * axis) * size
        if reach < 0:
            low += reach
        else:
            high += reach
    return high + size if end == 1 else low


def array_fill(a: int, word: int) -> None:
    """Every element of a set to `word` (its low item-size bytes: an int, a float's bits, a bool)."""
    array_fill_axis(a, load64(a + 16), 0, word)


def array_fill_axis(a: int, data: int, axis: int, word: int) -> None:
    size = load64(a + 40)
    n = load64(a + 56 + 16 * axis)
    step = load64(a + 64 + 16 * axis) * size
    if axis == load64(a + 24) - 1:
        for j in range(n):
            item_set(data + j * step, size, word)
    else:
        for i in range(n):
            array_fill_axis(a, data + i * step, axis + 1, word)


def array_assign(dst: int, src: int) -> int:
    """dst[...] = src, with NumPy's broadcasting (src's axes align with dst's last ones; an axis
    of length 1 repeats, leading ones of src are dropped) and its overlap rule (if src's memory
    overlaps dst's, src is copied first, so `p[:k] = p[k-1::-1]` reverses). 1: done; 0: the
    shapes do not broadcast (dst is unchanged); -1: no memory."""
    dn = load64(dst + 24)
    sn = load64(src + 24)
    for axis in range(sn - dn):
        if load64(src + 56 + 16 * axis) != 1:
            return 0
    steps = malloc(8 * dn + 8)
    if steps == 0:
        return -1
    size = load64(dst + 40)
    empty = False
    for axis in range(dn):
        d = load64(dst + 56 + 16 * axis)
        if d == 0:
            empty = True
        k = axis - (dn - sn)
        t = 0
        if k >= 0:
            n = load64(src + 56 + 16 * k)
            if n == d:
                t = load64(src + 64 + 16 * k) * size
            elif n != 1:
                free(steps)
                return 0
        store64(steps + 8 * axis, t)
    data = load64(src + 16)
    copy = 0
    if not empty and array_extent(src, 0) < array_extent(dst, 1) and array_extent(dst, 0) < array_extent(src, 1):
        low = array_extent(src, 0)
        nbytes = array_extent(src, 1) - low
        copy = malloc(nbytes)
        if copy == 0:
            free(steps)
            return -1
        memcpy(copy, low, nbytes)
        data = copy + (data - low)
    if not empty:
        array_assign_axis(dst, load64(dst + 16), data, steps, 0)
    if copy != 0:
        free(copy)
    free(steps)
    return 1


def array_assign_axis(dst: int, out: int, source: int, steps: int, axis: int) -> None:
    size = load64(dst + 40)
    n = load64(dst + 56 + 16 * axis)
    e = load64(dst + 64 + 16 * axis) * size
    t = load64(steps + 8 * axis)
    if axis == load64(dst + 24) - 1:
        for j in range(n):
            item_move(out + j * e, source + j * t, size)
    else:
        for i in range(n):
            array_assign_axis(dst, out + i * e, source + i * t, steps, axis + 1)


def array_copy(a: int) -> int:
    """A new C-order array with a's shape and elements (a.copy()), or 0: no memory."""
    ndim = load64(a + 24)
    dims = malloc(8 * ndim + 8)
    if dims == 0:
        return 0
    for axis in range(ndim):
        store64(dims + 8 * axis, load64(a + 56 + 16 * axis))
    c = array_make(ndim, dims, load64(a + 40), 0, 0)
    free(dims)
    if c != 0 and array_assign(c, a) < 0:
        obj_release(c)
        return 0
    return c


# ---- the callbacks into Python (callbacks.py) ------------------------------------------
# Compiled code calls `print`, `raise`, `format` and `exception` through slots that point here: C
# functions `status f(i64 tag, i32 site, ptr values[, ptr out])` (raise's result is not read). Each
# calls the Python function callbacks.py stored in its state word (44 + k, the object's address;
# callbacks.py keeps it alive) with (tag, site, values[, out]) as ints, holding the GIL, and returns
# the int it returns. Not ctypes callbacks: a process's first one costs ~0.1 ms to make, which every
# cache hit of a cell that can raise would pay, and each call converts its arguments through ctypes.


def callback_print(tag: int, site: int, values: int) -> int:
    return call_python(44, tag, site, values, 0, 3)


def callback_raise(tag: int, site: int, values: int) -> int:
    return call_python(45, tag, site, values, 0, 3)


def callback_format(tag: int, site: int, values: int, out: int) -> int:
    return call_python(46, tag, site, values, out, 4)


def callback_exception(tag: int, site: int, values: int, out: int) -> int:
    return call_python(47, tag, site, values, out, 4)


def callback_functions() -> int:
    """The address of state word 43, then 44: where callbacks.py stores its Python functions."""
    return state(43)


def call_python(word: int, tag: int, site: int, values: int, out: int, n: int) -> int:
    """The Python function of state word `word` called with (tag, site, values, out)[:n]; the int it
    returns, or 1 (an error is pending) if it did not return one. The site is the caller's i32: its
    upper bits are undefined in the register. A call that raised before the function ran (a signal
    handler runs as a Python function starts, and a KeyboardInterrupt is raised there, before its
    `try`) hands that exception over as the pending one (`hand_over`)."""
    gil = PyGILState_Ensure()
    site = site & 4294967295
    status = 1
    function = load64(state(word))
    args = PyTuple_New(n) if function != 0 else 0  # 0: callbacks.py never stored it (no error can be made)
    if args != 0:
        made = tuple_set_int(args, 0, tag) + tuple_set_int(args, 1, site) + tuple_set_int(args, 2, values)
        if n == 4:
            made += tuple_set_int(args, 3, out)
        if made == n:
            result = PyObject_Call(function, args, 0)
            if result != 0:
                status = int_result(result)
            else:
                status = hand_over(word - 44, tag, site)
        Py_DecRef(args)
    PyErr_Clear()  # the functions catch everything: what is left (no memory) must not leak into Python
    PyGILState_Release(gil)
    return status


def hand_over(callback: int, tag: int, site: int) -> int:
    """The exception set now (the call of callback `callback`, 0 to 3, raised it) fetched into three
    words and given to state word 43's function, with (callback, tag, site, their address), which
    makes it the pending error and returns the status the callback returns with one; it zeroes the
    words it takes, and what it does not take is released here."""
    refs = malloc(24)
    if refs == 0 or load64(state(43)) == 0:
        free(refs)
        return 1
    PyErr_Fetch(refs, refs + 8, refs + 16)
    status = 1
    args = PyTuple_New(4)
    if args != 0:
        made = tuple_set_int(args, 0, callback) + tuple_set_int(args, 1, tag) + tuple_set_int(args, 2, site)
        if made + tuple_set_int(args, 3, refs) == 4:
            result = PyObject_Call(load64(state(43)), args, 0)
            if result != 0:
                status = int_result(result)
        Py_DecRef(args)
    Py_DecRef(load64(refs))  # Py_XDECREF: those the function did not take
    Py_DecRef(load64(refs + 8))
    Py_DecRef(load64(refs + 16))
    free(refs)
    return status


def int_result(result: int) -> int:
    """The int a callback returned (a new reference, released), or 1 if it is no int (raise's None)."""
    status = PyLong_AsLongLongAndOverflow(result, state(39))
    if load32(state(39)) != 0 or (status == -1 and PyErr_Occurred() != 0):
        status = 1
    Py_DecRef(result)
    return status


def tuple_set_int(args: int, i: int, value: int) -> int:
    """Item i of the new tuple `args` set to the int `value`: 1, or 0 if there was no memory."""
    item = PyLong_FromLongLong(value)
    if item == 0:
        return 0
    PyTuple_SetItem(args, i, item)
    return 1


# ---- signals (interrupts.py) --------------------------------------------------------


def interrupt_state() -> int:
    """The address of state word 32, the interrupt counter; the displaced handler of signal s
    is word 128 + s, each a word further."""
    return state(32)


def on_signal(signum: int, info: int, context: int) -> None:
    """The process's handler of each signal Python handles, in front of Python's: calls the
    handler it displaced (word 128 + s), so Python sees the signal, then counts it. In that order,
    a compiled loop in another thread that sees the count move finds Python's flag already set
    when it asks Python to run its handlers (counted first, the loop could ask too early, find
    nothing to run, and never stop). Async-signal-safe. Word 256 + s is set while it runs for
    signal s: a displaced handler that chains back to this one ends the chain."""
    s = signum & 127
    if load64(state(256 + s)) != 0:
        return
    store64(state(256 + s), 1)
    previous = load64(state(128 + s))
    if previous != 0:
        call_c(previous, signum, info, context)
    store64(state(32), load64(state(32)) + 1)
    store64(state(256 + s), 0)


def main_thread() -> bool:
    """Is this the main thread, the only one where Python runs signal handlers?"""
    return pthread_self() == load64(state(35))


def check_signals(tag: int, site: int) -> int:
    """Every cell's interrupt check (its `jitcell.signals`, compiler/lower/program.py): runs Python's
    pending signal handlers now, under the GIL (PyErr_CheckSignals). If one raised
    (KeyboardInterrupt), the exception is fetched and handed to the raise callback for the cell's
    `tag` and `site`, which the caller marked as a signal's (`| SIGNAL_SITE`, callbacks.py), and the
    result is 1; else 0. Only in the main thread, where Python runs its handlers: in another thread
    it returns 0 at once, without taking the GIL (PyErr_CheckSignals would do nothing there), and the
    main thread runs them."""
    if not main_thread():
        return 0
    gil = PyGILState_Ensure()
    if PyErr_CheckSignals() == 0:
        PyGILState_Release(gil)
        return 0
    error = stack_words(3)  # type, value, traceback: references the raise callback takes over
    PyErr_Fetch(error, error + 8, error + 16)
    PyGILState_Release(gil)
    callback_raise(tag, site, error)
    return 1


# ---- the stack (the guard of recursive compiled functions, compiler/lower/program.py) -----


def runtime_setup(main: int) -> None:
    """Called once, when this library is loaded (runtime/__init__.py): the main thread's id
    (threading.main_thread().ident, its pthread_t) and the key of each thread's stack floor."""
    store64(state(35), main)
    str_chars_setup()
    random_setup()
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
