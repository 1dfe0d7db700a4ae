"""The runtime library's random numbers, in jitcell's internal dialect (compiled with source.py).

Two Mersenne Twisters (MT19937) per thread: the `random` module's, as CPython's
Modules/_randommodule.c and Lib/random.py (3.11) draw from it, and NumPy's legacy
`RandomState`'s (numpy/random/src/mt19937, legacy-distributions.c). Same seed, same calls:
the same numbers, bit for bit. A thread's state is allocated at its first draw, kept under a
pthread key (state words 40, 41) whose destructor frees it when the thread exits, and seeded
from the OS's entropy (getentropy), as an unseeded `random` or `RandomState` is.

    thread state: generator 0 (random) at offset 0, generator 1 (numpy) at offset 2528
    generator:    624 32-bit words, then at 2496 the index of the next word (624: refill),
                  2504 has_gauss (1: a cached normal), 2512 that normal (a float),
                  2520 two words of scratch (py_seed's key)

Generated code inlines the draw of a 32-bit word (compiler/lower/randoms.py) and calls
mt_refill when the 624 words are used.
"""

import math

# ---- the generator (genrand_uint32 and init_genrand / init_by_array of mt19937ar.c) ----------


def random_setup() -> None:
    """Called by runtime_setup: the key of each thread's random state."""
    if load64(state(41)) == 0:
        store64(state(40), 0)
        if pthread_key_create(state(40), free_address()) == 0:  # a thread's state is freed as it exits
            store64(state(41), 1)


def random_state() -> int:
    """This thread's random state (allocated and seeded from entropy at its first use), or 0:
    no memory."""
    if load64(state(41)) == 0:
        return 0
    key = load32(state(40))
    s = pthread_getspecific(key)
    if s == 0:
        s = calloc(1, 5056)
        if s == 0:
            return 0
        mt_seed_entropy(s)
        mt_seed_entropy(s + 2528)
        pthread_setspecific(key, s)
    return s


def random_after_fork() -> None:
    """In a forked child (runtime/__init__.py): the random module's generator of the thread that
    forked, if it has drawn, reseeded from entropy, as CPython reseeds its random module's; NumPy's
    goes on as the parent's, as NumPy's does."""
    if load64(state(41)) != 0:
        s = pthread_getspecific(load32(state(40)))
        if s != 0:
            py_seed_entropy(s)


def mt_refill(g: int) -> None:
    """The next 624 words (MT19937's twist); the index back to 0."""
    for kk in range(227):
        mt_twist(g, kk, kk + 1, kk + 397)
    for kk in range(227, 623):
        mt_twist(g, kk, kk + 1, kk - 227)
    mt_twist(g, 623, 0, 396)
    store64(g + 2496, 0)


def mt_twist(g: int, kk: int, next_: int, far: int) -> None:
    y = (load32(g + 4 * kk) & 2147483648) | (load32(g + 4 * next_) & 2147483647)
    store32(g + 4 * kk, load32(g + 4 * far) ^ (y >> 1) ^ ((0 - (y & 1)) & 2567483615))


def mt_next(g: int) -> int:
    """genrand_uint32: the next 32-bit word, tempered."""
    i = load64(g + 2496)
    if i >= 624:
        mt_refill(g)
        i = 0
    y = load32(g + 4 * i)
    store64(g + 2496, i + 1)
    y = y ^ (y >> 11)
    y = y ^ ((y << 7) & 2636928640)
    y = y ^ ((y << 15) & 4022730752)
    return y ^ (y >> 18)


def mt_double(g: int) -> float:
    """random() / random_sample(): 53 bits, (a * 2**26 + b) / 2**53."""
    a = mt_next(g) >> 5
    b = mt_next(g) >> 6
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)


def mt_init(g: int, s: int) -> None:
    """init_genrand (NumPy's mt19937_seed): the state from one 32-bit word; no cached normal."""
    s = s & 4294967295
    store32(g, s)
    for i in range(1, 624):
        s = (1812433253 * (s ^ (s >> 30)) + i) & 4294967295
        store32(g + 4 * i, s)
    store64(g + 2496, 624)
    store64(g + 2504, 0)
    storef(g + 2512, 0.0)


