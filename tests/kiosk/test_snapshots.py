"""The kiosk's look, at 80×24 and full screen (120×40): welcome, a question, the end.

Update after a deliberate change of the look with
`python -m pytest tests/kiosk/test_snapshots.py --snapshot-update`, then look at
the SVG files in tests/kiosk/__snapshots__/ before committing them.
"""
from __future__ import annotations

import pytest

from diagnostic.storage import codes

from .conftest import STREET, scenario, start, walk

SIZES = [(80, 24), (120, 40)]


@pytest.fixture(autouse=True)
def same_code(monkeypatch):
    """The same retrieval code on every run, so that the end screen can be compared."""
    monkeypatch.setattr(codes, "new_code", lambda: "ACDE2345XY")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_welcome(size, make_app, snap_compare):
    assert snap_compare(make_app(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_question(size, make_app, snap_compare):
    async def tonight(pilot):
        await start(pilot, "en")
        await walk(pilot, scenario(STREET), until="housing_difficulty")  # "where will you sleep tonight?"
    assert snap_compare(make_app(), terminal_size=size, run_before=tonight)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_end(size, make_app, snap_compare):
    async def finished(pilot):
        await start(pilot, "fr")
        pilot.app.interview.replay(scenario(STREET))   # the answers, at once
        pilot.app.draw()
        await pilot.pause()
    assert snap_compare(make_app(), terminal_size=size, run_before=finished)
