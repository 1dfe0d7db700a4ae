"""Python lists, dicts and sets <-> the runtime library's objects, at the boundary of a compiled call.

    def f(xs: list[int]) -> None:       the wrapper: call = Boundary("f")
        xs.append(len(xs))                  jc__xs = call.argument(xs, "list[int]", "xs")   copy in
                                            jc__entry(jc__xs)
    ys = [1, 2]; f(ys); ys == [1, 2, 2]     call.reflect(jc__xs, "list[int]")              write back

A list argument is copied into a runtime list (its items checked against the parameter's
type: a TypeError names the parameter and the first bad item), as Numba's reflected lists
are. When the call returns (or raises), each runtime list made from a Python list is
written back into that same Python list object if compiled code modified it (the list's
`modified` word, runtime/source.py): the caller sees every mutation, and an unmodified
list costs nothing more than the copy in. Dicts and sets are copied into tables and
reflected the same way, when their `modified` word is set: natively for a plain dict or set
(source.py, `table_from_python`, `table_to_python`), else through convert.py. Nested lists, dicts and sets are
reflected into their
own Python objects, so aliases inside the caller's data stay aliases. The boundary maps
each runtime object it made back to the Python object it came from (and keeps a reference
to it until the call is over, so its address cannot be reused): a list that compiled code
returns, stores or moves is given back as the caller's object wherever it was one.

Items are 8-byte words, a list[bool]'s one byte each (`_size`). Flat lists of int, float or
bool cross in native code: the runtime library reads and writes the Python list through
CPython's C API (source.py, "lists at the boundary"), and writes back only the items whose
value changed (a list subclass goes the Python way, so that its own methods are used); an
item the native loop does not take plainly (a numpy.bool_, an int beyond 64 bits, a str) sends the list through
the Python path below, which converts it or names the bad item. strs, tuples, nested lists
and dicts go item by item.

Instances of a cell's classes (`list[Vec]`, `dict[str, Vec]`, `tuple[Vec, ...]`) cross as their
addresses: an item is checked by the loader's `Instances` (its class, or a subclass, of this
layout) and retained by the runtime object; an item read back is the instance's one Python
wrapper (loader/classes.py), made of the object's own class if none lives.
"""

from __future__ import annotations

import array
import ctypes
import functools
import struct

from jitcell import runtime
from jitcell.runtime import arrays, convert

__all__ = ["Boundary", "read", "parse", "is_sequence"]

_WORD = ctypes.c_int64.from_address
_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1
_SCALARS = ("int", "float", "bool", "str", "complex")
_FLAT = {"int": 0, "float": 1, "bool": 2}  # the `kind` of the native conversions
_WORD_VALUES = ("int", "float", "bool", "str")  # a dict's values the native conversions take
_TRUE, _FALSE = id(True), id(False)

# A parsed type: ("int",), ("tuple", (item, ...)), ("list", element), ("dict", key, value, name),
# ("set", element, name), ("vartuple", element) for tuple[T, ...]: a runtime list that crosses as a Python tuple,
# ("class", name, may_be_none): an instance of a cell's class
Parsed = tuple


TYPE_CHECKING = False  # typing costs a fresh process ~2 ms to import; the interface is for the type checker
if TYPE_CHECKING:
    from typing import Protocol

    class Instances(Protocol):
        """What the boundary needs of a library's classes (loader/classes.py gives it)."""

        def address(self, item: object, name: str) -> int | str:
            """The address of `item` if it is an instance `name` takes, else what to call it in a TypeError."""
            ...

        def wrap(self, address: int, name: str) -> object:
            """The Python object of the instance at `address` (a reference of its own)."""
            ...

        def taken(self, name: str) -> frozenset[type]:
            """Classes whose instances `name` takes for certain (others: ask address())."""
            ...


_SEQUENCES = ("list", "vartuple")


def is_sequence(name: str) -> bool:
    """A runtime list object: list[T], or tuple[T, ...] (never written back: immutable)."""
    return name.endswith("]") and (name.startswith("list[") or name.startswith("tuple[") and name.endswith(", ...]"))


