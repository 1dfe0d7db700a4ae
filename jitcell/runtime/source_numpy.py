"""The runtime library's NumPy reductions, in jitcell's internal dialect (compiled with source.py).

Reductions (sum, prod, min, max, mean, argmin, argmax, whole or along an axis; creation, shapes
and dot/matmul are in source_numpy_shapes.py, which uses the helpers here), on the array
objects of source.py (header words: 2 data, 3 ndim, 5-6 shape, 7-8 strides in elements, 9
item size, 10 base). Generated code (compiler/lower/numpy_calls.py, shapes.py, reductions.py)
checks what NumPy would raise before calling; these functions return 0 only when out of memory.

`kind` is the element's dtype (compiler/lower/numpy_calls.py's RUNTIME_KIND): 0 int64, 1 float64,
2 bool (one byte), 3 complex128, 4 int8, 5 int16, 6 int32, 7 uint8, 8 uint16, 9 uint32, 10 uint64,
11 float32; np_loadi and np_loadf read any of them. Integer sums and products are computed in 64
bits (NumPy's int64 and uint64 wrap alike); float32 sums and products round each step to float32
(`round32`), as NumPy's float32 loops compute. An array is walked as
rows x columns: a 1-D array is one row. Float sums follow NumPy's pairwise summation
(numpy/_core/src/umath/loops_utils.h.src, `pairwise_sum`): the same additions in the same
order, so the same bits.
"""

import math


def np_rows(a: int) -> int:
    return load64(a + 56) if load64(a + 24) == 2 else 1


def np_cols(a: int) -> int:
    return load64(a + 40 + 16 * load64(a + 24))  # the last axis's length


def np_row_step(a: int) -> int:
    """Bytes from one row to the next (0 for a 1-D array)."""
    return load64(a + 64) * load64(a + 40) if load64(a + 24) == 2 else 0


def np_col_step(a: int) -> int:
    return load64(a + 48 + 16 * load64(a + 24)) * load64(a + 40)


def np_size(a: int) -> int:
    size = 1
    for axis in range(load64(a + 24)):
        size *= load64(a + 56 + 16 * axis)
    return size


def np_c_contiguous(a: int) -> bool:
    """NumPy's C_CONTIGUOUS flag: strides of C order, ignoring axes of length 1; an empty array is."""
    expected = 1
    axis = load64(a + 24) - 1
    while axis >= 0:
        n = load64(a + 56 + 16 * axis)
        if n == 0:
            return True
        if n != 1 and load64(a + 64 + 16 * axis) != expected:
            return False
        expected *= n
        axis -= 1
    return True


def np_f_contiguous(a: int) -> bool:
    expected = 1
    for axis in range(load64(a + 24)):
        n = load64(a + 56 + 16 * axis)
        if n == 0:
            return True
        if n != 1 and load64(a + 64 + 16 * axis) != expected:
            return False
        expected *= n
    return True


def np_float_kind(kind: int) -> bool:
    return kind == 1 or kind == 11


def np_itemsize(kind: int) -> int:
    """The item size of a kind (compiler/lower/numpy_calls.py's RUNTIME_KIND)."""
    if kind == 0 or kind == 1 or kind == 10:
        return 8
    if kind == 3:
        return 16
    if kind == 6 or kind == 9 or kind == 11:
        return 4
    if kind == 5 or kind == 8:
        return 2
    return 1


def np_loadi(p: int, kind: int) -> int:
    """An integer or bool element as an int (a uint64 one as its 64 bits)."""
    if kind == 0 or kind == 10:
        return load64(p)
    if kind == 2 or kind == 7:
        return load8(p)
    if kind == 4:
        x = load8(p)
        return x - 256 if x >= 128 else x
    if kind == 5:
        x = load16(p)
        return x - 65536 if x >= 32768 else x
    if kind == 6:
        x = load32(p)
        return x - 4294967296 if x >= 2147483648 else x
    if kind == 8:
        return load16(p)
    return load32(p)


