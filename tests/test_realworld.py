"""Real programs: public numeric Python (tests/realworld/), compiled unchanged and run against CPython.

Each program is kept exactly as its authors published it, except for type annotations and the removal
of its command-line driver (its header lists the edits, its source, commit and licence). Its `#>`
directives are the calls that drive it, compared as tests/test_differential.py compares the
programs of tests/programs: values, exceptions and printed text, at opt 2 and 0.

Most of them do not compile yet: `BLOCKED` names each of those with what stops it. Such a program
is an expected failure only while it raises CompileError, when compiled or at a call of its
directives (a generator function called from Python); one that runs its directives while listed
fails the test (take it off the list), and one that stops compiling while not listed fails too.
`python tools/realworld_report.py` prints every program's first error and the blockers by construct
(benchmarks/results/realworld.md).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_differential import _directives, _jit_namespace, check_directive

from jitcell.errors import CompileError

REALWORLD = Path(__file__).parent / "realworld"
PROGRAMS = sorted(REALWORLD.glob("*.py"))

# What stops each program that does not compile yet (the main constructs, not every error).
BLOCKED = {
    "algo_bubble_sort": "typing.Any (list[Any]: one static type per value)",
    "algo_euler_009": "an import inside a function (import timeit)",
    "pyperf_nbody": "module-level lists and dicts; list defaults of parameters",
    "pyperf_raytrace": "attributes set on classes at the top level (Vector.ZERO = ...) and "
                       "top-level asserts; unions of classes (Point | Vector, Sphere | Halfspace); **kwargs; "
                       "tuple fields; tuples holding float | None; import array; with open()",
    "pyperf_scimark": "__getitem__/__setitem__ overridden by a subclass (G[x, y]); an override "
                      "with another signature (ArrayList.__getitem__); from array import array "
                      "(array fields, parameters and results); a class as a value (type[Array2D])",
}

_HEADER = ("# Source: https://github.com/", "# Version: commit ", "# Licence: ", "# Edits (")


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.stem)
def test_program(path: Path):
    directives = _directives(path)
    try:
        _jit_namespace(path, 2)
    except CompileError as error:
        if path.stem in BLOCKED:
            pytest.xfail(f"{BLOCKED[path.stem]} (first error {error.line}:{error.col}: {error.message})")
        raise
    if path.stem in BLOCKED:  # it compiles: a call of its directives must still meet a CompileError
        for directive in directives:
            try:
                check_directive(directive)
            except AssertionError as failure:
                if "raised CompileError" in str(failure):
                    pytest.xfail(f"{BLOCKED[path.stem]} (at a call: {str(failure).splitlines()[0]})")
                raise
        pytest.fail(f"{path.name} compiles and runs its directives now: take it off BLOCKED")
    for directive in directives:
        check_directive(directive)


def test_corpus():
    """At least 15 programs, each with its provenance and edits in its header, a call to test and a
    licence text in LICENSES.md; BLOCKED names only programs that exist."""
    assert len(PROGRAMS) >= 15
    assert set(BLOCKED) <= {p.stem for p in PROGRAMS}, set(BLOCKED) - {p.stem for p in PROGRAMS}
    licences = (REALWORLD / "LICENSES.md").read_text()
    for path in PROGRAMS:
        lines = path.read_text().splitlines()
        assert [line.startswith(start) for line, start in zip(lines, _HEADER, strict=False)] == [True] * 4, \
            f"{path.name}: the header must give Source, Version, Licence and Edits, in this order"
        assert _directives(path), f"{path.name}: no #> directive calls it"
        repository = re.match(r"# Source: https://github.com/([^/]+/[^/]+)/", lines[0])
        assert repository and f"## {repository[1]} " in licences, f"{path.name}: no licence text for its source"