@functools.cache
def parse(name: str) -> Parsed:
    """"list[tuple[int, str]]" -> ("list", ("tuple", (("int",), ("str",))))."""
    if name in _SCALARS:
        return (name,)
    if arrays.is_array_type(name):  # in a list result only (check/program.py refuses the rest)
        return ("array", name)
    head, _, rest = name.partition("[")
    inner = _split(rest[:-1])
    if head == "list":
        return ("list", parse(inner[0]))
    if head == "tuple" and len(inner) == 2 and inner[1] == "...":
        return ("vartuple", parse(inner[0]))
    if head == "tuple":
        return ("tuple", tuple(parse(i) for i in inner))
    if head == "dict":
        return ("dict", inner[0], inner[1], name)
    if head == "set":
        return ("set", inner[0], name)
    if name.removesuffix(" | None").isidentifier():
        return ("class", name.removesuffix(" | None"), name.endswith(" | None"))
    raise TypeError(f"jitcell: {name} cannot cross the boundary inside a list")


def _split(text: str) -> list[str]:
    items, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += ch == "["
        depth -= ch == "]"
        if ch == "," and depth == 0:
            items.append(text[start:i].strip())
            start = i + 1
    items.append(text[start:].strip())
    return items


def _words(t: Parsed) -> int:
    return sum(_words(i) for i in t[1]) if t[0] == "tuple" else 2 if t[0] == "complex" else 1


def _size(t: Parsed) -> int:
    """The bytes of a list item (compiler/lower/items.py's item_size): a bool's one, else its words."""
    return 1 if t[0] == "bool" else 8 * _words(t)


def _mask(t: Parsed) -> int:
    if t[0] != "tuple":
        return 1 if t[0] in ("str", "list", "dict", "set", "array", "vartuple", "class") else 0
    mask, at = 0, 0
    for item in t[1]:
        mask |= _mask(item) << at
        at += _words(item)
    return mask


def _name(t: Parsed) -> str:
    if t[0] == "list":
        return f"list[{_name(t[1])}]"
    if t[0] == "vartuple":
        return f"tuple[{_name(t[1])}, ...]"
    if t[0] == "tuple":
        return f"tuple[{', '.join(_name(i) for i in t[1])}]"
    if t[0] == "dict":
        return t[3]
    if t[0] == "set":
        return t[2]
    if t[0] == "class":
        return t[1] + " | None" * t[2]
    return t[0]


def _holds_objects(t: Parsed) -> bool:
    return t[0] in ("list", "dict", "set", "vartuple") or (t[0] == "tuple" and any(_holds_objects(i) for i in t[1]))


class _BadItem(Exception):
    """An item of the wrong type: where it is (indices from the outside in, a dict's keys by repr)
    and what it is."""

    def __init__(self, path: list, found: str):
        self.path, self.found = path, found


