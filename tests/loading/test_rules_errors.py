"""Rule files: every problem located and coded, as for questionnaires (path:line:col: CODE message)."""
import pytest

from diagnostic.errors import LoadError
from diagnostic.loading import load_questionnaire, validate_paths
from diagnostic.loading.rules import check_rule_file, load_rules

QUESTIONNAIRE = """\
id: logis
version: 1
title: Se loger
rules: [rules.yaml]
sections:
  - id: ce_soir
    theme: logement
    title: Ce soir
    questions:
      - id: tonight
        type: choice
        text: Où dormez-vous ce soir ?
        choices:
          - {value: home, label: Chez moi}
          - {value: street, label: Dans la rue}
      - id: licence
        type: yes_no
        text: Avez-vous le permis ?
"""

ACTIONS = """\
actions:
  - id: call_115
    label: Appeler le 115
    theme: logement
    category: logement-hebergement--rechercher-une-solution-dhebergement-temporaire
    providers: [siao_115]
    delay_days: 0
"""

RULE = """\
rules:
  - id: no_shelter
    theme: logement
    when: "tonight == 'street'"
    finding:
      kind: frein
      intensity: fort
      label: Sans solution ce soir
    actions: [call_115]
"""


def problems(write, rules, questionnaire=QUESTIONNAIRE):
    """What loading the questionnaire's rules reports, one line per problem."""
    write("rules.yaml", rules)
    write("q.yaml", questionnaire)
    with pytest.raises(LoadError) as info:
        load_rules(load_questionnaire("q.yaml"))
    return [str(p) for p in info.value.problems]


def test_valid_rules_load(write):
    write("rules.yaml", ACTIONS + RULE)
    write("q.yaml", QUESTIONNAIRE)
    ruleset = load_rules(load_questionnaire("q.yaml"))
    assert [r.id for r in ruleset.rules] == ["no_shelter"]
    assert ruleset.actions["call_115"].providers == ("siao_115",)
    assert ruleset.content_hash.startswith("sha256:")


def test_unknown_question_in_a_rule_names_the_questionnaire(write):
    text = ACTIONS + RULE.replace("tonight == 'street'", "tonigt == 'street'")
    assert problems(write, text) == [
        "rules.yaml:11:12: E203 question inconnue 'tonigt' ; vouliez-vous dire 'tonight' ? (questionnaire 'logis')"]


def test_a_rule_testing_a_choice_that_does_not_exist_can_never_apply(write):
    text = ACTIONS + RULE.replace("tonight == 'street'", "tonight == 'streets'")
    assert problems(write, text) == [
        "rules.yaml:11:23: E206 'tonight' n'a pas de choix 'streets' ; vouliez-vous dire 'street' ? (questionnaire 'logis')"]


def test_unknown_action_with_did_you_mean(write):
    text = ACTIONS + RULE.replace("actions: [call_115]", "actions: [call_115, call_11]")
    assert problems(write, text) == [
        "rules.yaml:16:25: E401 action inconnue 'call_11' ; vouliez-vous dire 'call_115' ? (questionnaire 'logis')"]


def test_actions_may_live_in_another_rule_file_of_the_questionnaire(write):
    write("actions.yaml", ACTIONS)
    write("rules.yaml", RULE)
    write("q.yaml", QUESTIONNAIRE.replace("rules: [rules.yaml]", "rules: [actions.yaml, rules.yaml]"))
    ruleset = load_rules(load_questionnaire("q.yaml"))
    assert ruleset.rules[0].actions == ("call_115",)


def test_unknown_theme_and_unknown_provider(write):
    text = ACTIONS.replace("theme: logement", "theme: logemnt").replace("[siao_115]", "[siao115]") + RULE
    assert problems(write, text) == [
        "rules.yaml:4:12: E113 'logemnt' n'est pas permis pour 'theme' ; vouliez-vous dire 'logement' ?",
        "rules.yaml:6:17: E113 'siao115' n'est pas permis pour 'providers' ; vouliez-vous dire 'siao_115' ?",
    ]


def test_unknown_category_slug(write):
    text = ACTIONS.replace("dhebergement-temporaire", "dhebergement-temporair") + RULE
    assert problems(write, text) == [
        "rules.yaml:5:15: E402 'logement-hebergement--rechercher-une-solution-dhebergement-temporair' n'est pas "
        "une catégorie data·inclusion ; vouliez-vous dire "
        "'logement-hebergement--rechercher-une-solution-dhebergement-temporaire' ?"]


