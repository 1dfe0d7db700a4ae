"""Why a cell missed the cache, in words a user knows, against the same cell in the same place.

The magic in an in-process IPython shell (`__session__` is what ipykernel sets from Jupyter's
JPY_SESSION_NAME: the notebook's path), @jitcell.jit in real modules, and compile_cell: a cell
is compared with its previous compile in the same notebook or file, never with another
notebook's cell of the same name; every kind of change has its own words, and no reason
shows an internal option name. Also: compile_cell's `filename` names the file in compile
errors and in the notes of run-time errors (the decorator's, through recompiles too).
"""

from __future__ import annotations

import importlib
import os
import sys
import textwrap

import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output

import jitcell
from jitcell.errors import CompileError
from jitcell.loader import bind as native  # its native entries
from jitcell.loader import fingerprint, misses
from jitcell.magics import context_of
from jitcell.runtime import callbacks

# what a reason must never show: the manifest's names of the options, and Python's values of them
INTERNAL = ("first_line", "script", "loop_versioning", "interrupt_checks", "break_linkage", "boundscheck True",
            "None", "True", "False", "->  ", "(and ")


def plain(text: str) -> str:
    """`text`, checked to hold no internal name."""
    assert not [word for word in INTERNAL if word in text], text
    return text


@pytest.fixture
def shell(fresh_cache):
    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "jitcell")
    yield shell
    for name in ("__session__", "scale", "cube", "total"):
        shell.user_ns.pop(name, None)


def jit(shell, cell: str, notebook: str | None = None):
    """Run a %%jit cell (in `notebook`, as Jupyter names it to the kernel); the Library it bound."""
    if notebook is not None:
        shell.user_ns["__session__"] = notebook
    with capture_output() as captured:
        result = shell.run_cell(cell)
    assert result.success, captured.stdout + captured.stderr
    summary = captured.outputs[0].data["text/plain"].splitlines()[0]
    library = shell.user_ns[cell.split("def ")[1].split("(")[0]].library
    assert summary.startswith("jitcell: bound") and (library.cache_hit or f"cache miss: {library.miss_reason} · "
                                                    in summary), summary
    return library


SCALE = "%%jit\ndef scale(x: float) -> float:\n    return {} * x\n"


def test_two_notebooks_defining_the_same_name_do_not_diff_against_each_other(shell):
    jit(shell, "%%jit\nimport numpy as np\n\ndef scale(x: float) -> float:\n    return 2.0 * x\n",
        "03-kernel-tour.ipynb")
    other = jit(shell, SCALE.format("3.5"), "05-cache-and-aslr.ipynb")
    assert other.miss_reason == "first compile of this cell in this notebook"
    assert other.miss_details["diff"] == "" and other.miss_details["previous"] is None
    again = jit(shell, SCALE.format("4.0"), "05-cache-and-aslr.ipynb")  # against 05's own scale
    assert again.miss_reason == "the source changed"
    assert again.miss_details["diff"] == "line 3:\n-    return 3.5 * x\n+    return 4.0 * x"
    assert again.miss_details["previous"] == other.key
    back = jit(shell, "%%jit\nimport numpy as np\n\ndef scale(x: float) -> float:\n    return 2.5 * x\n",
               "03-kernel-tour.ipynb")  # 03's scale changed since 05's: compared with 03's
    assert back.miss_details["diff"] == "line 5:\n-    return 2.0 * x\n+    return 2.5 * x"


def test_without_a_context_the_same_name_elsewhere_is_the_previous_entry(fresh_cache):
    """What the context protects against: compile_cell without one compares with the last cell
    of the same names from anywhere, another notebook's included (and its import)."""
    jitcell.compile_cell("import numpy as np\n\ndef scale(x: float) -> float:\n    return 2.0 * x\n", first_line=2)
    stranger = jitcell.compile_cell(SCALE.format("3.5").removeprefix("%%jit\n"), first_line=2)
    assert stranger.miss_reason == "the source changed"
    assert "-import numpy as np" in stranger.miss_details["diff"]
    with_context = jitcell.compile_cell(SCALE.format("3.75").removeprefix("%%jit\n"), first_line=2,
                                        context="notebook:05-cache-and-aslr.ipynb")
    assert with_context.miss_reason == "first compile of this cell in this notebook"


