"""The user guide runs: every example marked in docs/guide/*.md is executed, in page order.

The marks (docs/guide/README.md, "How the examples are checked", says the same for writers):

- a ```python block whose first line is `%%jit ...` is a cell of the magic, run by IPython
  (the real `%%jit`, options included) in one shell per page, which stands for the notebook
  PAGE.ipynb (as Jupyter's server names it to a kernel). A code line ending in
  `# error: MESSAGE` means the cell fails with a CompileError whose diagnostics are exactly
  those lines (counted from the `%%jit` line as 1) and messages;
- a ```text block right after such a cell (blank lines between at most) is what the cell
  shows: its summary line, or its compile error. Times (`41.2 ms`) may differ; `...` matches
  anything, as in doctest;
- a ```pycon block is a Python session in the page's namespace, after the cells above it:
  `>>> ` (with `... ` continuation lines) runs a statement; the lines after it are what it
  prints and the repr of its value, or `Name: message` for an exception; `...` matches anything;
- a ```python block whose first line is `# In [N]:` is a cell of the jitcell kernel, run in a
  real kernel (one per page, for the notebook PAGE.ipynb too); numbering that starts again at 1
  restarts the kernel. Its comments
  `# Out[N]: TEXT` (the result's text), `# stdout: TEXT` and `# stderr: TEXT` (each a line of
  output), `# raises NAME: MESSAGE`, `# summary: TEXT` (the summary line) and a code line ending
  in `# error: MESSAGE` say what it must show;
- a ```python block whose first line is `# file: NAME.py` is a module, written into a folder that
  the page's pycon sessions import from.

Every other block (```text elsewhere, ```bash, unmarked ```python) illustrates and is not run.
Links between the pages must lead to a file and a heading that exist.
"""

from __future__ import annotations

import contextlib
import doctest
import importlib
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "guide"
PAGES = sorted(GUIDE.glob("*.md"))

_FENCE = re.compile(r"^```(\S*)")
_KERNEL = re.compile(r"^# In \[(\d+)\]:\s*$")
_FILE = re.compile(r"^# file: (\w+)\.py\s*$")
_ERROR = re.compile(r"#\s*error:\s*(.+?)\s*$")
_DIAGNOSTIC = re.compile(r"^cell:(\d+):\d+: error: (.*)$")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_TIME = re.compile(r"\d+(\.\d+)? ms\b")


@dataclass
class Block:
    page: Path
    line: int  # where its fence opens in the page (1-based)
    end: int  # the line of its closing fence
    lang: str
    text: str

    @property
    def first(self) -> str:
        return self.text.split("\n", 1)[0]

    @property
    def kind(self) -> str:
        if self.lang == "python" and self.first.startswith("%%jit"):
            return "jit"
        if self.lang == "python" and _KERNEL.match(self.first):
            return "kernel"
        if self.lang == "python" and _FILE.match(self.first):
            return "file"
        if self.lang == "pycon":
            return "pycon"
        return "other"

    def where(self) -> str:
        return f"{self.page.name}:{self.line}"


def blocks(page: Path) -> list[Block]:
    """The fenced code blocks of a page (fences at the start of a line), in order."""
    found: list[Block] = []
    lines = page.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        opened = _FENCE.match(lines[i])
        if opened is None:
            i += 1
            continue
        start = i
        i += 1
        body = []
        while i < len(lines) and lines[i].rstrip() != "```":
            body.append(lines[i])
            i += 1
        found.append(Block(page, start + 1, i + 1, opened.group(1), "\n".join(body) + "\n"))
        i += 1
    return found


def _follows(block: Block, previous: Block | None) -> bool:
    """Whether `block` comes right after `previous`, with nothing but blank lines between."""
    if previous is None:
        return False
    lines = block.page.read_text(encoding="utf-8").split("\n")
    return all(not line.strip() for line in lines[previous.end:block.line - 1])


def _expected_errors(text: str) -> list[tuple[int, str]]:
    return [(number, found.group(1)) for number, line in enumerate(text.split("\n"), 1)
            if (found := _ERROR.search(line)) is not None and not line.lstrip().startswith("# error:")]


