"""The interview service through its API, in-process, on both store backends.

The fixture questionnaire (tests/fixtures/terminal/parcours.yaml) has every
kind of question, an urgent note that `tonight == 'street'` shows, two
questions that only a home makes relevant, and rules with a finding, an
action and two pathways.
"""
import ast
import datetime as dt
import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from diagnostic.plan import PlanEdit
from diagnostic.report import schema
from diagnostic.service import (AnswerRefused, PlanEditRefused, Service, ServiceError,
                                SessionUnavailable, open_content, shipped_questionnaire)
from diagnostic.storage import MemoryStore, StorageError
from diagnostic.storage.tinydb_store import TinyDBStore

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "terminal" / "parcours.yaml"
TODAY = dt.date(2024, 3, 1)
HOME = {"first_name": "Awa", "birth_date": "1990-03-05", "tonight": "own_home",
        "housing_status": "social_tenant", "rent_arrears": False, "transport": ["car", "bike"],
        "commute_minutes": 45, "health_issue": True}
STREET = {**HOME, "tonight": "street"}


@pytest.fixture(scope="module")
def content():
    return open_content(FIXTURE)


@pytest.fixture(params=["memory", "tinydb", "postgresql"])
def store(request, tmp_path):
    if request.param == "postgresql":
        from diagnostic.storage.postgres_store import PostgresStore
        store = PostgresStore(request.getfixturevalue("territory").front_url())
        yield store
        store.close()
        return
    yield MemoryStore() if request.param == "memory" else TinyDBStore(tmp_path / "data", durable=False)


@pytest.fixture
def service(store):
    return Service(store, front="console", today=TODAY, sleep=lambda seconds: None)


def events(store, session_id=None):
    return [e.event for e in store.access_log().events(session_id=session_id)]


def until(interview, answers):
    """Answer from `answers` as long as the question shown has one there."""
    while (q := interview.state().question) is not None and q.id in answers:
        interview.answer(answers[q.id])


def finished(service, content, answers=HOME, **start):
    interview = service.start(content, **start)
    interview.replay(answers)
    return interview


# --- starting, answering, the state ---------------------------------------------------

def test_start_creates_the_session_and_its_code_before_any_answer(service, store, content):
    interview = service.start(content, reference="DOS-118")
    record = store.load(interview.id)
    assert record["answers"] == {} and record["reference"] == "DOS-118"
    assert interview.code and store.find(interview.code) == interview.id
    assert interview.state().code == interview.code
    assert events(store, interview.id) == ["created"]
    interview.close()


def test_the_state_is_what_a_front_draws(service, content):
    with service.start(content) as interview:
        state = interview.state()
        q = state.question
        assert (q.id, q.type, q.text, q.number) == ("first_name", "text", "Quel est votre prénom ?", 1)
        assert q.section.title == "Vous" and q.section.intro == "Quelques questions pour commencer."
        assert not state.revisiting and not state.finished and state.progress.answered == 0
        interview.answer("Awa")
        q = interview.state().question
        assert q.text == "Awa, quelle est votre date de naissance ?" and q.help.startswith("Votre âge")
        interview.answer(dt.date(1990, 3, 5))
        q = interview.state().question
        assert [(c.number, c.value) for c in q.choices][:2] == [(1, "own_home"), (2, "parents")]
        assert q.choices[3].help == "Par exemple un CHRS ou un CHU."
        until(interview, {k: v for k, v in HOME.items() if k != "health_issue"})
        q = interview.state().question
        assert q.id == "health_issue" and q.sensitive and q.allows == frozenset({"decline"})


def test_non_answers_are_those_the_question_offers(service, store, content):
    with service.start(content) as interview:
        until(interview, {k: v for k, v in HOME.items() if k != "health_issue"})
        assert interview.state().question.id == "health_issue"
        interview.jump("rent_arrears")
        with pytest.raises(AnswerRefused) as refused:
            interview.decline()           # rent_arrears offers "don't know", not "decline"
        assert refused.value.code == "answer_refused" and refused.value.params["question"] == "rent_arrears"
        assert "n'est pas proposé" in refused.value.message
        interview.dont_know()
        assert interview.state().question.id == "health_issue"   # back where it was
        with pytest.raises(AnswerRefused):
            interview.skip()              # health_issue is required
        interview.decline()
        interview.skip()                  # comment is optional
        answers = {k: e["value"] for k, e in store.load(interview.id)["answers"].items()}
        assert answers["rent_arrears"] == {"dont_know": True}
        assert answers["health_issue"] == {"declined": True} and answers["comment"] == {"skipped": True}
        assert interview.state().finished


