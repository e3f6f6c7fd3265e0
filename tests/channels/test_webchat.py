"""The clinic's chat page in a real browser (Debian chromium under Playwright),
talking to the real assistant over Rasa's socket.io channel.

Screenshots of each step go to test-artefacts/channels/.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.assistant import Assistant
from tests.channels.conftest import ARTEFACTS

pytestmark = pytest.mark.slow
PHONE = {"width": 375, "height": 740}
TOPICS = [
    "What is IDD Therapy?",
    "My back surgery didn't work",
    "Pain-relief injections",
    "Book a consultation",
]
XSS = "<img src=x onerror=alert(1)>"
DECOMPRESSION = re.compile("decompression", re.IGNORECASE)  # in the IDD Therapy answer
WAIT = 60_000  # ms; Rasa answers in well under a second, a busy CI machine may not


@pytest.fixture
def phone_page(browser: Any, chat_page: str) -> Iterator[Page]:
    """A fresh browser profile (no stored session) on a 375 px wide phone screen."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.dialogs = []  # type: ignore[attr-defined]
    page.on(
        "dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss())
    )
    page.goto(chat_page)
    yield page
    context.close()


def shot(page: Page, name: str) -> None:
    page.screenshot(path=str(ARTEFACTS / f"webchat-{name}.png"), full_page=True)


def messages(page: Page):
    return page.locator("#rw-messages")


def say(page: Page, text: str) -> None:
    """Types `text` in the message box and presses Enter, as a patient would."""
    box = page.get_by_label("Your message")
    box.fill(text)
    box.press("Enter")


def session_id(page: Page) -> str:
    """The conversation id the widget keeps for this tab (Rasa's sender id)."""
    stored = page.evaluate("sessionStorage.getItem('chat_session')")
    return json.loads(stored)["session_id"]


def test_a_conversation_survives_a_reload_and_html_stays_text(
    phone_page: Page, channel_assistant: Assistant
):
    page = phone_page
    # Welcome, with the main topics as quick replies
    replies = page.locator(".rw-reply")
    expect(replies.first).to_be_visible(timeout=WAIT)
    assert replies.all_inner_texts() == TOPICS
    expect(messages(page)).to_contain_text(
        "Harley Street Spine Clinic's automated assistant"
    )
    shot(page, "1-welcome")

    # A quick reply sends its payload
    page.get_by_role("button", name="Pain-relief injections").click()
    expect(page.locator(".rw-client").last).to_contain_text("Pain-relief injections")
    expect(page.locator(".rw-response").nth(1)).to_contain_text(
        re.compile("injection", re.IGNORECASE), timeout=WAIT
    )

    # A typed FAQ, with the typing indicator while the answer comes
    say(page, "what is IDD therapy")
    typing = page.locator(".rw-typing-indication")
    expect(typing).to_be_visible(timeout=WAIT)
    expect(typing).to_have_attribute("role", "status")
    expect(messages(page)).to_contain_text(DECOMPRESSION, timeout=WAIT)
    shot(page, "2-faq")

    # A red flag is escalated
    say(page, "I can't control my bladder")
    expect(messages(page)).to_contain_text("999", timeout=WAIT)
    shot(page, "3-red-flag")

    # A reload keeps the conversation, in the page and in Rasa (same session)
    before = session_id(page)
    page.reload()
    expect(messages(page)).to_contain_text("999", timeout=WAIT)
    expect(messages(page)).to_contain_text(DECOMPRESSION)
    assert session_id(page) == before
    assert (
        page.locator(
            ".rw-response", has_text="Spine Clinic's automated assistant"
        ).count()
        == 1
    )
    user_texts = [
        event["text"]
        for event in channel_assistant.tracker(before, channel="socketio")["events"]
        if event["event"] == "user"
    ]
    assert (
        "what is IDD therapy" in user_texts
        and "I can't control my bladder" in user_texts
    )

    # HTML typed by the patient is shown as text, never run
    say(page, XSS)
    expect(page.locator(".rw-client").last).to_have_text(XSS, timeout=WAIT)
    page.wait_for_timeout(1500)  # let the bot answer too
    assert messages(page).locator("img").count() == 0
    assert page.dialogs == []  # type: ignore[attr-defined]
    shot(page, "4-after-reload-and-html")