class Boundary:
    """The conversions of one call: what it made from which Python object, and what it holds."""

    __slots__ = ("function", "instances", "originals", "held", "reflected", "arguments", "call_args", "reading")

    def __init__(self, function: str, instances: Instances | None = None):
        self.function = function
        self.instances = instances
        self.originals: dict[int, object] = {}  # runtime object -> the Python list or dict it came from
        self.held: list[int] = []  # references this call keeps until finish()
        self.reflected: set[int] = set()
        self.arguments: list[tuple[int, str]] = []  # what argument() gave the call, for close()
        self.call_args: tuple = ()  # the call's arguments, for the arrays of a list result
        self.reading = False  # read(): arrays are copied, the objects left as they are

    # ---- in ------------------------------------------------------------------------------

    def argument(self, value, type_name: str, param: str) -> int:
        """A runtime object (owned by the caller) holding a copy of the list, dict or set `value`."""
        t = parse(type_name)
        try:
            if t[0] == "dict":
                obj = self.dict_in(value, t, param)
            elif t[0] == "set":
                obj = self.set_in(value, t, param)
            elif not isinstance(value, tuple) if t[0] == "vartuple" else (
                    value.__class__ is not list and not isinstance(value, list)):
                raise _BadItem([], type(value).__name__)
            else:
                obj = self.list_in(value, t, [])
            self.arguments.append((obj, type_name))
            return obj
        except BaseException as error:  # the arguments made so far are released: the call never happens
            self.close(reflect=False)
            if not isinstance(error, _BadItem):
                raise
            bad, noun = error, {"vartuple": "tuple", "dict": "dict"}.get(t[0], "list")
            if not bad.path:
                message = f"not {bad.found}"
            elif len(bad.path) == 1 and t[0] != "dict":
                message = f"not {noun} containing {bad.found} at index {bad.path[0]}"
            else:
                message = f"not {noun} containing {bad.found} at {param}{''.join(f'[{i}]' for i in bad.path)}"
            raise TypeError(f"{self.function}() argument '{param}' must be {type_name}, {message}") from None

    def list_in(self, value: list | tuple, t: Parsed, path: list) -> int:
        element = t[1]
        n = len(value)
        kind = element[0]
        owned: list[int] = []
        if kind == "class" and (lst := self.instances_in(value, element)):
            self.register(lst, value)
            return lst
        if kind in _FLAT and value.__class__ is list:  # a subclass may change how it is read
            lst = _native("list_from_python")(value, _FLAT[kind], _TRUE, _FALSE)
            if lst > 0:
                self.register(lst, value)
                return lst
            if lst == 0:
                raise MemoryError
        try:
            if kind in _FLAT:  # an item the native loop did not take: convert here, or name it
                data = _pack_flat(value, kind, path)
            else:
                words: list[int] = []
                for i, item in enumerate(value):
                    self.item_words(item, element, words, owned, [*path, i])
                data = array.array("q", words)
            lst = _rt("list_new")(n, _size(element), _mask(element))
            if lst == 0:
                raise MemoryError
        except BaseException:
            for obj in owned:
                runtime.call("obj_release", obj)
            raise
        if data:  # no copy: from the array's own buffer
            ctypes.memmove(_WORD(lst + 32).value, data.buffer_info()[0], data.itemsize * len(data))
        self.register(lst, value)
        return lst

    def register(self, obj: int, value) -> None:
        self.originals[obj] = value
        _rt("obj_retain")(obj)
        self.held.append(obj)

    def item_words(self, item, t: Parsed, words: list[int], owned: list[int], path: list) -> None:
        kind = t[0]
        if kind == "str":
            if not isinstance(item, str):
                raise _BadItem(path, type(item).__name__)
            owned.append(runtime.new_str(item))
            words.append(owned[-1])
        elif kind == "tuple":
            if not isinstance(item, tuple) or len(item) != len(t[1]):
                raise _BadItem(path, type(item).__name__ if not isinstance(item, tuple) else
                               f"tuple of length {len(item)}")
            for part, part_type in zip(item, t[1], strict=True):
                self.item_words(part, part_type, words, owned, path)
        elif kind in _SEQUENCES:
            if not isinstance(item, list if kind == "list" else tuple):
                raise _BadItem(path, type(item).__name__)
            owned.append(self.list_in(item, t, path))
            words.append(owned[-1])
        elif kind == "dict":
            if not isinstance(item, dict):
                raise _BadItem(path, type(item).__name__)
            try:
                owned.append(self.dict_in(item, t, f"{path}", path))
            except TypeError:
                _locate(item.items(), (t[1], t[2]), path, "")
                raise
            words.append(owned[-1])
        elif kind == "complex":  # two words: the real part's bits, the imaginary part's
            if isinstance(item, (str, bytes)) or not any(hasattr(type(item), m) for m in
                                                         ("__complex__", "__float__", "__index__")):
                raise _BadItem(path, type(item).__name__)
            z = complex(item)
            words += struct.unpack("<qq", struct.pack("<dd", z.real, z.imag))
        elif kind == "set":
            if not isinstance(item, set):
                raise _BadItem(path, type(item).__name__)
            try:
                owned.append(self.set_in(item, t, f"{path}"))
            except TypeError:
                _locate(((x,) for x in item), (t[1],), path, "set containing ")
                raise
            words.append(owned[-1])
        elif kind == "array":
            owned.append(_borrow_array(item, t[1], path))
            words.append(owned[-1])
        elif kind == "class":
            words.append(self.instance_word(item, t, owned, path))
        else:
            words.append(_scalar_word(item, kind, path))

    def instances_in(self, value: list | tuple, t: Parsed) -> int:
        """A runtime list of the instances `value` holds, if its items are plainly of classes the type
        takes (0 otherwise: item_words checks and names each): their addresses, retained at once."""
        taken = self.classes().taken(t[1]) | ({type(None)} if t[2] else set())
        if not all(map(taken.__contains__, map(type, value))):
            return 0
        data = array.array("q", [0 if item is None else item._jc_address for item in value] if t[2] else
                           [item._jc_address for item in value])
        lst = _rt("list_new")(len(data), 8, 1)
        if lst == 0:
            raise MemoryError
        if data:
            items = _WORD(lst + 32).value
            ctypes.memmove(items, data.buffer_info()[0], 8 * len(data))
            _rt("items_retain")(items, len(data), 8, 1)
        return lst

    def classes(self) -> Instances:
        if self.instances is None:  # a conversion made without the library's classes (callbacks.py's read)
            raise TypeError(f"jitcell: {self.function or 'this value'}: instances cannot be converted here")
        return self.instances

    def instance_word(self, item, t: Parsed, owned: list[int], path: list) -> int:
        """An instance's address, retained (the runtime object takes the reference), or 0 for None."""
        if item is None and t[2]:
            return 0
        address = self.classes().address(item, t[1])
        if isinstance(address, str):
            raise _BadItem(path, address)
        _rt("obj_retain")(address)
        owned.append(address)
        return address

    def dict_in(self, value, t: Parsed, param: str, path: list | None = None) -> int:
        if t[2] not in _WORD_VALUES:
            return self.dict_of_objects_in(value, t, param, [] if path is None else path)
        table = _table_in(value, dict, convert.table_kinds(t[3]))
        if table == 0:  # the Python way: converts what the native loop did not take, or names it
            table = convert.to_table(value, t[3], self.function, param)
        _WORD(table + 72).value = 0  # filling it is no change to reflect
        self.register(table, value)
        return table

    def set_in(self, value, t: Parsed, param: str) -> int:
        table = _table_in(value, set, convert.key_kinds_of(t[1]))
        if table == 0:
            table = convert.to_set_table(value, t[2], self.function, param)
        _WORD(table + 72).value = 0  # filling it is no change to reflect
        self.register(table, value)
        return table

    def dict_of_objects_in(self, value, t: Parsed, param: str, path: list) -> int:
        """A dict whose values are objects in the table (lists, dicts, sets, arrays...), each converted
        as a list's item is (a tuple or complex in a box: compiler/lower/dicts.py); a bad value is
        named by its keys' path."""
        if value.__class__ is not dict:
            convert.check_dict(value, t[3], self.function, param)
        set_item, release = _rt("table_set"), _rt("obj_release")
        table = _rt("table_new")(convert.key_kinds_of(t[1]) | 3 << 8)
        if table == 0:
            raise MemoryError
        element = parse(t[2])
        boxed = (_size(element), _mask(element)) if element[0] in ("tuple", "complex") else None
        what = f"a key of {self.function}() argument '{param}'"
        try:
            for k, v in value.items():
                owned: list[int] = []
                try:
                    key = convert.key_word(k, t[1], owned, what)
                    words: list[int] = []
                    parts: list[int] = []
                    try:
                        self.item_words(v, element, words, parts, [])
                        if boxed is not None:  # the box takes over the references
                            words, parts = [_box(words, *boxed)], []
                            owned.append(words[0])
                    except _BadItem as error:
                        error.path = [*path, repr(k), *error.path]
                        raise
                    finally:
                        owned += parts
                    if not set_item(table, key, words[0]):
                        raise MemoryError
                finally:
                    for obj in owned:  # the table keeps its own references
                        release(obj)
        except BaseException:
            release(table)
            raise
        _WORD(table + 72).value = 0
        self.register(table, value)
        return table

    # ---- out -----------------------------------------------------------------------------

    def reflect(self, obj: int, type_name: str) -> None:
        """Write what compiled code did to an argument back into the caller's object."""
        self.python(obj, parse(type_name))

    def result(self, obj: int, type_name: str, call_args: tuple = ()):
        """The Python value of an owned result object, which is released; `call_args` are the call's
        arguments, for the arrays of a list result that are views of them."""
        self.call_args = call_args
        try:
            return self.python(obj, parse(type_name))
        finally:
            runtime.call("obj_release", obj)

    def close(self, reflect: bool = True, call_args: tuple | None = None) -> None:
        """After the call (returned or raised): reflect each argument into the caller's object, then
        release it and what the call held. `call_args`: the call's arguments, for the arrays among
        them that compiled code stored into a list or dict argument."""
        if call_args is not None:
            self.call_args = call_args
        try:
            for obj, type_name in self.arguments if reflect else ():
                self.reflect(obj, type_name)
        finally:
            release = runtime.function("obj_release")
            for obj, _ in self.arguments:
                release(obj)
            self.arguments.clear()
            self.finish()

    def finish(self) -> None:
        release = runtime.function("obj_release")
        for obj in self.held:
            release(obj)
        self.held.clear()

    def python(self, obj: int, t: Parsed):
        original = self.originals.get(obj)
        if original is not None and obj in self.reflected:
            return original
        if t[0] == "dict":
            return self.dict_out(obj, t, original)
        if t[0] == "set":
            return self.set_out(obj, t, original)
        if t[0] == "vartuple":
            return self.tuple_out(obj, t, original)
        modified = _modified(obj)
        if original is not None:
            self.reflected.add(obj)
            if not modified:
                if _holds_objects(t[1]):  # its own items are the same, but nested ones may have changed
                    self.reflect_items(obj, t[1])
                return original
        if original.__class__ is list and t[1][0] in _FLAT:  # only the items that changed (a subclass: its __setitem__)
            if _native("list_into_python")(obj, original, _FLAT[t[1][0]], _TRUE, _FALSE) == 1:
                return original
        values = self.items(obj, t[1])
        if original is None:
            return values
        original[:] = values  # type: ignore[index]  # a list: originals maps lists to lists
        return original

    def tuple_out(self, obj: int, t: Parsed, original):
        """A tuple[T, ...]: compiled code cannot change its items, only lists and dicts among them."""
        if original is None:
            return tuple(self.items(obj, t[1]))
        self.reflected.add(obj)
        if _holds_objects(t[1]):
            self.reflect_items(obj, t[1])
        return original

    def items(self, obj: int, element: Parsed) -> list:
        kind = element[0]
        if kind in _FLAT:
            return _native("list_to_python")(obj, _FLAT[kind], _TRUE, _FALSE)
        n = _WORD(obj + 16).value
        if n == 0:
            return []
        memory = memoryview(ctypes.string_at(_WORD(obj + 32).value, n * _size(element)))
        if kind == "complex":
            parts = memory.cast("d").tolist()
            return [complex(parts[k], parts[k + 1]) for k in range(0, len(parts), 2)]
        words = memory.cast("q").tolist()
        if kind == "str":
            return [runtime.read_str(w) for w in words]
        if kind == "class":
            wrap = self.classes().wrap
            return [wrap(w, element[1]) if w else None for w in words]
        at = iter(words)
        return [self.value(at, element) for _ in range(n)]

    def reflect_items(self, obj: int, element: Parsed) -> None:
        """Reflect the lists and dicts among the items of a list whose own items did not change."""
        n = _WORD(obj + 16).value
        if n == 0:
            return
        words = memoryview(ctypes.string_at(_WORD(obj + 32).value, n * _size(element))).cast("q").tolist()
        if element[0] in ("list", "dict", "set", "vartuple"):
            for word in words:
                self.python(word, element)
            return
        at = iter(words)
        for _ in range(n):
            self.value(at, element)

    def value(self, words, t: Parsed):
        kind = t[0]
        if kind == "tuple":
            return tuple(self.value(words, item) for item in t[1])
        if kind == "complex":
            return complex(*struct.unpack("<dd", struct.pack("<qq", next(words), next(words))))
        word = next(words)
        if kind == "int":
            return word
        if kind == "float":
            return struct.unpack("<d", struct.pack("<q", word))[0]
        if kind == "bool":
            return word != 0
        if kind == "str":
            return runtime.read_str(word)
        if kind == "class":
            return self.classes().wrap(word, t[1]) if word else None
        if kind == "array" and self.reading:
            return arrays.copy_array(word, t[1])
        if kind == "array":  # the list keeps its reference; the ndarray takes one of its own
            _WORD(word).value += 1
            return arrays.take_array(word, t[1], self.call_args)
        return self.python(word, t)

    def dict_out(self, table: int, t: Parsed, original):
        objects = t[2] not in _WORD_VALUES
        element = parse(t[2]) if objects else None
        if original is not None:
            self.reflected.add(table)
            if not _table_modified(table):  # its entries are the same; objects among its values may not be
                if element is not None and _holds_objects(element):
                    for _, word in convert.table_words(table, t[1]):
                        self.dict_value(word, element)
                return original
        if element is not None:
            values = {k: self.dict_value(w, element) for k, w in convert.table_words(table, t[1])}
        else:
            values = _table_to_python(table, t[3])
        if original is None:
            return values
        original.clear()
        original.update(values)
        return original

    def dict_value(self, word: int, element: Parsed):
        """The Python value of a dict's value word (a box's item for a tuple or complex)."""
        if element[0] in ("tuple", "complex"):  # the box's one item: its words
            return self.value(iter((ctypes.c_int64 * _words(element)).from_address(_WORD(word + 32).value)), element)
        return self.value(iter((word,)), element)

    def set_out(self, table: int, t: Parsed, original):
        if original is None:
            return _table_to_python(table, t[2])
        self.reflected.add(table)
        if _table_modified(table):  # the call added or removed elements
            convert.reflect_set(original, _table_to_python(table, t[2]))
        return original