def test_the_context_is_the_notebook_else_the_session(shell, monkeypatch):
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    session = context_of(shell)
    assert session.startswith("session:") and context_of(shell) == session  # the same for every cell
    monkeypatch.setenv("JPY_SESSION_NAME", "work/analysis.ipynb")  # Jupyter's server, to the kernel
    assert context_of(shell) == "notebook:work/analysis.ipynb"
    shell.user_ns["__session__"] = "work/other.ipynb"  # what ipykernel made of it
    assert context_of(shell) == "notebook:work/other.ipynb"
    shell.user_ns["__session__"] = "console-1"  # a console: a session, not a notebook
    assert context_of(shell) == "session:console-1"
    with pytest.raises(ValueError, match="context must be"):
        jitcell.compile_cell("def f() -> int:\n    return 1\n", context="elsewhere")


def test_options_are_named_as_the_magic_spells_them(shell):
    notebook = "options.ipynb"
    cell = "\ndef cube(x: int) -> int:\n    return x * x * x\n"
    jit(shell, "%%jit" + cell, notebook)
    reasons = {}
    for flags, reason in [("--opt 3 --wraparound", "--opt 2 -> 3, --wraparound on"),
                          ("--opt 3 --wraparound --boundscheck off", "--boundscheck off"),
                          ("--opt 3 --boundscheck off", "--wraparound off"),
                          ("--opt 3 --boundscheck off --no-interrupt", "interrupt checks off")]:
        reasons[flags] = plain(jit(shell, f"%%jit {flags}" + cell).miss_reason)
        assert reasons[flags] == reason
    assert shell.user_ns["cube"].library.manifest["options"]["opt"] == 3


def test_moving_and_editing_a_cell_say_so_with_the_user_s_line_numbers(fresh_cache):
    where = "notebook:moves.ipynb"
    source = "def cube(x: int) -> int:\n    return x * x * x\n"
    jitcell.compile_cell(source, first_line=2, context=where)
    moved = jitcell.compile_cell(source, first_line=5, context=where)
    assert plain(moved.miss_reason) == "the cell moved down 3 lines"
    up = jitcell.compile_cell(source.replace("x * x * x", "x ** 3"), first_line=4, context=where)
    assert plain(up.miss_reason) == "the source changed; the cell moved up one line"
    assert up.miss_details["diff"] == "line 5:\n-    return x * x * x\n+    return x ** 3"  # as the cell counts


def test_a_new_jitcell_or_llvm_says_so(fresh_cache, monkeypatch):
    source, where = "def cube(x: int) -> int:\n    return x * x * x\n", "notebook:upgrade.ipynb"
    jitcell.compile_cell(source, context=where)
    major, minor, *_ = jitcell.__version__.split(".")
    newer = f"{major}.{int(minor) + 1}.0"
    from jitcell.compiler import driver
    from jitcell.loader import cache

    monkeypatch.setattr(cache, "__version__", newer)  # what the key and the manifest record
    monkeypatch.setattr(driver, "__version__", newer)
    upgraded = jitcell.compile_cell(source, context=where)
    assert plain(upgraded.miss_reason) == f"jitcell was upgraded from {jitcell.__version__} to {newer}"
    real = fingerprint.toolchain
    monkeypatch.setattr(fingerprint, "toolchain", lambda *a, **k: {**real(*a, **k), "llvm": "99.1.0"})
    llvm = jitcell.compile_cell(source, context=where)
    assert plain(llvm.miss_reason) == f"LLVM changed from {real(None, probe=dict)['llvm']} to 99.1.0"


def test_a_callee_s_new_signature_is_named(shell):
    notebook = "callees.ipynb"
    jit(shell, SCALE.format("2.0"), notebook)
    jit(shell, "%%jit\ndef total(n: int) -> float:\n    return scale(float(n)) + 1.0\n", notebook)
    with capture_output():
        assert shell.run_cell("%%jit\ndef scale(x: float) -> int:\n    return int(3.0 * x)\n").success
    total = shell.user_ns["total"]
    assert total(2) == 7.0 and not total.library.cache_hit  # recompiled against the new scale
    assert plain(total.library.miss_reason) == (
        "a function it calls changed its signature: scale(x: float) -> float became scale(x: float) -> int")


# ---- @jitcell.jit: compared within its file, errors name the file ----------------------


@pytest.fixture
def module(tmp_path, monkeypatch, fresh_cache):
    """write(name, text): a module file in tmp_path, imported (or reloaded if it was)."""
    monkeypatch.syspath_prepend(str(tmp_path))
    names = []

    def write(name: str, text: str, folder=tmp_path):
        (folder / f"{name}.py").write_text(textwrap.dedent(text))
        importlib.invalidate_caches()
        if name in sys.modules:
            return importlib.reload(sys.modules[name])
        names.append(name)
        return importlib.import_module(name)

    yield write
    for name in names:
        sys.modules.pop(name, None)


SCALE_MODULE = '''
    import jitcell


    @jitcell.jit{options}
    def scale(x: float) -> float:
        return {factor} * x
    '''


