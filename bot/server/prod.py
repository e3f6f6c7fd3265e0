"""`make prod`: the production profile on one machine, in the foreground.

Debian's supervisor runs, and restarts when one exits:
- PostgreSQL (the conversations and the bookings, one database) and Redis (Rasa's
  lock store, which orders each conversation's messages across replicas);
- the action server, REPLICAS Rasa processes (default 2) sharing both stores,
  one notification sender and the chat page;
- nginx on PROD_PORT (default 8000), the one port meant to face the internet:
  REST at /webhooks/rest/webhook, socket.io at /socket.io/ (sticky), the
  Telegram / WhatsApp webhooks when configured, the chat page at /.

Everything it writes is under var/prod/ (the cluster's data survives restarts).
`make retrain` / `make rollback` swap the model on every replica: this profile
writes their URLs to var/rasa-urls while it runs (bot.settings.rasa_urls), and
the API token is RASA_API_TOKEN or var/api-token, as with `make run`.

Usage: python -m bot.server.prod [--port 8000] [--replicas 2]
The configuration templates are deploy/prod/nginx.conf and supervisord.conf.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot import settings
from bot.retrain.live import LiveAssistant
from bot.server.launch import free_port, http
from bot.server.postgres import PostgresServer, find_postgres_bindir

TEMPLATES = settings.PROJECT_ROOT / "deploy" / "prod"
DATABASE = "clinic"
# What the profile runs, and the Debian package that brings it.
DEBIAN_PROGRAMS = {
    "/usr/sbin/nginx": "nginx-light",
    "/usr/bin/redis-server": "redis-server",
    "/usr/bin/supervisord": "supervisor",
}
# A replica's lock on a conversation is released after this many seconds even if
# the replica died holding it (Rasa's default, 60, would stall that conversation
# for a minute after a crash). Longer than any one turn takes.
LOCK_LIFETIME_SECONDS = 20
# Action servers behind nginx: one may crash (and take half a minute to start
# again, loading spaCy and TensorFlow) while the other answers.
ACTION_SERVERS = 2
START_TIMEOUT_SECONDS = 300


@dataclass
class Ports:
    """The public port and the loopback ports behind it."""

    public: int = 8000
    rasa_first: int = 5005
    actions: int = 5055  # nginx, in front of the action servers
    actions_first: int = 5056
    web: int = 8080
    postgres: int = 55432
    redis: int = 56379

    @classmethod
    def free(cls, replicas: int) -> Ports:
        """Ports nobody listens on now (replicas and action servers need
        consecutive ones)."""
        return cls(
            public=free_port(),
            rasa_first=_free_run(replicas),
            actions=free_port(),
            actions_first=_free_run(ACTION_SERVERS),
            web=free_port(),
            postgres=free_port(),
            redis=free_port(),
        )


def _free_run(length: int) -> int:
    """The first of `length` consecutive ports that are free now."""
    while True:
        first = free_port()
        if all(_port_is_free(first + i) for i in range(1, length)):
            return first


def _port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@dataclass
class ProdProfile:
    """The production profile's files under `root`, its ports and replicas."""

    root: Path = settings.VAR_DIR / "prod"
    ports: Ports = field(default_factory=Ports)
    replicas: int = 2
    listen_host: str = ""  # "" = every interface (the one public port)
    model: Path = settings.PROJECT_ROOT / "models" / "current.tar.gz"
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def conf_dir(self) -> Path:
        return self.root / "conf"

    @property
    def run_dir(self) -> Path:
        return self.root / "run"

    @property
    def log_dir(self) -> Path:
        return self.root / "logs"

    @property
    def public_url(self) -> str:
        return settings.public_url(self.ports.public)

    @property
    def replica_urls(self) -> list[str]:
        first = self.ports.rasa_first
        return [f"http://127.0.0.1:{first + i}" for i in range(self.replicas)]

    @property
    def supervisor_conf(self) -> Path:
        return self.conf_dir / "supervisord.conf"

    def postgres(self) -> PostgresServer:
        """The profile's PostgreSQL cluster (its password made on first use)."""
        bindir = find_postgres_bindir()
        if bindir is None:
            raise MissingProgram("PostgreSQL server binaries", "postgresql")
        password_file = self.root / "postgres-password"
        if not password_file.exists():
            password_file.write_text(secrets.token_hex(16))
        return PostgresServer(
            bindir,
            self.root / "postgres",
            self.ports.postgres,
            password_file.read_text().strip(),
        )

    def environment(self, database_url: str) -> dict[str, str]:
        """What every program of the profile gets (secrets included)."""
        origins = {self.public_url, f"http://127.0.0.1:{self.ports.public}"}
        origins.add(f"http://localhost:{self.ports.public}")
        return settings.child_environment(
            {
                "RASA_TELEMETRY_ENABLED": "false",
                "CONVERSATIONS_DB_URL": database_url,
                "BOOKING_DB_URL": database_url,
                "REDIS_HOST": "127.0.0.1",
                "REDIS_PORT": str(self.ports.redis),
                "ACTIONS_PORT": str(self.ports.actions),
                "ACTION_SERVER_TOKEN": secrets.token_hex(16),
                "RASA_API_TOKEN": api_token(),
                "TICKET_LOCK_LIFETIME": str(LOCK_LIFETIME_SECONDS),
                "WEB_ORIGINS": ",".join(sorted(origins)),
                **self.extra_env,
            }
        )

    # --- preparing -------------------------------------------------------------

    def prepare(self) -> dict[str, str]:
        """Checks the programs, makes the folders, the database and the
        configuration files; returns the programs' environment."""
        missing = [path for path in DEBIAN_PROGRAMS if not Path(path).exists()]
        if missing:
            raise MissingProgram(", ".join(missing), *map(DEBIAN_PROGRAMS.get, missing))
        if not self.model.exists():
            raise FileNotFoundError(f"no trained model at {self.model}: `make train`")
        for folder in (self.root, self.conf_dir, self.run_dir, self.log_dir):
            settings.ensure_private_dir(folder)
        postgres = self.postgres()
        environment = self.environment(postgres.url(DATABASE))
        if postgres.run_as:
            # Debian's postgres user must reach its cluster's folder: the folders
            # above it become traversable (not listable); their files stay private.
            for folder in (self.root.parent, self.root):
                folder.chmod(0o711)
        self._create_database(postgres)
        self._write_configuration(postgres, environment)
        return environment

    def _create_database(self, postgres: PostgresServer) -> None:
        """initdb and CREATE DATABASE on the first run (the server started briefly)."""
        made = self.root / "postgres" / ".database-created"
        if made.exists():
            return
        postgres.start(durable=True)
        try:
            postgres.ensure_database(DATABASE)
        finally:
            postgres.halt()
        made.touch()

    def _write_configuration(
        self, postgres: PostgresServer, environment: dict[str, str]
    ) -> None:
        endpoints = yaml.safe_load(
            (settings.PROJECT_ROOT / "endpoints.yml").read_text()
        )
        # Rasa's own way for replicas: a lock store they share
        endpoints["lock_store"] = {
            "type": "redis",
            "url": "${REDIS_HOST}",
            "port": "${REDIS_PORT}",
            "key_prefix": "clinic",
        }
        (self.conf_dir / "endpoints.yml").write_text(yaml.safe_dump(endpoints))
        subprocess.run(
            [
                sys.executable,
                "-m",
                "bot.channels.credentials",
                "--out",
                str(self.conf_dir / "credentials.yml"),
            ],
            check=True,
            env=environment,
            cwd=settings.PROJECT_ROOT,
        )
        rasa_lines = _upstream_lines(self.replica_urls)
        action_lines = _upstream_lines(
            f"http://127.0.0.1:{self.ports.actions_first + i}"
            for i in range(ACTION_SERVERS)
        )
        values = {
            "project": str(settings.PROJECT_ROOT),
            "python": sys.executable,
            "run_dir": str(self.run_dir),
            "log_dir": str(self.log_dir),
            "postgres_command": " ".join(postgres.foreground_command()),
            "postgres_user_line": "user=postgres" if postgres.run_as else "",
            "redis_port": str(self.ports.redis),
            "actions_port": str(self.ports.actions),
            "actions_first_port": str(self.ports.actions_first),
            "action_servers": str(ACTION_SERVERS),
            "replicas": str(self.replicas),
            "rasa_first_port": str(self.ports.rasa_first),
            "model": str(self.model),
            "credentials": str(self.conf_dir / "credentials.yml"),
            "endpoints": str(self.conf_dir / "endpoints.yml"),
            "web_port": str(self.ports.web),
            "public_url": self.public_url,
            "nginx_conf": str(self.conf_dir / "nginx.conf"),
            "rasa_server_lines": rasa_lines,
            "action_server_lines": action_lines,
            "listen": f"{self.listen_host}:{self.ports.public}"
            if self.listen_host
            else str(self.ports.public),
            # as root nginx's workers run as Debian's www-data, not as root
            "user_line": "user www-data;" if os.geteuid() == 0 else "",
        }
        for name in ("nginx.conf", "supervisord.conf"):
            text = (TEMPLATES / name).read_text()
            for key, value in values.items():
                text = text.replace("{{" + key + "}}", value)
            if "{{" in text:
                raise ValueError(
                    f"{name}: a value is missing for {text.split('{{')[1]}"
                )
            (self.conf_dir / name).write_text(text)

    # --- running ---------------------------------------------------------------

    def start(self, environment: dict[str, str]) -> subprocess.Popen:
        """Starts supervisord (in the foreground of its own process group)."""
        self.run_dir.joinpath("supervisor.sock").unlink(missing_ok=True)
        return subprocess.Popen(
            ["/usr/bin/supervisord", "-c", str(self.supervisor_conf)],
            cwd=settings.PROJECT_ROOT,
            env=environment,
            stdout=open(self.log_dir / "supervisord.out", "a"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_until_serving(
        self, supervisor: subprocess.Popen, timeout: float = START_TIMEOUT_SECONDS
    ) -> None:
        """Until nginx answers and every replica serves a model."""
        deadline = time.monotonic() + timeout
        replicas = LiveAssistant(tuple(self.replica_urls), api_token())
        while time.monotonic() < deadline:
            if supervisor.poll() is not None:
                raise RuntimeError(
                    f"supervisord exited ({supervisor.returncode}): see {self.log_dir}"
                )
            checks = (
                f"http://127.0.0.1:{self.ports.public}/health",
                f"http://127.0.0.1:{self.ports.actions}/health",
            )
            if all(map(self._answers, checks)) and replicas.serving_everywhere():
                return
            time.sleep(1)
        raise TimeoutError(f"not serving after {timeout:.0f} s: see {self.log_dir}")

    @staticmethod
    def _answers(url: str) -> bool:
        try:
            return http("GET", url, timeout=2)[0] == 200
        except OSError:
            return False

    def ctl(self, *args: str) -> subprocess.CompletedProcess:
        """supervisorctl on this profile (e.g. "restart", "postgres")."""
        return subprocess.run(
            ["/usr/bin/supervisorctl", "-c", str(self.supervisor_conf), *args],
            capture_output=True,
            text=True,
            timeout=120,
        )

    def pid(self, program: str) -> int | None:
        """The process id of a running program (e.g. "rasa:rasa-5005")."""
        done = self.ctl("pid", program)
        text = done.stdout.strip()
        return int(text) if text.isdigit() and int(text) > 0 else None

    def stop(self, supervisor: subprocess.Popen) -> None:
        """Stops every program, then supervisord."""
        if supervisor.poll() is None:
            supervisor.send_signal(signal.SIGTERM)
            try:
                supervisor.wait(timeout=90)
            except subprocess.TimeoutExpired:
                os.killpg(supervisor.pid, signal.SIGKILL)
                supervisor.wait()


def _upstream_lines(urls: Iterable[str]) -> str:
    """nginx `server` lines. Never marked down (max_fails=0): a replica that is
    down refuses at once and the request goes on to the next; marking the last
    busy one down would answer patients "no live upstreams" (502)."""
    return "\n".join(
        f"        server {url.removeprefix('http://')} max_fails=0;" for url in urls
    )


class MissingProgram(RuntimeError):
    """A program the profile runs is not installed."""

    def __init__(self, what: str, *packages: str | None) -> None:
        names = " ".join(p for p in packages if p)
        super().__init__(
            f"{what} not found: install the Debian packages "
            f"(`scripts/install-services.sh`, or apt-get install {names})"
        )


def api_token() -> str:
    """RASA_API_TOKEN, else var/api-token (made once, as scripts/run.sh does)."""
    token = settings.rasa_api_token()
    if token:
        return token
    path = settings.VAR_DIR / "api-token"
    settings.ensure_private_dir(path.parent)
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def main(argv: list[str] | None = None) -> int:
    """Runs the profile until ^C."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=settings.prod_port())
    parser.add_argument("--replicas", type=int, default=settings.prod_replicas())
    args = parser.parse_args(argv)
    os.umask(0o077)
    profile = ProdProfile(ports=Ports(public=args.port), replicas=args.replicas)
    try:
        environment = profile.prepare()
    except (MissingProgram, FileNotFoundError) as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 1
    urls_file = settings.VAR_DIR / "rasa-urls"
    supervisor = profile.start(environment)
    stopping = {"now": False}

    def stop(*_: object) -> None:
        stopping["now"] = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        print(f"==> starting {args.replicas} Rasa replicas behind nginx")
        print(f"    logs: {profile.log_dir}")
        profile.wait_until_serving(supervisor)
        urls_file.write_text("\n".join(profile.replica_urls) + "\n")
        print(f"==> chat page: {profile.public_url}/")
        print(f"    REST:      {profile.public_url}/webhooks/rest/webhook")
        print("    Ctrl-C stops it all; `make retrain` swaps every replica's model")
        while not stopping["now"] and supervisor.poll() is None:
            time.sleep(0.5)
    finally:
        print("==> stopping")
        urls_file.unlink(missing_ok=True)
        profile.stop(supervisor)
    return 0


if __name__ == "__main__":
    sys.exit(main())
