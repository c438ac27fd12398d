"""What a person typed → an answer, a command, or a reason to ask again.

Pure: no I/O, no state. `interpret(question, line, today)` is the one entry
point a front end needs; it returns one of

- `Reply(value)`: a candidate answer for `Session.answer` (which still checks
  it: bounds, number of choices, length…);
- `Command(name, number)`: help, explain, repeat, resume, privacy, back,
  review, change N, quit (words in `COMMAND_WORDS`, French and English);
- `Unclear(fragment, candidates, guess)`: several choices fit (or, with
  `guess`, none did but these are spelled alike): show them and ask again;
- `Invalid(message)`: a short reason in French, then ask again;
- `Empty()`: an empty line (keep the current answer, or skip an optional
  question: the front end decides).

Matching is forgiving and never silent about it: case, accents, apostrophes
and spacing are ignored; a choice can be given by its number, its value, its
label, the start of its label, or some of its words ("loc", "voiture");
several choices by "1, 3" or "voiture et vélo"; yes/no by oui/non/o/n/yes/no;
numbers as "1 200,50 €"; dates as 05/03/2024, 5 mars 2024 or 2024-03-05.
When more than one choice fits, nothing is picked.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from ..expressions import DECLINED, DONT_KNOW, SKIPPED
from ..model import Question
from ..typography import clean_text

__all__ = ["Reply", "Command", "Unclear", "Invalid", "Empty", "interpret", "clean_line", "fold",
           "parse_command", "parse_yes_no", "parse_choice", "parse_choices", "parse_number",
           "parse_date", "alternatives", "COMMAND_WORDS", "SPECIAL_WORDS"]


@dataclass(frozen=True)
class Reply:
    value: Any


@dataclass(frozen=True)
class Command:
    name: str                 # help, explain, repeat, resume, privacy, back, review, change, quit
    number: int | None = None  # for change


@dataclass(frozen=True)
class Unclear:
    fragment: str                 # the part of the line that was unclear, as typed
    candidates: tuple[int, ...]   # indexes into question.choices
    guess: bool = False           # nothing matched; these are close spellings


@dataclass(frozen=True)
class Invalid:
    message: str


@dataclass(frozen=True)
class Empty:
    pass


# --- cleaning and folding ------------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u202f\u2007]+")
_APOSTROPHES = re.compile(r"[\u2019\u2018\u02bc\u00b4`]")
_EDGE_PUNCT = " .,;:!?\u2026\"'\u00ab\u00bb()[]{}"


def clean_line(raw: str) -> str:
    """A typed line without terminal escapes, control or invisible characters, trimmed."""
    text = clean_text(raw, multiline=False)  # the one rule (typography.clean_text)
    return text.replace("\ufffd", "").strip()  # bytes that could not be decoded


def fold(text: str) -> str:
    """Lower case, no accents, one kind of apostrophe and space, no punctuation at the edges."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace("\u0153", "oe").replace("\u00e6", "ae")
    text = _APOSTROPHES.sub("'", text)
    text = _SPACES.sub(" ", text)
    return text.strip(_EDGE_PUNCT)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", fold(text))


# --- commands ----------------------------------------------------------------

#: command → the words that call it (folded); French first, then English.
COMMAND_WORDS = {
    "help": ("aide", "commandes", "help", "commands"),
    "explain": ("?", "explication", "explications", "precisions", "explain"),
    "repeat": ("repeter", "relire", "repeat"),
    "resume": ("reprendre", "continuer", "resume", "continue"),
    "privacy": ("donnees", "vos donnees", "confidentialite", "privacy"),
    "back": ("retour", "precedent", "precedente", "revenir", "back", "previous"),
    "review": ("revoir", "reponses", "mes reponses", "recapitulatif", "review", "answers"),
    "quit": ("quitter", "arreter", "sortir", "quit", "exit", "stop"),
}
#: special answers → the words that give them (folded).
SPECIAL_WORDS = {
    DONT_KNOW: ("nsp", "je ne sais pas", "ne sais pas", "sais pas", "je sais pas", "jsp",
                "dont know", "don't know", "i don't know", "i dont know", "unknown"),
    DECLINED: ("refuser", "refus", "je prefere ne pas repondre", "prefere ne pas repondre",
               "je ne souhaite pas repondre", "ne souhaite pas repondre", "decline",
               "prefer not to answer", "prefer not to say"),
    SKIPPED: ("passer", "je passe", "skip"),
}
_CHANGE = re.compile(r"(?:modifier|changer|corriger|change|edit)\s*(?:la\s+)?(?:reponse\s+)?(?:n[o°]?\s*)?(\d{1,6})")
_COMMANDS = {word: name for name, words in COMMAND_WORDS.items() for word in words}
_SPECIALS = {word: special for special, words in SPECIAL_WORDS.items() for word in words}


