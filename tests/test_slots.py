"""The slot protocol: which slots a library has, that they are exported, that a missing export is loud."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest
from elftools.elf.elffile import ELFFile

import jitcell
from jitcell.compiler.backend import machine
from jitcell.errors import LinkageError

PRINTS = """
def report(n: int) -> int:
    print("n is", n)
    return 100 // n
"""


def dynamic_symbols(path):
    with open(path, "rb") as f:
        elf = ELFFile(f)
        table = elf.get_section_by_name(".dynsym")
        defined = {s.name: s for s in table.iter_symbols() if s.name and s["st_shndx"] != "SHN_UNDEF"}
        undefined = {s.name for s in table.iter_symbols() if s.name and s["st_shndx"] == "SHN_UNDEF"}
        needed = [t.needed for t in elf.get_section_by_name(".dynamic").iter_tags("DT_NEEDED")]
    return defined, undefined, needed


# Before calling into Python, compiled code runs pending signal handlers (jitcell/interrupts.py),
# in the main thread only: the runtime's check_signals (runtime/source.py)
SIGNAL_SLOTS = {"jitcell.slot.rt.check_signals"}


def test_slots_and_functions_are_in_the_export_table(fresh_cache):
    lib = jitcell.compile_cell(PRINTS)
    # and the table of CPython functions and objects that report's native entry uses (lower/native.py)
    assert {s.name for s in lib.slots} == {"jitcell.slot.print", "jitcell.slot.raise", *SIGNAL_SLOTS,
                                           "jitcell.slot.native"}
    defined, _, _ = dynamic_symbols(lib.path)
    for name in ["jitcell.def.report", "jitcell.native.report", *(s.name for s in lib.slots)]:
        symbol = defined[name]
        assert symbol["st_info"]["bind"] == "STB_GLOBAL"
        assert symbol["st_other"]["visibility"] == "STV_DEFAULT"
    rows = {g["name"]: g for g in lib.manifest["globals"]}
    assert rows["jitcell.slot.print"]["storage_class"] == "dllexport"
    assert not [name for name in defined if name.startswith("jitcell.impl.")]  # internal, not exported


def test_baked_address_is_this_process_and_patched_matches(fresh_cache):
    from jitcell.loader import load

    lib = jitcell.compile_cell(PRINTS)
    for slot in lib.slots:
        assert slot.baked == slot.patched == load.address_of(slot.target)
        assert slot.shift == 0


def test_imports_come_only_from_the_c_and_math_libraries(fresh_cache):
    lib = jitcell.compile_cell("import math\ndef f(x: float) -> float:\n    return math.expm1(x) + math.log1p(x)\n")
    _, undefined, needed = dynamic_symbols(lib.path)
    assert undefined == {i["name"] for i in lib.imports} >= {"expm1", "log1p"}
    assert all(i["library"].startswith(("libm.", "libc.")) for i in lib.imports)
    assert needed and all(n.startswith(("libm.", "libc.")) for n in needed)


def test_optimizer_removes_unused_slots_and_the_manifest_says_so(fresh_cache):
    lib = jitcell.compile_cell("def f(n: int) -> int:\n    if n > 0 and n < 0:\n        print(n)\n    return n\n")
    # with print goes the signal handling before it
    assert {s["name"] for s in lib.removed_slots} == {"jitcell.slot.print", *SIGNAL_SLOTS}
    assert "jitcell.slot.print" not in {s.name for s in lib.slots}
    defined, _, _ = dynamic_symbols(lib.path)
    assert "jitcell.slot.print" not in defined
    assert lib.functions["f"](5) == 5


def test_a_cell_needing_nothing_from_the_process_has_only_its_native_entry_s_slot(fresh_cache):
    lib = jitcell.compile_cell("def f(x: float, y: float) -> float:\n    return x * y + 1.0\n")
    # the code itself uses none; CPython's side of the call (checking x and y, making the result)
    # reads the table of CPython's functions and objects that the slot "native" points at
    assert [s.target for s in lib.slots] == ["native"] and lib.removed_slots == []


def hide_slots(monkeypatch):
    """Make codegen emit slots with hidden visibility: the class of bug the loader must catch."""
    real = machine._make_exported

    def exported_but_slots_hidden(value):
        real(value)
        if value.name.startswith("jitcell.slot."):
            value.visibility = "hidden"

    monkeypatch.setattr(machine, "_make_exported", exported_but_slots_hidden)


def test_a_slot_missing_from_the_exports_raises_linkage_error(fresh_cache, monkeypatch):
    hide_slots(monkeypatch)
    with pytest.raises(LinkageError) as caught:
        jitcell.compile_cell(PRINTS, cache=False)
    message = str(caught.value)
    assert "jitcell.slot." in message and "missing from the export table" in message
    assert ".so" in message


HIDDEN_CHILD = """
import sys
import jitcell, jitcell.loader.load
from jitcell.loader.load import Slot
if sys.argv[1] == "silent":
    # the bug this project exists to prevent: skip a slot that cannot be found
    def silent_patch(handle, entry, recorded, patching):
        return Slot(recorded["name"], recorded["target"], recorded["baked"], recorded["baked"])
    jitcell.loader.load._patch = silent_patch