def test_a_refused_answer_changes_nothing(service, store, content):
    with service.start(content) as interview:
        interview.answer("Awa")
        with pytest.raises(AnswerRefused, match="avant"):
            interview.answer("2030-01-01")   # after today, the date's maximum
        assert interview.state().question.id == "birth_date"
        assert set(store.load(interview.id)["answers"]) == {"first_name"}


def test_notes_of_the_questionnaire_come_with_the_next_question(service, content):
    with service.start(content) as interview:
        until(interview, {k: STREET[k] for k in ("first_name", "birth_date")})
        interview.answer("street")
        state = interview.state()
        assert state.question.id == "transport"
        assert [(n.id, n.urgent) for n in state.notes] == [("call_115", True)]
        assert [n.id for n in state.urgent_notes] == ["call_115"]
        interview.answer(["walk"])
        assert interview.state().notes == () and [n.id for n in interview.state().urgent_notes] == ["call_115"]


# --- back, jump, the outline ---------------------------------------------------------

def states(interview):
    return {row.id: row.state for row in interview.state().outline}


def test_the_outline_after_back_jump_and_an_edit_that_makes_later_answers_not_applicable(service, content):
    with service.start(content) as interview:
        until(interview, {k: HOME[k] for k in ("first_name", "birth_date", "tonight", "housing_status")})
        interview.dont_know()    # rent_arrears
        assert states(interview) == {
            "first_name": "answered", "birth_date": "answered", "tonight": "answered",
            "housing_status": "answered", "rent_arrears": "dont_know", "transport": "current",
            "commute_minutes": "to_come", "health_issue": "to_come", "comment": "to_come"}
        assert interview.back() and interview.state().revisiting
        assert interview.state().question.id == "rent_arrears"
        assert interview.state().question.answer == {"dont_know": True}
        assert states(interview)["rent_arrears"] == "current"
        assert states(interview)["transport"] == "to_come"
        interview.jump("tonight")
        assert interview.state().question.number == 3 and states(interview)["tonight"] == "current"
        interview.answer("parents")   # housing_status and rent_arrears no longer apply
        outline = states(interview)
        assert outline["housing_status"] == outline["rent_arrears"] == "not_applicable"
        assert outline["tonight"] == "answered" and outline["transport"] == "current"
        assert not interview.state().revisiting
        assert [r.value for r in interview.state().outline if r.id == "tonight"] == ["parents"]


def test_back_at_the_first_question_and_jump_to_an_unanswered_one(service, content):
    with service.start(content) as interview:
        assert interview.back() is False
        interview.answer("Awa")
        with pytest.raises(ServiceError) as err:
            interview.jump("tonigt")
        assert err.value.code == "not_answered" and err.value.params["question"] == "tonigt"
        interview.back()
        interview.keep()
        assert interview.state().question.id == "birth_date"
        interview.back()
        interview.to_current()
        assert interview.state().question.id == "birth_date" and not interview.state().revisiting


def test_provisional_findings_during_the_interview(service, content):
    with service.start(content) as interview:
        interview.answer("Awa")
        interview.answer("1990-03-05")
        interview.answer("street")
        live = interview.provisional()
        assert live["provisional"] is True
        assert [f["rule"] for f in live["findings"]] == ["no_shelter_tonight"]


# --- saving -------------------------------------------------------------------------------

class Failing(MemoryStore):
    """Sessions whose answer saves fail while `failing` is set."""

    def __init__(self):
        super().__init__()
        self.failing = False

    def create(self, *args, **kwargs):
        handle = super().create(*args, **kwargs)
        save = handle.save_answers

        def maybe(answers, **kw):
            if self.failing:
                raise StorageError("disque plein")
            save(answers, **kw)
        handle.save_answers = maybe
        return handle


