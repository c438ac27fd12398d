import pytest

from diagnostic.loading import load_questionnaire

FLOW = """\
id: flow
version: 1
title: Parcours
computed:
  - {id: age, compute: "years_since(birth)"}
sections:
  - id: who
    theme: emploi
    title: Vous
    questions:
      - {id: birth, type: date, text: Votre date de naissance ?, max: today}
      - id: young_help
        type: yes_no
        when: "age < 26"
        text: "Vous avez {{ age }} ans : connaissez-vous la mission locale ?"
      - id: has_licence
        type: yes_no
        text: Avez-vous le permis ?
        decline: true
      - id: licence_kind
        type: choice
        when: has_licence
        text: Quel permis ?
        choices:
          - {value: b, label: Permis B}
          - {value: foreign, label: Permis étranger}
      - id: exchange
        type: yes_no
        when: "licence_kind == 'foreign'"
        text: Avez-vous demandé l'échange de votre permis ?
        dont_know: true
      - id: commute
        type: number
        min: 0
        max: 300
        unit: minutes
        integer: true
        when: "not has_licence or licence_kind == 'foreign'"
        text: Combien de minutes de trajet ?
      - id: modes
        type: multi_choice
        text: Comment vous déplacez-vous ?
        choices:
          - {value: car, label: Voiture}
          - {value: bus, label: Bus}
          - {value: bike, label: Vélo}
      - id: bike_repair
        type: yes_no
        when: "'bike' in modes"
        required: false
        text: Votre vélo a-t-il besoin d'une réparation ?
      - {id: remark, type: text, max_length: 20, required: false, text: Une remarque ?}
"""


@pytest.fixture
def flow(write):
    write("flow.yaml", FLOW)
    return load_questionnaire("flow.yaml")
