"""The console driven with the keyboard through the real diagnostic (App.run_test).

A whole persona interview as an adviser would run it: a jump back to change an
earlier answer (the engine then asks a question it had skipped), a note, an
action added and one removed, a pathway chosen with a reason, finalise, export;
then what the store kept and what the export file says.
"""
import datetime as dt
import sys
from pathlib import Path

import pytest
import yaml
from textual.widgets import DataTable, Input, OptionList

from diagnostic.ui.console.answering import key_of
from diagnostic.ui.console.app import ConsoleApp
from diagnostic.ui.console.interview import InterviewScreen
from diagnostic.ui.console.review import ReviewScreen

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
from benchmarks.terminal import keys_for  # noqa: E402
PERSONA = yaml.safe_load((ROOT / "tests" / "scenarios" / "homme_50_ans_a_la_rue.yaml").read_text("utf-8"))
ANSWERS = PERSONA["answers"]



def _plain(value):
    """An answer as stored (dates in ISO form), ticked choices in any order."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return sorted(value) if isinstance(value, list) else value


async def type_text(pilot, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])


async def answer_until(pilot, app, stop=lambda q: False, answers=ANSWERS) -> None:
    """Answer the questions shown from `answers` (optional ones missing: F5) until `stop`."""
    while isinstance(app.screen, InterviewScreen):
        question = app.interview.state().question
        if question is None or stop(question):
            return
        value = answers.get(question.id, {"skipped": True})
        await pilot.press(*keys_for(question, value))
        await pilot.pause()
        assert app.interview.state().question != question, f"{question.id} not answered"


async def choose_in_outline(pilot, app, question_id: str) -> None:
    outline = app.screen.query_one("#outline", OptionList)
    outline.focus()
    outline.highlighted = outline.get_option_index(question_id)
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.asyncio
async def test_a_whole_interview_to_the_exported_plan(service, tmp_path):
    app = ConsoleApp(service)
    export_path = tmp_path / "plan.html"
    async with app.run_test(size=(120, 40)) as pilot:
        # Home, empty: a new interview with the adviser's reference.
        assert "Aucune session pour l'instant" in str(app.screen.query_one("#home-hint").render())
        await pilot.press("n")
        await type_text(pilot, "DOS-2026-118")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        session_id = app.interview.state().session_id

        # The first answers; the 115 alert shows at once.
        await answer_until(pilot, app, stop=lambda q: q.id == "birth_date")
        assert "appelez le 115" in str(app.screen.query_one("#alerts").render())

        # Jump back to "tonight" and change it: the engine now asks the question it had skipped.
        await choose_in_outline(pilot, app, "tonight")
        state = app.interview.state()
        assert state.revisiting and state.question.id == "tonight"
        await pilot.press("2")          # Chez mes parents
        await pilot.pause()
        assert app.interview.state().question.id == "stay_duration"
        assert not app.screen.query_one("#alerts").has_class("-shown")
        await pilot.press("2")          # Oui, mais pour peu de temps
        await pilot.pause()
        # …and back again to the persona's answer: stay_duration is no longer asked.
        await choose_in_outline(pilot, app, "tonight")
        await pilot.press(key_of(8))    # Dans la rue
        await pilot.pause()
        rows = {r.id: r.state for r in app.interview.state().outline}
        assert rows["tonight"] == "answered" and rows["stay_duration"] == "not_applicable"

        # A note on the question shown.
        await answer_until(pilot, app, stop=lambda q: q.id == "experience")
        await pilot.press("f2")
        await type_text(pilot, "Ancien cariste, permis CACES perime")
        await pilot.press("ctrl+s")
        await pilot.pause()

        # The rest of the interview: the review comes by itself after the last answer.
        await answer_until(pilot, app)
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)

        # Add an action from the catalogue (searched), remove a proposed one.
        table = app.screen.query_one("#plan-table", DataTable)
        await pilot.press("a")
        await type_text(pilot, "lettre de motivation")
        await pilot.press("enter")
        await pilot.pause()
        keys = [k.value for k in table.rows]
        table.move_cursor(row=keys.index("a:siao_application"))
        await pilot.press("delete", "2")   # Oui, retirer
        await pilot.pause()

        # Another pathway than the proposed one, with a reason.
        assert app.interview.plan()["pathway"]["pathway"] == "social"
        await pilot.press("p", "3")        # the third pathway listed: Social; then Emploi below
        await pilot.pause()
        await pilot.press("p", "1")        # Emploi
        await pilot.pause()
        await type_text(pilot, "Promesse d'embauche chez un ancien employeur")
        await pilot.press("enter")
        await pilot.pause()

        # Finalise, then export as HTML.
        await pilot.press("f", "2")        # Oui, finaliser
        await pilot.pause()
        assert app.interview.state().finalised
        await pilot.press("x", "1")        # HTML
        await pilot.pause()
        field = app.screen.query_one(Input)
        field.value = str(export_path)
        await pilot.press("enter")
        await pilot.pause()
        assert str(export_path) in str(app.screen.query_one("#review-status").render())
        await pilot.press("escape")        # home: the session is released
        await pilot.pause()
        table = app.screen.query_one("#sessions", DataTable)
        assert table.row_count == 1

    # What the store kept.
    record = service.export(session_id)
    answers = {qid: _plain(entry["value"]) for qid, entry in record["answers"].items()}
    expected = {qid: _plain(v) for qid, v in ANSWERS.items()}
    assert {qid: answers[qid] for qid in expected} == expected
    assert answers["stay_duration"] == "short"      # kept in the record, no longer relevant
    assert record["reference"] == "DOS-2026-118"
    assert [(n["question"], n["text"]) for n in record["adviser_notes"]] == [
        ("experience", "Ancien cariste, permis CACES perime")]
    ops = [(e["op"], e.get("action")) for e in record["plan_edits"]]
    assert ops == [("add_action", "cover_letter_work"), ("remove_action", "siao_application")]
    assert record["pathway_choice"] == {"pathway": "emploi",
                                        "reason": "Promesse d'embauche chez un ancien employeur"}
    diagnostic = record["diagnostic"]
    assert record["status"] == "finished" and len(record["history"]) == 1
    assert diagnostic["answers"]["tonight"] == "street" and "stay_duration" not in diagnostic["answers"]
    assert "call_115_now" in diagnostic["notes"]
    action_ids = [a["id"] for o in diagnostic["action_plan"]["objectives"] for a in o["actions"]]
    assert "cover_letter_work" in action_ids and "siao_application" not in action_ids

    # The export file: the finalised diagnostic, printable HTML, with the chosen pathway.
    html = export_path.read_text("utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    assert "Sans solution pour dormir ce soir" in html
