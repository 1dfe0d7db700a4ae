"""input() in compiled code: Python's own input(), called back with the prompt.

Each program runs twice in a fresh process with the same stdin: under CPython, and compiled by
jitcell; what they print (prompts included), return and raise must be the same. In the jitcell
kernel, input() asks the notebook (an input_request the test answers), as Python code does.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

import jitcell
from jitcell.errors import CompileError

PROGRAMS = {
    "sum_of_lines": ("""
        def ask(n: int) -> int:
            total = 0
            for i in range(n):
                total += int(input(f"number {i}: "))
            return total
        """, "ask(3)", "1\n-2\n30\n"),
    "no_prompt": ("""
        def shout() -> str:
            return input().upper() + "!"
        """, "shout()", "hello there\n"),
    "end_of_input": ("""
        def ask(n: int) -> int:
            total = 0
            for i in range(n):
                total += int(input("> "))
            return total
        """, "ask(3)", "4\n5\n"),
    "bad_number": ("""
        def ask() -> int:
            return int(input("n: "))
        """, "ask()", "twelve\n"),
    "after_print": ("""
        def greet() -> str:
            print("who are you?")
            name = input()
            print("hello,", name)
            return name
        """, "greet()", "Ada\n"),
}

RUNNER = """
import json, sys
source, call, compiled = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
if compiled:
    import jitcell
    namespace = dict(jitcell.compile_cell(source, cache=False).functions)
else:
    namespace = {}
    exec(source, namespace)
try:
    outcome = ["value", eval(call, namespace)]
except Exception as error:
    outcome = [type(error).__name__, str(error)]
sys.stdout.flush()
print()
print(json.dumps(outcome))
"""


def _run(source: str, call: str, stdin: str, compiled: bool) -> tuple[str, list]:
    done = subprocess.run([sys.executable, "-c", RUNNER, source, call, "1" if compiled else "0"], input=stdin,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    printed, _, last = done.stdout.rstrip("\n").rpartition("\n")
    return printed, json.loads(last)


@pytest.mark.parametrize("name", PROGRAMS)
def test_input_reads_what_python_reads(name, fresh_cache):
    source, call, stdin = PROGRAMS[name]
    source = textwrap.dedent(source)
    assert _run(source, call, stdin, compiled=True) == _run(source, call, stdin, compiled=False)


@pytest.mark.parametrize(("call", "message"), [
    ('input("a", "b")', "input expected at most 1 argument, got 2"),
    ('input(prompt="a")', "input() takes no keyword arguments"),
    ("input(3)", "input() of a int prompt is not supported"),
])
def test_input_with_other_arguments_is_a_compile_error(call, message):
    with pytest.raises(CompileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        jitcell.compile_cell(f"def f() -> str:\n    return {call}\n", cache=False)
    if "not supported" not in message:  # CPython's own words
        with pytest.raises(TypeError, match=message.replace("(", r"\(").replace(")", r"\)")):
            eval(call)


def test_input_in_the_kernel_asks_the_notebook(fresh_cache):
    """The kernel's input() sends an input_request with the prompt; the reply is what the
    compiled function reads."""
    from jitcell.kernel.session import KernelSession

    cell = "def ask() -> int:\n    return 2 * int(input('Your number: '))\n\nask()"
    with KernelSession(env={"JITCELL_CACHE_DIR": str(fresh_cache)}) as kernel:
        client = kernel.client
        msg_id = client.execute(cell, allow_stdin=True)
        request = client.get_stdin_msg(timeout=120)
        assert request["msg_type"] == "input_request"
        assert request["content"]["prompt"] == "Your number: "
        client.input("21")
        reply = client.get_shell_msg(timeout=120)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = client.get_shell_msg(timeout=120)
        assert reply["content"]["status"] == "ok", reply["content"]
        results = []
        while True:
            msg = client.get_iopub_msg(timeout=30)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "execute_result":
                results.append(msg["content"]["data"]["text/plain"])
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        assert results == ["42"]
