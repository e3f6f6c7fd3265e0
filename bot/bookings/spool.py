"""Confirmed bookings kept on local disk while the booking database is down.

When the database cannot store a confirmed request, the action server writes it
here (one JSON file per request, 0600, in a 0700 folder under var/) with the
reference the patient is given at once. The action server tries to store the
files every SPOOL_FLUSH_SECONDS; BookingStore.submit is idempotent per
(conversation, submission), so a request is stored exactly once whatever fails
between the insert and the file's removal, and with the reference the patient
was given (unless, against odds of one in millions, another booking took it
meanwhile: then staff see a new one, and the log says so).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path

from bot import settings
from bot.bookings.store import BookingStore, NewBooking

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BookingSpool:
    """A folder of confirmed requests waiting for the database."""

    directory: Path

    @classmethod
    def from_settings(cls) -> BookingSpool:
        """The spool under var/ (CLINIC_VAR_DIR)."""
        return cls(settings.booking_spool_dir())

    def keep(self, request: NewBooking, reference: str, now: datetime) -> Path:
        """Writes the request to disk, atomically and readable by this user only."""
        settings.ensure_private_dir(self.directory)
        record = {
            "reference": reference,
            "created_at": now.isoformat(),
            "request": asdict(request),
        }
        if request.preferred_date is not None:
            record["request"]["preferred_date"] = request.preferred_date.isoformat()
        name = f"{request.conversation_id}-{request.submission_id}".encode().hex()
        path = self.directory / f"{name[:200]}.json"
        temporary = path.with_suffix(".tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            json.dump(record, file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
        return path

    def waiting(self) -> list[Path]:
        """The requests not stored yet, oldest first."""
        if not self.directory.is_dir():
            return []
        return sorted(self.directory.glob("*.json"), key=lambda p: p.stat().st_mtime)

    def flush(self, store: BookingStore) -> int:
        """Stores every waiting request (each once); how many were newly stored.

        Stops at the first failure (the database is still down): the rest wait.
        """
        stored = 0
        for path in self.waiting():
            try:
                record = json.loads(path.read_text(encoding="utf-8"))
            except FileNotFoundError:
                continue  # another action server stored it meanwhile
            fields = record["request"]
            if fields.get("preferred_date"):
                fields["preferred_date"] = date.fromisoformat(fields["preferred_date"])
            result = store.submit(
                NewBooking(**fields),
                now=datetime.fromisoformat(record["created_at"]),
                reference=record["reference"],
            )
            if result.reference != record["reference"]:
                log.warning(
                    "Spooled booking %s was stored as %s",
                    record["reference"],
                    result.reference,
                )
            path.unlink(missing_ok=True)
            stored += result.created
            log.info("Spooled booking %s stored", result.reference)
        return stored
