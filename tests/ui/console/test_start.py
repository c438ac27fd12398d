"""How the console starts: `python main.py` opens it at a terminal and keeps the plain
interview otherwise; `--plain` and `interview` keep the plain one; no other command
imports Textual. Real processes, the terminal a pseudo-terminal."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
MAIN = ROOT / "main.py"
sys.path.insert(0, str(ROOT))
from benchmarks.terminal import Terminal  # noqa: E402


def env(tmp_path, **extra):
    out = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "DIAGNOSTIC_DEBUG", "XDG_DATA_HOME")}
    out.update(DIAGNOSTIC_DATA_DIR=str(tmp_path), PYTHONPATH=str(ROOT), **extra)
    return out


def test_no_arguments_at_a_terminal_open_the_console(tmp_path):
    term = Terminal([sys.executable, str(MAIN)], size=(100, 30), env=env(tmp_path), cwd=tmp_path)
    try:
        term.wait_for("Sessions récentes")
        term.wait_for("Aucune session pour l'instant")
        term.send("\x11")                     # Ctrl+Q
        assert term.process.wait(10) == 0
    finally:
        term.close()


@pytest.mark.parametrize("args", [["--plain"], ["interview"]])
def test_plain_and_interview_keep_the_plain_interview_at_a_terminal(tmp_path, args):
    term = Terminal([sys.executable, str(MAIN), *args], size=(100, 30), env=env(tmp_path), cwd=tmp_path)
    try:
        term.wait_for("vos données personnelles")
        term.send("quitter\r")
        assert term.process.wait(10) == 0
    finally:
        term.close()


def test_the_console_needs_a_terminal(tmp_path):
    proc = subprocess.run([sys.executable, str(MAIN), "console"], input="", capture_output=True,
                          text=True, timeout=60, env=env(tmp_path), cwd=tmp_path)
    assert proc.returncode == 2
    assert "la console a besoin d'un terminal" in proc.stderr and "Traceback" not in proc.stderr
    proc = subprocess.run([sys.executable, str(MAIN), "console", "--lang", "xx"], input="",
                          capture_output=True, text=True, timeout=60, env=env(tmp_path), cwd=tmp_path)
    assert proc.returncode == 2 and "langue inconnue : xx" in proc.stderr


def test_only_the_console_imports_textual(tmp_path):
    code = ("import sys; from diagnostic.cli import main; "
            "code = main(['validate', 'questionnaires', 'rules']); "
            "print('RESULT', code, 'textual' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env=env(tmp_path), cwd=ROOT)
    assert proc.stdout.splitlines()[-1].split() == ["RESULT", "0", "False"], proc.stderr


def test_the_home_screen_starts_without_the_loader_the_engine_and_the_reports(tmp_path):
    """The start-up target (benchmarks/bench_console.py): what the home screen needs is
    imported, the questionnaire machinery only when an interview is opened."""
    code = ("import sys; import diagnostic.commands.console, diagnostic.ui.console.home; "
            "from diagnostic.service import Service, ServiceError; import diagnostic.ui.console.app; "
            "heavy = ('diagnostic.loading', 'diagnostic.engine', 'diagnostic.report', 'diagnostic.scoring', "
            "'jinja2', 'jsonschema', 'yaml'); "
            "print('EARLY', sorted(m for m in sys.modules if m.startswith(heavy))); "
            "from diagnostic.service import Interview; import diagnostic.service as s; "
            "print('LATER', 'diagnostic.engine' in sys.modules, s.Content.__name__)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env=env(tmp_path), cwd=ROOT)
    lines = proc.stdout.splitlines()
    assert lines == ["EARLY []", "LATER True Content"], proc.stderr