def test_a_failed_save_is_reported_every_time_until_a_save_succeeds(content):
    store = Failing()
    with Service(store, today=TODAY).start(content) as interview:
        interview.answer("Awa")
        store.failing = True
        interview.answer("1990-03-05")
        first = interview.state().save_error
        assert first.code == "save_failed" and first.params["reason"] == "disque plein"
        interview.answer("own_home")
        assert interview.state().save_error == first       # again, not once
        store.failing = False
        interview.answer("owner")
        assert interview.state().save_error is None
        stored = store.load(interview.id)["answers"]
        assert {k: stored[k]["value"] for k in ("birth_date", "tonight", "housing_status")} == {
            "birth_date": "1990-03-05", "tonight": "own_home", "housing_status": "owner"}


# --- adviser notes, reference ---------------------------------------------------------

def test_adviser_notes_per_theme_and_question_are_kept_apart_from_answers(service, store, content):
    with service.start(content) as interview:
        interview.set_note("Suivi CCAS en cours", theme="logement")
        interview.set_note("Hésite", question="tonight")
        interview.set_note("À revoir", theme="logement")       # replaces the theme's note
        interview.set_note("Entretien calme")                   # the session's
        with pytest.raises(ServiceError) as err:
            interview.set_note("x", question="tonigt")
        assert err.value.code == "unknown_question" and err.value.params["suggestion"] == "tonight"
        with pytest.raises(ServiceError, match="thème inconnu"):
            interview.set_note("x", theme="astrologie")
        code = interview.code
    record = store.load(interview.id)
    assert record["answers"] == {}
    with service.resume(code, content) as again:
        assert [(n.theme, n.question, n.text) for n in again.notes()] == [
            (None, "tonight", "Hésite"), ("logement", None, "À revoir"), (None, None, "Entretien calme")]
        again.set_note("", question="tonight")
        assert len(again.notes()) == 2
        assert "Hésite" not in json.dumps(again.provisional(), ensure_ascii=False)


def test_the_reference_is_listed_and_searchable(service, content):
    service.start(content, reference="DOS-2024-118").close()
    service.start(content).close()
    [found] = service.sessions(query="dos 2024 118")
    assert found.reference == "DOS-2024-118" and not found.finalised
    assert len(service.sessions()) == 2


# --- the plan and the pathway ------------------------------------------------------------

def test_plan_edits_are_checked_against_the_plan_as_it_stands(service, store, content):
    with finished(service, content, STREET) as interview:
        plan = interview.plan()
        [objective] = plan["objectives"]
        assert [a["id"] for a in objective["actions"]] == ["call_115"]
        for edit, code in (({"op": "remove_action", "action": "call_116"}, "unknown_action"),
                           ({"op": "edit_objective", "objective": "o_nope", "label": "x"}, "unknown_objective"),
                           ({"op": "add_action", "objective": objective["id"], "action": "call_115"},
                            "duplicate_action"),
                           ({"op": "add_action", "objective": objective["id"], "action": "mystery"},
                            "unknown_catalogue_action"),
                           ({"op": "explode"}, "plan_edit_invalid")):
            with pytest.raises(PlanEditRefused) as refused:
                interview.edit_plan(edit)
            assert refused.value.code == code and refused.value.message
            assert "n'est plus dans le plan" not in refused.value.message
        interview.edit_plan(PlanEdit.edit_action("call_115", due=dt.date(2024, 3, 4), status="done"))
        interview.edit_plan({"op": "agree", "action": "call_115", "agreed": True})
        [action] = interview.plan()["objectives"][0]["actions"]
        assert (action["due"], action["status"], action["agreed"]) == ("2024-03-04", "done", True)
        assert len(store.load(interview.id)["plan_edits"]) == 2


def test_a_pathway_other_than_the_proposed_one_needs_a_reason(service, content):
    with finished(service, content, STREET) as interview:
        assert interview.plan()["pathway"]["pathway"] == "social"
        with pytest.raises(ServiceError) as err:
            interview.choose_pathway("emploi")
        assert err.value.code == "reason_required"
        with pytest.raises(ServiceError) as err:
            interview.choose_pathway("voyage", "pourquoi pas")
        assert err.value.code == "unknown_pathway"
        interview.choose_pathway("emploi", "Hébergée chez sa sœur dès ce soir")
        assert interview.plan()["chosen_pathway"] == {"pathway": "emploi",
                                                      "reason": "Hébergée chez sa sœur dès ce soir"}
        done = interview.finalise()
        assert done.chosen_pathway["pathway"] == "emploi"
        assert done.data["chosen_pathway"]["label"] == "Emploi"
        assert "ORIENTATION RETENUE AVEC LE CONSEILLER : EMPLOI" in interview.render("text")
        assert "Orientation retenue avec le conseiller" in interview.render("html")
        jsonschema.validate(done.data, schema())     # an optional key of the published schema


