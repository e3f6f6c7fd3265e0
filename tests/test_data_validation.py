"""`rasa data validate` on the real domain and data: no errors, no unexplained warnings.

Rasa warns about every response that no story or rule uses. Ours that only custom
actions send (the booking form's re-asks, red-flag variants, ...) are expected;
each must then really be sent somewhere, or the warning would hide a dead one.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
UNUSED = re.compile(r"The utterance '(utter_[\w/]+)' is not used in any story or rule")
# Intents the clinical rules set (bot/nlu/overrides.py); there is no text to train them
# on.
RULE_ONLY_INTENTS = {"empty_message", "ask_then_book", "ask_several_questions"}
NO_EXAMPLES = re.compile(
    r"The intent '(\w+)' is listed in the domain file, but is not found"
)
# The FAQ responses come with the generated training data (bot/data/faq.generated.yml),
# which Rasa merges into the domain: `faq` is then named twice, by design.
FAQ_MERGED = "duplicated intents have been found across multiple domain files: faq"


def _validate() -> subprocess.CompletedProcess:
    subprocess.run([sys.executable, "-m", "bot.faqtool", "build"], cwd=ROOT, check=True)
    return subprocess.run(
        [
            str(Path(sys.executable).parent / "rasa"),
            "data",
            "validate",
            "--domain",
            "domain.yml",
            "--data",
            "bot/data",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _sent_by_code(response: str, domain: dict) -> bool:
    if response == "utter_default":
        return True  # Rasa's own action_default_fallback sends it
    if (
        response.startswith("utter_ask_")
        and response.removeprefix("utter_ask_") in domain["slots"]
    ):
        return True  # asked by the form itself
    code = "\n".join(
        p.read_text()
        for folder in ("actions", "channels", "server")
        for p in (ROOT / "bot" / folder).glob("*.py")
    )
    if f'"{response}"' in code:
        return True
    # f"utter_invalid_{slot}" in the booking form
    return response.startswith("utter_invalid_") and 'f"utter_invalid_{slot}"' in code


def test_rasa_data_validate_is_clean() -> None:
    result = _validate()
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    warnings = [line for line in output.splitlines() if "UserWarning" in line]
    unexplained = []
    for line in warnings:
        unused, no_examples = UNUSED.search(line), NO_EXAMPLES.search(line)
        if unused and _sent_by_code(unused.group(1), domain):
            continue
        if no_examples and no_examples.group(1) in RULE_ONLY_INTENTS:
            continue
        if FAQ_MERGED in line:
            continue
        unexplained.append(line)
    assert unexplained == []
