"""Configuration read from environment variables, in one place, with safe defaults.

Nothing here connects to anything: callers ask for a value when they need it.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CLINIC_VAR_DIR", PROJECT_ROOT / "var"))


def booking_db_url() -> str:
    """SQLAlchemy URL of the booking store:
    SQLite under var/ unless BOOKING_DB_URL is set."""
    return os.environ.get("BOOKING_DB_URL") or f"sqlite:///{VAR_DIR / 'bookings.db'}"


def conversations_db_url() -> str:
    """SQLAlchemy URL of the conversation (tracker) store:
    SQLite under var/ unless CONVERSATIONS_DB_URL is set."""
    return (
        os.environ.get("CONVERSATIONS_DB_URL")
        or f"sqlite:///{VAR_DIR / 'conversations.db'}"
    )


def booking_db_connect_timeout() -> int:
    """Seconds to wait for PostgreSQL to accept a connection (libpq counts 2 at least).

    Below Rasa's wait for the action server, so that a database that does not
    answer gives the patient "please call" rather than silence.
    """
    return int(_positive_number("BOOKING_DB_CONNECT_TIMEOUT", 3))


def ensure_private_dir(path: Path) -> Path:
    """Create a folder only this user can open (0700); var/ and its folders are
    tightened too, where others may list or write them (a folder others may only
    pass through, 0711, stays: `make prod` as root needs that for PostgreSQL).

    Missing folders on the way are created 0700 as well. An existing folder
    outside var/ (say, the home of a BOOKING_DB_URL file) is left as it is.
    """
    path = Path(path).expanduser().absolute()
    var = VAR_DIR.expanduser().absolute()
    for folder in reversed([path, *path.parents]):
        if not folder.exists():
            folder.mkdir(mode=0o700, exist_ok=True)
            folder.chmod(0o700)  # mkdir's mode is filtered by the umask
        elif (folder == var or var in folder.parents) and _mode(folder) & 0o066:
            try:
                folder.chmod(0o700)
            except PermissionError:
                logging.getLogger(__name__).warning(
                    "%s is readable by other users and not ours to change", folder
                )
    return path


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def smtp_url() -> str | None:
    """SMTP server for staff notifications (smtp://user:pass@host:port),
    or None to keep them in the outbox."""
    return os.environ.get("SMTP_URL") or None


def staff_email() -> str:
    """Where staff notifications are sent."""
    return os.environ.get("STAFF_EMAIL", "bookings@clinic.invalid")


def notify_from() -> str:
    """Sender address of staff notifications."""
    return os.environ.get("NOTIFY_FROM", "assistant@clinic.invalid")


def booking_spool_dir() -> Path:
    """Where a confirmed booking waits while the booking database is down.

    BOOKING_SPOOL_DIR, or var/spool/bookings. On several machines, each action
    server has its own (it is the one that writes and empties it).
    """
    return Path(os.environ.get("BOOKING_SPOOL_DIR") or VAR_DIR / "spool" / "bookings")


def spool_flush_seconds() -> float:
    """Seconds between the action server's tries to store spooled bookings
    (SPOOL_FLUSH_SECONDS)."""
    return _positive_number("SPOOL_FLUSH_SECONDS", 15)


def outbox_poll_seconds() -> float:
    """How often `python -m bot.bookings send-outbox --loop` looks for due messages."""
    return float(os.environ.get("OUTBOX_POLL_SECONDS") or 60)


def rasa_url() -> str:
    """Base URL of the running assistant's Rasa server
    (RASA_URL, else localhost:RASA_PORT)."""
    return (
        os.environ.get("RASA_URL")
        or f"http://localhost:{os.environ.get('RASA_PORT') or 5005}"
    )


def rasa_urls() -> list[str]:
    """Every Rasa process a model swap must reach: RASA_URLS (comma-separated),
    else the replicas `make prod` runs (var/rasa-urls), else rasa_url()."""
    raw = os.environ.get("RASA_URLS") or ""
    if not raw.strip() and not os.environ.get("RASA_URL"):
        running = VAR_DIR / "rasa-urls"
        raw = running.read_text(encoding="utf-8") if running.exists() else ""
    urls = [part.strip().rstrip("/") for part in raw.replace("\n", ",").split(",")]
    return [url for url in urls if url] or [rasa_url().rstrip("/")]


def prod_port() -> int:
    """The public port of `make prod`'s nginx (PROD_PORT)."""
    return int(_positive_number("PROD_PORT", 8000))


def prod_replicas() -> int:
    """How many Rasa processes `make prod` runs (REPLICAS)."""
    return int(_positive_number("REPLICAS", 2))


def public_url(port: int) -> str:
    """Where patients' browsers reach `make prod` (PUBLIC_URL; the chat page
    connects to it), else http://localhost:`port`."""
    return (os.environ.get("PUBLIC_URL") or f"http://localhost:{port}").rstrip("/")


def _token(variable: str, file_name: str | None = None) -> str | None:
    """A secret from the environment, else from var/`file_name` (written by run.sh)."""
    token = (os.environ.get(variable) or "").strip()
    path = VAR_DIR / file_name if file_name else None
    if not token and path is not None and path.exists():
        token = path.read_text(encoding="utf-8").strip()
    return token or None


def rasa_api_token() -> str | None:
    """Token of Rasa's HTTP API: RASA_API_TOKEN,
    else the one scripts/run.sh wrote to var/api-token."""
    return _token("RASA_API_TOKEN", "api-token")


def _positive_number(name: str, default: float) -> float:
    """A positive number from the environment, else `default`."""
    try:
        value = float(os.environ.get(name) or default)
    except ValueError:
        return default
    return value if value > 0 else default


def max_message_chars() -> int:
    """Longest chat message analysed; a longer one gets a polite reply instead."""
    return int(_positive_number("MAX_MESSAGE_CHARS", 2000))


def max_request_bytes() -> int:
    """Largest request body any webhook accepts (413 above it)."""
    return int(_positive_number("MAX_REQUEST_BYTES", 64 * 1024))


def messages_per_minute_per_sender() -> float:
    """Messages one conversation may send a minute
    (429 on REST, a polite reply in chat)."""
    return _positive_number("SENDER_MESSAGES_PER_MINUTE", 30)


def requests_per_minute_per_client() -> float:
    """REST requests one client address may send a minute (429 above it).

    Clients on this machine that come without a proxy's X-Forwarded-For (local
    tools, the clinic's black-box checks) are not counted.
    """
    return _positive_number("CLIENT_REQUESTS_PER_MINUTE", 60)


def trusted_proxies() -> frozenset[str]:
    """Addresses whose X-Forwarded-For names the real client (nginx on this machine)."""
    raw = os.environ.get("TRUSTED_PROXIES") or "127.0.0.1,::1"
    return frozenset(part.strip() for part in raw.split(",") if part.strip())


def web_origins() -> list[str]:
    """Origins whose pages may open the socket.io chat (the chat page's own)."""
    raw = os.environ.get("WEB_ORIGINS") or (
        f"http://localhost:{os.environ.get('WEB_PORT') or 8080},"
        f"http://127.0.0.1:{os.environ.get('WEB_PORT') or 8080}"
    )
    return [part.strip().rstrip("/") for part in raw.split(",") if part.strip()]


def channel_environment() -> dict[str, str]:
    """The channels' variables (TELEGRAM_*, TWILIO_*), for bot.channels.credentials."""
    return {
        name: value
        for name, value in os.environ.items()
        if name.startswith(("TELEGRAM_", "TWILIO_"))
    }


def webpage_access_log() -> bool:
    """Whether the chat-page server logs each request (WEBPAGE_ACCESS_LOG set)."""
    return bool(os.environ.get("WEBPAGE_ACCESS_LOG"))


def child_environment(
    overrides: dict[str, str] | None = None, drop: tuple[str, ...] = ()
) -> dict[str, str]:
    """The environment for a child process (training, tests, a server): ours, changed.

    Variables named in `drop` are left out; `overrides` are added or replaced.
    """
    environment = {k: v for k, v in os.environ.items() if k not in drop}
    return environment | (overrides or {})


def action_timeout_seconds() -> float:
    """How long Rasa waits for the action server before telling the patient to call."""
    return _positive_number("ACTION_TIMEOUT_SECONDS", 10)


def action_server_token() -> str | None:
    """Shared secret Rasa sends to the action server
    (ACTION_SERVER_TOKEN, which run.sh sets)."""
    return _token("ACTION_SERVER_TOKEN")


def conversation_retention_days() -> float:
    """Days a conversation is kept after its last message
    (CONVERSATION_RETENTION_DAYS)."""
    return _positive_number("CONVERSATION_RETENTION_DAYS", 30)


def booking_retention_days() -> float:
    """Days a booking request is kept before it is deleted (BOOKING_RETENTION_DAYS)."""
    return _positive_number("BOOKING_RETENTION_DAYS", 90)


def database_outage_seconds() -> float:
    """How long the conversation store waits for a database it cannot reach
    (DATABASE_OUTAGE_SECONDS) before Rasa falls back to memory."""
    return _positive_number("DATABASE_OUTAGE_SECONDS", 30)


def forget_poll_seconds() -> float:
    """Seconds between the assistant's checks for conversations to forget
    (FORGET_POLL_SECONDS)."""
    return _positive_number("FORGET_POLL_SECONDS", 60)
