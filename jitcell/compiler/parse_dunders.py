"""parse, for the special methods of a class: which ones jitcell takes, the options of @dataclass, and
the methods a @dataclass and an ordering generate (as syntax trees, written as the dataclasses
module writes them).

    @dataclass(order=True)          __init__, __repr__ -> f"V(x={self.x!r}, n={self.n!r})", __eq__,
    class V:                        __lt__ ... __ge__ comparing (self.x, self.n) with (other.x, other.n)
        x: float                    and, as a class with __lt__ or __gt__ has an order, the static
        n: int = 0                  helpers V._jc_sort, V._jc_sorted, V._jc_min, V._jc_max that
                                    sorted(), list.sort(), min() and max() of instances call (check/dunders.py)
"""

from __future__ import annotations

import ast

__all__ = ["SPECIAL", "REFUSED", "DATACLASS_OPTIONS", "ORDERING", "HELPERS", "dataclass_options", "generated_methods",
           "order_helpers", "length_helper", "equality_helpers", "special_refusal", "cell_uses"]

BINARY = {"+": "add", "-": "sub", "*": "mul", "/": "truediv", "//": "floordiv", "%": "mod", "**": "pow",
          "@": "matmul", "&": "and", "|": "or", "^": "xor", "<<": "lshift", ">>": "rshift"}
UNARY = {"-": "__neg__", "+": "__pos__", "~": "__invert__"}
COMPARISONS = {"==": "__eq__", "!=": "__ne__", "<": "__lt__", "<=": "__le__", ">": "__gt__", ">=": "__ge__"}
REFLECTED_COMPARISON = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}
ORDERING = ("__lt__", "__le__", "__gt__", "__ge__")
HELPERS = ("_jc_sort", "_jc_sorted", "_jc_min", "_jc_max", "_jc_len", "_jc_list_eq", "_jc_list_has")
SPECIAL = frozenset({"__init__", "__len__", "__getitem__", "__setitem__", "__contains__", "__call__", "__bool__",
                     "__repr__", "__str__", "__abs__", *UNARY.values(), *COMPARISONS.values(),
                     *(f"__{p}{name}__" for name in BINARY.values() for p in ("", "r", "i"))})
REFUSED = ("__hash__", "__iter__", "__next__", "__getattr__", "__getattribute__", "__setattr__", "__delattr__",
           "__del__", "__new__", "__init_subclass__", "__format__", "__delitem__", "__enter__", "__exit__",
           "__index__", "__int__", "__float__", "__round__", "__divmod__")
DATACLASS_OPTIONS = ("init", "repr", "eq", "order", "frozen")


def special_refusal(cls: str, name: str) -> str | None:
    """Why a method named `name` of class `cls` is refused, or None (an ordinary method, or a special one
    jitcell takes)."""
    if not (name.startswith("__") and name.endswith("__")) or name in SPECIAL:
        return None
    if name == "__hash__":
        return f"{cls}.__hash__: hash() of instances is not supported yet by jitcell (instances are not dict keys " \
               "or set elements)"
    return f"{cls}.{name}: the special method {name} is not supported yet by jitcell"


def cell_uses(tree: ast.Module) -> frozenset[str]:
    """What a cell may ask of the helpers of its classes, over-approximated from its syntax, so that a
    helper is compiled only where a use may need it: "text" (print, str, repr, f-strings, formatting:
    a @dataclass's __repr__; from Python, JitInstance shows the same text), "order" (sorted, .sort,
    min, max), "in" (an `in` test), "eq" (`==` or `!=` between values that may be lists, or a list
    field a generated __eq__ compares)."""
    uses = set()
    for node in ast.walk(tree):
        called = node.func.id if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) else None
        if called in ("sorted", "min", "max") or isinstance(node, ast.Attribute) and node.attr == "sort":
            uses.add("order")
        elif called in ("print", "str", "repr") or isinstance(node, ast.JoinedStr) \
                or isinstance(node, ast.Attribute) and node.attr == "format" \
                or isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            uses.add("text")
        elif isinstance(node, ast.Compare):
            if any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops):
                uses.add("in")
            if any(isinstance(op, (ast.Eq, ast.NotEq)) for op in node.ops) and \
                    all(map(_maybe_list, (node.left, *node.comparators))):
                uses.add("eq")
        elif isinstance(node, ast.ClassDef):
            uses.update(f"base:{b.id}" for b in node.bases if isinstance(b, ast.Name))  # no helpers (overrides)
            if any(isinstance(item, ast.AnnAssign) and "list" in ast.unparse(item.annotation) for item in node.body):
                uses.add("eq")
    return frozenset(uses)


def _maybe_list(e: ast.expr) -> bool:
    """Could e be a list (not a constant, not a call other than list(...) or sorted(...))?"""
    if isinstance(e, ast.Call):
        return isinstance(e.func, ast.Name) and e.func.id in ("list", "sorted")
    return not isinstance(e, (ast.Constant, ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare, ast.JoinedStr))


def dataclass_options(decorator: ast.expr, error) -> dict[str, bool] | None:
    """{"init": True, "repr": True, "eq": True, "order": False, "frozen": False} from `@dataclass` or
    `@dataclass(order=True, ...)`; None after reporting what is refused."""
    options = {"init": True, "repr": True, "eq": True, "order": False, "frozen": False}
    if isinstance(decorator, ast.Name):
        return options
    assert isinstance(decorator, ast.Call)
    if decorator.args:
        error(decorator, "@dataclass takes keyword arguments only")
        return None
    for kw in decorator.keywords:
        if kw.arg not in DATACLASS_OPTIONS:
            error(kw, f"@dataclass({kw.arg}=...) is not supported yet by jitcell (it takes "
                      f"{', '.join(DATACLASS_OPTIONS)})")
            return None
        if not (isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, bool)):
            error(kw.value, f"@dataclass({kw.arg}=...) must be True or False")
            return None
        options[kw.arg] = kw.value.value
    if options["order"] and not options["eq"]:
        error(decorator, "eq must be true if order is true")  # CPython's ValueError
        return None
    return options


