"""graph: one box per section, conditions in words on the edges; DOT parsed by Graphviz
(Debian package graphviz, installed by .ci/run)."""
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_mermaid_shows_sections_questions_and_conditions_in_words(logis, cli):
    out = cli("graph", "logis.yaml", "--format", "mermaid", cwd=logis)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "flowchart TD"
    assert '  subgraph s_ce_soir["Pour ce soir"]' in lines and '  subgraph s_sante["Votre santé"]' in lines
    assert '  q_tonight -->|"si tonight vaut « Dans mon logement »"| q_rent_arrears' in lines
    assert '  q_rent_arrears -.->|"sinon"| q_comment' in lines, "the skip past a conditional question"
    assert "  q_health_limits --> end_" in lines


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is installed by .ci/run (apt-get install graphviz)")
@pytest.mark.parametrize("questionnaire", ["logis", "diagnostic"])
def test_dot_output_is_parsed_by_graphviz(logis, cli, questionnaire):
    path = "logis.yaml" if questionnaire == "logis" else ROOT / "questionnaires" / "diagnostic.yaml"
    out = cli("graph", path, "--format", "dot", cwd=logis)
    assert out.returncode == 0, out.stderr
    svg = subprocess.run(["dot", "-Tsvg"], input=out.stdout, capture_output=True, text=True)
    assert svg.returncode == 0 and not svg.stderr, svg.stderr
    titles = set(re.findall(r"<title>(.*?)</title>", svg.stdout))
    if questionnaire == "logis":
        assert {"q_tonight", "q_health_limits", "cluster_ce_soir", "cluster_sante", "q_tonight&#45;&gt;q_rent_arrears"} <= titles
        assert "si tonight vaut « Dans mon logement »" in svg.stdout
    else:
        assert len([t for t in titles if t.startswith("cluster_")]) > 20


def test_an_invalid_questionnaire_is_reported_not_drawn(logis, cli, edit):
    edit(logis / "logis.yaml", "when: \"rent_arrears\"", "when: \"rent_arrear\"")
    out = cli("graph", "logis.yaml", cwd=logis)
    assert out.returncode == 1 and out.stdout == "" and "E203" in out.stderr