def parse_command(line: str) -> Command | None:
    """A navigation command, if the whole line is one."""
    text = line.strip()
    if text in ("?", "??"):
        return Command("explain")
    folded = fold(text)
    if folded in _COMMANDS:
        return Command(_COMMANDS[folded])
    match = _CHANGE.fullmatch(folded)
    if match:
        return Command("change", int(match.group(1)))
    return None


def _special_word(line: str):
    return _SPECIALS.get(fold(line))


# --- the entry point -------------------------------------------------------------

def interpret(question: Question, line: str, today: dt.date | None = None):
    """What `line` means as an answer to `question` (see the module docstring)."""
    text = clean_line(line)
    if not text:
        return Empty()
    command = parse_command(text)
    if command is not None:
        return command
    special = _special_word(text)
    if special is not None and _offers(question, special):
        return Reply(special)
    result = _by_type(question, text, today or dt.date.today())
    if special is not None and not isinstance(result, Reply):
        return Invalid(_not_offered(question, special))
    return result


def _by_type(question: Question, text: str, today: dt.date):
    kind = question.type
    if kind == "yes_no":
        return parse_yes_no(text)
    if kind == "choice":
        return parse_choice(question.choices, text)
    if kind == "multi_choice":
        return parse_choices(question.choices, text)
    if kind == "number":
        return parse_number(text, question.unit)
    if kind == "date":
        return parse_date(text, today)
    return Reply(text)  # text (and note, which asks nothing)


def _offers(question: Question, special) -> bool:
    if special is DONT_KNOW:
        return question.dont_know
    if special is DECLINED:
        return question.decline
    return not question.required


def alternatives(question: Question) -> list[str]:
    """The non-answers this question accepts, as they are typed and meant."""
    out = []
    if question.dont_know:
        out.append("nsp (je ne sais pas)")
    if question.decline:
        out.append("refuser (je préfère ne pas répondre)")
    if not question.required:
        out.append("passer (laisser sans réponse)")
    return out


def _not_offered(question: Question, special) -> str:
    first = {
        DONT_KNOW: "« Je ne sais pas » n'est pas proposé pour cette question.",
        DECLINED: "« Je préfère ne pas répondre » n'est pas proposé pour cette question.",
        SKIPPED: "Cette question demande une réponse.",
    }[special]
    others = alternatives(question)
    if others:
        return f"{first} Vous pouvez répondre : {' ; '.join(others)}."
    return first


# --- yes / no --------------------------------------------------------------------

_YES = {"oui", "o", "yes", "y", "ouais", "vrai", "true", "bien sur", "oui oui"}
_NO = {"non", "n", "no", "faux", "false", "non non", "pas du tout"}


def parse_yes_no(text: str):
    folded = fold(text)
    if folded in _YES:
        return Reply(True)
    if folded in _NO:
        return Reply(False)
    return Invalid("Répondez par oui ou par non (o ou n).")


# --- choices ---------------------------------------------------------------------

_STOPWORDS = frozenset(
    "je j tu il elle on nous vous me m te t se s le la les l un une des de du d au aux a "
    "en dans et ou avec pour par sur mon ma mes ton ta tes son sa ses notre nos votre vos "
    "ce c cet cette ces qui que qu y est suis".split())
_PAREN = re.compile(r"\([^)]*\)")


class _OutOfRange(Exception):
    pass