try:
    lib = jitcell.compile_cell(SOURCE)
except jitcell.LinkageError as error:
    print("LinkageError:", str(error).splitlines()[0])
    raise SystemExit(3)
print("loaded; cache hit:", lib.cache_hit, flush=True)
print(lib.functions["report"](9), flush=True)
"""

BUILD_HIDDEN = """
import jitcell, jitcell.pipeline, jitcell.compiler.backend.machine as machine
jitcell.runtime.library()  # the runtime library (the cell calls its check_signals()), built with its slots exported
real = machine._make_exported
def exported_but_slots_hidden(value):
    real(value)
    if value.name.startswith("jitcell.slot."):
        value.visibility = "hidden"
machine._make_exported = exported_but_slots_hidden
try:
    jitcell.compile_cell(SOURCE)
except jitcell.LinkageError:
    pass   # its own load fails too; the entry is in the cache now
"""


def test_loud_failure_versus_silent_skip_across_processes(fresh_cache):
    """A library with an unexported slot, loaded in a later process: the loader refuses it
    before any code runs; a loader that silently skipped the slot would crash the process."""
    def run(code, *args):
        return subprocess.run([sys.executable, "-c", f"SOURCE = {PRINTS!r}\n" + code, *args],
                              capture_output=True, text=True, timeout=120)

    assert run(BUILD_HIDDEN).returncode == 0
    loud = run(HIDDEN_CHILD, "loud")
    assert loud.returncode == 3, loud.stderr
    assert "slot 'jitcell.slot." in loud.stdout and "missing from the export table" in loud.stdout
    silent = run(HIDDEN_CHILD, "silent")
    assert "loaded; cache hit: True" in silent.stdout
    assert silent.returncode < 0, (silent.returncode, silent.stdout, silent.stderr)  # killed by a signal


def test_jit_function_describes_itself(fresh_cache):
    lib = jitcell.compile_cell('def area(w: float, h: float = 2.0) -> float:\n    """Width times height."""\n'
                               "    return w * h\n")
    area = lib.functions["area"]
    assert isinstance(area, jitcell.JitFunction)
    assert area.__name__ == "area" and area.signature == "(w: float, h: float = 2.0) -> float"
    assert area.__doc__.startswith("area(w: float, h: float = 2.0) -> float") and "Width times height." in area.__doc__
    assert area.library is lib and isinstance(lib, jitcell.Library)
    assert str(inspect.signature(area)) == "(w: float, h: float = 2.0) -> float"
    assert area(3.0) == 6.0 and area(3.0, h=1.5) == 4.5 and area(h=1.0, w=2) == 2.0
    assert "area(w: float" in repr(area)
    assert lib.path.exists() and len(lib.key) == 64 and lib.load_seconds > 0


@pytest.mark.parametrize("call, error, message", [
    ("area('3')", TypeError, "area() argument 'w' must be float, not str"),
    ("area()", TypeError, "area() missing 1 required positional argument: 'w'"),
    ("area(1.0, 2.0, 3.0)", TypeError, "area() takes from 1 to 2 positional arguments but 3 were given"),
    ("count(2**63)", OverflowError, "count() argument 'n' = 9223372036854775808 does not fit in a 64-bit int"),
    ("count(1.5)", TypeError, "count() argument 'n' must be int, not float"),
    ("flag(1)", TypeError, "flag() argument 'b' must be bool, not int"),
])
def test_argument_errors_name_the_parameter(fresh_cache, call, error, message):
    lib = jitcell.compile_cell("def area(w: float, h: float = 2.0) -> float:\n    return w * h\n"
                               "def count(n: int) -> int:\n    return n\n"
                               "def flag(b: bool) -> bool:\n    return not b\n")
    with pytest.raises(error) as caught:
        eval(call, dict(lib.functions))
    assert message in str(caught.value)
