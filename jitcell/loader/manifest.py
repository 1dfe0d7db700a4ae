"""A manifest read from the cache is untrusted input: its shape is checked before it is used.

    >>> problem(json.loads(text), key)        # None, or why the entry cannot be used
    "functions[0].params[1]: 'flaot[:]' is not a type jitcell knows"

Everything the loader, the binder, the callbacks and the diagnostics read from a manifest is
checked here against the one shape `compiler/driver.build` writes: names are identifiers,
symbols are the ones their names derive, types are spelled as jitcell spells them, numbers are
numbers, every error site is one the callbacks know (runtime/sites.site_problem). Any
mismatch makes the entry corrupt, so it is rebuilt: never a wrong result, never a KeyError,
and no string from disk reaches generated Python (bind.py) unless it passed these checks.

The grammar of type names is typenames.py's.
"""

from __future__ import annotations

import sys

from jitcell import abi
from jitcell.runtime import callbacks
from jitcell.version import CODEGEN_ABI

from .layout import is_key
from .typenames import TypeName, is_identifier, parse_type, signature_text

__all__ = ["problem"]

_OPTIONS = {"opt": int, "wraparound": bool, "first_line": int, "loop_versioning": bool, "interrupt_checks": bool,
            "boundscheck": bool, "internal": bool, "script": bool, "break_linkage": str, "parallel": bool}
_BREAKS = ("no-dllexport", "hidden")
_INT64 = (-(2**63), 2**63 - 1)

class _Invalid(Exception):
    """What is wrong, with where: "functions[0].params[1]: ..."."""


def problem(manifest: object, key: str) -> str | None:
    """None if `manifest` is a well-formed manifest of the entry `key`; else what is wrong."""
    try:
        _check_manifest(manifest, key)
    except _Invalid as error:
        return str(error)
    return None


# ---- checks --------------------------------------------------------------------------


def _fail(where: str, message: str) -> _Invalid:
    return _Invalid(f"{where}: {message}" if where else message)