# --- finalising ------------------------------------------------------------------------

def test_finalise_stores_the_diagnostic_with_what_made_it(service, store, content):
    with service.start(content, lang="fr") as interview:
        interview.answer("Awa")
        with pytest.raises(ServiceError) as err:
            interview.finalise()
        assert err.value.code == "not_finished"
        interview.replay(HOME)
        done = interview.finalise()
        assert interview.state().finalised and done.version == 1 and done.reopened_at is None
        data = done.data
        assert data["questionnaire"] == {"id": "parcours", "version": 1, "hash": content.questionnaire.content_hash,
                                         "title": "Essai du diagnostic"}
        assert data["rules"]["hash"] == content.rules.content_hash
        assert (data["date"], data["locale"], data["provisional"]) == ("2024-03-01", "fr", False)
        assert "action_plan" in data
        for operation in (lambda: interview.answer("x"), lambda: interview.edit_plan({"op": "remove_action",
                                                                                      "action": "call_115"})):
            with pytest.raises(ServiceError) as err:
                operation()
            assert err.value.code == "finalised"
    record = store.load(interview.id)
    assert record["status"] == "finished" and record["history"][0]["diagnostic"] == data
    assert events(store, interview.id)[-1] == "finalised"
    [summary] = service.sessions()
    assert summary.finalised


def test_a_finalised_diagnostic_is_unchanged_after_the_questionnaire_file_changes(tmp_path):
    folder = tmp_path / "q"
    shutil.copytree(FIXTURE.parent, folder)
    store = TinyDBStore(tmp_path / "data", durable=False)
    service = Service(store, today=TODAY)
    with finished(service, open_content(folder / "parcours.yaml"), STREET) as interview:
        before = interview.finalise()
        code = interview.code
    text = (folder / "parcours_rules.yaml").read_text(encoding="utf-8")
    (folder / "parcours_rules.yaml").write_text(
        text.replace("Sans solution pour dormir ce soir", "Label changé"), encoding="utf-8")
    text = (folder / "parcours.yaml").read_text(encoding="utf-8")
    (folder / "parcours.yaml").write_text(text.replace("version: 1", "version: 2"), encoding="utf-8")
    later = Service(TinyDBStore(tmp_path / "data", durable=False), today=dt.date(2025, 1, 1))
    with later.resume(code, open_content(folder / "parcours.yaml")) as again:
        assert again.diagnostic() == before
        assert "Sans solution pour dormir ce soir" in again.render("text")
        assert "Label changé" not in again.render("html")
        assert "Label changé" in json.dumps(again.provisional(), ensure_ascii=False)  # a recomputation would
    assert later.export(code)["diagnostic"] == before.data
    assert "Sans solution pour dormir ce soir" in later.render(code, "markdown")


def test_reopen_makes_version_2_and_keeps_version_1(service, store, content):
    with finished(service, content, HOME) as interview:
        first = interview.finalise()
        with pytest.raises(ServiceError) as err:
            interview.finalise()
        assert err.value.code == "finalised"
        interview.reopen()
        assert not interview.state().finalised and interview.diagnostic() is None
        interview.jump("tonight")
        interview.answer("street")
        interview.replay(STREET)
        second = interview.finalise()
    assert (first.version, second.version) == (1, 2)
    v1, v2 = service.export(interview.id)["history"]
    assert v1["diagnostic"] == first.data and v1["reopened_at"] >= v1["finalised_at"]
    assert v2["reopened_at"] is None and v2["diagnostic"]["pathway"]["pathway"] == "social"
    assert first.data["pathway"]["pathway"] == "emploi"
    with service.resume(interview.code, content) as again:
        assert again.finalised and again.diagnostic() == second
        kept = again.history()[0]
        assert (kept.version, kept.data, kept.finalised_at) == (1, first.data, first.finalised_at)
        assert kept.reopened_at is not None


# --- resuming ------------------------------------------------------------------------------

