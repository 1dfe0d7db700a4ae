"""The jitcell kernel end to end, through jupyter_client: every cell compiled.

Cells share functions and module variables through slots; a restart followed by running
every cell again loads every library from the cache, gives the same outputs and points
the variable slots into the new process; Python cells see and write compiled variables;
errors and interrupts leave the kernel alive with its state.
"""

from __future__ import annotations

import pytest

from jitcell.kernel.session import KernelSession

pytestmark = pytest.mark.kernel

CELLS = [
    # 0: module variables, a function, a result
    "import math\ntotal: int = 0\ncounts: dict[str, int] = {}\nlabel: str = 'run'\n"
    "def norm(x: float, y: float) -> float:\n    return math.sqrt(x * x + y * y)\nnorm(3.0, 4.0)",
    # 1: a function of cell 0 and its variables, written from another cell
    "def tally(word: str) -> int:\n    global total\n    total += 1\n    counts[word] = counts.get(word, 0) + 1\n"
    "    return counts[word]\ntally('a')\ntally('b')\ntally('a')\nprint(label, total, len(counts))\ntotal",
    # 2: top-level code only
    "label = label + '!'\nf'{label} {norm(6.0, 8.0)} {counts[\"a\"]}'",
]
OUTPUTS = [("", "5.0"), ("run 3 2\n", "3"), ("", "'run! 10.0 2'")]


def results(reply) -> tuple[str, str | None]:
    values = [d["text/plain"] for d in reply.displays if not d["text/plain"].startswith("jitcell:")]
    return reply.stdout, values[-1] if values else None


def summaries(reply) -> list[str]:
    return [d["text/plain"] for d in reply.displays if d["text/plain"].startswith("jitcell:")]


SLOTS = ("%%python\nimport json\n"
         "print(json.dumps({n: [s.patched for s in f.library.slots if s.target.startswith('var.')]"
         " for n, f in [('tally', tally)]}))")


def test_cells_share_functions_and_variables_and_a_restart_hits_the_cache(fresh_cache):
    with KernelSession(env={"JITCELL_CACHE_DIR": str(fresh_cache)}, kernel="jitcell") as kernel:
        first = []
        for cell in CELLS:
            reply = kernel.execute(cell)
            assert reply.status == "ok", reply.error
            assert "cache miss" in summaries(reply)[0]
            first.append(results(reply))
        assert first == OUTPUTS
        before = kernel.execute(SLOTS).stdout
        pid = kernel.pid

        kernel.restart()  # Restart & Run All
        assert kernel.pid != pid
        again = []
        for cell in CELLS:
            reply = kernel.execute(cell)
            assert reply.status == "ok", reply.error
            assert "cache hit" in summaries(reply)[0], summaries(reply)
            again.append(results(reply))
        assert again == first
        after = kernel.execute(SLOTS).stdout
        # total, counts: patched to the storage of cell 0's library in the new process
        old, new = eval(before)["tally"], eval(after)["tally"]
        assert len(new) == 3 and not set(old) & set(new)  # total, counts, label: new addresses


def test_python_cells_read_and_write_compiled_variables_with_type_checks(fresh_cache):
    with KernelSession(env={"JITCELL_CACHE_DIR": str(fresh_cache)}, kernel="jitcell") as kernel:
        assert kernel.execute(CELLS[0]).status == "ok"
        assert kernel.execute(CELLS[1]).status == "ok"
        reply = kernel.execute("%%python\nprint(total, counts, label)\ntotal = 40\ncounts['z'] = 9")
        assert reply.stdout == "3 {'a': 2, 'b': 1} run\n"
        assert results(kernel.execute("total + counts['z']"))[1] == "49"
        reply = kernel.execute("%%python\ntotal = 'many'")
        assert "total was not written back" in reply.stderr and "cannot hold str" in reply.stderr
        assert results(kernel.execute("total"))[1] == "40"
        # a compiled function called from Python; the cell sees the variables as they were when it
        # started, the next cell sees what the call did
        assert kernel.execute("%%python\nprint(tally('q'), total)").stdout == "1 40\n"
        assert kernel.execute("%%python\nprint(total)").stdout == "41\n"


