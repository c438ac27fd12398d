"""How the console looks (SVG snapshots, pytest-textual-snapshot; Textual is pinned in
pyproject.toml): home, interview and review at 80×24 and 120×40.

After a deliberate change of the look, look at the new pictures and accept them:
    python -m pytest tests/ui/console/test_snapshots.py --snapshot-update
"""
import pytest

from diagnostic.ui.console.app import ConsoleApp
from diagnostic.ui.console.interview import FINDINGS_DELAY

from test_pilot import ANSWERS

SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def app(service, fixed_codes):
    content = service.open_questionnaire()
    service.start(content, reference="DOS-2026-007").close()          # just started
    with service.start(content, reference="DOS-2026-118") as done:    # answered to the end
        done.replay(ANSWERS)
    return ConsoleApp(service)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home(app, snap_compare, size):
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_interview(app, snap_compare, size):
    async def demonstration(pilot):
        await pilot.press("d")
        await pilot.pause(2 * FINDINGS_DELAY)   # the outline and findings, drawn after the question

    assert snap_compare(app, terminal_size=size, run_before=demonstration)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_review(app, snap_compare, size):
    assert snap_compare(app, terminal_size=size, press=["enter", "_"])  # the most recent: finished
