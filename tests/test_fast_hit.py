"""A cache hit in a fresh process runs the loader only: it imports no compiler module, no llvmlite
and none of the standard library's slow imports the loader avoids, checks no manifest field by
field (the seal stands for that check, loader/sealed.py), and parses only the manifest fields it
reads. Each is checked in a real child process, on a cache the test process filled."""

from __future__ import annotations

import ctypes
import json
import os
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

from conftest import run_python

import jitcell
from jitcell.loader import sealed

SOURCE = """\
def total(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s
"""

PROBE = textwrap.dedent("""
    import sys
    import jitcell
    from jitcell import runtime
    before = set(sys.modules)
    lib = jitcell.compile_cell(SOURCE)
    imported = sorted(set(sys.modules) - before)
    rt = runtime.library().manifest
    import json  # after the hit: a hit must not import it
    print(json.dumps({"hit": lib.cache_hit, "runtime_hit": runtime.library().cache_hit, "imported": imported,
                      "checked": "jitcell.loader.manifest" in imported, "value": lib.functions["total"](10),
                      "unread": sorted(getattr(rt, "_unread", ())), "parsed": sorted(dict.keys(rt)),
                      "rest_unread": getattr(rt, "_rest", None) is not None}))
""")

# what the compile pipeline or a slow path imports, and a cache hit must not (with their submodules)
HEAVY = ("llvmlite", "elftools", "jitcell.compiler", "jitcell.report", "dataclasses", "inspect", "typing",
         "hashlib", "mac", "pathlib", "tempfile", "shutil", "random", "symtable", "tokenize", "platformdirs",
         "json", "signal", "re", "enum", "contextlib", "importlib", "warnings", "_sha256", "_sha2", "fcntl",
         "jitcell.dtypes", "errno")


def _heavy(module: str) -> bool:
    return any(module == name or module.startswith(name + ".") for name in HEAVY)


def _probe() -> dict:
    """The probe in a process without site (python -S), as an installed jitcell's user has it: this
    environment's editable-install finder imports re, enum, contextlib and importlib at start-up, which
    would hide a hit's own imports of them. The repository and the packages site would add are on
    PYTHONPATH (llvmlite, for the miss)."""
    paths = [str(Path(jitcell.__file__).parent.parent), sysconfig.get_paths()["purelib"],
             sysconfig.get_paths()["platlib"], os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, paths))}
    done = subprocess.run([sys.executable, "-S", "-c", f"SOURCE = {SOURCE!r}\n" + PROBE], capture_output=True,
                          text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_a_fresh_process_hit_imports_only_the_loader(fresh_cache):
    miss = _probe()
    assert miss["hit"] is False and miss["value"] == 285
    heavy_on_a_miss = {m for m in miss["imported"] if _heavy(m)}
    # the probe sees them: the compiler, and the standard library's modules it uses
    assert {"llvmlite.binding", "jitcell.compiler.driver", "re", "enum", "contextlib"} <= heavy_on_a_miss
    hit = _probe()
    assert hit["hit"] is True and hit["runtime_hit"] is True and hit["value"] == 285
    assert [m for m in hit["imported"] if _heavy(m)] == []
    others = [m for m in hit["imported"] if m.split(".")[0] not in _STANDARD and not m.startswith(("jitcell.", "_"))]
    assert others == [], others


# the standard library a hit may import (beyond what `import jitcell` did, and with their own imports, which
# depend on what the interpreter's start imported): what the loader and the runtime's Python side need
_STANDARD = {"cmath", "math", "array", "struct", "weakref", "keyword", "reprlib", "operator", "collections",
             "functools", "stat", "bisect", "heapq", "types", "itertools", "copyreg"}


def test_a_hit_checks_no_manifest_field_by_field_and_reads_only_what_it_uses(fresh_cache):
    # manifest.py holds the field-by-field checks (manifest.problem): a miss imports it to check what it writes
    assert _probe()["checked"] is True
    hit = _probe()
    assert hit["hit"] is True and hit["checked"] is False  # both seals stood for the shape check
    # the runtime library's source, its linker's tables, its error sites and its function rows (cells reach
    # its functions through slots, patched from its export table) are not even read from the file: they are
    # its end (sealed.TAIL), which stays unread; what a load reads is parsed, the rest of the start is not
    assert hit["rest_unread"] is True and not set(sealed.TAIL) & set(hit["unread"] + hit["parsed"])
    assert {"slots", "key", "library"} <= set(hit["parsed"]) and "timings" in hit["unread"]
    lib = jitcell.compile_cell(SOURCE)  # this process: the same entries, read in full when asked
    assert lib.cache_hit and lib.manifest["source"] == SOURCE and isinstance(lib.manifest["sites"], list)


def test_an_error_in_a_hit_library_reads_its_sites_then(fresh_cache):
    """The sites and the source that error messages quote are parsed at the first error, not at load."""
    cell = "def pick(xs: list[int], i: int) -> int:\n    return xs[i]\n"
    jitcell.compile_cell(cell)
    code = textwrap.dedent(f"""
        import jitcell
        lib = jitcell.compile_cell({cell!r})
        unread_before = "sites" in lib.manifest._unread
        try:
            lib.functions["pick"]([1, 2], 5)
        except IndexError as error:
            print(lib.cache_hit, unread_before, "sites" in lib.manifest._unread, error)
    """)
    done = run_python(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].split(None, 3) == ["True", "True", "False", "list index out of range"]


def test_a_function_missing_from_the_export_table_is_a_linkage_error(fresh_cache):
    """load() asks dlsym for every function the manifest names (runtime.symbol_address), before any runs."""
    import pytest

    from jitcell import runtime
    from jitcell.loader.cache import Entry
    from jitcell.loader.load import load

    lib = jitcell.compile_cell(SOURCE)
    symbol = lib.manifest["functions"][0]["symbol"]
    assert runtime.symbol_address(lib.handle, symbol) == ctypes.cast(lib.handle[symbol], ctypes.c_void_p).value
    assert runtime.symbol_address(lib.handle, symbol + "_not_there") is None
    manifest = json.loads(json.dumps(lib.manifest))
    manifest["functions"][0]["symbol"] = symbol + "_not_there"
    with pytest.raises(jitcell.LinkageError, match=f"symbol '{symbol}_not_there'.* missing from the export table"):
        load(Entry(lib.key, lib.path, manifest), cache_hit=True, compile_seconds=None)
