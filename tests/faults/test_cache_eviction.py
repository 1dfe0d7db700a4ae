"""The size cap: least-recently-used eviction that never takes an entry a live process loaded,
tidying, verification, and the commands that show them (`python -m jitcell cache`, `%jit_cache`).

Every compile here runs in a child process of its own, as notebooks do, so that what an entry's
lock means is real: a process that loaded an entry holds a shared flock on its library until it
exits (loader/files.py, hold), and eviction (loader/upkeep.py) skips what it cannot lock exclusively.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jitcell.loader import files, signing, upkeep
from jitcell.loader.cache import Cache
from jitcell.version import CODEGEN_ABI

COMPILE = """
import json, sys, jitcell
lib = jitcell.compile_cell(sys.argv[1])
name = next(iter(lib.functions))
print(json.dumps({"hit": lib.cache_hit, "reason": lib.miss_reason, "key": lib.key, "value": lib.functions[name](3)}))
"""


def cell(n: int) -> str:
    """Cells of one shape (so of about one size): f{n}(3) == 3 * (n + 2) + n; g{n}, h{n}, k{n} and p{n}, never called,
    makes an entry big enough beside the runtime library for the eviction window below."""
    return (f"def f{n}(x: int) -> int:\n    return x * {n + 2} + {n}\n\n\n"
            f"def g{n}(x: int) -> float:\n    t = 0.0\n    for i in range(x):\n"
            f"        t += (i * {n + 3}) % 7 / (i + 1)\n    return t\n\n\n"
            f"def h{n}(s: str, k: int) -> str:\n    out = ''\n    for c in s:\n"
            f"        out += c * (k % {n + 2}) + str(len(out) % {n + 5})\n    return out.upper()\n\n\n"
            f"def k{n}(xs: list[int], m: int) -> dict[str, list[float]]:\n    d: dict[str, list[float]] = {{}}\n"
            f"    for i, x in enumerate(sorted(xs, reverse=True)):\n"
            f"        key = f'{{x % {n + 3}}}'\n        if key not in d:\n            d[key] = []\n"
            f"        d[key].append(x / (i + {n + 1}))\n"
            f"    return {{k: sorted(v)[:m] for k, v in d.items() if len(v) > {n % 3}}}\n\n\n"
            f"def p{n}(s: str) -> list[tuple[str, int]]:\n"
            f"    return sorted([(w, len(w) * {n + 1}) for w in s.split()], reverse=True)\n")


def value(n: int) -> int:
    return 3 * (n + 2) + n


def compile_in_child(source: str, env: dict | None = None, code: str = COMPILE) -> dict:
    done = subprocess.run([sys.executable, "-c", code, source], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "jitcell", "cache", *args], capture_output=True, text=True,
                          timeout=300, env={**os.environ, **(env or {})})


def keys(root: Path) -> set[str]:
    return {p.stem for p in Cache(root).manifests()}


def entry_size(root: Path, key: str) -> int:
    library, manifest = Cache(root).paths(key)
    return os.path.getsize(library) + os.path.getsize(manifest)


def runtime_key(root: Path) -> str:
    (key,) = [p.stem for p in Cache(root).manifests() if json.loads(p.read_text())["options"].get("internal")]
    return key


# ---- least recently used first -------------------------------------------------------------------


def test_over_the_cap_the_least_recently_used_entries_go_first(fresh_cache):
    a, b, c, d = [compile_in_child(cell(n))["key"] for n in range(4)]
    assert compile_in_child(cell(0))["hit"]  # a used again: now the most recent of the four
    runtime = runtime_key(fresh_cache)
    one = max(entry_size(fresh_cache, k) for k in (a, b, c, d))
    total = sum(entry_size(fresh_cache, k) for k in keys(fresh_cache)) + one  # with the next entry
    # a cap the new entry passes, under whose 90% evicting one entry is not enough and two are
    lower, upper = (total - 2 * one) / upkeep.TARGET, min(total, (total - one) / upkeep.TARGET)
    assert lower < upper, "the cells are too small beside the runtime library for this test's window"
    cap = int((lower + upper) / 2)
    e = compile_in_child(cell(4), env={"JITCELL_CACHE_SIZE": str(cap)})
    assert e["value"] == value(4)
    assert keys(fresh_cache) == {runtime, a, d, e["key"]}  # b and c, the least recently used, went
    assert sum(entry_size(fresh_cache, k) for k in keys(fresh_cache)) <= upkeep.TARGET * cap
    assert compile_in_child(cell(1))["hit"] is False and compile_in_child(cell(0))["hit"] is True


def test_under_the_cap_a_publish_counts_and_does_not_walk(fresh_cache):
    """usage.json keeps the total: a publish under the cap adds its entry's size (the walk, which
    would set "counted" anew, does not run); over the cap the walk runs, and evicts."""
    compile_in_child(cell(0))
    usage = fresh_cache / "usage.json"
    first = json.loads(usage.read_text())
    compile_in_child(cell(1))
    second = json.loads(usage.read_text())
    assert second["counted"] == first["counted"]  # not walked again
    assert second["bytes"] == sum(entry_size(fresh_cache, k) for k in keys(fresh_cache))  # counted exactly
    compile_in_child(cell(2), env={"JITCELL_CACHE_SIZE": str(second["bytes"])})  # now over the cap
    third = json.loads(usage.read_text())
    assert third["counted"] > second["counted"] and len(keys(fresh_cache)) < 4
    assert third["bytes"] == sum(entry_size(fresh_cache, k) for k in keys(fresh_cache))


# ---- an entry in use is never evicted ----------------------------------------------------------

HOLDER = COMPILE + """
sys.stdin.readline()  # keeps the library loaded until told to go
print(json.dumps({"after": lib.functions[name](3)}), flush=True)
"""

GC = """
import json, sys
from jitcell.loader import files
if sys.argv[1] == "unlocked":  # the protection switched off in this process only
    files.exclusive = lambda fd, wait=False: True
