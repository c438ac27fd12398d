"""The catalogue of authoring errors, and the one way they are reported.

Every problem found in a questionnaire or rule file has a stable code from
CATALOGUE, a message in plain words and, where known, a place in a file. It
prints as compilers do, so editors can jump to it:

    questionnaires/mobilite.yaml:23:15: E203 question inconnue 'has_licence_' ; vouliez-vous dire 'has_licence' ?

Codes never change meaning; new problems get new codes. Messages are worded
in one place, MESSAGES (French, the source language), from a key and params:
`problem("E203.unknown_question", where, name=..., suggestion=...)`. `docs/errors.md` is
generated from CATALOGUE (a test keeps it in step).
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from typing import Iterable

CATALOGUE: dict[str, str] = {
    # Reading files
    "E101": "Le fichier n'est pas du YAML valide (ou utilise une possibilité de YAML refusée : étiquettes autres que !!str, !!seq et !!map, alias récursifs).",
    "E102": "Une clé apparaît deux fois dans le même bloc ; les outils YAML gardent la dernière sans rien dire.",
    "E103": "Un yes/no/on/off/y/n sans guillemets, que les outils YAML 1.1 lisent comme vrai/faux : écrivez true/false, ou mettez le texte entre guillemets.",
    "E104": "Un fichier ne peut pas ou ne doit pas être lu : absent, illisible, pas un fichier ordinaire (un périphérique, un tube), pas en UTF-8, trop gros, ou un fichier inclus ou de règles hors du dossier des questionnaires.",
    "E105": "Un fichier inclus l'est deux fois, ou s'inclut lui-même (directement ou non).",
    # Shape (JSON Schema)
    "E110": "Une clé obligatoire manque (ou le fichier n'est pas du tout un questionnaire ni un fichier de règles : rien n'en est alors cité).",
    "E111": "Une clé que cet endroit n'accepte pas (souvent une faute de frappe).",
    "E112": "Une valeur du mauvais type (du texte là où un nombre est attendu, une liste là où des clés sont attendues…).",
    "E113": "Une valeur qui n'est pas parmi celles permises.",
    "E114": "Une valeur du bon type mais de la mauvaise forme (motif, bornes, liste vide, un nombre de plus de 100 caractères…).",
    # References and structure
    "E201": "Un identifiant est utilisé deux fois (questions, valeurs calculées, sections, listes de choix, règles et actions ont chacune un seul espace de noms).",
    "E202": "Un texte (celui d'une question, ou le libellé d'un constat) affiche une réponse ou une valeur calculée ({{ nom }}) qui n'existe pas.",
    "E203": "Une condition ou une valeur calculée nomme une question qui n'existe pas.",
    "E204": "Une condition nomme une question qui vient plus loin (ou la question elle-même) : quand une question arrive, chaque nom de sa condition doit déjà être connu.",
    "E205": "Des valeurs calculées dépendent les unes des autres en boucle.",
    "E206": "Une condition teste une valeur de choix que la question ne propose pas : elle ne peut jamais être vraie.",
    "E207": "Une question nomme une liste de choix qui n'existe pas.",
    "E208": "Les options d'une question se contredisent (min au-dessus de max, sensible sans refus possible, sensible en texte libre…).",
    "E209": "Un thème qui n'est pas dans la liste de référence des thèmes.",
    "E210": "Les valeurs de choix d'une question mêlent nombres et textes : elles sont toutes des nombres (des scores) ou toutes du texte.",
    "E211": "Les options d'un indicateur sont fausses : des tranches qui ne montent pas ou ne finissent pas par une seule tranche sans `below`, ou des options d'affichage (theme, unit, decimals, bands) sur une valeur calculée sans libellé.",
    # Expressions
    "E301": "Une condition n'est pas une expression bien formée.",
    "E302": "Une condition utilise une construction qui ne fait pas partie du langage des conditions (attribut, appel d'autre chose qu'une fonction, lambda, indice, affectation…).",
    "E303": "Une condition appelle une fonction qui n'existe pas.",
    "E304": "Une fonction est appelée avec un mauvais nombre ou une mauvaise sorte d'arguments.",
    "E305": "Une condition (when:) ne donne pas vrai ou faux.",
    "E306": "Des valeurs de types qui ne peuvent pas être comparés ou combinés (une question oui/non comparée à un nombre…).",
    "E307": "Une condition est trop grande (longueur, imbrication, taille d'une valeur, exposant).",
    # Rules, action catalogue, pathways
    "E401": "Une règle nomme une action absente du catalogue d'actions (le catalogue réunit les `actions:` de tous les fichiers de règles que déclare un questionnaire).",
    "E402": "La catégorie d'une action n'est pas une catégorie ou sous-catégorie data·inclusion (thématiques v1).",
    "E403": "La sorte d'un constat et son intensité ne vont pas ensemble : un atout n'a pas d'intensité.",
    "E404": "freins(), atouts() ou found() est utilisé hors d'une condition de parcours, ou reçoit autre chose qu'une intensité, un thème (ou une liste de thèmes) ou un identifiant de règle écrits.",
    "E405": "L'identifiant d'une règle est aussi celui d'une question ou d'une valeur calculée : une condition de parcours ne pourrait pas les distinguer.",
    "E406": "Un fichier de règles ne contient ni actions, ni règles, ni parcours (fichier vide).",
    "E407": "Un parcours vient après un parcours dont la condition est toujours vraie : il ne peut jamais être proposé.",
    "E408": "found() nomme une règle qu'aucun fichier de règles de l'ensemble (ni du dossier du fichier de parcours) ne déclare.",
    # Warnings of `lint` (advice: the files load and run; silence one on its line with `# lint: ignore W…`)
    "W501": "Une question ne peut jamais être posée : aucune combinaison de réponses aux questions à choix et oui/non ne rend sa condition vraie.",
    "W502": "Une règle ne peut jamais s'appliquer : aucune combinaison de réponses ne rend sa condition vraie.",
    "W503": "Un choix qu'aucune condition ni aucune règle n'utilise, alors que d'autres choix de la même question servent.",
    "W504": "Une action du catalogue qu'aucune règle ne propose.",
    "W505": "Une question qui touche un sujet sensible (santé, handicap, dettes, justice…) sans être marquée sensible ; une question marquée sensible sans refus possible ou en texte libre est déjà l'erreur E208.",
    "W506": "Un sigle dans un texte sans aide qui l'explique.",
    "W507": "Une phrase longue (plus de 20 mots) : le langage clair demande des phrases courtes.",
    "W508": "Une forme au masculin seul là où une forme épicène existe (« inscrit », « seul », « logé »…).",
    "W509": "Un texte d'un questionnaire ou d'un fichier de règles n'a pas de traduction dans un catalogue `locales/<langue>/LC_MESSAGES/questionnaires.po`.",
}

SEVERITIES = ("error", "warning")

# The words of every message, French first (the source language), as templates
# filled from a problem's params. Keyed "CODE.what"; a later catalogue in another
# language needs only this table. Optional endings are added by `message()`.
MESSAGES: dict[str, str] = {
    # reading (yamlreader, validate)
    "E101.tag": "les étiquettes YAML comme '{tag}' ne sont pas permises ici",
    "E101.tab": "une tabulation sert de retrait : YAML n'accepte que des espaces ; remplacez-la par des espaces "
                "(réglez l'éditeur pour qu'il insère des espaces)",
    "E101.bad_start": "le caractère '{char}' ne peut pas commencer une valeur : mettez le texte entre guillemets",
    "E101.space_after_colon": "il manque une espace après « : » ligne {line} (écrivez « {fixed} »)",
    "E101.missing_colon": "il manque « : » après la clé de la ligne {line}, ou cette ligne n'est pas au bon retrait",
    "E101.colon_in_text": "ce texte contient « : » suivi d'une espace, que YAML lit comme une nouvelle clé : "
                          "mettez tout le texte entre guillemets",
    "E101.indent": "le retrait de cette ligne ne correspond pas au bloc où elle se trouve : alignez la clé sur "
                   "celles du même bloc (même nombre d'espaces en début de ligne)",
    "E101.list_depth": "un élément de liste (« - ») n'est pas au bon retrait : alignez-le sur les autres "
                       "éléments de la même liste",
    "E101.unclosed_quote": "ce guillemet n'est jamais fermé : ajoutez le guillemet fermant à la fin du texte",
    "E101.syntax": "YAML invalide ({detail}) : vérifiez les retraits et la ponctuation à cet endroit",
    "E101.nested": "le YAML est imbriqué trop profondément",
    "E101.two_documents": "un seul document par fichier (un « --- » en commence un autre ici)",
    "E101.too_large": "le document est trop grand ou trop imbriqué (des alias qui se développent sans fin ?)",
    "E102.duplicate_key": "la clé '{key}' apparaît deux fois (la première ligne {first}) : gardez-en une seule",
    "E103.yaml11_bool": "'{text}' est lu comme vrai/faux par les outils YAML 1.1 : écrivez {fixed} "
                        "ou mettez-le entre guillemets ('{text}')",
    "E104.unreadable": "le fichier ne peut pas être lu ({reason})",
    "E104.too_large": "le fichier dépasse {megabytes} Mo",
    "E104.not_regular": "ce n'est pas un fichier ordinaire (un périphérique, un tube ou un dossier) : "
                        "il n'est pas lu",
    "E104.outside_root": "'{written}' est hors du dossier des questionnaires ({root}) : les fichiers inclus "
                         "et les fichiers de règles doivent s'y trouver",
    "E104.not_utf8": "le fichier n'est pas du texte UTF-8 (octet {byte}) : enregistrez-le en UTF-8",
    "E104.missing": "fichier ou dossier introuvable",
    "E104.empty_include": "'{file}' est vide",
    "E105.included_twice": "'{file}' est inclus deux fois ({chain})",
    "E112.key_not_word": "une clé doit être un simple mot",
    # shape (schema)
    "E110.missing_key": "il manque la clé '{key}'",
    "E110.not_questionnaire": "ce fichier n'est pas un questionnaire (il n'a aucune des clés {keys}) ; "
                              "rien n'en est cité",
    "E110.not_rules": "ce fichier n'est pas un fichier de règles (il n'a aucune des clés {keys}) ; "
                      "rien n'en est cité",
    "E111.unknown_key": "clé inconnue '{key}'",
    "E111.not_applicable": "'{key}' ne s'applique pas à une question de type {type}",
    "E112.wrong_type": "'{field}' doit être {expected}, pas {actual}",
    "E113.not_allowed": "{value} n'est pas permis pour '{field}'",
    "E113.not_allowed_among": "{value} n'est pas permis pour '{field}' ; valeurs possibles : {allowed}",
    "E114.bad_id": "{value} n'est pas un '{field}' valide : lettres minuscules sans accent, chiffres et _, "
                   "en commençant par une lettre",
    "E114.bad_form": "{value} n'a pas la forme attendue pour '{field}'",
    "E114.bad_name": "{value} n'est pas un nom valide",
    "E114.min_items": "'{field}' doit avoir au moins {count} élément(s)",
    "E114.empty": "'{field}' ne doit pas être vide",
    "E114.too_long": "'{field}' dépasse {count} caractères",
    "E114.minimum": "'{field}' doit valoir au moins {limit}",
    "E114.maximum": "'{field}' doit valoir au plus {limit}",
    "E114.unique": "'{field}' contient deux fois le même élément",
    "E114.schema": "forme inattendue ({detail})",
    "E114.number_too_long": "un nombre de {length} caractères est trop grand (au plus {limit})",
    "E114.number_too_large": "ce nombre est trop grand",
    "E114.reserved": "'{id}' est un mot réservé et ne peut pas servir d'identifiant",
    "E114.not_date": "'{value}' n'est pas une date (écrivez AAAA-MM-JJ)",
    # references and structure (questionnaire)
    "E201.choice_list_twice": "la liste de choix '{name}' est définie deux fois",
    "E201.section_twice": "l'identifiant de section '{id}' est utilisé deux fois (la première fois en {first})",
    "E201.question_twice": "l'identifiant de question '{id}' est utilisé deux fois (la première fois en {first})",
    "E201.choice_twice": "la valeur de choix '{value}' est proposée deux fois",
    "E201.computed_taken": "la valeur calculée '{id}' utilise un identifiant déjà pris",
    "E201.action_twice": "l'identifiant d'action '{id}' est utilisé deux fois (la première fois en {first})",
    "E201.rule_twice": "l'identifiant de règle '{id}' est utilisé deux fois (la première fois en {first})",
    "E201.pathway_twice": "l'identifiant de parcours '{id}' est utilisé deux fois (la première fois en {first})",
    "E201.action_listed_twice": "l'action '{id}' est citée deux fois dans cette règle",
    "E202.unknown_answer": "le texte affiche une réponse inconnue '{name}'",
    "E202.unknown_label_value": "le libellé affiche une valeur inconnue '{name}'",
    "E204.self": "la condition de '{id}' utilise la question elle-même ; une condition n'utilise que des "
                 "questions posées avant",
    "E204.later": "la condition de '{id}' utilise '{name}', qui vient plus loin ; une condition n'utilise que "
                  "des questions posées avant",
    "E204.text_later": "le texte de '{id}' affiche '{name}', qui n'a pas encore de réponse à ce moment",
    "E205.cycle": "des valeurs calculées dépendent les unes des autres en boucle : {cycle}",
    "E207.unknown_list": "liste de choix inconnue '{name}'",
    "E208.sensitive_decline": "la question sensible '{id}' doit proposer decline: true",
    "E208.sensitive_text": "la question sensible '{id}' ne peut pas être en texte libre",
    "E208.min_above_max": "min ({min}) est au-dessus de max ({max})",
    "E208.max_above_choices": "max ({max}) dépasse le nombre de choix",
    "E209.unknown_theme": "thème inconnu '{value}'",
    "E208.exclusive": "exclusive: true ne s'applique qu'à un choix multiple (un choix simple est toujours seul)",
    "E210.mixed_values": "les valeurs des choix d'une question sont toutes des nombres ou toutes du texte : "
                         "'{odd}' ne va pas avec '{first}'",
    "E211.needs_label": "'{key}' sert à un indicateur : donnez un libellé (label) à la valeur calculée '{id}' "
                        "pour l'afficher, ou retirez cette clé",
    "E211.below_missing": "seule la dernière tranche n'a pas de 'below' (elle prend toutes les valeurs restantes)",
    "E211.last_below": "la dernière tranche prend toutes les valeurs restantes : retirez son 'below'",
    "E211.bands_rise": "les tranches montent : below {below} vient après below {previous}",
    "E208.note_options": "une note ne pose pas de question : decline et dont_know ne s'y appliquent pas",
    # conditions (expressions)
    "E203.unknown_question": "question inconnue '{name}'",
    "E206.no_such_choice": "'{name}' n'a pas de choix '{value}'",
    "E206.no_such_choice_among": "'{name}' n'a pas de choix '{value}' ; elle propose : {offered}",
    "E301.not_text": "une condition doit être du texte",
    "E301.empty": "la condition est vide",
    "E301.malformed": "condition mal formée ({detail})",
    "E301.decimal_comma": "'{whole},{decimals}' : un nombre à virgule s'écrit avec un point : écrivez "
                          "{whole}.{decimals}",
    "E302.not_a_value": "'{name}' n'est pas une valeur ici ; écrivez {fixed}",
    "E302.none": "'{name}' n'est pas une valeur ici ; testez plutôt answered(question)",
    "E302.tilde": "'~' ne fait pas partie du langage des conditions",
    "E302.is": "'is' et 'is not' ne font pas partie du langage des conditions ; utilisez == et !=",
    "E302.bitwise": "les opérateurs binaires et @ ne font pas partie du langage des conditions",
    "E302.call": "seules les fonctions documentées peuvent être appelées",
    "E302.attribute": "l'accès à un attribut (a.b) ne fait pas partie du langage des conditions",
    "E302.subscript": "les indices (a[b]) ne font pas partie du langage des conditions",
    "E302.lambda": "lambda ne fait pas partie du langage des conditions",
    "E302.if_else": "« x if c else y » ne fait pas partie du langage des conditions ; écrivez iif(c, x, y)",
    "E302.mapping": "les tables ({{…}}) ne font pas partie du langage des conditions",
    "E302.set": "les ensembles ({{…}}) ne font pas partie du langage des conditions ; utilisez une liste [...]",
    "E302.fstring": "les f-strings ne font pas partie du langage des conditions",
    "E302.assignment": "l'affectation (:=) ne fait pas partie du langage des conditions",
    "E302.comprehension": "les compréhensions ne font pas partie du langage des conditions",
    "E302.star": "* ne fait pas partie du langage des conditions",
    "E302.construct": "'{construct}' ne fait pas partie du langage des conditions",
    "E303.unknown_function": "fonction inconnue '{name}'",
    "E304.named_arguments": "{name}() ne prend pas d'arguments nommés",
    "E304.arguments": "{name}() prend {expected} argument(s), pas {count}",
    "E304.arguments_at_most": "{name}() prend au plus {expected} argument(s), pas {count}",
    "E304.arguments_at_least": "{name}() prend au moins {expected} argument(s), pas {count}",
    "E304.question_name": "{name}() prend un nom de question",
    "E304.any_of": "any_of() prend d'abord une question à choix multiple",
    "E304.date": "{name}() prend une date, pas {kind}",
    "E304.numbers": "{name}() prend des nombres, pas {kind}",
    "E304.round_digits": "round() prend un nombre entier de décimales de 0 à 15, par exemple round(x, 2)",
    "E305.needs_boolean": "{operator} demande vrai ou faux, pas {kind}",
    "E305.not_boolean": "cette condition donne {kind}, pas vrai ou faux",
    "E306.needs_number": "'{operator}' demande un nombre, pas {kind}",
    "E306.needs_numbers": "'{operator}' demande des nombres, pas {kind}",
    "E306.never_equal": "{left} est comparé à {right} : jamais vrai",
    "E306.no_order": "'{operator}' n'ordonne pas les valeurs de type {kind}",
    "E306.iif_branches": "iif() donne {left} ou {right} : les deux branches doivent donner la même sorte "
                         "de valeur",
    "E306.membership": "'in' demande une liste ou un texte à sa droite, pas {kind}",
    "E307.too_long": "une condition peut contenir au plus {count} caractères",
    "E307.too_deep": "la condition est imbriquée sur plus de {count} niveaux",
    "E307.too_large": "la condition est trop imbriquée ou trop grande",
    "E307.list": "une liste peut contenir au plus {count} éléments",
    "E307.exponent": "un exposant vaut au plus {count}",
    "E307.text": "un texte dans une condition contient au plus {count} caractères",
    "E307.number": "un nombre dans une condition vaut au plus {count}",
    # rules
    "E401.unknown_action": "action inconnue '{id}'",
    "E402.category": "'{category}' n'est pas une catégorie data·inclusion",
    "E403.atout_intensity": "un atout n'a pas d'intensité (seul un frein est fort, moyen ou sans_impact)",
    "E404.pathway_only": "{name}() compte des constats : elle ne sert que dans la condition d'un parcours",
    "E404.intensity_first": "freins() prend d'abord une intensité écrite : 'fort', 'moyen' ou 'sans_impact' "
                            "(ou une liste de celles-ci)",
    "E404.not_intensity": "'{value}' n'est pas une intensité",
    "E404.not_intensity_among": "'{value}' n'est pas une intensité ; attendu 'fort', 'moyen' ou 'sans_impact'",
    "E404.written_theme": "{name}() prend un thème écrit, par exemple 'logement', ou une liste de thèmes",
    "E404.found_only": "found() lit des constats : elle ne sert que dans la condition d'un parcours ou d'une action",
    "E404.written_rule": "found() prend des identifiants de règle écrits, par exemple found('no_shelter_tonight')",
    "E405.rule_is_question": "l'identifiant de règle '{id}' est aussi une question ou une valeur calculée "
                             "du questionnaire ; renommez la règle",
    "E406.empty": "ce fichier de règles est vide : il devrait contenir des actions, des règles ou des parcours",
    "E407.unreachable": "le parcours '{id}' vient après '{after}', dont la condition est toujours vraie : "
                        "il ne peut jamais être proposé",
    "E408.unknown_rule": "règle inconnue '{id}'",
    # what `validate` could not check, and the closing line
    "skipped.unreadable": "vérifications sautées : le fichier ne se lit pas, sa forme, ses références et ses "
                          "conditions n'ont pas été vérifiées ; corrigez d'abord l'erreur ci-dessus",
    "skipped.questionnaire": "vérifications sautées : un fichier de ce questionnaire ne se lit pas ou n'a pas "
                             "la bonne forme, ses références, ses conditions et ses règles n'ont pas été "
                             "vérifiées avec ses questions ; corrigez d'abord les erreurs ci-dessus",
    "skipped.rule_file": "vérifications sautées : ce fichier de règles ne se lit pas ou n'a pas la bonne forme, "
                         "ses règles, actions et parcours n'ont pas été vérifiés ; corrigez d'abord les erreurs "
                         "ci-dessus",
    "skipped.rules_alone": "vérifié seul, sans les questions d'un questionnaire : les noms de questions et "
                           "les valeurs de choix de ses conditions n'ont pas été vérifiés",
    "skipped.lint_invalid": "avertissements non cherchés : ce questionnaire ou ses règles ont des erreurs ; "
                            "lancez d'abord validate",
    "skipped.lint_rules_alone": "avertissements non cherchés : aucun questionnaire vérifié ne déclare ce "
                                "fichier de règles",
    # lint
    "ending.suggestion": " ; vouliez-vous dire '{suggestion}' ?",
    "ending.questionnaire": " (questionnaire '{questionnaire}')",
    "W501.never_asked": "la question '{id}' ne peut jamais être posée : aucune combinaison de réponses ne rend "
                        "sa condition vraie",
    "W502.never_fires": "la règle '{id}' ne peut jamais s'appliquer : aucune combinaison de réponses ne rend "
                        "sa condition vraie",
    "W503.unused_choice": "le choix '{value}' de '{id}' n'est testé par aucune condition ni règle, alors que "
                          "d'autres choix de cette question le sont : un oubli ?",
    "W504.never_proposed": "l'action '{id}' n'est proposée par aucune règle",
    "W505.looks_sensitive": "la question '{id}' semble toucher un sujet sensible : marquez-la sensitive: true "
                            "avec decline: true",
    "W506.jargon": "le sigle '{acronym}' n'est expliqué par aucune aide : ajoutez une aide (help:) qui le "
                   "développe",
    "W507.long_sentence": "phrase de {words} mots : visez {limit} mots au plus (langage clair)",
    "W508.masculine": "'{word}' est au masculin seul : préférez une forme épicène ('{epicene}') ou "
                      "une autre tournure",
    "W509.untranslated": "texte sans traduction ({langs})",
    "summary.valid": "les {files} fichiers sont valides",
    "summary.valid_one": "le fichier est valide",
    "summary.problems": "{errors} erreur(s) et {warnings} avertissement(s) dans {bad} fichier(s) sur {files}",
}

# Params that add an ending to any message when given, in this order ("ending.<param>").
ENDINGS = ("suggestion", "questionnaire")

# Words that messages put in their params (types, kinds of value), worded here too.
WORDS: dict[str, str] = {
    "string": "du texte", "number": "un nombre", "integer": "un nombre entier",
    "boolean": "true ou false", "array": "une liste", "object": "des clés avec leurs valeurs",
    "null": "vide", "mapping": "des clés avec leurs valeurs", "list": "une liste", "nothing": "rien",
    "or": " ou ",
    "bool": "un oui/non", "text": "un texte", "date": "une date", "any": "une valeur",
}


class Word(str):
    """A word of WORDS in a problem's params: shown in French, its key kept to reword it."""

    def __new__(cls, key: str, words: dict | None = None):
        word = super().__new__(cls, (words or WORDS).get(key, key))
        word.key = key
        return word


