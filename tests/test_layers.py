"""The package's layers: every import points down, and no modules import each other in a loop.

The import graph is read from the source with `ast` (imports inside functions and under
`if TYPE_CHECKING:` included), for `jitcell/`, `kernel/` (jitcell.kernel) and `magics/`
(jitcell.magics). Layers, bottom up (docs/architecture.md draws them):

    base      errors, version, options, abi, dtypes
    runtime   the runtime library's Python side (runtime/)
    loader    cache, load, bind, namespace... (loader/): everything a cache hit runs
    compiler  the miss path (compiler/)
    report    summaries and diagnostics (report/)
    pipeline  compile_cell, which wires the layers together
    decorator @jitcell.jit, the front end for .py files
    magics    %%jit and friends
    kernel    the jitcell kernel
    facade    `import jitcell`, `python -m jitcell`, the demo

A module may import its own layer or any lower one. From outside the compiler only its
entry points are imported: the driver, the cross-target checker and mathlib's tables.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = {"jitcell": ROOT / "jitcell", "jitcell.kernel": ROOT / "kernel", "jitcell.magics": ROOT / "magics"}

LAYERS = [
    ("base", ("jitcell.errors", "jitcell.version", "jitcell.options", "jitcell.abi", "jitcell.dtypes")),
    ("runtime", ("jitcell.runtime",)),
    ("loader", ("jitcell.loader",)),
    ("compiler", ("jitcell.compiler",)),
    ("report", ("jitcell.report",)),
    ("pipeline", ("jitcell.pipeline",)),
    # a front end beside the magics: @jitcell.jit compiles functions of .py files through the pipeline;
    # only the facade imports it (lazily), and it imports no other front end
    ("decorator", ("jitcell.decorator",)),
    ("magics", ("jitcell.magics",)),
    ("kernel", ("jitcell.kernel",)),
    ("facade", ("jitcell", "jitcell.__main__", "jitcell.demo")),
]
COMPILER_ENTRIES = ("jitcell.compiler.driver", "jitcell.compiler.targets", "jitcell.compiler.mathlib")


def modules() -> dict[str, Path]:
    """Module name -> file, for every .py file of the three folders."""
    found = {}
    for package, folder in FOLDERS.items():
        for path in folder.rglob("*.py"):
            parts = list(path.relative_to(folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join([package, *parts])] = path
    return found


def imports_of(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The project modules that `name` imports anywhere in its file."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[:len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([node.module] if node.module else []))
            # `from package import module` imports the module; `from module import name`, the module
            candidates = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        for candidate in candidates:
            while candidate and candidate not in known:
                candidate = candidate.rpartition(".")[0]
            if candidate and candidate != name:
                targets.add(candidate)
    return targets


def layer_of(name: str) -> int:
    best = None
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (name == prefix or name.startswith(prefix + ".")) and (best is None or len(prefix) > best[1]):
                best = (index, len(prefix))
    assert best is not None, f"{name} belongs to no layer: add it to LAYERS in {__file__}"
    return best[0]


def import_graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports_of(name, path, known) for name, path in known.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def upward(graph: dict[str, set[str]]) -> list[str]:
    problems = []
    for source, targets in sorted(graph.items()):
        for target in sorted(targets):
            if layer_of(target) > layer_of(source):
                problems.append(f"{source} ({LAYERS[layer_of(source)][0]}) imports {target} "
                                f"({LAYERS[layer_of(target)][0]})")
            inside = source.startswith("jitcell.compiler.")
            if target.startswith("jitcell.compiler.") and not inside and not target.startswith(COMPILER_ENTRIES):
                problems.append(f"{source} reaches into the compiler: {target} (enter through the driver)")
    return problems


def test_the_graph_sees_the_package():
    graph = import_graph()
    assert len(graph) > 50
    assert "jitcell.compiler.driver" in graph["jitcell.pipeline"]  # a function-level import counts
    assert "jitcell.runtime" in graph["jitcell.runtime.callbacks"]  # `from jitcell import runtime`
    assert "jitcell.compiler.backend.machine" in graph["jitcell.compiler.driver"]  # `from .backend import machine`


def test_no_import_cycles():
    assert cycles(import_graph()) == []


def test_every_import_points_down():
    assert upward(import_graph()) == []


@pytest.mark.parametrize("edge, broken", [
    (("jitcell.runtime", "jitcell.pipeline"), "upward"),  # the edge that once made a 19-module cycle
    (("jitcell.loader.load", "jitcell.report.diagnostics"), "upward"),
    (("jitcell.loader.cache", "jitcell.loader.namespace"), "cycle"),
    (("jitcell.report.summary", "jitcell.compiler.lower.program"), "compiler"),
])
def test_the_checks_catch_a_bad_import(edge, broken):
    """Each check fails when an import of the kind it forbids is added to the real graph."""
    graph = import_graph()
    source, target = edge
    graph[source] = graph[source] | {target}
    if broken == "cycle":
        assert any(source in c and target in c for c in cycles(graph))
    else:
        assert any(source in p and target in p for p in upward(graph))


def test_only_the_backend_machine_imports_llvmlite_binding():
    """llvmlite's split, kept: `llvmlite.ir` is pure Python, `llvmlite.binding` is LLVM itself."""
    importers = set()
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [f"{node.module}.{a.name}" for a in node.names] if isinstance(node, ast.ImportFrom) and node.module \
                else []
            if any(n == "llvmlite.binding" or n.startswith("llvmlite.binding.") for n in names):
                importers.add(name)
    assert importers == {"jitcell.compiler.backend.machine"}
