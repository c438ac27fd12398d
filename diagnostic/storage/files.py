"""File primitives for the on-disk store: folders reached without links,
atomic replacement and leases.

- `Folder`: a directory under the data folder, opened by descriptor one
  component at a time with ``O_NOFOLLOW``; every file below it is opened,
  renamed, unlinked or stat'ed *relative to that descriptor*, never by path,
  and never through a link. A planted symbolic link (or a hard link, or a
  FIFO) where the product expects its own file is refused with
  `UnsafeFileError`: nothing is read, written, truncated or touched through
  it. Only the data folder itself is reached by its path (the administrator
  chose it; it may be a link).
- `Folder.write_atomic(name, data)`: write a temporary file in the same
  folder, fsync it, rename it over the target, fsync the folder. A reader,
  or a process restarted after a crash, sees the old bytes or the new ones,
  never a mix or a truncated file. Files are 0600 whatever the umask.
- `Lease`: an exclusive `fcntl.flock` on ``<id>.lock`` next to the session
  file, held for as long as a session is open for writing. The kernel drops
  it when the process dies (even by SIGKILL), so a crash never leaves a
  session stuck. The lock file is removed only by its holder, and a new
  holder checks after locking that the file it locked is still the one at
  that name (else it retries), the usual protocol against the
  unlink-while-waiting race.

POSIX only (fcntl, ``dir_fd``). The data folder must be on a local file
system (or one whose `flock` works across machines).
"""
from __future__ import annotations

import errno
import fcntl
import os
import secrets
import socket
import stat
import time
from pathlib import Path

from .errors import UnsafeFileError

TMP_SUFFIX = ".tmp"
FILE_MODE = 0o600
DIR_MODE = 0o700
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
# O_NONBLOCK: opening a FIFO planted in place of a file must not hang (no effect on files)
_FILE_FLAGS = os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK
_LINK_ERRNOS = (errno.ELOOP, errno.ENOTDIR, errno.EMLINK)


def refusal(path: Path, what: str = "n'est pas un fichier ordinaire") -> UnsafeFileError:
    """The error (and message) for a link or special file where the product keeps its own."""
    return UnsafeFileError(
        f"{path} {what} (lien symbolique, lien physique ou fichier spécial déposé dans le "
        "dossier de données) : refusé, rien n'a été lu ni écrit à travers. Supprimez-le ou "
        "lancez « diagnostic sessions --check --repair »")


