"""Writes the credentials file Rasa runs with: credentials.yml plus the channels
whose secrets are set in the environment.

credentials.yml holds only channels that need no secret (REST, socket.io), so it
works with no token set; Rasa would refuse to start on a `${VAR}` that is unset.
This module is the one place that uses the channels' environment variables
(read by bot.settings.channel_environment):

    Telegram (enabled by TELEGRAM_TOKEN)
      TELEGRAM_TOKEN          bot token from @BotFather (required)
      TELEGRAM_SECRET_TOKEN   secret Telegram sends with every update (required;
                              1-256 of A-Z a-z 0-9 _ -)
      TELEGRAM_WEBHOOK_URL    public https URL of /webhooks/telegram/webhook; when
                              set, the webhook is registered at start-up
      TELEGRAM_BOT_NAME       the bot's username (optional, for the README's link)
      TELEGRAM_API_URL        Bot API base URL (default https://api.telegram.org)

    WhatsApp through Twilio (enabled by TWILIO_ACCOUNT_SID)
      TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_WHATSAPP_NUMBER (all required)
      TWILIO_WEBHOOK_URL      public URL Twilio calls, when a proxy changes the URL
                              the server sees (signatures are computed over it)
      TWILIO_API_URL          Twilio API base URL (default https://api.twilio.com)

Usage: python -m bot.channels.credentials [--base credentials.yml] [--out FILE]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from bot.settings import (
    PROJECT_ROOT,
    VAR_DIR,
    channel_environment,
    ensure_private_dir,
)

TELEGRAM_CHANNEL = "bot.channels.telegram.TelegramInput"
WHATSAPP_CHANNEL = "bot.channels.whatsapp.WhatsAppInput"
# Rasa's own channels and the guarded ones that replace them (bot/channels/guard.py)
UNGUARDED_CHANNELS = {
    "rest": "bot.channels.rest.RestInput",
    "socketio": "bot.channels.socketio.SocketIOInput",
}
_SECRET_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class ChannelConfigError(ValueError):
    """A channel is half configured: some of its environment variables are missing."""


def _get(env: Mapping[str, str], name: str) -> str | None:
    value = (env.get(name) or "").strip()
    return value or None


def _require(env: Mapping[str, str], names: list[str], channel: str) -> None:
    missing = [name for name in names if not _get(env, name)]
    if missing:
        raise ChannelConfigError(f"{channel} needs {', '.join(missing)} as well")


def _drop_empty(section: dict[str, str | None]) -> dict[str, str]:
    return {key: value for key, value in section.items() if value}


def telegram_section(env: Mapping[str, str]) -> dict[str, str] | None:
    """The Telegram connector's credentials, or None if TELEGRAM_TOKEN is not set."""
    if not _get(env, "TELEGRAM_TOKEN"):
        return None
    _require(env, ["TELEGRAM_SECRET_TOKEN"], "Telegram (TELEGRAM_TOKEN is set)")
    if not _SECRET_TOKEN.match(_get(env, "TELEGRAM_SECRET_TOKEN") or ""):
        raise ChannelConfigError(
            "TELEGRAM_SECRET_TOKEN may only hold 1-256 of A-Z a-z 0-9 _ -"
        )
    return _drop_empty(
        {
            "access_token": _get(env, "TELEGRAM_TOKEN"),
            "secret_token": _get(env, "TELEGRAM_SECRET_TOKEN"),
            "webhook_url": _get(env, "TELEGRAM_WEBHOOK_URL"),
            "bot_name": _get(env, "TELEGRAM_BOT_NAME"),
            "api_url": _get(env, "TELEGRAM_API_URL"),
        }
    )


def whatsapp_section(env: Mapping[str, str]) -> dict[str, str] | None:
    """The WhatsApp connector's credentials,
    or None if TWILIO_ACCOUNT_SID is not set."""
    names = ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_WHATSAPP_NUMBER"]
    if not any(_get(env, name) for name in names):
        return None
    _require(env, names, "WhatsApp")
    return _drop_empty(
        {
            "account_sid": _get(env, "TWILIO_ACCOUNT_SID"),
            "auth_token": _get(env, "TWILIO_AUTH_TOKEN"),
            "twilio_number": _get(env, "TWILIO_WHATSAPP_NUMBER"),
            "webhook_url": _get(env, "TWILIO_WEBHOOK_URL"),
            "api_url": _get(env, "TWILIO_API_URL"),
        }
    )


def effective_credentials(
    base: Path, env: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """`base` plus the sections of the channels configured in `env` (default: ours)."""
    env = channel_environment() if env is None else env
    credentials = yaml.safe_load(base.read_text()) or {}
    for unguarded, ours in UNGUARDED_CHANNELS.items():
        if unguarded in credentials:
            raise ChannelConfigError(
                f"'{unguarded}' in {base.name} is Rasa's channel without the "
                f"clinic's limits and conversation ids: use '{ours}'"
            )
    for channel, section in (
        (TELEGRAM_CHANNEL, telegram_section(env)),
        (WHATSAPP_CHANNEL, whatsapp_section(env)),
    ):
        if section:
            credentials[channel] = section
    return credentials


def write_credentials(
    out: Path, base: Path, env: Mapping[str, str] | None = None
) -> list[str]:
    """Writes the effective credentials to `out` (owner-only); returns the channels."""
    credentials = effective_credentials(base, env)
    ensure_private_dir(out.parent)
    # The file holds tokens: create it readable by its owner only.
    descriptor = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(
            "# Written by `python -m bot.channels.credentials`: do not edit.\n"
        )
        yaml.safe_dump(credentials, handle, sort_keys=False)
    os.chmod(out, 0o600)
    return list(credentials)


def main(argv: list[str] | None = None) -> int:
    """Command line: write the file and say which channels are on."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path, default=PROJECT_ROOT / "credentials.yml")
    parser.add_argument("--out", type=Path, default=VAR_DIR / "credentials.yml")
    args = parser.parse_args(argv)
    try:
        channels = write_credentials(args.out, args.base)
    except ChannelConfigError as error:
        print(f"ERROR: {error}. See README, 'Channels'.", file=sys.stderr)
        return 1
    short = {TELEGRAM_CHANNEL: "telegram", WHATSAPP_CHANNEL: "whatsapp"}
    names = [short.get(channel, channel) for channel in channels]
    print(f"    channels:  {', '.join(names)} (credentials in {args.out})")
    for name in ("telegram", "whatsapp"):
        if name in names:
            print(f"    {name + ':':<10} /webhooks/{name}/webhook")
    return 0


if __name__ == "__main__":
    sys.exit(main())
