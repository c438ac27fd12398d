"""The stored session record: a JSON-able dict with a schema version.

```json
{
  "schema_version": 1,
  "id": "3f9a2c7e1b04",
  "questionnaire": {"id": "diagnostic", "version": 3, "hash": "sha256:…"},
  "locale": "fr",
  "mode": "kiosk",                     // adviser | kiosk | script
  "status": "in_progress",             // in_progress | finished | abandoned
  "created_at": "2024-05-01T09:12:03.120+00:00",
  "updated_at": "2024-05-01T09:31:40.007+00:00",   // last contact
  "answers": {"age": {"value": 34, "at": "2024-05-01T09:13:10.551+00:00"}},
  "position": "housing",               // question on screen when last saved, or null
  "notes": "",                         // adviser notes
  "plan_edits": [],                    // action-plan edits, opaque JSON list
  "retrieval_code": "ACDE2345XY",
  "questionnaire_changes": [],         // resumes on a changed questionnaire
  "reference": null,                   // the adviser's reference for the person (a file number)
  "adviser_notes": [],                 // [{text, theme, question, at}]: never shown to the person
  "pathway_choice": null,              // {pathway, reason}: the adviser's, when not the proposed
  "history": [],                       // finalised diagnostics, oldest first: {version,
                                       //   finalised_at, reopened_at, chosen_pathway, diagnostic}
  "structure": null,                   // the structure the session belongs to (a territory's store)
  "shared_with": []                    // structures the person agreed to share it with
}
```

The last six keys were added by the interview service and the territory
store (schema 1 still: a record without them reads as if they were empty).

Answer values are opaque JSON (the engine's encoding: true/false, "value",
["a", "b"], numbers, text, "YYYY-MM-DD", {"declined": true},
{"dont_know": true}, {"skipped": true}).

Timestamps are UTC, ISO 8601 with milliseconds, so that they sort as text.

Migrations: `MIGRATIONS[n]` turns a version-n record into version n+1.
A record older than the oldest migration, or newer than this program,
is refused with a message that says what to do.
"""
from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from .errors import CorruptDataError, SchemaVersionError

SCHEMA_VERSION = 1
MODES = ("adviser", "kiosk", "script")
STATUSES = ("in_progress", "finished", "abandoned")

#: from-version → function returning the record at from-version + 1
MIGRATIONS: dict[int, Callable[[dict], dict]] = {}

#: keys added after schema 1 was published; absent in older records (read as empty)
OPTIONAL = {"reference": str, "adviser_notes": list, "pathway_choice": dict, "history": list,
            "structure": str, "shared_with": list}

_ID_RE = re.compile(r"^[0-9a-f]{12}$")
_STRUCTURE_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")


# --- time --------------------------------------------------------------------

def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def to_iso(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: give a timezone")
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="milliseconds")


