"""Links planted in a data folder, as an attacker with write access to it would
(issue 11, item 1): nothing is opened, written, truncated, touched or renamed
through them, and whoever runs the commands (root from cron) harms nothing.

Each test asserts on the *target* of the planted link (bytes and mtime) and
on what a user sees (exit code 4 and a message, never a record read
through the link)."""
from __future__ import annotations

import os

import pytest

from diagnostic import cli
from diagnostic.storage import StorageError

from .conftest import QUESTIONNAIRE
from .test_storage_tinydb import MARKER

OUTSIDE_TEXT = "root:x:0:0:root:/root:/bin/bash\n"


def make(disk, **answers):
    with disk.create(QUESTIONNAIRE, mode="kiosk") as session:
        session.save_answers(answers or {"a": 1})
    return session


@pytest.fixture
def outside(tmp_path):
    """A file outside the data folder that must stay exactly as it is."""
    path = tmp_path / "systeme" / "passwd"
    path.parent.mkdir()
    path.write_text(OUTSIDE_TEXT)
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    return path


def untouched(path, text=OUTSIDE_TEXT) -> bool:
    st = os.stat(path)
    return path.read_text() == text and st.st_mtime_ns == 1_000_000_000_000_000_000


def run(argv, capsys):
    code = cli.main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def plant_lock(disk, session_id, target):
    os.symlink(target, disk._shard(session_id) / f"{session_id}.lock")


# --- item 1: lock files -------------------------------------------------------------------

def test_a_lock_linked_to_a_system_file_is_never_written_through(disk, outside, capsys):
    session = make(disk)
    plant_lock(disk, session.id, outside)
    with pytest.raises(StorageError) as refused:
        disk.open(session.id)
    assert "lien" in str(refused.value)
    data = ["--data-dir", str(disk.root)]
    code, out, err = run(["sessions", "--check", *data], capsys)
    assert code == 4 and "lien" in err                           # not "all is well"
    for argv in (["delete", session.id, "--yes"], ["purge", "--older-than", "1d"]):
        code, out, err = run(argv + data, capsys)
        assert code == 4 and "lien" in err and session.id in err
    assert untouched(outside)
    code, out, err = run(["sessions", "--check", "--repair", *data], capsys)
    assert code == 0 and "supprimé" in out
    assert untouched(outside) and not os.path.lexists(disk._shard(session.id) / f"{session.id}.lock")
    with disk.open(session.id) as again:                          # usable again
        again.save_answer("b", 2)


def test_a_lock_linked_to_another_session_does_not_empty_it(disk):
    victim, other = make(disk, nom=MARKER), make(disk)
    before = disk._file(victim.id).read_bytes()
    plant_lock(disk, other.id, disk._file(victim.id))
    with pytest.raises(StorageError):
        disk.open(other.id)
    with pytest.raises(StorageError):
        disk.delete(other.id)
    disk.check()
    assert disk._file(victim.id).read_bytes() == before
    assert disk.load(victim.id)["answers"]["nom"]["value"] == MARKER


def test_a_lock_hard_linked_to_another_session_does_not_empty_it(disk):
    victim, other = make(disk, nom=MARKER), make(disk)
    before = disk._file(victim.id).read_bytes()
    os.link(disk._file(victim.id), disk._shard(other.id) / f"{other.id}.lock")
    with pytest.raises(StorageError):
        disk.open(other.id)
    assert disk.check().corrupt                                   # reported, not silent
    assert disk.check(repair=True).removed == [str(disk._shard(other.id) / f"{other.id}.lock")]
    assert disk._file(victim.id).read_bytes() == before
    with disk.open(other.id) as again:
        again.save_answer("b", 2)
    assert disk._file(victim.id).read_bytes() == before


def test_a_hard_linked_session_file_is_refused_and_never_removed(disk, tmp_path):
    session = make(disk, nom=MARKER)
    os.link(disk._file(session.id), tmp_path / "copie.json")      # e.g. a `cp -al` backup
    with pytest.raises(StorageError) as refused:
        disk.load(session.id)
    assert "lien physique" in str(refused.value)
    report = disk.check(repair=True)
    assert report.corrupt and report.removed == [] and disk._file(session.id).exists()
    os.unlink(tmp_path / "copie.json")
    assert disk.load(session.id)["answers"]["nom"]["value"] == MARKER


def test_a_dangling_lock_link_creates_nothing_where_it_points(disk, tmp_path):
    session = make(disk)
    target = tmp_path / "systeme" / "cree-par-root"
    target.parent.mkdir()
    plant_lock(disk, session.id, target)
    with pytest.raises(StorageError):
        disk.open(session.id)
    disk.check()
    assert not target.exists()


# --- item 1: session files and folders ----------------------------------------------------

