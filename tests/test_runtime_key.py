"""The runtime library's cache key: its source files are jitcell's own, which the toolchain's compiler
digest (part of every key) covers, so the key names the files instead of hashing their text
(`jitcell.runtime_source_part`), and a fresh process finds the runtime's entry without reading them."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

from conftest import run_python

import jitcell
from jitcell import runtime
from jitcell.loader import fingerprint, layout
from jitcell.loader.cache import Cache, cache_key, source_digest
from jitcell.options import Options

CELL = "def twice(n: int) -> int:\n    return 2 * n\n"

PROBE = textwrap.dedent("""
    import json
    import jitcell
    from jitcell import runtime
    reads = []
    real_read = jitcell._read_text
    jitcell._read_text = lambda path: reads.append(path) or real_read(path)
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
    first = _probe()  # an empty cache: the runtime's source read, to build it
    assert first["value"] == 42 and not first["runtime_hit"] and first["reads"] == list(_runtime_paths())
    second = _probe()
    assert second["hit"] and second["runtime_hit"] and second["value"] == 42
    assert second["reads"] == [] and second["key"] == first["key"]  # the same entry, found by the files' names
    assert not (fresh_cache / "sources").exists()  # nothing remembered about the files: nothing to trust


def test_the_runtime_key_is_named_by_its_files_and_the_compiler_digest(fresh_cache):
    key = _probe()["key"]
    fingerprint._memo.clear()  # this test's cache gets its toolchain record
    toolchain = fingerprint.toolchain(Cache().location, probe=lambda: {})
    options = Options(internal=True, wraparound=True).key_parts()
    part = jitcell.runtime_source_part(_runtime_paths())
    assert key == cache_key(None, options, toolchain, source_part=part)
    # the compiler digest is the key's only word on the runtime's text: another digest, another key
    assert cache_key(None, options, {**toolchain, "compiler": "0" * 64}, source_part=part) != key
    # a cell's source part is the digest of its text, 64 hex digits: the runtime's name is never one
    assert not layout.is_key(part) and layout.is_key(source_digest(CELL))


def test_the_compiler_digest_covers_every_runtime_source_file():
    assert set(_runtime_paths()) <= set(fingerprint.compiler_files())


def test_an_edit_of_a_runtime_source_file_changes_the_compiler_digest(tmp_path):
    """The key's word on the runtime's text: the digest of the package's files, each runtime file among
    them, so that an edit (a comment's, even) is another runtime library. The same edit to a file outside
    the package changes nothing: the digest is of the package alone."""
    package = tmp_path / "jitcell"
    shutil.copytree(Path(jitcell.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = fingerprint.compiler_digest(str(package))
    (tmp_path / "elsewhere.py").write_text("# not jitcell's\n")
    assert fingerprint.compiler_digest(str(package)) == before
    for path in _runtime_paths():
        edited = package / Path(path).relative_to(Path(jitcell.__file__).parent)
        text = edited.read_text()
        edited.write_text(text + "# an edit\n")
        assert fingerprint.compiler_digest(str(package)) != before, edited.name
        edited.write_text(text)
    assert fingerprint.compiler_digest(str(package)) == before


def test_a_runtime_file_from_elsewhere_is_keyed_by_its_text(tmp_path):
    """The compiler digest covers the package's files only: a runtime source from another folder (an
    altered runtime, as tests/faults/test_out_of_memory.py builds one) has no name in the key, whose
    source part is then the digest of the text, as a cell's is."""
    paths = _runtime_paths()
    assert jitcell.runtime_source_part(paths) == "jitcell runtime: " + " ".join(
        str(Path(p).relative_to(Path(jitcell.__file__).parent).as_posix()) for p in paths)
    altered = tmp_path / "source.py"
    altered.write_text(Path(runtime.SOURCE_PATH).read_text())
    assert jitcell.runtime_source_part((str(altered), *paths[1:])) is None
