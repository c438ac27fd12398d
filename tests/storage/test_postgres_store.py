"""What only the PostgreSQL store has: structures enforced by the database,
the versioned schema and its migration, constraints, erasure of the rows.

The territory (tests/conftest.py) is a database migrated by the owner with
two front roles: structure caf-13's and structure ft-13's.
"""
from __future__ import annotations

import time

import psycopg
import pytest

from diagnostic import cli

from diagnostic.storage import (SchemaVersionError, SessionBusyError, SessionNotFoundError,
                                StorageError, open_store)
from diagnostic.storage.postgres_schema import LATEST
from diagnostic.storage.postgres_store import PostgresStore, add_front, migrate

from .conftest import QUESTIONNAIRE


@pytest.fixture
def stores(territory):
    caf, ft = PostgresStore(territory.front_url("caf-13")), PostgresStore(territory.front_url("ft-13"))
    yield caf, ft
    caf.close()
    ft.close()


def _session(store, **answers) -> tuple[str, str]:
    with store.create(QUESTIONNAIRE) as session:
        session.save_answers(answers or {"age": 34})
    return session.id, session.retrieval_code


def test_each_front_works_for_the_structure_of_its_role(stores):
    caf, ft = stores
    assert (caf.structure, ft.structure) == ("caf-13", "ft-13")
    session_id, _ = _session(caf)
    assert caf.load(session_id)["structure"] == "caf-13"
    assert [s.structure for s in caf.list()] == ["caf-13"]


def test_another_structure_sees_nothing_of_a_session(stores):
    caf, ft = stores
    session_id, code = _session(caf)
    assert not ft.exists(session_id) and ft.find(code) is None and ft.list() == []
    with pytest.raises(SessionNotFoundError):
        ft.load(session_id)
    with pytest.raises(SessionNotFoundError):
        ft.open(session_id)
    with pytest.raises(SessionNotFoundError):
        ft.delete(session_id)
    assert caf.load(session_id)["answers"]["age"]["value"] == 34


def test_the_database_refuses_even_when_the_python_check_is_bypassed(stores, territory, monkeypatch):
    caf, ft = stores
    session_id, code = _session(caf)
    monkeypatch.setattr(PostgresStore, "_sees", lambda self, structure, shared: True)
    with pytest.raises(SessionNotFoundError):
        ft.load(session_id)
    assert ft.find(code) is None and ft.list() == []
    # the front's own role, in plain SQL: no row to read, change or erase
    as_ft = territory.front_url("ft-13")
    assert territory.sql("SELECT record FROM diagnostic.sessions WHERE id = %s", (session_id,), url=as_ft) == []
    assert territory.sql("SELECT count(*) FROM diagnostic.sessions", url=as_ft) == [(0,)]
    assert territory.sql("UPDATE diagnostic.sessions SET status = 'abandoned' WHERE id = %s",
                         (session_id,), url=as_ft) == 0
    assert territory.sql("DELETE FROM diagnostic.sessions WHERE id = %s", (session_id,), url=as_ft) == 0
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        territory.sql("INSERT INTO diagnostic.sessions (id, structure, code, status, updated_at, record) "
                      "VALUES ('aaaaaaaaaaaa', 'caf-13', 'AAAAAAAAAA', 'in_progress', now(), '{}')",
                      url=as_ft)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        territory.sql("UPDATE diagnostic.fronts SET structure = 'caf-13'", url=as_ft)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        territory.sql("SET ROLE %s" % territory.roles["caf-13"], url=as_ft)
    assert caf.load(session_id)["status"] == "in_progress"


def test_a_session_shared_with_consent_is_read_not_changed_and_consent_can_be_withdrawn(stores, territory):
    caf, ft = stores
    session_id, code = _session(caf)
    with caf.open(session_id) as session:
        session.set_shared_with(["ft-13"])
    assert ft.find(code) == session_id
    assert ft.load(session_id)["answers"]["age"]["value"] == 34
    assert [s.id for s in ft.list()] == [session_id]
    with pytest.raises(StorageError, match="lecture seule"):
        ft.open(session_id)
    with pytest.raises(StorageError, match="lecture seule"):
        ft.delete(session_id)
    as_ft = territory.front_url("ft-13")
    assert territory.sql("UPDATE diagnostic.sessions SET shared_with = '{}' WHERE id = %s",
                         (session_id,), url=as_ft) == 0
    with caf.open(session_id) as session:
        session.set_shared_with([])
    assert ft.find(code) is None and not ft.exists(session_id)


def test_the_access_log_of_a_structure_is_its_own(stores, territory):
    caf, ft = stores
    session_id, _ = _session(caf)
    caf.log_access("opened", session_id, front="console")
    ft.log_access("code_attempt", None, front="kiosk", ok=False)
    assert [e.event for e in caf.access_log().events()] == ["opened"]
    assert [e.event for e in ft.access_log().events()] == ["code_attempt"]
    rows = territory.sql("SELECT event, structure, db_role FROM diagnostic.access_log ORDER BY n")
    assert rows == [("opened", "caf-13", territory.roles["caf-13"]),
                    ("code_attempt", "ft-13", territory.roles["ft-13"])]
    with pytest.raises(psycopg.errors.InsufficientPrivilege):   # no front rewrites history
        territory.sql("UPDATE diagnostic.access_log SET event = 'opened'", url=territory.front_url())


def test_delete_erases_the_row_itself(stores, territory):
    caf, _ = stores
    session_id, code = _session(caf, first_name="Zoé")
    caf.delete(session_id)
    assert territory.sql("SELECT count(*) FROM diagnostic.sessions WHERE id = %s OR code = %s "
                         "OR record::text LIKE '%%Zoé%%'", (session_id, code)) == [(0,)]


