"""Fixtures of the authoring tools' tests: a copy of the small housing questionnaire, and
the command line run in a subprocess (helpers are fixtures: conftest modules are not imported)."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOGIS = ROOT / "tests" / "fixtures" / "diagnostic" / "logis"


@pytest.fixture
def logis(tmp_path, monkeypatch):
    """A copy of logis.yaml and rules.yaml in a folder that is the cwd."""
    monkeypatch.chdir(tmp_path)
    for name in ("logis.yaml", "rules.yaml"):
        shutil.copy(LOGIS / name, tmp_path / name)
    return tmp_path


@pytest.fixture
def edit():
    def _edit(path, old: str, new: str) -> None:
        text = Path(path).read_text(encoding="utf-8")
        assert old in text, old
        Path(path).write_text(text.replace(old, new, 1), encoding="utf-8")
    return _edit


@pytest.fixture
def cli(tmp_path):
    def _cli(*args, cwd=None, stdin=None, timeout=None):
        return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                              text=True, cwd=cwd or tmp_path, input=stdin, timeout=timeout)
    return _cli
