"""The inline diagnosis of a library: cache, exports, globals, slots, classes, libraries, imports, problems.

Read from real libraries built by the real pipeline; a library built with one slot left
hidden (as the original Windows bug left globals unexported) is diagnosed as broken, and
the same check on a correct build finds nothing.
"""

from __future__ import annotations

import ctypes
import re

import pytest
from IPython.core.interactiveshell import InteractiveShell

import jitcell
from jitcell.compiler.backend import machine
from jitcell.report import diagnostics
from jitcell.report.diagnostics import summary_bundle

CELL = '''
import math

def words(text: str) -> int:
    counts: dict[str, int] = {}
    counts[text] = counts.get(text, 0) + 1
    print("counted", text)
    return len(counts)

def norm(x: float, y: float) -> float:
    return math.exp(x) * y
'''


@pytest.fixture
def library(fresh_cache):
    return jitcell.compile_cell(CELL)


def test_the_diagnosis_reads_the_export_table_and_every_slot(library):
    d = diagnostics.diagnose_file(library.path, library.manifest, {s.name: s.patched for s in library.slots},
                                  read=True)  # from the file now (loader/elf.py)
    exports = {e.name: e for e in d.exports}
    for function in ("words", "norm"):
        assert exports[f"jitcell.def.{function}"].kind == "function" and exports[f"jitcell.def.{function}"].size > 0
    slots = {s.name: s for s in d.slots}
    assert set(slots) == {s.name for s in library.slots} | {r["name"] for r in library.removed_slots}
    for slot in library.slots:
        assert exports[slot.name].kind == "data" and exports[slot.name].size == 8
        row = slots[slot.name]
        assert row.status == "patched" and row.patched == slot.patched and row.baked == slot.baked
    assert slots["jitcell.slot.rt.table_set"].into.startswith("runtime ")
    assert slots["jitcell.slot.print"].into.startswith("runtime ")  # its C function calls callbacks.py
    assert {i.name: i.library for i in d.imports}["exp"].startswith("libm")
    globals_ = {g["name"]: g for g in d.globals}
    assert globals_["jitcell.slot.print"]["visibility"] == "default"
    assert globals_["jitcell.slot.print"]["storage_class"] == "dllexport"
    assert globals_["jitcell.impl.words"]["linkage"] == "internal"
    assert globals_["jitcell.def.words"]["section"] == ".text" and globals_["jitcell.slot.print"]["section"] in (
        ".data", ".data.rel", ".data.rel.ro", ".bss")
    assert d.problems == []
    # read=False: the table the build read from the same file, recorded in the manifest
    recorded = diagnostics.diagnose_file(library.path, library.manifest, read=False)
    assert recorded.exports == d.exports


def test_a_hidden_slot_is_a_problem_and_a_correct_build_has_none(fresh_cache, monkeypatch):
    exported = machine._make_exported

    def leave_one_hidden(value):
        exported(value)
        if value.name == "jitcell.slot.rt.table_get":
            value.visibility = "hidden"  # what a missing dllexport does on Windows

    monkeypatch.setattr(machine, "_make_exported", leave_one_hidden)
    with pytest.raises(jitcell.LinkageError, match="jitcell.slot.rt.table_get"):
        jitcell.compile_cell(CELL)  # the loader refuses it
    (manifest_path,) = [p for p in fresh_cache.rglob("*.json") if '"words"' in p.read_text()]
    import json

    manifest = json.loads(manifest_path.read_text())
    broken = diagnostics.diagnose_file(manifest_path.with_suffix(".so"), manifest, read=True)
    assert [p.title for p in broken.problems] == ["slot jitcell.slot.rt.table_get is missing from the export table"]
    assert "ASLR" in broken.problems[0].meaning and "dllexport" in broken.problems[0].fix
    status = {s.name: s.status for s in broken.slots}
    assert status["jitcell.slot.rt.table_get"] == "missing from the exports"
    html = diagnostics.render_html(broken, "summary", sections=())  # problems are shown whatever is asked
    assert "<details class=jitcell open>" in html and "<table class=jc-bad><caption>Problems" in html
    assert ".jc-bad{color:" in html and "rt.table_get is missing from the export table" in html  # opened, red
    monkeypatch.setattr(machine, "_make_exported", exported)
    # another key: this process keeps the refused file mapped under its name (dlopen goes by the path)
    good = jitcell.compile_cell(CELL + "# exported\n")
    assert diagnostics.diagnose(good).problems == []


