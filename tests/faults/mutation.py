"""Mutated cells: the corpus's cells (tests/programs/*.py) damaged at random, one way per kind.

    mutant = Mutant.make(seed, index)      # a cell of tests/programs/*.py with one change
    mutant.kind, mutant.cell, mutant.source, mutant.options

A mutant is fixed by a seed and its number: the kind of mutation cycles through KINDS; the cell,
the place of the change and the options (opt 0 or 2; sometimes script, wraparound, no bounds
checks, no versioning, no interrupt checks) come from random.Random(f"{seed}:{index}").

The kinds. Text: delete, duplicate or swap lines, change the indentation, truncate; change an
operator, an annotation, a number or a name; insert a random token; insert a NUL byte, a carriage
return or an odd Unicode character (BOM, zero-width and bidi controls, letters NFKC folds, other
line and space characters); nest deeply (parentheses, unary operators, long chains of operands,
calls, blocks, a function of thousands of statements). Syntax tree (valid Python, wrong in ways
that reach the checker and the lowering): replace an expression by one of another cell, a literal
or itself wrapped (a call, a subscript, an f-string...), insert a statement of another cell, change
a parameter list (repeat, drop, add, default, reorder). Kernel cells (script=True): declare a
module variable and put `global` of it (or of another name) in a function; move a function's body
to the top level, its parameters module variables. "stacked": two to four of the others at once.
"""

from __future__ import annotations

import ast
import random
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CELLS = sorted((ROOT / "tests" / "programs").glob("*.py"))

OPERATORS = ["+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "~", "<", ">", "<=", ">=", "==",
             "!=", " and ", " or ", " not ", " in ", " not in ", " is ", "+=", "-=", "*=", "//=", "%=", "=",
             ":=", "@", "->", ":", ",", ".", ""]
TYPES = ["int", "float", "bool", "str", "None", "dict[str, int]", "dict[int, str]", "dict[str, float]",
         "dict[int, dict[int, int]]", "dict[float, int]", "dict", "float[:]", "int[:, :]", "bool[:]", "str[:]",
         "float[:, :, :]", "float[::2]", "float[1:]", "np.float64[:]", "np.int32[:]", "tuple[int, str]",
         "tuple[int, ...]", "tuple[()]", "tuple[tuple[int, float], bool]", "tuple[dict[str, int], int]",
         "list[int]", "bytes", "complex", "object", "Any", "T", "math", "int | None", "'int'", "1", "f()",
         "float[:][0]", "dict[str]", "tuple", "None[:]"]
TOKENS = ["(", ")", "[", "]", "{", "}", ":", ",", ".", ";", "=", "==", "+", "-", "*", "**", "/", "//", "%",
          "@", "->", "...", "\\", "#", "'", '"', '"""', "f'{", "}", "0", "1", "-1", "0.5", "1e308", "1e400", "nan",
          "True", "False", "None", "x", "n", "_", "__cell__", "self", "math", "np", "range", "len", "print",
          "str", "int", "float", "abs", "min", "max", "divmod", "round", "isinstance", "def", "return", "if",
          "else", "elif", "for", "while", "in", "not", "and", "or", "is", "lambda", "yield", "await", "async",
          "global", "nonlocal", "del", "pass", "break", "continue", "assert", "import", "from", "class", "try",
          "with", "as", "raise", "match", "case", "type", "\n", "\n    ", "\t", " "]
NUMBERS = ["0", "-0", "1", "-1", "2", "63", "64", "-64", "1000000", "9223372036854775807", "9223372036854775808",
           "-9223372036854775808", "-9223372036854775809", "10**30", "2**63", "2**64", "1 << 63", "0.0", "-0.0",
           "1e308", "1e309", "1e-320", "float('nan')", "float('inf')", "0b1111", "0o777", "1_000", "3j", "True",
           "None", "''", "'x'"]
ODD = ["\ufeff", "\u200b", "\u200d", "\u202e", "\u2066", "\u00a0", "\u3000", "\u0085", "\u2029", "\x0c", "\x0b",
       "e\u0301", "\U0001f600", "\uff11", "\u0660", "\u2163", "\ufb01", "\u210c", "\u1d62", "\u00b2", "\u00b5",
       "\U0001d400", "\u0130", "\u03a3", "\u00df"]
