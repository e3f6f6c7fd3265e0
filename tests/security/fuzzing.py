"""Tools of the fuzz tests: an HTTP client that survives hostile requests, a memory
guard for Rasa, a list of what went wrong, and the hypothesis strategies.

The client speaks HTTP/1.1 over a plain socket rather than through urllib, because
a fuzz test must send what a polite client never would (any method, any header,
invalid bytes, a 10 MB body) and must tell "the server answered 413 while the body
was still on its way" from "the server reset the connection without an answer".
"""

from __future__ import annotations

import http.client
import json
import random
import re
import select
import socket
import string
import threading
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

BODY_LIMIT = 64 * 1024  # bytes: a longer body is answered 413 (issue 12, point 5)
MESSAGE_LIMIT = 2000  # characters: a longer message gets a polite reply (point 1)
REQUEST_TIMEOUT = 30.0  # seconds without progress before a request counts as hung
SLOW = 10.0  # seconds: an answer slower than this stalls every other patient
CHUNK = 64 * 1024


def fuzz_settings(examples: int) -> settings:
    """Reproducible (derandomized) runs of `examples` requests against live servers.

    No shrinking: a failing request is recorded and the run goes on, so that one
    run lists every kind of failure (see Findings), and a server that has died is
    not asked again hundreds of times. No example database either: nothing is
    written into the tree.
    """
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=(Phase.explicit, Phase.generate),
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )


# --- HTTP --------------------------------------------------------------------
@dataclass
class Request:
    """One HTTP request, and what a hardened server may answer to it."""

    kind: str  # groups failures in the report: "REST non-object JSON", ...
    method: str
    path: str
    body: bytes = b""
    headers: Sequence[tuple[str, str]] = ()
    chunked: bool = False
    # "4xx", "413", "reply" (a 4xx or a non-empty list of reply dicts),
    # "polite" (a non-empty list of reply dicts, or 429), "list" (a 4xx or a
    # JSON list of reply dicts) or "any" (anything but a 5xx)
    expect: str = "any"
    allow_501: bool = False  # an unknown method may be answered 501 (RFC 9110)

    @property
    def invalid_http(self) -> bool:
        """Raw non-ASCII, spaces or controls in the request line: not HTTP at all.

        Sanic 21.12 (pinned by Rasa 3.6) closes (or resets) such a connection
        without an answer instead of a 400: httptools' parse_url raises while it
        builds the request. The server lives on, which the end of every test checks.
        """
        line = self.method + self.path
        return not line.isascii() or any(c in line for c in " \t\x00\x7f")

    def describe(self) -> str:
        """One line for the report: method, path, content type, size and a preview."""
        content_type = next(
            (v for k, v in self.headers if k.lower() == "content-type"), "-"
        )
        preview = self.body[:120]
        more = "..." if len(self.body) > 120 else ""
        path = self.path if len(self.path) <= 80 else self.path[:80] + "..."
        framing = " chunked" if self.chunked else ""
        others = [
            f"{k}: {v[:20]!r}" for k, v in self.headers if k.lower() != "content-type"
        ]
        extra = f" {{{', '.join(others)}}}" if others else ""
        return (
            f"{self.method} {path!r} [{content_type}]{extra}{framing} "
            f"{len(self.body):,} B {preview!r}{more}"
        )


@dataclass
class Reply:
    """What came back: a status, or `error` when no HTTP answer came at all."""

    status: int | None
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    seconds: float = 0.0

    def json(self) -> Any:
        return json.loads(self.body)


def _frame_chunked(body: bytes) -> bytes:
    parts = [
        f"{len(body[i : i + CHUNK]):x}\r\n".encode() + body[i : i + CHUNK] + b"\r\n"
        for i in range(0, len(body), CHUNK)
    ]
    return b"".join(parts) + b"0\r\n\r\n"


