"""CONTRACT.md §3: request ids, the access log, secrets kept out of logs, security headers,
and CORS with no origins configured."""

from __future__ import annotations

import re
import secrets
import uuid
from typing import Any

import httpx
import pytest

from .conftest import (
    LiveService,
    basic_authorization,
    describe,
    is_uuid4,
    json_log_lines,
    parse_timestamp,
)

ACCESS_LOG_FIELDS = ("timestamp", "level", "request_id", "method", "path", "status", "duration_ms")
# A recipe line make prints before running it: the server command under uv.
MAKE_ECHO = re.compile(r"^\S*\buv run [a-z0-9-]+$")


@pytest.mark.parametrize(
    "request_id",
    ["abc", "A" * 128, "req-1.2_3", "x", str(uuid.uuid4())],
    ids=["short", "128-chars", "all-allowed-punctuation", "one-char", "uuid"],
)
def test_valid_request_id_is_echoed(live_service: LiveService, request_id: str) -> None:
    with live_service.client() as client:
        response = client.get("/health", headers={"X-Request-ID": request_id})
    assert response.headers.get("x-request-id") == request_id, describe(response)


@pytest.mark.parametrize(
    "request_id",
    ["A" * 129, "has space", "semi;colon", "slash/path", "quote'", "", "tab\there"],
    ids=["129-chars", "space", "semicolon", "slash", "quote", "empty", "tab"],
)
def test_invalid_request_id_is_replaced_by_a_uuid4(
    live_service: LiveService, request_id: str
) -> None:

    with live_service.client() as client:
        response = client.get("/health", headers={"X-Request-ID": request_id})
    assert is_uuid4(response.headers.get("x-request-id")), describe(response)


def test_every_response_has_a_request_id(live_service: LiveService) -> None:
    with live_service.client() as client:
        responses = [client.get("/health"), client.get("/no-such-route"), client.get("/ready")]
    for response in responses:
        assert is_uuid4(response.headers.get("x-request-id")), describe(response)
    assert len({response.headers["x-request-id"] for response in responses}) == 3


def _access_log_records(live_service: LiveService, request_id: str) -> list[dict[str, Any]]:
    live_service.running.wait_for_log(lambda line: request_id in line)
    mentioning = [line for line in live_service.logs() if request_id in line]
    not_json = [line for line in mentioning if not json_log_lines([line])]
    assert not not_json, f"log lines about request {request_id} that are not JSON: {not_json}"
    return [
        record
        for record in json_log_lines(mentioning)
        if record.get("request_id") == request_id and "status" in record and "method" in record
    ]


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("GET", "/health", 200), ("GET", "/no-such-route", 404), ("POST", "/api/v1/items", 201)],
)
def test_each_request_writes_exactly_one_json_access_log_line(
    live_service: LiveService, method: str, path: str, status: int
) -> None:
    request_id = f"access-log-{secrets.token_hex(8)}"
    body = {"name": "logged", "price": 1} if method == "POST" else None
    with live_service.admin_client() as client:
        response = client.request(method, path, json=body, headers={"X-Request-ID": request_id})
    assert response.status_code == status, describe(response)
    records = _access_log_records(live_service, request_id)
    assert len(records) == 1, f"expected one access-log line for {request_id}, got {records}"
    record = records[0]
    for name in ACCESS_LOG_FIELDS:
        assert name in record, f"access log lacks {name!r}: {record}"
    assert isinstance(record.get("event") or record.get("message"), str), record
    parse_timestamp(record["timestamp"])
    assert isinstance(record["level"], str) and record["level"], record
    assert record["method"] == method, record
    assert record["path"].split("?")[0] == path, record
    assert record["status"] == status, record
    assert isinstance(record["duration_ms"], int | float), record
    assert record["duration_ms"] >= 0, record


def test_log_lines_written_while_serving_are_json(live_service: LiveService) -> None:
    with live_service.admin_client() as client:
        client.get("/health")
        client.get("/api/v1/items")
        client.get("/no-such-route")
    lines = live_service.running.logs()
    first_json = next((index for index, line in enumerate(lines) if json_log_lines([line])), None)
    assert first_json is not None, f"no JSON line in the service's log: {lines[-10:]}"
    # Before the first JSON line come make's echo of the command and uv; after it, every
    # line is the service's own, but for make's echo of the server command where the
    # migration step already wrote JSON lines (Django's settings configure logging).
    not_json = [
        line
        for line in lines[first_json:]
        if line.strip() and not json_log_lines([line]) and not MAKE_ECHO.match(line)
    ]
    assert not not_json, f"non-JSON lines in the service's log: {not_json[:10]}"


