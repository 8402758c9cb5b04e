"""Limit/offset pages in the contract's shape: {"items", "total", "limit", "offset"}."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# OFFSET is a 64-bit integer in SQL; a larger one is a client error, not a database one.
MAX_OFFSET = 2**63 - 1


class LimitOffsetPage(PaginationBase):
    """Like Ninja's LimitOffsetPagination, but a `limit` above the maximum is a 422
    instead of being cut down without a word, and the page says what it holds."""

    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    class Output(Schema):
        items: list[Any]
        total: int
        limit: int
        offset: int

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        limit, offset = pagination.limit, pagination.offset
        return {
            "items": queryset[offset : offset + limit],
            "total": self._items_count(queryset),
            "limit": limit,
            "offset": offset,
        }