def send(base_url: str, request: Request, timeout: float = REQUEST_TIMEOUT) -> Reply:
    """Sends `request` to the server at `base_url` on a fresh connection.

    The body goes out in 64 KB pieces; if the server answers before it has all of
    it (a 413), sending stops and the answer is read, as a careful client does.
    """
    parts = urlsplit(base_url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    names = {name.lower() for name, _ in request.headers}
    lines = [f"{request.method} {request.path} HTTP/1.1"]
    if "host" not in names:
        lines.append(f"Host: {host}:{port}")
    lines.append("Connection: close")
    if request.chunked:
        lines.append("Transfer-Encoding: chunked")
        payload = _frame_chunked(request.body)
    else:
        if "content-length" not in names and (
            request.body or request.method in ("POST", "PUT", "PATCH")
        ):
            lines.append(f"Content-Length: {len(request.body)}")
        payload = request.body
    lines += [f"{name}: {value}" for name, value in request.headers]
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8", "surrogateescape")

    started = time.monotonic()
    try:
        sock = socket.create_connection((host, port), timeout=timeout)
    except OSError as error:
        return Reply(None, error=f"cannot connect: {error.__class__.__name__}")
    try:
        try:
            sock.sendall(head)
            sent = 0
            while sent < len(payload):
                if select.select([sock], [], [], 0)[0]:
                    break  # the server answered early: read it
                sent += sock.send(payload[sent : sent + CHUNK])
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass  # the server stopped reading: its answer, if any, is below
        try:
            response = http.client.HTTPResponse(sock, method=request.method)
            response.begin()
            body = response.read()
        except TimeoutError:
            return Reply(
                None,
                error=f"no answer within {timeout:.0f} s",
                seconds=time.monotonic() - started,
            )
        except http.client.RemoteDisconnected:
            return Reply(None, error="connection closed without an answer")
        except ConnectionResetError:
            return Reply(None, error="connection reset without an answer")
        except (http.client.HTTPException, OSError) as error:
            return Reply(None, error=f"broken answer: {error!r}"[:200])
        return Reply(
            response.status,
            body,
            {k.lower(): v for k, v in response.getheaders()},
            seconds=time.monotonic() - started,
        )
    finally:
        sock.close()


def judge(request: Request, reply: Reply) -> str | None:
    """What is wrong with `reply` to `request`, or None if it is acceptable."""
    if reply.status is None:
        if request.invalid_http and "without an answer" in (reply.error or ""):
            return None
        return f"no HTTP answer ({reply.error})"
    status = reply.status
    if status >= 500 and not (request.allow_501 and status == 501):
        return f"{status} {_reason(status)}"
    if reply.seconds > SLOW:
        return f"answered {status} only after {reply.seconds:.0f} s"
    if request.expect == "413" and status != 413:
        return f"{status} instead of 413"
    if request.expect == "4xx" and not 400 <= status < 500:
        return f"{status} instead of a 4xx"
    if request.expect == "polite" and status not in (200, 429):
        return f"{status} instead of a polite reply (200, or 429 when too fast)"
    if request.expect in ("reply", "list", "polite") and not 400 <= status < 500:
        if status != 200:
            return f"{status}: neither 200 nor a 4xx"
        replies = _reply_list(reply.body)
        if replies is None:
            return "200 whose body is not a JSON list of reply dicts"
        if request.expect in ("reply", "polite") and not replies:
            return "200 with an empty reply list (no answer, no 4xx)"
    return None


def _reply_list(body: bytes) -> list | None:
    try:
        replies = json.loads(body)
    except ValueError:
        # ?stream=true: one JSON reply a line
        try:
            replies = [json.loads(line) for line in body.splitlines() if line.strip()]
        except ValueError:
            return None
    if not isinstance(replies, list) or not all(isinstance(r, dict) for r in replies):
        return None
    return replies


def _reason(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


# --- what went wrong ---------------------------------------------------------
class ServerGone(Exception):
    """The server under attack stopped answering: the run ends there."""


class Findings:
    """Failures seen during one test, grouped by kind of request and symptom."""

    def __init__(self) -> None:
        self.sent = 0
        self._seen: dict[tuple[str, str], list[str]] = {}
        self._count: dict[tuple[str, str], int] = {}
        self.notes: list[str] = []  # failures that are no single request's
        self.info: list[str] = []  # measurements, shown with any failure
        self.seconds: dict[str, float] = {}  # time spent by kind of request

    def add(self, kind: str, symptom: str, example: str) -> None:
        key = (kind, symptom)
        self._count[key] = self._count.get(key, 0) + 1
        examples = self._seen.setdefault(key, [])
        if len(examples) < 2:
            examples.append(example)

    def check(self, request: Request, reply: Reply) -> Reply:
        """Counts the request and records what is wrong with its reply, if anything."""
        self.sent += 1
        self.seconds[request.kind] = self.seconds.get(request.kind, 0.0) + reply.seconds
        problem = judge(request, reply)
        if problem:
            self.add(request.kind, problem, request.describe())
        return reply

    def __bool__(self) -> bool:
        return bool(self._seen or self.notes)

    def report(self) -> str:
        lines = [f"{sum(self._count.values())} failures in {self.sent} requests:"]
        for (kind, symptom), examples in sorted(self._seen.items()):
            lines.append(f"  {kind}: {symptom} (x{self._count[(kind, symptom)]})")
            lines += [f"      e.g. {example}" for example in examples]
        lines += [f"  {note}" for note in self.notes]
        lines += [f"  (measured: {info})" for info in self.info]
        return "\n".join(lines)


# --- memory ------------------------------------------------------------------
def rss_mb(pid: int) -> float | None:
    """Resident memory of process `pid` in MB (VmRSS), or None if it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) / 1024 if match else None


class MemoryGuard(threading.Thread):
    """Watches a server's memory; kills it before it can take the machine down.

    Without the length cap one message can make Rasa allocate tens of GB, and the
    kernel's OOM killer would then pick any process, the test runner included.
    """

    def __init__(self, process: Any, limit_mb: float) -> None:
        super().__init__(daemon=True)
        self.process = process
        self.limit_mb = limit_mb
        self.peak_mb = 0.0
        self.killed_at_mb: float | None = None
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.wait(0.1):
            rss = rss_mb(self.process.pid)
            if rss is None or self.process.poll() is not None:
                return
            self.peak_mb = max(self.peak_mb, rss)
            if rss > self.limit_mb:
                self.killed_at_mb = rss
                self.process.kill()
                return

    def reset_peak(self) -> None:
        self.peak_mb = rss_mb(self.process.pid) or 0.0

    def stop(self) -> None:
        self._halt.set()


# --- strategies: text ----------------------------------------------------------
NASTY_TEXTS = [
    "",
    " ",
    "\t\r\n",
    "\x00",
    "\x00" * 50 + "what is IDD",
    "\ufeffwhat is IDD therapy",
    "\u202egnikoob ym lecnac",  # right-to-left override
    "e" + "\u0301" * 1500,  # one letter under 1,500 combining accents
    "a\u0300\u0316\u0317" * 400,
    "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466" * 200,
    "\U0001d574\U0001d56f\U0001d56f \U0001d599\U0001d58d\U0001d58a",  # math letters
    "\u2028\u2029\u0085\u000b",
    "\ud800",  # lone surrogates (JSON allows them as escapes)
    "\udfff what is IDD \ud83d",
    "<script>alert(1)</script><img src=x onerror=alert(1)>",
    "'; DROP TABLE bookings; --",
    "{clinic_phones} {{7*7}} ${7*7} %s %n %(name)s",
    "/book_appointment",
    '/inform{"booking_name": "x", "booking_consent": true}',
    "/restart",
    "/session_start",
    "/action_submit_booking",
    '/faq{"x":',
    "IDD治疗是什么？",
    "ما هو العلاج بالضغط",
    "Что такое IDD?",
    "x" * 25,
    "y" * 26,
    "back" * 500,  # 2,000 letters: exactly at the cap
    "b" * (MESSAGE_LIMIT + 1),
    "I can't control my bladder " * 80,
    "\\u0000\\ud800 \\x00",
    "..\\..\\..\\etc\\passwd",
]


def random_word(length: int, seed: int) -> str:
    """A word of `length` random letters: as costly as a real pasted one."""
    return "".join(random.Random(seed).choices(string.ascii_lowercase, k=length))


# Any character, lone surrogates included; without them for forms and headers.
any_characters = st.characters(exclude_categories=())
text_characters = st.characters(exclude_categories=("Cs",))

odd_text = st.one_of(
    st.text(any_characters, max_size=60),
    st.sampled_from(NASTY_TEXTS),
    st.text(st.sampled_from("abc IDD?!é\u0301\U0001f600\x00\u202e"), max_size=300),
)
form_text = st.one_of(
    st.text(text_characters, max_size=60),
    st.sampled_from(
        [t for t in NASTY_TEXTS if "\ud800" not in t and "\udfff" not in t]
    ),
)
# One word of 1,200-5,000 letters (issue 12: 4.6 s and 820 MB at 1,200).
long_words = st.builds(random_word, st.integers(1200, 5000), st.integers(0, 2**32))
# Many one-letter words: "a a a ...", up to a body just under or over 64 KB.
many_words = st.integers(1000, 40_000).map(lambda n: " ".join("a" * n))
long_texts = st.one_of(
    long_words,
    many_words,
    st.builds(
        lambda word, n: " ".join([word] * n),
        st.sampled_from(["bladder", "IDD", "numbness", "\U0001f600", "ok"]),
        st.integers(300, 1500),
    ),
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(),  # NaN and Infinity become invalid JSON
    odd_text,
)
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(any_characters, max_size=12), children, max_size=4),
    ),
    max_leaves=12,
)
non_objects = json_values.filter(lambda value: not isinstance(value, dict))


def to_json(value: Any) -> bytes:
    """JSON as Python writes it (NaN, lone surrogates as \\u escapes)."""
    return json.dumps(value).encode()


def nested(depth: int, opener: str) -> bytes:
    """`depth` levels of arrays or objects: a recursion bomb in under 64 KB."""
    if opener == "[":
        return b"[" * depth + b"]" * depth
    return b'{"a":' * depth + b"1" + b"}" * depth


VALID_JSON = b'{"sender": "fuzz", "message": "what is IDD therapy"}'
malformed_json = st.one_of(
    st.sampled_from(
        [
            b"",
            b"{",
            b'{"sender": "a", "message": ',
            b'{"sender": "a" "message": "b"}',
            b"{'sender': 'a', 'message': 'b'}",
            b'{"sender": "\xff\xfe", "message": "\xc3\x28"}',  # invalid UTF-8
            b'\xef\xbb\xbf{"sender": "a", "message": "b"}',  # UTF-8 BOM
            '{"sender": "a", "message": "b"}'.encode("utf-16"),
            b'{"sender": "a", "message": "b"}\x00\x00',
            b'{"sender": "a", "message": "b"} trailing',
            b'{"sender": "a", "message": NaN}',
            b'{"sender": "a", "message": 1e999999}',
            b'{"message": "' + b"9" * 5000 + b'"}',
            b'{"sender": "a", "message": ' + b"9" * 5000 + b"}",
            b'{"sender": "a", "message": "b", "sender": ["x"]}',
            b'{"sender": "\\ud800", "message": "\\udfff"}',
            b"null",
            b"true",
            b"[]",
            b'"what is IDD"',
            b"\x00" * 100,
            b"\xff" * 100,
            b"<xml>what is IDD</xml>",
            b"sender=a&message=what+is+IDD",
        ]
    ),
    st.builds(nested, st.integers(100, 30_000), st.sampled_from("[{")),
    st.integers(1, len(VALID_JSON) - 1).map(lambda cut: VALID_JSON[:cut]),
    st.binary(max_size=300),
)

CONTENT_TYPES = [
    "application/json",
    "application/json; charset=utf-8",
    "application/json; charset=utf-16",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=xyz",
    "multipart/form-data",
    "application/xml",
    "application/octet-stream",
    "",
    "*/*",
    "application/json; charset=\u00e9\u00e9",
    "x" * 300,
]
content_types = st.one_of(
    st.just("application/json"),
    st.sampled_from(CONTENT_TYPES),
    st.none(),  # no Content-Type header at all
)


def with_content_type(
    content_type: str | None, extra: Sequence[tuple[str, str]] = ()
) -> list[tuple[str, str]]:
    headers = [] if content_type is None else [("Content-Type", content_type)]
    return headers + list(extra)


# --- strategies: forms and updates ----------------------------------------------
def urlencoded(pairs: Sequence[tuple[str, str]]) -> bytes:
    return urlencode(list(pairs)).encode()


def huge_body(size: int, seed: int, shape: str) -> bytes:
    """A body of exactly `size` bytes that parses (JSON / form) as far as possible."""
    if shape == "json-words":  # 5 million one-letter words at 10 MB
        filler = b"a " * (size // 2)
        head, tail = b'{"sender": "huge", "message": "', b'"}'
    elif shape == "json-word":
        block = random_word(CHUNK, seed).encode()  # one "word" of `size` letters
        filler = block * (size // CHUNK + 1)
        head, tail = b'{"sender": "huge", "message": "', b'"}'
    elif shape == "form":
        filler = b"a+" * (size // 2)
        head, tail = b"From=whatsapp%3A%2B447700900123&Body=", b""
    elif shape == "form-fields":
        filler = b"a=1&" * (size // 4)
        head, tail = b"From=whatsapp%3A%2B447700900123&", b"Body=hi"
    else:  # junk
        filler = random.Random(seed).randbytes(size)
        head, tail = b"", b""
    body = head + filler[: max(0, size - len(head) - len(tail))] + tail
    return body[:size]


HUGE_SHAPES = ["json-words", "json-word", "form", "form-fields", "junk"]
huge_sizes = st.one_of(
    st.integers(BODY_LIMIT + 1, 1024 * 1024),
    st.integers(1024 * 1024, 10 * 1024 * 1024),
)

TELEGRAM_UPDATE_KEYS = ["message", "edited_message", "channel_post", "callback_query"]
chat_ids = st.one_of(
    st.integers(-(2**63), 2**63),
    st.text(any_characters, max_size=20),
    json_values,
)
telegram_messages = st.fixed_dictionaries(
    {},
    optional={
        "message_id": json_values,
        "date": json_values,
        "chat": st.one_of(st.fixed_dictionaries({"id": chat_ids}), json_values),
        "from": json_values,
        "text": st.one_of(odd_text, json_values),
        "entities": json_values,
        "photo": json_values,
        "sticker": json_values,
        "reply_markup": json_values,
    },
)
telegram_callbacks = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.text(max_size=10), json_values),
        "data": st.one_of(
            odd_text, st.just("#p:" + "0" * 32), st.text(max_size=70), json_values
        ),
        "message": st.one_of(telegram_messages, json_values),
        "from": json_values,
    },
)
telegram_updates = st.fixed_dictionaries(
    {},
    optional={
        "update_id": json_values,
        "message": st.one_of(telegram_messages, json_values),
        "edited_message": st.one_of(telegram_messages, json_values),
        "channel_post": telegram_messages,
        "callback_query": st.one_of(telegram_callbacks, json_values),
        "poll": json_values,
    },
)

TWILIO_FIELDS = [
    "SmsMessageSid",
    "MessageSid",
    "AccountSid",
    "From",
    "To",
    "Body",
    "NumMedia",
    "MediaUrl0",
    "MediaContentType0",
    "ProfileName",
    "WaId",
    "Latitude",
    "ButtonPayload",
]
whatsapp_senders = st.one_of(
    st.integers(10**9, 10**10).map(lambda n: f"whatsapp:+447{n}"),
    st.sampled_from(["", " ", "whatsapp:", "whatsapp:+44", "+447700900123"]),
    form_text,
)
whatsapp_forms = st.builds(
    lambda base, extra: [*base.items(), *extra],
    st.fixed_dictionaries(
        {},
        optional={
            "From": whatsapp_senders,
            "Body": st.one_of(form_text, st.sampled_from(["1", "2", " 3.", "99"])),
            "To": st.just("whatsapp:+14155238886"),
            "NumMedia": st.sampled_from(["0", "1", "-1", "x"]),
            "MessageSid": st.text(string.ascii_letters, max_size=34),
        },
    ),
    st.lists(
        st.tuples(st.one_of(st.sampled_from(TWILIO_FIELDS), form_text), form_text),
        max_size=5,
    ),
)

# --- strategies: the chat page's server ------------------------------------------
STANDARD_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"]
page_methods = st.one_of(
    st.sampled_from(STANDARD_METHODS),
    st.sampled_from(["GET"] * 4),
    st.sampled_from(["TRACE", "CONNECT", "PROPFIND", "get", "G\u00c9T"]),
    st.from_regex(r"[A-Z]{1,10}", fullmatch=True),
)
NASTY_PATHS = [
    "/",
    "/index.html",
    "/config.js",
    "/vendor/rasa-webchat.js",
    "/../../../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/..%2f..%2fetc%2fpasswd",
    "/index.html%00.js",
    "/.env",
    "/.git/config",
    "/node_modules/rasa-webchat/package.json",
    "/vendor/../index.html",
    "//etc/passwd",
    "/\\..\\..\\windows\\win.ini",
    "/config.js?socketUrl=javascript:alert(1)",
    "/?" + "a=1&" * 2000,
    "/" + "a" * 70_000,
    "*",
    "http://evil.example/",
    "/%",
    "/%zz",
    "/\u00e9\u4e2d\U0001f600.html",
    "/index.html#frag",
]
page_paths = st.one_of(
    st.sampled_from(NASTY_PATHS),
    st.text(text_characters, max_size=40).map(lambda s: "/" + quote(s, safe="/%?&=.")),
    st.text(
        st.characters(exclude_categories=("Cs",), exclude_characters="\r\n "),
        max_size=40,
    ).map(lambda s: "/" + s),
)
header_names = st.one_of(
    st.sampled_from(
        [
            "Accept",
            "Accept-Encoding",
            "Range",
            "If-Modified-Since",
            "Cookie",
            "Origin",
            "Referer",
            "X-Forwarded-For",
            "X-Forwarded-Host",
            "Expect",
            "Transfer-Encoding",
            "Content-Length",
            "Authorization",
            "User-Agent",
        ]
    ),
    st.from_regex(r"[A-Za-z0-9-]{1,30}", fullmatch=True),
)
header_values = st.one_of(
    st.text(
        st.characters(exclude_categories=("Cs",), exclude_characters="\r\n"),
        max_size=60,
    ),
    st.sampled_from(
        [
            "bytes=0-0,-1,1-2",
            "bytes=999999999-",
            "100-continue",
            "chunked",
            "-1",
            "99999999999999999999",
            "gzip, deflate, br",
            "x" * 9000,
        ]
    ),
)
random_headers = st.lists(st.tuples(header_names, header_values), max_size=6)


# --- strategies: the action server ---------------------------------------------------
def forged_action_call(action: str, slots: dict[str, Any]) -> dict[str, Any]:
    """What Rasa posts to the action server,
    as anyone who can reach it could forge it."""
    return {
        "next_action": action,
        "sender_id": "forged",
        "version": "3.6.21",
        "domain": {},
        "tracker": {
            "sender_id": "forged",
            "slots": slots,
            "latest_message": {"intent": {"name": "affirm"}, "text": "yes"},
            "latest_event_time": time.time(),
            "followup_action": None,
            "paused": False,
            "events": [],
            "latest_input_channel": "rest",
            "active_loop": {},
            "latest_action": {"action_name": "action_listen"},
            "latest_action_name": "action_listen",
        },
    }


FORGED_BOOKING = {
    "booking_name": "Forged Patient",
    "booking_phone": "+447700900123",
    "booking_email": "forged@example.com",
    "booking_when": "tomorrow",
    "booking_treatment": "IDD Therapy",
    "booking_reason": "skipped the form's validation",
    "booking_consent": True,
    "booking_confirmed": True,
}
ACTIONS = [
    "action_submit_booking",
    "action_cancel_booking",
    "action_change_booking_detail",
    "action_ask_booking_confirmed",
    "validate_booking_form",
]
action_calls = st.builds(
    lambda action, slots, extra: {**forged_action_call(action, slots), **extra},
    st.one_of(st.sampled_from(ACTIONS), odd_text),
    st.one_of(st.just(FORGED_BOOKING), st.dictionaries(odd_text, json_values)),
    st.dictionaries(
        st.sampled_from(["tracker", "domain", "version", "sender_id", "next_action"]),
        json_values,
        max_size=2,
    ),
)


def deflated(body: bytes) -> bytes:
    return zlib.compress(body)