def test_resume_by_code_or_id_goes_on_where_it_stopped(service, store, content):
    with service.start(content) as interview:
        until(interview, {k: HOME[k] for k in ("first_name", "birth_date", "tonight")})
        code, session_id = interview.code, interview.id
    for ref in (code.lower().replace("-", " "), session_id):
        with service.resume(ref, content) as again:
            assert again.id == session_id and again.notices == ()
            assert again.state().question.id == "housing_status"
            assert again.state().progress.answered == 3
    with service.resume(code, content):
        with pytest.raises(SessionUnavailable) as err:
            service.resume(code, content)
        assert err.value.code == "session_busy"
    assert events(store, session_id) == ["created", "code_attempt", "resumed", "resumed",
                                         "code_attempt", "resumed", "code_attempt"]


def test_resume_on_a_changed_questionnaire_says_what_happened(tmp_path, store):
    folder = tmp_path / "q"
    shutil.copytree(FIXTURE.parent, folder)
    service = Service(store, today=TODAY)
    with service.start(open_content(folder / "parcours.yaml")) as interview:
        until(interview, {**HOME, "housing_status": "owner"})
        code = interview.code
    text = (folder / "parcours.yaml").read_text(encoding="utf-8").replace("version: 1", "version: 2")
    (folder / "parcours.yaml").write_text(
        text.replace("{value: owner, label: Propriétaire}", "{value: owner2, label: Propriétaire}"),
        encoding="utf-8")
    with service.resume(code, open_content(folder / "parcours.yaml")) as again:
        changed, refused = again.notices
        assert changed.code == "questionnaire_changed" and changed.params["to"] == 2
        assert refused.code == "answers_refused" and refused.params == {"count": 1, "questions": ["housing_status"]}
        assert again.state().question.id == "housing_status"
    assert "housing_status" not in store.load(again.id)["answers"]


def test_wrong_codes_in_a_row_at_one_front_wait_longer_each_time(content):
    store, waits = MemoryStore(), []
    kiosk = Service(store, front="kiosk", sleep=waits.append)
    terminal = Service(store, front="terminal", sleep=waits.append)
    with kiosk.start(content) as interview:
        code = interview.code
    for _ in range(7):
        with pytest.raises(SessionUnavailable):
            kiosk.resume("ZZZZ-ZZZZ-ZZ", content)
    assert waits == [2.0, 4.0]                    # the 6th and 7th tries
    with pytest.raises(SessionUnavailable):
        terminal.resume("ZZZZ-ZZZZ-ZZ", content)  # another front counts its own
    assert waits == [2.0, 4.0]
    kiosk.resume(code, content).close()           # still slowed down, then the run is over
    assert waits == [2.0, 4.0, 8.0]
    with pytest.raises(SessionUnavailable):
        kiosk.resume("ZZZZ-ZZZZ-ZZ", content)
    assert waits == [2.0, 4.0, 8.0]
    attempts = [(e.front, e.ok) for e in store.access_log().events() if e.event == "code_attempt"]
    assert attempts.count(("kiosk", False)) == 8 and ("kiosk", True) in attempts
    assert "ZZZZ" not in json.dumps([e.as_dict() for e in store.access_log().events()])


# --- listing, export, erasure -----------------------------------------------------------

def test_export_render_delete_and_purge_go_to_the_access_log(service, store, content):
    with finished(service, content, STREET) as interview:
        interview.finalise()
    exported = service.export(interview.code)
    assert exported["id"] == interview.id and exported["diagnostic"]["pathway"]["pathway"] == "social"
    assert len(exported["history"]) == 1
    html = service.render(interview.id, "html")
    assert html.lstrip().lower().startswith("<!doctype html") and "Sans solution pour dormir ce soir" in html
    with service.start(content) as unfinished:
        pass
    with pytest.raises(ServiceError) as err:
        service.render(unfinished.id, "text")
    assert err.value.code == "not_finalised"
    assert service.delete(unfinished.code) == unfinished.id
    assert service.purge("30d", dry_run=True).deleted == []
    log = events(store)
    assert log.count("exported") == 2 and "deleted" in log and "finalised" in log


