"""Fixed wording shown by the front ends (French msgids, formal "vous").

Kept apart from the code that shows it so that the kiosk and adviser
consoles say the same thing. Each text is marked `N_` for extraction and
shown through the session's formatter: `fmt.gettext(texts.PRIVACY_TITLE)`.
"""
from __future__ import annotations

from ..model import N_

#: The data protection notice, shown before the first question (and by the
#: `données` command). Who is responsible, why, who sees the data, for how
#: long, and the person's rights: see the data protection part of the domain notes (shared/domain/README.md).
PRIVACY_TITLE = N_("Avant de commencer : vos données personnelles")
PRIVACY_NOTICE = (
    N_("Vos réponses servent à faire le point sur votre situation et à préparer avec vous "
       "un plan d'action vers l'emploi."),
    N_("Ce diagnostic fait partie d'une mission de service public : l'accompagnement vers "
       "l'emploi et l'insertion. La structure qui vous accueille est responsable de vos données."),
    N_("Seuls les professionnels qui vous accompagnent dans votre parcours pourront voir vos "
       "réponses. Elles ne sont partagées avec d'autres structures qu'avec votre accord."),
    N_("Elles sont conservées au plus 2 ans après votre dernier contact avec votre conseiller."),
    N_("Vous pouvez à tout moment les consulter, les faire corriger ou les faire supprimer : "
       "demandez-le à votre conseiller."),
    N_("Certaines questions portent sur la santé, la famille ou la justice. Pour celles-ci, vous "
       "pouvez toujours répondre « je préfère ne pas répondre »."),
)

#: (what to type, what it does), in the order shown by `aide`.
COMMANDS_HELP = (
    (N_("aide (help)"), N_("afficher cette liste")),
    (N_("? (explication)"), N_("expliquer la question")),
    (N_("répéter (repeat)"), N_("afficher la question de nouveau")),
    (N_("retour (back)"), N_("revenir à la question précédente")),
    (N_("revoir (review)"), N_("relire vos réponses et en modifier une")),
    (N_("modifier 3 (change 3)"), N_("modifier la réponse numéro 3 de la liste")),
    (N_("reprendre (continue)"), N_("après un retour, revenir à la question en cours")),
    (N_("nsp (je ne sais pas)"), N_("quand la question le propose")),
    (N_("refuser (je préfère ne pas répondre)"), N_("quand la question le propose")),
    (N_("passer (skip)"), N_("laisser sans réponse une question facultative")),
    (N_("données (privacy)"), N_("relire l'information sur vos données personnelles")),
    (N_("langue (language)"), N_("choisir une autre langue : français, English, українська")),
    (N_("quitter (quit)"), N_("enregistrer et arrêter ; vous pourrez reprendre plus tard")),
)
# TRANSLATORS: the words of the commands below must be words the program understands in your
# language (diagnostic/ui/vocabulary.py); a test checks each one.
COMMANDS_INTRO = N_("Commandes, à taper à la place d'une réponse (en français ou en anglais) :")

#: The kiosk's notice: the same promises, shorter, one idea a line, and the right to
#: refuse stated plainly (the person is alone in front of the screen).
KIOSK_NOTICE_TITLE = N_("Vos réponses et vos données")
KIOSK_NOTICE = (
    N_("Qui en est responsable ? La structure qui vous accueille aujourd'hui."),
    N_("Pourquoi ? Pour faire le point sur votre situation et préparer votre rendez-vous "
       "avec un conseiller. C'est une mission de service public."),
    N_("Qui les verra ? Seulement les conseillers qui vous accompagnent. Rien n'est donné "
       "à une autre structure sans votre accord."),
    N_("Combien de temps ? 2 ans au plus après votre dernier rendez-vous."),
    N_("Vous pouvez refuser : un conseiller vous recevra de la même façon. Vous pourrez "
       "aussi demander à voir, corriger ou effacer vos réponses."),
)
