"""The storage contract: every test runs on the in-memory and the TinyDB backend."""
from __future__ import annotations

import datetime as dt
import threading
import time

import pytest

from diagnostic.storage import (SessionBusyError, SessionClosedError, SessionNotFoundError,
                                SchemaVersionError, StorageError, codes, format_code)
from diagnostic.storage import record as record_mod
from diagnostic.storage.resume import resume

from .conftest import QUESTIONNAIRE

VALUES = {
    "has_licence": True,
    "works": False,
    "housing": "shelter",
    "transport": ["bus", "bike"],
    "age": 34,
    "income": 1234.5,
    "zero": 0,
    "first_name": "Zoé « Ñ » 名",
    "birth_date": "1990-04-02",
    "health": {"declined": True},
    "debts": {"dont_know": True},
    "comment": {"skipped": True},
    "empty_list": [],
}


def test_create_holds_a_new_session_with_a_full_record(store, clock):
    with store.create(QUESTIONNAIRE, locale="fr", mode="kiosk") as session:
        rec = session.record
    assert rec["schema_version"] == record_mod.SCHEMA_VERSION
    assert rec["questionnaire"] == QUESTIONNAIRE
    assert (rec["locale"], rec["mode"], rec["status"]) == ("fr", "kiosk", "in_progress")
    assert rec["answers"] == {} and rec["notes"] == "" and rec["plan_edits"] == []
    assert rec["created_at"] == rec["updated_at"] and rec["created_at"].startswith("2024-03-01T09:00")
    assert codes.normalize_code(rec["retrieval_code"]) == rec["retrieval_code"]
    assert store.load(rec["id"]) == rec


def test_create_refuses_bad_mode_or_questionnaire(store):
    with pytest.raises(ValueError):
        store.create(QUESTIONNAIRE, mode="robot")
    with pytest.raises(ValueError):
        store.create({"id": "x", "version": 1})  # no hash
    assert store.list() == []


def test_every_kind_of_answer_survives_a_reopen(backend):
    with backend.store.create(QUESTIONNAIRE) as session:
        for qid, value in VALUES.items():
            session.save_answer(qid, value)
        session_id = session.id
    loaded = backend.reopen().load(session_id)
    assert {q: e["value"] for q, e in loaded["answers"].items()} == VALUES
    assert list(loaded["answers"]) == list(VALUES)  # order of answering kept
    stamps = [e["at"] for e in loaded["answers"].values()]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)
    assert loaded["updated_at"] == stamps[-1]


def test_changing_an_answer_keeps_the_latest(store):
    with store.create(QUESTIONNAIRE) as session:
        session.save_answer("age", 30)
        first_at = session.record["answers"]["age"]["at"]
        session.save_answer("age", 31, position="housing")
        assert session.answers == {"age": 31}
    rec = store.load(session.id)
    assert rec["answers"]["age"]["value"] == 31 and rec["answers"]["age"]["at"] > first_at
    assert rec["position"] == "housing"


def test_a_value_that_is_not_json_is_refused_and_nothing_changes(store):
    with store.create(QUESTIONNAIRE) as session:
        session.save_answer("age", 30)
        before = store.load(session.id)
        for bad in ({1, 2}, float("nan"), object(), {"when": dt.date(2024, 1, 1)}):
            with pytest.raises(TypeError):
                session.save_answer("x", bad)
        assert store.load(session.id) == before
        assert session.record == before


def test_remove_answers_and_save_several_at_once(store):
    with store.create(QUESTIONNAIRE) as session:
        session.save_answers({"a": 1, "b": 2, "c": 3}, position="d")
        session.remove_answers(["b", "nope"], position="b")
    rec = store.load(session.id)
    assert {q: e["value"] for q, e in rec["answers"].items()} == {"a": 1, "c": 3}
    assert rec["position"] == "b"
    assert rec["answers"]["a"]["at"] == rec["answers"]["c"]["at"]  # one write


def test_status_notes_plan_edits_locale_are_kept(backend):
    plan = [{"action": "call_115", "status": "planned", "start": "2024-03-02"}]
    with backend.store.create(QUESTIONNAIRE, mode="adviser") as session:
        session.set_notes("Vu avec Mme X ; rappeler lundi.")
        session.set_plan_edits(plan)
        plan.append("mutated afterwards")  # the store kept a copy
        session.set_locale("en")
        session.set_status("finished")
        with pytest.raises(ValueError):
            session.set_status("done")
        with pytest.raises(TypeError):
            session.set_plan_edits({"not": "a list"})
    rec = backend.reopen().load(session.id)
    assert rec["notes"] == "Vu avec Mme X ; rappeler lundi."
    assert rec["plan_edits"] == [{"action": "call_115", "status": "planned", "start": "2024-03-02"}]
    assert (rec["status"], rec["locale"]) == ("finished", "en")


