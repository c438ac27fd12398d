"""`diagnostic kiosk`: refused without a PIN, located errors for bad files, loopback by default."""
from __future__ import annotations

import pytest

from diagnostic.cli import build_parser, main
from diagnostic.ui.kiosk import PIN_VARIABLE

from .conftest import screen_name


def test_there_is_no_default_pin(monkeypatch, capsys, tmp_path):
    monkeypatch.delenv(PIN_VARIABLE, raising=False)
    assert main(["kiosk", "--data-dir", str(tmp_path)]) == 2
    assert "code PIN" in capsys.readouterr().err


@pytest.mark.parametrize("pin", ["12", "abcd", "1234567890123"])
def test_a_pin_is_4_to_12_digits(pin, capsys, tmp_path):
    assert main(["kiosk", "--pin", pin, "--data-dir", str(tmp_path)]) == 2
    assert "4 à 12 chiffres" in capsys.readouterr().err


def test_an_invalid_questionnaire_stops_the_kiosk_with_its_location(tmp_path, monkeypatch, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\nversion: 1\ntitle: Mauvais\nsections: []\n", encoding="utf-8")
    monkeypatch.setenv(PIN_VARIABLE, "2468")
    code = main(["kiosk", str(bad), "--serve", "--port", "1", "--data-dir", str(tmp_path / "d")])
    err = capsys.readouterr().err
    assert code == 1 and "bad.yaml:" in err and "questionnaire invalide" in err


def test_served_on_this_machine_only_unless_told_otherwise():
    args = build_parser().parse_args(["kiosk", "--serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)


@pytest.mark.asyncio
async def test_when_the_files_cannot_be_used_the_kiosk_stops_and_says_why():
    from diagnostic.service import ServiceError
    from diagnostic.ui.kiosk.app import KioskApp

    def prepare():
        raise ServiceError("file_not_found", "q.yaml: fichier introuvable", path="q.yaml")
    app = KioskApp(prepare, pin="2468")
    async with app.run_test() as pilot:
        assert screen_name(app) == "WelcomeScreen"      # drawn before the files are read
        await pilot.pause(0.5)
    assert app.return_code == 1 and isinstance(app.failure, ServiceError)
