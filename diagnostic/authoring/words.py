"""The words of the authoring tools (scenarios, coverage, trace, diff), French first.

Kept apart from errors.MESSAGES (the problems of files) but worded the same way,
`errors.message(key, params, WORDS)`, so one catalogue per language serves both."""
from __future__ import annotations

from ..errors import message

WORDS: dict[str, str] = {
    # scenario runner
    "scenario.ok": "ok     {file}  {name}",
    "scenario.failed": "ÉCHEC  {file}  {name}",
    "scenario.summary": "{passed} scénario(s) réussi(s), {failed} en échec, sur {total}",
    "scenario.none": "aucun fichier de scénario trouvé",
    "scenario.unreadable": "le scénario ne se lit pas : {detail}",
    "scenario.unknown_key": "clé inconnue '{key}' dans le scénario : elle ne vérifierait rien",
    "scenario.missing_key": "il manque la clé '{key}' au scénario",
    "scenario.no_questionnaire": "questionnaire introuvable : {file}",
    "scenario.invalid_questionnaire": "le questionnaire ou ses règles ont des erreurs (lancez validate) : {detail}",
    "scenario.bad_today": "date invalide pour today : {value} (attendu AAAA-MM-JJ)",
    "scenario.stopped": "l'entretien s'arrête : {detail}",
    "scenario.unknown_question": "question inconnue '{id}' dans les attentes",
    "scenario.unknown_rule": "règle inconnue '{id}' dans les attentes",
    "scenario.unknown_action": "action inconnue '{id}' dans les attentes",
    "scenario.not_asked": "la question '{id}' devait être posée, elle ne l'a pas été",
    "scenario.asked": "la question '{id}' ne devait pas être posée, elle l'a été",
    "scenario.too_many": "{count} questions posées, {limit} au plus attendues",
    "scenario.note_missing": "la note '{id}' devait être montrée, elle ne l'a pas été",
    "scenario.note_shown": "la note '{id}' ne devait pas être montrée, elle l'a été",
    "scenario.finding": "constat '{id}' : attendu {expected}, obtenu {got}",
    "scenario.finding_absent": "constat '{id}' : attendu {expected}, il n'a pas été fait",
    "scenario.unexpected_finding": "constat '{id}' fait ({got}) alors qu'il ne devait pas l'être",
    "scenario.pathway": "parcours : attendu {expected}, obtenu {got}",
    "scenario.action_missing": "l'action '{id}' manque au plan d'action",
    "scenario.alert_missing": "l'alerte '{id}' devait être levée, elle ne l'a pas été",
    "scenario.indicator": "indicateur '{id}' : attendu {expected}, obtenu {got}",
    "scenario.nothing": "rien",
    # run --trace
    "trace.asked": "posée    {id} : {text} → {answer}",
    "trace.asked_if": "posée    {id} : {text} → {answer} ; car {condition} ({values})",
    "trace.note": "montrée  {id} : {text} ; car {condition} ({values})",
    "trace.skipped": "sautée   {id} : sa condition « {condition} » n'est pas remplie ({values})",
    "trace.passed": "passée   {id} : facultative, sans réponse",
    "trace.finding": "constat  {id} ({level}) : {label} ; car {condition} ({values})",
    "trace.pathway": "parcours {pathway} (règle {id}) : {reason}",
    "trace.no_answer": "aucune réponse en jeu",
    "trace.declined": "refus de répondre",
    "trace.dont_know": "ne sait pas",
    "trace.not_applicable": "sans objet (non posée)",
    "trace.skipped_answer": "passée",
    "trace.unknown": "pas encore connue",
    # coverage
    "coverage.title": "Couverture de {source} ({count} scénario(s)) :",
    "coverage.line": "  {what} : {percent} % ({done}/{total})",
    "coverage.missing": "    jamais exercé(e)s : {items}",
    "coverage.questions": "questions posées",
    "coverage.choices": "choix retenus",
    "coverage.rules": "règles appliquées",
    "coverage.actions": "actions proposées",
    "coverage.pathways": "parcours proposés",
}


def word(key: str, /, **params) -> str:
    return message(key, params, WORDS)
