"""The terminal interview in-process: saving, failures, the plain summary, the console.

Faster than the subprocess tests; they check what the subprocess tests
cannot reach easily (a store that fails, Ctrl-C, random input).
"""
import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diagnostic.cli import CommandError
from diagnostic.commands import interview as command
from diagnostic.storage import format_code
from diagnostic.engine import Session
from diagnostic.loading import load_questionnaire
from diagnostic.ui.terminal import (Console, Interview, LineReader, NoAutosave, Outcome,
                                    SaveFailed, describe)

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "terminal" / "parcours.yaml"
TODAY = dt.date(2024, 3, 1)
FULL = ["Awa", "05/03/1990", "1", "prop", "voiture et vélo", "45", "non", "", ""]


@pytest.fixture(scope="module")
def questionnaire():
    return load_questionnaire(FIXTURE)


class Recorder:
    """An Autosave that keeps what it was given (and can be told to fail)."""

    def __init__(self, fail=False):
        self.calls, self.fail, self.finished = [], fail, False

    def save(self, answers, position):
        if self.fail:
            raise SaveFailed("disque plein")
        self.calls.append((dict(answers), position))

    def finish(self):
        self.finished = True

    def resume_lines(self):
        return ["Pour reprendre : CODE"]

    def export_lines(self):
        return ["Pour exporter : CODE"]


def interview(questionnaire, lines, *, autosave=None, summary=None, raw=None, colour=False):
    data = raw if raw is not None else ("\n".join(lines) + "\n").encode()
    out = io.StringIO()
    console = Console(out, colour=colour)
    session = Session(questionnaire, today=TODAY)
    run = Interview(session, console, LineReader(io.BytesIO(data), console, echo=True),
                    autosave=autosave, summary=summary)
    return run.run(), out.getvalue(), session


def test_each_answer_is_saved_as_it_is_given(questionnaire):
    saver = Recorder()
    outcome, out, _ = interview(questionnaire, FULL, autosave=saver)
    assert outcome is Outcome.FINISHED and saver.finished
    saved = [answers for answers, _ in saver.calls]
    assert saved[:3] == [{"first_name": "Awa"}, {"birth_date": "1990-03-05"}, {"tonight": "own_home"}]
    assert saver.calls[0][1] == "birth_date"   # the question shown next
    assert {"transport": ["car", "bike"]} in saved
    assert "Pour exporter : CODE" in out


def test_a_change_saves_only_what_changed(questionnaire):
    saver = Recorder()
    interview(questionnaire, ["Awa", "05/03/1990", "modifier 1", "Bintou", "quitter"], autosave=saver)
    assert saver.calls[-2][0] == {"first_name": "Bintou"}
    assert saver.calls[-1][0] == {}   # quitting records the position only


def test_without_the_report_layer_the_answers_are_listed(questionnaire):
    outcome, out, _ = interview(questionnaire, FULL, autosave=NoAutosave())
    assert outcome is Outcome.FINISHED
    summary = out[out.index("Voici le résumé de vos réponses :"):]
    assert "Partie : Votre logement\nOù allez-vous dormir ce soir ? Réponse : Dans mon logement." in summary
    assert "Comment vous déplacez-vous ? Réponse : Avec ma voiture ; À vélo ou en trottinette." in summary
    assert "Vos réponses n'ont pas été enregistrées (aucun stockage n'est configuré)." in out


def test_a_failing_summary_still_ends_the_interview(questionnaire):
    def broken(session):
        raise RuntimeError("template")
    outcome, out, _ = interview(questionnaire, FULL, summary=broken)
    assert outcome is Outcome.FINISHED
    assert "Le résumé du diagnostic n'a pas pu être préparé" in out
    assert "Voici le résumé de vos réponses :" in out


def test_a_failing_store_warns_once_and_the_interview_goes_on(questionnaire):
    outcome, out, _ = interview(questionnaire, FULL, autosave=Recorder(fail=True))
    assert outcome is Outcome.FINISHED
    assert out.count("n'a pas pu être enregistrée (disque plein)") == 1


def test_ctrl_c_saves_and_says_how_to_resume(questionnaire):
    class Interrupting(io.BytesIO):
        def readline(self, *args):
            line = super().readline(*args)
            if not line:
                raise KeyboardInterrupt
            return line
    out = io.StringIO()
    console = Console(out)
    run = Interview(Session(questionnaire, today=TODAY), console,
                    LineReader(Interrupting(b"Awa\n"), console), autosave=Recorder())
    assert run.run() is Outcome.INTERRUPTED
    assert "Interruption." in out.getvalue() and "Pour reprendre : CODE" in out.getvalue()


def test_end_of_input_at_the_last_prompt_shows_the_summary(questionnaire):
    outcome, out, _ = interview(questionnaire, FULL[:-1])
    assert outcome is Outcome.FINISHED and "Voici le résumé" in out


def test_review_at_the_end_and_change(questionnaire):
    outcome, out, session = interview(questionnaire, FULL[:-1] + ["revoir", "2", "1er avril 1991", ""])
    assert outcome is Outcome.FINISHED
    assert session.answers["birth_date"] == dt.date(1991, 4, 1)
    assert "Noté : 01/04/1991." in out


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(
    st.sampled_from([b"", b"retour", b"revoir", b"1", b"2", b"oui", b"nsp", b"refuser", b"passer",
                     b"modifier 2", b"?", b"aide", b"reprendre", b"31/02/2024", b"1, 9", b"\x1b[A",
                     b"\xff\xfe", b"r\xe9p\xe9ter", b"donn\xc3\xa9es"]),
    st.binary(max_size=30)), max_size=40))
