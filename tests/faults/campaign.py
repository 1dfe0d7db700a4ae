"""Fuzzing campaigns: mutated cells (mutation.py) compiled, and run against CPython where that is
safe, in a worker process, so that a crash is counted instead of ending the campaign.

    result = campaign(seed=31337, count=3000)      # {"outcomes": {kind: {outcome: n}}, "cases": [...]}
    print(matrix(result))                          # mutation kind x outcome
    python tools/fuzz_matrix.py --count 3000       # the same from the command line, and a report

Each mutant ends in one outcome:

- "equal": it compiled, and the call directives of its cell (tests/programs/*.py, `#> f(10)`), run in
  CPython and in jitcell, gave the same values, exceptions and printed text (after jitcell's
  documented deviations);
- "compiled": it compiled, and nothing could be compared: CPython could not run the cell or any of
  its calls (they raised RecursionError or MemoryError, or ran past 2 s; or they differ and the cell
  reads np.empty's memory, which is not initialized), or the mutant's options
  change the semantics (script, wraparound) or make it unsafe to run (no bounds checks: an index
  out of range is undefined behaviour; no interrupt checks: a loop cannot be stopped);
- "clear_error": CompileError, every diagnostic at a line:col of the cell;
- "unclear_error": CompileError with a diagnostic outside the cell;
- "wrong": it compiled and a call gave another result than CPython's;
- "internal": another exception from compile_cell (KeyError, an LLVM verifier error...);
- "crash": the worker process died (a signal, an abort in LLVM, a segfault in compiled code);
- "timeout": the worker gave no answer within the case's time limit.

Only the first three are acceptable. The worker is restarted after a crash or a timeout.
"""

from __future__ import annotations

import json
import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import warnings
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [p for p in (str(HERE), str(HERE.parent)) if p not in sys.path]

from mutation import KINDS, ROOT, Mutant  # noqa: E402 - after the path that finds it

OUTCOMES = ("equal", "compiled", "clear_error", "unclear_error", "wrong", "internal", "crash", "timeout")
ACCEPTABLE = frozenset({"equal", "compiled", "clear_error"})
HEADINGS = {"equal": "ran, equal to CPython", "compiled": "compiled, not compared", "clear_error": "CompileError",
            "unclear_error": "CompileError without location", "wrong": "wrong result", "internal": "internal error",
            "crash": "crash", "timeout": "timeout"}
CALL_SECONDS = 2.0  # each call directive, in CPython and in jitcell
CASE_SECONDS = 120.0  # a case's whole time in the worker (a mutant may hold a function of 3,000 statements)


# ---- in the worker --------------------------------------------------------------------------------

def examine(mutant: Mutant, call: bool = True) -> dict:
    """Compile the mutant (and compare its calls with CPython's): {"outcome", "details"}."""
    import jitcell
    from jitcell import CompileError
    from jitcell.errors import source_lines

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarnings of the mutants, a large function's note
            library = jitcell.compile_cell(mutant.source, cache=False, **mutant.options)
    except CompileError as error:
        lines = len(source_lines(mutant.source)) + 1  # a cell cut short: an error at the line after its end
        clear = all(1 <= d.loc.line <= lines and d.loc.col >= 1 for d in error.diagnostics)
        return {"outcome": "clear_error" if clear else "unclear_error", "details": str(error)[:300]}
    except Exception as error:  # noqa: BLE001 - what the fuzzer looks for
        frames = [f for f in traceback.extract_tb(error.__traceback__) if "/jitcell/" in f.filename]
        where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
        return {"outcome": "internal", "details": f"{type(error).__name__}: {str(error)[:300]} (at {where})"}
    if not call:
        return {"outcome": "compiled", "details": ""}
    compared, differences = compare(mutant, library)
    if differences:
        return {"outcome": "wrong", "details": "; ".join(differences)[:1000]}
    return {"outcome": "equal" if compared else "compiled", "details": f"{compared} calls compared"}


class _Timeout(Exception):
    pass


