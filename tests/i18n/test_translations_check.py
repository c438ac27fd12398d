"""`translations`: translated, missing and stale messages, per language and domain."""
import shutil
import subprocess
import sys
from pathlib import Path

from diagnostic.commands.translations import check, extracted

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "i18n"


def _copy(tmp_path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "q", ignore=shutil.ignore_patterns("answers"))
    return tmp_path / "q"


def test_a_complete_catalogue_has_nothing_missing_or_stale(tmp_path):
    q = _copy(tmp_path)
    for lang in ("en", "uk"):
        report = check(lang, "questionnaires", extracted("questionnaires", [q]), q / "locales")
        assert (report.translated, report.missing, report.stale) == (30, [], [])


def test_a_french_text_changed_since_its_translation_is_stale_before_and_after_update(tmp_path):
    q = _copy(tmp_path)
    logis = q / "logis.yaml"
    logis.write_text(logis.read_text().replace("Combien devez-vous ?", "Combien devez-vous en tout ?")
                     .replace("Voulez-vous ajouter", "Souhaitez-vous ajouter"))
    sources = extracted("questionnaires", [q])
    report = check("uk", "questionnaires", sources, q / "locales")
    assert sorted(report.stale) == ["Combien devez-vous en tout ?",
                                    "Souhaitez-vous ajouter quelque chose sur votre logement ?"]
    assert report.missing == [] and report.translated == 28
    # what a translator does next: extract and update; the changed texts come back fuzzy
    pot = tmp_path / "questionnaires.pot"
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po
    template = Catalog()
    for key in sources:
        template.add(key)
    write_po(pot.open("wb"), template)
    po = q / "locales" / "uk" / "LC_MESSAGES" / "questionnaires.po"
    catalog = read_po(po.open("rb"), locale="uk")
    catalog.update(read_po(pot.open("rb")))
    write_po(po.open("wb"), catalog)
    assert catalog["Combien devez-vous en tout ?"].fuzzy
    after = check("uk", "questionnaires", extracted("questionnaires", [q]), q / "locales")
    assert sorted(after.stale) == sorted(report.stale) and after.translated == 28


def test_a_text_added_without_translation_is_missing(tmp_path):
    q = _copy(tmp_path)
    logis = q / "logis.yaml"
    logis.write_text(logis.read_text().replace("          - {value: a_lot, label: Beaucoup}",
                                               "          - {value: a_lot, label: Beaucoup}\n"
                                               "          - {value: total, label: Complètement}"))
    report = check("en", "questionnaires", extracted("questionnaires", [q]), q / "locales")
    assert report.missing == ["Complètement"] and report.stale == []


def test_the_command_reports_each_domain_and_fails_on_an_incomplete_one(tmp_path):
    def run(*args, locales=None):
        env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", **({"DIAGNOSTIC_LOCALES": str(locales)} if locales else {})}
        return subprocess.run([sys.executable, "main.py", "translations", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True)
    shipped = run()
    assert [line.split("\t")[:2] for line in shipped.stdout.splitlines()] == [
        ["en", "diagnostic"], ["uk", "diagnostic"], ["en", "questionnaires"], ["uk", "questionnaires"],
        ["en", "authoring"]]                                  # validate's messages: French and English
    complete = all("\tmissing 0\tstale 0" in line for line in shipped.stdout.splitlines())
    assert shipped.returncode == (0 if complete else 1), shipped.stdout
    content = run("--domain", "questionnaires", "--domain", "authoring")
    assert content.returncode == 0, content.stdout        # what CI gates on (.ci/run)
    # a language whose questionnaire catalogue is missing: that domain fails, the interface does not
    shutil.copytree(ROOT / "locales", tmp_path / "locales")
    (tmp_path / "locales" / "uk" / "LC_MESSAGES" / "questionnaires.po").unlink()
    missing = run("--domain", "questionnaires", "--lang", "uk", "--details", locales=tmp_path / "locales")
    assert missing.returncode == 1
    assert "missing: Où allez-vous dormir ce soir ?" in missing.stdout
    assert run("--domain", "authoring", locales=tmp_path / "locales").returncode == 0
