import pytest

from diagnostic.errors import LoadError
from diagnostic.loading import load_questionnaire

DOMAIN = """\
id: housing
version: 1
title: Logement
sections:
  - id: housing
    theme: logement
    title: Votre logement
    questions:
      - id: tonight
        type: choice
        text: Où dormez-vous ce soir ?
        choices:
          - {value: home, label: Chez moi}
          - {value: street, label: Dans la rue}
      - id: call_115
        type: note
        urgent: true
        when: "tonight == 'street'"
        text: Appelez le 115, c'est gratuit.
"""

MAIN = """\
id: full
version: 3
title: Diagnostic
sections:
  - id: opening
    theme: emploi
    title: Pour commencer
    questions:
      - {id: housing_issue, type: yes_no, text: Avez-vous des difficultés de logement ?}
  - include: housing.yaml
    when: housing_issue
"""


def test_a_domain_runs_alone_and_inside_the_full_diagnostic(write):
    write("housing.yaml", DOMAIN)
    write("full.yaml", MAIN)
    alone = load_questionnaire("housing.yaml")
    full = load_questionnaire("full.yaml")
    assert [q.id for q in alone.flow] == ["tonight", "call_115"]
    assert [q.id for q in full.flow] == ["housing_issue", "tonight", "call_115"]
    # the include's condition applies to every included question, before their own
    assert [c.text for c in full.questions["call_115"].conditions] == ["housing_issue", "tonight == 'street'"]
    assert full.id == "full" and full.version == 3


def test_the_hash_changes_with_included_content(write):
    write("housing.yaml", DOMAIN)
    write("full.yaml", MAIN)
    before = load_questionnaire("full.yaml").content_hash
    write("housing.yaml", DOMAIN.replace("Dans la rue", "À la rue"))
    assert load_questionnaire("full.yaml").content_hash != before


def test_include_cycle_and_missing_include(write):
    write("a.yaml", MAIN.replace("housing.yaml", "b.yaml"))
    write("b.yaml", MAIN.replace("housing.yaml", "a.yaml").replace("id: opening", "id: opening_b")
          .replace("id: housing_issue", "id: other"))
    with pytest.raises(LoadError) as info:
        load_questionnaire("a.yaml")
    assert [p.code for p in info.value.problems] == ["E105"]
    assert str(info.value.problems[0]).startswith("b.yaml:10:14: E105 'a.yaml' est inclus deux fois (a.yaml -> b.yaml -> a.yaml)")
    write("c.yaml", MAIN.replace("housing.yaml", "nowhere.yaml"))
    with pytest.raises(LoadError) as info:
        load_questionnaire("c.yaml")
    assert str(info.value.problems[0]).startswith("nowhere.yaml: E104 le fichier ne peut pas être lu")


def test_errors_in_an_included_file_name_that_file(write):
    write("housing.yaml", DOMAIN.replace("tonight == 'street'", "tonight == 'rue'"))
    write("full.yaml", MAIN)
    with pytest.raises(LoadError) as info:
        load_questionnaire("full.yaml")
    assert str(info.value.problems[0]).startswith("housing.yaml:18:27: E206 'tonight' n'a pas de choix 'rue'")