def np_loadf(p: int, kind: int) -> float:
    """An element as a float (NumPy's cast to float64: exact but for int64 and uint64)."""
    if kind == 1:
        return loadf(p)
    if kind == 11:
        return loadf32(p)
    if kind == 10:
        x = load64(p)
        if x < 0:  # above 2**63: halved (keeping the lost bit, for the rounding), converted, doubled
            return float(((x >> 1) & 9223372036854775807) | (x & 1)) * 2.0
        return float(x)
    return float(np_loadi(p, kind))


def np_round(x: float, kind: int) -> float:
    """A float result as the kind's arithmetic gives it: float32's rounded, others as they are."""
    return round32(x) if kind == 11 else x


def np_storei(p: int, kind: int, value: int) -> None:
    item_set(p, np_itemsize(kind), value)


def np_storef(p: int, kind: int, value: float) -> None:
    if kind == 11:
        storef32(p, value)
    else:
        storef(p, value)


def np_pairwise(p: int, n: int, step: int, kind: int) -> float:
    """NumPy's pairwise sum of n elements from p, `step` bytes apart (as floats)."""
    if n < 8:
        res = -0.0
        for i in range(n):
            res += np_loadf(p + i * step, kind)
        return res
    if n <= 128:
        r0 = np_loadf(p, kind)
        r1 = np_loadf(p + step, kind)
        r2 = np_loadf(p + 2 * step, kind)
        r3 = np_loadf(p + 3 * step, kind)
        r4 = np_loadf(p + 4 * step, kind)
        r5 = np_loadf(p + 5 * step, kind)
        r6 = np_loadf(p + 6 * step, kind)
        r7 = np_loadf(p + 7 * step, kind)
        i = 8
        last = n - n % 8
        while i < last:
            q = p + i * step
            r0 += np_loadf(q, kind)
            r1 += np_loadf(q + step, kind)
            r2 += np_loadf(q + 2 * step, kind)
            r3 += np_loadf(q + 3 * step, kind)
            r4 += np_loadf(q + 4 * step, kind)
            r5 += np_loadf(q + 5 * step, kind)
            r6 += np_loadf(q + 6 * step, kind)
            r7 += np_loadf(q + 7 * step, kind)
            i += 8
        res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
        while i < n:
            res += np_loadf(p + i * step, kind)
            i += 1
        return res
    n2 = n // 2
    n2 -= n2 % 8
    return np_pairwise(p, n2, step, kind) + np_pairwise(p + n2 * step, n - n2, step, kind)


def np_add32(x: float, y: float) -> float:
    return round32(x + y)


def np_pairwise32(p: int, n: int, step: int) -> float:
    """np_pairwise of float32 elements, each addition rounded to float32 (FLOAT_pairwise_sum)."""
    if n < 8:
        res = -0.0
        for i in range(n):
            res = round32(res + loadf32(p + i * step))
        return res
    if n <= 128:
        r0 = loadf32(p)
        r1 = loadf32(p + step)
        r2 = loadf32(p + 2 * step)
        r3 = loadf32(p + 3 * step)
        r4 = loadf32(p + 4 * step)
        r5 = loadf32(p + 5 * step)
        r6 = loadf32(p + 6 * step)
        r7 = loadf32(p + 7 * step)
        i = 8
        last = n - n % 8
        while i < last:
            q = p + i * step
            r0 = np_add32(r0, loadf32(q))
            r1 = np_add32(r1, loadf32(q + step))
            r2 = np_add32(r2, loadf32(q + 2 * step))
            r3 = np_add32(r3, loadf32(q + 3 * step))
            r4 = np_add32(r4, loadf32(q + 4 * step))
            r5 = np_add32(r5, loadf32(q + 5 * step))
            r6 = np_add32(r6, loadf32(q + 6 * step))
            r7 = np_add32(r7, loadf32(q + 7 * step))
            i += 8
        res = round32(round32(round32(r0 + r1) + round32(r2 + r3)) + round32(round32(r4 + r5) + round32(r6 + r7)))
        while i < n:
            res = round32(res + loadf32(p + i * step))
            i += 1
        return res
    n2 = n // 2
    n2 -= n2 % 8
    return round32(np_pairwise32(p, n2, step) + np_pairwise32(p + n2 * step, n - n2, step))


