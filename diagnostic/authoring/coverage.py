"""What the scenarios exercise of the questionnaires they play: questions asked,
choices chosen, rules applied, actions proposed, pathways proposed."""
from __future__ import annotations

from dataclasses import dataclass

from .scenarios import Outcome, planned_actions


@dataclass(frozen=True)
class Measure:
    what: str                # 'questions', 'choices', 'rules', 'actions', 'pathways'
    total: tuple             # every item that could be exercised
    missing: tuple           # those no scenario exercised

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * (len(self.total) - len(self.missing)) / len(self.total))


def coverage(outcomes: list[Outcome]) -> dict[str, tuple[int, list[Measure]]]:
    """Questionnaire source -> (number of scenarios, measures), for those the scenarios played."""
    played: dict[str, list[Outcome]] = {}
    for o in outcomes:
        if o.result is not None:
            played.setdefault(o.questionnaire.source, []).append(o)
    return {source: (len(group), measures(group)) for source, group in played.items()}


def measures(group: list[Outcome]) -> list[Measure]:
    q, ruleset = group[0].questionnaire, group[0].ruleset
    asked, chosen, fired, planned, pathways = set(), set(), set(), set(), set()
    for o in group:
        out = o.result
        asked |= set(out["asked"])
        for qid, value in out["answers"].items():   # a choice value as JSON: text or a number (a score)
            chosen |= {f"{qid}={v}" for v in (value if isinstance(value, list) else [value])
                       if isinstance(v, (str, int, float)) and not isinstance(v, bool)}
        fired |= {f["rule"] for f in out["findings"]}
        planned |= planned_actions(out)
        if out.get("pathway"):
            pathways.add(out["pathway"].get("rule"))
    items = {
        "questions": [x.id for x in q.flow if x.asks],
        "choices": [f"{x.id}={c.value}" for x in q.flow if x.type in ("choice", "multi_choice")
                    for c in x.choices],
        "rules": [r.id for r in ruleset.rules],
        "actions": list(dict.fromkeys(a for r in ruleset.rules for a in r.actions)),
        "pathways": [p.id for p in ruleset.pathways],
    }
    done = {"questions": asked, "choices": chosen, "rules": fired, "actions": planned, "pathways": pathways}
    return [Measure(what, tuple(all_), tuple(i for i in all_ if i not in done[what])) for what, all_ in items.items()]
