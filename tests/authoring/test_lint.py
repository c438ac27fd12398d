"""lint: each warning has a file that triggers it and one that does not; silencing comments."""
import pytest

from diagnostic.authoring.lint import lint

BASE = """\
id: essai
version: 1
title: Essai
rules: [rules.yaml]
sections:
  - id: s
    theme: logement
    title: Logement
    questions:
      - id: tonight
        type: choice
        text: Où dormez-vous ce soir ?
        choices:
          - {value: home, label: Chez moi}
          - {value: friend, label: Chez un proche}
          - {value: street, label: Dans la rue}
      - id: hosted_long
        type: yes_no
        text: Est-ce pour longtemps ?
        when: "tonight == 'friend'"
"""

RULES = """\
actions:
  - id: call_115
    label: Appeler le 115
    theme: logement
    category: logement-hebergement
    providers: [siao_115]
    delay_days: 0
rules:
  - id: no_shelter
    theme: logement
    when: "tonight == 'street'"
    finding: {kind: frein, intensity: fort, label: Sans abri}
    actions: [call_115]
  - id: at_home
    theme: logement
    when: "tonight == 'home'"
    finding: {kind: atout, label: Un logement}
"""

# code -> (change to BASE or RULES that triggers it, file changed)
TRIGGERS = {
    "W501": ("BASE", "when: \"tonight == 'friend'\"", "when: \"tonight == 'friend' and tonight == 'home'\""),
    "W502": ("RULES", "when: \"tonight == 'street'\"", "when: \"tonight == 'street' and not tonight == 'street'\""),
    "W503": ("BASE", "when: \"tonight == 'friend'\"", "when: \"tonight == 'street'\""),
    "W504": ("RULES", "    actions: [call_115]\n", ""),
    "W505": ("BASE", "text: Est-ce pour longtemps ?", "text: Avez-vous des dettes de loyer ?"),
    "W506": ("BASE", "label: Dans la rue}", "label: Dans la rue (appel au SIAO)}"),
    "W507": ("BASE", "text: Est-ce pour longtemps ?", "text: Est-ce que vous pensez pouvoir rester chez ce "
             "proche pendant encore plusieurs semaines ou plusieurs mois sans que cela pose de problème ?"),
    "W508": ("BASE", "text: Est-ce pour longtemps ?", "text: Êtes-vous hébergé pour longtemps ?"),
    "W509": ("PO", "", ""),
}
# the same places written so that nothing is said
CLEAN = {
    "W505": ("BASE", "text: Est-ce pour longtemps ?", "text: Avez-vous des dettes de loyer ?\n"
             "        sensitive: true\n        decline: true"),
    "W506": ("BASE", "label: Dans la rue}", "label: Dans la rue (appel au SIAO), help: \"Le SIAO (service "
             "intégré d'accueil et d'orientation) trouve un hébergement.\"}"),
    "W508": ("BASE", "text: Est-ce pour longtemps ?", "text: Êtes-vous hébergé·e pour longtemps ?"),
}


def write(tmp_path, base=BASE, rules=RULES):
    (tmp_path / "q.yaml").write_text(base, encoding="utf-8")
    (tmp_path / "rules.yaml").write_text(rules, encoding="utf-8")
    return [str(tmp_path / "q.yaml")]


def codes(tmp_path, base=BASE, rules=RULES):
    return [p.code for p in lint(write(tmp_path, base, rules)).problems]


def changed(which, old, new):
    base, rules = BASE, RULES
    if which == "BASE":
        assert old in base
        base = base.replace(old, new)
    elif which == "RULES":
        assert old in rules
        rules = rules.replace(old, new)
    return base, rules


