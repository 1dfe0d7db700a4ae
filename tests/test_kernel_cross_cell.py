"""Calls between %%jit cells in a real IPython kernel, across a redefinition and a restart.

In [2] defines f, In [3] defines g calling f. Re-running In [2] with a new body and
the same signature changes what g computes at once (g's slot is re-patched); a new
signature recompiles g, or makes it raise LinkageError if it no longer compiles.
After a restart, "Run All" loads every cell from the cache, and g's slot for f
holds the address of f in the new process; with that patching switched off
(JITCELL_TEACHING_SKIP_PATCHING=cell.) the same check fails. Running g's cell before
f's in the new kernel is a LinkageError naming f and the cell to run first.
"""

from __future__ import annotations

import pytest

from jitcell.kernel.session import KernelSession
from jitcell.options import SKIP_PATCHING_ENV

pytestmark = pytest.mark.kernel

F = "%%jit\ndef f(x: int) -> int:\n    return 2 * x + 1\n"
F_NEW_BODY = "%%jit\ndef f(x: int) -> int:\n    return 3 * x - 1\n"
G = "%%jit\ndef g(n: int) -> int:\n    total = 0\n    for i in range(n):\n        total += f(i)\n    return total\n"

QUERY = ("{'hits': [f.library.cache_hit, g.library.cache_hit], 'g': g(10), "
         "'slot': [[s.baked, s.patched] for s in g.library.slots if s.target == 'cell.f'][0], "
         "'f_entry': __import__('jitcell.loader.namespace').loader.namespace.entry_address(f)}")


def run_all(kernel: KernelSession, cells: list[str]) -> list:
    kernel.execute("%load_ext jitcell")
    replies = [kernel.execute(cell) for cell in cells]
    for reply in replies:
        assert reply.status == "ok", reply.error
    return replies


def scenario(cache, env_after_restart: dict | None = None) -> tuple[dict, dict]:
    with KernelSession(env={"JITCELL_CACHE_DIR": str(cache)}) as kernel:
        run_all(kernel, [F, G])
        before = kernel.evaluate("g(10)")
        redefined = kernel.execute(F_NEW_BODY)  # the same signature, a new body
        first = kernel.evaluate(QUERY)
        first.update(before=before, output=redefined.stdout)
        kernel.restart(env=env_after_restart)
        kernel.execute("%load_ext jitcell")
        early = kernel.execute(G)  # g's cell first, in a kernel where f is not defined yet
        run_all(kernel, [F_NEW_BODY, G])  # "Run All" of the notebook as it is now
        reply = kernel.execute(f"import json\nprint(json.dumps({QUERY}))")
        second = {"status": reply.status, "stdout": reply.stdout, "alive": kernel.is_alive(), "early": early.error}
    return first, second


def check(first: dict, second: dict) -> None:
    assert first["before"] == sum(2 * i + 1 for i in range(10)) == 100
    assert first["g"] == sum(3 * i - 1 for i in range(10)) == 125  # g follows the new f at once
    assert "jitcell: In [3] (g) now calls the new f" in first["output"]
    baked, patched = first["slot"]
    assert patched == first["f_entry"] != baked  # re-patched to the new f's entry
    assert second["early"]["ename"] == "LinkageError"  # not a crash, nor a bare "name 'f' is not defined"
    assert "calls f() (In [2] defined it as f(x: int) -> int when this cell was compiled)" in second["early"]["evalue"]
    assert "run the cell that defines f first" in second["early"]["evalue"]
    assert second["status"] == "ok", second
    import json

    info = json.loads(second["stdout"].strip().splitlines()[-1])
    assert info["hits"] == [True, True]  # every cell is a cache hit after the restart
    assert info["g"] == 125
    baked, patched = info["slot"]
    assert patched == info["f_entry"] and patched != baked  # the new process's f


def test_cross_cell_calls_follow_redefinitions_and_survive_a_restart(tmp_path):
    first, second = scenario(tmp_path / "cache")
    check(first, second)


def test_the_check_fails_when_cross_cell_patching_is_switched_off(tmp_path):
    first, second = scenario(tmp_path / "cache", env_after_restart={SKIP_PATCHING_ENV: "cell."})
    with pytest.raises(AssertionError):
        check(first, second)
    # g called f at the address baked in by the first kernel: the kernel died, or the answer is wrong
    assert second["status"] == "died" or '"g": 125' not in second["stdout"]


def test_a_new_signature_recompiles_callers_or_makes_them_raise(tmp_path):
    with KernelSession(env={"JITCELL_CACHE_DIR": str(tmp_path / "cache")}) as kernel:
        run_all(kernel, [F, "%%jit\ndef h(n: int):\n    return f(n) + 1\n", G])  # In [2], [3], [4]
        assert kernel.evaluate("[h(3), g(3)]") == [8, 9]
        reply = kernel.execute("%%jit\ndef f(x: int) -> float:\n    return x / 2\n")  # In [6]
        assert reply.status == "ok", reply.error
        lines = reply.stdout.splitlines()
        assert "jitcell: recompiled In [3] (h) against f(x: int) -> float (compiled)" in lines
        (stale,) = [line for line in lines if "LinkageError" in line]
        assert stale.startswith("jitcell: In [4] (g) was compiled against f(x: int) -> int, not "
                                "f(x: int) -> float; calling it raises LinkageError")
        assert kernel.evaluate("h(3)") == 2.5  # recompiled: the inferred result follows f
        failed = kernel.execute("g(3)")
        assert failed.status == "error" and failed.error["ename"] == "LinkageError"
        message = failed.error["evalue"]
        for part in ("In [4] (which defines g) calls f()", "f(x: int) -> int", "f(x: int) -> float",
                     "(In [6])", "Re-run In [4]"):
            assert part in message, (part, message)
        assert kernel.evaluate("'still alive'") == "still alive"
        fixed = kernel.execute(G.replace("f(i)", "int(f(i))"))  # the user fixes and re-runs g's cell
        assert fixed.status == "ok", fixed.error
        assert kernel.evaluate("g(3)") == 0 + 0 + 1