from jitcell.loader.cache import Cache
done = Cache().gc()
print(json.dumps({"evicted": [key for key, _ in done.evicted], "in_use": done.in_use}))
"""


@contextlib.contextmanager
def holder(source: str):
    """A live process that compiled `source` and keeps it loaded: yields its result line."""
    process = subprocess.Popen([sys.executable, "-c", HOLDER, source], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None and process.stdin is not None
        line = process.stdout.readline()
        assert line, process.stderr.read() if process.stderr else ""
        yield process, json.loads(line)
    finally:
        try:
            process.communicate(timeout=120)  # its stdin closed: it exits
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


def gc_in_child(lock: str = "locked") -> dict:
    return compile_in_child(lock, env={"JITCELL_CACHE_SIZE": "1"}, code=GC)  # a cap of one byte: all that can go


@pytest.mark.parametrize("lock", ["locked", "unlocked"])
def test_an_entry_a_live_process_loaded_is_not_evicted(fresh_cache, lock):
    """The held entry is the least recently used, yet stays while its process lives, and goes once it
    exits. With the lock skipped in the evicting process, it is evicted under the live holder (which
    keeps running it: a mapped file outlives its name), and a fresh load of that cell must rebuild:
    the lock is what protects it."""
    with holder(cell(0)) as (process, held):
        for n in (1, 2):
            compile_in_child(cell(n))  # newer entries; their processes exit
        done = gc_in_child(lock)
        assert process.stdin is not None and process.stdout is not None
        if lock == "locked":
            assert held["key"] not in done["evicted"] and done["in_use"] >= 2  # the cell and the runtime library
            assert keys(fresh_cache) == {held["key"], runtime_key(fresh_cache)}
        else:
            assert held["key"] in done["evicted"] and keys(fresh_cache) == set()
        again = compile_in_child(cell(0))  # a fresh process: a restarted kernel, say
        assert again["hit"] is (lock == "locked") and again["value"] == value(0)
        process.stdin.write("\n")
        process.stdin.flush()
        assert json.loads(process.stdout.readline()) == {"after": value(0)}  # the holder ran on, unharmed
    assert process.wait() == 0
    done = gc_in_child()  # nobody holds it now
    assert held["key"] in done["evicted"] or lock == "unlocked"
    assert keys(fresh_cache) == set()


RACE = """
import json, os, subprocess, sys
import jitcell
from jitcell.loader import files
real = files.hold if sys.argv[2] != "after, unlocked" else files.open_regular  # unlocked: opened, not locked
def hold(path):
    if sys.argv[2] == "before":  # the eviction gets in between reading the manifest and locking the library
        subprocess.run([sys.executable, "-c", sys.argv[3], "locked"], check=True, capture_output=True,
                       env={**os.environ, "JITCELL_CACHE_SIZE": "1"})
    fd = real(path)
    if sys.argv[2].startswith("after"):  # ... or right after the library is locked
        subprocess.run([sys.executable, "-c", sys.argv[3], "locked"], check=True, capture_output=True,
                       env={**os.environ, "JITCELL_CACHE_SIZE": "1"})
    return fd
