"""The marks of each line of a cell: what its optimized code still does there, and why.

    >>> cell, lines = mark_lines(generated_code(library, locations=True), library.manifest)
    >>> [(m.kind, m.text) for m in lines[6].marks]
    [('check', 'overflow check: s += i ** 2 may leave 64 bits (the loop uses int **, whose ...)')]

Checks are the error sites whose `raise` call survived optimization (so a check LLVM proved
unneeded is not marked), with the lowering's notes (compiler/lower/locations.py) saying whether
the site lies in a checked copy of a versioned loop and why a check stays; calls and reference
counts come from the instructions of each line (codemap.py); a loop of the source gets the IR
loops that hold most of its lines, and is vectorised, computed without iterating, or not
vectorised for the reasons found in it (calls, checks that leave it, reference counts, a float
sum), else LLVM's remarks. annotate.py shows them.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from .codemap import CodeMap, Instruction, Loop, read_asm, read_ir

__all__ = ["Mark", "Line", "Cell", "mark_lines", "MARKERS", "CATEGORIES"]

MARKERS = {"check": "!", "refcount": "+", "call": "→", "loop": "~", "note": "·"}
CATEGORIES = {"check": "check that may raise", "refcount": "reference counting",
              "call": "call out of the cell's code", "loop": "loop not vectorised"}
_OVERFLOW_OPS = {"add", "sub", "mul", "neg", "abs", "pow"}
_OPERATORS = {"add": ast.Add, "sub": ast.Sub, "mul": ast.Mult, "pow": ast.Pow, "floordiv": ast.FloorDiv,
              "mod": ast.Mod, "truediv": ast.Div, "lshift": ast.LShift, "rshift": ast.RShift, "neg": ast.USub}
_PHI = re.compile(r"%[-\w.$]+ = phi ")
_CHUNK_LOOP = "for.chunk"  # the loop around a range loop's chunks, for interrupt checks (lower/program.py)


@dataclass
class Mark:
    kind: str  # "check", "refcount", "call", "loop" or "note"
    text: str


@dataclass
class Line:
    number: int  # the cell's line number, as in error messages
    source: str
    marks: list[Mark] = field(default_factory=list)
    ir: list[str] = field(default_factory=list)
    asm: list[str] = field(default_factory=list)

    @property
    def markers(self) -> str:
        return "".join(MARKERS[k] for k in MARKERS if k != "note" and any(m.kind == k for m in self.marks))

    def add(self, kind: str, text: str) -> None:
        if not any(m.kind == kind and m.text == text for m in self.marks):
            self.marks.append(Mark(kind, text))


def mark_lines(code: dict, manifest: dict) -> tuple[Cell, dict[int, Line]]:
    """The cell's source and its lines (by number, as in messages) with their marks, IR and
    assembly; `code`: generated_code(..., locations=True) of the cell `manifest` describes."""
    cell = Cell(manifest["source"], manifest["options"].get("first_line", 1))
    mapped = read_ir(code["opt"])
    asm = read_asm(code["asm"])
    lines = {n: Line(n, text) for n, text in cell.numbered()}
    marker = _Marker(cell, mapped, code["sites"], code["notes"], lines)
    marker.checks()
    marker.calls()
    marker.loops()
    by_line: dict[int, list[Instruction]] = {}
    for instruction in mapped.instructions:
        if not _PHI.match(instruction.text):  # a phi's location says little: it runs nowhere
            by_line.setdefault(instruction.line, []).append(instruction)
    for number, line in lines.items():
        line.ir, line.asm = _ir_text(by_line.get(number, [])), asm.get(number, [])
    return cell, lines


def _ir_text(instructions: list[Instruction]) -> list[str]:
    """The instructions of one line, each function's under its name when there are several."""
    functions = list(dict.fromkeys(i.function for i in instructions))
    out: list[str] = []
    for function in functions:
        if len(functions) > 1:
            out.append(f"; {function}")
        block = None
        for i in instructions:
            if i.function != function:
                continue
            if i.block != block:
                block = i.block
                out.append(f"{block}:")
            out.append("  " + i.text)
    return out