def test_redefinition_repatches_readers_and_a_new_type_recompiles_them(fresh_cache):
    with KernelSession(env={"JITCELL_CACHE_DIR": str(fresh_cache)}, kernel="jitcell") as kernel:
        assert kernel.execute("scale: int = 2").status == "ok"
        assert kernel.execute("def grow(n: int):\n    return n * scale").status == "ok"  # result type inferred
        assert results(kernel.execute("grow(5)"))[1] == "10"
        reply = kernel.execute("scale: int = 3")  # same type: new storage, grow re-pointed at it
        assert "In [2] (grow) now uses the new scale" in reply.stdout, reply.stdout
        assert results(kernel.execute("grow(5)"))[1] == "15"
        reply = kernel.execute("scale: float = 0.5")  # a new type: grow's cell is compiled again
        assert "recompiled" in reply.stdout, reply.stdout
        assert kernel.execute("%%python\nprint(grow.signature)").stdout.strip() == "(n: int) -> float"
        assert results(kernel.execute("grow(5)"))[1] == "2.5"
        # a reader that cannot be compiled against the new type: calling it raises LinkageError
        assert kernel.execute("def shrink(n: int) -> int:\n    return n // scale").status == "error"  # float //
        assert kernel.execute("def shrink(n: int) -> float:\n    return n / scale").status == "ok"
        assert kernel.execute("def halve(n: int) -> float:\n    return shrink(n) / 2.0").status == "ok"
        reply = kernel.execute("scale: str = 'x'")  # n * 'x' compiles again (a str repeated); n / 'x' cannot
        assert "stale" in reply.stdout or "raises LinkageError" in reply.stdout, reply.stdout
        assert results(kernel.execute("grow(5)"))[1] == "'xxxxx'"
        reply = kernel.execute("%%python\nshrink(5)")
        assert reply.error["ename"] == "LinkageError" and "scale" in reply.error["evalue"]
        # a function redefined with the same signature: callers use the new body
        assert kernel.execute("def twice(n: int) -> int:\n    return 2 * n").status == "ok"
        assert kernel.execute("def four(n: int) -> int:\n    return twice(twice(n))").status == "ok"
        assert kernel.execute("def twice(n: int) -> int:\n    return n + n + 1").status == "ok"
        assert results(kernel.execute("four(1)"))[1] == "7"


def test_errors_are_one_message_and_the_kernel_lives_on(fresh_cache):
    with KernelSession(env={"JITCELL_CACHE_DIR": str(fresh_cache)}, kernel="jitcell") as kernel:
        assert kernel.execute("kept: int = 7").status == "ok"
        reply = kernel.execute("def f(n: int) -> int:\n    return n + 'a'")
        assert reply.status == "error" and reply.error["ename"] == "CompileError"
        assert "line 2" in "\n".join(reply.error["traceback"]) or "cell:2:" in reply.error["evalue"]
        assert reply.stderr == ""
        reply = kernel.execute("def down(n: int) -> int:\n    return down(n + 1)\ndown(0)")
        assert reply.error["ename"] == "RecursionError"
        reply = kernel.execute("d: dict[int, int] = {}\nd[5]")
        assert reply.error["ename"] == "KeyError" and reply.stderr == ""
        reply = kernel.execute("kept // 0")
        assert reply.error["ename"] == "ZeroDivisionError"
        assert "line 1" in "\n".join(reply.error["traceback"])
        assert kernel.is_alive() and results(kernel.execute("kept + 1"))[1] == "8"


def test_interrupt_stops_a_compiled_endless_loop(fresh_cache):
    with KernelSession(env={"JITCELL_CACHE_DIR": str(fresh_cache)}, kernel="jitcell") as kernel:
        assert kernel.execute("spins: int = 0").status == "ok"
        reply = kernel.execute("while True:\n    spins += 1", timeout=60, interrupt_after=1.0)
        assert reply.status == "error" and reply.error["ename"] == "KeyboardInterrupt"
        assert kernel.is_alive()
        assert int(results(kernel.execute("spins"))[1]) > 1000  # it ran, and its state is kept


