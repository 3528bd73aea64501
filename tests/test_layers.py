"""The Dagster layer (`assets/`) imports the domain (`pipelines/`), never the reverse."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_the_domain_imports_neither_dagster_nor_the_dagster_layer():
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            name for name in _imports(path) if name.split(".")[0] in ("dagster", "assets")
        )
        for path in (ROOT / "pipelines").rglob("*.py")
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_every_module_that_uses_dagster_is_in_the_dagster_layer():
    users = {
        path.parent.name
        for path in ROOT.glob("*/**/*.py")
        if path.parts[len(ROOT.parts)] in ("pipelines", "assets")
        and "dagster" in {name.split(".")[0] for name in _imports(path)}
    }
    assert users == {"assets"}
