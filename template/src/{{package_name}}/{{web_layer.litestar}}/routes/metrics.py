"""Prometheus exposition, and the route template that labels each request's metrics."""

from __future__ import annotations

from litestar import Response, get

from ...metrics import render_metrics
from ...middleware import Scope


@get("/metrics", include_in_schema=False, sync_to_thread=False)
def metrics() -> Response[bytes]:
    body, content_type = render_metrics()
    return Response(body, media_type=content_type)


def route_template(scope: Scope) -> str | None:
    """The path template of the route Litestar matched, which its router records in the
    scope: one label per route, whatever ids the path carries."""
    return scope.get("path_template")
