"""CONTRACT.md §9: slow clients are cut off after CLIENT_TIMEOUT_SECONDS and cannot stop a
worker from answering others; oversized request heads are refused."""

from __future__ import annotations

import asyncio
import json
import socket
import statistics
import time
from collections.abc import Iterator

import pytest

from extensions.catalog import FRAMEWORKS
from tests.support.service import RunningService, free_port

from .conftest import LiveService

# Shorter than the contract's default of 10 s, to keep the test fast, and long enough for
# some 400 /health samples while every slow client is connected: a p99 of fewer samples is
# their maximum, and one pause of a loaded machine would decide it.
CLIENT_TIMEOUT_SECONDS = 4.0
# Past the timeout: the server's timer, the event loop and a loaded machine take a moment.
CUT_OFF_MARGIN_SECONDS = 3.0
# Before it: an event loop's timers are as coarse as a millisecond and read a clock cached
# at the start of the loop's turn.
EARLY_MARGIN_SECONDS = 0.1
SLOW_CLIENTS = 500
# Each slow client trickles its head one byte per interval, so it is never idle for long.
TRICKLE_INTERVAL_SECONDS = 0.5
HEALTH_P99_LIMIT_MS = 100.0
HEALTH_PAUSE_SECONDS = 0.005
HEALTH_TIMEOUT_SECONDS = 5.0
SLOW_HEAD = b"GET /api/v1/items HTTP/1.1\r\nHost: localhost\r\n"
# A whole head and 12 of the 1,000 body bytes it declares, then nothing: a server that hands
# the body to the app as it arrives would have a worker thread wait on each of these.
STALLED_BODY = (
    b"POST /api/v1/items HTTP/1.1\r\nHost: localhost\r\n"
    b"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
    b'{"name": "x"'
)
HEALTH_REQUEST = b"GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"
# The servers that honour CLIENT_TIMEOUT_SECONDS and the head limits: uvicorn, through the
# service's own protocol class (http_protocol.py), for the ASGI and the WSGI frameworks.
CLIENT_TIMEOUT_FRAMEWORKS = tuple(
    key for key, framework in FRAMEWORKS.items() if framework.server == "uvicorn"
)

pytestmark = pytest.mark.applies_to(
    framework=CLIENT_TIMEOUT_FRAMEWORKS, database=("postgresql",), runner=("process",)
)


@pytest.fixture(scope="module")
def impatient_service(live_service: LiveService) -> Iterator[RunningService]:
    """A second server on the live service's database, with a short client timeout."""
    settings = {**live_service.settings, "CLIENT_TIMEOUT_SECONDS": str(CLIENT_TIMEOUT_SECONDS)}
    service = RunningService(live_service.project, settings, free_port()).start()
    try:
        yield service
    finally:
        service.stop()


async def _slow_client(port: int, ends: list[tuple[float, bytes]], request: bytes) -> None:
    """Sends the start of a request, then trickles a head byte at a time (SLOW_HEAD) or
    nothing more (STALLED_BODY) until the server closes the connection; records how long
    that took and what, if anything, the server answered."""
    started = time.monotonic()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    answer = asyncio.ensure_future(reader.read(1024))
    try:
        writer.write(request)
        while not answer.done():
            await asyncio.wait({answer}, timeout=TRICKLE_INTERVAL_SECONDS)
            if not answer.done() and request is SLOW_HEAD:
                writer.write(b"X")
        ends.append((time.monotonic() - started, answer.result()))
    except OSError:
        ends.append((time.monotonic() - started, b""))
    finally:
        answer.cancel()
        writer.close()


async def _read_body(reader: asyncio.StreamReader, head: bytes) -> None:
    """Reads the body of an answer, sent with a Content-Length or chunked."""
    for line in head.lower().split(b"\r\n"):
        if line.startswith(b"content-length:"):
            await reader.readexactly(int(line.split(b":")[1]))
            return
    await reader.readuntil(b"\r\n0\r\n\r\n")