def test_a_category_without_sub_category_is_accepted(write):
    write("rules.yaml", ACTIONS.replace("--rechercher-une-solution-dhebergement-temporaire", "") + RULE)
    write("q.yaml", QUESTIONNAIRE)
    assert load_rules(load_questionnaire("q.yaml")).actions["call_115"].category == "logement-hebergement"


def test_duplicate_ids_across_files(write):
    write("more.yaml", RULE)
    text = ACTIONS + RULE
    assert problems(write, text, QUESTIONNAIRE.replace("[rules.yaml]", "[rules.yaml, more.yaml]")) == [
        "more.yaml:2:9: E201 l'identifiant de règle 'no_shelter' est utilisé deux fois (la première fois en rules.yaml:9:9)"]


def test_a_frein_needs_an_intensity_and_an_atout_takes_none(write):
    frein = RULE.replace("      intensity: fort\n", "")
    assert problems(write, ACTIONS + frein) == ["rules.yaml:13:7: E110 il manque la clé 'intensity'"]
    atout = RULE.replace("kind: frein", "kind: atout")
    assert problems(write, ACTIONS + atout) == [
        "rules.yaml:14:7: E403 un atout n'a pas d'intensité (seul un frein est fort, moyen ou sans_impact)"]


def test_malformed_condition_is_located_inside_the_text(write):
    text = ACTIONS + RULE.replace("tonight == 'street'", "tonight = 'street'")
    assert problems(write, text) == ["rules.yaml:11:20: E301 condition mal formée (invalid syntax)"]


def test_a_rule_id_may_not_be_a_question_id(write):
    text = ACTIONS + RULE.replace("id: no_shelter", "id: licence")
    assert problems(write, text) == [
        "rules.yaml:9:9: E405 l'identifiant de règle 'licence' est aussi une question ou une valeur calculée "
        "du questionnaire ; renommez la règle (questionnaire 'logis')"]


def test_freins_only_in_pathway_conditions(write):
    text = ACTIONS + RULE.replace("tonight == 'street'", "freins('fort') > 0")
    assert problems(write, text) == [
        "rules.yaml:11:12: E404 freins() compte des constats : elle ne sert que dans la condition d'un parcours"]


PATHWAYS = """\
pathways:
  - id: social_first
    pathway: social
    when: "freins('fort', 'logement') >= 1 or no_shelter"
    reason: Un frein fort en logement.
  - id: default
    pathway: emploi
    when: "true"
    reason: Sinon.
"""


def test_pathway_conditions_see_rule_ids_and_the_counting_functions(write):
    write("rules.yaml", ACTIONS + RULE + PATHWAYS)
    write("q.yaml", QUESTIONNAIRE)
    ruleset = load_rules(load_questionnaire("q.yaml"))
    assert [p.id for p in ruleset.pathways] == ["social_first", "default"]


def test_pathway_arguments_are_checked(write):
    text = ACTIONS + RULE + PATHWAYS.replace("freins('fort', 'logement')",
                                             "freins('forte', 'logemnt') + freins(tonight) + atouts('x', 'y')")
    assert problems(write, text) == [
        "rules.yaml:20:19: E404 'forte' n'est pas une intensité ; vouliez-vous dire 'fort' ?",
        "rules.yaml:20:28: E209 thème inconnu 'logemnt' ; vouliez-vous dire 'logement' ?",
        "rules.yaml:20:48: E404 freins() prend d'abord une intensité écrite : 'fort', 'moyen' ou 'sans_impact' "
        "(ou une liste de celles-ci)",
        "rules.yaml:20:59: E304 atouts() prend au plus 1 argument(s), pas 2",
        "rules.yaml:20:66: E209 thème inconnu 'x'",
    ]


def test_a_pathway_after_an_always_true_one_is_reported(write):
    text = ACTIONS + RULE + PATHWAYS + """\
  - id: never
    pathway: social
    when: "no_shelter"
    reason: Jamais atteint.
"""
    assert problems(write, text) == [
        "rules.yaml:26:9: E407 le parcours 'never' vient après 'default', dont la condition est toujours vraie : "
        "il ne peut jamais être proposé"]


def test_an_unknown_rule_name_in_a_pathway(write):
    text = ACTIONS + RULE + PATHWAYS.replace("or no_shelter", "or no_shelterr")
    assert problems(write, text) == [
        "rules.yaml:20:47: E203 question inconnue 'no_shelterr' ; vouliez-vous dire 'no_shelter' ? (questionnaire 'logis')"]