def mt_init_by_array(g: int, key: int, length: int) -> None:
    """init_by_array over `length` 32-bit words at `key`."""
    mt_init(g, 19650218)
    i = 1
    j = 0
    k = max(624, length)
    while k > 0:
        previous = load32(g + 4 * (i - 1))
        mixed = (load32(g + 4 * i) ^ ((previous ^ (previous >> 30)) * 1664525)) + load32(key + 4 * j) + j
        store32(g + 4 * i, mixed & 4294967295)
        i += 1
        j += 1
        if i >= 624:
            store32(g, load32(g + 4 * 623))
            i = 1
        if j >= length:
            j = 0
        k -= 1
    k = 623
    while k > 0:
        previous = load32(g + 4 * (i - 1))
        mixed = (load32(g + 4 * i) ^ ((previous ^ (previous >> 30)) * 1566083941)) - i
        store32(g + 4 * i, mixed & 4294967295)
        i += 1
        if i >= 624:
            store32(g, load32(g + 4 * 623))
            i = 1
        k -= 1
    store32(g, 2147483648)


def mt_seed_entropy(g: int) -> None:
    """An unseeded generator: init_by_array over 624 words of the OS's entropy (as CPython's
    random_seed_urandom); the time and the state's address if there is none."""
    words = malloc(2496)
    if words == 0:
        mt_init(g, pthread_self() ^ g)
        return
    for part in range(0, 2496, 256):
        if getentropy(words + part, min(256, 2496 - part)) != 0:
            store32(words + part, pthread_self() ^ g ^ part)
    mt_init_by_array(g, words, 624)
    free(words)


# ---- the random module (Lib/random.py 3.11, on genrand_uint32) -----------------------------


def py_seed(g: int, n: int) -> None:
    """random.seed(n): init_by_array over the 32-bit words of abs(n), least significant first
    (one word for 0); no cached gauss."""
    words = g + 2520  # two words of scratch in the generator's block
    magnitude = n
    if n < 0:
        magnitude = -n  # -2**63 wraps to itself: as unsigned, 2**63, its absolute value
    store32(words, magnitude & 4294967295)
    high = (magnitude >> 32) & 4294967295
    store32(words + 4, high)
    length = 1
    if high != 0:
        length = 2
    mt_init_by_array(g, words, length)
    store64(g + 2504, 0)


def py_seed_entropy(g: int) -> None:
    """random.seed() with no argument."""
    mt_seed_entropy(g)
    store64(g + 2504, 0)


def unsigned_less(a: int, b: int) -> bool:
    return (a ^ -9223372036854775808) < (b ^ -9223372036854775808)


def bit_length(n: int) -> int:
    """Of n read as unsigned."""
    k = 0
    while n != 0:
        n = (n >> 1) & 9223372036854775807
        k += 1
    return k


def py_getrandbits(g: int, k: int) -> int:
    """getrandbits(k) for 1 <= k <= 64: words least significant first, the last one's top bits."""
    if k <= 32:
        return mt_next(g) >> (32 - k)
    low = mt_next(g)
    return low | ((mt_next(g) >> (64 - k)) << 32)


def py_below(g: int, n: int) -> int:
    """_randbelow_with_getrandbits(n), n unsigned and nonzero: getrandbits(n.bit_length())
    until below n."""
    k = bit_length(n)
    r = py_getrandbits(g, k)
    while not unsigned_less(r, n):
        r = py_getrandbits(g, k)
    return r


