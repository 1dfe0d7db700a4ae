"""Calls between cells, in process: `compile_cell(source, callees=...)` and `Namespace`.

A cell calls a function of an earlier cell through a slot (`jitcell.slot.cell.NAME`)
holding the address of that function's exported internal-ABI entry (`jitcell.call.NAME`).
The caller's cache key holds the callee's signature, not its body. In a Namespace,
redefining the callee re-patches callers (same signature) or recompiles them (another
signature); a caller that no longer compiles is stale and raises LinkageError.
"""

from __future__ import annotations

import ctypes

import pytest
from elftools.elf.elffile import ELFFile

import jitcell
from jitcell import runtime
from jitcell.errors import CompileError, LinkageError
from jitcell.loader.cache import Entry
from jitcell.loader.load import load
from jitcell.loader.namespace import Namespace, entry_address
from jitcell.options import SKIP_PATCHING_ENV

F = "def f(x: int) -> int:\n    return 2 * x\n"
F_BODY = "def f(x: int) -> int:\n    return 3 * x\n"
F_FLOAT = "def f(x: int) -> float:\n    return x / 4\n"
F_STR = "def f(x: str) -> int:\n    return len(x)\n"
G = "def g(n: int) -> int:\n    return f(n) + 1\n"
G_INFERRED = "def g(n: int):\n    return f(n) + 1\n"


def cell_slot(library, name="f"):
    (slot,) = [s for s in library.slots if s.target == f"cell.{name}"]
    return slot


def test_a_cell_calls_a_function_of_an_earlier_cell(fresh_cache):
    f = jitcell.compile_cell(F).functions["f"]
    lib = jitcell.compile_cell(G, callees={"f": f})
    assert lib.functions["g"](20) == 41
    slot = cell_slot(lib)
    assert slot.name == "jitcell.slot.cell.f"
    assert slot.baked == slot.patched == entry_address(f)  # the compiling process: baked is right
    (row,) = lib.manifest["callees"]
    assert row["name"] == "f" and row["signature"] == "(x: int) -> int"
    assert lib.manifest["functions"][0]["call_symbol"] == "jitcell.call.g"


def test_every_function_exports_its_internal_entry(fresh_cache):
    lib = jitcell.compile_cell(F + G.replace("g(", "h(").replace("f(n)", "n"))
    with open(lib.path, "rb") as file:
        table = ELFFile(file).get_section_by_name(".dynsym")
        defined = {s.name: s for s in table.iter_symbols() if s.name and s["st_shndx"] != "SHN_UNDEF"}
    for name in ("jitcell.call.f", "jitcell.call.h"):
        assert defined[name]["st_info"]["bind"] == "STB_GLOBAL"
        assert defined[name]["st_other"]["visibility"] == "STV_DEFAULT"
    rows = {g["name"]: g for g in lib.manifest["globals"]}
    assert rows["jitcell.call.f"]["storage_class"] == "dllexport"


def test_the_key_holds_the_callee_signature_not_its_body(fresh_cache):
    f1 = jitcell.compile_cell(F).functions["f"]
    f2 = jitcell.compile_cell(F_BODY).functions["f"]
    g1 = jitcell.compile_cell(G, callees={"f": f1})
    g2 = jitcell.compile_cell(G, callees={"f": f2})
    assert g2.key == g1.key and g2.cache_hit and g2.functions["g"](5) == 16
    # one library file is mapped once per process: binding it again re-binds the earlier load too
    assert g1.functions["g"](5) == 16
    other = jitcell.compile_cell("def f(x: int, y: int = 1) -> int:\n    return x * y\n").functions["f"]
    assert jitcell.compile_cell(G, callees={"f": other}).key != g1.key
    with pytest.raises(CompileError, match="name 'f' is not defined"):
        jitcell.compile_cell(G)