async def _health_latencies(port: int, until: float) -> list[float]:
    """Milliseconds each /health took on one kept-alive connection, one after another."""
    latencies = []
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.monotonic() < until:
            started = time.monotonic()
            writer.write(HEALTH_REQUEST)
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), HEALTH_TIMEOUT_SECONDS)
            assert head.startswith(b"HTTP/1.1 200"), head
            await asyncio.wait_for(_read_body(reader, head), HEALTH_TIMEOUT_SECONDS)
            latencies.append((time.monotonic() - started) * 1000)
            await asyncio.sleep(HEALTH_PAUSE_SECONDS)
    finally:
        writer.close()
    return latencies


async def _crowd(port: int, request: bytes) -> tuple[list[tuple[float, bytes]], list[float]]:
    ends: list[tuple[float, bytes]] = []
    clients = [asyncio.create_task(_slow_client(port, ends, request)) for _ in range(SLOW_CLIENTS)]
    # Measured while every slow client is connected and before any may be cut off.
    await asyncio.sleep(TRICKLE_INTERVAL_SECONDS)
    try:
        until = time.monotonic() + CLIENT_TIMEOUT_SECONDS - 2 * TRICKLE_INTERVAL_SECONDS
        latencies = await _health_latencies(port, until)
        await asyncio.wait(clients, timeout=CLIENT_TIMEOUT_SECONDS + CUT_OFF_MARGIN_SECONDS)
    finally:
        for client in clients:
            client.cancel()
    return ends, latencies


@pytest.mark.parametrize(
    "request_start",
    [pytest.param(SLOW_HEAD, id="trickled-head"), pytest.param(STALLED_BODY, id="stalled-body")],
)
def test_slow_clients_are_cut_off_while_others_are_answered(
    impatient_service: RunningService, request_start: bytes
) -> None:
    ends, latencies = asyncio.run(_crowd(impatient_service.port, request_start))
    p99 = statistics.quantiles(latencies, n=100)[98]
    assert p99 < HEALTH_P99_LIMIT_MS, f"/health p99 {p99:.1f} ms under {SLOW_CLIENTS} slow clients"
    still_open = SLOW_CLIENTS - len(ends)
    assert not still_open, (
        f"{still_open} slow clients still connected"
        f" {CLIENT_TIMEOUT_SECONDS + CUT_OFF_MARGIN_SECONDS} s after they connected"
    )
    early = [
        seconds for seconds, _ in ends if seconds < CLIENT_TIMEOUT_SECONDS - EARLY_MARGIN_SECONDS
    ]
    assert not early, (
        f"{len(early)} slow clients cut off before CLIENT_TIMEOUT_SECONDS: {early[:5]}"
    )
    answers = {answer.split(b"\r\n")[0] for _, answer in ends if answer}
    assert answers <= {b"HTTP/1.1 408 Request Timeout"}, answers


def _head_answer(port: int, request: bytes) -> tuple[bytes, bytes]:
    """The status line and the rest of what the server answers before it closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request)
        answer = connection.makefile("rb").read()
    status_line, _, rest = answer.partition(b"\r\n")
    return status_line, rest


def _headers(count: int, value_bytes: int) -> bytes:
    return b"".join(
        b"X-Filler-%d: %s\r\n" % (number, b"v" * value_bytes) for number in range(count)
    )


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        pytest.param(
            b"GET /health?q=" + b"a" * 8200 + b" HTTP/1.1\r\nHost: localhost\r\n\r\n",
            414,
            id="request-line-over-8-KiB",
        ),
        pytest.param(
            b"GET /health HTTP/1.1\r\nHost: localhost\r\n" + _headers(17, 1000) + b"\r\n",
            431,
            id="headers-over-16-KiB",
        ),
        pytest.param(
            b"GET /health HTTP/1.1\r\nHost: localhost\r\n" + _headers(100, 1) + b"\r\n",
            431,
            id="over-100-fields",
        ),
    ],
)
def test_oversized_request_heads_are_refused(
    live_service: LiveService, request_bytes: bytes, status: int
) -> None:
    status_line, rest = _head_answer(live_service.port, request_bytes)
    assert status_line.split(b" ")[1] == str(status).encode(), status_line
    head, _, body = rest.partition(b"\r\n\r\n")
    assert b"content-type: application/problem+json" in head.lower(), head
    assert json.loads(body)["status"] == status