def test_retrieval_codes_are_unique_by_constraint(stores, territory):
    caf, _ = stores
    session_id, code = _session(caf)
    with pytest.raises(psycopg.errors.UniqueViolation, match="sessions_code_unique"):
        territory.sql("INSERT INTO diagnostic.sessions (id, structure, code, status, updated_at, record) "
                      "VALUES ('bbbbbbbbbbbb', 'caf-13', %s, 'in_progress', now(), '{}')", (code,))
    other = dict(caf.load(session_id), id="cccccccccccc")
    with pytest.raises(StorageError, match="appartient déjà à une autre session"):
        caf.save(other)


def test_migrate_is_idempotent_and_keeps_the_data(stores, territory):
    caf, _ = stores
    session_id, _ = _session(caf)
    assert migrate(territory.admin_url) == (LATEST, LATEST)
    assert migrate(territory.admin_url) == (LATEST, LATEST)
    assert caf.load(session_id)["answers"]["age"]["value"] == 34


def test_a_newer_schema_is_refused_and_left_alone(territory):
    territory.sql("UPDATE diagnostic.schema_version SET version = %s", (LATEST + 1,))
    try:
        with pytest.raises(SchemaVersionError, match="plus récente.*mettez le logiciel à jour"):
            migrate(territory.admin_url)
        with pytest.raises(SchemaVersionError, match="plus récente"):
            PostgresStore(territory.front_url())
        assert cli.main(["store", "migrate", "--store", territory.url()]) == 4
        assert territory.sql("SELECT version FROM diagnostic.schema_version") == [(LATEST + 1,)]
    finally:
        territory.sql("UPDATE diagnostic.schema_version SET version = %s", (LATEST,))


def test_a_database_without_the_schema_says_to_migrate_then_works(territory):
    import secrets
    from psycopg.conninfo import make_conninfo
    name = f"diag_empty_{secrets.token_hex(3)}"
    territory.sql(f"CREATE DATABASE {name}", url=territory.server_url)
    url = make_conninfo(territory.server_url, dbname=name)
    try:
        with pytest.raises(StorageError, match="store migrate"):
            PostgresStore(url)
        assert migrate(url) == (0, LATEST)
        add_front(url, territory.roles["caf-13"], "caf-13")
        front = PostgresStore(make_conninfo(url, user=territory.roles["caf-13"]))
        _session(front)
        assert len(front.list()) == 1
        front.close()
    finally:
        territory.sql(f"DROP DATABASE {name} WITH (FORCE)", url=territory.server_url)


def test_the_owner_sees_every_structure_but_creates_nothing(stores, territory):
    caf, ft = stores
    one, _ = _session(caf)
    two, _ = _session(ft)
    admin = PostgresStore(territory.admin_url)
    assert admin.structure is None
    assert {s.id for s in admin.list()} == {one, two}
    with pytest.raises(StorageError, match="aucune structure"):
        admin.create(QUESTIONNAIRE)
    admin.delete(two)
    assert not ft.exists(two)
    admin.close()


def test_an_unreachable_server_is_one_clear_message(tmp_path):
    with pytest.raises(StorageError, match="injoignable") as caught:
        open_store(f"postgresql://nobody:secret@/nowhere?host={tmp_path}")
    assert "secret" not in str(caught.value)


def test_through_the_service_another_structure_reads_only_with_consent(stores):
    from diagnostic.service import Service, SessionUnavailable, open_content
    from pathlib import Path
    caf, ft = stores
    content = open_content(Path(__file__).resolve().parents[1] / "fixtures" / "terminal" / "parcours.yaml")
    interview = Service(caf, front="console").start(content)
    interview.answer("Awa")
    code = interview.code
    other = Service(ft, front="console", sleep=lambda seconds: None)
    with pytest.raises(SessionUnavailable) as refused:
        other.export(code)
    assert refused.value.code == "session_not_found"
    interview.share_with(["ft-13"])
    assert other.export(code)["answers"]["first_name"]["value"] == "Awa"
    with pytest.raises(SessionUnavailable, match="lecture seule"):
        other.resume(code, content)
    interview.close()


def test_a_front_back_after_its_lease_expired_is_refused_not_merged(stores, territory):
    caf, _ = stores
    other = PostgresStore(territory.front_url("caf-13"))
    first = caf.create(QUESTIONNAIRE)
    first.save_answer("age", 34)
    with pytest.raises(SessionBusyError, match="déjà ouverte ailleurs"):
        other.open(first.id)
    # the first front is cut off: it renews nothing, and its lease runs out
    territory.sql("UPDATE diagnostic.sessions SET lease_until = now() - interval '1 second'")
    with other.open(first.id) as second:
        second.save_answer("age", 35)
        with pytest.raises(SessionBusyError, match="après une absence"):
            first.save_answer("housing", "street")
    assert first.answers == {"age": 34}              # the refused answer is not taken as saved
    assert {q: e["value"] for q, e in caf.load(first.id)["answers"].items()} == {"age": 35}
    first.close()                                    # and closing it frees nothing of the other's
    with caf.open(first.id, wait=5) as third:
        assert third.answers == {"age": 35}
    other.close()


def test_a_front_that_stays_open_keeps_its_session_past_the_lease(territory):
    holder = PostgresStore(territory.front_url(), lease_seconds=3)
    other = PostgresStore(territory.front_url())
    with holder.create(QUESTIONNAIRE) as session:
        time.sleep(4)                      # a person thinking: the heartbeat renews the lease
        with pytest.raises(SessionBusyError):
            other.open(session.id)
        session.save_answer("age", 34)
    with other.open(session.id) as again:  # closed: free at once
        assert again.answers == {"age": 34}
    holder.close()
    other.close()
