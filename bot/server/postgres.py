"""A private PostgreSQL server from Debian's server binaries, on 127.0.0.1.

The production profile (bot.server.prod) keeps its cluster under var/prod/ and
runs it in the foreground under the supervisor; the tests start a throwaway one
(tests/bookings/conftest.py). PostgreSQL refuses to run as root: as root, the
cluster belongs to Debian's `postgres` user, which must be able to reach its
data folder.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
from pathlib import Path

import psycopg2

SERVER_TIMEOUT_SECONDS = 120


def find_postgres_bindir() -> Path | None:
    """The newest PostgreSQL server bin/ directory on this machine, if any."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: (
            int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0
        ),
    )
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


class PostgresServer:
    """One cluster: its data folder, port and socket folder (`base`)."""

    def __init__(
        self, bindir: Path, base: Path, port: int, password: str | None = None
    ) -> None:
        """Prepare (not start) a cluster in `base`/data; `password` None means
        trust on loopback (throwaway clusters), else scram-sha-256 for `postgres`."""
        self.bindir = bindir
        self.base = base
        self.port = port
        self.password = password
        self.data = base / "data"
        # PostgreSQL refuses to run as root: run it as the postgres user.
        self.run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        base.mkdir(parents=True, exist_ok=True)
        if self.run_as:
            account = pwd.getpwnam("postgres")
            os.chown(base, account.pw_uid, account.pw_gid)

    def _run(self, *args: str) -> None:
        """Run a server binary as the cluster owner; fail with its output."""
        command = [*self.run_as, str(self.bindir / args[0]), *args[1:]]
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=SERVER_TIMEOUT_SECONDS,
            cwd=self.base,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed:\n{done.stdout}\n{done.stderr}")

    @property
    def initialised(self) -> bool:
        """True once initdb has made the data folder."""
        return (self.data / "PG_VERSION").exists()

    def initialise(self) -> None:
        """initdb, unless done already."""
        if self.initialised:
            return
        auth = ["-A", "trust"]
        if self.password is not None:
            password_file = self.base / "initdb-password"
            password_file.write_text(self.password + "\n")
            if self.run_as:
                account = pwd.getpwnam("postgres")
                os.chown(password_file, account.pw_uid, account.pw_gid)
            auth = ["-A", "scram-sha-256", f"--pwfile={password_file}"]
        try:
            self._run(
                "initdb",
                "-D",
                str(self.data),
                "-U",
                "postgres",
                *auth,
                "-E",
                "UTF8",
                "--locale=C",
            )
        finally:
            if self.password is not None:
                (self.base / "initdb-password").unlink(missing_ok=True)

    def server_options(self, durable: bool) -> list[str]:
        """`postgres` options: loopback only, socket in `base`, fsync off if not
        `durable` (throwaway test data)."""
        options = [
            "-p",
            str(self.port),
            "-k",
            str(self.base),
            "-c",
            "listen_addresses=127.0.0.1",
        ]
        return options if durable else [*options, "-F"]

    def foreground_command(self) -> list[str]:
        """The command that runs the server in the foreground, for a supervisor
        (which, as root, must run it as `postgres`: signals then reach it)."""
        return [
            str(self.bindir / "postgres"),
            "-D",
            str(self.data),
            *self.server_options(durable=True),
        ]

    def start(self, durable: bool = False) -> None:
        """initdb if needed, then start the server in the background."""
        self.initialise()
        self.resume(durable)

    def resume(self, durable: bool = False) -> None:
        """Start the server on its existing data (after `halt`)."""
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.base / "server.log"),
            "-o",
            " ".join(self.server_options(durable)),
            "-w",
            "-t",
            "60",
            "start",
        )

    def halt(self) -> None:
        """Stop the server, keeping its data (an outage: `resume` brings it back)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def stop(self) -> None:
        """Stop the server and delete its files."""
        try:
            self.halt()
        finally:
            shutil.rmtree(self.base, ignore_errors=True)

    def connect(self, dbname: str = "postgres") -> psycopg2.extensions.connection:
        """A new autocommit connection as `postgres`."""
        conn = psycopg2.connect(
            host="127.0.0.1",
            port=self.port,
            user="postgres",
            password=self.password,
            dbname=dbname,
            connect_timeout=5,
        )
        conn.autocommit = True
        return conn

    def ensure_database(self, name: str) -> str:
        """Create database `name` unless it exists; its SQLAlchemy URL."""
        conn = self.connect()
        try:
            with conn.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
                if cursor.fetchone() is None:
                    # FILE_COPY (PostgreSQL 15+) is much faster than the default.
                    fast = (
                        " STRATEGY FILE_COPY" if conn.server_version >= 150000 else ""
                    )
                    cursor.execute(f'CREATE DATABASE "{name}"{fast}')
        finally:
            conn.close()
        return self.url(name)

    def url(self, name: str) -> str:
        """The SQLAlchemy URL of database `name` on this server."""
        secret = f":{self.password}" if self.password else ""
        return f"postgresql+psycopg2://postgres{secret}@127.0.0.1:{self.port}/{name}"
