"""The access log: who reached which session, on every backend; the file's safety."""
from __future__ import annotations

import datetime as dt
import json
import os
import stat

import pytest

from diagnostic.storage import StorageError, UnsafeFileError
from diagnostic.storage.access_log import FILE_NAME, os_user

from .conftest import QUESTIONNAIRE


def test_events_are_kept_with_time_front_user_and_session(backend, clock):
    store = backend.store
    with store.create(QUESTIONNAIRE, mode="kiosk") as session:
        session.save_answer("revenu", "RSA-TRES-PERSONNEL")
    store.log_access("created", session.id, front="kiosk")
    store.log_access("code_attempt", None, front="kiosk", ok=False)
    store.log_access("exported", session.id, front="command")
    events = backend.reopen().access_log().events()      # durable: a new store reads them
    assert [(e.event, e.front, e.session) for e in events] == [
        ("created", "kiosk", session.id), ("code_attempt", "kiosk", None),
        ("exported", "command", session.id)]
    assert events[1].ok is False and events[0].ok is None
    assert all(e.user == os_user() for e in events)
    assert events[0].at < events[2].at <= dt.datetime.now(dt.timezone.utc).isoformat()
    assert [e.event for e in store.access_log().events(session_id=session.id)] == ["created", "exported"]


def test_a_malformed_event_is_refused(store):
    for bad in (dict(event="read", front="kiosk"), dict(event="opened", front="web"),
                dict(event="code_attempt", front="kiosk"),
                dict(event="opened", front="kiosk", ok=True)):
        with pytest.raises(ValueError):
            store.log_access(session_id=None, **bad)
    with pytest.raises(ValueError):
        store.log_access("opened", "../../etc", front="kiosk")
    assert store.access_log().events() == []


def test_purge_drops_log_events_with_the_same_retention(backend, clock):
    store = backend.store
    store.log_access("opened", "0123456789ab", front="console")
    clock.advance(days=800)
    store.log_access("opened", "0123456789ab", front="terminal")
    store.purge("24m", dry_run=True)
    assert len(store.access_log().events()) == 2        # a dry run drops nothing
    store.purge("24m")
    assert [e.front for e in backend.reopen().access_log().events()] == ["terminal"]


# --- the file of a data folder -----------------------------------------------------------

def test_the_log_file_is_0600_holds_no_answers_and_survives_a_torn_line(disk):
    old = os.umask(0)
    try:
        with disk.create(QUESTIONNAIRE) as session:
            session.save_answer("sante", "DONNEE-DE-SANTE")
        disk.log_access("created", session.id, front="terminal")
    finally:
        os.umask(old)
    path = disk.root / FILE_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_bytes()
    assert b"DONNEE-DE-SANTE" not in text and session.retrieval_code.encode() not in text
    with open(path, "ab") as handle:             # a crash in the middle of an append
        handle.write(b'{"at": "2024-03-01T09:00')
    disk.log_access("deleted", session.id, front="command")
    assert [e.event for e in disk.access_log().events()] == ["created", "deleted"]
    assert all(json.loads(line) for line in path.read_bytes().splitlines()[::2])


def test_a_link_planted_at_the_log_is_refused_and_its_target_untouched(disk, tmp_path):
    target = tmp_path / "passwd"
    target.write_text("root:x:0:0\n")
    before = target.stat()
    os.symlink(target, disk.root / FILE_NAME)
    with pytest.raises(StorageError) as refused:
        disk.log_access("opened", "0123456789ab", front="command")
    assert isinstance(refused.value, UnsafeFileError)
    with pytest.raises(StorageError):
        disk.access_log().events()
    assert target.read_text() == "root:x:0:0\n"
    assert target.stat().st_mtime_ns == before.st_mtime_ns


def test_a_hard_link_planted_at_the_log_is_refused(disk, tmp_path):
    other = disk.root / "ailleurs"
    other.write_text("garder\n")
    os.link(other, disk.root / FILE_NAME)
    with pytest.raises(UnsafeFileError):
        disk.log_access("opened", "0123456789ab", front="command")
    assert other.read_text() == "garder\n"


