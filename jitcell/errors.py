"""The exceptions jitcell raises, all rooted at `JitError`.

A compile error points into the cell like a C compiler does::

    >>> raise CompileError([Diagnostic("unknown type 'str8'", Loc(2, 12))], source)
    cell:2:12: error: unknown type 'str8'
        def f(s: str8) -> int:
                 ^

In IPython every `JitError` renders through `_render_traceback_`, so the user sees
the diagnostic and not jitcell's internal stack.
"""

from __future__ import annotations

__all__ = [
    "JitError",
    "CompileError",
    "Diagnostic",
    "Loc",
    "LinkageError",
    "ToolchainError",
    "LinkError",
    "CacheError",
    "UnsafeCacheError",
    "source_lines",
]


def source_lines(source: str) -> list[str]:
    """The lines of a cell as Python's tokenizer counts them, which is what `ast` line numbers
    index: split at "\\n", "\\r\\n" and "\\r" only. (`str.splitlines` also splits at "\\f", "\\v",
    "\\x1c"-"\\x1e", "\\x85", U+2028 and U+2029, which may sit inside a string literal or a comment.)"""
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines[-1] == "":
        lines.pop()  # the newline that ends the last line starts no line, as for splitlines
    return lines


def _printable(text: str) -> str:
    """A source line to show: a lone surrogate (which no UTF-8 stream can print) becomes U+FFFD,
    one character for one, so that the caret below stays in place."""
    if text.isascii():
        return text
    return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)


class Loc:
    """A position in the cell: 1-based line and column. (A plain class: this module is on the
    cache-hit path, which must not pay for importing dataclasses.)"""

    __slots__ = ("line", "col")
    line: int
    col: int

    def __init__(self, line: int, col: int):
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "col", col)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Loc is immutable")

    def __eq__(self, other) -> bool:
        return isinstance(other, Loc) and (self.line, self.col) == (other.line, other.col)

    def __hash__(self) -> int:
        return hash((self.line, self.col))

    def __repr__(self) -> str:
        return f"Loc(line={self.line}, col={self.col})"

    def __str__(self) -> str:
        return f"{self.line}:{self.col}"


class Diagnostic:
    __slots__ = ("message", "loc")

    def __init__(self, message: str, loc: Loc):
        self.message = message
        self.loc = loc

    def __eq__(self, other) -> bool:
        return isinstance(other, Diagnostic) and (self.message, self.loc) == (other.message, other.loc)

    def __repr__(self) -> str:
        return f"Diagnostic({self.message!r}, {self.loc!r})"

    def render(self, source_lines: list[str], first_line: int = 1, filename: str | None = None,
               indentation: tuple[int, ...] = ()) -> str:
        """`file:line:col: error: message`, the line and a caret; `indentation` (per line) the columns
        the file has before a line that the source does not (compile_cell's), added back."""
        index = self.loc.line - first_line
        shift = indentation[index] if 0 <= index < len(indentation) else 0
        col = self.loc.col + shift
        text = f"{filename or 'cell'}:{self.loc.line}:{col}: error: {self.message}"
        if 0 <= index < len(source_lines):
            line = " " * shift + _printable(source_lines[index].rstrip())
            caret = " " * (col - 1) + "^"
            text += f"\n    {line}\n    {caret}"
        return text


class JitError(Exception):
    """Base class of every error jitcell reports."""

    def _render_traceback_(self) -> list[str]:
        # IPython calls this instead of printing a Python traceback.
        name = type(self).__name__
        return [f"\x1b[31m{name}\x1b[0m: {line}" if i == 0 else line
                for i, line in enumerate(str(self).splitlines())]


class CompileError(JitError):
    """One or more errors in a cell's source; `diagnostics` holds them all."""

    def __init__(self, diagnostics: list[Diagnostic], source: str = "", first_line: int = 1):
        self.diagnostics = sorted(diagnostics, key=lambda d: (d.loc.line, d.loc.col))
        self.source = source
        self.first_line = first_line
        self.filename: str | None = None  # "cell" in messages
        self.indentation: tuple[int, ...] = ()
        super().__init__(self._render())

    def locate(self, filename: str | None, indentation: tuple[int, ...] = ()) -> CompileError:
        """The same error, naming the file its source comes from (compile_cell's `filename`), with
        the file's columns; called again after a diagnostic's message changed, it renders it anew."""
        self.filename, self.indentation = filename, tuple(indentation)
        self.args = (self._render(),)
        return self

    @property
    def line(self) -> int:
        return self.diagnostics[0].loc.line

    @property
    def col(self) -> int:
        return self.diagnostics[0].loc.col

    @property
    def message(self) -> str:
        return self.diagnostics[0].message

    def _render(self) -> str:
        lines = source_lines(self.source)
        return "\n".join(d.render(lines, self.first_line, self.filename, self.indentation) for d in self.diagnostics)

    def _render_traceback_(self) -> list[str]:
        count = len(self.diagnostics)
        head = f"\x1b[31mCompileError\x1b[0m: {count} error{'s' if count > 1 else ''} in {self.filename or 'cell'}"
        return [head, *str(self).splitlines()]


class LinkageError(JitError):
    """A library cannot be linked into this process safely (a missing export, an unknown slot)."""


class ToolchainError(JitError):
    """No usable linker, or the code generator is unavailable."""


class LinkError(ToolchainError):
    """The system linker refused the object; the message carries its output."""


class CacheError(JitError):
    """The cache cannot be used as asked: a bad size limit, something that is not jitcell's where an entry
    should be, a cache that kept changing under a compile. The message says what and how to fix it."""


class UnsafeCacheError(CacheError):
    """The cache (or the key that signs it) could be changed by someone else: jitcell will not load from it.
    The message names the path, what is wrong with it and how to fix it (docs/security.md)."""
