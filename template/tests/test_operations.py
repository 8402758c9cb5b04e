"""Probes, request ids, security headers and problem answers from the framework itself."""

from __future__ import annotations

import uuid

from httpx import AsyncClient

from .helpers import assert_problem


async def test_health_answers_ok(client: AsyncClient) -> None:
    response = await client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_ready_checks_the_database(client: AsyncClient) -> None:
    response = await client.get("/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}


async def test_valid_request_id_is_echoed(client: AsyncClient) -> None:
    response = await client.get("/health", headers={"X-Request-ID": "abc.DEF_123-x"})
    assert response.headers["X-Request-ID"] == "abc.DEF_123-x"


async def test_invalid_request_id_is_replaced_by_a_uuid4(client: AsyncClient) -> None:
    for bad in ("a" * 129, "has space", "semi;colon"):
        response = await client.get("/health", headers={"X-Request-ID": bad})
        assert uuid.UUID(response.headers["X-Request-ID"]).version == 4


async def test_security_headers_on_success_and_error(client: AsyncClient) -> None:
    for path in ("/health", "/does-not-exist"):
        response = await client.get(path)
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"


async def test_unknown_route_is_a_404_problem(client: AsyncClient) -> None:
    assert_problem(await client.get("/no/such/route"), 404)


async def test_wrong_method_is_a_405_problem(client: AsyncClient) -> None:
    response = await client.delete("/health")
    assert_problem(response, 405)
    assert "GET" in response.headers["Allow"]


async def test_cross_origin_requests_get_no_cors_headers_by_default(client: AsyncClient) -> None:
    response = await client.get("/health", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in response.headers
