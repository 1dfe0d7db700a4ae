"""The class kernels of benchmarks/classes.py (particles, tree, raysphere), on small inputs: jitcell
gives CPython's values and frees every instance it makes. It checks no time: the benchmark does."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

import jitcell
from jitcell import runtime

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _source() -> str:
    sys.path.insert(0, str(BENCHMARKS))  # classes.py imports its neighbour side_by_side
    try:
        spec = importlib.util.spec_from_file_location("bench_classes", BENCHMARKS / "classes.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCHMARKS))
    return module.SOURCE


SOURCE = _source()


@pytest.mark.parametrize(("kernel", "args"), [("particles", (1000, 3)), ("tree", (500,)), ("raysphere", (20,))])
def test_kernel_matches_cpython(kernel, args):
    compiled = jitcell.compile_cell(SOURCE).functions[kernel]
    python: dict = {}
    exec(compile(SOURCE, "<classes>", "exec"), python)
    before = runtime.call("live_objects")
    assert repr(compiled(*args)) == repr(python[kernel](*args))
    assert runtime.call("live_objects") == before
