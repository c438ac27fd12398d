"""File primitives for the on-disk store: atomic replacement and leases.

- `atomic_write(path, data)`: write a temporary file in the same folder,
  fsync it, `os.replace()` it over the target, fsync the folder. A reader, or
  a process restarted after a crash, sees the old bytes or the new ones,
  never a mix or a truncated file. Files are created 0600.
- `Lease`: an exclusive `fcntl.flock` on ``<id>.lock`` next to the session
  file, held for as long as a session is open for writing. The kernel drops
  it when the process dies (even by SIGKILL), so a crash never leaves a
  session stuck. The lock file is removed only by its holder, and a new
  holder checks after locking that the file it locked is still the one at
  that path (else it retries), the usual protocol against the
  unlink-while-waiting race.

POSIX only (fcntl). The data folder must be on a local file system (or one
whose `flock` works across machines).
"""
from __future__ import annotations

import errno
import fcntl
import os
import secrets
import socket
import time
from pathlib import Path

TMP_SUFFIX = ".tmp"
FILE_MODE = 0o600
DIR_MODE = 0o700


def fsync_dir(path: str | os.PathLike) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temp_name(path: Path) -> Path:
    """A unique hidden sibling: ``.<name>.<random>.tmp``."""
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}{TMP_SUFFIX}")


def atomic_write(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace `path` by `data` all at once. With `durable`, the new content
    has reached the disk when this returns (file and folder fsynced)."""
    tmp = temp_name(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    if durable:
        fsync_dir(path.parent)


def ensure_dir(path: Path) -> None:
    if os.path.isdir(path):  # a stat is far cheaper than a failing mkdir
        return
    try:
        os.mkdir(path, DIR_MODE)
    except FileExistsError:
        pass
    except FileNotFoundError:
        os.makedirs(path, DIR_MODE, exist_ok=True)


class LeaseBusy(Exception):
    def __init__(self, holder: str):
        super().__init__(holder)
        self.holder = holder


class Lease:
    """An exclusive, process-crash-safe lock on one lock file."""

    POLL = 0.01

    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None

    def acquire(self, wait: float = 0.0) -> None:
        """Take the lock, waiting up to `wait` seconds; LeaseBusy if still held."""
        deadline = time.monotonic() + max(wait, 0.0)
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                os.close(fd)
                if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise LeaseBusy(self._holder()) from None
                time.sleep(self.POLL)
                continue
            try:  # still the file at that path? (its holder may have removed it)
                same = os.stat(self.path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if not same:
                os.close(fd)
                continue
            self._fd = fd
            try:  # who holds it, for the "busy" message of others
                info = f"processus {os.getpid()} sur {socket.gethostname()} depuis {time.strftime('%H:%M')}"
                os.ftruncate(fd, 0)
                os.pwrite(fd, info.encode(), 0)
            except OSError:
                pass
            return

    def release(self, *, remove: bool = True) -> None:
        """Give the lock back; with `remove`, delete the lock file first (while held)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            if remove:
                try:
                    os.unlink(self.path)
                except FileNotFoundError:
                    pass
        finally:
            os.close(fd)  # closing the last descriptor drops the flock

    def _holder(self) -> str:
        try:
            return self.path.read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            return ""
