"""Binders of the service's own parameter types (BlackSheep's binding of handler arguments)."""

from __future__ import annotations

from typing import TypeVar

from blacksheep import Request
from blacksheep.server.bindings import Binder, BoundValue, JSONBinder
from pydantic import BaseModel, Field

Model = TypeVar("Model", bound=BaseModel)

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


class FromJSONBody(BoundValue[Model]):
    """A parameter bound from the JSON body, as `FromJSON` is, validated by its model."""


class JSONBodyBinder(JSONBinder):
    """Binds `FromJSONBody[Model]`. BlackSheep's JSON binder refuses every falsy document
    (`{}`, `null`) as a missing body before the model sees it: here the model judges it, so
    `{}` is a partial update that changes nothing, and a missing field a 422 naming it."""

    handle = FromJSONBody

    async def get_value(self, request: Request) -> BaseModel | None:
        if request.declares_json():
            return self.expected_type.model_validate(await request.json())
        return await super().get_value(request)
