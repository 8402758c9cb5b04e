"""The example resource: items."""

from __future__ import annotations

from pydantic import BaseModel, Field
from starlette.endpoints import HTTPEndpoint
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ...schemas.items import ItemCreate, ItemPage, ItemRead, ItemUpdate
from ...services import items as item_service
from ..auth import authenticated
from ..responses import ModelResponse
from ..validation import request_validation

# OFFSET is a 64-bit integer in SQL; a larger one is a client error, not a database one.
LARGEST_OFFSET = 2**63 - 1


class PageQuery(BaseModel):
    limit: int = Field(default=20, ge=1, le=100)
    offset: int = Field(default=0, ge=0, le=LARGEST_OFFSET)


class ItemCollection(HTTPEndpoint):
    @authenticated
    async def get(self, request: Request) -> ModelResponse:
        """List items, ordered by id."""
        with request_validation():
            page = PageQuery.model_validate(request.query_params)
        items, total = await item_service.list_items(request.state.session, page.limit, page.offset)
        return ModelResponse(
            ItemPage(
                items=[ItemRead.model_validate(item) for item in items],
                total=total,
                limit=page.limit,
                offset=page.offset,
            )
        )

    @authenticated
    async def post(self, request: Request) -> ModelResponse:
        """Create an item."""
        with request_validation():
            data = ItemCreate.model_validate_json(await request.body())
        item = await item_service.create_item(request.state.session, data, request.user.principal)
        location = str(request.url_for("item", item_id=item.id))
        return ModelResponse(
            ItemRead.model_validate(item), status_code=201, headers={"Location": location}
        )


class ItemResource(HTTPEndpoint):
    @authenticated
    async def get(self, request: Request) -> ModelResponse:
        """Read one item."""
        item = await item_service.get_item(request.state.session, request.path_params["item_id"])
        return ModelResponse(ItemRead.model_validate(item))

    @authenticated
    async def patch(self, request: Request) -> ModelResponse:
        """Change some of an item's fields."""
        with request_validation():
            data = ItemUpdate.model_validate_json(await request.body())
        item = await item_service.update_item(
            request.state.session, request.path_params["item_id"], data, request.user.principal
        )
        return ModelResponse(ItemRead.model_validate(item))

    @authenticated
    async def delete(self, request: Request) -> Response:
        """Delete an item."""
        await item_service.delete_item(
            request.state.session, request.path_params["item_id"], request.user.principal
        )
        return Response(status_code=204)


routes = [
    Route("/items", ItemCollection, name="items"),
    Route("/items/{item_id:int}", ItemResource, name="item"),
]
