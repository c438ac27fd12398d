"""The flow of a questionnaire as a graph: one box per section, one node per
question, conditions in words on the edges (Mermaid or Graphviz DOT).

From each question an edge goes to the next one, labelled "si …" with the
conditions that question adds; when it has some, dashed "sinon" edges go on
to the questions that can come instead, past those that are skipped for the
same reason (a whole conditional section is jumped in one edge)."""
from __future__ import annotations

from ..model import Question, Questionnaire
from .describe import describe

MAX_TEXT = 60


def edges(questionnaire: Questionnaire) -> list[tuple[str, str, str, bool]]:
    """(from, to, label, skip) in flow order; 'start' and 'end' frame the flow."""
    flow = questionnaire.flow
    found = []
    for i, here in enumerate(((None, "start"), *((q, q.id) for q in flow))):
        before = here[0].conditions if here[0] is not None else ()
        failed: list[set] = []   # conditions found false on the way: what they guard is skipped too
        for later in flow[i:]:
            new = [c for c in later.conditions if c not in before]
            if any(f <= set(new) for f in failed):
                continue
            words = " et ".join(describe(c, questionnaire, inner=len(new) > 1) for c in new)
            label = ("sinon" + (f", si {words}" if new else "")) if failed else (f"si {words}" if new else "")
            found.append((here[1], later.id, label, bool(failed)))
            if not new:
                break
            failed.append(set(new))
        else:
            found.append((here[1], "end", "sinon" if failed else "", bool(failed)))
    return found


def _text(q: Question) -> str:
    text = " ".join(q.text.split())
    return (text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1] + "…") + f"\n({q.id})"


def mermaid(questionnaire: Questionnaire) -> str:
    esc = lambda s: s.replace('"', "#quot;").replace("\n", "<br/>")  # noqa: E731
    lines = ["flowchart TD", '  start(["Début"])', '  end_(["Fin"])']
    for section in questionnaire.sections:
        lines.append(f'  subgraph s_{section.id}["{esc(section.title)}"]')
        lines += [f'    q_{qid}["{esc(_text(questionnaire.questions[qid]))}"]' for qid in section.questions
                  if qid in questionnaire.questions]
        lines.append("  end")
    node = lambda n: "start" if n == "start" else "end_" if n == "end" else f"q_{n}"  # noqa: E731
    for a, b, label, skip in edges(questionnaire):
        arrow = "-.->" if skip else "-->"
        lines.append(f"  {node(a)} {arrow}" + (f'|"{esc(label)}"|' if label else "") + f" {node(b)}")
    return "\n".join(lines) + "\n"


def dot(questionnaire: Questionnaire) -> str:
    esc = lambda s: s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")  # noqa: E731
    lines = [f'digraph "{esc(questionnaire.id)}" {{', "  rankdir=TB;",
             '  node [shape=box, style=rounded, fontname="Helvetica"];',
             '  edge [fontname="Helvetica", fontsize=10];',
             '  start [label="Début", shape=oval];', '  end_ [label="Fin", shape=oval];']
    for section in questionnaire.sections:
        lines.append(f'  subgraph "cluster_{esc(section.id)}" {{')
        lines.append(f'    label="{esc(section.title)}"; style=rounded;')
        lines += [f'    "q_{qid}" [label="{esc(_text(questionnaire.questions[qid]))}"];' for qid in section.questions
                  if qid in questionnaire.questions]
        lines.append("  }")
    node = lambda n: "start" if n == "start" else "end_" if n == "end" else f'"q_{n}"'  # noqa: E731
    for a, b, label, skip in edges(questionnaire):
        attrs = [f'label="{esc(label)}"'] if label else []
        attrs += ["style=dashed"] if skip else []
        lines.append(f"  {node(a)} -> {node(b)}" + (f" [{', '.join(attrs)}]" if attrs else "") + ";")
    return "\n".join(lines + ["}"]) + "\n"


FORMATS = {"mermaid": mermaid, "dot": dot}