def _limited(run, seconds: float = CALL_SECONDS):
    """run() stopped by SIGALRM after `seconds` (compiled loops run Python's signal handlers)."""
    def expire(signum, frame):
        raise _Timeout()

    old = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return run()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def compare(mutant: Mutant, library) -> tuple[int, list[str]]:
    """The cell's call directives (not its deviations), run in CPython and in jitcell and compared as
    tests/test_differential.py compares them: (how many were compared, the differences)."""
    import test_differential as diff

    options = mutant.options
    if options.get("script") or options.get("wraparound") or options.get("interrupt_checks") is False or \
            options.get("boundscheck") is False:
        return 0, []
    directives = [d for d in diff._directives(ROOT / "tests" / "programs" / f"{mutant.cell}.py") if not d.deviation]
    python: dict = {"__name__": "mutant"}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _limited(lambda: exec(compile(mutant.source, "mutant", "exec"), python))
    except BaseException:  # noqa: BLE001 - CPython cannot run it (SystemExit and KeyboardInterrupt included)
        return 0, []
    jitted = diff.namespace_of(library)
    compared, found = 0, []
    for d in directives:
        expected = _limited(lambda d=d: diff._run(d.call, python))
        got = _limited(lambda d=d: diff._run(d.call, jitted))
        if isinstance(expected.error, (_Timeout, RecursionError, MemoryError)):
            continue
        if isinstance(got.error, (RecursionError, MemoryError)):
            continue  # jitcell's recursion limit counts differently (docs/architecture.md)
        compared += 1
        if diff.same_outcome(expected, got) or _deviation(expected, got):
            continue
        try:  # jitcell converts an int passed as float...
            converted = _as_annotated(d.call, python, library)
        except Exception:  # noqa: BLE001 - the arguments do not evaluate: nothing to convert
            converted = None
        if converted is not None:
            again = _limited(lambda c=converted: diff._run(*c))
            if diff.same_outcome(again, got) or _deviation(again, got):
                continue
        if re.search(r"\bempty(_like)?\(", mutant.source):
            compared -= 1  # np.empty's memory is not initialized: a cell may read what it holds
            continue
        found.append(f"{d.call}: CPython {expected.describe()}; jitcell {got.describe()}")
    return compared, found


def _as_annotated(call: str, namespace: dict, library) -> tuple[str, dict] | None:
    """The call with its arguments converted as jitcell's annotations convert them (an int passed as a
    float becomes a float, a bool as an int an int: a documented deviation), to run in CPython; None
    if no argument changes. (A mutated annotation makes CPython compute with another type.)"""
    import ast

    import test_differential as diff

    tree = ast.parse(call, mode="eval").body
    if not (isinstance(tree, ast.Call) and isinstance(tree.func, ast.Name)):
        return None
    row = next((f for f in library.manifest["functions"] if f["name"] == tree.func.id), None)
    if row is None or any(isinstance(a, ast.Starred) for a in tree.args) or any(k.arg is None for k in tree.keywords):
        return None
    types = dict(row["params"])
    names = [name for name, _ in row["params"]]
    scope = {"math": diff.math, "np": diff.np, **namespace}
    arguments = [(names[i] if i < len(names) else None, a) for i, a in enumerate(tree.args)]
    arguments += [(k.arg, k.value) for k in tree.keywords]
    changed, parts = False, []
    for i, (name, node) in enumerate(arguments):
        value = eval(compile(ast.Expression(node), "<call>", "eval"), scope)
        wanted = types.get(name)
        if wanted == "float" and type(value) in (int, bool):
            value, changed = float(value), True
        elif wanted == "int" and type(value) is bool:
            value, changed = int(value), True
        scope[f"jc__arg{i}"] = value
        parts.append(f"jc__arg{i}" if i < len(tree.args) else f"{name}=jc__arg{i}")
    return (f"{tree.func.id}({', '.join(parts)})", scope) if changed else None


def _deviation(python, jit) -> bool:
    """jitcell's documented deviations (docs/architecture.md, "Generated code")."""
    if isinstance(jit.error, OverflowError) and "does not fit in a 64-bit int" in str(jit.error):
        return True  # an int beyond 64 bits (CPython goes on with it, to a result or another error)
    if python.error is None and jit.error is None and python.stdout == jit.stdout:
        return _converted(python.value, jit.value)
    if isinstance(jit.error, ValueError) and python.error is None and isinstance(python.value, (float, complex)):
        return True  # int ** negative int, a negative float to a fractional power
    if isinstance(jit.error, TypeError) and re.search(r"\(\) argument '\w+' must be ", str(jit.error)):
        return True  # an argument its (mutated) annotation refuses: CPython does not read annotations
    return False


def _converted(a, b) -> bool:
    """Equal but for annotation conversion: an int where jitcell's annotation made a float (or a
    complex), also as an item of a tuple or list result (`-> tuple[complex, float]`)."""
    if isinstance(a, (tuple, list)) and type(a) is type(b) and len(a) == len(b):
        return all(_converted(x, y) for x, y in zip(a, b, strict=True))
    return isinstance(a, (int, float, complex)) and isinstance(b, (int, float, complex)) and a == b


