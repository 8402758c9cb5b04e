"""OpenAPI document and interactive docs that work without internet access."""

from __future__ import annotations

import re

from httpx import AsyncClient


async def test_openapi_document_lists_the_routes(client: AsyncClient) -> None:
    document = (await client.get("/openapi.json")).json()
    assert document["openapi"].startswith("3.")
    assert {"/health", "/ready", "/api/v1/items", "/api/v1/items/{item_id}"} <= document[
        "paths"
    ].keys()


async def test_docs_page_loads_its_assets_from_the_service(client: AsyncClient) -> None:
    for page in ("/docs", "/redoc"):
        html = (await client.get(page)).text
        assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css|png))"', html)
        assert assets, page
        for asset in assets:
            assert asset.startswith("/"), f"{page} loads {asset} from elsewhere"
            assert (await client.get(asset)).status_code == 200, asset
