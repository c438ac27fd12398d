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

from diagnostic.service import Service, SessionUnavailable, open_content
from diagnostic.storage import MemoryStore, StorageError, format_code
from diagnostic.ui.terminal import Console, Instructions, Interview, LineReader, Outcome, describe

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "terminal" / "parcours.yaml"
TODAY = dt.date(2024, 3, 1)
FULL = ["Awa", "05/03/1990", "1", "prop", "voiture et vélo", "45", "non", "", ""]


@pytest.fixture(scope="module")
def content():
    return open_content(FIXTURE)


@pytest.fixture(scope="module")
def questionnaire(content):
    return content.questionnaire


class Recording(MemoryStore):
    """A store whose sessions keep the answers they were given (and can be told to fail)."""

    def __init__(self, fail=False):
        super().__init__()
        self.calls, self.fail = [], fail

    def create(self, *args, **kwargs):
        handle = super().create(*args, **kwargs)
        save = handle.save_answers

        def recording(answers, **kw):
            if self.fail:
                raise StorageError("disque plein")
            self.calls.append((dict(answers), kw.get("position")))
            save(answers, **kw)
        handle.save_answers = recording
        return handle


def interview(content, lines, *, store=None, raw=None, colour=False, how=None):
    data = raw if raw is not None else ("\n".join(lines) + "\n").encode()
    out = io.StringIO()
    console = Console(out, colour=colour)
    with Service(store, today=TODAY).start(content, mode="script") as session:
        run = Interview(session, console, LineReader(io.BytesIO(data), console, echo=True),
                        instructions=how)
        return run.run(), out.getvalue(), session


def test_each_answer_is_saved_as_it_is_given(content):
    saver = Recording()
    outcome, out, _ = interview(content, FULL, store=saver)
    [summary] = saver.list()
    assert outcome is Outcome.FINISHED and summary.status == "finished" and summary.finalised
    saved = [answers for answers, _ in saver.calls]
    assert saved[:3] == [{"first_name": "Awa"}, {"birth_date": "1990-03-05"}, {"tonight": "own_home"}]
    assert saver.calls[0][1] == "birth_date"   # the question shown next
    assert {"transport": ["car", "bike"]} in saved
    assert f"Pour l'exporter (toutes les données de la session, en JSON), tapez :\n" \
           f"  python main.py export {summary.id}\n" in out


def test_a_change_saves_only_what_changed(content):
    saver = Recording()
    interview(content, ["Awa", "05/03/1990", "modifier 1", "Bintou", "quitter"], store=saver)
    assert saver.calls[-2][0] == {"first_name": "Bintou"}
    assert saver.calls[-1][0] == {}   # quitting records the position only


def test_without_a_summary_the_answers_are_listed(content, monkeypatch):
    def broken(self, *args, **kwargs):
        raise RuntimeError("template")
    monkeypatch.setattr("diagnostic.service.Interview.render", broken)
    outcome, out, _ = interview(content, FULL)
    assert outcome is Outcome.FINISHED
    assert "Le résumé du diagnostic n'a pas pu être préparé" in out
    summary = out[out.index("Voici le résumé de vos réponses :"):]
    assert "Partie : Votre logement\nOù allez-vous dormir ce soir ? Réponse : Dans mon logement." in summary
    assert "Comment vous déplacez-vous ? Réponse : Avec ma voiture ; À vélo ou en trottinette." in summary
    assert "Vos réponses n'ont pas été enregistrées (aucun stockage n'est configuré)." in out


def test_a_failing_store_warns_at_each_failed_save_and_the_interview_goes_on(content):
    # issue 9: a save that fails is reported every time, not once
    outcome, out, _ = interview(content, FULL, store=Recording(fail=True))
    assert outcome is Outcome.FINISHED
    assert out.count("n'a pas pu être enregistrée (disque plein)") == out.count("Noté :") == 8


def test_ctrl_c_saves_and_says_how_to_resume(content):
    class Interrupting(io.BytesIO):
        def readline(self, *args):
            line = super().readline(*args)
            if not line:
                raise KeyboardInterrupt
            return line
    out = io.StringIO()
    console = Console(out)
    store = MemoryStore()
    with Service(store, today=TODAY).start(content) as session:
        run = Interview(session, console, LineReader(Interrupting(b"Awa\n"), console))
        assert run.run() is Outcome.INTERRUPTED
    assert "Interruption." in out.getvalue()
    assert f"Votre code de reprise : {session.code}\n" in out.getvalue()
    assert store.load(session.id)["answers"]["first_name"]["value"] == "Awa"