def unsigned_ceil_div(a: int, b: int) -> int:
    """ceil(a / b) of unsigned a and b (b > 0)."""
    if b < 0:  # b >= 2**63: a / b < 2
        if a == 0:
            return 0
        if unsigned_less(b, a):
            return 2
        return 1
    if a >= 0:
        q = a // b
    else:
        q = (((a >> 1) & 9223372036854775807) // b) << 1
        while not unsigned_less(a - q * b, b):
            q += 1
    if a - q * b != 0:
        q += 1
    return q


def py_range_count(start: int, stop: int, step: int) -> int:
    """How many values range(start, stop, step) has, unsigned; 0 if none (or step 0)."""
    if step > 0 and stop > start:
        return unsigned_ceil_div(stop - start, step)
    if step < 0 and stop < start:
        return unsigned_ceil_div(start - stop, -step)
    return 0


def py_closed_count(a: int, b: int) -> int:
    """How many ints a..b has, unsigned; 0 if none, or all 2**64 of them."""
    if b < a:
        return 0
    return b - a + 1


def py_pick(g: int, start: int, step: int, n: int) -> int:
    """randrange's value: start + step * _randbelow(n) (wrapping back into range)."""
    return start + step * py_below(g, n)


def py_shuffle(g: int, lst: int) -> None:
    """random.shuffle(list) (3.11): for i from len - 1 down to 1, swap items i and randbelow(i + 1)."""
    n = load64(lst + 16)
    items = load64(lst + 32)
    size = load64(lst + 40)  # bytes per item: 1 for a bool, else whole words
    i = n - 1
    while i > 0:
        j = py_below(g, i + 1)
        if j != i:
            a = items + i * size
            b = items + j * size
            if size == 1:
                t = load8(a)
                store8(a, load8(b))
                store8(b, t)
            else:
                for w in range(0, size, 8):
                    t = load64(a + w)
                    store64(a + w, load64(b + w))
                    store64(b + w, t)
        i -= 1
    store64(lst + 56, 1)


def py_gauss(g: int) -> float:
    """random.gauss's z (3.11): the cached one, or cos(x2pi) * g2rad caching sin(x2pi) * g2rad."""
    if load64(g + 2504) != 0:
        store64(g + 2504, 0)
        return loadf(g + 2512)
    x2pi = mt_double(g) * 6.283185307179586
    g2rad = math.sqrt(-2.0 * math.log(1.0 - mt_double(g)))
    storef(g + 2512, math.sin(x2pi) * g2rad)
    store64(g + 2504, 1)
    return math.cos(x2pi) * g2rad


def py_normal(g: int) -> float:
    """random.normalvariate's z (Kinderman and Monahan's ratio method)."""
    u1 = mt_double(g)
    u2 = 1.0 - mt_double(g)
    z = 1.7155277699214135 * (u1 - 0.5) / u2
    while z * z / 4.0 > -math.log(u2):
        u1 = mt_double(g)
        u2 = 1.0 - mt_double(g)
        z = 1.7155277699214135 * (u1 - 0.5) / u2
    return z


def py_expo(g: int) -> float:
    """-log(1.0 - random()), which expovariate divides by lambd."""
    return -math.log(1.0 - mt_double(g))


# ---- NumPy's legacy RandomState (np.random.seed, randint, standard_normal...) ------------


def np_gauss(g: int) -> float:
    """legacy_gauss: the cached one, or the polar method's pair (f * x2 returned, f * x1 kept)."""
    if load64(g + 2504) != 0:
        store64(g + 2504, 0)
        value = loadf(g + 2512)
        storef(g + 2512, 0.0)
        return value
    x1 = 2.0 * mt_double(g) - 1.0
    x2 = 2.0 * mt_double(g) - 1.0
    r2 = x1 * x1 + x2 * x2
    while r2 >= 1.0 or r2 == 0.0:
        x1 = 2.0 * mt_double(g) - 1.0
        x2 = 2.0 * mt_double(g) - 1.0
        r2 = x1 * x1 + x2 * x2
    f = math.sqrt(-2.0 * math.log(r2) / r2)
    storef(g + 2512, f * x1)
    store64(g + 2504, 1)
    return f * x2


def np_mask(rng: int) -> int:
    """gen_mask: the smallest all-ones mask over rng (unsigned)."""
    mask = rng
    mask = mask | ((mask >> 1) & 9223372036854775807)
    mask = mask | (mask >> 2)
    mask = mask | (mask >> 4)
    mask = mask | (mask >> 8)
    mask = mask | (mask >> 16)
    return mask | (mask >> 32)


def np_bounded(g: int, rng: int, mask: int) -> int:
    """One value of random_bounded_uint64_fill (use_masked) over [0, rng], rng unsigned: none drawn
    for 0; a 32-bit word below 2**32, else two (the first the high half), masked, rejected while
    above rng."""
    if rng == 0:
        return 0
    if rng >= 0 and rng <= 4294967295:
        if rng == 4294967295:
            return mt_next(g)
        value = mt_next(g) & mask
        while value > rng:
            value = mt_next(g) & mask
        return value
    if rng == -1:
        return (mt_next(g) << 32) | mt_next(g)
    high_word = mt_next(g)
    value = ((high_word << 32) | mt_next(g)) & mask
    while unsigned_less(rng, value):
        high_word = mt_next(g)
        value = ((high_word << 32) | mt_next(g)) & mask
    return value


def np_randint(g: int, low: int, high: int) -> int:
    """randint(low, high) for low < high: rng = high - 1 - low, offset by low (wrapping)."""
    rng = high - 1 - low
    return low + np_bounded(g, rng, np_mask(rng))


# ---- NumPy's draws with a size: n elements at `out`, in C order, as the scalar draws ----------


def mt_temper(y: int) -> int:
    y = y ^ (y >> 11)
    y = y ^ ((y << 7) & 2636928640)
    y = y ^ ((y << 15) & 4022730752)
    return y ^ (y >> 18)


def mt_pair_double(g: int, i: int) -> float:
    """mt_double of words i and i + 1 (both before the refill), leaving the index alone."""
    a = mt_temper(load32(g + 4 * i)) >> 5
    b = mt_temper(load32(g + 4 * i + 4)) >> 6
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)


