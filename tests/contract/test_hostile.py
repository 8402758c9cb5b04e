"""CONTRACT.md §9: what a hostile client sends is refused with a problem, never a 500, and
races between clients keep the data exact. Every framework's breadth service (jwt, on
PostgreSQL) is attacked; the basic-auth services too for their credentials."""

from __future__ import annotations

import http.client
import json
import select
import socket
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from .conftest import (
    PROCESS,
    LiveService,
    assert_problem,
    basic_authorization,
    describe,
    forge_jwt,
)

ITEMS = "/api/v1/items"
MAX_BODY_BYTES = 1_048_576
CHUNK = 64 * 1024
ANSWER_TIMEOUT_SECONDS = 10.0
DEEP_JSON = b"[" * 100_000 + b"]" * 100_000
CONCURRENT_DELETES = 20
ATTACK_BYTES = 50 * 2**20
# What the service may grow by while refused bodies of ATTACK_BYTES arrive: allocator
# noise, far below one such body.
MEMORY_GROWTH_ALLOWED = 16 * 2**20
REFRESH_RACE_ROUNDS = 30

attacked = pytest.mark.applies_to(database=("postgresql",), runner=(PROCESS,), auth=("jwt",))


def is_django(service: LiveService) -> bool:
    return service.answers["orm"] == "django"


# ── raw HTTP/1.1, for what an HTTP client library will not send ─────────────────────────


class RawAnswer:
    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status_code = status
        self.headers = headers
        self.body = body

    def problem(self) -> dict[str, Any]:
        assert self.headers.get("content-type", "").startswith("application/problem+json"), (
            self.status_code,
            self.headers,
            self.body[:500],
        )
        problem = json.loads(self.body)
        assert problem["status"] == self.status_code, problem
        return problem


def raw_request(
    service: LiveService,
    method: str,
    path: str,
    headers: dict[str, str],
    body_parts: Iterable[bytes] = (),
) -> RawAnswer:
    """Sends the head, then each part of the body until the server answers (a server may
    refuse a body before it has all of it), and reads the answer."""
    head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in headers.items()) + "\r\n"
    with socket.create_connection(("127.0.0.1", service.port), timeout=30) as connection:
        connection.sendall(head.encode("latin-1"))
        for part in body_parts:
            if select.select([connection], [], [], 0)[0]:
                break
            try:
                connection.sendall(part)
            except (BrokenPipeError, ConnectionResetError):
                break
        readable, _, _ = select.select([connection], [], [], ANSWER_TIMEOUT_SECONDS)
        assert readable, f"no answer within {ANSWER_TIMEOUT_SECONDS} s to {method} {path}"
        answer = http.client.HTTPResponse(connection, method=method)
        answer.begin()
        body = answer.read()
        return RawAnswer(answer.status, {k.lower(): v for k, v in answer.getheaders()}, body)


def chunked(parts: Iterable[bytes]) -> Iterable[bytes]:
    for part in parts:
        yield f"{len(part):x}\r\n".encode() + part + b"\r\n"
    yield b"0\r\n\r\n"


def json_headers(service: LiveService, **extra: str) -> dict[str, str]:
    return {**service.admin_headers(), "Content-Type": "application/json", **extra}


def assert_no_error_logged(service: LiveService, logged_before: int) -> None:
    lines = service.logs()[logged_before:]
    assert not [line for line in lines if "Traceback" in line or "RecursionError" in line], lines


# ── the request body ────────────────────────────────────────────────────────────────────


@attacked
def test_a_declared_body_over_the_limit_is_refused_before_it_is_sent(
    live_service: LiveService,
) -> None:
    headers = json_headers(live_service, **{"Content-Length": str(MAX_BODY_BYTES + 1)})
    answer = raw_request(live_service, "POST", ITEMS, headers)
    assert answer.status_code == 413, answer.body
    answer.problem()