def test_complete_and_inspect_know_compiled_names(fresh_cache):
    with KernelSession(env={"JITCELL_CACHE_DIR": str(fresh_cache)}, kernel="jitcell") as kernel:
        assert kernel.execute("threshold: float = 0.5\ndef thresholded(x: float) -> bool:\n"
                              "    return x > threshold").status == "ok"
        reply = kernel.client.complete("thr", 3, reply=True)["content"]
        assert set(reply["matches"]) == {"threshold", "thresholded"}
        reply = kernel.client.complete("import math\nmath.fl", reply=True)["content"]
        assert reply["matches"] == ["floor"]
        text = kernel.client.inspect("thresholded", reply=True)["content"]["data"]["text/plain"]
        assert "thresholded(x: float) -> bool" in text and "jitcell function" in text and ".so" in text
        text = kernel.client.inspect("threshold", reply=True)["content"]["data"]["text/plain"]
        assert text.startswith("threshold: float = 0.5")
        kernel.client.is_complete("for i in range(3):")
        assert kernel.client.get_shell_msg(timeout=10)["content"]["status"] == "incomplete"


def test_ipython_commands_and_arrays_work_in_the_kernel(fresh_cache):
    with KernelSession(env={"JITCELL_CACHE_DIR": str(fresh_cache)}, kernel="jitcell") as kernel:
        reply = kernel.execute("import numpy as np\ndef ramp(n: int) -> float[:]:\n    a = np.zeros(n)\n"
                               "    for i in range(n):\n        a[i] = i * 0.5\n    return a\nramp(4)")
        assert results(reply)[1] == "array([0. , 0.5, 1. , 1.5])"  # numpy's own repr of the result
        assert kernel.execute("steps: int = 3").status == "ok"
        assert kernel.execute("%who").stdout.split() == ["ramp", "steps"]
        reply = kernel.execute("%timeit -n 10 -r 2 ramp(10)")
        assert "per loop" in reply.stdout and not summaries(reply)  # %timeit times Python's call, uncompiled
        reply = kernel.execute("%time x = ramp(3)")
        assert "Wall time" in reply.stdout and not summaries(reply)
        assert "ramp" in kernel.execute("%jit_cache list").stdout
        assert results(kernel.execute("# a comment only\n"))[1] is None


def test_dict_and_array_results_have_html_tables(fresh_cache):
    with KernelSession(env={"JITCELL_CACHE_DIR": str(fresh_cache)}, kernel="jitcell") as kernel:
        reply = kernel.execute('tally: dict[str, int] = {"a": 2, "b": 1}\ntally')
        (result,) = [d for d in reply.displays if not d["text/plain"].startswith("jitcell:")]
        assert result["text/plain"] == "{'a': 2, 'b': 1}"
        assert "dict · 2 items" in result["text/html"] and "&#x27;a&#x27;</td>" in result["text/html"]
        reply = kernel.execute("import numpy as np\n"
                               "def grid(n: int) -> float[:, :]:\n    return np.ones((n, 2))\ngrid(3)")
        (result,) = [d for d in reply.displays if not d["text/plain"].startswith("jitcell:")]
        assert result["text/plain"].startswith("array([[1., 1.],")
        assert "ndarray · float64 · shape 3 × 2" in result["text/html"] and result["text/html"].count("<tr>") == 3


def test_an_import_lasts_for_the_session(fresh_cache):
    with KernelSession(env={"JITCELL_CACHE_DIR": str(fresh_cache)}, kernel="jitcell") as kernel:
        assert kernel.execute("import math\nfrom math import pi as PI\nPI").status == "ok"
        reply = kernel.execute("def area(r: float) -> float:\n    return PI * r * r\nmath.floor(area(2.0))")
        assert reply.status == "ok" and results(reply)[1] == "12"
        reply = kernel.execute("area(1.0) +")  # a compile error still points at the cell's own line
        assert reply.error["ename"] == "CompileError" and "cell:1:" in reply.error["evalue"]


def test_a_cell_run_before_the_cell_declaring_its_variable_says_which_to_run(fresh_cache):
    with KernelSession(env={"JITCELL_CACHE_DIR": str(fresh_cache)}, kernel="jitcell") as kernel:
        assert kernel.execute("limit: int = 5").status == "ok"
        assert results(kernel.execute("limit * 2"))[1] == "10"
        kernel.restart()
        reply = kernel.execute("limit * 2")  # out of order in a new kernel
        assert reply.error["ename"] == "LinkageError", reply.error
        assert "module variable limit (In [1] declared it as limit: int" in reply.error["evalue"]
        assert "run the cell that declares limit first" in reply.error["evalue"]
        assert kernel.execute("limit: int = 5").status == "ok"
        assert results(kernel.execute("limit * 2"))[1] == "10"
