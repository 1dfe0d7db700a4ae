"""Re-execute teaching notebooks and store their fresh outputs, as tests/test_notebooks.py runs them.

    .venv/bin/python tools/execute_notebooks.py                      every notebook in notebooks/
    .venv/bin/python tools/execute_notebooks.py notebooks/06-*.ipynb  some of them

Each runs in a real kernel (nbclient) with the tests' own `execute`, over an empty cache of its own,
so every summary line shows a first compile, as a reader running it for the first time sees.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_notebooks import NOTEBOOKS, execute  # noqa: E402  (the tests' way of running a notebook)


def main(arguments: list[str]) -> int:
    if any(a in ("-h", "--help") for a in arguments):
        print(__doc__)
        return 0
    missing = [a for a in arguments if not Path(a).is_file()]
    if missing:
        print(f"no such notebook: {', '.join(missing)}", file=sys.stderr)
        return 2
    paths = [Path(a).resolve() for a in arguments] or NOTEBOOKS
    for path in paths:
        with tempfile.TemporaryDirectory(prefix="jitcell-notebook-cache-") as cache:
            os.environ["JITCELL_CACHE_DIR"] = cache
            notebook = execute(path)
        nbformat.write(notebook, path)
        errors = sum(o["output_type"] == "error" for c in notebook.cells for o in c.get("outputs", []))
        print(f"{path.name}: {len(notebook.cells)} cells, {errors} with an error output")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
