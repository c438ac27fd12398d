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


def test_one_cleaning_rule_for_every_text():
    from diagnostic.typography import clean_text
    assert clean_text("plain text, é à « » 12\u00a0000") == "plain text, é à « » 12\u00a0000"
    assert clean_text("a\x1b[2J\x1b[31mb\x1b]0;titre\x07c\x1bMd") == "abcd"           # ESC sequences
    assert clean_text("a\x9b31mb\x9d0;x\x9cc\x85d\x90e") == "abcde"                 # C1, 8-bit CSI/OSC
    assert clean_text("a\x00\x07\x7fb\u200b\u202eevil\u2066\ufeff") == "abevil"     # C0, DEL, bidi
    assert clean_text("l1\r\nl2\rl3\n\tx") == "l1\nl2\nl3\n\tx"
    assert clean_text("l1\nl2\tx", multiline=False) == "l1l2 x"
    assert clean_text("x\ud800y") == "x\ufffdy"
    assert clean_text("e\u0301") == "\u00e9"                                         # NFC
