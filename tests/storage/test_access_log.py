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