jitcell.compile_cell("def warm() -> int:\\n    return 1\\n")  # the runtime library, loaded first
files.hold = hold
lib = jitcell.compile_cell(sys.argv[1])
print(json.dumps({"hit": lib.cache_hit, "reason": lib.miss_reason, "value": lib.functions["f5"](3)}))
"""


@pytest.mark.parametrize("when", ["before", "after", "after, unlocked"])
def test_a_load_racing_an_eviction_ends_correctly(fresh_cache, when):
    """An eviction (a real process) that removes the entry after the loader read its manifest and
    before it locked the library: the loader finds the library gone and rebuilds. One that comes
    after the lock cannot take the entry: the loader loads it. With the loader's lock left out,
    the eviction after it wins again: the lock is what kept the entry."""
    compile_in_child(cell(5))
    done = subprocess.run([sys.executable, "-c", RACE, cell(5), when, GC], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["value"] == value(5)
    if when != "after":
        assert result["hit"] is False and result["reason"] == "no entry"
    else:
        assert result["hit"] is True


LOADER = """
import json, random, sys
import jitcell
cells = json.loads(sys.argv[1])
order = random.Random(int(sys.argv[2])).sample(range(len(cells)), len(cells))
print(json.dumps([[n, jitcell.compile_cell(cells[n]).functions[f"f{n}"](3)] for n in order]))
"""

EVICTOR = """
import json, os, sys, time
import jitcell
from jitcell.loader.cache import Cache
jitcell.compile_cell("def keep() -> int:\\n    return 0\\n")  # holds the runtime library: not rebuilt each wave
cache, evicted, rounds = Cache(), 0, 0
print("ready", flush=True)
while True:  # until killed
    done = cache.gc()
    evicted += len(done.evicted) if done else 0
    rounds += 1
    with open(sys.argv[1] + ".new", "w") as f:  # replaced whole: the test reads it after killing this process
        f.write(json.dumps({"evicted": evicted, "rounds": rounds}))
    os.replace(sys.argv[1] + ".new", sys.argv[1])
    time.sleep(0.002)