def test_record_and_answers_given_out_are_copies(store):
    with store.create(QUESTIONNAIRE) as session:
        session.save_answer("transport", ["bus"])
        session.record["answers"]["transport"]["value"].append("car")
        session.answers["transport"].append("car")
        assert session.answers == {"transport": ["bus"]}
    loaded = store.load(session.id)
    loaded["answers"].clear()
    assert store.load(session.id)["answers"]["transport"]["value"] == ["bus"]


def test_find_by_code_forgives_case_spaces_dashes_and_lookalikes(store):
    with store.create(QUESTIONNAIRE) as session:
        code = session.retrieval_code
    shown = format_code(code)
    assert shown.count("-") == 2 and len(shown) == 12
    for typed in (code, shown, shown.lower(), " ".join(shown.split("-")), f"  {code.lower()} "):
        assert store.find(typed) == session.id
    if "8" in code or "5" in code or "V" in code:
        assert store.find(code.replace("8", "b").replace("5", "s").replace("V", "u")) == session.id
    other = code[:-1] + ("2" if code[-1] != "2" else "3")
    assert store.find(other) is None
    assert store.find(code[:-1]) is None
    assert store.find("O0O0-I1L1-00") is None
    assert store.find("") is None


def test_resolve_takes_an_id_or_a_code_and_says_clearly_when_neither(store):
    with store.create(QUESTIONNAIRE) as session:
        pass
    assert store.resolve(session.id) == session.id
    assert store.resolve(session.id.upper()) == session.id
    assert store.resolve(format_code(session.retrieval_code).lower()) == session.id
    with pytest.raises(SessionNotFoundError, match="aucune session ne correspond à « 123 »"):
        store.resolve("123")
    with pytest.raises(SessionNotFoundError):
        store.load("0123456789ab")
    with pytest.raises(SessionNotFoundError):
        store.load("../../etc/passwd")


def test_ids_and_codes_are_unique(store):
    ids, found_codes = set(), set()
    for _ in range(150):
        with store.create(QUESTIONNAIRE) as session:
            ids.add(session.id)
            found_codes.add(session.retrieval_code)
    assert len(ids) == len(found_codes) == 150
    assert all(store.find(c) is not None for c in found_codes)


def test_list_is_most_recent_contact_first(store, clock):
    made = []
    for day in range(5):
        with store.create(QUESTIONNAIRE, mode="script") as session:
            session.save_answer("age", day)
        made.append(session.id)
        clock.advance(days=1)
    with store.open(made[1]) as session:  # a new contact moves it to the top
        session.save_answer("age", 99)
        session.set_status("finished")
    listed = [s.id for s in store.list()]
    assert listed == [made[1], made[4], made[3], made[2], made[0]]
    assert [s.id for s in store.list(limit=2)] == [made[1], made[4]]
    assert [s.id for s in store.list(status="finished")] == [made[1]]
    assert [s.id for s in store.list(status="abandoned")] == []
    top = store.list(limit=1)[0]
    assert (top.answer_count, top.status, top.mode, top.questionnaire_id) == (1, "finished", "script", "diagnostic")
    assert top.problem is None


def test_a_second_writer_is_refused_while_the_first_holds_the_session(backend):
    store = backend.store
    first = store.create(QUESTIONNAIRE)
    first.save_answer("a", 1)
    other = backend.reopen()  # another window or process
    with pytest.raises(SessionBusyError, match="déjà ouverte ailleurs"):
        other.open(first.id)
    with pytest.raises(SessionBusyError):
        store.open(first.id)
    with pytest.raises(SessionBusyError):
        other.save(first.record)
    with pytest.raises(SessionBusyError):
        other.delete(first.id)
    first.save_answer("b", 2)  # the holder goes on
    first.close()
    with other.open(first.id) as second:
        assert second.answers == {"a": 1, "b": 2}
        second.save_answer("c", 3)
    assert {q for q in store.load(first.id)["answers"]} == {"a", "b", "c"}