def serve(seed: int) -> None:
    """The worker: reads "INDEX CALL" lines, answers one JSON line each on its own stdout (the
    process's stdout is /dev/null: compiled code and CPython may print)."""
    answers = os.fdopen(os.dup(1), "w")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - for the worker's life
    for line in sys.stdin:
        index, call = (int(part) for part in line.split())
        mutant = Mutant.make(seed, index)
        answer = {"index": index, "kind": mutant.kind, "cell": mutant.cell, **examine(mutant, bool(call))}
        answers.write(json.dumps(answer) + "\n")
        answers.flush()


# ---- in the parent --------------------------------------------------------------------------------

class Worker:
    """A child process that examines mutants, one at a time; restarted when it dies or hangs."""

    def __init__(self, seed: int):
        self.seed = seed
        self.stderr = tempfile.TemporaryFile()
        self.process = subprocess.Popen([sys.executable, str(Path(__file__)), "--serve", str(seed)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr,
                                        text=True, cwd=ROOT)

    def examine(self, index: int, call: bool, seconds: float = CASE_SECONDS) -> dict:
        assert self.process.stdin is not None and self.process.stdout is not None
        try:
            self.process.stdin.write(f"{index} {int(call)}\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            pass
        ready, _, _ = select.select([self.process.stdout], [], [], seconds)
        line = self.process.stdout.readline() if ready else ""
        if line:
            return json.loads(line)
        mutant = Mutant.make(self.seed, index)
        if not ready:
            self.stop()
            return {"index": index, "kind": mutant.kind, "cell": mutant.cell, "outcome": "timeout",
                    "details": f"no answer in {seconds:g} s"}
        status = self.process.wait()
        self.stderr.seek(0)
        tail = self.stderr.read().decode(errors="replace").strip().splitlines()[-3:]
        how = f"signal {signal.Signals(-status).name}" if status < 0 else f"exit status {status}"
        return {"index": index, "kind": mutant.kind, "cell": mutant.cell, "outcome": "crash",
                "details": f"the worker died ({how}): {' | '.join(tail)}"[:1000]}

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.stderr.close()


def campaign(seed: int, count: int, start: int = 0, call: bool = True, report=print) -> dict:
    """Examine mutants start..start+count-1: the outcomes per kind, and every case not acceptable."""
    counts: dict[str, Counter] = {kind: Counter() for kind in KINDS}
    problems: list[dict] = []
    worker = Worker(seed)
    began = time.perf_counter()
    try:
        for index in range(start, start + count):
            answer = worker.examine(index, call)
            counts[answer["kind"]][answer["outcome"]] += 1
            if answer["outcome"] not in ACCEPTABLE:
                mutant = Mutant.make(seed, index)
                problems.append({**answer, "seed": seed, "options": mutant.options, "source": mutant.source})
                report(f"{answer['outcome']}: mutant {seed}:{index} ({answer['kind']} of {answer['cell']}): "
                       f"{answer['details']}")
            if not worker.alive():
                worker.stop()
                worker = Worker(seed)
    finally:
        worker.stop()
    return {"seed": seed, "start": start, "count": count, "call": call,
            "seconds": round(time.perf_counter() - began, 1),
            "outcomes": {kind: {o: c[o] for o in OUTCOMES if c[o]} for kind, c in counts.items()},
            "problems": problems}


def matrix(result: dict, markdown: bool = False) -> str:
    """Mutation kind x outcome, with the number of cases tried per kind."""
    head = ["kind", "tried", *(HEADINGS[o] for o in OUTCOMES)]
    rows = []
    total: Counter = Counter()
    for kind, c in result["outcomes"].items():
        total.update(c)
        rows.append([kind, sum(c.values()), *(c.get(o, 0) for o in OUTCOMES)])
    rows.append(["all", sum(total.values()), *(total.get(o, 0) for o in OUTCOMES)])
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
        lines += ["| " + " | ".join(map(str, row)) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(str(x)) for x in column) for column in zip(head, *rows, strict=True)]
    return "\n".join("  ".join(str(x).rjust(w) for x, w in zip(row, widths, strict=True)) for row in [head, *rows])


def unacceptable(result: dict) -> str:
    """The cases that are neither success nor a clear CompileError, one line each ("" if none)."""
    return "\n".join(f"  {p['outcome']}: {p['seed']}:{p['index']} {p['kind']} of {p['cell']} {p['options']}: "
                     f"{p['details']}" for p in result["problems"])


if __name__ == "__main__" and sys.argv[1:2] == ["--serve"]:
    serve(int(sys.argv[2]))
