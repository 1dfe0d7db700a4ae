"""Read-only arrays written through a call into another cell: refused before the call.

A compiled function that may assign to elements of an array parameter refuses a read-only
array (ValueError), because writing one is undefined: an immutable `bytes` under
np.frombuffer changes, a read-only memmap's page faults and the process dies of SIGSEGV.
The fact "may assign" follows calls between cells (compiler/check/arrays.array_writers with
the callees' facts) and redefinition (the fact is part of the signature callers are compiled
against, namespace.signature_of: a callee that starts writing makes its callers stale, and
they are compiled again with the check).
"""

from __future__ import annotations

import signal
import textwrap

import numpy as np
import pytest
from conftest import run_python

import jitcell
from jitcell.errors import LinkageError

READER = "def put(a: float[:], v: float) -> float:\n    return a[0] + v\n"
WRITER = "def put(a: float[:], v: float) -> float:\n    a[0] = v\n    return v\n"
CALLER = "def g(a: float[:], v: float) -> float:\n    return put(a, v)\n"
REFUSED = r"g\(\) argument 'a' is a read-only array, and g\(\) may assign to array elements"


def frozen(n: int = 3) -> np.ndarray:
    a = np.arange(float(n))
    a.flags.writeable = False
    return a


def test_a_read_only_array_into_a_writer_of_another_cell_is_refused(fresh_cache):
    ns = jitcell.Namespace()
    jitcell.compile_cell(WRITER, callees=ns)
    g = jitcell.compile_cell(CALLER, callees=ns).functions["g"]
    a = frozen()
    with pytest.raises(ValueError, match=REFUSED):
        g(a, 7.0)
    buffer = bytes(24)
    with pytest.raises(ValueError, match=REFUSED):
        g(np.frombuffer(buffer), 7.0)
    assert a.tolist() == [0.0, 1.0, 2.0] and buffer == bytes(24)
    writeable = np.zeros(3)
    assert g(writeable, 7.0) == 7.0 and writeable.tolist() == [7.0, 0.0, 0.0]


def test_the_fact_follows_a_chain_of_cells_and_a_cache_hit(fresh_cache):
    ns = jitcell.Namespace()
    jitcell.compile_cell(WRITER, callees=ns)
    jitcell.compile_cell(CALLER, callees=ns)
    h_source = "def h(a: float[:]) -> float:\n    b = a\n    return g(b, 1.0)\n"
    h = jitcell.compile_cell(h_source, callees=ns).functions["h"]
    with pytest.raises(ValueError, match=r"h\(\) argument 'a' is a read-only array"):
        h(frozen())
    again = jitcell.Namespace()  # the same cells again: every one a cache hit, the facts the same
    for source in (WRITER, CALLER, h_source):
        library = jitcell.compile_cell(source, callees=again)
        assert library.cache_hit
    with pytest.raises(ValueError, match=r"h\(\) argument 'a' is a read-only array"):
        again.names["h"](frozen())


def test_a_function_that_writes_only_its_own_arrays_takes_read_only_ones(fresh_cache):
    ns = jitcell.Namespace()
    jitcell.compile_cell(WRITER, callees=ns)
    lib = jitcell.compile_cell(textwrap.dedent("""\
        import numpy as np

        def scaled(a: float[:]) -> float:
            out = np.empty_like(a)      # its own array: writing it is fine whatever a is
            put(out, 2.0)
            out[1] = a[1]
            return out[0] + out[1]

        def into(src: float[:], dst: float[:]) -> float:
            return put(dst, src[0])

        def either(a: float[:], b: float[:], first: bool) -> float:
            c = a if first else b       # c may be a view of a or of b
            return put(c, 5.0)

        def same(a: float[:]) -> float[:]:
            return a

        def through(a: float[:]) -> float:
            t = (same(a), 2.0)          # a call's result may be its argument; a tuple holds it
            b, v = t
            b[0] = v
            return v
    """), callees=ns)
    f = lib.functions
    assert f["scaled"](frozen()) == 3.0
    dst = np.zeros(2)
    assert f["into"](np.ones(2), dst) == 1.0 and dst.tolist() == [1.0, 0.0]
    with pytest.raises(ValueError, match=r"into\(\) argument 'dst' is a read-only array"):
        f["into"](np.ones(2), frozen())
    # the manifest holds one fact per function, so a writer's wrapper checks all its arrays
    with pytest.raises(ValueError, match=r"into\(\) argument 'src' is a read-only array"):
        f["into"](frozen(), dst)
    with pytest.raises(ValueError, match=r"either\(\) argument 'a' is a read-only array"):
        f["either"](frozen(), np.zeros(2), False)
    with pytest.raises(ValueError, match=r"either\(\) argument 'b' is a read-only array"):
        f["either"](np.zeros(2), frozen(), True)
    with pytest.raises(ValueError, match=r"through\(\) argument 'a' is a read-only array"):
        f["through"](frozen())
    assert f["same"](frozen()).tolist() == [0.0, 1.0, 2.0]