"""


def race_loads_with_evictions(root: Path, tmp_path: Path, waves: int, loaders: int = 4, cells: int = 6) -> dict:
    sources = [cell(n) for n in range(cells)]
    count = tmp_path / "evicted.json"
    env = {**os.environ, "JITCELL_CACHE_SIZE": "1"}  # every entry no process holds is evicted
    evictor = subprocess.Popen([sys.executable, "-c", EVICTOR, str(count)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert evictor.stdout is not None and evictor.stdout.readline().strip() == "ready"
        for wave in range(waves):
            procs = [subprocess.Popen([sys.executable, "-c", LOADER, json.dumps(sources), str(wave * 100 + i)],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
                     for i in range(loaders)]
            for p in procs:
                out, err = p.communicate(timeout=300)
                assert p.returncode == 0, err  # no crash
                assert sorted(json.loads(out)) == [[n, value(n)] for n in range(cells)]  # no wrong result
    finally:
        evictor.kill()
        _, err = evictor.communicate()
    assert "Traceback" not in err, err
    return json.loads(count.read_text())


def test_eviction_racing_loads_in_other_processes(fresh_cache, tmp_path):
    """Loaders in several processes at once, while another process evicts everything nobody holds
    every few milliseconds: every call gives the right value, no process crashes, and entries were
    really evicted under them (each wave then rebuilds what it loads)."""
    counts = race_loads_with_evictions(fresh_cache, tmp_path, waves=2)
    assert counts["evicted"] >= 6 and counts["rounds"] > 10


@pytest.mark.slow
def test_eviction_racing_loads_in_other_processes_stress(fresh_cache, tmp_path):
    counts = race_loads_with_evictions(fresh_cache, tmp_path, waves=15, loaders=6, cells=10)
    assert counts["evicted"] >= 100


# ---- tidying ---------------------------------------------------------------------------------------


def _aged(path: Path, seconds: float) -> Path:
    old = time.time() - seconds
    os.utime(path, (old, old), follow_symlinks=False)
    return path


def test_gc_tidies_what_killed_writers_left_and_leaves_the_users_files(fresh_cache):
    key = compile_in_child(cell(0))["key"]
    abi = fresh_cache / f"abi-{CODEGEN_ABI}"
    shard = abi / key[:2]
    hour = 3600 + 60
    made = {}  # what gc must remove
    stale = shard / ".build-stale0001"
    stale.mkdir()
    (stale / "cell.o").write_bytes(b"\0" * 100)
    made["stale workspace"] = _aged(stale, hour)
    fresh = shard / ".build-fresh0001"
    fresh.mkdir()
    held = _aged(_mkdir(shard / ".build-held00001"), hour)  # old, but a live build holds it
    made["old temporary"] = _aged(_write(fresh_cache / "toolchain" / f".{'a' * 24}.json.k2j4x9_a.tmp", b"{"), 120)
    made["zero-byte temporary"] = _aged(_write(fresh_cache / "cells" / f".{'b' * 32}.json.zzzzzzzz.tmp", b""), 120)
    made["settings temporary"] = _aged(_write(fresh_cache / ".settings.json.abcdefgh.tmp", b""), 120)
    young_temporary = _write(fresh_cache / "cells" / f".{'c' * 32}.json.yyyyyyyy.tmp", b"")
    month = 31 * 24 * 3600  # a miss record (misses.py) no miss wrote for a month: a session long over
    made["old cell record"] = _aged(_write(fresh_cache / "cells" / f"{'e' * 32}.json", b"{}"), month)
    young_record = _write(fresh_cache / "cells" / f"{'f' * 32}.json", b"{}")
    orphan = "ab" + "1" * 62
    made["orphaned library"] = _aged(_write(abi / "ab" / f"{orphan}.so", b"\x7fELF"), 60)
    young_orphan = _write(abi / "ab" / f"{'ab' + '2' * 62}.so", b"\x7fELF")
    made["manifest alone"] = _aged(_write(abi / "ab" / f"{'ab' + '3' * 62}.json", b"{}"), 60)
    made["empty directory at an entry's name"] = _mkdir(shard / f"{key[:2]}{'4' * 62}.json")
    full = _mkdir(shard / f"{key[:2]}{'5' * 62}.so")
    _write(full / "mine.txt", b"the user's")
    unused = next(name for name in (f"{i:02x}" for i in range(255, -1, -1)) if not (abi / name).exists())
    made["empty shard"] = _mkdir(abi / unused)  # a shard no entry uses (the cell's or the runtime's)
    users = [_write(shard / "notes.txt", b"mine"), _write(shard / f"{key}.so.bak", b"mine"),
             _write(fresh_cache / "notes.txt", b"mine"), _write(fresh_cache / "toolchain" / "README", b"mine"),
             _aged(_write(_mkdir(abi / "mine") / f".{'d' * 24}.json.k2j4x9_a.tmp", b"mine"), hour),
             _aged(_write(fresh_cache / "cells" / "old.tmp", b"mine"), hour)]
    lock = os.open(held, os.O_RDONLY)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as Cache.workspace holds its own
        done = cli("gc")
    finally:
        os.close(lock)
    assert done.returncode == 0, done.stderr
    assert "tidied 1 stale build workspace, 3 temporary files, 2 half-published entries, 1 empty directory in an " \
           "entry's place, 1 empty shard, 1 record of a cell unused for 30 days" in done.stdout, done.stdout
    for what, path in made.items():
        assert not os.path.lexists(path), what
    for path in (fresh, held, young_temporary, young_record, young_orphan, full, *users):
        assert path.exists(), path
    assert compile_in_child(cell(0))["hit"]  # the entry itself is untouched


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.write_bytes(data)
    return path


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, mode=0o700)
    return path


# ---- verify and list ---------------------------------------------------------------------------


def test_verify_removes_damaged_entries_and_keeps_good_ones(fresh_cache):
    flipped, forged, loose, good = [compile_in_child(cell(n))["key"] for n in range(4)]
    cache = Cache(fresh_cache)
    library = Path(cache.paths(flipped)[0])
    data = bytearray(library.read_bytes())
    data[200] ^= 0xFF
    _replace(library, bytes(data))
    manifest = Path(cache.paths(forged)[1])
    _replace(manifest, manifest.read_text().replace('"f1"', '"g1"').encode())
    os.chmod(cache.paths(loose)[0], 0o770)  # writable by the group: a lookup refuses it
    listed = cli("list")
    assert listed.returncode == 0, listed.stderr
    lines = {line[:12]: line for line in listed.stdout.splitlines()}
    assert "✗ the library's digest does not match its manifest" in lines[flipped[:12]]
    assert "✗ the manifest carries a signature that does not match" in lines[forged[:12]]
    assert "is writable by group (mode 0770)" in lines[loose[:12]]
    assert "✗" not in lines[good[:12]] and lines[good[:12]].endswith("f3, g3, h3, k3, p3")
    done = cli("verify")
    assert done.returncode == 0, done.stderr
    assert "5 entries checked: 2 sound, 3 removed" in done.stdout, done.stdout  # with the runtime library's
    assert keys(fresh_cache) == {good, runtime_key(fresh_cache)}
    assert not any(Path(p).exists() for k in (flipped, forged, loose) for p in cache.paths(k))
    assert "2 entries checked: 2 sound, 0 removed" in cli("verify").stdout
    assert compile_in_child(cell(3))["hit"] and not compile_in_child(cell(0))["hit"]


def _replace(path: Path, data: bytes) -> None:
    temporary = path.with_name(path.name + ".new")
    temporary.write_bytes(data)
    os.chmod(temporary, os.stat(path).st_mode & 0o777)
    temporary.replace(path)


# ---- the commands --------------------------------------------------------------------------------


def test_the_command_line(fresh_cache):
    helped = subprocess.run([sys.executable, "-m", "jitcell", "cache", "--help"], capture_output=True, text=True)
    assert helped.returncode == 0
    for command in ("info", "list", "clear", "gc", "verify", "limit SIZE", "JITCELL_CACHE_SIZE"):
        assert command in helped.stdout
    compile_in_child(cell(0))
    info = cli()
    assert info.returncode == 0 and str(fresh_cache) in info.stdout
    assert "2 entries" in info.stdout and "of a 2.0 GiB cap (the default)" in info.stdout
    limited = cli("limit", "1G")
    assert limited.returncode == 0 and "cap set to 1.0 GiB" in limited.stdout
    settings = json.loads((fresh_cache / "settings.json").read_text())
    assert settings["size_limit"] == 1 << 30 and signing.forgery(dict(settings)) is None  # signed
    assert "1.0 GiB cap (set by %jit_cache limit" in cli().stdout
    env = cli(env={"JITCELL_CACHE_SIZE": "500M"}).stdout
    assert "500.0 MiB cap (set by JITCELL_CACHE_SIZE='500M', which wins over %jit_cache limit)" in env
    bad = cli(env={"JITCELL_CACHE_SIZE": "lots"})
    assert bad.returncode == 1 and "JITCELL_CACHE_SIZE='lots' is not a size" in bad.stderr
    failed = compile_in_child(cell(1), env={"JITCELL_CACHE_SIZE": "lots"}, code=COMPILE.replace(
        "lib = jitcell.compile_cell(sys.argv[1])",
        "try:\n    jitcell.compile_cell(sys.argv[1])\nexcept jitcell.JitError as e:\n"
        "    print(json.dumps({'error': type(e).__name__, 'message': str(e)}))\n    sys.exit()"))
    assert failed["error"] == "CacheError" and "is not a size" in failed["message"]
    assert cli("limit", "lots").returncode == 1
    assert cli("limit").returncode == 2 and cli("frobnicate").returncode == 2
    settings["size_limit"] = 1  # edited by hand: the signature no longer holds, and the file is ignored
    (fresh_cache / "settings.json").write_text(json.dumps(settings))
    assert "2.0 GiB cap (the default (" in cli().stdout and "signature that does not match" in cli().stdout
    assert cli("limit", "default").returncode == 0 and not (fresh_cache / "settings.json").exists()
    assert "under the cap: nothing evicted" in cli("gc").stdout
    shrunk = cli("limit", "1")
    assert "evicted 2 least-recently-used entries" in shrunk.stdout and keys(fresh_cache) == set()
    cleared = cli("clear")
    assert cleared.returncode == 0 and "0 entries removed" in cleared.stdout
    assert (fresh_cache / "settings.json").exists()  # the cap outlives a clear: it is a setting, not an entry


def _runtime_held_here(cache) -> bool:
    """Whether this process loaded its runtime library from `cache` (else from another test's cache)."""
    from jitcell import runtime

    return str(runtime.library().path).startswith(str(cache))


def test_the_magic_in_an_ipython_shell(fresh_cache):
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "jitcell")

    def run(line: str):
        with capture_output() as captured:
            result = shell.run_cell(line)
        return result, captured

    others = [compile_in_child(cell(n))["key"] for n in (1, 2)]  # entries no live process holds
    result, _ = run("%%jit\ndef cube(x: float) -> float:\n    return x * x * x\n")
    assert result.success
    _, captured = run("%jit_cache")
    text = captured.outputs[0].data["text/plain"]
    assert "4 entries" in text and "(the default)" in text and "in use by running processes" in text
    _, captured = run("%jit_cache list")
    assert "cube  (in use)" in captured.stdout and "f1" in captured.stdout
    # the shell's own entries are in use: only the others go. Which ones this process holds depends on
    # whether it built its runtime library in this cache or loaded it from another before this test
    held = len(keys(fresh_cache) - set(others)) - (0 if _runtime_held_here(fresh_cache) else 1)
    result, captured = run("%jit_cache limit 1")
    assert result.success, captured.stderr
    assert f"evicted {4 - held} least-recently-used entries" in captured.stdout
    assert f"kept {held} entr{'y' if held == 1 else 'ies'}" in captured.stdout
    assert not keys(fresh_cache) & set(others) and shell.user_ns["cube"](2.0) == 8.0
    _, captured = run("%jit_cache")
    assert "set by %jit_cache limit" in captured.outputs[0].data["text/plain"]
    _, captured = run("%jit_cache gc")
    assert f"kept {held} entr{'y' if held == 1 else 'ies'} that running processes have loaded" in captured.stdout
    _, captured = run("%jit_cache verify")
    assert f"{held} entr{'y' if held == 1 else 'ies'} checked: {held} sound, 0 removed" in captured.stdout
    result, captured = run("%jit_cache limit 5Q")
    assert not result.success and "'5Q' is not a size" in captured.stderr + captured.stdout
    result, captured = run("%jit_cache limit")
    assert not result.success and "unknown command" in captured.stderr + captured.stdout
    run("%jit_cache limit default")
    _, captured = run("%jit_cache clear")
    assert f"{held} entr{'y' if held == 1 else 'ies'} removed" in captured.stdout
    shell.user_ns.pop("cube", None)


