"""Golden IR tests: the LLVM IR that cells lower to, compared with text kept in tests/ir/*.test.

Behavioural tests say whether generated code is right; they say nothing when a codegen change
adds a load to every call or drops a check it should keep. These tests pin the IR itself, in the
manner of mypyc's irbuild-*.test files, so that a change to lowering shows up as a readable diff
in review. The IR is the module as lowered (`front_end`'s second result), before LLVM's optimizer:
it follows the lowering code line by line and does not depend on `opt`.

Each `.test` file holds cases; text before the first case describes the file and is ignored::

    [case a_slot_for_print]            one case; its name is unique in the file
    def report(x: int) -> int:         the cell's source, up to the next section
        print(x)
        return x
    [callee]                           optional, repeatable: a cell compiled first (compile_cell into a
    def double(x: int) -> int:         fresh Namespace, with the case's options); the case's cell is
        return 2 * x                   lowered in that namespace, as generated_code does
    [options]                          optional: Options fields, one key=value a line (Python literals)
    opt=0
    [out]                              the expected IR, normalised (see `normalise_ir`)
    ...

Cases are found by globbing tests/ir/*.test; each is one test, with the id `file::case`. A
mismatch fails with a unified diff, expected against actual.

Regenerating: `JITCELL_REGEN_IR=1 python -m pytest tests/test_ir_golden.py` rewrites the `[out]`
section of every case whose IR changed (adding one to a case that has none) and passes, with a
warning naming each rewritten case; review the rewrite with `git diff tests/ir`. To add a case,
write its source (and sections) without `[out]` and regenerate.
"""

from __future__ import annotations

import ast
import difflib
import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import jitcell
from jitcell.compiler.driver import front_end
from jitcell.loader import namespace, variables
from jitcell.options import Options

IR_DIR = Path(__file__).parent / "ir"
REGEN_ENV = "JITCELL_REGEN_IR"
# Normally derived from the cache key; it appears in the IR (every callback gets it), so it is fixed.
FIXED_TAG = 1

_SECTION = re.compile(r"^\[(case|callee|options|out)(?: (\S+))?\]$")
_DROPPED_LINE = re.compile(r'^(; ModuleID = |target triple = |target datalayout = )')
# A slot global's initializer: the address of its target in this process, baked in at lowering. Zero
# (a slot with nothing to point at yet, such as the cell's own module variable) is the same everywhere.
_SLOT_ADDRESS = re.compile(r'^(@"jitcell\.slot\.[^"]+" = .*\binttoptr \(i64 )[1-9][0-9]*( to ptr\))$')


@dataclass
class Case:
    path: Path
    name: str
    source: str
    options: dict = field(default_factory=dict)
    callees: list[str] = field(default_factory=list)
    expected: str | None = None  # None: no [out] section yet
    out_span: tuple[int, int] | None = None  # the [out] body's lines in the file, end exclusive
    last_line: int = 0  # one past the case's last non-blank line

    @property
    def id(self) -> str:
        return f"{self.path.name}::{self.name}"


def parse_cases(path: Path, text: str | None = None) -> list[Case]:
    """The cases of a .test file (or of `text`, read as that file)."""
    lines = (path.read_text(encoding="utf-8") if text is None else text).splitlines()
    # (kind, argument, first body line, end of body without its trailing blank lines)
    sections: list[tuple[str, str | None, int, int]] = []
    for number, line in enumerate(lines):
        match = _SECTION.match(line)
        if match:
            sections.append((match[1], match[2], number + 1, number + 1))
        elif sections and line.strip():
            kind, argument, start, _ = sections[-1]
            sections[-1] = (kind, argument, start, number + 1)

    cases: list[Case] = []
    for kind, argument, start, end in sections:
        body = "\n".join(lines[start:end])
        if kind == "case":
            if not argument:
                raise ValueError(f"{path.name}:{start}: a [case] needs a name: [case NAME]")
            if any(c.name == argument for c in cases):
                raise ValueError(f"{path.name}:{start}: a second case named {argument}")
            cases.append(Case(path, argument, body + "\n"))
        elif not cases:
            raise ValueError(f"{path.name}:{start}: [{kind}] before the first [case]")
        elif kind == "callee":
            cases[-1].callees.append(body + "\n")
        elif kind == "options":
            for line in filter(str.strip, lines[start:end]):
                key, equals, value = line.partition("=")
                if not equals:
                    raise ValueError(f"{path.name}: [options] of {cases[-1].name}: {line!r} is not key=value")
                cases[-1].options[key.strip()] = ast.literal_eval(value.strip())
        else:
            cases[-1].expected, cases[-1].out_span = body, (start, end)
        cases[-1].last_line = max(cases[-1].last_line, end)
    return cases


def normalise_ir(module_text: str) -> str:
    """The lowered module as golden text: what depends on this process or machine replaced or dropped.

    Between two processes only the slot globals' initializers differ (addresses of this process:
    callbacks, C-API and runtime functions, other cells' entries and variables); they become
    `<address>`. The module ID, target triple and data layout describe the host, not the code, and
    are dropped. Trailing whitespace and blank lines at either end go; everything else stays."""
    lines = []
    for line in module_text.splitlines():
        if _DROPPED_LINE.match(line):
            continue
        lines.append(_SLOT_ADDRESS.sub(r"\1<address>\2", line.rstrip()))
    return "\n".join(lines).strip("\n")


