"""Limit/offset pages in the contract's shape: {"items", "total", "limit", "offset"}."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response

from .serializers.items import PageParametersSerializer


class LimitOffsetPage(BasePagination):
    """Like DRF's LimitOffsetPagination, but an out-of-range or non-integer `limit` or
    `offset` is a 422 instead of being replaced by the default without a word."""

    def paginate_queryset(
        self, queryset: QuerySet, request: Request, view: Any = None
    ) -> list[Any]:
        parameters = PageParametersSerializer(data=request.query_params)
        parameters.is_valid(raise_exception=True)
        self.limit = parameters.validated_data["limit"]
        self.offset = parameters.validated_data["offset"]
        self.total = queryset.count()
        return list(queryset[self.offset : self.offset + self.limit])

    def get_paginated_response(self, data: list[Any]) -> Response:
        return Response(
            {"items": data, "total": self.total, "limit": self.limit, "offset": self.offset}
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["items", "total", "limit", "offset"],
            "properties": {
                "items": schema,
                "total": {"type": "integer"},
                "limit": {"type": "integer"},
                "offset": {"type": "integer"},
            },
        }

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": "limit",
                "in": "query",
                "required": False,
                "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
            },
            {
                "name": "offset",
                "in": "query",
                "required": False,
                "schema": {"type": "integer", "minimum": 0, "default": 0},
            },
        ]