def _match_one(choices, fragment: str) -> list[int]:
    """Indexes of the choices `fragment` may designate, best reading only."""
    folded = fold(fragment)
    if not folded:
        return []
    if folded.isdecimal():  # isdigit() also takes digits int() refuses ("𐩀")
        n = int(folded) if len(folded) < 6 else 0
        if 1 <= n <= len(choices):
            return [n - 1]
        raise _OutOfRange(folded)
    labels = [fold(c.label) for c in choices]
    exact = [i for i, c in enumerate(choices)
             if folded in (labels[i], fold(str(c.value)), fold(str(c.value).replace("_", " ")),
                           fold(_PAREN.sub("", c.label)))]
    if exact:
        return exact
    prefix = [i for i, label in enumerate(labels) if label.startswith(folded)]
    if prefix:
        return prefix
    wanted = [w for w in _words(folded) if w not in _STOPWORDS]
    if not wanted:
        return []
    found = []
    for i, choice in enumerate(choices):
        words = _words(choice.label)
        if all(any(word.startswith(w) for word in words) for w in wanted):
            found.append(i)
    if len(found) > 1:  # "voiture": "Avec ma voiture" rather than "Avec une voiture sans permis"
        complete = [i for i in found
                    if all(any(word.startswith(w) for w in wanted)
                           for word in _words(_PAREN.sub("", choices[i].label)) if word not in _STOPWORDS)]
        if len(complete) == 1:
            return complete
    return found


def _close(choices, fragment: str) -> tuple[int, ...]:
    """Choices spelled like `fragment` (a typo), for a suggestion only."""
    folded = fold(fragment)
    if len(folded) < 3:
        return ()
    wanted = [w for w in _words(folded) if w not in _STOPWORDS] or [folded]
    out = []
    for i, choice in enumerate(choices):
        words = [w for w in _words(choice.label) if w not in _STOPWORDS] + [fold(choice.label)]
        if all(difflib.get_close_matches(w, words, n=1, cutoff=0.75) for w in wanted):
            out.append(i)
    return tuple(out[:5])


def _no_match(choices, fragment: str):
    guesses = _close(choices, fragment)
    if guesses:
        return Unclear(fragment, guesses, guess=True)
    return Invalid(f"« {_short(fragment)} » ne correspond à aucune des réponses proposées. "
                   f"Tapez un numéro entre 1 et {len(choices)}.")


def _out_of_range(choices, number: str) -> Invalid:
    return Invalid(f"Il n'y a pas de réponse numéro {_short(number)}. "
                   f"Tapez un numéro entre 1 et {len(choices)}.")


def parse_choice(choices, text: str):
    """One choice: its value (Reply), several readings (Unclear) or a reason (Invalid)."""
    try:
        found = _match_one(choices, text)
    except _OutOfRange as exc:
        return _out_of_range(choices, str(exc))
    if len(found) == 1:
        return Reply(choices[found[0]].value)
    if found:
        return Unclear(text, tuple(found))
    if len(_split(text)) > 1 and all(_safe_match(choices, p) for p in _split(text)):
        return Invalid("Une seule réponse est possible pour cette question.")
    return _no_match(choices, text)


def _safe_match(choices, fragment: str) -> list[int]:
    try:
        return _match_one(choices, fragment)
    except _OutOfRange:
        return []


_STRONG_SEPARATORS = re.compile(r"\s*[,;/+&]\s*")
_WEAK_SEPARATORS = re.compile(r"\s+(?:et|and|puis|ou|or)\s+", re.IGNORECASE)