def _secret_bearing_requests(live_service: LiveService) -> list[str]:
    """Send requests that carry secrets, valid and not; return every secret sent."""
    wrong_password = f"wrong-{secrets.token_urlsafe(12)}"
    random_key = f"key-{secrets.token_urlsafe(16)}"
    random_bearer = f"bearer-{secrets.token_urlsafe(16)}"
    new_password = f"pw-{secrets.token_urlsafe(12)}"
    sent = [
        live_service.admin_password,
        *live_service.api_keys,
        live_service.secret_key,
        wrong_password,
        random_key,
        random_bearer,
        new_password,
    ]
    requests_to_send: list[tuple[str, str, dict[str, str], dict[str, Any]]] = [
        ("GET", "/api/v1/items", {"Authorization": f"Bearer {random_bearer}"}, {}),
        ("GET", "/api/v1/items", {"X-API-Key": random_key}, {}),
        ("GET", "/api/v1/items", {"X-API-Key": live_service.api_keys[1]}, {}),
        (
            "GET",
            "/api/v1/items",
            {"Authorization": basic_authorization(live_service.admin_username, wrong_password)},
            {},
        ),
        ("GET", "/api/v1/items", live_service.admin_headers(), {}),
        (
            "POST",
            "/api/v1/users",
            live_service.admin_headers(),
            {"json": {"username": "x", "password": new_password}},
        ),
        (
            "POST",
            "/api/v1/users",
            live_service.admin_headers(),
            {"json": {"username": f"u_{secrets.token_hex(4)}", "password": new_password}},
        ),
        (
            "POST",
            "/api/v1/auth/token",
            {},
            {"data": {"username": live_service.admin_username, "password": wrong_password}},
        ),
    ]
    authorization = live_service.admin_headers().get("Authorization")
    if authorization:
        sent.append(authorization.split(" ", 1)[1])
    if live_service.auth == "basic":
        sent.append(basic_authorization(live_service.admin_username, wrong_password).split()[1])
    if live_service.auth == "jwt":
        tokens = live_service.login(live_service.admin_username, live_service.admin_password)
        sent += [tokens["access_token"], tokens["refresh_token"]]
        refresh_body = {"json": {"refresh_token": tokens["refresh_token"]}}
        # The second use is a reuse, which takes the service down its revocation path.
        requests_to_send += [("POST", "/api/v1/auth/refresh", {}, refresh_body)] * 2
    with live_service.client() as client:
        for method, path, headers, body in requests_to_send:
            response = client.request(method, path, headers=headers, **body)
            if response.status_code == 200 and "access_token" in response.text:
                issued = response.json()
                sent += [issued["access_token"], issued["refresh_token"]]
        # A marker request after the others: once its line is out, theirs are too.
        marker = f"secrets-done-{secrets.token_hex(6)}"
        client.get("/health", headers={"X-Request-ID": marker})
    live_service.running.wait_for_log(lambda line: marker in line)
    return sent


def test_no_secret_ever_reaches_the_log(live_service: LiveService) -> None:
    sent = _secret_bearing_requests(live_service)
    logs = live_service.logs()
    for secret in sent:
        leaking = [line for line in logs if secret in line]
        assert not leaking, f"a secret ({secret[:4]}…) appears in the log: {leaking[:3]}"


def _frame_protected(response: httpx.Response) -> bool:
    if response.headers.get("x-frame-options", "").upper() == "DENY":
        return True
    policy = response.headers.get("content-security-policy", "")
    return "frame-ancestors 'none'" in policy


def test_security_headers_on_every_response(live_service: LiveService) -> None:
    credentials = live_service.admin_headers()
    with live_service.client() as client:
        responses = [
            client.get("/health"),
            client.get("/ready"),
            client.get("/no-such-route"),
            client.delete("/health"),
            client.get("/docs"),
            client.get("/openapi.json"),
            client.get("/metrics"),
            client.get("/api/v1/items", headers=credentials),
            client.post("/api/v1/items", json={"name": ""}, headers=credentials),
            client.get("/api/v1/items", headers={"X-API-Key": "nope"}),
            client.get("/api/v1/items", headers={"Authorization": "Bearer nope"}),
        ]
        created = client.post("/api/v1/items", json={"name": "h", "price": 1}, headers=credentials)
        assert created.status_code == 201, describe(created)
        deleted = client.delete(created.headers["location"], headers=credentials)
        responses += [created, deleted]
    for response in responses:
        assert response.headers.get("x-content-type-options") == "nosniff", describe(response)
        assert _frame_protected(response), describe(response)


def test_no_cors_headers_without_configured_origins(live_service: LiveService) -> None:
    origin = "https://elsewhere.example"
    with live_service.client() as client:
        simple = client.get(
            "/api/v1/items", headers={"Origin": origin, **live_service.admin_headers()}
        )
        preflight = client.options(
            "/api/v1/items",
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
        )
    for response in (simple, preflight):
        assert "access-control-allow-origin" not in response.headers, describe(response)
        assert "access-control-allow-credentials" not in response.headers, describe(response)
