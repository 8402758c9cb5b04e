"""CONTRACT.md §3, CORS with an origin configured: one more service, started with
``CORS_ORIGINS``, since the contract suite's services run without it."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.support.service import free_port

from .conftest import (
    LIVE_COMBINATIONS,
    LiveService,
    ProjectBuilds,
    assert_problem,
    contract_settings,
    describe,
)

ALLOWED_ORIGIN = "https://app.example"
OTHER_ORIGIN = "https://other.example"
# A mode with credentials in a header, so the preflight must allow a non-simple header.
COMBINATION = next(
    index for index, answers in enumerate(LIVE_COMBINATIONS) if answers["auth"] == "jwt"
)


@pytest.fixture(scope="module")
def cors_service(
    project_builds: ProjectBuilds, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveService]:
    database = tmp_path_factory.mktemp("cors") / "app.db"
    settings = {**contract_settings(f"sqlite:///{database}"), "CORS_ORIGINS": ALLOWED_ORIGIN}
    service = LiveService(
        answers=LIVE_COMBINATIONS[COMBINATION],
        database="sqlite",
        project=project_builds.get(LIVE_COMBINATIONS[COMBINATION]),
        settings=settings,
        port=free_port(),
        postgres=None,
    ).start()
    try:
        yield service
    finally:
        service.stop()


def _preflight(service: LiveService, origin: str, method: str = "POST") -> httpx.Response:
    with service.client() as client:
        return client.options(
            "/api/v1/items",
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": method,
                "Access-Control-Request-Headers": "authorization, content-type",
            },
        )


def test_preflight_from_a_listed_origin_succeeds(cors_service: LiveService) -> None:
    response = _preflight(cors_service, ALLOWED_ORIGIN)
    assert 200 <= response.status_code < 300, describe(response)
    assert response.headers.get("access-control-allow-origin") == ALLOWED_ORIGIN, describe(response)
    allowed_methods = response.headers.get("access-control-allow-methods", "").upper()
    assert "POST" in allowed_methods or allowed_methods == "*", describe(response)
    allowed_headers = response.headers.get("access-control-allow-headers", "").lower()
    assert allowed_headers == "*" or "authorization" in allowed_headers, describe(response)


def test_requests_from_a_listed_origin_get_it_echoed(cors_service: LiveService) -> None:
    with cors_service.admin_client() as client:
        response = client.get("/api/v1/items", headers={"Origin": ALLOWED_ORIGIN})
    assert response.status_code == 200, describe(response)
    assert response.headers.get("access-control-allow-origin") == ALLOWED_ORIGIN, describe(response)


def test_other_origins_get_no_cors_headers(cors_service: LiveService) -> None:
    with cors_service.admin_client() as client:
        simple = client.get("/api/v1/items", headers={"Origin": OTHER_ORIGIN})
    preflight = _preflight(cors_service, OTHER_ORIGIN)
    for response in (simple, preflight):
        assert "access-control-allow-origin" not in response.headers, describe(response)
    if preflight.status_code >= 400:
        assert_problem(preflight, preflight.status_code)


def test_the_listed_origin_is_not_a_prefix_match(cors_service: LiveService) -> None:
    response = _preflight(cors_service, ALLOWED_ORIGIN + ".evil.example")
    assert "access-control-allow-origin" not in response.headers, describe(response)