def test_a_waiting_writer_is_served_after_the_holder_closes(backend):
    first = backend.store.create(QUESTIONNAIRE)
    other = backend.reopen()
    threading.Timer(0.3, lambda: (first.save_answer("last", 1), first.close())).start()
    started = time.monotonic()
    with other.open(first.id, wait=5) as second:
        waited = time.monotonic() - started
        assert second.answers == {"last": 1}  # it sees what the first wrote
    assert 0.2 < waited < 4
    busy = backend.store.open(first.id)
    with pytest.raises(SessionBusyError):
        other.open(first.id, wait=0.1)
    busy.close()


def test_a_closed_handle_refuses_to_write(store):
    session = store.create(QUESTIONNAIRE)
    session.close()
    session.close()  # idempotent
    with pytest.raises(SessionClosedError):
        session.save_answer("a", 1)
    assert store.load(session.id)["answers"] == {}


def test_open_an_unknown_session(store):
    with pytest.raises(SessionNotFoundError):
        store.open("0123456789ab")


def test_save_a_whole_record_import_and_code_conflicts(backend):
    store = backend.store
    with store.create(QUESTIONNAIRE) as session:
        session.save_answer("a", 1)
    rec = store.load(session.id)
    store.delete(session.id)
    store.save(rec)  # restore an export
    assert store.load(session.id) == rec
    assert backend.reopen().find(rec["retrieval_code"]) == session.id
    rec2 = dict(rec, notes="changed")
    store.save(rec2)
    assert store.load(session.id)["notes"] == "changed"
    with store.create(QUESTIONNAIRE) as other:
        pass
    clash = dict(store.load(other.id), retrieval_code=rec["retrieval_code"])
    with pytest.raises(StorageError, match="appartient déjà"):
        store.save(clash)
    new_code = codes.new_code()
    store.save(dict(store.load(other.id), retrieval_code=new_code))  # a code can be changed
    assert store.find(new_code) == other.id
    bad = dict(rec, status="lost")
    with pytest.raises(StorageError):
        store.save(bad)


def test_delete_erases_the_session_and_its_code(backend):
    store = backend.store
    with store.create(QUESTIONNAIRE) as keep:
        keep.save_answer("a", 1)
    with store.create(QUESTIONNAIRE) as gone:
        gone.save_answer("a", 2)
    store.delete(gone.id)
    for view in (store, backend.reopen()):
        assert not view.exists(gone.id)
        assert view.find(gone.retrieval_code) is None
        assert [s.id for s in view.list()] == [keep.id]
        with pytest.raises(SessionNotFoundError):
            view.load(gone.id)
        with pytest.raises(SessionNotFoundError):
            view.delete(gone.id)
    assert store.load(keep.id)["answers"]["a"]["value"] == 1


def test_purge_deletes_by_last_contact_only(backend, clock):
    store = backend.store
    with store.create(QUESTIONNAIRE) as old:          # last contact 2024-03-01
        pass
    with store.create(QUESTIONNAIRE) as touched:      # created then, contact later
        pass
    clock.advance(days=200)
    with store.open(touched.id) as session:
        session.save_answer("a", 1)                  # 2024-09-17
    with store.create(QUESTIONNAIRE) as recent:
        pass
    clock.moment = dt.datetime(2026, 3, 5, tzinfo=dt.timezone.utc)
    dry = store.purge("24m", dry_run=True)
    assert dry.deleted == [old.id] and store.exists(old.id)
    result = store.purge("24m")
    assert result.deleted == [old.id] and result.busy == []
    assert result.cutoff.startswith("2024-03-05")
    assert not store.exists(old.id) and store.find(old.retrieval_code) is None
    assert store.exists(touched.id) and store.exists(recent.id)
    held = store.open(touched.id)
    clock.moment = dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc)
    result = store.purge(dt.timedelta(days=365))
    assert result.deleted == [recent.id] and result.busy == [touched.id]
    held.close()
    assert store.purge("1y").deleted == [touched.id]
    assert store.list() == []


@pytest.mark.parametrize("period, expected", [
    ("24m", "2022-02-28"), ("1m", "2024-01-29"), ("2y", "2022-02-28"), ("12m", "2023-02-28"),
    ("30d", "2024-01-30"), ("2w", "2024-02-15"),
])
def test_retention_periods_count_calendar_months(period, expected):
    now = dt.datetime(2024, 2, 29, 12, tzinfo=dt.timezone.utc)
    assert record_mod.period_cutoff(now, period).date().isoformat() == expected


