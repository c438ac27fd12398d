"""A small index made of directory entries, never rewritten as a whole.

```
index/codes/<CODE>             symlink whose target text is the session id
index/recent/<YYYY-MM-DD>/<id> empty file in the bucket of the day of last
                               contact (UTC); its mtime is that moment
```

- Find by code: one `readlink`. Claiming a code is one `symlink()`, which
  is atomic and fails if the code exists: uniqueness across processes
  without a lock.
- The 50 most recent: list the day buckets newest first and stat the
  entries of the first few. A save moves the entry with one `rename`
  (atomic) when the day changes, else sets its mtime.
- Retention: the buckets older than the cutoff hold the candidates.

Nothing here holds personal data (ids and codes only), and every entry can be
rebuilt from the session files (`TinyDBStore.check`). Symlinks to a few bytes
cost an inode and no data block.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Iterator

from .files import ensure_dir, fsync_dir

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
    def __init__(self, root: Path):
        self.root = root
        self.codes_dir = root / "codes"
        self.recent_dir = root / "recent"

    def exists(self) -> bool:
        return self.codes_dir.is_dir() and self.recent_dir.is_dir()

    def ensure(self) -> None:
        for path in (self.root, self.codes_dir, self.recent_dir):
            ensure_dir(path)

    # --- codes -------------------------------------------------------------------
    def claim_code(self, code: str, session_id: str, *, durable: bool = True) -> bool:
        """Bind `code` to `session_id`; False if the code is taken."""
        try:
            os.symlink(session_id, self.codes_dir / code)
        except FileExistsError:
            return False
        if durable:
            fsync_dir(self.codes_dir)
        return True

    def code_target(self, code: str) -> str | None:
        try:
            return os.readlink(self.codes_dir / code)
        except (FileNotFoundError, OSError):
            return None

    def drop_code(self, code: str, session_id: str | None = None) -> None:
        if session_id is not None and self.code_target(code) != session_id:
            return
        try:
            os.unlink(self.codes_dir / code)
        except FileNotFoundError:
            pass

    def iter_codes(self) -> Iterator[tuple[str, str]]:
        try:
            entries = list(os.scandir(self.codes_dir))
        except FileNotFoundError:
            return
        for entry in entries:
            target = self.code_target(entry.name)
            if target is not None:
                yield entry.name, target

    def drop_codes_of(self, session_id: str) -> None:
        for code, target in list(self.iter_codes()):
            if target == session_id:
                self.drop_code(code, session_id)

    # --- recency -------------------------------------------------------------------
    def touch(self, session_id: str, stamp: str, previous: str | None = None) -> None:
        """Put the session's entry in the bucket of `stamp` with that mtime."""
        day = day_of(stamp)
        dest = self.recent_dir / day / session_id
        ns = stamp_ns(stamp)
        if previous is not None and day_of(previous) == day:
            try:
                os.utime(dest, ns=(ns, ns))
                return
            except FileNotFoundError:
                pass
        ensure_dir(self.recent_dir / day)
        moved = False
        if previous is not None and day_of(previous) != day:
            try:
                os.rename(self.recent_dir / day_of(previous) / session_id, dest)
                moved = True
            except FileNotFoundError:
                pass
        if not moved:
            os.close(os.open(dest, os.O_WRONLY | os.O_CREAT, 0o600))
        os.utime(dest, ns=(ns, ns))

    def drop_recent(self, session_id: str, stamp: str | None = None) -> None:
        """Remove the session's entry (from `stamp`'s bucket, else from any)."""
        if stamp is not None:
            try:
                os.unlink(self.recent_dir / day_of(stamp) / session_id)
                return
            except FileNotFoundError:
                pass
        for day in self.days():
            try:
                os.unlink(self.recent_dir / day / session_id)
            except FileNotFoundError:
                pass

    def days(self, *, newest_first: bool = True) -> list[str]:
        try:
            names = [n for n in os.listdir(self.recent_dir) if _DAY_RE.match(n)]
        except FileNotFoundError:
            return []
        return sorted(names, reverse=newest_first)

    def entries(self, day: str) -> list[tuple[int, str]]:
        """(mtime_ns, session_id) of one bucket, newest first."""
        out = []
        try:
            scan = list(os.scandir(self.recent_dir / day))
        except FileNotFoundError:
            return out
        for entry in scan:
            try:
                out.append((entry.stat(follow_symlinks=False).st_mtime_ns, entry.name))
            except FileNotFoundError:
                continue
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

    def prune_day(self, day: str) -> None:
        try:
            os.rmdir(self.recent_dir / day)
        except OSError:
            pass  # not empty, or already gone
