"""Every persona of tests/scenarios run on the real diagnostic in English and in Ukrainian: the
person's summary has no French sentence in it, only the official French names kept on purpose
with their explanation ("RSA (revenu de solidarité active: the minimum income)")."""
import re
from pathlib import Path

import pytest
import yaml

from diagnostic.commands.run import replay
from diagnostic.i18n import Formatter
from diagnostic.loading import load_questionnaire
from diagnostic.loading.rules import load_rules
from diagnostic.report import render, to_data
from diagnostic.scoring import diagnose

ROOT = Path(__file__).resolve().parents[2]
DIAGNOSTIC = "questionnaires/diagnostic.yaml"
PERSONAS = [p for p in sorted((ROOT / "tests" / "scenarios").glob("*.yaml"))
            if yaml.safe_load(p.read_text(encoding="utf-8")).get("questionnaire") == DIAGNOSTIC]
FRENCH_WORDS = set("le la les des du de un une et est vous votre vos pour dans avec qui que sur pas aux au "
                   "ce cette sont être ou en à ne plus par il elle son sa ses nous aucun aucune".split())
# Official French names the translations keep, each next to its explanation in the reader's language.
KEPT = ["revenu de solidarité active", "service intégré d'accueil et d'orientation", "bilan de compétences",
        "période de mise en situation en milieu professionnel", "banque de france", "fonds d'aide aux jeunes",
        "fonds de solidarité pour le logement", "allocation d'aide au retour à l'emploi",
        "allocation de solidarité spécifique", "commandement de payer", "plan local pour l'insertion et l'emploi",
        "établissement pour l'insertion dans l'emploi", "école de la 2e chance",
        "permanence d'accès aux soins de santé", "maison départementale des personnes handicapées",
        "prestation de compensation du handicap", "brevet des collèges", "allocation de soutien familial",
        "livret de famille", "titre de séjour", "insertion par l'activité économique",
        "agence nationale des titres sécurisés", "code de la route", "transport à la demande",
        "boutique de gestion", "avis d'impôt", "carte vitale"]


@pytest.fixture(scope="module")
def diagnostic():
    questionnaire = load_questionnaire(ROOT / DIAGNOSTIC)
    return questionnaire, load_rules(questionnaire)


def _french_left(text: str, typed: set) -> set:
    """Frequent French words left once the kept names are taken out (acronyms such as "CE" are names)."""
    for name in KEPT:
        text = re.sub(re.escape(name), " ", text, flags=re.IGNORECASE)
    words = [w for w in re.findall(r"[^\W\d_]+", text) if not (w.isupper() and len(w) > 1)]
    return {w.lower() for w in words if w.lower() in FRENCH_WORDS and w.lower() not in typed}


@pytest.mark.parametrize("lang", ["en", "uk"])
@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.stem)
def test_a_persona_summary_in_english_or_ukrainian_has_no_french_sentence(diagnostic, persona, lang):
    questionnaire, rules = diagnostic
    scenario = yaml.safe_load(persona.read_text(encoding="utf-8"))
    session = replay(questionnaire, scenario["answers"], scenario.get("today"))
    fmt = Formatter(lang)
    result = diagnose(session, rules, locale=lang)
    typed = {w.lower() for v in scenario["answers"].values() if isinstance(v, str) for w in re.findall(r"[^\W\d_]+", v)}
    data = to_data(result, fmt)
    worded = " | ".join(_worded(data))
    assert data["language"] == lang
    assert not _french_left(worded, typed), sorted(_french_left(worded, typed))
    text = render(result, "text", fmt)                    # the template's own words too (lines joined)
    assert not _french_left(" ".join(text.split()), typed)


def _worded(data):
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str) and key in ("label", "text", "answer", "reason", "status_label", "kind_label",
                                                  "theme_label", "agreement_label", "situation", "title", "bring",
                                                  "display", "band"):
                yield value
            elif key in ("objectives", "provider_labels"):
                yield from (v for v in value if isinstance(v, str))
            elif key not in ("answers", "edits"):
                yield from _worded(value)
    elif isinstance(data, list):
        for item in data:
            yield from _worded(item)


def test_the_detector_catches_a_french_summary(diagnostic):
    questionnaire, rules = diagnostic
    scenario = yaml.safe_load(PERSONAS[0].read_text(encoding="utf-8"))
    session = replay(questionnaire, scenario["answers"], scenario.get("today"))
    text = render(diagnose(session, rules, locale="fr"), "text", Formatter("fr"))
    assert len(_french_left(" ".join(text.split()), set())) > 10
