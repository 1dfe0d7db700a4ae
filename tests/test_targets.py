"""Libraries for other platforms, built on this one and checked from their export tables.

A real DLL (PE, linked by zig's lld), real dylibs (Mach-O, x86-64 and arm64) and ELF
libraries; pefile, LIEF and pyelftools read their export tables back. The check passes
for a correct build and names the slot when the `dllexport` storage class is left off
a slot on Windows: the original bug, caught on Linux.
"""

from __future__ import annotations

import pytest
from IPython.core.interactiveshell import InteractiveShell

import jitcell
from jitcell.targets import TARGETS, check_target

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
CHECKED = ["x86_64-pc-windows-msvc", "x86_64-apple-darwin", "arm64-apple-darwin", "x86_64-unknown-linux-gnu"]


@pytest.mark.timeout(600)
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
    magic = {"PE": b"MZ", "Mach-O": (b"\xcf\xfa\xed\xfe",), "ELF": b"\x7fELF"}[report.format]
    assert report.library.read_bytes().startswith(magic if isinstance(magic, bytes) else magic[0])


@pytest.mark.timeout(600)
def test_a_slot_without_dllexport_is_caught_on_linux(tmp_path):
    """The original bug: a Windows DLL whose address globals were not exported."""
    report = check_target(CELL, "x86_64-pc-windows-msvc", break_linkage="no-dllexport", out_dir=tmp_path)
    assert not report.ok
    (problem,) = report.problems
    missing = [name for name, exported in report.slots if not exported]
    assert missing == [sorted(name for name, _ in report.slots)[0]]
    assert problem.startswith(f"slot {missing[0]} is missing from the export table of cell.dll")
    assert "dllexport" in problem
    # the same slot is exported when the storage class is there (the test above), and an ELF build
    # does not care about DLL storage classes: the bug is Windows-only, and the check still sees it
    assert check_target(CELL, "x86_64-unknown-linux-gnu", break_linkage="no-dllexport", out_dir=tmp_path / "elf").ok


@pytest.mark.timeout(600)
@pytest.mark.parametrize("triple", ["arm64-apple-darwin", "x86_64-unknown-linux-gnu"])
def test_a_hidden_slot_is_caught(triple, tmp_path):
    report = check_target(CELL, triple, break_linkage="hidden", out_dir=tmp_path)
    assert len(report.problems) == 1 and "default visibility" in report.problems[0]


def test_this_machine_refuses_a_hidden_slot_before_running_anything(fresh_cache):
    with pytest.raises(jitcell.LinkageError, match=r"slot 'jitcell\.slot\.\S+' .* is missing from the export table"):
        jitcell.compile_cell(CELL, break_linkage="hidden")
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
