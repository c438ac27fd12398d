"""What the format gained for scoring instruments (issue 10), as `validate` and the loader see it:
numeric and exclusive choices, indicators and their bands, {{ name }} in finding labels, and
computed values placed right after the last question they need."""
import pytest

from diagnostic.engine import Session
from diagnostic.errors import LoadError
from diagnostic.loading import load_questionnaire, validate_paths
from diagnostic.loading.rules import load_rules

HEAD = """\
id: score
version: 1
title: Un score
{extra}sections:
  - id: items
    theme: sante
    title: Items
    questions:
"""

ITEMS = """\
      - id: a
        type: choice
        text: Premier item ?
        choices: freq
      - id: b
        type: choice
        text: Deuxième item ?
        choices: freq
"""

FREQ = """\
choice_lists:
  freq:
    - {value: 0, label: Jamais}
    - {value: 1.5, label: Parfois}
    - {value: 3, label: Souvent}
"""


def problems(write, text, name="q.yaml"):
    write(name, text)
    with pytest.raises(LoadError) as info:
        load_questionnaire(name)
    return [str(p) for p in info.value.problems]


# --- numeric choices --------------------------------------------------------------------

def test_numeric_choice_values_are_numbers_in_conditions_and_arithmetic(write):
    write("q.yaml", HEAD.format(extra=FREQ) + ITEMS + """\
      - id: c
        type: yes_no
        text: Suite ?
        when: "a + b >= 3 and a == 1.5"
""")
    q = load_questionnaire("q.yaml")
    assert [c.value for c in q.questions["a"].choices] == [0, 1.5, 3]
    session = Session(q)
    session.answer(1.5)
    session.answer(3)
    assert session.current.id == "c"


def test_a_numeric_choice_compared_with_text_or_an_unoffered_number_is_an_error(write):
    found = problems(write, HEAD.format(extra=FREQ) + ITEMS + """\
      - id: c
        type: yes_no
        text: Suite ?
        when: "a == 'souvent' or b == 2"
""")
    assert any("E306" in p for p in found)
    assert any("E206 'b' n'a pas de choix '2' ; elle propose : 0, 1.5, 3" in p for p in found)


def test_choice_values_mixing_numbers_and_text_is_a_located_error(write):
    text = HEAD.format(extra="") + """\
      - id: a
        type: choice
        text: Item ?
        choices:
          - {value: 0, label: Jamais}
          - {value: souvent, label: Souvent}
"""
    found = problems(write, text)
    assert len(found) == 1 and found[0].startswith("q.yaml:14:21: E210 ")
    assert "'souvent'" in found[0]


# --- exclusive choices ------------------------------------------------------------------

def test_exclusive_only_applies_to_a_multi_choice(write):
    text = HEAD.format(extra="") + """\
      - id: a
        type: choice
        text: Item ?
        choices:
          - {value: un, label: Un}
          - {value: aucun, label: Aucun, exclusive: true}
"""
    found = problems(write, text)
    assert len(found) == 1 and found[0].startswith("q.yaml:14:42: E208 ")


# --- indicators -------------------------------------------------------------------------

def indicator(bands: str, label: str = "    label: Score\n") -> str:
    return HEAD.format(extra=FREQ + "computed:\n  - id: total\n" + label
                       + '    compute: "sum(a, b)"\n' + bands) + ITEMS


def test_an_indicator_loads_with_its_options(write):
    write("q.yaml", indicator("    decimals: 1\n    unit: points\n    theme: sante\n    bands:\n"
                              "      - {below: 2, label: Bas}\n      - {below: 4, label: Moyen}\n"
                              "      - {label: Haut}\n"))
    total = load_questionnaire("q.yaml").computed["total"]
    assert total.indicator and total.decimals == 1 and total.unit == "points" and total.theme == "sante"
    assert [total.band(v).label for v in (0, 1.99, 2, 3.99, 4, 6)] == ["Bas", "Bas", "Moyen", "Moyen", "Haut", "Haut"]
    assert total.band(None) is None


