"""Why a cell missed, in real kernels (jupyter_client) of two notebooks sharing one cache.

Jupyter's server tells each kernel its notebook (JPY_SESSION_NAME, which ipykernel puts in
`__session__`): a cell is compared with its previous compile in the same notebook, before a
restart too, never with another notebook's cell that defines the same name. In the jitcell
kernel, the imports of earlier cells that the kernel appends to a cell stay out of the diff.
"""

from __future__ import annotations

import pytest
from test_misses import plain

from jitcell.kernel.session import KernelSession

pytestmark = pytest.mark.kernel

SCALE = "%%jit\n{imports}def scale(x: float) -> float:\n    return {factor} * x\n"
DIFF = "print(scale.library.miss_details['diff'])"


def summary(reply) -> str:
    assert reply.status == "ok", reply.error
    (line,) = [d["text/plain"] for d in reply.displays if d.get("text/plain", "").startswith("jitcell: ")]
    return plain(line.splitlines()[0])


def notebook(name: str, cache, kernel: str = "python3") -> KernelSession:
    return KernelSession(env={"JITCELL_CACHE_DIR": str(cache), "JPY_SESSION_NAME": name}, kernel=kernel)


def test_two_notebooks_defining_scale_are_compared_each_with_itself(fresh_cache):
    with notebook("03-kernel-tour.ipynb", fresh_cache) as tour, notebook("05-cache-and-aslr.ipynb", fresh_cache) \
            as aslr:
        for kernel in (tour, aslr):
            kernel.execute("%load_ext jitcell")
        first = summary(tour.execute(SCALE.format(imports="import numpy as np\n\n", factor="2.0")))
        assert "cache miss: first compile of this cell in this notebook · " in first
        other = summary(aslr.execute(SCALE.format(imports="", factor="3.5")))
        assert "cache miss: first compile of this cell in this notebook · " in other  # not a diff with 03's
        changed = summary(aslr.execute(SCALE.format(imports="", factor="4.0")))
        assert "cache miss: the source changed · " in changed
        assert aslr.execute(DIFF).stdout == "line 3:\n-    return 3.5 * x\n+    return 4.0 * x\n"

        tour.restart()  # the same notebook after a restart: still compared with its own scale
        tour.execute("%load_ext jitcell")
        again = summary(tour.execute(SCALE.format(imports="import numpy as np\n\n", factor="2.0")))
        assert "cache hit" in again
        edited = summary(tour.execute(SCALE.format(imports="import numpy as np\n\n", factor="2.5")))
        assert "cache miss: the source changed · " in edited
        assert tour.execute(DIFF).stdout == "line 5:\n-    return 2.0 * x\n+    return 2.5 * x\n"


def test_the_jitcell_kernel_says_what_changed_in_the_user_s_words(fresh_cache):
    with notebook("kernel-tour.ipynb", fresh_cache, kernel="jitcell") as kernel:
        cube = "def cube(x: int) -> int:\n    return x * x * x\n"
        assert "first compile of this cell in this notebook" in summary(kernel.execute("%%jit\n" + cube))
        assert "cache miss: compiled with %%jit before, now in the jitcell kernel · " in \
            summary(kernel.execute(cube))
        assert "cache miss: the source changed; compiled in the jitcell kernel before, now with %%jit · " in \
            summary(kernel.execute("%%jit\n" + cube.replace("x * x * x", "x ** 3")))

        scale = "def scale(x: float) -> float:\n    return {} * x\nscale(1.0)"
        assert "first compile of this cell in this notebook" in summary(kernel.execute(scale.format("2.0")))
        assert kernel.execute("import math\nmath.sqrt(4.0)").status == "ok"  # appended to the cells after it
        imports = summary(kernel.execute(scale.format("2.0")))
        assert "cache miss: the imports carried over from earlier cells changed: import math added · " in imports
        assert "cache miss: the source changed · " in summary(kernel.execute(scale.format("3.0")))
        diff = kernel.execute("%%python\n" + DIFF).stdout
        assert diff == "line 2:\n-    return 2.0 * x\n+    return 3.0 * x\n"  # not the kernel's import, nor its mark

        assert kernel.execute("limit: int = 3").status == "ok"
        summary(kernel.execute("def capped(n: int) -> float:\n    return n * limit\ncapped(2)"))
        retyped = kernel.execute("limit: float = 2.5")
        assert retyped.status == "ok" and "recompiled" in retyped.stdout
        reason = kernel.execute("%%python\nprint(capped.library.miss_reason)").stdout
        assert plain(reason) == "a module variable it uses changed type: limit: int became limit: float\n"
