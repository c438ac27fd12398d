"""Typed answers: a clear field with an example, a friendly message beside it when refused."""
from __future__ import annotations

import pytest

from .conftest import content, screen_name, screen_text, start, tap, type_in

QUESTIONNAIRE = """\
id: champs
version: 1
title: Champs
sections:
  - id: s
    theme: contraintes_familiales
    title: Votre famille
    questions:
      - id: children_count
        type: number
        text: Combien d'enfants avez-vous à charge ?
        integer: true
        min: 1
        max: 20
      - id: birth_date
        type: date
        text: Quelle est votre date de naissance ?
        min: "1930-01-01"
        max: today
      - id: family_court
        type: yes_no
        sensitive: true
        decline: true
        text: Une décision de justice concerne-t-elle vos enfants ?
      - id: kinds
        type: multi_choice
        text: Qui vit avec vous ?
        choices:
          - {value: partner, label: Mon conjoint}
          - {value: kids, label: Mes enfants}
"""


@pytest.fixture
def fields(tmp_path):
    path = tmp_path / "champs.yaml"
    path.write_text(QUESTIONNAIRE, encoding="utf-8")
    return content(str(path))


@pytest.mark.asyncio
async def test_refused_answers_are_explained_in_the_persons_language_and_nothing_is_lost(make_app, fields, service):
    app = make_app(content=fields)
    async with app.run_test(size=(100, 40)) as pilot:
        await start(pilot, "en")
        assert "For example: 1 · between 1 and 20" in screen_text(app)
        await type_in(pilot, "abc")
        assert "Write a number, using digits." in screen_text(app)
        await type_in(pilot, "25")
        assert "Please give a number between 1 and 20." in screen_text(app)   # the core's refusal code, worded
        assert app.screen.question.id == "children_count"
        await type_in(pilot, "3")

        assert app.screen.question.id == "birth_date"
        assert "As DD/MM/YYYY, for example 05/03/1988" in screen_text(app)
        await type_in(pilot, "31/02/1990")
        assert "Write the date as DD/MM/YYYY." in screen_text(app)
        await type_in(pilot, "01/01/2100")
        assert "The date must be November 27, 2026 or earlier." in screen_text(app)   # the core's code, worded
        await type_in(pilot, "05/03/1988")

        assert app.screen.question.id == "family_court"      # sensitive: "I'd rather not answer"
        assert "I'd rather not answer" in screen_text(app)
        await tap(pilot, "#decline")

        await tap(pilot, "#submit")                           # nothing ticked yet
        assert "Please choose at least one answer." in screen_text(app)
        await tap(pilot, "#choice-2")
        await tap(pilot, "#lang-uk")                          # ticked, not confirmed: still ticked
        assert "chosen" in app.screen.query_one("#choice-2").classes
        assert "Підтвердити" in screen_text(app)
        await tap(pilot, "#submit")
        assert screen_name(app) == "EndScreen"
        code = app.interview.code
    answers = {k: v["value"] for k, v in service.export(code)["answers"].items()}
    assert answers == {"children_count": 3, "birth_date": "1988-03-05",
                       "family_court": {"declined": True}, "kinds": ["kids"]}


def test_no_sensitive_question_can_be_free_text(tmp_path):
    """So the kiosk never offers one (the loader refuses it: E208)."""
    from diagnostic.errors import LoadError
    path = tmp_path / "q.yaml"
    path.write_text(QUESTIONNAIRE + """      - id: story
        type: text
        sensitive: true
        decline: true
        text: Racontez-nous.
""", encoding="utf-8")
    with pytest.raises(LoadError, match="E208"):
        content(str(path))
