"""The console's promises beyond the happy path: resume after closing, save failures shown
every time, unexpected errors shown and logged (never a traceback), first run, codes."""
import datetime as dt
import logging

import pytest
from textual.widgets import DataTable

from diagnostic.service import Service
from diagnostic.storage import MemoryStore, StorageError
from diagnostic.ui.console.app import ConsoleApp
from diagnostic.ui.console.home import HomeScreen
from diagnostic.ui.console.interview import InterviewScreen
from diagnostic.ui.console.review import ReviewScreen

from test_pilot import ANSWERS, keys_for

TODAY = dt.date(2026, 11, 27)


async def answer(pilot, app, count: int) -> None:
    """Give the persona's answers to the next `count` questions, with the keyboard."""
    for _ in range(count):
        question = app.interview.state().question
        await pilot.press(*keys_for(question, ANSWERS.get(question.id, {"skipped": True})))
        await pilot.pause()


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


@pytest.mark.asyncio
async def test_closing_mid_interview_and_opening_again_resumes_where_it_was(service):
    app = ConsoleApp(service)
    async with app.run_test() as pilot:
        await pilot.press("n", "enter")          # no reference
        await pilot.pause()
        await answer(pilot, app, 2)
        await pilot.pause()
        where = app.interview.state().question.id
        session_id = app.interview.state().session_id
        await pilot.press("ctrl+q")
    again = ConsoleApp(service)
    async with again.run_test() as pilot:
        table = again.screen.query_one("#sessions", DataTable)
        assert table.row_count == 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(again.screen, InterviewScreen)
        state = again.interview.state()
        assert (state.session_id, state.question.id, state.progress.answered) == (session_id, where, 2)


class FailingStore(MemoryStore):
    """A store whose writes fail while `failing` is set (a full disk, a lost share)."""
    failing = False

    def _put(self, record):
        if self.failing:
            raise StorageError("disque plein")
        super()._put(record)


@pytest.mark.asyncio
async def test_a_failed_save_is_shown_each_time_and_the_interview_goes_on():
    store = FailingStore()
    app = ConsoleApp(Service(store, front="console", today=TODAY))
    async with app.run_test() as pilot:
        await pilot.press("n", "enter")
        await pilot.pause()
        store.failing = True
        await answer(pilot, app, 2)
        failures = [m for m in messages(app) if "disque plein" in m]
        assert len(failures) == 2                       # every failing answer, not once
        assert app.interview.state().progress.answered == 2
        store.failing = False
        await answer(pilot, app, 1)
        assert app.interview.state().save_error is None
        answered = {r.id for r in app.interview.state().outline if r.state == "answered"}
        session_id = app.interview.state().session_id
    record = store.load(session_id)
    assert len(answered) == 3 and answered <= set(record["answers"])   # written with the next save


@pytest.mark.asyncio
async def test_an_unexpected_error_is_shown_and_logged_and_the_session_kept(service, caplog, monkeypatch):
    app = ConsoleApp(service)
    async with app.run_test() as pilot:
        await pilot.press("n", "enter")
        await pilot.pause()
        session_id = app.interview.state().session_id
        monkeypatch.setattr(type(app.interview), "answer", lambda self, value: 1 / 0)
        with caplog.at_level(logging.ERROR, logger="diagnostic.console"):
            await pilot.press("1")
            await pilot.pause()
        assert any("Erreur inattendue" in m for m in messages(app))
        assert "ZeroDivisionError" in caplog.text       # the details go to the log…
        assert isinstance(app.screen, InterviewScreen)  # …the console goes on
    assert service.sessions()[0].id == session_id


@pytest.mark.asyncio
async def test_first_run_offers_a_demo_that_shows_every_screen(service):
    app = ConsoleApp(service)
    async with app.run_test(size=(120, 40)) as pilot:
        hint = str(app.screen.query_one("#home-hint").render())
        assert "N pour commencer un entretien" in hint and "démonstration" in hint
        await pilot.press("d")
        await pilot.pause(0.3)      # the findings are drawn just after the question
        assert isinstance(app.screen, InterviewScreen)
        state = app.interview.state()
        assert "DÉMONSTRATION" in state.reference
        assert state.urgent_notes and 0 < state.progress.remaining <= 4
        assert "Sans solution pour dormir ce soir" in str(app.screen.query_one("#findings").render())
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "DÉMONSTRATION" in str(app.screen.query_one("#sessions", DataTable).get_row_at(0))


