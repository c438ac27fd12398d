"""The words a person may type, per language: commands, yes/no, "don't know", numbers, months.

`vocabulary(lang)` gives the words of a session: those of its language, then
French and English (an adviser's words, and what people often type anyway),
merged so that the session's own language wins. Words are written as people
type them; they are folded (case, accents, apostrophes) once, here.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..expressions import DECLINED, DONT_KNOW, SKIPPED

_WORDS = {
    "fr": {
        "commands": {
            "help": ("aide", "commandes"),
            "explain": ("?", "explication", "explications", "précisions"),
            "repeat": ("répéter", "relire"),
            "resume": ("reprendre", "continuer"),
            "privacy": ("données", "vos données", "confidentialité"),
            "back": ("retour", "précédent", "précédente", "revenir"),
            "review": ("revoir", "réponses", "mes réponses", "récapitulatif"),
            "quit": ("quitter", "arrêter", "sortir"),
            "language": ("langue", "changer de langue"),
        },
        "change": ("modifier", "changer", "corriger"),
        "specials": {
            DONT_KNOW: ("nsp", "je ne sais pas", "ne sais pas", "sais pas", "je sais pas", "jsp"),
            DECLINED: ("refuser", "refus", "je préfère ne pas répondre", "préfère ne pas répondre",
                       "je ne souhaite pas répondre", "ne souhaite pas répondre"),
            SKIPPED: ("passer", "je passe"),
        },
        "yes": ("oui", "o", "ouais", "vrai", "bien sûr", "oui oui"),
        "no": ("non", "n", "faux", "non non", "pas du tout"),
        "none": ("aucun", "aucune", "rien"),
        "numbers": {"zéro": 0, "aucun": 0, "aucune": 0, "un": 1, "une": 1, "deux": 2, "trois": 3,
                    "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
                    "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
                    "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100},
        "approx": ("environ", "à peu près", "presque"),
        "today": ("aujourd'hui", "aujourdhui"),
        "yesterday": ("hier",),
        "months": {"janvier": 1, "janv": 1, "jan": 1, "février": 2, "févr": 2, "fév": 2, "mars": 3,
                   "mar": 3, "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7,
                   "août": 8, "septembre": 9, "sept": 9, "sep": 9, "octobre": 10, "oct": 10,
                   "novembre": 11, "nov": 11, "décembre": 12, "déc": 12},
        "and": ("et", "puis", "ou"),
        "stopwords": ("je j tu il elle on nous vous me m te t se s le la les l un une des de du d au aux "
                      "a en dans et ou avec pour par sur mon ma mes ton ta tes son sa ses notre nos "
                      "votre vos ce c cet cette ces qui que qu y est suis"),
    },
    "en": {
        "commands": {
            "help": ("help", "commands"),
            "explain": ("explain",),
            "repeat": ("repeat",),
            "resume": ("resume", "continue"),
            "privacy": ("privacy", "my data"),
            "back": ("back", "previous"),
            "review": ("review", "answers", "my answers"),
            "quit": ("quit", "exit", "stop"),
            "language": ("language",),
        },
        "change": ("change", "edit"),
        "specials": {
            DONT_KNOW: ("dont know", "don't know", "i don't know", "i dont know", "unknown", "dk"),
            DECLINED: ("decline", "prefer not to answer", "prefer not to say", "i'd rather not say"),
            SKIPPED: ("skip",),
        },
        "yes": ("yes", "y", "yeah", "true", "of course"),
        "no": ("no", "n", "false", "not at all"),
        "none": ("none", "nothing"),
        "numbers": {"zero": 0, "none": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "twenty": 20,
                    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100,
                    "a hundred": 100},
        "approx": ("about", "around", "roughly", "~", "≈"),
        "today": ("today",),
        "yesterday": ("yesterday",),
        "months": {"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "april": 4, "apr": 4,
                   "may": 5, "june": 6, "july": 7, "august": 8, "aug": 8, "september": 9,
                   "october": 10, "november": 11, "december": 12},
        "and": ("and", "or", "then"),
        "stopwords": "i me my a an the in at on of to for with by and or is am it its your",
    },
    "uk": {
        "commands": {
            "help": ("довідка", "допомога", "команди"),
            "explain": ("пояснення", "поясніть", "поясни"),
            "repeat": ("повторити", "повтори", "ще раз"),
            "resume": ("продовжити", "далі"),
            "privacy": ("дані", "мої дані", "конфіденційність"),
            "back": ("назад", "попереднє", "повернутися"),
            "review": ("переглянути", "відповіді", "мої відповіді"),
            "quit": ("вийти", "вихід", "стоп", "зупинити"),
            "language": ("мова", "змінити мову"),
        },
        "change": ("змінити", "виправити"),
        "specials": {
            DONT_KNOW: ("не знаю", "я не знаю", "нз", "хтозна"),
            DECLINED: ("відмова", "не хочу відповідати", "волію не відповідати", "не бажаю відповідати"),
            SKIPPED: ("пропустити", "пропускаю"),
        },
        "yes": ("так", "т", "ага", "так так", "звісно", "авжеж"),
        "no": ("ні", "н", "ні ні", "зовсім ні"),
        "none": ("жодного", "жодної", "жодне", "нічого"),
        "numbers": {"нуль": 0, "жодного": 0, "один": 1, "одна": 1, "одне": 1, "два": 2, "дві": 2,
                    "три": 3, "чотири": 4, "п'ять": 5, "шість": 6, "сім": 7, "вісім": 8, "дев'ять": 9,
                    "десять": 10, "одинадцять": 11, "дванадцять": 12, "тринадцять": 13,
                    "чотирнадцять": 14, "п'ятнадцять": 15, "шістнадцять": 16, "двадцять": 20,
                    "тридцять": 30, "сорок": 40, "п'ятдесят": 50, "шістдесят": 60, "сто": 100},
        "approx": ("приблизно", "близько", "майже", "десь"),
        "today": ("сьогодні",),
        "yesterday": ("вчора", "учора"),
        "months": {"січня": 1, "січень": 1, "лютого": 2, "лютий": 2, "березня": 3, "березень": 3,
                   "квітня": 4, "квітень": 4, "травня": 5, "травень": 5, "червня": 6, "червень": 6,
                   "липня": 7, "липень": 7, "серпня": 8, "серпень": 8, "вересня": 9, "вересень": 9,
                   "жовтня": 10, "жовтень": 10, "листопада": 11, "листопад": 11, "грудня": 12,
                   "грудень": 12},
        "and": ("і", "й", "та", "або", "потім"),
        "stopwords": "я в у на з із зі та і й або мій моя моє мої свій своя своє свої до за по для від це що є мене",
    },
}


@dataclass(frozen=True)
class Vocabulary:
    commands: dict      # folded word -> command name
    change: tuple       # folded words that start "change 3"
    specials: dict      # folded words -> DONT_KNOW, DECLINED, SKIPPED
    yes: frozenset
    no: frozenset
    none: frozenset     # "no choice at all" for a multiple choice
    numbers: dict       # folded number word -> int
    approx: tuple
    today: frozenset
    yesterday: frozenset
    months: dict
    conjunctions: tuple  # "1 and 3"
    stopwords: frozenset


@lru_cache(maxsize=8)
def vocabulary(lang: str = "fr") -> Vocabulary:
    """The words of a session in `lang`: its own first, then French and English."""
    from .parsing import fold   # noqa: PLC0415 - one folding for what is typed and what is listed
    order = list(dict.fromkeys([lang if lang in _WORDS else "fr", "fr", "en"]))
    merged = {"commands": {}, "specials": {}, "numbers": {}, "months": {}}
    lists = {"change": [], "yes": [], "no": [], "none": [], "approx": [], "today": [], "yesterday": [],
             "and": [], "stopwords": []}
    for code in order:
        words = _WORDS[code]
        for name, typed in words["commands"].items():
            for word in typed:
                merged["commands"].setdefault(fold(word) if word != "?" else word, name)
        for special, typed in words["specials"].items():
            for word in typed:
                merged["specials"].setdefault(fold(word), special)
        for key in ("numbers", "months"):
            for word, n in words[key].items():
                merged[key].setdefault(fold(word), n)
        for key in lists:
            source = words[key].split() if key == "stopwords" else words[key]
            lists[key] += [fold(w) if w not in ("~", "≈") else w for w in source]
    # a word that means yes in one language and something else in another is left out
    yes, no = set(lists["yes"]) - set(lists["no"]), set(lists["no"]) - set(lists["yes"])
    return Vocabulary(merged["commands"], tuple(dict.fromkeys(lists["change"])), merged["specials"],
                      frozenset(yes), frozenset(no), frozenset(lists["none"]), merged["numbers"],
                      tuple(dict.fromkeys(lists["approx"])), frozenset(lists["today"]),
                      frozenset(lists["yesterday"]), merged["months"], tuple(dict.fromkeys(lists["and"])),
                      frozenset(lists["stopwords"]))


def words_for(lang: str, command: str) -> tuple[str, ...]:
    """The words of one command in one language, as written (for the help list)."""
    return _WORDS.get(lang, _WORDS["fr"])["commands"].get(command, ())


def special_words(lang: str, special) -> tuple[str, ...]:
    return _WORDS.get(lang, _WORDS["fr"])["specials"].get(special, ())
