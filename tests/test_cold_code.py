"""Cells without loops or recursion ("cold", compiler/backend/machine.py) are emitted by LLVM's fast
code generator: which cells are cold, and that their code computes what Python computes."""

from __future__ import annotations

import pytest

import jitcell
from jitcell.compiler import driver
from jitcell.options import Options

COLD = {
    "arithmetic": "def f(x: int) -> int:\n    return x + 1\n",
    "print": "def p(x: int) -> None:\n    print(x)\n",
    "branches": "def sign(x: float) -> int:\n    if x > 0:\n        return 1\n    elif x < 0:\n        return -1\n"
                "    return 0\n",
    "calls": "def sq(x: float) -> float:\n    return x * x\n\ndef norm(x: float, y: float) -> float:\n"
             "    return sq(x) + sq(y)\n",
}
HOT = {
    "for": "def s(n: int) -> int:\n    t = 0\n    for i in range(n):\n        t += i\n    return t\n",
    "while": "def w(n: int) -> int:\n    while n > 1:\n        n = n // 2\n    return n\n",
    "recursion": "def fib(n: int) -> int:\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n",
    "mutual recursion": "def ev(n: int) -> bool:\n    if n == 0:\n        return True\n    return od(n - 1)\n\n"
                        "def od(n: int) -> bool:\n    if n == 0:\n        return False\n    return ev(n - 1)\n",
    "comprehension": "def c(n: int) -> list[int]:\n    return [i * i for i in range(n)]\n",
    "array expression": "def a(x: float[:]) -> float[:]:\n    return x * 2.0 + 1.0\n",
}


@pytest.mark.parametrize("name", sorted(COLD))
def test_a_cell_without_loops_is_cold(name):
    _, _, module = driver.front_end(COLD[name], Options(), tag=1)
    assert module.cold


@pytest.mark.parametrize("name", sorted(HOT))
def test_a_loop_or_recursion_keeps_the_full_code_generator(name):
    _, _, module = driver.front_end(HOT[name], Options(), tag=1)
    assert not module.cold
    _, _, unoptimized = driver.front_end(HOT[name], Options(opt=0), tag=1)
    assert not unoptimized.cold  # O0 is already the fast code generator


def _python(source: str) -> dict:
    namespace: dict = {}
    exec(source, namespace)
    return namespace


@pytest.mark.parametrize("opt", [0, 2])
def test_cold_code_computes_what_python_computes(opt, capsys):
    source = COLD["arithmetic"] + COLD["print"] + COLD["branches"] + COLD["calls"] + \
        "def div(a: int, b: int) -> int:\n    return a // b\n"
    library = jitcell.compile_cell(source, cache=False, opt=opt)
    assert library.functions and driver.front_end(source, Options(opt=opt), tag=1)[2].cold == (opt > 0)
    python = _python(source)
    for name, args in [("f", (41,)), ("f", (-(2**62),)), ("sign", (2.5,)), ("sign", (-0.0,)), ("sign", (-3.0,)),
                       ("norm", (3.0, 4.0)), ("div", (7, -2)), ("div", (-(2**63), 3))]:
        assert library.functions[name](*args) == python[name](*args), (name, args)
    library.functions["p"](12)
    python["p"](12)
    assert capsys.readouterr().out == "12\n12\n"
    with pytest.raises(ZeroDivisionError) as compiled:
        library.functions["div"](1, 0)
    with pytest.raises(ZeroDivisionError) as interpreted:
        python["div"](1, 0)
    assert str(compiled.value) == str(interpreted.value)


def test_cold_code_inlines_a_small_body_into_its_entry_points():
    """The cold pipeline inlines a function's body into the entry points that wrap it (as O1's
    inliner did), so a call from Python makes no second call."""
    _, _, module = driver.front_end(COLD["arithmetic"], Options(), tag=1)
    text = str(module)
    assert module.cold and "@jitcell.def.f" in text
    assert "@jitcell.impl.f" not in text  # inlined into every caller (its blocks keep the name), then dropped
