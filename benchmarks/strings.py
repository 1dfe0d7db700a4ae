"""Reading the characters of a str: jitcell against Numba and CPython (issue 12).

    python benchmarks/strings.py            # writes results/strings.{json,md}

Three kernels over one ASCII text of about 10^6 characters, each run by jitcell (the cell below),
Numba's @njit (the same functions: Numba supports str indexing and iteration) and CPython:
- parse_ints: an integer parser reading characters by index, `ord(s[i])` and `s[i] == " "`;
- count_char: `for c in s: if c == "e"`;
- digits_sum: `for c in s` with `"0" <= c <= "9"` and `ord(c)`.
Timed in interleaved rounds (side_by_side.py), after a call that compiles.
"""

from __future__ import annotations

from functools import partial

from side_by_side import interleaved, machine, write_results

SOURCE = '''
def parse_ints(s: str) -> int:
    total = 0
    value = 0
    i = 0
    n = len(s)
    while i < n:
        if s[i] == " ":
            total += value
            value = 0
        else:
            value = value * 10 + (ord(s[i]) - 48)
        i += 1
    return total + value


def count_char(s: str) -> int:
    n = 0
    for c in s:
        if c == "e":
            n += 1
    return n


def digits_sum(s: str) -> int:
    t = 0
    for c in s:
        if "0" <= c <= "9":
            t += ord(c) - 48
    return t
'''
KERNELS = ("parse_ints", "count_char", "digits_sum")


def main() -> None:
    import jitcell

    numbers = " ".join(str((i * 7919) % 100000) for i in range(170000))  # about 10^6 characters
    words = "the quick brown fox jumps over the lazy dog, then sleeps " * 17000
    texts = {"parse_ints": numbers, "count_char": words, "digits_sum": numbers}
    python: dict = {}
    exec(SOURCE, python)
    systems = {"jitcell": jitcell.compile_cell(SOURCE).functions}
    versions = {}
    try:
        import numba
        systems["Numba"] = {name: numba.njit(python[name]) for name in KERNELS}
        versions["Numba"] = numba.__version__
    except ImportError:
        pass
    systems["CPython"] = python
    info = machine(**versions)
    rows = []
    for name in KERNELS:
        text = texts[name]
        results = {system: functions[name](text) for system, functions in systems.items()}
        assert len(set(results.values())) == 1, (name, results)
        times = interleaved({system: partial(functions[name], text) for system, functions in systems.items()},
                            sample_seconds=0.05)
        rows.append({"kernel": name, "characters": len(text), "result": results["CPython"], **times})
    print(write_results("strings", "# Reading the characters of a str", "ASCII text of about 10^6 characters. "
                        "Source: benchmarks/strings.py.", rows, list(systems), info, columns=["characters"]))


if __name__ == "__main__":
    main()
