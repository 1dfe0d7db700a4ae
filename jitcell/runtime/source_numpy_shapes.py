"""The runtime library's NumPy creation, shape and dot functions, in the internal dialect.

Compiled after source.py and source_numpy.py (whose np_rows, np_cols, np_size... it uses):
np.arange and np.linspace filled as NumPy fills them, reshape (NumPy's _attempt_nocopy_reshape),
ravel, flatten, transpose, and dot/matmul of 1-D and 2-D arrays. Generated code
(compiler/lower/numpy_calls.py, shapes.py, reductions.py) checks what NumPy raises first.
"""

import math


# ---- creation ------------------------------------------------------------------------


def np_arange_int(start: int, stop: int, step: int) -> int:
    """np.arange of ints (step != 0): start + i * step while short of stop; 0: no memory."""
    span = stop - start
    n = 0
    if step > 0 and span > 0:
        n = (span + step - 1) // step
    elif step < 0 and span < 0:
        n = (span + step + 1) // step
    a = array_new(1, n, 1, 8, 0, 0)
    if a != 0:
        data = load64(a + 16)
        for i in range(n):
            store64(data + 8 * i, start + i * step)
    return a


def np_arange_length(start: float, stop: float, step: float) -> int:
    """The length of np.arange(start, stop, step) of floats: ceil((stop - start) / step), at
    least 0; -1 when NumPy raises (a zero step, a length that is not finite or too big)."""
    if step == 0.0:
        return -1
    length = (stop - start) / step
    if length != length or length > 9.2e18 or length < -9.2e18:
        return -1
    n = math.ceil(length)
    return n if n > 0 else 0


def np_arange_float(start: float, step: float, n: int) -> int:
    """np.arange of n floats, filled as NumPy fills it: start, start + step, then start + i * delta
    with delta = (start + step) - start (arraytypes.c.src, DOUBLE_fill)."""
    a = array_new(1, n, 1, 8, 0, 0)
    if a == 0:
        return 0
    data = load64(a + 16)
    following = start + step
    delta = following - start
    for i in range(n):
        storef(data + 8 * i, start if i == 0 else following if i == 1 else start + float(i) * delta)
    return a


def np_arange_float32(start: float, step: float, n: int) -> int:
    """np.arange(..., dtype=np.float32): FLOAT_fill's float32 arithmetic, start + i * delta with
    delta = float32(start + step) - float32(start), each step rounded to float32."""
    a = array_new(1, n, 1, 4, 0, 0)
    if a == 0:
        return 0
    data = load64(a + 16)
    first = round32(start)
    following = round32(start + step)
    delta = round32(following - first)
    for i in range(n):
        storef32(data + 4 * i, first if i == 0 else following if i == 1 else
                 round32(first + round32(round32(float(i)) * delta)))
    return a


def np_linspace(start: float, stop: float, num: int, endpoint: bool) -> int:
    """np.linspace (num >= 0) as numpy/_core/function_base.py computes it: i * step + start, or
    i / div * delta + start when the step is 0, the last value stop itself."""
    a = array_new(1, num, 1, 8, 0, 0)
    if a == 0:
        return 0
    data = load64(a + 16)
    div = num - 1 if endpoint else num
    delta = stop - start
    step = math.nan
    if div > 0:
        step = delta / float(div)
    for i in range(num):
        y = float(i)
        if div > 0 and step == 0.0:
            y = y / float(div) * delta
        elif div > 0:
            y = y * step
        else:
            y = y * delta
        storef(data + 8 * i, y + start)
    if endpoint and num > 1:
        storef(data + 8 * (num - 1), stop)
    return a


# ---- shapes --------------------------------------------------------------------------


def np_reshape_fill(size: int, n0: int, n1: int, ndim: int) -> int:
    """The length an axis given as -1 stands for, or -1 when a's size cannot take the shape
    (NumPy raises: more than one -1, another negative length, another size)."""
    unknown = 0
    known = 1
    for k in range(ndim):
        n = n0 if k == 0 else n1
        if n == -1:
            unknown += 1
        elif n < 0:
            return -1
        else:
            known *= n
    if unknown > 1:
        return -1
    if unknown == 0:
        return 0 if known == size else -1
    if known == 0 or size % known != 0:
        return -1
    return size // known