@pytest.mark.parametrize("bad", ["", "24", "m", "0m", "-3d", "3x", "1.5y"])
def test_bad_retention_periods_say_what_is_expected(bad):
    with pytest.raises(ValueError, match="durée invalide"):
        record_mod.parse_period(bad)


def _old_record(store, version):
    with store.create(QUESTIONNAIRE) as session:
        session.save_answer("a", 1)
    rec = store.load(session.id)
    store.delete(session.id)
    rec["schema_version"] = version
    return rec


def test_an_older_schema_is_migrated_on_load(backend, monkeypatch):
    rec = _old_record(backend.store, 1)
    rec["notes"] = ["ligne 1", "ligne 2"]   # pretend v1 kept notes as a list
    backend.plant(rec)

    def v1_to_v2(old):
        old = dict(old)
        old["notes"] = "\n".join(old["notes"])
        return old

    monkeypatch.setattr(record_mod, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(record_mod.MIGRATIONS, 1, v1_to_v2)
    loaded = backend.reopen().load(rec["id"])
    assert loaded["schema_version"] == 2 and loaded["notes"] == "ligne 1\nligne 2"
    with backend.reopen().open(rec["id"]) as session:  # and is written back migrated
        session.save_answer("b", 2)
    monkeypatch.delitem(record_mod.MIGRATIONS, 1)
    again = backend.reopen().load(rec["id"])
    assert again["schema_version"] == 2 and set(again["answers"]) == {"a", "b"}


def test_a_newer_or_unknown_schema_fails_clearly_and_is_left_alone(backend):
    newer = _old_record(backend.store, 99)
    backend.plant(newer)
    with pytest.raises(SchemaVersionError, match="plus récente du logiciel.*schéma 99"):
        backend.store.load(newer["id"])
    with pytest.raises(SchemaVersionError):
        backend.store.open(newer["id"])
    with pytest.raises(SchemaVersionError):
        backend.store.save(newer)
    current = dict(newer, schema_version=record_mod.SCHEMA_VERSION, notes="would overwrite")
    with pytest.raises(SchemaVersionError):
        backend.store.save(current)          # a newer program's data is not overwritten
    older = _old_record(backend.store, 0)
    backend.plant(older)
    with pytest.raises(SchemaVersionError, match="trop ancien"):
        backend.store.load(older["id"])
    for rec in (newer, older):  # still there, untouched, and can be erased
        assert backend.store.exists(rec["id"])
        backend.store.delete(rec["id"])


def test_resume_on_a_changed_questionnaire_keeps_what_still_exists(backend):
    with backend.store.create(QUESTIONNAIRE) as session:
        session.save_answers({"a": 1, "b": 2, "gone": 3}, position="gone")
    new_version = {"id": "diagnostic", "version": 2, "hash": "sha256:bbbb", "questions": ["b", "a", "c"]}
    with backend.reopen().open(session.id) as again:
        plan = resume(again, new_version)
        assert plan.changed and plan.dropped == ("gone",)
        assert plan.answers == {"b": 2, "a": 1}  # flow order
        assert plan.position is None
        assert "gone" in plan.message and "version 1 → 2" in plan.message
    rec = backend.store.load(session.id)
    assert rec["questionnaire"] == {"id": "diagnostic", "version": 2, "hash": "sha256:bbbb"}
    assert set(rec["answers"]) == {"a", "b"}
    change = rec["questionnaire_changes"][0]
    assert change["from"] == QUESTIONNAIRE and change["dropped"] == ["gone"]
    with backend.store.open(session.id) as third:  # same version now: nothing to report
        plan = resume(third, new_version)
        assert not plan.changed and plan.message is None and plan.answers == {"b": 2, "a": 1}


def test_the_access_log_keeps_events_and_gives_the_latest(backend):
    with backend.store.create(QUESTIONNAIRE) as session:
        pass
    store = backend.store
    store.log_access("created", session.id, front="kiosk")
    for ok in (False, True, False, False):
        store.log_access("code_attempt", session.id if ok else None, front="kiosk", ok=ok)
    store.log_access("code_attempt", None, front="console", ok=False)
    again = backend.reopen().access_log()
    assert [e.event for e in again.events(session_id=session.id)] == ["created", "code_attempt"]
    latest = again.recent(3)
    assert [(e.front, e.ok) for e in latest] == [("kiosk", False), ("kiosk", False), ("console", False)]
    assert all(e.event == "code_attempt" and e.user for e in latest)
    assert again.recent(0) == [] and len(again.recent(100)) == 6
