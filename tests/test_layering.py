"""The package's layout is its architecture: a test reads every import and enforces the layers.

- Only `generator/publishing/` (and the CLI, which starts it) imports MkDocs, Python-Markdown or Pagefind.
- The packages depend on each other in one direction: `register` below everything; `tariffs`, `privacy`,
  `documents` on `register`; `site` on those; `review` and `publishing` on `site` and the pipeline
  (`build`). The base modules (`problems`, `wording`) import no package of the generator.
- No module imports itself back through a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "generator"
ENGINES = ("mkdocs", "markdown", "pagefind")
#: package or top-level module -> the generator packages and modules it may import (besides itself and the
#: base modules, which everything may import)
ALLOWED = {
    "problems": set(),
    "wording": set(),
    "formatting": {"register"},
    "register": set(),
    "tariffs": {"register", "formatting"},
    "privacy": {"register", "formatting"},
    "documents": {"register", "privacy"},
    "site": {"register", "tariffs", "privacy", "formatting"},
    "review": {"register", "site", "build", "formatting"},
    "publishing": {"register", "site", "build"},
    "authoring": {"register"},
    "importing": {"register", "documents", "authoring"},
}
BASE = {"problems", "wording"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module `path` imports, at any depth of the file (lazy imports in functions count)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            base = node.module
            if node.level:
                package = (
                    module_name(path).split(".")[: -node.level]
                    if path.name != "__init__.py"
                    else module_name(path).split(".")[: len(module_name(path).split(".")) - node.level + 1]
                )
                base = ".".join([*package, node.module])
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return found


def modules() -> dict[str, set[str]]:
    return {module_name(path): imports(path) for path in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> str:
    """`generator.site.pages` -> `site`; `generator.build` -> `build`."""
    return module.split(".")[1] if module.count(".") else ""


def forbidden(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    """The imports that go against ALLOWED."""
    offenders = []
    for module, names in graph.items():
        own = layer(module)
        for name in names:
            target = layer(name) if name.startswith("generator.") else ""
            if target in ("", own) or target in BASE or own not in ALLOWED:
                continue
            if target not in ALLOWED[own]:
                offenders.append((module, name))
    return offenders


def test_only_publishing_knows_the_site_engines():
    offenders = [
        (module, name)
        for module, names in modules().items()
        for name in names
        if name.split(".")[0] in ENGINES and layer(module) not in ("publishing", "cli")
    ]
    assert offenders == []


def test_packages_depend_on_each_other_in_one_direction():
    assert forbidden(modules()) == []


def test_no_import_cycle():
    known = modules()
    graph = {module: {name for name in names if name in known and name != module} for module, names in known.items()}
    state: dict[str, str] = {}
    cycles = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                cycles.append([*trail[trail.index(target) :], target] if target in trail else [module, target])
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_the_check_sees_a_forbidden_import():
    """Not blind: a module of `register` that imports `site`, or a base module that imports a package, is seen."""
    graph = modules()
    graph["generator.register.models"] = graph["generator.register.models"] | {"generator.site.pages"}
    graph["generator.problems"] = graph["generator.problems"] | {"generator.register.models"}
    assert sorted(forbidden(graph)) == [
        ("generator.problems", "generator.register.models"),
        ("generator.register.models", "generator.site.pages"),
    ]
