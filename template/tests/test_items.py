"""The items resource: CRUD, pagination and validation."""

from __future__ import annotations

import asyncio

import pytest
from httpx import AsyncClient

from .helpers import assert_problem

ITEMS = "/api/v1/items"


async def create(client: AsyncClient, headers: dict[str, str], **fields: object) -> dict:
    body = {"name": "Lamp", "price": 19.99} | fields
    response = await client.post(ITEMS, json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def test_create_returns_the_item_and_its_location(
    client: AsyncClient, auth_headers: dict[str, str]
) -> None:
    response = await client.post(
        ITEMS, json={"name": "Desk", "description": "Oak", "price": 250}, headers=auth_headers
    )
    assert response.status_code == 201
    item = response.json()
    assert item["name"] == "Desk"
    assert item["description"] == "Oak"
    assert item["price"] == 250
    assert item["created_at"].endswith(("Z", "+00:00"))
    assert response.headers["Location"].endswith(f"{ITEMS}/{item['id']}")
    fetched = await client.get(response.headers["Location"], headers=auth_headers)
    assert fetched.json() == item


async def test_read_only_fields_are_never_applied(
    client: AsyncClient, auth_headers: dict[str, str]
) -> None:
    item = await create(
        client, auth_headers, id=999_999, owner_id=424242, created_at="2000-01-01T00:00:00Z"
    )
    assert item["id"] != 999_999
    assert item["owner_id"] != 424242
    assert not item["created_at"].startswith("2000")


async def test_list_is_paginated_and_ordered_by_id(
    client: AsyncClient, auth_headers: dict[str, str]
) -> None:
    for index in range(3):
        await create(client, auth_headers, name=f"page-{index}")
    page = (await client.get(ITEMS, params={"limit": 2, "offset": 1}, headers=auth_headers)).json()
    assert page["limit"] == 2
    assert page["offset"] == 1
    assert len(page["items"]) == 2
    assert page["total"] >= 3
    ids = [item["id"] for item in page["items"]]
    assert ids == sorted(ids)


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"limit": "x"}])
async def test_bad_pagination_is_a_422_problem(
    client: AsyncClient, auth_headers: dict[str, str], params: dict
) -> None:
    body = assert_problem(await client.get(ITEMS, params=params, headers=auth_headers), 422)
    assert body["errors"][0]["field"] in params


async def test_patch_changes_only_given_fields_and_moves_updated_at(
    client: AsyncClient, auth_headers: dict[str, str]
) -> None:
    item = await create(client, auth_headers, description="before")
    response = await client.patch(
        f"{ITEMS}/{item['id']}", json={"price": 5.5}, headers=auth_headers
    )
    assert response.status_code == 200
    updated = response.json()
    assert updated["price"] == 5.5
    assert updated["description"] == "before"
    assert updated["updated_at"] > item["updated_at"]


async def test_delete_then_the_item_is_gone(
    client: AsyncClient, auth_headers: dict[str, str]
) -> None:
    item = await create(client, auth_headers)
    response = await client.delete(f"{ITEMS}/{item['id']}", headers=auth_headers)
    assert response.status_code == 204
    assert response.content == b""
    assert_problem(await client.get(f"{ITEMS}/{item['id']}", headers=auth_headers), 404)
    assert_problem(await client.delete(f"{ITEMS}/{item['id']}", headers=auth_headers), 404)


async def test_absent_and_non_integer_ids(
    client: AsyncClient, auth_headers: dict[str, str]
) -> None:
    for absent in (987654321, 2**31, 2**63, -(2**63) - 1):
        assert_problem(await client.get(f"{ITEMS}/{absent}", headers=auth_headers), 404)
    assert_problem(await client.patch(f"{ITEMS}/987654321", json={}, headers=auth_headers), 404)
    response = await client.get(f"{ITEMS}/not-a-number", headers=auth_headers)
    assert response.status_code in (404, 422)
    assert_problem(response, response.status_code)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"price": 1}, "name"),
        ({"name": "x"}, "price"),
        ({"name": "", "price": 1}, "name"),
        ({"name": "x" * 101, "price": 1}, "name"),
        ({"name": 12, "price": 1}, "name"),
        ({"name": "x", "price": 0}, "price"),
        ({"name": "x", "price": -3}, "price"),
        ({"name": "x", "price": 1_000_000.01}, "price"),
        ({"name": "x", "price": 1.234}, "price"),
        ({"name": "x", "price": "12"}, "price"),
        ({"name": "x", "price": 1, "description": "d" * 1001}, "description"),
    ],
)
async def test_invalid_item_is_a_422_naming_the_field(
    client: AsyncClient, auth_headers: dict[str, str], body: dict, field: str
) -> None:
    problem = assert_problem(await client.post(ITEMS, json=body, headers=auth_headers), 422)
    assert field in [error["field"] for error in problem["errors"]]


async def test_patch_cannot_null_a_required_field(
    client: AsyncClient, auth_headers: dict[str, str]
) -> None:
    item = await create(client, auth_headers)
    for field in ("name", "price"):
        response = await client.patch(
            f"{ITEMS}/{item['id']}", json={field: None}, headers=auth_headers
        )
        assert assert_problem(response, 422)["errors"][0]["field"] == field


async def test_malformed_json_is_a_problem(
    client: AsyncClient, auth_headers: dict[str, str]
) -> None:
    response = await client.post(
        ITEMS, content=b"{not json", headers={**auth_headers, "Content-Type": "application/json"}
    )
    assert response.status_code in (400, 422)
    assert_problem(response, response.status_code)


async def test_concurrent_creates_lose_nothing(
    client: AsyncClient, auth_headers: dict[str, str]
) -> None:
    before = (await client.get(ITEMS, headers=auth_headers)).json()["total"]
    responses = await asyncio.gather(
        *(
            client.post(ITEMS, json={"name": f"c{i}", "price": 1}, headers=auth_headers)
            for i in range(100)
        )
    )
    assert [response.status_code for response in responses] == [201] * 100
    after = (await client.get(ITEMS, headers=auth_headers)).json()["total"]
    assert after - before == 100


async def test_patch_racing_a_delete_is_never_a_server_error(
    client: AsyncClient, auth_headers: dict[str, str]
) -> None:
    items = [await create(client, auth_headers) for _ in range(10)]
    requests = []
    for item in items:
        path = f"{ITEMS}/{item['id']}"
        requests.append(client.delete(path, headers=auth_headers))
        requests.append(client.patch(path, json={"name": "late"}, headers=auth_headers))
        requests.append(client.patch(path, json={}, headers=auth_headers))
    responses = await asyncio.gather(*requests)
    assert {response.status_code for response in responses} <= {200, 204, 404}
