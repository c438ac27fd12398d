import pytest

from diagnostic.errors import LoadError
from diagnostic.loading import load_questionnaire

DOMAIN = """\
id: housing
version: 1
title: Logement
sections:
  - id: housing
    theme: logement
    title: Votre logement
    questions:
      - id: tonight
        type: choice
        text: Où dormez-vous ce soir ?
        choices:
          - {value: home, label: Chez moi}
          - {value: street, label: Dans la rue}
      - id: call_115
        type: note
        urgent: true
        when: "tonight == 'street'"
        text: Appelez le 115, c'est gratuit.
"""

MAIN = """\
id: full
version: 3
title: Diagnostic
sections:
  - id: opening
    theme: emploi
    title: Pour commencer
    questions:
      - {id: housing_issue, type: yes_no, text: Avez-vous des difficultés de logement ?}
  - include: housing.yaml
    when: housing_issue
"""


def test_a_domain_runs_alone_and_inside_the_full_diagnostic(write):
    write("housing.yaml", DOMAIN)
    write("full.yaml", MAIN)
    alone = load_questionnaire("housing.yaml")
    full = load_questionnaire("full.yaml")
    assert [q.id for q in alone.flow] == ["tonight", "call_115"]
    assert [q.id for q in full.flow] == ["housing_issue", "tonight", "call_115"]
    # the include's condition applies to every included question, before their own
    assert [c.text for c in full.questions["call_115"].conditions] == ["housing_issue", "tonight == 'street'"]
    assert full.id == "full" and full.version == 3


def test_the_hash_changes_with_included_content(write):
    write("housing.yaml", DOMAIN)
    write("full.yaml", MAIN)
    before = load_questionnaire("full.yaml").content_hash
    write("housing.yaml", DOMAIN.replace("Dans la rue", "À la rue"))
    assert load_questionnaire("full.yaml").content_hash != before


def test_include_cycle_and_missing_include(write):
    write("a.yaml", MAIN.replace("housing.yaml", "b.yaml"))
    write("b.yaml", MAIN.replace("housing.yaml", "a.yaml").replace("id: opening", "id: opening_b")
          .replace("id: housing_issue", "id: other"))
    with pytest.raises(LoadError) as info:
        load_questionnaire("a.yaml")
    assert [p.code for p in info.value.problems] == ["E105"]
    assert str(info.value.problems[0]).startswith("b.yaml:10:14: E105 'a.yaml' est inclus deux fois (a.yaml -> b.yaml -> a.yaml)")
    write("c.yaml", MAIN.replace("housing.yaml", "nowhere.yaml"))
    with pytest.raises(LoadError) as info:
        load_questionnaire("c.yaml")
    assert str(info.value.problems[0]).startswith("nowhere.yaml: E104 le fichier ne peut pas être lu")


def test_errors_in_an_included_file_name_that_file(write):
    write("housing.yaml", DOMAIN.replace("tonight == 'street'", "tonight == 'rue'"))
    write("full.yaml", MAIN)
    with pytest.raises(LoadError) as info:
        load_questionnaire("full.yaml")
    assert str(info.value.problems[0]).startswith("housing.yaml:18:27: E206 'tonight' n'a pas de choix 'rue'")


# --- issue 11, items 2 and 3: bounded reads, inside the questionnaires' folder -------------

def problems(path):
    with pytest.raises(LoadError) as info:
        load_questionnaire(path)
    return [str(p) for p in info.value.problems]


def test_includes_and_rule_files_outside_the_folder_are_refused_unread(write, tmp_path):
    import os
    secret = tmp_path.parent / "secret.yaml"
    secret.write_text("id: root:x:0:0:root:/root:/bin/bash\nsections: []\n")
    os.symlink(secret, tmp_path / "lien.yaml")              # a link inside that points out
    q = write("questionnaires/full.yaml", MAIN.replace(
        "  - include: housing.yaml\n",
        "  - include: /etc/passwd\n  - include: ../../secret.yaml\n  - include: ../lien.yaml\n")
        .replace("version: 3\n", "version: 3\nrules: [/etc/shadow, ../../secret.yaml]\n"))
    found = problems(q)
    assert len(found) == 5 and all(" E104 " in p and "est hors du dossier des questionnaires" in p for p in found)
    assert not any("root:x" in p for p in found)
    write("rules/ok.yaml", "actions: []\n")                  # a sibling rules/ folder is inside
    write("questionnaires/housing.yaml", DOMAIN)
    q = write("questionnaires/full.yaml", MAIN.replace("version: 3\n", "version: 3\nrules: [../rules/ok.yaml]\n"))
    assert load_questionnaire(q).rule_files


def test_a_fifo_a_device_or_a_huge_file_is_refused_before_reading(write, tmp_path):
    import os
    os.mkfifo(tmp_path / "fifo.yaml")                        # used to hang
    with open(tmp_path / "huge.yaml", "wb") as handle:       # sparse: the size is known unread
        handle.truncate(6_000_000)
    q = write("full.yaml", MAIN.replace("housing.yaml", "fifo.yaml") + "  - include: huge.yaml\n")
    found = problems(q)
    assert found == ["fifo.yaml: E104 ce n'est pas un fichier ordinaire (un périphérique, un tube ou un "
                     "dossier) : il n'est pas lu",
                     "huge.yaml: E104 le fichier dépasse 5 Mo"]
    assert problems("/dev/zero") == ["/dev/zero: E104 ce n'est pas un fichier ordinaire (un périphérique, "
                                     "un tube ou un dossier) : il n'est pas lu"]


def test_messages_quote_no_more_than_a_short_excerpt(write):
    write("notes.yaml", "root:x:0:0:root:/root:/bin/bash: 1\nAPI_KEY=abc123: 2\n")
    q = write("full.yaml", MAIN.replace("housing.yaml", "notes.yaml"))
    found = problems(q)
    assert found == ["notes.yaml:1:1: E110 ce fichier n'est pas un questionnaire (il n'a aucune des "
                     "clés id, sections) ; rien n'en est cité"]
    q = write("long.yaml", MAIN.replace("title: Diagnostic", "title: [" + "x" * 500 + "]")
              .replace("version: 3", "version: '" + "y" * 500 + "'"))
    assert all(len(p) < 160 for p in problems(q))
