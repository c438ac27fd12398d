"""Catalogues: a translator per language, compiled from the .po files, French as the fallback."""
import builtins
import textwrap
import tomllib
from pathlib import Path

import pytest

from diagnostic.expressions import DONT_KNOW
from diagnostic.i18n import LANGUAGES, Formatter, catalogue, interface_language, locales_dir

ROOT = Path(__file__).resolve().parents[2]


def test_the_interface_languages_are_named_in_their_own_language():
    assert LANGUAGES == {"fr": "Français", "en": "English", "uk": "Українська"}


def test_each_formatter_speaks_its_own_language_in_one_process():
    fr, en, uk = Formatter("fr"), Formatter("en"), Formatter("uk")
    assert [f.theme("logement") for f in (fr, en, uk)] == ["Logement", "Housing", "Житло"]
    assert [f.status("frein", "fort") for f in (fr, en, uk)] == ["Frein fort", "Major obstacle", "Серйозна перешкода"]
    assert uk.answer(DONT_KNOW) == "Не знає" and en.yes_no(False) == "No"
    assert fr.theme("logement") == "Logement"        # after the others: nothing was installed globally
    assert not hasattr(builtins, "_")


def test_a_regional_locale_gets_its_language_words_and_its_own_dates():
    gb = Formatter("en_GB")
    assert gb.lang == "en" and gb.theme("sante") == "Health"
    assert gb.date("2026-03-04") == "4 March 2026"
    assert Formatter("de").lang == "fr" and Formatter("de").theme("sante") == "Santé"
    assert interface_language("uk-UA") == "uk" and interface_language(None) == "fr"


def test_a_message_without_translation_is_shown_in_french():
    assert Formatter("uk").gettext("Une phrase que personne n'a traduite.") == "Une phrase que personne n'a traduite."
    assert Formatter("en").content("Avez-vous un logement ?") == "Avez-vous un logement ?"
    assert Formatter("en").gettext("") == "" and Formatter("en").content(None) == ""   # never the .po header


def _catalogue(tmp_path, monkeypatch, lang, body):
    folder = tmp_path / "locales" / lang / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "diagnostic.po").write_text(textwrap.dedent(body), encoding="utf-8")
    monkeypatch.setenv("DIAGNOSTIC_LOCALES", str(tmp_path / "locales"))


def test_fuzzy_and_empty_entries_fall_back_to_french_plural_forms_and_contexts_work(tmp_path, monkeypatch):
    _catalogue(tmp_path, monkeypatch, "uk", r'''
        msgid ""
        msgstr ""
        "Content-Type: text/plain; charset=utf-8\n"
        "Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n"

        msgid "Bonjour"
        msgstr "Вітаю"

        #, fuzzy
        msgid "Au revoir"
        msgstr "Старий переклад"

        msgid "Merci"
        msgstr ""

        msgid "{n} réponse"
        msgid_plural "{n} réponses"
        msgstr[0] "{n} відповідь"
        msgstr[1] "{n} відповіді"
        msgstr[2] "{n} відповідей"

        msgctxt "statut"
        msgid "Non"
        msgstr "Ні (статус)"
        ''')
    uk = Formatter("uk")
    assert uk.gettext("Bonjour") == "Вітаю"
    assert uk.gettext("Au revoir") == "Au revoir"     # fuzzy: not trusted
    assert uk.gettext("Merci") == "Merci"
    assert [uk.ngettext("{n} réponse", "{n} réponses", n).format(n=n) for n in (1, 3, 5, 21)] == [
        "1 відповідь", "3 відповіді", "5 відповідей", "21 відповідь"]
    assert uk.pgettext("statut", "Non") == "Ні (статус)" and uk.gettext("Non") == "Non"
    assert catalogue("uk") is catalogue("uk-UA")    # compiled once, shared


def test_no_compiled_catalogue_is_kept_in_the_tree():
    assert locales_dir() == ROOT / "locales"
    assert list((ROOT / "locales").rglob("*.mo")) == []
    assert {p.parent.parent.name for p in (ROOT / "locales").glob("*/LC_MESSAGES/*.po")} == set(LANGUAGES) - {"fr"}


def test_a_wheel_installs_every_catalogue_folder():
    data_files = {target: patterns for target, patterns in
                  tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["data-files"].items()
                  if target.startswith("share/diagnostic/locales/")}   # beside the shipped questionnaires
    folders = {str(p.parent.relative_to(ROOT)) for p in (ROOT / "locales").glob("*/LC_MESSAGES/*.po")}
    assert {target.removeprefix("share/diagnostic/") for target in data_files} == folders
    for target, patterns in data_files.items():
        assert patterns == [f"{target.removeprefix('share/diagnostic/')}/*.po"]


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_every_interface_word_of_the_formatter_is_translated(lang):
    from diagnostic.model import INTENSITIES, PATHWAYS, PROVIDERS, THEMES
    fmt = Formatter(lang)
    for words in (THEMES, PATHWAYS, PROVIDERS, INTENSITIES):
        for french in words.values():
            assert fmt.gettext(french) != french, french