@pytest.mark.parametrize("bands, where, words", [
    ("      - {below: 4, label: Bas}\n      - {below: 2, label: Moyen}\n      - {label: Haut}\n",
     "q.yaml:15:17", "les tranches montent : below 2 vient après below 4"),
    ("      - {below: 2, label: Bas}\n      - {below: 4, label: Haut}\n", "q.yaml:15:17", "retirez son 'below'"),
    ("      - {label: Bas}\n      - {label: Haut}\n", "q.yaml:14:9", "seule la dernière tranche"),
])
def test_bands_that_do_not_rise_or_end_badly_are_located_errors(write, bands, where, words):
    found = problems(write, indicator("    bands:\n" + bands))
    assert len(found) == 1 and found[0].startswith(f"{where}: E211 ") and words in found[0]


def test_indicator_options_need_a_label(write):
    found = problems(write, indicator("    decimals: 2\n", label=""))
    assert len(found) == 1 and "E211 'decimals' sert à un indicateur" in found[0]


RULES_Q = indicator("").replace("title: Un score\n", "title: Un score\nrules: [rules.yaml]\n")


def test_a_finding_label_may_show_a_value_and_an_unknown_name_is_located(write):
    write("q.yaml", RULES_Q)
    write("rules.yaml", """\
rules:
  - id: haut
    theme: sante
    when: "total >= 3"
    finding: {kind: frein, intensity: moyen, label: "Score {{ total }}, item {{ a }}, {{ totl }}"}
""")
    found = [str(p) for p in validate_paths(["q.yaml"])]
    assert len(found) == 1 and found[0].startswith("rules.yaml:5:")
    assert "E202 le libellé affiche une valeur inconnue 'totl' ; vouliez-vous dire 'total' ?" in found[0]
    write("rules.yaml", """\
rules:
  - id: haut
    theme: sante
    when: "total >= 3"
    urgent: true
    finding: {kind: frein, intensity: moyen, label: "Score {{ total }}"}
""")
    assert validate_paths(["q.yaml"]) == []
    assert load_rules(load_questionnaire("q.yaml")).rules[0].urgent


# --- placement of computed values (the engine fix) ---------------------------------------------

def chain(depth: int) -> str:
    """Questions c, d; computed v1 = c + 1, v2 = v1 + 1, … ; d asked when the last is above depth."""
    computed = "computed:\n" + "".join(
        f"  - id: v{i}\n    compute: \"{'c' if i == 1 else f'v{i - 1}'} + 1\"\n" for i in range(1, depth + 1))
    return HEAD.format(extra=computed) + f"""\
      - id: c
        type: number
        text: Combien ?
      - id: d
        type: yes_no
        text: Et alors ?
        when: "v{depth} > {depth}"
"""


@pytest.mark.parametrize("depth", [1, 2, 3, 5, 12])
def test_a_chain_of_computed_values_is_settled_before_the_next_question(write, depth):
    write("q.yaml", chain(depth))
    q = load_questionnaire("q.yaml")
    positions = [q.computed[f"v{i}"].position for i in range(1, depth + 1)]
    assert positions == sorted(positions)
    assert q.questions["c"].position < positions[0] and positions[-1] < q.questions["d"].position
    session = Session(q)
    session.answer(1)            # v_depth = 1 + depth > depth: d is asked
    assert session.current.id == "d"
    other = Session(q)
    other.answer(0)              # v_depth = depth: d is not applicable
    assert other.finished


def test_the_issue_example_is_no_longer_refused(write):
    write("q.yaml", HEAD.format(extra='computed:\n  - {id: x, compute: "c + 1"}\n  - {id: yy, compute: "x + 1"}\n')
          + """\
      - id: c
        type: number
        text: Combien ?
      - id: d
        type: yes_no
        text: Et alors ?
        when: "yy > 2"
""")
    assert validate_paths(["q.yaml"]) == []


def test_a_computed_value_that_needs_a_later_question_is_still_refused(write):
    found = problems(write, HEAD.format(extra='computed:\n  - {id: x, compute: "d + 1"}\n  - {id: yy, compute: "x + 1"}\n')
                     + """\
      - id: c
        type: yes_no
        text: Alors ?
        when: "yy > 2"
      - id: d
        type: number
        text: Combien ?
""")
    assert len(found) == 1 and "E204 la condition de 'c' utilise 'yy', qui vient plus loin" in found[0]