def np_nocopy_strides(a: int, ndim: int, n0: int, n1: int, out: int) -> bool:
    """NumPy's _attempt_nocopy_reshape (shape.c) for C order: the strides (in elements, stored at
    out and out + 8) under which a's memory has the new shape, if there are such."""
    olddims = ndim
    od = malloc(32)
    if od == 0:
        return False
    count = 0
    for axis in range(load64(a + 24)):  # axes of length 1 are left out
        if load64(a + 56 + 16 * axis) != 1:
            store64(od + 8 * count, load64(a + 56 + 16 * axis))
            store64(od + 16 + 8 * count, load64(a + 64 + 16 * axis))
            count += 1
    oi = 0
    oj = 1
    ni = 0
    nj = 1
    good = True
    while ni < olddims and oi < count and good:
        np_ = n0 if ni == 0 else n1
        op = load64(od + 8 * oi)
        while np_ != op:
            if np_ < op:
                np_ *= n0 if nj == 0 else n1
                nj += 1
            else:
                op *= load64(od + 8 * oj)
                oj += 1
        for ok in range(oi, oj - 1):
            if load64(od + 16 + 8 * (ok + 1)) * load64(od + 8 * (ok + 1)) != load64(od + 16 + 8 * ok):
                good = False
        if good:
            stride = load64(od + 16 + 8 * (oj - 1))
            store64(out + 8 * (nj - 1), stride)
            nk = nj - 1
            while nk > ni:
                stride *= n0 if nk == 0 else n1
                store64(out + 8 * (nk - 1), stride)
                nk -= 1
        ni = nj
        nj += 1
        oi = oj
        oj += 1
    free(od)
    if not good:
        return False
    last = 1 if ni < 1 else load64(out + 8 * (ni - 1))
    for k in range(ni, olddims):  # trailing axes of length 1
        store64(out + 8 * k, last)
    return True


def np_reshape(a: int, ndim: int, n0: int, n1: int) -> int:
    """a with shape (n0[, n1]) (a valid one): a view of its memory when NumPy makes one, else a
    C-order copy. 0: no memory."""
    strides = malloc(16)
    if strides == 0:
        return 0
    store64(strides, 1)
    store64(strides + 8, 0)
    if ndim == 2:
        store64(strides, n1)
        store64(strides + 8, 1)
    if np_size(a) == 0 or np_c_contiguous(a):
        view = np_view(a, load64(a + 16), ndim, n0, n1, load64(strides), load64(strides + 8))
    elif np_nocopy_strides(a, ndim, n0, n1, strides):
        view = np_view(a, load64(a + 16), ndim, n0, n1, load64(strides), load64(strides + 8))
    else:
        view = array_copy(a)
        if view != 0 and ndim <= load64(view + 24):
            np_set_shape(view, ndim, n0, n1)
        elif view != 0:  # a 1-D copy made 2-D (NumPy reshapes 1-D memory without a copy): a view of it
            copy = view
            view = np_view(copy, load64(copy + 16), ndim, n0, n1, n1, 1)
            obj_release(copy)
    free(strides)
    return view


def np_set_shape(c: int, ndim: int, n0: int, n1: int) -> None:
    """Gives c, a C-order array just made and not yet seen by anyone, another shape of its size:
    ndim is at most c's (its header, 56 + 16 * ndim bytes, has room for the axes' words; a copy
    is made of a 2-D array only, a 1-D one always has a view)."""
    store64(c + 24, ndim)
    store64(c + 56, n0)
    store64(c + 64, n1 if ndim == 2 else 1)
    if ndim == 2:
        store64(c + 72, n1)
        store64(c + 80, 1)


def np_view(a: int, data: int, ndim: int, n0: int, n1: int, s0: int, s1: int) -> int:
    """array_view of a 1-D or 2-D shape given as words (lengths and strides in elements)."""
    fields = malloc(32)
    if fields == 0:
        return 0
    store64(fields, n0)
    store64(fields + 8, s0)
    store64(fields + 16, n1)
    store64(fields + 24, s1)
    v = array_view(a, data, ndim, fields)
    free(fields)
    return v


def np_ravel(a: int) -> int:
    """a.ravel(): a 1-D view of a C-contiguous array, else a copy. 0: no memory."""
    if np_c_contiguous(a):
        return np_view(a, load64(a + 16), 1, np_size(a), 1, 1, 0)
    return np_flatten(a)


