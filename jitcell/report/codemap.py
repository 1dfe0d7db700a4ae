"""Which cell line each instruction of the optimized code comes from, read back from its text.

    >>> code = read_ir(optimized_ir_with_locations)      # driver.generated_code(..., locations=True)
    >>> [(i.line, i.text) for i in code.instructions][:1]
    [(5, '%.78 = tail call { i64, i1 } @llvm.smul.with.overflow.i64(i64 %k, i64 %k)')]
    >>> [(loop.lines, loop.vectorized) for loop in code.loops]
    [({4, 5}, True)]
    >>> read_asm(assembly)[5]                            # the `.loc` directives' lines
    ['.LBB0_3:', 'vpaddq %ymm0, %ymm1, %ymm1', ...]

An instruction's `!dbg` names a DILocation: its line (`line`) and, through `inlinedAt`, the line
of the call that inlined it; `home` is the line in the outermost function of the cell (not an
entry point that inlined it), the one whose loops contain it. Calls are resolved to what they
reach: a function by name, or through a slot (`load ptr, ptr @"jitcell.slot.rt.str_concat"`,
then a call of the loaded pointer) the slot's target. Loops are found in each function's
control-flow graph (a back edge to a block on the depth-first path, and the blocks that reach it).
The entry points other cells call (`jitcell.call.*`) repeat the code of Python's (`jitcell.def.*`)
and are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jitcell import abi

__all__ = ["Instruction", "Loop", "CodeMap", "read_ir", "read_asm"]

_METADATA = re.compile(r"^!(\d+) = (?:distinct )?(.*)$")
_LOCATION = re.compile(r"!DILocation\(line: (\d+)(?:, column: \d+)?, scope: !(\d+)(?:, inlinedAt: !(\d+))?")
_BLOCK = re.compile(r"!DILexicalBlock\(scope: !(\d+), .*?column: (\d+)")
_LINKAGE = re.compile(r'!DISubprogram\(.*?linkageName: "([^"]+)"')
_ATTACHMENTS = re.compile(r"((?:, ![\w.]+ !\d+)+)$")
_ATTACHMENT = re.compile(r"!([\w.]+) !(\d+)")
_DEFINE = re.compile(r'^define .*?@("[^"]+"|[-\w.$]+)\(')
_LABEL = re.compile(r'^("[^"]+"|[-\w.$]+):')
_CALL = re.compile(r'\bcall\b.*?([%@](?:"[^"]+"|[-\w.$]+))\(([^)]*)')
_SLOT_LOAD = re.compile(r'^(%[-\w.$]+) = load ptr, ptr @("?)(jitcell\.slot\.[^"\s,]+)\2')
_DEFINED = re.compile(r"^(%[-\w.$]+) = (.*)$")
_SUCCESSOR = re.compile(r'label %("[^"]+"|[-\w.$]+)')
_VECTOR = re.compile(r"<\d+ x [\w*]+>")
_TERMINATORS = ("br ", "switch ", "ret ", "ret", "unreachable", "indirectbr ", "resume ", "callbr ")
_ASM_LOC = re.compile(r"^\s*\.loc\s+\d+\s+(\d+)")
_ASM_LABEL = re.compile(r'^("[^"]+"|[\w.$]+):')


@dataclass(slots=True)
class Instruction:
    text: str  # as printed, without metadata attachments
    function: str
    block: str
    line: int  # the cell line it comes from (0: none, code the compiler made up)
    home: int  # that line, or the line of the call that inlined it into a function of the cell
    refcount: bool = False  # a reference-count operation (lower/locations.py)
    copies: tuple[int, ...] = ()  # the copies of versioned loops it lies in (their scopes' numbers)
    callee: str = ""  # a call's target: "@name", or "slot:TARGET" through a slot
    constant_args: tuple[int, ...] = ()  # the values its first i32 argument may have, if constants
    vector: bool = False  # works on a vector type


@dataclass
class Loop:
    function: str
    header: str
    blocks: set[str]
    instructions: list[Instruction]
    vectorized: bool  # the loop vectorizer's mark, or vector instructions in it
    exits: list[Instruction] = field(default_factory=list)  # of the blocks it branches out to (a raise)
    inner: bool = True  # holds no other loop

    @property
    def lines(self) -> set[int]:
        return {i.home for i in self.instructions if i.home}


@dataclass
class CodeMap:
    instructions: list[Instruction] = field(default_factory=list)
    loops: list[Loop] = field(default_factory=list)


def _skipped(function: str) -> bool:
    """An entry point for other cells, or CPython's native one: the same code as the ctypes entry point."""
    return function.startswith((abi.CALL_PREFIX, abi.NATIVE_PREFIX))


