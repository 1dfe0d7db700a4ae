"""The type names jitcell writes in manifests, and their grammar.

    >>> parse_type("tuple[int, dict[str, float]]")
    ('tuple', (('int',), ('dict', 'str', 'float')))
    >>> parse_type("float[:, :]"), parse_type("list[int] | None"), parse_type("flaot")
    (('array', 'float', 2), ('optional', ('list', ('int',))), ('class', 'flaot'))

The manifest's checks (manifest.py) parse every type name with it; the binder (bind.py, wrappers.py)
reads the structure of parameters and results from it, so a cache hit imports this module and not
the checks.
"""

from __future__ import annotations

import keyword
import re

from jitcell.dtypes import DTYPES, MAX_NDIM, type_prefix

__all__ = ["TypeName", "parse_type", "signature_text", "as_default", "default_text", "is_identifier", "uses_arrays"]

_SCALARS = ("int", "float", "bool", "str", "complex")
_DICT_KEYS = ("int", "str")
_OPTIONAL_INNER = ("int", "float", "bool", "str", "list", "dict", "class")  # what may be None (check/optional.py)
_DICT_WORDS = ("int", "float", "bool", "str")  # a dict value named, not parsed
_NOT_DICT_VALUES = ("None", "callable")  # check/dicts.py, value_problem
_ARRAY_ELEMENTS = ("int", "float", "bool", "complex")
_ARRAY_DTYPES = tuple(sorted({type_prefix(d) for d in DTYPES} - set(_ARRAY_ELEMENTS), key=len, reverse=True))
# A parsed type name: ("int",), ("tuple", (item, ...)), ("dict", key, value), ("set", element),
# ("array", element, ndim), ("list", element), ("optional", inner), ("vartuple", element) for tuple[T, ...],
# ("callable", (param, ...), result) for Callable[[A, B], R]
# ("class", name) for an instance of a class of the cell (declared in the manifest's `classes`: classes.py)
TypeName = tuple


def parse_type(text: str) -> TypeName | None:
    """The structure of a type name as jitcell writes it ("tuple[int, dict[str, float]]",
    "float[:, :]", "list[int] | None"), or None if it is not one."""
    if text.endswith(" | None"):
        inner = parse_type(text[:-len(" | None")])
        return ("optional", inner) if inner is not None and inner[0] in _OPTIONAL_INNER else None
    try:
        parsed, rest = _parse(text)
    except (ValueError, RecursionError):
        return None
    return parsed if rest == "" else None


