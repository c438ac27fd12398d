"""pybabel's Python extractor does not look inside f-strings (Python 3.11 reads one as a
single token), so a `_("…")` written there is never extracted, never translated, and the
`translations` check cannot see it missing. Such a call must stand outside the f-string."""
import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "diagnostic"
WORDING = {"_", "gettext", "ngettext", "pgettext"}


def _literal_calls_in_fstrings(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            for inner in ast.walk(node):
                if (isinstance(inner, ast.Call) and inner.args
                        and isinstance(inner.args[0], ast.Constant) and isinstance(inner.args[0].value, str)
                        and (getattr(inner.func, "id", None) in WORDING
                             or getattr(inner.func, "attr", None) in WORDING)):
                    yield inner.lineno, inner.args[0].value


def test_no_literal_message_is_worded_inside_an_fstring():
    found = [f"{path.relative_to(PACKAGE.parent)}:{line}: {text!r}"
             for path in sorted(PACKAGE.rglob("*.py"))
             for line, text in _literal_calls_in_fstrings(ast.parse(path.read_text(encoding="utf-8")))]
    assert not found, "words pybabel cannot extract:\n" + "\n".join(found)


def test_the_check_itself_finds_one():
    assert list(_literal_calls_in_fstrings(ast.parse("x = f\"[b]{_('Aide')}[/b]\""))) == [(1, "Aide")]
