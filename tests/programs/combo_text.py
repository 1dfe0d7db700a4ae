# Combinations over text: word tallies in dict[str, int] given as parameters, strings built from
# a dict's items in insertion order, lookups by built keys, tables formatted with f-string specs.


def tally(words: dict[int, str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i, w in words.items():
        out[w] = out.get(w, 0) + i
    return out


def render(d: dict[str, float]) -> str:
    lines = ""
    for k, v in d.items():
        lines = lines + f"{k:<8}|{v:>10.3f}|{v:e}\n"
    return lines


def keyed(n: int) -> str:
    d: dict[str, str] = {}
    for i in range(n):
        d[f"{i:03d}"] = f"{i * i:x}"
    out = ""
    for i in range(0, n, 3):
        out = out + d[f"{i:03d}"] + ";"
    return out + d.get("999", "none")


def longest(d: dict[str, int]) -> tuple[str, int]:
    best = ""
    for k in d:
        if len(k) > len(best) or (len(k) == len(best) and k < best):
            best = k
    return best, d.get(best, -1)


def acronym(d: dict[str, bool]) -> str:
    out = ""
    for k, v in d.items():
        if v:
            out = out + k + "."
        else:
            out = out + "(" + k + ")"
    return out


def caesar_table(shift: int) -> dict[str, str]:
    letters = {0: "a", 1: "b", 2: "c", 3: "d", 4: "e"}
    out: dict[str, str] = {}
    for i, c in letters.items():
        out[c] = letters[(i + shift) % 5]
    return out


def ledger(amounts: dict[str, float]) -> str:
    total = 0.0
    text = ""
    for name, x in amounts.items():
        total += x
        text = text + f"{name}: {x:+,.2f} (running {total:,.1f})\n"
    return text + f"total {total:.2%}"


def has_all(d: dict[str, int], a: str, b: str, c: str) -> str:
    missing = ""
    if a not in d:
        missing = missing + a
    if b not in d:
        missing = missing + b
    if c not in d:
        missing = missing + c
    return missing if missing else "all"

#> tally({1: "a", 2: "b", 3: "a", 4: "ü"})
#> tally({})
#> render({"pi": 3.14159, "e": 2.71828, "neg": -0.0005})
#> render({"huge": 1e300, "nan": float("nan")})
#> keyed(0)
#> keyed(10)
#> longest({"ab": 1, "ba": 2, "c": 3})
#> longest({})
#> longest({"日本語": 3, "abc": 1})
#> acronym({"a": True, "b": False, "cé": True})
#> acronym({})
#> caesar_table(0)
#> caesar_table(2)
#> caesar_table(-1)
#> ledger({"rent": -1200.5, "pay": 3000.0, "café": -4.25})
#> ledger({})
#> has_all({"a": 1, "b": 2}, "a", "b", "c")
#> has_all({"a": 1, "b": 2, "c": 3}, "a", "b", "c")
