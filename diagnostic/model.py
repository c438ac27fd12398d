"""Frozen dataclasses of the domain: what a loaded questionnaire is.

Built by `diagnostic.loading`, read by the engine, scoring, reports and UIs.
Nothing here knows about YAML or files beyond the `Location` of each item,
kept so that later checks can still point authors at the right line.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .errors import N_, Location  # noqa: F401 - N_ marks the domain's French words for extraction
from .expressions import (DECLINED, DONT_KNOW, NOT_APPLICABLE, SKIPPED, Expression, Special)


QUESTION_TYPES = ("yes_no", "choice", "multi_choice", "number", "text", "date", "note")

THEMES = {
    "logement": N_("Logement"),
    "emploi": N_("Emploi"),
    "formation": N_("Formation"),
    "difficulte_administrative": N_("Difficultés administratives"),
    "difficulte_financiere": N_("Difficultés financières"),
    "mobilite": N_("Mobilité"),
    "sante": N_("Santé"),
    "contraintes_familiales": N_("Contraintes familiales"),
    "maitrise_langue": N_("Maîtrise de la langue française"),
    "numerique": N_("Numérique"),
    "choisir_un_metier": N_("Choisir un métier"),
    "se_former": N_("Se former"),
    "preparer_sa_candidature": N_("Préparer sa candidature"),
    "trouver_un_emploi": N_("Trouver un emploi"),
    "creer_une_entreprise": N_("Créer une entreprise"),
    "s_ouvrir_a_l_international": N_("S'ouvrir à l'international"),
}


@dataclass(frozen=True)
class Choice:
    value: str | int | float      # text, or a number that conditions and arithmetic see (a score)
    label: str
    help: str | None = None
    exclusive: bool = False       # "Aucun", "Je ne sais pas": cannot be picked with another choice


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    text: str
    section: str
    theme: str
    position: int                          # index in the flow
    conditions: tuple[Expression, ...] = ()  # include, section and own `when`, all must hold
    help: str | None = None
    required: bool = True
    decline: bool = False
    dont_know: bool = False
    sensitive: bool = False
    choices: tuple[Choice, ...] = ()
    min: Any = None
    max: Any = None
    integer: bool = False
    unit: str | None = None
    max_length: int = 500
    urgent: bool = False
    location: Location | None = field(default=None, compare=False)

    @property
    def asks(self) -> bool:
        """False for a note, which shows text and takes no answer."""
        return self.type != "note"

    @property
    def depends_on(self) -> frozenset:
        return frozenset().union(*(c.names for c in self.conditions))

    def choice(self, value) -> Choice | None:
        if isinstance(value, bool):   # True == 1: a yes is never the choice worth 1
            return None
        return next((c for c in self.choices if c.value == value), None)


@dataclass(frozen=True)
class Band:
    """One band of an indicator: values below `below` (the last band has none: the rest)."""
    label: str
    below: int | float | None = None


@dataclass(frozen=True)
class Computed:
    id: str
    expression: Expression
    position: float   # settled right after the last question it depends on, transitively
    label: str | None = None
    location: Location | None = field(default=None, compare=False)
    theme: str | None = None          # the indicator's section in outputs (None: a section of its own)
    unit: str | None = None
    decimals: int | None = None       # display precision
    bands: tuple[Band, ...] = ()

    @property
    def depends_on(self) -> frozenset:
        return self.expression.names

    @property
    def indicator(self) -> bool:
        """A computed value with a label is shown in every output, as an indicator."""
        return self.label is not None

    def band(self, value) -> Band | None:
        """The first band whose `below` is above `value`; None for a value that is not a number."""
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not self.bands:
            return None
        return next((b for b in self.bands if b.below is None or value < b.below), None)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    theme: str
    intro: str | None
    questions: tuple[str, ...]


@dataclass(frozen=True)
class Questionnaire:
    id: str
    version: int
    title: str
    content_hash: str
    sections: tuple[Section, ...]
    questions: dict            # id -> Question, in flow order
    computed: dict             # id -> Computed, in settling order
    description: str | None = None
    rule_files: tuple[str, ...] = ()
    source: str = ""
    files: tuple[str, ...] = ()   # the file and its includes, resolved (rule files apart)

    @property
    def flow(self) -> tuple[Question, ...]:
        return tuple(self.questions.values())


# --- answers as JSON ---------------------------------------------------------

_SPECIAL_KEYS = {"declined": DECLINED, "dont_know": DONT_KNOW, "skipped": SKIPPED}


def encode_answer(value: Any) -> Any:
    """An answer as JSON: specials as {"declined": true} & co., dates as text."""
    if isinstance(value, Special):
        if value is NOT_APPLICABLE:
            raise ValueError("not applicable is not an answer")
        return {value.name.lower(): True}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple, frozenset)):
        return list(value)
    return value


def special_from_json(data: Any) -> Special | None:
    """DECLINED, DONT_KNOW or SKIPPED for their JSON form, else None."""
    if isinstance(data, dict) and len(data) == 1:
        key, flag = next(iter(data.items()))
        if flag is True:
            return _SPECIAL_KEYS.get(key)
    return None


# --- rules, action catalogue, pathways (rules/*.yaml) -------------------------

FINDING_KINDS = ("atout", "frein")
INTENSITIES = {"fort": N_("fort"), "moyen": N_("moyen"), "sans_impact": N_("sans impact")}  # strongest first
PATHWAYS = {"emploi": N_("Emploi"), "socioprofessionnel": N_("Socioprofessionnel"), "social": N_("Social")}
PROVIDERS = {
    "france_travail": N_("France Travail"),
    "mission_locale": N_("Mission locale"),
    "cap_emploi": N_("Cap emploi"),
    "caf": N_("CAF"),
    "msa": N_("MSA"),
    "ccas": N_("CCAS"),
    "cpam": N_("CPAM"),
    "siao_115": N_("SIAO / 115"),
    "mdph": N_("MDPH"),
    "plie": N_("PLIE"),
    "departement": N_("Département"),
    "association": N_("Association"),
    "organisme_formation": N_("Organisme de formation"),
    "autre": N_("Autre structure"),
}
ACTION_STATUSES = ("planned", "in_progress", "done", "abandoned", "cancelled", "on_hold")
DEFAULT_PRIORITY = 5


@dataclass(frozen=True)
class Action:
    """An entry of the action catalogue."""
    id: str
    label: str
    theme: str
    category: str                   # data·inclusion (sub-)category slug
    providers: tuple[str, ...]      # PROVIDERS keys
    delay_days: int = 0             # due date = day of the diagnostic + delay
    needs_agreement: bool = False   # the person's explicit agreement is required
    description: str | None = None
    bring: str | None = None        # what the person brings (papers, proofs)
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Conclusion:
    """What a rule concludes when its condition holds (the `finding:` key)."""
    kind: str                       # 'atout' | 'frein'
    label: str
    intensity: str | None = None    # frein only: INTENSITIES key
    situation: str | None = None    # a ref_situation label
    objectives: tuple[str, ...] = ()  # ref_target labels


@dataclass(frozen=True)
class Rule:
    id: str
    theme: str
    when: Expression
    conclusion: Conclusion
    actions: tuple[str, ...] = ()
    priority: int = DEFAULT_PRIORITY   # 1 = most urgent
    order: int = 0                     # position among the rule set's rules
    action_when: tuple = ()            # (action id, Expression): proposed only when it holds
    location: Location | None = field(default=None, compare=False)
    urgent: bool = False               # its finding is an alert, shown first in every output


@dataclass(frozen=True)
class PathwayRule:
    id: str
    pathway: str                    # PATHWAYS key
    when: Expression                # may use rule ids, freins(), atouts(), found()
    reason: str
    location: Location | None = field(default=None, compare=False)
    first_step: int | None = None   # only this many actions make the first step; the rest is for later


@dataclass(frozen=True)
class RuleSet:
    """Everything the rule files of one questionnaire declare, merged and checked."""
    rules: tuple[Rule, ...] = ()
    actions: dict = field(default_factory=dict)   # id -> Action
    pathways: tuple[PathwayRule, ...] = ()       # first match wins
    sources: tuple[str, ...] = ()                # the files, as given
    content_hash: str = ""                       # 'sha256:…' of the files' content; '' when none

    @property
    def empty(self) -> bool:
        return not (self.rules or self.pathways)
