from diagnostic.typography import fold


def test_no_line_starts_with_french_punctuation_or_ends_inside_guillemets():
    text = "Avez-vous un problème de santé qui vous gêne dans la vie de tous les jours ? « Je ne sais pas » : oui"
    for width in range(20, 90):
        rows = fold(text, width)
        assert all(not row.lstrip().startswith(("?", ":", "»")) for row in rows), rows
        assert all(not row.rstrip().endswith("«") for row in rows), rows
        assert " ".join(row.strip() for row in rows) == text


def test_indents_widths_and_long_words():
    rows = fold("un deux trois quatre cinq six", 12, indent="  ", first="- ")
    assert rows[0].startswith("- ") and all(r.startswith("  ") for r in rows[1:])
    assert all(len(r) <= 12 for r in rows)
    assert fold("x" * 30, 10) == ["x" * 10] * 3
    assert fold("tapez main.py-export-ABCD-EFGH", 10, cut_long_words=False) == ["tapez", "main.py-export-ABCD-EFGH"]


def test_real_no_break_spaces_are_kept():
    assert fold("45\u00a0minutes de trajet", 80) == ["45\u00a0minutes de trajet"]
