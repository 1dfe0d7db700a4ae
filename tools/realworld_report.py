"""Which programs of tests/realworld/ compile with jitcell today, and what stops the others.

    python tools/realworld_report.py            # prints the table, writes benchmarks/results/realworld.md
    python tools/realworld_report.py --stdout   # prints only

Each program is compiled unchanged (as tests/test_realworld.py does). For one that does not compile,
the table gives its first error (line:col and message) and the constructs of all its errors, each
error sorted into a construct by its message (and, for an unsupported annotation, by the type it
names). The summary counts programs per construct: "3 of 22 compile; blockers by construct: lists 9, ...".
The errors of later stages appear only once the earlier ones are gone, so the counts are a floor.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROGRAMS = ROOT / "tests" / "realworld"
RESULT = ROOT / "benchmarks" / "results" / "realworld.md"

# (pattern of the message, construct); the first that matches names the construct.
_MESSAGES = [
    (r"^lists are not supported", "lists"),
    (r"^list comprehensions", "comprehensions"),
    (r"^(dict|set) comprehensions", "comprehensions"),
    (r"^generator expressions", "generator expressions"),
    (r"^generators \(yield from\)|^yield expressions used as values", "yield from, yield as a value"),
    (r"is a generator function \(it yields\): annotate", "generator annotations"),
    (r"is a generator function: jitcell walks a generator", "generators as values"),
    (r"^sets are not supported", "sets"),
    (r"^slices are not supported", "slicing"),
    (r"^raise statements", "raise"),
    (r"^try statements", "try/except"),
    (r"not classes$", "classes"),
    (r"may appear at the top level of a %%jit cell, not an assignment", "module-level variables"),
    (r"^a constant (is computed from|cannot call)|^a top-level \w+ is not a constant",
     "module-level values that are not constants"),
    (r"may appear at the top level of a %%jit cell, not an (expression statement|assert)", "module-level statements"),
    (r"^only '(from math|import math).*' (\(and .*\) )?(is|are) supported, not", "imports of other modules"),
    (r"^imports must be at the top level", "imports inside functions"),
    (r"^the '(is|is not)' operator", "is / is not"),
    (r"^only names can be unpacked into", "item-target unpacking"),
    (r"^the target of a for loop must be a name", "nested for-loop targets"),
    (r"^cannot unpack into", "unpacking a non-literal tuple"),
    (r"is not a value in jitcell", "functions as values"),
    (r"^ellipsis constants", "variable-length tuples (tuple[int, ...])"),
    (r"^chained assignment", "chained assignment"),
    (r"^complex constants", "complex numbers"),
    (r"^lambda expressions", "lambda"),
    (r"^nested functions", "nested functions"),
    (r"^None is only supported", "None as a value"),
    (r"'str' object is not subscriptable", "str indexing"),
    (r"^'str' has no method", "str methods"),
    (r"^numpy\.\w+ is not supported", "NumPy functions"),
    (r"a 2-D array .* rows of 2-D arrays", "rows of 2-D arrays"),
    (r"^the default of '\w+' must be", "non-constant defaults"),
    (r"^\*args and \*\*kwargs", "*args / **kwargs"),
    (r"^a tuple parameter cannot hold", "tuple parameters holding an empty tuple"),
    (r"^the builtin (\w+\(\)|'\w+') is not supported", "builtins jitcell has not (input(), open()...)"),
    (r"^typing\.Any is not supported", "typing.Any"),
    (r"is a list of None whose items are never assigned", "lists of None"),
    (r"multiple inheritance|keyword arguments in the class line|its base \w+ is not a class defined before",
     "class bases (several, a metaclass, a builtin)"),
    (r"overrides \S+ (with another signature|but is)", "overrides with another signature"),
    (r"special method __\w+__ is not supported|hash\(\) of instances is not supported",
     "special methods not supported yet (__hash__, __iter__...)"),
    (r"^'[A-Z]\w*' (object is not subscriptable|does not support item assignment)",
     "special methods not supported yet (__hash__, __iter__...)"),
    (r"^class attributes are not supported", "class attributes"),
    (r"^only names are assigned at the top level", "attributes set on a class at the top level"),
    (r"^assigning to an attribute .* in an unpacking or a chained assignment", "chained attribute assignment"),
    (r"^the type of field '\w+' of \w+ is not known", "fields whose type is not declared"),
    (r"a field of type .* is not supported yet", "tuple fields"),
    (r"^a tuple cannot hold a value that may be None", "tuples holding None"),
    (r"^\*args in calls|^\*\*kwargs in calls", "*args / **kwargs"),
    (r"^with statements", "with statements"),
    (r"^'\w+' cannot have a .* default in jitcell", "non-constant defaults"),
    (r"^this gives None: '\w+' can hold it if it is declared so", "None as a value"),
    (r"^'\w+' has no field '\w+': jitcell's instances hold the fields|^'[A-Z]\w*' object has no attribute",
     "fields first assigned outside __init__"),
    (r"is tuple\[.*\] .* cannot hold tuple\[|must be tuple\[float.*\], not tuple\[int",
     "tuples of ints where tuples of floats are expected"),
    (r"^'raise' takes a builtin exception class", "raising instances of the program's own classes"),
    (r"special methods are not dispatched on the object's class", "special methods overridden by subclasses"),
    (r"missing \d+ required positional argument", "calls missing arguments (follows from *args)"),
    (r"is unknown: it is read before anything assigns it",
     "names read before assignment (follows from an earlier error)"),
]

# For "unsupported type for parameter/return value": the construct of the annotation's leading name.
_ANNOTATIONS = {
    "list": "lists", "tuple": "tuple parameters", "dict": "dicts beyond dict[int|str, scalar]",
    "set": "sets", "Callable": "functions as values", "Iterator": "generators", "Generator": "generators",
    "range": "range objects", "Any": "typing.Any", "array": "the array module", "type": "classes as values (type[...])",
}


@dataclass
class Outcome:
    name: str
    compiles: bool
    first: str = ""  # "line:col: message"
    first_construct: str = ""
    constructs: list[str] = field(default_factory=list)  # of all the errors, in order, each once


def construct(message: str, line: str, col: int) -> str:
    """The construct an error is about, in a word or two."""
    if message.startswith("unsupported type for"):
        annotation = line[col - 1:].lstrip("\"'")
        head = re.match(r"\s*(\w+)", annotation)
        if head and head[1] in _ANNOTATIONS:
            return _ANNOTATIONS[head[1]]
        if re.match(r"\s*int\s*\|\s*None", annotation):
            return "None as a value"
        if re.match(r"\s*[A-Z]\w*\s*\|\s*[A-Z]", annotation):
            return "unions of classes"
        return "classes" if head and head[1][:1].isupper() else "other types in signatures"
    defined = re.match(r"^name '(\w+)' is not defined", message)
    if defined:
        if defined[1] in ("args", "kwargs"):
            return "*args / **kwargs"
        return "the array module" if defined[1] == "array" else f"builtin {defined[1]}()"
    for pattern, name in _MESSAGES:
        if re.search(pattern, message):
            return name
    return message


def examine(path: Path) -> Outcome:
    import jitcell
    from jitcell.errors import CompileError, source_lines

    source = path.read_text()
    try:
        jitcell.compile_cell(source)
    except CompileError as error:
        lines = source_lines(source)
        found = [construct(d.message, lines[d.loc.line - 1], d.loc.col) for d in error.diagnostics]
        return Outcome(path.stem, False, f"{error.line}:{error.col}: {error.message}", found[0],
                       list(dict.fromkeys(found)))
    return Outcome(path.stem, True)


def summary(outcomes: list[Outcome]) -> tuple[str, Counter[str]]:
    blockers: Counter[str] = Counter(c for o in outcomes for c in o.constructs)
    compiled = sum(o.compiles for o in outcomes)
    counts = ", ".join(f"{name} {count}" for name, count in sorted(blockers.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"{compiled} of {len(outcomes)} compile; blockers by construct: {counts}", blockers


def report(outcomes: list[Outcome]) -> str:
    line, blockers = summary(outcomes)
    out = ["# Real programs: what compiles with jitcell today", "",
           "`python tools/realworld_report.py` compiles each program of `tests/realworld/` unchanged "
           "(public programs kept as published, plus type annotations). A construct is counted once per "
           "program, over all the errors jitcell reports at once; errors of later stages show up only when "
           "these are gone, so the counts are a floor.", "", f"**{line}**", "",
           "| program | compiles | first error (line:col) | its construct | all constructs reported |",
           "|---|---|---|---|---|"]
    for o in outcomes:
        first = o.first.replace("|", "\\|")
        out.append(f"| {o.name} | {'yes' if o.compiles else 'no'} | {first} | {o.first_construct} | "
                   f"{', '.join(o.constructs)} |")
    out += ["", "| construct | programs it blocks |", "|---|---:|"]
    out += [f"| {name} | {count} |" for name, count in sorted(blockers.items(), key=lambda kv: (-kv[1], kv[0]))]
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stdout", action="store_true", help="print only; do not write the results file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        os.environ.setdefault("JITCELL_CACHE_DIR", cache)  # the user's cache is left alone
        outcomes = [examine(path) for path in sorted(PROGRAMS.glob("*.py"))]
    for o in outcomes:
        print(f"{o.name:34} {'compiles' if o.compiles else 'no: ' + o.first_construct + ' (' + o.first + ')'}")
    print(summary(outcomes)[0])
    if not args.stdout:
        RESULT.write_text(report(outcomes))
        print(f"written to {RESULT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
