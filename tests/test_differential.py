"""Differential tests: every program in tests/programs/ runs under CPython and under jitcell.

A program is a cell (valid Python and valid jitcell) followed by call directives::

    def safe_div(a: int, b: int) -> int:
        return a // b

    #> safe_div(7, 2)                    both must give 3, print the same text
    #> safe_div(7, 0)                    both must raise ZeroDivisionError, same message
    #> safe_div(2**63 - 1, -1)

For each directive the harness compares the outcome of the call: the returned value
(same type; floats bit for bit, any NaN equal to any NaN, -0.0 distinct from 0.0),
or the exception's type and str(), and the text written to stdout.

Deliberate deviations from CPython are marked, and must really deviate:

    #> f(2**62) !OverflowError           jitcell raises OverflowError (CPython: a big int)
    #> f(2) !ValueError: use a float     ...with this text in the message
    #> half(3) => 1.5                    jitcell returns exactly this (CPython: another value)

A line `#! wraparound` compiles the cell with wraparound=True. Each cell is compiled
at opt=2 and at opt=0, and every directive is checked at both levels. Every jitcell call
must also leave the runtime's count of live objects (strs, dicts) as it found it: nothing
created during the call outlives it, whether it returns or raises.

NumPy arrays: a directive may pass arrays (`#> total(np.arange(5.0))`, `np` is numpy).
An array returned must have the same dtype, shape and values (floats bit for bit, NaNs
equal); the arguments are compared after the call too, so that assignments to their
elements must agree. NumPy scalars CPython returns (`a[i]` is a numpy.float64) count as
the Python scalars they stand for. An array created in compiled code and returned holds
one runtime object, until NumPy frees it; a slice of one holds two (itself and its base).
"""

from __future__ import annotations

import contextlib
import functools
import io
import math
import re
import struct
import sys
import types
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

import jitcell
from jitcell import runtime

PROGRAMS = Path(__file__).parent / "programs"
OPT_LEVELS = (2, 0)

_DIRECTIVE = re.compile(
    r"^#>\s*(?P<call>.+?)"
    r"(?:\s+!(?P<exc>[A-Za-z]\w*)(?::\s*(?P<msg>.*?))?|\s+=>\s*(?P<value>.+?))?\s*$")


@dataclass(frozen=True)
class Directive:
    path: Path
    line: int
    call: str
    exc: str | None = None  # a deviation: jitcell raises this
    msg: str | None = None  # ...with this text in its message
    value: str | None = None  # a deviation: jitcell returns the value of this expression

    @property
    def deviation(self) -> bool:
        return self.exc is not None or self.value is not None


@dataclass(frozen=True)
class Outcome:
    value: object = None
    error: BaseException | None = None
    stdout: str = ""
    arrays: tuple = ()  # the call's array arguments after the call, copied

    def describe(self) -> str:
        what = f"raised {type(self.error).__name__}: {self.error}" if self.error else \
            f"returned {type(self.value).__name__} {self.value!r}"
        what += f", printed {self.stdout!r}" if self.stdout else ""
        return what + (f", arguments afterwards {list(self.arrays)}" if self.arrays else "")


def _directives(path: Path) -> list[Directive]:
    found = []
    for number, text in enumerate(path.read_text().splitlines(), 1):
        if text.startswith("#>"):
            m = _DIRECTIVE.match(text)
            assert m, f"{path.name}:{number}: malformed directive {text!r}"
            found.append(Directive(path, number, m["call"], m["exc"], m["msg"], m["value"]))
    return found


def _collect() -> list:
    params = []
    for path in sorted(PROGRAMS.glob("*.py")):
        directives = _directives(path)
        if not directives:
            params.append(pytest.param(None, id=f"{path.stem}:no-directives",
                                       marks=pytest.mark.xfail(strict=True, reason="a program needs directives")))
        for d in directives:
            params.append(pytest.param(d, id=f"{path.stem}:{d.line}"))
    return params


def _options(source: str) -> dict:
    return {"wraparound": True} if re.search(r"^#!\s*wraparound\s*$", source, re.M) else {}


