"""Plain-language checks of what a person reads: jargon, long sentences,
masculine-only forms, sensitive subjects not marked sensitive (W505-W508)."""
from __future__ import annotations

import re
from typing import Iterator

from ..errors import Problem, problem
from .texts import texts

MAX_WORDS = 20
ACRONYM = re.compile(r"\b[A-ZÀ-Ý]{2,}[A-ZÀ-Ý0-9]*\b")
KNOWN_ACRONYMS = {"CV", "OK"}   # understood by everyone: no help needed
PIPE = re.compile(r"\{\{.*?\}\}")
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
WORD = re.compile(r"[\wÀ-ÿ’'-]+")
# masculine-only form -> an epicene one (only in texts that address the person: "vous")
EPICENE = {
    "inscrit": "inscrit·e", "seul": "seul·e", "logé": "logé·e", "hébergé": "hébergé·e",
    "salarié": "salarié·e", "diplômé": "diplômé·e", "marié": "marié·e", "séparé": "séparé·e",
    "divorcé": "divorcé·e", "accompagné": "accompagné·e", "suivi": "suivi·e", "isolé": "isolé·e",
    "prêt": "prêt·e", "reconnu": "reconnu·e", "licencié": "licencié·e", "retraité": "retraité·e",
    "endetté": "endetté·e", "handicapé": "en situation de handicap", "demandeur": "en recherche",
}
MASCULINE = re.compile(r"(?<![\w·])(?<!un )(?<!le )(" + "|".join(EPICENE) + r")(?![\w·(])", re.IGNORECASE)
SENSITIVE_WORDS = re.compile(
    r"\b(santé|handicap|maladie|médic|soins?|dettes?|surendett|violences?|addictions?|alcool|drogues?|"
    r"justice|casier|prison|incarcér|religion|enceinte|grossesse|titre de séjour)", re.IGNORECASE)


def wording_warnings(doc) -> Iterator[Problem]:
    """Warnings on the texts of one questionnaire document."""
    for text in texts(doc.data):
        words = PIPE.sub("x", text.text)
        where = doc.where(text.path)
        if text.field != "help":
            for acronym in dict.fromkeys(ACRONYM.findall(words)):
                if acronym not in KNOWN_ACRONYMS and acronym not in text.helps:
                    yield problem("W506.jargon", where, acronym=acronym)
        for sentence in SENTENCE_END.split(words):
            count = len(WORD.findall(sentence))
            if count > MAX_WORDS:
                yield problem("W507.long_sentence", where, words=count, limit=MAX_WORDS)
        if "vous" in words.lower():
            for match in dict.fromkeys(m.group(1) for m in MASCULINE.finditer(words)):
                yield problem("W508.masculine", where, word=match, epicene=EPICENE[match.lower()])
        q = text.question
        if text.field == "text" and q is not None and not q.get("sensitive") and SENSITIVE_WORDS.search(words):
            yield problem("W505.looks_sensitive", where, id=q.get("id", "?"))
