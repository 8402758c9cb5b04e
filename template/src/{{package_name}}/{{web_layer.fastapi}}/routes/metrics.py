"""Prometheus exposition, and the route template that labels each request's metrics."""

from __future__ import annotations

from fastapi import APIRouter, Response

from ...metrics import render_metrics
from ...middleware import Scope

router = APIRouter(tags=["operations"])


@router.get("/metrics", include_in_schema=False)
async def metrics() -> Response:
    body, content_type = render_metrics()
    return Response(body, media_type=content_type)


def route_template(scope: Scope) -> str | None:
    """The path template of the route FastAPI matched, which it records in the scope: one
    label per route, whatever ids the path carries."""
    return getattr(scope.get("route"), "path", None)
