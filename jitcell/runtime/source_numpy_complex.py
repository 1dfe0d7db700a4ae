"""The runtime library's reductions of complex128 arrays (1-D and 2-D) other than sum and mean
(source_numpy.py), in jitcell's internal dialect: prod, min, max, argmin, argmax.

    np.prod(z)          from 1 + 0j, each element multiplied in as NumPy's reduce loop does:
                        (ar*br - ai*bi, ar*bi + ai*br), walked in memory order
    np.prod(m, axis=0)  a row at a time when the axis is not the inner one: NumPy's vectorized
                        multiply, with fused multiply-adds
    np.max(z)           NumPy's maximum: the accumulator stays if it has a NaN or is >= the element
                        in the lexicographic order on (real, imag); so the first NaN wins
    np.argmax(z)        NumPy's CDOUBLE_argmax: the first greatest in C order, or the first NaN

A complex result is written at `out` (two doubles); an argmin/argmax is returned.
"""


def np_cmul_into(out: int, xr: float, xi: float, fused: bool) -> None:
    ar = loadf(out)
    ai = loadf(out + 8)
    if fused:
        storef(out, fma(ar, xr, -(ai * xi)))
        storef(out + 8, fma(ar, xi, ai * xr))
    else:
        storef(out, ar * xr - ai * xi)
        storef(out + 8, ar * xi + ai * xr)


def np_cpick(out: int, xr: float, xi: float, op: int) -> None:
    """NumPy's complex minimum (op 2) or maximum (3) of the accumulator at out and x, into out."""
    ar = loadf(out)
    ai = loadf(out + 8)
    if ar != ar or ai != ai:
        return
    no_nan = ai == ai and xi == xi
    if op == 3:
        keep = ar > xr and no_nan or ar == xr and ai >= xi
    else:
        keep = ar < xr and no_nan or ar == xr and ai <= xi
    if not keep:
        storef(out, xr)
        storef(out + 8, xi)


def np_cstep(out: int, q: int, op: int, fused: bool) -> None:
    if op == 1:
        np_cmul_into(out, loadf(q), loadf(q + 8), fused)
    else:
        np_cpick(out, loadf(q), loadf(q + 8), op)


def np_cstart(out: int, p: int, op: int) -> None:
    """A reduction's first value: 1 + 0j for prod, the first element for min and max."""
    storef(out, 1.0 if op == 1 else loadf(p))
    storef(out + 8, 0.0 if op == 1 else loadf(p + 8))


def np_creduce(a: int, op: int, out: int) -> None:
    """prod (1), min (2), max (3) of a complex array (min and max: not empty), walked as NumPy's
    iterator walks it: the axis with the smaller stride inner."""
    data = load64(a + 16)
    np_cstart(out, data, op)
    inner = load64(a + 24) - 1
    if inner == 1 and abs(load64(a + 64)) < abs(load64(a + 80)):
        inner = 0
    n_in = load64(a + 56 + 16 * inner)
    s_in = load64(a + 64 + 16 * inner) * 16
    n_out = load64(a + 56 + 16 * (1 - inner)) if load64(a + 24) == 2 else 1
    s_out = load64(a + 64 + 16 * (1 - inner)) * 16 if load64(a + 24) == 2 else 0
    if op != 1:
        for i in range(n_out):
            for j in range(n_in):
                np_cpick(out, loadf(data + i * s_out + j * s_in), loadf(data + i * s_out + j * s_in + 8), op)
        return
    re = 1.0  # a product in registers: the chain of roundings is the loop's
    im = 0.0
    for i in range(n_out):
        for j in range(n_in):
            q = data + i * s_out + j * s_in
            xr = loadf(q)
            xi = loadf(q + 8)
            t = re * xr - im * xi
            im = re * xi + im * xr
            re = t
    storef(out, re)
    storef(out + 8, im)


def np_cbetter(xr: float, xi: float, mr: float, mi: float, op: int) -> bool:
    """Whether x replaces the best so far in NumPy's complex argmin (4) or argmax (5)."""
    if xr != xr or xi != xi:
        return True
    if op == 5:
        return xr > mr or xr == mr and xi > mi
    return xr < mr or xr == mr and xi < mi


def np_carg_lane(p: int, n: int, step: int, op: int) -> int:
    mr = loadf(p)
    mi = loadf(p + 8)
    if mr != mr or mi != mi:
        return 0
    best = 0
    for i in range(1, n):
        xr = loadf(p + i * step)
        xi = loadf(p + i * step + 8)
        if np_cbetter(xr, xi, mr, mi, op):
            mr = xr
            mi = xi
            best = i
            if xr != xr or xi != xi:
                return best
    return best


def np_carg(a: int, op: int) -> int:
    """argmin (4) or argmax (5) of a non-empty complex array: its index in C order."""
    data = load64(a + 16)
    cols = np_cols(a)
    row_step = np_row_step(a)
    col_step = np_col_step(a)
    mr = loadf(data)
    mi = loadf(data + 8)
    if mr != mr or mi != mi:
        return 0
    best = 0
    for i in range(np_rows(a)):
        for j in range(cols):
            q = data + i * row_step + j * col_step
            xr = loadf(q)
            xi = loadf(q + 8)
            if np_cbetter(xr, xi, mr, mi, op):
                mr = xr
                mi = xi
                best = i * cols + j
                if xr != xr or xi != xi:
                    return best
    return best


def np_creduce_axis(a: int, axis: int, op: int) -> int:
    """A 2-D complex array reduced along `axis` (0 or 1) by prod (1), min (2), max (3), argmin (4)
    or argmax (5): a new 1-D array (complex, or int64 for the arg forms), or 0 (no memory). The
    reduced axis is walked as one lane per result when NumPy's iterator makes it the inner loop,
    else a row at a time (a product then multiplies as NumPy's vectorized loop does, fused)."""
    other = 1 - axis
    m = load64(a + 56 + 16 * other)
    n = load64(a + 56 + 16 * axis)
    step = load64(a + 64 + 16 * axis) * 16
    lane_step = load64(a + 64 + 16 * other) * 16
    data = load64(a + 16)
    if op == 4 or op == 5:
        found = array_new(1, m, 1, 8, 0, 0)
        if found == 0:
            return 0
        for k in range(m):
            store64(load64(found + 16) + 8 * k, np_carg_lane(data + k * lane_step, n, step, op))
        return found
    out = array_new(1, m, 1, 16, 1, 0)
    if out == 0:
        return 0
    target = load64(out + 16)
    inner = m == 1 or n > 1 and (abs(step) < abs(lane_step) or abs(step) == abs(lane_step) and axis == 1)
    for k in range(m):
        np_cstart(target + 16 * k, data + k * lane_step, op)
    if inner:
        for k in range(m):
            for i in range(n):
                np_cstep(target + 16 * k, data + k * lane_step + i * step, op, False)
        return out
    for i in range(n):
        for k in range(m):
            np_cstep(target + 16 * k, data + i * step + k * lane_step, op, True)
    return out
