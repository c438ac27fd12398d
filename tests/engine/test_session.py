import datetime as dt

import pytest

from diagnostic.engine import InvalidAnswer, Session
from diagnostic.expressions import DECLINED, DONT_KNOW, NOT_APPLICABLE, SKIPPED, UNKNOWN, parse

TODAY = dt.date(2026, 11, 27)


def walk(session, answers):
    for value in answers:
        session.answer(value)


def test_the_flow_follows_the_file_and_skips_false_conditions(flow):
    s = Session(flow, today=TODAY)
    walk(s, [dt.date(1990, 1, 1), True, "b", ("car",)])
    assert s.current.id == "remark"  # young_help (age 36), exchange, commute, bike_repair skipped
    s.answer(SKIPPED)
    assert s.current is None
    assert s.asked() == ["birth", "has_licence", "licence_kind", "modes", "remark"]
    assert s.value("commute") is NOT_APPLICABLE
    assert s.value("age") == 36


def test_a_wrong_answer_is_refused_with_a_message_and_changes_nothing(flow):
    s = Session(flow, today=TODAY)
    walk(s, [dt.date(2005, 6, 1), True, False])
    assert s.current.id == "commute"
    before = (s.answers, s.asked())
    for wrong, message in [(301, "entre 0 et 300 minutes"), (2.5, "entier"), ("12", "nombre"),
                           (True, "nombre"), ({"declined": True}, "ne pas répondre")]:
        with pytest.raises(InvalidAnswer, match=message):
            s.answer(wrong)
    assert (s.answers, s.asked()) == before and s.current.id == "commute"


def test_dates_that_do_not_exist_or_lie_in_the_future_are_refused(flow):
    s = Session(flow, today=TODAY)
    with pytest.raises(InvalidAnswer, match="n'existe pas"):
        s.answer("2001-02-30")
    with pytest.raises(InvalidAnswer, match="ou avant"):
        s.answer("2030-01-01")
    s.answer("2001-02-28")
    assert s.value("birth") == dt.date(2001, 2, 28)


def test_piping_shows_earlier_answers(flow):
    s = Session(flow, today=TODAY)
    s.answer(dt.date(2005, 6, 1))
    assert s.text(s.current) == "Vous avez 21 ans : connaissez-vous la mission locale ?"


def test_declined_and_dont_know_are_kept_as_such(flow):
    s = Session(flow, today=TODAY)
    walk(s, [dt.date(1990, 1, 1), DECLINED])
    assert s.value("has_licence") is DECLINED
    # declined counts as false in a boolean place: 'not has_licence' is true, licence_kind not applicable
    assert s.current.id == "commute"
    assert s.value("licence_kind") is NOT_APPLICABLE
    walk(s, [20, ("car",)])
    with pytest.raises(InvalidAnswer):
        s.answer(DONT_KNOW)  # not offered for this question


def test_back_walks_through_answered_questions_and_keeps_answers(flow):
    s = Session(flow, today=TODAY)
    walk(s, [dt.date(1990, 1, 1), True, "b"])
    assert s.current.id == "modes"
    assert s.back().id == "licence_kind"
    assert s.back().id == "has_licence"
    assert s.back().id == "birth"
    assert s.back() is None  # nothing before the first question
    s.answer(dt.date(1990, 1, 1))  # confirm: move forward through answered questions
    assert s.current.id == "has_licence"
    s.resume()
    assert s.current.id == "modes"


def test_changing_an_answer_keeps_later_answers_and_hides_irrelevant_ones(flow):
    s = Session(flow, today=TODAY)
    walk(s, [dt.date(1990, 1, 1), True, "foreign", True, 30, ("bike",), True])
    assert s.current.id == "remark"
    s.jump("licence_kind")
    s.answer("b")
    assert s.current.id == "remark"  # back to where we were
    assert "exchange" in s.answers and "commute" in s.answers  # kept in the record
    assert "exchange" not in s.relevant_answers() and "commute" not in s.relevant_answers()
    assert s.relevant_answers()["bike_repair"] is True
    s.jump("licence_kind")
    s.answer("foreign")  # relevant again: the kept answers come back
    assert s.relevant_answers()["exchange"] is True and s.relevant_answers()["commute"] == 30


