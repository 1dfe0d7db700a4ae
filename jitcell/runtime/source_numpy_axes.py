"""The runtime library's NumPy functions over arrays of any number of axes, in the internal dialect.

Compiled after source_numpy.py and source_numpy_shapes.py (whose np_loadf, np_lane_sum...
it uses). source_numpy.py walks 1-D and 2-D arrays as rows x columns; here an array of 3 or
more axes is walked in the order of NumPy's iterator (`np_iter_axes`: the axes ordered by
stride, the smaller inner, axes of length 1 left out, neighbours merged when evenly spaced), as
lanes along its inner axis, so sums round as NumPy's do:

    np.sum(c)            c contiguous: one pairwise lane; else lanes copied into a buffer of
                         a whole number of lanes (at most 8192 elements), each buffer pairwise
    np.sum(c, axis=1)    for each result element (C order): the lane along axis 1, pairwise when
                         axis 1 has the smallest stride (NumPy's inner loop), else one by one
    c.reshape(...)       a view where _attempt_nocopy_reshape (shape.c) finds strides, else a copy

Shapes and strides travel in memory: `dims` is the address of ndim words.
"""


def np_iter_axes(a: int) -> int:
    """The axes of a as NumPy's iterator walks them: the address of a block (free it) holding the
    count, then (length, step in bytes) per axis, outer first; at least one axis."""
    ndim = load64(a + 24)
    item = load64(a + 40)
    block = malloc(8 + 16 * ndim + 16)
    if block == 0:
        return 0
    count = 0
    for axis in range(ndim):  # insertion by |stride|, the later axis inner on ties (C order)
        n = load64(a + 56 + 16 * axis)
        if n == 1:
            continue
        s = load64(a + 64 + 16 * axis) * item
        k = count
        while k > 0 and abs(load64(block + 16 * k)) < abs(s):
            store64(block + 8 + 16 * k, load64(block + 16 * k - 8))
            store64(block + 16 + 16 * k, load64(block + 16 * k))
            k -= 1
        store64(block + 8 + 16 * k, n)
        store64(block + 16 + 16 * k, s)
        count += 1
    merged = 0
    for k in range(count):  # an outer axis evenly spaced over the inner one joins it
        n = load64(block + 8 + 16 * k)
        s = load64(block + 16 + 16 * k)
        if merged > 0 and load64(block + 16 * merged) == s * n:
            store64(block + 16 * merged - 8, load64(block + 16 * merged - 8) * n)
            store64(block + 16 * merged, s)
        else:
            store64(block + 8 + 16 * merged, n)
            store64(block + 16 + 16 * merged, s)
            merged += 1
    if merged == 0:
        store64(block + 8, 1)
        store64(block + 16, item)
        merged = 1
    store64(block, merged)
    return block


def np_lanes(axes: int) -> int:
    """How many inner lanes the axes of np_iter_axes have."""
    lanes = 1
    for k in range(load64(axes) - 1):
        lanes *= load64(axes + 8 + 16 * k)
    return lanes


def np_lane_start(axes: int, data: int, o: int) -> int:
    """The address of lane o's first element (lanes counted in the iterator's order)."""
    p = data
    k = load64(axes) - 2
    while k >= 0:
        n = load64(axes + 8 + 16 * k)
        p += (o % n) * load64(axes + 16 + 16 * k)
        o = o // n
        k -= 1
    return p


def np_inner(axes: int) -> int:
    """The inner axis's (length, step) block address."""
    return axes + 16 * load64(axes) - 8


