"""What only the data-folder backend has: files, bytes on disk, damage, index."""
from __future__ import annotations

import errno
import json
import os
import shutil
import stat

import pytest
from tinydb import TinyDB

from diagnostic.storage import (CorruptDataError, SchemaVersionError, SessionNotFoundError,
                                StorageError, files, format_code)
from diagnostic.storage.tinydb_store import TinyDBStore

from .conftest import QUESTIONNAIRE

MARKER = "MARQUEUR-PERSONNEL-7f3a"


def all_bytes(root) -> bytes:
    """Every byte of every file (and every symlink target) under root."""
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            out.append(name.encode())
            if os.path.islink(path):
                out.append(os.readlink(path).encode())
            elif os.path.isfile(path):
                with open(path, "rb") as handle:
                    out.append(handle.read())
    return b"\n".join(out)


def make(disk, answers=None, notes=""):
    with disk.create(QUESTIONNAIRE, mode="kiosk") as session:
        session.save_answers(answers or {"a": 1})
        if notes:
            session.set_notes(notes)
    return session


def test_a_session_is_one_ordinary_tinydb_file(disk):
    session = make(disk, {"age": 34, "transport": ["bus"]})
    path = disk.root / "sessions" / session.id[:2] / f"{session.id}.json"
    assert path.is_file()
    db = TinyDB(str(path), access_mode="r")   # stock TinyDB reads it
    doc = db.table("session").get(doc_id=1)
    db.close()
    assert doc["id"] == session.id and doc["answers"]["transport"]["value"] == ["bus"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(disk.root.stat().st_mode) == 0o700
    assert json.loads((disk.root / "store.json").read_text())["layout"] == 1
    assert not list(path.parent.glob("*.lock"))  # the lease is gone with the handle


def test_delete_leaves_no_byte_of_the_session_in_the_data_folder(disk):
    keep = make(disk, {"name": "Autre personne"}, notes="garder")
    gone = make(disk, {"name": MARKER, "city": "Tulle"}, notes=f"note {MARKER}")
    before = all_bytes(disk.root)
    for needle in (MARKER, gone.id, gone.retrieval_code):
        assert needle.encode() in before
    disk.delete(gone.id)
    after = all_bytes(disk.root)
    for needle in (MARKER, gone.id, gone.retrieval_code, "Tulle"):
        assert needle.encode() not in after
    assert keep.id.encode() in after and b"Autre personne" in after


def truncate(disk, session_id, keep=40):
    path = disk._file(session_id)
    data = path.read_bytes()
    path.write_bytes(data[:keep])
    return path, data[:keep]


def test_a_truncated_file_gives_a_clear_message_and_a_way_out(disk):
    good = make(disk, {"a": 1})
    bad = make(disk, {"a": 2})
    path, damaged = truncate(disk, bad.id)
    with pytest.raises(CorruptDataError) as info:
        disk.load(bad.id)
    message = str(info.value)
    assert bad.id in message and str(path) in message
    assert "n'a pas été modifié" in message and "--check --repair" in message
    with pytest.raises(CorruptDataError):
        disk.open(bad.id)          # refused, nothing overwritten
    with pytest.raises(CorruptDataError):
        disk.save(dict(disk.load(good.id), id=bad.id, retrieval_code=bad.retrieval_code))
    assert path.read_bytes() == damaged
    # the other sessions are still readable, and the list says which one is not
    assert disk.load(good.id)["answers"]["a"]["value"] == 1
    listed = {s.id: s for s in disk.list()}
    assert listed[good.id].problem is None and "illisible" in listed[bad.id].problem
    report = disk.check()
    assert report.sessions == 1 and len(report.corrupt) == 1 and report.quarantined == []
    assert path.read_bytes() == damaged
    report = disk.check(repair=True)
    moved = report.quarantined[0]
    assert open(moved, "rb").read() == damaged   # kept as is, beside
    assert not path.exists() and not disk.exists(bad.id)
    assert [s.id for s in disk.list()] == [good.id]
    assert disk.find(bad.retrieval_code) is None
    disk.delete(bad.id)                            # erasing it removes the set-aside copy too
    assert not os.path.exists(moved)


@pytest.mark.parametrize("content", [b"", b"   \n", b"\xff\xfe\x00", b"[1, 2]", b'{"session": 3}',
                                     b'{"other": {}}', b'{"session": {"1": {"schema_version": 1}}}'])
def test_every_kind_of_damage_is_reported_not_raised_raw(disk, content):
    bad = make(disk)
    disk._file(bad.id).write_bytes(content)
    with pytest.raises(CorruptDataError, match=bad.id):
        disk.load(bad.id)
    disk.delete(bad.id)  # an unreadable session can still be erased
    assert not disk._file(bad.id).exists() and disk.find(bad.retrieval_code) is None


def test_a_lost_index_is_rebuilt_from_the_session_files(disk, clock):
    sessions = [make(disk, {"n": i}) for i in range(5)]
    for s in sessions:
        clock.advance(hours=30)
        with disk.open(s.id) as h:
            h.save_answer("n", 1)
    shutil.rmtree(disk.root / "index")
    again = TinyDBStore(disk.root, clock=clock)
    assert [s.id for s in again.list()] == [s.id for s in reversed(sessions)]
    assert all(again.find(s.retrieval_code) == s.id for s in sessions)


def test_check_repairs_a_stale_index(disk, clock):
    a, b = make(disk), make(disk)
    os.unlink(disk.index.codes_dir / a.retrieval_code)                 # lost link
    os.symlink("0123456789ab", disk.index.codes_dir / "2345678923")     # dangling link
    entry = next((disk.index.recent_dir).glob(f"*/{b.id}"))
    os.unlink(entry)                                                     # lost recency entry
    (disk.index.recent_dir / "2020-01-01").mkdir()
    (disk.index.recent_dir / "2020-01-01" / a.id).touch()               # entry in a wrong bucket
    assert disk.find(a.retrieval_code) is None
    report = disk.check()
    assert report.index_fixes == 4 and report.sessions == 2
    assert disk.find(a.retrieval_code) == a.id
    assert os.readlink(disk.index.codes_dir / a.retrieval_code) == a.id
    assert not os.path.lexists(disk.index.codes_dir / "2345678923")
    assert {s.id for s in disk.list()} == {a.id, b.id}
    assert not (disk.index.recent_dir / "2020-01-01").exists()


def test_a_data_folder_from_a_newer_program_or_a_foreign_one_is_refused(tmp_path):
    (tmp_path / "newer").mkdir()
    (tmp_path / "newer" / "store.json").write_text('{"layout": 7}')
    with pytest.raises(SchemaVersionError, match="plus récente"):
        TinyDBStore(tmp_path / "newer")
    (tmp_path / "foreign").mkdir()
    (tmp_path / "foreign" / "store.json").write_text("<html>")
    with pytest.raises(CorruptDataError, match="illisible"):
        TinyDBStore(tmp_path / "foreign")
    assert (tmp_path / "foreign" / "store.json").read_text() == "<html>"


def test_an_unusable_data_folder_is_a_storage_error(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(StorageError, match="inutilisable"):
        TinyDBStore(tmp_path / "file")


def test_a_failed_write_changes_nothing(disk, monkeypatch):
    session = disk.create(QUESTIONNAIRE)
    session.save_answer("a", 1)
    before = disk._file(session.id).read_bytes()
    real_write = os.write

    def full_disk(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "write", full_disk)
    with pytest.raises(StorageError, match="la dernière réponse n'est pas enregistrée"):
        session.save_answer("b", 2)
    monkeypatch.setattr(files.os, "write", real_write)
    assert disk._file(session.id).read_bytes() == before
    assert session.answers == {"a": 1}
    assert not [p for p in disk._file(session.id).parent.iterdir() if p.name.endswith(".tmp")]
    session.save_answer("c", 3)       # the handle is still consistent afterwards
    session.close()
    assert set(disk.load(session.id)["answers"]) == {"a", "c"}


def test_leftovers_of_a_killed_writer_do_not_get_in_the_way(disk):
    session = make(disk)
    shard = disk._file(session.id).parent
    (shard / f".{session.id}.json.dead0001.tmp").write_text('{"session": {"1": {"trunc')
    (shard / f"{session.id}.lock").write_text("processus 1 sur ailleurs depuis 00:00")
    with disk.open(session.id) as again:   # a dead holder's lock file does not block
        again.save_answer("b", 2)
    assert not list(shard.glob("*.tmp")) and not list(shard.glob("*.lock"))
    orphan = disk._shard("0123456789ab") / "0123456789ab.lock"
    orphan.parent.mkdir(exist_ok=True)
    orphan.touch()                         # the lock of a session that never got written
    disk.check()
    assert not orphan.exists()


def test_purge_finds_a_session_the_index_lost(disk, clock):
    old = make(disk)
    os.unlink(next(disk.index.recent_dir.glob(f"*/{old.id}")))
    stamp = clock.moment.timestamp()
    os.utime(disk._file(old.id), (stamp, stamp))  # the file time is the last contact
    clock.advance(days=800)
    assert disk.purge("24m").deleted == [old.id]
    assert not disk.exists(old.id)


def test_purge_erases_old_unreadable_files_and_quarantine_too(disk, clock):
    bad, aside = make(disk), make(disk)
    truncate(disk, bad.id)
    truncate(disk, aside.id)
    moved = disk.quarantine(aside.id)
    stamp = clock.moment.timestamp()
    for path in (disk._file(bad.id), moved):
        os.utime(path, (stamp, stamp))
    clock.advance(days=800)
    result = disk.purge("24m")
    assert sorted(result.deleted) == sorted([bad.id, aside.id])
    assert not disk._file(bad.id).exists() and not moved.exists()


def test_the_recency_entry_follows_the_last_contact_across_days(disk, clock):
    session = make(disk)
    first = next(disk.index.recent_dir.glob(f"*/{session.id}"))
    clock.advance(days=3)
    with disk.open(session.id) as again:
        again.save_answer("b", 2)
    entries = list(disk.index.recent_dir.glob(f"*/{session.id}"))
    assert len(entries) == 1 and entries[0] != first
    assert entries[0].parent.name == disk.load(session.id)["updated_at"][:10]


def test_find_ignores_a_code_link_that_disagrees_with_the_file(disk):
    a, b = make(disk), make(disk)
    os.unlink(disk.index.codes_dir / a.retrieval_code)
    os.symlink(b.id, disk.index.codes_dir / a.retrieval_code)
    assert disk.find(a.retrieval_code) is None
    assert disk.find(format_code(b.retrieval_code)) == b.id


def test_load_refuses_ids_that_are_not_ids(disk):
    for ref in ("../store", "..", "", "ABCDEF012345", "0123456789abc"):
        with pytest.raises(SessionNotFoundError):
            disk.load(ref)
        assert not disk.exists(ref)


def test_check_without_repair_keeps_an_unreadable_session_listed_and_findable(disk):
    good, bad = make(disk), make(disk)
    truncate(disk, bad.id)
    report = disk.check()
    assert report.index_fixes == 0 and len(report.corrupt) == 1
    listed = {s.id: s for s in disk.list()}
    assert set(listed) == {good.id, bad.id} and listed[bad.id].problem
    assert disk.find(bad.retrieval_code) == bad.id      # `delete CODE` still reaches it


def test_a_session_set_aside_can_still_be_erased_by_its_id(disk):
    bad = make(disk)
    truncate(disk, bad.id)
    moved = disk.quarantine(bad.id)
    assert disk.resolve(bad.id.upper()) == bad.id
    with pytest.raises(SessionNotFoundError):
        disk.load(bad.id)
    disk.delete(disk.resolve(bad.id))
    assert not moved.exists()
    with pytest.raises(SessionNotFoundError):
        disk.resolve(bad.id)