def test_without_a_store_nothing_is_kept_and_sessions_are_refused(content):
    service = Service(None, today=TODAY)
    with finished(service, content, HOME) as interview:
        assert interview.id is None and interview.code is None
        assert interview.finalise().data["pathway"]["pathway"] == "emploi"
    with pytest.raises(SessionUnavailable) as err:
        service.sessions()
    assert err.value.code == "no_store"


def test_replay_refuses_a_missing_or_wrong_answer_with_the_question(content):
    service = Service(None, today=TODAY)
    with pytest.raises(ServiceError) as err:
        service.start(content).replay({"first_name": "Awa"})
    assert err.value.code == "answer_missing" and err.value.params["question"] == "birth_date"
    with pytest.raises(AnswerRefused) as err:
        service.start(content).replay({**HOME, "tonight": "moon"})
    assert err.value.params["question"] == "tonight"
    assert Service.unknown_ids(content, {"tonigt": 1, "tonight": "street"}) == [("tonigt", "tonight")]
    exported = {"schema_version": 1, "retrieval_code": "X", "answers": {"tonight": {"value": "street", "at": "t"}}}
    assert Service.answers_of(exported) == {"tonight": "street"}
    assert Service.answers_of({"tonight": "street"}) == {"tonight": "street"}


# --- the shipped content and the import rule ----------------------------------------------

def test_the_shipped_diagnostic_is_found_and_its_absence_explained(tmp_path, monkeypatch):
    assert shipped_questionnaire() == ROOT / "questionnaires" / "diagnostic.yaml"
    (tmp_path / "questionnaires").mkdir()
    shutil.copy(FIXTURE, tmp_path / "questionnaires" / "parcours.yaml")
    monkeypatch.setenv("DIAGNOSTIC_CONTENT_DIR", str(tmp_path))
    assert shipped_questionnaire("parcours") == tmp_path / "questionnaires" / "parcours.yaml"
    with pytest.raises(ServiceError) as err:
        shipped_questionnaire("absent")
    assert err.value.code == "questionnaire_not_found"
    assert str(tmp_path / "questionnaires") in err.value.params["searched"]
    with pytest.raises(ServiceError) as err:
        Service(None).open_questionnaire(tmp_path / "nope.yaml")
    assert err.value.code == "file_not_found"


def test_the_service_imports_neither_ui_nor_commands():
    for path in (ROOT / "diagnostic" / "service").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                module = ("." * node.level) + (node.module or "")
                assert not any(part in ("ui", "commands") for part in module.strip(".").split(".")), (
                    f"{path.name} imports {module}")


def test_consent_to_share_is_stored_and_can_be_withdrawn(service, store, content):
    interview = service.start(content)
    interview.share_with(["ft-13", "cd-13", "ft-13"])
    assert interview.shared_with == ("ft-13", "cd-13")
    assert store.load(interview.id)["shared_with"] == ["ft-13", "cd-13"]
    with pytest.raises(ServiceError) as refused:
        interview.share_with(["France Travail"])
    assert refused.value.code == "unknown_structure"
    assert store.load(interview.id)["shared_with"] == ["ft-13", "cd-13"]
    interview.share_with([])
    interview.close()
    assert service.resume(interview.id, content).shared_with == ()


def test_a_questionnaire_is_read_once_per_service_until_one_of_its_files_changes(tmp_path):
    """Session after session (the console, the kiosk), the questionnaire is not read and
    checked again, unless its file or its rule file changed."""
    import os
    folder = tmp_path / "q"
    shutil.copytree(FIXTURE.parent, folder)
    store = TinyDBStore(tmp_path / "data", durable=False)
    service = Service(store, today=TODAY)
    first = service.open_questionnaire(folder / "parcours.yaml")
    with service.start(first) as interview:
        interview.answer("Awa")
        code = interview.code
    assert service.open_questionnaire(folder / "parcours.yaml") is first
    rules = folder / "parcours_rules.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace(
        "Sans solution pour dormir ce soir", "Sans toit ce soir"), encoding="utf-8")
    later = os.stat(rules).st_mtime_ns + 10**9          # a later time, whatever the clock's grain
    os.utime(rules, ns=(later, later))
    changed = service.open_questionnaire(folder / "parcours.yaml")
    assert changed is not first
    assert "Sans toit ce soir" in repr(changed.rules) and "Sans toit ce soir" not in repr(first.rules)
    with service.resume(code, changed) as again:           # the session goes on with it
        assert again.state().progress.answered == 1