def np_fill_doubles(g: int, out: int, n: int) -> None:
    """random_sample(size): mt_double's doubles, the index kept in a register while two words
    remain before a refill."""
    i = load64(g + 2496)
    for k in range(n):
        if i >= 623:  # the pair straddles a refill, or starts one
            store64(g + 2496, i)
            storef(out + 8 * k, mt_double(g))
            i = load64(g + 2496)
        else:
            storef(out + 8 * k, mt_pair_double(g, i))
            i += 2
    store64(g + 2496, i)


def np_fill_uniform(g: int, out: int, n: int, low: float, span: float) -> None:
    """uniform(low, high, size): low + span * random_sample(), span = high - low."""
    np_fill_doubles(g, out, n)
    for k in range(n):
        storef(out + 8 * k, low + span * loadf(out + 8 * k))


def np_fill_normal(g: int, out: int, n: int, loc: float, scale: float) -> None:
    """normal(loc, scale, size): loc + scale * legacy_gauss each, as a loop of np_gauss would: the
    cached normal first if there is one, then the polar method's pairs (f * x2, then the f * x1
    np_gauss would cache), a last odd one through np_gauss, which caches its pair's other.
    standard_normal(size) is loc 0.0, scale 1.0: exact, as no normal drawn is -0.0."""
    k = 0
    if n > 0 and load64(g + 2504) != 0:
        store64(g + 2504, 0)
        storef(out, loc + scale * loadf(g + 2512))
        storef(g + 2512, 0.0)
        k = 1
    i = load64(g + 2496)  # in a register while four words remain before a refill
    while k + 1 < n:
        r2 = 0.0
        x1 = 0.0
        x2 = 0.0
        while r2 >= 1.0 or r2 == 0.0:
            if i >= 621:
                store64(g + 2496, i)
                x1 = 2.0 * mt_double(g) - 1.0
                x2 = 2.0 * mt_double(g) - 1.0
                i = load64(g + 2496)
            else:
                x1 = 2.0 * mt_pair_double(g, i) - 1.0
                x2 = 2.0 * mt_pair_double(g, i + 2) - 1.0
                i += 4
            r2 = x1 * x1 + x2 * x2
        f = math.sqrt(-2.0 * math.log(r2) / r2)
        storef(out + 8 * k, loc + scale * (f * x2))
        storef(out + 8 * k + 8, loc + scale * (f * x1))
        k += 2
    store64(g + 2496, i)
    if k < n:
        storef(out + 8 * k, loc + scale * np_gauss(g))


def np_fill_randint(g: int, out: int, n: int, low: int, high: int) -> None:
    """randint(low, high, size) for low < high (or n == 0): the mask computed once; one masked word
    a value below 2**32 - 1 (as np_bounded), the index in a register."""
    rng = high - 1 - low
    mask = np_mask(rng)
    if rng <= 0 or rng >= 4294967295:
        for k in range(n):
            store64(out + 8 * k, low + np_bounded(g, rng, mask))
        return
    i = load64(g + 2496)
    for k in range(n):
        v = rng + 1
        while v > rng:
            if i >= 624:
                mt_refill(g)
                i = 0
            v = mt_temper(load32(g + 4 * i)) & mask
            i += 1
        store64(out + 8 * k, low + v)
    store64(g + 2496, i)


def np_fill_randint_narrow(g: int, out: int, n: int, low: int, high: int, bits: int) -> int:
    """randint(low, high, size, dtype) of 32, 16 or 8 bits, or bool (bits 1), for low < high in the
    dtype's bounds: random_bounded_uint{bits}_fill (use_masked). 32 bits draws a word a value, as
    64 does; narrower ones take their parts of one buffered word, lowest first, kept across the
    fill's elements (a scalar draw is a fill of one: a word of its own). Stores each value in
    bits // 8 bytes (bool: one) unless out is 0; returns the last."""
    rng = high - 1 - low
    full = (1 << bits) - 1
    mask = np_mask(rng)
    buf = 0
    left = 0
    value = low
    for k in range(n):
        v = 0
        if rng != 0 and bits == 32:
            v = mt_next(g)
            if rng != full:
                v = v & mask
                while v > rng:
                    v = mt_next(g) & mask
        elif rng != 0:
            v = rng + 1
            while v > rng:
                if left == 0:
                    buf = mt_next(g)
                    left = 32 // bits - 1
                else:
                    buf = buf >> bits
                    left -= 1
                v = buf & full
                if rng != full:
                    v = v & mask
        value = low + v
        if out != 0:
            if bits == 32:
                store32(out + 4 * k, value)
            elif bits == 16:
                store16(out + 2 * k, value)
            else:
                store8(out + k, value)
    return value