class Cell:
    """The cell's source: its lines as numbered in messages, its loops and expressions."""

    def __init__(self, source: str, first_line: int):
        self.source = source
        self.first = first_line
        self.text_lines = source.splitlines()
        try:
            self.tree: ast.AST | None = ast.parse(source)
        except SyntaxError:  # (jitcell's dialect is Python's syntax: only a damaged manifest gets here)
            self.tree = None
        nodes = list(ast.walk(self.tree)) if self.tree is not None else []
        self.loops = sorted(((self.number(n.lineno), self.number(n.end_lineno or n.lineno), n) for n in nodes
                             if isinstance(n, (ast.For, ast.While))), key=lambda t: (t[0], -t[1]))
        self.functions = {n.name: (self.number(n.lineno), self.number(n.end_lineno or n.lineno)) for n in nodes
                          if isinstance(n, ast.FunctionDef)}
        self.def_lines = {first for first, _ in self.functions.values()}
        self._at: dict[tuple[int, int], list[ast.AST]] = {}
        for n in nodes:
            if hasattr(n, "lineno") and hasattr(n, "col_offset"):
                self._at.setdefault((self.number(n.lineno), self._column(n.lineno, n.col_offset)), []).append(n)

    def number(self, source_line: int) -> int:
        return source_line + self.first - 1

    def numbered(self) -> list[tuple[int, str]]:
        return [(self.number(i + 1), text) for i, text in enumerate(self.text_lines)]

    def _column(self, source_line: int, offset: int) -> int:
        text = self.text_lines[source_line - 1] if 0 < source_line <= len(self.text_lines) else ""
        return len(text.encode()[:offset].decode(errors="replace")) + 1  # as parse.py counts

    def function_lines(self, name: str) -> range | None:
        span = self.functions.get(name)
        return range(span[0], span[1] + 1) if span else None

    def expression(self, line: int, col: int, kinds: tuple[type, ...], op: str | None = None) -> str:
        """The source of the node of one of `kinds` starting at line:col (the largest, or the largest
        whose operator is `op`: "mul" in `3 * n + 1` is `3 * n`), else ''."""
        found = [n for n in self._at.get((line, col), []) if isinstance(n, kinds)]
        operator = _OPERATORS.get(op or "")
        found = [n for n in found if isinstance(getattr(n, "op", None), operator)] or found if operator else found
        if not found:
            return ""
        text = ast.get_source_segment(self.source, found[0]) or ""
        text = " ".join(text.split())
        return text if len(text) <= 48 else text[:45] + "…"


    def innermost(self, loop) -> bool:
        return not any(other is not loop and loop[0] < other[0] <= loop[1] for other in self.loops)


_EXPRESSIONS = (ast.AugAssign, ast.BinOp, ast.UnaryOp, ast.Call, ast.Subscript, ast.Assign, ast.AnnAssign,
                ast.Return, ast.Expr)