def np_sum_nd(a: int, kind: int) -> float:
    """np_sum_float of an array of any number of axes, in NumPy's iterator order."""
    data = load64(a + 16)
    if np_size(a) == 0:
        return np_lane_sum(data, 0, 8, kind, True, 0.0)
    axes = np_iter_axes(a)
    if axes == 0:
        return 0.0
    n_in = load64(np_inner(axes))
    s_in = load64(np_inner(axes) + 8)
    lanes = np_lanes(axes)
    acc = 0.0
    if lanes == 1:
        acc = np_lane_sum(data, n_in, s_in, kind, True, 0.0)
        free(axes)
        return acc
    chunk = (8192 // n_in) * n_in
    held = 11 if kind == 11 else 1
    width = np_itemsize(held)
    buffer = malloc(width * chunk) if chunk > 0 else 0
    if buffer == 0:  # lanes longer than the buffer: each summed pairwise (or no memory)
        for o in range(lanes):
            acc = np_lane_sum(np_lane_start(axes, data, o), n_in, s_in, kind, True, acc)
        free(axes)
        return acc
    count = 0
    for o in range(lanes):
        p = np_lane_start(axes, data, o)
        for j in range(n_in):
            np_storef(buffer + width * count, held, np_loadf(p + j * s_in, kind))
            count += 1
            if count == chunk:
                acc = np_round(acc + np_pairwise_any(buffer, count, width, held), held)
                count = 0
    if count > 0:
        acc = np_round(acc + np_pairwise_any(buffer, count, width, held), held)
    free(buffer)
    free(axes)
    return acc


def np_reduce_float_nd(a: int, op: int, kind: int) -> float:
    """np_reduce_float (prod, min, max) of any number of axes, lanes in the iterator's order."""
    data = load64(a + 16)
    acc = 1.0 if op == 1 else np_loadf(data, kind)
    if np_size(a) == 0:
        return acc
    axes = np_iter_axes(a)
    if axes == 0:
        return acc
    n_in = load64(np_inner(axes))
    s_in = load64(np_inner(axes) + 8)
    for o in range(np_lanes(axes)):
        acc = np_lane_float(np_lane_start(axes, data, o), n_in, s_in, op, acc, kind)
        if acc != acc and op != 1:
            break
    free(axes)
    return acc


def np_reduce_int_nd(a: int, kind: int, op: int) -> int:
    """np_reduce_int (sum, prod, min, max) of any number of axes."""
    data = load64(a + 16)
    acc = 0 if op == 0 else 1 if op == 1 else np_loadi(data, kind)
    if np_size(a) == 0:
        return acc
    axes = np_iter_axes(a)
    if axes == 0:
        return acc
    n_in = load64(np_inner(axes))
    s_in = load64(np_inner(axes) + 8)
    for o in range(np_lanes(axes)):
        acc = np_lane_int(np_lane_start(axes, data, o), n_in, s_in, kind, op, acc)
    free(axes)
    return acc


def np_offset_c(a: int, flat: int, skip: int) -> int:
    """The byte offset of the element at C-order position `flat` over a's axes other than `skip`
    (-1: all of them)."""
    offset = 0
    axis = load64(a + 24) - 1
    item = load64(a + 40)
    while axis >= 0:
        if axis != skip:
            n = load64(a + 56 + 16 * axis)
            offset += (flat % n) * load64(a + 64 + 16 * axis) * item
            flat = flat // n
        axis -= 1
    return offset


def np_arg_nd(a: int, kind: int, op: int) -> int:
    """argmin (4) or argmax (5) of a non-empty array of any number of axes: the first position in
    C order (of a float array, the first NaN's if there is one)."""
    ndim = load64(a + 24)
    n_in = load64(a + 40 + 16 * ndim)
    s_in = load64(a + 48 + 16 * ndim) * load64(a + 40)
    data = load64(a + 16)
    lanes = np_size(a) // n_in
    best = 0
    best_at = data
    is_float = np_float_kind(kind)
    for o in range(lanes):
        row = data + np_offset_c(a, o * n_in, -1)
        j = np_lane_arg(row, n_in, s_in, kind, op)
        here = row + j * s_in
        if o == 0:
            best = j
            best_at = here
            if is_float and np_loadf(here, kind) != np_loadf(here, kind):
                return best
        elif is_float:
            x = np_loadf(here, kind)
            if x != x:
                return o * n_in + j
            if x < np_loadf(best_at, kind) if op == 4 else x > np_loadf(best_at, kind):
                best = o * n_in + j
                best_at = here
        else:
            y = np_loadi(here, kind)
            if y < np_loadi(best_at, kind) if op == 4 else y > np_loadi(best_at, kind):
                best = o * n_in + j
                best_at = here
    return best


def np_reduce_axis_nd(a: int, axis: int, op: int, kind: int, out_kind: int) -> int:
    """An array of 3 or more axes reduced along `axis`: a new C-order array of out_kind with the
    other axes, or 0 (no memory). Each result element reduces the lane along `axis`; a float sum
    is pairwise when that axis has the smallest stride (NumPy's inner loop), else one by one,
    which is what NumPy's outer reduction loop adds for each element."""
    ndim = load64(a + 24)
    item = load64(a + 40)
    dims = malloc(8 * ndim)
    if dims == 0:
        return 0
    n = load64(a + 56 + 16 * axis)
    step = load64(a + 64 + 16 * axis) * item
    m = 1
    inner = True
    k = 0
    for other in range(ndim):
        if other != axis:
            length = load64(a + 56 + 16 * other)
            store64(dims + 8 * k, length)
            k += 1
            m *= length
            s = abs(load64(a + 64 + 16 * other) * item)
            if length > 1 and (s < abs(step) or s == abs(step) and other > axis):
                inner = False
    if n <= 1:
        inner = True
    out = array_make(ndim - 1, dims, 8, 0, 0)
    free(dims)
    if out == 0:
        return 0
    target = load64(out + 16)
    data = load64(a + 16)
    summed = op == 6 or op == 0 and np_float_kind(kind)
    for k in range(m):
        p = data + np_offset_c(a, k, axis)
        if op == 4 or op == 5:
            store64(target + 8 * k, np_lane_arg(p, n, step, kind, op))
        elif summed:
            total = np_lane_sum(p, n, step, kind, inner, 0.0)
            storef(target + 8 * k, np_mean_of(total, n, kind) if op == 6 else total)
        elif np_float_kind(kind):
            storef(target + 8 * k, np_lane_float(p, n, step, op, 1.0 if op == 1 else np_loadf(p, kind), kind))
        else:
            start = 0 if op == 0 else 1 if op == 1 else np_loadi(p, kind)
            store64(target + 8 * k, np_lane_int(p, n, step, kind, op, start))
    return np_items_as(out, out_kind)


# ---- shapes ---------------------------------------------------------------------------


def np_reshape_fill_nd(size: int, dims: int, ndim: int) -> int:
    """np_reshape_fill of a shape in memory: what a -1 stands for, or -1 if NumPy raises."""
    unknown = 0
    known = 1
    for k in range(ndim):
        n = load64(dims + 8 * k)
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


def np_nocopy_nd(a: int, ndim: int, dims: int, strides: int) -> bool:
    """NumPy's _attempt_nocopy_reshape (shape.c) for C order: the strides (in elements, stored at
    `strides`) under which a's memory has the shape `dims`, if there are such."""
    old = malloc(16 * load64(a + 24) + 16)
    if old == 0:
        return False
    count = 0
    for axis in range(load64(a + 24)):  # axes of length 1 are left out
        if load64(a + 56 + 16 * axis) != 1:
            store64(old + 16 * count, load64(a + 56 + 16 * axis))
            store64(old + 16 * count + 8, load64(a + 64 + 16 * axis))
            count += 1
    oi = 0
    oj = 1
    ni = 0
    nj = 1
    good = True
    while ni < ndim and oi < count and good:
        np_ = load64(dims + 8 * ni)
        op = load64(old + 16 * oi)
        while np_ != op:
            if np_ < op:
                np_ *= load64(dims + 8 * nj)
                nj += 1
            else:
                op *= load64(old + 16 * oj)
                oj += 1
        for ok in range(oi, oj - 1):
            if load64(old + 16 * ok + 8) != load64(old + 16 * (ok + 1)) * load64(old + 16 * (ok + 1) + 8):
                good = False
        if good:
            store64(strides + 8 * (nj - 1), load64(old + 16 * (oj - 1) + 8))
            nk = nj - 1
            while nk > ni:
                store64(strides + 8 * (nk - 1), load64(strides + 8 * nk) * load64(dims + 8 * nk))
                nk -= 1
        ni = nj
        nj += 1
        oi = oj
        oj += 1
    free(old)
    if not good:
        return False
    last = 1 if ni < 1 else load64(strides + 8 * (ni - 1))
    for k in range(ni, ndim):  # trailing axes of length 1
        store64(strides + 8 * k, last)
    return True


def np_view_nd(a: int, data: int, ndim: int, dims: int, strides: int) -> int:
    """array_view of a's memory with the shape `dims` and strides (in elements) `strides`."""
    fields = malloc(16 * ndim + 16)
    if fields == 0:
        return 0
    for k in range(ndim):
        store64(fields + 16 * k, load64(dims + 8 * k))
        store64(fields + 16 * k + 8, load64(strides + 8 * k))
    v = array_view(a, data, ndim, fields)
    free(fields)
    return v


def np_c_strides(ndim: int, dims: int, strides: int) -> None:
    """The strides (in elements) of C order for the shape `dims`."""
    s = 1
    k = ndim - 1
    while k >= 0:
        store64(strides + 8 * k, s)
        s *= load64(dims + 8 * k)
        k -= 1


def np_reshape_nd(a: int, ndim: int, dims: int) -> int:
    """a with the shape `dims` (a valid one, of a's size): a view of its memory when NumPy makes
    one, else a view of a C-order copy. 0: no memory."""
    strides = malloc(8 * ndim + 8)
    if strides == 0:
        return 0
    np_c_strides(ndim, dims, strides)
    if np_size(a) == 0 or np_c_contiguous(a) or np_nocopy_nd(a, ndim, dims, strides):
        view = np_view_nd(a, load64(a + 16), ndim, dims, strides)
    else:
        view = 0
        copy = array_copy(a)
        if copy != 0:
            np_c_strides(ndim, dims, strides)
            view = np_view_nd(copy, load64(copy + 16), ndim, dims, strides)
            obj_release(copy)
    free(strides)
    return view


def np_transpose_nd(a: int) -> int:
    """a.T of any number of axes: a view with the axes in reverse order. 0: no memory."""
    ndim = load64(a + 24)
    fields = malloc(16 * ndim + 16)
    if fields == 0:
        return 0
    for k in range(ndim):
        store64(fields + 16 * k, load64(a + 56 + 16 * (ndim - 1 - k)))
        store64(fields + 16 * k + 8, load64(a + 64 + 16 * (ndim - 1 - k)))
    v = array_view(a, load64(a + 16), ndim, fields)
    free(fields)
    return v
