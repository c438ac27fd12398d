"""Every word of the console goes through the session's translator: a sentence written in
a console module outside `_()`, `gettext()`, `N_()` (or a docstring, a comment) fails here.
And the console speaks the language of the session on screen."""
import ast
import re
from pathlib import Path

import pytest

import diagnostic.ui.console as console
from diagnostic.i18n import Formatter
from diagnostic.ui.console.app import ConsoleApp

FOLDER = Path(console.__file__).parent
WORDS = re.compile(r"[A-Za-zÀ-ÿ]{3,}[ '’][A-Za-zÀ-ÿ]{2,}|[À-ÿ]")   # two words, or an accented letter
TRANSLATORS = {"_", "gettext", "N_", "ngettext", "pgettext"}
LOGGING = {"debug", "info", "warning", "error", "exception"}     # the log is for maintainers
DATA = {"demo.py"}                                               # a fictitious person's answers


def bare_sentences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"))
    inside = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in TRANSLATORS or name in LOGGING:
                inside.update(id(n) for arg in node.args for n in ast.walk(arg))
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and \
                ast.get_docstring(node, clean=False) is not None:
            inside.add(id(node.body[0].value))
    return [f"{path.name}:{node.lineno}: {node.value!r}" for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in inside and WORDS.search(node.value)]


def test_the_check_finds_a_bare_sentence(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text('"""Doc."""\nx = _("Bien traduit")\ny = "Pas traduit du tout"\n', encoding="utf-8")
    assert bare_sentences(probe) == ["probe.py:3: 'Pas traduit du tout'"]


@pytest.mark.parametrize("path", sorted(p for p in FOLDER.glob("*.py") if p.name not in DATA),
                         ids=lambda p: p.name)
def test_no_bare_sentence_in_the_console(path):
    assert bare_sentences(path) == []


@pytest.mark.asyncio
async def test_the_console_words_follow_the_session_on_screen(service):
    class Marked(Formatter):
        """A pseudo-language: every translated word shows it went through the catalogue."""
        def gettext(self, message):
            return f"⟦{message}⟧"

    app = ConsoleApp(service)
    async with app.run_test() as pilot:
        interview = service.start(service.open_questionnaire(), lang="en")
        app.languages["en"] = Marked("en")
        app.show_interview(interview)
        await pilot.pause()
        assert app.words.lang == "en"
        footer = [b.description for _n, b, *_ in app.screen.active_bindings.values() if b.show]
        assert footer and all(d.startswith("⟦") for d in footer), footer
        assert str(app.screen.query_one("#keys").render()).startswith("⟦")
        await pilot.press("escape")
        await pilot.pause()
        assert app.words.lang == "fr"
