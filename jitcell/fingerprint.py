"""What this machine's code generator is, learned once and remembered without llvmlite.

    >>> toolchain(cache_root)
    {'llvm': '22.1.0', 'llvmlite': '0.50.0', 'triple': 'x86_64-unknown-linux-gnu',
     'cpu': 'znver3', 'features': '+sse2,+avx2,...'}

The LLVM version and the host CPU as LLVM names it are part of every cache key, but
asking llvmlite costs ~100 ms of imports, which a cache hit must not pay. So the
answer is stored in `<cache>/toolchain/<identity>.json`, where the identity is
cheap to compute: the installed llvmlite's files (path, size, mtime), the Python
build and the CPU as the operating system describes it. A new llvmlite, another
Python or another CPU is a new identity, and the code generator is asked again.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
from pathlib import Path

__all__ = ["toolchain", "cpu_identity"]

_memo: dict[str, dict] = {}


def cpu_identity() -> str:
    if sys.platform.startswith("linux"):
        try:
            with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
                first = f.read(1 << 16).split("\n\n")[0]
        except OSError:
            first = ""
        keep = ("model name", "flags", "features", "cpu implementer", "cpu part", "cpu family", "model")
        lines = [line for line in first.splitlines() if line.split(":")[0].strip().lower() in keep]
        if lines:
            return "\n".join(lines)
    import platform

    return f"{platform.machine()} {platform.processor()}"


def _llvmlite_identity() -> str:
    spec = importlib.util.find_spec("llvmlite")
    if spec is None or spec.origin is None:
        return "llvmlite missing"
    package = Path(spec.origin).parent
    parts = []
    for path in sorted((package / "binding").glob("*llvmlite*")) + [package / "_version.py"]:
        try:
            st = path.stat()
        except OSError:
            continue
        parts.append(f"{path}:{st.st_size}:{st.st_mtime_ns}")
    return "\n".join(parts)


def _identity() -> str:
    text = "\n".join([_llvmlite_identity(), sys.version, sys.platform, cpu_identity()])
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def toolchain(cache_root: Path | None, write: bool = True) -> dict:
    identity = _identity()
    if identity in _memo:
        return _memo[identity]
    path = cache_root / "toolchain" / f"{identity}.json" if cache_root is not None else None
    info = None
    if path is not None:
        try:
            info = json.loads(path.read_text())
        except (OSError, ValueError):
            info = None
    if info is None:
        from . import machine  # imports llvmlite: only the first time on this machine

        info = machine.toolchain()
        if path is not None and write:
            _write_atomically(path, json.dumps(info, indent=1))
    _memo[identity] = info
    return info


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text)
    os.replace(tmp, path)