def test_end_of_input_at_the_last_prompt_shows_the_summary(content):
    outcome, out, _ = interview(content, FULL[:-1])
    assert outcome is Outcome.FINISHED and "Voici le résumé" in out


def test_review_at_the_end_and_change(content):
    outcome, out, session = interview(content, FULL[:-1] + ["revoir", "2", "1er avril 1991", ""])
    assert outcome is Outcome.FINISHED
    assert session.answer_of("birth_date") == "1991-04-01"
    assert "Noté : 01/04/1991." in out


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(
    st.sampled_from([b"", b"retour", b"revoir", b"1", b"2", b"oui", b"nsp", b"refuser", b"passer",
                     b"modifier 2", b"?", b"aide", b"reprendre", b"31/02/2024", b"1, 9", b"\x1b[A",
                     b"\xff\xfe", b"r\xe9p\xe9ter", b"donn\xc3\xa9es"]),
    st.binary(max_size=30)), max_size=40))
def test_any_input_ends_in_an_outcome(content, lines):
    outcome, out, _ = interview(content, [], raw=b"\n".join(lines), store=MemoryStore())
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

def test_the_session_and_its_code_exist_before_the_first_answer(content):
    store = MemoryStore()
    how = Instructions("python main.py", " q.yaml", "")
    outcome, out, session = interview(content, ["quitter"], store=store, how=how)
    [summary] = store.list()
    code = format_code(summary.retrieval_code)
    assert out.index(f"Votre code de reprise : {code}") < out.index("Quel est votre prénom ?")
    assert "Vous n'avez donné aucune réponse." in out and summary.answer_count == 0
    outcome, out, _ = interview(content, FULL, store=store, how=how)
    finished = next(s for s in store.list() if s.id != summary.id)
    assert finished.status == "finished" and finished.answer_count == 8
    resume_line = f"python main.py interview q.yaml --resume {format_code(finished.retrieval_code)}"
    assert out.count(resume_line) == 1 and out.count(format_code(finished.retrieval_code)) == 3

    class Broken(MemoryStore):
        def create(self, *args, **kwargs):
            raise StorageError("dossier plein")
    with pytest.raises(SessionUnavailable, match="dossier plein"):
        Service(Broken()).start(content)


def test_a_superscript_two_at_the_review_prompt_is_not_a_crash(content):
    outcome, out, _ = interview(content, ["Awa", "revoir", "²", "quitter"])
    assert outcome is Outcome.QUIT
    assert "Ce n'est pas un numéro de la liste." in out


def test_the_end_does_not_claim_everything_is_saved_after_a_failed_save(content):
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
    _, out, _ = interview(content, FULL, store=Flaky())
    lines = out.splitlines()
    end = lines.index(next(l for l in lines if l.startswith("Le diagnostic est enregistré")))
    assert lines[end - 1] == ("Attention : les dernières réponses n'ont peut-être pas été "
                              "enregistrées (disque plein).")


def test_resuming_a_finalised_interview_shows_it_as_stored_and_a_change_makes_version_2(content):
    store = MemoryStore()
    _, _, first = interview(content, FULL, store=store)
    out = io.StringIO()
    console = Console(out)

    def resumed(lines):
        with Service(store, today=TODAY).resume(first.code, content) as session:
            data = ("\n".join(lines) + "\n").encode()
            Interview(session, console, LineReader(io.BytesIO(data), console, echo=True), resumed=True).run()
    resumed([""])
    assert "Ce diagnostic est déjà validé" in out.getvalue()
    assert len(store.load(first.id)["history"]) == 1          # looking changes nothing
    resumed(["revoir", "1", "Bintou", ""])
    v1, v2 = store.load(first.id)["history"]
    assert v1["reopened_at"] and v2["reopened_at"] is None
    assert v2["diagnostic"]["answers"]["first_name"] == "Bintou"
    assert v1["diagnostic"]["answers"]["first_name"] == "Awa"
