"""The import rule of DESIGN.md, checked on the source so nobody has to remember it."""
import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "diagnostic"
THIRD_PARTY_UI_IO = {"yaml", "jinja2", "tinydb", "textual", "babel", "jsonschema", "rich", "platformdirs",
                     "psycopg", "psycopg_pool"}
LAYERS = {"loading", "report", "i18n", "storage"}


def imports(path: Path) -> set[str]:
    """Absolute module names imported by a file (relative imports resolved)."""
    package = path.relative_to(PKG.parent).with_suffix("").parts[:-1]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[: len(package) - node.level + 1])
                module = ".".join(base + ([node.module] if node.module else []))
                names.add(module)
                names.update(f"{module}.{a.name}" for a in node.names)
            else:
                names.add(node.module)
    return names


def room(path: Path) -> str:
    parts = path.relative_to(PKG).with_suffix("").parts
    return parts[0]


def core_files():
    core = {"errors", "model", "expressions", "engine", "answers", "scoring", "plan", "typography"}
    return [p for p in PKG.rglob("*.py") if room(p) in core]


def test_the_core_exists():
    assert {room(p) for p in core_files()} >= {"errors", "model", "expressions", "engine"}


@pytest.mark.parametrize("path", core_files(), ids=lambda p: str(p.relative_to(PKG)))
def test_core_imports_only_stdlib_and_core(path):
    for name in imports(path):
        top = name.split(".")[0]
        assert top not in THIRD_PARTY_UI_IO, f"{path.name} imports {name}"
        if top == "diagnostic":
            assert name.split(".")[1] not in LAYERS | {"ui", "cli", "commands"}, f"{path.name} imports {name}"


@pytest.mark.parametrize("path", [p for p in PKG.rglob("*.py") if room(p) in LAYERS],
                         ids=lambda p: str(p.relative_to(PKG)))
def test_layers_do_not_import_each_other(path):
    mine = room(path)
    for name in imports(path):
        parts = name.split(".")
        if parts[0] == "diagnostic" and len(parts) > 1:
            assert parts[1] not in (LAYERS - {mine}) | {"ui", "cli", "commands"}, f"{path} imports {name}"


def test_nothing_imports_the_ui():
    for path in PKG.rglob("*.py"):
        if room(path) in ("ui", "commands", "cli"):
            continue
        assert not any(n.startswith("diagnostic.ui") for n in imports(path)), path


def test_only_the_tinydb_module_imports_tinydb():
    users = {p.name for p in PKG.rglob("*.py") if any(n.split(".")[0] == "tinydb" for n in imports(p))}
    assert users <= {"tinydb_store.py"}


def test_only_the_postgres_module_imports_psycopg():
    users = {p.name for p in PKG.rglob("*.py")
             if any(n.split(".")[0] in ("psycopg", "psycopg_pool") for n in imports(p))}
    assert users == {"postgres_store.py"}


def test_only_the_command_line_picks_a_concrete_store():
    concrete = ("diagnostic.storage.tinydb_store", "diagnostic.storage.postgres_store",
                "diagnostic.storage.urls", "diagnostic.storage.open_store", "diagnostic.storage.open_url",
                "diagnostic.storage.store_for_args", "diagnostic.storage.MemoryStore",
                "diagnostic.storage.base.MemoryStore")
    for path in PKG.rglob("*.py"):
        if room(path) in ("storage", "commands", "cli"):
            continue
        assert not any(n.startswith(concrete) for n in imports(path)), path


def test_the_rule_catches_a_forbidden_import(tmp_path):
    bad = PKG / "expressions" / "_probe_forbidden.py"
    bad.write_text("import yaml\n")
    try:
        assert "yaml" in imports(bad)
        with pytest.raises(AssertionError):
            test_core_imports_only_stdlib_and_core(bad)
    finally:
        bad.unlink()


def test_every_import_is_the_standard_library_the_package_or_a_declared_dependency():
    import sys
    import tomllib
    project = tomllib.loads((PKG.parent / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {d.split(">")[0].split("=")[0].split("[")[0].strip().lower() for d in project["dependencies"]}
    modules = {"pyyaml": "yaml", "psycopg-pool": "psycopg_pool"}
    allowed = {modules.get(name, name) for name in declared}
    for path in PKG.rglob("*.py"):
        for name in imports(path):
            top = name.split(".")[0]
            assert top in sys.stdlib_module_names or top == "diagnostic" or top in allowed, \
                f"{path.relative_to(PKG)} imports {name}, which pyproject.toml does not declare"