def test_only_names_the_cell_mentions_and_does_not_define_are_callees(fresh_cache):
    f = jitcell.compile_cell(F).functions["f"]
    plain = jitcell.compile_cell("def h(n: int) -> int:\n    return n\n")
    with_env = jitcell.compile_cell("def h(n: int) -> int:\n    return n\n", callees={"f": f, "x": 1})
    assert with_env.key == plain.key  # f is not mentioned: not part of the key
    as_variable = jitcell.compile_cell("def h(f: int) -> int:\n    return f\n")
    assert jitcell.compile_cell("def h(f: int) -> int:\n    return f\n", callees={"f": f}).key == as_variable.key
    loop = "def h(n: int) -> int:\n    for _ in range(n):\n        n += 1\n    return n\n"
    assert jitcell.compile_cell(loop, callees={"_": f}).key == jitcell.compile_cell(loop).key  # IPython's _
    own = jitcell.compile_cell("def f(x: int) -> int:\n    return x\ndef k() -> int:\n    return f(1)\n",
                               callees={"f": f})
    assert own.manifest["callees"] == [] and own.functions["k"]() == 1  # the cell's own f wins


def test_same_signature_redefinition_repatches_callers(fresh_cache):
    ns = Namespace()
    jitcell.compile_cell(F, callees=ns)
    caller = jitcell.compile_cell(G, callees=ns)
    g = ns.names["g"]
    assert g(5) == 11
    redefined = jitcell.compile_cell(F_BODY, callees=ns)
    assert [r.kind for r in redefined.relinked] == ["repatched"]
    assert "now calls the new f" in str(redefined.relinked[0])
    assert ns.names["g"] is g and g(5) == 16  # the same g, the new body, at once
    slot = cell_slot(caller)
    assert slot.patched == entry_address(ns.names["f"]) != slot.baked
    assert ctypes.c_void_p.in_dll(caller.handle, slot.name).value == slot.patched


def test_repatching_can_be_switched_off_for_teaching(fresh_cache, monkeypatch):
    ns = Namespace()
    jitcell.compile_cell(F, callees=ns)
    jitcell.compile_cell(G, callees=ns)
    monkeypatch.setenv(SKIP_PATCHING_ENV, "cell.")
    with pytest.warns(RuntimeWarning, match=SKIP_PATCHING_ENV):
        jitcell.compile_cell(F_BODY, callees=ns)
    assert ns.names["g"](5) == 11  # still the old f: re-patching is what makes redefinition work


def test_a_new_signature_recompiles_the_caller(fresh_cache):
    ns = Namespace()
    jitcell.compile_cell(F, callees=ns)
    jitcell.compile_cell(G_INFERRED, callees=ns)
    old_g = ns.names["g"]
    assert old_g(6) == 13
    redefined = jitcell.compile_cell(F_FLOAT, callees=ns)
    assert [r.kind for r in redefined.relinked] == ["recompiled"]
    new_g = ns.names["g"]
    assert new_g is not old_g and new_g.signature == "(n: int) -> float"
    assert new_g(6) == 2.5
    assert "recompiled the cell that defines g against f(x: int) -> float" in str(redefined.relinked[0])
    with pytest.raises(LinkageError) as raised:  # an older copy someone kept
        old_g(6)
    message = str(raised.value)
    assert "f(x: int) -> int" in message and "f(x: int) -> float" in message and "older copy" in message