class Folder:
    """An open directory of the data folder; its files are reached by name only.

    ``Folder(root, "sessions", "ab", create=True)`` opens `root` by its path,
    then each part with ``O_NOFOLLOW | O_DIRECTORY`` (creating it 0700 if
    asked). A part that is a link or not a folder raises `UnsafeFileError`;
    a missing one `FileNotFoundError`. Use as a context manager."""

    fd: int | None = None

    def __init__(self, root: str | os.PathLike, *parts: str, create: bool = False):
        self.path = Path(root).joinpath(*parts)
        if create and not parts:
            os.makedirs(root, DIR_MODE, exist_ok=True)
        fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        where = Path(root)
        for name in parts:
            where = where / name
            fd = self._step(fd, name, where, create)
        self.fd = fd

    @staticmethod
    def _step(fd: int, name: str, where: Path, create: bool) -> int:
        """The descriptor of `name` in the folder `fd`, which is closed in any case."""
        try:
            try:
                child = os.open(name, _DIR_FLAGS, dir_fd=fd)
            except FileNotFoundError:
                if not create:
                    raise
                try:
                    os.mkdir(name, DIR_MODE, dir_fd=fd)
                except FileExistsError:
                    pass
                child = os.open(name, _DIR_FLAGS, dir_fd=fd)
        except OSError as exc:
            if exc.errno in _LINK_ERRNOS:
                raise refusal(where, "n'est pas un dossier ordinaire") from None
            raise
        finally:
            os.close(fd)
        return child

    def sub(self, name: str, *, create: bool = False) -> "Folder":
        """A folder inside this one, by the same rules."""
        child = Folder.__new__(Folder)
        child.path = self.path / name
        child.fd = self._step(os.dup(self.fd), name, child.path, create)
        return child

    # --- files ----------------------------------------------------------------------
    def open(self, name: str, flags: int, mode: int = FILE_MODE) -> int:
        """A descriptor on a regular file with one link, never through a link."""
        try:
            fd = os.open(name, flags | _FILE_FLAGS, mode, dir_fd=self.fd)
        except OSError as exc:
            if exc.errno in _LINK_ERRNOS:
                raise refusal(self.path / name) from None
            raise
        try:
            st = os.fstat(fd)
            # nlink 0: replaced (renamed over) since we opened it, still a whole old version
            if not stat.S_ISREG(st.st_mode) or st.st_nlink > 1:
                raise refusal(self.path / name)
            os.set_blocking(fd, True)
            if flags & os.O_CREAT and stat.S_IMODE(st.st_mode) != FILE_MODE:
                os.fchmod(fd, FILE_MODE)  # 0600 under any umask
        except BaseException:
            os.close(fd)
            raise
        return fd

    def read(self, name: str) -> bytes:
        fd = self.open(name, os.O_RDONLY)
        try:
            chunks = []
            while chunk := os.read(fd, 1 << 16):
                chunks.append(chunk)
            return b"".join(chunks)
        finally:
            os.close(fd)

    def write_atomic(self, name: str, data: bytes, *, durable: bool = True) -> None:
        """Replace `name` by `data` all at once. With `durable`, the new content
        has reached the disk when this returns (file and folder fsynced)."""
        tmp = f".{name}.{secrets.token_hex(4)}{TMP_SUFFIX}"
        fd = self.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
        try:
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
                if durable:
                    os.fsync(fd)
            finally:
                os.close(fd)
            os.rename(tmp, name, src_dir_fd=self.fd, dst_dir_fd=self.fd)  # replaces a link, never follows it
        except BaseException:
            self.unlink(tmp)
            raise
        if durable:
            os.fsync(self.fd)

    def lstat(self, name: str) -> os.stat_result | None:
        try:
            return os.stat(name, dir_fd=self.fd, follow_symlinks=False)
        except FileNotFoundError:
            return None

    def is_file(self, name: str) -> bool:
        """A regular file is there (a link or anything else is not)."""
        st = self.lstat(name)
        return st is not None and stat.S_ISREG(st.st_mode)

    def unlink(self, name: str) -> bool:
        """Remove an entry (a link is removed itself, its target is untouched)."""
        try:
            os.unlink(name, dir_fd=self.fd)
            return True
        except FileNotFoundError:
            return False

    def scandir(self) -> list[os.DirEntry]:
        """Entries; use ``entry.stat(follow_symlinks=False)`` and ``entry.is_dir(follow_symlinks=False)``."""
        with os.scandir(self.fd) as entries:
            return list(entries)

    def names(self) -> list[str]:
        return os.listdir(self.fd)

    def fsync(self) -> None:
        os.fsync(self.fd)

    def close(self) -> None:
        fd, self.fd = self.fd, None
        if fd is not None:
            os.close(fd)

    def __enter__(self) -> "Folder":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self):
        self.close()


def remove_entry(root: str | os.PathLike, path: str | os.PathLike) -> bool:
    """Unlink one entry below `root` (a link itself, never its target)."""
    parts = Path(path).relative_to(root).parts
    with Folder(root, *parts[:-1]) as folder:
        return folder.unlink(parts[-1])


class LeaseBusy(Exception):
    def __init__(self, holder: str):
        super().__init__(holder)
        self.holder = holder


class Lease:
    """An exclusive, process-crash-safe lock on one lock file of a folder.

    The lease owns `folder` from `acquire` on: `release` closes it."""

    POLL = 0.01

    def __init__(self, folder: Folder, name: str):
        self.folder = folder
        self.name = name
        self._fd: int | None = None

    @property
    def path(self) -> Path:
        return self.folder.path / self.name

    def acquire(self, wait: float = 0.0) -> None:
        """Take the lock, waiting up to `wait` seconds; LeaseBusy if still held,
        UnsafeFileError if the lock file is a link or not a regular file."""
        deadline = time.monotonic() + max(wait, 0.0)
        while True:
            fd = self.folder.open(self.name, os.O_RDWR | os.O_CREAT)
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
            # still the file at that name? (its holder may have removed it)
            st = self.folder.lstat(self.name)
            if st is None or st.st_ino != os.fstat(fd).st_ino:
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
        try:
            if fd is not None:
                try:
                    if remove:
                        self.folder.unlink(self.name)
                finally:
                    os.close(fd)  # closing the last descriptor drops the flock
        finally:
            self.folder.close()

    def _holder(self) -> str:
        try:
            fd = self.folder.open(self.name, os.O_RDONLY)
        except (OSError, UnsafeFileError):
            return ""
        try:
            return os.read(fd, 200).decode("utf-8", errors="replace").strip()
        except OSError:
            return ""
        finally:
            os.close(fd)