@functools.cache
def _python_namespace(path: Path) -> dict:
    module = types.ModuleType(f"program_{path.stem}")  # a module of its own: @dataclass looks its class up there
    sys.modules[module.__name__] = module
    exec(compile(path.read_text(), str(path), "exec"), module.__dict__)
    return module.__dict__


@functools.cache
def _jit_namespace(path: Path, opt: int) -> dict:
    source = path.read_text()
    return namespace_of(jitcell.compile_cell(source, opt=opt, **_options(source)))


def namespace_of(library) -> dict:
    """The names a program's directives call in jitcell: its functions, generators (which say they
    cannot be called) and classes (which construct instances as in Python), and `math`."""
    return {"math": math, **library.classes, **library.generators, **library.functions}


def _run(call: str, namespace: dict) -> Outcome:
    """Evaluates the call's arguments first, to compare its array arguments after the call."""
    import ast

    scope = {"math": math, "np": np, **namespace}
    tree = ast.parse(call, mode="eval").body
    out = io.StringIO()
    arguments: list = []
    with contextlib.redirect_stdout(out):
        try:
            if isinstance(tree, ast.Call) and not any(isinstance(a, ast.Starred) for a in tree.args):
                function = eval(compile(ast.Expression(tree.func), "<call>", "eval"), scope)
                arguments = [eval(compile(ast.Expression(a), "<call>", "eval"), scope) for a in tree.args]
                keywords = {k.arg: eval(compile(ast.Expression(k.value), "<call>", "eval"), scope)
                            for k in tree.keywords}
                value = function(*arguments, **keywords)
            else:
                value = eval(call, scope)
        except Exception as error:  # the outcome under test
            return Outcome(error=error, stdout=out.getvalue(), arrays=_array_copies(arguments))
    return Outcome(value=value, stdout=out.getvalue(), arrays=_array_copies(arguments))


def _array_copies(values) -> tuple:
    """The arguments that compiled code may change, as they are after the call: arrays (views of the
    caller's memory), lists and dicts (written back into the caller's objects, runtime/lists.py), and
    tuples, which may hold them."""
    import copy

    return tuple(v.copy() if isinstance(v, np.ndarray) else copy.deepcopy(v)
                 for v in values if isinstance(v, (np.ndarray, list, dict, tuple)))


def _owned_arrays(value) -> int:
    """Runtime objects a result holds: one per array created in compiled code (arrays.py), and
    for a view of one (a slice), the view and the array it keeps alive."""
    return len(_owned_objects(value))


def _owned_objects(value) -> set[int]:
    import ctypes

    from jitcell.runtime.arrays import ArrayOwner

    if isinstance(value, (tuple, list, dict)):  # a list or dict of arrays too
        return set().union(*(_owned_objects(v) for v in (value.values() if isinstance(value, dict) else value)))
    if not (isinstance(value, np.ndarray) and isinstance(value.base, ArrayOwner)):
        return set()
    address = value.base.address
    word = ctypes.c_int64.from_address
    return {address, word(address + 48).value} if word(address + 32).value == -2 else {address}


def same_value(a: object, b: object) -> bool:
    """Same type and value: floats bit for bit, except that all NaNs are equal. Tuples, lists and dicts
    item by item (a dict's items in the same order), so that 1 and 1.0 or True inside them differ."""
    if isinstance(a, np.generic) and not isinstance(b, np.generic):
        a = a.item()  # CPython gives numpy.float64 for a[i] where jitcell gives float
    if type(a) is not type(b):
        return False
    if isinstance(a, np.ndarray):
        return _same_array(a, b)
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or struct.pack("<d", a) == struct.pack("<d", b)
    if isinstance(a, complex):  # each part bit for bit
        return same_value(a.real, b.real) and same_value(a.imag, b.imag)
    if isinstance(a, (tuple, list)):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a.items(), b.items(), strict=True))
    return a == b


