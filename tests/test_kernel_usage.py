"""The jitcell kernel as an IPython user expects it, through jupyter_client.

A refused cell leaves the session as it was; a compiled cell that fails sends one error
message, whose traceback shows the user's cells and the failing line of compiled code and
none of jitcell's own frames; `%%python` alone waits for its body; `exit` ends the kernel;
completions carry their kind.
"""

from __future__ import annotations

import re
import time

import pytest

from jitcell.kernel.session import KernelSession

pytestmark = pytest.mark.kernel

INSIDES = ("run_cell_magic", "jitcell-wrapper", "cells.py", "bind.py", "pipeline.py", "jc__")


def _text(reply) -> str:
    """The error's traceback as the user reads it (without the terminal colours)."""
    return re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(reply.error["traceback"])) if reply.error else ""


@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    with KernelSession(env={"JITCELL_CACHE_DIR": str(cache)}, kernel="jitcell") as session:
        yield session


def test_a_refused_import_leaves_the_session_as_it_was(kernel):
    refused = kernel.execute("import os\n1 + 1")
    assert refused.status == "error" and "import os" in _text(refused)
    for code, value in (("1 + 1", "2"), ("def ok() -> int:\n    return 3\nok()", "3")):
        reply = kernel.execute(code)
        assert reply.status == "ok", _text(reply)
        assert reply.displays[-1]["text/plain"] == value
    kept = kernel.execute("import math\nmath.floor(2.5)")  # a good import still lasts for the session
    later = kernel.execute("math.sqrt(16.0)")
    assert kept.status == later.status == "ok" and later.displays[-1]["text/plain"] == "4.0"


def test_a_failing_cell_sends_one_error_with_the_users_lines_only(kernel):
    reply = kernel.execute("def mean(total: float, n: int) -> float:\n    return total / n\nmean(3.0, 0)")
    assert reply.status == "error" and reply.displays == [] and reply.stdout == ""
    assert reply.error["ename"] == "ZeroDivisionError"
    text = _text(reply)
    assert 'File "cell", line 2, column 12, in mean (compiled by jitcell)' in text  # where, in the cell
    assert "return total / n" in text
    assert "jitcell: bound mean" in text  # the summary line went into the error, not a message of its own
    assert not [word for word in INSIDES if word in text], text


def test_a_successful_cell_still_shows_its_summary_and_then_its_value(kernel):
    reply = kernel.execute("def twice(n: int) -> int:\n    return 2 * n\ntwice(21)")
    assert reply.status == "ok"
    assert [d["text/plain"].split(" ")[0] for d in reply.displays] == ["jitcell:", "42"]


def test_a_wrong_argument_from_a_python_cell_shows_no_wrapper(kernel):
    kernel.execute("def halve(n: int) -> int:\n    return n // 2")
    reply = kernel.execute("%%python\nhalve('four')")
    assert reply.error["ename"] == "TypeError" and "halve()" in reply.error["evalue"]
    text = _text(reply)
    assert "halve('four')" in text and not [word for word in INSIDES if word in text], text


def test_python_alone_is_incomplete_as_a_cell_magic_is(kernel):
    assert _is_complete(kernel, "%%python") == "incomplete"
    assert _is_complete(kernel, "%%time") == "incomplete"
    assert _is_complete(kernel, "%%python\nimport os") == "complete"


def test_completions_carry_their_kind(kernel):
    kernel.execute("scale: float = 2.0\ndef grow(x: float) -> float:\n    return scale * x")
    content = _complete(kernel, "gr")
    assert content["matches"] == ["grow"]
    assert content["metadata"]["_jupyter_types_experimental"] == [
        {"start": 0, "end": 2, "text": "grow", "type": "function"}]
    kinds = {t["text"]: t["type"] for t in _complete(kernel, "import math\nmath.p")["metadata"][
        "_jupyter_types_experimental"]}
    assert kinds == {"pi": "instance", "perm": "function", "pow": "function", "prod": "function"} or \
        (kinds["pi"] == "instance" and kinds["pow"] == "function")
    assert {t["text"]: t["type"] for t in _complete(kernel, "sc")["metadata"]["_jupyter_types_experimental"]} == \
        {"scale": "instance"}


@pytest.mark.parametrize("command", ["exit", "quit", "exit()"])
def test_exit_and_quit_end_the_kernel(tmp_path, command):
    with KernelSession(env={"JITCELL_CACHE_DIR": str(tmp_path)}, kernel="jitcell") as session:
        reply = session.execute(command)
        assert reply.status == "ok", _text(reply)
        deadline = time.monotonic() + 30
        while session.is_alive() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not session.is_alive()


def _is_complete(kernel, code: str) -> str:
    msg_id = kernel.client.is_complete(code)
    return _reply(kernel, msg_id)["status"]


def _complete(kernel, code: str) -> dict:
    msg_id = kernel.client.complete(code, len(code))
    return _reply(kernel, msg_id)


def _reply(kernel, msg_id: str) -> dict:
    while True:
        msg = kernel.client.get_shell_msg(timeout=30)
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg["content"]


def test_install_writes_a_kernelspec_that_runs_this_python(tmp_path):
    """A kernelspec installed from a virtual environment starts the kernel in it (as ipykernel's
    install does), with its logos; the shipped kernel.json keeps `python` for the wheel."""
    import json
    import sys

    from jitcell.kernel import RESOURCES, install

    where = install(prefix=str(tmp_path))
    spec = json.loads((tmp_path / "share/jupyter/kernels/jitcell/kernel.json").read_text())
    assert spec["argv"][:3] == [sys.executable, "-m", "jitcell.kernel"]
    assert sorted(p.name for p in (tmp_path / "share/jupyter/kernels/jitcell").iterdir()) == \
        ["kernel.json", "logo-32x32.png", "logo-64x64.png", "logo-svg.svg"]
    assert where.endswith("jitcell")
    assert json.loads((RESOURCES / "kernel.json").read_text())["argv"][0] == "python"