@pytest.mark.asyncio
async def test_a_kiosk_session_is_found_by_its_code_and_a_wrong_code_says_so(service):
    kiosk = service.start(service.open_questionnaire(), mode="kiosk")
    kiosk.answer(ANSWERS[kiosk.state().question.id])
    code = kiosk.code
    kiosk.close()
    app = ConsoleApp(service)
    async with app.run_test() as pilot:
        await pilot.press("c", *"ZZZZ-ZZZZ-ZZ", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("Aucune session ne correspond" in m for m in messages(app))
        await pilot.press("c", *code.lower(), "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        assert app.interview.state().progress.answered == 1


@pytest.mark.asyncio
async def test_search_narrows_the_list(service):
    content = service.open_questionnaire()
    for reference in ("DOS-1", "DOS-2", "AUTRE"):
        service.start(content, reference=reference).close()
    app = ConsoleApp(service)
    async with app.run_test() as pilot:
        table = app.screen.query_one("#sessions", DataTable)
        assert table.row_count == 3
        await pilot.press("slash", *"dos")
        await pilot.pause()
        assert table.row_count == 2
        await pilot.press(*"-2")
        await pilot.pause()
        assert table.row_count == 1


@pytest.mark.asyncio
async def test_refused_answers_and_keys_for_what_the_question_allows(service):
    app = ConsoleApp(service)
    async with app.run_test() as pilot:
        await pilot.press("d")
        await pilot.pause()
        question = app.interview.state().question
        assert "dont_know" not in question.allows
        await pilot.press("f3")                           # not offered here: nothing happens
        await pilot.pause()
        assert app.interview.state().question == question
        await pilot.press("f7")                           # back: the previous question
        await pilot.pause()
        assert app.interview.state().revisiting
        await pilot.press("f8")                           # and back to the current one
        await pilot.pause()
        assert app.interview.state().question.id == question.id


@pytest.mark.asyncio
async def test_alerts_show_at_once_and_the_review_has_the_indicators(service):
    from pathlib import Path
    phq9 = Path(__file__).resolve().parents[3] / "questionnaires" / "examples" / "phq9.yaml"
    app = ConsoleApp(service)
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_interview(service.start(service.open_questionnaire(phq9)))
        await pilot.pause()
        assert not app.screen.query_one("#alerts").has_class("-shown")
        while app.interview.state().question is not None:
            await pilot.press("3")                     # « plus de la moitié du temps » each time
            await pilot.pause(0.1)
        await pilot.pause(0.3)
        assert isinstance(app.screen, ReviewScreen)
        alerts = [n for n in app._notifications if n.title == "Alerte"]
        assert any("3114" in n.message for n in alerts)            # the urgent note…
        assert any("Pensées de mort" in n.message for n in alerts)  # …and the urgent finding
        await pilot.press("1")
        await pilot.pause()
        summary = str(app.screen.query_one("#summary-text").render())
        assert summary.index("Alertes") < summary.index("Indicateurs")
        assert "Score PHQ-9 : 18" in summary


@pytest.mark.asyncio
async def test_a_closed_session_leaves_nothing_behind_for_the_next(service):
    """Objects are frozen out of garbage collection during an interview (no pause on a
    keypress); a session closed and another opened, the first one's screen is freed."""
    import gc
    import weakref

    from diagnostic.ui.console import base
    from diagnostic.ui.console.interview import FINDINGS_DELAY
    app = ConsoleApp(service)
    try:
        async with app.run_test() as pilot:
            await pilot.press("n", "enter")
            await pilot.pause()
            first = weakref.ref(app.screen)
            assert isinstance(first(), InterviewScreen)
            await answer(pilot, app, 3)
            await pilot.pause(3 * FINDINGS_DELAY)       # the pause after an answer: frozen
            assert gc.get_freeze_count() > 0
            await pilot.press("escape")                 # home: the session is closed
            await pilot.press("n", "enter")             # and another one started
            for _ in range(100):                        # the next screen settles (a loaded machine is slow)
                await pilot.pause(base.SETTLE_AFTER / 5)
                if first() is None:
                    break
            assert isinstance(app.screen, InterviewScreen)
            assert first() is None
    finally:
        gc.unfreeze()


@pytest.mark.asyncio
async def test_brackets_typed_by_the_adviser_are_shown_as_typed(service):
    """A reference or a plan label is the adviser's text: "[/x]" or "[b]" in it is shown
    as typed, never read as markup (which stopped the tables from drawing)."""
    content = service.open_questionnaire()
    with service.start(content, reference="[/x] dossier [b]7") as interview:
        interview.replay(ANSWERS)
        action = interview.plan()["objectives"][0]["actions"][0]["id"]
        interview.edit_plan({"op": "edit_action", "action": action, "label": "Appeler [/b] le 115"})
    app = ConsoleApp(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        home = app.screen.query_one(DataTable)
        assert str(home.get_row_at(0)[1]) == "[/x] dossier [b]7"
        await pilot.press("enter")                  # the finished session: its review
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        plan = app.screen.query_one("#plan-table", DataTable)
        labels = [str(plan.get_row_at(i)[0]) for i in range(plan.row_count)]
        assert "  • Appeler [/b] le 115" in labels