def np_pairwise_any(p: int, n: int, step: int, kind: int) -> float:
    return np_pairwise32(p, n, step) if kind == 11 else np_pairwise(p, n, step, kind)


def np_lane_sum(p: int, n: int, step: int, kind: int, pairwise: bool, acc: float) -> float:
    """acc plus n elements: pairwise (one inner loop of NumPy's reduction), or one by one (the
    reduced axis is an outer one). An int array's elements are cast in NumPy's buffers of 8192."""
    if pairwise:
        if kind == 1:
            return acc + np_pairwise(p, n, step, kind)
        if kind == 11:
            return round32(acc + np_pairwise32(p, n, step))
        done = 0
        while done < n:
            chunk = min(8192, n - done)
            acc += np_pairwise(p + done * step, chunk, step, kind)
            done += chunk
        return acc
    for i in range(n):
        acc = np_round(acc + np_loadf(p + i * step, kind), kind)
    return acc


def np_lane_int(p: int, n: int, step: int, kind: int, op: int, acc: int) -> int:
    """ops 0 sum, 1 prod (wrapping, as NumPy's int64), 2 min, 3 max (n > 0 when acc is unset)."""
    for i in range(n):
        x = np_loadi(p + i * step, kind)
        if op == 0:
            acc += x
        elif op == 1:
            acc *= x
        elif op == 2:
            if x < acc:
                acc = x
        elif x > acc:
            acc = x
    return acc


def np_lane_float(p: int, n: int, step: int, op: int, acc: float, kind: int) -> float:
    """ops 1 prod, 2 min, 3 max; a NaN wins min and max, as in NumPy."""
    for i in range(n):
        x = np_loadf(p + i * step, kind)
        if op == 1:
            acc = np_round(acc * x, kind)
        elif x != x:
            return x
        elif op == 2:
            if not x > acc:
                acc = x
        elif not x < acc:
            acc = x
    return acc


def np_lane_arg(p: int, n: int, step: int, kind: int, op: int) -> int:
    """The index of the first least (op 4) or greatest (op 5) of n > 0 elements; of a float
    array, the first NaN's if there is one."""
    best = 0
    if np_float_kind(kind):
        v = np_loadf(p, kind)
        if v != v:
            return 0
        for i in range(1, n):
            x = np_loadf(p + i * step, kind)
            if x != x:
                return i
            if x < v if op == 4 else x > v:
                v = x
                best = i
        return best
    w = np_loadi(p, kind)
    for i in range(1, n):
        y = np_loadi(p + i * step, kind)
        if y < w if op == 4 else y > w:
            w = y
            best = i
    return best


def np_whole_lane(a: int) -> bool:
    """Whether a's elements can be walked as one lane from its data address (1-D, or contiguous)."""
    return load64(a + 24) == 1 or np_c_contiguous(a)