def test_a_function_is_compared_with_its_last_compile_from_the_same_file(module, tmp_path, monkeypatch):
    first = module("scale_a", SCALE_MODULE.format(options="", factor="2.0"))
    assert first.scale(1.0) == 2.0
    assert plain(first.scale.library.miss_reason) == "first compile of this function in this file"
    (tmp_path / "other").mkdir()  # another file defining scale: no comparison with the first one's
    monkeypatch.syspath_prepend(str(tmp_path / "other"))
    other = module("scale_b", SCALE_MODULE.format(options="", factor="3.0"), tmp_path / "other")
    assert other.scale.library.miss_reason == "first compile of this function in this file"
    moved = module("scale_a", "\n\n" + SCALE_MODULE.format(options="", factor="2.0"))
    assert moved.scale(1.0) == 2.0 and plain(moved.scale.library.miss_reason) == \
        "the function moved down 2 lines in its file"
    optimized = module("scale_a", "\n\n" + SCALE_MODULE.format(options="(opt=3, wraparound=True)", factor="2.0"))
    assert optimized.scale(1.0) == 2.0 and plain(optimized.scale.library.miss_reason) == "opt 2 -> 3, wraparound on"
    edited = module("scale_a", "\n\n" + SCALE_MODULE.format(options="(opt=3, wraparound=True)", factor="2.5"))
    assert edited.scale(1.0) == 2.5
    library = edited.scale.library
    assert library.miss_reason == "the source changed"  # the module's name and imports jitcell adds: not shown
    line = 7 + 2
    assert library.miss_details["diff"] == f"line {line}:\n-    return 2.0 * x\n+    return 2.5 * x"


def test_a_method_s_errors_name_the_file_and_its_columns(module, tmp_path):
    mod = module("shapes_m", '''
        import jitcell


        class Shapes:
            @staticmethod
            @jitcell.jit
            def ratio(a: int, b: int) -> int:
                return a // b

            @staticmethod
            @jitcell.jit
            def broken(x: int) -> int:
                return x + "one"
        ''')
    path = str(tmp_path / "shapes_m.py")
    with pytest.raises(ZeroDivisionError) as caught:
        mod.Shapes.ratio(1, 0)
    assert caught.value.__notes__ == [f'  File "{path}", line 9, column 16, in ratio (compiled by jitcell)\n'
                                      "    return a // b"]
    with pytest.raises(CompileError) as refused:
        mod.Shapes.broken(1)
    shown = '        return x + "one"'  # the file's line, its column (16) counted from the file's margin
    assert str(refused.value) == (f"{path}:14:16: error: unsupported operand type(s) for +: 'int' and 'str'\n"
                                  f"    {shown}\n    {' ' * 15}^")
    # the native entry (or the wrapper, its fallback) raises the callbacks' exception as it is: nothing
    # of the decorator in between
    function = mod.Shapes.ratio.function
    assert function.wrapper.__globals__["jc__take_pending"] is callbacks.take_pending
    if native.available(arrays=False):
        assert type(mod.Shapes.ratio).__call__ is native.CALL and function.native[1].wrapper() is function.wrapper


def test_compile_cell_names_the_file_it_is_given(fresh_cache):
    source = "def half(n: int) -> int:\n    return n // 0 + y\n"
    with pytest.raises(CompileError) as plain_cell:  # without a file name: the cell
        jitcell.compile_cell(source, first_line=30)
    assert str(plain_cell.value) == f"cell:31:21: error: name 'y' is not defined\n        return n // 0 + y\n" \
                                    f"    {' ' * 20}^"
    with pytest.raises(CompileError) as named:  # a method's body: the file has 4 columns more
        jitcell.compile_cell(source, first_line=30, filename="lib/mod.py", indentation=(4, 4))
    assert str(named.value) == (f"lib/mod.py:31:25: error: name 'y' is not defined\n"
                                f"            return n // 0 + y\n    {' ' * 24}^")
    library = jitcell.compile_cell(source.replace(" + y", ""), first_line=30, filename="lib/mod.py",
                                   indentation=(4, 4))
    with pytest.raises(ZeroDivisionError) as caught:
        library.functions["half"](3)
    assert caught.value.__notes__[0].startswith('  File "lib/mod.py", line 31, column 16, in half')
    again = jitcell.compile_cell(source.replace(" + y", ""), first_line=30)  # the same entry, loaded as a cell
    assert again.cache_hit and again.key == library.key
    with pytest.raises(ZeroDivisionError) as caught:
        again.functions["half"](3)
    assert caught.value.__notes__[0].startswith('  File "cell", line 31, column 12, in half')


