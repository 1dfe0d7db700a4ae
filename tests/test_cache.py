"""The on-disk cache: hits, keys, integrity checks, atomic publishing, concurrency."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time

import pytest
from conftest import run_python

import jitcell
from jitcell.loader.cache import Cache, cache_key, normalize_source

SOURCE = """
def poly(x: float) -> float:
    return 3.0 * x * x - 2.0 * x + 1.0

def steps(n: int) -> int:
    count = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        count += 1
    return count
"""


def replace_file(path, data) -> None:
    """Damage a file as a new inode: this process has the old one mapped (writing it in place
    would change the running code under our feet, which the cache itself never does)."""
    tmp = path.with_name(path.name + ".damaged")
    tmp.write_bytes(data)
    tmp.replace(path)


def runtime_entries(root) -> set[str]:
    """The keys of the runtime library's entries: a cell with a loop loads it (its interrupt counter,
    jitcell/interrupts.py), into the same cache."""
    return {p.stem for p in root.rglob("*.json") if p.parent.parent.name.startswith("abi-")
            and json.loads(p.read_text())["options"].get("internal")}


def entry_files(root):
    """The files of the cells' entries (not the runtime library's)."""
    runtime = runtime_entries(root)
    return sorted(p.name for p in root.rglob("*") if p.is_file() and p.parent.parent.name.startswith("abi-")
                  and p.stem not in runtime)


def test_second_compile_is_a_hit_with_the_same_key(fresh_cache):
    first = jitcell.compile_cell(SOURCE)
    second = jitcell.compile_cell(SOURCE)
    assert (first.cache_hit, second.cache_hit) == (False, True)
    assert first.key == second.key and first.path == second.path
    assert first.miss_reason == "no entry" and second.miss_reason is None
    assert first.compile_seconds > 0 and second.compile_seconds is None
    assert second.functions["steps"](27) == first.functions["steps"](27) == 111
    assert len(entry_files(fresh_cache)) == 2  # <key>.so and <key>.json


def test_key_ignores_trailing_space_but_not_code_or_options():
    tool = {"llvm": "x"}
    base = cache_key(SOURCE, {"opt": 2}, tool)
    assert cache_key(SOURCE.replace("\n", "   \r\n"), {"opt": 2}, tool) == base
    assert cache_key(SOURCE + "\n\n\n", {"opt": 2}, tool) == base
    assert cache_key(SOURCE.replace("3.0", "4.0"), {"opt": 2}, tool) != base
    assert cache_key("\n" + SOURCE, {"opt": 2}, tool) != base  # line numbers move
    assert cache_key(SOURCE, {"opt": 3}, tool) != base
    assert cache_key(SOURCE, {"opt": 2}, {"llvm": "y"}) != base
    assert normalize_source("a  \r\nb\n\n") == "a\nb\n"


def test_manifest_records_what_the_key_covers(fresh_cache):
    lib = jitcell.compile_cell(SOURCE, opt=3, wraparound=True)
    m = lib.manifest
    assert m["key"] == lib.key
    assert m["options"] == {"opt": 3, "wraparound": True, "first_line": 1, "loop_versioning": True,
                            "interrupt_checks": True, "boundscheck": True}
    assert {"llvm", "llvmlite", "triple", "cpu", "features", "compiler"} <= set(m["toolchain"])
    assert m["source"] == normalize_source(SOURCE)
    assert [f["signature"] for f in m["functions"]] == ["(x: float) -> float", "(n: int) -> int"]
    assert set(m["timings"]) == {"parse", "check", "lower", "optimize", "emit", "link"}
    assert len(m["library"]["blake2b"]) == 64


def test_options_make_separate_entries(fresh_cache):
    a = jitcell.compile_cell(SOURCE, opt=1)
    b = jitcell.compile_cell(SOURCE, opt=2)
    c = jitcell.compile_cell(SOURCE, opt=2, wraparound=True)
    assert len({a.key, b.key, c.key}) == 3
    assert not any(lib.cache_hit for lib in (a, b, c))


def test_no_cache_touches_nothing(fresh_cache):
    lib = jitcell.compile_cell(SOURCE, cache=False)
    assert lib.functions["poly"](2.0) == 9.0
    assert not lib.cache_hit and "disabled" in lib.miss_reason
    assert not fresh_cache.exists()


def test_force_rebuilds_and_replaces_the_entry(fresh_cache):
    first = jitcell.compile_cell(SOURCE)
    manifest = json.loads(first.path.with_suffix(".json").read_text())
    forced = jitcell.compile_cell(SOURCE, force=True)
    assert not forced.cache_hit and forced.miss_reason == "rebuild forced (-f)"
    assert forced.key == first.key
    replaced = json.loads(first.path.with_suffix(".json").read_text())
    assert replaced["created"] > manifest["created"]
    assert len(entry_files(fresh_cache)) == 2


@pytest.mark.parametrize("damage", ["truncate", "flip", "manifest", "foreign"])
def test_a_damaged_entry_is_a_miss_and_is_rebuilt(fresh_cache, damage):
    lib = jitcell.compile_cell(SOURCE)
    library, manifest = lib.path, lib.path.with_suffix(".json")
    data = library.read_bytes()
    if damage == "truncate":
        replace_file(library, data[: len(data) // 2])
    elif damage == "flip":
        replace_file(library, data[:100] + bytes([data[100] ^ 0xFF]) + data[101:])
    elif damage == "manifest":
        replace_file(manifest, b"{ not json")
    else:
        other = json.loads(manifest.read_text())
        other["key"] = "0" * 64
        replace_file(manifest, json.dumps(other).encode())
    again = jitcell.compile_cell(SOURCE)
    assert not again.cache_hit and again.miss_reason.startswith("corrupt entry")
    assert again.functions["steps"](27) == 111
    assert jitcell.compile_cell(SOURCE).cache_hit  # the rebuilt entry is sound


DAMAGED_CHILD = """
import json, os, pathlib, sys
import jitcell, jitcell.loader.cache
if sys.argv[1] == "unchecked":
    # the integrity check switched off: every library (open at fd, held) matches its manifest
    real = jitcell.loader.cache._held_library_digest
    def trusting(fd):
        manifest = pathlib.Path(os.readlink(f"/proc/self/fd/{fd}")).with_suffix(".json")
        if not manifest.exists():  # being built: the runtime library's, new in this cache
            return real(fd)
        return json.loads(manifest.read_text())["library"]["blake2b"]
    jitcell.loader.cache._held_library_digest = trusting