@functools.cache
def _rt(name: str):
    """A function of the runtime library, looked up once (the library is loaded at the first use)."""
    return runtime.function(name)


# The native conversions (runtime/source.py), called with the GIL held (ctypes.PYFUNCTYPE): they
# use CPython's C API, and an exception they leave set (MemoryError) is raised by ctypes
_I64, _OBJ, _BOOL = ctypes.c_int64, ctypes.py_object, ctypes.c_bool
_NATIVE = {"list_from_python": ctypes.PYFUNCTYPE(_I64, _OBJ, _I64, _I64, _I64),
           "list_to_python": ctypes.PYFUNCTYPE(_OBJ, _I64, _I64, _I64, _I64),
           "list_into_python": ctypes.PYFUNCTYPE(_I64, _I64, _OBJ, _I64, _I64, _I64),
           "table_from_python": ctypes.PYFUNCTYPE(_I64, _OBJ, _I64, _BOOL, _I64, _I64),
           "table_to_python": ctypes.PYFUNCTYPE(_OBJ, _I64, _BOOL, _I64, _I64, _I64),
           "array_borrow": ctypes.PYFUNCTYPE(_I64, *[_I64] * 5)}
_SURROGATEPASS = ctypes.c_char_p(b"surrogatepass")  # how a runtime str decodes (runtime.read_str)
_ERRORS = ctypes.cast(_SURROGATEPASS, ctypes.c_void_p).value


