"""uvicorn's HTTP protocol with the limits on clients that uvicorn has no setting for.

uvicorn's only timer, the keep-alive timeout, is cancelled by every byte received and is
never armed on a fresh connection: a client that trickles its head or body, declares a
Content-Length it never sends, or connects and sends nothing, would hold its connection
for good, and a few thousand of them would exhaust the worker's file descriptors. uvicorn
also takes request lines and headers of any size and number, and refuses what it cannot
parse in text/plain. Here:

- each request has CLIENT_TIMEOUT_SECONDS to arrive whole, head and body, counted from the
  connection's start for its first request and from its first byte for the later ones; a
  client too slow is disconnected without an answer. The time the app takes once the
  request is in does not count, nor does the wait between kept-alive requests, which stays
  uvicorn's;
- a request target over 8 KiB is refused with 414, and headers over 16 KiB in total or
  more than 100 of them with 431, counted as the parser reads them;
- those refusals and uvicorn's own 400 for a request it cannot parse are problem+json;
- on SIGTERM, a kept-alive connection with no request in progress is closed
  STOP_GRACE_SECONDS later, not at once as uvicorn does: a request the client sent just
  before the signal may be in the socket still unread, and closing the socket on it would
  reset the connection instead of answering. A request that starts in that time is served,
  with `Connection: close`.

Written against uvicorn 0.54.0, the version pyproject.toml pins (the template's framework
catalog chooses it): it relies on HttpToolsProtocol's parser callbacks, `cycle`, `url`,
`transport`, `server_state` and `send_400_response`, which are uvicorn's internals rather
than its API, so check them when the pin moves.
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from .request_policy import REQUEST_ID_HEADER, RequestPolicy, new_uuid4, problem_answer
from .settings import get_settings

MAX_TARGET_BYTES = 8 * 1024
MAX_HEADER_BYTES = 16 * 1024
MAX_HEADER_FIELDS = 100
STOP_GRACE_SECONDS = 1.0
TARGET_TOO_LONG_DETAIL = f"The request target is longer than {MAX_TARGET_BYTES} bytes."
HEADERS_TOO_LARGE_DETAIL = (
    f"The request headers are larger than {MAX_HEADER_BYTES} bytes in total "
    f"or more than {MAX_HEADER_FIELDS} fields."
)


class HeadRefused(Exception):
    """Raised in a parser callback: httptools stops parsing and uvicorn, seeing a parser
    error, calls `send_400_response`, which sends the refusal recorded before."""


class ServiceHttpProtocol(HttpToolsProtocol):
    """Passed to uvicorn as its `http` protocol class; one instance per connection."""

    deadline: asyncio.TimerHandle | None = None
    refusal: tuple[int, str] | None = None
    header_bytes = 0
    header_fields = 0
    receiving = False
    stopping = False

    def connection_made(self, transport: asyncio.Transport) -> None:
        super().connection_made(transport)
        # Read from the settings rather than passed in: uvicorn builds the protocol itself,
        # in each worker process, which inherits the service's environment.
        self.client_timeout = get_settings().client_timeout_seconds
        self.arm_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        self.cancel_deadline()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self.receiving = True
        self.header_bytes = self.header_fields = 0
        # The first request's deadline runs from the connection's start.
        if self.deadline is None:
            self.arm_deadline()

    def on_url(self, url: bytes) -> None:
        super().on_url(url)
        if len(self.url) > MAX_TARGET_BYTES:
            self.refuse(414, TARGET_TOO_LONG_DETAIL)

    def on_header(self, name: bytes, value: bytes) -> None:
        self.header_fields += 1
        self.header_bytes += len(name) + len(value)
        if self.header_fields > MAX_HEADER_FIELDS or self.header_bytes > MAX_HEADER_BYTES:
            self.refuse(431, HEADERS_TOO_LARGE_DETAIL)
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        super().on_headers_complete()
        if self.stopping and self.cycle is not None:
            self.cycle.keep_alive = False

    def on_message_complete(self) -> None:
        # First, as uvicorn returns early for a request whose answer has already gone out.
        self.cancel_deadline()
        self.receiving = False
        super().on_message_complete()

    def shutdown(self) -> None:
        self.stopping = True
        if self.answering:
            self.cycle.keep_alive = False
        else:
            self.loop.call_later(STOP_GRACE_SECONDS, self.close_if_idle)

    def close_if_idle(self) -> None:
        # A request still arriving closes the connection once answered, or is cut off by
        # its deadline.
        if not self.answering and not self.receiving:
            self.transport.close()

    @property
    def answering(self) -> bool:
        return self.cycle is not None and not self.cycle.response_complete

    def refuse(self, status: int, detail: str) -> None:
        self.refusal = (status, detail)
        raise HeadRefused(detail)

    def arm_deadline(self) -> None:
        self.deadline = self.loop.call_later(self.client_timeout, self.deadline_passed)

    def deadline_passed(self) -> None:
        # An answer being written is let finish, and the request still arriving is looked
        # at again a timeout later; otherwise the app, if it has the request, sees the
        # client disconnect.
        cycle = self.cycle
        if cycle is None or not cycle.response_started or cycle.response_complete:
            self.deadline = None
            self.transport.close()
        else:
            self.arm_deadline()

    def cancel_deadline(self) -> None:
        if self.deadline is not None:
            self.deadline.cancel()
            self.deadline = None

    def send_400_response(self, msg: str) -> None:
        status, detail = self.refusal or (400, msg)
        answer = problem_answer(status, detail)
        settings = get_settings()
        policy = RequestPolicy(
            settings.allowed_hosts, settings.force_https, settings.max_body_bytes
        )
        headers = [
            *answer.headers,
            (REQUEST_ID_HEADER, new_uuid4()),
            *policy.response_headers,
            ("Connection", "close"),
        ]
        head = [STATUS_LINE[status]]
        head += [b"%s: %s\r\n" % header for header in self.server_state.default_headers]
        head += [f"{name}: {value}\r\n".encode("latin-1") for name, value in headers]
        self.transport.write(b"".join([*head, b"\r\n", answer.body]))
        self.transport.close()