def _matches(want: str, got: str) -> bool:
    """doctest's comparison (`...` matches anything, `<BLANKLINE>` is an empty line), with times
    made equal; the final newline of either is not compared."""
    want, got = (_TIME.sub("N ms", _ANSI.sub("", text)).removesuffix("\n") + "\n" for text in (want, got))
    return doctest.OutputChecker().check_output(want, got, doctest.ELLIPSIS)


def _show_error(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


# ---- pycon sessions -----------------------------------------------------------------------


def _statements(text: str) -> list[tuple[str, str]]:
    """(source, expected output) for each `>>> ` statement of a pycon block."""
    found: list[tuple[list[str], list[str]]] = []
    for line in text.rstrip("\n").split("\n"):
        if line.startswith(">>> "):
            found.append(([line[4:]], []))
        elif (line.startswith("... ") or line == "...") and found and not found[-1][1]:
            found[-1][0].append(line[4:])
        elif found:
            found[-1][1].append(line)
    return [("\n".join(source), "\n".join(output)) for source, output in found]


def _run_statement(source: str, scope: dict) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            try:
                code = compile(source, "<guide>", "eval")
            except SyntaxError:
                exec(compile(source, "<guide>", "exec"), scope)
            else:
                value = eval(code, scope)
                if value is not None:
                    print(repr(value))
        except Exception as error:
            print(_show_error(error))
    return out.getvalue()


def run_pycon(block: Block, scope: dict) -> None:
    for source, want in _statements(block.text):
        got = _run_statement(source, scope)
        assert _matches(want, got), f"{block.where()}: >>> {source}\nexpected:\n{want}\ngot:\n{got}"


# ---- %%jit cells in an IPython shell ------------------------------------------------------


def run_jit_cell(block: Block, shell, shown: Block | None) -> None:
    from IPython.utils.capture import capture_output

    with capture_output() as captured:
        result = shell.run_cell(block.text)
    expected = _expected_errors(block.text)
    error = result.error_before_exec or result.error_in_exec
    if expected:
        assert type(error).__name__ == "CompileError", f"{block.where()}: expected a CompileError, got {error!r}"
        got = [(d.loc.line, d.message) for d in error.diagnostics]
        assert got == expected, f"{block.where()}: diagnostics {got}, expected {expected}"
    elif error is not None:  # a failure the text block after the cell shows
        named = f"{type(error).__name__}:"
        assert shown is not None and named in shown.text, f"{block.where()}: the cell failed: {_show_error(error)}"
    if shown is not None:
        text = "\n".join(o.data.get("text/plain", "") for o in captured.outputs)
        text = "\n".join(part for part in (text, captured.stdout.rstrip("\n")) if part)
        assert _matches(shown.text, text), f"{shown.where()}: the cell showed:\n{text}\nexpected:\n{shown.text}"


def notebook_of(page: Path) -> str:
    """The notebook a page's cells stand for, as Jupyter's server tells a kernel (JPY_SESSION_NAME,
    which ipykernel puts in `__session__`): jitcell explains a miss against the same notebook."""
    return f"{page.stem}.ipynb"


@contextlib.contextmanager
def ipython_shell(page: Path):
    from IPython.core.interactiveshell import InteractiveShell

    InteractiveShell.clear_instance()  # a page starts from a new shell: no functions of another page
    shell = InteractiveShell.instance()
    shell.user_ns["__session__"] = notebook_of(page)
    shell.run_line_magic("load_ext", "jitcell")
    try:
        yield shell
    finally:
        InteractiveShell.clear_instance()


# ---- cells of the jitcell kernel ----------------------------------------------------------


def _comments(text: str, tag: str) -> list[str]:
    prefix = f"# {tag}"
    return [line[len(prefix):].removeprefix(" ") for line in text.split("\n") if line.startswith(prefix)]


_CHECKS = ("# Out[", "# stdout:", "# stderr:", "# raises", "# summary:")


def run_kernel_cell(block: Block, kernel) -> None:
    # the comments that say what the cell shows are not sent: a cell shown twice (before and after a
    # restart) must be the same text, so the same cache entry, whatever each time shows
    code = "\n".join(line for line in block.text.split("\n") if not line.startswith(_CHECKS))
    reply = kernel.execute(code)
    where = block.where()
    assert reply.status != "died", f"{where}: the kernel died"
    error = reply.error or {}
    expected = _expected_errors(block.text)
    raises = _comments(block.text, "raises")
    if expected:
        assert error.get("ename") == "CompileError", f"{where}: expected a CompileError, got {error}"
        lines = _ANSI.sub("", "\n".join(error["traceback"])).split("\n")
        got = [(int(m.group(1)), m.group(2)) for m in map(_DIAGNOSTIC.match, lines) if m]
        assert got == expected, f"{where}: diagnostics {got}, expected {expected}"
    elif raises:
        got = f"{error.get('ename')}: {error.get('evalue')}"
        assert _matches(raises[0], got), f"{where}: raised {got!r}, expected {raises[0]!r}"
    else:
        assert reply.status == "ok", f"{where}: the cell failed: {error.get('ename')}: {error.get('evalue')}"
    summaries = [d["text/plain"] for d in reply.displays if d.get("text/plain", "").startswith("jitcell: ")]
    for want in _comments(block.text, "summary:"):
        assert any(_matches(want, s) for s in summaries), f"{where}: summary {summaries}, expected {want!r}"
    out = "\n".join(_comments(block.text, f"Out[{_KERNEL.match(block.first).group(1)}]:"))
    if out:  # the result (a value shown on several lines takes a comment per line)
        results = [d["text/plain"] for d in reply.displays if not d.get("text/plain", "").startswith("jitcell: ")]
        assert results and _matches(out, results[-1]), f"{where}: Out {results}, expected {out!r}"
    for stream in ("stdout", "stderr"):
        want = _comments(block.text, f"{stream}:")
        got = getattr(reply, stream)
        if want or stream == "stdout" and got.strip():
            assert _matches("\n".join(want), got), f"{where}: {stream} was:\n{got}\nexpected:\n" + "\n".join(want)


# ---- one page -----------------------------------------------------------------------------


def _params():
    for page in PAGES:
        kinds = {b.kind for b in blocks(page)}
        marks = [pytest.mark.kernel] if "kernel" in kinds else []
        yield pytest.param(page, id=page.stem, marks=marks)


@pytest.mark.parametrize("page", list(_params()))
def test_page(page: Path, fresh_cache, tmp_path, monkeypatch):
    modules = tmp_path / "modules"  # where the page's `# file:` blocks go
    modules.mkdir()
    monkeypatch.syspath_prepend(str(modules))
    run_page(page, modules)


def run_page(page: Path, modules: Path) -> None:
    """Every marked block of the page, in order (the module docstring says how each is checked)."""
    page_blocks = blocks(page)
    with contextlib.ExitStack() as stack:
        shell = None
        kernel = None
        count = 0  # the kernel's cells so far
        written: list[str] = []
        stack.callback(lambda: [sys.modules.pop(name, None) for name in written])  # the page's modules
        for i, block in enumerate(page_blocks):
            if block.kind == "jit":
                if shell is None:
                    shell = stack.enter_context(ipython_shell(page))
                after = page_blocks[i + 1] if i + 1 < len(page_blocks) else None
                shown = after if after is not None and after.lang == "text" and _follows(after, block) else None
                run_jit_cell(block, shell, shown)
            elif block.kind == "pycon":
                if shell is None:
                    shell = stack.enter_context(ipython_shell(page))
                importlib.invalidate_caches()
                run_pycon(block, shell.user_ns)
            elif block.kind == "file":
                name = _FILE.match(block.first).group(1)
                (modules / f"{name}.py").write_text(block.text, encoding="utf-8")
                written.append(name)
            elif block.kind == "kernel":
                from jitcell.kernel.session import KernelSession

                number = int(_KERNEL.match(block.first).group(1))
                if kernel is None:
                    kernel = stack.enter_context(KernelSession(env={"JPY_SESSION_NAME": notebook_of(page)},
                                                               kernel="jitcell"))
                elif number == 1 and count:
                    kernel.restart()  # the numbering starts again: Restart & Run All
                    count = 0
                count += 1
                assert number == count, f"{block.where()}: this is cell {count} of the kernel, not In [{number}]"
                run_kernel_cell(block, kernel)


WRONG = {  # examples that must fail the checks: a wrong value, a wrong message, a wrong summary
    "value": "```python\n%%jit\ndef f(n: int) -> int:\n    return n + 1\n```\n\n```pycon\n>>> f(1)\n3\n```\n",
    "exception": "```python\n%%jit\ndef f(n: int) -> int:\n    return 1 // n\n```\n\n"
                 "```pycon\n>>> f(0)\nZeroDivisionError: division by zero\n```\n",
    "message": "```python\n%%jit\ndef f(n: int):\n    return n @ n  # error: lists are not supported\n```\n",
    "error line": "```python\n%%jit\ndef f(n: int):  # error: the '@' operator is not supported\n"
                  "    return n @ n\n```\n",
    "no error": "```python\n%%jit\ndef f(n: int):\n    return n  # error: the '@' operator is not supported\n```\n",
    "unexpected error": "```python\n%%jit\ndef f(n: int):\n    return n @ n\n```\n",
    "summary": "```python\n%%jit\ndef f(n: int) -> int:\n    return n\n```\n\n"
               "```text\njitcell: bound g · cache miss: first compile of this cell in this notebook · compile 9.9 ms"
               " · load 0.1 ms · 1 slot patched\n"
               "```\n",
}


RIGHT = {  # the same examples, stated right
    "value": WRONG["value"].replace("3\n", "2\n"),
    "exception": WRONG["exception"].replace("division by zero", "integer division or modulo by zero"),
    "message": WRONG["message"].replace("lists are", "the '@' operator is"),
    "error line": "```python\n%%jit\ndef f(n: int):\n"
                  "    return n @ n  # error: the '@' operator is not supported\n```\n",
    "no error": "```python\n%%jit\ndef f(n: int):\n    return n\n```\n",
    "unexpected error": WRONG["message"].replace("lists are", "the '@' operator is"),
    "summary": WRONG["summary"].replace("bound g", "bound f"),
}


@pytest.mark.parametrize("right, wrong", list(zip(RIGHT.values(), WRONG.values(), strict=True)), ids=list(WRONG))
def test_a_wrong_example_fails(right, wrong, fresh_cache, tmp_path):
    """The checks above can fail: each wrong page states something the code does not do, and
    the same page stated right passes."""
    page = tmp_path / "example.md"
    page.write_text(right, encoding="utf-8")
    run_page(page, tmp_path)
    page.write_text(wrong, encoding="utf-8")
    with pytest.raises(AssertionError):
        run_page(page, tmp_path)


def test_the_guide_has_checked_examples():
    """The marks are found: a typo in them would make the test above check nothing."""
    kinds = [b.kind for page in PAGES for b in blocks(page)]
    for kind in ("jit", "pycon", "kernel", "file"):
        assert kind in kinds, f"no {kind} block in docs/guide"
    for page in PAGES:
        for block in blocks(page):
            if block.lang == "python" and block.kind == "other":
                assert "%%jit" not in block.first and "In [" not in block.first, f"{block.where()}: a mark is misspelt"


_LINK = re.compile(r"\]\(([^)\s]+)\)")
_HEADING = re.compile(r"^#{1,6} (.+?)\s*$", re.M)


def _anchor(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces made hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def test_links_between_pages_resolve():
    """Every relative link of the guide names a file that exists, and a heading of it after `#`."""
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        text = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)  # code blocks hold no links
        for target in _LINK.findall(text):
            if re.match(r"\w+:", target):
                continue  # https: and the like
            path, _, anchor = target.partition("#")
            linked = (page.parent / path).resolve() if path else page
            assert linked.exists(), f"{page.name}: a link to {target}, which does not exist"
            if anchor and linked.suffix == ".md":
                headings = {_anchor(h) for h in _HEADING.findall(re.sub(r"^```.*?^```", "", linked.read_text(
                    encoding="utf-8"), flags=re.M | re.S))}
                assert anchor in headings, f"{page.name}: a link to {target}, which has no heading #{anchor}"