lib = jitcell.compile_cell(SOURCE)
print(lib.cache_hit, lib.functions["steps"](27), flush=True)
"""


def test_integrity_check_is_what_prevents_running_a_damaged_library(fresh_cache):
    lib = jitcell.compile_cell(SOURCE)
    code = lib.path.read_bytes()
    # overwrite the machine code of every exported function with int3 (a trap)
    from jitcell.loader import symbols

    damaged = bytearray(code)
    for export in symbols.exports(lib.path):
        if export.kind == "function":
            damaged[export.offset:export.offset + 8] = b"\xcc" * 8
    replace_file(lib.path, bytes(damaged))
    child = f"SOURCE = {SOURCE!r}\n" + DAMAGED_CHILD
    unchecked = subprocess.run([sys.executable, "-c", child, "unchecked"], capture_output=True, text=True)
    assert unchecked.returncode < 0, unchecked  # killed by a signal (SIGTRAP)
    checked = subprocess.run([sys.executable, "-c", child, "checked"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.split() == ["False", "111"]  # a miss, rebuilt, correct


def test_a_cache_hit_imports_neither_llvmlite_nor_the_compiler(fresh_cache):
    probe = textwrap.dedent(f"""
        import sys, json
        import jitcell
        lib = jitcell.compile_cell({SOURCE!r})
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("llvmlite", "elftools")
                       or m.startswith("jitcell.compiler"))
        print(json.dumps({{"hit": lib.cache_hit, "heavy": heavy, "value": lib.functions["steps"](27)}}))
    """)
    miss = json.loads(run_python(probe).stdout)
    hit = json.loads(run_python(probe).stdout)
    assert miss["hit"] is False and {"llvmlite.binding", "jitcell.compiler.driver"} <= set(miss["heavy"])  # it sees
    assert hit["hit"] is True and hit["heavy"] == []
    assert hit["value"] == miss["value"] == 111


CONCURRENT_CHILD = """
import json, sys, time
import jitcell
start = float(sys.argv[1])
while time.time() < start:
    pass