def test_the_base_file_is_clean(tmp_path):
    assert codes(tmp_path) == []


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_each_warning_is_triggered(tmp_path, code):
    which, old, new = TRIGGERS[code]
    if which == "PO":
        translated = {"en": ["Logement", "Où dormez-vous ce soir ?", "Chez moi", "Chez un proche", "Dans la rue",
                             "Appeler le 115", "Sans abri", "Un logement"],
                      "uk": ["Logement", "Où dormez-vous ce soir ?", "Chez moi", "Chez un proche", "Dans la rue",
                             "Appeler le 115", "Un logement"]}
        for lang, done in translated.items():
            po = tmp_path / "locales" / lang / "LC_MESSAGES"
            po.mkdir(parents=True)
            (po / "questionnaires.po").write_text(
                'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                + "".join(f'msgid "{t}"\nmsgstr "{t} ({lang})"\n\n' for t in done)
                + 'msgid "Est-ce pour longtemps ?"\nmsgstr ""\n\n', encoding="utf-8")
        found = lint(write(tmp_path)).problems
        assert [(p.code, p.location.path.split("/")[-1], p.location.line, p.message) for p in found] == [
            ("W509", "q.yaml", 19, "texte sans traduction (en, uk)"),    # an empty msgstr is no translation
            ("W509", "rules.yaml", 12, "texte sans traduction (uk)")]    # a finding's label, in a rule file
        return
    found = lint(write(tmp_path, *changed(which, old, new))).problems
    assert [p.code for p in found] == [code], [str(p) for p in found]
    assert found[0].severity == "warning"


@pytest.mark.parametrize("code", sorted(CLEAN))
def test_the_same_text_written_well_is_not_warned(tmp_path, code):
    assert codes(tmp_path, *changed(*CLEAN[code])) == []


def test_a_warning_is_silenced_on_its_line(tmp_path):
    base, rules = changed("BASE", "text: Est-ce pour longtemps ?", "text: Êtes-vous hébergé pour longtemps ?")
    assert codes(tmp_path, base, rules) == ["W508"]
    quiet = base.replace("hébergé pour longtemps ?", "hébergé pour longtemps ?  # lint: ignore W508")
    assert codes(tmp_path, quiet, rules) == []
    other = base.replace("hébergé pour longtemps ?", "hébergé pour longtemps ?  # lint: ignore W507")
    assert codes(tmp_path, other, rules) == ["W508"], "only the codes named are silenced"
    every = base.replace("hébergé pour longtemps ?", "hébergé pour longtemps ?  # lint: ignore")
    assert codes(tmp_path, every, rules) == []


def test_lint_command_output_and_exit_codes(tmp_path, cli):
    write(tmp_path, *changed(*TRIGGERS["W501"]))
    out = cli("lint", "q.yaml")
    assert out.returncode == 1
    assert out.stdout.splitlines() == [
        "q.yaml:17:9: W501 la question 'hosted_long' ne peut jamais être posée : aucune combinaison de "
        "réponses ne rend sa condition vraie",
        "0 erreur(s) et 1 avertissement(s) dans 1 fichier(s) sur 1"]
    write(tmp_path)
    assert (cli("lint", "q.yaml").returncode, cli("lint", "q.yaml").stdout) == (0, "le fichier est valide\n")


def test_lint_skips_files_that_do_not_load(tmp_path, cli):
    write(tmp_path, BASE.replace("tonight == 'friend'", "tonigth == 'friend'"))
    out = cli("lint", "q.yaml")
    assert out.stdout.splitlines()[0] == ("q.yaml: avertissements non cherchés : ce questionnaire ou ses règles "
                                          "ont des erreurs ; lancez d'abord validate")


def test_never_true_is_found_through_names_that_cannot_be_enumerated():
    from pathlib import Path

    from diagnostic.authoring.reach import can_be_true
    from diagnostic.expressions import parse
    from diagnostic.loading import load_questionnaire
    q = load_questionnaire(Path(__file__).resolve().parents[1] / "fixtures" / "diagnostic" / "logis" / "logis.yaml")
    assert can_be_true([parse("tonight == 'street'")], q) is True
    assert can_be_true([parse("tonight == 'street' and arrears_amount > 3")], q) is None, "depends on the amount"
    assert can_be_true([parse("tonight == 'street' and tonight == 'own_home' and arrears_amount > 3")], q) is False
    assert can_be_true([parse("rent_arrears"), parse("not rent_arrears")], q) is False, "conditions hold together"
