"""diff: a renamed question and a changed condition, in words; the stored sessions it affects."""
import shutil

from diagnostic.loading import load_questionnaire
from diagnostic.storage import open_store


def versions(logis, edit):
    old, new = logis / "v1", logis / "v2"
    for folder in (old, new):
        folder.mkdir()
        for name in ("logis.yaml", "rules.yaml"):
            shutil.copy(logis / name, folder / name)
    edit(new / "logis.yaml", "      - id: rent_arrears", "      - id: rent_late")          # renamed
    edit(new / "logis.yaml", 'when: "rent_arrears"', 'when: "rent_late"')
    edit(new / "logis.yaml", "when: \"tonight == 'own_home'\"", "when: \"tonight != 'street'\"")  # condition
    edit(new / "rules.yaml", "rent_arrears and arrears_amount", "rent_late and arrears_amount")
    edit(new / "rules.yaml", "and not rent_arrears", "and not rent_late")
    edit(new / "rules.yaml", "intensity: moyen\n      label: Hébergé", "intensity: fort\n      label: Hébergé")
    return old, new


def test_a_renamed_question_and_a_changed_condition(logis, edit, cli):
    old, new = versions(logis, edit)
    out = cli("diff", "v1/logis.yaml", "v2/logis.yaml", cwd=logis)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "question renommée : rent_arrears → rent_late (même texte)",
        "condition changée pour rent_late : « tonight == 'own_home' » → « tonight != 'street' »",
        "constat changé pour la règle hosted : moyen → fort"]
    assert cli("diff", "v1", "v2", cwd=logis).stdout == out.stdout, "two folders, matched by file name"
    assert cli("diff", "v1/logis.yaml", "v1/logis.yaml", cwd=logis).stdout == "aucune différence\n"


def test_added_and_removed_questions_and_choices(logis, edit, cli):
    old, new = versions(logis, edit)
    edit(new / "logis.yaml", "          - {value: street, label: Dans la rue}\n",
         "          - {value: street, label: Dans la rue}\n          - {value: car, label: Dans une voiture}\n")
    edit(new / "logis.yaml", "      - id: comment\n        type: text\n"
                             "        text: Voulez-vous ajouter quelque chose sur votre logement ?\n"
                             "        required: false\n", "")
    lines = cli("diff", "v1/logis.yaml", "v2/logis.yaml", cwd=logis).stdout.splitlines()
    assert "question supprimée : comment" in lines and "choix ajouté à tonight : car" in lines


def test_data_dir_lists_the_sessions_a_change_affects(logis, edit, cli):
    old, new = versions(logis, edit)
    questionnaire = load_questionnaire(old / "logis.yaml")
    with open_store(logis / "data") as store:
        ids = {}
        for name, answers in {"street": {"tonight": "street", "health_limits": "none"},
                              "hosted": {"tonight": "third_party", "health_limits": "none"},
                              "home": {"tonight": "own_home", "rent_arrears": False, "health_limits": "none"}}.items():
            with store.create(questionnaire) as session:
                session.save_answers(answers)
                ids[name] = session.id
    out = cli("diff", "v1/logis.yaml", "v2/logis.yaml", "--data-dir", "data", cwd=logis)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert "sessions enregistrées touchées : 2 sur 3" in lines
    touched = {line.split()[1]: line for line in lines if line.startswith("  session ")}
    assert set(touched) == {ids["hosted"], ids["home"]}, "the person in the street sees no change"
    assert "la nouvelle version pose une question sans réponse (rent_late)" in touched[ids["hosted"]]
    assert "constats changent (hosted (moyen) → hosted (fort), rent_late" not in touched[ids["hosted"]]
    assert "constats changent (hosted (moyen) → hosted (fort))" in touched[ids["hosted"]]
    assert "réponses qui ne s'appliquent plus (rent_arrears)" in touched[ids["home"]]