def message(key: str, params: dict, messages: dict | None = None) -> str:
    """The message `key` filled from `params` (a catalogue of another language may be given)."""
    messages = messages or MESSAGES
    text = messages[key].format(**params)
    for name in ENDINGS:
        if params.get(name):
            text += messages.get(f"ending.{name}", MESSAGES[f"ending.{name}"]).format(**params)
    return text


def closest(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to a misspelled `name`, or None when none is close."""
    close = difflib.get_close_matches(str(name), [str(c) for c in candidates], n=1, cutoff=0.7)
    return close[0] if close else None


@dataclass(frozen=True)
class Location:
    """A place in a file; line and column count from 1."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One problem: a stable code, its message, where, and how serious (error or warning).

    `key` and `params` say how the message was worded (MESSAGES), so a front can
    word it again in another language."""

    code: str
    message: str
    location: Location | None = None
    severity: str = "error"
    key: str = ""
    params: tuple = ()   # (name, value) pairs

    def __post_init__(self) -> None:
        if self.code not in CATALOGUE:
            raise ValueError(f"unknown error code {self.code}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity}")

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.code} {self.message}"

    def with_params(self, **extra) -> "Problem":
        """The same problem with more params (e.g. the questionnaire it was found for)."""
        params = {**dict(self.params), **extra}
        return replace(self, message=message(self.key, params), params=tuple(params.items()))

    def worded(self, messages: dict | None = None, words: dict | None = None) -> str:
        """The message in another catalogue (MESSAGES and WORDS of another language); a key
        missing from it, or a problem made without a key, keeps the French."""
        if not self.key or (messages is not None and self.key not in messages):
            return self.message
        params = {k: Word(v.key, words) if isinstance(v, Word) else v for k, v in self.params}
        return message(self.key, params, messages)

    def as_json(self) -> dict:
        loc = self.location or Location("")
        return {"code": self.code, "severity": self.severity, "file": loc.path,
                "line": loc.line or None, "column": loc.column or None, "message": self.message}


def problem(key: str, location: Location | None = None, /, **params) -> Problem:
    """A problem worded from MESSAGES[key]; codes starting with W are warnings."""
    code = key.split(".")[0]
    return Problem(code, message(key, params), location, "warning" if code.startswith("W") else "error",
                   key, tuple(params.items()))


class LoadError(Exception):
    """Raised by the loaders with every problem found, in file order."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=sort_key)
        super().__init__("\n".join(str(p) for p in self.problems))


def sort_key(found: Problem):
    """File, line, column, code: the order problems are shown in."""
    loc = found.location or Location("")
    return (loc.path, loc.line, loc.column, found.code)


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """The "did you mean" ending for the closest candidate, or "" when none is close."""
    close = closest(name, candidates)
    return MESSAGES["ending.suggestion"].format(suggestion=close) if close else ""


def catalogue_markdown() -> str:
    """The text of docs/errors.md."""
    lines = [
        "# Codes des problèmes",
        "",
        "Affichés par `python main.py validate` (erreurs, E…) et `python main.py lint`",
        "(avertissements, W…) sous la forme `chemin:ligne:colonne: CODE message`.",
        "Les codes sont stables : un code ne change jamais de sens. Généré depuis",
        "`diagnostic/errors.py` ; ne pas modifier à la main.",
        "",
        "| code | sens |",
        "|---|---|",
    ]
    lines += [f"| {code} | {text} |" for code, text in CATALOGUE.items()]
    return "\n".join(lines) + "\n"
