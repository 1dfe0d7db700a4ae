"""mypy over jitcell/, kernel/ and magics/, each file under the name it is imported by.

pyproject.toml maps the folders kernel/ and magics/ to the packages jitcell.kernel and
jitcell.magics (setuptools' package-dir). mypy's own discovery follows folders, so it
would call kernel/cells.py `kernel.cells` and find no `jitcell.magics` at all. This
script hands mypy the same files with their real module names; everything else comes
from [tool.mypy] in pyproject.toml. Exit status 1 when mypy reports an error.

    python tools/typecheck.py          # what `./dev lint` runs
"""

from __future__ import annotations

import sys
from pathlib import Path

from mypy import build
from mypy.errors import CompileError
from mypy.main import process_options
from mypy.modulefinder import BuildSource

ROOT = Path(__file__).resolve().parent.parent
MAPPED = {"kernel": "jitcell.kernel", "magics": "jitcell.magics"}


def mapped_sources() -> list[BuildSource]:
    sources = []
    for folder, package in MAPPED.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            parts = list(path.relative_to(ROOT / folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            sources.append(BuildSource(str(path.relative_to(ROOT)), ".".join([package, *parts]), None))
    return sources


def main() -> int:
    sources, options = process_options([], fscache=None)  # [tool.mypy]'s packages: jitcell
    try:
        result = build.build(sources + mapped_sources(), options)
    except CompileError as error:
        print("\n".join(error.messages))
        return 2
    for line in result.errors:
        print(line)
    errors = sum(": error:" in line for line in result.errors)
    checked = len(sources) + len(mapped_sources())
    print(f"mypy: {errors} error{'s' if errors != 1 else ''} in {checked} files" if errors
          else f"mypy: no issues in {checked} files")
    return 1 if errors else 0


if __name__ == "__main__":
    import os

    os.chdir(ROOT)
    sys.exit(main())
