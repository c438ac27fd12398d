"""Resume: after a kill, at the question where it stopped, with every confirmed answer."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from diagnostic.storage import StorageError
from diagnostic.storage.resume import plan_resume, question_ids, resume
from diagnostic.storage.tinydb_store import TinyDBStore

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Q:  # the fields of diagnostic.model.Question that resume reads
    id: str
    type: str = "yes_no"

    @property
    def asks(self) -> bool:
        return self.type != "note"


@dataclass(frozen=True)
class Questionnaire:  # the fields of diagnostic.model.Questionnaire that storage reads
    id: str
    version: int
    content_hash: str
    questions: dict


def questionnaire(version, ids, digest):
    return Questionnaire("diagnostic", version, digest, {i: Q(i, "note" if i.startswith("note") else "yes_no") for i in ids})


V1 = questionnaire(1, ["age", "note_intro", "housing", "tonight", "transport"], "sha256:v1")
V2 = questionnaire(2, ["age", "note_intro", "tonight", "transport", "licence"], "sha256:v2")


def test_question_ids_skip_notes_and_keep_the_flow_order():
    assert question_ids(V1) == ["age", "housing", "tonight", "transport"]
    assert question_ids({"questions": ["b", "a"]}) == ["b", "a"]
    assert question_ids({}) is None


def record(answers, position=None, q=V1):
    return {"id": "0123456789ab", "questionnaire": {"id": q.id, "version": q.version, "hash": q.content_hash},
            "answers": {k: {"value": v, "at": "2024-03-01T09:00:00.000+00:00"} for k, v in answers.items()},
            "position": position}


def test_same_questionnaire_gives_every_answer_back_in_flow_order():
    plan = plan_resume(record({"tonight": "street", "age": 40}, position="transport"), V1)
    assert not plan.changed and plan.message is None and plan.dropped == ()
    assert list(plan.answers.items()) == [("age", 40), ("tonight", "street")]
    assert plan.position == "transport"


def test_changed_questionnaire_drops_and_lists_missing_questions():
    plan = plan_resume(record({"age": 40, "housing": "shelter", "tonight": "street"}, position="housing"), V2)
    assert plan.changed and plan.dropped == ("housing",)
    assert plan.answers == {"age": 40, "tonight": "street"}
    assert plan.position is None
    assert plan.previous["version"] == 1 and plan.current["version"] == 2
    assert "version 1 → 2" in plan.message and "housing" in plan.message
    nothing_lost = plan_resume(record({"age": 40}), V2)
    assert nothing_lost.dropped == () and "toutes les réponses sont gardées" in nothing_lost.message


def test_another_questionnaire_is_refused():
    other = Questionnaire("mobilite", 1, "sha256:m", {})
    with pytest.raises(StorageError, match="porte sur le questionnaire « diagnostic »"):
        plan_resume(record({}), other)


CHILD = textwrap.dedent("""
    import sys, time
    from diagnostic.storage.tinydb_store import TinyDBStore
    store = TinyDBStore(sys.argv[1])
    session = store.create({"id": "diagnostic", "version": 1, "hash": "sha256:v1"}, mode="kiosk")
    flow = ["age", "housing", "tonight", "transport"]
    for i, qid in enumerate(flow[:3]):
        session.save_answer(qid, [40, "shelter", "street"][i], position=flow[i + 1])
    print(session.id, session.retrieval_code, flush=True)
    time.sleep(60)
""")


def test_a_killed_kiosk_resumes_at_the_question_where_it_stopped(tmp_path):
    data_dir = tmp_path / "data"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(data_dir)], stdout=subprocess.PIPE,
                             text=True, env=env)
    try:
        session_id, code = child.stdout.readline().split()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        child.stdout.close()
    store = TinyDBStore(data_dir)
    assert store.find(code.lower()) == session_id
    with store.open(session_id) as session:          # the dead process does not hold it
        plan = resume(session, V1)
        assert plan.answers == {"age": 40, "housing": "shelter", "tonight": "street"}
        assert plan.position == "transport" and not plan.changed
        session.save_answer("transport", ["bus"], position=None)
        session.set_status("finished")
    with store.open(session_id) as session:
        plan = resume(session, V2)                    # and the next day the questionnaire changed
        assert plan.dropped == ("housing",)
    rec = store.load(session_id)
    assert rec["questionnaire"]["version"] == 2 and "housing" not in rec["answers"]
    assert rec["questionnaire_changes"][0]["dropped"] == ["housing"]


def test_a_note_seen_is_not_listed_as_an_answer_to_a_deleted_question():
    """The terminal records a note it showed (value true); a new version must not call it dropped."""
    plan = plan_resume(record({"age": 40, "note_intro": True, "housing": "shelter"}), V2)
    assert plan.dropped == ("housing",)
    assert plan.answers["note_intro"] is True and "note_intro" not in plan.message
    assert "1 réponse(s) aux questions qui existent toujours" in plan.message
    assert plan_resume(record({"age": 40, "note_intro": True}), V2).dropped == ()
    # a question that became a note keeps no stale answer value
    assert plan_resume(record({"note_intro": "shelter"}), V2).dropped == ("note_intro",)
