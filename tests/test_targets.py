"""Libraries for other platforms, built on this one and checked from their export tables.

A real DLL (PE, linked by zig's lld-link), real dylibs (Mach-O, x86-64 and arm64) and ELF
libraries (x86-64 and aarch64); pefile, LIEF and pyelftools read their export tables back.
The check passes for a correct build and names the slot when the `dllexport` storage class
is left off a slot on Windows: the original bug, caught on Linux. No C runtime is built for
any target, so this is fast even with an empty zig cache.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from IPython.core.interactiveshell import InteractiveShell

import jitcell
import jitcell.compiler.targets
from jitcell.compiler.targets import TARGETS, check_target

CELL = '''
import math

def tally(n: int) -> int:
    counts: dict[str, int] = {}
    for i in range(n):
        key = f"k{i % 3}"
        counts[key] = counts.get(key, 0) + 1
    print("tallied", n)
    return len(counts)

def wave(x: float) -> float:
    return math.sin(x) * math.exp(-x) + float(tally(3))
'''
FORMATS = {"x86_64-pc-windows-msvc": "PE", "x86_64-apple-darwin": "Mach-O", "arm64-apple-darwin": "Mach-O",
           "x86_64-unknown-linux-gnu": "ELF", "aarch64-unknown-linux-gnu": "ELF"}
CHECKED = list(FORMATS)
IMPORTED_FROM = {"PE": "ucrtbase.dll", "Mach-O": "/usr/lib/libSystem.B.dylib", "ELF": "libm.so.6"}


@pytest.mark.timeout(120)
@pytest.mark.parametrize("triple", CHECKED)
def test_every_function_and_slot_is_exported(triple, tmp_path):
    report = check_target(CELL, triple, out_dir=tmp_path)
    assert report.ok, report.problems
    assert report.format == FORMATS[triple] and report.library.exists()
    names = {e.name: e for e in report.exports}
    for function in ("tally", "wave"):
        assert names[f"jitcell.def.{function}"].kind == "function"
        assert names[f"jitcell.call.{function}"].kind == "function"
    slot_names = [name for name, _ in report.slots]
    assert {"jitcell.slot.rt.table_set", "jitcell.slot.print", "jitcell.slot.rt.str_from_int"} <= set(slot_names)
    assert all(exported for _, exported in report.slots)
    assert all(names[s].kind == "data" for s in slot_names)
    magic = {"PE": b"MZ", "Mach-O": b"\xcf\xfa\xed\xfe", "ELF": b"\x7fELF"}[report.format]
    assert report.library.read_bytes().startswith(magic)
    # math comes from the platform's own C library, and nothing else is imported
    imports = {i.name: i.library for i in report.imports if i.name != "dyld_stub_binder"}
    assert imports == {"sin": IMPORTED_FROM[report.format], "exp": IMPORTED_FROM[report.format]}
    assert report.raise_for_problems() is report


@pytest.mark.timeout(120)
def test_the_dll_is_what_msvc_link_would_make(tmp_path):
    """lld-link /DLL /NOENTRY /NODEFAULTLIB: no entry point, no C runtime, x86-64 only."""
    import pefile

    report = check_target(CELL, "x86_64-pc-windows-msvc", out_dir=tmp_path)
    assert report.command[:3] == ["zig", "lld-link", "/DLL"] and "/NOENTRY" in report.command
    pe = pefile.PE(str(report.library))
    assert pe.is_dll() and pe.OPTIONAL_HEADER.AddressOfEntryPoint == 0 and pe.FILE_HEADER.Machine == 0x8664
    assert [entry.dll for entry in pe.DIRECTORY_ENTRY_IMPORT] == [b"ucrtbase.dll"]
    assert "_fltused" not in {e.name for e in report.exports}  # defined for the link, not exported


@pytest.mark.timeout(120)
def test_an_array_cell_gets_a_stack_probe_on_windows(tmp_path):
    """A dynamic stack allocation calls __chkstk on Windows, which MSVC's static runtime would
    provide: jitcell assembles it into the DLL (neither imported nor exported)."""
    from jitcell.compiler.targets import _coff_undefined

    cell = "def total(a: float[:]) -> float:\n    s = 0.0\n    for x in a:\n        s += x\n    return s\n"
    report = check_target(cell, "x86_64-pc-windows-msvc", out_dir=tmp_path)
    assert "__chkstk" in _coff_undefined(tmp_path / "cell.obj")
    assert report.ok and report.imports == [] and "__chkstk" not in {e.name for e in report.exports}


@pytest.mark.timeout(120)
def test_a_slot_without_dllexport_is_caught_on_linux(tmp_path):
    """The original bug: a Windows DLL whose address globals were not exported."""
    report = check_target(CELL, "x86_64-pc-windows-msvc", break_linkage="no-dllexport", out_dir=tmp_path)
    assert not report.ok
    (problem,) = report.problems
    missing = [name for name, exported in report.slots if not exported]
    assert missing == [sorted(name for name, _ in report.slots)[0]]
    assert problem.startswith(f"slot {missing[0]} is missing from the export table of cell.dll")
    assert "dllexport" in problem
    with pytest.raises(jitcell.LinkageError, match=f"slot {missing[0]} is missing"):
        report.raise_for_problems()
    # the same slot is exported when the storage class is there (the test above), and an ELF build
    # does not care about DLL storage classes: the bug is Windows-only, and the check still sees it
    assert check_target(CELL, "x86_64-unknown-linux-gnu", break_linkage="no-dllexport", out_dir=tmp_path / "elf").ok


@pytest.mark.timeout(120)
@pytest.mark.parametrize("triple", ["arm64-apple-darwin", "x86_64-unknown-linux-gnu"])
def test_a_hidden_slot_is_caught(triple, tmp_path):
    report = check_target(CELL, triple, break_linkage="hidden", out_dir=tmp_path)
    assert len(report.problems) == 1 and "default visibility" in report.problems[0]


def test_this_machine_refuses_a_hidden_slot_before_running_anything(fresh_cache, tmp_path, capfd):
    host = jitcell.compiler.targets.host_triple()
    first = sorted(name for name, _ in check_target(CELL, host, out_dir=tmp_path).slots)[0]
    with pytest.raises(jitcell.LinkageError, match=rf"slot '{re.escape(first)}' .* is missing from the export table"):
        jitcell.compile_cell(CELL, break_linkage="hidden")
    assert "tallied" not in capfd.readouterr().out  # no compiled code ran
    assert jitcell.compile_cell(CELL).functions["tally"](10) == 3  # the same cell, exported: it runs


def test_the_magic_checks_a_target(fresh_cache):
    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "jitcell")
    result = shell.run_cell("%%jit --target x86_64-apple-darwin --check\n" + CELL)
    assert result.success and "tally" not in shell.user_ns  # built and checked, not bound
    result = shell.run_cell("%%jit --target x86_64-pc-windows-msvc --check --teach-break no-dllexport\n" + CELL)
    assert not result.success and isinstance(result.error_in_exec, jitcell.LinkageError)
    assert not shell.run_cell("%%jit --target x86_64-pc-windows-msvc\n" + CELL).success  # --check required
    assert not shell.run_cell("%%jit --target sparc-sun-solaris --check\n" + CELL).success
    assert set(TARGETS) == set(FORMATS)


def test_without_the_targets_extra_one_message_names_it():
    """The cross-target linkers are an extra: without them, one short message says how to get them."""
    code = ("import importlib.util, jitcell\n"
            "from jitcell.compiler.targets import check_target\n"
            "real = importlib.util.find_spec\n"
            "importlib.util.find_spec = lambda name, *a: None if name in ('ziglang', 'lief') else real(name, *a)\n"
            "try:\n"
            "    check_target('def f(x: int) -> int:\\n    return x\\n', 'x86_64-pc-windows-msvc')\n"
            "except jitcell.ToolchainError as e:\n"
            "    print(e)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ("building for x86_64-pc-windows-msvc needs jitcell's cross-target linkers, which "
                                   'are not installed (no ziglang, lief): pip install "jitcell[targets]"')
