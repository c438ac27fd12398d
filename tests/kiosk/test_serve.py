"""`kiosk --serve` in a real headless Chromium: one kiosk process per browser, none left behind.

Chromium is Debian's (`apt-get install chromium`), driven by Playwright through
`executable_path` (Playwright's own browser download is not used).
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from diagnostic.service import Service
from diagnostic.storage import open_store

from .conftest import PIN, ROOT

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
         "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (the kiosk processes of the server)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def until(condition, what: str, limit: float = 60.0):
    """Wait for something that must happen (not a speed check: the limit only stops a hang)."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if result := condition():
            return result
        time.sleep(0.1)
    raise AssertionError(f"never happened: {what}")


@pytest.fixture
def server(tmp_path):
    port, data = free_port(), tmp_path / "data"
    env = dict(os.environ, DIAGNOSTIC_KIOSK_PIN=PIN, PYTHONPATH=str(ROOT))
    process = subprocess.Popen(
        [sys.executable, "main.py", "kiosk", "--serve", "--port", str(port), "--data-dir", str(data),
         "--today", "2026-11-27"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def listening():
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return True
        except OSError:
            return process.poll() is not None   # it died: stop waiting, the test fails below
    until(listening, "the server listens")
    assert process.poll() is None
    yield process, port, data
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def open_kiosk(p, port: int, profile: Path):
    """A browser of its own (a fresh profile), showing the kiosk's page."""
    browser = p.chromium.launch_persistent_context(
        user_data_dir=str(profile), executable_path=CHROMIUM, args=FLAGS,
        viewport={"width": 1024, "height": 768})
    page = browser.pages[0] if browser.pages else browser.new_page()
    page.goto(f"http://127.0.0.1:{port}/")
    page.wait_for_selector("body.-first-byte")     # the kiosk drew its first screen
    page.click("#terminal")                          # the person touches the screen
    return browser, page


def stored(data: Path) -> list:
    return Service(open_store(data), front="command").sessions()


def test_two_browsers_two_sessions_and_closing_a_page_ends_its_process(server, tmp_path):
    process, port, data = server
    with playwright.sync_playwright() as p:
        one, first = open_kiosk(p, port, tmp_path / "profile-1")
        until(lambda: len(children(process.pid)) == 1, "a kiosk process for the first browser")
        two, second = open_kiosk(p, port, tmp_path / "profile-2")
        until(lambda: len(children(process.pid)) == 2, "a second kiosk process for the second browser")

        for n, (page, language) in enumerate(((first, "1"), (second, "2")), 1):
            page.keyboard.press(language)
            page.wait_for_timeout(1000)                   # the notice appears, takes keys after SETTLE_TIME
            page.keyboard.press("1")                      # "I agree": the session is stored
            until(lambda: len(stored(data)) == n, "the session is created")
            page.wait_for_timeout(1000)                   # the first question appears, takes keys after SETTLE_TIME
            page.keyboard.press("4")                      # one answer
        until(lambda: sorted(s.answer_count for s in stored(data)) == [1, 1], "one answer in each session")
        first.screenshot(path=str(tmp_path / "served.png"))

        first.close()
        until(lambda: len(children(process.pid)) == 1, "the first kiosk process ends with its page")
        two.close()                                       # the whole second browser goes away
        until(lambda: not children(process.pid), "no kiosk process left")
        one.close()

    sessions = stored(data)
    assert len({s.retrieval_code for s in sessions}) == 2
    assert sorted(s.locale for s in sessions) == ["en", "fr"]
    assert {s.status for s in sessions} == {"abandoned"} and {s.mode for s in sessions} == {"kiosk"}
    assert process.poll() is None                      # the server itself goes on serving