def read_ir(text: str) -> CodeMap:
    """The instructions of the functions that carry locations, and their loops."""
    metadata = {int(m.group(1)): m.group(2) for m in map(_METADATA.match, text.splitlines()) if m}
    vectorized_marks = {n for n, body in metadata.items() if '"llvm.loop.isvectorized"' in body}
    locations = _Locations(metadata)
    code = CodeMap()
    for function, blocks in _functions(text):
        if _skipped(function):
            continue
        slots: dict[str, str] = {}
        definitions: dict[str, str] = {}
        successors: dict[str, list[str]] = {}
        latch_vectorized: set[str] = set()
        instructions: list[Instruction] = []
        for block, lines in blocks:
            successors[block] = []
            for line in lines:
                body, attachments = _split_attachments(line)
                line_no, home, copies = locations.lines(attachments.get("dbg"))
                if (loaded := _SLOT_LOAD.match(body)) is not None:
                    slots[loaded.group(1)] = loaded.group(3)
                if (defined := _DEFINED.match(body)) is not None:
                    definitions[defined.group(1)] = defined.group(2)
                instruction = Instruction(body, function, block, line_no, home, refcount=_REFCOUNT in attachments,
                                          copies=copies, vector=bool(_VECTOR.search(body)))
                if (call := _CALL.search(body)) is not None:
                    target = call.group(1)
                    instruction.callee = (f"slot:{slots[target].removeprefix(abi.SLOT_PREFIX)}" if target in slots else
                                          target.replace('"', ""))
                    instruction.constant_args = _first_argument(call.group(2), definitions)
                if body.lstrip().startswith(_TERMINATORS):
                    successors[block] = [s.strip('"') for s in _SUCCESSOR.findall(body)]
                    loop_mark = attachments.get("llvm.loop")
                    if loop_mark is not None and vectorized_marks & _references(metadata, loop_mark):
                        latch_vectorized.add(block)
                instructions.append(instruction)
        code.instructions += instructions
        code.loops += _loops(function, [b for b, _ in blocks], successors, instructions, latch_vectorized)
    return code


_REFCOUNT = "jitcell.refcount"


class _Locations:
    """DILocation metadata -> (line, home line, the copies of versioned loops it lies in)."""

    def __init__(self, metadata: dict[int, str]):
        self.metadata = metadata
        self.cache: dict[int, tuple[int, int, tuple[int, ...]]] = {}

    def _copies(self, scope: int) -> list[int]:
        """The numbers of the copy scopes (lexical blocks) around `scope`, outermost first."""
        found: list[int] = []
        while (block := _BLOCK.search(self.metadata.get(scope, ""))) is not None and len(found) < 64:
            found.append(int(block.group(2)))
            scope = int(block.group(1))
        return found[::-1]

    def _entry_point(self, scope: int) -> bool:
        found = _LINKAGE.search(self.metadata.get(scope, ""))
        return found is not None and found.group(1).startswith((abi.FUNCTION_PREFIX, abi.CALL_PREFIX))

    def lines(self, number: int | None) -> tuple[int, int, tuple[int, ...]]:
        if number is None:
            return 0, 0, ()
        if number not in self.cache:
            chain: list[tuple[int, int]] = []  # (line, scope), innermost first
            current: int | None = number
            while current is not None and len(chain) < 64:
                found = _LOCATION.search(self.metadata.get(current, ""))
                if found is None:
                    break
                chain.append((int(found.group(1)), int(found.group(2))))
                current = int(found.group(3)) if found.group(3) else None
            inside = [line for line, scope in chain if not self._entry_point(scope)] or [line for line, _ in chain]
            copies = tuple(c for _, scope in reversed(chain) for c in self._copies(scope))
            self.cache[number] = (chain[0][0], inside[-1], copies) if chain else (0, 0, ())
        return self.cache[number]


def _references(metadata: dict[int, str], number: int) -> set[int]:
    return {int(n) for n in re.findall(r"!(\d+)", metadata.get(number, ""))}


def _split_attachments(line: str) -> tuple[str, dict[str, int]]:
    found = _ATTACHMENTS.search(line)
    if found is None:
        return line.strip(), {}
    attachments = {name: int(number) for name, number in _ATTACHMENT.findall(found.group(1))}
    return line[:found.start()].strip(), attachments


def _first_argument(arguments: str, definitions: dict[str, str], depth: int = 0) -> tuple[int, ...]:
    """The constants the first i32 argument may be (a site: `@jitcell.raise(i32 7, ...)`, or the
    raise slot's `(i64 tag, i32 7, ...)`): `i32 7`, or a phi or select of constants."""
    found = re.search(r"(?:^|,)\s*i32 (?:noundef |range\([^)]*\) )*(-?\d+|%[-\w.$]+)", arguments)
    if found is None:
        return ()
    value = found.group(1)
    if not value.startswith("%"):
        return (int(value),)
    return _constants(value, definitions, depth)