def test_a_recompiled_caller_keeps_its_file(module, tmp_path):
    text = '''
        import jitcell


        @jitcell.jit
        def scale(x: float) -> {returns}:
            return {body}


        @jitcell.jit
        def ratio(n: int, d: int) -> float:
            return scale(float(n // d))
        '''
    mod = module("ratio_m", text.format(returns="float", body="2.0 * x"))
    ratio = mod.ratio
    assert ratio(4, 2) == 4.0
    module("ratio_m", text.format(returns="int", body="int(3.0 * x)"))  # scale compiled at once: ratio calls it
    assert ratio(4, 2) == 6.0  # recompiled by the module's Namespace against the new scale
    assert plain(ratio.library.miss_reason) == (
        "a function it calls changed its signature: scale(x: float) -> float became scale(x: float) -> int")
    with pytest.raises(ZeroDivisionError) as caught:
        ratio(1, 0)
    path = os.path.join(str(tmp_path), "ratio_m.py")
    assert caught.value.__notes__[0].startswith(f'  File "{path}", line 12, column 24, in ratio')


def test_each_change_of_jitcell_or_the_machine_has_its_words(fresh_cache):
    new = jitcell.compile_cell("def cube(x: int) -> int:\n    return x * x * x\n").manifest
    tools, version = new["toolchain"], new["jitcell"]
    for change, reason in [
        ({"toolchain": {**tools, "cpu": "other-cpu"}}, f"the CPU changed from other-cpu to {tools['cpu']}"),
        ({"toolchain": {**tools, "features": "+other"}}, "the CPU's features changed"),
        ({"toolchain": {**tools, "triple": "riscv64-unknown-linux-gnu"}},
         f"the target platform changed from riscv64-unknown-linux-gnu to {tools['triple']}"),
        ({"toolchain": {**tools, "llvmlite": "0.1"}}, f"llvmlite changed from 0.1 to {tools['llvmlite']}"),
        ({"toolchain": {**tools, "compiler": "0" * 64}},
         "jitcell's own code changed, with the same version: an edited install"),
        ({"jitcell": "99.0.0", "toolchain": {**tools, "compiler": "0" * 64}},  # a version says it all
         f"jitcell was downgraded from 99.0.0 to {version}"),
        ({"abi": -1}, f"jitcell's generated code changed, from ABI -1 to {new['abi']}"),
        ({}, "the Python version, or a function of another cell that it names, changed"),
        ({"source": new["source"] + "# jitcell: lines added to the cell\n# jitcell.jit: module old_name\n"},
         "the lines jitcell adds to the cell changed"),
    ]:
        assert plain(misses.explain({**new, **change, "key": "old"}, new)["reasons"][0]) == reason
        assert len(misses.explain({**new, **change, "key": "old"}, new)["reasons"]) == 1
    renamed = misses.explain({**new, "source": new["source"] + "# jitcell: lines added to the cell\n"
                              "# jitcell.jit: module old_name\n"},
                             {**new, "source": new["source"] + "# jitcell: lines added to the cell\n"
                              "# jitcell.jit: module new_name\n"}, "file:/src/x.py")
    assert renamed["reasons"] == ["its module is named new_name now, not old_name"] and renamed["diff"] == ""
    assert misses.headline(["a", "b", "c", "d"]) == "a; b; and 2 more"


def test_a_previous_compile_whose_entry_is_gone_says_so(fresh_cache):
    where = "notebook:gone.ipynb"
    old = jitcell.compile_cell("def cube(x: int) -> int:\n    return x * x * x\n", context=where)
    os.remove(old.location.removesuffix(".so") + ".json")  # evicted, say
    new = jitcell.compile_cell("def cube(x: int) -> int:\n    return x ** 3\n", context=where)
    assert plain(new.miss_reason) == "this cell changed since the last compile in this notebook, whose cache entry " \
                                     "is gone"


def test_a_cell_compiled_again_keeps_one_record_naming_its_latest_entry(fresh_cache):
    """remember removes the cell's old record before renaming the new one into place (a rename over a
    file costs ext4 a flush): one record remains, naming the latest entry, and no temporary file."""
    where = "session:records"
    keys = []
    for k in range(3):
        library = jitcell.compile_cell(f"total: int = {k}\ntotal = total + 1\n", script=True, context=where)
        keys.append(library.manifest["key"])
        name = misses.identity(library.manifest, where) + ".json"
        found = [p for p in fresh_cache.rglob("*") if p.name.startswith((name, f".{name}"))]
        assert [p.name for p in found] == [name]
        assert f'"key": "{keys[-1]}"' in found[0].read_text()
        assert (k == 0) == (library.miss_details["previous"] is None)
        assert k == 0 or library.miss_details["previous"] == keys[-2]
