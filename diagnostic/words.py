"""The French words of the codes the core and storage return, for `Formatter.message`.

The core raises `InvalidAnswer(code, **params)` and records plan edits it could
not apply as codes; storage errors carry a code too. Here each code has its
French sentence (the msgid translators see), with named placeholders that
`Formatter.message` fills with numbers and dates formatted for the language.
A message whose words depend on a number is a function of the formatter and
the parameters, so that the plural forms of each language are used.
"""
from __future__ import annotations

from .model import N_

MESSAGES = {
    # answers.py: a refused answer
    "answer.yes_no": N_("Répondez par oui ou par non."),
    "answer.choice": N_("Choisissez une des réponses proposées."),
    "answer.choices": N_("Choisissez une ou plusieurs des réponses proposées."),
    "answer.not_offered": N_("Réponse non proposée : {values}."),
    "answer.exclusive": N_("« {label} » ne se combine pas avec une autre réponse : choisissez-la seule, ou retirez-la."),
    "answer.min_choices": lambda fmt, n, **_: fmt.ngettext(
        "Choisissez au moins {n} réponse.", "Choisissez au moins {n} réponses.", n),
    "answer.max_choices": lambda fmt, n, **_: fmt.ngettext(
        "Choisissez au plus {n} réponse.", "Choisissez au plus {n} réponses.", n),
    "answer.number": N_("Indiquez un nombre."),
    "answer.integer": N_("Indiquez un nombre entier."),
    "answer.too_big": N_("Ce nombre est trop grand : indiquez un nombre de 15 chiffres au plus."),
    "answer.number_between": N_("Indiquez un nombre entre {min} et {max}{unit}."),
    "answer.number_min": N_("Indiquez un nombre supérieur ou égal à {min}{unit}."),
    "answer.number_max": N_("Indiquez un nombre inférieur ou égal à {max}{unit}."),
    "answer.text": N_("Écrivez votre réponse."),
    "answer.too_long": N_("Votre réponse est trop longue ({length} caractères, {max} au plus)."),
    "answer.date_format": N_("Cette date n'existe pas ou n'est pas au format AAAA-MM-JJ."),
    "answer.date": N_("Indiquez une date."),
    "answer.date_min": N_("La date doit être le {date} ou après."),
    "answer.date_max": N_("La date doit être le {date} ou avant."),
    "answer.no_dont_know": N_("« Je ne sais pas » n'est pas proposé pour cette question."),
    "answer.no_decline": N_("« Je préfère ne pas répondre » n'est pas proposé pour cette question."),
    "answer.required": N_("Cette question demande une réponse."),
    "answer.unknown_type": N_("Type de question inconnu."),
    # engine.py
    "answer.finished": N_("Le questionnaire est terminé."),
    "answer.no_question": N_("Cette question n'existe plus."),
    # plan.py: an adviser's edit that no longer applies (shown after "action id : ")
    "plan.objective_exists": N_("cet objectif est déjà dans le plan"),
    "plan.objective_gone": N_("cet objectif n'est plus dans le plan"),
    "plan.action_objective_gone": N_("l'objectif de cette action n'est plus dans le plan"),
    "plan.action_exists": N_("cette action est déjà dans le plan"),
    "plan.action_unknown": N_("action inconnue du catalogue et sans libellé"),
    "plan.action_gone": N_("cette action n'est plus dans le plan"),
    "plan.destination_gone": N_("l'objectif de destination n'est plus dans le plan"),
    # storage/errors.py
    "storage.not_found": N_("Aucune session ne correspond à « {ref} » (identifiant ou code de reprise)."),
    "storage.busy": N_("Cette session est déjà ouverte ailleurs. Fermez-la là-bas ou réessayez dans un instant."),
    "storage.closed": N_("Cette session a été fermée : rouvrez-la pour continuer."),
    "storage.failed": N_("La session n'a pas pu être enregistrée ou relue."),
}
