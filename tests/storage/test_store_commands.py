"""The commands on every stored backend, chosen by URL: the same behaviour on
a data folder and on a PostgreSQL database (export, delete, purge, the
access log), `store migrate` and `store front`, and how the store is chosen."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from psycopg.conninfo import make_conninfo

from diagnostic import cli
from diagnostic.storage import format_code, open_store, store_url_for_args
from diagnostic.storage.postgres_store import PostgresStore
from diagnostic.storage.tinydb_store import TinyDBStore

from .conftest import QUESTIONNAIRE, Clock


def run(argv, capsys):
    code = cli.main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture(params=["tinydb", "postgresql"])
def target(request, tmp_path):
    """(--store URL, a store on it with a clock set in 2020)."""
    if request.param == "tinydb":
        url = f"tinydb://{tmp_path / 'data'}"
        yield url, TinyDBStore(tmp_path / "data", clock=Clock(dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)))
        return
    territory = request.getfixturevalue("territory")
    url = territory.url("caf-13")
    store = PostgresStore(url, clock=Clock(dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)))
    yield url, store
    store.close()


def test_list_export_delete_purge_and_the_log_are_the_same_on_every_backend(target, capsys):
    url, old_store = target
    with old_store.create(QUESTIONNAIRE, mode="kiosk") as old:
        old.save_answer("age", 61)
    recent = open_store(url)
    with recent.create(QUESTIONNAIRE) as new:
        new.save_answers({"age": 34, "first_name": "Zoé"})
    code, out, _ = run(["sessions", "--store", url, "--json"], capsys)
    assert code == 0 and [s["id"] for s in json.loads(out)] == [new.id, old.id]
    code, out, _ = run(["sessions", "--store", url], capsys)
    header = out.splitlines()[0].split()
    assert code == 0 and header[0] == "ID" and (header[-1] == "STRUCTURE") == url.startswith("postgresql")
    code, out, _ = run(["export", format_code(new.retrieval_code), "--store", url], capsys)
    exported = json.loads(out)
    assert code == 0 and exported["answers"]["first_name"]["value"] == "Zoé"
    assert exported["diagnostic"] is None and exported["history"] == []
    code, out, _ = run(["delete", new.id, "--yes", "--store", url], capsys)
    assert code == 0 and "effacée" in out
    assert not open_store(url).exists(new.id)
    code, out, _ = run(["export", new.id, "--store", url], capsys)
    assert code == 4
    events = [(e.event, e.front, e.session) for e in open_store(url).access_log().events()]
    assert ("exported", "command", new.id) in events and ("deleted", "command", new.id) in events
    code, out, _ = run(["purge", "--older-than", "24m", "--dry-run", "--store", url], capsys)
    assert code == 0 and old.id in out and open_store(url).exists(old.id)
    code, out, _ = run(["purge", "--older-than", "24m", "--store", url], capsys)
    assert code == 0 and out.startswith("1 session(s) effacée(s)")
    assert [s.id for s in open_store(url).list()] == []
    assert ("purged", "command", old.id) in [(e.event, e.front, e.session)
                                             for e in open_store(url).access_log().events()]
    code, out, err = run(["sessions", "--check", "--store", url], capsys)
    assert code == (0 if url.startswith("tinydb") else 2)


def test_the_environment_names_the_store_and_an_option_overrides_it(tmp_path, monkeypatch, capsys):
    with TinyDBStore(tmp_path / "env").create(QUESTIONNAIRE) as session:
        pass
    monkeypatch.setenv("DIAGNOSTIC_STORE", f"tinydb://{tmp_path / 'env'}")
    code, out, _ = run(["sessions", "--json"], capsys)
    assert [s["id"] for s in json.loads(out)] == [session.id]
    code, out, _ = run(["sessions", "--json", "--data-dir", str(tmp_path / "other")], capsys)
    assert json.loads(out) == []
    code, _, err = run(["sessions", "--store", "tinydb:///x", "--data-dir", "/y"], capsys)
    assert code == 2 and "not allowed with" in err
    code, _, err = run(["sessions", "--store", "mysql://db/x"], capsys)
    assert code == 4 and "adresse de stockage inconnue" in err


def test_store_migrate_then_front_then_a_front_works(territory, capsys):
    url = territory.url()
    code, out, _ = run(["store", "migrate", "--store", url], capsys)
    assert code == 0 and "à jour" in out
    role = f"diag_{territory.tag}_kiosque"
    try:
        code, out, _ = run(["store", "front", role, "fs-arles", "--store", url], capsys)
        assert code == 0 and "créé et rattaché à la structure « fs-arles »" in out
        code, out, _ = run(["store", "front", role, "fs-arles", "--store", url], capsys)
        assert code == 0 and "créé" not in out
        front = PostgresStore(make_conninfo(territory.admin_url, user=role))
        assert front.structure == "fs-arles"
        front.close()
        code, _, err = run(["store", "front", role, "FS Arles", "--store", url], capsys)
        assert code == 2 and "code de structure invalide" in err
    finally:
        territory.sql(f"DROP OWNED BY {role}; DROP ROLE {role}")
        territory.sql("DELETE FROM diagnostic.fronts WHERE role = %s", (role,))


def test_store_front_needs_a_database(tmp_path, capsys):
    code, _, err = run(["store", "front", "r", "caf-13", "--data-dir", str(tmp_path)], capsys)
    assert code == 2 and "PostgreSQL" in err


def test_a_bare_folder_and_a_tinydb_url_are_the_same_store(tmp_path):
    import argparse
    from diagnostic.storage import add_data_dir_argument
    parser = argparse.ArgumentParser()
    add_data_dir_argument(parser)
    one = store_url_for_args(parser.parse_args(["--data-dir", str(tmp_path)]))
    two = store_url_for_args(parser.parse_args(["--store", f"tinydb://{tmp_path}"]))
    three = store_url_for_args(parser.parse_args(["--store", str(tmp_path)]))
    assert one == two == three and one.kind == "tinydb"