lib = jitcell.compile_cell(SOURCE)
print(json.dumps({"hit": lib.cache_hit, "value": lib.functions["steps"](97), "key": lib.key}))
"""


def compile_at_once(processes: int, source: str) -> list[dict]:
    start = time.time() + 1.5  # every child is started and waiting by then
    child = f"SOURCE = {source!r}\n" + CONCURRENT_CHILD
    procs = [subprocess.Popen([sys.executable, "-c", child, str(start)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(processes)]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        results.append(json.loads(out))
    return results


def assert_one_clean_entry(root) -> None:
    runtime = runtime_entries(root)
    # toolchain/ and cells/ (misses.py) hold what every entry shares, not entries;
    # CACHEDIR.TAG marks the cache, usage.json counts its size (upkeep.py)
    files = [p for p in root.rglob("*") if p.is_file() and not {"toolchain", "cells"} & set(p.parts)
             and p.stem not in runtime and p.name not in ("CACHEDIR.TAG", "usage.json")]
    names = sorted(p.suffix for p in files)
    assert names == [".json", ".so"], files
    leftovers = [p for p in root.rglob("*") if p.name.startswith(".build-") or p.suffix in (".tmp", ".new")]
    assert leftovers == []


def test_processes_compiling_the_same_cell_at_once(fresh_cache):
    results = compile_at_once(4, SOURCE)
    assert {r["value"] for r in results} == {118}
    assert len({r["key"] for r in results}) == 1
    assert_one_clean_entry(fresh_cache)
    assert Cache(fresh_cache).lookup(results[0]["key"]).entry is not None


@pytest.mark.slow
def test_processes_compiling_at_once_stress(fresh_cache, tmp_path):
    for round_ in range(10):
        source = SOURCE.replace("count = 0", f"count = {round_} - {round_}")
        results = compile_at_once(8, source)
        assert {r["value"] for r in results} == {118}
    for manifest in Cache(fresh_cache).manifests():
        assert Cache(fresh_cache).lookup(manifest.stem).entry is not None


def test_publish_replaces_an_orphaned_library(fresh_cache):
    """A library left without a manifest (its publisher died) does not block the entry forever."""
    lib = jitcell.compile_cell(SOURCE)
    manifest = lib.path.with_suffix(".json")
    manifest.unlink()
    old = time.time() - 3600
    import os

    os.utime(lib.path, (old, old))
    again = jitcell.compile_cell(SOURCE)
    assert not again.cache_hit and again.functions["poly"](1.0) == 2.0
    assert manifest.exists() and jitcell.compile_cell(SOURCE).cache_hit


def test_cache_location_follows_the_environment(fresh_cache):
    assert Cache().root == fresh_cache
    lib = jitcell.compile_cell(SOURCE)
    assert fresh_cache in lib.path.parents


def test_clear_removes_every_entry(fresh_cache):
    jitcell.compile_cell(SOURCE)
    jitcell.compile_cell(SOURCE, opt=1)
    cache = Cache()
    assert len(cache.manifests()) == 2 and cache.size_bytes() > 0
    assert cache.clear() == 2
    assert cache.manifests() == [] and not jitcell.compile_cell(SOURCE).cache_hit


def test_an_edit_in_any_subpackage_changes_the_compiler_digest(tmp_path):
    """Every cache key holds the digest of jitcell's source: a change anywhere in the package,
    in each subpackage as in the root, must change it (so cached code never outlives its compiler)."""
    import os
    import shutil

    from jitcell.loader import fingerprint

    package = os.path.dirname(jitcell.__file__)
    copy = tmp_path / "jitcell"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert fingerprint.compiler_digest(str(copy)) == fingerprint.compiler_digest()
    folders = sorted({os.path.dirname(os.path.relpath(f, copy)) for f in fingerprint.compiler_files(str(copy))})
    expected = {os.path.relpath(d, package) for d, _, names in os.walk(package)
                if "__pycache__" not in d and any(n.endswith(".py") for n in names)}
    assert {f or "." for f in folders} == expected  # every subpackage is hashed
    assert {"compiler/lower", "compiler/check", "compiler/backend", "runtime", "loader", "report"} <= expected
    digests = {fingerprint.compiler_digest(str(copy))}
    for folder in folders:
        edited = sorted(f for f in os.listdir(copy / folder) if f.endswith(".py"))[0]
        with open(copy / folder / edited, "a") as f:
            f.write("\n# an edit\n")
        digests.add(fingerprint.compiler_digest(str(copy)))
    assert len(digests) == len(folders) + 1  # each edit gave a new digest
    (copy / "compiler" / "lower" / "renamed.py").write_text((copy / "compiler" / "lower" / "arith.py").read_text())
    (copy / "compiler" / "lower" / "arith.py").unlink()
    assert fingerprint.compiler_digest(str(copy)) not in digests  # a moved file counts too


def test_the_key_follows_the_compiler_source_not_its_file_times(fresh_cache):
    """A changed compiler must not reuse old entries; a merely touched one keeps them."""
    import os

    from jitcell.loader import fingerprint

    first = jitcell.compile_cell(SOURCE)
    assert first.manifest["toolchain"]["compiler"] == fingerprint.compiler_digest()
    identity = fingerprint._identity()
    version_file = os.path.join(os.path.dirname(jitcell.__file__), "version.py")
    stat = os.stat(version_file)
    try:
        os.utime(version_file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
        assert fingerprint._identity() != identity  # the code generator is asked again...
        fingerprint._memo.clear()
        again = jitcell.compile_cell(SOURCE)
        assert again.cache_hit and again.key == first.key  # ...and the same source gives the same key
    finally:
        os.utime(version_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        fingerprint._memo.clear()
