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

    >>> linking = prestart(Path("cell.so"))     # GNU ld on Linux: started before the object exists
    >>> ...; linking.finish(Path("cell.o"), []).wait()

GNU ld spends about 1 ms starting (its process, loading libbfd) before it reads anything: half of
a small cell's link. `prestart` starts it while LLVM still emits the object, with its linker script
on a pipe (`-T /dev/fd/3`), and `finish` writes the script then: ld's own default script for these
options (`ld --verbose` prints it), then `INPUT(objects libm libc)`. The library is the same, byte
for byte, as the one `link` makes (tests/test_link.py), and the manifest records that command.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jitcell.errors import LinkError, ToolchainError
from jitcell.loader.symbols import defining_library

from . import spawn

__all__ = ["Linker", "Linking", "Prestarted", "find_linker", "link", "start", "prestart", "system_libraries",
           "providers"]


_SHARED = ("-shared", "-z", "defs", "--as-needed")  # ld's options for a cell's library


@dataclass(frozen=True, slots=True)
class Linker:
    name: str  # "ld", "cc" or "zig"
    program: tuple[str, ...]

    def command(self, objects: Sequence[Path], out: Path, libraries: list[str]) -> list[str]:
        """`libraries`: the system libraries the objects import from, by short name ("m", "c")."""
        inputs = [str(obj) for obj in objects]
        if sys.platform == "darwin":
            return [*self.program, "-dynamiclib", "-o", str(out), *inputs]
        common = [*_SHARED, "-o", str(out), *inputs]
        if self.name == "ld":
            return [*self.program, *common, *_library_inputs(libraries)]
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


def _library_inputs(libraries: Sequence[str]) -> list[str]:
    """How ld is given the system libraries: the files of this process's own libm and libc where
    known (those `providers` found the symbols in), else `-lm`, `-lc`. Not the `libm.so` and `libc.so`
    that `-l` finds, scripts that add libmvec, libc_nonshared.a and the dynamic loader: reading them
    cost ld ~1 ms more, for symbols the objects cannot import (`providers` refuses the rest)."""
    paths = system_libraries()
    return [paths.get(lib, f"-l{lib}") for lib in libraries]


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
    return Linking(command, _run_linker(command))


def _run_linker(command: list[str], feed_fd: int | None = None) -> spawn.Running:
    """The linker started (spawn.start); ToolchainError if it cannot be."""
    try:
        return spawn.start(command, timeout=120, feed_fd=feed_fd)
    except OSError as error:
        raise ToolchainError(f"could not run the linker {command[0]}: {error}") from None


class Prestarted:
    """GNU ld started before the objects exist (`prestart`), waiting for its linker script."""

    def __init__(self, linker: Linker, out: Path, script: str, running: spawn.Running) -> None:
        self.linker, self.out, self.script, self.running = linker, out, script, running

    def finish(self, objects: Path | Sequence[Path], libraries: Sequence[str] = ("m", "c")) -> Linking:
        """Give the linker its inputs: it links `objects` and `libraries` into the library now."""
        objects = [objects] if isinstance(objects, Path) else list(objects)
        inputs = " ".join(_quoted(name) if not name.startswith("-l") else name
                          for name in [*map(str, objects), *_library_inputs(libraries)])
        self.running.send(f"{self.script}\nINPUT({inputs})\n".encode())
        return Linking(self.linker.command(objects, self.out, list(libraries)), self.running)

    def stop(self) -> None:
        self.running.stop()


def prestart(out: Path) -> Prestarted | None:
    """GNU ld, started now to link the library `out` once `finish` names its objects; None where
    that linker is not the one used (then `start` links), or its default script is unknown."""
    linker = find_linker()
    if linker.name != "ld" or not sys.platform.startswith("linux") or not _descriptor_paths() or \
            not all(map(_scriptable, [str(out), *system_libraries().values()])):
        return None
    script = _default_script(linker.program)
    if script is None:
        return None
    command = [*linker.program, *_SHARED, "-o", str(out), "-T", "/dev/fd/3"]
    return Prestarted(linker, out, script, _run_linker(command, feed_fd=3))


@functools.cache
def _descriptor_paths() -> bool:
    """Whether a process can open its descriptors as /dev/fd/N (not where /proc is not mounted)."""
    return os.path.isdir("/dev/fd")


_SCRIPT_RULE = "=" * 50  # the lines around the default script in `ld --verbose`


@functools.cache
def _default_script(program: tuple[str, ...]) -> str | None:
    """The linker script GNU ld uses by default for a cell's options (once per process, ~1.5 ms)."""
    try:
        status, output = spawn.run([*program, *_SHARED, "--verbose"], timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    parts = output.split(_SCRIPT_RULE)
    if status != 0 or len(parts) != 3 or "SECTIONS" not in parts[1]:
        return None
    return parts[1]


def _scriptable(path: str) -> bool:
    """Whether a linker script can name `path`, in double quotes (it may hold spaces)."""
    return not any(c in path for c in '"\n\r')


def _quoted(path: str) -> str:
    if not _scriptable(path):  # the objects are in the library's folder, which prestart checked
        raise ToolchainError(f"a linker script cannot name {path!r}")
    return f'"{path}"'
