"""The console under test: the real service on a real store in a temporary folder."""
import datetime as dt

import pytest

from diagnostic.service import Service
from diagnostic.storage import codes, open_store

TODAY = dt.date(2026, 11, 27)
MOMENT = dt.datetime(2026, 11, 27, 9, 30, tzinfo=dt.timezone.utc)


@pytest.fixture
def store(tmp_path):
    """A TinyDB store whose clock moves one second at each reading: times and the order of
    sessions (most recent first) are the same at every run."""
    ticks = iter(range(10**9))
    return open_store(tmp_path / "data", clock=lambda: MOMENT + dt.timedelta(seconds=next(ticks)))


@pytest.fixture
def service(store):
    return Service(store, front="console", today=TODAY)


@pytest.fixture
def fixed_codes(monkeypatch):
    """Retrieval codes in creation order (AAAA-AAAA-A2, …), for pictures that do not change."""
    made = iter(range(1, 1000))
    monkeypatch.setattr(codes, "new_code", lambda: f"{'A' * 9}{codes.ALPHABET[next(made) % 28]}")
    monkeypatch.setenv("TZ", "UTC")
    import time
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
