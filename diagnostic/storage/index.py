"""A small index made of directory entries, never rewritten as a whole.

```
index/codes/<CODE>             symlink whose target text is the session id
index/recent/<YYYY-MM-DD>/<id> empty file in the bucket of the day of last
                               contact (UTC); its mtime is that moment
```

- Find by code: one `readlink`. Claiming a code is one `symlink()`, which
  is atomic and fails if the code exists: uniqueness across processes
  without a lock. A code link is only ever *read* (its text is checked to
  be a session id), never followed.
- The 50 most recent: list the day buckets newest first and stat the
  entries of the first few. A save moves the entry with one `rename`
  (atomic) when the day changes, else sets its mtime through a descriptor
  opened without following links: a link planted in place of an entry is
  removed and replaced, its target untouched.
- Retention: the buckets older than the cutoff hold the candidates.

Every folder is reached through `files.Folder` (no link followed). Nothing
here holds personal data (ids and codes only), and every entry can be
rebuilt from the session files (`TinyDBStore.check`). Symlinks to a few
bytes cost an inode and no data block.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import stat
from pathlib import Path
from typing import Iterator

from .errors import UnsafeFileError
from .files import Folder

_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def stamp_ns(stamp: str) -> int:
    moment = dt.datetime.fromisoformat(stamp)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return (moment - _EPOCH) // dt.timedelta(microseconds=1) * 1000


def day_of(stamp: str) -> str:
    """The UTC day of a stored timestamp (they are stored in UTC)."""
    return stamp[:10]


class FsIndex:
    """The index of the data folder `base` (in ``base/index``)."""

    def __init__(self, base: Path, name: str = "index"):
        self.base = Path(base)
        self.name = name
        self.root = self.base / name
        self.codes_dir = self.root / "codes"
        self.recent_dir = self.root / "recent"

    def _folder(self, *parts: str, create: bool = False) -> Folder:
        return Folder(self.base, self.name, *parts, create=create)

    def exists(self) -> bool:
        try:
            for part in ("codes", "recent"):
                self._folder(part).close()
        except FileNotFoundError:
            return False
        return True

    def ensure(self) -> None:
        for part in ("codes", "recent"):
            self._folder(part, create=True).close()

    # --- codes -------------------------------------------------------------------
    def claim_code(self, code: str, session_id: str, *, durable: bool = True) -> bool:
        """Bind `code` to `session_id`; False if the code is taken."""
        with self._folder("codes") as folder:
            try:
                os.symlink(session_id, code, dir_fd=folder.fd)
            except FileExistsError:
                return False
            if durable:
                folder.fsync()
        return True

    def code_target(self, code: str) -> str | None:
        try:
            with self._folder("codes") as folder:
                return os.readlink(code, dir_fd=folder.fd)
        except OSError:  # missing, or not a link (nothing of ours)
            return None

    def drop_code(self, code: str, session_id: str | None = None) -> None:
        if session_id is not None and self.code_target(code) != session_id:
            return
        try:
            with self._folder("codes") as folder:
                folder.unlink(code)
        except FileNotFoundError:
            pass

    def iter_codes(self) -> Iterator[tuple[str, str]]:
        try:
            with self._folder("codes") as folder:
                pairs = []
                for entry in folder.scandir():
                    try:
                        pairs.append((entry.name, os.readlink(entry.name, dir_fd=folder.fd)))
                    except OSError:
                        continue
        except FileNotFoundError:
            return
        yield from pairs

    def drop_codes_of(self, session_id: str) -> None:
        for code, target in list(self.iter_codes()):
            if target == session_id:
                self.drop_code(code, session_id)

    # --- recency -------------------------------------------------------------------
    @staticmethod
    def _stamp(folder: Folder, session_id: str, ns: int) -> None:
        """Create or re-date the entry through a descriptor, never through a link."""
        try:
            fd = folder.open(session_id, os.O_WRONLY | os.O_CREAT)
        except UnsafeFileError:  # a planted link or FIFO: remove it (its target is untouched)
            folder.unlink(session_id)
            fd = folder.open(session_id, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
        try:
            os.utime(fd, ns=(ns, ns))
        finally:
            os.close(fd)

    def touch(self, session_id: str, stamp: str, previous: str | None = None) -> None:
        """Put the session's entry in the bucket of `stamp` with that mtime."""
        day = day_of(stamp)
        with self._folder("recent", day, create=True) as folder:
            if previous is not None and day_of(previous) != day:
                try:
                    with self._folder("recent", day_of(previous)) as old:
                        os.rename(session_id, session_id, src_dir_fd=old.fd, dst_dir_fd=folder.fd)
                except (FileNotFoundError, UnsafeFileError):
                    pass
            self._stamp(folder, session_id, stamp_ns(stamp))

    def has_entry(self, day: str, session_id: str) -> bool:
        """The session's entry in that bucket is there, and a plain file."""
        try:
            with self._folder("recent", day) as folder:
                return folder.is_file(session_id)
        except (FileNotFoundError, UnsafeFileError):
            return False

    def drop_recent(self, session_id: str, stamp: str | None = None) -> None:
        """Remove the session's entry (from `stamp`'s bucket, else from any)."""
        days = [day_of(stamp)] if stamp is not None else []
        for day in days + self.days():
            try:
                with self._folder("recent", day) as folder:
                    if folder.unlink(session_id) and stamp is not None:
                        return
            except (FileNotFoundError, UnsafeFileError):
                pass

    def days(self, *, newest_first: bool = True) -> list[str]:
        """The day buckets (real folders only: a planted link is not one)."""
        try:
            with self._folder("recent") as folder:
                names = [e.name for e in folder.scandir()
                         if _DAY_RE.match(e.name) and e.is_dir(follow_symlinks=False)]
        except FileNotFoundError:
            return []
        return sorted(names, reverse=newest_first)

    def entries(self, day: str) -> list[tuple[int, str]]:
        """(mtime_ns, session_id) of one bucket, newest first."""
        out = []
        try:
            with self._folder("recent", day) as folder:
                scan = folder.scandir()
                for entry in scan:
                    try:
                        out.append((entry.stat(follow_symlinks=False).st_mtime_ns, entry.name))
                    except FileNotFoundError:
                        continue
        except (FileNotFoundError, UnsafeFileError):
            return out
        out.sort(reverse=True)
        return out

    def iter_recent(self) -> Iterator[str]:
        """Session ids, most recent contact first (each once)."""
        seen: set[str] = set()
        for day in self.days():
            for _, session_id in self.entries(day):
                if session_id not in seen:
                    seen.add(session_id)
                    yield session_id

    def drop_entry(self, day: str, session_id: str) -> bool:
        try:
            with self._folder("recent", day) as folder:
                return folder.unlink(session_id)
        except (FileNotFoundError, UnsafeFileError):
            return False

    def prune_day(self, day: str) -> None:
        try:
            with self._folder("recent") as folder:
                os.rmdir(day, dir_fd=folder.fd)
        except OSError:
            pass  # not empty, or already gone

    def planted(self) -> list[Path]:
        """Links and special files where the index keeps plain entries or day folders."""
        found: list[Path] = []
        try:
            with self._folder("recent") as recent:
                for entry in recent.scandir():
                    if not entry.is_dir(follow_symlinks=False):
                        found.append(self.recent_dir / entry.name)
                        continue
                    with recent.sub(entry.name) as day:
                        found += [self.recent_dir / entry.name / item.name for item in day.scandir()
                                  if not stat.S_ISREG(item.stat(follow_symlinks=False).st_mode)]
        except FileNotFoundError:
            pass
        return found
