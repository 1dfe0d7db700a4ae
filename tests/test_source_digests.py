"""The runtime library's source digest, remembered in the cache (loader/digests.py): a fresh process
finds the runtime's entry without reading its source, and reads it again whenever a file changed.
The record's signature and ownership are checked in tests/security/test_remembered_digest.py."""

from __future__ import annotations

import json
import os
import textwrap

from conftest import run_python

from jitcell import runtime
from jitcell.loader import digests, fingerprint
from jitcell.loader.cache import Cache, cache_key, source_digest
from jitcell.options import Options

CELL = "def twice(n: int) -> int:\n    return 2 * n\n"

PROBE = textwrap.dedent("""
    import json
    import jitcell
    from jitcell import runtime
    from jitcell.loader import digests
    reads = []
    real_read = digests.read
    digests.read = lambda paths: reads.append(len(paths)) or real_read(paths)
    lib = jitcell.compile_cell(CELL)
    rt = runtime.library()
    print(json.dumps({"hit": lib.cache_hit, "runtime_hit": rt.cache_hit, "reads": reads, "key": rt.key,
                      "value": lib.functions["twice"](21)}))
""")


def _probe() -> dict:
    done = run_python(f"CELL = {CELL!r}\n" + PROBE)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def _runtime_paths() -> tuple[str, ...]:
    return (runtime.SOURCE_PATH, runtime.RANDOM_SOURCE_PATH, runtime.KEYS_SOURCE_PATH, runtime.INSTANCES_SOURCE_PATH,
            *runtime.NUMPY_SOURCE_PATHS, runtime.PARALLEL_SOURCE_PATH)


def test_a_fresh_process_finds_the_runtime_without_reading_its_source(fresh_cache):
    first = _probe()  # the runtime's source read (to build it, or to find its key), its digest remembered
    assert first["value"] == 42 and first["reads"] == [len(_runtime_paths())]
    (record,) = (fresh_cache / digests.FOLDER).glob("*.json")
    assert os.stat(record).st_mode & 0o777 == 0o600
    second = _probe()
    assert second["hit"] and second["runtime_hit"] and second["value"] == 42
    assert second["reads"] == [] and second["key"] == first["key"]  # the same entry, found by the digest


def test_the_runtime_key_found_by_its_digest_is_the_key_of_its_source(fresh_cache):
    _probe()
    found = _probe()
    source, _ = digests.read(_runtime_paths())
    fingerprint._memo.clear()  # this test's cache gets its toolchain record
    toolchain = fingerprint.toolchain(Cache().location, probe=lambda: {})
    options = Options(internal=True, wraparound=True).key_parts()
    assert found["key"] == cache_key(source, options, toolchain)
    assert digests.remembered(str(fresh_cache), _runtime_paths()) == source_digest(source)


def test_a_changed_file_is_read_again(tmp_path):
    root, folder = str(tmp_path / "cache"), tmp_path / "source"
    folder.mkdir()
    paths = tuple(str(folder / name) for name in ("a.py", "b.py"))
    for path, text in zip(paths, ("x = 1\n", "y = 2\n"), strict=True):
        with open(path, "w") as f:
            f.write(text)
    source, stamps = digests.read(paths)
    assert source == "x = 1\n\n\ny = 2\n\n\n"
    digests.remember(root, paths, stamps, source)
    assert digests.remembered(root, paths) == source_digest(source)
    assert digests.remembered(root, paths[:1]) is None  # other files: another record
    with open(paths[1], "w") as f:  # the same size, another mtime
        f.write("y = 3\n")
    st = os.stat(paths[1])
    os.utime(paths[1], ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert digests.remembered(root, paths) is None
    source, stamps = digests.read(paths)
    digests.remember(root, paths, stamps, source)
    assert digests.remembered(root, paths) == source_digest(source)
    os.unlink(paths[0])
    assert digests.remembered(root, paths) is None