def _same_array(a: np.ndarray, b: np.ndarray) -> bool:
    """Same dtype, shape and items; floats bit for bit (-0.0 is not 0.0), NaNs equal."""
    if a.dtype != b.dtype or a.shape != b.shape:
        return False
    if a.dtype == np.complex128:  # each part bit for bit
        return _same_array(np.ascontiguousarray(a.real), np.ascontiguousarray(b.real)) and \
            _same_array(np.ascontiguousarray(a.imag), np.ascontiguousarray(b.imag))
    if a.dtype.kind != "f":
        return np.array_equal(a, b)
    nan_a, nan_b = np.isnan(a), np.isnan(b)  # float64 and float32 bit for bit
    bits = f"i{a.dtype.itemsize}"
    return np.array_equal(nan_a, nan_b) and np.array_equal(a[~nan_a].view(bits), b[~nan_b].view(bits))


def same_outcome(a: Outcome, b: Outcome) -> bool:
    if (a.error is None) != (b.error is None) or a.stdout != b.stdout:
        return False
    if len(a.arrays) != len(b.arrays) or not all(same_value(x, y) for x, y in zip(a.arrays, b.arrays, strict=True)):
        return False
    if a.error is not None:
        return type(a.error) is type(b.error) and str(a.error) == str(b.error)
    return same_value(a.value, b.value)


def check_deviation(d: Directive, python: Outcome, jit: Outcome, where: str) -> None:
    if d.exc is not None:
        assert jit.error is not None and type(jit.error).__name__ == d.exc, \
            f"{where}: expected jitcell to raise {d.exc}, but it {jit.describe()}"
        if d.msg:
            assert d.msg in str(jit.error), f"{where}: {d.msg!r} not in the message {str(jit.error)!r}"
        assert not (python.error is not None and type(python.error).__name__ == d.exc), \
            f"{where}: CPython raises {d.exc} too; this is no deviation, remove the '!{d.exc}'"
    else:
        expected = eval(d.value, {"math": math})
        assert jit.error is None and same_value(jit.value, expected), \
            f"{where}: expected jitcell to return {type(expected).__name__} {expected!r}, but it {jit.describe()}"
        assert python.error is not None or not same_value(python.value, expected), \
            f"{where}: CPython returns {expected!r} too; this is no deviation, remove the '=> ...'"


@pytest.mark.parametrize("directive", _collect())
def test_program(directive: Directive | None):
    assert directive is not None
    check_directive(directive)


def check_directive(directive: Directive) -> None:
    """The directive's call under CPython against jitcell at each opt level: same outcome (or the
    deviation it declares), and no runtime object outlives the call."""
    python = _run(directive.call, _python_namespace(directive.path))
    for opt in OPT_LEVELS:
        namespace = _jit_namespace(directive.path, opt)
        jit = None  # frees the arrays the previous level returned
        live = runtime.call("live_objects")
        jit = _run(directive.call, namespace)
        where = f"{directive.path.name}:{directive.line}: {directive.call} (opt={opt})"
        leaked = runtime.call("live_objects") - live - _owned_arrays(jit.value)
        assert leaked == 0, f"{where}: {leaked} runtime objects outlived the call ({jit.describe()})"
        if directive.deviation:
            check_deviation(directive, python, jit, where)
        else:
            assert same_outcome(python, jit), f"{where}\n  CPython {python.describe()}\n  jitcell {jit.describe()}"


def test_corpus_is_large_and_organized():
    files = sorted(PROGRAMS.glob("*.py"))
    assert len(files) >= 120
    topics = {f.stem.split("_")[0] for f in files}
    assert {"arith", "control", "calls", "math", "print"} <= topics
    deviations = [d for f in files for d in _directives(f) if d.deviation]
    total = sum(len(_directives(f)) for f in files)
    assert len(deviations) * 10 < total, "deviations must stay few"


def test_deviations_are_explained():
    """Deviation directives come in blocks right below a '# Deviation: why' comment."""
    unexplained = []
    for path in sorted(PROGRAMS.glob("*.py")):
        lines = path.read_text().splitlines()
        deviating = {d.line - 1 for d in _directives(path) if d.deviation}
        for index in sorted(deviating):
            above = index - 1
            while above in deviating:
                above -= 1
            while above >= 0 and lines[above].startswith("# ") and not lines[above].startswith("# Deviation"):
                above -= 1  # the explanation may take several comment lines
            if above < 0 or not lines[above].startswith("# Deviation"):
                unexplained.append(f"{path.name}:{index + 1}")
    assert not unexplained, "deviations without a '# Deviation: ...' comment above: " + ", ".join(unexplained)