class _Marker:
    """Puts the marks on the lines, from the optimized code and the lowering's notes."""

    def __init__(self, cell: Cell, code: CodeMap, sites: list[dict], notes, lines: dict[int, Line]):
        self.cell, self.code, self.sites, self.notes, self.lines = cell, code, sites, notes, lines
        self.raised = self._raised(code.instructions)

    def mark(self, line: int, kind: str, text: str) -> None:
        if line in self.lines:
            self.lines[line].add(kind, text)

    def _raised(self, instructions: list[Instruction]) -> set[int]:
        """The error sites whose raise call survived optimization (where one raise call is left, LLVM
        may move its constant site into jitcell.raise itself: it is read there)."""
        calls = [i for i in instructions if i.callee == "@jitcell.raise"]
        sites = {site for i in calls for site in i.constant_args}
        if any(not i.constant_args for i in calls):
            sites |= {site for i in self.code.instructions if i.function == "jitcell.raise" and
                      i.callee == "slot:raise" for site in i.constant_args}
        return sites

    def copy_state(self, copies) -> str:
        """Of code in these copies of versioned loops ((loop, copy) pairs, outermost first): "runs"
        (each the copy that runs), "checked" (in a checked copy, which runs only when the guard
        before the loop fails) or "skipped" (in a copy whose guard rests on a value it cannot
        bound: another copy runs instead)."""
        for loop, copy in copies:
            primary = self.notes.loops[loop].primary
            if copy != primary:
                return "checked" if copy > primary else "skipped"
        return "runs"

    def site_state(self, site: int) -> str:
        return self.copy_state(self.notes.site_copies.get(site, ()))

    def loop_state(self, loop: Loop) -> str:
        states = {self.copy_state([self.notes.copies[n] for n in i.copies if n in self.notes.copies])
                  for i in loop.instructions}
        return "checked" if "checked" in states else "skipped" if "skipped" in states else "runs"

    # ---- checks ---------------------------------------------------------------------------

    def checks(self) -> None:
        checked: set[tuple[int, str]] = set()  # a check that runs makes the note of its checked copy's moot
        for site in sorted(self.raised):
            info = self.sites[site] if 0 <= site < len(self.sites) else None
            what = self.check_text(info) if info else None
            if info and what and self.site_state(site) == "runs":
                checked.add((info["line"], what))
        for site in sorted(self.raised):
            if not 0 <= site < len(self.sites):
                continue
            info = self.sites[site]
            what = self.check_text(info)
            if what is None:
                continue
            state = self.site_state(site)
            if state == "checked" and (info["line"], what) not in checked:
                self.mark(info["line"], "note", f"versioned away: {what} (only in the loop's checked copy, which "
                                                f"runs if the guard before the loop fails)")
            elif state == "runs":
                why = self.check_reason(site, info)
                self.mark(info["line"], "check", what + (f" ({why})" if why else ""))

    def check_text(self, info: dict) -> str | None:
        kind, op = info["kind"], info.get("op")
        line, col = info["line"], info["col"]
        if kind == "python_op":
            expr = self.cell.expression(line, col, _EXPRESSIONS, op) or op
            if op in _OVERFLOW_OPS and info.get("operands", ["int"])[0] == "int":
                return f"overflow check: {expr} may leave 64 bits"
            if op == "floordiv" and info.get("operands", [""])[0] == "int":
                return f"zero-division check: the divisor of {expr} may be 0 (or the quotient leave 64 bits)"
            if op in ("floordiv", "mod", "truediv", "divmod"):
                return f"zero-division check: the divisor of {expr} may be 0"
            if op == "lshift":
                return f"shift check: {expr} may have a negative count or lose bits"
            if op == "rshift":
                return f"shift check: {expr} may have a negative count"
            if op == "range":
                return "range() check: its step may be 0"
            if op in ("int", "round"):
                return f"conversion check: {expr} raises for an infinity or a NaN"
            if op == "getitem":
                return f"index check: {expr} may be out of range"
            if op == "slice_step":
                return f"slice check: the step of {expr} may be 0"
            if str(op).startswith("math."):
                return f"math check: {expr} may raise ({op})"
            return f"check: {expr} may raise ({op})"
        expr = self.cell.expression(line, col, (ast.Subscript,)) or self.cell.expression(line, col, _EXPRESSIONS)
        texts = {
            "array_index": f"bounds check: the index of {expr or 'the array'} is not provably in range",
            "negative_power": f"check: {expr} may have a negative exponent",
            "recursion": "recursion check: the call depth and the stack (RecursionError)",
            "assert": "assert",
            "unbound": f"{info.get('name')} may be unbound here",
            "key_error": "KeyError if the key is missing",
            "dict_changed": "checks the dict does not change size while the loop runs",
            "array_new": "checks the shape (a negative dimension, no memory)",
            "array_unaligned": "checks the array arguments' strides and alignment",
            "array_slice_step": "slice check: the step may be 0",
            "array_broadcast": "checks the shapes of a slice assignment",
            "array_numpy": f"checks what NumPy's {info.get('op')} refuses (shapes, sizes, an empty array)",
            "array_operands": "checks that the operands' shapes broadcast together",
            "array_output": "checks that the result fits the array updated in place",
            "array_mask": "checks that the mask has the array's shape",
            "array_mask_count": "checks that there are as many values as selected elements",
            "array_power": f"check: {expr or 'an int power'} may have a negative exponent",
            "str_call": f"check: {expr or info.get('op')} may raise ({info.get('op')})",
            "zip_strict": "zip(strict=True) checks that the lengths agree",
            "empty_sequence": f"{info.get('op')}() of an empty sequence raises ValueError"}
        return texts.get(kind)  # no_memory (each allocation), print, format, interrupt: not checks

    def check_reason(self, site: int, info: dict) -> str:
        reason = self.notes.site_reasons.get(site)
        if reason:
            return reason
        if info["kind"] == "python_op" and info.get("op") in _OVERFLOW_OPS:
            loop = self.notes.site_loops.get(site)
            if loop is not None and self.notes.loops[loop].why_not:
                return self.notes.loops[loop].why_not
        return ""

    # ---- calls and reference counts -----------------------------------------------------

    def calls(self) -> None:
        for i in self.code.instructions:
            if not i.line:
                continue
            if i.refcount or i.callee in ("@jitcell.release", "slot:rt.obj_destroy"):
                self.mark(i.line, "refcount", "reference counting: parameters and locals, on entry and at exit"
                          if i.line in self.cell.def_lines else "reference counting: an object retained or released")
                continue
            described = _call_text(i)
            if described is not None:
                self.mark(i.line, *described)

    def interrupt_check(self, i: Instruction) -> bool:
        """A call of jitcell.signals for a loop's interrupt check (not a callback's own, before it)."""
        return any(0 <= s < len(self.sites) and self.sites[s]["kind"] == "interrupt" for s in i.constant_args)

    # ---- loops ------------------------------------------------------------------------------

    def loops(self) -> None:
        user = [loop for loop in self.code.loops if not loop.header.startswith(_CHUNK_LOOP)]
        by_source: dict[int, list[Loop]] = {}
        for loop in user:
            source = self._source_loop(loop)
            if source is not None:
                by_source.setdefault(source[0], []).append(loop)
        for source in self.cell.loops:
            first, last, node = source
            if not self.cell.innermost(source):
                continue  # LLVM vectorizes innermost loops
            found = by_source.get(first, [])
            running = [loop for loop in found if loop.inner and self.loop_state(loop) == "runs"]
            has_code = any(first <= i.home <= last for i in self.code.instructions)
            if not found:
                if has_code:
                    self.mark(first, "note", "no loop left: LLVM computed it without iterating (a closed form) or "
                                             "unrolled it")
                continue
            if not running:
                self.mark(first, "note", "the copy of this loop that runs has no loop left (a closed form, or "
                                         "unrolled); only its checked copy loops")
                continue
            if any(self.interrupt_check(i) for loop in running for i in loop.instructions):
                self.mark(first, "note", "checks for Kernel › Interrupt at each iteration (a load and a compare; "
                                         "a loop of plain arithmetic checks once per chunk of iterations)")
            if any(loop.vectorized for loop in running):
                width = next((m.group(0) for loop in running for i in loop.instructions
                              if (m := re.search(r"<\d+ x [\w*]+>", i.text))), "")
                self.mark(first, "note", "vectorised" + (f" ({width})" if width else ""))
            else:
                reasons = self._not_vectorised(running, node) or self._remarks(first, last) or \
                    ["LLVM's vectoriser did not find it worthwhile"]
                self.mark(first, "loop", "loop not vectorised: " + "; ".join(reasons))

    def _source_loop(self, loop: Loop):
        """The innermost loop of the source holding most of the IR loop's lines."""
        lines = [i.home for i in loop.instructions if i.home and not _PHI.match(i.text)]
        best, count = None, 0
        for source in self.cell.loops:
            n = sum(source[0] <= line <= source[1] for line in lines)
            if n > count or (n == count and n and best is not None and source[0] > best[0]):
                best, count = source, n
        return best

    def _not_vectorised(self, loops: list[Loop], node: ast.AST) -> list[str]:
        reasons: list[str] = []
        for loop in loops:
            for i in loop.instructions:
                described = _call_text(i) if i.line else None
                if described is not None and described[0] == "call":
                    reasons.append(f"it {described[1]} (line {i.line})")
            checks: dict[str, int] = {}  # what -> its line
            for site in sorted(self._raised(loop.instructions + loop.exits)):
                info = self.sites[site] if 0 <= site < len(self.sites) else None
                what = self.check_text(info) if info and self.site_state(site) == "runs" else None
                if what and info:
                    checks.setdefault(what.split(":")[0], info["line"])
            if checks:
                reasons.append("a check in it may raise and leave the loop: " +
                               ", ".join(f"{what} (line {line})" for what, line in checks.items()))
            if any(i.refcount for i in loop.instructions):
                reasons.append("it changes reference counts")
            if _float_reduction(loop):
                reasons.append("it sums floats in order: vectorising would reorder the additions and change the "
                               "rounding")
        if not reasons and isinstance(node, ast.While):
            reasons.append("its trip count is not known when it starts")
        return list(dict.fromkeys(reasons))[:3]

    def _remarks(self, first: int, last: int) -> list[str]:
        """LLVM's own reasons, for the loops of these lines (when jitcell's say nothing)."""
        found = []
        for remark in self.notes.remarks:
            m = re.match(r"[^:]+:(\d+):\d+: loop not vectorized: (.*)", remark, re.DOTALL)
            if m and first <= int(m.group(1)) <= last:
                found.append("LLVM: " + " ".join(m.group(2).split(". Use #pragma")[0].split()))
        return list(dict.fromkeys(found))[:2]


