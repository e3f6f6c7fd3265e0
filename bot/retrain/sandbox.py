"""A throwaway copy of the project for trying the staff workflow end to end (tests,
bench).

Only what training, evaluation and the conversation tests need is copied, with
the clinic's page (docs/clinic-content), which `faq check` quotes from.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.clinical.red_flag_classifier import saved_model_path
from bot.faqtool.check import CLINIC_CONTENT
from bot.faqtool.source import Faq
from bot.settings import PROJECT_ROOT

# A made-up FAQ that staff might add (the end-to-end test and the bench add it).
PARKING = Faq(
    id="clinic_parking",
    source=(
        "Patients can use the pay and display car park on Cavendish Square, a few "
        "minutes' walk from the clinic."
    ),
    answer=(
        "The clinic has no car park of its own, but there is a pay and "
        "display car park on Cavendish Square, a few minutes' walk away. "
        "If you need help getting here, please call {clinic_phones}."
    ),
    questions=(
        "Do you have parking?",
        "is there a car park",
        "where can I park",
        "can I park at the clinic",
        "parking near harley street?",
        "I'm driving, is there parking",
        "any parking for patients",
        "where do I leave my car",
        "is there somewhere to park nearby",
        "car parking",
        "parking?",
        "can I come by car and park",
    ),
)
FILES = (
    "config.yml",
    "domain.yml",
    "endpoints.yml",
    "credentials.yml",
    "pyproject.toml",
    "tests/__init__.py",
    "tests/assistant.py",
    "tests/conftest.py",
    "tests/nlu_holdout.yml",
    "tests/conversations/test_conversations.py",
)
_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "faq.generated.yml")


def make_sandbox(
    into: Path, conversations: list[str] | None = None, source: Path = PROJECT_ROOT
) -> Path:
    """Copies the project into `into`/main and returns that folder.

    `conversations` names the conversation-test files to take (default: all).
    """
    project = into / "main"
    tests = source / "tests" / "conversations"
    chosen = (
        [tests / name for name in conversations]
        if conversations
        else tests.glob("*.yml")
    )
    for path in [source / name for name in FILES] + list(chosen):
        target = project / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    shutil.copytree(source / "bot", project / "bot", ignore=_IGNORE)
    content = source / CLINIC_CONTENT.relative_to(PROJECT_ROOT)
    shutil.copytree(content, project / CLINIC_CONTENT.relative_to(PROJECT_ROOT))
    # as in the project once it has run: the red-flag classifier already learnt
    classifier = saved_model_path()
    if classifier.exists():
        (project / "models").mkdir(exist_ok=True)
        shutil.copy2(classifier, project / "models" / classifier.name)
    return project
