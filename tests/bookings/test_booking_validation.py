"""Tables of what patients type and what the booking checks make of it."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.bookings.validation import (
    Reason,
    normalise_uk_phone,
    parse_preferred_time,
    validate_email,
    validate_name,
)

# A Wednesday morning in London.
NOW = dt.datetime(2025, 11, 26, 10, 0, tzinfo=dt.timezone.utc)
HUGE = "x" * 10_000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07700 900456", "+447700900456"),
        ("+44 7700 900456", "+447700900456"),
        ("0044 7700 900456", "+447700900456"),
        ("+44 (0)7700 900456", "+447700900456"),
        ("07700-900-456", "+447700900456"),
        ("07911 123456", "+447911123456"),
        ("020 7946 0018", "+442079460018"),
        ("+44 20 7946 0958", "+442079460958"),
        ("01632 960123", "+441632960123"),
        ("0161 496 0000", "+441614960000"),
        ("  07700\t900456 ", "+447700900456"),
    ],
)
def test_uk_phone_numbers_are_normalised_to_e164(text: str, expected: str) -> None:
    result = normalise_uk_phone(text)
    assert result.ok and result.value == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", Reason.EMPTY),
        ("   ", Reason.EMPTY),
        (None, Reason.EMPTY),
        ("12", Reason.INVALID),
        ("0000", Reason.INVALID),
        ("call me", Reason.INVALID),
        ("0800 123 4567", Reason.INVALID),
        ("09098 790000", Reason.INVALID),
        ("+1 555 0100", Reason.NOT_UK),
        ("+1 212 555 0100", Reason.NOT_UK),
        ("+33 1 42 68 53 00", Reason.NOT_UK),
        ("0033 1 42 68 53 00", Reason.NOT_UK),
        ("0" * 41, Reason.TOO_LONG),
        (HUGE, Reason.TOO_LONG),
    ],
)
def test_other_phone_numbers_are_refused(text: str | None, reason: Reason) -> None:
    result = normalise_uk_phone(text)
    assert not result.ok and result.reason == reason and result.value is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jane@example.com", "jane@example.com"),
        ("Jane.Doe@Example.COM", "Jane.Doe@example.com"),
        ("  jane@example.co.uk ", "jane@example.co.uk"),
        ("jäne@exämple.com", "jäne@exämple.com"),
    ],
)
def test_email_addresses_are_normalised(text: str, expected: str) -> None:
    result = validate_email(text)
    assert result.ok and result.value == expected and not result.skipped


@pytest.mark.parametrize("text", ["skip", "No", "NONE", "none.", "no thanks", "n/a"])
def test_email_can_be_skipped(text: str) -> None:
    result = validate_email(text)
    assert result.ok and result.skipped and result.value is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", Reason.EMPTY),
        ("jane", Reason.INVALID),
        ("jane@", Reason.INVALID),
        ("jane@example", Reason.INVALID),
        ("jane@@example.com", Reason.INVALID),
        ("jane@clinic.invalid", Reason.INVALID),
        ("<script>@example.com", Reason.INVALID),
        ("a" * 250 + "@example.com", Reason.TOO_LONG),
        (HUGE, Reason.TOO_LONG),
    ],
)
def test_bad_email_addresses_are_refused(text: str, reason: Reason) -> None:
    result = validate_email(text)
    assert not result.ok and result.reason == reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("next Tuesday", dt.date(2025, 12, 2)),
        ("Thursday afternoon", dt.date(2025, 11, 27)),
        ("tomorrow morning", dt.date(2025, 11, 27)),
        ("3rd of March", dt.date(2026, 3, 3)),
        ("today", dt.date(2025, 11, 26)),
        ("Friday at 3pm", dt.date(2025, 11, 28)),
        ("14/12", dt.date(2025, 12, 14)),
        ("12/01/2026", dt.date(2026, 1, 12)),
        ("the 1st", dt.date(2025, 12, 1)),
        ("sometime next week please", dt.date(2025, 12, 3)),
        ("any weekday after 5", None),
        ("whenever suits", None),
        ("I may be free most days", None),
    ],
)
def test_preferred_time_keeps_text_and_reads_a_future_date(
    text: str, expected: dt.date | None
) -> None:
    result = parse_preferred_time(text, NOW)
    assert result.ok
    assert result.value is not None
    assert result.value.text == text
    assert result.value.date == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("3 March 2020", Reason.PAST),
        ("yesterday", Reason.PAST),
        ("25/11/2025", Reason.PAST),
        ("", Reason.EMPTY),
        ("x" * 201, Reason.TOO_LONG),
        (HUGE, Reason.TOO_LONG),
    ],
)
def test_bad_preferred_times_are_refused(text: str, reason: Reason) -> None:
    result = parse_preferred_time(text, NOW)
    assert not result.ok and result.reason == reason


def test_preferred_time_uses_london_dates() -> None:
    just_after_midnight_in_london = dt.datetime(
        2025, 6, 1, 23, 30, tzinfo=dt.timezone.utc
    )
    result = parse_preferred_time("today", just_after_midnight_in_london)
    assert result.value is not None and result.value.date == dt.date(2025, 6, 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jane Testpatient", "Jane Testpatient"),
        ("  Jane   Testpatient ", "Jane Testpatient"),
        ("Siobhán O'Brien-Ní Dhuibhir", "Siobhán O'Brien-Ní Dhuibhir"),
        ("José Álvarez", "José Álvarez"),
        ("王小明", "王小明"),
        ("Дмитрий Иванов", "Дмитрий Иванов"),
        ("محمد علي", "محمد علي"),
        ("Priya 🌸", "Priya 🌸"),
        ("👩‍⚕️", "👩‍⚕️"),
        ("J", "J"),
        ("A" * 100, "A" * 100),
        (
            "Robert'); DROP TABLE booking_requests;--",
            "Robert'); DROP TABLE booking_requests;--",
        ),
        ("<script>alert('x')</script>", "<script>alert('x')</script>"),
        ("Jane\x1b[m Red", "Jane [m Red"),
        ("Jane\u202eevil", "Janeevil"),
    ],
)
def test_names_are_accepted_literally(text: str, expected: str) -> None:
    result = validate_name(text)
    assert result.ok and result.value == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", Reason.EMPTY),
        ("   \n\t", Reason.EMPTY),
        (None, Reason.EMPTY),
        ("A" * 101, Reason.TOO_LONG),
        (HUGE, Reason.TOO_LONG),
        ("12345", Reason.NO_LETTERS),
        ("?!", Reason.NO_LETTERS),
        # Digits are never part of a name (issue 13).
        ("<script>alert(1)</script>", Reason.INVALID),
        ("Jane\x1b[31m Red", Reason.INVALID),
    ],
)
def test_bad_names_are_refused(text: str | None, reason: Reason) -> None:
    result = validate_name(text)
    assert not result.ok and result.reason == reason and result.value is None


# --- answers as patients type them (issue 13, point 4) ----------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tues or weds morning ideally", dt.date(2025, 12, 2)),
        ("any weekday after 3", None),
        ("mornings are best", None),
        ("whenever really", None),
        ("anytime", None),
        ("not fridays", None),
        ("not friday", None),
        ("any day but Monday", None),
        ("thurs pm", dt.date(2025, 11, 27)),
        ("mon/tue am", dt.date(2025, 12, 1)),
        ("asap", None),
        ("next week sometime", dt.date(2025, 12, 3)),
        ("after work, so after 6", None),
        ("after 6", None),
        ("weekends only please", None),
        ("tomorrow morning if poss", dt.date(2025, 11, 27)),
        ("Friday at 2", dt.date(2025, 11, 28)),
        ("thursday after 3", dt.date(2025, 11, 27)),
        ("mon-fri after 5", None),
        ("monday to friday", None),
        ("sometime in December", None),
        ("wed 3rd dec", dt.date(2025, 12, 3)),
        ("last friday of the month", None),  # not last week's Friday
    ],
)
def test_casual_availability_is_kept_as_said(
    text: str, expected: dt.date | None
) -> None:
    result = parse_preferred_time(text, NOW)
    assert result.ok and result.value is not None
    assert result.value.text == text
    assert result.value.date == expected


# Wednesday 26 November 2025: each short form is the coming day of that name.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mon", dt.date(2025, 12, 1)),
        ("tue", dt.date(2025, 12, 2)),
        ("tues", dt.date(2025, 12, 2)),
        ("wed", dt.date(2025, 12, 3)),
        ("weds", dt.date(2025, 12, 3)),
        ("thu", dt.date(2025, 11, 27)),
        ("thur", dt.date(2025, 11, 27)),
        ("thurs", dt.date(2025, 11, 27)),
        ("fri", dt.date(2025, 11, 28)),
        ("sat", dt.date(2025, 11, 29)),
        ("sun", dt.date(2025, 11, 30)),
        ("Thurs.", dt.date(2025, 11, 27)),
        ("next weds", dt.date(2025, 12, 3)),
        ("sat morning", dt.date(2025, 11, 29)),
    ],
)
def test_short_weekday_names_are_read_as_those_days(
    text: str, expected: dt.date
) -> None:
    result = parse_preferred_time(text, NOW)
    assert result.ok and result.value is not None and result.value.date == expected


@pytest.mark.parametrize(
    "text",
    ["yesterday afternoon", "last friday", "last weds", "mon 3rd march 2025"],
)
def test_a_casual_past_date_is_still_refused(text: str) -> None:
    result = parse_preferred_time(text, NOW)
    assert not result.ok and result.reason == Reason.PAST


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sarah jones", "Sarah Jones"),
        ("dave", "Dave"),
        ("my name is sarah jones", "Sarah Jones"),
        ("My name is Sarah Jones", "Sarah Jones"),
        ("it's Dave", "Dave"),
        ("it\u2019s dave", "Dave"),
        ("its dave", "Dave"),
        ("im dave", "Dave"),
        ("Im dave", "Dave"),
        ("I'm Dave", "Dave"),
        ("i am dave smith", "Dave Smith"),
        ("this is jo o'neill", "Jo O'Neill"),
        ("hi, it's sarah, thanks", "Sarah"),
        ("name: Sarah Jones", "Sarah Jones"),
        ("O'Neill", "O'Neill"),
        ("Smith-Jones", "Smith-Jones"),
        ("mary smith-jones", "Mary Smith-Jones"),
        ("josé álvarez", "José Álvarez"),
        ("j. smith", "J. Smith"),
        ("SARAH JONES", "SARAH JONES"),
        ("McDonald", "McDonald"),
        ("Juan Carlos de la Cruz Fernández", "Juan Carlos de la Cruz Fernández"),
        ("Will May", "Will May"),
        ("Im Kwon-taek", "Im Kwon-taek"),  # a capitalised "Im" is a surname
        ("Dave.", "Dave"),
        # a remark after the name: whose booking it is
        ("margaret o'neill - its for my mum, im her son", "Margaret O'Neill"),
        ("john smith, it's for my dad", "John Smith"),
    ],
)
def test_names_typed_casually_are_cleaned_up(text: str, expected: str) -> None:
    result = validate_name(text)
    assert result.ok and result.value == expected


@pytest.mark.parametrize(
    "text",
    [
        "what's your name?",
        "why do you need my name",
        "can I book for my mum",
        "I want to book an appointment please",
        "my back hurts when I sit",
        "I have had back pain for a long time now",
        "jo 123",
        "dave 07700900123",
        "yes",
        "no",
        "hello",
        "yes please",
        "my name is",
    ],
)
def test_things_that_are_not_a_name_are_refused(text: str) -> None:
    result = validate_name(text)
    assert not result.ok and result.reason == Reason.INVALID


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("it's 07700 900 123", "+447700900123"),
        ("mob: 07700-900-123", "+447700900123"),
        ("(020) 7946 0000", "+442079460000"),
        ("+44 7700 900123", "+447700900123"),
        ("my number is 07700900123 thanks", "+447700900123"),
        ("sure, my mobile is 07700 900123 if that helps", "+447700900123"),
        ("tel. 0161 496 0000", "+441614960000"),
    ],
)
def test_phone_numbers_with_words_around_them(text: str, expected: str) -> None:
    result = normalise_uk_phone(text)
    assert result.ok and result.value == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("my number is 12", Reason.INVALID),
        ("it's +1 212 555 0100", Reason.NOT_UK),
        ("my number is " + "0" * 41, Reason.TOO_LONG),
        ("my mobile number is 07700 900123 " + "thanks " * 20, Reason.TOO_LONG),
    ],
)
def test_phone_numbers_with_words_around_them_are_still_checked(
    text: str, reason: Reason
) -> None:
    result = normalise_uk_phone(text)
    assert not result.ok and result.reason == reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("it's jo@example.com", "jo@example.com"),
        ("my email is Jo@Example.com thanks", "Jo@example.com"),
        ("jo@example.com.", "jo@example.com"),
    ],
)
def test_email_with_words_around_it(text: str, expected: str) -> None:
    result = validate_email(text)
    assert result.ok and result.value == expected


@pytest.mark.parametrize(
    "text",
    [
        "I'd rather not",
        "I\u2019d rather not",
        "no thank you",
        "don't have one",
        "no email sorry",
        "I don't have an email",
        "haven't got one, sorry",
        "dont have one sorry",
        "I don't use email I'm afraid",
        "never had one",
        "no, sorry",
        "no email sorry i dont really use it",
        "he hasn't got one, just use the phone",
        "prefer not to say",
        "rather not give that out",
        "I'll pass on that",
        "skip it",
        "leave that blank",
        "dont have 1 sorry",
        "my mum doesn't do computers",
        "nae email",
    ],
)
def test_email_can_be_skipped_in_other_words(text: str) -> None:
    result = validate_email(text)
    assert result.ok and result.skipped


@pytest.mark.parametrize("text", ["thanks", "ok", "sorry", "dont", "jo@example.com"])
def test_courtesy_alone_is_not_a_skip(text: str) -> None:
    assert not validate_email(text).skipped