def _float_reduction(loop: Loop) -> bool:
    """A float accumulated across iterations (a phi of double feeding an fadd in the loop)."""
    phis = {i.text.split(" = ")[0] for i in loop.instructions if " = phi double " in i.text}
    return any(re.search(r"= fadd(?: \w+)* double ([^,]+), ([^,\s]+)", i.text) and
               any(p in re.split(r"[ ,]+", i.text.split("double", 1)[1]) for p in phis)
               for i in loop.instructions if "fadd" in i.text)


_CAPI = {"PyOS_double_to_string": "formats a float with CPython's PyOS_double_to_string (takes the GIL)",
         "Py_GetRecursionLimit": "reads sys.getrecursionlimit() (takes the GIL)"}


def _call_text(i: Instruction) -> tuple[str, str] | None:
    """What a call reaches, as (kind, text); None for what is not a call worth a mark."""
    callee = i.callee
    if not callee or callee.startswith("@llvm.") or callee in ("@jitcell.raise", "slot:raise"):
        return None
    if callee == "@jitcell.signals":
        return None  # an interrupt check (loops() notes those made at each iteration), or a callback's own
    for name, what in (("print", "print()"), ("format", "format() for an f-string field")):
        if callee in (f"@jitcell.{name}", f"slot:{name}"):
            return "call", f"calls back into Python: {what}"
    if callee == "@jitcell.float_repr":
        return "call", _CAPI["PyOS_double_to_string"]
    if callee.startswith("slot:capi."):
        text = _CAPI.get(callee.removeprefix("slot:capi."))
        return ("call", text) if text else None
    for prefix in ("slot:rt.", "@jitcell.rt."):
        if callee.startswith(prefix):
            name = callee.removeprefix(prefix)
            if name in ("main_thread", "stack_floor", "obj_destroy"):
                return None  # the interrupt and recursion checks' own; a release's
            return "call", f"calls the runtime library: {name}()"
    for prefix in ("slot:cell.", "@jitcell.callee."):
        if callee.startswith(prefix):
            return "call", f"calls {callee.removeprefix(prefix)}() of another cell"
    if callee.startswith("@jitcell.impl."):
        name = callee.removeprefix("@jitcell.impl.")
        if i.function == f"jitcell.def.{name}":
            return None  # the entry point calling the function's body
        return "call", f"calls {name}() (not inlined)"
    if callee.startswith("@") and not callee.startswith("@jitcell."):
        return "call", f"calls the C library's {callee[1:]}()"
    return None
