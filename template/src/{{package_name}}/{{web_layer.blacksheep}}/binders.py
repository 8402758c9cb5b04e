"""Binders of the service's own parameter types (BlackSheep's binding of handler arguments)."""

from __future__ import annotations

from blacksheep import Request
from blacksheep.server.bindings import Binder, JSONBinder
from pydantic import BaseModel, Field

from ..schemas.items import ItemUpdate

# OFFSET is a 64-bit integer in SQL; a larger one is a client error, not a database one.
LARGEST_OFFSET = 2**63 - 1


class Page(BaseModel):
    limit: int = Field(default=20, ge=1, le=100)
    offset: int = Field(default=0, ge=0, le=LARGEST_OFFSET)


class PageBinder(Binder):
    """Binds a `Page` parameter from the query string, validated by pydantic: BlackSheep
    binds query values one by one and checks only their type."""

    type_alias = Page

    def __init__(self, implicit: bool = True) -> None:
        super().__init__(Page, implicit=implicit)

    async def get_value(self, request: Request) -> Page:
        return Page.model_validate({name: values[-1] for name, values in request.query.items()})


class ItemChangesBinder(JSONBinder):
    """Binds an `ItemUpdate` parameter from the JSON body. BlackSheep's JSON binder takes an
    empty object for a missing body, but `{}` is a partial update that changes nothing."""

    handle = None  # bound by the parameter's type, as `Page` is
    type_alias = ItemUpdate

    def __init__(self, implicit: bool = True) -> None:
        super().__init__(ItemUpdate, implicit=implicit)

    async def get_value(self, request: Request) -> ItemUpdate | None:
        if request.declares_json():
            return self.parse_value(await request.json())
        return await super().get_value(request)
