"""What a typed line means: diagnostic.ui.parsing (pure, no I/O)."""
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diagnostic.expressions import DECLINED, DONT_KNOW, SKIPPED
from diagnostic.model import Choice, Question
from diagnostic.ui.parsing import (Command, Empty, Invalid, Reply, Unclear, clean_line, fold,
                                   interpret, parse_choice, parse_choices, parse_date,
                                   parse_number, parse_yes_no)

TODAY = dt.date(2024, 3, 1)


def question(kind="text", **extra) -> Question:
    return Question(id="q", type=kind, text="Question ?", section="s", theme="emploi", position=0,
                    **extra)


def choices(*labels) -> tuple:
    return tuple(Choice(value=f"v{i}", label=label) for i, label in enumerate(labels, 1))


HOUSING = choices("Locataire d'un logement social", "Locataire d'un logement privé", "Propriétaire")
TRANSPORT = choices("Avec ma voiture", "Avec une voiture sans permis", "À vélo ou en trottinette",
                    "En transports en commun (bus, tram, métro)", "À pied")
TONIGHT = choices("Dans mon logement", "Chez mes parents", "Chez quelqu'un d'autre (famille, amis)",
                  "Je ne sais pas encore où je vais dormir")
EVICTION = choices("Non", "Oui, un commandement de payer", "Oui, une convocation au tribunal")


# --- cleaning ---

def test_clean_line_drops_escapes_controls_and_undecodable_bytes():
    assert clean_line("\x1b[A\x1b[1;5Coui\x00\x07 \r") == "oui"
    assert clean_line("\x1b]0;titre\x07non") == "non"
    assert clean_line("v\ufffdlo\u200b") == "vlo"
    assert clean_line("\tdeux\tmots ") == "deux mots"


def test_fold_ignores_case_accents_apostrophes_and_edge_punctuation():
    assert fold("  Élève  D’ÉCOLE !") == "eleve d'ecole"
    assert fold("Cœur") == "coeur"


# --- yes / no ---

@pytest.mark.parametrize("text", ["oui", "OUI", "o", "O", "yes", "y", "Oui.", " oui ! "])
def test_yes(text):
    assert parse_yes_no(text) == Reply(True)


@pytest.mark.parametrize("text", ["non", "Non", "n", "no", "NON !"])
def test_no(text):
    assert parse_yes_no(text) == Reply(False)


def test_yes_no_anything_else_is_explained():
    result = parse_yes_no("peut-être")
    assert isinstance(result, Invalid) and "oui ou par non" in result.message


# --- one choice ---

@pytest.mark.parametrize("text, value", [
    ("1", "v1"), (" 3 ", "v3"),
    ("propriétaire", "v3"), ("PROPRIETAIRE", "v3"), ("v2", "v2"),   # label, accents, value
    ("prop", "v3"),                                                # unique prefix
    ("locataire d'un logement prive", "v2"), ("Locataire d’un logement privé", "v2"),
    ("locataire social", "v1"), ("social", "v1"), ("privé", "v2"),  # words of the label
])
def test_choice_readings(text, value):
    assert parse_choice(HOUSING, text) == Reply(value)


def test_choice_ambiguous_prefix_lists_the_candidates():
    assert parse_choice(HOUSING, "loc") == Unclear("loc", (0, 1))
    assert parse_choice(TONIGHT, "chez") == Unclear("chez", (1, 2))


def test_choice_oui_among_several_oui_labels_is_ambiguous_but_non_is_exact():
    assert parse_choice(EVICTION, "oui") == Unclear("oui", (1, 2))
    assert parse_choice(EVICTION, "non") == Reply("v1")


def test_choice_number_out_of_range():
    result = parse_choice(HOUSING, "7")
    assert isinstance(result, Invalid)
    assert "numéro 7" in result.message and "entre 1 et 3" in result.message
    assert isinstance(parse_choice(HOUSING, "0"), Invalid)
    assert isinstance(parse_choice(HOUSING, "9" * 50), Invalid)


def test_choice_typo_gets_a_suggestion_never_an_answer():
    result = parse_choice(HOUSING, "propritaire")
    assert result == Unclear("propritaire", (2,), guess=True)


def test_choice_nothing_close_is_explained():
    result = parse_choice(HOUSING, "xyz")
    assert isinstance(result, Invalid) and "ne correspond à aucune" in result.message


def test_choice_words_in_parentheses_count():
    assert parse_choice(TONIGHT, "amis") == Reply("v3")


def test_choice_several_answers_to_a_single_choice():
    result = parse_choice(HOUSING, "1, 3")
    assert isinstance(result, Invalid) and "seule réponse" in result.message


# --- several choices ---

@pytest.mark.parametrize("text, values", [
    ("1, 3", ["v1", "v3"]), ("1,3", ["v1", "v3"]), ("1 3", ["v1", "v3"]), ("1;3;5", ["v1", "v3", "v5"]),
    ("3 et 1", ["v3", "v1"]), ("voiture et vélo", ["v1", "v3"]), ("VOITURE, velo", ["v1", "v3"]),
    ("bus", ["v4"]), ("à pied", ["v5"]), ("1, 1", ["v1"]),
    ("voiture sans permis", ["v2"]),
    ("En transports en commun (bus, tram, métro)", ["v4"]),   # a label with commas, whole
    ("à vélo ou en trottinette", ["v3"]),                     # a label with "ou", whole
])
def test_multi_readings(text, values):
    assert parse_choices(TRANSPORT, text) == Reply(values)


def test_multi_ambiguous_part():
    assert parse_choices(TRANSPORT, "1, avec") == Unclear("avec", (0, 1))


