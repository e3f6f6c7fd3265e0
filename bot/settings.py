"""Configuration read from environment variables, in one place, with safe defaults.

Nothing here connects to anything: callers ask for a value when they need it.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CLINIC_VAR_DIR", PROJECT_ROOT / "var"))


def booking_db_url() -> str:
    """SQLAlchemy URL of the booking store: SQLite under var/ unless BOOKING_DB_URL is set."""
    return os.environ.get("BOOKING_DB_URL") or f"sqlite:///{VAR_DIR / 'bookings.db'}"


def smtp_url() -> str | None:
    """SMTP server for staff notifications (smtp://user:pass@host:port), or None to keep them in the outbox."""
    return os.environ.get("SMTP_URL") or None


def staff_email() -> str:
    """Where staff notifications are sent."""
    return os.environ.get("STAFF_EMAIL", "bookings@clinic.invalid")


def notify_from() -> str:
    """Sender address of staff notifications."""
    return os.environ.get("NOTIFY_FROM", "assistant@clinic.invalid")


def outbox_poll_seconds() -> float:
    """How often `python -m bot.bookings send-outbox --loop` looks for due messages."""
    return float(os.environ.get("OUTBOX_POLL_SECONDS") or 60)


def rasa_url() -> str:
    """Base URL of the running assistant's Rasa server (RASA_URL, else localhost:RASA_PORT)."""
    return os.environ.get("RASA_URL") or f"http://localhost:{os.environ.get('RASA_PORT') or 5005}"


def rasa_api_token() -> str | None:
    """Token of Rasa's HTTP API: RASA_API_TOKEN, else the one scripts/run.sh wrote to var/api-token."""
    token = (os.environ.get("RASA_API_TOKEN") or "").strip()
    path = VAR_DIR / "api-token"
    if not token and path.exists():
        token = path.read_text(encoding="utf-8").strip()
    return token or None