def np_sum_float(a: int, kind: int) -> float:
    """sum of a's elements as floats (np.sum of a float array, the sum behind np.mean), in the
    order of NumPy's iterator: memory order for a contiguous array; else the axes ordered by
    stride (the smaller inner), merged when evenly spaced, and the elements of a 2-D walk copied
    into NumPy's buffer a whole number of inner rows at a time (at most 8192 elements), each buffer
    summed pairwise; rows longer than that are summed pairwise one by one. Found by comparing with
    NumPy 2.4 (its iterator's buffering, numpy/_core/src/multiarray/nditer_api.c)."""
    size = np_size(a)
    item = load64(a + 40)
    data = load64(a + 16)
    if load64(a + 24) == 1:
        return np_lane_sum(data, size, np_col_step(a), kind, True, 0.0)
    if np_c_contiguous(a) or np_f_contiguous(a):
        return np_lane_sum(data, size, item, kind, True, 0.0)
    inner = 1 if abs(load64(a + 80)) <= abs(load64(a + 64)) else 0
    n_in = load64(a + 56 + 16 * inner)
    n_out = load64(a + 56 + 16 * (1 - inner))
    s_in = load64(a + 64 + 16 * inner) * item
    s_out = load64(a + 64 + 16 * (1 - inner)) * item
    if n_out == 1:
        return np_lane_sum(data, n_in, s_in, kind, True, 0.0)
    if n_in == 1:
        return np_lane_sum(data, n_out, s_out, kind, True, 0.0)
    if s_out == s_in * n_in:  # evenly spaced rows: one strided axis
        return np_lane_sum(data, size, s_in, kind, True, 0.0)
    chunk = (8192 // n_in) * n_in
    buffer = malloc(8 * chunk) if chunk > 0 else 0
    acc = 0.0
    if buffer == 0:  # rows longer than the buffer, which NumPy sums one by one (or no memory)
        for i in range(n_out):
            acc = np_lane_sum(data + i * s_out, n_in, s_in, kind, True, acc)
        return acc
    held = 11 if kind == 11 else 1  # the buffer holds float32 for a float32 sum, else float64
    width = np_itemsize(held)
    count = 0
    for i in range(n_out):
        for j in range(n_in):
            np_storef(buffer + width * count, held, np_loadf(data + i * s_out + j * s_in, kind))
            count += 1
            if count == chunk:
                acc = np_round(acc + np_pairwise_any(buffer, count, width, held), held)
                count = 0
    if count > 0:
        acc = np_round(acc + np_pairwise_any(buffer, count, width, held), held)
    free(buffer)
    return acc


def np_reduce_float(a: int, op: int, kind: int) -> float:
    """prod (1), min (2), max (3) of a float array (min and max: not empty), walked as NumPy's
    iterator walks it: the axis with the smaller stride inner (the order of a product's roundings)."""
    data = load64(a + 16)
    acc = 1.0 if op == 1 else np_loadf(data, kind)
    item = load64(a + 40)
    inner = load64(a + 24) - 1
    if inner == 1 and abs(load64(a + 64)) < abs(load64(a + 80)):
        inner = 0
    n_in = load64(a + 56 + 16 * inner)
    s_in = load64(a + 64 + 16 * inner) * item
    n_out = load64(a + 56 + 16 * (1 - inner)) if load64(a + 24) == 2 else 1
    s_out = load64(a + 64 + 16 * (1 - inner)) * item if load64(a + 24) == 2 else 0
    for i in range(n_out):
        acc = np_lane_float(data + i * s_out, n_in, s_in, op, acc, kind)
        if acc != acc and op != 1:
            return acc
    return acc


def np_reduce_int(a: int, kind: int, op: int) -> int:
    """sum (0), prod (1), min (2), max (3) of an int or bool array (min and max: not empty)."""
    data = load64(a + 16)
    acc = 0 if op == 0 else 1 if op == 1 else np_loadi(data, kind)
    for i in range(np_rows(a)):
        acc = np_lane_int(data + i * np_row_step(a), np_cols(a), np_col_step(a), kind, op, acc)
    return acc


def np_arg(a: int, kind: int, op: int) -> int:
    """argmin (4) or argmax (5) of a non-empty array: the index in C order."""
    data = load64(a + 16)
    cols = np_cols(a)
    best = 0
    for i in range(np_rows(a)):
        row = data + i * np_row_step(a)
        j = np_lane_arg(row, cols, np_col_step(a), kind, op)
        here = row + j * np_col_step(a)
        there = data + (best // cols) * np_row_step(a) + (best % cols) * np_col_step(a)
        if i == 0:
            best = j
        elif np_float_kind(kind):
            x = np_loadf(here, kind)
            v = np_loadf(there, kind)
            if v != v:
                return best
            if x != x or (x < v if op == 4 else x > v):
                best = i * cols + j
        else:
            y = np_loadi(here, kind)
            w = np_loadi(there, kind)
            if y < w if op == 4 else y > w:
                best = i * cols + j
    return best


def np_reduce_axis(a: int, axis: int, op: int, kind: int, out_kind: int) -> int:
    """A 2-D array reduced along `axis` (0 or 1): a new 1-D array of `out_kind`, or 0 (no memory).
    ops 0 sum, 1 prod, 2 min, 3 max, 4 argmin, 5 argmax, 6 mean. A float sum is pairwise along
    the axis when NumPy's iterator makes it the inner loop (the smaller stride), else element by
    element. Computed into words (int64 or float64, each float32 step rounded), then stored as
    out_kind's items."""
    other = 1 - axis
    m = load64(a + 56 + 16 * other)
    n = load64(a + 56 + 16 * axis)
    item = load64(a + 40)
    step = load64(a + 64 + 16 * axis) * item
    lane_step = load64(a + 64 + 16 * other) * item
    out = array_new(1, m, 1, 8, 0, 0)
    if out == 0:
        return 0
    inner = m == 1 or n > 1 and (abs(step) < abs(lane_step) or abs(step) == abs(lane_step) and axis == 1)
    target = load64(out + 16)
    summed = op == 6 or op == 0 and np_float_kind(kind)  # a float sum (a mean's is float64 for ints)
    if not inner and summed:  # element by element, a row at a time (as NumPy)
        for k in range(m):
            storef(target + 8 * k, 0.0)
        for i in range(n):
            row = load64(a + 16) + i * step
            for k in range(m):
                storef(target + 8 * k, np_round(loadf(target + 8 * k) + np_loadf(row + k * lane_step, kind), kind))
        if op == 6:
            for k in range(m):
                storef(target + 8 * k, np_mean_of(loadf(target + 8 * k), n, kind))
        return np_items_as(out, out_kind)
    for k in range(m):
        p = load64(a + 16) + k * lane_step
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


def np_mean_of(total: float, n: int, kind: int) -> float:
    """A mean from its sum, as NumPy's _mean divides: a float32 sum by n as a float32."""
    if n == 0:
        return math.nan
    if kind == 11:
        return round32(total / round32(float(n)))
    return total / float(n)


def np_items_as(words: int, kind: int) -> int:
    """A new C-order array of `kind` with the values and shape of `words` (a C-order array of
    int64 or float64 words, released), or `words` itself when it already is one. 0: no memory."""
    if words == 0 or kind == 0 or kind == 1 or kind == 10:
        return words
    ndim = load64(words + 24)
    dims = malloc(8 * ndim)
    out = 0
    if dims != 0:
        for axis in range(ndim):
            store64(dims + 8 * axis, load64(words + 56 + 16 * axis))
        out = array_make(ndim, dims, np_itemsize(kind), 0, 0)
        free(dims)
    if out != 0:
        source = load64(words + 16)
        target = load64(out + 16)
        size = np_itemsize(kind)
        for k in range(np_size(words)):
            if kind == 11:
                storef32(target + 4 * k, loadf(source + 8 * k))
            else:
                item_set(target + size * k, size, load64(source + 8 * k))
    obj_release(words)
    return out


# ---- complex sums --------------------------------------------------------------------


def np_cpairwise(p: int, c: int, step: int, part: int) -> float:
    """One part (0 real, 8 imaginary) of NumPy's pairwise sum of c complex numbers from p, `step`
    bytes apart (CDOUBLE_pairwise_sum: 4 accumulators per part, blocks of 64 numbers)."""
    if c < 4:
        res = -0.0
        for k in range(c):
            res += loadf(p + k * step + part)
        return res
    if c <= 64:
        r0 = loadf(p + part)
        r2 = loadf(p + step + part)
        r4 = loadf(p + 2 * step + part)
        r6 = loadf(p + 3 * step + part)
        k = 4
        last = c - c % 4
        while k < last:
            q = p + k * step + part
            r0 += loadf(q)
            r2 += loadf(q + step)
            r4 += loadf(q + 2 * step)
            r6 += loadf(q + 3 * step)
            k += 4
        res = (r0 + r2) + (r4 + r6)
        while k < c:
            res += loadf(p + k * step + part)
            k += 1
        return res
    half = (c - c % 8) // 2
    return np_cpairwise(p, half, step, part) + np_cpairwise(p + half * step, c - half, step, part)


def np_csum(a: int, part: int) -> float:
    """One part of np.sum of a complex array, in the order np_sum_float walks a float array."""
    size = np_size(a)
    data = load64(a + 16)
    if load64(a + 24) == 1:
        return 0.0 + np_cpairwise(data, size, np_col_step(a), part)
    if np_c_contiguous(a) or np_f_contiguous(a):
        return 0.0 + np_cpairwise(data, size, 16, part)
    inner = 1 if abs(load64(a + 80)) <= abs(load64(a + 64)) else 0
    n_in = load64(a + 56 + 16 * inner)
    n_out = load64(a + 56 + 16 * (1 - inner))
    s_in = load64(a + 64 + 16 * inner) * 16
    s_out = load64(a + 64 + 16 * (1 - inner)) * 16
    if n_out == 1:
        return 0.0 + np_cpairwise(data, n_in, s_in, part)
    if n_in == 1:
        return 0.0 + np_cpairwise(data, n_out, s_out, part)
    if s_out == s_in * n_in:
        return 0.0 + np_cpairwise(data, size, s_in, part)
    chunk = (8192 // n_in) * n_in
    buffer = malloc(16 * chunk) if chunk > 0 else 0
    acc = 0.0
    if buffer == 0:
        for i in range(n_out):
            acc += np_cpairwise(data + i * s_out, n_in, s_in, part)
        return acc
    count = 0
    for i in range(n_out):
        for j in range(n_in):
            storef(buffer + 16 * count + part, loadf(data + i * s_out + j * s_in + part))
            count += 1
            if count == chunk:
                acc += np_cpairwise(buffer, count, 16, part)
                count = 0
    if count > 0:
        acc += np_cpairwise(buffer, count, 16, part)
    free(buffer)
    return acc


def np_csum_axis(a: int, axis: int, mean: bool) -> int:
    """A 2-D complex array's sums (or means) along `axis`: a new 1-D complex array, or 0 (no
    memory). Pairwise along the axis when it is the inner one, else a row at a time (as np_reduce_axis);
    a mean divides as NumPy's complex division by n + 0j (Smith's: times 1 / n)."""
    other = 1 - axis
    m = load64(a + 56 + 16 * other)
    n = load64(a + 56 + 16 * axis)
    step = load64(a + 64 + 16 * axis) * 16
    lane_step = load64(a + 64 + 16 * other) * 16
    out = array_new(1, m, 1, 16, 1, 0)
    if out == 0:
        return 0
    inner = m == 1 or n > 1 and (abs(step) < abs(lane_step) or abs(step) == abs(lane_step) and axis == 1)
    target = load64(out + 16)
    data = load64(a + 16)
    for k in range(m):
        if inner:
            storef(target + 16 * k, 0.0 + np_cpairwise(data + k * lane_step, n, step, 0))
            storef(target + 16 * k + 8, 0.0 + np_cpairwise(data + k * lane_step, n, step, 8))
    if not inner:
        for i in range(n):
            for k in range(m):
                q = data + i * step + k * lane_step
                storef(target + 16 * k, loadf(target + 16 * k) + loadf(q))
                storef(target + 16 * k + 8, loadf(target + 16 * k + 8) + loadf(q + 8))
    if mean:
        scale = 1.0 / float(n) if n > 0 else math.nan
        for k in range(m):
            re = loadf(target + 16 * k)
            im = loadf(target + 16 * k + 8)
            storef(target + 16 * k, (re + im * 0.0) * scale)
            storef(target + 16 * k + 8, (im - re * 0.0) * scale)
    return out
