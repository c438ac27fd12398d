"""The import rule, checked with ast: storage imports the core, the standard
library and (in one module only) tinydb; nothing in the core imports storage."""
from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "diagnostic"
CORE = ["errors.py", "model.py", "engine.py", "scoring.py", "expressions"]
ALLOWED_PROJECT = ("diagnostic.model", "diagnostic.engine", "diagnostic.errors",
                   "diagnostic.expressions", "diagnostic.storage")


def imports(path: Path, package: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                found.add(f"{base}.{node.module}" if node.module else base)
            else:
                found.add(node.module)
    return found


def test_storage_imports_only_core_stdlib_and_tinydb_in_one_module():
    for path in sorted((PACKAGE / "storage").glob("*.py")):
        for name in imports(path, "diagnostic.storage"):
            top = name.split(".")[0]
            if top == "tinydb":
                assert path.name == "tinydb_store.py", f"{path.name} imports tinydb"
            elif top == "diagnostic":
                assert name.startswith(ALLOWED_PROJECT), f"{path.name} imports {name}"
            else:
                assert top in sys.stdlib_module_names, f"{path.name} imports {name}"


def test_the_core_does_not_import_storage():
    for entry in CORE:
        target = PACKAGE / entry
        files = sorted(target.rglob("*.py")) if target.is_dir() else [target] if target.exists() else []
        for path in files:
            for name in imports(path, "diagnostic"):
                assert not (name or "").startswith(("diagnostic.storage", "tinydb")), f"{path} imports {name}"
