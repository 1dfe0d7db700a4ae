"""The value types of jitcell's language, as interned values compared with `==`.

    >>> INT, FLOAT, BOOL, NONE, STR, COMPLEX
    (int, float, bool, None, str, complex)
    >>> Array(FLOAT, 2), Tuple((INT, STR)), Dict(STR, INT), Set(INT), List(Tuple((INT, FLOAT)))
    (float[:, :], tuple[int, str], dict[str, int], set[int], list[tuple[int, float]])
    >>> VarTuple(INT)           # a list underneath, immutable: check/vartuples.py
    tuple[int, ...]

Scalars (int, float, bool, complex) and tuples are values. str, dict, set, list and arrays live on
the heap, are reference counted, and travel as pointers (`is_heap`).

`ERROR` is the type of an expression that already produced a diagnostic; checks
accept it silently so that one mistake is reported once.
"""

from __future__ import annotations

from dataclasses import dataclass

from jitcell.dtypes import DEFAULT_DTYPE, DTYPES, dtype_of_prefix, type_prefix

__all__ = ["Type", "INT", "FLOAT", "BOOL", "NONE", "STR", "COMPLEX", "RANGE", "ERROR", "Array", "Tuple", "Dict", "Set",
           "List", "VarTuple", "Generator", "Optional", "Function", "Instance", "type_from_name", "type_from_text",
           "is_numeric", "is_heap", "has_heap_parts"]


@dataclass(frozen=True, slots=True)
class Type:
    name: str

    def __repr__(self) -> str:
        return self.name

    __str__ = __repr__


INT = Type("int")
FLOAT = Type("float")
BOOL = Type("bool")
NONE = Type("None")
STR = Type("str")
COMPLEX = Type("complex")  # complex128: check/complexes.py, lower/complexes.py
RANGE = Type("range")  # a range object: {start, stop, step} (check/ranges.py, lower/ranges.py)
ERROR = Type("<error>")


@dataclass(frozen=True, slots=True, repr=False)
class Array(Type):
    """A NumPy array: `element` is the Python type an item reads as, `dtype` how it is stored
    (jitcell/dtypes.py): Array(INT, 1) is int64's `int[:]`, Array(INT, 2, "uint8") `uint8[:, :]`."""

    element: Type
    ndim: int
    dtype: str

    def __init__(self, element: Type, ndim: int, dtype: str | None = None):
        dtype = dtype or DEFAULT_DTYPE.get(element.name, element.name)
        prefix = type_prefix(dtype) if dtype in DTYPES else str(element)
        object.__setattr__(self, "name", f"{prefix}[{', '.join([':'] * ndim)}]")
        object.__setattr__(self, "element", element)
        object.__setattr__(self, "ndim", ndim)
        object.__setattr__(self, "dtype", dtype)

    def with_ndim(self, ndim: int) -> Array:
        """The same dtype with `ndim` axes (a view's type)."""
        return Array(self.element, ndim, self.dtype)


@dataclass(frozen=True, slots=True, repr=False)
class Tuple(Type):
    items: tuple[Type, ...]

    def __init__(self, items):
        items = tuple(items)
        object.__setattr__(self, "name", f"tuple[{', '.join(map(str, items))}]" if items else "tuple[()]")
        object.__setattr__(self, "items", items)


@dataclass(frozen=True, slots=True, repr=False)
class Dict(Type):
    key: Type
    value: Type

    def __init__(self, key: Type, value: Type):
        object.__setattr__(self, "name", f"dict[{key}, {value}]")
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "value", value)


@dataclass(frozen=True, slots=True, repr=False)
class Set(Type):
    element: Type

    def __init__(self, element: Type):
        object.__setattr__(self, "name", f"set[{element}]")
        object.__setattr__(self, "element", element)


@dataclass(frozen=True, slots=True, repr=False)
class List(Type):
    element: Type

    def __init__(self, element: Type):
        object.__setattr__(self, "name", f"list[{element}]")
        object.__setattr__(self, "element", element)


@dataclass(frozen=True, slots=True, repr=False)
class VarTuple(List):
    """`tuple[int, ...]`: a tuple whose length is known at run time. Laid out as a list (the same
    runtime object, so every list operation that reads applies); check keeps it immutable
    (compiler/check/vartuples.py), and the boundary gives and takes Python tuples."""

    def __init__(self, element: Type):
        object.__setattr__(self, "name", f"tuple[{element}, ...]")
        object.__setattr__(self, "element", element)


@dataclass(frozen=True, slots=True, repr=False)
class Generator(Type):
    """What calling a generator function gives: walked where it is made (a for loop, sum()...),
    never stored or passed. At run time, the handle of an LLVM coroutine (lower/generators.py)."""

    item: Type

    def __init__(self, item: Type):
        object.__setattr__(self, "name", f"Iterator[{item}]")
        object.__setattr__(self, "item", item)


@dataclass(frozen=True, slots=True, repr=False)
class Optional(Type):
    """`T | None` (`Optional[T]`): None or a value of `inner`. An object type is its pointer, null
    for None; a number is a pair {present: i1, value} (lower/optional.py)."""

    inner: Type

    def __init__(self, inner: Type):
        object.__setattr__(self, "name", f"{inner} | None")
        object.__setattr__(self, "inner", inner)


