"""The authoring tools build on public structures: no module imports a private
(underscored) name from another room of the package (`expressions`, `loading`,
`errors`…; a package may share its own); checked on the source, as the import rule is."""
import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[2] / "diagnostic"


def room_of(parts: tuple) -> str:
    return parts[0] if parts else ""


def private_imports(path: Path, source: str | None = None) -> list[str]:
    package = path.relative_to(PKG).with_suffix("").parts[:-1]
    mine = room_of(path.relative_to(PKG).with_suffix("").parts)
    found = []
    for node in ast.walk(ast.parse(source if source is not None else path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = package[: len(package) - node.level + 1]
            target = (*base, *(node.module.split(".") if node.module else ()))
        elif (node.module or "").startswith("diagnostic."):
            target = tuple(node.module.split(".")[1:])
        else:
            continue
        if room_of(target) != mine:
            found += [f"{'.'.join(target)}.{a.name}" for a in node.names if a.name.startswith("_")]
    return found


@pytest.mark.parametrize("path", sorted(PKG.rglob("*.py")), ids=lambda p: str(p.relative_to(PKG)))
def test_no_private_name_is_imported_from_another_room(path):
    assert private_imports(path) == []


def test_the_check_sees_a_private_import():
    source = "from ..expressions.parser import _compile, walk\nfrom .words import _private_here\n"
    assert private_imports(PKG / "authoring" / "probe.py", source) == ["expressions.parser._compile"]
