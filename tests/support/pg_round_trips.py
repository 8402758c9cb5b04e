"""A TCP proxy in front of PostgreSQL that counts the round trips its clients make.

A service pointed at the proxy instead of the server talks to the same database, and every
byte it sends passes through here. A round trip is counted each time a client sends after
the server has answered it (or for the first time on a connection): messages a driver
pipelines in one go are one round trip, however many statements they hold. The frontend
messages are decoded far enough to say what each round trip asked for (the SQL of a simple
query or of a statement being prepared; a bound, already prepared statement shows as its
name), so that a test failing on the count can show why.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from dataclasses import dataclass, field
from types import TracebackType

from .service import free_port

# Untyped requests a client may send before its startup message.
SSL_REQUEST_CODE = 80877103
GSS_ENCRYPTION_REQUEST_CODE = 80877104
BUFFER_BYTES = 1 << 16
SHOWN_SQL_CHARACTERS = 120
MESSAGE_NAMES = {
    b"Q": "query",
    b"P": "parse",
    b"B": "bind",
    b"D": "describe",
    b"E": "execute",
    b"S": "sync",
    b"H": "flush",
    b"C": "close",
    b"X": "terminate",
    b"p": "authentication",
}


@dataclass
class RoundTrip:
    """What one client sent before waiting for the server."""

    messages: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return " + ".join(self.messages) or "(startup)"


class _ClientStream:
    """Splits what one client sends into PostgreSQL frontend messages."""

    def __init__(self) -> None:
        self.pending = b""
        self.started = False
        # Prepared statements by name, so that a bind can say what it runs.
        self.statements: dict[bytes, str] = {}

    def feed(self, data: bytes) -> list[str]:
        self.pending += data
        decoded = []
        while True:
            header_bytes = 4 if not self.started else 5
            if len(self.pending) < header_bytes:
                return decoded
            if not self.started:
                (length,) = struct.unpack("!I", self.pending[:4])
                if len(self.pending) < length:
                    return decoded
                (code,) = struct.unpack("!I", self.pending[4:8])
                self.pending = self.pending[length:]
                if code not in (SSL_REQUEST_CODE, GSS_ENCRYPTION_REQUEST_CODE):
                    self.started = True
                    decoded.append("startup")
                continue
            kind = self.pending[:1]
            (length,) = struct.unpack("!I", self.pending[1:5])
            if len(self.pending) < length + 1:
                return decoded
            body = self.pending[5 : length + 1]
            self.pending = self.pending[length + 1 :]
            decoded.append(self._describe(kind, body))

    def _describe(self, kind: bytes, body: bytes) -> str:
        name = MESSAGE_NAMES.get(kind, kind.decode("latin-1"))
        if kind == b"Q":
            return f"{name} {_sql(body)}"
        if kind == b"P":
            statement, _, rest = body.partition(b"\0")
            self.statements[statement] = _sql(rest)
            return f"{name} {self.statements[statement]}"
        if kind == b"B":
            _portal, _, rest = body.partition(b"\0")
            statement = rest.split(b"\0", 1)[0]
            return f"{name} {self.statements.get(statement, '(prepared earlier)')}"
        return name


def _sql(text: bytes) -> str:
    query = text.split(b"\0", 1)[0].decode("utf-8", "replace")
    return repr(" ".join(query.split())[:SHOWN_SQL_CHARACTERS])


class RoundTripCounter:
    """Listens on a free loopback port and forwards every connection to PostgreSQL."""

    def __init__(self, server_host: str, server_port: int) -> None:
        self.server = (server_host, server_port)
        self.port = free_port()
        self.round_trips: list[RoundTrip] = []
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self._sockets: list[socket.socket] = []
        self._closed = False

    def __enter__(self) -> RoundTripCounter:
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._closed = True
        self._listener.close()
        with self._lock:
            for connection in self._sockets:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
                connection.close()

    def take(self) -> list[RoundTrip]:
        """The round trips counted since the last call, and a fresh count."""
        with self._lock:
            taken, self.round_trips = self.round_trips, []
        return taken

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.server)
            for connection in (client, upstream):
                connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                self._sockets += [client, upstream]
            # Whether the server has spoken since the client last sent: the client's next
            # send then starts a new round trip.
            answered = threading.Event()
            answered.set()
            threading.Thread(
                target=self._forward_client, args=(client, upstream, answered), daemon=True
            ).start()
            threading.Thread(
                target=self._forward_server, args=(upstream, client, answered), daemon=True
            ).start()

    def _forward_client(
        self, client: socket.socket, upstream: socket.socket, answered: threading.Event
    ) -> None:
        stream = _ClientStream()
        current: RoundTrip | None = None
        with contextlib.suppress(OSError):
            while data := client.recv(BUFFER_BYTES):
                with self._lock:
                    if answered.is_set() or current is None:
                        answered.clear()
                        current = RoundTrip()
                        self.round_trips.append(current)
                    current.messages += stream.feed(data)
                upstream.sendall(data)
        with contextlib.suppress(OSError):
            upstream.shutdown(socket.SHUT_WR)

    def _forward_server(
        self, upstream: socket.socket, client: socket.socket, answered: threading.Event
    ) -> None:
        with contextlib.suppress(OSError):
            while data := upstream.recv(BUFFER_BYTES):
                # Marked before the client can see the answer and send its next request.
                answered.set()
                client.sendall(data)
        with contextlib.suppress(OSError):
            client.shutdown(socket.SHUT_WR)