def _object(value: object, where: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict:
    if not isinstance(value, dict):
        raise _fail(where, "not an object")
    missing = [k for k in required if k not in value]
    if missing:
        raise _fail(where, f"{missing[0]!r} is missing")
    unknown = sorted(k for k in value if k not in required and k not in optional)
    if unknown:
        raise _fail(where, f"{unknown[0]!r} is not a field jitcell writes")
    return value


def _list(value: object, where: str) -> list:
    if not isinstance(value, list):
        raise _fail(where, "not a list")
    return value


def _str(value: object, where: str, limit: int = 1 << 20) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise _fail(where, "not a string")
    return value


def _line(value: object, where: str) -> str:
    """A short one-line text (a signature, a symbol, a library name)."""
    text = _str(value, where, 4096)
    if "\n" in text or "\r" in text or "\0" in text:
        raise _fail(where, "not a single line")
    return text


def _int(value: object, where: str, low: int = _INT64[0], high: int = _INT64[1]) -> int:
    if type(value) is not int or not low <= value <= high:
        raise _fail(where, f"not an int in [{low}, {high}]")
    return value


def _number(value: object, where: str) -> None:
    if type(value) not in (int, float):
        raise _fail(where, "not a number")


def _bool(value: object, where: str) -> bool:
    if type(value) is not bool:
        raise _fail(where, "not true or false")
    return value


def _name(value: object, where: str) -> str:
    if not isinstance(value, str) or not is_identifier(value):
        raise _fail(where, f"{value!r} is not a name jitcell writes")
    return value


def _type(value: object, where: str, allow_none: bool = False) -> TypeName:
    parsed = parse_type(value) if isinstance(value, str) else None
    if parsed is None or (parsed == ("None",) and not allow_none):
        raise _fail(where, f"{value!r} is not a type jitcell knows")
    return parsed


def _constant(value: object, where: str) -> None:
    """A default value: an int (64-bit), a float, a bool, a str, None, or a tuple of them (a list)."""
    if type(value) is bool or type(value) is float or value is None:
        return
    if type(value) is str:
        _str(value, where)
        return
    if isinstance(value, (list, tuple)):  # a tuple, as JSON writes it (or before it does)
        for i, item in enumerate(value):
            _constant(item, f"{where}[{i}]")
        return
    _int(value, where)


def _fits(value: object, t: TypeName) -> bool:
    """Whether a default is a value of its parameter's type (parsed), as the compiler wrote it."""
    kind = t[0]
    if kind == "optional":
        return value is None or _fits(value, t[1])
    if kind in ("int", "bool"):
        return type(value) is bool or (kind == "int" and type(value) is int)
    if kind == "float":
        return type(value) in (int, float, bool)
    if kind == "str":
        return type(value) is str
    if kind == "tuple":
        return isinstance(value, (list, tuple)) and len(value) == len(t[1]) and \
            all(_fits(v, item) for v, item in zip(value, t[1], strict=True))
    if kind == "vartuple":
        return isinstance(value, (list, tuple)) and all(_fits(v, t[1]) for v in value)
    return False


def _generator_item(parsed: TypeName) -> bool:
    """An item of a generator Python walks (lower/generator_entries.py): a number, bool or str, or a
    tuple of such."""
    if parsed[0] == "tuple":
        return all(_generator_item(item) for item in parsed[1])
    return parsed in (("int",), ("float",), ("bool",), ("str",), ("complex",))


def _check_manifest(manifest: object, key: str) -> None:
    # the checks of site tables and classes: a cache hit reads sealed manifests, and imports neither
    from jitcell.runtime import sites

    from . import classes

    m = _object(manifest, "", ("format", "key", "tag", "jitcell", "abi", "toolchain", "source", "options",
                               "created", "library", "functions", "slots", "removed_slots", "imports", "globals",
                               "exports", "sections", "sites", "timings", "callees"),
                ("variables", "uses", "frozen", "generators", "mac", "classes"))
    if m["format"] != 1:
        raise _fail("format", "not 1")
    if not isinstance(key, str) or not is_key(key) or m["key"] != key:
        raise _fail("key", "not this entry's key")
    expected_tag = int(key[:16], 16)
    expected_tag -= (1 << 64) if expected_tag >= 1 << 63 else 0
    if m["tag"] != expected_tag:
        raise _fail("tag", "not the one its key derives")
    _line(m["jitcell"], "jitcell")
    if m["abi"] != CODEGEN_ABI:
        raise _fail("abi", f"not {CODEGEN_ABI}")
    toolchain = m["toolchain"]
    if not isinstance(toolchain, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                  for k, v in toolchain.items()):
        raise _fail("toolchain", "not an object of strings")
    _str(m["source"], "source")
    _number(m["created"], "created")
    options = _check_options(m["options"])
    _check_library(m["library"], key)
    rows = m.get("classes")
    declared = {r.get("name") for r in rows if isinstance(r, dict)} if isinstance(rows, list) else set()
    functions = [_check_function(row, f"functions[{i}]", options, declared)
                 for i, row in enumerate(_list(m["functions"], "functions"))]
    if len(set(functions)) != len(functions):
        raise _fail("functions", "a name appears twice")
    for field in ("slots", "removed_slots"):
        for i, row in enumerate(_list(m[field], field)):
            _check_slot(row, f"{field}[{i}]")
    for i, row in enumerate(_list(m["imports"], "imports")):
        row = _object(row, f"imports[{i}]", ("name", "library"))
        _line(row["name"], f"imports[{i}].name")
        if row["library"] is not None:
            _line(row["library"], f"imports[{i}].library")
    for i, row in enumerate(_list(m["globals"], "globals")):
        row = _object(row, f"globals[{i}]", ("name", "kind", "linkage", "visibility", "storage_class"))
        for field in ("name", "kind", "linkage", "visibility", "storage_class"):
            _line(row[field], f"globals[{i}].{field}")
    for i, row in enumerate(_list(m["exports"], "exports")):
        row = _object(row, f"exports[{i}]", ("name", "kind", "offset", "size"))
        _line(row["name"], f"exports[{i}].name")
        _line(row["kind"], f"exports[{i}].kind")
        _int(row["offset"], f"exports[{i}].offset", 0)
        _int(row["size"], f"exports[{i}].size", 0)
    sections = m["sections"]
    if not isinstance(sections, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                 for k, v in sections.items()):
        raise _fail("sections", "not an object of strings")
    for i, site in enumerate(_list(m["sites"], "sites")):
        found = sites.site_problem(site)
        if found is not None:
            raise _fail(f"sites[{i}]", found)
    timings = m["timings"]
    if not isinstance(timings, dict) or not all(isinstance(k, str) and type(v) in (int, float)
                                                for k, v in timings.items()):
        raise _fail("timings", "not an object of numbers")
    for i, row in enumerate(_list(m["callees"], "callees")):
        _check_callee(row, f"callees[{i}]")
    if "variables" in m:
        for i, row in enumerate(_list(m["variables"], "variables")):
            row = _object(row, f"variables[{i}]", ("name", "type", "symbol"))
            name = _name(row["name"], f"variables[{i}].name")
            _type(row["type"], f"variables[{i}].type")
            if row["symbol"] != abi.var_symbol(name):
                raise _fail(f"variables[{i}].symbol", "not the one its name derives")
    for i, row in enumerate(_list(m.get("generators", []), "generators")):
        where = f"generators[{i}]"
        row = _object(row, where, ("name", "signature", "line", "column"), ("start", "item"))
        name = _name(row["name"], f"{where}.name")
        _line(row["signature"], f"{where}.signature")
        _int(row["line"], f"{where}.line")
        _int(row["column"], f"{where}.column")
        if ("start" in row) != ("item" in row):
            raise _fail(where, "a start entry and an item type go together")
        if "start" in row:  # Python walks it (bind.py): its start entry is a function's, returning the handle
            start = _check_function(row["start"], f"{where}.start", options, cell_entry=False)
            if start != name or row["start"]["returns"] != "int" or "call_symbol" in row["start"]:
                raise _fail(f"{where}.start", "not the start entry of this generator")
            if not _generator_item(_type(row["item"], f"{where}.item")):
                raise _fail(f"{where}.item", "not an item a Python caller takes (numbers, bools, strs, tuples of them)")
    if "uses" in m:
        for i, row in enumerate(_list(m["uses"], "uses")):
            row = _object(row, f"uses[{i}]", ("name", "slot", "type"))
            name = _name(row["name"], f"uses[{i}].name")
            _type(row["type"], f"uses[{i}].type")
            if row["slot"] != abi.slot_symbol(abi.VAR_TARGET + name):
                raise _fail(f"uses[{i}].slot", "not the one its name derives")
    if "frozen" in m:
        for i, row in enumerate(_list(m["frozen"], "frozen")):
            row = _object(row, f"frozen[{i}]", ("name", "value"))
            _name(row["name"], f"frozen[{i}].name")
            _str(row["value"], f"frozen[{i}].value")
    if "mac" in m:
        _line(m["mac"], "mac")
    classes.check(m, parse_type, _fail)


def _check_options(value: object) -> dict:
    options = _object(value, "options", ("opt", "wraparound", "first_line", "loop_versioning", "interrupt_checks",
                                         "boundscheck"), ("internal", "script", "break_linkage", "parallel"))
    for name, kind in _OPTIONS.items():
        if name in options and type(options[name]) is not kind:
            raise _fail(f"options.{name}", f"not a {kind.__name__}")
    _int(options["opt"], "options.opt", 0, 3)
    _int(options["first_line"], "options.first_line", 1, 1 << 31)
    if "break_linkage" in options and options["break_linkage"] not in _BREAKS:
        raise _fail("options.break_linkage", "not a way jitcell breaks a slot")
    return options


def _check_library(value: object, key: str) -> None:
    library = _object(value, "library", ("file", "blake2b", "size", "linker"))
    suffix = {"darwin": ".dylib", "win32": ".dll"}.get(sys.platform, ".so")
    if library["file"] != key + suffix:
        raise _fail("library.file", "not this entry's library")
    if not isinstance(library["blake2b"], str) or not is_key(library["blake2b"]):  # 64 lowercase hex digits too
        raise _fail("library.blake2b", "not a BLAKE2b-256 digest")
    _int(library["size"], "library.size", 0)
    for i, arg in enumerate(_list(library["linker"], "library.linker")):
        _str(arg, f"library.linker[{i}]", 1 << 16)


def _check_function(value: object, where: str, options: dict, declared: set | None = None,
                    cell_entry: bool = True) -> str:
    """A function row; `cell_entry` False: one other cells do not call (a generator's start entry)."""
    row = _object(value, where, ("name", "symbol", "params", "returns", "defaults", "signature", "doc"),
                  ("result_items", "writes_arrays", "call_symbol", "keyword_only", "native_symbol"))
    name = row["name"]
    if not (is_identifier(name) or name == abi.SCRIPT_FUNCTION or all(map(is_identifier, name.split(".", 1)))):
        raise _fail(f"{where}.name", f"{name!r} is not a name jitcell writes")
    if row["symbol"] != abi.function_symbol(name):
        raise _fail(f"{where}.symbol", "not the one its name derives")
    if "call_symbol" in row and row["call_symbol"] != abi.call_symbol(name):
        raise _fail(f"{where}.call_symbol", "not the one its name derives")
    if "native_symbol" in row and row["native_symbol"] != abi.native_symbol(name):
        raise _fail(f"{where}.native_symbol", "not the one its name derives")
    params = _list(row["params"], f"{where}.params")
    seen = set()
    for i, param in enumerate(params):
        if not isinstance(param, list) or len(param) != 2:
            raise _fail(f"{where}.params[{i}]", "not a [name, type] pair")
        seen.add(_name(param[0], f"{where}.params[{i}]"))
        parsed = _type(param[1], f"{where}.params[{i}]")
        if parsed[0] == "class" and parsed[1] not in (declared or set()):
            raise _fail(f"{where}.params[{i}]", f"the class {parsed[1]} is not declared in this manifest")
        if parsed[0] == "tuple" and "tuple[]" in param[1]:
            raise _fail(f"{where}.params[{i}]", "a tuple parameter holding an empty tuple is not something jitcell "
                                                "compiles")
    if len(seen) != len(params):
        raise _fail(f"{where}.params", "a name appears twice")
    returns = _type(row["returns"], f"{where}.returns", allow_none=True)
    defaults = _list(row["defaults"], f"{where}.defaults")
    if len(defaults) > len(params):
        raise _fail(f"{where}.defaults", "more defaults than parameters")
    for i, default in enumerate(defaults):
        _constant(default, f"{where}.defaults[{i}]")
        param = params[len(params) - len(defaults) + i]
        if not _fits(default, _type(param[1], f"{where}.params")):
            raise _fail(f"{where}.defaults[{i}]", f"not a value of parameter {param[0]!r}'s type {param[1]}")
    keyword_only = _int(row.get("keyword_only", 0), f"{where}.keyword_only", 0)
    if keyword_only > len(params):
        raise _fail(f"{where}.keyword_only", "more keyword-only parameters than parameters")
    if row["signature"] != signature_text(params, row["returns"], defaults, keyword_only):
        raise _fail(f"{where}.signature", "does not match its parameters, defaults and result")
    if row["doc"] is not None:
        _str(row["doc"], f"{where}.doc")
    if "result_items" in row:
        if returns[0] != "tuple":
            raise _fail(f"{where}.result_items", "only a tuple result has items")
        items = _list(row["result_items"], f"{where}.result_items")
        if [parse_type(i) if isinstance(i, str) else None for i in items] != list(returns[1]):
            raise _fail(f"{where}.result_items", "not the items of its result type")
    elif returns[0] == "tuple":
        raise _fail(f"{where}.result_items", "a tuple result without its items")
    if "writes_arrays" in row:
        _bool(row["writes_arrays"], f"{where}.writes_arrays")
    if cell_entry and not options.get("internal") and name != abi.SCRIPT_FUNCTION and "call_symbol" not in row:
        raise _fail(f"{where}.call_symbol", "missing")
    return name


def _check_slot(value: object, where: str) -> None:
    row = _object(value, where, ("name", "target", "baked"))
    target = row["target"]
    if not _slot_target(target):
        raise _fail(f"{where}.target", f"{target!r} is not a slot target jitcell knows")
    if row["name"] != abi.slot_symbol(target):
        raise _fail(f"{where}.name", "not the one its target derives")
    _int(row["baked"], f"{where}.baked", 0, 2**64 - 1)


def _slot_target(target: object) -> bool:
    if not isinstance(target, str):
        return False
    if target in callbacks.TARGETS or target in ("interrupts", "native"):
        return True
    kind, dot, name = target.partition(".")
    if not dot:
        return False
    if kind == "capi":
        return name in abi.CAPI_FUNCTIONS
    if kind == "cell":  # a function, or a method of a class a class of the cell derives from
        return all(is_identifier(part) for part in name.split(".", 1))
    if kind in ("rt", "var"):
        return is_identifier(name)
    return False


def _check_callee(value: object, where: str) -> None:
    row = _object(value, where, ("name", "slot", "signature", "expects"))
    cls, dot, method = row["name"].partition(".") if isinstance(row["name"], str) else ("", "", "")
    name = f"{_name(cls, f'{where}.name')}.{_name(method, f'{where}.name')}" if dot else \
        _name(row["name"], f"{where}.name")
    if row["slot"] != abi.slot_symbol(abi.CELL_TARGET + name):
        raise _fail(f"{where}.slot", "not the one its name derives")
    expects = _object(row["expects"], f"{where}.expects", ("params", "returns", "defaults"),
                      ("keyword_only", "class", "classes"))
    if not isinstance(expects.get("class", ""), str):
        raise _fail(f"{where}.expects.class", "not a digest")
    named = expects.get("classes", {})  # the classes of other cells its signature names (outer_classes.py)
    if not isinstance(named, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in named.items()):
        raise _fail(f"{where}.expects.classes", "not an object of class names and digests")
    for i, param in enumerate(_list(expects["params"], f"{where}.expects.params")):
        if not isinstance(param, list) or len(param) != 2:
            raise _fail(f"{where}.expects.params[{i}]", "not a [name, type] pair")
        _name(param[0], f"{where}.expects.params[{i}]")
        _type(param[1], f"{where}.expects.params[{i}]")
    _type(expects["returns"], f"{where}.expects.returns", allow_none=True)
    for i, default in enumerate(_list(expects["defaults"], f"{where}.expects.defaults")):
        _constant(default, f"{where}.expects.defaults[{i}]")
    keyword_only = _int(expects.get("keyword_only", 0), f"{where}.expects.keyword_only", 0)
    if row["signature"] != signature_text(expects["params"], expects["returns"], expects["defaults"], keyword_only):
        raise _fail(f"{where}.signature", "does not match what it expects")
