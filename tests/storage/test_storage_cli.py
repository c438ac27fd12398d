"""The sessions, export, delete and purge commands."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import stat

import pytest

from diagnostic import cli
from diagnostic.commands import sessions as sessions_cmd
from diagnostic.storage import format_code
from diagnostic.storage.tinydb_store import TinyDBStore

from .conftest import QUESTIONNAIRE, Clock
from .test_storage_tinydb import MARKER, all_bytes


def session_bytes(data) -> bytes:
    """Every byte under the data folder but the access log, which keeps (issue 11) who
    erased which session id, and nothing of the session itself."""
    log = data / "access.jsonl"
    kept = log.read_bytes()
    log.unlink()
    try:
        return all_bytes(data)
    finally:
        log.write_bytes(kept)
        assert b'"event":"deleted"' in kept


def run(argv, capsys):
    """Through the real entry point: exit code, stdout, stderr."""
    code = cli.main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.delenv("DIAGNOSTIC_DATA_DIR", raising=False)
    return tmp_path / "data"


def fill(data, clock=None, n=3, **answers):
    store = TinyDBStore(data, clock=clock)
    made = []
    for i in range(n):
        with store.create(QUESTIONNAIRE, mode="kiosk") as session:
            session.save_answers(answers or {"age": 30 + i})
        made.append(session)
    return store, made


def test_register_adds_the_four_commands():
    parser = argparse.ArgumentParser()
    sessions_cmd.register(parser.add_subparsers())
    for argv in (["sessions"], ["export", "x"], ["delete", "x"], ["purge"]):
        args = parser.parse_args(argv + ["--data-dir", "/tmp/x"])
        assert callable(args.func) and args.data_dir == "/tmp/x"
    assert parser.parse_args(["purge"]).older_than == "24m"


def test_sessions_lists_most_recent_first(data, capsys):
    store, made = fill(data)
    code, out, err = run(["sessions", "--data-dir", str(data)], capsys)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["ID", "CODE", "QUESTIONNAIRE"]
    assert [line.split()[0] for line in lines[1:]] == [s.id for s in reversed(made)]
    assert format_code(made[0].retrieval_code) in out and "borne" in out and "en cours" in out
    code, out, _ = run(["sessions", "--data-dir", str(data), "--json", "--limit", "2"], capsys)
    assert [s["id"] for s in json.loads(out)] == [made[2].id, made[1].id]


def test_the_environment_variable_chooses_the_folder(data, capsys, monkeypatch):
    monkeypatch.setenv("DIAGNOSTIC_DATA_DIR", str(data))
    code, out, _ = run(["sessions"], capsys)
    assert code == 0 and out.startswith("Aucune session enregistrée dans " + str(data))


def test_export_by_code_writes_everything_held(data, capsys, tmp_path):
    store, made = fill(data, n=1, name="Zoé")
    with store.open(made[0].id) as session:
        session.set_notes("note du conseiller")
    typed = format_code(made[0].retrieval_code).lower().replace("-", " ")
    code, out, _ = run(["export", typed, "--data-dir", str(data)], capsys)
    # everything stored, plus the finalised diagnostic (none yet) -- issue 9 added the key
    assert code == 0 and json.loads(out) == {**store.load(made[0].id), "diagnostic": None}
    target = tmp_path / "export.json"
    code, _, err = run(["export", made[0].id, "-o", str(target), "--data-dir", str(data)], capsys)
    assert code == 0 and "exportée" in err
    assert json.loads(target.read_text(encoding="utf-8"))["notes"] == "note du conseiller"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    code, _, err = run(["export", made[0].id, "-o", str(target), "--data-dir", str(data)], capsys)
    assert code == 4 and "existe déjà" in err


def test_unknown_session_is_exit_4_with_one_french_line(data, capsys):
    fill(data, n=1)
    for command in ("export", "delete"):
        code, out, err = run([command, "ZZZZ-ZZZZ-ZZ", "--data-dir", str(data)], capsys)
        assert code == 4 and out == ""
        assert err == "diagnostic: aucune session ne correspond à « ZZZZ-ZZZZ-ZZ » (identifiant ou code de reprise)\n"


def test_delete_erases_it_from_the_files(data, capsys):
    store, made = fill(data, n=2, name=MARKER)
    victim = made[0]
    code, out, _ = run(["delete", format_code(victim.retrieval_code), "--data-dir", str(data)], capsys)
    assert code == 0 and f"Session {victim.id}" in out and "effacée" in out
    log = (data / "access.jsonl").read_bytes()
    assert MARKER.encode() not in log
    assert [json.loads(line)["event"] for line in log.splitlines()] == ["deleted"]
    remaining = session_bytes(data)
    assert victim.id.encode() not in remaining and victim.retrieval_code.encode() not in remaining
    assert victim.retrieval_code.encode() not in (data / "access.jsonl").read_bytes()
    assert remaining.count(MARKER.encode()) == 1          # the other session only
    code, out, _ = run(["sessions", "--data-dir", str(data)], capsys)
    assert victim.id not in out and made[1].id in out


def test_delete_of_an_open_session_is_refused(data, capsys):
    store, made = fill(data, n=1)
    held = store.open(made[0].id)
    code, _, err = run(["delete", made[0].id, "--yes", "--data-dir", str(data)], capsys)
    assert code == 4 and "déjà ouverte ailleurs" in err
    held.close()
    assert store.exists(made[0].id)


def test_purge_deletes_what_passed_retention(data, capsys):
    old_clock = Clock(dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc))
    store, old = fill(data, clock=old_clock, n=2)
    _, new = fill(data, n=1)
    code, out, _ = run(["purge", "--older-than", "24m", "--dry-run", "--data-dir", str(data)], capsys)
    assert code == 0 and "2 session(s) seraient effacées" in out and all(s.id in out for s in old)
    assert all(store.exists(s.id) for s in old)
    code, out, _ = run(["purge", "--older-than", "24m", "--data-dir", str(data)], capsys)
    assert code == 0 and out.startswith("2 session(s) effacée(s)")
    assert not any(store.exists(s.id) for s in old) and store.exists(new[0].id)


def test_a_bad_duration_is_a_usage_error(data, capsys):
    code, _, err = run(["purge", "--older-than", "2 ans", "--data-dir", str(data)], capsys)
    assert code == 2 and "durée invalide" in err


def test_a_damaged_file_is_reported_and_set_aside_on_request(data, capsys):
    store, made = fill(data, n=2)
    path = store._file(made[0].id)
    path.write_bytes(path.read_bytes()[:25])
    code, out, err = run(["sessions", "--data-dir", str(data)], capsys)
    assert code == 4 and "ILLISIBLE" in out and made[1].id in out
    assert f"la session {made[0].id} est illisible" in err
    code, out, err = run(["export", made[0].id, "--data-dir", str(data)], capsys)
    assert code == 4 and "n'a pas été modifié" in err
    code, out, err = run(["sessions", "--check", "--data-dir", str(data)], capsys)
    assert code == 4 and "--check --repair" in err and path.exists()
    code, out, err = run(["sessions", "--check", "--repair", "--data-dir", str(data)], capsys)
    assert code == 0 and "Mis de côté" in out and not path.exists()
    code, out, err = run(["sessions", "--data-dir", str(data)], capsys)
    assert code == 0 and made[0].id not in out and made[1].id in out


def test_an_unusable_data_folder_is_exit_4(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(["sessions", "--data-dir", str(blocker)], capsys)
    assert code == 4 and "inutilisable" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_an_unreadable_folder_is_exit_4(tmp_path, capsys):  # pragma: no cover - not as root
    data = tmp_path / "data"
    fill(data, n=1)
    os.chmod(data, 0)
    try:
        code, _, err = run(["sessions", "--data-dir", str(data)], capsys)
    finally:
        os.chmod(data, 0o700)
    assert code == 4


def test_a_quarantined_session_is_erased_by_the_delete_command(data, capsys):
    store, made = fill(data, n=2, name=MARKER)
    path = store._file(made[0].id)
    path.write_bytes(path.read_bytes()[:25])
    code, out, _ = run(["sessions", "--check", "--repair", "--data-dir", str(data)], capsys)
    assert code == 0 and "Mis de côté" in out
    code, out, err = run(["delete", made[0].id, "--yes", "--data-dir", str(data)], capsys)
    assert code == 0 and "effacée" in out, err
    assert made[0].id.encode() not in session_bytes(data)


def test_end_of_input_at_the_delete_question_erases_nothing(data, capsys, monkeypatch):
    store, made = fill(data, n=1)

    class Tty:
        def isatty(self):
            return True
    monkeypatch.setattr(sessions_cmd.sys, "stdin", Tty())
    monkeypatch.setattr("builtins.input", lambda prompt: (_ for _ in ()).throw(EOFError))
    code, out, _ = run(["delete", made[0].id, "--data-dir", str(data)], capsys)
    assert code == 0 and "Rien n'a été effacé." in out
    assert store.exists(made[0].id)


def test_sessions_json_exits_4_like_the_table_when_a_session_is_unreadable(data, capsys):
    """Issue 11, item 8: the JSON list exited 0 over an unreadable session."""
    store, made = fill(data, n=2)
    path = store._file(made[0].id)
    path.write_bytes(path.read_bytes()[:25])
    code, out, err = run(["sessions", "--json", "--data-dir", str(data)], capsys)
    listed = {s["id"]: s for s in json.loads(out)}
    assert code == 4 and listed[made[0].id]["problem"] and listed[made[1].id]["problem"] is None
    assert made[0].id in err
    assert run(["sessions", "--data-dir", str(data)], capsys)[0] == 4


@pytest.mark.parametrize("period", ["10000y", "999999999m", "99999999999999999999d", "0d", "2y3m"])
def test_purge_with_an_impossible_period_is_a_usage_error(data, capsys, period):
    """Issue 11, item 4: --older-than 10000y exited 70."""
    fill(data, n=1)
    code, out, err = run(["purge", "--older-than", period, "--data-dir", str(data)], capsys)
    assert code == 2 and "--older-than" in err and out == ""
