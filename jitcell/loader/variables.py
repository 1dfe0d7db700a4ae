"""Module variables of kernel cells: data that lives in the library of the cell that declared it.

    In [1]: total: int = 0                      In [2]: def add(n: int) -> int:
            counts: dict[str, int] = {}                     global total
                                                            total += n
                                                            return total

Cell 1's library exports the storage, `jitcell.var.total` (8 bytes, zero until the cell
runs and assigns 0). Every access, in cell 1 as in cell 2, goes through a slot
`jitcell.slot.var.total` (target "var.total") holding the storage's address: the loader
writes it after every load, so a cached library reads and writes the variable of this
process, and a missing export is a LinkageError, as for every slot. A cell's own
variables are baked as 0 (their address exists only once the library is loaded).

The cache key of a cell holds the types of the variables of other cells it mentions,
never their values. A later cell that declares the same name again (same type) gets new
storage, and the `Namespace` re-points every loaded reader and writer at it, as Python's
globals would; with another type, their cells are compiled again.

From Python (`%%python` cells of the kernel, or `JitVariable.value`) a variable is read
as a Python value (a dict is a copy) and written with its type checked.
"""

from __future__ import annotations

import ctypes
import re

from jitcell import abi, runtime
from jitcell.errors import LinkageError
from jitcell.runtime.convert import from_table, to_table

__all__ = ["JitVariable", "PREFIX", "resolve", "key_part", "manifest_rows", "address"]

PREFIX = "var."  # slot targets "var.NAME"
_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1


class JitVariable:
    """A module variable compiled by jitcell: its name, type and the library that holds it."""

    def __init__(self, name: str, type_name: str, library):
        self.name, self.type, self.library = name, type_name, library

    def __repr__(self) -> str:
        return f"<jitcell variable {self.name}: {self.type} = {self.value!r}>"

    @property
    def address(self) -> int:
        symbol = abi.var_symbol(self.name)
        try:
            return ctypes.addressof(ctypes.c_char.in_dll(self.library.handle, symbol))
        except ValueError:
            raise LinkageError(f"module variable {self.name!r} (symbol {symbol!r}) is missing from the export "
                               f"table of {self.library.location}") from None

    @property
    def value(self):
        address, t = self.address, self.type
        if t == "int":
            return ctypes.c_int64.from_address(address).value
        if t == "float":
            return ctypes.c_double.from_address(address).value
        if t == "bool":
            return bool(ctypes.c_uint8.from_address(address).value)
        obj = ctypes.c_void_p.from_address(address).value
        if not obj:
            raise NameError(f"the variable {self.name!r} has no value yet: its cell has not run to the assignment")
        if t == "str":
            return runtime.read_str(obj)
        ctypes.c_int64.from_address(obj).value += 1  # from_table releases the reference it reads
        return from_table(obj, t)

    @value.setter
    def value(self, new) -> None:
        address, t = self.address, self.type
        what = f"the jitcell variable '{self.name}' ({t})"
        if t in ("int", "bool", "float"):
            if t == "float" and isinstance(new, (int, float)) and not isinstance(new, bool) or \
                    t == "int" and isinstance(new, int) or t == "bool" and isinstance(new, bool):
                pass
            else:
                raise TypeError(f"{what} cannot hold {type(new).__name__} {new!r}")
            if t == "int" and not _INT_MIN <= new <= _INT_MAX:
                raise OverflowError(f"{what} holds 64-bit ints; {new} does not fit")
            if t == "float":
                ctypes.c_double.from_address(address).value = float(new)
            else:
                (ctypes.c_int64 if t == "int" else ctypes.c_uint8).from_address(address).value = int(new)
            return
        if t == "str":
            if not isinstance(new, str):
                raise TypeError(f"{what} cannot hold {type(new).__name__} {new!r}")
            obj = runtime.new_str(new)
        else:
            obj = to_table(new, t, "assignment", self.name)
        cell = ctypes.c_void_p.from_address(address)
        old, cell.value = cell.value, obj
        if old:
            runtime.call("obj_release", old)


def resolve(callees, source: str) -> dict:
    """The variables of earlier cells that `source` may use: words of the source that the
    namespace knows as variables (a superset, which is safe for the cache key)."""
    known = getattr(callees, "variables", None)
    if not known:
        return {}
    words = set(re.findall(r"(?<![\w.])(?!\d)\w+", source))
    return {w: known[w] for w in sorted(words) if w in known}


def key_part(env: dict) -> dict:
    return {name: var.type for name, var in env.items()}


def manifest_rows(env: dict, targets) -> list[dict]:
    """`manifest["uses"]`: the variables of other cells the code reaches, and their types."""
    return [{"name": t[len(PREFIX):], "slot": abi.slot_symbol(t), "type": env[t[len(PREFIX):]].type}
            for t in targets if t.startswith(PREFIX) and t[len(PREFIX):] in env]


def address(env: dict, name: str, manifest: dict | None) -> int:
    """What the slot "var.NAME" of a library that uses another cell's variable must hold."""
    expected = {r["name"]: r["type"] for r in (manifest or {}).get("uses", [])}
    var = env.get(name)
    if var is None:
        raise LinkageError(f"this cell uses the variable {name!r} of another cell, which is not defined here "
                           f"(is this a new kernel?); run the cell that declares {name} first")
    if name in expected and expected[name] != var.type:
        raise LinkageError(f"this cell was compiled against {name}: {expected[name]}, but {name} is now "
                           f"{var.type}; recompile this cell")
    return var.address