def test_an_empty_or_missing_rule_file(write):
    assert problems(write, "# nothing yet\n") == ["rules.yaml: E406 ce fichier de règles est vide : il devrait "
                                                  "contenir des actions, des règles ou des parcours"]
    write("q2.yaml", QUESTIONNAIRE.replace("[rules.yaml]", "[missing.yaml]"))
    with pytest.raises(LoadError) as info:
        load_rules(load_questionnaire("q2.yaml"))
    assert [p.code for p in info.value.problems] == ["E104"]
    assert str(info.value.problems[0]).startswith("missing.yaml: E104 le fichier ne peut pas être lu")


def test_unknown_keys_are_reported_with_did_you_mean(write):
    text = ACTIONS + RULE.replace("    actions: [call_115]\n", "    action: [call_115]\n")
    assert problems(write, text) == ["rules.yaml:16:5: E111 clé inconnue 'action' ; vouliez-vous dire 'actions' ?"]


# --- standalone: validate rules/ ------------------------------------------------------


def test_a_rule_file_alone_is_checked_for_shape_and_internal_references(write):
    path = write("rules/logement.yaml", ACTIONS + RULE.replace("[call_115]", "[call_115, appel_115]")
                 + PATHWAYS.replace("freins('fort', 'logement')", "freins('fort', 'logemnt')"))
    assert [str(p) for p in check_rule_file(path)] == [
        "rules/logement.yaml:16:25: E401 action inconnue 'appel_115' ; vouliez-vous dire 'call_115' ?",
        "rules/logement.yaml:20:27: E209 thème inconnu 'logemnt' ; vouliez-vous dire 'logement' ?",
    ]


def test_alone_a_rule_file_finds_actions_in_its_folder(write):
    write("rules/actions.yaml", ACTIONS)
    path = write("rules/logement.yaml", RULE)
    assert check_rule_file(path) == []


def test_validate_checks_rule_files_in_the_context_of_each_questionnaire(write):
    write("rules.yaml", ACTIONS + RULE.replace("tonight == 'street'", "tonight == 'rue'"))
    write("q.yaml", QUESTIONNAIRE)
    assert [str(p) for p in validate_paths(["."])] == [
        "rules.yaml:11:23: E206 'tonight' n'a pas de choix 'rue' ; elle propose : home, street (questionnaire 'logis')"]


def test_a_malformed_rule_file_next_to_another_is_reported_not_fatal(write):
    write("rules/broken.yaml", "actions: 5\n")
    path = write("rules/logement.yaml", ACTIONS + RULE)
    assert check_rule_file(path) == []
    assert [str(p) for p in validate_paths(["rules"])] == ["rules/broken.yaml:1:10: E112 'actions' doit être une liste, pas 5"]


def test_found_names_rules_and_a_misspelt_one_is_located(write):
    text = ACTIONS + RULE + """\
pathways:
  - id: social
    pathway: social
    when: "found('no_sheltr')"
    reason: Sans solution ce soir.
"""
    assert problems(write, text) == [
        "rules.yaml:20:18: E408 règle inconnue 'no_sheltr' ; vouliez-vous dire 'no_shelter' ?"]


def test_found_accepts_a_rule_of_a_sibling_rule_file(write):
    # a domain questionnaire runs with its own rules: a rule of another file of the folder is known
    write("other.yaml", RULE.replace("no_shelter", "elsewhere"))
    write("rules.yaml", ACTIONS + RULE + """\
pathways:
  - id: social
    pathway: social
    when: "found('no_shelter', 'elsewhere')"
    reason: Sans solution ce soir.
""")
    write("q.yaml", QUESTIONNAIRE)
    assert load_rules(load_questionnaire("q.yaml")).pathways[0].id == "social"


def test_an_action_condition_is_checked_like_a_rule_condition(write):
    text = ACTIONS + RULE.replace("actions: [call_115]", "actions: [{id: call_115, when: \"licnce\"}]")
    assert problems(write, text) == [
        "rules.yaml:16:37: E203 question inconnue 'licnce' ; vouliez-vous dire 'licence' ? (questionnaire 'logis')"]


def test_found_is_refused_in_a_rule_condition_but_read_in_an_action_condition(write):
    text = ACTIONS + RULE.replace("tonight == 'street'", "found('no_shelter')")
    assert problems(write, text) == [
        "rules.yaml:11:12: E404 found() lit des constats : elle ne sert que dans la condition d'un parcours "
        "ou d'une action"]
    write("rules.yaml", ACTIONS + RULE.replace("actions: [call_115]",
                                               "actions: [{id: call_115, when: \"not found('no_shelter')\"}]"))
    write("q.yaml", QUESTIONNAIRE)
    assert load_rules(load_questionnaire("q.yaml")).rules[0].action_when[0][0] == "call_115"
