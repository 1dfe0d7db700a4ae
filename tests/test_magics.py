"""The %%jit and %jit_cache magics in an in-process IPython shell."""

from __future__ import annotations

import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output

CELL = "%%jit\ndef cube(x: float) -> float:\n    return x * x * x\n"


@pytest.fixture
def shell(fresh_cache):
    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "jitcell")
    yield shell
    shell.user_ns.pop("cube", None)


def run(shell, cell):
    with capture_output() as captured:
        result = shell.run_cell(cell)
    return result, captured


def test_jit_binds_functions_and_shows_a_summary(shell):
    result, captured = run(shell, CELL)
    assert result.success
    assert shell.user_ns["cube"](2.0) == 8.0
    (bundle,) = [o.data for o in captured.outputs]
    assert bundle["text/plain"].startswith(
        "jitcell: bound cube · cache miss: first compile of this cell in this session · compile ")
    assert "cache miss" in bundle["text/html"] and "<b>jitcell</b>" in bundle["text/html"]
    _, captured = run(shell, CELL)
    assert "cache hit" in captured.outputs[0].data["text/plain"]


def test_a_generator_function_is_bound_and_walked_from_python_too(shell):
    result, captured = run(shell, "%%jit\ndef squares(n: int):\n    for i in range(n):\n        yield i * i\n\n"
                                  "def total(n: int) -> int:\n    return sum(squares(n))\n")
    assert result.success
    assert captured.outputs[0].data["text/plain"].startswith("jitcell: bound total, squares · ")
    assert shell.user_ns["total"](4) == 14
    result, _ = run(shell, "list(squares(3))")
    assert result.result == [0, 1, 4]
    for name in ("squares", "total"):
        shell.user_ns.pop(name)


def test_options_reach_the_compiler(shell, fresh_cache):
    run(shell, CELL)
    _, captured = run(shell, CELL.replace("%%jit", "%%jit -f --opt 3"))
    assert "rebuild forced" in captured.outputs[0].data["text/plain"]
    assert shell.user_ns["cube"].library.manifest["options"]["opt"] == 3
    _, captured = run(shell, CELL.replace("%%jit", "%%jit --no-cache -q"))
    assert captured.outputs == [] and not shell.user_ns["cube"].library.cache_hit
    run(shell, "%%jit --wraparound\ndef big(n: int) -> int:\n    return n * n\n")
    assert shell.user_ns["big"](2**62) == 0


def test_compile_error_fails_the_cell_with_the_diagnostic(shell):
    result, captured = run(shell, "%%jit\ndef f(n: int) -> int:\n    x = 1\n    return n + y\n")
    assert not result.success
    assert type(result.error_in_exec).__name__ == "CompileError"
    assert result.error_in_exec.line == 4 and result.error_in_exec.col == 16  # %%jit is line 1
    assert "cell:4:16: error: name 'y' is not defined" in captured.stdout + captured.stderr
    assert "Traceback" not in captured.stdout + captured.stderr


def test_bad_options_are_usage_errors(shell):
    result, captured = run(shell, "%%jit --opt 7\ndef f() -> None:\n    pass\n")
    assert not result.success
    assert "UsageError" in captured.stderr + captured.stdout


def test_help_documents_every_option(shell):
    doc = shell.find_cell_magic("jit").__doc__
    for option in ("--opt", "--wraparound", "--force", "--no-cache", "--quiet"):
        assert option in doc


def test_jit_cache_shows_lists_and_clears(shell, fresh_cache):
    run(shell, CELL)
    _, captured = run(shell, "%jit_cache")
    text = captured.outputs[0].data["text/plain"]
    assert str(fresh_cache) in text and "1 entry" in text
    _, captured = run(shell, "%jit_cache list")
    assert "cube" in captured.stdout
    _, captured = run(shell, "%jit_cache clear")
    assert "1 entry removed" in captured.stdout
    _, captured = run(shell, "%jit_cache")
    assert "0 entries" in captured.outputs[0].data["text/plain"]
    result, captured = run(shell, "%jit_cache frobnicate")
    assert not result.success and "unknown command" in captured.stderr + captured.stdout


def test_runtime_errors_keep_the_session(shell):
    run(shell, "%%jit\ndef div(a: int, b: int) -> int:\n    return a // b\n")
    result, _ = run(shell, "kept = 5\ndiv(1, 0)")
    assert isinstance(result.error_in_exec, ZeroDivisionError)
    assert "line 3" in "".join(result.error_in_exec.__notes__)
    assert shell.user_ns["kept"] == 5 and shell.user_ns["div"](7, 2) == 3


ANNOTATED = ("%%jit --annotate{}\ndef pick(a: int[:], idx: int[:]) -> int:\n    s = 0\n    for j in range(len(idx)):\n"
             "        s += a[idx[j]]\n    return s\n")


def test_annotate_shows_each_lines_marks_after_the_summary(shell):
    result, captured = run(shell, ANNOTATED.format(""))
    assert result.success
    summary, annotation = [o.data for o in captured.outputs]
    assert summary["text/plain"].startswith("jitcell: bound pick")
    text = annotation["text/plain"]
    assert "   5 !           s += a[idx[j]]" in text  # %%jit is line 1
    assert "! bounds check: the index of a[idx[j]] is not provably in range" in text
    assert "<details" in annotation["text/html"]
    _, captured = run(shell, ANNOTATED.format(" --boundscheck off"))
    assert "bounds check" not in captured.outputs[-1].data["text/plain"].split("   5 ")[1]
    shell.user_ns.pop("pick", None)


def test_jit_annotate_shows_one_function(shell):
    run(shell, ANNOTATED.format("") + "\ndef twice(n: int) -> int:\n    return 2 * n\n")
    result, captured = run(shell, "%jit_annotate twice")
    assert result.success
    (bundle,) = [o.data for o in captured.outputs]
    assert bundle["text/plain"].splitlines()[1:] == ["   8     def twice(n: int) -> int:", "   9 !       return 2 * n",
                                                      "         ! overflow check: 2 * n may leave 64 bits"]
    result, captured = run(shell, "%jit_annotate nothing")
    assert not result.success and "twice" in captured.stderr + captured.stdout  # names what it could annotate
    for name in ("pick", "twice"):
        shell.user_ns.pop(name, None)