@functools.cache
def _native(name: str):
    return _NATIVE[name](runtime.address(name))


def _modified(lst: int) -> bool:
    """Has compiled code changed this list since it was made (its `modified` word)?"""
    return _WORD(lst + 56).value != 0


def _borrow_array(item, type_name: str, path: list[int]) -> int:
    """A runtime array over the memory of the ndarray `item` (an item of a list argument), which it
    keeps alive (source.py, array_borrow): compiled code's stores are the caller's. The dtype and
    the number of dimensions must be the type's; a read-only or unaligned array is refused."""
    import numpy as np

    dtype_name, ndim = arrays.array_layout(type_name)
    if not isinstance(item, np.ndarray) or item.dtype != np.dtype(dtype_name) or item.ndim != ndim:
        raise _BadItem(path, f"ndarray of {item.dtype} with {item.ndim} dimension{'s' if item.ndim != 1 else ''}"
                       if isinstance(item, np.ndarray) else type(item).__name__)
    size = item.dtype.itemsize
    strides = [s if n > 1 else 0 for s, n in zip(item.strides, item.shape, strict=True)]
    if not item.flags.writeable or item.ctypes.data % size or any(s % size for s in strides):
        raise _BadItem(path, "read-only ndarray" if not item.flags.writeable else "unaligned ndarray")
    words = [w for n, s in zip(item.shape, strides, strict=True) for w in (n, s // size)]  # each axis's length, stride
    fields = (ctypes.c_int64 * (2 * ndim))(*words)
    array = _native("array_borrow")(id(item), item.ctypes.data, ndim, ctypes.addressof(fields), size)
    if array == 0:
        raise MemoryError
    return array


def _locate(entries, kinds: tuple[str, ...], path: list, found: str) -> None:
    """The _BadItem of a nested dict's (set's) first key or value of the wrong type, if any: where it
    is (a dict's value by its key) and what it is. Only scalar kinds (convert.py's) are checked."""
    scratch: list[int] = []
    for entry in entries:
        for part, kind in zip(entry, kinds, strict=True):
            try:
                convert.key_word(part, kind, scratch, "")
            except TypeError:
                where = [*path, repr(entry[0])] if len(entry) == 2 and part is entry[1] else path
                raise _BadItem(where, found + type(part).__name__) from None
            finally:
                for obj in scratch:
                    runtime.call("obj_release", obj)
                scratch.clear()


def _box(words: list[int], size: int, mask: int) -> int:
    """A runtime list of one item holding `words`, a tuple's or complex's: how a dict holds one."""
    box = _rt("list_new")(1, size, mask)
    if box == 0:
        raise MemoryError
    items = (ctypes.c_int64 * len(words)).from_address(_WORD(box + 32).value)
    for i, word in enumerate(words):
        items[i] = word
    return box


def _table_to_python(table: int, type_name: str):
    """A new Python dict or set with a table's items: natively, or for tuple keys through keys.py."""
    is_set = type_name.startswith("set[")
    if _WORD(table + 16).value & 255 == 2:  # the table's kinds word: key kind 2
        return convert.read_set(table, type_name) if is_set else convert.read_table(table, type_name)
    return _native("table_to_python")(table, is_set, _TRUE, _FALSE, _ERRORS)


def _table_in(value, cls: type, kinds: int) -> int:
    """A new table holding a plain dict's (or set's) items, converted natively; 0 when the Python
    way must do it: a subclass, an item not plainly of its type, no memory (which it finds again)."""
    if value.__class__ is not cls or kinds & 255 == 2:  # tuple keys: keys.py converts them
        return 0
    return max(_native("table_from_python")(value, kinds, cls is set, _TRUE, _FALSE), 0)


def _table_modified(table: int) -> bool:
    """Has compiled code changed this dict or set since it was made (word 9, `modified`)?"""
    return _WORD(table + 72).value != 0


def read(obj: int, type_name: str):
    """A new Python list (or dict) with the items of a runtime object, which stays as it was: for
    print, format and error messages (callbacks.py)."""
    boundary = Boundary("")
    boundary.reading = True
    return boundary.python(obj, parse(type_name))


def _pack_flat(value: list | tuple, kind: str, path: list[int]) -> array.array:
    try:
        if kind == "bool":
            for i, item in enumerate(value):
                if item.__class__ is not bool and type(item).__name__ not in ("bool", "bool_"):  # numpy 2: "bool"
                    raise _BadItem([*path, i], type(item).__name__)
            return array.array("b", [bool(item) for item in value])  # a list[bool]'s item: one byte
        return array.array("q" if kind == "int" else "d", value)  # one loop in C
    except (TypeError, OverflowError):
        for i, item in enumerate(value):  # which one: the same checks as for a scalar argument
            _scalar_word(item, kind, [*path, i])
        raise


def _scalar_word(item, kind: str, path: list[int]) -> int:
    if kind == "float":
        if isinstance(item, (str, bytes)) or not hasattr(type(item), "__float__"):
            raise _BadItem(path, type(item).__name__)
        return struct.unpack("<q", struct.pack("<d", float(item)))[0]
    if kind == "bool":
        if type(item).__name__ not in ("bool", "bool_"):
            raise _BadItem(path, type(item).__name__)
        return int(bool(item))
    if isinstance(item, float) or not hasattr(type(item), "__index__"):
        raise _BadItem(path, type(item).__name__)
    value = item.__index__()
    if not _INT_MIN <= value <= _INT_MAX:
        raise OverflowError(f"an item {value} of a list argument does not fit in a 64-bit int")
    return value