def _constants(value: str, definitions: dict[str, str], depth: int) -> tuple[int, ...]:
    if depth > 8:
        return ()
    if not value.startswith("%"):
        return (int(value),) if re.fullmatch(r"-?\d+", value) else ()
    definition = definitions.get(value, "")
    if definition.startswith("phi i32"):
        values = re.findall(r"\[\s*(-?\d+|%[-\w.$]+),", definition)
    elif definition.startswith("select i1"):
        values = re.findall(r"i32 (-?\d+|%[-\w.$]+)", definition)
    else:
        return ()
    return tuple(c for v in values for c in _constants(v, definitions, depth + 1))


def _functions(text: str):
    """(name, [(block label, [instruction lines])]) per defined function."""
    lines = iter(text.splitlines())
    for line in lines:
        found = _DEFINE.match(line)
        if found is None:
            continue
        name = found.group(1).strip('"')
        blocks: list[tuple[str, list[str]]] = [("", [])]
        pending = ""  # a switch's cases span lines
        for line in lines:
            if line.startswith("}"):
                break
            label = _LABEL.match(line)
            if label is not None:
                blocks.append((label.group(1).strip('"'), []))
                continue
            if not line.strip() or line.lstrip().startswith(";"):
                continue
            if pending or (line.lstrip().startswith("switch ") and "]" not in line):
                pending += " " + line.strip()
                if "]" not in line:
                    continue
                line, pending = pending, ""
            blocks[-1][1].append(line)
        yield name, [(label or "entry", body) for label, body in blocks if body or label]


def _loops(function: str, order: list[str], successors: dict[str, list[str]], instructions: list[Instruction],
           latch_vectorized: set[str]) -> list[Loop]:
    """Natural loops: a back edge (to a block on the depth-first path) and the blocks that reach
    its source without passing its header; back edges to one header make one loop."""
    if not order:
        return []
    back_edges: dict[str, set[str]] = {}
    on_path: set[str] = set()
    seen: set[str] = set()
    stack = [(order[0], iter(successors.get(order[0], ())))]
    seen.add(order[0])
    on_path.add(order[0])
    while stack:
        block, following = stack[-1]
        for successor in following:
            if successor in on_path:
                back_edges.setdefault(successor, set()).add(block)
            elif successor not in seen:
                seen.add(successor)
                on_path.add(successor)
                stack.append((successor, iter(successors.get(successor, ()))))
                break
        else:
            stack.pop()
            on_path.discard(block)
    predecessors: dict[str, set[str]] = {}
    for block, targets in successors.items():
        for target in targets:
            predecessors.setdefault(target, set()).add(block)
    by_block: dict[str, list[Instruction]] = {}
    for instruction in instructions:
        by_block.setdefault(instruction.block, []).append(instruction)
    loops = []
    for header, sources in back_edges.items():
        body = {header}
        work = [s for s in sources if s != header]
        while work:
            block = work.pop()
            if block not in body:
                body.add(block)
                work.extend(predecessors.get(block, ()))
        inside = [i for block in order if block in body for i in by_block.get(block, ())]
        vectorized = bool(body & latch_vectorized) or any(i.vector for i in inside)
        exits = {s for block in body for s in successors.get(block, ()) if s not in body}
        outside = [i for block in order if block in exits for i in by_block.get(block, ())]
        loops.append(Loop(function, header, body, inside, vectorized, outside))
    for loop in loops:
        loop.inner = not any(other is not loop and other.header in loop.blocks for other in loops)
    return loops


def read_asm(text: str) -> dict[int, list[str]]:
    """cell line -> its instructions (each block's label before its first), from the `.loc`
    directives; the code of `jitcell.call.*` entry points and debug sections left out."""
    found: dict[int, list[str]] = {}
    line_no, label, skipping = 0, "", False
    for raw in text.splitlines():
        if raw.startswith("\t.section\t.debug"):
            break
        head = _ASM_LABEL.match(raw)
        if head is not None:
            name = head.group(1).strip('"')
            if not name.startswith(".L"):  # a function
                skipping, line_no = _skipped(name), 0
            if not name.startswith((".Ltmp", ".Lfunc_begin", ".Lfunc_end")):
                label = raw.strip()
            continue
        location = _ASM_LOC.match(raw)
        if location is not None:
            line_no = int(location.group(1))
            continue
        stripped = raw.strip()
        if skipping or not line_no or not stripped or stripped.startswith((".", "#")):
            continue
        target = found.setdefault(line_no, [])
        if label:
            target.append(label)
            label = ""
        target.append(stripped.split("#")[0].rstrip().replace("\t", " "))
    return found