def test_any_input_ends_in_an_outcome(questionnaire, lines):
    outcome, out, _ = interview(questionnaire, [], raw=b"\n".join(lines))
    assert isinstance(outcome, Outcome)
    assert "\x1b" not in out


# --- output -----------------------------------------------------------------------------

def test_console_colour_only_when_asked():
    plain, coloured = io.StringIO(), io.StringIO()
    Console(plain).line("Question ?", "question")
    Console(coloured, colour=True).line("Question ?", "question")
    assert plain.getvalue() == "Question ?\n"
    assert coloured.getvalue().startswith("\x1b[")


def test_console_wraps_words_never_inside_guillemets_or_before_a_colon():
    out = io.StringIO()
    console = Console(out, width=30)
    console.line("Tapez « revoir » pour relire ou modifier vos réponses : merci beaucoup")
    console.line("12. Un libellé de réponse assez long pour passer à la ligne")
    console.line("  python main.py interview --resume ABCD-EFGH-XY", wrap=False)
    rows = out.getvalue().splitlines()
    assert all(len(r) <= 30 for r in rows[:-1])
    assert not any(r.rstrip().endswith("«") or r.lstrip().startswith(("»", ":")) for r in rows)
    assert any(r.startswith("    ") for r in rows[:-1])   # choice text hangs under its label
    assert rows[-1] == "  python main.py interview --resume ABCD-EFGH-XY"


def test_reader_decodes_latin1_cuts_long_lines_and_strips_line_ends():
    data = b"Ren\xe9\r\n" + b"x" * 40000 + b"\nsuite\n"
    reader = LineReader(io.BytesIO(data))
    assert reader.read("") == "René"
    assert len(reader.read("")) < 20000
    assert reader.read("") == "suite"
    assert reader.read("") is None


def test_describe_in_words(questionnaire):
    q = questionnaire.questions
    assert describe(q["commute_minutes"], 45) == "45 minutes"
    assert describe(q["birth_date"], dt.date(1990, 3, 5)) == "05/03/1990"
    assert describe(q["rent_arrears"], True) == "oui"
    assert describe(q["transport"], ("car", "walk")) == "Avec ma voiture ; À pied"


# --- the command -------------------------------------------------------------------------

def test_default_questionnaire_is_found_from_the_package_and_its_absence_explained(monkeypatch, tmp_path):
    assert command.DEFAULT == Path(command.__file__).resolve().parents[2] / "questionnaires" / "diagnostic.yaml"
    monkeypatch.setattr(command, "DEFAULT", tmp_path / "diagnostic.yaml")
    monkeypatch.setattr(command, "QUESTIONNAIRES", FIXTURE.parent)
    with pytest.raises(CommandError) as err:
        command.questionnaire_path(None)
    message = str(err.value)
    assert "diagnostic.yaml) est introuvable" in message and "parcours.yaml" in message
    assert command.questionnaire_path("autre.yaml") == "autre.yaml"
    assert command.questionnaire_path(None, "parcours") == str(FIXTURE.parent / "parcours.yaml")


def test_store_autosave_creates_the_session_at_the_first_answer_and_reports_failures(questionnaire):
    from diagnostic.storage import MemoryStore, StorageError

    store = MemoryStore()
    saver = command.StoreAutosave(store, questionnaire, mode="script", how_to_run="python main.py",
                                  extra=" q.yaml")
    outcome, out, _ = interview(questionnaire, ["quitter"], autosave=saver)
    assert "Vous n'avez donné aucune réponse : rien n'a été enregistré." in out and not store.list()
    outcome, out, _ = interview(questionnaire, FULL, autosave=saver)
    saver.close()
    [summary] = store.list()
    assert summary.status == "finished" and summary.answer_count == 8
    assert f"python main.py interview q.yaml --resume {format_code(summary.retrieval_code)}" in out

    class Broken(MemoryStore):
        def create(self, *args, **kwargs):
            raise StorageError("dossier plein")
    saver = command.StoreAutosave(Broken(), questionnaire, mode="script", how_to_run="x", extra="")
    outcome, out, _ = interview(questionnaire, ["Awa", "quitter"], autosave=saver)
    assert "la réponse n'a pas pu être enregistrée (dossier plein)" in out
    assert "Attention : vos réponses n'ont pas pu être enregistrées (dossier plein)." in out


def test_a_superscript_two_at_the_review_prompt_is_not_a_crash(questionnaire):
    outcome, out, _ = interview(questionnaire, ["Awa", "revoir", "²", "quitter"])
    assert outcome is Outcome.QUIT
    assert "Ce n'est pas un numéro de la liste." in out


def test_the_end_does_not_claim_everything_is_saved_after_a_failed_save(questionnaire):
    from diagnostic.storage import MemoryStore, StorageError

    class Flaky(MemoryStore):
        """The session is created and its first answer saved; every later save fails."""
        def create(self, *args, **kwargs):
            handle = super().create(*args, **kwargs)
            first = handle.save_answers

            def save_answers(answers, **kw):
                handle.save_answers = failing
                first(answers, **kw)

            def failing(answers, **kw):
                raise StorageError("disque plein")
            handle.save_answers = save_answers
            return handle
    saver = command.StoreAutosave(Flaky(), questionnaire, mode="script", how_to_run="x", extra="")
    _, out, _ = interview(questionnaire, FULL, autosave=saver)
    saver.close()
    lines = out.splitlines()
    end = lines.index(next(l for l in lines if l.startswith("Le diagnostic est enregistré")))
    assert lines[end - 1] == ("Attention : les dernières réponses n'ont peut-être pas été "
                              "enregistrées (disque plein).")
