"""Reading the characters of a str: jitcell against Numba and CPython (issue 12).

    python benchmarks/strings.py            # writes results/strings.{json,md}

Three kernels over one ASCII text of about 10^6 characters, each run by jitcell (the cell below),
Numba's @njit (the same functions: Numba supports str indexing and iteration) and CPython:
- parse_ints: an integer parser reading characters by index, `ord(s[i])` and `s[i] == " "`;
- count_char: `for c in s: if c == "e"`;
- digits_sum: `for c in s` with `"0" <= c <= "9"` and `ord(c)`.
Each time is the best of several calls after a warm-up call (compilation excluded).
"""

from __future__ import annotations

import json
import platform
import sys
import time
from pathlib import Path

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
RESULTS = Path(__file__).resolve().parent / "results"


def best(fn, text: str, repeat: int) -> tuple[float, object]:
    result = fn(text)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(text)
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    import jitcell

    numbers = " ".join(str((i * 7919) % 100000) for i in range(170000))  # about 10^6 characters
    words = "the quick brown fox jumps over the lazy dog, then sleeps " * 17000
    texts = {"parse_ints": numbers, "count_char": words, "digits_sum": numbers}
    python: dict = {}
    exec(SOURCE, python)
    systems = {"CPython": python, "jitcell": jitcell.compile_cell(SOURCE).functions}
    try:
        import numba
        systems["Numba"] = {name: numba.njit(python[name]) for name in KERNELS}
    except ImportError:
        pass
    rows = []
    for name in KERNELS:
        text = texts[name]
        row = {"kernel": name, "characters": len(text)}
        for system, functions in systems.items():
            seconds, result = best(functions[name], text, 3 if system == "CPython" else 15)
            row[system] = seconds
            row[f"{system} result"] = result
        assert len({row[f"{s} result"] for s in systems}) == 1, row
        rows.append(row)
    RESULTS.mkdir(exist_ok=True)
    info = {"python": sys.version.split()[0], "machine": platform.machine(), "processor": platform.processor()}
    (RESULTS / "strings.json").write_text(json.dumps({"info": info, "rows": rows}, indent=1))
    lines = ["# Reading the characters of a str (benchmarks/strings.py)", "",
             f"Python {info['python']} on {info['machine']}; best of several calls, in milliseconds; "
             "ASCII text of about 10^6 characters.", "",
             "| kernel | " + " | ".join(systems) + " | jitcell / Numba | CPython / jitcell |",
             "|---|" + "---:|" * (len(systems) + 2)]
    for row in rows:
        cells = [f"{row[s] * 1e3:.2f}" for s in systems]
        vs_numba = f"{row['jitcell'] / row['Numba']:.2f}" if "Numba" in row else "-"
        speedup = f"{row['CPython'] / row['jitcell']:.0f}"
        lines.append(f"| {row['kernel']} | " + " | ".join(cells) + f" | {vs_numba} | {speedup} |")
    (RESULTS / "strings.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
