"""schemas DIR: the JSON Schemas next to a team's files, and the modelines to use."""
import json
import os

from jsonschema import Draft7Validator

from diagnostic.loading.yamlreader import read


def test_schemas_are_written_with_the_modelines(logis, cli):
    (logis / "rules").mkdir()
    (logis / "rules.yaml").rename(logis / "rules" / "rules.yaml")
    text = (logis / "logis.yaml").read_text(encoding="utf-8").replace("rules: [rules.yaml]", "rules: [rules/rules.yaml]")
    (logis / "logis.yaml").write_text(text, encoding="utf-8")
    (logis / "scenario.yaml").write_text("questionnaire: logis.yaml\nanswers: {}\nexpect: {}\n", encoding="utf-8")
    out = cli("schemas", ".", cwd=logis)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "écrit : questionnaire.schema.json", "écrit : rules.schema.json",
        "logis.yaml : # yaml-language-server: $schema=questionnaire.schema.json",
        "rules/rules.yaml : # yaml-language-server: $schema=../rules.schema.json"]
    for name, data in (("questionnaire", "logis.yaml"), ("rules", "rules/rules.yaml")):
        schema = json.loads((logis / f"{name}.schema.json").read_text(encoding="utf-8"))
        Draft7Validator.check_schema(schema)
        assert list(Draft7Validator(schema).iter_errors(read(logis / data)[0].data)) == []

    assert cli("schemas", ".", "--modelines", cwd=logis).returncode == 0
    assert (logis / "logis.yaml").read_text(encoding="utf-8").splitlines()[:2] == [
        "# yaml-language-server: $schema=questionnaire.schema.json", "id: logis"]
    assert (logis / "rules" / "rules.yaml").read_text(encoding="utf-8").splitlines()[0] == \
        "# yaml-language-server: $schema=../rules.schema.json"
    assert (logis / "scenario.yaml").read_text(encoding="utf-8").startswith("questionnaire:"), "scenarios untouched"
    assert cli("validate", "logis.yaml", cwd=logis).returncode == 0
    assert cli("schemas", "nowhere", cwd=logis).returncode == 2


def test_modelines_never_read_a_fifo(logis, cli):
    """Issue 11: authors' files are read bounded and only as regular files (a FIFO used to hang)."""
    os.mkfifo(logis / "tube.yaml")
    out = cli("schemas", ".", "--modelines", cwd=logis, timeout=120)  # a guard against a hang, not a speed check
    assert out.returncode == 0, out.stderr
    assert "tube.yaml : illisible (voir validate), laissé tel quel" in out.stdout.splitlines()
    assert (logis / "logis.yaml").read_text(encoding="utf-8").startswith("# yaml-language-server:")
