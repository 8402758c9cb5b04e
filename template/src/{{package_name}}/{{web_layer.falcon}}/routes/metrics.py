"""Prometheus exposition, and the route template that labels each request's metrics."""

from __future__ import annotations

from typing import Any

from falcon.asgi import App, Request, Response

from ...metrics import render_metrics
from ...middleware import Scope

# Where the matched route's template travels in the ASGI scope, from Falcon's router to
# ServiceMiddleware, which reads it once the answer is sent.
ROUTE_TEMPLATE = "falcon.uri_template"


class MetricsResource:
    async def on_get(self, req: Request, resp: Response) -> None:
        body, content_type = render_metrics()
        resp.content_type = content_type
        resp.data = body


class RouteTemplate:
    """Falcon middleware component: records the template of the route Falcon matched (one
    label per route, whatever ids the path carries) in the request's ASGI scope."""

    async def process_resource(
        self, req: Request, resp: Response, resource: object, params: dict[str, Any]
    ) -> None:
        req.scope[ROUTE_TEMPLATE] = req.uri_template


def route_template(scope: Scope) -> str | None:
    return scope.get(ROUTE_TEMPLATE)


def add_routes(app: App) -> None:
    app.add_route("/metrics", MetricsResource())
