"""Check that Vitrine's apps import one another in layers: downwards only, never in a cycle.

Reads every module of the project's apps (migrations included) with `ast` and reports
- an import of an app that is not below the importing one in LAYERS (upwards or sideways);
- an import of project code inside a function, except in the places named in DEFERRED_OK
  (Django wants models and signal handlers imported in `AppConfig.ready()`).
Prints what it finds and exits 1, or says the layers hold and exits 0. docs/architecture.md
explains the layers.

    python scripts/check_layers.py
"""

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Bottom first. An app may import the apps of the layers before its own, nothing else.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("archive",),
    ("search",),
    ("exhibits",),
    ("public",),
    ("api", "transfer"),
    ("benchmarks",),
    ("config",),
)
APPS = {app: rank for rank, layer in enumerate(LAYERS) for app in layer}

# Imports inside a function that are there for a reason other than a cycle: (module, function).
DEFERRED_OK = {
    ("archive.apps", "ready"),
    ("search.apps", "ready"),
    ("exhibits.apps", "ready"),
    ("public.apps", "ready"),
}


@dataclass(frozen=True)
class Import:
    module: str  # the importing module
    target: str  # the imported module
    line: int
    function: str | None  # the enclosing function, if any


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> Iterator[Import]:
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]

    def visit(node: ast.AST, function: str | None) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield Import(module, alias.name, child.lineno, function)
            elif isinstance(child, ast.ImportFrom):
                target = child.module or ""
                if child.level:
                    base = package.split(".")[: len(package.split(".")) - child.level + 1]
                    target = ".".join([*base, target] if target else base)
                yield Import(module, target, child.lineno, function)
            inner = (
                child.name if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else None
            )
            yield from visit(child, inner or function)

    yield from visit(ast.parse(path.read_text(), str(path)), None)


def project_modules() -> Iterator[Path]:
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "node_modules" not in path.parts:
                yield path


def problems() -> list[str]:
    """Every import that breaks the layers, as `path:line: message` lines."""
    found = []
    for path in project_modules():
        for imp in imports_of(path):
            source_app = imp.module.split(".")[0]
            target_app = imp.target.split(".")[0]
            if target_app not in APPS:
                continue
            where = f"{path.relative_to(ROOT)}:{imp.line}"
            if target_app != source_app and APPS[target_app] >= APPS[source_app]:
                found.append(f"{where}: {source_app} imports {imp.target}, which is not below it")
            if imp.function and (imp.module, imp.function) not in DEFERRED_OK:
                found.append(f"{where}: {imp.target} imported inside {imp.function}()")
    return found


def app_graph() -> dict[str, set[str]]:
    """Which apps each app imports (for the docs and the cycle test)."""
    graph: dict[str, set[str]] = {app: set() for app in APPS}
    for path in project_modules():
        for imp in imports_of(path):
            source, target = imp.module.split(".")[0], imp.target.split(".")[0]
            if target in APPS and target != source:
                graph[source].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The cycles of the app graph (each as a path that returns to its start)."""
    found = []

    def walk(node: str, path: list[str]) -> None:
        for nxt in sorted(graph[node]):
            if nxt == path[0]:
                found.append([*path, nxt])
            elif nxt not in path and nxt > path[0]:
                walk(nxt, [*path, nxt])

    for start in sorted(graph):
        walk(start, [start])
    return found


def main() -> int:
    found = problems() + [" -> ".join(c) + ": a cycle" for c in cycles(app_graph())]
    for line in found:
        print(line)
    if found:
        return 1
    print("The apps import in layers:", " < ".join("/".join(layer) for layer in LAYERS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