def test_a_change_that_reveals_an_unanswered_question_goes_back_to_it(flow):
    s = Session(flow, today=TODAY)
    walk(s, [dt.date(1990, 1, 1), True, "b", ("car",)])
    s.jump("licence_kind")
    s.answer("foreign")
    assert s.current.id == "exchange"
    s.answer(DONT_KNOW)
    assert s.current.id == "commute"
    s.answer(45)
    assert s.current.id == "remark"  # modes was answered already: accepted on the way
    assert s.relevant_answers()["modes"] == ("car",)


def test_changing_a_date_updates_computed_values_and_what_depends_on_them(flow):
    s = Session(flow, today=TODAY)
    walk(s, [dt.date(1990, 1, 1), False, 10, ("car",), "ok"])
    assert s.current is None and "young_help" not in s.asked()
    s.jump("birth")
    s.answer(dt.date(2006, 1, 1))
    assert s.value("age") == 20
    assert s.current.id == "young_help"


def test_progress_counts_answers_and_estimates_what_is_left(flow):
    s = Session(flow, today=TODAY)
    p0 = s.progress()
    assert (p0.answered, p0.remaining) == (0, 9)
    walk(s, [dt.date(1990, 1, 1), True])
    p = s.progress()
    assert p.answered == 2
    # young_help is known skipped; licence_kind certain; commute/exchange/bike unknown
    assert p.remaining == 6 and p.certain == 3
    walk(s, ["b", ("car",), "x"])
    assert s.progress().remaining == 0 and s.progress().fraction == 1.0


def test_provisional_evaluation_reports_missing_answers(flow):
    s = Session(flow, today=TODAY)
    s.answer(dt.date(1990, 1, 1))
    r = s.evaluate(parse("has_licence and licence_kind == 'foreign'"))
    assert r.value is UNKNOWN and r.missing == {"has_licence", "licence_kind"}


def test_restoring_recorded_answers_resumes_where_it_stopped(flow):
    s = Session(flow, today=TODAY)
    walk(s, [dt.date(1990, 1, 1), True, "foreign", DONT_KNOW])
    record = s.record()
    assert record["exchange"] == {"dont_know": True} and record["birth"] == "1990-01-01"
    again = Session(flow, answers=dict(record, gone="x", commute=999), today=TODAY)
    assert again.current.id == "commute"
    assert again.asked() == s.asked()
    assert set(again.dropped) == {"gone", "commute"}


def test_text_answers_are_cleaned_and_bounded(flow):
    s = Session(flow, today=TODAY)
    walk(s, [dt.date(1990, 1, 1), False, 10, ("car",)])
    with pytest.raises(InvalidAnswer, match="trop longue"):
        s.answer("x" * 21)
    with pytest.raises(InvalidAnswer):
        s.answer("\x00\x07  ")
    s.answer("  <b>ok</b>\x1b[31m ")
    assert s.value("remark") == "<b>ok</b>"        # the whole escape sequence goes (issue 11, item 7)
    s.back()
    s.answer("a\x85b\x9b31mc\u0090d")               # C1 controls, 8-bit CSI included
    assert s.value("remark") == "abcd"


def test_notes_are_shown_when_their_condition_holds_and_are_not_questions(write):
    from diagnostic.loading import load_questionnaire
    write("notes.yaml", """\
        id: notes
        version: 1
        title: Notes
        sections:
          - id: s
            theme: logement
            title: S
            questions:
              - {id: street, type: yes_no, text: Dormez-vous dehors ?}
              - {id: call_115, type: note, urgent: true, when: street, text: Appelez le 115.}
              - {id: after, type: yes_no, text: Ensuite ?}
        """)
    q = load_questionnaire("notes.yaml")
    s = Session(q, today=TODAY)
    s.answer(True)
    assert s.current.id == "call_115" and s.current.urgent
    s.answer(None)
    s.answer(False)
    assert s.asked() == ["street", "after"] and s.notes_shown() == ["call_115"]
    s.jump("street")
    s.answer(False)
    assert s.notes_shown() == []