def _split(text: str) -> list[str]:
    parts = []
    for chunk in _STRONG_SEPARATORS.split(text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if re.fullmatch(r"\d+(?:\s+\d+)+", chunk):  # "1 3 5"
            parts.extend(chunk.split())
        else:
            parts.append(chunk)
    return parts


def parse_choices(choices, text: str):
    """Several choices: a list of values (Reply), or the first unclear part."""
    try:  # the whole line may be one label that contains a comma or "et"
        whole = _match_one(choices, text)
    except _OutOfRange:
        whole = []
    if len(whole) == 1 and not re.search(r"\d", text):
        return Reply([choices[whole[0]].value])
    folded = fold(text)
    if folded in ("aucun", "aucune", "rien", "none", "nothing") and not whole:
        return Reply([])
    picked: list[int] = []
    for chunk in _split(text):
        for part in _pieces(choices, chunk):
            try:
                found = _match_one(choices, part)
            except _OutOfRange as exc:
                return _out_of_range(choices, str(exc))
            if len(found) > 1:
                return Unclear(part, tuple(found))
            if not found:
                return _no_match(choices, part)
            if found[0] not in picked:
                picked.append(found[0])
    if not picked:
        return Invalid("Choisissez une ou plusieurs des réponses proposées.")
    return Reply([choices[i].value for i in picked])


def _pieces(choices, chunk: str) -> list[str]:
    """`chunk` whole if it designates something, else split on "et"/"and"."""
    if _safe_match(choices, chunk) or not _WEAK_SEPARATORS.search(chunk):
        return [chunk]
    return [p for p in _WEAK_SEPARATORS.split(chunk) if p.strip()]


# --- numbers ---------------------------------------------------------------------

_NUMBER_WORDS = {
    "zero": 0, "aucun": 0, "aucune": 0, "none": 0, "un": 1, "une": 1, "deux": 2, "trois": 3,
    "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11,
    "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20,
    "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100,
}
_APPROX = re.compile(r"^(?:environ|a peu pres|presque|about|around|~|≈)\s*")
_NUMBER = re.compile(r"([+-]?)(\d{1,15})(?:[.,](\d{1,12}))?")
_CURRENCY = {"€", "eur", "euro", "euros", "e"}


def parse_number(text: str, unit: str | None = None):
    """A number typed the French or the English way, with or without its unit."""
    folded = _APPROX.sub("", fold(text).replace("\u2212", "-"))
    if folded in _NUMBER_WORDS:
        return Reply(_NUMBER_WORDS[folded])
    # thousands separators: "1 200", "1.200.000" is left alone (read as decimals: too rare)
    folded = re.sub(r"(?<=\d)[ '](?=\d{3}(?!\d))", "", folded)
    match = re.match(_NUMBER, folded)
    if not match:
        return Invalid(_number_hint(unit))
    rest = folded[match.end():].strip()
    if rest and not _is_unit(rest, unit):
        return Invalid(_number_hint(unit))
    sign, whole, decimals = match.groups()
    if decimals and decimals.strip("0"):
        value: int | float = float(f"{sign}{whole}.{decimals}")
    else:
        value = int(f"{sign}{whole}")
    return Reply(value)


def _is_unit(rest: str, unit: str | None) -> bool:
    if rest in _CURRENCY or rest == "%":
        return unit is None or fold(unit) in _CURRENCY or unit.strip() == "%" or rest == fold(unit)
    if unit is None:
        return False
    folded_unit = fold(unit)
    return bool(rest) and (folded_unit.startswith(rest) or rest.startswith(folded_unit)
                           or rest.rstrip("s") == folded_unit.rstrip("s"))


def _number_hint(unit: str | None) -> str:
    if unit:
        return f"Indiquez un nombre (en {unit}), par exemple 12."
    return "Indiquez un nombre, par exemple 12."


# --- dates ------------------------------------------------------------------------

_MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "mar": 3,
    "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8,
    "septembre": 9, "sept": 9, "sep": 9, "octobre": 10, "oct": 10, "novembre": 11, "nov": 11,
    "decembre": 12, "dec": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
_DATE_HINT = "Écrivez la date sous la forme JJ/MM/AAAA, par exemple 05/03/2024."
_ISO = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{2,4})")
_COMPACT = re.compile(r"(\d{2})(\d{2})(\d{4})")
_WORDS = re.compile(r"(?:le\s+)?(\d{1,2})(?:er|e|eme)?\s+([a-z]+)\.?\s+(\d{2,4})")


def parse_date(text: str, today: dt.date | None = None):
    """A date as dt.date (Reply), or a reason (Invalid)."""
    today = today or dt.date.today()
    folded = fold(text)
    if folded in ("aujourd'hui", "aujourdhui", "today"):
        return Reply(today)
    if folded in ("hier", "yesterday"):
        return Reply(today - dt.timedelta(days=1))
    if m := _ISO.fullmatch(folded):
        year, month, day = (int(g) for g in m.groups())
    elif m := (_NUMERIC.fullmatch(folded) or _COMPACT.fullmatch(folded)):
        day, month, year = (int(g) for g in m.groups())
        if len(m.group(3)) != 4:
            return Invalid("Écrivez l'année avec ses 4 chiffres, par exemple 05/03/1988.")
    elif m := _WORDS.fullmatch(folded):
        month = _MONTHS.get(m.group(2))
        if month is None:
            return Invalid(_DATE_HINT)
        day, year = int(m.group(1)), int(m.group(3))
        if len(m.group(3)) != 4:
            return Invalid("Écrivez l'année avec ses 4 chiffres, par exemple 5 mars 1988.")
    else:
        return Invalid(_DATE_HINT)
    try:
        return Reply(dt.date(year, month, day))
    except ValueError:
        return Invalid(f"Le {day:02d}/{month:02d}/{year:04d} n'existe pas. {_DATE_HINT}")


def _short(text: str, width: int = 40) -> str:
    text = text.strip()
    return text if len(text) <= width else text[:width - 1] + "…"
