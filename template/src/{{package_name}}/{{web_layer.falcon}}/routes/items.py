"""The example resource: items."""

from __future__ import annotations

import re

import falcon
from falcon.asgi import App, Request, Response
from falcon.routing import IntConverter
from pydantic import BaseModel, Field
from spectree import Response as Answers

from ...schemas.items import ItemCreate, ItemPage, ItemRead, ItemUpdate
from ...services import items as item_service
from ..auth import REQUIRED, SECURITY
from ..openapi import spec

COLLECTION = "/api/v1/items"
# OFFSET is a 64-bit integer in SQL; a larger one is a client error, not a database one.
LARGEST_OFFSET = 2**63 - 1
DECIMAL = re.compile(r"-?[0-9]+")


class DecimalIntConverter(IntConverter):
    """Falcon's `int` converter, taking ASCII digits only: int() also reads underscores and
    the digits of other scripts (Arabic-Indic one is 1), which no client means as an id."""

    def convert(self, value: str) -> int | None:
        return super().convert(value) if DECIMAL.fullmatch(value) else None


class Pagination(BaseModel):
    limit: int = Field(default=20, ge=1, le=100)
    offset: int = Field(default=0, ge=0, le=LARGEST_OFFSET)


class ItemsResource:
    """The collection's responders, and with the `item` suffix those of one item."""

    auth = REQUIRED
    uses_database = True

    @spec.validate(
        resp=Answers(HTTP_200=ItemPage),
        tags=["items"],
        security=SECURITY,
        operation_id="list_items",
    )
    async def on_get(self, req: Request, resp: Response, query: Pagination) -> None:
        """A page of items, ordered by id, with how many there are."""
        items, total = await item_service.list_items(req.context.session, query.limit, query.offset)
        resp.media = ItemPage(
            items=[ItemRead.model_validate(item) for item in items],
            total=total,
            limit=query.limit,
            offset=query.offset,
        )

    @spec.validate(
        resp=Answers(HTTP_201=ItemRead),
        tags=["items"],
        security=SECURITY,
        operation_id="create_item",
    )
    async def on_post(self, req: Request, resp: Response, json: ItemCreate) -> None:
        """Create an item; its URL is in the Location header."""
        item = await item_service.create_item(req.context.session, json, req.context.principal)
        resp.status = falcon.HTTP_201
        resp.location = f"{req.prefix}{COLLECTION}/{item.id}"
        resp.media = ItemRead.model_validate(item)

    @spec.validate(
        resp=Answers(HTTP_200=ItemRead, HTTP_404=None),
        tags=["items"],
        security=SECURITY,
        operation_id="get_item",
    )
    async def on_get_item(self, req: Request, resp: Response, item_id: int) -> None:
        """One item."""
        item = await item_service.get_item(req.context.session, item_id)
        resp.media = ItemRead.model_validate(item)

    @spec.validate(
        resp=Answers(HTTP_200=ItemRead, HTTP_403=None, HTTP_404=None),
        tags=["items"],
        security=SECURITY,
        operation_id="update_item",
    )
    async def on_patch_item(
        self, req: Request, resp: Response, item_id: int, json: ItemUpdate
    ) -> None:
        """Change the fields given; only the owner or an admin may."""
        item = await item_service.update_item(
            req.context.session, item_id, json, req.context.principal
        )
        resp.media = ItemRead.model_validate(item)

    @spec.validate(
        resp=Answers(HTTP_204=None, HTTP_403=None, HTTP_404=None),
        tags=["items"],
        security=SECURITY,
        operation_id="delete_item",
    )
    async def on_delete_item(self, req: Request, resp: Response, item_id: int) -> None:
        """Delete an item; only the owner or an admin may."""
        await item_service.delete_item(req.context.session, item_id, req.context.principal)
        resp.status = falcon.HTTP_204


def add_routes(app: App) -> None:
    # Replaces Falcon's own `int` for the whole app, before the routes that use it are added.
    app.router_options.converters["int"] = DecimalIntConverter
    items = ItemsResource()
    app.add_route(COLLECTION, items)
    app.add_route(COLLECTION + "/{item_id:int}", items, suffix="item")
