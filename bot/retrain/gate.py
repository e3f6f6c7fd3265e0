"""The publishing gate: may the candidate model replace the live one?

Refused when fewer held-out FAQ questions get their right answer than with the
live model (no tolerance by default: training is deterministic, so a change in
the answers is a change the data made, not noise), when any red-flag example is
not escalated, or when any conversation test fails. Whatever the decision, it says
which FAQs got worse, and whether their own questions or answer changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.evaluation import FAQ_PREFIX, Report, faq_id
from bot.retrain.model_report import f1_changes, newly_wrong

MAX_FAQ_ACCURACY_DROP = 0.0  # points of right FAQ answers the candidate may lose


@dataclass
class ConversationResult:
    """Outcome of the conversation tests (tests/conversations) against the candidate."""

    passed: int = 0
    failed: list[str] = field(
        default_factory=list
    )  # "test id: first line of the reason"
    ran: bool = True

    def summary(self) -> str:
        """One line for the report."""
        if not self.ran:
            return "not run"
        return f"{self.passed} passed, {len(self.failed)} failed"


@dataclass
class Decision:
    """The gate's verdict, with every reason in words staff can act on."""

    refusals: list[str] = field(default_factory=list)
    worse_faqs: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def publish(self) -> bool:
        """True when nothing stops the candidate going live."""
        return not self.refusals

    def lines(self) -> list[str]:
        """The decision as Markdown lines (report) or plain lines (terminal)."""
        verdict = (
            "**PUBLISH**" if self.publish else "**REFUSED** - the live model stays"
        )
        out = [f"Decision: {verdict}"]
        out += [f"- refused: {reason}" for reason in self.refusals]
        out += [f"- got worse: {line}" for line in self.worse_faqs]
        out += [f"- note: {note}" for note in self.notes]
        return out


def cause(label: str, edited: frozenset[str] | None) -> str:
    """Why an FAQ's held-out answers moved, in words: its own edit, or another's."""
    if edited is None:
        return ""
    if faq_id(label) in edited:
        return "; its questions or answer were edited"
    changed = ", ".join(sorted(edited)) or "none"
    return f"; its own data did not change (edited: {changed})"


def decide(
    live: Report | None,
    candidate: Report,
    conversations: ConversationResult,
    faq_ids: list[str] | None = None,
    max_drop: float = MAX_FAQ_ACCURACY_DROP,
    edited: frozenset[str] | None = None,
) -> Decision:
    """Applies the gate; `live` is None when no model is live yet.

    `edited`: the FAQ ids whose questions or answer differ from the live model's
    (new ones included), or None when the live model's FAQs are not known.
    """
    decision = Decision()
    if abs(max_drop - MAX_FAQ_ACCURACY_DROP) > 1e-9:
        decision.notes.append(
            f"the accuracy tolerance was set to {100 * max_drop:g} points "
            f"(`--max-drop`; the default is {100 * MAX_FAQ_ACCURACY_DROP:g})."
        )
    if edited:
        decision.notes.append(
            "FAQs whose questions or answer changed since the live model: "
            + ", ".join(sorted(edited))
            + "."
        )
    if live is not None:
        drop = live.faq_accuracy - candidate.faq_accuracy
        if drop > max_drop + 1e-9:
            decision.refusals.append(
                f"right FAQ answers fell from {100 * live.faq_accuracy:.1f}% to "
                f"{100 * candidate.faq_accuracy:.1f}% of the held-out questions "
                f"(-{100 * drop:.1f} points; at most {100 * max_drop:g} allowed)."
            )
        for label, before, after in f1_changes(live, candidate):
            wrong = newly_wrong(live, candidate, label)
            examples = "; ".join(
                f"'{p.text}' now gets {p.predicted}" for p in wrong[:3]
            )
            decision.worse_faqs.append(
                f"{faq_id(label)}: F1 {before:.2f} -> {after:.2f}"
                + (f" ({examples})" if examples else "")
                + cause(label, edited)
            )
    escalated_before = (
        {
            p.text
            for p in live.predictions
            if p.label == "red_flag" and p.predicted == "red_flag"
        }
        if live is not None
        else set()
    )
    for missed in candidate.red_flag_missed:
        how = (
            "stopped escalating"
            if missed.text in escalated_before
            else "is not escalated"
        )
        decision.refusals.append(
            f"the red-flag example '{missed.text}' {how} (now: {missed.predicted}). "
            "Every red flag must be escalated."
        )
    if conversations.ran:
        for failure in conversations.failed:
            decision.refusals.append(f"conversation test failed: {failure}")
    if faq_ids is not None:
        measured = {p.label for p in candidate.predictions}
        unmeasured = [i for i in faq_ids if f"{FAQ_PREFIX}{i}" not in measured]
        if unmeasured:
            decision.notes.append(
                "no held-out questions yet for "
                + ", ".join(unmeasured)
                + ": give 5 in the spreadsheet's test_question column and import it "
                "again (docs/for-staff.md) so that the next reports measure them."
            )
    return decision