def test_a_caller_that_no_longer_compiles_is_stale(fresh_cache):
    ns = Namespace(label=lambda: f"In [{len(ns.names) + 1}]")
    jitcell.compile_cell(F, callees=ns)  # In [1]
    jitcell.compile_cell(G, callees=ns)  # In [2]
    g = ns.names["g"]
    redefined = jitcell.compile_cell(F_STR, callees=ns)  # In [3]
    (event,) = redefined.relinked
    assert event.kind == "stale" and event.callee == "f" and event.caller == "In [2]"
    assert "must be str, not int" in event.error
    assert ns.names["g"] is g
    with pytest.raises(LinkageError) as raised:
        g(1)
    message = str(raised.value)
    for part in ("In [2] (which defines g) calls f()", "f(x: int) -> int", "f(x: str) -> int", "(In [3])",
                 "Re-run In [2]", "could not", "argument 'x' of f() must be str, not int"):
        assert part in message, (part, message)
    again = jitcell.compile_cell(F_STR, callees=ns)  # the callee's cell once more: still stale, said again
    assert [r.kind for r in again.relinked] == ["stale"]
    fixed = jitcell.compile_cell('def g(n: int) -> int:\n    return f("ab" + str(n)) + 1\n', callees=ns)
    assert fixed.functions["g"](3) == 4 and fixed.functions["g"](10) == 5


def test_recompile_false_leaves_callers_stale(fresh_cache):
    ns = Namespace(recompile=False)
    jitcell.compile_cell(F, callees=ns)
    jitcell.compile_cell(G_INFERRED, callees=ns)
    assert [r.kind for r in jitcell.compile_cell(F_FLOAT, callees=ns).relinked] == ["stale"]
    with pytest.raises(LinkageError, match=r"re-run|Re-run"):
        ns.names["g"](1)


def test_changing_back_repatches_the_stale_copy_and_recompiles_from_the_cache(fresh_cache):
    ns = Namespace()
    jitcell.compile_cell(F, callees=ns)
    first = jitcell.compile_cell(G_INFERRED, callees=ns)
    old_g = ns.names["g"]
    jitcell.compile_cell(F_FLOAT, callees=ns)
    back = jitcell.compile_cell(F, callees=ns)
    (event,) = [r for r in back.relinked if r.kind == "recompiled"]
    assert event.library.cache_hit and event.library.key == first.key
    assert ns.names["g"](6) == 13 and old_g(6) == 13  # the same library file: patched again


def test_recompilation_cascades_through_inferred_signatures(fresh_cache):
    ns = Namespace()
    jitcell.compile_cell(F, callees=ns)
    jitcell.compile_cell(G_INFERRED, callees=ns)
    jitcell.compile_cell("def h(n: int):\n    return g(n) * 2\n", callees=ns)
    assert ns.names["h"](6) == 26
    redefined = jitcell.compile_cell(F_FLOAT, callees=ns)
    assert [(r.kind, r.callee) for r in redefined.relinked] == [("recompiled", "f"), ("recompiled", "g")]
    assert ns.names["h"](6) == 5.0 and ns.names["h"].signature == "(n: int) -> float"


def test_recompiling_keeps_names_that_another_cell_redefined(fresh_cache):
    ns = Namespace()
    jitcell.compile_cell(F, callees=ns)
    jitcell.compile_cell("def g(n: int):\n    return f(n)\ndef k() -> int:\n    return 1\n", callees=ns)
    jitcell.compile_cell("def k() -> int:\n    return 2\n", callees=ns)
    later_k = ns.names["k"]
    jitcell.compile_cell(F_FLOAT, callees=ns)
    assert ns.names["k"] is later_k and ns.names["g"](2) == 0.5


def test_strings_cross_cells_without_leaks(fresh_cache):
    ns = Namespace()
    jitcell.compile_cell('def shout(s: str, n: int = 1) -> str:\n    return s + "!" if n == 1 else s + "!!"\n',
                         callees=ns)
    jitcell.compile_cell('def greet(name: str) -> str:\n    return shout("hi " + name) + shout(name, n=2)\n'
                         'def pair(n: int) -> tuple[int, str]:\n    return n, shout(str(n))\n', callees=ns)
    before = runtime.call("live_objects")
    for _ in range(1000):
        assert ns.names["greet"]("bob") == "hi bob!bob!!"
        assert ns.names["pair"](7) == (7, "7!")
    assert runtime.call("live_objects") == before


