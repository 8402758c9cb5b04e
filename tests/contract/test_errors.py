"""CONTRACT.md §2: every error is an RFC 9457 problem, from the routes and the framework."""

from __future__ import annotations

import pytest

from .conftest import LiveService, assert_problem, assert_validation_problem, describe


@pytest.mark.parametrize("path", ["/no-such-route", "/api/v1/no-such-route", "/api/v2/items"])
def test_unknown_route_is_a_404_problem(live_service: LiveService, path: str) -> None:
    with live_service.admin_client() as client:
        assert_problem(client.get(path), 404)


@pytest.mark.parametrize(
    ("method", "path"),
    [("DELETE", "/health"), ("POST", "/ready"), ("PUT", "/api/v1/items")],
)
def test_wrong_method_is_a_405_problem(live_service: LiveService, method: str, path: str) -> None:
    with live_service.admin_client() as client:
        assert_problem(client.request(method, path), 405)


@pytest.mark.parametrize("body", [b'{"name": "x", "price": ', b"not json", b"{'name': 'x'}"])
def test_malformed_json_is_a_400_or_422_problem(live_service: LiveService, body: bytes) -> None:
    with live_service.admin_client() as client:
        response = client.post(
            "/api/v1/items", content=body, headers={"Content-Type": "application/json"}
        )
    assert_problem(response, 400, 422)


def test_body_that_is_not_json_is_a_problem(live_service: LiveService) -> None:
    with live_service.admin_client() as client:
        response = client.post("/api/v1/items", data={"name": "x", "price": "1"})
    assert_problem(response, 400, 415, 422)


def test_validation_problem_names_each_offending_field(live_service: LiveService) -> None:
    with live_service.admin_client() as client:
        response = client.post("/api/v1/items", json={"name": "", "price": -5})
    problem = assert_validation_problem(response, "name")
    assert_validation_problem(response, "price")
    assert len(problem["errors"]) >= 2, describe(response)


@pytest.mark.parametrize("item_id", ["abc", "1.5", "1e3", "-", "%20"])
@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
def test_non_integer_id_is_a_404_or_422_problem(
    live_service: LiveService, method: str, item_id: str
) -> None:
    with live_service.admin_client() as client:
        body = {"name": "renamed"} if method == "PATCH" else None
        response = client.request(method, f"/api/v1/items/{item_id}", json=body)
    assert_problem(response, 404, 422)