def generated_methods(cls: str, fields: list[str], options: dict[str, bool], defined: set[str],
                      node: ast.ClassDef, error) -> list[ast.FunctionDef]:
    """__repr__ and the order comparisons of a @dataclass (its __init__ and __eq__: parse_classes.py),
    those it generates: not one the class body defines."""
    sources = []
    if options["repr"] and "__repr__" not in defined:
        shown = ", ".join(f"{f}={{self.{f}!r}}" for f in fields)
        sources.append(f"def __repr__(self) -> str:\n    return f'{cls}({shown})'\n")
    if options["order"]:
        for name, op in zip(ORDERING, ("<", "<=", ">", ">="), strict=True):
            if name in defined:
                error(node, f"Cannot overwrite attribute {name} in class {cls}. Consider using "
                            "functools.total_ordering")  # CPython's TypeError
                continue
            lines = [f"def {name}(self, other: '{cls}') -> bool:"]
            for f in fields:  # as tuples compare: the first fields that differ decide
                lines += [f"    if not (self.{f} == other.{f}):", f"        return self.{f} {op} other.{f}"]
            lines.append(f"    return {op in ('<=', '>=')}")
            sources.append("\n".join(lines) + "\n")
    made = [ast.parse(source).body[0] for source in sources]
    return [_located(fn, node) for fn in made if isinstance(fn, ast.FunctionDef)]


def order_helpers(cls: str, node: ast.ClassDef) -> list[ast.FunctionDef]:
    """Static helpers that order a list of instances with `<` (and `>`), as list.sort (stable: a merge
    sort; reverse=True reverses, sorts and reverses back), min() and max() do."""
    source = f'''
def _jc_sort(xs: list[{cls}], reverse: bool) -> None:
    n = len(xs)
    if reverse:
        xs.reverse()
    tmp: list[{cls}] = xs.copy()
    width = 1
    while width < n:
        i = 0
        while i < n:
            mid = min(i + width, n)
            hi = min(i + 2 * width, n)
            a = i
            b = mid
            k = i
            while a < mid and b < hi:
                if xs[b] < xs[a]:
                    tmp[k] = xs[b]
                    b += 1
                else:
                    tmp[k] = xs[a]
                    a += 1
                k += 1
            while a < mid:
                tmp[k] = xs[a]
                a += 1
                k += 1
            while b < hi:
                tmp[k] = xs[b]
                b += 1
                k += 1
            i += 2 * width
        for j in range(n):
            xs[j] = tmp[j]
        width *= 2
    if reverse:
        xs.reverse()

def _jc_sorted(xs: list[{cls}], reverse: bool) -> list[{cls}]:
    ys = xs.copy()
    {cls}._jc_sort(ys, reverse)
    return ys

def _jc_min(xs: list[{cls}]) -> {cls}:
    if len(xs) == 0:
        raise ValueError("min() arg is an empty sequence")
    best = xs[0]
    for k in range(1, len(xs)):
        if xs[k] < best:
            best = xs[k]
    return best

def _jc_max(xs: list[{cls}]) -> {cls}:
    if len(xs) == 0:
        raise ValueError("max() arg is an empty sequence")
    best = xs[0]
    for k in range(1, len(xs)):
        if xs[k] > best:
            best = xs[k]
    return best
'''
    made = []
    for fn in ast.parse(source).body:
        assert isinstance(fn, ast.FunctionDef)
        fn.decorator_list = [ast.Name("staticmethod", ast.Load())]
        made.append(_located(fn, node))
    return made


def length_helper(cls: str, node: ast.ClassDef) -> list[ast.FunctionDef]:
    """`_jc_len(x)`: x.__len__(), checked as len() checks it (ValueError for a negative length)."""
    source = f"""
def _jc_len(x: {cls}) -> int:
    n = x.__len__()
    if n < 0:
        raise ValueError("__len__() should return >= 0")
    return n
"""
    (fn,) = ast.parse(source).body
    assert isinstance(fn, ast.FunctionDef)
    fn.decorator_list = [ast.Name("staticmethod", ast.Load())]
    return [_located(fn, node)]


def equality_helpers(cls: str, node: ast.ClassDef) -> list[ast.FunctionDef]:
    """`_jc_list_eq(xs, ys)` and `_jc_list_has(xs, v)`: `==` between lists of instances and `v in xs`,
    as CPython compares list items (identity first, then __eq__)."""
    source = f"""
def _jc_list_eq(xs: list[{cls}], ys: list[{cls}]) -> bool:
    if len(xs) != len(ys):
        return False
    for k in range(len(xs)):
        if not (xs[k] is ys[k] or xs[k] == ys[k]):
            return False
    return True

def _jc_list_has(xs: list[{cls}], v: {cls}) -> bool:
    for x in xs:
        if x is v or x == v:
            return True
    return False
"""
    made = []
    for fn in ast.parse(source).body:
        assert isinstance(fn, ast.FunctionDef)
        fn.decorator_list = [ast.Name("staticmethod", ast.Load())]
        made.append(_located(fn, node))
    return made


def _located(fn: ast.FunctionDef, node: ast.ClassDef) -> ast.FunctionDef:
    for part in ast.walk(fn):  # every part of a generated method is located at the class
        if isinstance(part, (ast.stmt, ast.expr, ast.arg, ast.keyword)):
            part.lineno, part.col_offset = node.lineno, node.col_offset
            part.end_lineno, part.end_col_offset = node.lineno, node.col_offset
    return fn