def from_iso(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment


_PERIOD_RE = re.compile(r"^\s*(\d+)\s*([dwmy])\s*$", re.IGNORECASE)


def parse_period(text: str) -> tuple[int, str]:
    """``24m`` → (24, "m"). Units: d(ays), w(eeks), m(onths), y(ears)."""
    match = _PERIOD_RE.match(text or "")
    if not match or int(match.group(1)) <= 0:
        raise ValueError(
            f"durée invalide : {text!r} (exemples : 30d, 6w, 24m, 2y — "
            "jours, semaines, mois, années)")
    return int(match.group(1)), match.group(2).lower()


def period_cutoff(now: dt.datetime, text: str) -> dt.datetime:
    """The moment `text` (e.g. ``24m``) before `now`, by calendar months/years;
    ValueError (French) if that is before year 1."""
    count, unit = parse_period(text)
    try:
        return _before(now, count, unit)
    except (ValueError, OverflowError):
        raise ValueError(f"durée trop longue : {text!r} (elle remonte avant l'an 1)") from None


def _before(now: dt.datetime, count: int, unit: str) -> dt.datetime:
    if unit == "d":
        return now - dt.timedelta(days=count)
    if unit == "w":
        return now - dt.timedelta(weeks=count)
    months = count * (12 if unit == "y" else 1)
    year, month = divmod(now.year * 12 + (now.month - 1) - months, 12)
    month += 1
    day = min(now.day, calendar.monthrange(year, month)[1])
    return now.replace(year=year, month=month, day=day)


# --- values ------------------------------------------------------------------

def json_copy(value: Any, what: str = "valeur") -> Any:
    """A deep copy of `value` through JSON; TypeError if it is not plain JSON."""
    try:
        return json.loads(json.dumps(value, allow_nan=False, ensure_ascii=False))
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{what} non enregistrable en JSON : {exc}") from None


def questionnaire_ref(questionnaire: Any) -> dict:
    """{id, version, hash} from a mapping or a `diagnostic.model.Questionnaire`."""
    if isinstance(questionnaire, Mapping):
        ref = {"id": questionnaire.get("id"), "version": questionnaire.get("version"),
               "hash": questionnaire.get("hash")}
    else:
        ref = {"id": getattr(questionnaire, "id", None),
               "version": getattr(questionnaire, "version", None),
               "hash": getattr(questionnaire, "content_hash", None)}
    if not isinstance(ref["id"], str) or not ref["id"]:
        raise ValueError("questionnaire: id manquant")
    if not isinstance(ref["version"], (int, str)) or isinstance(ref["version"], bool):
        raise ValueError("questionnaire: version manquante")
    if not isinstance(ref["hash"], str):
        raise ValueError("questionnaire: empreinte (hash) manquante")
    return ref


# --- records -----------------------------------------------------------------

def new_record(*, session_id: str, questionnaire: Any, locale: str, mode: str,
               retrieval_code: str, now: dt.datetime, structure: str | None = None) -> dict:
    stamp = to_iso(now)
    record = {
        "schema_version": SCHEMA_VERSION,
        "id": session_id,
        "questionnaire": questionnaire_ref(questionnaire),
        "locale": locale,
        "mode": mode,
        "status": "in_progress",
        "created_at": stamp,
        "updated_at": stamp,
        "answers": {},
        "position": None,
        "notes": "",
        "plan_edits": [],
        "retrieval_code": retrieval_code,
        "questionnaire_changes": [],
        "reference": None,
        "adviser_notes": [],
        "pathway_choice": None,
        "history": [],
        "structure": structure,
        "shared_with": [],
    }
    check_record(record)
    return record


def is_session_id(text: str) -> bool:
    return isinstance(text, str) and bool(_ID_RE.match(text))


def is_structure_code(text: str) -> bool:
    """A structure's code: lower-case letters, digits, '-' and '_' (e.g. "caf-13")."""
    return isinstance(text, str) and bool(_STRUCTURE_RE.match(text))


def check_record(record: Any, where: str = "") -> dict:
    """Raise CorruptDataError (a readable message) if `record` is not a valid v-current record."""
    def bad(message: str):
        raise CorruptDataError(f"{where}{message}" if where else message)

    if not isinstance(record, dict):
        bad("l'enregistrement n'est pas un objet JSON")
    expected = {
        "id": str, "questionnaire": dict, "locale": str, "mode": str, "status": str,
        "created_at": str, "updated_at": str, "answers": dict, "notes": str,
        "plan_edits": list, "retrieval_code": str, "questionnaire_changes": list,
    }
    for key, kind in expected.items():
        if not isinstance(record.get(key), kind):
            bad(f"champ « {key} » absent ou de mauvais type")
    if not is_session_id(record["id"]):
        bad(f"identifiant de session invalide : {record['id']!r}")
    if record["mode"] not in MODES:
        bad(f"mode inconnu : {record['mode']!r}")
    if record["status"] not in STATUSES:
        bad(f"statut inconnu : {record['status']!r}")
    if record.get("position") is not None and not isinstance(record["position"], str):
        bad("champ « position » de mauvais type")
    for key, kind in OPTIONAL.items():
        if record.get(key) is not None and not isinstance(record[key], kind):
            bad(f"champ « {key} » de mauvais type")
    try:
        questionnaire_ref(record["questionnaire"])
        from_iso(record["created_at"])
        from_iso(record["updated_at"])
    except ValueError as exc:
        bad(str(exc))
    for qid, entry in record["answers"].items():
        if not isinstance(entry, dict) or "value" not in entry or not isinstance(entry.get("at"), str):
            bad(f"réponse « {qid} » mal formée")
    return record


def migrate(record: Any, where: str = "") -> dict:
    """The record at SCHEMA_VERSION, or SchemaVersionError. A record already at
    the current version is checked and returned as is (not copied)."""
    if not isinstance(record, dict):
        raise CorruptDataError(f"{where}l'enregistrement n'est pas un objet JSON")
    version = record.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SchemaVersionError(
            f"{where}version de schéma absente ou illisible ({version!r}) : "
            "ces données n'ont pas été écrites par ce logiciel")
    if version > SCHEMA_VERSION:
        raise SchemaVersionError(
            f"{where}données écrites par une version plus récente du logiciel "
            f"(schéma {version}, ce logiciel lit jusqu'au schéma {SCHEMA_VERSION}). "
            "Mettez le logiciel à jour pour les ouvrir ; elles n'ont pas été modifiées")
    if version < SCHEMA_VERSION:  # migrations work on a copy; a current record is used as is
        record = json.loads(json.dumps(record))
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise SchemaVersionError(
                f"{where}schéma {version} trop ancien pour ce logiciel (il sait migrer à partir "
                f"du schéma {min(MIGRATIONS, default=SCHEMA_VERSION)}). Ouvrez-les avec une version "
                "antérieure du logiciel et exportez-les ; elles n'ont pas été modifiées")
        record = step(record)
        version += 1
        record["schema_version"] = version
    return check_record(record, where)


def is_finalised(record: Mapping) -> bool:
    """True when the record's last finalised diagnostic stands (it was not reopened)."""
    history = record.get("history") or []
    return bool(history) and history[-1].get("reopened_at") is None


# --- summaries ----------------------------------------------------------------

@dataclass(frozen=True)
class SessionSummary:
    """One line of a session list. `problem` is set (and the rest mostly empty)
    for a file that could not be read."""
    id: str
    retrieval_code: str = ""
    questionnaire_id: str = ""
    questionnaire_version: Any = None
    locale: str = ""
    mode: str = ""
    status: str = ""
    created_at: str = ""
    updated_at: str = ""
    answer_count: int = 0
    problem: str | None = None
    reference: str | None = None
    finalised: bool = False        # a finalised diagnostic stands (not reopened)
    structure: str | None = None   # the structure it belongs to (territory store), or None

    @classmethod
    def of(cls, record: Mapping) -> "SessionSummary":
        return cls(
            id=record["id"], retrieval_code=record["retrieval_code"],
            questionnaire_id=record["questionnaire"]["id"],
            questionnaire_version=record["questionnaire"]["version"],
            locale=record["locale"], mode=record["mode"], status=record["status"],
            created_at=record["created_at"], updated_at=record["updated_at"],
            answer_count=len(record["answers"]),
            reference=record.get("reference"), finalised=is_finalised(record),
            structure=record.get("structure"),
        )

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}
