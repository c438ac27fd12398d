"""What a person typed → an answer, a command, or a reason to ask again.

Pure: no I/O, no state. `interpret(question, line, today)` is the one entry
point a front end needs; it returns one of

- `Reply(value)`: a candidate answer for `Session.answer` (which still checks
  it: bounds, number of choices, length…);
- `Command(name, number)`: help, explain, repeat, resume, privacy, back,
  review, change N, quit (the words of `vocabulary.py`: the session's
  language, then French and English);
- `Unclear(fragment, candidates, guess)`: several choices fit (or, with
  `guess`, none did but these are spelled alike): show them and ask again;
- `Invalid(message)`: a short reason in the session's language, then ask again;
- `Empty()`: an empty line (keep the current answer, or skip an optional
  question: the front end decides).

Matching is forgiving and never silent about it: case, accents, apostrophes
and spacing are ignored; a choice can be given by its number, its value, its
label, the start of its label, or some of its words ("loc", "voiture");
several choices by "1, 3" or "voiture et vélo"; yes/no by oui/non/o/n/yes/no/так/ні;
numbers as "1 200,50 €" or in words; dates as 05/03/2024, 5 mars 2024 or 2024-03-05.
When more than one choice fits, nothing is picked.

Each function takes the session's formatter (`fmt`, default French): its
language picks the words understood, its catalogue the words of the replies,
and choices are matched on their labels in that language.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from ..expressions import DECLINED, DONT_KNOW, SKIPPED
from ..i18n import LANGUAGES, Formatter
from ..model import N_, Question
from ..typography import clean_text
from .vocabulary import vocabulary

__all__ = ["Reply", "Command", "Unclear", "Invalid", "Empty", "interpret", "clean_line", "fold",
           "parse_command", "parse_yes_no", "parse_choice", "parse_choices", "parse_number",
           "parse_date", "alternatives", "COMMAND_WORDS", "SPECIAL_WORDS"]


@dataclass(frozen=True)
class Reply:
    value: Any


@dataclass(frozen=True)
class Command:
    name: str                 # help, explain, repeat, resume, privacy, back, review, change, language, quit
    number: int | None = None  # for change
    argument: str | None = None  # for language: what was typed after the word ("en", "English")


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

_FRENCH = Formatter("fr")


def _by_meaning(words: dict) -> dict:
    out: dict = {}
    for word, meaning in words.items():
        out[meaning] = out.get(meaning, ()) + (word,)
    return out


#: command → the words that call it (folded), and special answers → their words, in a French
#: session (French and English); `vocabulary(lang)` has those of every language.
COMMAND_WORDS = _by_meaning(vocabulary("fr").commands)
SPECIAL_WORDS = _by_meaning(vocabulary("fr").specials)


@lru_cache(maxsize=8)
def _change(lang: str) -> re.Pattern:
    words = "|".join(map(re.escape, vocabulary(lang).change))
    answer = "|".join(map(re.escape, map(fold, ("réponse", "answer", "відповідь"))))
    return re.compile(rf"(?:{words})\s*(?:la\s+)?(?:(?:{answer})\s+)?(?:n[o°]?\s*|№\s*)?(\d{{1,6}})")


def parse_command(line: str, fmt: Formatter | None = None) -> Command | None:
    """A navigation command, if the whole line is one."""
    lang = (fmt or _FRENCH).lang
    text = line.strip()
    if text in ("?", "??"):
        return Command("explain")
    folded = fold(text)
    commands = vocabulary(lang).commands
    if folded in commands:
        return Command(commands[folded])
    match = _change(lang).fullmatch(folded)
    if match:
        return Command("change", int(match.group(1)))
    head, _, rest = folded.partition(" ")
    if rest and commands.get(head) == "language" and language_named(rest):
        return Command("language", argument=rest)
    return None


def language_named(text: str | None) -> str | None:
    """The interface language `text` names: its code, its own name or its name in French or
    English ("uk", "Українська", "ukrainien", "Ukrainian"); None for anything else."""
    folded = fold(text or "")
    for code, name in LANGUAGES.items():
        if folded in (code, fold(name), *map(fold, _LANGUAGE_NAMES.get(code, ()))):
            return code
    return None


_LANGUAGE_NAMES = {"fr": ("français", "francais", "french", "французька"),
                   "en": ("anglais", "english", "англійська"),
                   "uk": ("ukrainien", "ukrainian", "українська", "українською")}


def _special_word(line: str, lang: str):
    return vocabulary(lang).specials.get(fold(line))


# --- the entry point -------------------------------------------------------------

def interpret(question: Question, line: str, today: dt.date | None = None, fmt: Formatter | None = None):
    """What `line` means as an answer to `question` (see the module docstring)."""
    fmt = fmt or _FRENCH
    text = clean_line(line)
    if not text:
        return Empty()
    command = parse_command(text, fmt)
    if command is not None:
        return command
    special = _special_word(text, fmt.lang)
    if special is not None and _offers(question, special):
        return Reply(special)
    result = _by_type(question, text, today or dt.date.today(), fmt)
    if special is not None and not isinstance(result, Reply):
        return Invalid(_not_offered(question, special, fmt))
    return result


def shown_choices(question: Question, fmt: Formatter | None = None) -> tuple:
    """The question's choices with their labels in the session's language."""
    if fmt is None or fmt.lang == _FRENCH.lang:
        return question.choices
    return tuple(replace(c, label=fmt.content(c.label)) for c in question.choices)


def _by_type(question: Question, text: str, today: dt.date, fmt: Formatter):
    kind = question.type
    if kind == "yes_no":
        return parse_yes_no(text, fmt)
    if kind == "choice":
        return parse_choice(shown_choices(question, fmt), text, fmt)
    if kind == "multi_choice":
        return parse_choices(shown_choices(question, fmt), text, fmt)
    if kind == "number":
        return parse_number(text, fmt.content(question.unit) if question.unit else None, fmt)
    if kind == "date":
        return parse_date(text, today, fmt)
    return Reply(text)  # text (and note, which asks nothing)


def _offers(question: Question, special) -> bool:
    if special is DONT_KNOW:
        return question.dont_know
    if special is DECLINED:
        return question.decline
    return not question.required


def alternatives(question: Question, fmt: Formatter | None = None) -> list[str]:
    """The non-answers this question accepts, as they are typed and meant."""
    _ = (fmt or _FRENCH).gettext
    out = []
    if question.dont_know:
        out.append(_("nsp (je ne sais pas)"))
    if question.decline:
        out.append(_("refuser (je préfère ne pas répondre)"))
    if not question.required:
        out.append(_("passer (laisser sans réponse)"))
    return out


def _not_offered(question: Question, special, fmt: Formatter) -> str:
    first = fmt.message({DONT_KNOW: "answer.no_dont_know", DECLINED: "answer.no_decline",
                         SKIPPED: "answer.required"}[special])
    others = alternatives(question, fmt)
    if others:
        return fmt.gettext("{refusal} Vous pouvez répondre : {others}.").format(
            refusal=first, others=" ; ".join(others))
    return first


# --- yes / no --------------------------------------------------------------------

def parse_yes_no(text: str, fmt: Formatter | None = None):
    fmt = fmt or _FRENCH
    words = vocabulary(fmt.lang)
    folded = fold(text)
    if folded in words.yes:
        return Reply(True)
    if folded in words.no:
        return Reply(False)
    return Invalid(fmt.gettext("Répondez par oui ou par non (o ou n)."))


# --- choices ---------------------------------------------------------------------

_STOPWORDS = vocabulary("fr").stopwords | vocabulary("uk").stopwords   # little words of every language
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


def _no_match(choices, fragment: str, fmt: Formatter):
    guesses = _close(choices, fragment)
    if guesses:
        return Unclear(fragment, guesses, guess=True)
    return Invalid(fmt.gettext("« {typed} » ne correspond à aucune des réponses proposées. "
                               "Tapez un numéro entre 1 et {last}.").format(typed=_short(fragment),
                                                                           last=len(choices)))


def _out_of_range(choices, number: str, fmt: Formatter) -> Invalid:
    return Invalid(fmt.gettext("Il n'y a pas de réponse numéro {number}. Tapez un numéro entre 1 et {last}.")
                   .format(number=_short(number), last=len(choices)))


def parse_choice(choices, text: str, fmt: Formatter | None = None):
    """One choice: its value (Reply), several readings (Unclear) or a reason (Invalid)."""
    fmt = fmt or _FRENCH
    try:
        found = _match_one(choices, text)
    except _OutOfRange as exc:
        return _out_of_range(choices, str(exc), fmt)
    if len(found) == 1:
        return Reply(choices[found[0]].value)
    if found:
        return Unclear(text, tuple(found))
    if len(_split(text)) > 1 and all(_safe_match(choices, p) for p in _split(text)):
        return Invalid(fmt.gettext("Une seule réponse est possible pour cette question."))
    return _no_match(choices, text, fmt)


def _safe_match(choices, fragment: str) -> list[int]:
    try:
        return _match_one(choices, fragment)
    except _OutOfRange:
        return []


_STRONG_SEPARATORS = re.compile(r"\s*[,;/+&]\s*")
_WEAK_SEPARATORS = re.compile(r"\s+(?:%s)\s+" % "|".join(map(re.escape, vocabulary("uk").conjunctions)),
                               re.IGNORECASE)   # "1 et 3", "1 and 3", "1 і 3" (uk: uk, fr, en)


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


def parse_choices(choices, text: str, fmt: Formatter | None = None):
    """Several choices: a list of values (Reply), or the first unclear part."""
    fmt = fmt or _FRENCH
    try:  # the whole line may be one label that contains a comma or "et"
        whole = _match_one(choices, text)
    except _OutOfRange:
        whole = []
    if len(whole) == 1 and not re.search(r"\d", text):
        return Reply([choices[whole[0]].value])
    folded = fold(text)
    if folded in vocabulary(fmt.lang).none and not whole:
        return Reply([])
    picked: list[int] = []
    for chunk in _split(text):
        for part in _pieces(choices, chunk):
            try:
                found = _match_one(choices, part)
            except _OutOfRange as exc:
                return _out_of_range(choices, str(exc), fmt)
            if len(found) > 1:
                return Unclear(part, tuple(found))
            if not found:
                return _no_match(choices, part, fmt)
            if found[0] not in picked:
                picked.append(found[0])
    if not picked:
        return Invalid(fmt.message("answer.choices"))
    return Reply([choices[i].value for i in picked])


def _pieces(choices, chunk: str) -> list[str]:
    """`chunk` whole if it designates something, else split on "et"/"and"."""
    if _safe_match(choices, chunk) or not _WEAK_SEPARATORS.search(chunk):
        return [chunk]
    return [p for p in _WEAK_SEPARATORS.split(chunk) if p.strip()]


# --- numbers ---------------------------------------------------------------------

@lru_cache(maxsize=8)
def _approx(lang: str) -> re.Pattern:
    return re.compile(r"^(?:%s)\s*" % "|".join(map(re.escape, vocabulary(lang).approx)))


_NUMBER = re.compile(r"([+-]?)(\d{1,15})(?:[.,](\d{1,12}))?")
_CURRENCY = {"€", "eur", "euro", "euros", "e"}


def parse_number(text: str, unit: str | None = None, fmt: Formatter | None = None):
    """A number typed the French or the English way, or in words, with or without its unit."""
    fmt = fmt or _FRENCH
    words = vocabulary(fmt.lang)
    folded = _approx(fmt.lang).sub("", fold(text).replace("\u2212", "-"))
    if folded in words.numbers:
        return Reply(words.numbers[folded])
    # thousands separators: "1 200", "1.200.000" is left alone (read as decimals: too rare)
    folded = re.sub(r"(?<=\d)[ '](?=\d{3}(?!\d))", "", folded)
    match = re.match(_NUMBER, folded)
    if not match:
        return Invalid(_number_hint(unit, fmt))
    rest = folded[match.end():].strip()
    if rest and not _is_unit(rest, unit):
        return Invalid(_number_hint(unit, fmt))
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


def _number_hint(unit: str | None, fmt: Formatter) -> str:
    if unit:
        return fmt.gettext("Indiquez un nombre (en {unit}), par exemple 12.").format(unit=unit)
    return fmt.gettext("Indiquez un nombre, par exemple 12.")


# --- dates ------------------------------------------------------------------------

_DATE_HINT = N_("Écrivez la date sous la forme JJ/MM/AAAA, par exemple 05/03/2024.")
_ISO = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{2,4})")
_COMPACT = re.compile(r"(\d{2})(\d{2})(\d{4})")
_WORDS = re.compile(r"(?:le\s+)?(\d{1,2})(?:er|e|eme|st|nd|rd|th)?\s+([^\W\d_]+)\.?\s+(\d{2,4})(?:\s*(?:р|року))?\.?")


def parse_date(text: str, today: dt.date | None = None, fmt: Formatter | None = None):
    """A date as dt.date (Reply), or a reason (Invalid)."""
    fmt = fmt or _FRENCH
    _, words = fmt.gettext, vocabulary(fmt.lang)
    today = today or dt.date.today()
    folded = fold(text)
    if folded in words.today:
        return Reply(today)
    if folded in words.yesterday:
        return Reply(today - dt.timedelta(days=1))
    if m := _ISO.fullmatch(folded):
        year, month, day = (int(g) for g in m.groups())
    elif m := (_NUMERIC.fullmatch(folded) or _COMPACT.fullmatch(folded)):
        day, month, year = (int(g) for g in m.groups())
        if len(m.group(3)) != 4:
            return Invalid(_("Écrivez l'année avec ses 4 chiffres, par exemple 05/03/1988."))
    elif m := _WORDS.fullmatch(folded):
        month = words.months.get(m.group(2))
        if month is None:
            return Invalid(_(_DATE_HINT))
        day, year = int(m.group(1)), int(m.group(3))
        if len(m.group(3)) != 4:
            return Invalid(_("Écrivez l'année avec ses 4 chiffres, par exemple 5 mars 1988."))
    else:
        return Invalid(_(_DATE_HINT))
    try:
        return Reply(dt.date(year, month, day))
    except ValueError:
        return Invalid(_("Le {date} n'existe pas.").format(date=f"{day:02d}/{month:02d}/{year:04d}")
                       + " " + _(_DATE_HINT))


def _short(text: str, width: int = 40) -> str:
    text = text.strip()
    return text if len(text) <= width else text[:width - 1] + "…"
