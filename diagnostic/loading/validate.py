"""`validate`: check files and folders of questionnaires and rules, report every problem.

Every check that can run does: a questionnaire whose cross-checks fail still
has its rule files checked against its questions. When a stage cannot run (a
file that does not read or has the wrong shape), the report says which checks
were skipped and why. A rule file shared by several questionnaires is reported
once: the same problem at the same place is one line.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Location, Problem, message, problem, sort_key
from .questionnaire import check_questionnaire, display_path
from .rules import check_rule_file, check_rules_for, readable
from .yamlreader import read


@dataclass(frozen=True)
class Skipped:
    """Checks that could not run on a file, and why (worded from MESSAGES)."""
    file: str
    key: str

    @property
    def message(self) -> str:
        return message(self.key, {})

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    files: list[str] = field(default_factory=list)   # every file checked, as shown

    @property
    def files_with_problems(self) -> int:
        return len({p.location.path for p in self.problems if p.location})


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
    """'questionnaire', 'rules' or 'scenario' (`python main.py test`), from the file's top-level keys."""
    if isinstance(data, dict) and "sections" in data:
        return "questionnaire"
    if isinstance(data, dict) and {"answers", "expect"} <= data.keys():
        return "scenario"
    if isinstance(data, dict) and data.keys() & {"rules", "actions", "pathways"}:
        return "rules"
    return "questionnaire"  # its schema will say what is missing


def validate(paths: list[str]) -> Report:
    """Check the given files and folders: every problem once, in file order."""
    files, problems = yaml_files(paths)
    report = Report()
    in_context, alone = {}, {}
    for path in files:
        doc, read_problems = read(path, display_path(path))
        if not read_problems and kind_of(doc.data) == "scenario":
            continue   # checked by `test`, not here
        report.files.append(doc.path)
        if read_problems:
            problems.extend(read_problems)
            report.skipped.append(Skipped(doc.path, "skipped.unreadable"))
        elif kind_of(doc.data) == "rules":
            alone.setdefault(path.resolve(), path)
        else:
            questionnaire, found = check_questionnaire(path)
            problems.extend(found)
            if questionnaire is None:
                report.skipped.append(Skipped(doc.path, "skipped.questionnaire"))
                alone.update((Path(n), Path(n)) for n in _declared_rules(path, doc.data))
                continue
            problems.extend(check_rules_for(questionnaire))
            in_context.update((Path(n).resolve(), Path(n)) for n in questionnaire.rule_files)
    for resolved, path in alone.items():
        if resolved not in in_context:  # else already checked with a questionnaire's questions
            problems.extend(check_rule_file(path))
            if readable(path):
                report.skipped.append(Skipped(display_path(path), "skipped.rules_alone"))
    for path in {**alone, **in_context}.values():
        shown = display_path(path)
        report.files.append(shown)
        if path.exists() and not readable(path) and Skipped(shown, "skipped.unreadable") not in report.skipped:
            report.skipped.append(Skipped(shown, "skipped.rule_file"))
    report.problems = unique(problems)
    report.files = list(dict.fromkeys(report.files))
    report.skipped = sorted(dict.fromkeys(report.skipped), key=lambda s: s.file)
    return report


def validate_paths(paths: list[str]) -> list[Problem]:
    """Every problem in the given files and folders, each once, in file order."""
    return validate(paths).problems


def _declared_rules(path: Path, data) -> list[str]:
    """The rule files a questionnaire names, read from its raw data (it could not be built)."""
    names = data.get("rules") if isinstance(data, dict) else None
    if not isinstance(names, list):
        return []
    return [str((path.parent / n).resolve()) for n in names if isinstance(n, str)]


def unique(problems) -> list[Problem]:
    """One line per problem: the same problem at the same place, found for several
    questionnaires sharing a rule file, is kept once (with the first questionnaire)."""
    seen = {}
    for p in problems:
        params = tuple((k, v) for k, v in p.params if k != "questionnaire")
        seen.setdefault((p.location, p.code, p.key or p.message, params), p)
    return sorted(seen.values(), key=sort_key)