def test_exceptions_and_prints_of_the_callee_reach_python(fresh_cache, capsys):
    ns = Namespace()
    jitcell.compile_cell("def div(a: int, b: int) -> int:\n    print('div', a, b)\n    return a // b\n",
                         callees=ns)
    jitcell.compile_cell("def use(n: int) -> int:\n    s = 'kept' + str(n)\n    return div(n, n - 3) + len(s)\n",
                         callees=ns)
    before = runtime.call("live_objects")
    assert ns.names["use"](4) == 4 + 5
    with pytest.raises(ZeroDivisionError, match="integer division or modulo by zero") as raised:
        ns.names["use"](3)
    assert "line 3" in "".join(raised.value.__notes__)  # the callee's cell line
    assert capsys.readouterr().out == "div 4 1\ndiv 3 0\n"
    assert runtime.call("live_objects") == before


def test_defaults_and_keywords_across_cells(fresh_cache):
    ns = Namespace()
    jitcell.compile_cell("def f(a: int, b: int = 10, c: float = 0.5) -> float:\n    return a * b + c\n",
                         callees=ns)
    jitcell.compile_cell("def g() -> float:\n    return f(1) + f(c=1.0, a=2) + f(3, 4, True)\n", callees=ns)
    assert ns.names["g"]() == 10.5 + 21.0 + 13.0
    # a new default is a new signature: g is recompiled and uses it, as Python would
    jitcell.compile_cell("def f(a: int, b: int = 100, c: float = 0.5) -> float:\n    return a * b + c\n",
                         callees=ns)
    assert ns.names["g"]() == 100.5 + 201.0 + 13.0


def test_recursion_between_cells_raises_recursion_error(fresh_cache):
    ns = Namespace()
    jitcell.compile_cell("def g(n: int) -> int:\n    return n\n", callees=ns)
    jitcell.compile_cell("def f(n: int) -> int:\n    return g(n + 1)\n", callees=ns)
    jitcell.compile_cell("def g(n: int) -> int:\n    return f(n)\n", callees=ns)  # now endless
    with pytest.raises(RecursionError):
        ns.names["f"](0)
    jitcell.compile_cell("def g(n: int) -> int:\n    return n if n > 400 else f(n)\n", callees=ns)
    assert ns.names["f"](0) == 401


def test_a_function_of_another_cell_shadows_a_builtin(fresh_cache):
    ns = Namespace()
    jitcell.compile_cell("def abs(x: int) -> int:\n    return 42\n", callees=ns)
    assert jitcell.compile_cell("def g() -> int:\n    return abs(-3)\n", callees=ns).functions["g"]() == 42


def test_errors_name_the_callee(fresh_cache):
    ns = Namespace()
    jitcell.compile_cell(F, callees=ns)
    with pytest.raises(CompileError, match=r"'h' is Callable\[\[int\], int\] \(from its first assignment\) and "
                                           r"cannot hold int"):  # a function of another cell is a value
        jitcell.compile_cell("def g() -> int:\n    h = f\n    h = 2\n    return h(1)\n", callees=ns)
    with pytest.raises(CompileError, match=r"f\(\) missing 1 required positional argument: 'x'"):
        jitcell.compile_cell("def g() -> int:\n    return f()\n", callees=ns)
    with pytest.raises(CompileError, match=r"argument 'x' of f\(\) must be int, not float"):
        jitcell.compile_cell("def g() -> int:\n    return f(1.5)\n", callees=ns)


def test_loading_a_caller_without_its_callee_is_a_linkage_error(fresh_cache):
    f = jitcell.compile_cell(F).functions["f"]
    lib = jitcell.compile_cell(G, callees={"f": f})
    entry = Entry(lib.key, lib.location, lib.manifest)
    with pytest.raises(LinkageError, match=r"calls f\(\) from another cell.*run the cell that defines f first"):
        load(entry, cache_hit=True, compile_seconds=None)
    wrong = jitcell.compile_cell(F_FLOAT).functions["f"]
    from jitcell.loader.namespace import resolver

    with pytest.raises(LinkageError, match=r"compiled against f\(x: int\) -> int, but f is now f\(x: int\) -> float"):
        load(entry, cache_hit=True, compile_seconds=None, resolve=resolver({"f": wrong}, lib.manifest))


