"""link: object file -> shared library, with a real linker found on this machine.

    >>> find_linker().name
    'ld'
    >>> link(Path("cell.o"), Path("cell.so"), ["m"])     # ld -shared -z defs --as-needed ... -lm
    >>> linking = start(Path("cell.o"), Path("cell.so"), [])   # the same, waited for later:
    >>> ...; linking.wait()                                      # the compiler works meanwhile

Tried in order: the system `ld`, the C compiler driver `cc`, and the `ziglang`
package's `zig ld.lld`. `JITCELL_LINKER=ld|cc|zig` picks one. `-z defs` makes the
linker refuse any undefined symbol that the named libraries (libm, libc: those the
object imports from) do not provide, so a library can only import from them.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jitcell.errors import LinkError, ToolchainError
from jitcell.loader.symbols import defining_library

from . import spawn

__all__ = ["Linker", "Linking", "find_linker", "link", "start", "system_libraries", "providers"]


@dataclass(frozen=True, slots=True)
class Linker:
    name: str  # "ld", "cc" or "zig"
    program: tuple[str, ...]

    def command(self, objects: Sequence[Path], out: Path, libraries: list[str]) -> list[str]:
        """`libraries`: the system libraries the objects import from, by short name ("m", "c")."""
        inputs = [str(obj) for obj in objects]
        if sys.platform == "darwin":
            return [*self.program, "-dynamiclib", "-o", str(out), *inputs]
        common = ["-shared", "-z", "defs", "--as-needed", "-o", str(out), *inputs]
        if self.name == "ld":
            return [*self.program, *common, *(f"-l{lib}" for lib in libraries)]
        if self.name == "zig":  # zig's lld knows no system search paths: name the libraries
            paths = system_libraries()
            return [*self.program, *common, *(paths[lib] for lib in libraries if lib in paths)]
        # no start files: their crtbegin/crtend objects would import TM-clone and gmon hooks
        return [*self.program, "-shared", "-nostartfiles", "-Wl,-z,defs", "-Wl,--as-needed",
                "-o", str(out), *inputs, *(f"-l{lib}" for lib in libraries if lib != "c")]


@functools.cache
def system_libraries() -> dict[str, str]:
    """The libm and libc this Python process runs with: {"m": path, "c": path} (/proc/self/maps)."""
    found: dict[str, str] = {}
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                path = line.split()[-1]
                name = os.path.basename(path)
                for short, prefix in (("m", "libm.so"), ("c", "libc.so")):
                    if name.startswith(prefix) and short not in found:
                        found[short] = path
    except OSError:
        pass
    return found


def providers(symbols: list[str]) -> dict[str, str | None]:
    """Which system library ("m" or "c") defines each symbol (None: neither)."""
    found: dict[str, str | None] = {}
    for symbol in symbols:
        found[symbol] = None
        for short, file, handle in _system_handles():
            if defining_library(handle, symbol) == file:
                found[symbol] = short
                break
    return found


@functools.cache
def _system_handles() -> tuple[tuple[str, str, object], ...]:
    """(short name, file name, ctypes handle) of the libm and libc this process runs with."""
    import ctypes

    handles: list[tuple[str, str, object]] = []
    for short, path in system_libraries().items():
        try:
            handles.append((short, os.path.basename(path), ctypes.CDLL(path)))
        except OSError:
            continue
    return tuple(handles)


def _zig() -> tuple[str, ...] | None:
    spec = importlib.util.find_spec("ziglang")
    if spec is None or spec.origin is None:
        return None
    exe = Path(spec.origin).parent / ("zig.exe" if sys.platform == "win32" else "zig")
    return (str(exe), "ld.lld") if exe.exists() else None


def _candidates() -> dict[str, tuple[str, ...] | None]:
    found: dict[str, tuple[str, ...] | None] = {}
    for name in ("ld", "cc"):
        path = shutil.which(name) if not (name == "ld" and sys.platform == "darwin") else None
        found[name] = (path,) if path else None
    found["zig"] = _zig()
    return found


@functools.cache
def find_linker() -> Linker:
    candidates = _candidates()
    wanted = os.environ.get("JITCELL_LINKER")
    if wanted:
        if wanted not in candidates:
            raise ToolchainError(f"JITCELL_LINKER={wanted!r}: choose one of ld, cc, zig")
        program = candidates[wanted]
        if program is None:
            raise ToolchainError(f"JITCELL_LINKER={wanted} but no such linker was found on this machine")
        return Linker(wanted, program)
    for name, program in candidates.items():
        if program is not None:
            return Linker(name, program)
    raise ToolchainError(
        "jitcell found no linker to build shared libraries. Install one of:\n"
        "  - binutils (the system 'ld'):   apt install binutils   /  dnf install binutils\n"
        "  - a C compiler ('cc'):          apt install gcc        /  xcode-select --install\n"
        "  - the ziglang package:          pip install ziglang")


def link(objects: Path | Sequence[Path], out: Path, libraries: Sequence[str] = ("m", "c")) -> list[str]:
    """Link the object file(s) into the shared library `out`; returns the command line used.

    Name only the libraries the object imports from: reading libc's symbol table
    costs the linker more than the rest of a small cell's link.
    """
    return start(objects, out, libraries).wait()


class Linking:
    """A linker at work (`start`): `wait` for the library, or `stop` it."""

    def __init__(self, command: list[str], running: spawn.Running) -> None:
        self.command = command
        self.running = running

    def wait(self) -> list[str]:
        """The command line used, once the library is written; LinkError if the linker failed."""
        status, output = self.running.wait()
        if status != 0:
            output = output.strip()
            raise LinkError(f"the linker failed (exit status {status}):\n  $ {' '.join(self.command)}\n"
                            + "\n".join("  " + line for line in output.splitlines()))
        return self.command

    def stop(self) -> None:
        self.running.stop()


def start(objects: Path | Sequence[Path], out: Path, libraries: Sequence[str] = ("m", "c")) -> Linking:
    """`link`, returning as soon as the linker has started: the caller can work meanwhile (the
    linker is another process), then `wait`s."""
    linker = find_linker()
    command = linker.command([objects] if isinstance(objects, Path) else objects, out, list(libraries))
    try:
        running = spawn.start(command, timeout=120)
    except OSError as error:
        raise ToolchainError(f"could not run the linker {command[0]}: {error}") from None
    return Linking(command, running)
