"""Prometheus exposition, and the route template that labels each request's metrics."""

from __future__ import annotations

from collections.abc import Iterable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route

from ...metrics import render_metrics
from ...middleware import Scope


async def metrics(request: Request) -> Response:
    body, content_type = render_metrics()
    return Response(body, media_type=content_type)


routes = [Route("/metrics", metrics, methods=["GET"], include_in_schema=False)]


class RouteTemplates:
    """The full path template of the route Starlette matched.

    Starlette's router records the matched route in the scope as `scope["route"]`, and a
    mount's router overwrites it with the route matched inside: its path is relative to
    the mount (`/items/{item_id:int}` under `/api/v1`). The full templates, parameters named
    without their convertors (`/api/v1/items/{item_id}`), are worked out once from the
    route table, so each request costs one lookup."""

    def __init__(self, routes: Iterable[BaseRoute]) -> None:
        self.templates = dict(_leaves(routes, ""))

    def __call__(self, scope: Scope) -> str | None:
        return self.templates.get(id(scope.get("route")))


def _leaves(routes: Iterable[BaseRoute], prefix: str) -> Iterable[tuple[int, str]]:
    for route in routes:
        if isinstance(route, Mount) and route.routes:
            yield from _leaves(route.routes, prefix + route.path)
        elif isinstance(route, Route):
            yield id(route), prefix + route.path_format
        elif isinstance(route, Mount):
            yield id(route), prefix + route.path
