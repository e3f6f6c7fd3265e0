"""A small web server for the clinic's chat page (web/), for local use and tests.

Serves the files directly in web/, the chat widget from web/node_modules (installed
by `npm ci`, never loaded from a CDN) as /vendor/rasa-webchat.js, and /config.js,
which tells the page where Rasa's socket.io channel is. In production put web/ and
the widget behind the clinic's own web server instead.

Usage: python -m bot.channels.webpage [--port 8080] [--rasa-url http://localhost:5005]
"""

from __future__ import annotations

import argparse
import json
import mimetypes
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from bot.settings import PROJECT_ROOT, webpage_access_log

WEB_DIR = PROJECT_ROOT / "web"
WIDGET = Path("node_modules/rasa-webchat/lib/index.js")
_SERVED_SUFFIXES = {".html", ".css", ".js", ".svg", ".png", ".ico"}


def content_security_policy(rasa_url: str) -> str:
    """Scripts only from this server; connections only to it and to Rasa."""
    parts = urlsplit(rasa_url)
    websocket = ("wss" if parts.scheme == "https" else "ws") + f"://{parts.netloc}"
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            # the widget adds its stylesheet as <style> elements
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            f"connect-src 'self' {parts.scheme}://{parts.netloc} {websocket}",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


class ChatPageHandler(BaseHTTPRequestHandler):
    """GET only, from a fixed set of files: nothing outside web/ is reachable."""

    web_dir: Path = WEB_DIR
    rasa_url: str = "http://localhost:5005"

    def _file_for(self, path: str) -> Path | None:
        if path in ("/", "/index.html"):
            return self.web_dir / "index.html"
        if path == "/vendor/rasa-webchat.js":
            return self.web_dir / WIDGET
        name = path.lstrip("/")
        if "/" in name or "\\" in name or name.startswith("."):
            return None
        candidate = self.web_dir / name
        return candidate if candidate.suffix in _SERVED_SUFFIXES else None

    def do_HEAD(self) -> None:
        self._head_only = True
        self.do_GET()

    def _not_allowed(self) -> None:
        """405 for any method but GET and HEAD (the standard library says 501)."""
        self.send_response(HTTPStatus.METHOD_NOT_ALLOWED)
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _not_allowed

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path == "/config.js":
            config = json.dumps({"socketUrl": self.rasa_url})
            self._send(f"window.CLINIC_CHAT = {config};\n".encode(), "text/javascript")
            return
        file = self._file_for(path)
        if file is None or not file.is_file():
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type.endswith("javascript"):
            content_type += "; charset=utf-8"
        self._send(file.read_bytes(), content_type)

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header(
            "Content-Security-Policy", content_security_policy(self.rasa_url)
        )
        self.end_headers()
        if not getattr(self, "_head_only", False):
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        if webpage_access_log():
            super().log_message(format, *args)


def make_server(
    host: str, port: int, rasa_url: str, web_dir: Path = WEB_DIR
) -> ThreadingHTTPServer:
    """A server for the chat page (not started): call serve_forever() on it."""
    handler = type(
        "ConfiguredChatPageHandler",
        (ChatPageHandler,),
        {"rasa_url": rasa_url.rstrip("/"), "web_dir": web_dir},
    )
    return ThreadingHTTPServer((host, port), handler)


def serve_in_background(host: str, port: int, rasa_url: str) -> ThreadingHTTPServer:
    """Starts the server on a daemon thread; stop it with shutdown()."""
    server = make_server(host, port, rasa_url)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(argv: list[str] | None = None) -> None:
    """Command line: serve until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="localhost")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--rasa-url", default="http://localhost:5005")
    args = parser.parse_args(argv)
    if not (WEB_DIR / WIDGET).is_file():
        raise SystemExit("ERROR: the chat widget is missing: run `make install`.")
    server = make_server(args.host, args.port, args.rasa_url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
