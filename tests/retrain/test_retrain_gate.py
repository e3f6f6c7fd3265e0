"""The publishing gate, on held-out results built by hand."""

from __future__ import annotations

from bot.retrain.gate import ConversationResult, decide

PASSED = ConversationResult(passed=12)
BASE = {
    "faq/clinic_location": (10, {}),
    "faq/clinic_contact": (10, {}),
    "faq/idd_what_is": (80, {}),
    "red_flag": (5, {}),
}


def test_an_equal_candidate_is_published(make_report) -> None:
    decision = decide(make_report(BASE), make_report(BASE), PASSED)
    assert decision.publish and decision.refusals == [] and decision.worse_faqs == []


def test_one_question_fewer_answered_right_is_refused_with_the_faq(
    make_report,
) -> None:
    worse = {**BASE, "faq/clinic_location": (9, {"faq/clinic_contact": 1})}  # 99 of 100
    decision = decide(make_report(BASE), make_report(worse), PASSED)
    assert not decision.publish
    assert decision.refusals == [
        (
            "right FAQ answers fell from 100.0% to 99.0% of the held-out questions "
            "(-1.0 points; at most 0 allowed)."
        )
    ]
    assert decision.worse_faqs[0].startswith("clinic_location: F1 1.00 -> 0.95")
    assert (
        "'faq/clinic_location question 9' now gets faq/clinic_contact"
        in (decision.worse_faqs[0])
    )


def test_a_drop_within_a_wider_tolerance_is_published_but_named(make_report) -> None:
    worse = {**BASE, "faq/clinic_location": (8, {"faq/clinic_contact": 2})}  # 98 of 100
    decision = decide(make_report(BASE), make_report(worse), PASSED, max_drop=0.02)
    assert decision.publish
    assert [w.split(":")[0] for w in decision.worse_faqs] == [
        "clinic_location",
        "clinic_contact",
    ]


def test_each_faq_that_got_worse_says_whether_its_own_data_changed(
    make_report,
) -> None:
    worse = {**BASE, "faq/clinic_location": (9, {"faq/clinic_contact": 1})}
    edited = frozenset({"clinic_contact"})
    decision = decide(
        make_report(BASE), make_report(worse), PASSED, max_drop=0.02, edited=edited
    )
    why = {w.split(":")[0]: w for w in decision.worse_faqs}
    assert why["clinic_contact"].endswith("; its questions or answer were edited")
    assert why["clinic_location"].endswith(
        "; its own data did not change (edited: clinic_contact)"
    )
    assert (
        "FAQs whose questions or answer changed since the live model: "
        "clinic_contact." in decision.notes
    )


def test_without_the_live_models_faqs_no_cause_is_guessed(make_report) -> None:
    worse = {**BASE, "faq/clinic_location": (9, {"faq/clinic_contact": 1})}
    decision = decide(make_report(BASE), make_report(worse), PASSED, max_drop=0.02)
    assert all("edited" not in w and "data" not in w for w in decision.worse_faqs)


def test_a_red_flag_that_stops_escalating_is_refused(make_report) -> None:
    worse = {**BASE, "red_flag": (4, {"faq/idd_what_is": 1})}
    decision = decide(make_report(BASE), make_report(worse), PASSED)
    assert not decision.publish
    assert decision.refusals == [
        (
            "the red-flag example 'red_flag question 4' stopped escalating "
            "(now: faq/idd_what_is). Every red flag must be escalated."
        )
    ]


def test_a_red_flag_the_live_model_missed_too_is_refused(make_report) -> None:
    missed = {**BASE, "red_flag": (4, {"greet": 1})}
    decision = decide(make_report(missed), make_report(missed), PASSED)
    assert "'red_flag question 4' is not escalated (now: greet)" in decision.refusals[0]


def test_a_failed_conversation_test_is_refused(make_report) -> None:
    failed = ConversationResult(
        passed=11, failed=["faq: address: turn 1 ... not in ..."]
    )
    decision = decide(make_report(BASE), make_report(BASE), failed)
    assert decision.refusals == [
        "conversation test failed: faq: address: turn 1 ... not in ..."
    ]


def test_the_first_model_has_nothing_to_compare_with(make_report) -> None:
    assert decide(None, make_report(BASE), PASSED).publish
    missed = {**BASE, "red_flag": (4, {"greet": 1})}
    assert not decide(None, make_report(missed), PASSED).publish


def test_new_faqs_without_held_out_questions_are_noted(make_report) -> None:
    decision = decide(
        make_report(BASE),
        make_report(BASE),
        PASSED,
        faq_ids=["clinic_location", "clinic_parking"],
    )
    assert decision.publish
    assert decision.notes[0].startswith(
        "no held-out questions yet for clinic_parking: give 5 in the spreadsheet"
    )


def test_decision_lines_read_as_a_verdict(make_report) -> None:
    worse = {**BASE, "faq/clinic_location": (5, {"faq/clinic_contact": 5})}
    lines = decide(make_report(BASE), make_report(worse), PASSED).lines()
    assert lines[0] == "Decision: **REFUSED** - the live model stays"
    assert lines[1].startswith("- refused: right FAQ answers fell")
    assert any(line.startswith("- got worse: clinic_location") for line in lines)


def test_a_wider_tolerance_is_written_into_the_decision(make_report) -> None:
    worse = {**BASE, "faq/clinic_location": (8, {"faq/clinic_contact": 2})}  # -2 points
    decision = decide(make_report(BASE), make_report(worse), PASSED, max_drop=0.02)
    assert decision.publish
    assert decision.notes == [
        "the accuracy tolerance was set to 2 points (`--max-drop`; the default is 0)."
    ]
