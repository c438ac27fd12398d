"""Authors see every problem, located and coded, and never a traceback."""
import pytest

from diagnostic.errors import LoadError
from diagnostic.loading import load_questionnaire, validate_paths

HEAD = """\
id: mobility
version: 1
title: Se déplacer
sections:
  - id: transport
    theme: mobilite
    title: Vos déplacements
    questions:
"""

GOOD = HEAD + """\
      - id: has_licence
        type: yes_no
        text: Avez-vous le permis de conduire ?
      - id: licence_kind
        type: choice
        when: has_licence
        text: Quel permis avez-vous ?
        choices:
          - {value: b, label: Permis B}
          - {value: foreign, label: Un permis obtenu hors d'Europe}
"""


def problems(write, text, name="q.yaml"):
    write(name, text)
    with pytest.raises(LoadError) as info:
        load_questionnaire(name)
    return [str(p) for p in info.value.problems]


def test_the_issue_example_is_reported_on_the_misspelled_name(write):
    text = GOOD + """\
      - id: commute_minutes
        type: number
        when: "not has_licence_ or licence_kind == 'foreign'"
        text: Combien de temps ?
"""
    assert problems(write, text) == [
        "q.yaml:21:20: E203 question inconnue 'has_licence_' ; vouliez-vous dire 'has_licence' ?"]


def test_a_valid_file_loads(write):
    write("q.yaml", GOOD)
    q = load_questionnaire("q.yaml")
    assert [x.id for x in q.flow] == ["has_licence", "licence_kind"]
    assert q.content_hash.startswith("sha256:")


def test_duplicate_keys_and_yaml11_booleans(write):
    text = GOOD.replace("        type: yes_no\n", "        type: yes_no\n        required: yes\n        type: yes_no\n")
    assert problems(write, text) == [
        "q.yaml:11:19: E103 'yes' est lu comme vrai/faux par les outils YAML 1.1 : écrivez true ou mettez-le entre guillemets ('yes')",
        "q.yaml:12:9: E102 la clé 'type' apparaît deux fois (la première ligne 10) : gardez-en une seule",
    ]


def test_quoted_yes_is_text(write):
    write("q.yaml", GOOD.replace("{value: b, label: Permis B}", "{value: b, label: 'Yes'}"))
    assert load_questionnaire("q.yaml").questions["licence_kind"].choices[0].label == "Yes"


def test_schema_errors_point_at_the_key_or_value(write):
    text = GOOD.replace("        type: yes_no\n", "        type: yes_noo\n        colour: red\n")
    assert problems(write, text) == [
        "q.yaml:10:15: E113 'yes_noo' n'est pas permis pour 'type' ; vouliez-vous dire 'yes_no' ?",
        "q.yaml:11:9: E111 clé inconnue 'colour'",
    ]


def test_missing_key_and_wrong_type(write):
    text = GOOD.replace("version: 1", "version: one").replace("    title: Vos déplacements\n", "")
    assert problems(write, text) == [
        "q.yaml:2:10: E112 'version' doit être un nombre entier, pas 'one'",
        "q.yaml:5:5: E110 il manque la clé 'title'",
    ]


def test_unknown_theme(write):
    assert problems(write, GOOD.replace("theme: mobilite", "theme: mobility"))[0].startswith(
        "q.yaml:6:12: E113 'mobility' n'est pas permis pour 'theme' ; vouliez-vous dire 'mobilite' ?")


def test_duplicate_ids(write):
    text = GOOD + """\
      - id: has_licence
        type: yes_no
        text: Encore ?
"""
    assert problems(write, text) == [
        "q.yaml:19:13: E201 l'identifiant de question 'has_licence' est utilisé deux fois (la première fois en q.yaml:9:13)"]


def test_forward_reference_and_self_reference(write):
    text = GOOD.replace("when: has_licence", "when: later").replace(
        "        type: yes_no\n", "        type: yes_no\n        when: has_licence\n") + """\
      - id: later
        type: yes_no
        text: Plus tard ?
"""
    assert problems(write, text) == [
        "q.yaml:11:15: E204 la condition de 'has_licence' utilise la question elle-même ; une condition n'utilise que des questions posées avant",
        "q.yaml:15:15: E204 la condition de 'licence_kind' utilise 'later', qui vient plus loin ; une condition n'utilise que des questions posées avant",
    ]


def test_unknown_choice_value_in_a_condition(write):
    text = GOOD + """\
      - id: foreign_since
        type: number
        when: "licence_kind == 'foriegn'"
        text: Depuis combien d'années ?
"""
    assert problems(write, text) == [
        "q.yaml:21:32: E206 'licence_kind' n'a pas de choix 'foriegn' ; vouliez-vous dire 'foreign' ?"]


def test_condition_must_be_boolean_and_well_formed(write):
    text = GOOD + """\
      - id: n1
        type: number
        when: "licence_kind"
        text: Nombre ?
      - id: m1
        type: number
        when: "has_licence and"
        text: Nombre ?
"""
    found = problems(write, text)
    assert found[0].startswith("q.yaml:21:16: E305")
    assert found[1].startswith("q.yaml:25:") and " E301 " in found[1]


def test_cycle_among_computed_values_is_named(write):
    text = GOOD.replace("sections:", """computed:
  - {id: a, compute: "b + 1"}
  - {id: b, compute: "c + 1"}
  - {id: c, compute: "a + 1"}
sections:""")
    found = problems(write, text)
    assert len(found) == 1 and " E205 " in found[0] and "a -> b -> c -> a" in found[0]


def test_piping_names_must_exist_and_be_earlier(write):
    text = GOOD.replace("text: Quel permis avez-vous ?", "text: Vous avez dit {{ has_licence }}, {{ nope }} et {{ licence_kind }}")
    found = problems(write, text)
    assert [f.split(" ")[1] for f in found] == ["E202", "E204"]


def test_sensitive_questions_must_be_declinable_and_not_free_text(write):
    text = GOOD + """\
      - id: health
        type: text
        sensitive: true
        text: Parlez-nous de votre santé.
"""
    found = problems(write, text)
    assert [f.split(" ")[1] for f in found] == ["E208", "E208"]


def test_reusable_choice_lists_and_unknown_list(write):
    text = GOOD.replace("sections:", """choice_lists:
  freq:
    - {value: never, label: Jamais}
    - {value: often, label: Souvent}
sections:""") + """\
      - {id: f1, type: choice, text: A ?, choices: freq}
      - {id: f2, type: choice, text: B ?, choices: freqs}
"""
    assert problems(write, text) == ["q.yaml:24:52: E207 liste de choix inconnue 'freqs' ; vouliez-vous dire 'freq' ?"]


def test_yaml_syntax_error_is_located(write):
    found = problems(write, GOOD + "      - {id: x, type: [\n")
    assert found[0].startswith("q.yaml:") and " E101 YAML invalide" in found[0]


def test_validate_lists_every_file_and_reports_a_missing_path(write):
    write("a/good.yaml", GOOD)
    write("a/bad.yaml", GOOD.replace("theme: mobilite", "theme: nope"))
    found = [str(p) for p in validate_paths(["a", "missing.yaml"])]
    assert len(found) == 2
    assert found[0].startswith("a/bad.yaml:6:12: E113")
    assert found[1] == "missing.yaml: E104 fichier ou dossier introuvable"
