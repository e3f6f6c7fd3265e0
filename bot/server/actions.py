"""`python -m bot.server.actions`: the action server, for Rasa's calls only.

The Rasa SDK's own `rasa run actions` listens on every interface and runs any
action for anyone who can reach it: a forged POST to /webhook could store a
booking with any details, skipping the form's checks. This one:

- listens on 127.0.0.1 unless told otherwise (--host); it is never public;
- runs an action only for a caller with the shared token (ACTION_SERVER_TOKEN,
  which scripts/run.sh makes for each run), which Rasa sends as
  `?token=` (endpoints.yml: `action_endpoint.token`); 401 otherwise;
- answers a malformed call with 400, never 500, and never echoes a request body
  (it holds the conversation) into a reply or a log;
- allows no cross-origin calls from browsers.

Usage: python -m bot.server.actions [--host 127.0.0.1] [--port 5055]
"""

from __future__ import annotations

import argparse
import asyncio
import hmac
import logging
import zlib

from rasa_sdk.endpoint import create_app
from sanic import Sanic, response
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import settings

logger = logging.getLogger(__name__)

# An action call carries the whole conversation: far more than a chat message,
# still bounded.
MAX_CALL_BYTES = 4 * 1024 * 1024
OPEN_PATHS = frozenset({"/health"})


def has_token(request: Request, token: str) -> bool:
    """True if the request carries the shared token."""
    given = request.args.get("token") or ""
    return hmac.compare_digest(given.encode(), token.encode())


def warm_up() -> None:
    """Loads what the first booking would otherwise wait seconds for.

    The clinical rules' spaCy pipeline and dateparser's language data load on
    first use: a first form answer could then outlast Rasa's wait for the action
    server (ACTION_TIMEOUT_SECONDS) and be told to call instead.
    """
    from datetime import datetime, timezone

    from bot.bookings import validation
    from bot.clinical import warm_up as warm_up_clinical_rules

    warm_up_clinical_rules()
    validation.parse_preferred_time("next Tuesday morning", datetime.now(timezone.utc))
    validation.normalise_uk_phone("07700 900123")
    validation.validate_email("someone@example.com")


def make_app(token: str, actions_package: str = "bot.actions") -> Sanic:
    """The action server's app: Rasa SDK's, behind the token and the error handler."""
    if not token:
        raise ValueError("the action server needs a token (ACTION_SERVER_TOKEN)")
    app = create_app(actions_package, cors_origins=None)
    app.config.REQUEST_MAX_SIZE = MAX_CALL_BYTES

    @app.middleware("request")
    async def require_token(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS or has_token(request, token):
            return None
        return response.json({"error": "unauthorised"}, status=401)

    # Replaces the SDK's handler, which answers 500 with the request body in it.
    @app.exception(Exception)
    async def on_error(request: Request, error: Exception) -> HTTPResponse:
        if isinstance(error, SanicException):
            return response.json({"error": str(error)}, status=error.status_code)
        if isinstance(
            error, (ValueError, TypeError, KeyError, AttributeError, zlib.error)
        ):
            return response.json({"error": "malformed action call"}, status=400)
        logger.error("Action call failed: %s", type(error).__name__, exc_info=error)
        return response.json({"error": "the action failed"}, status=500)

    @app.listener("after_server_start")
    async def start_flushing_the_spool(app: Sanic, _loop: object) -> None:
        app.add_task(flush_spool_forever(settings.spool_flush_seconds()))

    return app


async def flush_spool_forever(interval: float) -> None:
    """Stores the bookings kept while the database was down, as soon as it is back."""
    from bot.actions.booking_submit import flush_spool

    while True:
        try:
            await asyncio.to_thread(flush_spool)
        except Exception as error:  # noqa: BLE001 - still down: try again later
            logger.warning("Spooled bookings not stored yet (%s)", type(error).__name__)
        await asyncio.sleep(interval)


def main(argv: list[str] | None = None) -> None:
    """Command line: serve until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5055)
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s - %(message)s"
    )
    token = settings.action_server_token()
    if not token:
        raise SystemExit("ERROR: set ACTION_SERVER_TOKEN (scripts/run.sh makes one).")
    app = make_app(token)
    warm_up()  # before listening: /health answers only once calls are fast
    logger.info("Action server on http://%s:%s", args.host, args.port)
    app.run(args.host, args.port, access_log=False, motd=False)


if __name__ == "__main__":
    main()