def _parse(text: str) -> tuple[TypeName, str]:
    for scalar in (*_ARRAY_DTYPES, *_SCALARS, "None"):
        if text.startswith(scalar) and not text[len(scalar):len(scalar) + 1].isalnum():
            rest = text[len(scalar):]
            if scalar in _ARRAY_DTYPES and not rest.startswith("["):
                raise ValueError(text)  # uint8 & co. name arrays' dtypes only
            if (scalar in _ARRAY_ELEMENTS or scalar in _ARRAY_DTYPES) and rest.startswith("["):
                match = re.match(r"\[:(, :)*\]", rest)
                if not match:
                    raise ValueError(text)
                ndim = match.group().count(":")
                if ndim > MAX_NDIM:
                    raise ValueError(text)
                return ("array", scalar, ndim), rest[match.end():]
            return (scalar,), rest
    if text.startswith("tuple["):
        items: list[TypeName] = []
        rest = text[len("tuple["):]
        while True:
            item, rest = _parse(rest)
            if item == ("None",):
                raise ValueError(text)
            if not items and rest.startswith(", ...]"):
                return ("vartuple", item), rest[len(", ...]"):]
            items.append(item)
            if rest.startswith(", "):
                rest = rest[2:]
            elif rest.startswith("]"):
                return ("tuple", tuple(items)), rest[1:]
            else:
                raise ValueError(text)
    if text.startswith("Callable[["):  # a function as a value (compiler/check/callables.py)
        params: list[TypeName] = []
        rest = text[len("Callable[["):]
        while not rest.startswith("]"):
            item, rest = _parse(rest)
            params.append(item)
            if rest.startswith(", "):
                rest = rest[2:]
            elif not rest.startswith("]"):
                raise ValueError(text)
        if not rest.startswith("], "):
            raise ValueError(text)
        result, rest = _parse(rest[3:])
        if not rest.startswith("]"):
            raise ValueError(text)
        return ("callable", tuple(params), result), rest[1:]
    if text.startswith("list["):
        element, rest = _parse(text[len("list["):])
        if element[0] == "class" and rest.startswith(" | None]"):  # list[Vec | None]: null items are None
            element, rest = ("optional", element), rest[len(" | None"):]
        if element == ("None",) or not rest.startswith("]"):
            raise ValueError(text)
        return ("list", element), rest[1:]
    if text.startswith("dict["):
        key, rest = _parse(text[len("dict["):])
        key_text = text[len("dict["):len(text) - len(rest)]
        if not rest.startswith(", "):
            raise ValueError(text)
        value, rest = _parse(rest[2:])
        if not _is_key(key) or value[0] in _NOT_DICT_VALUES or not rest.startswith("]"):
            raise ValueError(text)
        return ("dict", key_text, value[0] if value[0] in _DICT_WORDS else value), rest[1:]
    if text.startswith("set["):
        element, rest = _parse(text[len("set["):])
        if not _is_key(element) or not rest.startswith("]"):
            raise ValueError(text)
        return ("set", text[len("set["):len(text) - len(rest)]), rest[1:]
    name = re.match(r"[A-Za-z_]\w*", text)
    if name is not None and not keyword.iskeyword(name.group()):
        return ("class", name.group()), text[name.end():]
    raise ValueError(text)


def _is_key(t: TypeName) -> bool:
    """A set element or dict key: int, str, or a tuple of scalars (check/keys.py)."""
    if t[0] == "tuple":
        return all(i[0] in _SCALARS or i[0] == "tuple" and _is_key(i) for i in t[1])
    return t[0] in _DICT_KEYS


def signature_text(params: list, returns: str, defaults: list, keyword_only: int = 0) -> str:
    """"(n: int, x: float = 0.5) -> float", as typed.Signature writes it: written twice, the
    manifest's copy must agree with its parameters, so one damaged field cannot go unseen."""
    first_default = len(params) - len(defaults)
    parts = [f"{name}: {t}" + (f" = {default_text(defaults[i - first_default])}" if i >= first_default else "")
             for i, (name, t) in enumerate(params)]
    if keyword_only:
        parts.insert(len(params) - keyword_only, "*")
    return f"({', '.join(parts)}) -> {returns}"


def as_default(value: object) -> object:
    """A default as Python holds it: JSON gives a tuple back as a list."""
    return tuple(as_default(v) for v in value) if isinstance(value, (list, tuple)) else value


def default_text(value: object) -> str:
    return repr(as_default(value))


def is_identifier(name: object) -> bool:
    """A name generated Python may use as a parameter: an identifier, not a keyword, not the
    wrappers' own prefix."""
    return (isinstance(name, str) and name.isidentifier() and not keyword.iskeyword(name)
            and not name.startswith("jc__") and len(name) <= 256)


def uses_arrays(function: dict) -> bool:
    """Whether an array crosses the boundary of a manifest's function row: a parameter, an item of a
    tuple parameter, the result or an item of it (its calls then need NumPy: native.available, the
    wrapper's array conversions)."""
    def crosses(parsed) -> bool:
        return parsed is not None and (parsed[0] == "array" or parsed[0] == "tuple" and any(map(crosses, parsed[1])))

    def is_array(type_name: str) -> bool:
        parsed = parse_type(type_name)
        return parsed is not None and parsed[0] == "array"

    return any(crosses(parse_type(t)) for _, t in function["params"]) or \
        any(map(is_array, [function["returns"], *function.get("result_items", ())]))
