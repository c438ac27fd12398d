"""`validate`: check files and folders of questionnaires (and rules), report every problem."""
from __future__ import annotations

from pathlib import Path

from ..errors import LoadError, Location, Problem, problem
from .questionnaire import display_path, load_questionnaire
from .yamlreader import read


def yaml_files(paths: list[str]) -> tuple[list[Path], list[Problem]]:
    files, problems = [], []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml")))
        elif path.exists():
            files.append(path)
        else:
            problems.append(problem("E104.missing", Location(name)))
    return files, problems


def kind_of(data) -> str:
    """'questionnaire' or 'rules', from the file's top-level keys."""
    if isinstance(data, dict) and "sections" in data:
        return "questionnaire"
    if isinstance(data, dict) and data.keys() & {"rules", "actions", "pathways"}:
        return "rules"
    return "questionnaire"  # its schema will say what is missing


def validate_paths(paths: list[str]) -> list[Problem]:
    """Every problem in the given files and folders, each once, in file order."""
    files, problems = yaml_files(paths)
    for path in files:
        doc, read_problems = read(path, display_path(path))
        if read_problems:
            problems.extend(read_problems)
            continue
        try:
            if kind_of(doc.data) == "questionnaire":
                from .rules import check_rules_for  # noqa: PLC0415 - its rule files, in its context
                problems.extend(check_rules_for(load_questionnaire(path)))
            else:
                from .rules import check_rule_file  # noqa: PLC0415 - built by the rules layer
                problems.extend(check_rule_file(path))
        except LoadError as exc:
            problems.extend(exc.problems)
    unique = {str(p): p for p in problems}
    return sorted(unique.values(), key=lambda p: (str(p.location.path if p.location else ""),
                                                 p.location.line if p.location else 0,
                                                 p.location.column if p.location else 0))