# --- the commands write it, `log` shows it --------------------------------------------------

def test_the_commands_and_the_terminal_interview_log_their_accesses(tmp_path):
    import subprocess
    import sys
    from tests.ui.test_terminal_interview import FULL, MAIN, clean_env, resume_code, run
    data = tmp_path / "data"
    code, out, _ = run(*FULL[:2], data_dir=data)                    # created, then end of input
    session_code = resume_code(out)
    run(*FULL[2:4], data_dir=data, args=("--resume", session_code))  # resumed

    def main(*args):
        proc = subprocess.run([sys.executable, str(MAIN), *args, "--data-dir", str(data)],
                              capture_output=True, text=True, timeout=60, env=clean_env())
        assert "Traceback" not in proc.stdout + proc.stderr
        return proc
    exported = main("export", session_code)
    session_id = json.loads(exported.stdout)["id"]
    main("delete", session_id, "--yes")
    logged = json.loads(main("log", "--json").stdout)
    assert [(e["event"], e["front"], e["session"], e.get("ok")) for e in logged] == [
        ("created", "terminal", session_id, None),
        ("code_attempt", "terminal", session_id, True), ("resumed", "terminal", session_id, None),
        ("code_attempt", "command", session_id, True), ("exported", "command", session_id, None),
        ("deleted", "command", session_id, None)]
    assert {e["user"] for e in logged} == {os_user()}
    text = main("log", "--session", session_id).stdout
    lines = text.splitlines()
    assert lines[0].split() == ["DATE", "ÉVÉNEMENT", "POSTE", "UTILISATEUR", "SESSION"]
    assert [line.split()[2] for line in lines[1:]] == [
        "création", "code", "reprise", "code", "export", "effacement"]
    assert "code de reprise essayé : bon" in text
    assert json.loads(main("log", "--json", "--session", "0123456789ab").stdout) == []


def test_no_export_without_its_log_line(tmp_path, capsys):
    from diagnostic import cli
    from diagnostic.storage.tinydb_store import TinyDBStore
    data = tmp_path / "data"
    store = TinyDBStore(data)
    with store.create(QUESTIONNAIRE) as session:
        session.save_answer("revenu", "RSA-TRES-PERSONNEL")
    os.symlink(tmp_path / "ailleurs", data / FILE_NAME)              # the log cannot be written
    assert cli.main(["export", session.id, "--data-dir", str(data)]) == 4
    out, err = capsys.readouterr()
    assert "RSA-TRES-PERSONNEL" not in out and "journal" not in out and err.startswith("diagnostic: ")
    assert not (tmp_path / "ailleurs").exists()


def test_purge_logs_each_session_it_erases(tmp_path, capsys):
    from diagnostic import cli
    from diagnostic.storage.tinydb_store import TinyDBStore
    from .conftest import Clock
    data = tmp_path / "data"
    store = TinyDBStore(data, clock=Clock(dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)))
    with store.create(QUESTIONNAIRE) as old:
        old.save_answer("a", 1)
    store.log_access("created", old.id, front="kiosk")              # past retention: dropped
    assert cli.main(["purge", "--data-dir", str(data)]) == 0
    capsys.readouterr()
    assert cli.main(["log", "--json", "--data-dir", str(data)]) == 0
    logged = json.loads(capsys.readouterr().out)
    assert [(e["event"], e["session"]) for e in logged] == [("purged", old.id)]


def test_recent_gives_the_last_events_of_a_long_log(backend):
    store = backend.store
    for n in range(1500):       # the file spans several read blocks (~160 KB)
        store.log_access("code_attempt", None, front="kiosk" if n % 2 else "console", ok=n % 7 == 0)
    everything = store.access_log().events()
    assert len(everything) == 1500
    for limit in (0, 1, 5, 999, 1500, 5000):
        assert store.access_log().recent(limit) == (everything[-limit:] if limit else [])