@dataclass(frozen=True, slots=True, repr=False)
class Function(Type):
    """`Callable[[float, float], float]`: a function as a value (check/callables.py). At run time the
    address of a function with the impl's ABI (lower/callables.py); never stored beyond a call."""

    params: tuple[Type, ...]
    result: Type

    def __init__(self, params, result: Type):
        params = tuple(params)
        object.__setattr__(self, "name", f"Callable[[{', '.join(map(str, params))}], {result}]")
        object.__setattr__(self, "params", params)
        object.__setattr__(self, "result", result)


@dataclass(frozen=True, slots=True, repr=False)
class Instance(Type):
    """An instance of a class of the cell (check/classes.py): a reference-counted runtime object,
    its fields after a header (lower/classes.py). `name` is the class's name: one cell defines it."""

    def __init__(self, name: str):
        object.__setattr__(self, "name", name)


_BY_NAME = {"int": INT, "float": FLOAT, "bool": BOOL, "None": NONE, "str": STR, "complex": COMPLEX}


def type_from_name(name: str) -> Type | None:
    return _BY_NAME.get(name)


def type_from_text(text: str, classes: frozenset[str] = frozenset()) -> Type | None:
    """A Type from its name in a manifest ("int", "tuple[int, str]", "dict[str, float]"), or None.
    `classes`: the names read as classes' instances (check/outer_classes.py)."""
    t = type_from_name(text)
    if t is not None:
        return t
    if text in classes:
        return Instance(text)
    if text.endswith(" | None"):
        inner = type_from_text(text[:-len(" | None")], classes)
        return None if inner is None else Optional(inner)
    if text.startswith("Callable[[") and text.endswith("]"):
        body = text[len("Callable["):-1]
        end = _closing(body)  # the `]` closing the parameters' list
        if not body[end + 1:].startswith(", "):
            return None
        params = [type_from_text(item, classes) for item in _split(body[1:end])]
        result = type_from_text(body[end + 3:], classes)
        if result is None or any(p is None for p in params):
            return None
        return Function([p for p in params if p is not None], result)
    if text.startswith("tuple[") and text.endswith(", ...]"):
        inner = type_from_text(text[len("tuple["):-len(", ...]")], classes)
        return None if inner is None else VarTuple(inner)
    for head, make in (("tuple[", lambda items: Tuple(items)),
                       ("dict[", lambda items: Dict(*items) if len(items) == 2 else None),
                       ("set[", lambda items: Set(*items) if len(items) == 1 else None),
                       ("list[", lambda items: List(items[0]) if len(items) == 1 else None)):
        if text.startswith(head) and text.endswith("]"):
            items = [type_from_text(item, classes) for item in _split(text[len(head):-1])]
            return None if None in items else make(items)
    if text.endswith("]") and "[" in text:
        element, _, dims = text[:-1].partition("[")
        parts = [d.strip() for d in dims.split(",")]
        dtype = dtype_of_prefix(element)
        if dtype is not None and parts and all(p == ":" for p in parts):
            return Array(_BY_NAME[dtype.kind], len(parts), dtype.name)
    return None


def _closing(text: str) -> int:
    """The index of the bracket closing the one `text` starts with (len(text) if none)."""
    depth = 0
    for i, ch in enumerate(text):
        depth += (ch == "[") - (ch == "]")
        if depth == 0:
            return i
    return len(text)


def _split(text: str) -> list[str]:
    items, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += ch == "["
        depth -= ch == "]"
        if ch == "," and depth == 0:
            items.append(text[start:i].strip())
            start = i + 1
    items.append(text[start:].strip())
    return [i for i in items if i]


def is_numeric(t: Type) -> bool:
    """int, float and bool take part in arithmetic (bool as 0 or 1, as in Python)."""
    return t in (INT, FLOAT, BOOL)


def is_heap(t: Type) -> bool:
    """A reference-counted object behind a pointer."""
    return t is STR or t == STR or isinstance(t, (Array, Dict, Set, List, Instance))


def has_heap_parts(t: Type) -> bool:
    """Owned by whoever holds it: objects, tuples holding one, a generator (destroyed, not released)."""
    return is_heap(t) or isinstance(t, Generator) or (isinstance(t, Optional) and is_heap(t.inner)) \
        or (isinstance(t, Tuple) and any(has_heap_parts(i) for i in t.items))


def arrays_inside(t: Type) -> bool:
    """A list, dict or set (or a tuple of one) holding NumPy arrays at any depth. Such a value stays in
    compiled code: an array parameter is a view on the entry point's stack (lower/arrays.py), which
    must not outlive the call in a list, and Python's readers of lists (runtime/lists.py) know no arrays."""
    if isinstance(t, (List, Dict, Set)):
        return _holds_array(t)
    return isinstance(t, Tuple) and any(map(arrays_inside, t.items))


def _holds_array(t: Type) -> bool:
    if isinstance(t, Array):
        return True
    if isinstance(t, Tuple):
        return any(map(_holds_array, t.items))
    if isinstance(t, (List, Set)):
        return _holds_array(t.element)
    return isinstance(t, Dict) and _holds_array(t.value)


def list_result_of_arrays(t: Type) -> bool:
    """A list or dict holding arrays, in lists, dicts and tuples only, which an entry point can return:
    it moves the arrays that live on its frame off it (lower/program.py), and runtime/lists.py reads them."""
    def plain(u: Type) -> bool:
        if isinstance(u, Tuple):
            return all(map(plain, u.items))
        if isinstance(u, List):
            return plain(u.element)
        if isinstance(u, Dict):
            return plain(u.value)
        return not isinstance(u, Set)

    return isinstance(t, (List, Dict)) and plain(t)
