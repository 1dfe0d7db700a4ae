"""@jitcell.jit (jitcell/decorator.py): typed functions of .py files, compiled like cells.

The main tests write real modules to a folder and import them in child processes, twice:
the first process compiles, the second loads everything from the same cache.
"""

from __future__ import annotations

import importlib
import inspect
import json
import math
import os
import pickle
import random
import subprocess
import sys
import textwrap

import pytest
from conftest import run_python

import jitcell
from jitcell.errors import CompileError, JitError

SHAPES = '''\
"""A module of compiled functions."""
from __future__ import annotations

import math

import numpy as np

import jitcell


@jitcell.jit
def total(n: int) -> int:
    """The sum of the squares below n."""
    s = 0
    for i in range(n):
        s += square(i)  # defined below
    return s


@jitcell.jit
def square(x: int) -> int:
    return x * x


@jitcell.jit
def fib(n: int) -> int:
    return n if n < 2 else fib(n - 1) + fib(n - 2)


@jitcell.jit
def is_even(n: int) -> bool:
    return True if n == 0 else is_odd(n - 1)


@jitcell.jit
def is_odd(n: int) -> bool:
    return False if n == 0 else is_even(n - 1)


@jitcell.jit(boundscheck=False)
def norm(a: float[:]) -> float:
    s = 0.0
    for x in a:
        s += x * x
    return math.sqrt(s)


@jitcell.jit(opt=3)
def ramp(n: int) -> float[:]:
    a = np.zeros(n)
    for i in range(n):
        a[i] = i / 2
    return a


@jitcell.jit
def greet(name: str) -> str:
    return "hello, " + name + f"! ({len(name)})"


class Geometry:
    @staticmethod
    @jitcell.jit
    def ratio(a: int, b: int) -> int:
        return a // b


@jitcell.jit(wraparound=True)
def wrapped(x: int) -> int:
    return x * x


@jitcell.jit
def checked(x: int) -> int:
    return x * x


@jitcell.jit
def broken(x: int) -> int:
    return x + "one"
'''

EAGER = '''\
import jitcell


@jitcell.jit
def base(x: int) -> int:
    return x + 1


@jitcell.jit(eager=True)
def early(x: int) -> int:
    return base(x) * 2
'''

EAGER_TOO_EARLY = '''\
import jitcell


@jitcell.jit(eager=True)
def ahead(x: int) -> int:
    return below(x)


@jitcell.jit
def below(x: int) -> int:
    return x
'''

CHILD = r'''
import json, sys
sys.path.insert(0, folder)
import numpy as np
import jitcell
import shapes
out = {"pipeline_after_import": "jitcell.pipeline" in sys.modules,
       "compiled_after_import": [n for n in ("total", "square") if getattr(shapes, n).function is not None]}
import eager_shapes
out["eager_compiled"] = [n for n in ("base", "early") if getattr(eager_shapes, n).function is not None]
out["eager"] = eager_shapes.early(4)

out["results"] = {
    "total": shapes.total(10), "fib": shapes.fib(20), "is_even": shapes.is_even(10), "is_odd": shapes.is_odd(7),
    "norm": shapes.norm(np.array([3.0, 4.0])), "ramp": shapes.ramp(4).tolist(), "greet": shapes.greet("bob"),
    "ratio": shapes.Geometry.ratio(7, 2), "wrapped": shapes.wrapped(2**32 + 1),
}
def failure(call):
    try:
        call()
    except Exception as e:
        return {"type": type(e).__name__, "message": str(e), "notes": getattr(e, "__notes__", [])}
out["errors"] = {"ratio": failure(lambda: shapes.Geometry.ratio(1, 0)),
                 "checked": failure(lambda: shapes.checked(2**32 + 1)),
                 "type": failure(lambda: shapes.total("ten"))}
names = ["total", "square", "fib", "is_even", "is_odd", "norm", "ramp", "greet", "wrapped", "checked"]
functions = {n: getattr(shapes, n) for n in names}
functions["ratio"] = shapes.Geometry.ratio
out["hits"] = {n: f.library.cache_hit for n, f in functions.items()}
out["options"] = {n: f.library.manifest["options"] for n, f in functions.items()}
out["one_cell"] = shapes.is_even.library.path == shapes.is_odd.library.path
out["compiler"] = sorted(m for m in sys.modules if m.startswith(("jitcell.compiler", "llvmlite")))
out["errors"]["broken"] = failure(lambda: shapes.broken(1))  # compile errors last: they need the compiler
try:
    import eager_too_early
except jitcell.CompileError as e:
    out["eager_error"] = str(e)
print(json.dumps(out))
'''


