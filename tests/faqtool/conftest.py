"""Fixtures for the FAQ tooling: a temporary FAQ folder and clinic content."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

CLINIC_PAGE = (
    "The Harley Street Spine Clinic, 144 Harley Street, W1G 7LD. Success rates are "
    "reported as being over 90% for relieving sciatic pain in the leg."
)


def faq_entry(
    faq_id: str,
    questions: list[str] | None = None,
    answer: str = "We are at 144 Harley Street. Please call {clinic_phones} to book.",
    source: str = "The Harley Street Spine Clinic, 144 Harley Street, W1G 7LD.",
) -> dict:
    """One well-formed FAQ, with `faq_id` in each of its ten default questions."""
    if questions is None:
        questions = [
            f"{faq_id.replace('_', ' ')} question number {n}" for n in range(10)
        ]
    return {"id": faq_id, "source": source, "answer": answer, "questions": questions}


@pytest.fixture
def make_faq() -> Callable[..., dict]:
    """Builds one well-formed FAQ (see faq_entry)."""
    return faq_entry


@pytest.fixture
def faq_dir(tmp_path: Path) -> Path:
    """An empty FAQ folder."""
    folder = tmp_path / "faq"
    folder.mkdir()
    return folder


@pytest.fixture
def clinic_content(tmp_path: Path) -> Path:
    """A clinic-content folder holding one short page."""
    folder = tmp_path / "clinic-content"
    folder.mkdir()
    (folder / "page.txt").write_text(CLINIC_PAGE, encoding="utf-8")
    return folder


@pytest.fixture
def write_faqs(faq_dir: Path) -> Callable[..., Path]:
    """Writes FAQs (dicts) or raw text as a FAQ file of the folder."""

    def write(name: str, content: list[dict] | str) -> Path:
        path = faq_dir / name
        text = (
            content
            if isinstance(content, str)
            else yaml.safe_dump({"faqs": content}, sort_keys=False, allow_unicode=True)
        )
        path.write_text(text, encoding="utf-8")
        return path

    return write