def test_the_page_fits_a_phone_and_works_from_the_keyboard(
    phone_page: Page, chat_page: str
):
    page = phone_page
    seen_hosts: set[str] = set()
    page.on(
        "response", lambda response: seen_hosts.add(urlsplit(response.url).hostname)
    )
    expect(page.locator(".rw-reply").first).to_be_visible(timeout=WAIT)

    # The widget's autofocus is undone: no phone keyboard over the notes on arrival
    assert not page.evaluate(
        "document.activeElement.classList.contains('rw-new-message')"
    )

    # 375 px: nothing wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # Names and roles for assistive technology
    expect(page.get_by_role("log", name="Conversation")).to_be_visible()
    expect(page.get_by_role("textbox", name="Your message")).to_be_visible()
    expect(page.get_by_role("button", name="Send")).to_be_attached()
    expect(
        page.get_by_role("region", name="Chat with the clinic's assistant")
    ).to_be_visible()

    # The privacy notice, with the clinic's numbers
    privacy = page.get_by_role("complementary", name="Your privacy")
    expect(privacy).to_contain_text("0845 468 1088")
    expect(privacy).to_contain_text("+44 20 3369 8747")

    # Tab reaches the quick replies; Enter presses one
    box = page.get_by_label("Your message")
    box.focus()
    for _ in range(10):
        if page.evaluate("document.activeElement.classList.contains('rw-reply')"):
            break
        page.keyboard.press("Shift+Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused in TOPICS, f"Shift+Tab from the message box reached {focused!r}"
    page.keyboard.press("Enter")
    expect(page.locator(".rw-client").last).to_have_text(focused, timeout=WAIT)
    assert (
        page.evaluate("document.activeElement.getAttribute('aria-label')")
        == "Your message"
    )

    # ...and typing then Enter sends a message
    page.keyboard.type("where is the clinic")
    page.keyboard.press("Enter")
    expect(page.locator(".rw-client").last).to_have_text(
        "where is the clinic", timeout=WAIT
    )
    shot(page, "5-keyboard")

    # The Content-Security-Policy stops script in links, should any ever get in
    # (the widget renders the bot's text as Markdown and allows any link scheme)
    page.evaluate("""() => {
          const link = document.createElement("a");
          link.id = "probe";
          link.textContent = "probe";
          link.href = "javascript:alert(1)";
          document.body.appendChild(link);
        }""")
    page.click("#probe")
    page.wait_for_timeout(500)
    assert page.dialogs == []  # type: ignore[attr-defined]

    # Everything came from this site and Rasa: no CDN (the widget's web font is blocked)
    allowed = {urlsplit(chat_page).hostname}
    assert seen_hosts <= allowed, seen_hosts


def test_an_arabic_reply_reads_right_to_left(phone_page: Page):
    page = phone_page
    expect(page.locator(".rw-reply").first).to_be_visible(timeout=WAIT)
    # "Hello, I have had back pain for months, can you help me?"
    say(page, "مرحبا، عندي ألم في الظهر منذ شهور، هل يمكنكم مساعدتي؟")
    # The reply comes as two bubbles: English, then Arabic (Rasa splits at a blank line)
    expect(messages(page)).to_contain_text("العربية", timeout=WAIT)
    english = page.locator(".rw-response p", has_text="only answer in English").last
    arabic = page.locator(".rw-response p", has_text="العربية").last
    expect(english).to_contain_text("999")
    expect(arabic).to_contain_text("999")
    direction = "element => getComputedStyle(element).direction"
    assert arabic.evaluate(direction) == "rtl"
    assert english.evaluate(direction) == "ltr"
    # The patient's own Arabic message is laid out right to left too
    client = page.locator(".rw-client").last.locator(".rw-message-text")
    assert client.evaluate(direction) == "rtl"
    shot(page, "6-arabic")
