"""The Jupyter project's own conformance suite, jupyter_kernel_test, against the installed jitcell kernel.

The kernelspec is installed the way a user installs it (`python -m jitcell.kernel install
--prefix P`) into a temporary prefix that JUPYTER_PATH points at; jupyter_client then
finds and starts it by name. Every attribute the suite offers has a sample, so none of
its tests is skipped.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import unittest

import jupyter_kernel_test
import pytest
from jupyter_client.manager import start_new_kernel

pytestmark = pytest.mark.kernel


class JitcellKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "jitcell"
    language_name = "jitcell"
    file_extension = ".py"

    code_hello_world = 'print("hello, world")'  # compiled: the print callback writes to the cell's stdout
    code_stderr = '%%python\nimport sys\nprint("oops", file=sys.stderr)'
    completion_samples = [
        {"text": "pri", "matches": {"print"}},
        {"text": "import math\nx = math.sqr", "matches": {"sqrt"}},
        {"text": "def scale(x: float) -> float:\n    return 2.0 * x\nsca", "matches": {"scale"}},
    ]
    complete_code_samples = ["x: int = 1", "def f(n: int) -> int:\n    return n\n", "%%python\nimport os"]
    incomplete_code_samples = ["def f(n: int) -> int:", "for i in range(3):", "total = (1 +"]
    invalid_code_samples = ["x = )", "1 +* 2", "for for"]
    code_page_something = "print?"
    # a compiled cell that fails at run time: one iopub error (with the summary in it), nothing else
    code_generate_error = "def inverse(n: int) -> float:\n    return 1 / n\ninverse(0)"
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "half: float = 1.5\nhalf * 2", "result": "3.0"},
        {"code": 'word: str = "ab"\nword + "c"', "result": "'abc'"},
        {"code": "def twice(n: int) -> int:\n    return 2 * n\ntwice(21)", "result": "42"},
    ]
    code_display_data = [
        {"code": "def one() -> int:\n    return 1", "mime": "text/html"},  # the cell's summary
        {"code": "%%python\nfrom IPython.display import HTML, display\ndisplay(HTML('<b>hi</b>'))",
         "mime": "text/html"},
    ]
    code_history_pattern = "6 [*] 7"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "print"
    code_clear_output = "%%python\nfrom IPython.display import clear_output\nclear_output()"

    @classmethod
    def setUpClass(cls) -> None:
        cls.prefix = tempfile.TemporaryDirectory(prefix="jitcell-prefix-")
        cls.cache = tempfile.TemporaryDirectory(prefix="jitcell-cache-")
        subprocess.run([sys.executable, "-m", "jitcell.kernel", "install", "--prefix", cls.prefix.name],
                       check=True, capture_output=True)
        cls.saved_path = os.environ.get("JUPYTER_PATH")
        os.environ["JUPYTER_PATH"] = os.path.join(cls.prefix.name, "share", "jupyter")
        env = {**os.environ, "JITCELL_CACHE_DIR": cls.cache.name}
        # the runtime library, built into the fresh cache first: built by the kernel's first cell,
        # it could take longer than the suite's 15 s reply timeout on a loaded machine
        subprocess.run([sys.executable, "-m", "jitcell", "warm"], check=True, capture_output=True, env=env)
        cls.km, cls.kc = start_new_kernel(kernel_name=cls.kernel_name, startup_timeout=60, env=env)

    @classmethod
    def tearDownClass(cls) -> None:
        super().tearDownClass()
        if cls.saved_path is None:
            os.environ.pop("JUPYTER_PATH", None)
        else:
            os.environ["JUPYTER_PATH"] = cls.saved_path
        cls.prefix.cleanup()
        cls.cache.cleanup()


class NoSkippedTests(unittest.TestCase):
    def test_every_sample_attribute_is_given(self):
        """A new version of the suite that offers a new sample would otherwise skip silently."""
        offered = {name for name in vars(jupyter_kernel_test.KernelTests)
                   if name.startswith(("code_", "completion_", "complete_", "incomplete_", "invalid_",
                                       "supported_", "language_", "file_"))}
        missing = {name for name in offered if not getattr(JitcellKernelTests, name)}
        self.assertEqual(missing, set())
