# Sorting and searching in place: bubble, insertion, selection sort, in-place reversal,
# binary search, merging two sorted arrays into a new one; the caller sees the sorted memory.
import numpy as np


def bubble(a: int[:]) -> int:
    n = len(a)
    swaps = 0
    for i in range(n):
        done = True
        for j in range(n - 1 - i):
            if a[j] > a[j + 1]:
                x, y = a[j + 1], a[j]
                a[j] = x
                a[j + 1] = y
                swaps += 1
                done = False
        if done:
            break
    return swaps


def insertion(a: float[:]) -> None:
    for i in range(1, len(a)):
        x = a[i]
        j = i - 1
        while j >= 0 and a[j] > x:
            a[j + 1] = a[j]
            j -= 1
        a[j + 1] = x


def selection(a: int[:]) -> int[:]:
    out = np.zeros(len(a), dtype=int)
    for i in range(len(a)):
        out[i] = a[i]
    for i in range(len(out)):
        m = i
        for j in range(i + 1, len(out)):
            if out[j] < out[m]:
                m = j
        t = out[i]
        out[i] = out[m]
        out[m] = t
    return out


def reverse(a: float[:]) -> None:
    i = 0
    j = -1
    while i < len(a) // 2:
        x, y = a[j], a[i]
        a[i] = x
        a[j] = y
        i += 1
        j -= 1


def search(a: int[:], x: int) -> int:
    lo = 0
    hi = len(a)
    while lo < hi:
        mid = (lo + hi) // 2
        if a[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(a) and a[lo] == x:
        return lo
    return -1


def merge(a: float[:], b: float[:]) -> float[:]:
    out = np.empty(len(a) + len(b))
    i = 0
    j = 0
    for k in range(len(out)):
        if j >= len(b) or (i < len(a) and a[i] <= b[j]):
            out[k] = a[i]
            i += 1
        else:
            out[k] = b[j]
            j += 1
    return out


def is_sorted(a: int[:]) -> bool:
    for i in range(1, len(a)):
        if a[i - 1] > a[i]:
            return False
    return True


def sort_flags(a: bool[:]) -> int:
    n = 0
    for i in range(len(a)):
        if not a[i]:
            a[i] = a[n]
            a[n] = False
            n += 1
    return n

#> bubble(np.array([5, 1, 4, 2, 8]))
#> bubble(np.array([1, 2, 3]))
#> bubble(np.array([3, 3, -3, 0]))
#> bubble(np.zeros(0, dtype=int))
#> bubble(np.arange(30)[::-1].copy())
#> insertion(np.array([3.5, -1.0, 2.25, -0.0, 0.0, 1e300]))
#> insertion(np.array([1.0]))
#> insertion(np.arange(10.0)[::-1])
#> selection(np.array([9, -2, 7, 7, 0]))
#> selection(np.zeros(0, dtype=int))
#> reverse(np.arange(7.0))
#> reverse(np.arange(6.0))
#> reverse(np.zeros(0))
#> search(np.arange(0, 100, 3), 27)
#> search(np.arange(0, 100, 3), 28)
#> search(np.arange(0, 100, 3), 99)
#> search(np.zeros(0, dtype=int), 1)
#> merge(np.array([1.0, 4.0, 9.0]), np.array([2.0, 3.0, 10.0, 11.0]))
#> merge(np.zeros(0), np.array([1.0]))
#> merge(np.array([1.0]), np.zeros(0))
#> is_sorted(np.array([1, 2, 2, 3]))
#> is_sorted(np.array([1, 3, 2]))
#> is_sorted(np.zeros(0, dtype=int))
#> sort_flags(np.array([True, False, True, False, False]))
#> sort_flags(np.ones(3, dtype=bool))
