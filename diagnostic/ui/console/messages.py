"""The service's refusals and notices in the console's words (from their codes and
parameters, never by reading the service's French text).

A code not listed here falls back to the service's own message (French).
"""
from __future__ import annotations

from ...model import N_

REFUSALS = {
    "session_not_found": N_("Aucune session ne correspond à ce code ou à cet identifiant."),
    "session_busy": N_("Cette session est déjà ouverte ailleurs (un autre poste ou une autre "
                       "fenêtre) : fermez-la d'abord."),
    "storage": N_("Les données ne sont pas accessibles : {message}"),
    "no_store": N_("Aucun dossier de sessions n'est configuré."),
    "file_not_found": N_("Le questionnaire est introuvable : {message}"),
    "questionnaire_not_found": N_("Le questionnaire de cette session est introuvable : {message}"),
    "answer_refused": N_("Réponse refusée : {reason}"),
    "finished": N_("Toutes les questions ont une réponse."),
    "not_finished": N_("Le diagnostic ne peut être finalisé qu'une fois toutes les questions "
                       "répondues."),
    "finalised": N_("Ce diagnostic est finalisé : rouvrez-le pour le modifier."),
    "not_finalised": N_("Ce diagnostic n'est pas finalisé."),
    "reason_required": N_("Indiquez pourquoi vous choisissez ce parcours plutôt que celui proposé."),
    "save_failed": N_("L'enregistrement a échoué ({reason}). Rien n'est perdu à l'écran : "
                      "la prochaine modification réessaiera."),
    "duplicate_action": N_("Cette action est déjà dans le plan."),
    "duplicate_objective": N_("Cet objectif est déjà dans le plan."),
    "unknown_catalogue_action": N_("Cette action n'est pas dans le catalogue."),
    "unknown_action": N_("Cette action n'est plus dans le plan."),
    "unknown_objective": N_("Cet objectif n'est plus dans le plan."),
    "plan_edit_invalid": N_("Modification du plan refusée : {reason}"),
}


NOTICES = {
    "questionnaire_changed": N_("Le questionnaire a changé depuis le début de cette session : "
                                "les réponses encore valables sont reprises."),
    "answers_refused": N_("{count} réponse(s) enregistrée(s) ne peuvent plus être reprises : "
                          "les questions concernées seront posées de nouveau."),
}


def refusal(error, gettext) -> str:
    """A `ServiceError` as a sentence for the adviser."""
    return _worded(REFUSALS, error.code, {"message": str(error), "reason": "", **error.params},
                   str(error), gettext)


def noticed(notice, gettext) -> str:
    """A resume `Notice` (the questionnaire changed, answers refused) as a sentence."""
    return _worded(NOTICES, notice.code, notice.params, notice.message, gettext)


def _worded(templates: dict, code: str, params: dict, fallback: str, gettext) -> str:
    template = templates.get(code)
    if template is None:
        return fallback
    try:
        return gettext(template).format(**params)
    except (KeyError, IndexError, ValueError):
        return fallback
