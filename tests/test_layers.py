"""The data flows one way (file -> Document -> Letter -> corpus rows -> comparison), and imports follow it.

Every import of one edaran module by another, deferred imports inside functions included, is read
from the source: no module imports a later stage, and no modules import each other in a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

#: Each top-level part of the package and the stage it belongs to: a module may import its own stage
#: and earlier ones only.  Reference data, the contract and the errors come first; the command line last.
STAGES = {
    "errors": 0,
    "data": 0,
    "schema": 0,
    "output": 0,
    "ingest": 1,
    "workers": 1,
    "cluster": 1,
    "extract": 2,
    "receipt": 2,
    "attachments": 2,
    "bundle": 2,
    "verdict": 2,
    "corpus": 3,
    "comparison": 4,
    "review": 5,
    "render": 5,
    "cli": 6,
    "__main__": 6,
    "__init__": 0,  # its public functions are loaded lazily, by name (tests/test_api.py)
}
SKIP = {"tests", "benchmarks", "samples", "build", ".venv", ".git"}  # build/: copies made by make mutation


def _modules() -> dict[str, Path]:
    out = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if parts[0] in SKIP or any(p.startswith(".") for p in parts):
            continue
        name = ".".join(parts)[: -len(".py")]
        out[name.removesuffix(".__init__") if name != "__init__" else "__init__"] = path
    return out


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The edaran modules ``name`` imports, wherever in the file the import stands."""
    package = name.split(".")[:-1] if not path.name == "__init__.py" else name.split(".")
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            elif node.module and node.module.startswith("edaran"):
                target = node.module.removeprefix("edaran").lstrip(".")
            else:
                continue
            for alias in node.names:
                candidate = f"{target}.{alias.name}" if target else alias.name
                found.add(candidate if candidate in known else target or "__init__")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("edaran."):
                    found.add(alias.name.removeprefix("edaran."))
    return {f for f in found if f in known and f != name}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, set(modules)) for name, path in modules.items()}


def _stage(module: str) -> int:
    return STAGES[module.split(".")[0]]


def test_every_part_has_a_stage():
    assert {m.split(".")[0] for m in _modules()} <= set(STAGES)


def test_no_import_goes_back_up_the_data_flow():
    backward = sorted(
        f"{m} -> {t}" for m, targets in _graph().items() for t in targets if m != "__init__" and _stage(t) > _stage(m)
    )
    assert backward == []


def test_no_import_cycle():
    graph = _graph()
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join(path[path.index(nxt) :] + [nxt]))
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []
