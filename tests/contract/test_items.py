"""CONTRACT.md §5: the items resource — shape, pagination, validation, ownership and
concurrent writes."""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx
import pytest

from .conftest import (
    LiveService,
    assert_problem,
    assert_validation_problem,
    describe,
    field_names,
    parse_timestamp,
)

ITEMS = "/api/v1/items"
ITEM_FIELDS = {"id", "name", "description", "price", "owner_id", "created_at", "updated_at"}
ABSENT_ID = 2_147_483_000


def _create(client: httpx.Client, **fields: Any) -> dict[str, Any]:
    response = client.post(ITEMS, json={"name": "widget", "price": 9.99, **fields})
    assert response.status_code == 201, describe(response)
    return response.json()


def _total(client: httpx.Client) -> int:
    response = client.get(ITEMS, params={"limit": 1})
    assert response.status_code == 200, describe(response)
    return response.json()["total"]


def _expected_owner(live_service: LiveService, client: httpx.Client) -> int | None:
    if not live_service.has_users:
        return None
    me = client.get("/api/v1/users/me")
    assert me.status_code == 200, describe(me)
    return me.json()["id"]


def assert_item(item: Any) -> dict[str, Any]:
    assert isinstance(item, dict), item
    assert set(item) == ITEM_FIELDS, f"item fields {sorted(item)} != {sorted(ITEM_FIELDS)}"
    assert type(item["id"]) is int, item
    assert isinstance(item["name"], str), item
    assert item["description"] is None or isinstance(item["description"], str), item
    assert type(item["price"]) in (int, float), item
    assert item["owner_id"] is None or type(item["owner_id"]) is int, item
    assert parse_timestamp(item["created_at"]) <= parse_timestamp(item["updated_at"]), item
    return item


# ── create, read, update, delete ─────────────────────────────────────────────────────────


def test_create_answers_201_with_the_item_and_its_location(live_service: LiveService) -> None:
    with live_service.admin_client() as client:
        response = client.post(
            ITEMS, json={"name": "Lamp", "description": "A desk lamp", "price": 19.99}
        )
        assert response.status_code == 201, describe(response)
        item = assert_item(response.json())
        assert item["name"] == "Lamp"
        assert item["description"] == "A desk lamp"
        assert item["price"] == 19.99
        assert item["owner_id"] == _expected_owner(live_service, client)
        assert item["created_at"] == item["updated_at"] or parse_timestamp(
            item["updated_at"]
        ) >= parse_timestamp(item["created_at"])
        location = urljoin(f"{live_service.base_url}{ITEMS}", response.headers["location"])
        assert urlsplit(location).path == f"{ITEMS}/{item['id']}", response.headers["location"]
        fetched = client.get(location)
    assert fetched.status_code == 200, describe(fetched)
    assert fetched.json() == item


def test_description_is_optional_and_nullable(live_service: LiveService) -> None:
    with live_service.admin_client() as client:
        assert _create(client)["description"] is None
        assert _create(client, description=None)["description"] is None


def test_get_patch_delete_answer_404_for_an_absent_item(live_service: LiveService) -> None:
    with live_service.admin_client() as client:
        assert_problem(client.get(f"{ITEMS}/{ABSENT_ID}"), 404)
        assert_problem(client.patch(f"{ITEMS}/{ABSENT_ID}", json={"name": "x"}), 404)
        assert_problem(client.delete(f"{ITEMS}/{ABSENT_ID}"), 404)
        # Past a 32-bit column, at the top of a 64-bit one and beyond it: still the client's
        # problem, never a 500 from the database driver.
        for extreme in (0, -1, 2**31, 2**63 - 1, 2**63, 2**64):
            assert_problem(client.get(f"{ITEMS}/{extreme}"), 404, 422)
            assert_problem(client.patch(f"{ITEMS}/{extreme}", json={"name": "x"}), 404, 422)
            assert_problem(client.delete(f"{ITEMS}/{extreme}"), 404, 422)


def test_patch_changes_only_the_given_fields_and_moves_updated_at(
    live_service: LiveService,
) -> None:
    with live_service.admin_client() as client:
        original = _create(client, name="before", description="kept", price=5)
        # A second separates the two writes even where timestamps have second precision.
        time.sleep(1.05)
        response = client.patch(f"{ITEMS}/{original['id']}", json={"name": "after"})
        assert response.status_code == 200, describe(response)
        patched = assert_item(response.json())
        assert patched["name"] == "after"
        assert patched["description"] == "kept"
        assert patched["price"] == 5
        assert patched["owner_id"] == original["owner_id"]
        assert patched["created_at"] == original["created_at"]
        assert parse_timestamp(patched["updated_at"]) > parse_timestamp(original["updated_at"])
        refetched = client.get(f"{ITEMS}/{original['id']}")
        assert refetched.json() == patched

        cleared = client.patch(f"{ITEMS}/{original['id']}", json={"description": None})
        assert cleared.status_code == 200, describe(cleared)
        assert cleared.json()["description"] is None
        assert cleared.json()["name"] == "after"


def test_delete_answers_204_with_no_body_and_the_item_is_gone(live_service: LiveService) -> None:
    with live_service.admin_client() as client:
        item = _create(client)
        deleted = client.delete(f"{ITEMS}/{item['id']}")
        assert deleted.status_code == 204, describe(deleted)
        assert deleted.content == b""
        # No content, so nothing to describe (RFC 9110 §15.3.5).
        assert "content-type" not in deleted.headers, describe(deleted)
        assert_problem(client.get(f"{ITEMS}/{item['id']}"), 404)
        assert_problem(client.delete(f"{ITEMS}/{item['id']}"), 404)


# ── listing ──────────────────────────────────────────────────────────────────────────────


def test_list_shape_and_defaults(live_service: LiveService) -> None:
    with live_service.admin_client() as client:
        _create(client)
        response = client.get(ITEMS)
    assert response.status_code == 200, describe(response)
    page = response.json()
    assert set(page) == {"items", "total", "limit", "offset"}, page.keys()
    assert page["limit"] == 20 and page["offset"] == 0, page
    assert type(page["total"]) is int and page["total"] >= 1, page
    assert len(page["items"]) == min(page["total"], 20)
    for item in page["items"]:
        assert_item(item)


def test_list_is_ordered_by_id_and_pages_through_everything(live_service: LiveService) -> None:
    with live_service.admin_client() as client:
        for number in range(3):
            _create(client, name=f"page-{number}")
        total = _total(client)
        seen: list[int] = []
        for offset in range(0, total, 100):
            response = client.get(ITEMS, params={"limit": 100, "offset": offset})
            assert response.status_code == 200, describe(response)
            page = response.json()
            assert page["total"] == total and page["limit"] == 100 and page["offset"] == offset
            seen += [item["id"] for item in page["items"]]
    assert len(seen) == total
    assert seen == sorted(seen) and len(set(seen)) == len(seen), "not ordered by id ascending"


def test_last_page_holds_the_newest_item(live_service: LiveService) -> None:
    with live_service.admin_client() as client:
        newest = _create(client, name="newest")
        total = _total(client)
        response = client.get(ITEMS, params={"limit": 5, "offset": total - 1})
        beyond = client.get(ITEMS, params={"limit": 5, "offset": total + 10})
    assert response.status_code == 200, describe(response)
    assert [item["id"] for item in response.json()["items"]] == [newest["id"]]
    assert beyond.status_code == 200, describe(beyond)
    assert beyond.json()["items"] == [] and beyond.json()["total"] == total


@pytest.mark.parametrize("limit", [1, 100])
def test_limit_boundaries_are_accepted(live_service: LiveService, limit: int) -> None:
    with live_service.admin_client() as client:
        _create(client)
        response = client.get(ITEMS, params={"limit": limit})
    assert response.status_code == 200, describe(response)
    assert response.json()["limit"] == limit
    assert 1 <= len(response.json()["items"]) <= limit


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("limit", "0"),
        ("limit", "101"),
        ("limit", "-1"),
        ("limit", "abc"),
        ("limit", "1.5"),
        ("offset", "-1"),
        ("offset", "abc"),
    ],
)
def test_out_of_range_paging_is_a_422(
    live_service: LiveService, parameter: str, value: str
) -> None:
    with live_service.admin_client() as client:
        response = client.get(ITEMS, params={parameter: value})
    assert_validation_problem(response, parameter)


# ── validation ───────────────────────────────────────────────────────────────────────────

VALID = {"name": "valid", "description": "ok", "price": 10}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "n" * 101}, "name"),
        ({"name": 123}, "name"),
        ({"name": None}, "name"),
        ({"name": ["a"]}, "name"),
        ({"description": "d" * 1001}, "description"),
        ({"description": 5}, "description"),
        ({"price": 0}, "price"),
        ({"price": -1}, "price"),
        ({"price": 1_000_000.01}, "price"),
        ({"price": 2_000_000}, "price"),
        ({"price": 1.234}, "price"),
        ({"price": 0.001}, "price"),
        ({"price": "12.50"}, "price"),
        ({"price": True}, "price"),
        ({"price": None}, "price"),
        ({"price": {"amount": 1}}, "price"),
    ],
)
def test_invalid_fields_are_refused_on_create_and_patch(
    live_service: LiveService, changes: dict[str, Any], field: str
) -> None:
    with live_service.admin_client() as client:
        assert_validation_problem(client.post(ITEMS, json={**VALID, **changes}), field)
        item = _create(client)
        assert_validation_problem(client.patch(f"{ITEMS}/{item['id']}", json=changes), field)
        assert client.get(f"{ITEMS}/{item['id']}").json() == item


@pytest.mark.parametrize("field", ["name", "price"])
def test_required_fields_on_create(live_service: LiveService, field: str) -> None:
    body = {name: value for name, value in VALID.items() if name != field}
    with live_service.admin_client() as client:
        assert_validation_problem(client.post(ITEMS, json=body), field)


@pytest.mark.parametrize("body", [[], [VALID], "text", 42, None])
def test_a_body_that_is_not_an_object_is_refused(live_service: LiveService, body: Any) -> None:
    with live_service.admin_client() as client:
        response = client.post(
            ITEMS, content=json.dumps(body), headers={"Content-Type": "application/json"}
        )
    assert_problem(response, 400, 422)


@pytest.mark.parametrize(
    "fields",
    [
        {"name": "n"},
        {"name": "n" * 100},
        {"description": "d" * 1000},
        {"price": 0.01},
        {"price": 1_000_000},
        {"price": 19.99},
        {"price": 0.07},
        {"price": 1.15},
        {"price": 999_999.99},
        {"price": 7},
    ],
    ids=lambda fields: "-".join(f"{name}={str(value)[:12]}" for name, value in fields.items()),
)
def test_values_at_the_limits_are_accepted(
    live_service: LiveService, fields: dict[str, Any]
) -> None:
    with live_service.admin_client() as client:
        created = _create(client, **fields)
        for name, value in fields.items():
            assert created[name] == value, created
        patched = client.patch(f"{ITEMS}/{created['id']}", json=fields)
    assert patched.status_code == 200, describe(patched)
    for name, value in fields.items():
        assert patched.json()[name] == value, patched.json()


def test_read_only_fields_are_never_applied(live_service: LiveService) -> None:
    forged = {
        "id": 1_999_999_999,
        "owner_id": 1_999_999_998,
        "created_at": "2000-01-01T00:00:00Z",
        "updated_at": "2000-01-01T00:00:00Z",
    }
    with live_service.admin_client() as client:
        owner = _expected_owner(live_service, client)
        created = client.post(ITEMS, json={**VALID, **forged})
        if created.status_code == 201:
            item = created.json()
        else:
            named = field_names(assert_problem(created, 422))
            assert named & set(forged), describe(created)
            item = _create(client)
        for name, value in forged.items():
            patched = client.patch(f"{ITEMS}/{item['id']}", json={name: value})
            if patched.status_code != 200:
                assert_validation_problem(patched, name)
        stored = client.get(f"{ITEMS}/{item['id']}")
    assert stored.status_code == 200, describe(stored)
    stored_item = stored.json()
    assert stored_item["id"] == item["id"] != forged["id"]
    assert stored_item["owner_id"] == owner
    for name in ("created_at", "updated_at"):
        assert parse_timestamp(stored_item[name]).year > 2000, stored_item


# ── ownership ────────────────────────────────────────────────────────────────────────────


def test_only_the_owner_or_an_admin_may_change_an_item(live_service: LiveService) -> None:
    if not live_service.has_users:
        # Without users nobody owns anything and every client may change every item.
        with live_service.admin_client() as client:
            item = _create(client)
            assert item["owner_id"] is None
            assert client.patch(f"{ITEMS}/{item['id']}", json={"name": "x"}).status_code == 200
            assert client.delete(f"{ITEMS}/{item['id']}").status_code == 204
        return
    owner, owner_headers = live_service.create_user()
    _, stranger_headers = live_service.create_user()
    with (
        live_service.client(owner_headers) as owner_client,
        live_service.client(stranger_headers) as stranger,
        live_service.admin_client() as admin,
    ):
        item = _create(owner_client, name="mine")
        admins_item = _create(admin, name="admin's")
        assert item["owner_id"] == owner["id"]

        assert stranger.get(f"{ITEMS}/{item['id']}").json() == item
        assert_problem(stranger.patch(f"{ITEMS}/{item['id']}", json={"name": "stolen"}), 403)
        assert_problem(stranger.delete(f"{ITEMS}/{item['id']}"), 403)
        assert_problem(owner_client.patch(f"{ITEMS}/{admins_item['id']}", json={"name": "x"}), 403)
        assert owner_client.get(f"{ITEMS}/{item['id']}").json()["name"] == "mine"

        renamed = owner_client.patch(f"{ITEMS}/{item['id']}", json={"name": "still mine"})
        assert renamed.status_code == 200, describe(renamed)
        by_admin = admin.patch(f"{ITEMS}/{item['id']}", json={"name": "moderated"})
        assert by_admin.status_code == 200, describe(by_admin)
        assert by_admin.json()["owner_id"] == owner["id"]
        assert admin.delete(f"{ITEMS}/{item['id']}").status_code == 204
        assert owner_client.delete(f"{ITEMS}/{admins_item['id']}").status_code == 403


# ── concurrency ──────────────────────────────────────────────────────────────────────────

CONCURRENT_CREATES = 100
CONCURRENT_CLIENTS = 16


def test_concurrent_creates_lose_nothing(live_service: LiveService) -> None:
    headers = live_service.admin_headers()
    with live_service.client(headers) as client:
        before = _total(client)
    # Each worker thread is one client; the barrier holds the first request of each until
    # all sixteen are ready, so the writes really overlap.
    start_together = threading.Barrier(CONCURRENT_CLIENTS)
    per_thread = threading.local()
    clients: list[httpx.Client] = []

    def create(number: int) -> httpx.Response:
        if not hasattr(per_thread, "client"):
            per_thread.client = live_service.client(headers)
            clients.append(per_thread.client)
            start_together.wait(timeout=60)
        return per_thread.client.post(ITEMS, json={"name": f"concurrent-{number}", "price": 1.5})

    try:
        with ThreadPoolExecutor(max_workers=CONCURRENT_CLIENTS) as pool:
            responses = list(pool.map(create, range(CONCURRENT_CREATES)))
    finally:
        for client in clients:
            client.close()
    failures = [describe(response) for response in responses if response.status_code != 201]
    assert not failures, f"{len(failures)} creates failed, e.g.:\n{failures[0]}"
    ids = {response.json()["id"] for response in responses}
    assert len(ids) == CONCURRENT_CREATES
    with live_service.client(headers) as client:
        assert _total(client) == before + CONCURRENT_CREATES