def line_of(text: str, needle: str) -> tuple[int, int]:
    """The 1-based line and column of `needle` in `text`."""
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} is not in the text")


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The same script in two processes over one cache: what each reported."""
    folder = tmp_path_factory.mktemp("modules")
    (folder / "shapes.py").write_text(SHAPES)
    (folder / "eager_shapes.py").write_text(EAGER)
    (folder / "eager_too_early.py").write_text(EAGER_TOO_EARLY)
    env = {"JITCELL_CACHE_DIR": str(tmp_path_factory.mktemp("cache"))}
    outputs = []
    for _ in range(2):
        done = run_python(f"folder = {str(folder)!r}\n{CHILD}", env=env, timeout=300)
        assert done.returncode == 0, done.stderr
        outputs.append(json.loads(done.stdout.splitlines()[-1]))
    return folder, outputs


def test_functions_compute_what_python_does(runs):
    _, outputs = runs
    for out in outputs:
        assert out["results"] == {
            "total": 285,  # calls square, defined below it
            "fib": 6765,  # recursion
            "is_even": True, "is_odd": True,  # mutual recursion
            "norm": 5.0, "ramp": [0.0, 0.5, 1.0, 1.5],  # arrays in and out
            "greet": "hello, bob! (3)",  # strings
            "ratio": 3,  # a static method, its block indented in the file
            "wrapped": (2**32 + 1) ** 2 % 2**64,
        }
    assert outputs[0]["one_cell"]  # functions that call each other are compiled together


def test_a_second_process_loads_every_function_from_the_cache(runs):
    _, (first, second) = runs
    assert set(first["hits"].values()) == {False}
    assert set(second["hits"].values()) == {True}
    assert second["compiler"] == []  # a hit imports neither the compiler nor llvmlite
    assert first["compiler"] != []  # (the check can fail: the first process compiled)
    assert first["options"] == second["options"]


def test_the_options_reach_the_compiled_code(runs):
    _, outputs = runs
    out = outputs[0]
    assert out["results"]["wrapped"] == (2**32 + 1) ** 2 % 2**64  # wraparound=True: wraps
    assert out["errors"]["checked"]["type"] == "OverflowError"  # the same text without it: raises
    options = out["options"]
    assert options["wrapped"]["wraparound"] and not options["checked"]["wraparound"]
    assert options["norm"]["boundscheck"] is False and options["ramp"]["opt"] == 3 and options["total"]["opt"] == 2
    for name, opts in options.items():  # first_line: the def's line in the file (of the first of a cycle)
        assert opts["first_line"] == line_of(SHAPES, f"def {'is_even' if name == 'is_odd' else name}(")[0]


def test_errors_name_the_file_and_its_lines(runs):
    folder, outputs = runs
    path = str(folder / "shapes.py")
    for out in outputs:  # compiled, then loaded from the cache: the same notes
        errors = out["errors"]
        line, col = line_of(SHAPES, "a // b")  # the class's method: columns count the file's indentation
        assert errors["ratio"]["type"] == "ZeroDivisionError"
        assert errors["ratio"]["notes"] == [f'  File "{path}", line {line}, column {col}, in ratio (compiled by '
                                            'jitcell)\n    return a // b']
        line = line_of(SHAPES, "def checked(")[0] + 1
        assert errors["checked"]["notes"] == [f'  File "{path}", line {line}, column 12, in checked (compiled by '
                                              'jitcell)\n    return x * x']
        line, col = line_of(SHAPES, 'x + "one"')
        assert errors["broken"]["type"] == "CompileError"
        assert errors["broken"]["message"] == (
            f"{path}:{line}:{col}: error: unsupported operand type(s) for +: 'int' and 'str'\n"
            f'        return x + "one"\n               ^')
        # the same TypeErrors as any compiled function's
        assert errors["type"] == {"type": "TypeError", "message": "total() argument 'n' must be int, not str",
                                  "notes": []}


def test_lazy_by_default_and_eager_on_request(runs):
    folder, outputs = runs
    out = outputs[0]
    # lazy: importing the module compiles nothing, and does not even import the pipeline
    assert out["pipeline_after_import"] is False and out["compiled_after_import"] == []
    # eager: compiled at the def, with the lazy function above it that it calls
    assert out["eager_compiled"] == ["base", "early"] and out["eager"] == 10
    # ... so it cannot call a function defined below it; the error says where and why
    line, col = line_of(EAGER_TOO_EARLY, "below(x)")
    assert out["eager_error"].startswith(
        f"{folder / 'eager_too_early.py'}:{line}:{col}: error: name 'below' is not defined; with eager=True, "
        "ahead is compiled at its def, before what is defined below it")


def test_a_script_run_again_loads_from_the_cache(tmp_path):
    """`python script.py`: the functions of __main__, compiled once, hits the second time."""
    script = tmp_path / "basel.py"
    script.write_text(textwrap.dedent('''
        import jitcell


        @jitcell.jit
        def basel(n: int) -> float:
            total = 0.0
            for k in range(1, n + 1):
                total += term(k)
            return total


        @jitcell.jit
        def term(k: int) -> float:
            return 1.0 / (k * k)


        print(basel(1000), basel.library.cache_hit, term.library.cache_hit)
        '''))
    env = {**os.environ, "JITCELL_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=300)
            for _ in range(2)]
    assert [r.stderr for r in runs] == ["", ""]
    expected = sum(1.0 / (k * k) for k in range(1, 1001))
    assert [r.stdout.split() for r in runs] == [[repr(expected), "False", "False"], [repr(expected), "True", "True"]]


# ---- in this process ---------------------------------------------------------------------


@pytest.fixture
def module(tmp_path, monkeypatch):
    """write_and_import(name, text): a module file in tmp_path, imported; forgotten afterwards."""
    monkeypatch.syspath_prepend(str(tmp_path))
    names = []

    def write_and_import(name: str, text: str):
        (tmp_path / f"{name}.py").write_text(textwrap.dedent(text))
        names.append(name)
        return importlib.import_module(name)

    yield write_and_import
    for name in names:
        sys.modules.pop(name, None)


def test_metadata_is_the_python_function_s(module):
    mod = module("meta_mod", '''
        import jitcell


        @jitcell.jit
        def area(w: float, h: float = 2.0) -> float:
            """The area of a rectangle."""
            return w * h
        ''')
    f = mod.area
    assert (f.__name__, f.__qualname__, f.__module__, f.__doc__) == ("area", "area", "meta_mod",
                                                                     "The area of a rectangle.")
    assert f.__wrapped__(3.0) == 6.0 and f.function is None  # the Python function; nothing compiled
    assert str(inspect.signature(f)) == "(w: float, h: float = 2.0) -> float"
    assert "not compiled yet" in repr(f)
    assert f(3.0) == 6.0 and f.signature == "(w: float, h: float = 2.0) -> float"
    assert f"meta_mod.py:{line_of(inspect.getsource(mod), 'def area')[0]}" in repr(f)
    assert pickle.loads(pickle.dumps(f)) is f  # by reference, as a function pickles
    assert isinstance(f, jitcell.decorator.DecoratedFunction)
    assert type(f).__call__ is type(f.function).__call__  # a call is the compiled wrapper's: no extra frame


def test_cache_false_builds_outside_the_cache(module):
    mod = module("nocache_mod", '''
        import jitcell


        @jitcell.jit(cache=False)
        def seven() -> int:
            return 7
        ''')
    assert mod.seven() == 7 and mod.seven.library.miss_reason == "the cache is disabled (--no-cache)"


def test_wrong_arguments_raise_what_compiled_functions_raise(module):
    mod = module("args_mod", '''
        import jitcell


        @jitcell.jit
        def scale(x: int, k: float = 1.5) -> float:
            return x * k
        ''')
    cell = jitcell.compile_cell("def scale(x: int, k: float = 1.5) -> float:\n    return x * k\n").functions["scale"]
    for args, kwargs in [(("a",), {}), ((), {}), ((1, 2.0, 3), {}), ((1,), {"j": 2}), ((2**70,), {})]:
        with pytest.raises((TypeError, OverflowError)) as expected:
            cell(*args, **kwargs)
        with pytest.raises(type(expected.value)) as got:
            mod.scale(*args, **kwargs)
        assert str(got.value) == str(expected.value)


def test_a_redefinition_repoints_the_code_that_calls_it(module, tmp_path):
    """A reload (or a cell run again) defines g anew: compiled f, even a copy someone holds,
    calls the new g at once, as Python would."""
    text = '''
        import jitcell


        @jitcell.jit
        def f(x: int) -> int:
            return g(x) + 1


        @jitcell.jit
        def g(x: int) -> int:
            return x * 2
        '''
    mod = module("reload_mod", text)
    old_f = mod.f
    assert old_f(5) == 11
    (tmp_path / "reload_mod.py").write_text(textwrap.dedent(text).replace("x * 2", "x * 200"))
    importlib.reload(mod)
    assert mod.g.function is not None  # compiled at its def: compiled code called g
    assert old_f(5) == 1001 and mod.f(5) == 1001
    (tmp_path / "reload_mod.py").write_text(textwrap.dedent(text).replace("def g(x: int) -> int:\n    return x * 2",
                                                                          "def g(x: int, y: int = 7) -> int:\n"
                                                                          "    return x * 20 + y"))
    importlib.reload(mod)  # a new signature: the namespace compiles f again; both copies call it
    assert old_f(5) == 108 and mod.f(5) == 108


def test_calls_across_modules_and_between_nested_functions(module):
    module("lib_mod", '''
        import jitcell


        @jitcell.jit
        def g(x: int) -> int:
            return 3 * x
        ''')
    user = module("user_mod", '''
        import jitcell
        from lib_mod import g as triple


        @jitcell.jit
        def uses(x: int) -> int:
            return triple(x) + 1
        ''')
    assert user.uses(2) == 7
    assert [r["name"] for r in user.uses.library.manifest["callees"]] == ["triple"]

    @jitcell.jit
    def inner(x: int) -> int:
        return x - 1

    @jitcell.jit
    def outer(x: int) -> int:
        return inner(x) * 10

    assert outer(3) == 20


def test_functions_that_call_each_other_need_the_same_options(module):
    mod = module("cycle_mod", '''
        import jitcell


        @jitcell.jit
        def ping(n: int) -> int:
            return 0 if n == 0 else pong(n - 1)


        @jitcell.jit(wraparound=True)
        def pong(n: int) -> int:
            return 0 if n == 0 else ping(n - 1)
        ''')
    with pytest.raises(JitError, match="call each other, so jitcell compiles them together, with one set of options"):
        mod.ping(3)


def test_the_decorator_checks_what_it_is_given():
    with pytest.raises(ValueError, match="opt must be 0, 1, 2 or 3"):
        jitcell.jit(opt=7)
    with pytest.raises(TypeError, match="unexpected keyword argument 'first_line'"):
        jitcell.jit(first_line=3)
    with pytest.raises(TypeError, match="not a lambda"):
        jitcell.jit(lambda x: x)
    with pytest.raises(TypeError, match="put @staticmethod above"):
        jitcell.jit(staticmethod(len))


def test_a_compile_error_of_a_method_points_at_the_file_s_columns(module, tmp_path):
    mod = module("method_mod", '''\
import jitcell


class Tools:
    @staticmethod
    @jitcell.jit
    def halve(x: int) -> int:
        """A docstring whose lines are