def test_a_session_file_linked_to_a_valid_record_outside_is_refused_never_read(disk, tmp_path, capsys):
    session = make(disk, nom=MARKER)
    outside = tmp_path / "ailleurs.json"
    os.replace(disk._file(session.id), outside)                  # a valid record, elsewhere
    os.symlink(outside, disk._file(session.id))
    before = outside.read_bytes()
    with pytest.raises(StorageError) as refused:
        disk.load(session.id)
    assert "lien" in str(refused.value) and MARKER not in str(refused.value)
    data = ["--data-dir", str(disk.root)]
    code, out, err = run(["export", session.id, *data], capsys)
    assert code == 4 and MARKER not in out + err and "lien" in err
    code, out, err = run(["sessions", *data], capsys)
    assert code == 4 and "ILLISIBLE" in out
    code, out, err = run(["sessions", "--check", "--repair", *data], capsys)
    assert code == 0 and not os.path.lexists(disk._file(session.id))
    assert outside.read_bytes() == before
    assert not list((disk.root / "quarantine").glob("*")) if (disk.root / "quarantine").exists() else True


def test_a_session_file_that_is_a_fifo_does_not_hang(disk):
    session = make(disk)
    os.unlink(disk._file(session.id))
    os.mkfifo(disk._file(session.id))
    with pytest.raises(StorageError):
        disk.load(session.id)
    disk.list()


def test_a_shard_folder_linked_elsewhere_is_not_entered(disk, tmp_path):
    session = make(disk, nom=MARKER)
    shard = disk._shard(session.id)
    elsewhere = tmp_path / "autre-dossier"
    os.replace(shard, elsewhere)
    os.symlink(elsewhere, shard)
    before = sorted(p.name for p in elsewhere.iterdir())
    with pytest.raises(StorageError):
        disk.load(session.id)
    with pytest.raises(StorageError):
        disk.open(session.id)
    disk.purge("1d")
    disk.check(repair=True)
    assert sorted(p.name for p in elsewhere.iterdir()) == before
    assert MARKER in (elsewhere / f"{session.id}.json").read_text()


def test_repair_does_not_move_a_damaged_file_into_a_linked_quarantine(disk, tmp_path):
    session = make(disk)
    disk._file(session.id).write_bytes(b'{"session": {"1": {"tronq')
    elsewhere = tmp_path / "lisible-par-tous"
    elsewhere.mkdir()
    os.symlink(elsewhere, disk.root / "quarantine")
    report = disk.check(repair=True)
    assert list(elsewhere.iterdir()) == [] and report.corrupt
    assert disk._file(session.id).exists()


# --- item 1: index entries ----------------------------------------------------------------

def test_a_recency_entry_linked_elsewhere_never_changes_its_target(disk, outside):
    session = make(disk)
    entry = next(disk.index.recent_dir.glob(f"*/{session.id}"))
    os.unlink(entry)
    os.symlink(outside, entry)
    with disk.open(session.id) as again:                          # same day: the entry is re-dated
        again.save_answer("b", 2)
    assert untouched(outside)
    assert entry.is_file() and not entry.is_symlink()
    os.unlink(entry)
    os.symlink(outside, entry)
    disk.check()
    disk.purge("1d")
    assert untouched(outside)


def test_a_recency_day_linked_elsewhere_gets_nothing_created_in_it(disk, tmp_path):
    session = make(disk)
    day = next(disk.index.recent_dir.glob(f"*/{session.id}")).parent
    elsewhere = tmp_path / "etc"
    elsewhere.mkdir()
    for entry in day.iterdir():
        entry.unlink()
    day.rmdir()
    os.symlink(elsewhere, day)
    with disk.open(session.id) as again:
        again.save_answer("b", 2)
    disk.check(repair=True)
    assert list(elsewhere.iterdir()) == []
    assert disk.list()[0].id == session.id


def test_a_linked_store_file_is_refused(tmp_path, outside):
    from diagnostic.storage.tinydb_store import TinyDBStore
    data = tmp_path / "data"
    data.mkdir()
    os.symlink(outside, data / "store.json")
    with pytest.raises(StorageError) as refused:
        TinyDBStore(data)
    assert "lien" in str(refused.value) and "root:x" not in str(refused.value)   # refused, not read
    assert untouched(outside)


# --- item 6: a code link that names another session ---------------------------------------

def test_one_check_pass_repairs_a_code_link_pointing_at_another_session(disk, capsys):
    a, b = make(disk), make(disk)
    codes = disk.index.codes_dir
    os.unlink(codes / a.retrieval_code)
    os.symlink(b.id, codes / a.retrieval_code)                     # a's code names b
    code, out, err = run(["sessions", "--check", "--data-dir", str(disk.root)], capsys)
    assert code == 0, err
    assert disk.find(a.retrieval_code) == a.id and disk.find(b.retrieval_code) == b.id
    code, out, err = run(["sessions", "--check", "--data-dir", str(disk.root)], capsys)
    assert code == 0 and out.startswith("2 session(s) lisible(s) ; index : 0 correction")