def test_a_static_mapping_is_not_rebound(fresh_cache):
    names = {}
    names.update(jitcell.compile_cell(F).functions)
    lib = jitcell.compile_cell(G, callees=names)
    names.update(jitcell.compile_cell(F_BODY).functions)
    assert "g" not in names and lib.functions["g"](5) == 11 and lib.relinked == []


def test_a_caller_run_before_its_callee_names_the_cell_to_run_first(fresh_cache):
    first = Namespace(label="In [2]")
    jitcell.compile_cell(F, callees=first)
    first.label = "In [3]"
    jitcell.compile_cell(G, callees=first)
    fresh = Namespace()  # a new kernel: G's cell run before F's
    with pytest.raises(LinkageError) as raised:
        jitcell.compile_cell(G, callees=fresh)
    message = str(raised.value)
    assert "calls f() (In [2] defined it as f(x: int) -> int when this cell was compiled)" in message
    assert "run the cell that defines f first" in message
    assert isinstance(raised.value.__cause__, CompileError)
    with pytest.raises(CompileError):  # without a namespace, a plain compile error
        jitcell.compile_cell(G)
    jitcell.compile_cell(F, callees=fresh)
    assert jitcell.compile_cell(G, callees=fresh).cache_hit and fresh.names["g"](2) == 5


def test_the_magic_resolves_callees_in_the_user_namespace(fresh_cache):
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "jitcell")

    def run(cell):
        with capture_output() as captured:
            result = shell.run_cell(cell, store_history=True)
        return result, captured.stdout

    try:
        run("%%jit -q\n" + F)
        f_cell = len(shell.history_manager.input_hist_raw) - 1
        run("%%jit -q\n" + G_INFERRED)
        g_cell = f_cell + 1
        assert shell.user_ns["g"](4) == 9
        _, out = run("%%jit -q\n" + F_BODY)
        assert out == ""  # -q: re-patching is not reported
        assert shell.user_ns["g"](4) == 13
        _, out = run("%%jit\n" + F_FLOAT)
        assert f"jitcell: recompiled In [{g_cell}] (g) against f(x: int) -> float" in out
        assert shell.user_ns["g"](4) == 2.0
        _, out = run("%%jit -q\n" + F_STR)
        assert f"jitcell: In [{g_cell}] (g) was compiled against f(x: int) -> float" in out  # stale: always said
        result, _ = run("g(4)")
        assert isinstance(result.error_in_exec, LinkageError)
        assert f"Re-run In [{g_cell}]" in str(result.error_in_exec)
        shell.user_ns["x"] = [1]  # neither a JitFunction (a callee) nor a value a cell can freeze (frozen.py)
        result, _ = run("%%jit -q\ndef k() -> int:\n    return x\n")
        assert "name 'x' is not defined" in str(result.error_in_exec)
    finally:
        for name in ("f", "g", "x"):
            shell.user_ns.pop(name, None)
        shell._jitcell_namespace = None  # the shell is shared with other tests


def test_another_cells_generator_is_a_compile_error_saying_where_to_define_it():
    ns = jitcell.Namespace()
    jitcell.compile_cell("def squares(n: int):\n    for i in range(n):\n        yield i * i\n", callees=ns,
                         cache=False)
    with pytest.raises(jitcell.CompileError) as caught:
        jitcell.compile_cell("def total(n: int) -> int:\n    return sum(squares(n))\n", callees=ns, cache=False)
    assert [(d.loc.line, d.loc.col, d.message) for d in caught.value.diagnostics] == [
        (2, 16, "squares() is a generator function of another cell; jitcell walks a generator only in the cell "
                "that defines it: define squares() in this cell")]