less indented than the function: they stay as they are (they are the string's text)."""
        return x // undefined_helper(x)
''')
    source = (tmp_path / "method_mod.py").read_text()
    line, col = line_of(source, "undefined_helper(x)")
    with pytest.raises(CompileError) as error:
        mod.Tools.halve(4)
    assert str(error.value).startswith(f"{tmp_path / 'method_mod.py'}:{line}:{col}: error: name "
                                       "'undefined_helper' is not defined\n"
                                       "            return x // undefined_helper(x)\n" + " " * (3 + col) + "^")


def test_the_cell_is_the_function_s_text_then_its_imports_and_its_module(module):
    mod = module("key_mod", '''
        import jitcell


        import math
        from math import pi as half_turn
        import numpy as np


        @jitcell.jit
        def one(x: float) -> float:
            return math.floor(x) + half_turn + np.zeros(1)[0]
        ''')
    assert mod.one(2.5) == 2 + math.pi
    assert mod.one.library.manifest["source"] == (
        "def one(x: float) -> float:\n    return math.floor(x) + half_turn + np.zeros(1)[0]\n"
        "# jitcell: lines added to the cell\n"
        "from math import pi as half_turn\nimport math\nimport numpy as np\n# jitcell.jit: module key_mod\n")


def test_the_random_module_and_its_functions_are_imports_of_the_cell(module):
    mod = module("random_mod", '''
        import random
        from random import randint as roll

        import jitcell


        @jitcell.jit
        def dice(seed: int) -> int:
            random.seed(seed)
            return roll(1, 6) * 10 + random.randint(1, 6)
        ''')
    random.seed(8)
    assert mod.dice(8) == random.randint(1, 6) * 10 + random.randint(1, 6)
    assert mod.dice.library.manifest["source"].endswith(
        "from random import randint as roll\nimport random\n# jitcell.jit: module random_mod\n")


def test_a_name_python_binds_but_compiled_code_cannot_see_says_so(module):
    mod = module("hint_mod", '''
        import jitcell

        LIMIT = 10


        def helper(x: int) -> int:
            return x


        @jitcell.jit
        def capped(x: int) -> int:
            return min(helper(x), LIMIT)
        ''')
    with pytest.raises(CompileError) as error:
        mod.capped(3)
    text = str(error.value)
    assert "name 'helper' is not defined; helper is a Python function: decorate it with @jitcell.jit" in text
    assert "name 'LIMIT' is not defined; LIMIT is a Python int of the module, which compiled code does not see" in text


def test_a_decorated_generator_function_is_walked_from_python(module):
    mod = module("generator_mod", '''
        import jitcell


        @jitcell.jit
        def squares(n: int):
            for i in range(n):
                yield i * i


        @jitcell.jit
        def rows(n: int):
            yield [n, n]
        ''')
    assert list(mod.squares(4)) == [0, 1, 4, 9]
    with pytest.raises(jitcell.CompileError) as caught:
        mod.rows(3)
    assert str(caught.value).startswith(f"{mod.__file__}:12:1: error: rows() is a generator function whose "
                                        "parameters or items Python cannot pass yet")