def test_the_miss_reason_names_what_changed(fresh_cache):
    first = jitcell.compile_cell("def f(x: int) -> int:\n    return x * 2\n")
    assert first.miss_reason == "no entry"  # no context: nothing to say more
    second = jitcell.compile_cell("def f(x: int) -> int:\n    return x * 3\n")
    assert second.miss_reason == "the source changed"
    assert second.miss_details["diff"].splitlines() == ["line 2:", "-    return x * 2", "+    return x * 3"]
    third = jitcell.compile_cell("def f(x: int) -> int:\n    return x * 3\n", opt=1)
    assert third.miss_reason == "opt 2 -> 1"


def test_the_magic_shows_the_diagnosis_and_the_code(fresh_cache):
    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "jitcell")
    shown = []
    publish = shell.display_pub.publish
    shell.display_pub.publish = lambda data, metadata=None, **kw: shown.append(data)
    try:
        assert shell.run_cell("%%jit --show slots,exports,asm,opt\n" + CELL).success
        summary, optimized, assembly = shown
        text = summary["text/plain"]
        assert text.splitlines()[0].startswith("jitcell: bound words, norm")
        assert "\nslots:\n" in text and "\nexports:\n" in text and "jitcell.slot.rt.table_set" in text
        assert "<details" in summary["text/html"] and "Slots" in summary["text/html"]
        assert optimized["text/plain"].startswith("LLVM IR after optimization:") and "define" in optimized["text/plain"]
        assert assembly["text/plain"].startswith("assembly:") and "jitcell.def.norm:" in assembly["text/plain"]
        assert "<span class=nf>" in assembly["text/html"] and ".jitcell-code" in assembly["text/html"]  # highlighted
        shown.clear()
        assert shell.run_cell("%jit_inspect norm").success
        head, ir, asm = shown
        assert head["text/plain"].startswith("norm(x: float, y: float) -> float")
        assert re.search(r"define .*@\"?jitcell\.def\.norm\b", ir["text/plain"])
        assert "words" not in asm["text/plain"]  # only norm's code
        assert not shell.run_cell("%jit_inspect nope").success
        assert not shell.run_cell("%%jit --show nonsense\ndef g() -> int:\n    return 1\n").success
    finally:
        shell.display_pub.publish = publish


def test_the_summary_bundle_expands_into_every_section_on_a_miss_and_cache_and_slots_on_a_hit(library):
    bundle = summary_bundle(library)  # a miss: the build is new, so is every table
    assert bundle["text/plain"].startswith("jitcell: bound") and "\n" not in bundle["text/plain"]
    for section in ("Cache", "Exports", "Globals", "Slots", "Libraries", "Imports"):
        assert f"<caption>{section}" in bundle["text/html"]
    hit = summary_bundle(jitcell.compile_cell(CELL))
    assert "cache hit" in hit["text/plain"] and "\n" not in hit["text/plain"]  # the text stays the one line
    html = hit["text/html"]
    assert "<caption>Cache" in html and "<caption>Slots" in html
    assert "<caption>Exports" not in html and "<caption>Globals" not in html
    assert re.search(r"not shown: exports \(\d+\), globals \(\d+\), imports \(1\) \(%jit_inspect words\)", html)


CLASSES = '''
class Particle:
    def __init__(self, x: float, name: str):
        self.x = x
        self.name = name

    def moved(self, dx: float) -> "Particle":
        return Particle(self.x + dx, self.name)


class Charged(Particle):
    def __init__(self, x: float, q: float):
        super().__init__(x, "charged")
        self.q = q
'''


def test_the_classes_section_is_each_class_s_runtime_type_descriptor():
    library = jitcell.compile_cell(CLASSES)
    text = diagnostics.render_text(diagnostics.diagnose(library), {"classes"})
    rows = {line.split()[0]: line for line in text.splitlines() if line.startswith(("  Particle", "  Charged"))}
    assert "kind 16 (instance), object mask 0x2, 2 fields, class number 0" in rows["Particle"]
    assert "x: float @32, name: str @40" in rows["Particle"] and "jitcell.def.Particle.moved" in rows["Particle"]
    assert "object mask 0x2, 3 fields, class number 1 (base Particle)" in rows["Charged"]
    assert all(row.rstrip().endswith("jitcell.slot.rt.inst_new") for row in rows.values())
    # the descriptor is what an instance's header words hold
    charged = library.classes["Charged"](1.0, 2.0)
    header = [ctypes.c_int64.from_address(charged._jc_address + 8 * k).value for k in (1, 2, 3)]
    assert header == [16, 0x2, 3 | 1 << 32]
    html = diagnostics.render_html(diagnostics.diagnose(library), "", diagnostics.SECTIONS)
    assert "<caption>Classes" in html and "descriptor (header words)" in html


def test_a_cell_without_classes_shows_no_classes_section():
    library = jitcell.compile_cell(CELL)
    assert "classes" not in diagnostics.render_text(diagnostics.diagnose(library))
    assert "Classes" not in diagnostics.render_html(diagnostics.diagnose(library), "", diagnostics.SECTIONS)
