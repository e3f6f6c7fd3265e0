"""The throwaway project copy the end-to-end test and bot.bench.model_swap work in."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.faqtool.check import CLINIC_CONTENT, check
from bot.retrain.sandbox import PARKING, make_sandbox
from bot.settings import PROJECT_ROOT


def test_the_clinic_content_is_in_the_repository() -> None:
    assert CLINIC_CONTENT.is_relative_to(PROJECT_ROOT)
    assert (CLINIC_CONTENT / "failed-back-surgery-and-injections.txt").is_file()
    assert (CLINIC_CONTENT / "README.md").is_file()


def test_the_sandbox_has_the_clinic_content_and_passes_the_check(
    tmp_path: Path,
) -> None:
    project = make_sandbox(tmp_path, conversations=["faq.yml"])
    content = project / "docs" / "clinic-content"
    for page in CLINIC_CONTENT.iterdir():
        assert (content / page.name).read_bytes() == page.read_bytes()
    findings = check(project / "bot" / "faq", content)
    assert [str(f) for f in findings if f.level == "error"] == []
    assert not any("clinic content folder is missing" in f.message for f in findings)


def test_the_parking_faq_gives_the_numbers_as_a_placeholder() -> None:
    assert "{clinic_phones}" in PARKING.answer


def test_the_parking_gap_conversation_gives_way_to_the_staff_walk_through_faq() -> None:
    """Adding PARKING (the staff guide's example) must not be refused by the
    conversation test that parking is a gap: that test names PARKING's id."""
    conversations = Path(__file__).parents[1] / "conversations"
    named = {
        conversation.get("while_no_faq")
        for path in conversations.glob("*.yml")
        for conversation in yaml.safe_load(path.read_text(encoding="utf-8"))[
            "conversations"
        ]
    }
    assert PARKING.id in named
