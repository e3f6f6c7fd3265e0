"""Fixtures for the booking back end: real SQLite and PostgreSQL, a real SMTP server.

PostgreSQL: a throwaway cluster is started for the test session from the server
binaries (installed by .ci/install-postgres.sh when missing). Tests that need it
fail without it, unless CLINIC_ALLOW_SKIP_PG=1 says skipping is fine.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import itertools
import logging
import os
import shutil
import socket
import ssl
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from bot.bookings.store import BookingStore, NewBooking
from bot.server.postgres import PostgresServer, find_postgres_bindir

PROJECT_ROOT = Path(__file__).resolve().parents[2]
INSTALL_POSTGRES = PROJECT_ROOT / ".ci" / "install-postgres.sh"
ALLOW_SKIP_PG = "CLINIC_ALLOW_SKIP_PG"
STAFF_EMAIL = "bookings@clinic.example"
SMTP_USER, SMTP_PASSWORD = "clinic", "s3cret/pass"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- PostgreSQL --------------------------------------------------------------


class PostgresCluster(PostgresServer):
    """A throwaway cluster (trust on loopback, fsync off) with numbered databases."""

    def __init__(self, bindir: Path) -> None:
        """Prepare (not start) a cluster in a new temporary folder."""
        super().__init__(
            bindir, Path(tempfile.mkdtemp(prefix="clinic-pg-")), free_port()
        )
        self._names = itertools.count(1)

    def new_database(self) -> str:
        """Create an empty database and return its SQLAlchemy URL."""
        return self.ensure_database(f"bookings_{next(self._names)}")


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    """A running PostgreSQL cluster for the whole test session."""
    bindir = find_postgres_bindir()
    if bindir is None:
        if os.environ.get(ALLOW_SKIP_PG) == "1":
            pytest.skip(f"no PostgreSQL server binaries and {ALLOW_SKIP_PG}=1")
        subprocess.run(["bash", str(INSTALL_POSTGRES)], check=True, timeout=900)
        bindir = find_postgres_bindir()
        if bindir is None:
            pytest.fail(f"{INSTALL_POSTGRES} ran but no PostgreSQL binaries appeared")
    cluster = PostgresCluster(bindir)
    try:
        cluster.start()
    except (RuntimeError, KeyError, OSError) as error:
        shutil.rmtree(cluster.base, ignore_errors=True)
        if os.environ.get(ALLOW_SKIP_PG) == "1":
            pytest.skip(f"PostgreSQL did not start: {error}")
        raise
    yield cluster
    cluster.stop()


# --- Stores ------------------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'var' / 'bookings.db'}"
    return request.getfixturevalue("postgres").new_database()


@pytest.fixture
def store(db_url: str) -> Iterator[BookingStore]:
    """A booking store with its tables created, on each database in turn."""
    booking_store = BookingStore.from_url(db_url, staff_email=STAFF_EMAIL)
    booking_store.create_schema()
    yield booking_store
    booking_store.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[BookingStore]:
    """A booking store on SQLite only, for tests about everything but the database."""
    booking_store = BookingStore.from_url(
        f"sqlite:///{tmp_path / 'bookings.db'}", staff_email=STAFF_EMAIL
    )
    booking_store.create_schema()
    yield booking_store
    booking_store.close()


def make_booking(**changes: Any) -> NewBooking:
    """A valid booking request; keyword arguments replace its fields."""
    values: dict[str, Any] = dict(
        conversation_id="conv-1",
        submission_id="sub-1",
        name="Jane Testpatient",
        phone_e164="+447700900456",
        email="jane.testpatient@example.com",
        preferred_time_text="Thursday afternoon",
        preferred_date=dt.date(2030, 1, 3),
        treatment="IDD Therapy",
        reason="Lower back pain for six weeks",
        consent=True,
    )
    values.update(changes)
    return NewBooking(**values)


@pytest.fixture
def booking() -> Callable[..., NewBooking]:
    """The `make_booking` factory, as a fixture."""
    return make_booking


@pytest.fixture
def assert_no_personal_details(
    caplog: pytest.LogCaptureFixture,
) -> Callable[[NewBooking], None]:
    """A check that no INFO-or-above log record names the patient's details."""

    def check(request: NewBooking) -> None:
        personal = [
            request.name,
            request.phone_e164,
            request.phone_e164.removeprefix("+44"),
            request.email,
            request.reason,
        ]
        for record in caplog.records:
            if record.levelno >= logging.INFO:
                text = record.getMessage()
                assert not any(p and p in text for p in personal), text

    return check


# --- SMTP --------------------------------------------------------------------


@dataclass
class Inbox:
    """An aiosmtpd handler that keeps what it receives, or refuses every recipient."""

    refuse: bool = False
    messages: list[email.message.EmailMessage] = field(default_factory=list)

    async def handle_RCPT(  # noqa: N802 (aiosmtpd's hook name)
        self, server, session, envelope, address, options
    ):
        """Accept the recipient, unless this inbox plays a broken server."""
        if self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd)
        """Keep the parsed message."""
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(parsed)
        return "250 Message accepted"


@dataclass
class SmtpServer:
    """A running test SMTP server: its URL and what it received."""

    url: str
    inbox: Inbox
    client_tls: ssl.SSLContext | None = None


def _password_check(server, session, envelope, mechanism, auth_data) -> AuthResult:
    """Accept only the test user and password."""
    ok = isinstance(auth_data, LoginPassword) and (
        auth_data.login.decode(),
        auth_data.password.decode(),
    ) == (SMTP_USER, SMTP_PASSWORD)
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def smtp_server() -> Iterator[Callable[..., SmtpServer]]:
    """Start test SMTP servers: plain, with a password, refusing, STARTTLS or smtps."""
    controllers: list[Controller] = []

    def start(
        refuse: bool = False, auth: bool = False, tls: str | None = None
    ) -> SmtpServer:
        inbox = Inbox(refuse=refuse)
        port = free_port()
        kwargs: dict[str, Any] = {}
        client_tls = None
        if auth:
            kwargs.update(authenticator=_password_check, auth_required=True)
            # aiosmtpd only counts STARTTLS as TLS, not a TLS socket (smtps).
            kwargs["auth_require_tls"] = tls != "smtps"
        if tls:
            server_tls, client_tls = _tls_contexts()
            kwargs["tls_context" if tls == "starttls" else "ssl_context"] = server_tls
        controller = Controller(inbox, hostname="127.0.0.1", port=port, **kwargs)
        controller.start()
        controllers.append(controller)
        scheme = "smtps" if tls == "smtps" else "smtp"
        login = f"{SMTP_USER}:{SMTP_PASSWORD.replace('/', '%2F')}@" if auth else ""
        return SmtpServer(f"{scheme}://{login}127.0.0.1:{port}", inbox, client_tls)

    yield start
    for controller in controllers:
        controller.stop()


def _tls_contexts() -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """A TLS context for a server (self-signed, 127.0.0.1) and a client trusting it."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = Path(tempfile.mkdtemp(prefix="clinic-tls-"))
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(cert_file, key_file)
    client = ssl.create_default_context(cafile=str(cert_file))
    shutil.rmtree(folder)
    return server, client