def test_a_callee_redefined_to_write_makes_its_callers_refuse_read_only_arrays(fresh_cache):
    ns = jitcell.Namespace()
    jitcell.compile_cell(READER, callees=ns)
    jitcell.compile_cell(CALLER, callees=ns)
    old_g = ns.names["g"]
    a = frozen()
    assert old_g(a, 1.0) == 1.0  # a reader: read-only arrays are welcome
    lib = jitcell.compile_cell(WRITER, callees=ns)
    (event,) = lib.relinked
    assert event.kind == "recompiled"
    assert "(which may assign to elements of the arrays passed to it)" in str(event)
    with pytest.raises(ValueError, match=REFUSED):
        ns.names["g"](a, 7.0)
    with pytest.raises(LinkageError, match=r"put has a new signature: it was compiled against put\(a: float\[:\], "
                                           r"v: float\) -> float \(which assigns to no array passed to it\)"):
        old_g(a, 7.0)  # the copy from before the redefinition calls a stub, not the writer
    assert a.tolist() == [0.0, 1.0, 2.0]
    lib = jitcell.compile_cell(READER, callees=ns)  # and back: read-only arrays are welcome again
    assert [e.kind for e in lib.relinked] == ["recompiled"]
    assert ns.names["g"](a, 1.0) == 1.0


def test_without_recompiling_a_caller_of_a_new_writer_is_stale(fresh_cache):
    ns = jitcell.Namespace(recompile=False)
    jitcell.compile_cell(READER, callees=ns)
    jitcell.compile_cell(CALLER, callees=ns)
    jitcell.compile_cell(WRITER, callees=ns)
    a = frozen()
    with pytest.raises(LinkageError, match="put has a new signature"):
        ns.names["g"](a, 7.0)
    assert a.tolist() == [0.0, 1.0, 2.0]


# ---- in a child process: what the check prevents ------------------------------------------

CHILD = """
import os, sys, tempfile
import numpy as np
import jitcell
{switch}
ns = jitcell.Namespace()
jitcell.compile_cell({writer!r}, callees=ns, cache=False)
g = jitcell.compile_cell({caller!r}, callees=ns, cache=False).functions["g"]
buffer = bytes(24)
try:
    g(np.frombuffer(buffer), 7.0)
    print("frombuffer: written" if buffer != bytes(24) else "frombuffer: untouched", flush=True)
except ValueError as error:
    print("frombuffer: ValueError:", error, flush=True)
path = os.path.join(tempfile.mkdtemp(), "data")
np.arange(4.0).tofile(path)
mapped = np.memmap(path, dtype=np.float64, mode="r")
try:
    g(mapped, 7.0)
    print("memmap: written", flush=True)
except ValueError as error:
    print("memmap: ValueError:", error, flush=True)
"""

# The cross-cell propagation switched off: the driver's writers ignore what callees write.
SWITCH_OFF = """
from jitcell.compiler.check import arrays
_writers = arrays.array_writers
arrays.array_writers = lambda program, callees=None: _writers(program, {name: False for name in callees or {}})
"""


def test_a_read_only_memmap_is_refused_in_a_child_process(fresh_cache):
    done = run_python(CHILD.format(switch="", writer=WRITER, caller=CALLER))
    assert done.returncode == 0, done.stderr
    message = "g() argument 'a' is a read-only array, and g() may assign to array elements"
    assert done.stdout.splitlines() == [f"frombuffer: ValueError: {message}", f"memmap: ValueError: {message}"]


def test_without_the_cross_cell_check_the_buffer_is_written_and_the_memmap_kills_the_process(fresh_cache):
    done = run_python(CHILD.format(switch=SWITCH_OFF, writer=WRITER, caller=CALLER))
    assert done.stdout.splitlines() == ["frombuffer: written"]  # an immutable bytes object changed
    assert done.returncode == -signal.SIGSEGV, (done.returncode, done.stdout, done.stderr)