def lowered_ir(case: Case) -> str:
    """The case's cell lowered (callees resolved as driver.generated_code resolves them), normalised."""
    options = Options(**case.options)
    env, var_env = {}, {}
    if case.callees:
        callees = jitcell.Namespace()
        for callee in case.callees:
            jitcell.compile_cell(callee, options, callees=callees)
        env = namespace.resolve(callees, case.source)
        var_env = variables.resolve(callees, case.source) if options.script else {}
    _, lowered, _ = front_end(case.source, options, FIXED_TAG, callees=env, var_env=var_env)
    return normalise_ir(str(lowered.module))


def ir_mismatch(expected: str, actual: str, case_id: str) -> str | None:
    """A unified diff of expected against actual IR, or None when they agree."""
    if expected.splitlines() == actual.splitlines():
        return None
    return "\n".join(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                          f"{case_id} [out]", f"{case_id} actual", lineterm=""))


def rewrite_out(case: Case, actual: str) -> None:
    """Replace the case's [out] body in its file with `actual` (adding [out] if it has none). The
    file is parsed again first: an earlier rewrite may have moved the case's lines."""
    lines = case.path.read_text(encoding="utf-8").splitlines()
    current = next(c for c in parse_cases(case.path) if c.name == case.name)
    if current.out_span is None:
        start = end = current.last_line
        replacement = ["[out]", *actual.splitlines()]
    else:
        start, end = current.out_span
        replacement = actual.splitlines()
    lines[start:end] = replacement
    case.path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def all_cases() -> list[Case]:
    return [case for path in sorted(IR_DIR.glob("*.test")) for case in parse_cases(path)]


CASES = all_cases()


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_lowered_ir_matches_golden_text(case):
    actual = lowered_ir(case)
    if os.environ.get(REGEN_ENV) == "1":
        if case.expected is None or ir_mismatch(case.expected, actual, case.id):
            rewrite_out(case, actual)
            warnings.warn(f"{REGEN_ENV}: rewrote the [out] of {case.id}", stacklevel=1)
        return
    if case.expected is None:
        pytest.fail(f"{case.id} has no [out] section; {REGEN_ENV}=1 writes it", pytrace=False)
    diff = ir_mismatch(case.expected, actual, case.id)
    if diff:
        pytest.fail(f"the lowered IR of {case.id} differs from its [out] ({REGEN_ENV}=1 rewrites it):\n{diff}",
                    pytrace=False)


# The tests below read the files again: under JITCELL_REGEN_IR the tests above may just have rewritten them.

def test_the_golden_files_hold_at_least_five_cases_each_with_an_out():
    cases = all_cases()
    assert len(cases) >= 5, [case.id for case in cases]
    assert [case.id for case in cases if not (case.expected or "").strip()] == []


def test_a_changed_instruction_is_reported_as_a_mismatch():
    case = next(case for case in all_cases() if case.name == "a_slot_for_print")
    expected_lines = case.expected.splitlines()
    at = next(i for i, line in enumerate(expected_lines) if " = icmp ne " in line)
    original = expected_lines[at]
    expected_lines[at] = original.replace("icmp ne", "icmp eq")

    diff = ir_mismatch("\n".join(expected_lines), lowered_ir(case), case.id)

    assert diff is not None
    changed_lines = [line for line in diff.splitlines()[2:] if line[:1] in "+-"]
    assert changed_lines == ["-" + expected_lines[at], "+" + original]


def test_normalisation_replaces_slot_addresses_and_drops_host_lines_only():
    module_text = "\n".join([
        '; ModuleID = "cell"',
        'target triple = "x86_64-unknown-linux-gnu"',
        'target datalayout = "e-m:e-i64:64"',
        "",
        '@"jitcell.slot.print" = internal externally_initialized global ptr inttoptr (i64 140314274877456 to ptr)',
        '@"jitcell.slot.var.count" = internal externally_initialized global ptr inttoptr (i64 0 to ptr)',
        '  %".15" = ptrtoint ptr inttoptr (i64 ptrtoint (ptr @"jitcell.str.0" to i64) to ptr) to i64   ',
    ])
    assert normalise_ir(module_text).splitlines() == [
        '@"jitcell.slot.print" = internal externally_initialized global ptr inttoptr (i64 <address> to ptr)',
        '@"jitcell.slot.var.count" = internal externally_initialized global ptr inttoptr (i64 0 to ptr)',
        '  %".15" = ptrtoint ptr inttoptr (i64 ptrtoint (ptr @"jitcell.str.0" to i64) to ptr) to i64',
    ]


def test_the_parser_reads_every_section():
    text = ("About this file.\n\n"
            "[case uses_limit]\ndef f() -> int:\n    return limit\n\n"
            "[callee]\nlimit: int = 3\n[options]\nscript=True\nopt=0\n"
            "[out]\nline one\n\nline two\n\n"
            "[case without_out]\ndef g() -> None:\n    pass\n")
    uses_limit, without_out = parse_cases(Path("example.test"), text)
    assert (uses_limit.id, uses_limit.source) == ("example.test::uses_limit", "def f() -> int:\n    return limit\n")
    assert uses_limit.callees == ["limit: int = 3\n"]
    assert uses_limit.options == {"script": True, "opt": 0}
    assert uses_limit.expected == "line one\n\nline two"
    assert (without_out.expected, without_out.out_span) == (None, None)
