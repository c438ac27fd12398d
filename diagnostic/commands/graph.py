"""`diagnostic graph QUESTIONNAIRE --format mermaid|dot`: the flow of sections and
questions, conditions in words on the edges (render DOT with `dot -Tsvg`)."""
from __future__ import annotations

import sys

from ..authoring.graph import FORMATS
from .run import load_or_fail


def register(sub) -> None:
    p = sub.add_parser("graph", help="dessiner le déroulé d'un questionnaire",
                       description="Le déroulé d'un questionnaire : une boîte par section, une par question, "
                                   "les conditions en mots sur les flèches. Mermaid (à coller dans un document "
                                   "Markdown) ou DOT (dot -Tsvg fichier.dot > déroulé.svg).")
    p.add_argument("questionnaire", help="fichier de questionnaire")
    p.add_argument("--format", choices=sorted(FORMATS), default="mermaid")
    p.set_defaults(func=run)


def run(args) -> int:
    sys.stdout.write(FORMATS[args.format](load_or_fail(args.questionnaire)))
    return 0
