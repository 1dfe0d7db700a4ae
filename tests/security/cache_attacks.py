"""What the cache attack tests share: a victim cell, a library that announces itself when loaded,
planting an entry, and the victim run in a child process with or without its protections.

The evil library is real native code built with the system C compiler: its ELF constructor
writes a marker file the moment `dlopen` maps it, before jitcell could look at its exports.
So "the marker exists" means "the attacker's code ran in the victim's process".
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jitcell.loader.cache import library_digest

CELL = "def scale(x: int, k: int = 2) -> int:\n    return x * k\n"

# Switches, each pasted into the victim child before it compiles: the test proves the protection
# matters by showing that the attack succeeds with it switched off, in that child only.
SIGNATURE_OFF = """
import jitcell.loader.signing as _signing
_signing.forgery = lambda document: (document.pop("mac", None), None)[1]  # every signature "matches"
"""
OWNERSHIP_OFF = """
import jitcell.loader.files as _files
_files._directory_problem = lambda *args: None  # every directory "is safe"
_files._file_problem = lambda *args: None  # every file "is ours"
_files._link_problem = lambda *args: None  # every link on the way "is ours"
"""

VICTIM = """
import json, sys
import jitcell
{switches}
try:
    lib = jitcell.compile_cell({cell!r})
    print(json.dumps({{"hit": lib.cache_hit, "reason": lib.miss_reason, "key": lib.key,
                      "toolchain": lib.manifest["toolchain"], "value": lib.functions["scale"](5)}}))
except Exception as error:
    print(json.dumps({{"error": type(error).__name__, "message": str(error)}}))
"""

EVIL_C = r"""
#include <stdio.h>
__attribute__((constructor)) static void planted(void) {
    FILE *f = fopen(MARKER, "w");
    if (f) { fputs("the attacker's code ran\n", f); fclose(f); }
}
"""


def evil_library(folder: Path, marker: Path) -> bytes:
    """A shared library whose constructor creates `marker`, built with the system `cc -shared`."""
    compiler = shutil.which("cc")
    if compiler is None:
        pytest.skip("no system C compiler (cc) to build the attacker's library with")
    source = folder / "evil.c"
    source.write_text(EVIL_C)
    library = folder / "evil.so"
    subprocess.run([compiler, "-shared", "-fPIC", f'-DMARKER="{marker}"', "-o", str(library), str(source)],
                   check=True, capture_output=True)
    return library.read_bytes()


def replace_file(path: Path, data: bytes) -> None:
    """Write `path` as a new inode (the test process may have the old one mapped)."""
    temporary = path.with_name(path.name + ".planting")
    temporary.write_bytes(data)
    os.chmod(temporary, os.stat(path).st_mode & 0o777 if path.exists() else 0o600)
    temporary.replace(path)


def forged_manifest(manifest: dict, key: str, library: bytes, **changes) -> dict:
    """`manifest` made to describe `library` under `key`, well formed (manifest.problem accepts it)
    but not signed: its "mac" is dropped or left stale."""
    forged = json.loads(json.dumps(manifest))
    forged.pop("mac", None)
    tag = int(key[:16], 16)
    forged.update(key=key, tag=tag - (1 << 64) if tag >= 1 << 63 else tag, **changes)
    forged["library"].update(file=key + ".so", blake2b=library_digest(library), size=len(library))
    return forged


def entry_paths(cache: Path, key: str) -> tuple[Path, Path]:
    from jitcell.version import CODEGEN_ABI

    shard = cache / f"abi-{CODEGEN_ABI}" / key[:2]
    return shard / f"{key}.so", shard / f"{key}.json"


def run_victim(cache: Path, *switches: str, env: dict | None = None, user_python: str | None = None) -> dict:
    """compile_cell(CELL) in a fresh process on `cache`; its result, or the error it raised."""
    code = VICTIM.format(switches="\n".join(switches), cell=CELL)
    done = subprocess.run([user_python or sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "JITCELL_CACHE_DIR": str(cache), **(env or {})})
    assert done.returncode == 0 and done.stdout.strip(), done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])