@attacked
def test_a_body_at_the_limit_is_read_and_judged(live_service: LiveService) -> None:
    start = b'{"name": "Lamp", "price": 1.5, "description": "'
    body = start + b"x" * (MAX_BODY_BYTES - len(start) - 2) + b'"}'
    assert len(body) == MAX_BODY_BYTES
    with live_service.client(json_headers(live_service)) as client:
        response = client.post(ITEMS, content=body)
    # Read, then refused for its description (at most 1,000 characters), not for its size.
    assert_problem(response, 422)


@attacked
def test_a_chunked_body_over_the_limit_is_refused(live_service: LiveService) -> None:
    headers = json_headers(live_service, **{"Transfer-Encoding": "chunked"})
    parts = chunked([b" " * CHUNK] * (MAX_BODY_BYTES // CHUNK + 4))
    answer = raw_request(live_service, "POST", ITEMS, headers, parts)
    # Django reads a body only as far as a Content-Length says, so it asks for one.
    assert answer.status_code == (411 if is_django(live_service) else 413), answer.body
    answer.problem()


@attacked
def test_a_small_chunked_body_is_served(live_service: LiveService) -> None:
    headers = json_headers(live_service, **{"Transfer-Encoding": "chunked"})
    parts = chunked([b'{"name": "Chunked", ', b'"price": 2.5}'])
    answer = raw_request(live_service, "POST", ITEMS, headers, parts)
    if is_django(live_service):
        assert answer.status_code == 411, answer.body
        answer.problem()
    else:
        assert answer.status_code == 201, answer.body
        assert json.loads(answer.body)["name"] == "Chunked"


@attacked
def test_memory_does_not_grow_with_what_clients_send(live_service: LiveService) -> None:
    assert live_service.running is not None

    def send_oversized_bodies() -> None:
        parts = [b" " * CHUNK] * (ATTACK_BYTES // CHUNK)
        declared = json_headers(live_service, **{"Content-Length": str(ATTACK_BYTES)})
        raw_request(live_service, "POST", ITEMS, declared, parts)
        streamed = json_headers(live_service, **{"Transfer-Encoding": "chunked"})
        raw_request(live_service, "POST", ITEMS, streamed, chunked(parts))

    send_oversized_bodies()
    before = live_service.running.resident_bytes()
    for _ in range(5):
        send_oversized_bodies()
    growth = live_service.running.resident_bytes() - before
    assert growth < MEMORY_GROWTH_ALLOWED, f"grew by {growth / 2**20:.1f} MiB"


@attacked
def test_deeply_nested_json_is_a_400_and_no_error(live_service: LiveService) -> None:
    logged_before = len(live_service.logs())
    with live_service.client(json_headers(live_service)) as client:
        for path in (ITEMS, "/api/v1/auth/refresh", "/api/v1/users"):
            assert_problem(client.post(path, content=DEEP_JSON), 400, 422)
    assert_no_error_logged(live_service, logged_before)


@attacked
@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_json_sent_as_another_media_type_is_a_415(
    live_service: LiveService, content_type: str | None
) -> None:
    headers = live_service.admin_headers() | (
        {"Content-Type": content_type} if content_type else {}
    )
    with live_service.client(headers) as client:
        response = client.post(ITEMS, content=b'{"name": "Lamp", "price": 1.5}')
    assert_problem(response, 415)


# ── input the database cannot store ─────────────────────────────────────────────────────


@attacked
def test_nul_characters_are_refused_in_every_field(live_service: LiveService) -> None:
    logged_before = len(live_service.logs())
    with live_service.client() as anonymous:
        for username, password in (("ad\x00min", "password"), ("admin", "pass\x00word")):
            sign_in = anonymous.post(
                "/api/v1/auth/token", data={"username": username, "password": password}
            )
            assert_problem(sign_in, 401, 422)
    with live_service.admin_client() as admin:
        for response in (
            admin.post(ITEMS, json={"name": "La\x00mp", "price": 1.5}),
            admin.post(ITEMS, json={"name": "Lamp", "price": 1.5, "description": "\x00"}),
            admin.post("/api/v1/users", json={"username": "n\x00l", "password": "x" * 12}),
            admin.get(ITEMS, params={"limit": "1\x00"}),
            admin.get(f"{ITEMS}/1%00"),
        ):
            assert_problem(response, 404, 422)
        refresh = admin.post("/api/v1/auth/refresh", json={"refresh_token": "a\x00b"})
        assert_problem(refresh, 401, 422)
    assert_no_error_logged(live_service, logged_before)


@pytest.mark.applies_to(database=("postgresql",), runner=(PROCESS,), auth=("basic",))
def test_nul_characters_in_basic_credentials_are_a_401(live_service: LiveService) -> None:
    for username, password in (("ad\x00min", "password"), ("admin", "pass\x00word")):
        headers = {"Authorization": basic_authorization(username, password)}
        with live_service.client(headers) as client:
            assert_problem(client.get(ITEMS), 401)


@attacked
def test_integers_out_of_every_range_are_4xx(live_service: LiveService) -> None:
    huge = 2**70
    with live_service.admin_client() as admin:
        for response in (
            admin.get(f"{ITEMS}/{huge}"),
            admin.get(f"{ITEMS}/{-huge}"),
            admin.patch(f"{ITEMS}/{huge}", json={"name": "x"}),
            admin.delete(f"{ITEMS}/{huge}"),
            admin.get(ITEMS, params={"limit": huge}),
            admin.get(ITEMS, params={"offset": huge}),
            admin.post(ITEMS, json={"name": "Lamp", "price": huge}),
            admin.get("/api/v1/items/%D9%A1"),
        ):
            assert_problem(response, 404, 422)


@attacked
def test_a_signed_token_whose_subject_is_out_of_range_is_a_401(live_service: LiveService) -> None:
    now = int(time.time())
    for subject in (str(2**70), str(-(2**70)), "1e3", "\x00"):
        claims = {"sub": subject, "iat": now, "exp": now + 60, "jti": "x", "type": "access"}
        token = forge_jwt(claims, live_service.secret_key)
        with live_service.client({"Authorization": f"Bearer {token}"}) as client:
            assert_problem(client.get(ITEMS), 401)


# ── races ───────────────────────────────────────────────────────────────────────────────


def all_at_once(
    service: LiveService,
    headers: dict[str, str],
    count: int,
    call: Callable[[httpx.Client], httpx.Response],
) -> list[httpx.Response]:
    """`count` clients, each on its own connection, released together."""
    clients = [service.client(headers) for _ in range(count)]
    start = threading.Barrier(count)

    def one(client: httpx.Client) -> httpx.Response:
        with client:
            start.wait()
            return call(client)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(one, clients))


@attacked
def test_of_concurrent_deletes_of_one_item_exactly_one_succeeds(live_service: LiveService) -> None:
    headers = live_service.admin_headers()
    with live_service.client(headers) as client:
        created = client.post(ITEMS, json={"name": "Contested", "price": 1.5})
    assert created.status_code == 201, describe(created)
    path = f"{ITEMS}/{created.json()['id']}"
    responses = all_at_once(live_service, headers, CONCURRENT_DELETES, lambda c: c.delete(path))
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [204] + [404] * (CONCURRENT_DELETES - 1), statuses
    for response in responses:
        if response.status_code == 404:
            assert_problem(response, 404)


@attacked
def test_a_refresh_token_replayed_against_its_owner_revokes_the_whole_family(
    live_service: LiveService,
) -> None:
    survivors = []
    for _ in range(REFRESH_RACE_ROUNDS):
        stolen = live_service.login(live_service.admin_username, live_service.admin_password)
        body = {"refresh_token": stolen["refresh_token"]}
        responses = all_at_once(
            live_service, {}, 2, lambda c, body=body: c.post("/api/v1/auth/refresh", json=body)
        )
        statuses = sorted(response.status_code for response in responses)
        assert statuses == [200, 401], [describe(response) for response in responses]
        winner = next(response for response in responses if response.status_code == 200)
        with live_service.client() as client:
            again = client.post(
                "/api/v1/auth/refresh", json={"refresh_token": winner.json()["refresh_token"]}
            )
        if again.status_code != 401:
            survivors.append(again.status_code)
    assert not survivors, f"{len(survivors)} of {REFRESH_RACE_ROUNDS} new tokens survived"
