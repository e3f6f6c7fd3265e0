"""The staff notification email written to the outbox with each booking."""

from __future__ import annotations

from dataclasses import dataclass

from bot.bookings.models import BookingRequest


@dataclass(frozen=True)
class Email:
    """Subject and plain-text body of one email."""

    subject: str
    body: str


def staff_notification(booking: BookingRequest) -> Email:
    """Ask staff to call the patient back (the clinical reason stays in the store)."""
    preferred = booking.preferred_time_text
    if booking.preferred_date is not None:
        preferred += f" (read as {booking.preferred_date:%A %d %B %Y})"
    lines = [
        "A patient asked the assistant for an appointment. Please call them back.",
        "",
        f"Reference:      {booking.reference}",
        f"Name:           {booking.name}",
        f"Phone:          {booking.phone_e164}",
        f"Email:          {booking.email or '(not given)'}",
        f"Preferred time: {preferred}",
        f"Treatment:      {booking.treatment}",
        "",
        "What they told us about their condition is not sent by email. To read it:",
        f"    python -m bot.bookings show {booking.reference}",
        "When you have called them:",
        f"    python -m bot.bookings mark-contacted {booking.reference}",
    ]
    return Email(
        subject=f"New booking request {booking.reference}", body="\n".join(lines)
    )