def test_gc_and_verify_refuse_a_directory_without_the_tag(tmp_path):
    """As `clear` does: JITCELL_CACHE_DIR pointed at a folder jitcell never wrote to (a home directory)."""
    home = tmp_path / "home"
    shard = _mkdir(home / f"abi-{CODEGEN_ABI}" / "3f")
    mine = [_aged(_write(shard / f"3f{'0' * 62}.json", b"my notes, named like a manifest"), 7200),
            _aged(_write(shard / f"3f{'1' * 62}.so", b"named like an orphaned library"), 7200), _mkdir(shard / "ee")]
    env = {"JITCELL_CACHE_DIR": str(home), "JITCELL_CACHE_SIZE": "1"}
    for command in ("gc", "verify"):
        done = cli(command, env=env)
        assert done.returncode == 1 and "has no CACHEDIR.TAG" in done.stderr and "nothing was removed" in done.stderr
    assert all(path.exists() for path in mine)
    assert cli("list", env=env).returncode == 0 and cli(env=env).returncode == 0  # reading is fine


def test_the_list_names_a_kernel_cells_variables_or_its_first_line(fresh_cache):
    """`%jit_cache list` shows what a kernel cell defines, or, for statements only, its first line
    (cut at 40 characters): never the internal name of the cell's body."""
    import jitcell

    jitcell.compile_cell("limit: int = 10\n", script=True)
    jitcell.compile_cell("\nprint('a long first line that goes on and on and on')\n", script=True)
    listed = [e.functions for e in upkeep.entries(Cache(fresh_cache)) if e.functions != ["(jitcell's runtime library)"]]
    assert sorted(listed) == [["(a cell: print('a long first line that goes on an…)"], ["limit"]]


def test_gc_skips_files_another_process_removes_while_it_walks(fresh_cache, monkeypatch):
    """Another process's gc may remove a miss record or a temporary just after this walk looked at it:
    the walk looks once (a second look would find nothing and fail) and goes on."""
    cache = Cache(fresh_cache)
    files.private_directory(str(fresh_cache), "cells")  # as a miss record's writer makes it: tagged, 0700
    going = {_write(fresh_cache / "cells" / f"{'e' * 32}.json", b"{}"),
             _write(fresh_cache / "cells" / f".{'b' * 32}.json.zzzzzzzz.tmp", b"")}
    look = os.stat

    def looked_at_then_removed(path, *args, **kwargs):
        found = look(path, *args, **kwargs)
        for gone in [p for p in going if p.name == path]:
            gone.unlink()
            going.discard(gone)
        return found

    monkeypatch.setattr(os, "stat", looked_at_then_removed)
    done = cache.gc()
    monkeypatch.undo()
    assert done is not None and not going