def test_multi_unknown_part_and_number_out_of_range():
    assert isinstance(parse_choices(TRANSPORT, "1, avion"), Invalid)
    result = parse_choices(TRANSPORT, "1, 8")
    assert isinstance(result, Invalid) and "numéro 8" in result.message


def test_multi_none_gives_an_empty_list_for_the_engine_to_judge():
    assert parse_choices(TRANSPORT, "aucun") == Reply([])


# --- numbers ---

@pytest.mark.parametrize("text, value", [
    ("12", 12), ("-3", -3), ("12,5", 12.5), ("12.5", 12.5), ("1 200", 1200), ("1\u202f200", 1200),
    ("12,0", 12), ("45 minutes", 45), ("45 min", 45), ("45min", 45), ("environ 30", 30),
    ("deux", 2), ("aucun", 0), ("zéro", 0),
])
def test_number_readings(text, value):
    result = parse_number(text, "minutes")
    assert result == Reply(value) and type(result.value) is type(value)


@pytest.mark.parametrize("text", ["douze et demi", "12 ans", "", "abc", "1" * 40, "inf", "nan", "1e5"])
def test_number_refusals(text):
    assert isinstance(parse_number(text, "minutes"), Invalid)


def test_number_currency():
    assert parse_number("1 200,50 €", "€") == Reply(1200.5)
    assert parse_number("300 euros", "€") == Reply(300)


# --- dates ---

@pytest.mark.parametrize("text, date", [
    ("05/03/2024", dt.date(2024, 3, 5)), ("5/3/2024", dt.date(2024, 3, 5)),
    ("05-03-2024", dt.date(2024, 3, 5)), ("05.03.2024", dt.date(2024, 3, 5)),
    ("05032024", dt.date(2024, 3, 5)), ("2024-03-05", dt.date(2024, 3, 5)),
    ("5 mars 2024", dt.date(2024, 3, 5)), ("1er février 1990", dt.date(1990, 2, 1)),
    ("le 14 JUILLET 1989", dt.date(1989, 7, 14)), ("3 aout 2001", dt.date(2001, 8, 3)),
    ("aujourd'hui", TODAY), ("hier", dt.date(2024, 2, 29)),
])
def test_date_readings(text, date):
    assert parse_date(text, TODAY) == Reply(date)


def test_date_that_does_not_exist():
    result = parse_date("31/02/2024", TODAY)
    assert isinstance(result, Invalid) and "31/02/2024 n'existe pas" in result.message


def test_date_two_digit_year_and_nonsense():
    assert "4 chiffres" in parse_date("05/03/88", TODAY).message
    assert "JJ/MM/AAAA" in parse_date("bientôt", TODAY).message
    assert isinstance(parse_date("5 blop 2024", TODAY), Invalid)


# --- commands and non-answers ---

@pytest.mark.parametrize("text, name", [
    ("aide", "help"), ("HELP", "help"), ("?", "explain"), ("retour", "back"), ("Back", "back"),
    ("revoir", "review"), ("review", "review"), ("quitter", "quit"), ("quit", "quit"),
    ("répéter", "repeat"), ("données", "privacy"), ("reprendre", "resume"),
])
def test_commands(text, name):
    assert interpret(question("yes_no"), text) == Command(name)


@pytest.mark.parametrize("text, number", [("modifier 3", 3), ("change 12", 12), ("Modifier la réponse 2", 2)])
def test_change_command(text, number):
    assert interpret(question("text"), text) == Command("change", number)


def test_empty_line():
    assert interpret(question("text"), "") == Empty()
    assert interpret(question("text"), " \x00\x1b[A ") == Empty()


def test_specials_when_offered():
    q = question("yes_no", dont_know=True, decline=True, required=False)
    assert interpret(q, "nsp") == Reply(DONT_KNOW)
    assert interpret(q, "Je ne sais pas") == Reply(DONT_KNOW)
    assert interpret(q, "refuser") == Reply(DECLINED)
    assert interpret(q, "je préfère ne pas répondre") == Reply(DECLINED)
    assert interpret(q, "passer") == Reply(SKIPPED)


def test_specials_not_offered_say_what_is():
    q = question("yes_no", dont_know=True)
    result = interpret(q, "refuser")
    assert isinstance(result, Invalid)
    assert "n'est pas proposé" in result.message and "nsp" in result.message
    assert "demande une réponse" in interpret(question("yes_no"), "passer").message


def test_a_choice_that_reads_like_a_special_wins_when_the_special_is_not_offered():
    q = question("choice", choices=TONIGHT)
    assert interpret(q, "je ne sais pas") == Reply("v4")


def test_typed_by_type():
    assert interpret(question("number", unit="km"), "12 km") == Reply(12)
    assert interpret(question("date"), "05/03/2024", TODAY) == Reply(dt.date(2024, 3, 5))
    assert interpret(question("text"), "  Mon texte\x07 ") == Reply("Mon texte")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["yes_no", "choice", "multi_choice", "number", "date", "text"]))
def test_any_line_gets_a_result_never_an_exception(text, kind):
    q = question(kind, choices=TRANSPORT if "choice" in kind else ())
    result = interpret(q, text, TODAY)
    assert isinstance(result, (Reply, Command, Unclear, Invalid, Empty))


def test_digits_int_cannot_read_are_no_choice_number():
    assert parse_choice(HOUSING, "²") == Reply("v2")           # NFKD: a 2 (French keyboards)
    for text in ("\U00010a40", "1, \U00010a40"):                # a digit (isdigit) int() refuses
        assert isinstance(parse_choice(HOUSING, text), (Invalid, Unclear))
        assert isinstance(parse_choices(TRANSPORT, text), (Invalid, Unclear))