def np_flatten(a: int) -> int:
    c = array_copy(a)
    if c != 0:
        np_set_shape(c, 1, np_size(a), 1)
    return c


def np_transpose(a: int) -> int:
    """a.T: a view with the axes in reverse order. 0: no memory."""
    if load64(a + 24) == 1:
        return np_view(a, load64(a + 16), 1, load64(a + 56), 1, load64(a + 64), 0)
    return np_view(a, load64(a + 16), 2, load64(a + 72), load64(a + 56), load64(a + 80), load64(a + 64))


# ---- dot and matmul ------------------------------------------------------------------


def np_dot_aligned(a: int, b: int) -> bool:
    """Whether a's last axis and b's first (its only one if 1-D, else its second-to-last) match."""
    k = np_cols(a)
    return k == load64(b + 56)


def np_dot_cell(a: int, b: int, i: int, j: int, kind: int, out: int) -> None:
    """out = row i of a (as rows x k) times column j of b (as k x columns), summed in order (a
    word: int64, or float64 holding a float32 sum rounded at each step)."""
    k = np_cols(a)
    p = load64(a + 16) + i * np_row_step(a)
    pa = np_col_step(a)
    bn = load64(b + 24)
    q = load64(b + 16) + (j * np_col_step(b) if bn == 2 else 0)
    pb = load64(b + 64) * load64(b + 40)
    if np_float_kind(kind):
        acc = 0.0
        for t in range(k):
            acc = np_round(acc + np_round(np_loadf(p + t * pa, kind) * np_loadf(q + t * pb, kind), kind), kind)
        storef(out, acc)
    else:
        total = 0
        for t in range(k):
            total += np_loadi(p + t * pa, kind) * np_loadi(q + t * pb, kind)
        store64(out, total)


def np_dot(a: int, b: int, kind: int, ndim: int) -> int:
    """np.dot(a, b) for aligned arrays of one dtype giving an array of `ndim` axes. 0: no memory."""
    rows = np_rows(a)
    cols = np_cols(b) if load64(b + 24) == 2 else 1
    n0 = rows if load64(a + 24) == 2 else cols
    out = array_new(ndim, n0, cols if ndim == 2 else 1, 8, 0, 0)
    if out == 0:
        return 0
    data = load64(out + 16)
    if load64(b + 24) == 1:
        for i in range(rows):
            np_dot_cell(a, b, i, 0, kind, data + 8 * i)
        return np_items_as(out, kind)
    # a row of the result at a time, k outer: each element still adds its products in k order
    # (the same sums as np_dot_cell's), reading b along its rows
    k = np_cols(a)
    pa = np_col_step(a)
    pb = np_row_step(b)
    qb = np_col_step(b)
    is_float = np_float_kind(kind)
    for i in range(rows):
        p = load64(a + 16) + i * np_row_step(a)
        row = data + 8 * i * cols
        for j in range(cols):
            store64(row + 8 * j, 0)
        for t in range(k):
            q = load64(b + 16) + t * pb
            if is_float:
                x = np_loadf(p + t * pa, kind)
                for j in range(cols):
                    product = np_round(x * np_loadf(q + j * qb, kind), kind)
                    storef(row + 8 * j, np_round(loadf(row + 8 * j) + product, kind))
            else:
                y = np_loadi(p + t * pa, kind)
                for j in range(cols):
                    store64(row + 8 * j, load64(row + 8 * j) + y * np_loadi(q + j * qb, kind))
    return np_items_as(out, kind)


def np_vdot_int(a: int, b: int, kind: int) -> int:
    """np.dot of two aligned 1-D integer arrays (wrapping in 64 bits; the caller narrows)."""
    total = 0
    for t in range(load64(a + 56)):
        total += np_loadi(load64(a + 16) + t * np_col_step(a), kind) * np_loadi(load64(b + 16) + t * np_col_step(b),
                                                                              kind)
    return total


def np_vdot_float(a: int, b: int, kind: int) -> float:
    k = load64(a + 56)
    p = load64(a + 16)
    q = load64(b + 16)
    pa = np_col_step(a)
    pb = np_col_step(b)
    acc = 0.0
    for t in range(k):
        acc = np_round(acc + np_round(np_loadf(p + t * pa, kind) * np_loadf(q + t * pb, kind), kind), kind)
    return acc
