"""Annotated source (report/annotate.py): what each line's compiled code still does, and why.

Each cell is compiled for real, its code generated again with source locations, and the marks
read back from the optimized IR: checks that survived versioning and optimization (!), reference
counting (+), calls out of the cell's code (→), loops not vectorised (~). The marks must follow
the options: a check versioned away comes back with loop versioning off, a bounds check goes with
boundscheck=False. The annotated code must be the code the library holds.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

import jitcell
from jitcell.compiler.backend import machine
from jitcell.compiler.driver import generated_code
from jitcell.report.annotate import annotate, render_html, render_text

SQUARES = """\
def squares(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s

def powers(n: int, k: int) -> int:
    s = 0
    for i in range(n):
        s += i ** k
    return s
"""

ARRAYS = """\
def gather(a: int[:], idx: int[:]) -> int:
    s = 0
    for j in range(len(idx)):
        s += a[idx[j]]
    return s

def scale(a: float[:], k: float) -> None:
    for i in range(len(a)):
        a[i] = a[i] * k

def total(a: float[:]) -> float:
    s = 0.0
    for i in range(len(a)):
        s += a[i]
    return s
"""

TALK = """\
def shout(n: int) -> str:
    t = ""
    for i in range(n):
        t = t + "!"
    return t

def count(n: int) -> None:
    for i in range(n):
        print(i)

def mean(x: float, y: float) -> float:
    return (x + y) / 2.0
"""


def marks(annotation, number: int, kind: str) -> list[str]:
    return [m.text for m in annotation.line(number).marks if m.kind == kind]


def kinds(annotation, number: int) -> set[str]:
    return {m.kind for m in annotation.line(number).marks} - {"note"}


def annotated(source: str, **options):
    return annotate(jitcell.compile_cell(source, cache=False, **options))


def test_an_overflow_check_versioned_away_is_a_note_and_one_that_stays_is_marked():
    a = annotated(SQUARES)
    assert "check" not in kinds(a, 4)  # s += i * i: the guard proves it, the fast copy has no check
    versioned = "versioned away: overflow check: s += i * i may leave 64 bits"
    assert any(n.startswith(versioned) for n in marks(a, 4, "note"))
    assert not marks(a, 3, "loop")  # and the loop that runs has no check to stop it
    (stays, *_) = [m for m in marks(a, 10, "check") if m.startswith("overflow check: s += i ** k")]
    assert "the loop uses int ** (other than ** of a literal 0 to 8)" in stays  # why it stays
    (loop,) = marks(a, 9, "loop")
    assert loop.startswith("loop not vectorised: a check in it may raise") and "overflow check (line 10)" in loop


def test_with_loop_versioning_off_the_check_comes_back():
    a = annotated(SQUARES, loop_versioning=False)
    (check, *_) = marks(a, 4, "check")
    assert check.startswith("overflow check:") and check.endswith("(loop versioning is off)")
    assert not any(n.startswith("versioned away") for n in marks(a, 4, "note"))
    assert marks(a, 3, "loop")


def test_a_bounds_check_stays_where_the_guard_cannot_prove_the_index_and_goes_with_boundscheck_off():
    on, off = annotated(ARRAYS), annotated(ARRAYS, boundscheck=False)
    (bounds,) = [m for m in marks(on, 4, "check") if m.startswith("bounds check")]
    assert "a[idx[j]]" in bounds and "rests on a value the guard before the loop cannot bound" in bounds
    assert not [m for m in marks(off, 4, "check") if m.startswith("bounds check")]
    assert "bounds check" in marks(on, 3, "loop")[0] and "bounds check" not in marks(off, 3, "loop")[0]
    for a in (on, off):  # a[i] in range(len(a)): proven, and the loop vectorised
        assert "check" not in kinds(a, 9) and kinds(a, 8) == set()
        assert any(n.startswith("vectorised (<") for n in marks(a, 8, "note"))


def test_a_float_sum_is_not_vectorised_and_says_why():
    a = annotated(ARRAYS)
    (loop,) = marks(a, 13, "loop")
    assert "it sums floats in order" in loop


def test_calls_back_into_python_and_reference_counts_are_marked():
    a = annotated(TALK)
    assert kinds(a, 4) == {"refcount", "call"}  # t = t + "!": retains, releases, str_append
    assert "calls the runtime library: str_append()" in marks(a, 4, "call")
    assert marks(a, 9, "call") == ["calls back into Python: print()"]
    (loop,) = marks(a, 8, "loop")
    assert "it calls back into Python: print() (line 9)" in loop
    assert kinds(a, 11) | kinds(a, 12) == set()  # float arithmetic: nothing left to mark
    assert not any(line.marks for line in a.lines if line.number in (11, 12))


def test_a_check_is_found_when_llvm_moves_its_site_into_the_raise_function(monkeypatch):
    """With one site left, LLVM's full pipeline specializes jitcell.raise on it: the call passes no
    site. (The cell has no loop, so it would get the cold pipeline, which keeps the site: the full
    one is asked for, as a cell with a loop gets it.)"""
    monkeypatch.setattr(machine, "_repeats", lambda module: True)
    library = jitcell.compile_cell("def div(a: int, b: int) -> int:\n    return a // b\n", cache=False)
    optimized = generated_code(library, locations=True)["opt"]
    assert re.search(r"call fastcc void @jitcell\.raise\(ptr ", optimized)
    assert marks(annotate(library), 2, "check") == [
        "zero-division check: the divisor of a // b may be 0 (or the quotient leave 64 bits)"]


def test_the_annotated_code_is_the_librarys_code():
    """Locations change no instruction: the assembly without its debug directives is the same."""

    def instructions(asm: str) -> list[str]:
        kept = []
        code = re.split(r'\t\.section\t(?:\.debug_|"\.note\.GNU-stack")', asm, maxsplit=1)[0]
        for line in code.splitlines():
            text = line.strip()  # without what debug information adds: directives, labels for them
            if text and not text.startswith((".loc", ".file", ".cfi_", ".Lfunc_begin", ".Ltmp", "#")):
                kept.append(text)
        return kept

    for source in (SQUARES, ARRAYS, TALK):
        library = jitcell.compile_cell(source, cache=False)
        plain, located = generated_code(library), generated_code(library, locations=True)
        assert ".loc\t" in located["asm"] and ".loc\t" not in plain["asm"]
        assert instructions(located["asm"]) == instructions(plain["asm"])


def test_annotating_leaves_the_cache_and_the_key_alone(fresh_cache):
    library = jitcell.compile_cell(SQUARES)
    annotate(library)
    again = jitcell.compile_cell(SQUARES)
    assert again.cache_hit and again.key == library.key


def test_remarks_stay_off_stderr(capfd):
    """LLVM prints its remarks on stderr: the annotation keeps them, the user's stderr does not."""
    library = jitcell.compile_cell(ARRAYS, cache=False)
    notes = generated_code(library, locations=True)["notes"]
    assert any("loop not vectorized" in r for r in notes.remarks)
    generated_code(library)  # a normal build afterwards: remarks are off again
    assert "remark" not in capfd.readouterr().err


def test_one_function_and_renderings():
    library = jitcell.compile_cell(TALK, cache=False)
    a = annotate(library, function="count")
    assert [line.number for line in a.lines] == [7, 8, 9]
    with pytest.raises(ValueError, match="nope"):
        annotate(library, function="nope")
    text = render_text(annotate(library))
    assert "   9 →           print(i)" in text and "         → calls back into Python: print()" in text
    markup = render_html(annotate(library))
    assert markup.count("<style>") == 1 and " style=" not in markup and "max-width:900px" in markup
    assert markup.count("<details") == len([line for line in annotate(library).lines
                                            if line.ir or line.asm or line.marks])
    assert "var(--jp-error-color1" in markup and "jc-call" in markup and "; optimized IR" in markup


def test_the_report_module_imports_no_compiler():
    code = ("import sys, jitcell.report.annotate\n"
            "assert not [m for m in sys.modules if m.startswith(('llvmlite', 'jitcell.compiler'))]")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.kernel
def test_the_magics_in_a_real_kernel(tmp_path, capfd):
    from jitcell.kernel.session import KernelSession

    with KernelSession(env={"JITCELL_CACHE_DIR": str(tmp_path)}) as kernel:
        assert kernel.execute("%load_ext jitcell").status == "ok"
        reply = kernel.execute("%%jit --annotate\n" + TALK)
        assert reply.status == "ok"
        summary, annotation = reply.displays
        assert "  10 →           print(i)" in annotation["text/plain"]
        assert "<details" in annotation["text/html"]
        reply = kernel.execute("%jit_annotate shout")
        (shown,) = reply.displays
        lines = shown["text/plain"].splitlines()
        assert lines[1].startswith("   2") and "   5 +→" in shown["text/plain"] and "print" not in shown["text/plain"]
        # LLVM prints its remarks on the kernel process's stderr (file descriptor 2, which this test
        # captures: a probe written there arrives): the annotation took them, none is left there
        kernel.execute("import os\nos.write(2, b'remark: probe\\n')")
    err = capfd.readouterr().err
    assert "remark: probe" in err and "remark" not in err.replace("remark: probe", "")