_IDENT = re.compile(r"\b[A-Za-z_][A-Za-z_0-9]*\b")
_NUMBER = re.compile(r"(?<![\w.])\d[\d_]*(\.\d+)?(e[-+]?\d+)?\b")
_OPERATOR = re.compile(r"\*\*|//|<<|>>|<=|>=|==|!=|->|[-+*/%&|^~<>=]|\b(and|or|not|in|is)\b")
_ANNOTATION = re.compile(r"(?<=: )[\w.\[\], :]+?(?=[,)=]|$)|(?<=-> )[\w.\[\], :]+?(?=:\s*$)", re.M)


class Mutator:
    """The mutations, one method per kind: each returns the mutated text."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    # ---- lines
    def delete(self, text: str) -> str:
        lines = text.split("\n")
        del lines[self.rng.randrange(len(lines))]
        return "\n".join(lines)

    def duplicate(self, text: str) -> str:
        lines = text.split("\n")
        line = lines[self.rng.randrange(len(lines))]
        lines.insert(self.rng.randrange(len(lines) + 1), line)
        return "\n".join(lines)

    def swap(self, text: str) -> str:
        lines = text.split("\n")
        i, j = self.rng.randrange(len(lines)), self.rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        return "\n".join(lines)

    def indent(self, text: str) -> str:
        lines = text.split("\n")
        i = self.rng.choice([k for k, line in enumerate(lines) if line.strip()] or [0])
        change = self.rng.choice(["    ", "  ", "\t", " \t", "        ", "-", "-4"])
        if change.startswith("-") and lines[i].startswith("    "):  # dedent
            lines[i] = lines[i].lstrip() if change == "-" else lines[i][4:]
        elif change.startswith("-"):  # nothing to take away: indent a little instead
            lines[i] = "  " + lines[i]
        else:
            lines[i] = change + lines[i]
        return "\n".join(lines)

    def truncate(self, text: str) -> str:
        return text[:self.rng.randrange(len(text) + 1)]

    # ---- tokens
    def _replace_match(self, text: str, pattern: re.Pattern, choices: list[str]) -> str:
        found = list(pattern.finditer(text))
        if not found:
            return self.token(text)
        m = self.rng.choice(found)
        return text[:m.start()] + self.rng.choice(choices) + text[m.end():]

    def operator(self, text: str) -> str:
        return self._replace_match(text, _OPERATOR, OPERATORS)

    def annotation(self, text: str) -> str:
        return self._replace_match(text, _ANNOTATION, TYPES)

    def number(self, text: str) -> str:
        return self._replace_match(text, _NUMBER, NUMBERS)

    def name(self, text: str) -> str:
        """One name replaced by another name of the same cell (or a builtin): types collide."""
        names = sorted(set(_IDENT.findall(text)))
        return self._replace_match(text, _IDENT, names + ["len", "range", "print", "math", "np", "__cell__"])

    def token(self, text: str) -> str:
        at = self.rng.randrange(len(text) + 1)
        return text[:at] + self.rng.choice(TOKENS) + text[at:]

    # ---- deep nesting
    def nesting(self, text: str) -> str:
        depth = self.rng.choice([30, 100, 250, 1000, 3000])
        found = list(_IDENT.finditer(text))
        m = self.rng.choice(found) if found else None
        style = self.rng.randrange(7)
        if style == 5:  # nested blocks around a line
            lines = text.split("\n")
            i = self.rng.randrange(len(lines))
            opener = self.rng.choice(["if True:", "for _i in range(2):", "while False:", "if n:"])
            block = [" " * (4 * k) + opener for k in range(min(depth, 120))]
            lines[i:i + 1] = block + [" " * (4 * min(depth, 120)) + (lines[i].strip() or "pass")]
            return "\n".join(lines)
        if style == 6:  # a function of very many statements
            body = "".join(f"    v{k} = v{k - 1} + {k}\n" if k else "    v0 = 1\n" for k in range(depth))
            return text + f"\n\ndef many() -> int:\n{body}    return v{depth - 1}\n"
        if m is None:
            return self.token(text)
        word = m.group(0)
        nested = ["(" * depth + word + ")" * depth,  # parentheses
                  "-" * depth + word,  # unary operators
                  "not " * depth + word,
                  " + ".join([word] * depth),  # a long left-nested chain of operands
                  "abs(" * depth + word + ")" * depth][style]  # nested calls
        return text[:m.start()] + nested + text[m.end():]

    # ---- characters
    def nul(self, text: str) -> str:
        at = self.rng.randrange(len(text) + 1)
        return text[:at] + "\x00" + text[at:]

    def carriage_return(self, text: str) -> str:
        how = self.rng.randrange(3)
        if how == 0:  # a lone \r somewhere
            at = self.rng.randrange(len(text) + 1)
            return text[:at] + "\r" + text[at:]
        if how == 1:  # \r line ends throughout
            return text.replace("\n", "\r")
        lines = text.split("\n")  # mixed line ends
        return "".join(line + self.rng.choice(["\n", "\r\n", "\r"]) for line in lines)

    def unicode(self, text: str) -> str:
        at = self.rng.randrange(len(text) + 1)
        return text[:at] + self.rng.choice(ODD) + text[at:]

    # ---- syntax trees: valid Python, wrong for jitcell in many more ways than text damage reaches
    def expression(self, text: str) -> str:
        """An expression replaced by one of another cell, a literal, or itself wrapped in a call,
        a subscript, an attribute, a tuple, an f-string, a conditional."""
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError, RecursionError, MemoryError):  # a deeply nested mutant
            return self.token(text)
        targets = [n for n in ast.walk(tree) if isinstance(n, ast.expr) and not isinstance(getattr(n, "ctx", None),
                                                                                            (ast.Store, ast.Del))]
        if not targets:
            return self.token(text)
        target = self.rng.choice(targets)
        code = ast.unparse(target)
        how = self.rng.randrange(3)
        if how == 0:
            donor = _expressions(self.rng.choice(CELLS))
            replacement = self.rng.choice(donor) if donor else "0"
        elif how == 1:
            replacement = self.rng.choice(NUMBERS + ["{}", "{1: 2}", "{'a': 1.5}", "()", "(1,)", "[]", "'é'", "b''",
                                                     "np.zeros(3)", "np.ones((2, 2), dtype=int)", "math.pi"])
        else:
            replacement = self.rng.choice(WRAPPERS).replace("X", f"({code})").replace("Y", self.rng.choice(
                ["0", "1", "n", "'s'", "2.5", "True", "(1, 2)"]))
        try:
            new = ast.parse(replacement, mode="eval").body
        except (SyntaxError, RecursionError):
            return self.token(text)
        _replace(tree, target, self.adapt(new, _scope(tree, target)))
        return _unparse(tree) or self.token(text)

    def adapt(self, node: ast.AST, scope: list[str]) -> ast.AST:
        """Names a donor reads that the place it goes does not know become names it knows (mostly:
        a few stay undefined), so that the checker gets past name resolution."""
        for n in ast.walk(node):
            if isinstance(n, ast.Name) and n.id not in KNOWN and n.id not in scope and scope and \
                    (isinstance(n.ctx, ast.Load) or self.rng.random() < 0.5) and self.rng.random() < 0.9:
                n.id = self.rng.choice(scope)
        return node

    def statement(self, text: str) -> str:
        """A statement of another cell (or of this one) put into a block of this cell."""
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError, RecursionError, MemoryError):  # a deeply nested mutant
            return self.token(text)
        blocks = [getattr(n, f) for n in ast.walk(tree) for f in ("body", "orelse")
                  if isinstance(getattr(n, f, None), list) and getattr(n, f) and isinstance(getattr(n, f)[0], ast.stmt)]
        donors = [n for n in ast.walk(ast.parse(self.rng.choice(CELLS).read_text()))
                  if isinstance(n, ast.stmt) and not isinstance(n, (ast.FunctionDef, ast.Import, ast.ImportFrom))]
        if not blocks or not donors:
            return self.token(text)
        block = self.rng.choice(blocks)
        block.insert(self.rng.randrange(len(block) + 1), self.adapt(self.rng.choice(donors), _scope(tree, block[0])))
        return _unparse(tree) or self.token(text)

    def params(self, text: str) -> str:
        """A parameter list changed: one repeated, dropped, added, given a default, or reordered."""
        found = list(re.finditer(r"^def \w+\((.*)\)", text, re.M))
        if not found:
            return self.token(text)
        m = self.rng.choice(found)
        params, depth, start = [], 0, 0  # split at the commas outside brackets
        for k, char in enumerate(m.group(1) + ","):
            depth += (char in "[(") - (char in "])")
            if char == "," and depth == 0:
                params.append(m.group(1)[start:k].strip())
                start = k + 1
        params = [p for p in params if p]
        how = self.rng.randrange(5) if len(params) > 1 else self.rng.randrange(4)
        if how == 0 and params:
            params.insert(self.rng.randrange(len(params) + 1), self.rng.choice(params))
        elif how == 1 and params:
            del params[self.rng.randrange(len(params))]
        elif how == 2:
            params.insert(self.rng.randrange(len(params) + 1), f"{self.rng.choice(['n', 'x', 'q'])}: "
                                                               f"{self.rng.choice(TYPES)}")
        elif how == 3 and params:
            i = self.rng.randrange(len(params))
            params[i] = params[i].split("=")[0].strip() + " = " + self.rng.choice(NUMBERS + ["{}", "'s'", "(1, 2)"])
        else:
            self.rng.shuffle(params)
        return text[:m.start(1)] + ", ".join(params) + text[m.end(1):]

    def scope(self, text: str) -> str:
        """A kernel cell (script=True) declaring a module variable, and `global` of it (or of a
        local, or a parameter) somewhere in a function body."""
        lines = text.split("\n")
        body = [i for i, line in enumerate(lines) if line.startswith("    ") and line.strip()]
        names = sorted(set(_IDENT.findall(text)) - KNOWN) or ["x"]
        name = self.rng.choice(names + ["total", "count"])
        if body:
            i = self.rng.choice(body)
            indent = lines[i][:len(lines[i]) - len(lines[i].lstrip())]
            lines.insert(i, f"{indent}global {name}")
        declared = f"{name}: {self.rng.choice(['int', 'float', 'str', 'bool', 'dict[str, int]'])} = " \
                   f"{self.rng.choice(['0', '1.5', repr('s'), 'True', '{}'])}"
        return "\n".join([declared] + lines if self.rng.random() < 0.8 else lines + [declared])

    def unwrap(self, text: str) -> str:
        """A function's body moved to the top level (a kernel cell's statements, compiled with
        script=True), its parameters made module variables: `n: int = 3`."""
        lines = text.split("\n")
        defs = [i for i, line in enumerate(lines) if line.startswith("def ")]
        if not defs:
            return self.token(text)
        i = self.rng.choice(defs)
        header = re.match(r"def \w+\((.*)\)", lines[i])
        params = [p.strip() for p in header.group(1).split(",") if ":" in p] if header else []
        end = next((k for k in range(i + 1, len(lines)) if lines[k] and not lines[k][0].isspace()), len(lines))
        body = [re.sub(r"^(\s*)return\b ?(.*)$", lambda m: m.group(1) + (f"result = {m.group(2)}" if m.group(2)
                                                                        else "pass"),
                       line[4:] if line.startswith("    ") else line) for line in lines[i + 1:end]]
        values = {"int": "3", "float": "1.5", "bool": "True", "str": "'ab'", "dict[str, int]": "{'a': 1}"}
        declared = []
        for param in params:
            name, annotation = (part.strip() for part in param.split("=")[0].split(":", 1))
            value = values.get(annotation) if self.rng.random() < 0.8 else None
            declared.append(f"{name}: {annotation} = {value or self.rng.choice(list(values.values()))}")
        return "\n".join(lines[:i] + declared + body + ["result" if self.rng.random() < 0.5 else ""] + lines[end:])

    def stacked(self, text: str) -> str:
        for _ in range(self.rng.randint(2, 4)):
            text = getattr(self, self.rng.choice(KINDS[:-1]))(text)
        return text


KINDS = ["delete", "duplicate", "swap", "indent", "truncate", "operator", "annotation", "number", "name", "token",
         "expression", "statement", "params", "scope", "unwrap", "nesting", "nul", "carriage_return", "unicode",
         "stacked"]
WRAPPERS = ["len(X)", "str(X)", "int(X)", "float(X)", "bool(X)", "abs(X)", "-X", "not X", "~X", "min(X, Y)",
            "max(X, Y)", "round(X)", "round(X, Y)", "divmod(X, Y)", "X ** Y", "X // Y", "X % Y", "X << Y",
            "math.sqrt(X)", "math.floor(X)", "math.isnan(X)", "math.hypot(X, Y)", "X[0]", "X[Y]", "X[-1]", "X[0, 0]",
            "X[1:2]", "X.shape", "X.size", "X.ndim", "X.get(Y)", "X.get(Y, Y)", "X.items()", "X.keys()",
            "X.values()", "X.upper()", "X.append(Y)", "(X, Y)", "(X,)", "f'{X}'", "f'{X:>5}'", "f'{X!r}'",
            "f'{X:{Y}}'", "X if Y else X", "X if X else Y", "X and Y", "X or Y", "X == Y", "X < Y", "X in Y",
            "Y in X", "X is None", "print(X)", "X(Y)", "X()", "range(X)", "isinstance(X, int)", "np.zeros(X)",
            "np.empty_like(X)", "np.ones(X, dtype=float)", "X.T", "sum(X)", "len(X) + Y", "X + Y", "X + 'a'"]


def _expressions(path: Path) -> list[str]:
    """The source of every expression of a cell (read once)."""
    if path not in _EXPRESSIONS:
        _EXPRESSIONS[path] = [ast.unparse(n) for n in ast.walk(ast.parse(path.read_text()))
                              if isinstance(n, ast.expr) and not isinstance(getattr(n, "ctx", None), ast.Store)]
    return _EXPRESSIONS[path]


_EXPRESSIONS: dict[Path, list[str]] = {}
KNOWN = {"math", "np", "numpy", "range", "len", "print", "abs", "min", "max", "int", "float", "bool", "str", "round",
         "divmod", "True", "False", "None"}


def _scope(tree: ast.AST, node: ast.AST) -> list[str]:
    """The parameters and locals of the function around `node` (of the whole cell if none is)."""
    around = next((f for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)
                   and any(n is node for n in ast.walk(f))), tree)
    names = {a.arg for a in around.args.args} if isinstance(around, ast.FunctionDef) else set()
    names |= {n.id for n in ast.walk(around) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    return sorted(names)


def _unparse(tree: ast.AST) -> str | None:
    """Python source for a tree, or None for one ast.unparse cannot write (an f-string's format
    spec that is no longer a string)."""
    try:
        return ast.unparse(tree)
    except (ValueError, AttributeError, TypeError, RecursionError):
        return None


def _replace(tree: ast.AST, old: ast.expr, new: ast.expr) -> None:
    for parent in ast.walk(tree):
        for field, value in ast.iter_fields(parent):
            if value is old:
                setattr(parent, field, new)
                return
            if isinstance(value, list) and any(item is old for item in value):
                value[[item is old for item in value].index(True)] = new
                return


@dataclass(frozen=True)
class Mutant:
    seed: int
    index: int
    kind: str
    cell: str  # the corpus file's stem
    source: str
    options: dict

    @classmethod
    def make(cls, seed: int, index: int) -> Mutant:
        rng = random.Random(f"{seed}:{index}")
        kind = KINDS[index % len(KINDS)]
        path = rng.choice(CELLS)
        text = getattr(Mutator(rng), kind)(path.read_text())
        options = {"opt": rng.choice([0, 0, 2]), "script": kind in ("unwrap", "scope") or rng.random() < 0.2}
        for name, value in (("wraparound", True), ("boundscheck", False), ("loop_versioning", False),
                            ("interrupt_checks", False)):
            if rng.random() < 0.1:
                options[name] = value
        return cls(seed, index, kind, path.stem, text, options)
