"""The runtime library's table functions, reached through patched slots, across a kernel restart.

This is the shape of the bug the project guards against: a cached library calls the
runtime's table accessors (table_set, table_find, ...) through globals that hold the
addresses of the session that built it. After a restart the runtime library is loaded
elsewhere; the cell's slots must be patched to the new addresses, or the next call
into a table crashes. The test shows both: patched (right results) and not (the
kernel dies).
"""

from __future__ import annotations

import pytest

from jitcell.kernel.session import KernelSession
from jitcell.options import SKIP_PATCHING_ENV

pytestmark = pytest.mark.kernel

CELL = '''%%jit
def word_count(n: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    for i in range(n):
        word = "w" + str(i * i % 7)
        counts[word] = counts.get(word, 0) + 1
    if "w0" in counts:
        del counts["w0"]
    return counts
'''

QUERY = ("{'hit': word_count.library.cache_hit, 'key': word_count.library.key, "
         "'runtime_hit': __import__('jitcell.runtime').runtime.library().cache_hit, "
         "'slots': {s.name: [s.baked, s.patched] for s in word_count.library.slots}}")


def run(kernel: KernelSession) -> dict:
    kernel.execute("%load_ext jitcell")
    reply = kernel.execute(CELL)
    assert reply.status == "ok", reply.error
    info = kernel.evaluate(QUERY)
    call = kernel.execute("print(sorted(word_count(50).items()))")
    info["status"], info["output"] = call.status, call.stdout
    return info


def restart(cache, env=None) -> tuple[dict, dict]:
    with KernelSession(env={"JITCELL_CACHE_DIR": str(cache)}) as kernel:
        first = run(kernel)
        kernel.restart(env=env)
        second = run(kernel)
    return first, second


def check(first: dict, second: dict) -> None:
    assert not first["hit"] and second["hit"] and second["key"] == first["key"]
    assert second["runtime_hit"]  # the runtime library came from the cache too
    expected = sorted({f"w{k}": sum(1 for i in range(50) if i * i % 7 == k) for k in range(1, 7)
                       if any(i * i % 7 == k for i in range(50))}.items())
    assert first["status"] == second["status"] == "ok"
    assert first["output"] == second["output"] == f"{expected}\n"
    table_slots = {name for name in second["slots"] if name.startswith("jitcell.slot.rt.table_")}
    assert {"jitcell.slot.rt.table_set", "jitcell.slot.rt.table_find", "jitcell.slot.rt.table_erase"} <= table_slots
    for name, (baked, patched) in second["slots"].items():
        assert patched != baked, f"{name} still points into the first kernel's runtime library"


def test_table_slots_are_patched_into_the_new_runtime(tmp_path):
    first, second = restart(tmp_path / "cache")
    check(first, second)


def test_without_patching_the_table_call_kills_the_kernel(tmp_path):
    first, second = restart(tmp_path / "cache", env={SKIP_PATCHING_ENV: "1"})
    with pytest.raises(AssertionError):
        check(first, second)
    assert second["status"] == "died" or second["output"] != first["output"]
